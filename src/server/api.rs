//! The JSON API under `/api/v1`, and the one function that computes the statistics for the
//! API, the exports, the page and the `statistikk` command alike, so they can never disagree.
//!
//! - `GET /api/v1/statistikk?…` – every figure of the dashboard as JSON;
//! - `GET /api/v1/statistikk.csv?…` and `GET /api/v1/statistikk.xlsx?…` – the same selection
//!   as files (see `server::eksport`);
//! - `GET /api/v1/openapi.json` – the OpenAPI 3 description of all of it.
//!
//! All take the filter's query parameters (`domain::statistikk::filter`); a bad one gives 400
//! with [`Parameterfeil`], in bokmål and nynorsk.

use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::AppState;
use crate::db::{self, Database, DbFeil};
use crate::domain::sprak::Sprak;
use crate::domain::statistikk::dashbord::{self, Statistikk};
use crate::domain::statistikk::filter::{Filterfeil, Statistikkfilter};
use crate::domain::statistikk::offentlig::{self, Publikum};
use crate::domain::statistikk::Periode;
use crate::server::okt::Innlogget;

/// A bad query parameter: the message in bokmål and nynorsk, and the parameter's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{feil}")]
pub struct Parameterfeil {
    pub feil: String,
    #[serde(default)]
    pub feil_nn: String,
    pub parameter: String,
}

impl From<Filterfeil> for Parameterfeil {
    fn from(f: Filterfeil) -> Parameterfeil {
        Parameterfeil { feil: f.melding(Sprak::Nb), feil_nn: f.melding(Sprak::Nn), parameter: f.parameter().to_owned() }
    }
}

/// Reads the filter from a raw query string (`fra=…&statsforvalter=a&statsforvalter=b`).
pub fn les_filter(query: &str) -> Result<Statistikkfilter, Parameterfeil> {
    let par: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    Ok(Statistikkfilter::les(par.iter().map(|(n, v)| (n.as_str(), v.as_str())))?)
}

/// Reads `fra` and `til` (both inclusive, both optional) into a period.
pub fn les_periode(fra: Option<&str>, til: Option<&str>) -> Result<Periode, Parameterfeil> {
    let par: Vec<(&str, &str)> = [("fra", fra), ("til", til)].into_iter().filter_map(|(n, v)| v.map(|v| (n, v))).collect();
    Ok(Statistikkfilter::les(par)?.periode)
}

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

/// A 400 with the parameter error.
fn ugyldig(feil: Parameterfeil) -> Response {
    (StatusCode::BAD_REQUEST, Json(feil)).into_response()
}

/// A 500 that says nothing of the inside; the detail is logged here, once.
fn intern(e: &dyn std::fmt::Display) -> Response {
    tracing::error!(feil = %e, "statistikk: oppslaget feilet");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(Parameterfeil {
            feil: "Statistikken kunne ikke hentes. Prøv igjen senere.".into(),
            feil_nn: "Statistikken kunne ikkje hentast. Prøv igjen seinare.".into(),
            parameter: String::new(),
        }),
    )
        .into_response()
}

/// Reads the filter and computes the figures for the user (or the public), or the response
/// that says why not.
async fn beregn(state: &AppState, innlogget: Option<Extension<Innlogget>>, query: Option<String>) -> Result<Statistikk, Response> {
    let filter = les_filter(query.as_deref().unwrap_or_default()).map_err(ugyldig)?;
    let publikum = Publikum::for_bruker(innlogget.as_ref().and_then(|i| i.0 .0.as_ref()));
    match hent_statistikk(&state.db, &filter, publikum, state.klokke.idag()).await {
        Ok(s) => Ok(s),
        Err(Statistikkfeil::Ugyldig(feil)) => Err(ugyldig(feil.into())),
        Err(Statistikkfeil::Db(e)) => Err(intern(&e)),
    }
}

/// The language of a file export: `sprak=nn` gives nynorsk labels.
fn sprak_fra(query: Option<&str>) -> Sprak {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(n, _)| n == "sprak")
        .and_then(|(_, v)| Sprak::fra_tag(&v))
        .unwrap_or_default()
}

/// `GET /api/v1/statistikk?fra=YYYY-MM-DD&til=YYYY-MM-DD&…`.
pub async fn statistikk(State(state): State<AppState>, innlogget: Option<Extension<Innlogget>>, RawQuery(query): RawQuery) -> Response {
    match beregn(&state, innlogget, query).await {
        Ok(s) => Json(s).into_response(),
        Err(svar) => svar,
    }
}

/// `GET /api/v1/statistikk.csv?…`: UTF-8 with BOM, `;` between fields.
pub async fn statistikk_csv(State(state): State<AppState>, innlogget: Option<Extension<Innlogget>>, RawQuery(query): RawQuery) -> Response {
    let sprak = sprak_fra(query.as_deref());
    match beregn(&state, innlogget, query).await {
        Ok(s) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"klagestatistikk.csv\""),
            ],
            super::eksport::csv(&s, sprak),
        )
            .into_response(),
        Err(svar) => svar,
    }
}

/// `GET /api/v1/statistikk.xlsx?…`: a workbook with the filter on the sheet.
pub async fn statistikk_xlsx(
    State(state): State<AppState>,
    innlogget: Option<Extension<Innlogget>>,
    RawQuery(query): RawQuery,
) -> Response {
    let sprak = sprak_fra(query.as_deref());
    match beregn(&state, innlogget, query).await {
        Ok(s) => match super::eksport::xlsx(&s, sprak) {
            Ok(bytes) => (
                [
                    (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"klagestatistikk.xlsx\""),
                ],
                bytes,
            )
                .into_response(),
            Err(e) => intern(&e),
        },
        Err(svar) => svar,
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CACHE_CONTROL, "public, max-age=3600")], Json(super::openapi::dokument())).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_with_clear_errors() {
        assert_eq!(les_periode(None, None).unwrap(), Periode::default());
        let p = les_periode(Some("2020-01-01"), Some("2023-09-19")).unwrap();
        assert_eq!(p.fra, NaiveDate::from_ymd_opt(2020, 1, 1));
        assert_eq!(les_periode(Some(""), None).unwrap_err().parameter, "fra");
        assert_eq!(les_periode(None, Some("2023-02-30")).unwrap_err().parameter, "til");
        let feil = les_periode(Some("2024-01-01"), Some("2023-01-01")).unwrap_err();
        assert_eq!(feil.parameter, "fra");
        assert!(feil.feil.contains("etter til-datoen"));
        assert!(feil.feil_nn.contains("Byt om datoane"));
    }

    #[test]
    fn repeated_parameters_from_a_raw_query() {
        let f = les_filter("statsforvalter=agder&statsforvalter=vestland&kategori=ikke_ip&fra=2023-01-01").unwrap();
        assert_eq!(f.statsforvalter, ["agder", "vestland"]);
        assert_eq!(les_filter("rettighet=x").unwrap_err().parameter, "rettighet");
    }
}
