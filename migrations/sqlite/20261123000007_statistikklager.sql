-- The statistics are computed from a working set in each app instance's memory
-- (`domain::statistikk::lager`), a cache of `klage` kept current through a generation counter:
-- every insert or change of a column the statistics read bumps `versjon` in the same transaction
-- and stamps the row with it, so an instance reads only the rows changed since it last looked.
-- A deletion (never done by the application) bumps `slettinger`, which makes the instances
-- read everything again.
CREATE TABLE statistikk_generasjon (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    versjon     BIGINT NOT NULL,
    slettinger  BIGINT NOT NULL
);
INSERT INTO statistikk_generasjon (id, versjon, slettinger) VALUES (1, 0, 0);

ALTER TABLE klage ADD COLUMN statistikk_versjon BIGINT NOT NULL DEFAULT 0;
CREATE INDEX klage_statistikk_versjon ON klage (statistikk_versjon);

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

-- The covering indexes of the GROUP BY queries this replaces: no longer read, only written.
DROP INDEX klage_stat_avgjort;
DROP INDEX klage_stat_mottatt;
DROP INDEX klage_stat_medhold;
