//! The administrator's use cases: read the users and the OpenID Connect mappings, create a
//! local user, deactivate a user, add and remove a mapping. Each change is one transaction
//! with its audit row (in `db`).
//!
//! Every use case starts from [`administrator`], which lets only the `admin` role through and
//! writes an `avvist_tilgang` row for anyone else.

use super::revisjonslogg::Logg;
use super::Tjenester;
use crate::db::brukere::{self, BrukerFeil, NyBruker};
use crate::db::oidc::{self, KoblingFeil};
use crate::db::DbFeil;
use crate::domain::klage::MAKS_NAVN;
use crate::domain::tilgang::{Aktoer, Identitetsnoekkel, Rolle, Tildelingsfeil, MAKS_EPOST};
use crate::skjema::admin::{Adminfeil, Administrasjon, BrukerSkjema, KoblingSkjema};

/// The longest issuer, subject or e-mail of a mapping (a URL or an identifier).
const MAKS_IDENTITET: usize = 512;

/// An error for one field of a form: (field name, error).
pub type Feltfeil = (String, Adminfeil);

/// Whether the actor is an administrator. A refusal is logged.
pub async fn administrator(t: &Tjenester, aktoer: &Aktoer) -> bool {
    if aktoer.bruker().is_some_and(|b| b.er_admin()) {
        return true;
    }
    Logg::for_aktoer(aktoer, "avvist_tilgang", None).skriv(t).await;
    false
}

/// The users and mappings, for the administrator only (`None` for anyone else). The read is
/// logged like a read of case data, before anything is returned.
pub async fn administrasjon(t: &Tjenester, aktoer: &Aktoer) -> Result<Option<Administrasjon>, DbFeil> {
    if !administrator(t, aktoer).await {
        return Ok(None);
    }
    Logg::for_aktoer(aktoer, "les_brukere", None).skriv_til(&t.db, t.klokke.naa()).await?;
    Ok(Some(Administrasjon { brukere: brukere::oversikt(&t.db).await?, koblinger: oidc::koblinger(&t.db).await? }))
}

/// A local user with an initial password. The caller has checked [`administrator`].
pub async fn ny_bruker(t: &Tjenester, aktoer: &Aktoer, skjema: &BrukerSkjema, passord: &str) -> Result<(), Vec<Feltfeil>> {
    let mut feil = Vec::new();
    if skjema.epost.chars().count() > MAKS_EPOST {
        feil.push(("epost".to_owned(), Adminfeil::ForLangt));
    } else if !gyldig_epost(&skjema.epost) {
        feil.push(("epost".to_owned(), Adminfeil::EpostUgyldig));
    }
    if skjema.navn.is_empty() {
        feil.push(("navn".to_owned(), Adminfeil::NavnMangler));
    } else if skjema.navn.chars().count() > MAKS_NAVN {
        feil.push(("navn".to_owned(), Adminfeil::ForLangt));
    }
    let utfall = match NyBruker::ny(&skjema.epost, &skjema.navn, &skjema.organisasjon, &roller(&skjema.roller), Some(passord)).await {
        Ok(ny) if feil.is_empty() => brukere::opprett_av(&t.db, aktoer, &ny, t.klokke.naa()).await.map(|_| ()),
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
        Ok(())
    } else {
        Err(feil)
    }
}

/// Deactivates a user and ends their sessions at once: `false` when there is no such user.
pub async fn deaktiver(t: &Tjenester, aktoer: &Aktoer, id: crate::domain::id::BrukerId) -> Result<bool, DbFeil> {
    brukere::deaktiver_av(&t.db, aktoer, id, t.klokke.naa()).await
}

/// A mapping from an identity (exactly one of subject and e-mail) to an organisation and roles.
pub async fn ny_kobling(t: &Tjenester, aktoer: &Aktoer, skjema: &KoblingSkjema) -> Result<(), Vec<Feltfeil>> {
    let for_lange: Vec<Feltfeil> = [("issuer", &skjema.issuer), ("subjekt", &skjema.subjekt), ("epost", &skjema.epost)]
        .into_iter()
        .filter(|(_, verdi)| verdi.chars().count() > MAKS_IDENTITET)
        .map(|(felt, _)| (felt.to_owned(), Adminfeil::ForLangt))
        .collect();
    if !for_lange.is_empty() {
        return Err(for_lange);
    }
    let noekkel = match (skjema.subjekt.is_empty(), skjema.epost.is_empty()) {
        (false, true) => Identitetsnoekkel::Subjekt(skjema.subjekt.clone()),
        (true, false) if gyldig_epost(&skjema.epost) => Identitetsnoekkel::Epost(skjema.epost.clone()),
        (true, false) => return Err(vec![("epost".to_owned(), Adminfeil::EpostUgyldig)]),
        _ => return Err(vec![("subjekt".to_owned(), Adminfeil::Noekkel)]),
    };
    let lagret =
        oidc::ny_kobling(&t.db, aktoer, &skjema.issuer, &noekkel, &skjema.organisasjon, &roller(&skjema.roller), t.klokke.naa()).await;
    match lagret {
        Ok(_) => Ok(()),
        Err(KoblingFeil::Tildeling(t)) => Err(vec![tildelingsfeil(t)]),
        Err(KoblingFeil::UgyldigIssuer) => Err(vec![("issuer".into(), Adminfeil::IssuerUgyldig)]),
        Err(KoblingFeil::Noekkel) => Err(vec![("subjekt".into(), Adminfeil::Noekkel)]),
        Err(KoblingFeil::Finnes) => Err(vec![("subjekt".into(), Adminfeil::KoblingFinnes)]),
        Err(KoblingFeil::Db(e)) => {
            tracing::error!(feil = %e, "admin: koblingen kunne ikke lagres");
            Err(vec![("issuer".into(), Adminfeil::Teknisk)])
        }
    }
}

/// Removes a mapping (and ends the sessions it gave): `false` when there is no such mapping.
pub async fn slett_kobling(t: &Tjenester, aktoer: &Aktoer, id: i64) -> Result<bool, DbFeil> {
    oidc::slett_kobling(&t.db, aktoer, id, t.klokke.naa()).await
}

/// The roles ticked; unknown codes are dropped (and then count as none ticked).
fn roller(koder: &[String]) -> Vec<Rolle> {
    koder.iter().filter_map(|k| Rolle::fra_kode(k)).collect()
}

/// Where an organisation-and-roles error belongs on the form.
fn tildelingsfeil(feil: Tildelingsfeil) -> Feltfeil {
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
