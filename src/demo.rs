//! Demo data: about 400 fictional complaints, the same every time.
//!
//! The cases are meant for showing and testing the app, so they have to look like the field:
//! complaints from all ten offices and many municipalities (more where more people live), the
//! rights and categories people actually complain about, a plausible mix of complainants, late
//! complaints and complaints about omissions, every status and every outcome, and open cases
//! that are recent. Every name is obviously made up and every fødselsnummer is a synthetic one
//! (month + 80, [`Fodselsnummer::syntetisk`]), so nothing here can point at a real person.
//!
//! The data also reproduce the field's slide exactly: for 01.01.2020 – 19.09.2023 the national
//! overview says "27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet
//! klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet." Those 27 decisions come from a
//! fixed table (`LYSBILDET`); every other decision by a governor is dated after 19.09.2023, so
//! the overview for that period shows the slide's figures and nothing else.
//!
//! Nothing reads the clock: all dates are relative to [`referansedag`], and the randomness is a
//! small SplitMix64 with fixed seeds, so [`generer`] returns the same cases on every call, on
//! every machine.
//!
//! A case is registered with its form ([`DemoSak::skjema`]) and then moved on by each step in
//! [`DemoSak::steg`], in order, through the state machine ([`Tilstand::utfoer`]). The steps'
//! dates never go backwards, never precede the receipt date and never pass the reference day.
//!
//! [`Tilstand::utfoer`]: crate::domain::status::Tilstand::utfoer

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::domain::fnr::Fodselsnummer;
use crate::domain::frist;
use crate::domain::klage::KlageSkjema;
use crate::domain::kode::{Aldersgruppe, Kategori, KlagerType, Mottaker, Rettighet, Utfall};
use crate::domain::referanse::{self, Kommune};
use crate::domain::status::Handling;

/// One step on a demo case: what is done, the day it is done, and the note that goes with it
/// (the municipality's statement, what the governor asks for, the reason for a decision).
///
/// The very type the registry uses for a case's history, so the loader can pass steps on as
/// they are.
pub use crate::domain::klage::Steg;

/// The fixed reference day all demo dates are relative to (never the clock): Saturday
/// 31 October 2026. No date in the demo data is later.
pub fn referansedag() -> NaiveDate {
    dato(2026, 10, 31)
}

/// One demo complaint: the registration form as a case officer would fill it in, and the steps
/// taken on the case afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSak {
    /// The form. `mottaker` says where the complaint arrived and `mottatt_dato` when.
    pub skjema: KlageSkjema,
    /// The steps, in the order they are taken, with non-decreasing dates.
    pub steg: Vec<Steg>,
}

/// Days from a decision set aside (`opphevet`) to the municipality's new decision.
const NYTT_VEDTAK_DAGER: u64 = 42;

/// When the municipality made its new decision after the governor set a decision aside on
/// `avgjort`, with what it decided: six weeks later, if that is by the reference day.
pub fn nytt_vedtak(avgjort: NaiveDate) -> Option<(NaiveDate, &'static str)> {
    let dato = virkedag_fram(avgjort + Days::new(NYTT_VEDTAK_DAGER));
    (dato <= referansedag()).then_some((dato, "Kommunen har behandlet saken på nytt og fattet nytt vedtak."))
}

/// Every demo case, sorted by receipt date. Deterministic: the same output on every call.
pub fn generer() -> Vec<DemoSak> {
    let mut rng = Tilfeldig::ny(FROE);
    let mut bestillinger = lysbildets_saker(&mut rng);
    bestillinger.extend(kommunale_saker_foer_2023(&mut rng));
    bestillinger.extend(saker_fra_2023(&mut rng));
    bestillinger.extend(aapne_saker(&mut rng));
    let mut saker: Vec<DemoSak> = bestillinger
        .iter()
        .zip(0u64..)
        .map(|(bestilling, nr)| {
            // Each case its own stream, so one case's content does not shift the next one's.
            let mut rng = Tilfeldig::ny(FROE ^ (nr + 1).wrapping_mul(0xa076_1d64_78bd_642f));
            lag_sak(&mut rng, bestilling)
        })
        .collect();
    // ISO dates sort as text; the sort is stable, so equal days keep their order.
    saker.sort_by(|a, b| a.skjema.mottatt_dato.cmp(&b.skjema.mottatt_dato));
    saker
}

/// The seed: "KLAGESAK" in ASCII.
const FROE: u64 = 0x4b4c_4147_4553_414b;

fn dato(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(aar, maaned, dag).expect("a valid date")
}

/// The last day of the period on the field's slide ("Landsoversikt 2020 – 19.09.2023").
fn lysbildets_slutt() -> NaiveDate {
    dato(2023, 9, 19)
}

/// One of the slide's decisions.
struct Lysbildesak {
    /// The office that decided.
    kontor: &'static str,
    /// The day the decision was sent: year, month, day.
    avgjort: (i32, u32, u32),
    utfall: Utfall,
    /// The case was an appeal of the municipality's rejection.
    paaklaget_avvisning: bool,
}

/// Shorthand for the table below.
const fn l(kontor: &'static str, avgjort: (i32, u32, u32), utfall: Utfall, paaklaget_avvisning: bool) -> Lysbildesak {
    Lysbildesak { kontor, avgjort, utfall, paaklaget_avvisning }
}

/// The decisions behind the slide: 11 in 2020–2021 and 16 in 2022–2023, from 8 of the 10
/// offices (none from Agder or Troms og Finnmark); 15 stadfestet, 9 endret, 3 opphevet. Every
/// date is a working day.
const LYSBILDET: [Lysbildesak; 27] = [
    l("ostfold-buskerud-oslo-akershus", (2020, 3, 12), Utfall::Stadfestet, false),
    l("vestland", (2020, 6, 16), Utfall::Endret, false),
    l("trondelag", (2020, 9, 4), Utfall::Stadfestet, false),
    l("rogaland", (2020, 11, 23), Utfall::Stadfestet, false),
    l("ostfold-buskerud-oslo-akershus", (2020, 12, 16), Utfall::Opphevet, true),
    l("more-og-romsdal", (2021, 2, 9), Utfall::Stadfestet, false),
    l("innlandet", (2021, 4, 22), Utfall::Endret, false),
    l("ostfold-buskerud-oslo-akershus", (2021, 6, 7), Utfall::Stadfestet, false),
    l("vestland", (2021, 9, 1), Utfall::Stadfestet, false),
    l("nordland", (2021, 10, 22), Utfall::Endret, false),
    l("vestfold-og-telemark", (2021, 12, 14), Utfall::Stadfestet, false),
    l("ostfold-buskerud-oslo-akershus", (2022, 1, 25), Utfall::Stadfestet, false),
    l("trondelag", (2022, 3, 16), Utfall::Endret, false),
    l("rogaland", (2022, 5, 9), Utfall::Stadfestet, false),
    l("vestland", (2022, 6, 23), Utfall::Opphevet, false),
    l("ostfold-buskerud-oslo-akershus", (2022, 9, 6), Utfall::Endret, false),
    l("more-og-romsdal", (2022, 10, 21), Utfall::Stadfestet, false),
    l("innlandet", (2022, 11, 28), Utfall::Stadfestet, true),
    l("vestfold-og-telemark", (2023, 1, 11), Utfall::Endret, false),
    l("ostfold-buskerud-oslo-akershus", (2023, 2, 14), Utfall::Stadfestet, false),
    l("nordland", (2023, 3, 23), Utfall::Stadfestet, false),
    l("trondelag", (2023, 4, 25), Utfall::Endret, false),
    l("vestland", (2023, 5, 31), Utfall::Stadfestet, false),
    l("rogaland", (2023, 6, 16), Utfall::Endret, false),
    l("ostfold-buskerud-oslo-akershus", (2023, 8, 7), Utfall::Stadfestet, false),
    l("innlandet", (2023, 8, 29), Utfall::Opphevet, false),
    l("vestland", (2023, 9, 12), Utfall::Endret, false),
];

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64 (Steele, Lea and Flood): tiny, fast and the same on every platform.
struct Tilfeldig(u64);

impl Tilfeldig {
    fn ny(froe: u64) -> Tilfeldig {
        Tilfeldig(froe)
    }

    fn neste(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lav..=hoey`. The modulo bias is far below anything a demo can show.
    fn tall(&mut self, lav: u64, hoey: u64) -> u64 {
        lav + self.neste() % (hoey - lav + 1)
    }

    fn sjanse(&mut self, prosent: u64) -> bool {
        self.neste() % 100 < prosent
    }

    fn en_av<T: Copy>(&mut self, valg: &[T]) -> T {
        valg[(self.neste() % valg.len() as u64) as usize]
    }

    fn vektet<T: Copy>(&mut self, valg: &[(T, u64)]) -> T {
        let sum: u64 = valg.iter().map(|(_, vekt)| vekt).sum();
        let mut trekk = self.neste() % sum;
        for &(verdi, vekt) in valg {
            if trekk < vekt {
                return verdi;
            }
            trekk -= vekt;
        }
        valg[valg.len() - 1].0
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

fn pluss(d: NaiveDate, dager: u64) -> NaiveDate {
    d + Days::new(dager)
}

fn minus(d: NaiveDate, dager: u64) -> NaiveDate {
    d - Days::new(dager)
}

/// Letters are received and sent on working days.
fn virkedag_fram(d: NaiveDate) -> NaiveDate {
    frist::forskyv_til_virkedag(d)
}

fn virkedag_tilbake(d: NaiveDate) -> NaiveDate {
    let mut dag = d;
    while !frist::er_virkedag(dag) {
        dag = dag.pred_opt().expect("a date after the beginning of time");
    }
    dag
}

/// A working day in `fra..=til`, with fewer in July (the fellesferie).
fn dag_i(rng: &mut Tilfeldig, fra: NaiveDate, til: NaiveDate) -> NaiveDate {
    let spenn = (til - fra).num_days().unsigned_abs();
    loop {
        let dag = pluss(fra, rng.tall(0, spenn));
        if dag.month() == 7 && rng.sjanse(60) {
            continue;
        }
        let fram = virkedag_fram(dag);
        return if fram <= til { fram } else { virkedag_tilbake(dag) };
    }
}

/// Age in whole years on a day, counted as the form counts it.
fn alder(foedt: NaiveDate, dag: NaiveDate) -> u32 {
    let mut aar = dag.year() - foedt.year();
    if (dag.month(), dag.day()) < (foedt.month(), foedt.day()) {
        aar -= 1;
    }
    aar.unsigned_abs()
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

// ---------------------------------------------------------------------------------------------
// What happens to a case

/// How a case that reaches the governor ends (or where it stands on the reference day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slutt {
    Avgjoer(Utfall),
    Trekk,
    /// Still under assessment: no decision planned.
    UnderVurdering,
    /// The governor has asked the municipality for information and no answer has come.
    VenterPaaKommunen,
}

/// Why a complaint is rejected on formal grounds, by the municipality or the governor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Avvisningsgrunn {
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
enum Forloep {
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
    fn slutt(self) -> Option<Slutt> {
        match self {
            Forloep::AvvisningPaaklaget(_, slutt) | Forloep::Oversendt { slutt, .. } => Some(slutt),
            _ => None,
        }
    }

    fn avvisningsgrunn(self) -> Option<Avvisningsgrunn> {
        match self {
            Forloep::AvvistAvKommunen(grunn) | Forloep::AvvisningPaaklaget(grunn, _) => Some(grunn),
            _ => None,
        }
    }
}

/// When a case happens: from its receipt date, or backwards from a fixed decision date.
#[derive(Clone, Copy, Debug)]
enum Tidfesting {
    Mottatt(NaiveDate),
    Avgjort(NaiveDate),
}

/// What to generate: the case's municipality, timing and path.
struct Bestilling {
    kommune: &'static Kommune,
    tid: Tidfesting,
    forloep: Forloep,
    via_statsforvalteren: bool,
    /// A governor's decision must fall after the slide's period (see the module doc).
    etter_lysbildet: bool,
}

/// Municipalities weighted by population to the power ¾ (computed in integers, so it is the
/// same everywhere): big places get more complaints, small ones still get some.
fn velg_kommune(rng: &mut Tilfeldig, statsforvalter: Option<&str>) -> &'static Kommune {
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

fn lysbildets_saker(rng: &mut Tilfeldig) -> Vec<Bestilling> {
    LYSBILDET
        .iter()
        .map(|sak| {
            let Lysbildesak { kontor, avgjort: (aar, maaned, dag), utfall, paaklaget_avvisning } = *sak;
            let forloep = if paaklaget_avvisning {
                // Quashed: the omission needed no formal decision. Upheld: it really was late.
                let grunn = if utfall == Utfall::Opphevet { Avvisningsgrunn::IkkeVedtak } else { Avvisningsgrunn::ForSent };
                Forloep::AvvisningPaaklaget(grunn, Slutt::Avgjoer(utfall))
            } else {
                Forloep::Oversendt { delvis_medhold: rng.sjanse(12), opplysninger: rng.sjanse(25), slutt: Slutt::Avgjoer(utfall) }
            };
            Bestilling {
                kommune: velg_kommune(rng, Some(kontor)),
                tid: Tidfesting::Avgjort(dato(aar, maaned, dag)),
                forloep,
                via_statsforvalteren: rng.sjanse(8),
                etter_lysbildet: false,
            }
        })
        .collect()
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
fn kommunale_saker_foer_2023(rng: &mut Tilfeldig) -> Vec<Bestilling> {
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
fn saker_fra_2023(rng: &mut Tilfeldig) -> Vec<Bestilling> {
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
fn aapne_saker(rng: &mut Tilfeldig) -> Vec<Bestilling> {
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

// ---------------------------------------------------------------------------------------------
// Who complains, and about what

/// How the complaint's dates relate to the deadlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fristprofil {
    /// About an omission: no decision, no deadline.
    Unnlatelse,
    ITide,
    /// After the klagefrist, within the year.
    Sen,
    OverEttAar,
}

/// The words a summary and the notes are built from.
struct Fletting {
    /// Who complains, as a sentence's subject ("Mor", "Klager", "Vergen").
    subjekt: &'static str,
    /// For whom, after "søkt om individuell plan" (" for sønnen", " på hennes vegne").
    for_hvem: &'static str,
    /// The person the plan is for: "han"/"hun", "ham"/"henne", "hans"/"hennes".
    han: &'static str,
    ham: &'static str,
    hans: &'static str,
    /// The services involved ("fastlege, BUP, PPT og skolen").
    instanser: &'static str,
    /// What the plan leaves out ("skole og fritid").
    tema: &'static str,
    /// A number of months something has dragged on.
    maaneder: u64,
    /// The year a plan was made.
    planaar: i32,
}

impl Fletting {
    fn flett(&self, mal: &str) -> String {
        let tekst = mal
            .replace("{S}", self.subjekt)
            .replace("{s}", &smaa_forbokstav(self.subjekt))
            .replace("{for}", self.for_hvem)
            .replace("{han}", self.han)
            .replace("{ham}", self.ham)
            .replace("{hans}", self.hans)
            .replace("{instanser}", self.instanser)
            .replace("{tema}", self.tema)
            .replace("{n}", &self.maaneder.to_string())
            .replace("{aar}", &self.planaar.to_string());
        stor_forbokstav(&tekst)
    }
}

fn stor_forbokstav(tekst: &str) -> String {
    let mut tegn = tekst.chars();
    match tegn.next() {
        Some(foerste) => foerste.to_uppercase().chain(tegn).collect(),
        None => String::new(),
    }
}

/// "Klager" stays "klager" mid-sentence; so do all our subjects, which are common nouns.
fn smaa_forbokstav(tekst: &str) -> String {
    let mut tegn = tekst.chars();
    match tegn.next() {
        Some(foerste) => foerste.to_lowercase().chain(tegn).collect(),
        None => String::new(),
    }
}

/// Everything about a case that its texts depend on.
struct Innhold {
    hovedkategori: Kategori,
    profil: Fristprofil,
    barnekoordinator: bool,
    grunn: Option<Avvisningsgrunn>,
    paaklaget_avvisning: bool,
    fletting: Fletting,
}

/// Surnames no real family has. The "-datter" ones only for women and girls, as in life.
const ETTERNAVN: [&str; 6] = ["Testesen", "Demosen", "Fiktivsen", "Eksempelsen", "Prøvesen", "Oppdiktsen"];
const ETTERNAVN_KVINNE: [&str; 5] = ["Testdatter", "Demodatter", "Fiktivdatter", "Eksempeldatter", "Prøvedatter"];
const GUTTENAVN: [&str; 12] = ["Jonas", "Emil", "Lukas", "Filip", "Aksel", "Noah", "Magnus", "Oskar", "Isak", "Elias", "Tobias", "Sander"];
const JENTENAVN: [&str; 12] = ["Nora", "Emma", "Ella", "Sofie", "Maja", "Ingrid", "Sara", "Olivia", "Leah", "Frida", "Tiril", "Vilde"];
const MANNSNAVN: [&str; 10] = ["Thomas", "Kristian", "Martin", "Anders", "Stian", "Geir", "Espen", "Morten", "Lars", "Trond"];
const KVINNENAVN: [&str; 10] = ["Anne", "Hilde", "Silje", "Ida", "Camilla", "Hanne", "Kari", "Linda", "Marianne", "Tone"];
const ELDRE_MANNSNAVN: [&str; 10] = ["Arne", "Knut", "Per", "Kjell", "Odd", "Svein", "Rolf", "Harald", "Egil", "Leif"];
const ELDRE_KVINNENAVN: [&str; 10] = ["Randi", "Berit", "Solveig", "Gerd", "Astrid", "Eva", "Bjørg", "Inger", "Marit", "Liv"];

const DIAGNOSER_BARN: [&str; 6] = [
    "autismespekterforstyrrelse",
    "ADHD og språkvansker",
    "diabetes type 1 og angst",
    "store psykiske vansker",
    "lett psykisk utviklingshemming",
    "Tourettes syndrom og lærevansker",
];
/// Serious enough for the barnekoordinator right (pbrl § 2-5 c): alvorlig sykdom, skade eller
/// nedsatt funksjonsevne.
const DIAGNOSER_BARN_ALVORLIG: [&str; 7] = [
    "cerebral parese",
    "Downs syndrom og hjertefeil",
    "en sjelden genetisk tilstand",
    "alvorlig epilepsi",
    "en medfødt muskelsykdom",
    "kreft under behandling",
    "en ervervet hjerneskade etter en ulykke",
];
const DIAGNOSER_UNG_VOKSEN: [&str; 8] = [
    "schizofreni",
    "rusavhengighet og psykisk lidelse",
    "psykisk utviklingshemming",
    "autisme",
    "alvorlig depresjon og angst",
    "ryggmargsskade etter en ulykke",
    "cerebral parese",
    "en hodeskade etter en trafikkulykke",
];
const DIAGNOSER_VOKSEN: [&str; 9] = [
    "schizofreni",
    "rusavhengighet og psykisk lidelse",
    "multippel sklerose",
    "ervervet hjerneskade etter hjerneslag",
    "psykisk utviklingshemming",
    "autisme",
    "ALS",
    "alvorlig depresjon og angst",
    "ryggmargsskade etter en ulykke",
];
/// For the elderly; those who complain themselves seldom have dementia.
const DIAGNOSER_ELDRE: [&str; 4] = ["Parkinsons sykdom", "lammelser etter hjerneslag", "KOLS og hjertesvikt", "kreft med spredning"];
const DIAGNOSER_DEMENS: [&str; 3] = ["demens", "demens og diabetes", "Alzheimers sykdom"];

fn primaerkategori(rng: &mut Tilfeldig, unnlatelse: bool, koordinator_mulig: bool) -> Kategori {
    let koordinator = if koordinator_mulig { 20 } else { 6 };
    if unnlatelse {
        rng.vektet(&[
            (Kategori::PlanarbeidDrarUt, 35),
            (Kategori::IkkeFulgtOpp, 30),
            (Kategori::IkkeKoordinator, koordinator),
            (Kategori::OppnevningKoordinator, 10),
            (Kategori::ManglendeMedvirkning, 5),
        ])
    } else {
        rng.vektet(&[
            (Kategori::IkkeIp, 36),
            (Kategori::IkkeKoordinator, koordinator),
            (Kategori::MangelfulltInnhold, 18),
            (Kategori::OppnevningKoordinator, 10),
            (Kategori::ManglendeMedvirkning, 8),
        ])
    }
}

/// Categories that go well with the main one in the same complaint.
fn tilleggskategorier(hoved: Kategori) -> &'static [Kategori] {
    use Kategori as K;
    match hoved {
        K::IkkeIp => &[K::IkkeKoordinator, K::ManglendeMedvirkning],
        K::IkkeKoordinator => &[K::IkkeIp, K::ManglendeMedvirkning, K::PlanarbeidDrarUt],
        K::OppnevningKoordinator => &[K::ManglendeMedvirkning, K::IkkeFulgtOpp],
        K::PlanarbeidDrarUt => &[K::IkkeKoordinator, K::ManglendeMedvirkning],
        K::MangelfulltInnhold => &[K::ManglendeMedvirkning, K::IkkeFulgtOpp, K::OppnevningKoordinator],
        K::IkkeFulgtOpp => &[K::OppnevningKoordinator, K::ManglendeMedvirkning, K::MangelfulltInnhold],
        K::ManglendeMedvirkning => &[K::MangelfulltInnhold, K::IkkeFulgtOpp],
    }
}

fn lag_sak(rng: &mut Tilfeldig, b: &Bestilling) -> DemoSak {
    let (mottatt, steg_datoer) = tidslinje(rng, b);
    let grunnlag = klagegrunnlag(rng, b.forloep, mottatt);
    let person = person(rng, mottatt, grunnlag.grunn == Some(Avvisningsgrunn::IkkeKlagerett));
    let tema = tema(rng, &person, &grunnlag);
    let innhold = Innhold {
        hovedkategori: tema.kategorier[0],
        profil: grunnlag.profil,
        barnekoordinator: tema.barnekoordinator,
        grunn: grunnlag.grunn,
        paaklaget_avvisning: matches!(b.forloep, Forloep::AvvisningPaaklaget(..)),
        fletting: fletting(rng, &person, mottatt),
    };
    let (sammendrag, saarbar_overgang) = sammendrag(rng, &person, &tema, &innhold);

    // Every step's note follows from where the case is when the step is taken.
    let mut hos_statsforvalteren = b.via_statsforvalteren;
    let steg = steg_datoer
        .into_iter()
        .map(|(handling, dato)| {
            let notat = notat(rng, handling, hos_statsforvalteren, &innhold);
            hos_statsforvalteren = match handling {
                Handling::SendTilKommunen => false,
                Handling::Oversend { .. } | Handling::KlagPaaAvvisning => true,
                _ => hos_statsforvalteren,
            };
            Steg { dato, handling, notat }
        })
        .collect();

    let mottaker = if b.via_statsforvalteren { Mottaker::Statsforvalteren } else { Mottaker::Kommunen };
    let aldersgruppe = if person.barn { Aldersgruppe::Barn } else { Aldersgruppe::Voksen };
    DemoSak {
        skjema: KlageSkjema {
            kommune: b.kommune.nummer.clone(),
            mottaker: mottaker.kode().to_owned(),
            mottatt_dato: iso(mottatt),
            vedtaksdato: grunnlag.vedtaksdato.map(iso).unwrap_or_default(),
            kjent_dato: grunnlag.kjent_dato.map(iso).unwrap_or_default(),
            klager: person.klager.kode().to_owned(),
            aldersgruppe: aldersgruppe.kode().to_owned(),
            navn: navn(rng, &person),
            fnr: fnr(rng, &person),
            rettigheter: tema.rettigheter.iter().map(|r| r.kode().to_owned()).collect(),
            kategorier: tema.kategorier.iter().map(|k| k.kode().to_owned()).collect(),
            saarbar_overgang,
            sammendrag,
        },
        steg,
    }
}

/// The receipt date and the dated steps, cut off at the reference day: a case whose next step
/// would come later is open, wherever it has got to.
fn tidslinje(rng: &mut Tilfeldig, b: &Bestilling) -> (NaiveDate, Vec<(Handling, NaiveDate)>) {
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

/// The decision complained about and how the complaint stands to the deadlines.
struct Klagegrunnlag {
    grunn: Option<Avvisningsgrunn>,
    profil: Fristprofil,
    vedtaksdato: Option<NaiveDate>,
    kjent_dato: Option<NaiveDate>,
    /// The case may concern koordinator or barnekoordinator (rights from 1 August 2022).
    koordinator_mulig: bool,
}

fn klagegrunnlag(rng: &mut Tilfeldig, forloep: Forloep, mottatt: NaiveDate) -> Klagegrunnlag {
    let grunn = forloep.avvisningsgrunn().or_else(|| {
        (forloep.slutt() == Some(Slutt::Avgjoer(Utfall::Avvist)))
            .then(|| rng.vektet(&[(Avvisningsgrunn::ForSent, 55), (Avvisningsgrunn::OverEttAar, 20), (Avvisningsgrunn::IkkeKlagerett, 25)]))
    });
    let profil = match grunn {
        Some(Avvisningsgrunn::ForSent) => Fristprofil::Sen,
        Some(Avvisningsgrunn::OverEttAar) => Fristprofil::OverEttAar,
        Some(Avvisningsgrunn::IkkeVedtak) => Fristprofil::Unnlatelse,
        _ if rng.sjanse(27) => Fristprofil::Unnlatelse,
        _ if rng.sjanse(4) => Fristprofil::Sen,
        _ => Fristprofil::ITide,
    };
    let (vedtaksdato, kjent_dato) = match profil {
        Fristprofil::Unnlatelse => (None, None),
        Fristprofil::ITide => {
            let kjent = minus(mottatt, rng.tall(2, 24));
            let vedtak = virkedag_tilbake(minus(kjent, rng.tall(0, 6)));
            // Sometimes the officer does not know when the letter arrived; then the deadline
            // runs from the decision, which is still well within four weeks here.
            let ukjent = (mottatt - vedtak).num_days() <= 21 && rng.sjanse(10);
            (Some(vedtak), (!ukjent).then_some(kjent))
        }
        Fristprofil::Sen => {
            let kjent = minus(mottatt, rng.tall(36, 110));
            (Some(virkedag_tilbake(minus(kjent, rng.tall(0, 6)))), Some(kjent))
        }
        Fristprofil::OverEttAar => {
            let vedtak = virkedag_tilbake(minus(mottatt, rng.tall(380, 520)));
            (Some(vedtak), Some(pluss(vedtak, rng.tall(1, 6))))
        }
    };
    // Only for decisions from 1 August 2022, or for omissions complained about so long after
    // it that the months they mention fall after it.
    let koordinator_mulig = match vedtaksdato {
        Some(vedtak) => vedtak >= dato(2022, 8, 1),
        None => mottatt >= dato(2023, 10, 1),
    };
    Klagegrunnlag { grunn, profil, vedtaksdato, kjent_dato, koordinator_mulig }
}

/// The person the plan is for, and who complains.
struct Person {
    barn: bool,
    gutt: bool,
    /// Age in whole years on the receipt date.
    aar: u32,
    foedt: NaiveDate,
    klager: KlagerType,
}

fn person(rng: &mut Tilfeldig, mottatt: NaiveDate, ikke_klagerett: bool) -> Person {
    // Only an adult patient can leave a relative without the right to complain.
    let barn = !ikke_klagerett && rng.sjanse(42);
    let gutt = rng.sjanse(50);
    let aar = if barn {
        rng.tall(2, 17)
    } else {
        match rng.vektet(&[(0, 25), (1, 25), (2, 20), (3, 30)]) {
            0 => rng.tall(18, 29),
            1 => rng.tall(30, 49),
            2 => rng.tall(50, 66),
            _ => rng.tall(67, 93),
        }
    };
    // Less than a year before the birthday: the age on the receipt date stays `aar`.
    let foedt = mottatt.checked_sub_months(Months::new(12 * u32::try_from(aar).expect("a small number"))).expect("a date in range")
        - Days::new(rng.tall(0, 364));
    let aar = alder(foedt, mottatt);
    let klager = if ikke_klagerett {
        KlagerType::Paarorende
    } else if barn {
        rng.vektet(&[(KlagerType::Forelder, 84), (KlagerType::Fullmektig, 8), (KlagerType::Verge, 4), (KlagerType::Paarorende, 4)])
    } else if aar >= 67 {
        rng.vektet(&[(KlagerType::PasientBruker, 25), (KlagerType::Paarorende, 45), (KlagerType::Verge, 20), (KlagerType::Fullmektig, 10)])
    } else {
        rng.vektet(&[(KlagerType::PasientBruker, 48), (KlagerType::Paarorende, 20), (KlagerType::Verge, 17), (KlagerType::Fullmektig, 15)])
    };
    Person { barn, gutt, aar, foedt, klager }
}

/// What the complaint is about: the categories (the main one first), the rights they concern,
/// and the person's diagnosis.
struct Tema {
    kategorier: Vec<Kategori>,
    rettigheter: Vec<Rettighet>,
    barnekoordinator: bool,
    diagnose: &'static str,
}

fn tema(rng: &mut Tilfeldig, person: &Person, grunnlag: &Klagegrunnlag) -> Tema {
    let unnlatelse = grunnlag.profil == Fristprofil::Unnlatelse;
    let hovedkategori = primaerkategori(rng, unnlatelse, grunnlag.koordinator_mulig);
    let mut kategorier = vec![hovedkategori];
    if rng.sjanse(32) {
        let tillegg = tilleggskategorier(hovedkategori);
        kategorier.push(rng.en_av(tillegg));
        if rng.sjanse(15) {
            let tredje = rng.en_av(tillegg);
            if !kategorier.contains(&tredje) {
                kategorier.push(tredje);
            }
        }
    }
    let om_koordinator = kategorier.iter().any(|k| matches!(k, Kategori::IkkeKoordinator | Kategori::OppnevningKoordinator));
    let barnekoordinator = grunnlag.koordinator_mulig && om_koordinator && person.barn && rng.sjanse(60);
    let mut rettigheter = Vec::new();
    for kategori in &kategorier {
        let rett = match kategori {
            // Before the coordinator rights, a coordinator was part of the right to a plan.
            Kategori::IkkeKoordinator | Kategori::OppnevningKoordinator if grunnlag.koordinator_mulig => {
                if barnekoordinator {
                    Rettighet::Barnekoordinator
                } else {
                    Rettighet::Koordinator
                }
            }
            Kategori::ManglendeMedvirkning => Rettighet::Medvirkning,
            _ => Rettighet::Ip,
        };
        if !rettigheter.contains(&rett) {
            rettigheter.push(rett);
        }
    }
    // Participation is always participation in something: the plan, here.
    if rettigheter == [Rettighet::Medvirkning] {
        rettigheter.insert(0, Rettighet::Ip);
    }
    let diagnose = if person.barn {
        // The milder diagnoses are seldom made, or complained about, for the youngest.
        if barnekoordinator || person.aar < 5 || rng.sjanse(50) {
            rng.en_av(&DIAGNOSER_BARN_ALVORLIG)
        } else {
            rng.en_av(&DIAGNOSER_BARN)
        }
    } else if person.aar >= 67 {
        if person.klager != KlagerType::PasientBruker && rng.sjanse(60) {
            rng.en_av(&DIAGNOSER_DEMENS)
        } else {
            rng.en_av(&DIAGNOSER_ELDRE)
        }
    } else if person.aar < 35 {
        rng.en_av(&DIAGNOSER_UNG_VOKSEN)
    } else {
        rng.en_av(&DIAGNOSER_VOKSEN)
    };
    Tema { kategorier, rettigheter, barnekoordinator, diagnose }
}

fn fletting(rng: &mut Tilfeldig, person: &Person, mottatt: NaiveDate) -> Fletting {
    let Person { barn, gutt, aar, klager, .. } = *person;
    let (han, ham, hans) = if gutt { ("han", "ham", "hans") } else { ("hun", "henne", "hennes") };
    let paa_vegne = if gutt { " på hans vegne" } else { " på hennes vegne" };
    let (subjekt, for_hvem) = match klager {
        KlagerType::Forelder => {
            (rng.vektet(&[("Mor", 50), ("Far", 25), ("Foreldrene", 25)]), if gutt { " for sønnen" } else { " for datteren" })
        }
        KlagerType::PasientBruker => ("Klager", ""),
        KlagerType::Paarorende if barn => (rng.en_av(&["Besteforeldrene", "Bestemor"]), " for barnebarnet"),
        KlagerType::Paarorende if aar >= 60 => (rng.en_av(&["Datteren", "Sønnen", "Ektefellen"]), paa_vegne),
        KlagerType::Paarorende if aar < 30 => (rng.en_av(&["Moren", "Faren"]), paa_vegne),
        KlagerType::Paarorende => (rng.en_av(&["Søsteren", "Broren", "Samboeren"]), paa_vegne),
        KlagerType::Verge if barn => ("Vergen", " på barnets vegne"),
        KlagerType::Verge => ("Vergen", paa_vegne),
        KlagerType::Fullmektig => {
            (rng.en_av(&["Advokaten", "Fullmektigen"]), if barn { " på vegne av familien" } else { " på vegne av klienten" })
        }
    };
    let instanser = if barn {
        rng.en_av(&[
            "fastlege, BUP, PPT og skolen",
            "habiliteringstjenesten, fysioterapeut og barnehagen",
            "helsestasjonen, avlastning og spesialisthelsetjenesten",
        ])
    } else {
        rng.en_av(&[
            "fastlege, hjemmesykepleie, DPS og NAV",
            "rustjenesten, NAV og spesialisthelsetjenesten",
            "hjemmetjenesten, fysioterapeut og dagsenter",
        ])
    };
    let tema = match (barn, aar) {
        (true, ..=5) => rng.en_av(&["barnehagen", "avlastning for familien", "opptrening og hjelpemidler"]),
        (true, 6..=13) => rng.en_av(&["skole og fritid", "avlastning for familien", "opptrening og hjelpemidler"]),
        (true, _) => rng.en_av(&["skole og fritid", "avlastning for familien", "overgangen til voksenlivet"]),
        (false, ..=66) => rng.en_av(&["bolig og arbeid", "oppfølging etter utskrivning fra sykehus", "aktivitet og sosial kontakt"]),
        (false, _) => rng.en_av(&["oppfølging etter utskrivning fra sykehus", "aktivitet og sosial kontakt", "avlastning for ektefellen"]),
    };
    Fletting {
        subjekt,
        for_hvem,
        han,
        ham,
        hans,
        instanser,
        tema,
        maaneder: rng.tall(4, 14),
        planaar: mottatt.year() - i32::try_from(rng.tall(1, 3)).expect("a small number"),
    }
}

/// The summary a case officer would write, and whether it is about a vulnerable transition.
fn sammendrag(rng: &mut Tilfeldig, person: &Person, tema: &Tema, innhold: &Innhold) -> (String, bool) {
    let Person { barn, gutt, aar, klager, .. } = *person;
    let kjonn = match (barn, gutt) {
        (true, true) => "gutt",
        (true, false) => "jente",
        (false, true) => "mann",
        (false, false) => "kvinne",
    };
    let diagnose = tema.diagnose;
    let mut setninger = vec![if klager == KlagerType::PasientBruker {
        format!("Klager er en {kjonn} på {aar} år med {diagnose}.")
    } else {
        format!("Saken gjelder en {kjonn} på {aar} år med {diagnose}.")
    }];
    setninger.push(hovedsetning(rng, innhold));
    for &kategori in &tema.kategorier[1..] {
        setninger.push(innhold.fletting.flett(tilleggssetning(kategori, tema.barnekoordinator)));
    }
    let saarbar_overgang = rng.sjanse(15);
    if saarbar_overgang {
        setninger.push(innhold.fletting.flett(overgangssetning(rng, barn, aar)));
    }
    match innhold.profil {
        Fristprofil::Sen => setninger.push(innhold.fletting.flett(&format!(
            "Klagen kom inn etter klagefristen. {{S}} forklarer forsinkelsen med {}.",
            rng.en_av(&[
                "at vedtaket ble sendt til feil adresse",
                "sykdom i familien",
                "at familien ikke fikk vite at vedtaket kunne påklages",
            ])
        ))),
        Fristprofil::OverEttAar => {
            setninger.push("Klagen gjelder et vedtak som er mer enn ett år gammelt.".to_owned());
        }
        Fristprofil::Unnlatelse | Fristprofil::ITide => {}
    }
    if innhold.grunn == Some(Avvisningsgrunn::IkkeKlagerett) {
        setninger.push(innhold.fletting.flett("Klagen er skrevet av {s} uten skriftlig fullmakt fra {ham}."));
    }
    (setninger.join(" "), saarbar_overgang)
}

/// A made-up name that fits the person's sex and age.
fn navn(rng: &mut Tilfeldig, person: &Person) -> String {
    let fornavn = match (person.aar, person.gutt) {
        (..=29, true) => rng.en_av(&GUTTENAVN),
        (..=29, false) => rng.en_av(&JENTENAVN),
        (30..=59, true) => rng.en_av(&MANNSNAVN),
        (30..=59, false) => rng.en_av(&KVINNENAVN),
        (_, true) => rng.en_av(&ELDRE_MANNSNAVN),
        (_, false) => rng.en_av(&ELDRE_KVINNENAVN),
    };
    let etternavn = if !person.gutt && rng.sjanse(45) { rng.en_av(&ETTERNAVN_KVINNE) } else { rng.en_av(&ETTERNAVN) };
    format!("{fornavn} {etternavn}")
}

/// About half the cases have a fødselsnummer: always a synthetic one (month + 80).
fn fnr(rng: &mut Tilfeldig, person: &Person) -> String {
    if !rng.sjanse(50) {
        return String::new();
    }
    let loepenummer = u32::try_from(rng.tall(0, 999)).expect("a small number");
    Fodselsnummer::syntetisk(person.foedt, loepenummer).map(|f| f.som_tekst().to_owned()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Texts

fn hovedsetning(rng: &mut Tilfeldig, innhold: &Innhold) -> String {
    use Kategori as K;
    let unnlatelse = innhold.profil == Fristprofil::Unnlatelse;
    let maler: &[&str] = match (innhold.hovedkategori, unnlatelse) {
        (K::IkkeIp, _) => &[
            "{S} har søkt om individuell plan{for} og fått avslag med begrunnelse i at {han} ikke har behov for langvarige og koordinerte tjenester.",
            "Kommunen har avslått søknaden om individuell plan fordi {han} i dag bare mottar én kommunal tjeneste. {S} mener behovet for koordinering er stort, med oppfølging fra {instanser}.",
            "{S} har søkt om individuell plan{for}. Kommunen mener tjenestene er godt nok samordnet gjennom faste samarbeidsmøter, og har gitt avslag.",
        ],
        (K::IkkeKoordinator, false) if innhold.barnekoordinator => &[
            "Familien har søkt om barnekoordinator og fått avslag. Kommunen mener barnets tilstand ikke er så alvorlig at familien har rett til barnekoordinator etter pasient- og brukerrettighetsloven § 2-5 c.",
            "{S} har søkt om barnekoordinator{for}. Kommunen har gitt avslag og viser til at helsestasjonen allerede følger opp familien.",
        ],
        (K::IkkeKoordinator, false) => &[
            "{S} har søkt om koordinator{for} og fått avslag. {S} viser til at {han} får oppfølging fra {instanser}, og at ingen har ansvar for å samordne tjenestene.",
            "Kommunen har avslått søknaden om koordinator med begrunnelse i at {han} ikke har behov for langvarige og koordinerte tjenester.",
            "{S} har bedt om at det oppnevnes koordinator som del av arbeidet med individuell plan{for}, men kommunen har avslått.",
        ],
        (K::IkkeKoordinator, _) if innhold.barnekoordinator => &[
            "Familien har fått innvilget barnekoordinator, men det er ikke oppnevnt noen etter {n} måneder.",
        ],
        (K::IkkeKoordinator, _) => &[
            "Kommunen har bestemt at {han} skal ha koordinator, men ingen er oppnevnt etter {n} måneder. Kommunen opplyser at ingen har kapasitet til å ta oppgaven.",
            "Det er ikke oppnevnt koordinator, selv om {han} har hatt tjenester fra {instanser} i flere år.",
        ],
        (K::OppnevningKoordinator, false) => &[
            "{S} er uenig i hvem kommunen har oppnevnt som koordinator, og ønsker en koordinator som kjenner {hans} diagnose.",
            "Kommunen har oppnevnt en koordinator som {s} mener mangler tid og kompetanse til oppgaven. {S} har bedt om en annen koordinator og fått avslag.",
        ],
        (K::OppnevningKoordinator, true) => &[
            "Koordinatoren sluttet for {n} måneder siden, og det er ikke oppnevnt noen ny. «Ingen vil være koordinator», skriver {s}.",
            "Koordinatoren er byttet ut tre ganger på ett år, og nå er det uklart hvem som har ansvaret. {S} ber om en fast koordinator.",
        ],
        (K::PlanarbeidDrarUt, _) => &[
            "Kommunen innvilget individuell plan for {n} måneder siden, men planarbeidet har ikke kommet i gang. Det er ikke holdt noe oppstartsmøte.",
            "Arbeidet med individuell plan startet for over ett år siden, men planen er fortsatt ikke ferdig. {S} opplever at ingen tar ansvar for framdriften.",
        ],
        (K::MangelfulltInnhold, _) => &[
            "{S} mener den individuelle planen har manglende innhold: mål og tiltak er ikke konkretisert, og det går ikke fram hvem som har ansvar for hva.",
            "Planen som kommunen har utarbeidet, sier ikke noe om {tema}, som {s} mener er det viktigste behovet.",
        ],
        (K::IkkeFulgtOpp, _) => &[
            "Den individuelle planen ble utarbeidet i {aar}, men er ikke fulgt opp eller evaluert siden. Avtalte ansvarsgruppemøter er ikke holdt.",
            "Tiltakene i planen er ikke satt i verk, og koordinatoren har ikke tatt kontakt på flere måneder.",
        ],
        (K::ManglendeMedvirkning, false) => &[
            "{S} har ikke fått delta i arbeidet med planen, og mener tiltakene er bestemt uten at {han} er hørt.",
            "Planen ble vedtatt uten at {s} fikk se utkastet eller komme med innspill.",
        ],
        (K::ManglendeMedvirkning, true) => &[
            "Kommunen holder møter om planen uten å invitere {s}. Det er heller ikke lagt til rette for at {han} selv kan si sin mening.",
        ],
    };
    innhold.fletting.flett(rng.en_av(maler))
}

fn tilleggssetning(kategori: Kategori, barnekoordinator: bool) -> &'static str {
    match kategori {
        Kategori::IkkeIp => "{S} mener også at {han} har rett til individuell plan.",
        Kategori::IkkeKoordinator if barnekoordinator => "Familien har heller ikke fått barnekoordinator.",
        Kategori::IkkeKoordinator => "{S} klager i tillegg over at det ikke er oppnevnt koordinator.",
        Kategori::OppnevningKoordinator => "{S} er dessuten uenig i valget av koordinator.",
        Kategori::PlanarbeidDrarUt => "I tillegg har arbeidet med planen trukket ut i tid.",
        Kategori::MangelfulltInnhold => "{S} mener også at planen mangler konkrete mål og tiltak.",
        Kategori::IkkeFulgtOpp => "Det vises også til at tiltakene i planen ikke er fulgt opp.",
        Kategori::ManglendeMedvirkning => "{S} opplever heller ikke å ha blitt hørt i arbeidet med planen.",
    }
}

fn overgangssetning(rng: &mut Tilfeldig, barn: bool, aar: u32) -> &'static str {
    let sykehus = "Klagen peker særlig på utskrivningen fra sykehus til hjemmet, der tjenestene ikke var på plass.";
    let saerlig = match (barn, aar) {
        (true, 15..) => "Klagen peker særlig på overgangen fra barne- til voksentjenestene når {han} fyller 18 år.",
        (true, 5..=6) => "Klagen peker særlig på overgangen fra barnehage til skole.",
        (true, 11..=13) => "Klagen peker særlig på skolebyttet fra barneskole til ungdomsskole.",
        (false, ..=25) => "Klagen peker særlig på flyttingen fra foreldrehjemmet til egen bolig.",
        (false, 67..) => "Klagen peker særlig på overgangen fra hjemmetjenester til sykehjem.",
        _ => sykehus,
    };
    if rng.sjanse(70) {
        saerlig
    } else {
        sykehus
    }
}

fn notat(rng: &mut Tilfeldig, handling: Handling, hos_statsforvalteren: bool, innhold: &Innhold) -> String {
    use Kategori as K;
    let f = &innhold.fletting;
    let unnlatelse = innhold.profil == Fristprofil::Unnlatelse;
    let koordinator = if innhold.barnekoordinator { "barnekoordinator" } else { "koordinator" };
    match handling {
        Handling::SendTilKommunen => rng
            .en_av(&[
                "Klagen kom direkte til Statsforvalteren og er sendt kommunen for forberedende behandling etter forvaltningsloven § 33.",
                "Klagen er sendt videre til kommunen, som skal vurdere saken først (forvaltningsloven § 33). Klager er orientert.",
            ])
            .to_owned(),
        Handling::GiMedhold => match innhold.hovedkategori {
            K::IkkeIp => "Kommunen har vurdert saken på nytt og innvilger individuell plan.".to_owned(),
            K::IkkeKoordinator if unnlatelse => format!("Kommunen har nå oppnevnt {koordinator}."),
            K::IkkeKoordinator => format!("Kommunen har omgjort vedtaket og oppnevnt {koordinator}."),
            K::OppnevningKoordinator => "Kommunen har oppnevnt ny koordinator i samråd med klager.".to_owned(),
            K::PlanarbeidDrarUt => {
                "Oppstartsmøte er holdt, og kommunen har satt en frist for når planen skal være ferdig.".to_owned()
            }
            K::MangelfulltInnhold => {
                "Kommunen har revidert planen med konkrete mål, tiltak og ansvarsfordeling.".to_owned()
            }
            K::IkkeFulgtOpp => "Ansvarsgruppen er kalt inn, og planen er evaluert og oppdatert.".to_owned(),
            K::ManglendeMedvirkning => {
                "Kommunen har invitert klager til et nytt planmøte og vil revidere planen sammen med klager.".to_owned()
            }
        },
        Handling::Avvis => match innhold.grunn {
            Some(Avvisningsgrunn::OverEttAar) => {
                "Kommunen avviser klagen fordi det har gått mer enn ett år siden vedtaket ble gjort.".to_owned()
            }
            Some(Avvisningsgrunn::IkkeVedtak) => {
                "Kommunen avviser klagen fordi det ikke foreligger noe vedtak å klage på.".to_owned()
            }
            Some(Avvisningsgrunn::IkkeKlagerett) => {
                "Kommunen avviser klagen fordi klageren ikke har fullmakt fra pasienten, som selv kan ivareta sine interesser.".to_owned()
            }
            Some(Avvisningsgrunn::ForSent) | None => {
                "Kommunen avviser klagen fordi den kom inn etter klagefristen på fire uker, og finner ikke grunn til å behandle den likevel.".to_owned()
            }
        },
        Handling::KlagPaaAvvisning => "Klager mener avvisningen er feil og har klaget på den. Kommunen opprettholder avvisningen og har sendt klagen til Statsforvalteren.".to_owned(),
        Handling::Oversend { delvis_medhold: true } => match innhold.hovedkategori {
            K::IkkeIp => "Kommunen gir klager medhold i at det skal oppnevnes koordinator, men opprettholder avslaget på individuell plan. Resten av klagen er sendt Statsforvalteren.".to_owned(),
            K::IkkeKoordinator => format!("Kommunen gir delvis medhold og setter i gang arbeidet med individuell plan, men mener fortsatt at det ikke er grunnlag for {koordinator}. Resten av klagen er sendt Statsforvalteren."),
            _ => "Kommunen gir delvis medhold og har rettet noen av forholdene klagen gjelder. Resten av vedtaket opprettholdes, og den delen av klagen er sendt Statsforvalteren med kommunens uttalelse.".to_owned(),
        },
        Handling::Oversend { delvis_medhold: false } => {
            let mal = match innhold.hovedkategori {
                K::IkkeIp => "Kommunen opprettholder vedtaket. Etter kommunens vurdering får {han} dekket behovene gjennom tjenestene som gis i dag, og det er ikke behov for koordinering på tvers av instanser.",
                K::IkkeKoordinator if unnlatelse => "Kommunen erkjenner at koordinator ikke er oppnevnt ennå, og viser til at koordinerende enhet har hatt ledige stillinger. Kommunen mener likevel at oppfølgingen i mellomtiden er forsvarlig.",
                K::IkkeKoordinator if innhold.barnekoordinator => "Kommunen mener barnets tilstand ikke er så alvorlig at familien har rett til barnekoordinator, og viser til at helsestasjonen følger opp familien.",
                K::IkkeKoordinator => "Kommunen fastholder at vilkårene for koordinator ikke er oppfylt. Tjenestene samordnes i dag av tildelingskontoret, og kommunen mener det er tilstrekkelig.",
                K::OppnevningKoordinator if unnlatelse => "Kommunen opplyser at den arbeider med å finne ny koordinator, og at koordinerende enhet følger opp i mellomtiden. Kommunen mener oppfølgingen er forsvarlig.",
                K::OppnevningKoordinator => "Kommunen mener valget av koordinator er faglig forsvarlig og ligger innenfor kommunens skjønn. Klagerens ønsker er vurdert, men kunne ikke imøtekommes.",
                K::PlanarbeidDrarUt => "Kommunen beklager at planarbeidet har tatt tid, og opplyser at oppstartsmøte er berammet. Kommunen mener likevel at klagen ikke gir grunn til å endre noe.",
                K::MangelfulltInnhold => "Kommunen mener planen oppfyller kravene i forskrift om habilitering og rehabilitering, individuell plan og koordinator, og at omfanget av tjenestene avgjøres i egne vedtak.",
                K::IkkeFulgtOpp => "Kommunen opplyser at planen skal evalueres på neste ansvarsgruppemøte, og mener oppfølgingen har vært forsvarlig.",
                K::ManglendeMedvirkning => "Kommunen viser til at klager ble invitert til to møter om planen, og mener retten til medvirkning er ivaretatt.",
            };
            f.flett(mal)
        }
        Handling::BeOmOpplysninger => {
            let mut maler = vec![
                "Statsforvalteren ber kommunen om kopi av den individuelle planen og referat fra siste ansvarsgruppemøte.",
                "Statsforvalteren ber kommunen gjøre rede for hvilke tjenester {han} mottar i dag, og hvem som samordner dem.",
            ];
            if unnlatelse {
                maler.push("Statsforvalteren ber kommunen om en framdriftsplan for arbeidet med den individuelle planen.");
            } else {
                maler.push("Statsforvalteren ber om kartleggingen og journalnotatene som vedtaket bygger på.");
            }
            if matches!(innhold.hovedkategori, K::IkkeKoordinator | K::OppnevningKoordinator) {
                maler.push("Statsforvalteren ber kommunen opplyse hvorfor det ikke er oppnevnt koordinator, og når det vil skje.");
            }
            f.flett(rng.en_av(&maler))
        }
        Handling::SvarPaaOpplysninger => rng
            .en_av(&[
                "Kommunen har sendt de etterspurte opplysningene. De er forelagt klager til uttalelse.",
                "Kommunen har svart og lagt ved planen og møtereferatene. Klager har fått kopi og frist til å uttale seg.",
            ])
            .to_owned(),
        Handling::Trekk if !hos_statsforvalteren => rng
            .en_av(&[
                "Klager trakk klagen etter et møte med koordinerende enhet.",
                "Klager trakk klagen etter at kommunen la fram en plan for videre oppfølging.",
            ])
            .to_owned(),
        Handling::Trekk => rng
            .en_av(&[
                "Klager har trukket klagen etter at kommunen satte i gang arbeidet med planen.",
                "Klager har flyttet til en annen kommune og trukket klagen.",
                "Klager har trukket klagen etter å ha kommet til enighet med kommunen.",
            ])
            .to_owned(),
        Handling::ForeslaaVedtak { utfall } => f.flett(&begrunnelse(rng, utfall, innhold)),
        // Fixed texts, no random draw: approving adds nothing to the reason.
        Handling::Godkjenn => "Forslaget er godkjent, og vedtaket er sendt partene.".to_owned(),
        Handling::SendTilbake => "Forslaget er sendt tilbake for ny vurdering.".to_owned(),
    }
}

/// The one-sentence reason that goes with a decision.
fn begrunnelse(rng: &mut Tilfeldig, utfall: Utfall, innhold: &Innhold) -> String {
    use Kategori as K;
    let koordinator = if innhold.barnekoordinator { "barnekoordinator" } else { "koordinator" };
    if innhold.paaklaget_avvisning {
        return match (utfall, innhold.grunn) {
            (Utfall::Opphevet, Some(Avvisningsgrunn::IkkeVedtak)) => "Statsforvalteren opphever avvisningen. En klage over at retten til individuell plan eller koordinator ikke er oppfylt, krever ikke et eget vedtak, og kommunen må behandle klagen.".to_owned(),
            (Utfall::Opphevet, Some(Avvisningsgrunn::IkkeKlagerett)) => "Statsforvalteren opphever avvisningen fordi fullmakt nå er lagt fram. Kommunen må behandle klagen.".to_owned(),
            (Utfall::Opphevet, _) => "Statsforvalteren opphever avvisningen. Det er særlige grunner til å behandle klagen selv om den kom for sent, og kommunen må behandle den på nytt.".to_owned(),
            _ => "Statsforvalteren er enig i at kommunen hadde grunnlag for å avvise klagen, og stadfester avvisningen.".to_owned(),
        };
    }
    let unnlatelse = innhold.profil == Fristprofil::Unnlatelse;
    let tekst = match utfall {
        Utfall::Stadfestet => match innhold.hovedkategori {
            K::IkkeIp => "Statsforvalteren er enig med kommunen i at vilkåret om behov for langvarige og koordinerte tjenester ikke er oppfylt.".to_owned(),
            K::IkkeKoordinator if innhold.barnekoordinator => "Statsforvalteren finner at vilkårene for barnekoordinator i pasient- og brukerrettighetsloven § 2-5 c ikke er oppfylt.".to_owned(),
            K::IkkeKoordinator if unnlatelse => format!("Statsforvalteren finner at kommunen nå har oppnevnt {koordinator}, og at plikten er oppfylt."),
            K::IkkeKoordinator => "Statsforvalteren finner at tjenestene i dag er tilstrekkelig samordnet, og at vilkårene for koordinator ikke er oppfylt.".to_owned(),
            K::OppnevningKoordinator if unnlatelse => "Statsforvalteren finner at kommunen nå har oppnevnt ny koordinator, og at plikten er oppfylt.".to_owned(),
            K::OppnevningKoordinator => "Hvem som oppnevnes som koordinator, ligger innenfor kommunens frie skjønn, og Statsforvalteren finner ikke grunn til å overprøve valget.".to_owned(),
            K::PlanarbeidDrarUt => "Statsforvalteren finner at kommunen nå har satt i gang planarbeidet med en forsvarlig framdriftsplan.".to_owned(),
            K::MangelfulltInnhold => "Statsforvalteren finner at planen har det innholdet forskriften krever, og at omfanget av tjenestene må avgjøres i egne vedtak.".to_owned(),
            K::IkkeFulgtOpp => "Statsforvalteren finner at planen er evaluert og fulgt opp i tråd med kravene.".to_owned(),
            K::ManglendeMedvirkning => "Statsforvalteren finner at klager har fått mulighet til å medvirke, og at retten etter pasient- og brukerrettighetsloven § 3-1 er ivaretatt.".to_owned(),
        },
        Utfall::Endret => match innhold.hovedkategori {
            K::IkkeIp => "Statsforvalteren finner at {han} har behov for langvarige og koordinerte tjenester, og endrer vedtaket slik at kommunen skal utarbeide individuell plan.".to_owned(),
            K::IkkeKoordinator if unnlatelse => format!("Statsforvalteren finner at kommunen ikke har oppfylt plikten til å oppnevne {koordinator}, og gir klager medhold."),
            K::IkkeKoordinator => format!("Statsforvalteren finner at vilkårene for {koordinator} er oppfylt, og gir klager medhold."),
            K::OppnevningKoordinator if unnlatelse => "Statsforvalteren finner at kommunen ikke har sørget for at det er oppnevnt koordinator, og gir klager medhold.".to_owned(),
            K::OppnevningKoordinator => "Statsforvalteren finner at kommunen ikke har tatt nok hensyn til klagerens behov, og gir klager medhold i at ny koordinator skal oppnevnes.".to_owned(),
            K::PlanarbeidDrarUt => "Statsforvalteren finner at kommunen ikke har utarbeidet planen innen rimelig tid, og gir klager medhold.".to_owned(),
            K::MangelfulltInnhold => "Statsforvalteren finner at planen mangler konkrete mål, tiltak og ansvarsfordeling, og gir klager medhold.".to_owned(),
            K::IkkeFulgtOpp => "Statsforvalteren finner at planen ikke er fulgt opp slik forskriften krever, og gir klager medhold.".to_owned(),
            K::ManglendeMedvirkning => "Statsforvalteren finner at klager ikke har fått medvirke i tilstrekkelig grad, og gir klager medhold.".to_owned(),
        },
        Utfall::Opphevet if unnlatelse => "Statsforvalteren opphever kommunens avgjørelse fordi saken ikke er godt nok utredet. Kommunen må ta stilling til retten i et nytt, begrunnet vedtak.".to_owned(),
        Utfall::Opphevet => rng
            .en_av(&[
                "Vedtaket oppheves fordi kommunen ikke har kartlagt behovet godt nok. Kommunen må behandle saken på nytt.",
                "Vedtaket oppheves fordi begrunnelsen ikke viser hvilke hensyn kommunen har lagt vekt på. Kommunen må behandle saken på nytt.",
            ])
            .to_owned(),
        Utfall::Avvist => match innhold.grunn {
            Some(Avvisningsgrunn::OverEttAar) => "Klagen avvises fordi det har gått mer enn ett år siden vedtaket ble gjort (forvaltningsloven § 31 tredje ledd).".to_owned(),
            Some(Avvisningsgrunn::IkkeKlagerett) => "Klagen avvises fordi klageren ikke har fullmakt fra pasienten og derfor ikke har klagerett i saken.".to_owned(),
            _ => "Klagen avvises fordi den kom inn etter klagefristen, og det er ikke særlige grunner til å behandle den likevel (forvaltningsloven § 31).".to_owned(),
        },
        // A withdrawal is a `Trekk`, never a decision; kept total for the compiler's sake.
        Utfall::Trukket => "Saken er avsluttet fordi klagen er trukket.".to_owned(),
    };
    if innhold.profil == Fristprofil::Sen && utfall != Utfall::Avvist {
        format!("Klagen er behandlet selv om den kom for sent, jf. forvaltningsloven § 31. {tekst}")
    } else {
        tekst
    }
}

/// Bulk generation for the statistics benchmark and load tests: `antall` complaints as the
/// statistics see them (no person, no text), received evenly over the `aar` years that end on
/// the reference day, with the demo's municipality weights and categories. Deterministic, and
/// a stream of its own: [`generer`] is unaffected. Load them with
/// `db::statistikk::last_inn_statistikkrader`.
pub fn statistikkrader(antall: u64, aar: u32) -> impl Iterator<Item = crate::domain::statistikk::dashbord::Statistikksak> {
    let slutt = referansedag();
    let start = dato(slutt.year() - aar as i32, slutt.month(), slutt.day()).succ_opt().unwrap_or(slutt);
    let mut rng = Tilfeldig::ny(FROE ^ 0x5354_4154_4953_544b);
    (0..antall).map(move |_| {
        let kommune = velg_kommune(&mut rng, None);
        let mottatt = dag_i(&mut rng, start, slutt);
        let koordinator_mulig = mottatt >= dato(2022, 8, 1);
        let unnlatelse = rng.sjanse(50);
        let hoved = primaerkategori(&mut rng, unnlatelse, koordinator_mulig);
        let mut kategorier = vec![hoved];
        if rng.sjanse(30) {
            kategorier.push(rng.en_av(tilleggskategorier(hoved)));
        }
        let mut rettigheter = vec![Rettighet::Ip];
        if koordinator_mulig && rng.sjanse(30) {
            rettigheter.push(rng.vektet(&[(Rettighet::Koordinator, 3), (Rettighet::Barnekoordinator, 1)]));
        }
        if rng.sjanse(10) {
            rettigheter.push(Rettighet::Medvirkning);
        }
        let aldersgruppe = if rng.sjanse(35) { Aldersgruppe::Barn } else { Aldersgruppe::Voksen };
        // Most cases are decided within 3 months; a tail takes much longer.
        let dager = if rng.sjanse(85) { rng.tall(10, 90) } else { rng.tall(91, 300) };
        let avgjort = pluss(mottatt, dager);
        let medhold = rng.sjanse(8);
        let (status, utfall, mottatt_sf, avgjort, avsluttet) = if medhold {
            ("medhold_hos_kommunen", None, None, None, Some(mottatt))
        } else if avgjort <= slutt {
            let utfall = rng.vektet(&[
                (Utfall::Stadfestet, 55),
                (Utfall::Endret, 25),
                (Utfall::Opphevet, 10),
                (Utfall::Avvist, 5),
                (Utfall::Trukket, 5),
            ]);
            ("avgjort", Some(utfall), Some(mottatt), Some(avgjort), None)
        } else {
            (rng.en_av(&["under_vurdering", "mottatt_hos_statsforvalter", "venter_paa_kommunen"]), None, Some(mottatt), None, None)
        };
        crate::domain::statistikk::dashbord::Statistikksak {
            statsforvalter: kommune.statsforvalter.clone(),
            kommune: kommune.nummer.clone(),
            status: status.to_owned(),
            utfall,
            mottatt_statsforvalter: mottatt_sf,
            avgjort,
            avsluttet_kommune: avsluttet,
            aldersgruppe,
            rettigheter,
            kategorier,
        }
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::domain::klage::{Advarsel, NyKlage};
    use crate::domain::statistikk::{landsoversikt, AvgjortSak, Periode};
    use crate::domain::status::{Status, Tilstand};

    /// A case as the loader would leave it: validated form, final state, and the governor's
    /// decision (day and outcome) if there is one.
    struct Avspilt {
        ny: NyKlage,
        tilstand: Tilstand,
        avgjort: Option<(NaiveDate, Utfall)>,
        mottatt_sf: Option<NaiveDate>,
    }

    fn spill_av(sak: &DemoSak) -> Avspilt {
        let ny = sak.skjema.valider(referansedag()).unwrap_or_else(|feil| panic!("invalid form {:?}: {feil:?}", sak.skjema));
        let mut tilstand = ny.tilstand();
        let mut avgjort = None;
        let mut mottatt_sf = (ny.mottaker == Mottaker::Statsforvalteren).then_some(ny.mottatt_dato);
        for steg in &sak.steg {
            let overgang = tilstand.utfoer(steg.handling).unwrap_or_else(|feil| panic!("{feil} in {:?}", sak.skjema.sammendrag));
            if overgang.naar_statsforvalteren {
                mottatt_sf = Some(steg.dato);
            }
            if overgang.til.status == Status::Avgjort {
                avgjort = Some((steg.dato, overgang.til.utfall.expect("a decided case has an outcome")));
            }
            tilstand = overgang.til;
        }
        Avspilt { ny, tilstand, avgjort, mottatt_sf }
    }

    fn alle() -> Vec<(DemoSak, Avspilt)> {
        generer()
            .into_iter()
            .map(|sak| {
                let avspilt = spill_av(&sak);
                (sak, avspilt)
            })
            .collect()
    }

    #[test]
    fn the_same_every_time() {
        assert_eq!(generer(), generer());
    }

    #[test]
    fn about_400_cases_from_2020_to_the_reference_day() {
        let saker = generer();
        assert!((380..=420).contains(&saker.len()), "{}", saker.len());
        for sak in &saker {
            let mottatt = NaiveDate::parse_from_str(&sak.skjema.mottatt_dato, "%Y-%m-%d").unwrap();
            assert!(mottatt >= dato(2020, 1, 1) && mottatt <= referansedag(), "{mottatt}");
        }
    }

    #[test]
    fn every_form_is_valid_and_every_step_legal() {
        for (sak, avspilt) in alle() {
            assert!(avspilt.tilstand.er_gyldig());
            for steg in &sak.steg {
                if steg.handling.krever_notat() {
                    assert!(!steg.notat.trim().is_empty(), "{:?}", steg.handling);
                }
                assert!(!steg.notat.contains('{'), "{}", steg.notat);
            }
            assert!(!avspilt.ny.sammendrag.contains('{'), "{}", avspilt.ny.sammendrag);
        }
    }

    #[test]
    fn dates_are_in_order_and_never_after_the_reference_day() {
        for (sak, avspilt) in alle() {
            let mut forrige = avspilt.ny.mottatt_dato;
            for steg in &sak.steg {
                assert!(steg.dato >= forrige, "{:?}", sak.steg);
                assert!(steg.dato <= referansedag());
                forrige = steg.dato;
            }
        }
    }

    #[test]
    fn every_status_and_every_outcome_appears() {
        let resultat = alle();
        let statuser: BTreeSet<&str> = resultat.iter().map(|(_, a)| a.tilstand.status.kode()).collect();
        for status in Status::ALLE {
            assert!(statuser.contains(status.kode()), "{status:?} missing");
        }
        let utfall: BTreeSet<Utfall> = resultat.iter().filter_map(|(_, a)| a.tilstand.utfall).collect();
        assert_eq!(utfall.len(), Utfall::ALLE.len());
        // The paths the brief asks for.
        let har = |f: &dyn Fn(&DemoSak) -> bool| resultat.iter().any(|(s, _)| f(s));
        assert!(har(&|s| s.skjema.mottaker == "statsforvalteren"));
        assert!(har(&|s| s.steg.iter().any(|st| st.handling == Handling::Oversend { delvis_medhold: true })));
        assert!(har(&|s| s.steg.iter().any(|st| st.handling == Handling::KlagPaaAvvisning)));
        assert!(har(&|s| s.steg.iter().any(|st| st.handling == Handling::SvarPaaOpplysninger)));
        assert!(har(&|s| s.skjema.vedtaksdato.is_empty() && s.skjema.kjent_dato.is_empty()));
        assert!(resultat.iter().any(|(_, a)| a.ny.advarsler().contains(&Advarsel::EtterKlagefristen)));
        assert!(resultat.iter().any(|(_, a)| a.ny.advarsler().contains(&Advarsel::OverAbsoluttGrense)));
    }

    #[test]
    fn open_cases_are_recent_and_a_few_are_past_the_target() {
        let mut over_maal = 0;
        for (_, avspilt) in alle() {
            if avspilt.tilstand.status.er_aapen() {
                assert_eq!(avspilt.ny.mottatt_dato.year(), 2026, "{:?}", avspilt.ny.mottatt_dato);
                if let Some(mottatt_sf) = avspilt.mottatt_sf {
                    if frist::maaldato(mottatt_sf) < referansedag() {
                        over_maal += 1;
                    }
                }
            }
        }
        assert!(over_maal >= 3, "{over_maal}");
    }

    #[test]
    fn the_slide_exactly() {
        let resultat = alle();
        let avgjorte: Vec<AvgjortSak> = resultat
            .iter()
            .filter_map(|(_, a)| {
                a.avgjort.map(|(avgjort, utfall)| AvgjortSak {
                    statsforvalter: a.ny.statsforvalter.clone(),
                    avgjort,
                    utfall,
                    rettigheter: a.ny.rettigheter.clone(),
                    kategorier: a.ny.kategorier.clone(),
                })
            })
            .collect();
        let periode = Periode { fra: Some(dato(2020, 1, 1)), til: Some(lysbildets_slutt()) };
        let medhold = resultat
            .iter()
            .flat_map(|(sak, _)| &sak.steg)
            .filter(|steg| steg.handling == Handling::GiMedhold && periode.inneholder(steg.dato))
            .count() as u64;
        let oversikt = landsoversikt(periode, &avgjorte, &referanse::statsforvalterkoder(), medhold, referansedag());
        assert_eq!(
            oversikt.oppsummering,
            "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet."
        );
        // Nothing decided before the demo begins, and avvist/trukket only after the slide.
        for sak in &avgjorte {
            assert!(sak.avgjort >= dato(2020, 1, 1));
            if matches!(sak.utfall, Utfall::Avvist | Utfall::Trukket) {
                assert!(sak.avgjort > lysbildets_slutt());
            }
        }
        for Lysbildesak { avgjort: (aar, maaned, dag), .. } in LYSBILDET {
            assert!(frist::er_virkedag(dato(aar, maaned, dag)));
        }
    }

    #[test]
    fn all_offices_and_many_municipalities() {
        let resultat = alle();
        let kontorer: BTreeSet<&str> = resultat.iter().map(|(_, a)| a.ny.statsforvalter.as_str()).collect();
        assert_eq!(kontorer.len(), 10);
        let kommuner: BTreeSet<&str> = resultat.iter().map(|(_, a)| a.ny.kommune.as_str()).collect();
        assert!(kommuner.len() >= 150, "{}", kommuner.len());
    }

    #[test]
    fn content_fits_the_law() {
        for (_, avspilt) in alle() {
            let ny = &avspilt.ny;
            // Coordinator rights only for decisions from 1 August 2022, or omissions.
            assert!(!ny.advarsler().contains(&Advarsel::KoordinatorrettFoer2022), "{}", ny.sammendrag);
            if ny.rettigheter.contains(&Rettighet::Barnekoordinator) {
                assert_eq!(ny.aldersgruppe, Aldersgruppe::Barn);
            }
            if ny.rettigheter.iter().any(|r| matches!(r, Rettighet::Koordinator | Rettighet::Barnekoordinator)) {
                assert!(ny.vedtaksdato.is_none_or(|d| d >= dato(2022, 8, 1)));
                assert!(ny.mottatt_dato >= dato(2022, 8, 1));
            }
            if ny.vedtaksdato.is_none() {
                assert!(ny.kjent_dato.is_none());
            }
        }
    }

    #[test]
    fn names_are_made_up_and_identity_numbers_synthetic() {
        let resultat = alle();
        let mut med_fnr = 0;
        for (_, avspilt) in &resultat {
            let navn = avspilt.ny.navn.as_deref().expect("every demo case has a name");
            assert!(ETTERNAVN.iter().chain(&ETTERNAVN_KVINNE).any(|e| navn.ends_with(e)), "{navn}");
            if let Some(fnr) = &avspilt.ny.fnr {
                assert!(fnr.er_syntetisk(), "{}", fnr.maskert());
                // Month + 80: the third digit is 8 or 9, never a real person's month.
                assert!(matches!(&fnr.som_tekst()[2..3], "8" | "9"));
                med_fnr += 1;
            }
        }
        let andel = med_fnr * 100 / resultat.len();
        assert!((40..=60).contains(&andel), "{andel} %");
    }

    /// Prints the figures worth knowing: `cargo test demo::tests::figures -- --nocapture`.
    #[test]
    fn figures() {
        let resultat = alle();
        let mut per_status: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_utfall: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_kontor: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_aar: BTreeMap<i32, usize> = BTreeMap::new();
        let mut per_klager: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_kategori: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_rett: BTreeMap<&str, usize> = BTreeMap::new();
        let (mut barn, mut saarbar, mut fnr, mut sen, mut unnlatelse, mut via_sf, mut delvis, mut opplysninger, mut paaklaget) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (sak, a) in &resultat {
            *per_status.entry(a.tilstand.status.kode()).or_default() += 1;
            if let Some(u) = a.tilstand.utfall {
                *per_utfall.entry(u.kode()).or_default() += 1;
            }
            *per_kontor.entry(a.ny.statsforvalter.as_str()).or_default() += 1;
            *per_aar.entry(a.ny.mottatt_dato.year()).or_default() += 1;
            *per_klager.entry(a.ny.klager.kode()).or_default() += 1;
            for k in &a.ny.kategorier {
                *per_kategori.entry(k.kode()).or_default() += 1;
            }
            for r in &a.ny.rettigheter {
                *per_rett.entry(r.kode()).or_default() += 1;
            }
            barn += usize::from(a.ny.aldersgruppe == Aldersgruppe::Barn);
            saarbar += usize::from(a.ny.saarbar_overgang);
            fnr += usize::from(a.ny.fnr.is_some());
            sen += usize::from(a.ny.fristvurdering().for_sent);
            unnlatelse += usize::from(a.ny.vedtaksdato.is_none());
            via_sf += usize::from(a.ny.mottaker == Mottaker::Statsforvalteren);
            delvis += usize::from(sak.steg.iter().any(|s| s.handling == Handling::Oversend { delvis_medhold: true }));
            opplysninger += usize::from(sak.steg.iter().any(|s| s.handling == Handling::BeOmOpplysninger));
            paaklaget += usize::from(sak.steg.iter().any(|s| s.handling == Handling::KlagPaaAvvisning));
        }
        println!("cases: {}", resultat.len());
        println!("status: {per_status:?}");
        println!("utfall: {per_utfall:?}");
        println!("kontor: {per_kontor:?}");
        println!("mottatt per aar: {per_aar:?}");
        println!("klager: {per_klager:?}");
        println!("kategori: {per_kategori:?}");
        println!("rettighet: {per_rett:?}");
        println!(
            "barn {barn}, saarbar {saarbar}, fnr {fnr}, for sent {sen}, unnlatelse {unnlatelse}, via SF {via_sf}, delvis medhold {delvis}, opplysninger {opplysninger}, paaklaget avvisning {paaklaget}"
        );
    }
}
