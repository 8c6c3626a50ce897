//! Statistics on the complaints: what each published figure means, and the period every
//! figure is counted over.
//!
//! The field's slides summarise a period like this: "27 klager totalt – 16 fra 2022/2023. 8 av
//! 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble
//! opphevet." The dashboard publishes the figures behind such a sentence, the sentence itself,
//! and what people complain about, so the page, the API, the export and the `statistikk`
//! command all count the same way.
//!
//! The definitions, once:
//! - A complaint counts in a period when Statsforvalteren's decision was *sent* (`avgjort`)
//!   inside it, both ends included. All five outcomes count, withdrawals too: they are cases
//!   the governor closed. (The dashboard can also count by the governor's receipt; see
//!   [`dashbord`].)
//! - Per right and per category a complaint counts once for each distinct right or category it
//!   has, so those figures can add up to more than the total (DOMAIN.md, "Codes").
//! - Medhold hos kommunen never reaches the governor: it is counted beside the total, not in it.
//!
//! Where each part is: [`lager`] counts (the working set in memory), [`dashbord`] publishes
//! every figure of a [`filter`], [`prikking`] and [`familie`] protect them, [`offentlig`]
//! bounds what the public may ask, [`tabeller`] lays them out for the page and the exports;
//! [`behandlingstid`], [`styring`] and [`angrep`] are the processing time, the management
//! figures and the outsider the protection is tested against.
//!
//! The input carries no person and no case number: the directorate sees figures, never people.
//! Suppressing small cells is `prikking`'s job, applied by `dashbord` to every published figure.

pub mod angrep;
pub mod behandlingstid;
pub mod dashbord;
pub mod familie;
pub mod filter;
pub mod lager;
pub mod offentlig;
pub mod prikking;
pub mod styring;
pub mod tabeller;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A period of days. Both ends are inclusive; `None` is an open end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periode {
    /// The first day, if any.
    pub fra: Option<NaiveDate>,
    /// The last day, if any.
    pub til: Option<NaiveDate>,
}

impl Periode {
    /// Whether the day falls in the period, ends included.
    pub fn inneholder(&self, d: NaiveDate) -> bool {
        self.fra.is_none_or(|fra| fra <= d) && self.til.is_none_or(|til| d <= til)
    }
}

/// The years a period's table lists: from `fra`'s year (or the earliest counted one when
/// `fra` is open) to `til`'s year (or `idag`'s when open). With an open end, a count dated after
/// `idag` (or before an open start) still gets its year, and the years in between, so the
/// table has no gaps and adds up. `tidligste` and `seneste` are the years of the counted cases.
pub fn aarene(periode: Periode, idag: NaiveDate, tidligste: Option<i32>, seneste: Option<i32>) -> std::ops::RangeInclusive<i32> {
    let mut slutt = periode.til.unwrap_or(idag).year();
    let mut start = periode.fra.map(|fra| fra.year()).unwrap_or(tidligste.unwrap_or(slutt));
    if let (Some(tidligste), Some(seneste)) = (tidligste, seneste) {
        start = start.min(tidligste);
        slutt = slutt.max(seneste);
    }
    start..=slutt
}

/// The sub-period the summary mentions: the last two calendar years of the period (the end
/// year and the one before), as in "16 fra 2022/2023". The end year is `til`'s, or `idag`'s
/// when `til` is open.
///
/// `None` when the period lies within one calendar year (or is inverted), because then the
/// sub-period would be the whole period. An open `fra` reaches back indefinitely, so it always
/// spans two years.
pub fn delperiode(periode: Periode, idag: NaiveDate) -> Option<(i32, i32)> {
    let slutt = periode.til.unwrap_or(idag).year();
    let spenner_to_aar = periode.fra.is_none_or(|fra| slutt > fra.year());
    spenner_to_aar.then_some((slutt - 1, slutt))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(aar, maaned, dag).unwrap()
    }

    fn periode(fra: Option<NaiveDate>, til: Option<NaiveDate>) -> Periode {
        Periode { fra, til }
    }

    #[test]
    fn the_sub_period() {
        let idag = d(2025, 6, 1);
        assert_eq!(delperiode(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), idag), Some((2022, 2023)));
        assert_eq!(delperiode(periode(Some(d(2022, 12, 31)), Some(d(2023, 1, 1))), idag), Some((2022, 2023)));
        assert_eq!(delperiode(periode(Some(d(2023, 1, 1)), Some(d(2023, 12, 31))), idag), None);
        assert_eq!(delperiode(periode(Some(d(2020, 1, 1)), None), idag), Some((2024, 2025)));
        assert_eq!(delperiode(periode(Some(d(2025, 1, 1)), None), idag), None);
        assert_eq!(delperiode(periode(None, Some(d(2021, 5, 5))), idag), Some((2020, 2021)));
        assert_eq!(delperiode(Periode::default(), idag), Some((2024, 2025)));
        // Inverted: nothing to say.
        assert_eq!(delperiode(periode(Some(d(2024, 1, 1)), Some(d(2021, 1, 1))), idag), None);
    }
}
