-- The statistics are computed from a working set in each app instance's memory
-- (`domain::statistikk::lager`), a cache of `klage` kept current through a generation counter:
-- every insert or change of a column the statistics read stamps the row with the counter's next
-- value in the same transaction, so an instance reads only the rows changed since it last looked.
-- The counter row stays locked until the writing transaction ends, so versions become visible
-- in the order they were given and a reader never skips one. One value per transaction (kept in
-- a transaction-local setting), so a bulk load does not update the counter row a million times.
-- A deletion or truncation (never done by the application) bumps `slettinger`, which makes the
-- instances read everything again.
CREATE TABLE statistikk_generasjon (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    versjon     BIGINT NOT NULL,
    slettinger  BIGINT NOT NULL
);
INSERT INTO statistikk_generasjon (id, versjon, slettinger) VALUES (1, 0, 0);

ALTER TABLE klage ADD COLUMN statistikk_versjon BIGINT NOT NULL DEFAULT 0;
CREATE INDEX klage_statistikk_versjon ON klage (statistikk_versjon);

CREATE FUNCTION klage_statistikk_versjon() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v TEXT := current_setting('klagesak.statistikk_versjon', true);
BEGIN
    IF v IS NULL OR v = '' THEN
        UPDATE statistikk_generasjon SET versjon = versjon + 1 WHERE id = 1 RETURNING versjon::TEXT INTO v;
        PERFORM set_config('klagesak.statistikk_versjon', v, true);
    END IF;
    NEW.statistikk_versjon := v::BIGINT;
    RETURN NEW;
END
$$;

CREATE TRIGGER klage_statistikk_ny BEFORE INSERT ON klage
    FOR EACH ROW EXECUTE FUNCTION klage_statistikk_versjon();

CREATE TRIGGER klage_statistikk_endret
BEFORE UPDATE OF statsforvalter, kommune, status, utfall, mottatt_statsforvalter, avgjort_dato,
    avsluttet_kommune_dato, aldersgruppe, rettigheter, kategorier ON klage
    FOR EACH ROW EXECUTE FUNCTION klage_statistikk_versjon();

CREATE FUNCTION klage_statistikk_slettet() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statistikk_generasjon SET versjon = versjon + 1, slettinger = slettinger + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER klage_statistikk_slettet AFTER DELETE ON klage
    FOR EACH STATEMENT EXECUTE FUNCTION klage_statistikk_slettet();
CREATE TRIGGER klage_statistikk_tomt AFTER TRUNCATE ON klage
    FOR EACH STATEMENT EXECUTE FUNCTION klage_statistikk_slettet();

-- The covering indexes of the GROUP BY queries this replaces: no longer read, only written.
DROP INDEX klage_stat_avgjort;
DROP INDEX klage_stat_mottatt;
DROP INDEX klage_stat_medhold;
