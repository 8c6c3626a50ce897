-- Every integer column is BIGINT on PostgreSQL, as SQLite keeps every integer in eight bytes:
-- `statistikk_generasjon.id` (20261123000007) was written INTEGER, the one 32-bit column.
-- Found by tests/skjema.rs, which compares the two engines' schemas. It only ever holds 1 (a
-- CHECK says so), so this changes no value; it makes the schema the same on both engines.
ALTER TABLE statistikk_generasjon ALTER COLUMN id TYPE BIGINT;
