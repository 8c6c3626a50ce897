//! Keeps the statistics' working set (`domain::statistikk::lager`) current and answers the
//! dashboard's queries from it. The working set is a cache of the `klage` table in this app
//! instance's memory; before each use, one query of the generation counter (migration
//! `20261123000007_statistikklager`) tells whether any complaint changed since, in this instance
//! or in another behind the same load balancer, and only the changed rows are read again.
//! What the figures mean is decided in `domain::statistikk`; the integration tests hold the
//! counts to `domain::statistikk::dashbord::tell` over the rows read back.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use sqlx::Row;

use super::{iso, kolonne, Database, DbFeil, Motor};
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::statistikk::behandlingstid::Dagtall;
use crate::domain::statistikk::dashbord::{Grunnlagstall, Maanedstall, Statistikksak};
use crate::domain::statistikk::filter::Statistikkfilter;
use crate::domain::statistikk::lager::Utsnitt;
use crate::domain::statistikk::styring::{Aapne, Flyt, Styringsomfang};
use crate::domain::statistikk::Periode;
use crate::domain::status::Status;

/// The working set of one app instance, shared by its requests.
#[derive(Default)]
pub struct Statistikklager {
    gjeldende: RwLock<Arc<Lagret>>,
    /// One refresh at a time; the others wait and then use its result.
    oppfrisking: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Statistikklager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let g = self.les();
        f.debug_struct("Statistikklager").field("versjon", &g.versjon).field("saker", &g.utsnitt.antall()).finish()
    }
}

/// A view and the generation it is current at.
struct Lagret {
    /// The highest row version read; -1 before the first read.
    versjon: i64,
    slettinger: i64,
    utsnitt: Arc<Utsnitt>,
}

impl Default for Lagret {
    fn default() -> Lagret {
        Lagret { versjon: -1, slettinger: 0, utsnitt: Arc::default() }
    }
}

impl Lagret {
    fn er_gjeldende(&self, versjon: i64, slettinger: i64) -> bool {
        self.versjon >= versjon && self.slettinger == slettinger
    }
}

impl Statistikklager {
    fn les(&self) -> Arc<Lagret> {
        self.gjeldende.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Rows read per query while loading.
const PER_LESING: i64 = 50_000;

/// The complaints changed after `siden` (all of them for -1), with their id and row version.
#[tracing::instrument(level = "debug", skip_all)]
async fn endret_siden(db: &Database, siden: i64) -> Result<Vec<(i64, i64, Statistikksak)>, DbFeil> {
    let mut ut = Vec::new();
    let mut etter_id = i64::MIN;
    loop {
        let rader: Vec<StatistikkRad> = sqlx::query_as(
            "SELECT id, statistikk_versjon, statsforvalter, kommune, status, utfall, mottatt_statsforvalter, avgjort_dato, \
             avsluttet_kommune_dato, aldersgruppe, rettigheter, kategorier FROM klage \
             WHERE statistikk_versjon > $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(siden)
        .bind(etter_id)
        .bind(PER_LESING)
        .fetch_all(&db.pool)
        .await?;
        let antall = rader.len() as i64;
        for r in rader {
            ut.push((r.id, r.statistikk_versjon, Statistikksak::try_from(r)?));
        }
        match ut.last() {
            Some((id, _, _)) if antall == PER_LESING => etter_id = *id,
            _ => return Ok(ut),
        }
    }
}

/// The current view of every complaint: the one in memory if no complaint changed since it was
/// read, otherwise that one with the changed rows read again.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn utsnitt(db: &Database) -> Result<Arc<Utsnitt>, DbFeil> {
    let rad = sqlx::query("SELECT versjon, slettinger FROM statistikk_generasjon WHERE id = 1").fetch_one(&db.pool).await?;
    let (versjon, slettinger): (i64, i64) = (rad.try_get("versjon")?, rad.try_get("slettinger")?);
    let lager = &db.statistikk;
    let naa = lager.les();
    if naa.er_gjeldende(versjon, slettinger) {
        return Ok(naa.utsnitt.clone());
    }
    let _laas = lager.oppfrisking.lock().await;
    let naa = lager.les();
    if naa.er_gjeldende(versjon, slettinger) {
        return Ok(naa.utsnitt.clone());
    }
    // After a deletion nothing tells which rows went: read everything again.
    let alt = naa.versjon < 0 || naa.slettinger != slettinger;
    let siden = if alt { -1 } else { naa.versjon };
    let endrede = endret_siden(db, siden).await?;
    // Every version up to the counter read above was committed before the rows were read.
    let ny_versjon = endrede.iter().map(|e| e.1).max().unwrap_or(siden).max(versjon);
    let forrige = naa.utsnitt.clone();
    let utsnitt = tokio::task::spawn_blocking(move || {
        let saker = endrede.into_iter().map(|(id, _, sak)| (id, sak));
        if alt {
            Utsnitt::ny(saker)
        } else {
            forrige.med_endringer(saker)
        }
    })
    .await
    .map_err(|e| DbFeil::UgyldigeData(format!("statistikklageret: {e}")))?;
    let utsnitt = Arc::new(utsnitt);
    *lager.gjeldende.write().unwrap_or_else(|e| e.into_inner()) =
        Arc::new(Lagret { versjon: ny_versjon, slettinger, utsnitt: utsnitt.clone() });
    Ok(utsnitt)
}

/// The aggregates of one filter for its own period.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn grunnlagstall(db: &Database, f: &Statistikkfilter) -> Result<Grunnlagstall, DbFeil> {
    grunnlagstall_for(db, f, &f.periode).await
}

/// The aggregates of a filter over another period.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn grunnlagstall_for(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<Grunnlagstall, DbFeil> {
    Ok(utsnitt(db).await?.grunnlagstall(f, periode))
}

/// Cases per office, month and outcome over `periode`, under the rest of the filter.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn per_maaned(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<Vec<Maanedstall>, DbFeil> {
    Ok(grunnlagstall_for(db, f, periode).await?.per_maaned)
}

/// Processing-time histograms of the decided cases in the filter, per office.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn behandlingstid(db: &Database, f: &Statistikkfilter, periode: &Periode) -> Result<BTreeMap<String, Vec<Dagtall>>, DbFeil> {
    Ok(grunnlagstall_for(db, f, periode).await?.behandlingstid)
}

/// The columns of `klage` the statistics read: a projection of the case row.
#[derive(sqlx::FromRow)]
struct StatistikkRad {
    id: i64,
    statistikk_versjon: i64,
    statsforvalter: String,
    kommune: String,
    status: String,
    utfall: Option<String>,
    mottatt_statsforvalter: Option<String>,
    avgjort_dato: Option<String>,
    avsluttet_kommune_dato: Option<String>,
    aldersgruppe: String,
    rettigheter: String,
    kategorier: String,
}

impl TryFrom<StatistikkRad> for Statistikksak {
    type Error = DbFeil;

    fn try_from(r: StatistikkRad) -> Result<Statistikksak, DbFeil> {
        Ok(Statistikksak {
            mottatt_statsforvalter: kolonne::dato("mottatt_statsforvalter", r.mottatt_statsforvalter.as_deref())?,
            avgjort: kolonne::dato("avgjort_dato", r.avgjort_dato.as_deref())?,
            avsluttet_kommune: kolonne::dato("avsluttet_kommune_dato", r.avsluttet_kommune_dato.as_deref())?,
            aldersgruppe: kolonne::kode("aldersgruppe", &r.aldersgruppe, Aldersgruppe::fra_kode)?,
            utfall: r.utfall.as_deref().and_then(Utfall::fra_kode),
            rettigheter: r.rettigheter.split(',').filter_map(Rettighet::fra_kode).collect(),
            kategorier: r.kategorier.split(',').filter_map(Kategori::fra_kode).collect(),
            statsforvalter: r.statsforvalter,
            kommune: r.kommune,
            status: kolonne::kode("status", &r.status, Status::fra_kode)?,
        })
    }
}

/// Every complaint as the statistics see it, by id, for the reference count in tests and
/// checks. Reads the whole table: never on a request path.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn statistikksaker(db: &Database) -> Result<Vec<Statistikksak>, DbFeil> {
    Ok(endret_siden(db, -1).await?.into_iter().map(|(_, _, s)| s).collect())
}

/// Bulk-loads complaints as the statistics see them (the benchmark's and the tests' fixed data
/// sets), many rows per statement in one transaction. The columns the statistics do not read
/// get neutral values: no person, an empty summary, no case number.
///
/// On SQLite the load runs on one connection with a large page cache: the rows arrive in random
/// date order, so every index of `klage` is written all over, and with SQLite's default 2 MB
/// cache most of those pages would be spilled to the WAL and read back many times over. The
/// connection gets its own cache size back afterwards, also when the load fails (and then the
/// load's error is the one returned).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn last_inn_statistikkrader(db: &Database, rader: &[Statistikksak]) -> Result<(), DbFeil> {
    let mut conn = db.pool.acquire().await?;
    if db.motor == Motor::Postgres {
        return skriv_statistikkrader(&mut conn, db.motor, rader).await;
    }
    let for_lasting: i64 = sqlx::query("PRAGMA cache_size").fetch_one(&mut *conn).await?.try_get(0)?;
    sqlx::query(&format!("PRAGMA cache_size = -{MASSEINNLASTING_SIDEBUFFER_KIB}")).execute(&mut *conn).await?;
    let resultat = skriv_statistikkrader(&mut conn, db.motor, rader).await;
    let tilbake = sqlx::query(&format!("PRAGMA cache_size = {for_lasting}")).execute(&mut *conn).await;
    resultat?;
    tilbake?;
    Ok(())
}

/// The page cache of a bulk load on SQLite, in KiB (SQLite's default is 2,000).
const MASSEINNLASTING_SIDEBUFFER_KIB: u32 = 1 << 20;

#[tracing::instrument(level = "debug", skip_all)]
async fn skriv_statistikkrader(conn: &mut sqlx::AnyConnection, motor: Motor, rader: &[Statistikksak]) -> Result<(), DbFeil> {
    const KOLONNER: usize = 13;
    // Well under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
    const PER_SETNING: usize = 1000;
    // SQLite treats `$N` as a named parameter and finds a name by walking the list of names,
    // so binding 13,000 of them costs 13,000² steps (78.6 % of a 1M load in `perf record`). Anonymous `?`
    // parameters have no names to walk.
    let plass = |n: usize| match motor {
        Motor::Sqlite => "?".to_owned(),
        Motor::Postgres => format!("${n}"),
    };
    let mut tx = sqlx::Connection::begin(conn).await?;
    for bit in rader.chunks(PER_SETNING) {
        let plasser: Vec<String> = (0..bit.len())
            .map(|r| {
                let p: Vec<String> = (1..=KOLONNER).map(|k| plass(r * KOLONNER + k)).collect();
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
                .bind(s.status.kode())
                .bind(s.utfall.map(|u| u.kode().to_owned()))
                .bind("kommunen")
                .bind(s.mottatt_statsforvalter.map(iso))
                .bind(foerst)
                .bind(s.avgjort.map(iso))
                .bind(s.avsluttet_kommune.map(iso))
                .bind("pasient_bruker")
                .bind(s.aldersgruppe.kode())
                // The same `,a,b,` lists as registered cases, so the case list's filter finds them.
                .bind(super::klager::kodeliste(&s.rettigheter, Rettighet::kode))
                .bind(super::klager::kodeliste(&s.kategorier, Kategori::kode));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The open cases at the governor and the flow of cases since the backlog's first month, for
/// the management figures of `omfang` (which the caller has checked the user may see).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn styringsgrunnlag(db: &Database, omfang: &Styringsomfang, idag: chrono::NaiveDate) -> Result<(Vec<Aapne>, Vec<Flyt>), DbFeil> {
    Ok(utsnitt(db).await?.styringsgrunnlag(omfang, idag))
}
