-- The statistics' indexes: one covering partial index per date basis, holding every column the
-- dashboard's GROUP BY queries read, so they scan a narrow index in date order and never the
-- table. The WHERE clauses are written exactly as `db::statistikk` writes its conditions, which
-- is what lets both engines use the partial indexes.

-- Decided cases, by the day the decision was sent (the default basis).
CREATE INDEX klage_stat_avgjort ON klage
    (avgjort_dato, statsforvalter, utfall, kommune, aldersgruppe, mottatt_statsforvalter, rettigheter, kategorier)
    WHERE status = 'avgjort';

-- Cases at the governor, decided or not, by the day the governor received them.
CREATE INDEX klage_stat_mottatt ON klage
    (mottatt_statsforvalter, statsforvalter, status, utfall, kommune, aldersgruppe, avgjort_dato, rettigheter, kategorier)
    WHERE status IN ('mottatt_hos_statsforvalter', 'under_vurdering', 'venter_paa_kommunen', 'til_godkjenning', 'avgjort')
      AND mottatt_statsforvalter IS NOT NULL;

-- Medhold hos kommunen with the columns its filters read.
CREATE INDEX klage_stat_medhold ON klage
    (avsluttet_kommune_dato, kommune, aldersgruppe, rettigheter, kategorier)
    WHERE status = 'medhold_hos_kommunen';
