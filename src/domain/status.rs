//! The legal steps of a complaint as a state machine (pbrl kap. 7, forvaltningsloven §§ 33–34).
//!
//! A complaint is filed with the municipality that made the decision (pbrl § 7-2). The
//! municipality does the preparatory review (forberedende behandling, fvl § 33) and then either
//! gives full medhold (the case ends there), rejects the complaint (avviser; that rejection can
//! itself be appealed), or forwards it to Statsforvalteren with its statement (uttalelse).
//! Statsforvalteren assesses the case (fvl § 34), may ask the municipality for more information,
//! and ends it with exactly one outcome ([`Utfall`]). A decision is never sent by one person
//! alone: the case officer proposes it ([`Handling::ForeslaaVedtak`]) and a second person of the
//! same office with the leder role approves it ([`Handling::Godkjenn`]) or sends it back; the
//! decision date is the day the approved decision is sent. Who may approve is a rule of
//! `domain::tilgang`, since it depends on the user. A complaint that arrives at
//! Statsforvalteren first is sent to the municipality for its review before anything else.
//!
//! Everything here is a pure function of the current [`Tilstand`], so the browser can show the
//! very buttons the server will accept: [`Tilstand::tillatte_handlinger`] lists them and
//! [`Tilstand::utfoer`] is the only way to move a case on.

use serde::{Deserialize, Serialize};

use super::kode::{Mottaker, Utfall};
use super::sprak::Sprak;

/// Where a complaint is in its legal path.
///
/// Serialised as the snake_case code (`"under_vurdering"`), which is also what [`Status::kode`]
/// returns and what the database stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Arrived at Statsforvalteren first. It must be sent to the municipality, because the
    /// municipality's preparatory review (fvl § 33) comes before the governor's.
    MottattHosStatsforvalter,
    /// At the municipality: the preparatory review (forberedende behandling, fvl § 33).
    ForberedendeBehandling,
    /// Closed: the municipality gave the complainant full medhold and reversed its decision.
    MedholdHosKommunen,
    /// The municipality rejected the complaint as inadmissible. Closed, unless the complainant
    /// appeals the rejection; that appeal goes to Statsforvalteren.
    AvvistAvKommunen,
    /// At Statsforvalteren: under assessment (fvl § 34).
    UnderVurdering,
    /// Statsforvalteren has asked the municipality for more information and is waiting.
    VenterPaaKommunen,
    /// A decision is proposed and waits for a leder's approval; the proposed outcome is in
    /// [`Tilstand::utfall`]. Still open: nothing has been sent.
    TilGodkjenning,
    /// Statsforvalteren has decided; the outcome is in [`Tilstand::utfall`]. Closed.
    Avgjort,
    /// Withdrawn while still at the municipality, before it reached Statsforvalteren. Closed.
    TrukketHosKommunen,
}

/// Whose desk a case is on: who is expected to act next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The municipality (usually its koordinerende enhet).
    Kommune,
    /// The county governor's office.
    Statsforvalter,
}

impl Status {
    /// Every status, in the order of the legal path.
    pub const ALLE: &'static [Status] = &[
        Status::MottattHosStatsforvalter,
        Status::ForberedendeBehandling,
        Status::MedholdHosKommunen,
        Status::AvvistAvKommunen,
        Status::UnderVurdering,
        Status::VenterPaaKommunen,
        Status::TilGodkjenning,
        Status::Avgjort,
        Status::TrukketHosKommunen,
    ];

    /// The code as stored and exchanged; the same string serde writes.
    pub fn kode(self) -> &'static str {
        match self {
            Status::MottattHosStatsforvalter => "mottatt_hos_statsforvalter",
            Status::ForberedendeBehandling => "forberedende_behandling",
            Status::MedholdHosKommunen => "medhold_hos_kommunen",
            Status::AvvistAvKommunen => "avvist_av_kommunen",
            Status::UnderVurdering => "under_vurdering",
            Status::VenterPaaKommunen => "venter_paa_kommunen",
            Status::TilGodkjenning => "til_godkjenning",
            Status::Avgjort => "avgjort",
            Status::TrukketHosKommunen => "trukket_hos_kommunen",
        }
    }

    /// Reads a code; `None` if it is not one of ours.
    pub fn fra_kode(kode: &str) -> Option<Status> {
        Status::ALLE.iter().copied().find(|s| s.kode() == kode)
    }

    /// The label shown to people, in bokmål or nynorsk.
    pub fn navn(self, sprak: Sprak) -> &'static str {
        match self {
            Status::MottattHosStatsforvalter => sprak.velg("Mottatt hos Statsforvalteren", "Motteken hos Statsforvaltaren"),
            Status::ForberedendeBehandling => sprak.velg("Forberedende behandling i kommunen", "Førebuande behandling i kommunen"),
            Status::MedholdHosKommunen => sprak.velg("Medhold hos kommunen", "Medhald hos kommunen"),
            Status::AvvistAvKommunen => sprak.velg("Avvist av kommunen", "Avvist av kommunen"),
            Status::UnderVurdering => sprak.velg("Under vurdering hos Statsforvalteren", "Under vurdering hos Statsforvaltaren"),
            Status::VenterPaaKommunen => sprak.velg("Venter på opplysninger fra kommunen", "Ventar på opplysningar frå kommunen"),
            Status::TilGodkjenning => sprak.velg("Forslag til vedtak venter på godkjenning", "Framlegg til vedtak ventar på godkjenning"),
            Status::Avgjort => sprak.velg("Avgjort", "Avgjord"),
            Status::TrukketHosKommunen => sprak.velg("Trukket hos kommunen", "Trekt hos kommunen"),
        }
    }

    /// Whose desk the case is on. A closed case stays with the body that closed it, so the
    /// lists of each side still show it.
    pub fn side(self) -> Side {
        match self {
            Status::MottattHosStatsforvalter | Status::UnderVurdering | Status::TilGodkjenning | Status::Avgjort => Side::Statsforvalter,
            // Waiting for information: the municipality must answer before anything happens.
            Status::ForberedendeBehandling
            | Status::MedholdHosKommunen
            | Status::AvvistAvKommunen
            | Status::VenterPaaKommunen
            | Status::TrukketHosKommunen => Side::Kommune,
        }
    }

    /// Whether the case is still being handled. A rejection by the municipality counts as
    /// closed: it only opens again if the complainant appeals it ([`Handling::KlagPaaAvvisning`]),
    /// which is why that is the one step a closed status can still take.
    pub fn er_aapen(self) -> bool {
        matches!(
            self,
            Status::MottattHosStatsforvalter
                | Status::ForberedendeBehandling
                | Status::UnderVurdering
                | Status::VenterPaaKommunen
                | Status::TilGodkjenning
        )
    }

    /// Whether the case has reached Statsforvalteren. This is what the governor's case
    /// numbers, the one-month interim reply and the three-month target are counted from.
    pub fn hos_statsforvalteren(self) -> bool {
        matches!(
            self,
            Status::MottattHosStatsforvalter
                | Status::UnderVurdering
                | Status::VenterPaaKommunen
                | Status::TilGodkjenning
                | Status::Avgjort
        )
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kode())
    }
}

/// One step a user can take on a case.
///
/// Serialised with the step's code in a `handling` field, and the step's data beside it:
/// `{"handling":"avgjoer","utfall":"endret"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "handling", rename_all = "snake_case")]
pub enum Handling {
    /// Statsforvalteren sends a complaint that came to it first on to the municipality, for
    /// the preparatory review.
    SendTilKommunen,
    /// The municipality gives full medhold and reverses its own decision (fvl § 33).
    GiMedhold,
    /// The municipality rejects the complaint as inadmissible (late, no right to complain).
    Avvis,
    /// The municipality keeps its decision and forwards the case to Statsforvalteren with its
    /// statement (uttalelse). `delvis_medhold` records that it gave partial medhold first and
    /// only the rest of the complaint goes on.
    Oversend {
        /// The municipality gave partial medhold; the remainder is forwarded.
        delvis_medhold: bool,
    },
    /// The complainant appeals the municipality's rejection. The appeal is filed with the body
    /// that rejected (fvl § 32), so the municipality registers it and sends it on.
    KlagPaaAvvisning,
    /// Statsforvalteren asks the municipality for more information (fvl § 33 fifth paragraph,
    /// the case must be well enough informed).
    BeOmOpplysninger,
    /// The municipality answers Statsforvalteren's request for information.
    SvarPaaOpplysninger,
    /// The case officer proposes a decision with one outcome; it is sent only when a leder
    /// approves it. [`Utfall::Trukket`] is not a decision and is refused here: a withdrawal is
    /// [`Handling::Trekk`].
    ForeslaaVedtak {
        /// The proposed outcome.
        utfall: Utfall,
    },
    /// A leder of the office, not the one who proposed it, approves the proposed decision, and
    /// it is sent: the case is decided with the proposed outcome on this step's date.
    Godkjenn,
    /// The proposal goes back to the case officer for more work (with a note saying why).
    SendTilbake,
    /// The complainant withdraws the complaint. Registered by whichever side has the case.
    Trekk,
}

impl Handling {
    /// Every step there is, with every data value (all outcomes, and both forms of
    /// forwarding): the one list the state machine's tests, the forms and the history's labels
    /// read.
    pub fn alle() -> Vec<Handling> {
        let mut alle = vec![
            Handling::SendTilKommunen,
            Handling::GiMedhold,
            Handling::Avvis,
            Handling::Oversend { delvis_medhold: false },
            Handling::Oversend { delvis_medhold: true },
            Handling::KlagPaaAvvisning,
            Handling::BeOmOpplysninger,
            Handling::SvarPaaOpplysninger,
            Handling::Godkjenn,
            Handling::SendTilbake,
            Handling::Trekk,
        ];
        alle.extend(Utfall::ALLE.iter().map(|&utfall| Handling::ForeslaaVedtak { utfall }));
        alle
    }

    /// The code of the step, the same string serde writes in the `handling` field. The step's
    /// data (outcome, partial medhold) is not part of it.
    pub fn kode(self) -> &'static str {
        match self {
            Handling::SendTilKommunen => "send_til_kommunen",
            Handling::GiMedhold => "gi_medhold",
            Handling::Avvis => "avvis",
            Handling::Oversend { .. } => "oversend",
            Handling::KlagPaaAvvisning => "klag_paa_avvisning",
            Handling::BeOmOpplysninger => "be_om_opplysninger",
            Handling::SvarPaaOpplysninger => "svar_paa_opplysninger",
            Handling::ForeslaaVedtak { .. } => "foreslaa_vedtak",
            Handling::Godkjenn => "godkjenn",
            Handling::SendTilbake => "send_tilbake",
            Handling::Trekk => "trekk",
        }
    }

    /// The button label, in bokmål or nynorsk.
    pub fn navn(self, sprak: Sprak) -> &'static str {
        match self {
            Handling::SendTilKommunen => {
                sprak.velg("Send til kommunen for forberedende behandling", "Send til kommunen for førebuande behandling")
            }
            Handling::GiMedhold => sprak.velg("Gi medhold", "Gje medhald"),
            Handling::Avvis => sprak.velg("Avvis klagen", "Avvis klaga"),
            Handling::Oversend { delvis_medhold: false } => {
                sprak.velg("Send til Statsforvalteren med uttalelse", "Send til Statsforvaltaren med fråsegn")
            }
            Handling::Oversend { delvis_medhold: true } => sprak
                .velg("Gi delvis medhold og send resten til Statsforvalteren", "Gje delvis medhald og send resten til Statsforvaltaren"),
            Handling::KlagPaaAvvisning => {
                sprak.velg("Send klagen på avvisningen til Statsforvalteren", "Send klaga på avvisinga til Statsforvaltaren")
            }
            Handling::BeOmOpplysninger => sprak.velg("Be kommunen om flere opplysninger", "Be kommunen om fleire opplysningar"),
            Handling::SvarPaaOpplysninger => {
                sprak.velg("Send opplysningene til Statsforvalteren", "Send opplysningane til Statsforvaltaren")
            }
            Handling::ForeslaaVedtak { utfall } => match utfall {
                Utfall::Stadfestet => {
                    sprak.velg("Foreslå vedtak: stadfest kommunens vedtak", "Føreslå vedtak: stadfest vedtaket til kommunen")
                }
                Utfall::Endret => sprak.velg("Foreslå vedtak: endre kommunens vedtak", "Føreslå vedtak: endre vedtaket til kommunen"),
                Utfall::Opphevet => {
                    sprak.velg("Foreslå vedtak: opphev vedtaket og send det tilbake", "Føreslå vedtak: opphev vedtaket og send det tilbake")
                }
                Utfall::Avvist => sprak.velg("Foreslå vedtak: avvis klagen", "Føreslå vedtak: avvis klaga"),
                // Never offered (see `Tilstand::utfoer`), but it needs a name for the error text.
                Utfall::Trukket => sprak.velg("Foreslå vedtak: trukket / avsluttet", "Føreslå vedtak: trekt / avslutta"),
            },
            Handling::Godkjenn => sprak.velg("Godkjenn og send vedtaket", "Godkjenn og send vedtaket"),
            Handling::SendTilbake => {
                sprak.velg("Send forslaget tilbake til saksbehandleren", "Send framlegget tilbake til saksbehandlaren")
            }
            Handling::Trekk => sprak.velg("Registrer at klagen er trukket", "Registrer at klaga er trekt"),
        }
    }

    /// Who performs this step when it is taken from `fra`. A withdrawal is registered by
    /// whichever side has the case, so [`Handling::Trekk`] takes the side of `fra`.
    pub fn side(self, fra: Status) -> Side {
        match self {
            Handling::SendTilKommunen
            | Handling::BeOmOpplysninger
            | Handling::ForeslaaVedtak { .. }
            | Handling::Godkjenn
            | Handling::SendTilbake => Side::Statsforvalter,
            Handling::GiMedhold
            | Handling::Avvis
            | Handling::Oversend { .. }
            | Handling::KlagPaaAvvisning
            | Handling::SvarPaaOpplysninger => Side::Kommune,
            Handling::Trekk => fra.side(),
        }
    }

    /// Whether the step needs a written note: the municipality's statement (uttalelse) when it
    /// forwards the case (fvl § 33 fourth paragraph), what is asked for when Statsforvalteren
    /// asks for information, a short reason with a proposed decision (fvl § 24), and why a
    /// proposal is sent back.
    pub fn krever_notat(self) -> bool {
        matches!(self, Handling::Oversend { .. } | Handling::BeOmOpplysninger | Handling::ForeslaaVedtak { .. } | Handling::SendTilbake)
    }
}

impl Tilstand {
    /// Whether `handling` needs a written note from here: where the step always does, and a
    /// withdrawal of a proposal that awaits approval, which closes the case past the leder.
    pub fn krever_notat(&self, handling: Handling) -> bool {
        handling.krever_notat() || (handling == Handling::Trekk && self.status == Status::TilGodkjenning)
    }
}

impl std::fmt::Display for Handling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kode())
    }
}

/// The outcomes Statsforvalteren can propose with [`Handling::ForeslaaVedtak`]: all but
/// [`Utfall::Trukket`], which only a withdrawal gives.
const AVGJOERBARE_UTFALL: [Utfall; 4] = [Utfall::Stadfestet, Utfall::Endret, Utfall::Opphevet, Utfall::Avvist];

/// The state a case is in: its status and, when it is [`Status::Avgjort`], the outcome (when
/// it is [`Status::TilGodkjenning`], the proposed outcome).
///
/// Serialised as `{"status":"avgjort","utfall":"endret"}`; `utfall` is `null` before a
/// decision is proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tilstand {
    /// Where the case is in its legal path.
    pub status: Status,
    /// The outcome; present exactly when `status` is [`Status::Avgjort`] or, as the proposed
    /// outcome, [`Status::TilGodkjenning`].
    pub utfall: Option<Utfall>,
}

impl Tilstand {
    /// The state of a newly registered complaint, given where it arrived. A complaint sent to
    /// Statsforvalteren first still needs the municipality's review, so it starts as
    /// [`Status::MottattHosStatsforvalter`] and is sent on from there.
    pub fn ny(mottaker: Mottaker) -> Tilstand {
        let status = match mottaker {
            Mottaker::Kommunen => Status::ForberedendeBehandling,
            Mottaker::Statsforvalteren => Status::MottattHosStatsforvalter,
        };
        Tilstand { status, utfall: None }
    }

    /// Whether status and outcome agree: an outcome exactly when the case is decided, and a
    /// proposed outcome (never "trukket") exactly when a decision awaits approval. Worth
    /// checking on anything read from storage or the network, since the fields are public.
    pub fn er_gyldig(&self) -> bool {
        match self.status {
            Status::Avgjort => self.utfall.is_some(),
            Status::TilGodkjenning => self.utfall.is_some_and(|utfall| AVGJOERBARE_UTFALL.contains(&utfall)),
            _ => self.utfall.is_none(),
        }
    }

    /// Every step allowed from here, in the order the buttons are shown. Forwarding is listed
    /// once (`delvis_medhold: false`; the form asks about partial medhold), a proposed decision
    /// once per outcome Statsforvalteren can give.
    ///
    /// Only the status decides what is allowed, so a state whose outcome disagrees with its
    /// status (see [`Tilstand::er_gyldig`]) gets the steps of its status.
    pub fn tillatte_handlinger(&self) -> Vec<Handling> {
        match self.status {
            Status::MottattHosStatsforvalter => {
                vec![Handling::SendTilKommunen, Handling::Trekk]
            }
            Status::ForberedendeBehandling => {
                vec![Handling::Oversend { delvis_medhold: false }, Handling::GiMedhold, Handling::Avvis, Handling::Trekk]
            }
            Status::AvvistAvKommunen => vec![Handling::KlagPaaAvvisning],
            Status::UnderVurdering => {
                let mut handlinger: Vec<Handling> = AVGJOERBARE_UTFALL.iter().map(|&utfall| Handling::ForeslaaVedtak { utfall }).collect();
                handlinger.push(Handling::BeOmOpplysninger);
                handlinger.push(Handling::Trekk);
                handlinger
            }
            Status::VenterPaaKommunen => vec![Handling::SvarPaaOpplysninger, Handling::Trekk],
            Status::TilGodkjenning => {
                vec![Handling::Godkjenn, Handling::SendTilbake, Handling::Trekk]
            }
            Status::MedholdHosKommunen | Status::Avgjort | Status::TrukketHosKommunen => Vec::new(),
        }
    }

    /// Takes one step. The state itself is not changed (it is `Copy`): the caller stores
    /// `til` from the returned [`Overgang`], in the same transaction as the audit row.
    ///
    /// The result is always a valid state, even from one whose outcome disagrees with its
    /// status: the outcome is set from the step, and only approval carries the proposed outcome
    /// over (it refuses when there is no valid proposal).
    ///
    /// # Errors
    ///
    /// [`UlovligOvergang`] when the step is not allowed from the case's status, that is, when
    /// it is not among [`Tilstand::tillatte_handlinger`].
    pub fn utfoer(&self, handling: Handling) -> Result<Overgang, UlovligOvergang> {
        let ulovlig = UlovligOvergang { fra: self.status, handling };
        let (status, utfall) = match (self.status, handling) {
            (Status::MottattHosStatsforvalter, Handling::SendTilKommunen) => (Status::ForberedendeBehandling, None),
            (Status::ForberedendeBehandling, Handling::GiMedhold) => (Status::MedholdHosKommunen, None),
            (Status::ForberedendeBehandling, Handling::Avvis) => (Status::AvvistAvKommunen, None),
            (Status::ForberedendeBehandling, Handling::Oversend { .. }) => (Status::UnderVurdering, None),
            (Status::AvvistAvKommunen, Handling::KlagPaaAvvisning) => (Status::UnderVurdering, None),
            (Status::UnderVurdering, Handling::BeOmOpplysninger) => (Status::VenterPaaKommunen, None),
            (Status::VenterPaaKommunen, Handling::SvarPaaOpplysninger) => (Status::UnderVurdering, None),
            // A withdrawal is not a decision: "trukket" comes only from `Trekk`.
            (Status::UnderVurdering, Handling::ForeslaaVedtak { utfall }) if AVGJOERBARE_UTFALL.contains(&utfall) => {
                (Status::TilGodkjenning, Some(utfall))
            }
            (Status::TilGodkjenning, Handling::Godkjenn) if self.er_gyldig() => (Status::Avgjort, self.utfall),
            (Status::TilGodkjenning, Handling::SendTilbake) => (Status::UnderVurdering, None),
            // Once the case has reached Statsforvalteren, a withdrawal is how the governor's
            // case ends, and it is counted among the governor's outcomes.
            (
                Status::MottattHosStatsforvalter | Status::UnderVurdering | Status::VenterPaaKommunen | Status::TilGodkjenning,
                Handling::Trekk,
            ) => (Status::Avgjort, Some(Utfall::Trukket)),
            // Before that, it never becomes a case at the governor's.
            (Status::ForberedendeBehandling, Handling::Trekk) => (Status::TrukketHosKommunen, None),
            _ => return Err(ulovlig),
        };
        let til = Tilstand { status, utfall };
        Ok(Overgang { fra: *self, til, naar_statsforvalteren: til.status.hos_statsforvalteren() && !self.status.hos_statsforvalteren() })
    }
}

/// One step taken: where the case was, where it is now, and whether this step is the one that
/// brings it to Statsforvalteren (which is when the governor registers it and the one-month
/// and three-month clocks start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overgang {
    /// The state before the step.
    pub fra: Tilstand,
    /// The state after the step; always valid.
    pub til: Tilstand,
    /// This step moves the case from the municipality to Statsforvalteren:
    /// `til.status.hos_statsforvalteren() && !fra.status.hos_statsforvalteren()`.
    pub naar_statsforvalteren: bool,
}

/// A step that is not allowed from the case's status. What the user sees is
/// [`UlovligOvergang::melding`]; the `Display` text is the bokmål one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("«{}» er ikke mulig når saken har status «{}».", .handling.navn(Sprak::Nb), .fra.navn(Sprak::Nb))]
pub struct UlovligOvergang {
    /// The status the step was tried from.
    pub fra: Status,
    /// The step that was refused.
    pub handling: Handling,
}

impl UlovligOvergang {
    /// The message shown to the user, in bokmål or nynorsk.
    pub fn melding(&self, sprak: Sprak) -> String {
        let handling = self.handling.navn(sprak);
        let status = self.fra.navn(sprak);
        match sprak {
            Sprak::Nb => format!("«{handling}» er ikke mulig når saken har status «{status}»."),
            Sprak::Nn => {
                format!("«{handling}» er ikkje mogleg når saka har status «{status}».")
            }
        }
    }
}

#[cfg(test)]
mod tests;
