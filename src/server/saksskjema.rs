//! The case forms' posts: registering a complaint, taking a step, transferring a case, and the
//! municipality's new decision. Thin adapters over `tjenester::saker`.
//!
//! The forms post ordinary `application/x-www-form-urlencoded` bodies, so they work without
//! JavaScript. On success the browser is sent on with 303 See Other (post/redirect/get). On
//! error the same page is rendered again with everything the user typed and each error next to
//! its field (see [`Gjenvisning`]).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::feil::Webfeil;
use super::uttrekk::{Gjenvisning, Innlogget, Skjemadata};
use super::AppState;
use crate::domain::id::KlageId;
use crate::domain::klage::KlageSkjema;
use crate::domain::lokalsti::Lokalsti;
use crate::skjema::innsending::{Avvisning, Innsending, Saksskjema, StegInnsending};
use crate::tjenester::saker::{self, Registreringsfeil};

/// Builds the registration form from the posted pairs.
pub fn klageskjema(s: &Skjemadata) -> KlageSkjema {
    KlageSkjema {
        kommune: s.verdi("kommune"),
        mottaker: s.verdi("mottaker"),
        mottatt_dato: s.verdi("mottatt_dato"),
        vedtaksdato: s.verdi("vedtaksdato"),
        kjent_dato: s.verdi("kjent_dato"),
        klager: s.verdi("klager"),
        aldersgruppe: s.verdi("aldersgruppe"),
        navn: s.verdi("navn"),
        fnr: s.verdi("fnr"),
        rettigheter: s.verdier("rettighet"),
        kategorier: s.verdier("kategori"),
        saarbar_overgang: !s.verdi("saarbar_overgang").is_empty(),
        sammendrag: s.verdi("sammendrag"),
    }
}

/// `POST /saker/ny`: validate, register in one transaction, go to the new case.
pub async fn registrer_klage(
    State(state): State<AppState>,
    Innlogget(aktoer): Innlogget,
    side: Gjenvisning,
    skjema: Skjemadata,
) -> Response {
    let skjema = klageskjema(&skjema);
    match saker::registrer(&state.tjenester(), &aktoer, &skjema).await {
        Ok(id) => Lokalsti::sak(id).into_response(),
        Err(Registreringsfeil::Ugyldig(feil)) => {
            let innsending = Innsending::Registrering { skjema, feil, avvist: None };
            side.vis(&state, "/saker/ny", innsending, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(Registreringsfeil::Avvist(avvisning)) => {
            let status = match avvisning {
                Avvisning::IkkeTillatt => StatusCode::FORBIDDEN,
                Avvisning::Lagring => StatusCode::INTERNAL_SERVER_ERROR,
            };
            let innsending = Innsending::Registrering { skjema, feil: Vec::new(), avvist: Some(avvisning) };
            side.vis(&state, "/saker/ny", innsending, status).await
        }
    }
}

/// Which of the case page's forms a path names: `steg`, `overfoer` or `nytt-vedtak`.
fn saksskjema(navn: &str) -> Option<Saksskjema> {
    match navn {
        "steg" => Some(Saksskjema::Steg),
        "overfoer" => Some(Saksskjema::Overfoering),
        "nytt-vedtak" => Some(Saksskjema::NyttVedtak),
        _ => None,
    }
}

/// Reads one of the case page's forms. A transfer names the office in `statsforvalter`, the
/// others the action in `handling`.
fn steginnsending(s: &Skjemadata, skjema: Saksskjema) -> StegInnsending {
    let felt = if skjema == Saksskjema::Overfoering { "statsforvalter" } else { "handling" };
    StegInnsending {
        handling: s.verdi(felt),
        delvis_medhold: !s.verdi("delvis_medhold").is_empty(),
        dato: s.verdi("dato"),
        notat: s.verdi("notat"),
        feil: None,
        skjema,
    }
}

/// `POST /saker/{id}/steg` (take one step), `POST /saker/{id}/overfoer` (transfer an open
/// case to another office) and `POST /saker/{id}/nytt-vedtak` (the municipality's new
/// decision after the governor set the first one aside): each one transaction. On success
/// back to the case; otherwise the case again with the error next to its field.
pub async fn endre_sak(
    State(state): State<AppState>,
    Path((id, navn)): Path<(KlageId, String)>,
    Innlogget(aktoer): Innlogget,
    side: Gjenvisning,
    skjema: Skjemadata,
) -> Result<Response, Webfeil> {
    let hvilket = saksskjema(&navn).ok_or(Webfeil::IkkeFunnet)?;
    let innsendt = steginnsending(&skjema, hvilket);
    let t = state.tjenester();
    let utfall = match hvilket {
        Saksskjema::Steg => saker::ta_steg(&t, &aktoer, id, &innsendt).await,
        Saksskjema::Overfoering => saker::overfoer(&t, &aktoer, id, &innsendt).await,
        Saksskjema::NyttVedtak => saker::meld_nytt_vedtak(&t, &aktoer, id, &innsendt).await,
    };
    let sti = Lokalsti::sak(id);
    Ok(match utfall {
        Ok(()) => sti.into_response(),
        Err(feil) => {
            let status = StatusCode::from_u16(feil.status_kode()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let innsending = Innsending::Steg(StegInnsending { feil: Some(feil), ..innsendt });
            side.vis(&state, sti.as_str(), innsending, status).await
        }
    })
}
