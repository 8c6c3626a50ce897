//! `/saker/{id}`: one case with its deadlines, its history and the steps allowed from its
//! current state. Steps are taken with a plain form posting to `/saker/{id}/steg`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::dokumenter::Dokumenter;
use super::feil::Tjenestefeil;
use super::felles::{sprak, Feilmelding};
use super::innsending::bruk_innsending;
use super::tekster as t;
use super::IkkeFunnet;
use crate::domain::historikk::{Endringer, Endringsfelt, Hendelsesart};
use crate::domain::id::{Embetekode, KlageId};
use crate::domain::kode::{Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::domain::status::{Handling, Status};
use crate::domain::tid::{norsk_dato, oslo_utc_forskyvning};
use crate::skjema::innsending::{DokumentInnsending, Innsending, Saksskjema, StegInnsending};
use crate::skjema::sak::{handling_verdi, SakVisning};

/// Reads one case for the page; `None` when it does not exist or is not the user's to see.
#[server(endpoint = "hent_sak")]
pub async fn hent_sak(id: KlageId) -> Result<Option<SakVisning>, Tjenestefeil> {
    let (tjenester, aktoer) = super::kall::innlogget()?;
    Ok(crate::tjenester::saker::les(&tjenester, &aktoer, id).await?)
}

/// The label of a history row's action code.
fn handlingsnavn(art: Hendelsesart, sprak: Sprak) -> String {
    match art {
        Hendelsesart::Registrert => t::REGISTRERT.i(sprak).to_owned(),
        Hendelsesart::Overfoert => t::OVERFOERT.i(sprak).to_owned(),
        Hendelsesart::NyttVedtak => t::NYTT_VEDTAK_MELDT.i(sprak).to_owned(),
        Hendelsesart::Steg(Handling::ForeslaaVedtak { .. }) => t::VEDTAK_FORESLAATT.i(sprak).to_owned(),
        Hendelsesart::Steg(Handling::Godkjenn) => t::VEDTAK_GODKJENT.i(sprak).to_owned(),
        Hendelsesart::Steg(annen) => annen.navn(sprak).to_owned(),
    }
}

/// A history row's changes in words, in the reader's language.
fn endringstekst(endring: &Endringer, sprak: Sprak) -> String {
    let dato = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").map(norsk_dato).unwrap_or_else(|_| v.to_owned());
    let utfall = |v: &str| Utfall::fra_kode(v).map_or_else(|| v.to_owned(), |u| u.navn(sprak).to_owned());
    endring
        .iter()
        .map(|(felt, verdi)| match felt {
            Endringsfelt::Status => format!("{}: {}", t::STATUS.i(sprak), Status::fra_kode(verdi).map(|s| s.navn(sprak)).unwrap_or(verdi)),
            Endringsfelt::Utfall => format!("{}: {}", t::UTFALL.i(sprak), utfall(verdi)),
            Endringsfelt::ForeslaattUtfall => format!("{}: {}", t::FORESLAATT_UTFALL.i(sprak), utfall(verdi)),
            Endringsfelt::NyttVedtakDato => format!("{}: {}", t::NYTT_VEDTAK.i(sprak), dato(verdi)),
            Endringsfelt::Saksnummer => format!("{}: {}", t::SOK_SAKSNUMMER.i(sprak), verdi),
            Endringsfelt::TidligereSaksnummer => format!("{}: {}", t::TIDLIGERE_SAKSNUMMER.i(sprak), verdi),
            Endringsfelt::Statsforvalter => {
                format!("{}: {}", t::STATSFORVALTER.i(sprak), referanse::statsforvalter(verdi).map(|s| s.navn(sprak)).unwrap_or(verdi))
            }
            Endringsfelt::Mottatt => format!("{}: {}", t::MOTTATT.i(sprak), dato(verdi)),
            Endringsfelt::MottattStatsforvalter => format!("{}: {}", t::MOTTATT_SF.i(sprak), dato(verdi)),
            Endringsfelt::AvgjortDato => format!("{}: {}", t::AVGJORT.i(sprak), dato(verdi)),
            Endringsfelt::DelvisMedhold => t::DELVIS_MEDHOLD.i(sprak).to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// An instant as Norwegian local time: 19.09.2023 kl. 14.05.
fn norsk_tidspunkt(tid: DateTime<Utc>) -> String {
    let lokal = tid + Duration::hours(oslo_utc_forskyvning(tid));
    lokal.format("%d.%m.%Y kl. %H.%M").to_string()
}

fn valgfri_dato(d: Option<NaiveDate>, sprak: Sprak) -> String {
    d.map(norsk_dato).unwrap_or_else(|| t::IKKE_OPPGITT.i(sprak).to_owned())
}

#[component]
pub fn Sak() -> impl IntoView {
    let sprak = sprak();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).map(KlageId);
    let sak = Resource::new(id, |id| async move {
        match id {
            Some(id) => hent_sak(id).await,
            None => Ok(None),
        }
    });
    let innsending = bruk_innsending();
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t::LASTER.i(sprak)}</p> }>
            {move || Suspend::new(async move {
                let (innsendt, dokument_innsendt) = match innsending.await {
                    Some(Innsending::Steg(s)) => (Some(s), None),
                    Some(Innsending::Dokument(d)) => (None, Some(d)),
                    _ => (None, None),
                };
                match sak.await {
                    Ok(Some(visning)) => view! { <Saksside sprak visning innsendt dokument_innsendt/> }.into_any(),
                    Ok(None) => view! { <IkkeFunnet/> }.into_any(),
                    Err(_) => view! { <p class="ds-alert" data-color="danger" role="alert">{t::FEIL_VED_HENTING.i(sprak)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Saksside(
    sprak: Sprak,
    visning: SakVisning,
    innsendt: Option<StegInnsending>,
    dokument_innsendt: Option<DokumentInnsending>,
) -> impl IntoView {
    let SakVisning {
        klage,
        hendelser,
        tillatte,
        idag,
        kan_overfoere,
        kan_melde_nytt_vedtak,
        eget_forslag,
        innsyn,
        dokumenter,
        kan_laste_opp,
        embetets_journal,
    } = visning;
    let innsendt_fra = |skjema: Saksskjema| innsendt.clone().filter(|i| i.skjema == skjema);
    let steg_innsendt = innsendt_fra(Saksskjema::Steg);
    let overfoering_innsendt = innsendt_fra(Saksskjema::Overfoering);
    let nytt_vedtak_innsendt = innsendt_fra(Saksskjema::NyttVedtak);
    let kan_overfoeres = kan_overfoere;
    let tittel = match klage.saksnummer {
        Some(nr) => format!("{} {}", t::SAK.i(sprak), nr),
        None => format!("{} {}", t::SAK.i(sprak), t::UTEN_SAKSNUMMER.i(sprak)),
    };
    let kommune = referanse::kommune(klage.kommune.as_str()).map(|k| k.visningsnavn()).unwrap_or_else(|| klage.kommune.to_string());
    let sf = referanse::statsforvalter(klage.statsforvalter.as_str()).map(|s| s.navn(sprak).to_owned()).unwrap_or_default();
    let status_tekst = match klage.utfall() {
        Some(u) => format!("{}: {}", klage.status().navn(sprak), u.navn(sprak)),
        None => klage.status().navn(sprak).to_owned(),
    };
    let frist = klage.fristvurdering();
    let klagefrist = match frist.and_then(|f| f.klagefrist) {
        Some(d) => norsk_dato(d),
        None => t::INGEN_KLAGEFRIST.i(sprak).to_owned(),
    };
    let advarsler = klage.advarsler();
    let forelopig = klage.forelopig_svar_frist();
    let maaldato = klage.maaldato();
    let rettigheter = klage.rettigheter.iter().map(|r: &Rettighet| r.navn(sprak)).collect::<Vec<_>>().join(", ");
    let kategorier = klage.kategorier.iter().map(|k: &Kategori| k.navn(sprak)).collect::<Vec<_>>().join(", ");
    let mut opplysninger = vec![
        (t::STATUS.i(sprak), status_tekst),
        (t::KOMMUNE.i(sprak), kommune),
        (t::STATSFORVALTER.i(sprak), sf),
        (t::MOTTAKER.i(sprak), klage.mottaker.navn(sprak).to_owned()),
        (t::MOTTATT_KOMMUNE.i(sprak), valgfri_dato(klage.mottatt_kommune, sprak)),
        (t::MOTTATT_SF.i(sprak), valgfri_dato(klage.mottatt_statsforvalter, sprak)),
        (t::VEDTAKSDATO.i(sprak), valgfri_dato(klage.vedtaksdato, sprak)),
        (t::KJENT_DATO.i(sprak), valgfri_dato(klage.kjent_dato, sprak)),
        (t::AVGJORT.i(sprak), valgfri_dato(klage.avgjort_dato.or(klage.avsluttet_kommune_dato), sprak)),
        (t::KLAGER.i(sprak), klage.klager.navn(sprak).to_owned()),
        (t::ALDERSGRUPPE.i(sprak), klage.aldersgruppe.navn(sprak).to_owned()),
        (t::NAVN.i(sprak), klage.navn.clone().unwrap_or_else(|| t::IKKE_OPPGITT.i(sprak).to_owned())),
        (t::FNR.i(sprak), klage.fnr_maskert.clone().unwrap_or_else(|| t::IKKE_OPPGITT.i(sprak).to_owned())),
        (t::RETTIGHETER.i(sprak), rettigheter),
        (t::KATEGORIER.i(sprak), kategorier),
        (t::TEMA.i(sprak), if klage.saarbar_overgang { t::SAARBAR_OVERGANG.i(sprak).to_owned() } else { "–".to_owned() }),
        (t::SAMMENDRAG.i(sprak), klage.sammendrag.clone()),
    ];
    if let (Status::TilGodkjenning, Some(navn)) = (klage.status(), klage.foreslaatt_av_navn.clone()) {
        opplysninger.insert(1, (t::FORESLAATT_AV.i(sprak), navn));
    }
    if let Some(dato) = klage.nytt_vedtak_dato {
        opplysninger.push((t::NYTT_VEDTAK.i(sprak), norsk_dato(dato)));
    }
    view! {
        <Title text=tittel.clone()/>
        <h1 class="ds-heading" data-size="lg">{tittel}</h1>
        {(!advarsler.is_empty()).then(|| view! {
            <div class="ds-alert" data-color="warning">
                <h2 class="ds-heading" data-size="xs">{t::ADVARSLER.i(sprak)}</h2>
                <ul class="ds-list">
                    {advarsler.iter().map(|a| view! { <li>{a.melding(sprak)}</li> }).collect_view()}
                </ul>
            </div>
        })}
        <div class="sakskolonner">
            <section aria-labelledby="saksopplysninger">
                <h2 class="ds-heading" data-size="sm" id="saksopplysninger">{t::SAKSOPPLYSNINGER.i(sprak)}</h2>
                <dl class="opplysninger">
                    {opplysninger.into_iter().map(|(navn, verdi)| view! { <dt>{navn}</dt><dd>{verdi}</dd> }).collect_view()}
                </dl>
            </section>
            <section aria-labelledby="frister">
                <h2 class="ds-heading" data-size="sm" id="frister">{t::FRISTER.i(sprak)}</h2>
                <dl class="opplysninger">
                    <dt>{t::KLAGEFRIST.i(sprak)}</dt><dd>{klagefrist}</dd>
                    {forelopig.map(|d| view! { <dt>{t::FORELOPIG_SVAR.i(sprak)}</dt><dd>{norsk_dato(d)}</dd> })}
                    {maaldato.map(|d| view! { <dt>{t::MAALDATO.i(sprak)}</dt><dd>{norsk_dato(d)}</dd> })}
                </dl>
            </section>
        </div>
        {eget_forslag.then(|| view! {
            <div class="ds-alert" data-color="info"><p class="ds-paragraph">{t::VENTER_PAA_ANNEN_LEDER.i(sprak)}</p></div>
        })}
        <Stegskjema sprak id=klage.id aapen=klage.status().er_aapen() tillatte idag innsendt=steg_innsendt/>
        {kan_melde_nytt_vedtak.then(|| view! {
            <NyttVedtakSkjema sprak id=klage.id idag innsendt=nytt_vedtak_innsendt/>
        })}
        {kan_overfoeres.then(|| view! {
            <Overfoeringsskjema sprak id=klage.id naavaerende=klage.statsforvalter.clone() idag innsendt=overfoering_innsendt/>
        })}
        <Dokumenter sprak id=klage.id dokumenter kan_laste_opp embetets_journal idag innsendt=dokument_innsendt/>
        <section aria-labelledby="historikk">
            <h2 class="ds-heading" data-size="sm" id="historikk">{t::HISTORIKK.i(sprak)}</h2>
            <table class="ds-table" data-border="true">
                <thead>
                    <tr>
                        <th scope="col">{t::TIDSPUNKT.i(sprak)}</th>
                        <th scope="col">{t::HANDLING.i(sprak)}</th>
                        <th scope="col">{t::ENDRING.i(sprak)}</th>
                        <th scope="col">{t::NOTAT.i(sprak)}</th>
                    </tr>
                </thead>
                <tbody>
                    {hendelser
                        .into_iter()
                        .map(|h| view! {
                            <tr>
                                <td>{norsk_tidspunkt(h.tidspunkt)}</td>
                                <td>{handlingsnavn(h.handling, sprak)}</td>
                                <td>{endringstekst(&h.endring, sprak)}</td>
                                <td class="notat">{h.notat}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        {innsyn.map(|rader| view! {
            <section aria-labelledby="innsyn">
                <h2 class="ds-heading" data-size="sm" id="innsyn">{t::INNSYN.i(sprak)}</h2>
                <table class="ds-table innsynslogg" data-border="true">
                    <thead>
                        <tr>
                            <th scope="col">{t::TIDSPUNKT.i(sprak)}</th>
                            <th scope="col">{t::BRUKER.i(sprak)}</th>
                            <th scope="col">{t::ORGANISASJON.i(sprak)}</th>
                            <th scope="col">{t::HANDLING.i(sprak)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rader
                            .into_iter()
                            .map(|r| view! {
                                <tr>
                                    <td>{norsk_tidspunkt(r.tidspunkt)}</td>
                                    <td>{r.bruker}</td>
                                    <td>{r.organisasjon}</td>
                                    <td>{revisjonshandling(&r.handling, sprak)}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        })}
    }
}

/// An audit action in words.
fn revisjonshandling(kode: &str, sprak: Sprak) -> String {
    let tekst = match kode {
        "les_sak" => t::REV_LES,
        "endre_sak" => t::REV_ENDRE,
        "registrer_sak" => t::REV_REGISTRER,
        "avvist_tilgang" => t::REV_AVVIST,
        "les_dokument" => t::REV_LES_DOKUMENT,
        "registrer_dokument" => t::REV_REGISTRER_DOKUMENT,
        _ => return kode.to_owned(),
    };
    tekst.i(sprak).to_owned()
}

#[component]
fn Stegskjema(
    sprak: Sprak,
    id: KlageId,
    aapen: bool,
    tillatte: Vec<Handling>,
    idag: NaiveDate,
    innsendt: Option<StegInnsending>,
) -> impl IntoView {
    if tillatte.is_empty() {
        let feil = innsendt.and_then(|i| i.feil);
        let forklaring = if aapen { t::INGEN_STEG_FOR_DEG } else { t::INGEN_STEG };
        return view! {
            <section aria-labelledby="neste-steg">
                <h2 class="ds-heading" data-size="sm" id="neste-steg">{t::NESTE_STEG.i(sprak)}</h2>
                {feil.map(|f| view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{f.melding(sprak)}</p></div>
                })}
                <p class="ds-paragraph">{forklaring.i(sprak)}</p>
            </section>
        }
        .into_any();
    }
    let innsendt = innsendt.unwrap_or(StegInnsending {
        handling: String::new(),
        delvis_medhold: false,
        dato: idag.format("%Y-%m-%d").to_string(),
        notat: String::new(),
        feil: None,
        skjema: Saksskjema::Steg,
    });
    let feil_i = |felt: &str| innsendt.feil.as_ref().filter(|f| f.felt() == felt).map(|f| f.melding(sprak));
    let kan_oversende = tillatte.iter().any(|h| matches!(h, Handling::Oversend { .. }));
    view! {
        <section aria-labelledby="neste-steg" class="stegboks">
            <h2 class="ds-heading" data-size="sm" id="neste-steg">{t::NESTE_STEG.i(sprak)}</h2>
            {innsendt.feil.as_ref().map(|f| view! {
                <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{f.melding(sprak)}</p></div>
            })}
            <form method="post" action=format!("/saker/{id}/steg") class="skjema">
                <div class="ds-field">
                    <label class="ds-label" for="handling">{t::VELG_HANDLING.i(sprak)}</label>
                    <select class="ds-input" id="handling" name="handling" required=true
                        aria-invalid=feil_i("handling").map(|_| "true")
                        aria-describedby=feil_i("handling").map(|_| "handling-feil")>
                        {tillatte
                            .iter()
                            .map(|h| {
                                let verdi = handling_verdi(*h);
                                let valgt = verdi == innsendt.handling;
                                view! { <option value=verdi selected=valgt>{h.navn(sprak)}</option> }
                            })
                            .collect_view()}
                    </select>
                    <Feilmelding id="handling-feil" melding=feil_i("handling")/>
                </div>
                {kan_oversende.then(|| view! {
                    <div class="ds-field valg">
                        <input class="ds-input" type="checkbox" id="delvis_medhold" name="delvis_medhold" value="ja"
                            checked=innsendt.delvis_medhold/>
                        <label class="ds-label" data-weight="regular" for="delvis_medhold">{t::DELVIS_MEDHOLD.i(sprak)}</label>
                    </div>
                })}
                <div class="ds-field">
                    <label class="ds-label" for="dato">{t::DATO.i(sprak)}</label>
                    <input class="ds-input datofelt" type="date" id="dato" name="dato" value=innsendt.dato.clone() required=true
                        aria-invalid=feil_i("dato").map(|_| "true")
                        aria-describedby=feil_i("dato").map(|_| "dato-feil")/>
                    <Feilmelding id="dato-feil" melding=feil_i("dato")/>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="notat">{t::NOTAT.i(sprak)}</label>
                    <p class="ds-paragraph hjelpetekst" data-size="sm" id="notat-hjelp">{t::NOTAT_HJELP.i(sprak)}</p>
                    <textarea class="ds-input" id="notat" name="notat" rows="4"
                        aria-invalid=feil_i("notat").map(|_| "true")
                        aria-describedby=if feil_i("notat").is_some() { "notat-hjelp notat-feil" } else { "notat-hjelp" }
                    >{innsendt.notat.clone()}</textarea>
                    <Feilmelding id="notat-feil" melding=feil_i("notat")/>
                </div>
                <button class="ds-button" data-variant="primary" type="submit">{t::UTFOER.i(sprak)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// The form that transfers an open case to another office.
#[component]
fn Overfoeringsskjema(
    sprak: Sprak,
    id: KlageId,
    naavaerende: Embetekode,
    idag: NaiveDate,
    innsendt: Option<StegInnsending>,
) -> impl IntoView {
    let dato = innsendt.as_ref().map(|i| i.dato.clone()).unwrap_or_else(|| idag.format("%Y-%m-%d").to_string());
    let valgt = innsendt.as_ref().map(|i| i.handling.clone()).unwrap_or_default();
    let notat = innsendt.as_ref().map(|i| i.notat.clone()).unwrap_or_default();
    let feil = innsendt.and_then(|i| i.feil);
    let feil_i = |felt: &str| feil.as_ref().filter(|f| f.felt() == felt).map(|f| f.melding(sprak));
    let andre: Vec<(String, String)> = referanse::statsforvaltere()
        .iter()
        .filter(|s| naavaerende != s.kode.as_str())
        .map(|s| (s.kode.clone(), s.navn(sprak).to_owned()))
        .collect();
    view! {
        <details class="ds-details overfoering" open=feil.is_some()>
            <summary>{t::OVERFOER_TITTEL.i(sprak)}</summary>
            <div>
                <p class="ds-paragraph">{t::OVERFOER_INGRESS.i(sprak)}</p>
                {feil.as_ref().map(|f| view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{f.melding(sprak)}</p></div>
                })}
                <form method="post" action=format!("/saker/{id}/overfoer") class="skjema">
                    <div class="ds-field">
                        <label class="ds-label" for="overfoer-statsforvalter">{t::OVERFOER_TIL.i(sprak)}</label>
                        <select class="ds-input" id="overfoer-statsforvalter" name="statsforvalter" required=true
                            aria-invalid=feil_i("statsforvalter").map(|_| "true")
                            aria-describedby=feil_i("statsforvalter").map(|_| "overfoer-statsforvalter-feil")>
                            {super::felles::valg(sprak, andre, &valgt, t::VELG)}
                        </select>
                        <Feilmelding id="overfoer-statsforvalter-feil" melding=feil_i("statsforvalter")/>
                    </div>
                    <DatoOgNotat prefiks="overfoer" dato_etikett=t::DATO.i(sprak) notat_etikett=t::OVERFOER_BEGRUNNELSE.i(sprak)
                        dato notat dato_feil=feil_i("dato") notat_feil=feil_i("notat")/>
                    <button class="ds-button" data-variant="secondary" type="submit">{t::OVERFOER.i(sprak)}</button>
                </form>
            </div>
        </details>
    }
}

/// The required date and note fields of the transfer and new-decision forms, each with its
/// error; the controls' ids start with `prefiks`.
#[component]
fn DatoOgNotat(
    prefiks: &'static str,
    dato_etikett: &'static str,
    notat_etikett: &'static str,
    dato: String,
    notat: String,
    dato_feil: Option<String>,
    notat_feil: Option<String>,
) -> impl IntoView {
    let dato_id = format!("{prefiks}-dato");
    let notat_id = format!("{prefiks}-notat");
    let dato_feil_id = format!("{prefiks}-dato-feil");
    let notat_feil_id = format!("{prefiks}-notat-feil");
    view! {
        <div class="ds-field">
            <label class="ds-label" for=dato_id.clone()>{dato_etikett}</label>
            <input class="ds-input datofelt" type="date" id=dato_id name="dato" value=dato required=true
                aria-invalid=dato_feil.as_ref().map(|_| "true")
                aria-describedby=dato_feil.as_ref().map(|_| dato_feil_id.clone())/>
            <Feilmelding id=dato_feil_id.clone() melding=dato_feil.clone()/>
        </div>
        <div class="ds-field">
            <label class="ds-label" for=notat_id.clone()>{notat_etikett}</label>
            <textarea class="ds-input" id=notat_id name="notat" rows="3" required=true
                aria-invalid=notat_feil.as_ref().map(|_| "true")
                aria-describedby=notat_feil.as_ref().map(|_| notat_feil_id.clone())>{notat}</textarea>
            <Feilmelding id=notat_feil_id.clone() melding=notat_feil.clone()/>
        </div>
    }
}

/// The municipality's report of its new decision after the governor set the first one aside.
#[component]
fn NyttVedtakSkjema(sprak: Sprak, id: KlageId, idag: NaiveDate, innsendt: Option<StegInnsending>) -> impl IntoView {
    let dato = innsendt.as_ref().map(|i| i.dato.clone()).unwrap_or_else(|| idag.format("%Y-%m-%d").to_string());
    let notat = innsendt.as_ref().map(|i| i.notat.clone()).unwrap_or_default();
    let feil = innsendt.and_then(|i| i.feil);
    let feil_i = |felt: &str| feil.as_ref().filter(|f| f.felt() == felt).map(|f| f.melding(sprak));
    view! {
        <section aria-labelledby="nytt-vedtak" class="stegboks">
            <h2 class="ds-heading" data-size="sm" id="nytt-vedtak">{t::NYTT_VEDTAK_TITTEL.i(sprak)}</h2>
            <p class="ds-paragraph">{t::NYTT_VEDTAK_INGRESS.i(sprak)}</p>
            {feil.as_ref().map(|f| view! {
                <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{f.melding(sprak)}</p></div>
            })}
            <form method="post" action=format!("/saker/{id}/nytt-vedtak") class="skjema">
                <DatoOgNotat prefiks="nytt-vedtak" dato_etikett=t::NYTT_VEDTAK_DATO.i(sprak) notat_etikett=t::NYTT_VEDTAK_INNHOLD.i(sprak)
                    dato notat dato_feil=feil_i("dato") notat_feil=feil_i("notat")/>
                <button class="ds-button" data-variant="primary" type="submit">{t::NYTT_VEDTAK_SEND.i(sprak)}</button>
            </form>
        </section>
    }
}
