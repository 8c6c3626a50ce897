//! The case page's documents section: the journal of the case (number, kind, title, date,
//! visibility) with download links, the upload form (a plain `multipart/form-data` post, so
//! it works without JavaScript) and, for the office, "registrert feil". What the user may see
//! was decided on the server (`domain::innsyn::ser_dokument`); this only shows it.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::felles::{valg, Feilmelding};
use super::tekster as t;
use crate::domain::dokument::{Dokument, Dokumentart, Dokumentfeil, Dokumentskjema, Synlighet};
use crate::domain::id::KlageId;
use crate::domain::sprak::Sprak;
use crate::domain::tid::norsk_dato;
use crate::skjema::innsending::{Avvisning, DokumentInnsending};

#[component]
pub fn Dokumenter(
    sprak: Sprak,
    id: KlageId,
    dokumenter: Vec<Dokument>,
    kan_laste_opp: bool,
    embetets_journal: bool,
    idag: NaiveDate,
    innsendt: Option<DokumentInnsending>,
) -> impl IntoView {
    let innsendt = innsendt.unwrap_or_default();
    let opplastingsfeil = if innsendt.feilregistrering.is_none() { innsendt.feil.clone() } else { Vec::new() };
    let feilregistrering = innsendt.feilregistrering.clone().map(|(nr, grunn)| (nr, grunn, innsendt.feil.first().copied()));
    let avvist = innsendt.avvist;
    let mut skjema = innsendt.skjema;
    if skjema.dato.is_empty() {
        skjema.dato = idag.format("%Y-%m-%d").to_string();
    }
    view! {
        <section aria-labelledby="dokumenter" id="dokumentliste">
            <h2 class="ds-heading" data-size="sm" id="dokumenter">{t::DOKUMENTER.i(sprak)}</h2>
            {avvist.map(|a| {
                let tekst = match a {
                    Avvisning::IkkeTillatt => t::DOKUMENT_IKKE_TILLATT,
                    Avvisning::Lagring => t::DOKUMENT_LAGRINGSFEIL,
                };
                view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{tekst.i(sprak)}</p></div> }
            })}
            {if dokumenter.is_empty() {
                view! { <p class="ds-paragraph">{t::INGEN_DOKUMENTER.i(sprak)}</p> }.into_any()
            } else {
                view! {
                    <table class="ds-table" data-border="true">
                        <thead>
                            <tr>
                                <th scope="col">{t::DOKUMENTNUMMER.i(sprak)}</th>
                                <th scope="col">{t::DOKUMENTART.i(sprak)}</th>
                                <th scope="col">{t::TITTEL.i(sprak)}</th>
                                <th scope="col">{t::AVSENDER_MOTTAKER.i(sprak)}</th>
                                <th scope="col">{t::DATO.i(sprak)}</th>
                                <th scope="col">{t::SYNLIGHET.i(sprak)}</th>
                                {embetets_journal.then(|| view! { <th scope="col">{t::REGISTRERT_FEIL.i(sprak)}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {dokumenter
                                .into_iter()
                                .map(|d| {
                                    let nr = d.nummer.sekvens;
                                    let feil = feilregistrering.clone().filter(|(n, _, _)| *n == nr);
                                    view! {
                                        <tr>
                                            <td>{d.nummer.to_string()}</td>
                                            <td>{d.art.navn(sprak)}</td>
                                            <td><a class="ds-link" href=format!("/saker/{id}/dokumenter/{nr}") download="">{d.tittel}</a></td>
                                            <td>{d.avsender_mottaker}</td>
                                            <td>{norsk_dato(d.dato)}</td>
                                            <td>{d.synlighet.navn(sprak)}</td>
                                            {embetets_journal.then(|| view! { <td><Feilregistrering sprak id nr innsendt=feil/></td> })}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
            {kan_laste_opp.then(|| view! { <Opplastingsskjema sprak id embetets_journal skjema feil=opplastingsfeil/> })}
        </section>
    }
}

/// The upload form. The municipality does not choose the visibility: its own documents are
/// shared with it.
#[component]
fn Opplastingsskjema(sprak: Sprak, id: KlageId, embetets_journal: bool, skjema: Dokumentskjema, feil: Vec<Dokumentfeil>) -> impl IntoView {
    let feil_i = |felt: &str| feil.iter().find(|f| f.felt() == felt).map(|f| f.melding(sprak));
    let ugyldig = |felt: &str| feil_i(felt).map(|_| "true");
    let beskrevet = |felt: &str| feil_i(felt).map(|_| format!("dokument-{felt}-feil"));
    let arter = Dokumentart::ALLE.iter().map(|a| (a.kode().to_owned(), a.navn(sprak).to_owned())).collect();
    let synligheter = Synlighet::ALLE.iter().map(|s| (s.kode().to_owned(), s.navn(sprak).to_owned())).collect();
    view! {
        <form method="post" action=format!("/saker/{id}/dokumenter") enctype="multipart/form-data" class="skjema">
            <h3 class="ds-heading" data-size="xs">{t::LAST_OPP_DOKUMENT.i(sprak)}</h3>
            <div class="ds-field">
                <label class="ds-label" for="dokument-fil">{t::FIL.i(sprak)}</label>
                <p class="ds-paragraph hjelpetekst" data-size="sm" id="dokument-fil-hjelp">{t::FIL_HJELP.i(sprak)}</p>
                <input class="ds-input" type="file" id="dokument-fil" name="fil" required=true
                    accept=".pdf,.png,.jpg,.jpeg,.docx,.odt"
                    aria-invalid=ugyldig("fil")
                    aria-describedby=if feil_i("fil").is_some() { "dokument-fil-hjelp dokument-fil-feil" } else { "dokument-fil-hjelp" }/>
                <Feilmelding id="dokument-fil-feil" melding=feil_i("fil")/>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="dokument-art">{t::DOKUMENTART.i(sprak)}</label>
                <select class="ds-input" id="dokument-art" name="art" required=true aria-invalid=ugyldig("art") aria-describedby=beskrevet("art")>
                    {valg(sprak, arter, &skjema.art, t::VELG)}
                </select>
                <Feilmelding id="dokument-art-feil" melding=feil_i("art")/>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="dokument-tittel">{t::TITTEL.i(sprak)}</label>
                <input class="ds-input" type="text" id="dokument-tittel" name="tittel" required=true value=skjema.tittel.clone()
                    aria-invalid=ugyldig("tittel") aria-describedby=beskrevet("tittel")/>
                <Feilmelding id="dokument-tittel-feil" melding=feil_i("tittel")/>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="dokument-avsender_mottaker">{t::AVSENDER_MOTTAKER.i(sprak)}</label>
                <input class="ds-input" type="text" id="dokument-avsender_mottaker" name="avsender_mottaker"
                    value=skjema.avsender_mottaker.clone()
                    aria-invalid=ugyldig("avsender_mottaker") aria-describedby=beskrevet("avsender_mottaker")/>
                <Feilmelding id="dokument-avsender_mottaker-feil" melding=feil_i("avsender_mottaker")/>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="dokument-dato">{t::DATO.i(sprak)}</label>
                <input class="ds-input datofelt" type="date" id="dokument-dato" name="dato" required=true value=skjema.dato.clone()
                    aria-invalid=ugyldig("dato") aria-describedby=beskrevet("dato")/>
                <Feilmelding id="dokument-dato-feil" melding=feil_i("dato")/>
            </div>
            {if embetets_journal {
                view! {
                    <div class="ds-field">
                        <label class="ds-label" for="dokument-synlighet">{t::SYNLIGHET.i(sprak)}</label>
                        <p class="ds-paragraph hjelpetekst" data-size="sm" id="dokument-synlighet-hjelp">{t::SYNLIGHET_HJELP.i(sprak)}</p>
                        <select class="ds-input" id="dokument-synlighet" name="synlighet" required=true
                            aria-invalid=ugyldig("synlighet")
                            aria-describedby=if feil_i("synlighet").is_some() { "dokument-synlighet-hjelp dokument-synlighet-feil" } else { "dokument-synlighet-hjelp" }>
                            {valg(sprak, synligheter, &skjema.synlighet, t::VELG)}
                        </select>
                        <Feilmelding id="dokument-synlighet-feil" melding=feil_i("synlighet")/>
                    </div>
                }
                .into_any()
            } else {
                view! { <p class="ds-paragraph hjelpetekst" data-size="sm">{t::KOMMUNENS_DOKUMENT_DELES.i(sprak)}</p> }.into_any()
            }}
            <button class="ds-button" data-variant="primary" type="submit">{t::LAST_OPP.i(sprak)}</button>
        </form>
    }
}

/// "Registrert feil" for one document: the reason, and the button.
#[component]
fn Feilregistrering(sprak: Sprak, id: KlageId, nr: i64, innsendt: Option<(i64, String, Option<Dokumentfeil>)>) -> impl IntoView {
    let (grunn, feil) = innsendt.map(|(_, g, f)| (g, f.map(|f| f.melding(sprak)))).unwrap_or_default();
    let felt = format!("grunn-{nr}");
    let feil_id = format!("grunn-{nr}-feil");
    view! {
        <form method="post" action=format!("/saker/{id}/dokumenter/{nr}/feil") class="feilregistrering">
            <label class="ds-label" data-weight="regular" for=felt.clone()>{t::GRUNN.i(sprak)}</label>
            <input class="ds-input" type="text" id=felt name="grunn" required=true value=grunn
                aria-invalid=feil.as_ref().map(|_| "true") aria-describedby=feil.as_ref().map(|_| feil_id.clone())/>
            <Feilmelding id=feil_id.clone() melding=feil/>
            <button class="ds-button" data-variant="secondary" type="submit">{t::MARKER_REGISTRERT_FEIL.i(sprak)}</button>
        </form>
    }
}
