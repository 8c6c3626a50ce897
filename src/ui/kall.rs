//! What a server function needs from the request it answers (server only): the services of
//! the use cases, and who is asking.

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

/// The services and the acting user. The server functions that call this are behind the
/// login layer (`ui::ruter::innlogget`), which already answers an anonymous call with 401 and
/// keeps every answer out of caches; this is the same check once more, on the server.
pub fn innlogget() -> Result<(Tjenester, Aktoer), Tjenestefeil> {
    let aktoer = utvidelser().and_then(|u| tjenester::aktoer_fra(&u)).ok_or(Tjenestefeil::IkkeInnlogget)?;
    Ok((tjenester(), aktoer))
}
