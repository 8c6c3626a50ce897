//! Demo data: about 400 fictional complaints, the same every time.
//!
//! The cases are meant for showing and testing the app, so they have to look like the field:
//! complaints from all ten offices and many municipalities (more where more people live), the
//! rights and categories people actually complain about, a plausible mix of complainants, late
//! complaints and complaints about omissions, every status and every outcome, and open cases
//! that are recent. Every name is obviously made up and every fødselsnummer is a synthetic one
//! (month + 80, [`Fodselsnummer::syntetisk`](crate::domain::fnr::Fodselsnummer::syntetisk)), so nothing here can point at a real person.
//!
//! The data also reproduce the field's slide exactly: for 01.01.2020 – 19.09.2023 the national
//! overview says "27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet
//! klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet." Those 27 decisions come from a
//! fixed table (`lysbilde`); every other decision by a governor is dated after 19.09.2023, so
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
//! How the parts fit: [`generer`] draws the orders of cases (`lysbilde` for the slide's,
//! `bestilling` for the rest), then makes each case from its order on a random stream of its
//! own: the steps and their dates (`historikk`), who complains and about what (`innhold`), and
//! the words (`tekster`). `tilfeldig` is the randomness and `kalender` the dates;
//! [`statistikkrader`] (`masse`) is a separate bulk path for the statistics.
//!
//! [`Tilstand::utfoer`]: crate::domain::status::Tilstand::utfoer

use chrono::{Days, NaiveDate};

use crate::domain::klage::KlageSkjema;
use crate::domain::kode::{Aldersgruppe, Mottaker};
use crate::domain::status::Handling;

mod bestilling;
mod historikk;
mod innhold;
mod kalender;
mod lysbilde;
mod masse;
mod tekster;
#[cfg(test)]
mod tests;
mod tilfeldig;

use bestilling::{aapne_saker, kommunale_saker_foer_2023, saker_fra_2023, Avvisningsgrunn, Bestilling, Forloep};
use historikk::tidslinje;
use innhold::{fnr, klagegrunnlag, person, tema};
use kalender::{dato, iso, virkedag_fram};
use lysbilde::lysbildets_saker;
use tekster::{fletting, navn, notat, sammendrag, Innhold};
use tilfeldig::Tilfeldig;

pub use masse::statistikkrader;

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

/// One case made from its order: the form, then every step with its note.
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
