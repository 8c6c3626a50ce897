//! `/logg-inn`: local login with e-mail and password (a plain form posting to `/logg-inn`,
//! handled in `server::okt`), the button for login with OpenID Connect when it is configured
//! (`server::oidc`), and the user box in the page header with the logout button.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::felles::sprak;
use super::innsending::bruk_innsending;
use super::tekster as t;
use crate::domain::sprak::Sprak;
use crate::domain::tilgang::Bruker;
use crate::skjema::innsending::Innsending;

/// The logged-in user for the page header: read from the request on the server and carried to
/// the browser in the page, so hydration renders the same header.
pub fn bruk_innlogget() -> OnceResource<Option<Bruker>> {
    #[cfg(feature = "ssr")]
    let bruker = super::kall::bruker();
    #[cfg(not(feature = "ssr"))]
    let bruker: Option<Bruker> = None;
    OnceResource::new(async move { bruker })
}

/// Whether login with OpenID Connect is offered: decided on the server, carried in the page.
fn bruk_oidc() -> OnceResource<bool> {
    #[cfg(feature = "ssr")]
    let tilgjengelig = super::kall::oidc_tilbudt();
    #[cfg(not(feature = "ssr"))]
    let tilgjengelig = false;
    OnceResource::new(async move { tilgjengelig })
}

/// Percent-encodes a local path for a query string.
fn kod(sti: &str) -> String {
    sti.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            annet => format!("%{annet:02X}"),
        })
        .collect()
}

/// Who is logged in, and the logout button; or a login link.
#[component]
pub fn Brukerboks(sprak: Sprak) -> impl IntoView {
    let innlogget = bruk_innlogget();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match innlogget.await {
                    Some(bruker) => view! {
                        <div class="brukerboks">
                            <span>{t::INNLOGGET_SOM.i(sprak)}" "<strong>{bruker.navn.clone()}</strong>
                                {format!(" ({})", bruker.organisasjon.navn(sprak))}</span>
                            <form method="post" action="/logg-ut">
                                <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">{t::LOGG_UT.i(sprak)}</button>
                            </form>
                        </div>
                    }
                    .into_any(),
                    None => view! { <a class="ds-link" href="/logg-inn">{t::LOGG_INN.i(sprak)}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn LoggInn() -> impl IntoView {
    let sprak = sprak();
    let query = use_query_map();
    let innsending = bruk_innsending();
    let oidc = bruk_oidc();
    view! {
        <Title text=t::LOGG_INN.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::LOGG_INN.i(sprak)}</h1>
        <p class="ds-paragraph">{t::LOGG_INN_INGRESS.i(sprak)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (epost, tilbake, feil) = match innsending.await {
                    Some(Innsending::Innlogging(i)) => (i.epost, i.tilbake, Some(i.feil)),
                    _ => (String::new(), query.read_untracked().get("tilbake").unwrap_or_default(), None),
                };
                let oidc_lenke = oidc.await.then(|| {
                    let href = if tilbake.is_empty() { "/oidc/logg-inn".to_owned() } else { format!("/oidc/logg-inn?tilbake={}", kod(&tilbake)) };
                    view! {
                        <p class="ds-paragraph">
                            <a class="ds-button" data-variant="primary" href=href id="oidc-logg-inn">{t::OIDC_LOGG_INN.i(sprak)}</a>
                        </p>
                        <p class="ds-paragraph">{t::OIDC_ELLER.i(sprak)}</p>
                    }
                });
                view! {
                    {feil.map(|f| view! {
                        <div class="ds-alert" data-color="danger" role="alert" id="innlogging-feil">
                            <p class="ds-paragraph">{f.melding(sprak)}</p>
                        </div>
                    })}
                    {oidc_lenke}
                    <form method="post" action="/logg-inn" class="skjema">
                        <input type="hidden" name="tilbake" value=tilbake/>
                        <div class="ds-field">
                            <label class="ds-label" for="epost">{t::EPOST.i(sprak)}</label>
                            <input class="ds-input" type="email" id="epost" name="epost" value=epost autocomplete="username" required=true
                                aria-describedby=feil.map(|_| "innlogging-feil")/>
                        </div>
                        <div class="ds-field">
                            <label class="ds-label" for="passord">{t::PASSORD.i(sprak)}</label>
                            <input class="ds-input" type="password" id="passord" name="passord" autocomplete="current-password" required=true/>
                        </div>
                        <button class="ds-button" data-variant="primary" type="submit">{t::LOGG_INN.i(sprak)}</button>
                    </form>
                }
            })}
        </Suspense>
    }
}
