//! The orders of cases to generate: for each case its municipality, its timing and the path it
//! takes (ended at the municipality, decided by the governor, withdrawn, still open), drawn by
//! period so that the mix over the years looks like the field's. The slide's own orders are in
//! [`super::lysbilde`].

use chrono::NaiveDate;

use super::kalender::{dag_i, dato, minus};
use super::referansedag;
use super::tilfeldig::Tilfeldig;
use crate::domain::kode::Utfall;
use crate::domain::referanse::{self, Kommune};

/// How a case that reaches the governor ends (or where it stands on the reference day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slutt {
    Avgjoer(Utfall),
    Trekk,
    /// Still under assessment: no decision planned.
    UnderVurdering,
    /// The governor has asked the municipality for information and no answer has come.
    VenterPaaKommunen,
}

/// Why a complaint is rejected on formal grounds, by the municipality or the governor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Avvisningsgrunn {
    /// After the klagefrist, and no reason to hear it anyway (fvl § 31).
    ForSent,
    /// More than a year after the decision (fvl § 31 third paragraph).
    OverEttAar,
    /// The municipality says there is no decision to complain about (an omission).
    IkkeVedtak,
    /// A relative complains without the adult patient's authority.
    IkkeKlagerett,
}

/// The path a case takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Forloep {
    /// Arrived at the governor and not yet sent to the municipality.
    IkkeSendtVidere,
    /// Arrived at the governor and withdrawn before it was sent on.
    TrukketFoerOversending,
    Medhold,
    AvvistAvKommunen(Avvisningsgrunn),
    TrukketHosKommunen,
    AvvisningPaaklaget(Avvisningsgrunn, Slutt),
    Oversendt {
        delvis_medhold: bool,
        opplysninger: bool,
        slutt: Slutt,
    },
}

impl Forloep {
    pub(super) fn slutt(self) -> Option<Slutt> {
        match self {
            Forloep::AvvisningPaaklaget(_, slutt) | Forloep::Oversendt { slutt, .. } => Some(slutt),
            _ => None,
        }
    }

    pub(super) fn avvisningsgrunn(self) -> Option<Avvisningsgrunn> {
        match self {
            Forloep::AvvistAvKommunen(grunn) | Forloep::AvvisningPaaklaget(grunn, _) => Some(grunn),
            _ => None,
        }
    }
}

/// When a case happens: from its receipt date, or backwards from a fixed decision date.
#[derive(Clone, Copy, Debug)]
pub(super) enum Tidfesting {
    Mottatt(NaiveDate),
    Avgjort(NaiveDate),
}

/// What to generate: the case's municipality, timing and path.
pub(super) struct Bestilling {
    pub(super) kommune: &'static Kommune,
    pub(super) tid: Tidfesting,
    pub(super) forloep: Forloep,
    pub(super) via_statsforvalteren: bool,
    /// A governor's decision must fall after the slide's period (see the module doc).
    pub(super) etter_lysbildet: bool,
}

/// Municipalities weighted by population to the power ¾ (computed in integers, so it is the
/// same everywhere): big places get more complaints, small ones still get some.
pub(super) fn velg_kommune(rng: &mut Tilfeldig, statsforvalter: Option<&str>) -> &'static Kommune {
    let kandidater: Vec<(&'static Kommune, u64)> = referanse::kommuner()
        .iter()
        .filter(|k| statsforvalter.is_none_or(|s| k.statsforvalter == s))
        .map(|k| {
            let folk = u64::from(k.innbyggere.max(1));
            (k, folk.isqrt() * folk.isqrt().isqrt())
        })
        .collect();
    rng.vektet(&kandidater)
}

fn avvisningsgrunn(rng: &mut Tilfeldig) -> Avvisningsgrunn {
    rng.vektet(&[
        (Avvisningsgrunn::ForSent, 42),
        (Avvisningsgrunn::IkkeVedtak, 35),
        (Avvisningsgrunn::IkkeKlagerett, 14),
        (Avvisningsgrunn::OverEttAar, 9),
    ])
}

/// Before mid-2023 few complaints reached the governors (the slide's 27); the rest ended at
/// the municipality, and these are they.
pub(super) fn kommunale_saker_foer_2023(rng: &mut Tilfeldig) -> Vec<Bestilling> {
    let perioder = [
        (dato(2020, 1, 1), dato(2020, 12, 31), 11),
        (dato(2021, 1, 1), dato(2021, 12, 31), 13),
        (dato(2022, 1, 1), dato(2022, 12, 31), 14),
        (dato(2023, 1, 1), dato(2023, 5, 31), 10),
    ];
    let mut bestillinger = Vec::new();
    for (fra, til, antall) in perioder {
        for _ in 0..antall {
            let forloep = match rng.vektet(&[(0, 55), (1, 25), (2, 20)]) {
                0 => Forloep::Medhold,
                1 => Forloep::AvvistAvKommunen(avvisningsgrunn(rng)),
                _ => Forloep::TrukketHosKommunen,
            };
            bestillinger.push(Bestilling {
                kommune: velg_kommune(rng, None),
                tid: Tidfesting::Mottatt(dag_i(rng, fra, til)),
                forloep,
                via_statsforvalteren: rng.sjanse(9),
                etter_lysbildet: true,
            });
        }
    }
    bestillinger
}

fn utfall_ved_oversending(rng: &mut Tilfeldig) -> Slutt {
    rng.vektet(&[
        (Slutt::Avgjoer(Utfall::Stadfestet), 47),
        (Slutt::Avgjoer(Utfall::Endret), 24),
        (Slutt::Avgjoer(Utfall::Opphevet), 11),
        (Slutt::Avgjoer(Utfall::Avvist), 7),
        (Slutt::Trekk, 8),
    ])
}

fn utfall_ved_paaklaget_avvisning(rng: &mut Tilfeldig, grunn: Avvisningsgrunn) -> Slutt {
    if rng.sjanse(5) {
        return Slutt::Trekk;
    }
    let opphevet = match grunn {
        // Complaining that a right is not met needs no formal decision to complain about.
        Avvisningsgrunn::IkkeVedtak => 80,
        Avvisningsgrunn::ForSent => 35,
        Avvisningsgrunn::IkkeKlagerett => 40,
        // The one-year limit is absolute.
        Avvisningsgrunn::OverEttAar => 0,
    };
    if rng.sjanse(opphevet) {
        Slutt::Avgjoer(Utfall::Opphevet)
    } else {
        Slutt::Avgjoer(Utfall::Stadfestet)
    }
}

/// From mid-2023 on, rising year by year; every governor decision after the slide's period.
/// Those received near the reference day are still open, wherever their path has got to.
pub(super) fn saker_fra_2023(rng: &mut Tilfeldig) -> Vec<Bestilling> {
    let perioder = [
        (dato(2023, 6, 1), dato(2023, 12, 31), 28),
        (dato(2024, 1, 1), dato(2024, 12, 31), 82),
        (dato(2025, 1, 1), dato(2025, 12, 31), 105),
        (dato(2026, 1, 1), referansedag(), 100),
    ];
    let mut bestillinger = Vec::new();
    for (fra, til, antall) in perioder {
        for _ in 0..antall {
            let via_statsforvalteren = rng.sjanse(9);
            let forloep = if via_statsforvalteren && rng.sjanse(4) {
                Forloep::TrukketFoerOversending
            } else {
                match rng.vektet(&[(0, 11), (1, 4), (2, 4), (3, 3), (4, 78)]) {
                    0 => Forloep::Medhold,
                    1 => Forloep::AvvistAvKommunen(avvisningsgrunn(rng)),
                    2 => Forloep::TrukketHosKommunen,
                    3 => {
                        let grunn = avvisningsgrunn(rng);
                        Forloep::AvvisningPaaklaget(grunn, utfall_ved_paaklaget_avvisning(rng, grunn))
                    }
                    _ => Forloep::Oversendt {
                        delvis_medhold: rng.sjanse(12),
                        opplysninger: rng.sjanse(22),
                        slutt: utfall_ved_oversending(rng),
                    },
                }
            };
            bestillinger.push(Bestilling {
                kommune: velg_kommune(rng, None),
                tid: Tidfesting::Mottatt(dag_i(rng, fra, til)),
                forloep,
                via_statsforvalteren,
                etter_lysbildet: true,
            });
        }
    }
    bestillinger
}

/// Open cases that chance might not give: complaints just arrived at the governor, cases at
/// the governor past the three-month target, and cases waiting for the municipality's answer.
pub(super) fn aapne_saker(rng: &mut Tilfeldig) -> Vec<Bestilling> {
    let idag = referansedag();
    let mut bestillinger = Vec::new();
    let mut legg_til = |rng: &mut Tilfeldig, fra, til, forloep, via_statsforvalteren| {
        bestillinger.push(Bestilling {
            kommune: velg_kommune(rng, None),
            tid: Tidfesting::Mottatt(dag_i(rng, fra, til)),
            forloep,
            via_statsforvalteren,
            etter_lysbildet: true,
        });
    };
    for _ in 0..3 {
        legg_til(rng, minus(idag, 8), idag, Forloep::IkkeSendtVidere, true);
    }
    for _ in 0..3 {
        let forloep = Forloep::Oversendt { delvis_medhold: false, opplysninger: false, slutt: Slutt::UnderVurdering };
        legg_til(rng, dato(2026, 2, 1), dato(2026, 4, 30), forloep, false);
    }
    for _ in 0..2 {
        let forloep = Forloep::Oversendt { delvis_medhold: false, opplysninger: true, slutt: Slutt::VenterPaaKommunen };
        legg_til(rng, dato(2026, 7, 1), dato(2026, 8, 20), forloep, false);
    }
    bestillinger
}
