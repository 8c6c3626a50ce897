//! Reads what the statistics count, aggregated in the database: a few GROUP BY queries per
//! filter, whose result size depends on offices, months and municipalities, never on the number
//! of complaints. What the figures mean is decided in `domain::statistikk`; this module only
//! counts, and the integration tests hold it to `domain::statistikk::dashbord::tell`, the same
//! count over individual rows.
//!
//! The covering partial indexes of migration `20261123000006_statistikk` serve the two date
//! bases, so the queries read an index, not the table.

use std::collections::BTreeMap;

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{dato, iso, Database, DbFeil, Motor};
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::statistikk::behandlingstid::Dagtall;
use crate::domain::statistikk::dashbord::{Grunnlagstall, Maanedstall, Statistikksak, HOS_STATSFORVALTEREN};
use crate::domain::statistikk::filter::{Grunnlag, Statistikkfilter};
use crate::domain::statistikk::styring::{restansestart, Aapne, Flyt, Styringsomfang};
use crate::domain::statistikk::{AvgjortSak, Periode};

/// A WHERE clause under construction, with its text parameters in order.
struct Vilkaar {
    sql: String,
    verdier: Vec<String>,
}

impl Vilkaar {
    fn new(grunn: &str) -> Vilkaar {
        Vilkaar { sql: format!(" WHERE {grunn}"), verdier: Vec::new() }
    }

    /// Binds a value and returns its placeholder.
    fn bind(&mut self, verdi: String) -> String {
        self.verdier.push(verdi);
        format!("${}", self.verdier.len())
    }

    /// `AND uttrykk IN ($a, $b, …)`; nothing for an empty list.
    fn i_liste(&mut self, uttrykk: &str, verdier: impl IntoIterator<Item = String>) {
        let plasser: Vec<String> = verdier.into_iter().map(|v| self.bind(v)).collect();
        if !plasser.is_empty() {
            self.sql.push_str(&format!(" AND {uttrykk} IN ({})", plasser.join(", ")));
        }
    }

    /// `AND (',' || kolonne || ',' LIKE '%,a,%' OR …)` for a comma-separated code column.
    fn har_noen(&mut self, kolonne: &str, koder: impl IntoIterator<Item = &'static str>) {
        let deler: Vec<String> = koder
            .into_iter()
            .map(|k| {
                let p = self.bind(format!("%,{k},%"));
                format!("(',' || {kolonne} || ',') LIKE {p}")
            })
            .collect();
        if !deler.is_empty() {
            self.sql.push_str(&format!(" AND ({})", deler.join(" OR ")));
        }
    }

    fn periode(&mut self, kolonne: &str, periode: &Periode) {
        if let Some(fra) = periode.fra {
            let p = self.bind(iso(fra));
            self.sql.push_str(&format!(" AND {kolonne} >= {p}"));
        }
        if let Some(til) = periode.til {
            let p = self.bind(iso(til));
            self.sql.push_str(&format!(" AND {kolonne} <= {p}"));
        }
    }

    /// The area, right, category and age choices, shared by every query.
    fn egenskaper(&mut self, f: &Statistikkfilter) {
        if !(f.statsforvalter.is_empty() && f.fylke.is_empty() && f.kommune.is_empty()) {
            let kommuner: Vec<String> =
                referanse::kommuner().iter().filter(|k| f.omfatter_kommune(k)).map(|k| k.nummer.clone()).collect();
            if kommuner.is_empty() {
                self.sql.push_str(" AND 1 = 0");
            }
            self.i_liste("kommune", kommuner);
        }
        self.har_noen("rettigheter", f.rettighet.iter().map(|r| r.kode()));
        self.har_noen("kategorier", f.kategori.iter().map(|k| k.kode()));
        self.i_liste("aldersgruppe", f.aldersgruppe.iter().map(|a| a.kode().to_owned()));
    }

    async fn hent(self, db: &Database, sql: &str) -> Result<Vec<AnyRow>, DbFeil> {
        let mut q = sqlx::query(sql);
        for v in self.verdier {
            q = q.bind(v);
        }
        Ok(q.fetch_all(&db.pool).await?)
    }
}

/// The date column and the outcome expression of a date basis.
fn grunnlag_sql(grunnlag: Grunnlag) -> (&'static str, &'static str) {
    match grunnlag {
        Grunnlag::Avgjort => ("avgjort_dato", "utfall"),
        Grunnlag::Mottatt => ("mottatt_statsforvalter", "CASE WHEN status = 'avgjort' THEN utfall ELSE 'under_behandling' END"),
    }
}

/// Everything the filter counts: the WHERE clause of the complaints in it.
fn vilkaar(f: &Statistikkfilter, periode: &Periode) -> Vilkaar {
    let (kolonne, utfall) = grunnlag_sql(f.grunnlag);
    let mut v = match f.grunnlag {
        Grunnlag::Avgjort => Vilkaar::new("status = 'avgjort'"),
        Grunnlag::Mottatt => {
            let statuser = HOS_STATSFORVALTEREN.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
            Vilkaar::new(&format!("status IN ({statuser}) AND mottatt_statsforvalter IS NOT NULL"))
        }
    };
    v.periode(kolonne, periode);
    v.egenskaper(f);
    v.i_liste(utfall, f.utfall.iter().cloned());
    v
}

fn antall(rad: &AnyRow, kolonne: &str) -> Result<u64, DbFeil> {
    let n: Option<i64> = rad.try_get(kolonne)?;
    Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
}

/// Cases per office, month and outcome over `periode`, under the rest of the filter.
pub async fn per_maaned(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<Vec<Maanedstall>, DbFeil> {
    let (kolonne, utfall) = grunnlag_sql(f.grunnlag);
    let v = vilkaar(f, periode);
    let sql = format!(
        "SELECT statsforvalter, substr({kolonne}, 1, 7) AS maaned, {utfall} AS u, COUNT(*) AS n FROM klage{} GROUP BY 1, 2, 3",
        v.sql
    );
    v.hent(db, &sql)
        .await?
        .iter()
        .map(|r| Ok(Maanedstall { statsforvalter: r.try_get("statsforvalter")?, maaned: r.try_get("maaned")?, utfall: r.try_get("u")?, antall: antall(r, "n")? }))
        .collect()
}

/// The aggregates of one filter for its own period.
pub async fn grunnlagstall(db: &Database, f: &Statistikkfilter) -> Result<Grunnlagstall, DbFeil> {
    grunnlagstall_for(db, f, &f.periode).await
}

/// The aggregates of a filter over another period. The four queries run side by side, each on
/// its own connection.
pub async fn grunnlagstall_for(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<Grunnlagstall, DbFeil> {
    let (per_maaned, egenskaper, behandlingstid, medhold) = tokio::try_join!(
        per_maaned(db, f, periode),
        per_kommune(db, f, periode),
        behandlingstid(db, f, periode),
        medhold_hos_kommunen(db, f, periode),
    )?;
    let (per_kommune, per_kategori, per_rettighet, per_aldersgruppe) = egenskaper;
    Ok(Grunnlagstall {
        per_maaned,
        per_kommune,
        per_kategori,
        per_rettighet,
        per_aldersgruppe,
        behandlingstid,
        medhold_hos_kommunen: medhold,
    }
    .normaliser())
}

type Telling = BTreeMap<String, u64>;

/// Per municipality, with the category, right and age sums alongside: one pass.
async fn per_kommune(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<(Telling, Telling, Telling, Telling), DbFeil> {
    let (mut per_kommune, mut per_kategori, mut per_rettighet, mut per_aldersgruppe) =
        (Telling::new(), Telling::new(), Telling::new(), Telling::new());
    let mut summer = Vec::new();
    let mut navn = Vec::new();
    let sum = |vilkaar: String, alias: &str| format!("CAST(COALESCE(SUM(CASE WHEN {vilkaar} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {alias}");
    for (i, k) in Kategori::ALLE.iter().enumerate() {
        summer.push(sum(format!("(',' || kategorier || ',') LIKE '%,{},%'", k.kode()), &format!("k{i}")));
        navn.push((format!("k{i}"), 'k', k.kode()));
    }
    for (i, r) in Rettighet::ALLE.iter().enumerate() {
        summer.push(sum(format!("(',' || rettigheter || ',') LIKE '%,{},%'", r.kode()), &format!("r{i}")));
        navn.push((format!("r{i}"), 'r', r.kode()));
    }
    for (i, a) in Aldersgruppe::ALLE.iter().enumerate() {
        summer.push(sum(format!("aldersgruppe = '{}'", a.kode()), &format!("a{i}")));
        navn.push((format!("a{i}"), 'a', a.kode()));
    }
    let v = vilkaar(f, periode);
    let sql = format!("SELECT kommune, COUNT(*) AS n, {} FROM klage{} GROUP BY kommune", summer.join(", "), v.sql);
    for r in v.hent(db, &sql).await? {
        let kommune: String = r.try_get("kommune")?;
        *per_kommune.entry(kommune).or_default() += antall(&r, "n")?;
        for (kolonne, hva, kode) in &navn {
            let kart = match hva {
                'k' => &mut per_kategori,
                'r' => &mut per_rettighet,
                _ => &mut per_aldersgruppe,
            };
            *kart.entry((*kode).to_owned()).or_default() += antall(&r, kolonne)?;
        }
    }
    Ok((per_kommune, per_kategori, per_rettighet, per_aldersgruppe))
}

/// Medhold hos kommunen: no SF outcome, so an outcome filter leaves none.
async fn medhold_hos_kommunen(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<u64, DbFeil> {
    if !f.utfall.is_empty() {
        return Ok(0);
    }
    let mut v = Vilkaar::new("status = 'medhold_hos_kommunen'");
    v.periode("avsluttet_kommune_dato", periode);
    v.egenskaper(f);
    let sql = format!("SELECT COUNT(*) AS n FROM klage{}", v.sql);
    v.hent(db, &sql).await?.first().map(|r| antall(r, "n")).transpose().map(|n| n.unwrap_or(0))
}

/// Processing-time histograms of the decided cases in the filter, per office: days from the
/// governor's receipt to the decision, and how many met the 3-month target.
pub async fn behandlingstid(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<BTreeMap<String, Vec<Dagtall>>, DbFeil> {
    let (dager, innen) = match db.motor {
        Motor::Sqlite => (
            "CAST(julianday(avgjort_dato) - julianday(mottatt_statsforvalter) AS BIGINT)",
            // SQLite rolls 31 January + 3 months over to 1 May; the target date is the last day
            // of the month instead, as `frist::maaldato` has it.
            "CASE WHEN avgjort_dato <= min(date(mottatt_statsforvalter, '+3 months'), \
             date(mottatt_statsforvalter, 'start of month', '+4 months', '-1 day')) THEN 1 ELSE 0 END",
        ),
        Motor::Postgres => (
            "CAST(CAST(avgjort_dato AS DATE) - CAST(mottatt_statsforvalter AS DATE) AS BIGINT)",
            "CASE WHEN CAST(avgjort_dato AS DATE) <= CAST(CAST(mottatt_statsforvalter AS DATE) + INTERVAL '3 months' AS DATE) \
             THEN 1 ELSE 0 END",
        ),
    };
    let mut v = vilkaar(f, periode);
    v.sql.push_str(" AND status = 'avgjort' AND mottatt_statsforvalter IS NOT NULL");
    let sql = format!(
        "SELECT statsforvalter, {dager} AS dager, COUNT(*) AS n, CAST(SUM({innen}) AS BIGINT) AS innen FROM klage{} GROUP BY 1, 2",
        v.sql
    );
    let mut histogram: BTreeMap<String, Vec<Dagtall>> = BTreeMap::new();
    for r in v.hent(db, &sql).await? {
        let dager: i64 = r.try_get("dager")?;
        histogram
            .entry(r.try_get("statsforvalter")?)
            .or_default()
            .push(Dagtall { dager, antall: antall(&r, "n")?, innen_maal: antall(&r, "innen")? });
    }
    Ok(histogram)
}

/// Every complaint as the statistics see it, for the reference count in tests and checks.
/// Reads the whole table: never on a request path.
pub async fn statistikksaker(db: &Database) -> Result<Vec<Statistikksak>, DbFeil> {
    let rader = sqlx::query(
        "SELECT statsforvalter, kommune, status, utfall, mottatt_statsforvalter, avgjort_dato, avsluttet_kommune_dato, \
         aldersgruppe, rettigheter, kategorier FROM klage ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    rader
        .iter()
        .map(|r| {
            let utfall: Option<String> = r.try_get("utfall")?;
            let alder: String = r.try_get("aldersgruppe")?;
            let rettigheter: String = r.try_get("rettigheter")?;
            let kategorier: String = r.try_get("kategorier")?;
            Ok(Statistikksak {
                statsforvalter: r.try_get("statsforvalter")?,
                kommune: r.try_get("kommune")?,
                status: r.try_get("status")?,
                utfall: utfall.as_deref().and_then(Utfall::fra_kode),
                mottatt_statsforvalter: dato(r, "mottatt_statsforvalter")?,
                avgjort: dato(r, "avgjort_dato")?,
                avsluttet_kommune: dato(r, "avsluttet_kommune_dato")?,
                aldersgruppe: Aldersgruppe::fra_kode(&alder).ok_or_else(|| DbFeil::UgyldigeData(alder.clone()))?,
                rettigheter: rettigheter.split(',').filter_map(Rettighet::fra_kode).collect(),
                kategorier: kategorier.split(',').filter_map(Kategori::fra_kode).collect(),
            })
        })
        .collect()
}

/// The governor's decisions sent in the period: no person, no case number.
pub async fn avgjorte_saker(db: &Database, periode: &Periode) -> Result<Vec<AvgjortSak>, DbFeil> {
    let mut v = Vilkaar::new("status = 'avgjort'");
    v.periode("avgjort_dato", periode);
    let sql = format!("SELECT statsforvalter, avgjort_dato, utfall, rettigheter, kategorier FROM klage{}", v.sql);
    v.hent(db, &sql)
        .await?
        .iter()
        .map(|rad| {
            let utfall: String = rad.try_get("utfall")?;
            let rettigheter: String = rad.try_get("rettigheter")?;
            let kategorier: String = rad.try_get("kategorier")?;
            Ok(AvgjortSak {
                statsforvalter: rad.try_get("statsforvalter")?,
                avgjort: dato(rad, "avgjort_dato")?.ok_or_else(|| DbFeil::UgyldigeData("avgjort_dato".into()))?,
                utfall: Utfall::fra_kode(&utfall).ok_or_else(|| DbFeil::UgyldigeData(utfall.clone()))?,
                rettigheter: rettigheter.split(',').filter_map(Rettighet::fra_kode).collect(),
                kategorier: kategorier.split(',').filter_map(Kategori::fra_kode).collect(),
            })
        })
        .collect()
}

/// Bulk-loads complaints as the statistics see them (the benchmark's and the tests' fixed data
/// sets), many rows per statement in one transaction. The columns the statistics do not read
/// get neutral values: no person, an empty summary, no case number.
pub async fn last_inn_statistikkrader(db: &Database, rader: &[Statistikksak]) -> Result<(), DbFeil> {
    const KOLONNER: usize = 13;
    // Well under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
    const PER_SETNING: usize = 1000;
    let mut tx = db.pool.begin().await?;
    for bit in rader.chunks(PER_SETNING) {
        let plasser: Vec<String> = (0..bit.len())
            .map(|r| {
                let p: Vec<String> = (1..=KOLONNER).map(|k| format!("${}", r * KOLONNER + k)).collect();
                format!("({}, '', '2026-10-31T00:00:00Z')", p.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO klage (kommune, statsforvalter, status, utfall, mottaker, mottatt_statsforvalter, foerst_mottatt, \
             avgjort_dato, avsluttet_kommune_dato, klager, aldersgruppe, rettigheter, kategorier, sammendrag, opprettet) \
             VALUES {}",
            plasser.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for s in bit {
            let foerst = s.mottatt_statsforvalter.or(s.avsluttet_kommune).or(s.avgjort).map(iso).unwrap_or_default();
            q = q
                .bind(s.kommune.clone())
                .bind(s.statsforvalter.clone())
                .bind(s.status.clone())
                .bind(s.utfall.map(|u| u.kode().to_owned()))
                .bind("kommunen")
                .bind(s.mottatt_statsforvalter.map(iso))
                .bind(foerst)
                .bind(s.avgjort.map(iso))
                .bind(s.avsluttet_kommune.map(iso))
                .bind("pasient_bruker")
                .bind(s.aldersgruppe.kode())
                .bind(s.rettigheter.iter().map(|r| r.kode()).collect::<Vec<_>>().join(","))
                .bind(s.kategorier.iter().map(|k| k.kode()).collect::<Vec<_>>().join(","));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The open cases at the governor and the flow of cases since the backlog's first month, for
/// the management figures of `omfang` (which the caller has checked the user may see).
pub async fn styringsgrunnlag(
    db: &Database,
    omfang: &Styringsomfang,
    idag: chrono::NaiveDate,
) -> Result<(Vec<Aapne>, Vec<Flyt>), DbFeil> {
    let aapne_statuser = HOS_STATSFORVALTEREN.iter().filter(|s| **s != "avgjort").map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
    let mut v = Vilkaar::new(&format!("status IN ({aapne_statuser}) AND mottatt_statsforvalter IS NOT NULL"));
    if let Styringsomfang::Embete(kode) = omfang {
        v.i_liste("statsforvalter", [kode.clone()]);
    }
    let sql = format!("SELECT statsforvalter, mottatt_statsforvalter, COUNT(*) AS n FROM klage{} GROUP BY 1, 2", v.sql);
    let aapne = v
        .hent(db, &sql)
        .await?
        .iter()
        .map(|r| {
            Ok(Aapne {
                statsforvalter: r.try_get("statsforvalter")?,
                mottatt: dato(r, "mottatt_statsforvalter")?.ok_or_else(|| DbFeil::UgyldigeData("mottatt_statsforvalter".into()))?,
                antall: antall(r, "n")?,
            })
        })
        .collect::<Result<Vec<_>, DbFeil>>()?;

    let alle = HOS_STATSFORVALTEREN.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
    let mut v = Vilkaar::new(&format!("status IN ({alle}) AND mottatt_statsforvalter IS NOT NULL"));
    let start = v.bind(iso(restansestart(idag)));
    v.sql.push_str(&format!(" AND (avgjort_dato IS NULL OR avgjort_dato >= {start})"));
    if let Styringsomfang::Embete(kode) = omfang {
        v.i_liste("statsforvalter", [kode.clone()]);
    }
    let sql = format!(
        "SELECT substr(mottatt_statsforvalter, 1, 7) AS m, substr(avgjort_dato, 1, 7) AS a, COUNT(*) AS n FROM klage{} GROUP BY 1, 2",
        v.sql
    );
    let flyt = v
        .hent(db, &sql)
        .await?
        .iter()
        .map(|r| Ok(Flyt { mottatt: r.try_get("m")?, avgjort: r.try_get("a")?, antall: antall(r, "n")? }))
        .collect::<Result<Vec<_>, DbFeil>>()?;
    Ok((aapne, flyt))
}
