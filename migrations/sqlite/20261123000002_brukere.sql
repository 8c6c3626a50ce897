-- Users, server-side sessions and failed login attempts (SQLite).

CREATE TABLE bruker (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    epost          TEXT NOT NULL UNIQUE,
    navn           TEXT NOT NULL,
    -- An office code, a municipality number, 'direktoratet' or 'admin'.
    organisasjon   TEXT NOT NULL,
    -- Role codes with delimiters at both ends: ',saksbehandler,leder,'.
    roller         TEXT NOT NULL,
    -- argon2id in PHC format; NULL for users who only log in with OpenID Connect.
    passord_hash   TEXT,
    aktiv          BIGINT NOT NULL DEFAULT 1,
    opprettet      TEXT NOT NULL
);

-- A session is stored by the SHA-256 of its token, so a copy of this table opens nothing.
CREATE TABLE okt (
    token_hash  TEXT PRIMARY KEY,
    bruker_id   BIGINT NOT NULL REFERENCES bruker (id),
    opprettet   TEXT NOT NULL,
    sist_brukt  TEXT NOT NULL
);
CREATE INDEX okt_bruker ON okt (bruker_id);

CREATE TABLE innloggingsfeil (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    epost      TEXT NOT NULL,
    adresse    TEXT NOT NULL,
    tidspunkt  TEXT NOT NULL
);
CREATE INDEX innloggingsfeil_epost ON innloggingsfeil (epost, tidspunkt);
CREATE INDEX innloggingsfeil_adresse ON innloggingsfeil (adresse, tidspunkt);
