//! The statistics use cases: every figure of the dashboard for a filter, as the asker may see
//! it (for the page, the JSON API, the exports and the `statistikk` command alike, so they can
//! never disagree), and the management figures for the directorate and office leders.

use chrono::NaiveDate;

use super::Tjenester;
use crate::db::{self, Database, DbFeil};
use crate::domain::statistikk::dashbord::{self, Statistikk};
use crate::domain::statistikk::filter::{Filterfeil, Statistikkfilter};
use crate::domain::statistikk::offentlig::{self, Publikum};
use crate::domain::statistikk::styring::{self, Styringstall};
use crate::domain::statistikk::Periode;
use crate::domain::tilgang::Bruker;

/// Why the figures could not be given: a question out of bounds, or the database.
#[derive(Debug, thiserror::Error)]
pub enum Statistikkfeil {
    #[error("{0}")]
    Ugyldig(#[from] Filterfeil),
    #[error("{0}")]
    Db(#[from] DbFeil),
}

/// Every figure of the dashboard for a filter, as `publikum` may see it: the bounds checked,
/// the aggregates of its period and of Helsetilsynet's three-year window put together and
/// suppressed by `domain::statistikk`, and for the public replaced below office level by the
/// protected table family (`domain::statistikk::offentlig`).
pub async fn hent_statistikk(
    db: &Database,
    filter: &Statistikkfilter,
    publikum: Publikum,
    idag: NaiveDate,
) -> Result<Statistikk, Statistikkfeil> {
    offentlig::sjekk_periode(filter, idag)?;
    // The public's question is checked before any work is done, and its area passed on.
    let offentlig_omraade = match publikum {
        Publikum::Offentlig => offentlig::offentlig_omraade(filter)?,
        Publikum::Intern => None,
    };
    let (_, vindu) = dashbord::treaarsvindu(filter.periode, idag);
    let utsnitt = db::statistikk::utsnitt(db).await?;
    let g = utsnitt.grunnlagstall(filter, &filter.periode);
    let tre = utsnitt.grunnlagstall(filter, &vindu);
    let tre = dashbord::Grunnlagstall { per_maaned: tre.per_maaned, ..Default::default() }.normaliser();
    let s = dashbord::statistikk(filter, &g, &tre, idag);
    Ok(match publikum {
        Publikum::Intern => s,
        Publikum::Offentlig => offentlig::publiser(filter, offentlig_omraade, s, &|aar| utsnitt.tabellfamilie(aar), idag),
    })
}

/// The national overview for a period, with no other filter: what the `statistikk` command
/// prints, byte for byte the API's answer to `?fra=&til=`.
pub async fn landsoversikt(db: &Database, periode: Periode, idag: NaiveDate) -> Result<Statistikk, Statistikkfeil> {
    hent_statistikk(db, &Statistikkfilter { periode, ..Statistikkfilter::default() }, Publikum::Offentlig, idag).await
}

/// The management figures `bruker` may see: `None` for everyone but the directorate (every
/// office) and an office's leder (their own).
pub async fn styringstall(t: &Tjenester, bruker: Option<&Bruker>) -> Result<Option<Styringstall>, DbFeil> {
    let Some(omfang) = bruker.and_then(styring::styringsomfang) else {
        return Ok(None);
    };
    let idag = t.klokke.idag();
    let (aapne, flyt) = db::statistikk::styringsgrunnlag(&t.db, &omfang, idag).await?;
    Ok(Some(styring::styringstall(&omfang, &aapne, &flyt, idag)))
}
