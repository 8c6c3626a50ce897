//! The web server: application state, the router, and the handlers that are plain HTTP rather
//! than Leptos pages (health check, JSON API, form posts, language choice).

pub mod admin;
pub mod api;
pub mod config;
pub mod eksport;
pub mod klientadresse;
pub mod klokke;
pub mod oidc;
pub mod okt;
pub mod openapi;
pub mod revisjonslogg;
pub mod sikkerhet;
pub mod skjema;
pub mod statistikkgrense;

use axum::extract::{FromRef, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::db::Database;
use crate::domain::lokalsti::Lokalsti;
use crate::domain::sprak::Sprak;
use crate::ui::{shell, App};

pub use klokke::Klokke;

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
}

/// The application's router, complete with pages, server functions, API and static files.
pub fn ruter(state: AppState) -> Router {
    let ruteliste = generate_route_list(App);
    let kontekst = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let skall = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    Router::new()
        .route("/healthz", get(helsesjekk))
        .route("/api/v1/statistikk", get(api::statistikk))
        .route("/api/v1/statistikk.csv", get(api::statistikk_csv))
        .route("/api/v1/statistikk.xlsx", get(api::statistikk_xlsx))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/saker/ny", post(skjema::registrer_klage))
        .route("/saker/{id}/steg", post(skjema::ta_steg))
        .route("/saker/{id}/overfoer", post(skjema::overfoer_sak))
        .route("/saker/{id}/nytt-vedtak", post(skjema::meld_nytt_vedtak))
        .route("/sprak/{tag}", get(velg_sprak))
        .route("/logg-inn", post(okt::logg_inn))
        .route("/logg-ut", post(okt::logg_ut))
        .route("/oidc/logg-inn", get(oidc::start))
        .route(oidc::TILBAKE_STI, get(oidc::tilbake))
        .route("/admin/brukere", post(admin::ny_bruker))
        .route("/admin/brukere/{id}/deaktiver", post(admin::deaktiver))
        .route("/admin/koblinger", post(admin::ny_kobling))
        .route("/admin/koblinger/{id}/slett", post(admin::slett_kobling))
        .leptos_routes_with_context(&state, ruteliste, kontekst.clone(), skall.clone())
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(kontekst, move |_| skall()))
        .layer(axum::middleware::from_fn_with_state(state.clone(), statistikkgrense::begrens))
        .layer(axum::middleware::from_fn_with_state(state.clone(), okt::okt_mellomvare))
        .layer(sikkerhet::hodelag())
        .with_state(state)
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
    ([(header::SET_COOKIE, cookie)], Redirect::to(tilbake.as_str())).into_response()
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

/// Starts the server on `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000).
pub async fn serve(db: Database, klokke: Klokke) -> Result<(), Box<dyn std::error::Error>> {
    let konf = leptos::config::get_configuration(Some("Cargo.toml"))?;
    let options = konf.leptos_options;
    let adresse = options.site_addr;
    let state = AppState {
        db,
        leptos_options: options,
        klokke,
        grenser: crate::db::brukere::Grenser::fra_miljo(),
        statistikkteller: std::sync::Arc::new(statistikkgrense::Statistikkteller::new(statistikkgrense::Statistikkgrense::fra_miljo())),
        proxyer: klientadresse::BetroddeProxyer::fra_miljo()?,
    };
    // OpenID Connect is on when configured; a half-done configuration stops start-up.
    let oidc = oidc::OidcKonfig::fra_miljo()?.map(oidc::Oidc::ny).transpose()?;
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
