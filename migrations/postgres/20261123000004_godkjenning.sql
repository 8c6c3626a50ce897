-- Two-person approval of decisions (PostgreSQL), and the municipality's new decision after
-- Statsforvalteren set its first one aside.
--
-- While a decision awaits approval (status 'til_godkjenning') the proposed outcome is kept in
-- its own column: `utfall` stays NULL until the decision is sent, so nothing counts it as
-- decided before it is.

ALTER TABLE klage ADD COLUMN foreslaatt_utfall TEXT;
-- The user who proposed the decision; the same user may not approve it.
ALTER TABLE klage ADD COLUMN foreslaatt_av BIGINT REFERENCES bruker (id);
-- The leder who approved it.
ALTER TABLE klage ADD COLUMN godkjent_av BIGINT REFERENCES bruker (id);
-- The day of the municipality's new decision after 'opphevet', as it reported it.
ALTER TABLE klage ADD COLUMN nytt_vedtak_dato TEXT;

-- The approval queue of an office.
CREATE INDEX klage_til_godkjenning ON klage (statsforvalter) WHERE status = 'til_godkjenning';
