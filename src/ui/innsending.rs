//! The texts of a form's errors, and the submission a page shows again.
//!
//! The form handlers put a [`crate::skjema::innsending::Innsending`] into the Leptos context
//! before rendering the page. The page reads it through [`bruk_innsending`], a resource, so the
//! value is serialised into the HTML and the browser hydrates with exactly what the server
//! rendered.

use leptos::prelude::*;

use super::tekster as t;
use crate::domain::sprak::Sprak;
use crate::domain::status::UlovligOvergang;
use crate::domain::tid::norsk_dato;
use crate::domain::tilgang::StegNekt;
use crate::skjema::innsending::{Avvisning, Innloggingsfeil, Innsending, StegVisningsfeil};

impl Avvisning {
    pub fn melding(self, sprak: Sprak) -> &'static str {
        match self {
            Avvisning::Lagring => t::LAGRINGSFEIL.i(sprak),
            Avvisning::IkkeTillatt => t::REGISTRERING_IKKE_TILLATT.i(sprak),
        }
    }
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

impl StegVisningsfeil {
    pub fn melding(&self, sprak: Sprak) -> String {
        match self {
            StegVisningsfeil::UkjentHandling => t::STEG_FEIL_UKJENT.i(sprak).to_owned(),
            StegVisningsfeil::UgyldigDato => t::STEG_FEIL_DATO.i(sprak).to_owned(),
            StegVisningsfeil::DatoIFremtiden => t::STEG_FEIL_FREMTID.i(sprak).to_owned(),
            StegVisningsfeil::ManglerNotat => t::STEG_FEIL_NOTAT.i(sprak).to_owned(),
            StegVisningsfeil::NotatForLangt => {
                format!("{} {} {}.", t::STEG_FEIL_NOTAT_LANGT.i(sprak), crate::domain::klage::MAKS_NOTAT, t::TEGN.i(sprak))
            }
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
}

/// The submission to show again on this page, if any.
pub fn bruk_innsending() -> OnceResource<Option<Innsending>> {
    // On the server the handler provided it; in the browser the resource is filled from the
    // serialised HTML during hydration, and is empty after a client-side navigation.
    let innsending = use_context::<Innsending>();
    OnceResource::new(async move { innsending })
}
