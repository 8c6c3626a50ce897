//! Sessions on the web: the `__Host-` session cookie, who is logged in for each request, the
//! login and logout handlers, the refusal of cross-site form posts, and the login layer that
//! keeps the routes with case data or users from anonymous visitors.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::uttrekk::{Gjenvisning, Skjemadata};
use super::AppState;
use crate::db::brukere::{self, Okttoken};
use crate::domain::lokalsti::Lokalsti;
use crate::domain::tilgang::{Bruker, MAKS_EPOST};
use crate::skjema::innsending::{Innlogging, Innloggingsfeil, Innsending};
use crate::tjenester::{self, innlogging, Klientadresse, Okt};

/// The session cookie. `__Host-` makes the browser insist on Secure, Path=/ and no Domain.
pub const COOKIE: &str = "__Host-klagesak";

pub(crate) fn cookie_verdi(headers: &HeaderMap, navn: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|del| del.trim().split_once('='))
        .find(|(n, _)| *n == navn)
        .map(|(_, v)| v.to_owned())
}

fn adresse(state: &AppState, req: &Request) -> String {
    let socket = req.extensions().get::<ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
    let videresendt = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    state.proxyer.klientadresse(socket, videresendt)
}

/// Static files served from the site root.
fn er_fil(sti: &str) -> bool {
    sti.starts_with("/pkg/") || sti.starts_with("/ds/") || sti.starts_with("/favicon.")
}

/// A cross-site form post: the browser says where the request came from, and it is not us.
fn fra_annet_nettsted(headers: &HeaderMap) -> bool {
    let vert = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), vert) {
        (Some(opphav), Some(vert)) => {
            let uten_skjema = opphav.split_once("://").map(|(_, r)| r).unwrap_or(opphav);
            uten_skjema != vert
        }
        (Some(_), None) => true,
        // No Origin (older browsers, curl, tests): SameSite=Lax keeps the cookie off
        // cross-site posts, so such a request acts as anonymous anyway.
        (None, _) => headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site"),
    }
}

/// Resolves the session for every request, refuses cross-site posts, and sends anonymous
/// visitors of case pages to the login page.
pub async fn okt_mellomvare(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let adresse = adresse(&state, &req);
    if req.method() != Method::GET && req.method() != Method::HEAD && fra_annet_nettsted(req.headers()) {
        return (StatusCode::FORBIDDEN, "Forespørselen kom fra et annet nettsted og ble avvist.").into_response();
    }
    // Files (the wasm, scripts, styles) carry the cookie too, but need no session: skip the
    // database lookup for them.
    if er_fil(req.uri().path()) {
        return next.run(req).await;
    }
    // Without the database nothing can be answered rightly: say so at once.
    if !state.db.svarer().await {
        return utilgjengelig(&req);
    }
    let bruker = match cookie_verdi(req.headers(), COOKIE) {
        Some(token) => match brukere::okt(&state.db, &Okttoken::fra_cookie(&token), state.klokke.naa(), &state.grenser).await {
            Ok(bruker) => bruker,
            Err(e) => {
                tracing::error!(feil = %e, "økta kunne ikke leses");
                None
            }
        },
        None => None,
    };
    req.extensions_mut().insert(Okt(bruker));
    req.extensions_mut().insert(Klientadresse(adresse));
    next.run(req).await
}

/// The login layer of the routes that show case data or users: an anonymous visitor of a page
/// is sent to the login page (and back afterwards), any other anonymous request gets 401, and
/// nothing that passes is cached.
pub async fn krev_innlogging(req: Request, next: Next) -> Response {
    if tjenester::bruker_fra(req.extensions()).is_none() {
        if req.method() == Method::GET && !req.uri().path().starts_with("/api/") {
            let tilbake = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            return Lokalsti::logg_inn(&Lokalsti::les_eller(tilbake, "/")).into_response();
        }
        return super::feil::Webfeil::IkkeInnlogget.into_response();
    }
    let mut svar = next.run(req).await;
    svar.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    svar
}

/// 503 while the database is gone: JSON in the API's error shape for the API, otherwise a
/// short page in the visitor's language. Nothing is cached, and the client may try again soon.
fn utilgjengelig(req: &Request) -> Response {
    let sprak = cookie_verdi(req.headers(), "sprak").and_then(|t| crate::domain::sprak::Sprak::fra_tag(&t)).unwrap_or_default();
    let (tittel, tekst) = (
        sprak.velg("Klagesak er midlertidig utilgjengelig", "Klagesak er mellombels utilgjengeleg"),
        sprak.velg("Databasen svarer ikke akkurat nå. Prøv igjen om litt.", "Databasen svarar ikkje akkurat no. Prøv igjen om litt."),
    );
    let hode = [(header::RETRY_AFTER, HeaderValue::from_static("5")), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
    if req.uri().path().starts_with("/api/") {
        let feil = super::api::Parameterfeil {
            feil: "Tjenesten er midlertidig utilgjengelig: databasen svarer ikke.".into(),
            feil_nn: "Tenesta er mellombels utilgjengeleg: databasen svarar ikkje.".into(),
            parameter: String::new(),
        };
        return (StatusCode::SERVICE_UNAVAILABLE, hode, axum::Json(feil)).into_response();
    }
    let side = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{tittel}</title></head><body><main><h1>{tittel}</h1><p>{tekst}</p></main></body></html>",
        sprak.tag()
    );
    (StatusCode::SERVICE_UNAVAILABLE, hode, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], side).into_response()
}

/// Where a user lands after login when no page was asked for.
pub(crate) fn startside(bruker: &Bruker) -> &'static str {
    match bruker.omfang().art() {
        crate::domain::tilgang::Omfangsart::Ingen => "/statistikk",
        _ => "/saker",
    }
}

/// `POST /logg-inn`.
pub async fn logg_inn(State(state): State<AppState>, side: Gjenvisning, skjema: Skjemadata) -> Response {
    let adresse = side.utvidelser.get::<Klientadresse>().map(|a| a.0.clone()).unwrap_or_default();
    let epost = skjema.verdi("epost");
    let tilbake = Lokalsti::les(&skjema.verdi("tilbake"));
    match innlogging::logg_inn(&state.tjenester(), &epost, &skjema.verdi("passord"), &adresse).await {
        Ok((bruker, token)) => {
            let maal = tilbake.unwrap_or_else(|| Lokalsti::side(startside(&bruker)));
            innlogget_svar(&token, &maal)
        }
        Err(feil) => {
            let status = match feil {
                Innloggingsfeil::Sperret => StatusCode::TOO_MANY_REQUESTS,
                Innloggingsfeil::Teknisk => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::UNAUTHORIZED,
            };
            let epost: String = epost.chars().take(MAKS_EPOST).collect();
            let innsending = Innsending::Innlogging(Innlogging { epost, tilbake: tilbake.map(String::from).unwrap_or_default(), feil });
            side.vis(&state, "/logg-inn", innsending, status).await
        }
    }
}

/// The answer to a successful login, whichever way it went: the new session's cookie, and on
/// to `maal`.
pub(crate) fn innlogget_svar(token: &Okttoken, maal: &Lokalsti) -> Response {
    let cookie = format!("{COOKIE}={}; Path=/; HttpOnly; Secure; SameSite=Lax", token.cookieverdi());
    ([(header::SET_COOKIE, cookie)], Redirect::to(maal.as_str())).into_response()
}

/// `POST /logg-ut`: ends the session on the server and clears the cookie.
pub async fn logg_ut(State(state): State<AppState>, headers: HeaderMap, utvidelser: http::Extensions) -> Response {
    let token = cookie_verdi(&headers, COOKIE).map(|t| Okttoken::fra_cookie(&t));
    innlogging::logg_ut(&state.tjenester(), token.as_ref(), tjenester::aktoer_fra(&utvidelser).as_ref()).await;
    let cookie = format!("{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0");
    ([(header::SET_COOKIE, cookie)], Lokalsti::forside()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_posts_are_recognised() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        assert!(!fra_annet_nettsted(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("http://127.0.0.1:3000"));
        assert!(!fra_annet_nettsted(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("https://angriper.example"));
        assert!(fra_annet_nettsted(&h));
        assert!(er_fil("/pkg/klagesak.wasm") && er_fil("/ds/tema.css") && !er_fil("/saker"));
    }
}
