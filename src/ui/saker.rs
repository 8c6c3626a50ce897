//! `/saker`: the case list, with filters (office, municipality, status, category, year) and
//! search on case number. The filters are a GET form, so every view is a shareable URL and
//! works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::feil::Tjenestefeil;
use super::felles::{sprak, valg};
use super::tekster as t;
use crate::domain::id::{Embetekode, Kommunenummer};
use crate::domain::klage::{SakFilter, Saksliste};
use crate::domain::kode::Kategori;
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::domain::status::Status;
use crate::domain::tid::norsk_dato;
use crate::domain::tilgang::Tilgangsrad;

/// One page of the case list.
#[server(endpoint = "hent_saker")]
pub async fn hent_saker(filter: SakFilter) -> Result<Saksliste, Tjenestefeil> {
    let (tjenester, aktoer) = super::kall::innlogget()?;
    Ok(crate::tjenester::saker::sok(&tjenester, &aktoer, &filter).await?)
}

/// Who has access to the office's cases, with roles and since when: for the office's leder
/// only (`None` for everyone else).
#[server(endpoint = "hent_tilgang")]
pub async fn hent_tilgang() -> Result<Option<Vec<Tilgangsrad>>, Tjenestefeil> {
    let (tjenester, aktoer) = super::kall::innlogget()?;
    Ok(crate::tjenester::saker::tilgang(&tjenester, &aktoer).await?)
}

/// Reads the filter from the query string; unknown values are ignored rather than failing.
fn filter_fra_query(q: &leptos_router::params::ParamsMap) -> SakFilter {
    let tekst = |navn: &str| q.get(navn).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    SakFilter {
        statsforvalter: tekst("statsforvalter").and_then(|s| Embetekode::ny(&s)),
        kommune: tekst("kommune").and_then(|s| Kommunenummer::ny(&s)),
        status: tekst("status").and_then(|s| Status::fra_kode(&s)),
        kategori: tekst("kategori").and_then(|s| Kategori::fra_kode(&s)),
        aar: tekst("aar").and_then(|s| s.parse().ok()),
        saksnummer: tekst("saksnummer"),
        side: tekst("side").and_then(|s| s.parse().ok()),
    }
}

/// The query string of a filter on another page.
fn query_for(filter: &SakFilter, side: u32) -> String {
    let mut deler = Vec::new();
    let mut legg = |navn: &str, verdi: Option<String>| {
        if let Some(v) = verdi {
            deler.push(format!("{navn}={}", v.replace('&', "%26").replace('/', "%2F").replace(' ', "+")));
        }
    };
    legg("statsforvalter", filter.statsforvalter.as_ref().map(Embetekode::to_string));
    legg("kommune", filter.kommune.as_ref().map(Kommunenummer::to_string));
    legg("status", filter.status.map(|s| s.kode().to_owned()));
    legg("kategori", filter.kategori.map(|k| k.kode().to_owned()));
    legg("aar", filter.aar.map(|a| a.to_string()));
    legg("saksnummer", filter.saksnummer.clone());
    legg("side", Some(side.to_string()));
    format!("?{}", deler.join("&"))
}

#[component]
pub fn Saker() -> impl IntoView {
    let sprak = sprak();
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_fra_query(&query.read()));
    let saker = Resource::new(move || filter.get(), |f| async move { hent_saker(f).await });
    let tilgang = Resource::new(|| (), |_| async move { hent_tilgang().await });
    view! {
        <Title text=t::SAKSLISTE_TITTEL.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::SAKSLISTE_TITTEL.i(sprak)}</h1>
        {move || view! { <Filterskjema sprak filter=filter.get()/> }}
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t::LASTER.i(sprak)}</p> }>
            {move || Suspend::new(async move {
                match saker.await {
                    Ok(liste) => view! { <Sakstabell sprak liste filter=filter.get_untracked()/> }.into_any(),
                    Err(_) => view! { <p class="ds-alert" data-color="danger" role="alert">{t::FEIL_VED_HENTING.i(sprak)}</p> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                tilgang.await.ok().flatten().map(|rader| view! { <Tilgangsliste sprak rader/> })
            })}
        </Suspense>
    }
}

/// The office's users, for its leder: who can reach the cases, since when, and who no longer can.
#[component]
fn Tilgangsliste(sprak: Sprak, rader: Vec<Tilgangsrad>) -> impl IntoView {
    view! {
        <section aria-labelledby="tilgang-tittel" data-testid="tilgang">
            <h2 class="ds-heading" data-size="sm" id="tilgang-tittel">{t::TILGANG_TITTEL.i(sprak)}</h2>
            <table class="ds-table" data-border="true">
                <thead><tr>
                    <th scope="col">{t::TILGANG_NAVN.i(sprak)}</th>
                    <th scope="col">{t::TILGANG_EPOST.i(sprak)}</th>
                    <th scope="col">{t::TILGANG_ROLLER.i(sprak)}</th>
                    <th scope="col">{t::TILGANG_SIDEN.i(sprak)}</th>
                    <th scope="col">{t::TILGANG_STATUS.i(sprak)}</th>
                </tr></thead>
                <tbody>
                    {rader.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.navn}</th>
                            <td>{r.epost}</td>
                            <td>{r.roller.iter().map(|r| r.kode()).collect::<Vec<_>>().join(", ")}</td>
                            <td>{norsk_dato(crate::domain::tid::oslo_dato(r.siden))}</td>
                            <td>{if r.aktiv { t::TILGANG_AKTIV.i(sprak) } else { t::TILGANG_DEAKTIVERT.i(sprak) }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Filterskjema(sprak: Sprak, filter: SakFilter) -> impl IntoView {
    let kontorer: Vec<(String, String)> = referanse::statsforvaltere().iter().map(|s| (s.kode.clone(), s.navn(sprak).to_owned())).collect();
    let kommuner: Vec<(String, String)> = referanse::kommuner()
        .iter()
        .filter(|k| filter.statsforvalter.as_ref().is_none_or(|sf| *sf == k.statsforvalter.as_str()))
        .map(|k| (k.nummer.clone(), format!("{} ({})", k.visningsnavn(), k.nummer)))
        .collect();
    let statuser: Vec<(String, String)> = Status::ALLE.iter().map(|s| (s.kode().to_owned(), s.navn(sprak).to_owned())).collect();
    let kategorier: Vec<(String, String)> = Kategori::ALLE.iter().map(|k| (k.kode().to_owned(), k.navn(sprak).to_owned())).collect();
    let aar: Vec<(String, String)> = (2020..=2030).rev().map(|a| (a.to_string(), a.to_string())).collect();
    let felt = |id: &'static str, navn: t::T, alternativer: Vec<(String, String)>, valgt: String| {
        view! {
            <div class="ds-field">
                <label class="ds-label" for=format!("filter-{id}")>{navn.i(sprak)}</label>
                <select class="ds-input" id=format!("filter-{id}") name=id>{valg(sprak, alternativer, &valgt, t::ALLE)}</select>
            </div>
        }
    };
    view! {
        <form method="get" action="/saker" class="filter" role="search" aria-label=t::FILTRER.i(sprak)>
            {felt("statsforvalter", t::STATSFORVALTER, kontorer, filter.statsforvalter.as_ref().map(Embetekode::to_string).unwrap_or_default())}
            {felt("kommune", t::KOMMUNE, kommuner, filter.kommune.as_ref().map(Kommunenummer::to_string).unwrap_or_default())}
            {felt("status", t::STATUS, statuser, filter.status.map(|s| s.kode().to_owned()).unwrap_or_default())}
            {felt("kategori", t::KATEGORI, kategorier, filter.kategori.map(|k| k.kode().to_owned()).unwrap_or_default())}
            {felt("aar", t::AAR, aar, filter.aar.map(|a| a.to_string()).unwrap_or_default())}
            <div class="ds-field">
                <label class="ds-label" for="filter-saksnummer">{t::SOK_SAKSNUMMER.i(sprak)}</label>
                <p class="ds-paragraph hjelpetekst" data-size="sm" id="saksnummer-hjelp">{t::SOK_SAKSNUMMER_HJELP.i(sprak)}</p>
                <input class="ds-input" type="search" id="filter-saksnummer" name="saksnummer"
                    aria-describedby="saksnummer-hjelp" value=filter.saksnummer.clone().unwrap_or_default()/>
            </div>
            <div class="knapper">
                <button class="ds-button" data-variant="primary" type="submit">{t::VIS.i(sprak)}</button>
                <a class="ds-button" data-variant="secondary" href="/saker">{t::NULLSTILL.i(sprak)}</a>
            </div>
        </form>
    }
}

#[component]
fn Sakstabell(sprak: Sprak, liste: Saksliste, filter: SakFilter) -> impl IntoView {
    if liste.rader.is_empty() {
        return view! { <p class="ds-paragraph" role="status">{t::INGEN_SAKER.i(sprak)}</p> }.into_any();
    }
    let sider = ((liste.totalt as u32).div_ceil(liste.per_side)).max(1);
    let forrige = (liste.side > 1).then(|| query_for(&filter, liste.side - 1));
    let neste = (liste.side < sider).then(|| query_for(&filter, liste.side + 1));
    view! {
        <p class="ds-paragraph" role="status">{format!("{} {}", liste.totalt, t::ANTALL_SAKER.i(sprak))}</p>
        <table class="ds-table saksliste" data-border="true">
            <caption class="ds-sr-only">{t::SAKSLISTE_TABELL.i(sprak)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::SOK_SAKSNUMMER.i(sprak)}</th>
                    <th scope="col">{t::MOTTATT.i(sprak)}</th>
                    <th scope="col">{t::KOMMUNE.i(sprak)}</th>
                    <th scope="col">{t::STATUS.i(sprak)}</th>
                    <th scope="col">{t::KATEGORI.i(sprak)}</th>
                </tr>
            </thead>
            <tbody>
                {liste
                    .rader
                    .into_iter()
                    .map(|rad| {
                        let lenketekst = rad.saksnummer.map(|n| n.to_string()).unwrap_or_else(|| format!("#{}", rad.id));
                        let kommune = referanse::kommune(rad.kommune.as_str()).map(|k| k.visningsnavn()).unwrap_or(rad.kommune.to_string());
                        let status = match rad.tilstand.utfall {
                            Some(u) => format!("{}: {}", rad.tilstand.status.navn(sprak), u.navn(sprak)),
                            None => rad.tilstand.status.navn(sprak).to_owned(),
                        };
                        let kategorier = rad.kategorier.iter().map(|k| k.navn(sprak)).collect::<Vec<_>>().join(", ");
                        view! {
                            <tr>
                                <td><a class="ds-link" href=format!("/saker/{}", rad.id)>{lenketekst}</a></td>
                                <td>{norsk_dato(rad.foerst_mottatt)}</td>
                                <td>{kommune}</td>
                                <td>{status}</td>
                                <td>{kategorier}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <nav class="sidevalg" aria-label=t::SIDE.i(sprak)>
            {forrige.map(|q| view! { <a class="ds-link" href=format!("/saker{q}")>{t::FORRIGE_SIDE.i(sprak)}</a> })}
            <span>{format!("{} {} {} {}", t::SIDE.i(sprak), liste.side, t::AV.i(sprak), sider)}</span>
            {neste.map(|q| view! { <a class="ds-link" href=format!("/saker{q}")>{t::NESTE_SIDE.i(sprak)}</a> })}
        </nav>
    }
    .into_any()
}
