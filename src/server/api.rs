//! The JSON API under `/api/v1`, and the one function that computes the national overview for
//! the API, the page and the `statistikk` command alike, so the three can never disagree.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::AppState;
use crate::db::{self, Database, DbFeil};
use crate::domain::referanse;
use crate::domain::statistikk::{self, Landsoversikt, Periode};

/// A bad query parameter: the message in Norwegian and the parameter's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{feil}")]
pub struct Parameterfeil {
    pub feil: String,
    pub parameter: String,
}

/// Reads one date parameter: absent is an open end; present must be a real `YYYY-MM-DD`.
fn les_datoparameter(navn: &str, verdi: Option<&str>) -> Result<Option<NaiveDate>, Parameterfeil> {
    match verdi {
        None => Ok(None),
        Some(tekst) if tekst.trim().is_empty() => Err(Parameterfeil {
            feil: format!("Parameteren «{navn}» er tom. Oppgi en dato som ÅÅÅÅ-MM-DD, eller utelat parameteren."),
            parameter: navn.to_owned(),
        }),
        Some(tekst) => NaiveDate::parse_from_str(tekst.trim(), "%Y-%m-%d").map(Some).map_err(|_| Parameterfeil {
            feil: format!("«{tekst}» er ikke en gyldig dato i parameteren «{navn}». Bruk formatet ÅÅÅÅ-MM-DD, for eksempel 2023-09-19."),
            parameter: navn.to_owned(),
        }),
    }
}

/// Reads `fra` and `til` (both inclusive, both optional) into a period.
pub fn les_periode(fra: Option<&str>, til: Option<&str>) -> Result<Periode, Parameterfeil> {
    let fra = les_datoparameter("fra", fra)?;
    let til = les_datoparameter("til", til)?;
    if let (Some(f), Some(t)) = (fra, til) {
        if f > t {
            return Err(Parameterfeil {
                feil: format!(
                    "Fra-datoen ({}) er etter til-datoen ({}). Bytt om datoene.",
                    f.format("%d.%m.%Y"),
                    t.format("%d.%m.%Y")
                ),
                parameter: "fra".to_owned(),
            });
        }
    }
    Ok(Periode { fra, til })
}

/// The national overview for a period: decisions sent in it, per the rules in
/// `domain::statistikk`.
pub async fn landsoversikt(db: &Database, periode: Periode, idag: NaiveDate) -> Result<Landsoversikt, DbFeil> {
    let saker = db::statistikk::avgjorte_saker(db, &periode).await?;
    let medhold = db::statistikk::medhold_hos_kommunen(db, &periode).await?;
    let koder = referanse::statsforvalterkoder();
    Ok(statistikk::landsoversikt(periode, &saker, &koder, medhold, idag))
}

#[derive(Deserialize)]
pub struct StatistikkParametre {
    fra: Option<String>,
    til: Option<String>,
}

/// `GET /api/v1/statistikk?fra=YYYY-MM-DD&til=YYYY-MM-DD`.
pub async fn statistikk(State(state): State<AppState>, Query(p): Query<StatistikkParametre>) -> Response {
    let periode = match les_periode(p.fra.as_deref(), p.til.as_deref()) {
        Ok(periode) => periode,
        Err(feil) => return (StatusCode::BAD_REQUEST, Json(feil)).into_response(),
    };
    match landsoversikt(&state.db, periode, state.klokke.idag()).await {
        Ok(oversikt) => Json(oversikt).into_response(),
        Err(e) => {
            tracing::error!(feil = %e, "statistikk: oppslaget feilet");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(Parameterfeil { feil: "Statistikken kunne ikke hentes. Prøv igjen senere.".into(), parameter: String::new() }),
            )
                .into_response()
        }
    }
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
    }
}
