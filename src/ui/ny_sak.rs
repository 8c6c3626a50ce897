//! `/saker/ny`: the registration form for a complaint.
//!
//! A plain HTML form posting to `/saker/ny` (handled in `server::saksskjema`), so it works without
//! JavaScript. When it comes back with errors, every value typed is still there, an error
//! summary at the top links to each field, and each error stands next to its field.

use leptos::prelude::*;
use leptos_meta::Title;

use super::felles::{beskrevet_av, sprak, valg, Feilmelding};
use super::innsending::bruk_innsending;
use super::tekster as t;
use crate::domain::klage::{Felt, Feltfeil, KlageSkjema, MAKS_SAMMENDRAG};
use crate::domain::kode::{Aldersgruppe, Kategori, KlagerType, Mottaker, Rettighet};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::skjema::innsending::{Avvisning, Innsending};

#[component]
pub fn NySak() -> impl IntoView {
    let sprak = sprak();
    let innsending = bruk_innsending();
    view! {
        <Title text=t::NY_TITTEL.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::NY_TITTEL.i(sprak)}</h1>
        <p class="ds-paragraph">{t::NY_INGRESS.i(sprak)}</p>
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t::LASTER.i(sprak)}</p> }>
            {move || Suspend::new(async move {
                let (skjema, feil, avvist) = match innsending.await {
                    Some(Innsending::Registrering { skjema, feil, avvist }) => (skjema, feil, avvist),
                    _ => (KlageSkjema { mottaker: Mottaker::Kommunen.kode().to_owned(), ..Default::default() }, Vec::new(), None),
                };
                view! { <Registreringsskjema sprak skjema feil avvist/> }
            })}
        </Suspense>
    }
}

/// The id of the first control of a field, for labels and error-summary links.
fn kontroll_id(felt: Felt) -> String {
    match felt {
        Felt::Mottaker => "mottaker-kommunen".to_owned(),
        Felt::Rettigheter => format!("rettighet-{}", Rettighet::ALLE[0].kode()),
        Felt::Kategorier => format!("kategori-{}", Kategori::ALLE[0].kode()),
        annet => annet.navn().to_owned(),
    }
}

fn feltnavn(felt: Felt) -> t::T {
    match felt {
        Felt::Kommune => t::KOMMUNE,
        Felt::Mottaker => t::MOTTAKER,
        Felt::MottattDato => t::MOTTATT_DATO,
        Felt::Vedtaksdato => t::VEDTAKSDATO,
        Felt::KjentDato => t::KJENT_DATO,
        Felt::Klager => t::KLAGER,
        Felt::Aldersgruppe => t::ALDERSGRUPPE,
        Felt::Navn => t::NAVN,
        Felt::Fnr => t::FNR,
        Felt::Rettigheter => t::RETTIGHETER,
        Felt::Kategorier => t::KATEGORIER,
        Felt::Sammendrag => t::SAMMENDRAG,
    }
}

#[component]
fn Registreringsskjema(sprak: Sprak, skjema: KlageSkjema, feil: Vec<(Felt, Feltfeil)>, avvist: Option<Avvisning>) -> impl IntoView {
    let feil_for = {
        let feil = feil.clone();
        move |felt: Felt| -> Option<String> {
            let meldinger: Vec<String> = feil.iter().filter(|(f, _)| *f == felt).map(|(_, e)| e.melding(sprak)).collect();
            (!meldinger.is_empty()).then(|| meldinger.join(" "))
        }
    };
    let oppsummering = (!feil.is_empty()).then(|| {
        view! {
            <div class="ds-error-summary ds-alert" data-color="danger" role="alert" tabindex="-1" id="feiloppsummering">
                <h2 class="ds-heading" data-size="xs">{t::FEILOPPSUMMERING.i(sprak)}</h2>
                <ul class="ds-list">
                    {feil
                        .iter()
                        .map(|(felt, e)| {
                            let href = format!("#{}", kontroll_id(*felt));
                            let tekst = format!("{}: {}", feltnavn(*felt).i(sprak), e.melding(sprak));
                            view! { <li><a class="ds-link" href=href>{tekst}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    let avvist = avvist.map(|a| {
        view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{a.melding(sprak)}</p></div> }
    });

    let kommuner: Vec<(String, String)> =
        referanse::kommuner().iter().map(|k| (k.nummer.clone(), format!("{} ({})", k.visningsnavn(), k.nummer))).collect();
    let klagere: Vec<(String, String)> = KlagerType::ALLE.iter().map(|k| (k.kode().to_owned(), k.navn(sprak).to_owned())).collect();
    let aldersgrupper: Vec<(String, String)> = Aldersgruppe::ALLE.iter().map(|a| (a.kode().to_owned(), a.navn(sprak).to_owned())).collect();

    let antall_tegn = RwSignal::new(skjema.sammendrag.chars().count());

    view! {
        {oppsummering}
        {avvist}
        <form method="post" action="/saker/ny" class="skjema" novalidate=true>
            <Utvalg sprak felt=Felt::Kommune alternativer=kommuner valgt=skjema.kommune.clone() feil=feil_for(Felt::Kommune) obligatorisk=true/>

            <fieldset class="ds-fieldset" aria-describedby=feil_for(Felt::Mottaker).map(|_| "mottaker-feil")>
                <legend class="ds-label">{t::MOTTAKER.i(sprak)}{t::OBLIGATORISK.i(sprak)}</legend>
                {Mottaker::ALLE
                    .iter()
                    .map(|m| {
                        let id = format!("mottaker-{}", m.kode());
                        view! {
                            <div class="ds-field valg">
                                <input class="ds-input" type="radio" name="mottaker" id=id.clone() value=m.kode()
                                    checked=skjema.mottaker == m.kode()/>
                                <label class="ds-label" data-weight="regular" for=id>{m.navn(sprak)}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                <Feilmelding id="mottaker-feil" melding=feil_for(Felt::Mottaker)/>
            </fieldset>

            <Inndata sprak slag="date" felt=Felt::MottattDato verdi=skjema.mottatt_dato.clone() feil=feil_for(Felt::MottattDato) obligatorisk=true hjelp=None/>
            <Inndata sprak slag="date" felt=Felt::Vedtaksdato verdi=skjema.vedtaksdato.clone() feil=feil_for(Felt::Vedtaksdato) obligatorisk=false hjelp=Some(t::VEDTAKSDATO_HJELP)/>
            <Inndata sprak slag="date" felt=Felt::KjentDato verdi=skjema.kjent_dato.clone() feil=feil_for(Felt::KjentDato) obligatorisk=false hjelp=None/>

            <Utvalg sprak felt=Felt::Klager alternativer=klagere valgt=skjema.klager.clone() feil=feil_for(Felt::Klager) obligatorisk=true/>
            <Utvalg sprak felt=Felt::Aldersgruppe alternativer=aldersgrupper valgt=skjema.aldersgruppe.clone() feil=feil_for(Felt::Aldersgruppe) obligatorisk=true/>

            <Inndata sprak slag="text" felt=Felt::Navn verdi=skjema.navn.clone() feil=feil_for(Felt::Navn) hjelp=None obligatorisk=false/>
            <Inndata sprak slag="text" felt=Felt::Fnr verdi=skjema.fnr.clone() feil=feil_for(Felt::Fnr) hjelp=Some(t::FNR_HJELP) obligatorisk=false/>

            <Avkrysning sprak felt=Felt::Rettigheter
                alternativer=Rettighet::ALLE.iter().map(|r| (r.kode().to_owned(), r.navn(sprak).to_owned())).collect()
                valgt=skjema.rettigheter.clone() feil=feil_for(Felt::Rettigheter)/>
            <Avkrysning sprak felt=Felt::Kategorier
                alternativer=Kategori::ALLE.iter().map(|k| (k.kode().to_owned(), k.navn(sprak).to_owned())).collect()
                valgt=skjema.kategorier.clone() feil=feil_for(Felt::Kategorier)/>

            <fieldset class="ds-fieldset">
                <legend class="ds-label">{t::TEMA.i(sprak)}</legend>
                <div class="ds-field valg">
                    <input class="ds-input" type="checkbox" name="saarbar_overgang" id="saarbar_overgang" value="ja"
                        checked=skjema.saarbar_overgang/>
                    <label class="ds-label" data-weight="regular" for="saarbar_overgang">{t::SAARBAR_OVERGANG.i(sprak)}</label>
                </div>
            </fieldset>

            <div class="ds-field">
                <label class="ds-label" for="sammendrag">{t::SAMMENDRAG.i(sprak)}{t::OBLIGATORISK.i(sprak)}</label>
                <textarea class="ds-input" id="sammendrag" name="sammendrag" rows="6" maxlength=MAKS_SAMMENDRAG.to_string()
                    required=true
                    aria-invalid=feil_for(Felt::Sammendrag).map(|_| "true")
                    aria-describedby=beskrevet_av(Some("sammendrag-teller"), feil_for(Felt::Sammendrag).map(|_| "sammendrag-feil"))
                    on:input=move |ev| antall_tegn.set(event_target_value(&ev).chars().count())
                >{skjema.sammendrag.clone()}</textarea>
                <p class="ds-paragraph teller" data-size="sm" id="sammendrag-teller" aria-live="polite">
                    {move || format!("{} / {} {}", antall_tegn.get(), MAKS_SAMMENDRAG, t::TEGN.i(sprak))}
                </p>
                <Feilmelding id="sammendrag-feil" melding=feil_for(Felt::Sammendrag)/>
            </div>

            <button class="ds-button" data-variant="primary" type="submit">{t::REGISTRER.i(sprak)}</button>
        </form>
    }
}

#[component]
fn Utvalg(
    sprak: Sprak,
    felt: Felt,
    alternativer: Vec<(String, String)>,
    valgt: String,
    feil: Option<String>,
    obligatorisk: bool,
) -> impl IntoView {
    let id = felt.navn();
    let feil_id = format!("{id}-feil");
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id>{feltnavn(felt).i(sprak)}{obligatorisk.then(|| t::OBLIGATORISK.i(sprak))}</label>
            <select class="ds-input" id=id name=id required=obligatorisk
                aria-invalid=feil.as_ref().map(|_| "true")
                aria-describedby=feil.as_ref().map(|_| feil_id.clone())>
                {valg(sprak, alternativer, &valgt, t::VELG)}
            </select>
            <Feilmelding id=feil_id melding=feil/>
        </div>
    }
}

/// A labelled `<input>` (a date or a line of text) with its help text and error.
#[component]
fn Inndata(
    sprak: Sprak,
    felt: Felt,
    verdi: String,
    feil: Option<String>,
    hjelp: Option<t::T>,
    obligatorisk: bool,
    /// `date` or `text`.
    slag: &'static str,
) -> impl IntoView {
    let id = felt.navn();
    let feil_id = format!("{id}-feil");
    let hjelp_id = format!("{id}-hjelp");
    let beskrivelse = beskrevet_av(hjelp.map(|_| hjelp_id.as_str()), feil.as_ref().map(|_| feil_id.as_str()));
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id>
                {feltnavn(felt).i(sprak)}
                {if obligatorisk { t::OBLIGATORISK.i(sprak) } else { t::VALGFRITT.i(sprak) }}
            </label>
            {hjelp.map(|h| view! { <p class="ds-paragraph hjelpetekst" data-size="sm" id=hjelp_id.clone()>{h.i(sprak)}</p> })}
            <input class="ds-input" class:datofelt=slag == "date" type=slag id=id name=id value=verdi required=obligatorisk
                autocomplete="off" aria-invalid=feil.as_ref().map(|_| "true") aria-describedby=beskrivelse/>
            <Feilmelding id=feil_id melding=feil/>
        </div>
    }
}

#[component]
fn Avkrysning(sprak: Sprak, felt: Felt, alternativer: Vec<(String, String)>, valgt: Vec<String>, feil: Option<String>) -> impl IntoView {
    let navn = felt.navn();
    let feil_id = format!("{navn}-feil");
    let beskrivelse = feil.as_ref().map(|_| feil_id.clone());
    view! {
        <fieldset class="ds-fieldset" aria-describedby=beskrivelse>
            <legend class="ds-label">{feltnavn(felt).i(sprak)}{t::OBLIGATORISK.i(sprak)}</legend>
            {alternativer
                .into_iter()
                .map(|(kode, tekst)| {
                    let id = format!("{navn}-{kode}");
                    let er_valgt = valgt.contains(&kode);
                    view! {
                        <div class="ds-field valg">
                            <input class="ds-input" type="checkbox" name=navn id=id.clone() value=kode checked=er_valgt
                                aria-invalid=feil.as_ref().map(|_| "true")/>
                            <label class="ds-label" data-weight="regular" for=id>{tekst}</label>
                        </div>
                    }
                })
                .collect_view()}
            <Feilmelding id=feil_id melding=feil.clone()/>
        </fieldset>
    }
}
