//! The administrator's form posts: create a local user, deactivate a user, add and remove an
//! OpenID Connect mapping. Thin adapters over `tjenester::admin`.
//!
//! The [`Administrator`] extractor lets only the administrator through; anyone else gets 404,
//! as the page does (anonymous posts are stopped by the login layer first). On success the
//! browser goes back to `/admin` (post/redirect/get); on error the page is shown again with
//! what was typed and each error next to its field.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::feil::Webfeil;
use super::uttrekk::{Administrator, Gjenvisning, Skjemadata};
use super::AppState;
use crate::domain::lokalsti::Lokalsti;
use crate::skjema::admin::{AdminInnsending, Adminfeil, BrukerSkjema, KoblingSkjema};
use crate::skjema::innsending::Innsending;
use crate::tjenester::admin::{self, Feltfeil};

/// Back to the page when it went well, or the page again with the errors.
async fn etter(
    state: &AppState,
    side: Gjenvisning,
    utfall: Result<(), Vec<Feltfeil>>,
    innsending: impl FnOnce(Vec<Feltfeil>) -> AdminInnsending,
) -> Response {
    let feil = match utfall {
        Ok(()) => return Lokalsti::side("/admin").into_response(),
        Err(feil) => feil,
    };
    let status = if feil.iter().any(|(_, f)| *f == Adminfeil::Teknisk) {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    side.vis(state, "/admin", Innsending::Admin(innsending(feil)), status).await
}

/// `POST /admin/brukere`: a local user with an initial password.
pub async fn ny_bruker(State(state): State<AppState>, Administrator(aktoer): Administrator, side: Gjenvisning, s: Skjemadata) -> Response {
    let skjema = BrukerSkjema {
        epost: s.verdi("epost").trim().to_owned(),
        navn: s.verdi("navn").trim().to_owned(),
        organisasjon: s.verdi("organisasjon"),
        roller: s.verdier("rolle"),
    };
    let utfall = admin::ny_bruker(&state.tjenester(), &aktoer, &skjema, &s.verdi("passord")).await;
    etter(&state, side, utfall, |feil| AdminInnsending::NyBruker { skjema, feil }).await
}

/// `POST /admin/brukere/{id}/deaktiver`: deactivates and ends the user's sessions at once.
pub async fn deaktiver(
    State(state): State<AppState>,
    Path(id): Path<crate::domain::id::BrukerId>,
    Administrator(aktoer): Administrator,
) -> Result<Lokalsti, Webfeil> {
    match admin::deaktiver(&state.tjenester(), &aktoer, id).await {
        Ok(true) => Ok(Lokalsti::side("/admin")),
        Ok(false) => Err(Webfeil::IkkeFunnet),
        Err(e) => {
            tracing::error!(feil = %e, "admin: brukeren kunne ikke deaktiveres");
            Err(Webfeil::Intern)
        }
    }
}

/// `POST /admin/koblinger`: a mapping from an identity to an organisation and roles.
pub async fn ny_kobling(State(state): State<AppState>, Administrator(aktoer): Administrator, side: Gjenvisning, s: Skjemadata) -> Response {
    let skjema = KoblingSkjema {
        issuer: s.verdi("issuer").trim().to_owned(),
        subjekt: s.verdi("subjekt").trim().to_owned(),
        epost: s.verdi("epost").trim().to_owned(),
        organisasjon: s.verdi("organisasjon"),
        roller: s.verdier("rolle"),
    };
    let utfall = admin::ny_kobling(&state.tjenester(), &aktoer, &skjema).await;
    etter(&state, side, utfall, |feil| AdminInnsending::NyKobling { skjema, feil }).await
}

/// `POST /admin/koblinger/{id}/slett`.
pub async fn slett_kobling(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Administrator(aktoer): Administrator,
) -> Result<Lokalsti, Webfeil> {
    match admin::slett_kobling(&state.tjenester(), &aktoer, id).await {
        Ok(true) => Ok(Lokalsti::side("/admin")),
        Ok(false) => Err(Webfeil::IkkeFunnet),
        Err(e) => {
            tracing::error!(feil = %e, "admin: koblingen kunne ikke slettes");
            Err(Webfeil::Intern)
        }
    }
}
