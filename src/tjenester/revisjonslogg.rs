//! Writing the access log from the use cases: reads of case data, logins, logouts and refused
//! access. Changes are logged by the repository inside their own transaction instead.
//!
//! A failure to write the log is itself logged; the answer does not depend on it, except that
//! case data is only returned after its read has been logged (see `tjenester::saker::les`).

use super::Tjenester;
use crate::db::revisjon::{self, Revisjonshendelse};
use crate::db::{Database, DbFeil};
use crate::domain::id::KlageId;
use crate::domain::tilgang::{Aktoer, Bruker};

/// One entry to write.
pub struct Logg {
    pub handling: &'static str,
    pub bruker: Option<Bruker>,
    /// The e-mail given at login, also when no such user exists.
    pub epost: Option<String>,
    pub adresse: Option<String>,
    pub klage_id: Option<KlageId>,
    pub detalj: String,
}

impl Logg {
    /// An entry for what an actor did with a case.
    pub fn for_aktoer(aktoer: &Aktoer, handling: &'static str, klage_id: Option<KlageId>) -> Logg {
        match aktoer {
            Aktoer::Bruker { bruker, adresse } => Logg {
                handling,
                epost: Some(bruker.epost.clone()),
                bruker: Some(bruker.clone()),
                adresse: adresse.clone(),
                klage_id,
                detalj: String::new(),
            },
            Aktoer::Systemet(system) => {
                Logg { handling, bruker: None, epost: None, adresse: None, klage_id, detalj: system.navn().to_owned() }
            }
        }
    }

    /// Writes the entry in its own transaction.
    pub async fn skriv_til(&self, db: &Database, naa: chrono::DateTime<chrono::Utc>) -> Result<(), DbFeil> {
        let roller = self.bruker.as_ref().map(|b| b.roller_tekst()).unwrap_or_default();
        let hendelse = Revisjonshendelse {
            tidspunkt: naa,
            bruker_id: self.bruker.as_ref().map(|b| b.id.0),
            bruker: self.epost.as_deref(),
            organisasjon: self.bruker.as_ref().map(|b| b.organisasjon.kode()),
            roller: &roller,
            handling: self.handling,
            klage_id: self.klage_id.map(|k| k.0),
            adresse: self.adresse.as_deref(),
            detalj: &self.detalj,
        };
        revisjon::skriv_alene(db, &hendelse).await
    }

    /// Writes the entry; a failure is logged (without personal data) and otherwise ignored.
    pub async fn skriv(&self, t: &Tjenester) {
        if let Err(e) = self.skriv_til(&t.db, t.klokke.naa()).await {
            tracing::error!(feil = %e, handling = self.handling, "revisjonsloggen kunne ikke skrives");
        }
    }
}
