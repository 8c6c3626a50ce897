-- Login with OpenID Connect (SQLite): the administrator's mapping from external identities to
-- an organisation and roles, the link from an identity to its local user, and logins under way.

-- Who may log in with OpenID Connect, and as what. Exactly one of `subjekt` and `epost` is set:
-- a mapping by the provider's stable subject, or by a verified e-mail address.
CREATE TABLE oidc_kobling (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer        TEXT NOT NULL,
    subjekt       TEXT,
    epost         TEXT,
    -- An office code, a municipality number, 'direktoratet' or 'admin'.
    organisasjon  TEXT NOT NULL,
    -- Role codes with delimiters at both ends: ',saksbehandler,leder,'.
    roller        TEXT NOT NULL,
    opprettet     TEXT NOT NULL,
    CHECK ((subjekt IS NULL) <> (epost IS NULL))
);
CREATE UNIQUE INDEX oidc_kobling_subjekt ON oidc_kobling (issuer, subjekt) WHERE subjekt IS NOT NULL;
CREATE UNIQUE INDEX oidc_kobling_epost ON oidc_kobling (issuer, epost) WHERE epost IS NOT NULL;

-- The local user an external identity became at its first login.
CREATE TABLE oidc_identitet (
    issuer     TEXT NOT NULL,
    subjekt    TEXT NOT NULL,
    bruker_id  BIGINT NOT NULL REFERENCES bruker (id),
    opprettet  TEXT NOT NULL,
    PRIMARY KEY (issuer, subjekt)
);

-- A login sent to the provider and not yet back. Keyed by the SHA-256 of the token in the
-- browser's short-lived cookie; used once, then deleted.
CREATE TABLE oidc_innlogging (
    noekkel_hash   TEXT PRIMARY KEY,
    tilstand       TEXT NOT NULL,
    pkce_verifier  TEXT NOT NULL,
    nonce          TEXT NOT NULL,
    tilbake        TEXT NOT NULL,
    utloeper       TEXT NOT NULL
);
CREATE INDEX oidc_innlogging_utloeper ON oidc_innlogging (utloeper);
