//! Processing time at the governor: days from the case was received by Statsforvalteren to the
//! decision was sent, as median, 90th percentile and the share decided within the 3-month
//! target (at least 90 % should be, DOMAIN.md step 3).
//!
//! The figures are computed from a histogram of whole days, which the database can build with
//! one GROUP BY at any scale: a percentile from a histogram is exact, not an estimate. The
//! percentiles are *nearest rank*: the p-th percentile of n cases is the ⌈p·n/100⌉-th
//! smallest, so it is always a processing time that actually occurred.
//! "Within 3 months" is the calendar rule of `frist::maaldato` (decided on or before the same
//! date three months later), which the database counts alongside; it is not a number of days.

use serde::{Deserialize, Serialize};

/// The target share of cases decided within 3 months.
pub const MAAL_ANDEL_INNEN_TRE_MAANEDER: f64 = 0.9;

/// One bar of the histogram: how many cases took `dager` days, and how many of them were
/// decided within the 3-month target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dagtall {
    pub dager: i64,
    pub antall: u64,
    pub innen_maal: u64,
}

/// The processing-time figures for one group of cases.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Behandlingstid {
    /// How many decided cases the figures are computed from; `None` in a small area where
    /// the count is not published (it would give away a suppressed cell).
    pub antall: Option<u64>,
    /// Median days; `None` when there are no cases (or they are suppressed).
    pub median_dager: Option<i64>,
    /// 90th percentile in days.
    pub p90_dager: Option<i64>,
    /// Share (0–1) decided within 3 months.
    pub andel_innen_tre_maaneder: Option<f64>,
}

/// The nearest-rank percentile `p` (0 < p ≤ 100) of a histogram; `None` when it is empty.
pub fn persentil(histogram: &[Dagtall], p: u32) -> Option<i64> {
    let mut sortert: Vec<&Dagtall> = histogram.iter().filter(|d| d.antall > 0).collect();
    sortert.sort_by_key(|d| d.dager);
    let n: u64 = sortert.iter().map(|d| d.antall).sum();
    if n == 0 {
        return None;
    }
    // ⌈p·n/100⌉, at least the first.
    let rang = (u64::from(p) * n).div_ceil(100).max(1);
    let mut sett = 0;
    for d in sortert {
        sett += d.antall;
        if sett >= rang {
            return Some(d.dager);
        }
    }
    None
}

/// Median, p90 and the share within 3 months of a histogram.
pub fn behandlingstid(histogram: &[Dagtall]) -> Behandlingstid {
    let antall: u64 = histogram.iter().map(|d| d.antall).sum();
    let innen: u64 = histogram.iter().map(|d| d.innen_maal).sum();
    Behandlingstid {
        antall: Some(antall),
        median_dager: persentil(histogram, 50),
        p90_dager: persentil(histogram, 90),
        andel_innen_tre_maaneder: (antall > 0).then(|| innen as f64 / antall as f64),
    }
}

/// The least number of cases whose median is published in a small area.
pub const MINSTE_FOR_MEDIAN: u64 = 5;
/// The least number of cases whose 90th percentile (near the longest one) is published.
pub const MINSTE_FOR_P90: u64 = 10;

/// The figures of a small area (a municipality, part of an office), where a handful of cases
/// would show individual durations and a share would give away a small count. `publisert` is
/// the area's count as published beside them: nothing is shown unless it is published and
/// equal to the cases the figures come from; the median from 5 cases, the 90th percentile
/// from 10, and the share only when the cases within and beyond the target are each 0 or at
/// least 5.
pub fn for_lite_omraade(b: &Behandlingstid, publisert: Option<u64>) -> Behandlingstid {
    let n = match (b.antall, publisert) {
        (Some(n), Some(p)) if n == p => n,
        _ => return Behandlingstid::default(),
    };
    let innen = b.andel_innen_tre_maaneder.map_or(0, |a| (a * n as f64).round() as u64);
    let trygg = |k: u64| k == 0 || k >= super::prikking::MINSTE_VISTE;
    Behandlingstid {
        antall: Some(n),
        median_dager: b.median_dager.filter(|_| n >= MINSTE_FOR_MEDIAN),
        p90_dager: b.p90_dager.filter(|_| n >= MINSTE_FOR_P90),
        andel_innen_tre_maaneder: b.andel_innen_tre_maaneder.filter(|_| trygg(innen) && trygg(n - innen.min(n))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hist(dager: &[i64]) -> Vec<Dagtall> {
        dager.iter().map(|&d| Dagtall { dager: d, antall: 1, innen_maal: u64::from(d <= 90) }).collect()
    }

    #[test]
    fn nearest_rank() {
        let h = hist(&[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        assert_eq!(persentil(&h, 50), Some(50));
        assert_eq!(persentil(&h, 90), Some(90));
        let b = behandlingstid(&h);
        assert_eq!(b.antall, Some(10));
        assert_eq!(b.andel_innen_tre_maaneder, Some(0.9));
        assert_eq!(persentil(&hist(&[7]), 90), Some(7));
        assert_eq!(behandlingstid(&[]).median_dager, None);
    }

    #[test]
    fn a_small_area_shows_nothing_that_gives_away_a_small_count() {
        let b = behandlingstid(&hist(&[10, 20, 30, 40, 50, 60, 100]));
        // The count must be the published one: hidden or different shows nothing.
        assert_eq!(for_lite_omraade(&b, None), Behandlingstid::default());
        assert_eq!(for_lite_omraade(&b, Some(8)), Behandlingstid::default());
        let vist = for_lite_omraade(&b, Some(7));
        assert_eq!((vist.antall, vist.median_dager, vist.p90_dager), (Some(7), Some(40), None), "p90 of 7 is the longest case");
        assert_eq!(vist.andel_innen_tre_maaneder, None, "6 of 7 would say 1 case took longer");
        let b = behandlingstid(&hist(&[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]));
        let vist = for_lite_omraade(&b, Some(11));
        assert_eq!((vist.median_dager, vist.p90_dager, vist.andel_innen_tre_maaneder), (Some(60), Some(100), None));
        let alle_innen = behandlingstid(&hist(&[10, 20, 30, 40, 50]));
        assert_eq!(for_lite_omraade(&alle_innen, Some(5)).andel_innen_tre_maaneder, Some(1.0));
    }

    proptest! {
        /// The histogram gives the same percentile as sorting the raw values.
        #[test]
        fn histogram_equals_sorting(mut dager in prop::collection::vec(0i64..400, 1..200), p in 1u32..=100) {
            let mut h: std::collections::BTreeMap<i64, u64> = Default::default();
            for &d in &dager { *h.entry(d).or_default() += 1; }
            let h: Vec<Dagtall> = h.into_iter().map(|(dager, antall)| Dagtall { dager, antall, innen_maal: 0 }).collect();
            dager.sort_unstable();
            let rang = (u64::from(p) * dager.len() as u64).div_ceil(100).max(1) as usize;
            prop_assert_eq!(persentil(&h, p), Some(dager[rang - 1]));
            prop_assert!(persentil(&h, 50) <= persentil(&h, 90));
        }
    }
}
