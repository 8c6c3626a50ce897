//! The field's slide, reproduced exactly: the 27 decisions behind "27 klager totalt – 16 fra
//! 2022/2023. 8 av 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og
//! 3 ble opphevet." for 01.01.2020 – 19.09.2023, and the orders that generate their cases.
//! Every other decision by a governor is dated after the slide's period (see
//! [`Bestilling::etter_lysbildet`]).

use chrono::NaiveDate;

use super::bestilling::{velg_kommune, Avvisningsgrunn, Bestilling, Forloep, Slutt, Tidfesting};
use super::kalender::dato;
use super::tilfeldig::Tilfeldig;
use crate::domain::kode::Utfall;

/// The last day of the period on the field's slide ("Landsoversikt 2020 – 19.09.2023").
pub(super) fn lysbildets_slutt() -> NaiveDate {
    dato(2023, 9, 19)
}

/// One of the slide's decisions.
pub(super) struct Lysbildesak {
    /// The office that decided.
    kontor: &'static str,
    /// The day the decision was sent: year, month, day.
    pub(super) avgjort: (i32, u32, u32),
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
pub(super) const LYSBILDET: [Lysbildesak; 27] = [
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

pub(super) fn lysbildets_saker(rng: &mut Tilfeldig) -> Vec<Bestilling> {
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
