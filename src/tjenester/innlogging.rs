//! Logging in with a password and logging out: the session, the failed-login limit (in
//! `db::brukere`) and the audit rows.

use super::revisjonslogg::Logg;
use super::Tjenester;
use crate::db::brukere::{self, InnloggingFeil, Okttoken};
use crate::domain::tilgang::{normalisert_epost, Aktoer, Bruker};
use crate::skjema::innsending::Innloggingsfeil;

/// Checks the password (after counting the attempt) and opens a session: the user and the
/// session's token. The audit log keeps the address only when it looks like one (never a
/// password typed in the wrong field), and an attempt while the address or account is locked
/// writes nothing, since it checked and changed nothing.
pub async fn logg_inn(t: &Tjenester, epost: &str, passord: &str, adresse: &str) -> Result<(Bruker, Okttoken), Innloggingsfeil> {
    let svar = brukere::logg_inn(&t.db, epost, passord, adresse, t.klokke.naa(), &t.grenser).await;
    let epost_i_loggen = normalisert_epost(epost);
    let revisjon = |handling: &'static str, bruker: Option<&Bruker>| Logg {
        handling,
        bruker: bruker.cloned(),
        epost: epost_i_loggen.clone(),
        adresse: Some(adresse.to_owned()),
        klage_id: None,
        detalj: if epost_i_loggen.is_none() { "ikke en e-postadresse".to_owned() } else { String::new() },
    };
    match svar {
        Ok((bruker, token)) => {
            revisjon("innlogging", Some(&bruker)).skriv(t).await;
            Ok((bruker, token))
        }
        Err(feil) => {
            let visning = match feil {
                InnloggingFeil::FeilPassord => Innloggingsfeil::FeilPassord,
                InnloggingFeil::Sperret => Innloggingsfeil::Sperret,
                InnloggingFeil::Db(e) => {
                    tracing::error!(feil = %e, "innlogging feilet");
                    Innloggingsfeil::Teknisk
                }
            };
            if visning != Innloggingsfeil::Sperret {
                revisjon("innlogging_avvist", None).skriv(t).await;
            }
            Err(visning)
        }
    }
}

/// Ends the session of `token` on the server, and logs who logged out.
pub async fn logg_ut(t: &Tjenester, token: Option<&Okttoken>, aktoer: Option<&Aktoer>) {
    if let Some(token) = token {
        if let Err(e) = brukere::logg_ut(&t.db, token).await {
            tracing::error!(feil = %e, "utlogging feilet");
        }
    }
    if let Some(aktoer) = aktoer {
        Logg::for_aktoer(aktoer, "utlogging", None).skriv(t).await;
    }
}
