-- The head of the access log (revisjon_hode) may only move one row forward: to the hash of the
-- last row of `revisjon`, when that row was chained onto the head's present value. Setting it to
-- itself (the writers' row lock in src/db/revisjon.rs) is allowed too.
--
-- With two roles (see the README), the application's login may INSERT into `revisjon` and
-- UPDATE `revisjon_hode.siste_hash`, but it owns neither table, so it cannot disable this
-- trigger or those of 20261123000003_revisjon.sql. Without this trigger its UPDATE right would
-- let it point the head anywhere; with it, the head can only follow rows that are really there.
-- The owner, or a superuser, can still disable every trigger: the signed checkpoints outside the
-- database (`klagesak revisjon forankre`) are what catch a rewrite by them.
CREATE FUNCTION revisjon_hode_bare_framover() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.siste_hash = OLD.siste_hash AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF NEW.id = OLD.id AND EXISTS (
        SELECT 1 FROM revisjon
         WHERE id = (SELECT MAX(id) FROM revisjon)
           AND hash = NEW.siste_hash
           AND forrige_hash = OLD.siste_hash
    ) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'revisjonsloggen kan ikke endres: hodet kan bare flyttes til raden etter det';
END;
$$;

CREATE TRIGGER revisjon_hode_bare_framover BEFORE UPDATE ON revisjon_hode
    FOR EACH ROW EXECUTE FUNCTION revisjon_hode_bare_framover();

-- Nobody but the owner gets anything on the log by default; `klagesak migrate` grants the
-- application role (KLAGESAK_APP_ROLLE) exactly what it needs, in src/db/roller.rs.
REVOKE ALL ON revisjon, revisjon_hode FROM PUBLIC;
