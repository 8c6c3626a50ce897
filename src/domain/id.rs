//! The domain's identifiers as types of their own, so that an office and a municipality (both
//! codes in text) or a case and a user (both numbers) can never be swapped in a call.
//!
//! - [`Kommunenummer`] and [`Embetekode`] are made only from a code found in the reference
//!   register (`domain::referanse`), so holding one means the code is known. They serialise as
//!   their plain code, and refuse an unknown code when read back.
//! - [`KlageId`] and [`BrukerId`] are the database's row ids. Any number can be one (a URL may
//!   name a case that does not exist, and access is checked when it is read), but a case id is
//!   never taken for a user id.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::referanse;

/// A four-digit municipality number known in the register, e.g. `1506` (Molde).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Kommunenummer(String);

/// A governor office's code known in the register, e.g. `more-og-romsdal`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Embetekode(String);

/// A code that is not in the register.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("ukjent kode: {0}")]
pub struct UkjentKode(pub String);

impl Kommunenummer {
    /// The municipality with this number, or `None` when the register has none.
    pub fn ny(nummer: &str) -> Option<Kommunenummer> {
        referanse::kommune(nummer.trim()).map(|k| Kommunenummer(k.nummer.clone()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The office that handles complaints against this municipality.
    pub fn embete(&self) -> Embetekode {
        let kommune = referanse::kommune(&self.0).expect("a Kommunenummer is always in the register");
        Embetekode::ny(&kommune.statsforvalter).expect("the register names known offices only")
    }
}

impl Embetekode {
    /// The office with this code, or `None` when the register has none.
    pub fn ny(kode: &str) -> Option<Embetekode> {
        referanse::statsforvalter(kode.trim()).map(|s| Embetekode(s.kode.clone()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Every office, in register order.
    pub fn alle() -> Vec<Embetekode> {
        referanse::statsforvaltere().iter().map(|s| Embetekode(s.kode.clone())).collect()
    }
}

/// The plain-text parts both code types share: display, comparison with text and serde.
macro_rules! kodetype {
    ($navn:ident) => {
        impl fmt::Display for $navn {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $navn {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $navn {
            fn eq(&self, annen: &str) -> bool {
                self.0 == annen
            }
        }

        impl PartialEq<&str> for $navn {
            fn eq(&self, annen: &&str) -> bool {
                self.0 == *annen
            }
        }

        impl TryFrom<String> for $navn {
            type Error = UkjentKode;

            fn try_from(kode: String) -> Result<Self, UkjentKode> {
                $navn::ny(&kode).ok_or(UkjentKode(kode))
            }
        }

        impl From<$navn> for String {
            fn from(kode: $navn) -> String {
                kode.0
            }
        }
    };
}

kodetype!(Kommunenummer);
kodetype!(Embetekode);

/// A case's row id (`klage.id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KlageId(pub i64);

/// A user's row id (`bruker.id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BrukerId(pub i64);

impl fmt::Display for KlageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for BrukerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_known_or_refused() {
        assert_eq!(Kommunenummer::ny(" 1506 ").unwrap(), "1506");
        assert_eq!(Kommunenummer::ny("9999"), None);
        assert_eq!(Embetekode::ny("rogaland").unwrap().as_str(), "rogaland");
        assert_eq!(Embetekode::ny("1506"), None);
        assert_eq!(Kommunenummer::ny("1506").unwrap().embete(), "more-og-romsdal");
        assert_eq!(Embetekode::alle().len(), 10);
    }

    #[test]
    fn codes_travel_as_plain_text_and_are_checked_when_read() {
        let molde = Kommunenummer::ny("1506").unwrap();
        assert_eq!(serde_json::to_string(&molde).unwrap(), "\"1506\"");
        assert_eq!(serde_json::from_str::<Kommunenummer>("\"1506\"").unwrap(), molde);
        assert!(serde_json::from_str::<Kommunenummer>("\"9999\"").is_err());
        assert!(serde_json::from_str::<Embetekode>("\"atlantis\"").is_err());
        assert_eq!(serde_json::to_string(&KlageId(7)).unwrap(), "7");
    }
}
