-- Nothing to change on SQLite: every SQLite integer is already eight bytes. The PostgreSQL
-- migration of the same version widens `statistikk_generasjon.id` to BIGINT to match, and this
-- file keeps the two migration folders in step, version for version (tests/skjema.rs checks
-- that they are). A statement that changes nothing, so the file is not empty.
SELECT 1;
