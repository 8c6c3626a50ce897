-- The fødselsnummer encrypted at rest (issue 13): `fnr_kryptert` holds the nonce and the
-- XChaCha20-Poly1305 ciphertext (hex), `fnr_noekkel` the id of the key in the key file
-- (KLAGESAK_NOKKELFIL, never in the database) it is encrypted with, and `fnr_hash` the keyed
-- HMAC-SHA256 of the number under that key, for exact look-up (`db::fnr::saker_med`).
--
-- SQL cannot encrypt, so the numbers already in the clear-text column `fnr` stay there until
-- the app's next start or `klagesak migrate`: right after the migrations it encrypts every one
-- in a single transaction, empties `fnr` and compacts the table (`db::fnr::krypter_klartekst`),
-- and nothing writes `fnr` any more. It is dropped by a later migration, once every
-- installation has run this one's follow-up.
ALTER TABLE klage ADD COLUMN fnr_kryptert TEXT;
ALTER TABLE klage ADD COLUMN fnr_noekkel BIGINT;
ALTER TABLE klage ADD COLUMN fnr_hash TEXT;
CREATE INDEX klage_fnr_hash ON klage (fnr_hash) WHERE fnr_hash IS NOT NULL;
