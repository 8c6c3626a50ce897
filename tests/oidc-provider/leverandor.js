// A real OpenID Connect provider on loopback, for tests/oidc.rs only: `oidc-provider` with its
// development login and consent pages. Any login name is accepted; it becomes the subject, and
// the e-mail is `<login>@oidc.test` (verified), so a test chooses who logs in by what it types.
//
// Usage: KLIENT_ID=… HEMMELIGHET=… TILBAKE=<redirect uri> node leverandor.js
// Listens on a free loopback port and prints `KLAR <issuer>` on one line when ready.
import http from "node:http";
import Provider from "oidc-provider";

const { KLIENT_ID, HEMMELIGHET, TILBAKE } = process.env;
if (!KLIENT_ID || !HEMMELIGHET || !TILBAKE) {
  console.error("KLIENT_ID, HEMMELIGHET og TILBAKE må være satt");
  process.exit(2);
}

const server = http.createServer();
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: KLIENT_ID,
        client_secret: HEMMELIGHET,
        redirect_uris: [TILBAKE],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // PKCE for every client, not only public ones.
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The scopes' claims in the ID token itself, as Entra ID and Ansattporten give them:
    // Klagesak reads only the ID token.
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: `${sub}@oidc.test`, email_verified: true, name: `Testperson ${sub}` }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["bare-for-tester-paa-loopback"] },
  });
  server.on("request", provider.callback());
  console.log(`KLAR ${issuer}`);
});

// The test kills the process when it is done; end cleanly on the signal.
process.on("SIGTERM", () => process.exit(0));
