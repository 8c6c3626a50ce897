-- The access log (revisjonslogg, "logging av innsyn" in Normen) on SQLite: who read or changed
-- what, when, and from where. Instants are RFC 3339 UTC text, as everywhere else.
--
-- Every row carries the SHA-256 of the previous row's hash and its own columns (computed in
-- src/db/revisjon.rs), so a changed or removed row breaks the chain from that row on.
--
-- No foreign keys: a row must be writable for an unknown case id or a failed login, and it
-- must outlive the user and the case it names. The e-mail, organisation and roles are copied
-- in so the row reads the same whatever happens to the user later.

CREATE TABLE revisjon (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    tidspunkt     TEXT NOT NULL,
    bruker_id     BIGINT,
    bruker        TEXT,
    organisasjon  TEXT,
    roller        TEXT NOT NULL,
    handling      TEXT NOT NULL,
    klage_id      BIGINT,
    adresse       TEXT,
    detalj        TEXT NOT NULL,
    forrige_hash  TEXT NOT NULL,
    hash          TEXT NOT NULL
);

-- "Who has looked at this case", newest first.
CREATE INDEX revisjon_klage ON revisjon (klage_id, id);

-- The hash of the last row. Every writer updates this one row in the same transaction as its
-- insert, so writers queue on it and the chain cannot fork; it also reveals a deleted tail.
CREATE TABLE revisjon_hode (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    siste_hash  TEXT NOT NULL
);
INSERT INTO revisjon_hode (id, siste_hash)
VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only, enforced by the database itself and not just by the application having no
-- UPDATE or DELETE in its code. Someone with full database access can drop these triggers;
-- the hash chain is what reveals that afterwards.
CREATE TRIGGER revisjon_ingen_endring BEFORE UPDATE ON revisjon
BEGIN
    SELECT RAISE(ABORT, 'revisjonsloggen kan ikke endres');
END;

CREATE TRIGGER revisjon_ingen_sletting BEFORE DELETE ON revisjon
BEGIN
    SELECT RAISE(ABORT, 'revisjonsloggen kan ikke endres');
END;

-- Without its row the head cannot be locked and every logged request would fail.
CREATE TRIGGER revisjon_hode_ingen_sletting BEFORE DELETE ON revisjon_hode
BEGIN
    SELECT RAISE(ABORT, 'revisjonsloggen kan ikke endres');
END;
