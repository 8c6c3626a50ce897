-- The case file's documents: journal entries (Noark 5 journalposter). The file itself is kept
-- outside the database, in the document store (object_store), under `lagringsnoekkel`.
-- An entry is never deleted: a mistaken one gets `registrert_feil_grunn` and is hidden from
-- lists. The per-case sequence is allocated from `dokumentteller` (an upsert, like
-- `saksnummerteller`), so two uploads at once never share a number and a number is never
-- handed out again.
CREATE TABLE dokumentteller (
    klage_id  BIGINT NOT NULL PRIMARY KEY REFERENCES klage (id),
    siste     BIGINT NOT NULL
);

CREATE TABLE dokument (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    klage_id              BIGINT NOT NULL REFERENCES klage (id),
    sekvens               BIGINT NOT NULL,
    art                   TEXT NOT NULL,
    tittel                TEXT NOT NULL,
    avsender_mottaker     TEXT NOT NULL,
    dato                  TEXT NOT NULL,
    registrert_av         BIGINT NOT NULL REFERENCES bruker (id),
    registrert            TEXT NOT NULL,
    filnavn               TEXT NOT NULL,
    sha256                TEXT NOT NULL,
    stoerrelse            BIGINT NOT NULL,
    innholdstype          TEXT NOT NULL,
    synlighet             TEXT NOT NULL,
    lagringsnoekkel       TEXT NOT NULL,
    registrert_feil_grunn TEXT,
    CONSTRAINT dokument_nummer_unik UNIQUE (klage_id, sekvens),
    CONSTRAINT dokument_lagringsnoekkel_unik UNIQUE (lagringsnoekkel),
    CONSTRAINT dokument_art_kode CHECK (art IN ('I', 'U', 'N', 'X')),
    CONSTRAINT dokument_synlighet_kode CHECK (synlighet IN ('intern', 'delt_med_kommunen', 'sendt_til_klager'))
);

-- An entry is never deleted (Noark 5): a mistaken one is marked "registrert feil" instead.
CREATE TRIGGER dokument_ingen_sletting BEFORE DELETE ON dokument
BEGIN
    SELECT RAISE(ABORT, 'en journalpost slettes aldri: merk den «registrert feil»');
END;
