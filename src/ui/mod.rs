//! The user interface: the HTML shell, the router and one module per page.
//!
//! Every page renders completely on the server (`SsrMode::Async`), so it can be read and its
//! forms used without JavaScript; the browser build then hydrates it for the small things
//! that need a script.

pub mod admin;
pub mod diagram;
pub mod dokumenter;
pub mod feil;
pub mod felles;
pub mod forside;
pub mod innsending;
#[cfg(feature = "ssr")]
pub mod kall;
pub mod logg_inn;
pub mod ny_sak;
pub mod ruter;
pub mod sak;
pub mod saker;
pub mod sprakvalg;
pub mod statistikk;
pub mod tekster;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

use crate::domain::sprak::Sprak;
use tekster as t;

pub use crate::skjema::ressurslenker::Ressurslenker;

/// The HTML document around the app (server only), linking the static files by `lenker`. The
/// hydration script and `.wasm` are linked by Leptos (`HydrationScripts`), which reads the same
/// hash file as the server.
pub fn shell(options: LeptosOptions, lenker: Ressurslenker) -> impl IntoView {
    let sprak = sprakvalg::gjeldende_sprak();
    let stil = format!("/{}/{}.css", options.site_pkg_dir.trim_matches('/'), options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang=sprak.tag() data-color-scheme="light">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href=lenker.url("/favicon.svg") type="image/svg+xml"/>
                <link rel="stylesheet" href=lenker.url("/ds/tema.css")/>
                <link rel="stylesheet" href=lenker.url("/ds/designsystemet.css")/>
                <link rel="stylesheet" href=lenker.url(&stil)/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: header, navigation, language switch and the pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let sprak = sprakvalg::gjeldende_sprak();
    provide_context(sprak);
    // Effects run only in the browser: the marker tells tests (and styles) that the page is live.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrert", "ja");
        }
    });
    view! {
        <Title text=t::APPNAVN.i(sprak)/>
        <Router>
            <a class="ds-skip-link" href="#hovedinnhold">{t::HOPP_TIL_INNHOLD.i(sprak)}</a>
            <header class="topplinje">
                <div class="topplinje-innhold">
                    <A href="/" attr:class="merkenavn">{t::APPNAVN.i(sprak)}</A>
                    <nav aria-label=t::HOVEDMENY.i(sprak)>
                        <ul class="meny">
                            <li><A href="/saker">{t::SAKER.i(sprak)}</A></li>
                            <li><A href="/saker/ny">{t::NY_KLAGE.i(sprak)}</A></li>
                            <li><A href="/statistikk">{t::STATISTIKK.i(sprak)}</A></li>
                        </ul>
                    </nav>
                    <sprakvalg::Sprakvelger/>
                    <logg_inn::Brukerboks sprak/>
                </div>
            </header>
            <main id="hovedinnhold" tabindex="-1">
                <Routes fallback=move || view! { <IkkeFunnet/> }>
                    <Route path=path!("/") view=forside::Forside ssr=SsrMode::Async/>
                    <Route path=path!("/saker") view=saker::Saker ssr=SsrMode::Async/>
                    <Route path=path!("/saker/ny") view=ny_sak::NySak ssr=SsrMode::Async/>
                    <Route path=path!("/saker/:id") view=sak::Sak ssr=SsrMode::Async/>
                    <Route path=path!("/statistikk") view=statistikk::Statistikk ssr=SsrMode::Async/>
                    <Route path=path!("/logg-inn") view=logg_inn::LoggInn ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=admin::Admin ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="bunnlinje">
                <p class="ds-paragraph" data-size="sm">{t::BUNNTEKST.i(sprak)}</p>
            </footer>
        </Router>
    }
}

/// The page for an address that does not exist (or a case the user may not see).
#[component]
pub fn IkkeFunnet() -> impl IntoView {
    let sprak = use_context::<Sprak>().unwrap_or_default();
    #[cfg(feature = "ssr")]
    {
        if let Some(svar) = use_context::<leptos_axum::ResponseOptions>() {
            svar.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <Title text=t::IKKE_FUNNET.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::IKKE_FUNNET.i(sprak)}</h1>
        <p class="ds-paragraph">{t::IKKE_FUNNET_FORKLARING.i(sprak)}</p>
        <p class="ds-paragraph"><a class="ds-link" href="/">{t::TIL_FORSIDEN.i(sprak)}</a></p>
    }
}
