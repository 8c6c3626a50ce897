//! The JSON API under `/api/v1`: thin adapters over `tjenester::statistikk`, the one use
//! case behind the API, the exports, the page and the `statistikk` command alike, so they can
//! never disagree.
//!
//! - `GET /api/v1/statistikk?…` – every figure of the dashboard as JSON;
//! - `GET /api/v1/statistikk.csv?…` and `GET /api/v1/statistikk.xlsx?…` – the same selection
//!   as files (see `server::eksport`);
//! - `GET /api/v1/openapi.json` – the OpenAPI 3 description of all of it.
//!
//! All take the filter's query parameters (`domain::statistikk::filter`); a bad one gives 400
//! with [`Parameterfeil`], in bokmål and nynorsk.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::feil::Webfeil;
use super::AppState;
use crate::domain::sprak::Sprak;
use crate::domain::statistikk::dashbord::Statistikk;
use crate::domain::statistikk::filter::{Filterfeil, Statistikkfilter};
use crate::domain::statistikk::offentlig::Publikum;
use crate::domain::statistikk::Periode;
use crate::tjenester::bruker_fra;
use crate::tjenester::statistikk::{hent_statistikk, Statistikkfeil};

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

/// Reads the filter and computes the figures for the user (or the public), or the error that
/// says why not.
async fn beregn(state: &AppState, utvidelser: &http::Extensions, query: Option<&str>) -> Result<Statistikk, Webfeil> {
    let filter = les_filter(query.unwrap_or_default()).map_err(Webfeil::Parameter)?;
    let publikum = Publikum::for_bruker(bruker_fra(utvidelser).as_ref());
    match hent_statistikk(&state.db, &filter, publikum, state.klokke.idag()).await {
        Ok(s) => Ok(s),
        Err(Statistikkfeil::Ugyldig(feil)) => Err(Webfeil::Parameter(feil.into())),
        Err(Statistikkfeil::Db(e)) => Err(intern(&e)),
    }
}

/// The API's 500; the detail is logged here, once.
fn intern(e: &dyn std::fmt::Display) -> Webfeil {
    tracing::error!(feil = %e, "statistikk: oppslaget feilet");
    Webfeil::ApiIntern
}

/// The language of a file export: `sprak=nn` gives nynorsk labels.
fn sprak_fra(query: Option<&str>) -> Sprak {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(n, _)| n == "sprak")
        .and_then(|(_, v)| Sprak::fra_tag(&v))
        .unwrap_or_default()
}

/// `GET /api/v1/statistikk?fra=YYYY-MM-DD&til=YYYY-MM-DD&…`.
pub async fn statistikk(
    State(state): State<AppState>,
    utvidelser: http::Extensions,
    RawQuery(query): RawQuery,
) -> Result<Json<Statistikk>, Webfeil> {
    Ok(Json(beregn(&state, &utvidelser, query.as_deref()).await?))
}

/// `GET /api/v1/statistikk.csv?…`: UTF-8 with BOM, `;` between fields.
pub async fn statistikk_csv(
    State(state): State<AppState>,
    utvidelser: http::Extensions,
    RawQuery(query): RawQuery,
) -> Result<Response, Webfeil> {
    let sprak = sprak_fra(query.as_deref());
    let s = beregn(&state, &utvidelser, query.as_deref()).await?;
    let hode =
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"klagestatistikk.csv\"")];
    Ok((hode, super::eksport::csv(&s, sprak)).into_response())
}

/// `GET /api/v1/statistikk.xlsx?…`: a workbook with the filter on the sheet.
pub async fn statistikk_xlsx(
    State(state): State<AppState>,
    utvidelser: http::Extensions,
    RawQuery(query): RawQuery,
) -> Result<Response, Webfeil> {
    let sprak = sprak_fra(query.as_deref());
    let s = beregn(&state, &utvidelser, query.as_deref()).await?;
    let bytes = super::eksport::xlsx(&s, sprak).map_err(|e| intern(&e))?;
    let hode = [
        (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"klagestatistikk.xlsx\""),
    ];
    Ok((hode, bytes).into_response())
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CACHE_CONTROL, "public, max-age=3600")], Json(super::openapi::dokument())).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
