//! The two written forms of Norwegian the service speaks (språklova § 14): bokmål and nynorsk.

use serde::{Deserialize, Serialize};

/// A written language form. `Nb` is bokmål, `Nn` is nynorsk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sprak {
    #[default]
    Nb,
    Nn,
}

impl Sprak {
    /// The BCP 47 tag used in `<html lang>` and in the language cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Sprak::Nb => "nb",
            Sprak::Nn => "nn",
        }
    }

    /// Reads a tag as written in the cookie or a query string; anything unknown is `None`.
    pub fn fra_tag(tag: &str) -> Option<Sprak> {
        match tag.trim() {
            "nb" | "nb-NO" | "no" => Some(Sprak::Nb),
            "nn" | "nn-NO" => Some(Sprak::Nn),
            _ => None,
        }
    }

    /// Picks the bokmål or the nynorsk text.
    pub fn velg<T>(self, nb: T, nn: T) -> T {
        match self {
            Sprak::Nb => nb,
            Sprak::Nn => nn,
        }
    }
}
