//! A case's history as types: what a row records ([`Hendelsesart`]) and which fields it says
//! changed ([`Endringsfelt`]). The repository writes them, `domain::innsyn` filters them, and
//! the case page names them, all by matching on these enums rather than on strings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::status::Handling;

/// A field a history row says changed. Stored as its `snake_case` code in the row's JSON;
/// the variants are in the order of their codes, so a row's changes read the same as before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endringsfelt {
    AvgjortDato,
    DelvisMedhold,
    /// The outcome proposed while it waits for approval: the office's internal work.
    ForeslaattUtfall,
    Mottatt,
    MottattStatsforvalter,
    NyttVedtakDato,
    Saksnummer,
    Statsforvalter,
    Status,
    TidligereSaksnummer,
    Utfall,
}

/// What a row changed: field → new value, in codes (dates as `YYYY-MM-DD`), so each reader
/// sees it in their own language.
pub type Endringer = BTreeMap<Endringsfelt, String>;

/// What a history row records. Travels as its code (`registrert`, `oversend`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Hendelsesart {
    /// The complaint was registered.
    Registrert,
    /// The case was transferred to another office.
    Overfoert,
    /// The municipality reported its new decision after `opphevet`.
    NyttVedtak,
    /// A step of the state machine. The row's code names the kind of step only; its data (the
    /// outcome, partial medhold) is in the row's changes, so a step read back from a code
    /// carries the data of the first of its kind in [`Handling::alle`].
    Steg(Handling),
}

impl Hendelsesart {
    /// The code stored in the row's `handling` column.
    pub fn kode(self) -> &'static str {
        match self {
            Hendelsesart::Registrert => "registrert",
            Hendelsesart::Overfoert => "overfoer",
            Hendelsesart::NyttVedtak => "nytt_vedtak",
            Hendelsesart::Steg(h) => h.kode(),
        }
    }

    /// Reads a stored code back.
    pub fn fra_kode(kode: &str) -> Option<Hendelsesart> {
        [Hendelsesart::Registrert, Hendelsesart::Overfoert, Hendelsesart::NyttVedtak]
            .into_iter()
            .chain(Handling::alle().into_iter().map(Hendelsesart::Steg))
            .find(|a| a.kode() == kode)
    }
}

impl TryFrom<String> for Hendelsesart {
    type Error = String;

    fn try_from(kode: String) -> Result<Hendelsesart, String> {
        Hendelsesart::fra_kode(&kode).ok_or(kode)
    }
}

impl From<Hendelsesart> for String {
    fn from(art: Hendelsesart) -> String {
        art.kode().to_owned()
    }
}

/// Compares with a stored code, as the tests and the logs name them.
impl PartialEq<&str> for Hendelsesart {
    fn eq(&self, kode: &&str) -> bool {
        self.kode() == *kode
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_row_reads_back_from_its_code() {
        for art in [Hendelsesart::Registrert, Hendelsesart::Overfoert, Hendelsesart::NyttVedtak] {
            assert_eq!(Hendelsesart::fra_kode(art.kode()), Some(art));
        }
        for h in Handling::alle() {
            let tilbake = Hendelsesart::fra_kode(h.kode());
            assert!(matches!(tilbake, Some(Hendelsesart::Steg(t)) if t.kode() == h.kode()), "{h:?}");
        }
        assert_eq!(Hendelsesart::fra_kode("slett"), None);
    }

    #[test]
    fn changes_are_stored_under_the_same_codes_in_the_same_order() {
        let e = Endringer::from([(Endringsfelt::Utfall, "endret".to_owned()), (Endringsfelt::AvgjortDato, "2026-10-01".to_owned())]);
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"avgjort_dato":"2026-10-01","utfall":"endret"}"#);
        let tilbake: Endringer = serde_json::from_str(r#"{"foreslaatt_utfall":"endret","mottatt_statsforvalter":"2026-09-01"}"#).unwrap();
        assert_eq!(tilbake.len(), 2);
    }
}
