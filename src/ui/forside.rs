//! `/`: the front page, pointing to the three things people come for.

use leptos::prelude::*;
use leptos_meta::Title;

use super::felles::sprak;
use super::tekster as t;

#[component]
pub fn Forside() -> impl IntoView {
    let sprak = sprak();
    view! {
        <Title text=t::APPNAVN.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::FORSIDE_TITTEL.i(sprak)}</h1>
        <p class="ds-paragraph" data-size="lg">{t::FORSIDE_INGRESS.i(sprak)}</p>
        <ul class="ds-list snarveier">
            <li><a class="ds-link" href="/saker/ny">{t::NY_KLAGE.i(sprak)}</a></li>
            <li><a class="ds-link" href="/saker">{t::SAKSLISTE_TITTEL.i(sprak)}</a></li>
            <li><a class="ds-link" href="/statistikk">{t::STAT_TITTEL.i(sprak)}</a></li>
        </ul>
    }
}
