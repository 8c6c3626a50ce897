//! The administrator's form posts: create a local user, deactivate a user, add and remove an
//! OpenID Connect mapping. Each change is one transaction with its audit row (in `db`).
//!
//! Every handler checks on the server that the actor is an administrator; anyone else gets
//! 404, as the page does (anonymous posts are stopped by the session middleware first). On
//! success the browser goes back to `/admin` (post/redirect/get); on error the page is shown
//! again with what was typed and each error next to its field.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::okt::aktoer_fra;
use super::revisjonslogg::Logg;
use super::skjema::{les_skjema, verdi, vis_igjen};
use super::AppState;
use crate::db::brukere::{self, BrukerFeil, NyBruker};
use crate::db::oidc::{self, KoblingFeil};
use crate::domain::tilgang::{Aktoer, Identitetsnoekkel, Rolle, Tildelingsfeil};
use crate::ui::admin::{AdminInnsending, Adminfeil, BrukerSkjema, KoblingSkjema};
use crate::ui::innsending::Innsending;

/// The acting administrator, or the answer for anyone else.
async fn administrator(state: &AppState, deler: &http::request::Parts) -> Result<Aktoer, Response> {
    let Some(aktoer) = aktoer_fra(deler) else {
        return Err((StatusCode::UNAUTHORIZED, "Du må logge inn.").into_response());
    };
    if aktoer.bruker().is_some_and(|b| b.er_admin()) {
        Ok(aktoer)
    } else {
        Logg::for_aktoer(&aktoer, "avvist_tilgang", None).skriv(state).await;
        Err(StatusCode::NOT_FOUND.into_response())
    }
}

fn alle(par: &[(String, String)], navn: &str) -> Vec<String> {
    par.iter().filter(|(n, _)| n == navn).map(|(_, v)| v.clone()).collect()
}

/// The roles ticked; unknown codes are dropped (and then count as none ticked).
fn roller(koder: &[String]) -> Vec<Rolle> {
    koder.iter().filter_map(|k| Rolle::fra_kode(k)).collect()
}

/// Where an organisation-and-roles error belongs on the form.
fn tildelingsfeil(feil: Tildelingsfeil) -> (String, Adminfeil) {
    match feil {
        Tildelingsfeil::UkjentOrganisasjon(_) => ("organisasjon".into(), Adminfeil::UkjentOrganisasjon),
        Tildelingsfeil::IngenRolle => ("rolle".into(), Adminfeil::IngenRolle),
        Tildelingsfeil::RolleFeil(r) => ("rolle".into(), Adminfeil::RolleFeil(r)),
    }
}

fn gyldig_epost(epost: &str) -> bool {
    let epost = epost.trim();
    epost.split_once('@').is_some_and(|(navn, domene)| !navn.is_empty() && domene.contains('.') && !epost.contains(char::is_whitespace))
}

async fn vis_feil(state: &AppState, deler: &http::request::Parts, innsending: AdminInnsending, status: StatusCode) -> Response {
    vis_igjen(state, "/admin", deler, Innsending::Admin(innsending), status).await
}

/// `POST /admin/brukere`: a local user with an initial password.
pub async fn ny_bruker(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (deler, body) = req.into_parts();
    let aktoer = match administrator(&state, &deler).await {
        Ok(a) => a,
        Err(svar) => return svar,
    };
    let par = match les_skjema(body).await {
        Ok(p) => p,
        Err(svar) => return svar,
    };
    let skjema = BrukerSkjema {
        epost: verdi(&par, "epost").trim().to_owned(),
        navn: verdi(&par, "navn").trim().to_owned(),
        organisasjon: verdi(&par, "organisasjon"),
        roller: alle(&par, "rolle"),
    };
    let passord = verdi(&par, "passord");
    let mut feil = Vec::new();
    if !gyldig_epost(&skjema.epost) {
        feil.push(("epost".to_owned(), Adminfeil::EpostUgyldig));
    }
    if skjema.navn.is_empty() {
        feil.push(("navn".to_owned(), Adminfeil::NavnMangler));
    }
    let utfall = match NyBruker::ny(&skjema.epost, &skjema.navn, &skjema.organisasjon, &roller(&skjema.roller), Some(&passord)).await {
        Ok(ny) if feil.is_empty() => brukere::opprett_av(&state.db, &aktoer, &ny, state.klokke.naa()).await.map(|_| ()),
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    match utfall {
        Err(BrukerFeil::Tildeling(t)) => feil.push(tildelingsfeil(t)),
        Err(BrukerFeil::SvaktPassord) => feil.push(("passord".into(), Adminfeil::SvaktPassord)),
        Err(BrukerFeil::Finnes(_)) => feil.push(("epost".into(), Adminfeil::EpostFinnes)),
        Err(annen) => {
            tracing::error!(feil = %annen, "admin: brukeren kunne ikke opprettes");
            feil.push(("epost".into(), Adminfeil::Teknisk));
        }
        Ok(()) => {}
    }
    if feil.is_empty() {
        return Redirect::to("/admin").into_response();
    }
    let status = if feil.iter().any(|(_, f)| *f == Adminfeil::Teknisk) {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    vis_feil(&state, &deler, AdminInnsending::NyBruker { skjema, feil }, status).await
}

/// `POST /admin/brukere/{id}/deaktiver`: deactivates and ends the user's sessions at once.
pub async fn deaktiver(State(state): State<AppState>, Path(id): Path<i64>, req: Request<Body>) -> Response {
    let (deler, _) = req.into_parts();
    let aktoer = match administrator(&state, &deler).await {
        Ok(a) => a,
        Err(svar) => return svar,
    };
    match brukere::deaktiver_av(&state.db, &aktoer, id, state.klokke.naa()).await {
        Ok(true) => Redirect::to("/admin").into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(feil = %e, "admin: brukeren kunne ikke deaktiveres");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `POST /admin/koblinger`: a mapping from an identity to an organisation and roles.
pub async fn ny_kobling(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (deler, body) = req.into_parts();
    let aktoer = match administrator(&state, &deler).await {
        Ok(a) => a,
        Err(svar) => return svar,
    };
    let par = match les_skjema(body).await {
        Ok(p) => p,
        Err(svar) => return svar,
    };
    let skjema = KoblingSkjema {
        issuer: verdi(&par, "issuer").trim().to_owned(),
        subjekt: verdi(&par, "subjekt").trim().to_owned(),
        epost: verdi(&par, "epost").trim().to_owned(),
        organisasjon: verdi(&par, "organisasjon"),
        roller: alle(&par, "rolle"),
    };
    // Exactly one of subject and e-mail.
    let noekkel = match (skjema.subjekt.is_empty(), skjema.epost.is_empty()) {
        (false, true) => Ok(Identitetsnoekkel::Subjekt(skjema.subjekt.clone())),
        (true, false) if gyldig_epost(&skjema.epost) => Ok(Identitetsnoekkel::Epost(skjema.epost.clone())),
        (true, false) => Err(("epost".to_owned(), Adminfeil::EpostUgyldig)),
        _ => Err(("subjekt".to_owned(), Adminfeil::Noekkel)),
    };
    let feil = match noekkel {
        Err(feil) => vec![feil],
        Ok(noekkel) => {
            match oidc::ny_kobling(
                &state.db,
                &aktoer,
                &skjema.issuer,
                &noekkel,
                &skjema.organisasjon,
                &roller(&skjema.roller),
                state.klokke.naa(),
            )
            .await
            {
                Ok(_) => return Redirect::to("/admin").into_response(),
                Err(KoblingFeil::Tildeling(t)) => vec![tildelingsfeil(t)],
                Err(KoblingFeil::UgyldigIssuer) => vec![("issuer".into(), Adminfeil::IssuerUgyldig)],
                Err(KoblingFeil::Noekkel) => vec![("subjekt".into(), Adminfeil::Noekkel)],
                Err(KoblingFeil::Finnes) => vec![("subjekt".into(), Adminfeil::KoblingFinnes)],
                Err(KoblingFeil::Db(e)) => {
                    tracing::error!(feil = %e, "admin: koblingen kunne ikke lagres");
                    return vis_feil(
                        &state,
                        &deler,
                        AdminInnsending::NyKobling { skjema, feil: vec![("issuer".into(), Adminfeil::Teknisk)] },
                        StatusCode::INTERNAL_SERVER_ERROR,
                    )
                    .await;
                }
            }
        }
    };
    vis_feil(&state, &deler, AdminInnsending::NyKobling { skjema, feil }, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `POST /admin/koblinger/{id}/slett`.
pub async fn slett_kobling(State(state): State<AppState>, Path(id): Path<i64>, req: Request<Body>) -> Response {
    let (deler, _) = req.into_parts();
    let aktoer = match administrator(&state, &deler).await {
        Ok(a) => a,
        Err(svar) => return svar,
    };
    match oidc::slett_kobling(&state.db, &aktoer, id, state.klokke.naa()).await {
        Ok(true) => Redirect::to("/admin").into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(feil = %e, "admin: koblingen kunne ikke slettes");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_are_checked_loosely() {
        assert!(gyldig_epost("kari@molde.kommune.no"));
        assert!(!gyldig_epost("kari"));
        assert!(!gyldig_epost("@molde.no"));
        assert!(!gyldig_epost("kari@molde"));
        assert!(!gyldig_epost("ka ri@molde.no"));
    }
}
