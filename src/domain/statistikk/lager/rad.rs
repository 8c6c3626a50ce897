//! One complaint as a compact row of the working set (dates as day numbers, codes as indexes
//! and bit sets), the month arithmetic on day numbers, the offices met, and a filter compiled
//! to a mask over rows.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use super::telling::TETT_DAGER;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::statistikk::dashbord::{innen_maal, Statistikksak, HOS_STATSFORVALTEREN};
use crate::domain::statistikk::filter::{Grunnlag, Statistikkfilter, UNDER_BEHANDLING};
use crate::domain::status::Status;

/// A missing date.
pub(super) const INGEN_DATO: i32 = i32::MIN;
/// A municipality not in the reference data: such a case counts nowhere, as in `tell`.
pub(super) const UKJENT_KOMMUNE: u16 = u16::MAX;
/// No outcome (an open case).
const INTET_UTFALL: u8 = u8::MAX;
/// The index of `under_behandling`, after the five outcomes.
const UNDER: usize = Utfall::ALLE.len();
/// Outcome codes a figure splits into: the five outcomes and `under_behandling`.
pub(super) const N_UTFALL: usize = UNDER + 1;

/// Where a case stands, as far as the statistics care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tilstand {
    Avgjort,
    /// At the governor, not decided (one of [`HOS_STATSFORVALTEREN`] but `avgjort`).
    AapenHosStatsforvalteren,
    MedholdHosKommunen,
    Annen,
}

/// One complaint, compact: dates as day numbers, codes as indexes and bit sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Rad {
    pub(super) id: i64,
    pub(super) mottatt: i32,
    pub(super) avgjort: i32,
    pub(super) avsluttet_kommune: i32,
    pub(super) kommune: u16,
    pub(super) statsforvalter: u8,
    pub(super) tilstand: Tilstand,
    utfall: u8,
    pub(super) alder: u8,
    pub(super) rettigheter: u8,
    pub(super) kategorier: u8,
    pub(super) innen_maal: bool,
}

fn dagnummer(d: Option<NaiveDate>) -> i32 {
    d.map_or(INGEN_DATO, |d| d.num_days_from_ce())
}

pub(super) fn fra_dagnummer(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

/// A month as `aar * 12 + (maaned - 1)`.
pub(super) fn maaned_av(dag: i32) -> i32 {
    let d = fra_dagnummer(dag);
    d.year() * 12 + d.month0() as i32
}

pub(super) fn maanedsstart(m: i32) -> i32 {
    NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).map_or(INGEN_DATO, |d| d.num_days_from_ce())
}

pub(super) fn maanedstekst(m: i32) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

/// The bit set of codes among `alle`.
fn bitsett<T: PartialEq>(alle: &[T], valgt: &[T]) -> u8 {
    alle.iter().enumerate().filter(|(_, x)| valgt.contains(x)).fold(0, |s, (i, _)| s | (1 << i))
}

fn kommuneindeks(nummer: &str) -> u16 {
    static INDEKS: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    let indeks = INDEKS.get_or_init(|| referanse::kommuner().iter().enumerate().map(|(i, k)| (k.nummer.as_str(), i as u16)).collect());
    indeks.get(nummer).copied().unwrap_or(UKJENT_KOMMUNE)
}

/// The office codes of the rows: the reference offices first, then any other code met.
#[derive(Clone, Debug)]
pub(super) struct Embeter(pub(super) Vec<String>);

impl Embeter {
    pub(super) fn ny() -> Embeter {
        Embeter(referanse::statsforvaltere().iter().map(|s| s.kode.clone()).collect())
    }

    pub(super) fn indeks(&mut self, kode: &str) -> u8 {
        let i = self.0.iter().position(|k| k == kode).unwrap_or_else(|| {
            self.0.push(kode.to_owned());
            self.0.len() - 1
        });
        u8::try_from(i).unwrap_or(u8::MAX)
    }
}

impl Rad {
    pub(super) fn ny(id: i64, sak: &Statistikksak, embeter: &mut Embeter) -> Rad {
        let tilstand = match sak.status {
            Status::Avgjort => Tilstand::Avgjort,
            Status::MedholdHosKommunen => Tilstand::MedholdHosKommunen,
            s if HOS_STATSFORVALTEREN.contains(&s) => Tilstand::AapenHosStatsforvalteren,
            _ => Tilstand::Annen,
        };
        let innen = matches!((sak.mottatt_statsforvalter, sak.avgjort), (Some(m), Some(a)) if innen_maal(m, a));
        Rad {
            id,
            mottatt: dagnummer(sak.mottatt_statsforvalter),
            avgjort: dagnummer(sak.avgjort),
            avsluttet_kommune: dagnummer(sak.avsluttet_kommune),
            kommune: kommuneindeks(&sak.kommune),
            statsforvalter: embeter.indeks(&sak.statsforvalter),
            tilstand,
            utfall: sak.utfall.and_then(|u| Utfall::ALLE.iter().position(|x| *x == u)).map_or(INTET_UTFALL, |i| i as u8),
            alder: Aldersgruppe::ALLE.iter().position(|a| *a == sak.aldersgruppe).unwrap_or(0) as u8,
            rettigheter: bitsett(Rettighet::ALLE, &sak.rettigheter),
            kategorier: bitsett(Kategori::ALLE, &sak.kategorier),
            innen_maal: innen,
        }
    }

    /// The day that places the case in a period under `grunnlag`.
    pub(super) fn dato(&self, grunnlag: Grunnlag) -> i32 {
        match grunnlag {
            Grunnlag::Avgjort => self.avgjort,
            Grunnlag::Mottatt => self.mottatt,
        }
    }

    /// The outcome index the case counts with under `grunnlag` (as `Statistikkfilter::teller`).
    pub(super) fn utfall_under(&self, grunnlag: Grunnlag) -> usize {
        match (grunnlag, self.tilstand) {
            (_, Tilstand::Avgjort) if self.utfall != INTET_UTFALL => usize::from(self.utfall),
            _ => UNDER,
        }
    }

    /// Whether the case counts at all under `grunnlag`, before any filter.
    pub(super) fn teller_under(&self, grunnlag: Grunnlag) -> bool {
        match grunnlag {
            Grunnlag::Avgjort => self.tilstand == Tilstand::Avgjort && self.avgjort != INGEN_DATO && self.utfall != INTET_UTFALL,
            Grunnlag::Mottatt => {
                matches!(self.tilstand, Tilstand::Avgjort | Tilstand::AapenHosStatsforvalteren) && self.mottatt != INGEN_DATO
            }
        }
    }

    pub(super) fn har_behandlingstid(&self) -> bool {
        self.tilstand == Tilstand::Avgjort && self.mottatt != INGEN_DATO && self.avgjort != INGEN_DATO
    }

    /// The processing time in days, if the case has one within `0..=TETT_DAGER`.
    pub(super) fn tette_dager(&self) -> Option<usize> {
        let dager = self.har_behandlingstid().then(|| self.avgjort - self.mottatt)?;
        (0..=TETT_DAGER).contains(&dager).then_some(dager as usize)
    }
}

/// A filter compiled to indexes and bit sets. A zero bit set means "no choice".
pub(super) struct Maske {
    pub(super) kommuner: Option<Vec<bool>>,
    rettigheter: u8,
    kategorier: u8,
    alder: u8,
    /// `None`: no outcome choice; otherwise the chosen outcome indexes as bits.
    pub(super) utfall: Option<u8>,
}

impl Maske {
    pub(super) fn ny(f: &Statistikkfilter) -> Maske {
        let omraade = !(f.statsforvalter.is_empty() && f.fylke.is_empty() && f.kommune.is_empty());
        let utfallskoder: Vec<&str> = Utfall::ALLE.iter().map(|u| u.kode()).chain([UNDER_BEHANDLING]).collect();
        Maske {
            kommuner: omraade.then(|| referanse::kommuner().iter().map(|k| f.omfatter_kommune(k)).collect()),
            rettigheter: bitsett(Rettighet::ALLE, &f.rettighet),
            kategorier: bitsett(Kategori::ALLE, &f.kategori),
            alder: bitsett(Aldersgruppe::ALLE, &f.aldersgruppe),
            utfall: (!f.utfall.is_empty()).then(|| {
                utfallskoder.iter().enumerate().filter(|(_, k)| f.utfall.iter().any(|u| u == *k)).fold(0, |s, (i, _)| s | (1 << i))
            }),
        }
    }

    /// Whether the filter chooses nothing beyond the period and the date basis.
    pub(super) fn er_tom(&self) -> bool {
        self.kommuner.is_none() && self.rettigheter == 0 && self.kategorier == 0 && self.alder == 0 && self.utfall.is_none()
    }

    /// The area, right, category and age choices (as `Statistikkfilter::treffer_egenskaper`).
    pub(super) fn treffer_egenskaper(&self, r: &Rad) -> bool {
        r.kommune != UKJENT_KOMMUNE
            && self.kommuner.as_ref().is_none_or(|k| k[usize::from(r.kommune)])
            && (self.rettigheter == 0 || r.rettigheter & self.rettigheter != 0)
            && (self.kategorier == 0 || r.kategorier & self.kategorier != 0)
            && (self.alder == 0 || (1u8 << r.alder) & self.alder != 0)
    }

    pub(super) fn treffer(&self, r: &Rad, utfall: usize) -> bool {
        self.treffer_egenskaper(r) && self.utfall.is_none_or(|u| (1u8 << utfall) & u != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_arithmetic() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap().num_days_from_ce();
        let m = maaned_av(d);
        assert_eq!(maanedstekst(m), "2024-02");
        assert_eq!(fra_dagnummer(maanedsstart(m)), NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
        assert_eq!(fra_dagnummer(maanedsstart(m + 11)), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    }

    #[test]
    fn the_code_lists_fit_in_a_byte() {
        assert!(Rettighet::ALLE.len() <= 8 && Kategori::ALLE.len() <= 8 && Aldersgruppe::ALLE.len() <= 8 && N_UTFALL <= 8);
    }
}
