//! Which routes need what. The pages and server functions that show case data or users are
//! for logged-in users only; those of the statistics are behind the anonymous rate limit; the
//! rest is public. The server puts each group behind its router layers (`server::ruter`), and
//! a test there checks that every page and server function is in exactly one group, so a new
//! one cannot be left out by mistake.
//!
//! Pages are named by their paths as the route list writes them (`/saker/{id}`), server
//! functions by their own `PATH`.

use leptos::server_fn::ServerFn;

use super::{admin, sak, saker, statistikk};

/// The routes with case data or users: the login layer keeps anonymous visitors out.
pub fn innlogget() -> Vec<&'static str> {
    vec![
        "/saker",
        "/saker/ny",
        "/saker/{id}",
        "/admin",
        sak::HentSak::PATH,
        saker::HentSaker::PATH,
        saker::HentTilgang::PATH,
        admin::HentAdministrasjon::PATH,
    ]
}

/// The public statistics' page and server function: the anonymous rate limit applies.
pub fn statistikk() -> Vec<&'static str> {
    vec!["/statistikk", statistikk::HentStatistikk::PATH]
}

/// Public, with no layer of their own. The management figures' server function answers
/// nothing to anyone but the directorate and office leders, which it decides itself.
pub fn offentlig() -> Vec<&'static str> {
    vec!["/", "/logg-inn", statistikk::HentStyringstall::PATH]
}
