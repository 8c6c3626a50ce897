//! The extractors of the web edge: the logged-in user, the administrator, a posted form, and
//! what a page needs to be rendered again. A handler names what it needs in its arguments,
//! and a request without it is refused with a [`Webfeil`] before the handler runs.

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use super::feil::Webfeil;
use super::AppState;
use crate::domain::tilgang::Aktoer;
use crate::skjema::innsending::Innsending;
use crate::tjenester;

/// The largest form body we read: a summary of 4,000 characters fits many times over.
pub const MAKS_SKJEMA: usize = 256 * 1024;

/// The logged-in user acting in this request (with their address); 401 for anyone else.
pub struct Innlogget(pub Aktoer);

impl<S: Send + Sync> FromRequestParts<S> for Innlogget {
    type Rejection = Webfeil;

    async fn from_request_parts(deler: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        tjenester::aktoer_fra(&deler.extensions).map(Innlogget).ok_or(Webfeil::IkkeInnlogget)
    }
}

/// The logged-in administrator; 401 for an anonymous visitor, and 404 (with an audit row) for
/// any other user, as the page answers them.
pub struct Administrator(pub Aktoer);

impl FromRequestParts<AppState> for Administrator {
    type Rejection = Webfeil;

    async fn from_request_parts(deler: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Innlogget(aktoer) = Innlogget::from_request_parts(deler, state).await?;
        if tjenester::admin::administrator(&state.tjenester(), &aktoer).await {
            Ok(Administrator(aktoer))
        } else {
            Err(Webfeil::IkkeFunnet)
        }
    }
}

/// A posted `application/x-www-form-urlencoded` form: its name/value pairs in order
/// (checkboxes repeat their name), at most [`MAKS_SKJEMA`] bytes.
pub struct Skjemadata(pub Vec<(String, String)>);

impl Skjemadata {
    /// The first value of `navn`, or empty.
    pub fn verdi(&self, navn: &str) -> String {
        self.0.iter().find(|(n, _)| n == navn).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every value of `navn` (ticked checkboxes).
    pub fn verdier(&self, navn: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == navn).map(|(_, v)| v.clone()).collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for Skjemadata {
    type Rejection = Webfeil;

    async fn from_request(req: Request<Body>, _: &S) -> Result<Self, Self::Rejection> {
        let bytes = to_bytes(req.into_body(), MAKS_SKJEMA).await.map_err(|_| Webfeil::ForStortSkjema)?;
        Ok(Skjemadata(form_urlencoded::parse(&bytes).into_owned().collect()))
    }
}

/// What a page needs to be rendered again for the same visitor after a form post: their
/// headers (language cookie) and the request's extensions (who is logged in).
pub struct Gjenvisning {
    pub headers: HeaderMap,
    pub utvidelser: http::Extensions,
}

impl<S: Send + Sync> FromRequestParts<S> for Gjenvisning {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(deler: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Gjenvisning { headers: deler.headers.clone(), utvidelser: deler.extensions.clone() })
    }
}

impl Gjenvisning {
    /// What the request `deler` needs to be shown again.
    pub fn fra(deler: &Parts) -> Gjenvisning {
        Gjenvisning { headers: deler.headers.clone(), utvidelser: deler.extensions.clone() }
    }

    /// Renders the page at `sti` again with the submission in context (what was typed and each
    /// error next to its field), under `status`.
    pub async fn vis(self, state: &AppState, sti: &str, innsending: Innsending, status: StatusCode) -> Response {
        let kontekst = {
            let (state, tjenester) = (state.clone(), state.tjenester());
            move || {
                provide_context(state.clone());
                provide_context(tjenester.clone());
                provide_context(innsending.clone());
            }
        };
        let state = state.clone();
        let handler = leptos_axum::render_app_async_with_context(kontekst, move || super::skall(&state));
        let mut forespoersel = Request::builder().method(Method::GET).uri(sti).body(Body::empty()).expect("a valid request");
        *forespoersel.headers_mut() = self.headers;
        // Who is logged in travels with the request, so the page shows the same as before.
        *forespoersel.extensions_mut() = self.utvidelser;
        let mut svar = handler(forespoersel).await.into_response();
        *svar.status_mut() = status;
        svar
    }
}

/// Every redirect goes to a path on this site: 303 See Other (post/redirect/get).
impl IntoResponse for crate::domain::lokalsti::Lokalsti {
    fn into_response(self) -> Response {
        axum::response::Redirect::to(self.as_str()).into_response()
    }
}
