//! A form as submitted, and what was wrong with it: carried back to the page that shows it
//! again.
//!
//! The form handlers of the web edge put an [`Innsending`] into the Leptos context before
//! rendering the page again; the page (`ui::innsending::bruk_innsending`) reads it so that the
//! browser hydrates with exactly what the server rendered. The texts of the errors are the
//! pages' business (`ui::innsending`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::klage::{Felt, Feltfeil, KlageSkjema};
use crate::domain::status::{Handling, Status};
use crate::domain::tilgang::StegNekt;

/// What was submitted, and what was wrong with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Innsending {
    Registrering {
        skjema: KlageSkjema,
        feil: Vec<(Felt, Feltfeil)>,
        avvist: Option<Avvisning>,
    },
    Steg(StegInnsending),
    Innlogging(Innlogging),
    /// A form on the administrator's page.
    Admin(super::admin::AdminInnsending),
    /// The case page's document upload or "registrert feil" form.
    Dokument(DokumentInnsending),
}

/// A document form as submitted on the case page, with its errors (the file itself is never
/// sent back: the browser must choose it again).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DokumentInnsending {
    pub skjema: crate::domain::dokument::Dokumentskjema,
    pub feil: Vec<crate::domain::dokument::Dokumentfeil>,
    /// The document of a refused "registrert feil", and the reason typed.
    pub feilregistrering: Option<(i64, String)>,
    /// Nothing was stored because of a technical error or a refusal.
    pub avvist: Option<Avvisning>,
}

/// Why a valid form was still not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Avvisning {
    /// A technical error: nothing was saved, the form keeps what was typed.
    Lagring,
    /// The user's organisation may not register this complaint.
    IkkeTillatt,
}

/// A login attempt that failed: the e-mail is kept, never the password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Innlogging {
    pub epost: String,
    pub tilbake: String,
    pub feil: Innloggingsfeil,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Innloggingsfeil {
    FeilPassord,
    Sperret,
    Teknisk,
    /// OpenID Connect: the identity has no mapping to an organisation here.
    OidcIkkeKoblet,
    /// OpenID Connect: the linked user is deactivated.
    OidcDeaktivert,
    /// OpenID Connect: the answer from the provider did not hold up (state, token, or an
    /// expired or repeated login), or the person cancelled there.
    OidcAvvist,
    /// OpenID Connect: the provider could not be reached.
    OidcUtilgjengelig,
    /// OpenID Connect: the e-mail address belongs to another user here.
    OidcEpostIBruk,
}

/// Which of the case page's forms was submitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Saksskjema {
    /// The next step in the legal path.
    #[default]
    Steg,
    /// A transfer to another office.
    Overfoering,
    /// The municipality's new decision after `opphevet`.
    NyttVedtak,
}

/// A form as submitted on the case page. A transfer uses the same shape, with the target
/// office in `handling`; the municipality's new decision uses only the date and the note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StegInnsending {
    pub handling: String,
    pub delvis_medhold: bool,
    pub dato: String,
    pub notat: String,
    pub feil: Option<StegVisningsfeil>,
    /// Which form this was.
    #[serde(default)]
    pub skjema: Saksskjema,
}

/// Why a step was not taken, as the user is told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StegVisningsfeil {
    UkjentHandling,
    UgyldigDato,
    DatoIFremtiden,
    ManglerNotat,
    /// The note is longer than `domain::klage::MAKS_NOTAT`.
    NotatForLangt,
    DatoForTidlig(NaiveDate),
    Konflikt,
    Lagring,
    IkkeFunnet,
    Ulovlig(Status, Handling),
    AvsluttetSak,
    SammeEmbete,
    UkjentEmbete,
    IkkeTillatt,
    /// A rule of the four-eyes approval (or the side) refused the step.
    Nektet(StegNekt),
    IkkeOpphevet,
}

impl StegVisningsfeil {
    /// The form control the error belongs to, so it is shown next to it.
    pub fn felt(&self) -> &'static str {
        match self {
            StegVisningsfeil::UgyldigDato | StegVisningsfeil::DatoIFremtiden | StegVisningsfeil::DatoForTidlig(_) => "dato",
            StegVisningsfeil::ManglerNotat | StegVisningsfeil::NotatForLangt => "notat",
            StegVisningsfeil::SammeEmbete | StegVisningsfeil::UkjentEmbete => "statsforvalter",
            _ => "handling",
        }
    }

    /// The HTTP status of the page that shows the error.
    pub fn status_kode(&self) -> u16 {
        match self {
            StegVisningsfeil::IkkeFunnet => 404,
            StegVisningsfeil::IkkeTillatt | StegVisningsfeil::Nektet(_) => 403,
            StegVisningsfeil::Konflikt
            | StegVisningsfeil::Ulovlig(..)
            | StegVisningsfeil::AvsluttetSak
            | StegVisningsfeil::IkkeOpphevet => 409,
            StegVisningsfeil::Lagring => 500,
            _ => 422,
        }
    }
}
