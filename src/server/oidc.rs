//! Login with OpenID Connect (the offices' Entra ID, Ansattporten for municipalities): the
//! authorization code flow with PKCE, `state` and `nonce`, and an ID token whose signature,
//! issuer, audience, expiry and nonce are all checked (the `openidconnect` crate).
//!
//! `GET /oidc/logg-inn?tilbake=/saker` sends the browser to the provider; `GET /oidc/tilbake`
//! takes it back, checks everything, and hands the verified identity to `db::oidc::logg_inn`,
//! which decides from the administrator's mapping whether and as what the person gets in. The
//! session is then the same as after a password login (`okt::innlogget_svar`).
//!
//! **Where the login under way is kept.** Server-side, in the `oidc_innlogging` table, keyed by
//! the SHA-256 of a random token in a short-lived `__Host-` cookie. Compared with putting
//! state, verifier and nonce in an encrypted cookie: there is no cookie key to generate,
//! rotate and share between instances; the PKCE verifier never leaves the server; and taking
//! the row deletes it, so a callback can be used once only (a replayed or repeated callback
//! finds nothing). The cookie binds the login to the browser that started it, so an attacker
//! cannot hand someone else a callback URL and log them in as the attacker. A row lives ten
//! minutes; rows never completed are cleared at the next login.
//!
//! Configured from the environment (`KLAGESAK_OIDC_*`, read by `server::config::Konfig` through [`OidcKonfig::fra`]). Without configuration there is
//! no [`Oidc`] in the request extensions: both routes answer 404 and the login page shows no
//! button. Nothing personal (subject, e-mail) is written to the application log; the audit
//! log gets the refusals with their reason.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Router};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use sha2::{Digest, Sha256};
use tokio::sync::RwLock;

use super::okt::{cookie_verdi, innlogget_svar, startside};
use super::uttrekk::Gjenvisning;
use super::AppState;
use crate::db::oidc::{self as lager, Identitet, OidcInnloggingFeil, Ventende};
use crate::domain::lokalsti::Lokalsti;
use crate::skjema::innsending::{Innlogging, Innloggingsfeil, Innsending};
use crate::tjenester::revisjonslogg::Logg;
use crate::tjenester::{Klientadresse, OidcTilbudt};

/// The cookie that ties a login under way to the browser that started it.
pub const VENTE_COOKIE: &str = "__Host-klagesak-oidc";
/// How long a login may take at the provider.
const VENTETID_MIN: i64 = 10;
/// How long discovered provider metadata (and its signing keys) is reused.
const METADATA_TTL: Duration = Duration::from_secs(15 * 60);
/// The path the provider sends the browser back to, under the public base URL.
pub const TILBAKE_STI: &str = "/oidc/tilbake";

/// A secret that never shows in `Debug`.
#[derive(Clone)]
pub struct Hemmelighet(String);

impl From<String> for Hemmelighet {
    fn from(s: String) -> Self {
        Hemmelighet(s)
    }
}

impl std::fmt::Debug for Hemmelighet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// The relying party's configuration.
#[derive(Clone, Debug)]
pub struct OidcKonfig {
    /// The provider's issuer URL (discovery at `{issuer}/.well-known/openid-configuration`).
    pub issuer: String,
    pub klient_id: String,
    pub hemmelighet: Hemmelighet,
    /// The public base URL of this app, e.g. `https://klagesak.statsforvalteren.no`; the
    /// redirect URI registered at the provider is this plus [`TILBAKE_STI`].
    pub offentlig_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OidcKonfigFeil {
    #[error("{0} mangler: OpenID Connect trenger KLAGESAK_OIDC_ISSUER, KLAGESAK_OIDC_KLIENT_ID, KLAGESAK_OIDC_HEMMELIGHET og KLAGESAK_OFFENTLIG_URL")]
    Mangler(&'static str),
    #[error("{0} er ikke en gyldig adresse")]
    UgyldigUrl(&'static str),
}

const VARIABLER: [&str; 4] = ["KLAGESAK_OIDC_ISSUER", "KLAGESAK_OIDC_KLIENT_ID", "KLAGESAK_OIDC_HEMMELIGHET", "KLAGESAK_OFFENTLIG_URL"];

impl OidcKonfig {
    /// `None` when none of the four variables is set (OIDC off); an error naming the first
    /// missing one when only some are.
    pub fn fra(les: impl Fn(&str) -> Option<String>) -> Result<Option<OidcKonfig>, OidcKonfigFeil> {
        let verdier: Vec<Option<String>> = VARIABLER.iter().map(|n| les(n)).collect();
        if verdier.iter().all(Option::is_none) {
            return Ok(None);
        }
        let mut verdier = verdier.into_iter().zip(VARIABLER).map(|(v, navn)| v.ok_or(OidcKonfigFeil::Mangler(navn)));
        let mut neste = || verdier.next().expect("four variables");
        let konfig = OidcKonfig {
            issuer: neste()?,
            klient_id: neste()?,
            hemmelighet: Hemmelighet(neste()?),
            offentlig_url: neste()?.trim_end_matches('/').to_owned(),
        };
        konfig.valider()?;
        Ok(Some(konfig))
    }

    fn valider(&self) -> Result<(), OidcKonfigFeil> {
        IssuerUrl::new(self.issuer.clone()).map_err(|_| OidcKonfigFeil::UgyldigUrl("KLAGESAK_OIDC_ISSUER"))?;
        self.tilbake_url().map_err(|_| OidcKonfigFeil::UgyldigUrl("KLAGESAK_OFFENTLIG_URL"))?;
        Ok(())
    }

    fn tilbake_url(&self) -> Result<RedirectUrl, openidconnect::url::ParseError> {
        RedirectUrl::new(format!("{}{TILBAKE_STI}", self.offentlig_url))
    }
}

/// The client as discovery makes it: authorization endpoint known, token and userinfo
/// endpoints as the provider says.
type Klient = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// OpenID Connect at run time: the configuration, an HTTP client for the provider, and the
/// provider's metadata and keys, fetched when first needed and then reused for a while (so
/// rotated keys are picked up without a restart).
pub struct Oidc {
    konfig: OidcKonfig,
    http: reqwest::Client,
    leverandoer: RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

/// Why the provider's answer was not accepted, as far as the audit log needs to know.
#[derive(Debug, thiserror::Error)]
enum Avvisning {
    #[error("leverandøren svarer ikke")]
    Utilgjengelig,
    #[error("ingen ventende innlogging i denne nettleseren (utløpt eller brukt)")]
    IngenVentende,
    #[error("state stemmer ikke")]
    FeilTilstand,
    #[error("leverandøren meldte feil")]
    LeverandoerFeil,
    #[error("koden kunne ikke veksles")]
    Veksling,
    #[error("id-tokenet ble avvist")]
    Token,
}

impl Oidc {
    pub fn ny(konfig: OidcKonfig) -> Result<Oidc, reqwest::Error> {
        // No redirects: the token endpoint must answer itself (as the specification asks),
        // and a redirect could carry the client secret elsewhere.
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(Duration::from_secs(10)).build()?;
        Ok(Oidc { konfig, http, leverandoer: RwLock::new(None) })
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, Avvisning> {
        if let Some((hentet, m)) = self.leverandoer.read().await.as_ref() {
            if hentet.elapsed() < METADATA_TTL {
                return Ok(m.clone());
            }
        }
        let issuer = IssuerUrl::new(self.konfig.issuer.clone()).map_err(|_| Avvisning::Utilgjengelig)?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(|e| {
            tracing::error!(feil = %e, "oidc: oppdagelse hos leverandøren feilet");
            Avvisning::Utilgjengelig
        })?;
        *self.leverandoer.write().await = Some((Instant::now(), m.clone()));
        Ok(m)
    }

    async fn klient(&self) -> Result<Klient, Avvisning> {
        let tilbake = self.konfig.tilbake_url().map_err(|_| Avvisning::Utilgjengelig)?;
        Ok(CoreClient::from_provider_metadata(
            self.metadata().await?,
            ClientId::new(self.konfig.klient_id.clone()),
            Some(ClientSecret::new(self.konfig.hemmelighet.0.clone())),
        )
        .set_redirect_uri(tilbake))
    }

    /// Exchanges the code and verifies the ID token: signature against the provider's keys,
    /// issuer, audience (our client id), expiry and the nonce of this login.
    async fn verifiser(&self, kode: String, ventende: &Ventende) -> Result<Identitet, Avvisning> {
        let klient = self.klient().await?;
        let svar = klient
            .exchange_code(AuthorizationCode::new(kode))
            .map_err(|_| Avvisning::Utilgjengelig)?
            .set_pkce_verifier(PkceCodeVerifier::new(ventende.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::warn!(feil = %e, "oidc: koden kunne ikke veksles");
                Avvisning::Veksling
            })?;
        let id_token = svar.id_token().ok_or(Avvisning::Token)?;
        let nonce = Nonce::new(ventende.nonce.clone());
        let krav = id_token.claims(&klient.id_token_verifier(), &nonce).map_err(|e| {
            tracing::warn!(feil = %e, "oidc: id-tokenet ble avvist");
            Avvisning::Token
        })?;
        let epost_verifisert = match (krav.email(), krav.email_verified()) {
            (Some(e), Some(true)) => Some(e.as_str().to_owned()),
            _ => None,
        };
        Ok(Identitet {
            issuer: krav.issuer().as_str().to_owned(),
            subjekt: krav.subject().as_str().to_owned(),
            epost_verifisert,
            navn: krav.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned()),
        })
    }
}

/// Adds OpenID Connect to the router when it is configured: the routes exist either way,
/// and look for this in the request's extensions.
pub fn med_oidc(ruter: Router, oidc: Option<Oidc>) -> Router {
    match oidc {
        Some(oidc) => ruter.layer(Extension(Arc::new(oidc))).layer(Extension(OidcTilbudt)),
        None => ruter,
    }
}

fn hash(tekst: &str) -> String {
    hex::encode(Sha256::digest(tekst.as_bytes()))
}

/// Equal in time whatever the difference: `state` is a secret until it is used.
fn like(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn slett_vente_cookie() -> (header::HeaderName, String) {
    (header::SET_COOKIE, format!("{VENTE_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0"))
}

fn parametre(deler: &http::request::Parts) -> Vec<(String, String)> {
    deler.uri.query().map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default()
}

/// `GET /oidc/logg-inn?tilbake=…`: to the provider.
pub async fn start(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (deler, _) = req.into_parts();
    let Some(oidc) = deler.extensions.get::<Arc<Oidc>>().cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let tilbake = parametre(&deler)
        .into_iter()
        .find(|(n, _)| n == "tilbake")
        .and_then(|(_, v)| Lokalsti::les(&v))
        .map(String::from)
        .unwrap_or_default();
    let klient = match oidc.klient().await {
        Ok(k) => k,
        Err(_) => return avvis(&state, &deler, Innloggingsfeil::OidcUtilgjengelig, StatusCode::BAD_GATEWAY, &tilbake).await,
    };
    let (utfordring, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, tilstand, nonce) = klient
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(utfordring)
        .url();
    let noekkel = CsrfToken::new_random();
    let ventende =
        Ventende { tilstand: tilstand.secret().clone(), pkce_verifier: verifier.secret().clone(), nonce: nonce.secret().clone(), tilbake };
    let naa = state.klokke.naa();
    if let Err(e) =
        lager::lagre_ventende(&state.db, &hash(noekkel.secret()), &ventende, naa, naa + chrono::Duration::minutes(VENTETID_MIN)).await
    {
        tracing::error!(feil = %e, "oidc: innloggingen kunne ikke lagres");
        return avvis(&state, &deler, Innloggingsfeil::Teknisk, StatusCode::INTERNAL_SERVER_ERROR, &ventende.tilbake).await;
    }
    let cookie = format!("{VENTE_COOKIE}={}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={}", noekkel.secret(), VENTETID_MIN * 60);
    ([(header::SET_COOKIE, cookie)], Redirect::to(url.as_str())).into_response()
}

/// `GET /oidc/tilbake?code=…&state=…`: back from the provider.
pub async fn tilbake(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (deler, _) = req.into_parts();
    let Some(oidc) = deler.extensions.get::<Arc<Oidc>>().cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let adresse = deler.extensions.get::<Klientadresse>().map(|a| a.0.clone()).unwrap_or_default();
    let par = parametre(&deler);
    let param = |navn: &str| par.iter().find(|(n, _)| n == navn).map(|(_, v)| v.clone());
    let naa = state.klokke.naa();

    // Taken (and so deleted) first: whatever happens next, this login cannot be tried again.
    let ventende = match cookie_verdi(&deler.headers, VENTE_COOKIE) {
        Some(noekkel) => match lager::ta_ventende(&state.db, &hash(&noekkel), naa).await {
            Ok(v) => v,
            Err(e) => {
                tracing::error!(feil = %e, "oidc: ventende innlogging kunne ikke leses");
                return avvis(&state, &deler, Innloggingsfeil::Teknisk, StatusCode::INTERNAL_SERVER_ERROR, "").await;
            }
        },
        None => None,
    };
    let utfall = async {
        let ventende = ventende.ok_or(Avvisning::IngenVentende)?;
        if !like(&param("state").unwrap_or_default(), &ventende.tilstand) {
            return Err(Avvisning::FeilTilstand);
        }
        if param("error").is_some() {
            return Err(Avvisning::LeverandoerFeil);
        }
        let kode = param("code").ok_or(Avvisning::LeverandoerFeil)?;
        let identitet = oidc.verifiser(kode, &ventende).await?;
        Ok((identitet, ventende.tilbake))
    }
    .await;
    let (identitet, tilbake) = match utfall {
        Ok(ok) => ok,
        Err(grunn) => {
            tracing::warn!(grunn = %grunn, "oidc: innlogging avvist");
            skriv_avvisning(&state, &adresse, None, &grunn.to_string()).await;
            let (feil, status) = match grunn {
                Avvisning::Utilgjengelig => (Innloggingsfeil::OidcUtilgjengelig, StatusCode::BAD_GATEWAY),
                _ => (Innloggingsfeil::OidcAvvist, StatusCode::FORBIDDEN),
            };
            return avvis(&state, &deler, feil, status, "").await;
        }
    };
    match lager::logg_inn(&state.db, &identitet, &adresse, naa).await {
        Ok((bruker, token)) => {
            let maal = Lokalsti::les(&tilbake).unwrap_or_else(|| Lokalsti::side(startside(&bruker)));
            let mut svar = innlogget_svar(&token, &maal);
            let (navn, verdi) = slett_vente_cookie();
            if let Ok(verdi) = verdi.parse() {
                svar.headers_mut().append(navn, verdi);
            }
            svar
        }
        Err(feil) => {
            let (visning, status) = match &feil {
                OidcInnloggingFeil::IkkeKoblet => (Innloggingsfeil::OidcIkkeKoblet, StatusCode::FORBIDDEN),
                OidcInnloggingFeil::Deaktivert => (Innloggingsfeil::OidcDeaktivert, StatusCode::FORBIDDEN),
                OidcInnloggingFeil::EpostIBruk => (Innloggingsfeil::OidcEpostIBruk, StatusCode::CONFLICT),
                OidcInnloggingFeil::UgyldigKobling(_) | OidcInnloggingFeil::Db(_) => {
                    tracing::error!(feil = %feil, "oidc: innloggingen feilet");
                    (Innloggingsfeil::Teknisk, StatusCode::INTERNAL_SERVER_ERROR)
                }
            };
            // The audit log may name the person (it is the access log); the issuer and
            // subject are what the administrator needs to add a mapping.
            let detalj = format!("{feil}; issuer {} subjekt {}", identitet.issuer, identitet.subjekt);
            skriv_avvisning(&state, &adresse, identitet.epost_verifisert.clone(), &detalj).await;
            avvis(&state, &deler, visning, status, &tilbake).await
        }
    }
}

/// The audit row of a refused OpenID Connect login.
async fn skriv_avvisning(state: &AppState, adresse: &str, epost: Option<String>, grunn: &str) {
    Logg {
        handling: "innlogging_avvist",
        bruker: None,
        epost,
        adresse: Some(adresse.to_owned()),
        klage_id: None,
        detalj: format!("oidc: {grunn}"),
    }
    .skriv(&state.tjenester())
    .await;
}

/// The login page again, with the reason, and the cookie of the login under way cleared.
async fn avvis(state: &AppState, deler: &http::request::Parts, feil: Innloggingsfeil, status: StatusCode, tilbake: &str) -> Response {
    let innsending = Innsending::Innlogging(Innlogging { epost: String::new(), tilbake: tilbake.to_owned(), feil });
    let mut svar = Gjenvisning::fra(deler).vis(state, "/logg-inn", innsending, status).await;
    let (navn, verdi) = slett_vente_cookie();
    if let Ok(verdi) = verdi.parse() {
        svar.headers_mut().append(navn, verdi);
    }
    svar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_not_in_debug() {
        let k = OidcKonfig {
            issuer: "https://login.example".into(),
            klient_id: "klagesak".into(),
            hemmelighet: Hemmelighet("superhemmelig".into()),
            offentlig_url: "https://klagesak.example".into(),
        };
        assert!(!format!("{k:?}").contains("superhemmelig"));
        assert_eq!(k.tilbake_url().unwrap().as_str(), "https://klagesak.example/oidc/tilbake");
        assert!(like("abc", "abc") && !like("abc", "abd") && !like("abc", "ab"));
    }
}
