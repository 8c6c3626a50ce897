//! The web edge: application state, the router with its layers, and the handlers that are
//! plain HTTP rather than Leptos pages (health check, JSON API, form posts, language choice).
//! Every handler is a thin adapter over a use case in `tjenester`.

pub mod admin;
pub mod api;
pub mod config;
pub mod dokumenter;
pub mod eksport;
pub mod feil;
pub mod klientadresse;
pub mod komprimering;
pub mod oidc;
pub mod okt;
pub mod openapi;
pub mod ressurser;
pub mod saksskjema;
pub mod sikkerhet;
pub mod statistikkgrense;
pub mod uttrekk;

use axum::extract::{FromRef, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::LeptosRoutes;

use crate::db::Database;
use crate::domain::lokalsti::Lokalsti;
use crate::domain::sprak::Sprak;
use crate::tjenester::Tjenester;
use crate::ui::{shell, App};

pub use crate::tjenester::klokke::Klokke;

/// Everything a handler or server function needs, provided as Leptos context too.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub db: Database,
    pub leptos_options: LeptosOptions,
    pub klokke: Klokke,
    pub grenser: crate::db::brukere::Grenser,
    /// Anonymous statistics requests per client.
    pub statistikkteller: std::sync::Arc<statistikkgrense::Statistikkteller>,
    /// The reverse proxies whose `X-Forwarded-For` names the client.
    pub proxyer: klientadresse::BetroddeProxyer,
    /// Where the case file's documents are kept.
    pub dokumentlager: crate::db::dokumentlager::Dokumentlager,
    /// The largest document accepted, in bytes.
    pub maks_dokument: u64,
    /// The site's static files under their hashed names, read at start-up.
    pub ressurser: std::sync::Arc<ressurser::Ressurser>,
}

impl AppState {
    /// The services the use cases work with.
    pub fn tjenester(&self) -> Tjenester {
        Tjenester {
            db: self.db.clone(),
            klokke: self.klokke,
            grenser: self.grenser,
            dokumentlager: self.dokumentlager.clone(),
            maks_dokument: self.maks_dokument,
        }
    }
}

/// The HTML document of a page, with the page's Content-Security-Policy (its nonce is this
/// response's) and the static files linked by their hashed names.
pub(crate) fn skall(state: &AppState) -> leptos::prelude::AnyView {
    sikkerhet::sett_innholdspolicy();
    leptos::prelude::IntoAny::into_any(shell(state.leptos_options.clone(), state.ressurser.lenker().clone()))
}

/// The Leptos pages and server functions of a group of routes, rendered and answered with the
/// app's context, for a router of its own (and so behind that router's layers).
fn leptos_gruppe(
    stier: &[&'static str],
    kontekst: impl Fn() + Clone + Send + Sync + 'static,
    skall: impl Fn() -> leptos::prelude::AnyView + Clone + Send + Sync + 'static,
) -> Router<AppState> {
    let mut ruter = Router::new();
    for &sti in stier {
        ruter = if sti.starts_with("/api/") {
            let kontekst = kontekst.clone();
            ruter.route(sti, post(move |req| leptos_axum::handle_server_fns_with_context(kontekst.clone(), req)))
        } else {
            let side = leptos_axum::render_app_async_with_context(kontekst.clone(), skall.clone());
            ruter.route(sti, get(side))
        };
    }
    ruter
}

/// The application's router, complete with pages, server functions, API and static files.
///
/// Its routes are in three groups, each behind its own layers:
/// - **for logged-in users** (`ui::ruter::INNLOGGET`, the case and administration forms): the
///   login layer ([`okt::krev_innlogging`]);
/// - **statistics** (`ui::ruter::STATISTIKK` and the JSON API's figures): the anonymous rate
///   limit ([`statistikkgrense::begrens`]);
/// - **public**: everything else.
///
/// Around all of them: the session ([`okt::okt_mellomvare`]); outside it the static files
/// under their hashed names ([`ressurser::tjen`], no session needed), compression of HTML and
/// JSON ([`komprimering::lag`], and for the logged-in routes only from this site:
/// [`komprimering::bare_fra_eget_nettsted`]), the security headers, and a tracing span per
/// request.
pub fn ruter(state: AppState) -> Router {
    let innlogget = crate::ui::ruter::innlogget();
    let statistikk = crate::ui::ruter::statistikk();
    let egne: Vec<String> = innlogget.iter().chain(&statistikk).map(|s| (*s).to_owned()).collect();
    let offentlige_sider = leptos_axum::generate_route_list_with_exclusions(App, Some(egne));
    let kontekst = {
        let (state, tjenester) = (state.clone(), state.tjenester());
        move || {
            provide_context(state.clone());
            provide_context(tjenester.clone());
        }
    };
    let skall = {
        let state = state.clone();
        move || skall(&state)
    };
    let for_innloggede = leptos_gruppe(&innlogget, kontekst.clone(), skall.clone())
        .route("/saker/ny", post(saksskjema::registrer_klage))
        .route("/saker/{id}/{skjema}", post(saksskjema::endre_sak))
        // A document's upload may be as large as the configured limit (the forms' 256 KB
        // does not apply here), plus the form's other fields and the multipart framing.
        .route(
            "/saker/{id}/dokumenter",
            post(dokumenter::last_opp).layer(axum::extract::DefaultBodyLimit::max(dokumenter::kroppsgrense(state.maks_dokument))),
        )
        .route("/saker/{id}/dokumenter/{nr}", get(dokumenter::last_ned))
        .route("/saker/{id}/dokumenter/{nr}/feil", post(dokumenter::registrer_feil))
        .route("/admin/brukere", post(admin::ny_bruker))
        .route("/admin/brukere/{id}/deaktiver", post(admin::deaktiver))
        .route("/admin/koblinger", post(admin::ny_kobling))
        .route("/admin/koblinger/{id}/slett", post(admin::slett_kobling))
        .route_layer(axum::middleware::from_fn(okt::krev_innlogging))
        .route_layer(axum::middleware::from_fn(komprimering::bare_fra_eget_nettsted));
    let statistikk = leptos_gruppe(&statistikk, kontekst.clone(), skall.clone())
        .route("/api/v1/statistikk", get(api::statistikk))
        .route("/api/v1/statistikk.csv", get(api::statistikk_csv))
        .route("/api/v1/statistikk.xlsx", get(api::statistikk_xlsx))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), statistikkgrense::begrens));
    let offentlig = Router::new()
        .route("/healthz", get(helsesjekk))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/sprak/{tag}", get(velg_sprak))
        .route("/logg-inn", post(okt::logg_inn))
        .route("/logg-ut", post(okt::logg_ut))
        .route("/oidc/logg-inn", get(oidc::start))
        .route(oidc::TILBAKE_STI, get(oidc::tilbake))
        .leptos_routes_with_context(&state, offentlige_sider, kontekst.clone(), skall.clone());
    Router::new()
        .merge(for_innloggede)
        .merge(statistikk)
        .merge(offentlig)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(kontekst, move |_| skall()))
        .layer(axum::middleware::from_fn_with_state(state.clone(), okt::okt_mellomvare))
        .layer(axum::middleware::from_fn_with_state(state.clone(), ressurser::tjen))
        .layer(komprimering::lag())
        .layer(sikkerhet::hodelag())
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(forespoerselsspenn))
        .with_state(state)
}

/// The span of one request: its method and the route's template (`/saker/{id}`), never the
/// path itself or the query, which can hold a case number or a search.
fn forespoerselsspenn(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let rute = req.extensions().get::<axum::extract::MatchedPath>().map_or("(ingen rute)", |r| r.as_str());
    tracing::info_span!("forespoersel", metode = %req.method(), rute)
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn helsesjekk(State(db): State<Database>) -> Response {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok").into_response(),
        Err(e) => {
            tracing::error!(feil = %e, "helsesjekk: databasen svarer ikke");
            (StatusCode::SERVICE_UNAVAILABLE, "databasen svarer ikke").into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct Tilbake {
    tilbake: Option<String>,
}

/// `GET /sprak/{nb|nn}?tilbake=/saker`: remembers the language in a cookie and goes back.
async fn velg_sprak(Path(tag): Path<String>, Query(q): Query<Tilbake>) -> Response {
    let sprak = Sprak::fra_tag(&tag).unwrap_or_default();
    // Only paths on this site: never redirect to another.
    let tilbake = Lokalsti::les_eller(q.tilbake.as_deref().unwrap_or_default(), "/");
    let cookie = format!("sprak={}; Path=/; Max-Age=31536000; SameSite=Lax", sprak.tag());
    ([(header::SET_COOKIE, cookie)], tilbake).into_response()
}

/// Resolves when the server is asked to stop: Ctrl+C, or SIGTERM (what a container runtime
/// or systemd sends). Requests under way are finished first.
async fn stoppsignal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// Starts the server on `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000), configured by `konfig`.
pub async fn serve(db: Database, konfig: &config::Konfig) -> Result<(), Box<dyn std::error::Error>> {
    let konf = leptos::config::get_configuration(Some("Cargo.toml"))?;
    let mut options = konf.leptos_options;
    // Without the hash file (a binary built by plain `cargo build`), Leptos would fail the
    // first page: link the build names instead.
    if options.hash_files && !ressurser::hashfil(&options).is_some_and(|f| f.is_file()) {
        tracing::warn!(fil = %options.hash_file, "hash-files er på, men hashfila ligger ikke ved siden av programmet; filene lenkes uten hash");
        options.hash_files = false;
    }
    let ressurser = std::sync::Arc::new(ressurser::Ressurser::for_nettstedet(&options));
    let adresse = options.site_addr;
    let state = AppState {
        ressurser,
        db,
        leptos_options: options,
        klokke: konfig.klokke,
        grenser: konfig.grenser,
        statistikkteller: std::sync::Arc::new(statistikkgrense::Statistikkteller::new(konfig.statistikkgrense)),
        proxyer: konfig.proxyer.clone(),
        dokumentlager: crate::db::dokumentlager::Dokumentlager::aapne(&konfig.dokumentlager)?,
        maks_dokument: konfig.maks_dokument,
    };
    // OpenID Connect is on when configured; a half-done configuration stops start-up.
    let oidc = konfig.oidc.clone().map(oidc::Oidc::ny).transpose()?;
    // Read the statistics' working set now, in the background, so that the first visitor of
    // `/statistikk` does not wait for it (seconds at a million complaints).
    let varm = state.db.clone();
    tokio::spawn(async move {
        let start = std::time::Instant::now();
        match crate::db::statistikk::utsnitt(&varm).await {
            Ok(u) => tracing::info!(klager = u.antall(), sekunder = start.elapsed().as_secs_f64(), "statistikkens arbeidssett lest inn"),
            Err(e) => tracing::warn!(feil = %e, "statistikkens arbeidssett kunne ikke leses inn; første forespørsel prøver igjen"),
        }
    });
    let app = oidc::med_oidc(ruter(state), oidc);
    let lytter = tokio::net::TcpListener::bind(adresse).await?;
    tracing::info!(adresse = %adresse, "klagesak lytter");
    axum::serve(lytter, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).with_graceful_shutdown(stoppsignal()).await?;
    tracing::info!("klagesak stoppet");
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::ui::ruter;

    /// Every page and every server function is in exactly one group of `ui::ruter`, so none
    /// can be added without deciding which layers it is behind.
    #[test]
    fn every_route_is_in_exactly_one_group() {
        let grupper = [ruter::innlogget(), ruter::statistikk(), ruter::offentlig()];
        let mut sett = BTreeSet::new();
        for sti in grupper.iter().flatten() {
            assert!(sett.insert(*sti), "{sti} is in two groups");
        }
        let sider = leptos_axum::generate_route_list(crate::ui::App);
        let serverfunksjoner: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(sti, _)| sti).collect();
        assert!(!sider.is_empty() && !serverfunksjoner.is_empty());
        for sti in sider.iter().map(|s| s.path()).chain(serverfunksjoner.iter().copied()) {
            assert!(sett.contains(sti), "{sti} is in no group of ui::ruter");
        }
        assert!(sett.contains("/saker/{id}") && sett.contains("/api/hent_sak"));
    }
}
