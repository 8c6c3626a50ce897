-- The complaint register on SQLite. Dates are ISO-8601 text (YYYY-MM-DD), instants RFC 3339 UTC
-- text: the same representation as on PostgreSQL, so one set of queries serves both engines.

CREATE TABLE statsforvalter (
    kode     TEXT PRIMARY KEY,
    navn_nb  TEXT NOT NULL,
    navn_nn  TEXT NOT NULL
);

CREATE TABLE fylke (
    nummer          TEXT PRIMARY KEY,
    navn            TEXT NOT NULL,
    statsforvalter  TEXT NOT NULL REFERENCES statsforvalter (kode)
);

CREATE TABLE kommune (
    nummer          TEXT PRIMARY KEY,
    navn            TEXT NOT NULL,
    annet_navn      TEXT,
    fylke           TEXT NOT NULL REFERENCES fylke (nummer),
    statsforvalter  TEXT NOT NULL REFERENCES statsforvalter (kode),
    maalform        TEXT NOT NULL,
    innbyggere      BIGINT NOT NULL
);

CREATE TABLE klage (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    saksaar                 BIGINT,
    sakssekvens             BIGINT,
    kommune                 TEXT NOT NULL REFERENCES kommune (nummer),
    statsforvalter          TEXT NOT NULL REFERENCES statsforvalter (kode),
    status                  TEXT NOT NULL,
    utfall                  TEXT,
    mottaker                TEXT NOT NULL,
    vedtaksdato             TEXT,
    kjent_dato              TEXT,
    mottatt_kommune         TEXT,
    mottatt_statsforvalter  TEXT,
    foerst_mottatt          TEXT NOT NULL,
    avgjort_dato            TEXT,
    avsluttet_kommune_dato  TEXT,
    klager                  TEXT NOT NULL,
    aldersgruppe            TEXT NOT NULL,
    navn                    TEXT,
    fnr                     TEXT,
    rettigheter             TEXT NOT NULL,
    kategorier              TEXT NOT NULL,
    saarbar_overgang        BIGINT NOT NULL DEFAULT 0,
    delvis_medhold          BIGINT NOT NULL DEFAULT 0,
    sammendrag              TEXT NOT NULL,
    opprettet               TEXT NOT NULL,
    CONSTRAINT klage_saksnummer_unik UNIQUE (statsforvalter, saksaar, sakssekvens),
    CONSTRAINT klage_utfall_naar_avgjort CHECK ((status = 'avgjort') = (utfall IS NOT NULL))
);

CREATE INDEX klage_avgjort ON klage (avgjort_dato) WHERE status = 'avgjort';
CREATE INDEX klage_medhold ON klage (avsluttet_kommune_dato) WHERE status = 'medhold_hos_kommunen';
CREATE INDEX klage_statsforvalter_mottatt ON klage (statsforvalter, foerst_mottatt);
CREATE INDEX klage_kommune ON klage (kommune, foerst_mottatt);
CREATE INDEX klage_status ON klage (status, foerst_mottatt);
CREATE INDEX klage_foerst_mottatt ON klage (foerst_mottatt);

-- The last sequence number given per office and year: numbers are never reused.
CREATE TABLE saksnummerteller (
    statsforvalter  TEXT NOT NULL REFERENCES statsforvalter (kode),
    aar             BIGINT NOT NULL,
    siste           BIGINT NOT NULL,
    PRIMARY KEY (statsforvalter, aar)
);

CREATE TABLE hendelse (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    klage_id    BIGINT NOT NULL REFERENCES klage (id),
    tidspunkt   TEXT NOT NULL,
    handling    TEXT NOT NULL,
    fra_status  TEXT,
    til_status  TEXT NOT NULL,
    endring     TEXT NOT NULL,
    notat       TEXT NOT NULL
);

CREATE INDEX hendelse_klage ON hendelse (klage_id, id);
