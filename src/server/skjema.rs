//! Plain HTML form posts: registering a complaint and taking a step on a case.
//!
//! The forms post ordinary `application/x-www-form-urlencoded` bodies, so they work without
//! JavaScript. On success the browser is sent on with 303 See Other (post/redirect/get). On
//! error the same page is rendered again with everything the user typed and each error next to
//! its field: the submission travels to the page as Leptos context (see `ui::innsending`).

use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::{Method, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use leptos::prelude::provide_context;

use super::okt::aktoer_fra;
use super::revisjonslogg::Logg;
use super::AppState;
use crate::db::klager::{self, StegFeil};
use crate::domain::klage::{KlageSkjema, Steg};
use crate::domain::tilgang::Aktoer;
use crate::ui::innsending::{Avvisning, Innsending, Saksskjema, StegInnsending, StegVisningsfeil};
use crate::ui::sak::les_handling;
use crate::ui::shell;

/// The largest form body we read: a summary of 4,000 characters fits many times over.
const MAKS_SKJEMA: usize = 256 * 1024;

/// Reads the body's name/value pairs in order (checkboxes repeat their name).
pub async fn les_skjema(body: Body) -> Result<Vec<(String, String)>, Response> {
    let bytes = to_bytes(body, MAKS_SKJEMA).await.map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, "Skjemaet er for stort.").into_response())?;
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

pub fn verdi(par: &[(String, String)], navn: &str) -> String {
    par.iter().find(|(n, _)| n == navn).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn verdier(par: &[(String, String)], navn: &str) -> Vec<String> {
    par.iter().filter(|(n, _)| n == navn).map(|(_, v)| v.clone()).collect()
}

/// Builds the registration form from the posted pairs.
pub fn klageskjema(par: &[(String, String)]) -> KlageSkjema {
    KlageSkjema {
        kommune: verdi(par, "kommune"),
        mottaker: verdi(par, "mottaker"),
        mottatt_dato: verdi(par, "mottatt_dato"),
        vedtaksdato: verdi(par, "vedtaksdato"),
        kjent_dato: verdi(par, "kjent_dato"),
        klager: verdi(par, "klager"),
        aldersgruppe: verdi(par, "aldersgruppe"),
        navn: verdi(par, "navn"),
        fnr: verdi(par, "fnr"),
        rettigheter: verdier(par, "rettighet"),
        kategorier: verdier(par, "kategori"),
        saarbar_overgang: !verdi(par, "saarbar_overgang").is_empty(),
        sammendrag: verdi(par, "sammendrag"),
    }
}

/// Renders the page at `sti` again, with the submission in context, under `status`.
pub async fn vis_igjen(state: &AppState, sti: &str, deler: &http::request::Parts, innsending: Innsending, status: StatusCode) -> Response {
    let kontekst = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(innsending.clone());
        }
    };
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(kontekst, move || shell(options.clone()));
    let mut forespoersel = Request::builder().method(Method::GET).uri(sti).body(Body::empty()).expect("a valid request");
    *forespoersel.headers_mut() = deler.headers.clone();
    // Who is logged in travels with the request, so the page shows the same as before.
    *forespoersel.extensions_mut() = deler.extensions.clone();
    let mut svar = handler(forespoersel).await.into_response();
    *svar.status_mut() = status;
    svar
}

/// `POST /saker/ny`: validate, register in one transaction, go to the new case.
pub async fn registrer_klage(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (deler, body) = request.into_parts();
    let Some(aktoer) = aktoer_fra(&deler) else {
        return (StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response();
    };
    let par = match les_skjema(body).await {
        Ok(par) => par,
        Err(svar) => return svar,
    };
    let skjema = klageskjema(&par);
    match skjema.valider(state.klokke.idag()) {
        Ok(ny) => match klager::registrer(&state.db, &aktoer, &ny, state.klokke.naa()).await {
            Ok(id) => Redirect::to(&format!("/saker/{id}")).into_response(),
            Err(e) => {
                let (avvisning, status) = match e {
                    StegFeil::IkkeTillatt => {
                        Logg::for_aktoer(&aktoer, "avvist_tilgang", None).skriv(&state).await;
                        (Avvisning::IkkeTillatt, StatusCode::FORBIDDEN)
                    }
                    annen => {
                        tracing::error!(feil = %annen, "registrering feilet");
                        (Avvisning::Lagring, StatusCode::INTERNAL_SERVER_ERROR)
                    }
                };
                let innsending = Innsending::Registrering { skjema, feil: Vec::new(), avvist: Some(avvisning) };
                vis_igjen(&state, "/saker/ny", &deler, innsending, status).await
            }
        },
        Err(feil) => {
            let innsending = Innsending::Registrering { skjema, feil, avvist: None };
            vis_igjen(&state, "/saker/ny", &deler, innsending, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// Why a step or transfer was refused, as the page tells it. Storage errors are logged here.
fn visningsfeil(feil: StegFeil) -> StegVisningsfeil {
    match feil {
        StegFeil::IkkeFunnet => StegVisningsfeil::IkkeFunnet,
        StegFeil::Ulovlig(u) => StegVisningsfeil::Ulovlig(u.fra, u.handling),
        StegFeil::ManglerNotat => StegVisningsfeil::ManglerNotat,
        StegFeil::DatoForTidlig(d) => StegVisningsfeil::DatoForTidlig(d),
        StegFeil::Konflikt => StegVisningsfeil::Konflikt,
        StegFeil::AvsluttetSak => StegVisningsfeil::AvsluttetSak,
        StegFeil::SammeEmbete => StegVisningsfeil::SammeEmbete,
        StegFeil::UkjentEmbete => StegVisningsfeil::UkjentEmbete,
        StegFeil::IkkeTillatt => StegVisningsfeil::IkkeTillatt,
        StegFeil::Nektet(nekt) => StegVisningsfeil::Nektet(nekt),
        StegFeil::IkkeOpphevet => StegVisningsfeil::IkkeOpphevet,
        StegFeil::Db(e) => {
            tracing::error!(feil = %e, "steg feilet");
            StegVisningsfeil::Lagring
        }
    }
}

/// The date of a step: required, real, and not in the future.
fn stegdato(tekst: &str, idag: NaiveDate) -> Result<NaiveDate, StegVisningsfeil> {
    match crate::domain::klage::les_dato(tekst) {
        Ok(Some(d)) if d > idag => Err(StegVisningsfeil::DatoIFremtiden),
        Ok(Some(d)) => Ok(d),
        _ => Err(StegVisningsfeil::UgyldigDato),
    }
}

/// Reads the case page's forms: `felt` names the field that holds the action or the office.
async fn les_steginnsending(body: Body, felt: &str, skjema: Saksskjema) -> Result<StegInnsending, Response> {
    let par = les_skjema(body).await?;
    Ok(StegInnsending {
        handling: verdi(&par, felt),
        delvis_medhold: !verdi(&par, "delvis_medhold").is_empty(),
        dato: verdi(&par, "dato"),
        notat: verdi(&par, "notat"),
        feil: None,
        skjema,
    })
}

/// Sends the browser back to the case, or shows the case again with the error.
async fn etter_steg(
    state: &AppState,
    id: i64,
    deler: &http::request::Parts,
    innsendt: StegInnsending,
    utfall: Result<(), StegVisningsfeil>,
) -> Response {
    let sti = format!("/saker/{id}");
    match utfall {
        Ok(()) => Redirect::to(&sti).into_response(),
        Err(feil) => {
            let status = StatusCode::from_u16(feil.status_kode()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let innsending = Innsending::Steg(StegInnsending { feil: Some(feil), ..innsendt });
            vis_igjen(state, &sti, deler, innsending, status).await
        }
    }
}

/// `POST /saker/{id}/steg`: take one step on the case, in one transaction.
pub async fn ta_steg(State(state): State<AppState>, Path(id): Path<i64>, request: Request<Body>) -> Response {
    let (deler, body) = request.into_parts();
    let Some(aktoer) = aktoer_fra(&deler) else {
        return (StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response();
    };
    let innsendt = match les_steginnsending(body, "handling", Saksskjema::Steg).await {
        Ok(i) => i,
        Err(svar) => return svar,
    };
    let utfall = async {
        let handling = les_handling(&innsendt.handling, innsendt.delvis_medhold).ok_or(StegVisningsfeil::UkjentHandling)?;
        let dato = stegdato(&innsendt.dato, state.klokke.idag())?;
        let steg = Steg { dato, handling, notat: innsendt.notat.clone() };
        klager::utfoer_steg(&state.db, &aktoer, id, &steg, state.klokke.naa()).await.map(|_| ()).map_err(visningsfeil)
    }
    .await;
    logg_nektet(&state, &aktoer, id, &utfall).await;
    etter_steg(&state, id, &deler, innsendt, utfall).await
}

/// `POST /saker/{id}/overfoer`: transfer an open case to another office, in one transaction.
pub async fn overfoer_sak(State(state): State<AppState>, Path(id): Path<i64>, request: Request<Body>) -> Response {
    let (deler, body) = request.into_parts();
    let Some(aktoer) = aktoer_fra(&deler) else {
        return (StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response();
    };
    let innsendt = match les_steginnsending(body, "statsforvalter", Saksskjema::Overfoering).await {
        Ok(i) => i,
        Err(svar) => return svar,
    };
    let utfall = async {
        let dato = stegdato(&innsendt.dato, state.klokke.idag())?;
        klager::overfoer(&state.db, &aktoer, id, &innsendt.handling, dato, &innsendt.notat, state.klokke.naa())
            .await
            .map(|_| ())
            .map_err(visningsfeil)
    }
    .await;
    logg_nektet(&state, &aktoer, id, &utfall).await;
    etter_steg(&state, id, &deler, innsendt, utfall).await
}

/// Writes the audit row of a refused access: a case outside the user's scope, or a step their
/// role may not take.
async fn logg_nektet(state: &AppState, aktoer: &Aktoer, id: i64, utfall: &Result<(), StegVisningsfeil>) {
    if let Err(StegVisningsfeil::IkkeFunnet | StegVisningsfeil::IkkeTillatt | StegVisningsfeil::Nektet(_)) = utfall {
        Logg::for_aktoer(aktoer, "avvist_tilgang", Some(id)).skriv(state).await;
    }
}

/// `POST /saker/{id}/nytt-vedtak`: the municipality reports its new decision after the
/// governor set the first one aside, in one transaction.
pub async fn meld_nytt_vedtak(State(state): State<AppState>, Path(id): Path<i64>, request: Request<Body>) -> Response {
    let (deler, body) = request.into_parts();
    let Some(aktoer) = aktoer_fra(&deler) else {
        return (StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response();
    };
    let innsendt = match les_steginnsending(body, "handling", Saksskjema::NyttVedtak).await {
        Ok(i) => i,
        Err(svar) => return svar,
    };
    let utfall = async {
        let dato = stegdato(&innsendt.dato, state.klokke.idag())?;
        klager::meld_nytt_vedtak(&state.db, &aktoer, id, dato, &innsendt.notat, state.klokke.naa()).await.map(|_| ()).map_err(visningsfeil)
    }
    .await;
    logg_nektet(&state, &aktoer, id, &utfall).await;
    etter_steg(&state, id, &deler, innsendt, utfall).await
}
