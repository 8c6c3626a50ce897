-- The head of the access log (revisjon_hode) may only move one row forward: to the hash of the
-- last row of `revisjon`, when that row was chained onto the head's present value. Setting it to
-- itself (the writers' lock in src/db/revisjon.rs) is allowed too. The same rule as on
-- PostgreSQL, where it matters most: there the application's login may update the head but
-- cannot drop this trigger (see the README on the two roles). SQLite has no roles; whoever can
-- write the file can drop the trigger, and the signed checkpoints outside the database
-- (`klagesak revisjon forankre`) are what catch a rewrite then.
CREATE TRIGGER revisjon_hode_bare_framover BEFORE UPDATE ON revisjon_hode
WHEN NEW.id <> OLD.id OR (
    NEW.siste_hash <> OLD.siste_hash AND NOT EXISTS (
        SELECT 1 FROM revisjon
         WHERE id = (SELECT MAX(id) FROM revisjon)
           AND hash = NEW.siste_hash
           AND forrige_hash = OLD.siste_hash
    )
)
BEGIN
    SELECT RAISE(ABORT, 'revisjonsloggen kan ikke endres: hodet kan bare flyttes til raden etter det');
END;
