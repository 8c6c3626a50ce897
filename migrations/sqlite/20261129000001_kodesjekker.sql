-- CHECK constraints on the code columns (SQLite): a column that holds a code from one of the
-- domain's fixed lists accepts only those codes, whatever writes to it. Which columns, which
-- lists, and which code columns are left without a CHECK and why: see
-- migrations/postgres/20261129000001_kodesjekker.sql, which adds the same constraints by the
-- same names. tests/skjema.rs checks that the two engines end up with the same schema.
--
-- SQLite cannot add a constraint to an existing table, so `kommune`, `klage` and `hendelse`
-- are rebuilt: each is copied aside, dropped, created again with its CHECKs (every other
-- column, key, reference and default as before), filled from the copy, and its indexes and
-- triggers are created again. The copy keeps every value as stored, ids included, and the rows
-- are validated against the new CHECKs as they go back in: a stored code that is not in its
-- list stops the migration, and nothing is changed.
--
-- Foreign keys stay on (they cannot be turned off inside the transaction sqlx runs a migration
-- in). Dropping a table that other rows reference counts those rows as violations; with
-- `defer_foreign_keys` that count is only checked at commit, and it is back at zero by then,
-- because filling the new table under the same name finds every referencing row a parent
-- again. No table is renamed: renaming a referenced table would rewrite the references to it.
-- The setting ends with this migration's transaction.
PRAGMA defer_foreign_keys = ON;

-- Dropping a table forgets its AUTOINCREMENT counter, and filling the new one sets it to the
-- highest id copied: the old counter is put back afterwards, so an id is never given twice.
CREATE TABLE kodesjekk_sekvens AS SELECT name, seq FROM sqlite_sequence WHERE name IN ('klage', 'hendelse');

-- kommune (referenced by klage) -------------------------------------------------------------

CREATE TABLE kodesjekk_kommune AS SELECT * FROM kommune;
DROP TABLE kommune;
CREATE TABLE kommune (
    nummer          TEXT NOT NULL PRIMARY KEY,
    navn            TEXT NOT NULL,
    annet_navn      TEXT,
    fylke           TEXT NOT NULL REFERENCES fylke (nummer),
    statsforvalter  TEXT NOT NULL REFERENCES statsforvalter (kode),
    maalform        TEXT NOT NULL,
    innbyggere      BIGINT NOT NULL,
    CONSTRAINT kommune_maalform_kode CHECK (maalform IN ('nb', 'nn', 'neutral'))
);
INSERT INTO kommune (nummer, navn, annet_navn, fylke, statsforvalter, maalform, innbyggere)
SELECT nummer, navn, annet_navn, fylke, statsforvalter, maalform, innbyggere FROM kodesjekk_kommune;
DROP TABLE kodesjekk_kommune;

-- klage (referenced by hendelse) ------------------------------------------------------------

CREATE TABLE kodesjekk_klage AS SELECT * FROM klage;
DROP TABLE klage;
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
    foreslaatt_utfall       TEXT,
    foreslaatt_av           BIGINT REFERENCES bruker (id),
    godkjent_av             BIGINT REFERENCES bruker (id),
    nytt_vedtak_dato        TEXT,
    statistikk_versjon      BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT klage_saksnummer_unik UNIQUE (statsforvalter, saksaar, sakssekvens),
    CONSTRAINT klage_utfall_naar_avgjort CHECK ((status = 'avgjort') = (utfall IS NOT NULL)),
    CONSTRAINT klage_status_kode
        CHECK (status IN ('mottatt_hos_statsforvalter', 'forberedende_behandling', 'medhold_hos_kommunen',
                          'avvist_av_kommunen', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning',
                          'avgjort', 'trukket_hos_kommunen')),
    CONSTRAINT klage_utfall_kode
        CHECK (utfall IN ('stadfestet', 'endret', 'opphevet', 'avvist', 'trukket')),
    CONSTRAINT klage_foreslaatt_utfall_kode
        CHECK (foreslaatt_utfall IN ('stadfestet', 'endret', 'opphevet', 'avvist', 'trukket')),
    CONSTRAINT klage_mottaker_kode
        CHECK (mottaker IN ('kommunen', 'statsforvalteren')),
    CONSTRAINT klage_klager_kode
        CHECK (klager IN ('pasient_bruker', 'forelder', 'paarorende', 'verge', 'fullmektig')),
    CONSTRAINT klage_aldersgruppe_kode
        CHECK (aldersgruppe IN ('barn', 'voksen'))
);
-- Filled before its triggers exist, so every row keeps its `statistikk_versjon`.
INSERT INTO klage (id, saksaar, sakssekvens, kommune, statsforvalter, status, utfall, mottaker, vedtaksdato, kjent_dato,
    mottatt_kommune, mottatt_statsforvalter, foerst_mottatt, avgjort_dato, avsluttet_kommune_dato, klager, aldersgruppe,
    navn, fnr, rettigheter, kategorier, saarbar_overgang, delvis_medhold, sammendrag, opprettet, foreslaatt_utfall,
    foreslaatt_av, godkjent_av, nytt_vedtak_dato, statistikk_versjon)
SELECT id, saksaar, sakssekvens, kommune, statsforvalter, status, utfall, mottaker, vedtaksdato, kjent_dato,
    mottatt_kommune, mottatt_statsforvalter, foerst_mottatt, avgjort_dato, avsluttet_kommune_dato, klager, aldersgruppe,
    navn, fnr, rettigheter, kategorier, saarbar_overgang, delvis_medhold, sammendrag, opprettet, foreslaatt_utfall,
    foreslaatt_av, godkjent_av, nytt_vedtak_dato, statistikk_versjon
FROM kodesjekk_klage;
DROP TABLE kodesjekk_klage;

-- The indexes of 20261123000001, 000004 and 000007, as they were.
CREATE INDEX klage_avgjort ON klage (avgjort_dato) WHERE status = 'avgjort';
CREATE INDEX klage_medhold ON klage (avsluttet_kommune_dato) WHERE status = 'medhold_hos_kommunen';
CREATE INDEX klage_statsforvalter_mottatt ON klage (statsforvalter, foerst_mottatt);
CREATE INDEX klage_kommune ON klage (kommune, foerst_mottatt);
CREATE INDEX klage_status ON klage (status, foerst_mottatt);
CREATE INDEX klage_foerst_mottatt ON klage (foerst_mottatt);
CREATE INDEX klage_til_godkjenning ON klage (statsforvalter) WHERE status = 'til_godkjenning';
CREATE INDEX klage_statistikk_versjon ON klage (statistikk_versjon);

-- The statistics' generation counter of 20261123000007, as it was.
CREATE TRIGGER klage_statistikk_ny AFTER INSERT ON klage
BEGIN
    UPDATE statistikk_generasjon SET versjon = versjon + 1 WHERE id = 1;
    UPDATE klage SET statistikk_versjon = (SELECT versjon FROM statistikk_generasjon WHERE id = 1) WHERE id = NEW.id;
END;

CREATE TRIGGER klage_statistikk_endret
AFTER UPDATE OF statsforvalter, kommune, status, utfall, mottatt_statsforvalter, avgjort_dato,
    avsluttet_kommune_dato, aldersgruppe, rettigheter, kategorier ON klage
BEGIN
    UPDATE statistikk_generasjon SET versjon = versjon + 1 WHERE id = 1;
    UPDATE klage SET statistikk_versjon = (SELECT versjon FROM statistikk_generasjon WHERE id = 1) WHERE id = NEW.id;
END;

CREATE TRIGGER klage_statistikk_slettet AFTER DELETE ON klage
BEGIN
    UPDATE statistikk_generasjon SET versjon = versjon + 1, slettinger = slettinger + 1 WHERE id = 1;
END;

-- hendelse ----------------------------------------------------------------------------------

CREATE TABLE kodesjekk_hendelse AS SELECT * FROM hendelse;
DROP TABLE hendelse;
CREATE TABLE hendelse (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    klage_id    BIGINT NOT NULL REFERENCES klage (id),
    tidspunkt   TEXT NOT NULL,
    handling    TEXT NOT NULL,
    fra_status  TEXT,
    til_status  TEXT NOT NULL,
    endring     TEXT NOT NULL,
    notat       TEXT NOT NULL,
    CONSTRAINT hendelse_handling_kode
        CHECK (handling IN ('registrert', 'overfoer', 'nytt_vedtak', 'send_til_kommunen', 'gi_medhold', 'avvis',
                            'oversend', 'klag_paa_avvisning', 'be_om_opplysninger', 'svar_paa_opplysninger',
                            'foreslaa_vedtak', 'godkjenn', 'send_tilbake', 'trekk')),
    CONSTRAINT hendelse_fra_status_kode
        CHECK (fra_status IN ('mottatt_hos_statsforvalter', 'forberedende_behandling', 'medhold_hos_kommunen',
                              'avvist_av_kommunen', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning',
                              'avgjort', 'trukket_hos_kommunen')),
    CONSTRAINT hendelse_til_status_kode
        CHECK (til_status IN ('mottatt_hos_statsforvalter', 'forberedende_behandling', 'medhold_hos_kommunen',
                              'avvist_av_kommunen', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning',
                              'avgjort', 'trukket_hos_kommunen'))
);
INSERT INTO hendelse (id, klage_id, tidspunkt, handling, fra_status, til_status, endring, notat)
SELECT id, klage_id, tidspunkt, handling, fra_status, til_status, endring, notat FROM kodesjekk_hendelse;
DROP TABLE kodesjekk_hendelse;

CREATE INDEX hendelse_klage ON hendelse (klage_id, id);

-- The AUTOINCREMENT counters, never lower than before.
UPDATE sqlite_sequence
SET seq = (SELECT s.seq FROM kodesjekk_sekvens s WHERE s.name = sqlite_sequence.name)
WHERE seq < (SELECT s.seq FROM kodesjekk_sekvens s WHERE s.name = sqlite_sequence.name);
INSERT INTO sqlite_sequence (name, seq)
SELECT name, seq FROM kodesjekk_sekvens WHERE name NOT IN (SELECT name FROM sqlite_sequence);
DROP TABLE kodesjekk_sekvens;
