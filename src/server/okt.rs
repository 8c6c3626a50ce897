//! Sessions on the web: the `__Host-` session cookie, who is logged in for each request, the
//! login and logout handlers, and the check that keeps case pages from anonymous visitors and
//! cross-site form posts.

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::skjema::{les_skjema, verdi, vis_igjen};
use super::AppState;
use crate::db::brukere::{self, InnloggingFeil, Okttoken};
use crate::domain::lokalsti::Lokalsti;
use crate::domain::tilgang::{normalisert_epost, Aktoer, Bruker, MAKS_EPOST};
use crate::ui::innsending::{Innlogging, Innloggingsfeil, Innsending};

/// The session cookie. `__Host-` makes the browser insist on Secure, Path=/ and no Domain.
pub const COOKIE: &str = "__Host-klagesak";

/// Who made the request: put in the request's extensions by [`okt_mellomvare`].
#[derive(Clone, Debug)]
pub struct Innlogget(pub Option<Bruker>);

/// The address the request came from (for the failed-login limit and the audit log).
#[derive(Clone, Debug)]
pub struct Klientadresse(pub String);

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

/// Pages that show case data (or users): only for logged-in users, never cached.
fn er_saksside(sti: &str) -> bool {
    sti == "/saker" || sti.starts_with("/saker/") || sti.starts_with("/api/hent_sak") || sti.starts_with("/api/hent_saker")
        // The administrator's page lists users: the same protection.
        || sti == "/admin" || sti.starts_with("/admin/") || sti.starts_with("/api/hent_administrasjon")
}

/// Static files served from the site root.
fn er_fil(sti: &str) -> bool {
    sti.starts_with("/pkg/") || sti.starts_with("/ds/") || sti == "/favicon.svg"
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
    let sti = req.uri().path().to_owned();
    if er_saksside(&sti) && bruker.is_none() {
        if req.method() == Method::GET && !sti.starts_with("/api/") {
            let tilbake = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| sti.clone());
            let kodet: String = form_urlencoded::byte_serialize(tilbake.as_bytes()).collect();
            return Redirect::to(&format!("/logg-inn?tilbake={kodet}")).into_response();
        }
        return (StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response();
    }
    req.extensions_mut().insert(Innlogget(bruker));
    req.extensions_mut().insert(Klientadresse(adresse));
    let mut svar = next.run(req).await;
    if er_saksside(&sti) {
        svar.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
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

/// The logged-in user, inside a Leptos page or server function.
pub fn innlogget() -> Option<Bruker> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|deler| deler.extensions.get::<Innlogget>().cloned()).and_then(|i| i.0)
}

/// The acting user with their address, inside a Leptos page or server function.
pub fn aktoer() -> Option<Aktoer> {
    aktoer_fra(&leptos::prelude::use_context::<http::request::Parts>()?)
}

/// The acting user of a plain axum request.
pub fn aktoer_fra(deler: &http::request::Parts) -> Option<Aktoer> {
    let bruker = deler.extensions.get::<Innlogget>()?.0.clone()?;
    let adresse = deler.extensions.get::<Klientadresse>().map(|a| a.0.clone());
    Some(Aktoer::Bruker { bruker, adresse })
}

/// Where a user lands after login when no page was asked for.
pub(crate) fn startside(bruker: &Bruker) -> &'static str {
    match bruker.omfang() {
        crate::domain::tilgang::Omfang::Ingen => "/statistikk",
        _ => "/saker",
    }
}

/// `POST /logg-inn`.
pub async fn logg_inn(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (deler, body) = req.into_parts();
    let adresse = deler.extensions.get::<Klientadresse>().map(|a| a.0.clone()).unwrap_or_default();
    let par = match les_skjema(body).await {
        Ok(par) => par,
        Err(svar) => return svar,
    };
    let epost = verdi(&par, "epost");
    let tilbake = Lokalsti::les(&verdi(&par, "tilbake"));
    let svar = brukere::logg_inn(&state.db, &epost, &verdi(&par, "passord"), &adresse, state.klokke.naa(), &state.grenser).await;
    // The log keeps the address only when it looks like one (never a password typed in the
    // wrong field), and says so when it did not.
    let epost_i_loggen = normalisert_epost(&epost);
    let revisjon = |handling: &'static str, bruker: Option<&Bruker>| super::revisjonslogg::Logg {
        handling,
        bruker: bruker.cloned(),
        epost: epost_i_loggen.clone(),
        adresse: Some(adresse.clone()),
        klage_id: None,
        detalj: if epost_i_loggen.is_none() { "ikke en e-postadresse".to_owned() } else { String::new() },
    };
    match svar {
        Ok((bruker, token)) => {
            revisjon("innlogging", Some(&bruker)).skriv(&state).await;
            let maal = tilbake.unwrap_or_else(|| Lokalsti::les_eller("", startside(&bruker)));
            innlogget_svar(&token, &maal)
        }
        Err(feil) => {
            let (visning, status) = match feil {
                InnloggingFeil::FeilPassord => (Innloggingsfeil::FeilPassord, StatusCode::UNAUTHORIZED),
                InnloggingFeil::Sperret => (Innloggingsfeil::Sperret, StatusCode::TOO_MANY_REQUESTS),
                InnloggingFeil::Db(e) => {
                    tracing::error!(feil = %e, "innlogging feilet");
                    (Innloggingsfeil::Teknisk, StatusCode::INTERNAL_SERVER_ERROR)
                }
            };
            // An attempt while the address or account is locked checks nothing and changes
            // nothing: it is not written to the log that can never be pruned.
            if visning != Innloggingsfeil::Sperret {
                revisjon("innlogging_avvist", None).skriv(&state).await;
            }
            let epost: String = epost.chars().take(MAKS_EPOST).collect();
            let innsending =
                Innsending::Innlogging(Innlogging { epost, tilbake: tilbake.map(String::from).unwrap_or_default(), feil: visning });
            vis_igjen(&state, "/logg-inn", &deler, innsending, status).await
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
pub async fn logg_ut(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (deler, _) = req.into_parts();
    if let Some(token) = cookie_verdi(&deler.headers, COOKIE) {
        if let Err(e) = brukere::logg_ut(&state.db, &Okttoken::fra_cookie(&token)).await {
            tracing::error!(feil = %e, "utlogging feilet");
        }
    }
    if let Some(aktoer) = aktoer_fra(&deler) {
        super::revisjonslogg::Logg::for_aktoer(&aktoer, "utlogging", None).skriv(&state).await;
    }
    let cookie = format!("{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
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
