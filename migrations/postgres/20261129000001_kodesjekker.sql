-- CHECK constraints on the code columns (PostgreSQL): a column that holds a code from one of
-- the domain's fixed lists accepts only those codes, whatever writes to it. The lists are
-- `domain::status::Status`, `domain::kode` (Utfall, Mottaker, KlagerType, Aldersgruppe), the
-- steps of `domain::status::Handling` with the three history rows `db::klager` writes itself,
-- and `domain::referanse::Maalform`. tests/skjema.rs fails when a list in Rust and its CHECK
-- here differ, in either direction, so a new code needs a migration that widens its CHECK.
--
-- Left without a CHECK, on purpose:
-- * klage.rettigheter, klage.kategorier, bruker.roller, oidc_kobling.roller, revisjon.roller:
--   lists of codes in one text column (',ip,koordinator,'), not one code.
-- * bruker.organisasjon, oidc_kobling.organisasjon, revisjon.organisasjon: an office code or a
--   municipality number from the reference data, or 'direktoratet'/'admin'; not a fixed list,
--   and a CHECK cannot look in another table.
-- * revisjon.handling: the access log's action names are written from many places in the web
--   layer and have no list in the domain, so nothing could keep a CHECK current; and the log is
--   append-only, so a refused row would be a lost audit entry, not a caught mistake.
--
-- The same constraints, by the same names, are in migrations/sqlite/20261129000001_kodesjekker.sql.
-- Adding a CHECK reads every row once to validate it.

ALTER TABLE kommune ADD CONSTRAINT kommune_maalform_kode
    CHECK (maalform IN ('nb', 'nn', 'neutral'));

ALTER TABLE klage ADD CONSTRAINT klage_status_kode
    CHECK (status IN ('mottatt_hos_statsforvalter', 'forberedende_behandling', 'medhold_hos_kommunen',
                      'avvist_av_kommunen', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning',
                      'avgjort', 'trukket_hos_kommunen'));
ALTER TABLE klage ADD CONSTRAINT klage_utfall_kode
    CHECK (utfall IN ('stadfestet', 'endret', 'opphevet', 'avvist', 'trukket'));
ALTER TABLE klage ADD CONSTRAINT klage_foreslaatt_utfall_kode
    CHECK (foreslaatt_utfall IN ('stadfestet', 'endret', 'opphevet', 'avvist', 'trukket'));
ALTER TABLE klage ADD CONSTRAINT klage_mottaker_kode
    CHECK (mottaker IN ('kommunen', 'statsforvalteren'));
ALTER TABLE klage ADD CONSTRAINT klage_klager_kode
    CHECK (klager IN ('pasient_bruker', 'forelder', 'paarorende', 'verge', 'fullmektig'));
ALTER TABLE klage ADD CONSTRAINT klage_aldersgruppe_kode
    CHECK (aldersgruppe IN ('barn', 'voksen'));

ALTER TABLE hendelse ADD CONSTRAINT hendelse_handling_kode
    CHECK (handling IN ('registrert', 'overfoer', 'nytt_vedtak', 'send_til_kommunen', 'gi_medhold', 'avvis',
                        'oversend', 'klag_paa_avvisning', 'be_om_opplysninger', 'svar_paa_opplysninger',
                        'foreslaa_vedtak', 'godkjenn', 'send_tilbake', 'trekk'));
ALTER TABLE hendelse ADD CONSTRAINT hendelse_fra_status_kode
    CHECK (fra_status IN ('mottatt_hos_statsforvalter', 'forberedende_behandling', 'medhold_hos_kommunen',
                          'avvist_av_kommunen', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning',
                          'avgjort', 'trukket_hos_kommunen'));
ALTER TABLE hendelse ADD CONSTRAINT hendelse_til_status_kode
    CHECK (til_status IN ('mottatt_hos_statsforvalter', 'forberedende_behandling', 'medhold_hos_kommunen',
                          'avvist_av_kommunen', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning',
                          'avgjort', 'trukket_hos_kommunen'));
