//! Reads what the statistics count: the governor's decisions in a period, and the complaints
//! the municipalities resolved themselves. What the figures mean is decided in
//! `domain::statistikk`; this module only fetches the rows, using the partial indexes on
//! `avgjort_dato` and `avsluttet_kommune_dato`.

use sqlx::Row;

use super::{dato, iso, Database, DbFeil};
use crate::domain::kode::{Kategori, Rettighet, Utfall};
use crate::domain::statistikk::{AvgjortSak, Periode};

/// Adds `kolonne >= $n` / `kolonne <= $n` for the ends of the period that are set.
fn periodevilkaar(kolonne: &str, periode: &Periode) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut verdier = Vec::new();
    if let Some(fra) = periode.fra {
        verdier.push(iso(fra));
        sql.push_str(&format!(" AND {kolonne} >= ${}", verdier.len()));
    }
    if let Some(til) = periode.til {
        verdier.push(iso(til));
        sql.push_str(&format!(" AND {kolonne} <= ${}", verdier.len()));
    }
    (sql, verdier)
}

/// The governor's decisions sent in the period: no person, no case number.
pub async fn avgjorte_saker(db: &Database, periode: &Periode) -> Result<Vec<AvgjortSak>, DbFeil> {
    let (vilkaar, verdier) = periodevilkaar("avgjort_dato", periode);
    let sql = format!(
        "SELECT statsforvalter, avgjort_dato, utfall, rettigheter, kategorier FROM klage \
         WHERE status = 'avgjort'{vilkaar}"
    );
    let mut sporring = sqlx::query(&sql);
    for v in verdier {
        sporring = sporring.bind(v);
    }
    let rader = sporring.fetch_all(&db.pool).await?;
    rader
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

/// Complaints the municipalities resolved themselves (full medhold, fvl § 33) in the period.
pub async fn medhold_hos_kommunen(db: &Database, periode: &Periode) -> Result<u64, DbFeil> {
    let (vilkaar, verdier) = periodevilkaar("avsluttet_kommune_dato", periode);
    let sql = format!("SELECT COUNT(*) AS n FROM klage WHERE status = 'medhold_hos_kommunen'{vilkaar}");
    let mut sporring = sqlx::query(&sql);
    for v in verdier {
        sporring = sporring.bind(v);
    }
    let n: i64 = sporring.fetch_one(&db.pool).await?.try_get("n")?;
    Ok(u64::try_from(n).unwrap_or(0))
}
