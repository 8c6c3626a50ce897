//! `/admin`: the administrator's page. Lists the users (no case content) and the OpenID
//! Connect mappings, and has plain forms to create a local user, deactivate a user, and add
//! or remove a mapping. The forms post to `/admin/…` (handled in `server::admin`) and work
//! without JavaScript; a form with errors comes back with what was typed and each error next
//! to its field.
//!
//! Only the `admin` role of the `admin` organisation sees the page: anyone else gets "not
//! found", decided on the server in [`hent_administrasjon`].

use leptos::prelude::*;
use leptos_meta::Title;

use super::feil::Tjenestefeil;
use super::felles::{beskrevet_av, sprak, Feilmelding};
use super::innsending::bruk_innsending;
use super::tekster as t;
use super::IkkeFunnet;
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::domain::tid::norsk_dato;
use crate::domain::tilgang::{Brukeroversikt, Identitetsnoekkel, Oidckobling, Rolle};
use crate::skjema::admin::{AdminInnsending, Adminfeil, Administrasjon, BrukerSkjema, KoblingSkjema};
use crate::skjema::innsending::Innsending;

impl Adminfeil {
    pub fn melding(&self, sprak: Sprak) -> String {
        match self {
            Adminfeil::EpostUgyldig => t::ADMIN_FEIL_EPOST.i(sprak).to_owned(),
            Adminfeil::EpostFinnes => t::ADMIN_FEIL_EPOST_FINNES.i(sprak).to_owned(),
            Adminfeil::NavnMangler => t::ADMIN_FEIL_NAVN.i(sprak).to_owned(),
            Adminfeil::ForLangt => t::ADMIN_FEIL_FOR_LANGT.i(sprak).to_owned(),
            Adminfeil::UkjentOrganisasjon => t::ADMIN_FEIL_ORGANISASJON.i(sprak).to_owned(),
            Adminfeil::IngenRolle => t::ADMIN_FEIL_INGEN_ROLLE.i(sprak).to_owned(),
            Adminfeil::RolleFeil(r) => format!("{} «{r}».", t::ADMIN_FEIL_ROLLE.i(sprak)),
            Adminfeil::SvaktPassord => t::ADMIN_FEIL_PASSORD.i(sprak).to_owned(),
            Adminfeil::IssuerUgyldig => t::ADMIN_FEIL_ISSUER.i(sprak).to_owned(),
            Adminfeil::Noekkel => t::ADMIN_FEIL_NOEKKEL.i(sprak).to_owned(),
            Adminfeil::KoblingFinnes => t::ADMIN_FEIL_KOBLING_FINNES.i(sprak).to_owned(),
            Adminfeil::Teknisk => t::LAGRINGSFEIL.i(sprak).to_owned(),
        }
    }
}

/// The users and mappings, for the administrator only (`None` for anyone else).
#[server(endpoint = "hent_administrasjon")]
pub async fn hent_administrasjon() -> Result<Option<Administrasjon>, Tjenestefeil> {
    let (tjenester, aktoer) = super::kall::innlogget()?;
    Ok(crate::tjenester::admin::administrasjon(&tjenester, &aktoer).await?)
}

#[component]
pub fn Admin() -> impl IntoView {
    let sprak = sprak();
    let data = OnceResource::new(hent_administrasjon());
    let innsending = bruk_innsending();
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t::LASTER.i(sprak)}</p> }>
            {move || Suspend::new(async move {
                let innsendt = match innsending.await {
                    Some(Innsending::Admin(a)) => Some(a),
                    _ => None,
                };
                match data.await {
                    Ok(Some(data)) => view! { <Adminside sprak data innsendt/> }.into_any(),
                    Ok(None) | Err(Tjenestefeil::IkkeInnlogget) => view! { <IkkeFunnet/> }.into_any(),
                    Err(_) => view! { <p class="ds-alert" data-color="danger" role="alert">{t::FEIL_VED_HENTING.i(sprak)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Adminside(sprak: Sprak, data: Administrasjon, innsendt: Option<AdminInnsending>) -> impl IntoView {
    let (bruker, bruker_feil, kobling, kobling_feil) = match innsendt {
        Some(AdminInnsending::NyBruker { skjema, feil }) => (skjema, feil, KoblingSkjema::default(), Vec::new()),
        Some(AdminInnsending::NyKobling { skjema, feil }) => (BrukerSkjema::default(), Vec::new(), skjema, feil),
        None => Default::default(),
    };
    view! {
        <Title text=t::ADMIN_TITTEL.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::ADMIN_TITTEL.i(sprak)}</h1>
        <p class="ds-paragraph">{t::ADMIN_INGRESS.i(sprak)}</p>
        <Brukertabell sprak brukere=data.brukere/>
        <NyBrukerSkjema sprak skjema=bruker feil=bruker_feil/>
        <Koblingstabell sprak koblinger=data.koblinger/>
        <NyKoblingSkjema sprak skjema=kobling feil=kobling_feil/>
    }
}

fn roller_tekst(roller: &[Rolle]) -> String {
    roller.iter().map(|r| r.kode()).collect::<Vec<_>>().join(", ")
}

#[component]
fn Brukertabell(sprak: Sprak, brukere: Vec<Brukeroversikt>) -> impl IntoView {
    view! {
        <h2 class="ds-heading" data-size="md" id="brukere">{t::ADMIN_BRUKERE.i(sprak)}</h2>
        <table class="ds-table" data-border="true" aria-labelledby="brukere">
            <thead><tr>
                <th scope="col">{t::EPOST.i(sprak)}</th>
                <th scope="col">{t::ADMIN_NAVN.i(sprak)}</th>
                <th scope="col">{t::ORGANISASJON.i(sprak)}</th>
                <th scope="col">{t::ADMIN_ROLLER.i(sprak)}</th>
                <th scope="col">{t::ADMIN_STATUS.i(sprak)}</th>
                <th scope="col">{t::ADMIN_SIST_INNLOGGET.i(sprak)}</th>
                <th scope="col"><span class="ds-sr-only">{t::ADMIN_HANDLING.i(sprak)}</span></th>
            </tr></thead>
            <tbody>
                {brukere.into_iter().map(|b| {
                    let status = if b.aktiv { t::ADMIN_AKTIV.i(sprak) } else { t::ADMIN_DEAKTIVERT.i(sprak) };
                    let innlogging = if b.har_passord { "" } else { t::ADMIN_BARE_OIDC.i(sprak) };
                    let sist = b.sist_innlogget.map(|tid| norsk_dato(crate::domain::tid::oslo_dato(tid))).unwrap_or_else(|| "–".to_owned());
                    let handling = format!("/admin/brukere/{}/deaktiver", b.bruker.id);
                    let etikett = format!("{} {}", t::ADMIN_DEAKTIVER.i(sprak), b.bruker.epost);
                    view! {
                        <tr data-epost=b.bruker.epost.clone()>
                            <td>{b.bruker.epost.clone()}</td>
                            <td>{b.bruker.navn.clone()}</td>
                            <td>{b.bruker.organisasjon.navn(sprak)}" ("{b.bruker.organisasjon.kode().to_owned()}")"</td>
                            <td>{roller_tekst(&b.bruker.roller)}</td>
                            <td class="status">{status}" "{innlogging}</td>
                            <td>{sist}</td>
                            <td>{b.aktiv.then(|| view! {
                                <form method="post" action=handling>
                                    <button class="ds-button" data-variant="secondary" data-size="sm" type="submit" aria-label=etikett>
                                        {t::ADMIN_DEAKTIVER.i(sprak)}
                                    </button>
                                </form>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The error of a field among the form's errors.
fn feil_for(feil: &[(String, Adminfeil)], felt: &str, sprak: Sprak) -> Option<String> {
    feil.iter().find(|(f, _)| f == felt).map(|(_, e)| e.melding(sprak))
}

/// A labelled text field with its error next to it. `prefiks` keeps ids unique on the page.
#[expect(clippy::too_many_arguments, reason = "one labelled field: each argument is one of its attributes")]
fn tekstfelt(
    sprak: Sprak,
    prefiks: &str,
    navn: &'static str,
    etikett: t::T,
    verdi: String,
    feil: &[(String, Adminfeil)],
    type_: &'static str,
    autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("{prefiks}-{navn}");
    let feil_id = format!("{id}-feil");
    let melding = feil_for(feil, navn, sprak);
    let beskrevet = beskrevet_av(None, melding.as_ref().map(|_| feil_id.as_str()));
    let ugyldig = melding.is_some().then_some("true");
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id.clone()>{etikett.i(sprak)}</label>
            <input class="ds-input" type=type_ id=id name=navn value=verdi autocomplete=autocomplete
                aria-describedby=beskrevet aria-invalid=ugyldig/>
            <Feilmelding id=feil_id melding/>
        </div>
    }
}

/// The organisation list: offices, municipalities, the directorate and administration.
fn organisasjonsfelt(sprak: Sprak, prefiks: &str, valgt: String, feil: &[(String, Adminfeil)]) -> impl IntoView {
    let id = format!("{prefiks}-organisasjon");
    let feil_id = format!("{id}-feil");
    let melding = feil_for(feil, "organisasjon", sprak);
    let beskrevet = beskrevet_av(None, melding.as_ref().map(|_| feil_id.as_str()));
    let mut valg: Vec<(String, String)> = referanse::statsforvaltere().iter().map(|s| (s.kode.clone(), s.navn(sprak).to_owned())).collect();
    valg.extend(referanse::kommuner().iter().map(|k| (k.nummer.clone(), format!("{} kommune ({})", k.visningsnavn(), k.nummer))));
    valg.push(("direktoratet".into(), "Helsedirektoratet".into()));
    valg.push(("admin".into(), t::ADMIN_SYSTEMADMIN.i(sprak).to_owned()));
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id.clone()>{t::ORGANISASJON.i(sprak)}</label>
            <select class="ds-input" id=id name="organisasjon" aria-describedby=beskrevet>
                {super::felles::valg(sprak, valg, &valgt, t::ADMIN_VELG_ORGANISASJON)}
            </select>
            <Feilmelding id=feil_id melding/>
        </div>
    }
}

fn rollefelt(sprak: Sprak, prefiks: &str, valgte: Vec<String>, feil: &[(String, Adminfeil)]) -> impl IntoView {
    let feil_id = format!("{prefiks}-rolle-feil");
    let melding = feil_for(feil, "rolle", sprak);
    let beskrevet = beskrevet_av(None, melding.as_ref().map(|_| feil_id.as_str()));
    let prefiks = prefiks.to_owned();
    view! {
        <fieldset class="ds-fieldset" aria-describedby=beskrevet>
            <legend class="ds-label">{t::ADMIN_ROLLER.i(sprak)}</legend>
            {Rolle::ALLE.iter().map(|r| {
                let id = format!("{prefiks}-rolle-{}", r.kode());
                let valgt = valgte.iter().any(|v| v == r.kode());
                view! {
                    <div class="ds-field valg">
                        <input class="ds-input" type="checkbox" id=id.clone() name="rolle" value=r.kode() checked=valgt/>
                        <label class="ds-label" data-weight="regular" for=id>{r.kode()}</label>
                    </div>
                }
            }).collect_view()}
            <Feilmelding id=feil_id melding/>
        </fieldset>
    }
}

#[component]
fn NyBrukerSkjema(sprak: Sprak, skjema: BrukerSkjema, feil: Vec<(String, Adminfeil)>) -> impl IntoView {
    view! {
        <h2 class="ds-heading" data-size="md">{t::ADMIN_NY_BRUKER.i(sprak)}</h2>
        <form method="post" action="/admin/brukere" class="skjema" novalidate=true>
            {tekstfelt(sprak, "bruker", "epost", t::EPOST, skjema.epost, &feil, "email", "off")}
            {tekstfelt(sprak, "bruker", "navn", t::ADMIN_NAVN, skjema.navn, &feil, "text", "off")}
            {organisasjonsfelt(sprak, "bruker", skjema.organisasjon, &feil)}
            {rollefelt(sprak, "bruker", skjema.roller, &feil)}
            {tekstfelt(sprak, "bruker", "passord", t::ADMIN_STARTPASSORD, String::new(), &feil, "password", "new-password")}
            <button class="ds-button" data-variant="primary" type="submit">{t::ADMIN_OPPRETT_BRUKER.i(sprak)}</button>
        </form>
    }
}

#[component]
fn Koblingstabell(sprak: Sprak, koblinger: Vec<Oidckobling>) -> impl IntoView {
    view! {
        <h2 class="ds-heading" data-size="md" id="koblinger">{t::ADMIN_KOBLINGER.i(sprak)}</h2>
        <p class="ds-paragraph">{t::ADMIN_KOBLINGER_INGRESS.i(sprak)}</p>
        <table class="ds-table" data-border="true" aria-labelledby="koblinger">
            <thead><tr>
                <th scope="col">"Issuer"</th>
                <th scope="col">{t::ADMIN_IDENTITET.i(sprak)}</th>
                <th scope="col">{t::ORGANISASJON.i(sprak)}</th>
                <th scope="col">{t::ADMIN_ROLLER.i(sprak)}</th>
                <th scope="col"><span class="ds-sr-only">{t::ADMIN_HANDLING.i(sprak)}</span></th>
            </tr></thead>
            <tbody>
                {koblinger.into_iter().map(|k| {
                    let identitet = match &k.noekkel {
                        Identitetsnoekkel::Subjekt(s) => format!("{}: {s}", t::ADMIN_SUBJEKT.i(sprak)),
                        Identitetsnoekkel::Epost(e) => format!("{}: {e}", t::EPOST.i(sprak)),
                    };
                    let etikett = format!("{} {identitet}", t::ADMIN_SLETT.i(sprak));
                    view! {
                        <tr>
                            <td>{k.issuer.clone()}</td>
                            <td>{identitet}</td>
                            <td>{k.organisasjon.navn(sprak)}" ("{k.organisasjon.kode().to_owned()}")"</td>
                            <td>{roller_tekst(&k.roller)}</td>
                            <td>
                                <form method="post" action=format!("/admin/koblinger/{}/slett", k.id)>
                                    <button class="ds-button" data-variant="secondary" data-size="sm" type="submit" aria-label=etikett>
                                        {t::ADMIN_SLETT.i(sprak)}
                                    </button>
                                </form>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn NyKoblingSkjema(sprak: Sprak, skjema: KoblingSkjema, feil: Vec<(String, Adminfeil)>) -> impl IntoView {
    view! {
        <h2 class="ds-heading" data-size="md">{t::ADMIN_NY_KOBLING.i(sprak)}</h2>
        <form method="post" action="/admin/koblinger" class="skjema" novalidate=true>
            {tekstfelt(sprak, "kobling", "issuer", t::ADMIN_ISSUER, skjema.issuer, &feil, "url", "off")}
            {tekstfelt(sprak, "kobling", "subjekt", t::ADMIN_SUBJEKT, skjema.subjekt, &feil, "text", "off")}
            {tekstfelt(sprak, "kobling", "epost", t::ADMIN_KOBLING_EPOST, skjema.epost, &feil, "email", "off")}
            {organisasjonsfelt(sprak, "kobling", skjema.organisasjon, &feil)}
            {rollefelt(sprak, "kobling", skjema.roller, &feil)}
            <button class="ds-button" data-variant="primary" type="submit">{t::ADMIN_LEGG_TIL_KOBLING.i(sprak)}</button>
        </form>
    }
}
