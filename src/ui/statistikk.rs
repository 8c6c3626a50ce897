//! `/statistikk`: the national overview, as the field's own slide says it. The same figures as
//! `GET /api/v1/statistikk` and `klagesak statistikk`: all three call
//! `server::api::landsoversikt`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::feil::Tjenestefeil;
use super::felles::sprak;
use super::tekster as t;
use crate::domain::kode::{Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::domain::statistikk::Landsoversikt;

/// The overview for `fra`..`til` (ISO dates, both optional).
#[server(endpoint = "hent_landsoversikt")]
pub async fn hent_landsoversikt(fra: Option<String>, til: Option<String>) -> Result<Landsoversikt, Tjenestefeil> {
    let state = expect_context::<crate::server::AppState>();
    let periode = crate::server::api::les_periode(fra.as_deref(), til.as_deref()).map_err(|e| Tjenestefeil::Ugyldig(e.feil))?;
    Ok(crate::server::api::landsoversikt(&state.db, periode, state.klokke.idag()).await?)
}

#[component]
pub fn Statistikk() -> impl IntoView {
    let sprak = sprak();
    let query = use_query_map();
    let periode = Memo::new(move |_| {
        let q = query.read();
        (q.get("fra"), q.get("til"))
    });
    let oversikt = Resource::new(move || periode.get(), |(fra, til)| async move { hent_landsoversikt(fra, til).await });
    view! {
        <Title text=t::STAT_TITTEL.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::STAT_TITTEL.i(sprak)}</h1>
        <p class="ds-paragraph">{t::STAT_INGRESS.i(sprak)}</p>
        {move || {
            let (fra, til) = periode.get();
            view! {
                <form method="get" action="/statistikk" class="filter" aria-label=t::PERIODE.i(sprak)>
                    <div class="ds-field">
                        <label class="ds-label" for="fra">{t::FRA_DATO.i(sprak)}</label>
                        <input class="ds-input datofelt" type="date" id="fra" name="fra" value=fra.unwrap_or_default()/>
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="til">{t::TIL_DATO.i(sprak)}</label>
                        <input class="ds-input datofelt" type="date" id="til" name="til" value=til.unwrap_or_default()/>
                    </div>
                    <div class="knapper">
                        <button class="ds-button" data-variant="primary" type="submit">{t::VIS.i(sprak)}</button>
                    </div>
                </form>
            }
        }}
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t::LASTER.i(sprak)}</p> }>
            {move || Suspend::new(async move {
                match oversikt.await {
                    Ok(o) => view! { <Oversikt sprak o/> }.into_any(),
                    Err(Tjenestefeil::Ugyldig(melding)) => {
                        view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{melding}</p></div> }.into_any()
                    }
                    Err(_) => view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{t::FEIL_VED_HENTING.i(sprak)}</p></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A two-column table of labelled counts.
fn tabell(id: &'static str, overskrift: &'static str, kolonne: &'static str, rader: Vec<(String, u64)>) -> impl IntoView {
    view! {
        <section aria-labelledby=id class="stat-tabell">
            <h2 class="ds-heading" data-size="sm" id=id>{overskrift}</h2>
            <table class="ds-table" data-border="true">
                <thead><tr><th scope="col">{kolonne}</th><th scope="col" class="tall">{"#"}</th></tr></thead>
                <tbody>
                    {rader.into_iter().map(|(navn, n)| view! { <tr><th scope="row">{navn}</th><td class="tall">{n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Oversikt(sprak: Sprak, o: Landsoversikt) -> impl IntoView {
    let tekst = sprak.velg(o.oppsummering.clone(), o.oppsummering_nn.clone());
    let telling = |kart: &std::collections::BTreeMap<String, u64>, kode: &str| kart.get(kode).copied().unwrap_or(0);
    let utfall: Vec<(String, u64)> = Utfall::ALLE.iter().map(|u| (u.navn(sprak).to_owned(), telling(&o.utfall, u.kode()))).collect();
    let per_aar: Vec<(String, u64)> = o.per_aar.iter().map(|(aar, n)| (aar.clone(), *n)).collect();
    let per_sf: Vec<(String, u64)> = referanse::statsforvaltere()
        .iter()
        .map(|s| (s.navn(sprak).to_owned(), telling(&o.per_statsforvalter, &s.kode)))
        .collect();
    let per_kategori: Vec<(String, u64)> =
        Kategori::ALLE.iter().map(|k| (k.navn(sprak).to_owned(), telling(&o.per_kategori, k.kode()))).collect();
    let per_rettighet: Vec<(String, u64)> =
        Rettighet::ALLE.iter().map(|r| (r.navn(sprak).to_owned(), telling(&o.per_rettighet, r.kode()))).collect();
    view! {
        <p class="ds-paragraph oppsummering" data-size="lg" id="oppsummering">{tekst}</p>
        <dl class="nokkeltall">
            <div><dt>{t::TOTALT.i(sprak)}</dt><dd data-testid="totalt">{o.totalt}</dd></div>
            <div>
                <dt>{t::SF_MED_SAKER.i(sprak)}</dt>
                <dd data-testid="statsforvaltere">{format!("{} {} {}", o.statsforvaltere_med_saker, t::AV.i(sprak), o.statsforvaltere_totalt)}</dd>
            </div>
            {Utfall::ALLE
                .iter()
                .map(|u| view! { <div><dt>{u.navn(sprak)}</dt><dd data-testid=format!("utfall-{}", u.kode())>{telling(&o.utfall, u.kode())}</dd></div> })
                .collect_view()}
            <div><dt>{t::MEDHOLD_KOMMUNEN.i(sprak)}</dt><dd data-testid="medhold">{o.medhold_hos_kommunen}</dd></div>
        </dl>
        <div class="stat-rutenett">
            {tabell("per-utfall", t::PER_UTFALL.i(sprak), t::UTFALL.i(sprak), utfall)}
            {tabell("per-aar", t::PER_AAR.i(sprak), t::AAR_KOLONNE.i(sprak), per_aar)}
            {tabell("per-sf", t::PER_SF.i(sprak), t::STATSFORVALTER.i(sprak), per_sf)}
            {tabell("per-kategori", t::PER_KATEGORI.i(sprak), t::KATEGORI.i(sprak), per_kategori)}
            {tabell("per-rettighet", t::PER_RETTIGHET.i(sprak), t::RETTIGHETER.i(sprak), per_rettighet)}
        </div>
        <p class="ds-paragraph" data-size="sm">{t::KATEGORI_MERKNAD.i(sprak)}</p>
    }
}
