//! A case's history: the steps its path takes through the state machine, as days after
//! receipt ([`Plan`]), and their dates ([`tidslinje`]), cut off at the reference day and kept
//! after the slide's period where the order asks for it.

use chrono::NaiveDate;

use super::bestilling::{Bestilling, Forloep, Slutt, Tidfesting};
use super::kalender::{dato, minus, pluss, virkedag_fram};
use super::lysbilde::lysbildets_slutt;
use super::referansedag;
use super::tilfeldig::Tilfeldig;
use crate::domain::status::Handling;

/// Days from a proposed decision to the leder's approval.
const GODKJENNING_DAGER: u64 = 3;

/// The steps of a path, as days after receipt. `avgjoerelse` marks the governor's closing step
/// (a decision or a withdrawal at the governor), the one the statistics count.
#[derive(Default)]
struct Plan {
    steg: Vec<(Handling, u64)>,
    dager: u64,
    avgjoerelse: Option<usize>,
}

impl Plan {
    fn legg_til(&mut self, rng: &mut Tilfeldig, handling: Handling, fra: u64, til: u64) {
        self.dager += rng.tall(fra, til);
        self.steg.push((handling, self.dager));
    }

    fn avgjoer(&mut self, rng: &mut Tilfeldig, handling: Handling, fra: u64, til: u64) {
        self.legg_til(rng, handling, fra, til);
        self.avgjoerelse = Some(self.steg.len() - 1);
    }

    /// The longest path is well under 300 days, so a case received before 2026 is always
    /// closed by the reference day and the open cases are recent.
    fn ny(rng: &mut Tilfeldig, forloep: Forloep, via_statsforvalteren: bool) -> Plan {
        let mut plan = Plan::default();
        if via_statsforvalteren {
            match forloep {
                Forloep::IkkeSendtVidere => return plan,
                Forloep::TrukketFoerOversending => {
                    plan.avgjoer(rng, Handling::Trekk, 2, 10);
                    return plan;
                }
                _ => plan.legg_til(rng, Handling::SendTilKommunen, 2, 12),
            }
        }
        match forloep {
            Forloep::IkkeSendtVidere | Forloep::TrukketFoerOversending => {}
            Forloep::Medhold => plan.legg_til(rng, Handling::GiMedhold, 10, 60),
            Forloep::AvvistAvKommunen(_) => plan.legg_til(rng, Handling::Avvis, 7, 35),
            Forloep::TrukketHosKommunen => plan.legg_til(rng, Handling::Trekk, 7, 50),
            Forloep::AvvisningPaaklaget(_, slutt) => {
                plan.legg_til(rng, Handling::Avvis, 7, 35);
                plan.legg_til(rng, Handling::KlagPaaAvvisning, 10, 30);
                plan.hos_statsforvalteren(rng, false, slutt);
            }
            Forloep::Oversendt { delvis_medhold, opplysninger, slutt } => {
                plan.legg_til(rng, Handling::Oversend { delvis_medhold }, 14, 70);
                plan.hos_statsforvalteren(rng, opplysninger, slutt);
            }
        }
        plan
    }

    fn hos_statsforvalteren(&mut self, rng: &mut Tilfeldig, opplysninger: bool, slutt: Slutt) {
        let opplysninger = opplysninger || slutt == Slutt::VenterPaaKommunen;
        if opplysninger {
            self.legg_til(rng, Handling::BeOmOpplysninger, 10, 35);
            if slutt == Slutt::VenterPaaKommunen {
                return;
            }
            if slutt == Slutt::Trekk && rng.sjanse(30) {
                self.avgjoer(rng, Handling::Trekk, 5, 30);
                return;
            }
            self.legg_til(rng, Handling::SvarPaaOpplysninger, 10, 40);
        }
        // Most within three months, a long tail beyond.
        let (fra, til) = if !opplysninger && rng.sjanse(15) { (100, 150) } else { (20, 100) };
        match slutt {
            Slutt::Avgjoer(utfall) => {
                // The case officer proposes; a leder approves a few days later, and that day
                // is the decision date. No random draw here, so the rest of the data stays the
                // same whatever the approval takes.
                self.legg_til(rng, Handling::ForeslaaVedtak { utfall }, fra, til);
                self.dager += GODKJENNING_DAGER;
                self.steg.push((Handling::Godkjenn, self.dager));
                self.avgjoerelse = Some(self.steg.len() - 1);
            }
            Slutt::Trekk => self.avgjoer(rng, Handling::Trekk, 10, 80),
            Slutt::UnderVurdering | Slutt::VenterPaaKommunen => {}
        }
    }
}

/// The receipt date and the dated steps, cut off at the reference day: a case whose next step
/// would come later is open, wherever it has got to.
pub(super) fn tidslinje(rng: &mut Tilfeldig, b: &Bestilling) -> (NaiveDate, Vec<(Handling, NaiveDate)>) {
    let (plan, mut start) = loop {
        let plan = Plan::ny(rng, b.forloep, b.via_statsforvalteren);
        let start = match b.tid {
            Tidfesting::Mottatt(mottatt) => mottatt,
            Tidfesting::Avgjort(avgjort) => {
                let i = plan.avgjoerelse.expect("a fixed decision date needs a decision");
                minus(avgjort, plan.steg[i].1)
            }
        };
        // The demo begins in 2020: try a shorter path if this one would start before it.
        if start >= dato(2020, 1, 2) {
            break (plan, start);
        }
    };
    if b.etter_lysbildet {
        if let Some(i) = plan.avgjoerelse {
            let raa = pluss(start, plan.steg[i].1);
            if raa <= lysbildets_slutt() {
                let skyv = (lysbildets_slutt() - raa).num_days().unsigned_abs() + 1 + rng.tall(0, 25);
                start = pluss(start, skyv);
            }
        }
    }
    // Moving to the next working day keeps the order, and keeps a fixed decision day (itself
    // a working day) where it is.
    let steg = plan
        .steg
        .iter()
        .map(|&(handling, dager)| (handling, virkedag_fram(pluss(start, dager))))
        .take_while(|&(_, dag)| dag <= referansedag())
        .collect();
    (virkedag_fram(start), steg)
}
