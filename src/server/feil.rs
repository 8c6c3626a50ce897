//! The web edge's one error type: every way a request can be refused before or after its use
//! case runs, each with its status and body (a short text for forms and pages, the API's JSON
//! error for `/api/v1`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::api::Parameterfeil;

/// Why a request was refused.
#[derive(Debug)]
pub enum Webfeil {
    /// Nobody is logged in: 401.
    IkkeInnlogget,
    /// Not there, or not for this user (the two look the same): 404.
    IkkeFunnet,
    /// The form's body is over the limit: 413.
    ForStortSkjema,
    /// A bad query parameter of the API: 400 with the parameter's error in JSON.
    Parameter(Parameterfeil),
    /// The API's figures could not be computed: 500 with a JSON error that says nothing of the
    /// inside (the detail is logged where it happened).
    ApiIntern,
    /// Something failed on the server (logged where it happened): 500.
    Intern,
}

impl IntoResponse for Webfeil {
    fn into_response(self) -> Response {
        match self {
            Webfeil::IkkeInnlogget => (StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response(),
            Webfeil::IkkeFunnet => StatusCode::NOT_FOUND.into_response(),
            Webfeil::ForStortSkjema => (StatusCode::PAYLOAD_TOO_LARGE, "Skjemaet er for stort.").into_response(),
            Webfeil::Parameter(feil) => (StatusCode::BAD_REQUEST, Json(feil)).into_response(),
            Webfeil::ApiIntern => (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(Parameterfeil {
                    feil: "Statistikken kunne ikke hentes. Prøv igjen senere.".into(),
                    feil_nn: "Statistikken kunne ikkje hentast. Prøv igjen seinare.".into(),
                    parameter: String::new(),
                }),
            )
                .into_response(),
            Webfeil::Intern => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}
