//! A form submission that came back with errors, carried to the page that shows it again.
//!
//! The form handlers in `server::skjema` put an [`Innsending`] into the Leptos context before
//! rendering the page. The page reads it through [`bruk_innsending`], a resource, so the value
//! is serialised into the HTML and the browser hydrates with exactly what the server rendered.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::tekster as t;
use crate::domain::klage::{Felt, Feltfeil, KlageSkjema};
use crate::domain::sprak::Sprak;
use crate::domain::status::{Handling, Status, UlovligOvergang};
use crate::domain::tid::norsk_dato;
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
}

/// Why a valid form was still not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Avvisning {
    /// A technical error: nothing was saved, the form keeps what was typed.
    Lagring,
    /// The user's organisation may not register this complaint.
    IkkeTillatt,
}

impl Avvisning {
    pub fn melding(self, sprak: Sprak) -> &'static str {
        match self {
            Avvisning::Lagring => t::LAGRINGSFEIL.i(sprak),
            Avvisning::IkkeTillatt => t::REGISTRERING_IKKE_TILLATT.i(sprak),
        }
    }
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

impl Innloggingsfeil {
    pub fn melding(self, sprak: Sprak) -> &'static str {
        match self {
            Innloggingsfeil::FeilPassord => t::INNLOGGING_FEIL.i(sprak),
            Innloggingsfeil::Sperret => t::INNLOGGING_SPERRET.i(sprak),
            Innloggingsfeil::Teknisk => t::LAGRINGSFEIL_INNLOGGING.i(sprak),
            Innloggingsfeil::OidcIkkeKoblet => t::OIDC_IKKE_KOBLET.i(sprak),
            Innloggingsfeil::OidcDeaktivert => t::OIDC_DEAKTIVERT.i(sprak),
            Innloggingsfeil::OidcAvvist => t::OIDC_AVVIST.i(sprak),
            Innloggingsfeil::OidcUtilgjengelig => t::OIDC_UTILGJENGELIG.i(sprak),
            Innloggingsfeil::OidcEpostIBruk => t::OIDC_EPOST_I_BRUK.i(sprak),
        }
    }
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
    pub fn melding(&self, sprak: Sprak) -> String {
        match self {
            StegVisningsfeil::UkjentHandling => t::STEG_FEIL_UKJENT.i(sprak).to_owned(),
            StegVisningsfeil::UgyldigDato => t::STEG_FEIL_DATO.i(sprak).to_owned(),
            StegVisningsfeil::DatoIFremtiden => t::STEG_FEIL_FREMTID.i(sprak).to_owned(),
            StegVisningsfeil::ManglerNotat => t::STEG_FEIL_NOTAT.i(sprak).to_owned(),
            StegVisningsfeil::DatoForTidlig(d) => format!("{} {}.", t::STEG_FEIL_TIDLIG.i(sprak), norsk_dato(*d)),
            StegVisningsfeil::Konflikt => t::STEG_FEIL_KONFLIKT.i(sprak).to_owned(),
            StegVisningsfeil::Lagring => t::STEG_FEIL_LAGRING.i(sprak).to_owned(),
            StegVisningsfeil::IkkeFunnet => t::IKKE_FUNNET.i(sprak).to_owned(),
            StegVisningsfeil::Ulovlig(fra, handling) => UlovligOvergang { fra: *fra, handling: *handling }.melding(sprak),
            StegVisningsfeil::AvsluttetSak => t::OVERFOER_FEIL_AVSLUTTET.i(sprak).to_owned(),
            StegVisningsfeil::IkkeTillatt | StegVisningsfeil::Nektet(StegNekt::AnnenSide) => t::STEG_IKKE_TILLATT.i(sprak).to_owned(),
            StegVisningsfeil::Nektet(StegNekt::KreverLeder) => t::STEG_KREVER_LEDER.i(sprak).to_owned(),
            StegVisningsfeil::Nektet(StegNekt::EgetForslag) => t::STEG_EGET_FORSLAG.i(sprak).to_owned(),
            StegVisningsfeil::IkkeOpphevet => t::STEG_IKKE_OPPHEVET.i(sprak).to_owned(),
            StegVisningsfeil::SammeEmbete => t::OVERFOER_FEIL_SAMME.i(sprak).to_owned(),
            StegVisningsfeil::UkjentEmbete => t::OVERFOER_FEIL_UKJENT.i(sprak).to_owned(),
        }
    }

    /// The form control the error belongs to, so it is shown next to it.
    pub fn felt(&self) -> &'static str {
        match self {
            StegVisningsfeil::UgyldigDato | StegVisningsfeil::DatoIFremtiden | StegVisningsfeil::DatoForTidlig(_) => "dato",
            StegVisningsfeil::ManglerNotat => "notat",
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

/// The submission to show again on this page, if any.
pub fn bruk_innsending() -> OnceResource<Option<Innsending>> {
    // On the server the handler provided it; in the browser the resource is filled from the
    // serialised HTML during hydration, and is empty after a client-side navigation.
    let innsending = use_context::<Innsending>();
    OnceResource::new(async move { innsending })
}
