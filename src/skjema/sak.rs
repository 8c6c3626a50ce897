//! The case page's view of one case, and the value of a step in its forms.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::dokument::Dokument;
use crate::domain::klage::{Hendelse, Klage};
use crate::domain::status::Handling;

/// Everything the case page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SakVisning {
    pub klage: Klage,
    pub hendelser: Vec<Hendelse>,
    /// The steps this user may take from the current state.
    pub tillatte: Vec<Handling>,
    pub idag: NaiveDate,
    pub kan_overfoere: bool,
    /// The municipality may report its new decision after `opphevet`.
    pub kan_melde_nytt_vedtak: bool,
    /// This user proposed the decision that waits for approval, so someone else must approve.
    pub eget_forslag: bool,
    /// Who has looked at or changed the case: only for the office's leder.
    pub innsyn: Option<Vec<Innsynsrad>>,
    /// The case file's documents this user may see (`domain::innsyn::ser_dokument`).
    pub dokumenter: Vec<Dokument>,
    /// The user may upload documents to the case (the office and the municipality).
    pub kan_laste_opp: bool,
    /// The user is at the office: chooses a document's visibility and marks "registrert feil".
    pub embetets_journal: bool,
}

/// One row of the access log as a leder sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Innsynsrad {
    pub tidspunkt: DateTime<Utc>,
    pub bruker: String,
    pub organisasjon: String,
    pub handling: String,
}

/// The value of a step in the form's `handling` field: the action code, with the outcome
/// for a proposed decision (`foreslaa_vedtak:stadfestet`).
pub fn handling_verdi(h: Handling) -> String {
    match h {
        Handling::ForeslaaVedtak { utfall } => format!("foreslaa_vedtak:{}", utfall.kode()),
        annen => annen.kode().to_owned(),
    }
}

/// Reads the form's `handling` value (and the partial-medhold box) into an action.
pub fn les_handling(verdi: &str, delvis_medhold: bool) -> Option<Handling> {
    Handling::alle().into_iter().find(|h| handling_verdi(*h) == verdi).map(|h| match h {
        Handling::Oversend { .. } => Handling::Oversend { delvis_medhold },
        annen => annen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_form_value() {
        for h in Handling::alle() {
            let delvis = matches!(h, Handling::Oversend { delvis_medhold: true });
            assert_eq!(les_handling(&handling_verdi(h), delvis), Some(h));
        }
        assert_eq!(les_handling("oversend", true), Some(Handling::Oversend { delvis_medhold: true }));
        assert_eq!(les_handling("slett", false), None);
    }
}
