//! What a server function needs from the request it answers (server only): the services of
//! the use cases, and who is asking. The answer to a call without a logged-in user is 401 and
//! never cached, like the pages behind the login layer.

use leptos::prelude::{expect_context, use_context};

use super::feil::Tjenestefeil;
use crate::domain::tilgang::{Aktoer, Bruker};
use crate::tjenester::{self, Tjenester};

/// The services, provided by the server for every request.
pub fn tjenester() -> Tjenester {
    expect_context::<Tjenester>()
}

/// The request's extensions, where the session middleware put the session.
fn utvidelser() -> Option<http::Extensions> {
    use_context::<http::request::Parts>().map(|deler| deler.extensions)
}

/// The logged-in user, if any (for a page header or public figures).
pub fn bruker() -> Option<Bruker> {
    utvidelser().and_then(|u| tjenester::bruker_fra(&u))
}

/// Whether login with OpenID Connect is offered.
pub fn oidc_tilbudt() -> bool {
    utvidelser().is_some_and(|u| u.get::<tjenester::OidcTilbudt>().is_some())
}

/// The services and the acting user, or 401 when nobody is logged in. The answer is never
/// cached either way.
pub fn innlogget() -> Result<(Tjenester, Aktoer), Tjenestefeil> {
    let svar = use_context::<leptos_axum::ResponseOptions>();
    if let Some(svar) = &svar {
        svar.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
    match utvidelser().and_then(|u| tjenester::aktoer_fra(&u)) {
        Some(aktoer) => Ok((tjenester(), aktoer)),
        None => {
            if let Some(svar) = svar {
                svar.set_status(http::StatusCode::UNAUTHORIZED);
            }
            Err(Tjenestefeil::IkkeInnlogget)
        }
    }
}
