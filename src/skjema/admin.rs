//! The administrator's page: what it shows, and its forms as typed with their errors.

use serde::{Deserialize, Serialize};

use crate::domain::tilgang::{Brukeroversikt, Oidckobling};

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Administrasjon {
    pub brukere: Vec<Brukeroversikt>,
    pub koblinger: Vec<Oidckobling>,
}

/// The new-user form as typed. The password is never sent back to the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrukerSkjema {
    pub epost: String,
    pub navn: String,
    pub organisasjon: String,
    pub roller: Vec<String>,
}

/// The new-mapping form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KoblingSkjema {
    pub issuer: String,
    pub subjekt: String,
    pub epost: String,
    pub organisasjon: String,
    pub roller: Vec<String>,
}

/// What was wrong with an administrator's form, each shown next to its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Adminfeil {
    EpostUgyldig,
    EpostFinnes,
    NavnMangler,
    /// Longer than the field may be.
    ForLangt,
    UkjentOrganisasjon,
    IngenRolle,
    RolleFeil(String),
    SvaktPassord,
    IssuerUgyldig,
    Noekkel,
    KoblingFinnes,
    Teknisk,
}

/// An administrator's form that came back with errors: (field name, error) pairs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminInnsending {
    NyBruker { skjema: BrukerSkjema, feil: Vec<(String, Adminfeil)> },
    NyKobling { skjema: KoblingSkjema, feil: Vec<(String, Adminfeil)> },
}
