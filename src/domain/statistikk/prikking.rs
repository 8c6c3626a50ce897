//! Suppression of small counts (prikking): which cells of a response are hidden so that no
//! person can be picked out.
//!
//! The rule, as Helsetilsynet and SSB practise it:
//! - *Primary*: a count of 1–4 in a sensitive cell (a single municipality, a county that is
//!   only part of its office, or anything when the whole selection is such an area) is hidden.
//!   0 is shown: it identifies nobody.
//! - *Secondary*: no hidden value may be worked out from what is shown beside it. A response
//!   is a set of cells and additive relations between them (a total and its parts). An
//!   attacker who knows that a hidden primary cell lies in 1..=4, that any other hidden cell is
//!   at least 0, and every shown value, narrows each hidden cell to an interval by propagating
//!   the relations; a hidden primary cell whose interval is a single value is revealed. While
//!   that happens, the smallest shown sensitive cell in one of its relations is hidden too.
//!
//! Office and national figures are never sensitive (they are published as they are), so when
//! an office's only sensitive parts are all hidden and the office total still gives one of them
//! away, nothing more can be done: [`Prikking::uunngaaelig`] says so, and the property tests
//! check that this is the only way a value is ever revealed.

use serde::{Deserialize, Serialize};

/// A count as published: `None` when it is suppressed (shown as "under 5", `null`, `:`).
pub type Antall = Option<u64>;

/// The lowest count shown in a sensitive cell.
pub const MINSTE_VISTE: u64 = 5;

/// How many candidates secondary suppression tries in one round before it settles for the
/// nearest (each try is a full interval computation).
const MAKS_FORSOEK: usize = 24;

/// One additive relation: the cell `total` equals the sum of the cells `deler`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relasjon {
    pub total: usize,
    pub deler: Vec<usize>,
}

/// The cells of one response and what is known about them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Celler {
    verdier: Vec<u64>,
    foelsom: Vec<bool>,
    relasjoner: Vec<Relasjon>,
    /// Known bounds: the cell `total` is at most the sum of `deler` (a part is at most its
    /// whole; a case with at least one right counts at least once among the rights).
    ulikheter: Vec<Relasjon>,
}

/// The result: which cells are hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prikking {
    skjult: Vec<bool>,
    verdier: Vec<u64>,
    /// Primary cells that the shown non-sensitive totals give away whatever is hidden.
    pub uunngaaelig: Vec<usize>,
}

impl Celler {
    pub fn new() -> Celler {
        Celler::default()
    }

    /// Adds a cell and returns its index. `foelsom` cells are subject to suppression.
    pub fn celle(&mut self, verdi: u64, foelsom: bool) -> usize {
        self.verdier.push(verdi);
        self.foelsom.push(foelsom);
        self.verdier.len() - 1
    }

    /// Declares that `total` is the sum of `deler`. The caller vouches for the arithmetic.
    pub fn relasjon(&mut self, total: usize, deler: Vec<usize>) {
        if !deler.is_empty() {
            debug_assert_eq!(self.verdier[total], deler.iter().map(|&d| self.verdier[d]).sum::<u64>());
            self.relasjoner.push(Relasjon { total, deler });
        }
    }

    /// Declares that `mindre` is at most the sum of `deler`. The caller vouches for it.
    pub fn hoeyst(&mut self, mindre: usize, deler: Vec<usize>) {
        if !deler.is_empty() {
            debug_assert!(self.verdier[mindre] <= deler.iter().map(|&d| self.verdier[d]).sum::<u64>());
            self.ulikheter.push(Relasjon { total: mindre, deler });
        }
    }

    pub fn verdi(&self, celle: usize) -> u64 {
        self.verdier[celle]
    }

    pub fn len(&self) -> usize {
        self.verdier.len()
    }

    pub fn is_empty(&self) -> bool {
        self.verdier.is_empty()
    }

    fn primaer(&self, i: usize) -> bool {
        self.foelsom[i] && (1..MINSTE_VISTE).contains(&self.verdier[i])
    }

    /// Primary suppression, then secondary until no hidden value can be worked out.
    ///
    /// Two attackers are considered. The strict one knows which hidden cells are the small
    /// ones (1..=4); the plain one sees only that a cell is hidden (from 0 up). A cell that
    /// the strict attacker pins down even with every sensitive cell hidden (an office with a
    /// single complaint of some kind, say) cannot be helped against *that* attacker, and
    /// hiding more would only blank the whole office; such a cell is protected against the
    /// plain attacker instead, who cannot tell the small cells from the others.
    pub fn prikk(&self) -> Prikking {
        let mut skjult: Vec<bool> = (0..self.len()).map(|i| self.primaer(i)).collect();
        let alle_skjult: Vec<bool> = (0..self.len()).map(|i| self.foelsom[i]).collect();
        let uhjelpelige = self.avslorte(&alle_skjult);
        // Each round hides one more cell, so this ends after at most `len` rounds.
        loop {
            // First the rule statistics offices use for linked tables: no relation may have a
            // single hidden cell (the others and the total would give it). Its partner is the
            // smallest shown sensitive cell of the relation, non-zero first; ties go to the
            // lowest index, so the same area tends to be the partner in every column.
            if let Some(c) = self.eneste_skjulte(&skjult) {
                skjult[c] = true;
                continue;
            }
            let vanlig = self.avslorte_uten_kunnskap(&skjult);
            let avslort: Vec<usize> =
                self.avslorte(&skjult).into_iter().filter(|c| !uhjelpelige.contains(c) || vanlig.contains(c)).collect();
            let mut ny = None;
            let mut reserve = None;
            let mut forsoek = 0;
            'leting: for &celle in &avslort {
                // Candidates, nearest first: the shown sensitive cells of the relations the
                // revealed cell takes part in, then one relation further out, and so on
                // through the linked cells; within a ring non-zero before zero (a zero beside
                // a hidden cell adds little doubt) and small before large. The first that
                // alone stops the cell from being pinned down is hidden. A cell pinned down in
                // several ways is freed by freeing its neighbours first, so every revealed
                // cell is tried before settling for the nearest candidate of the first.
                let kjenner_de_smaa = !vanlig.contains(&celle);
                let mut naere = vec![celle];
                let mut sett = vec![false; self.len()];
                sett[celle] = true;
                let mut forste = None;
                while !naere.is_empty() && forsoek < MAKS_FORSOEK {
                    let mut neste = Vec::new();
                    for r in self
                        .relasjoner
                        .iter()
                        .chain(&self.ulikheter)
                        .filter(|r| naere.iter().any(|&n| r.total == n || r.deler.contains(&n)))
                    {
                        for c in std::iter::once(r.total).chain(r.deler.iter().copied()) {
                            if !sett[c] {
                                sett[c] = true;
                                neste.push(c);
                            }
                        }
                    }
                    let mut kandidater: Vec<usize> = neste.iter().copied().filter(|&c| self.foelsom[c] && !skjult[c]).collect();
                    kandidater.sort_by_key(|&c| (self.verdier[c] == 0, self.verdier[c], c));
                    for &c in kandidater.iter().take(MAKS_FORSOEK - forsoek) {
                        forste.get_or_insert(c);
                        forsoek += 1;
                        skjult[c] = true;
                        let fortsatt = self.avslorte_med(&skjult, kjenner_de_smaa).contains(&celle);
                        skjult[c] = false;
                        if !fortsatt {
                            ny = Some(c);
                            break 'leting;
                        }
                    }
                    naere = neste;
                }
                reserve = reserve.or(forste);
            }
            // No single cell frees any revealed cell: hide the nearest candidate of the first.
            if ny.is_none() {
                ny = reserve;
            }
            match ny {
                Some(c) => skjult[c] = true,
                None => {
                    return Prikking { uunngaaelig: self.avslorte(&skjult), skjult, verdier: self.verdier.clone() };
                }
            }
        }
    }

    /// A partner for the first relation with exactly one hidden cell, if any has one.
    fn eneste_skjulte(&self, skjult: &[bool]) -> Option<usize> {
        self.relasjoner.iter().find_map(|r| {
            let medlemmer = || std::iter::once(r.total).chain(r.deler.iter().copied());
            if medlemmer().filter(|&c| skjult[c]).count() != 1 {
                return None;
            }
            medlemmer().filter(|&c| self.foelsom[c] && !skjult[c]).min_by_key(|&c| (self.verdier[c] == 0, self.verdier[c], c))
        })
    }

    /// The hidden primary cells an attacker who knows which hidden cells are the small ones
    /// can pin down, given what `skjult` hides.
    pub fn avslorte(&self, skjult: &[bool]) -> Vec<usize> {
        self.avslorte_med(skjult, true)
    }

    /// The hidden primary cells an attacker who sees only that a cell is hidden can pin down.
    pub fn avslorte_uten_kunnskap(&self, skjult: &[bool]) -> Vec<usize> {
        self.avslorte_med(skjult, false)
    }

    fn avslorte_med(&self, skjult: &[bool], kjenner_de_smaa: bool) -> Vec<usize> {
        let intervaller = self.intervaller(skjult, kjenner_de_smaa);
        (0..self.len()).filter(|&i| skjult[i] && self.primaer(i) && intervaller[i].0 == intervaller[i].1).collect()
    }

    /// What an attacker can know of every cell: shown cells exactly, hidden primary cells in
    /// 1..=4 (if `kjenner_de_smaa`), other hidden cells from 0 up, narrowed by the relations
    /// until nothing changes.
    fn intervaller(&self, skjult: &[bool], kjenner_de_smaa: bool) -> Vec<(u64, u64)> {
        const UENDELIG: u64 = u64::MAX / 4;
        let mut iv: Vec<(u64, u64)> = (0..self.len())
            .map(|i| {
                if !skjult[i] {
                    (self.verdier[i], self.verdier[i])
                } else if kjenner_de_smaa && self.primaer(i) {
                    (1, MINSTE_VISTE - 1)
                } else {
                    (0, UENDELIG)
                }
            })
            .collect();
        loop {
            let mut endret = false;
            for r in &self.relasjoner {
                let sum_lav: u64 = r.deler.iter().map(|&d| iv[d].0).sum();
                // Upper bounds: a finite sum and how many parts are unbounded.
                let uendelige = r.deler.iter().filter(|&&d| iv[d].1 >= UENDELIG).count();
                let endelig_sum: u64 =
                    r.deler.iter().map(|&d| iv[d].1).filter(|&h| h < UENDELIG).fold(0, u64::saturating_add).min(UENDELIG);
                let sum_hoy = if uendelige > 0 { UENDELIG } else { endelig_sum };
                // The total lies between the sums of its parts.
                let (tl, th) = iv[r.total];
                let ny_total = (tl.max(sum_lav), th.min(sum_hoy));
                if ny_total != iv[r.total] {
                    iv[r.total] = ny_total;
                    endret = true;
                }
                // Each part is the total minus the others.
                for &d in &r.deler {
                    let (dl, dh) = iv[d];
                    let andre_lav = sum_lav - dl;
                    let andre_uendelige = uendelige - usize::from(dh >= UENDELIG);
                    let lav = if andre_uendelige > 0 {
                        0
                    } else {
                        let andre_hoy = endelig_sum - if dh < UENDELIG { dh } else { 0 };
                        iv[r.total].0.saturating_sub(andre_hoy)
                    };
                    // An upper bound left from "unbounded" minus something stays unbounded.
                    let hoy = match iv[r.total].1.saturating_sub(andre_lav) {
                        h if h >= UENDELIG / 2 => UENDELIG,
                        h => h,
                    };
                    let ny = (dl.max(lav), dh.min(hoy));
                    if ny != iv[d] {
                        iv[d] = ny;
                        endret = true;
                    }
                }
            }
            // A bounded cell is at most the sum of its bounds, and each bound at least the
            // cell minus the others.
            for r in &self.ulikheter {
                let hoy = r.deler.iter().map(|&d| iv[d].1).fold(0, u64::saturating_add).min(UENDELIG);
                if hoy < iv[r.total].1 {
                    iv[r.total].1 = hoy;
                    endret = true;
                }
                for &d in &r.deler {
                    let andre = r.deler.iter().filter(|&&x| x != d).map(|&x| iv[x].1).fold(0, u64::saturating_add);
                    let lav = if andre >= UENDELIG { 0 } else { iv[r.total].0.saturating_sub(andre) };
                    if lav > iv[d].0 {
                        iv[d].0 = lav;
                        endret = true;
                    }
                }
            }
            if !endret {
                return iv;
            }
        }
    }
}

impl Prikking {
    /// The cell as published.
    pub fn vis(&self, celle: usize) -> Antall {
        (!self.skjult[celle]).then_some(self.verdier[celle])
    }

    pub fn er_skjult(&self, celle: usize) -> bool {
        self.skjult[celle]
    }

    /// How many cells are hidden.
    pub fn antall_skjult(&self) -> usize {
        self.skjult.iter().filter(|&&s| s).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An office total (not sensitive) with sensitive parts.
    fn kontor(deler: &[u64]) -> (Celler, usize, Vec<usize>) {
        let mut c = Celler::new();
        let total = c.celle(deler.iter().sum(), false);
        let d: Vec<usize> = deler.iter().map(|&v| c.celle(v, true)).collect();
        c.relasjon(total, d.clone());
        (c, total, d)
    }

    #[test]
    fn one_small_count_beside_a_total_takes_another_with_it() {
        let (c, total, d) = kontor(&[3, 40, 12, 0]);
        let p = c.prikk();
        assert_eq!(p.vis(total), Some(55));
        assert_eq!(p.vis(d[0]), None);
        assert_eq!(p.vis(d[2]), None, "the smallest non-zero shown part goes too");
        assert_eq!(p.vis(d[1]), Some(40));
        assert_eq!(p.vis(d[3]), Some(0), "0 is shown");
        assert!(p.uunngaaelig.is_empty());
    }

    #[test]
    fn two_ones_are_not_enough() {
        // 1 + 1 = 2 pins both down when both are known to be 1..=4.
        let (c, _, d) = kontor(&[1, 1, 9]);
        let p = c.prikk();
        assert!(d.iter().all(|&i| p.er_skjult(i)));
        assert!(p.uunngaaelig.is_empty());
    }

    #[test]
    fn a_small_office_cannot_be_helped() {
        let (c, _, d) = kontor(&[1, 0]);
        let p = c.prikk();
        assert_eq!(p.uunngaaelig, vec![d[0]]);
        assert!(p.er_skjult(d[1]));
    }

    /// A random office: counties of municipalities, small counts likely.
    fn embete() -> impl Strategy<Value = Vec<Vec<u64>>> {
        prop::collection::vec(prop::collection::vec(prop_oneof![3 => 0u64..6, 1 => 0u64..40], 1..6), 1..5)
    }

    proptest! {
        /// Suppression never reveals a value: every hidden primary cell is either
        /// ambiguous, or every sensitive cell beside it is hidden and only the published office
        /// total gives it away.
        #[test]
        fn suppression_never_reveals_a_value(fylker in embete()) {
            let mut c = Celler::new();
            let kontor_sum: u64 = fylker.iter().flatten().sum();
            let kontor = c.celle(kontor_sum, false);
            let mut fylkesceller = Vec::new();
            let mut alle_kommuner = Vec::new();
            let del = fylker.len() > 1;
            for kommuner in &fylker {
                let f = c.celle(kommuner.iter().sum(), del);
                let k: Vec<usize> = kommuner.iter().map(|&v| c.celle(v, true)).collect();
                c.relasjon(f, k.clone());
                fylkesceller.push(f);
                alle_kommuner.extend(k);
            }
            c.relasjon(kontor, fylkesceller.clone());
            c.relasjon(kontor, alle_kommuner.clone());
            let p = c.prikk();
            for i in 0..c.len() {
                // Primary: every 1..=4 sensitive cell is hidden, and only the sensitive are.
                if i != kontor && (1..5).contains(&c.verdi(i)) && (i == kontor || fylkesceller.contains(&i) && del || alle_kommuner.contains(&i)) {
                    prop_assert!(p.er_skjult(i));
                }
            }
            prop_assert!(!p.er_skjult(kontor));
            let skjult: Vec<bool> = (0..c.len()).map(|i| p.er_skjult(i)).collect();
            // Against an attacker who cannot tell the small hidden cells from the others,
            // nothing is revealed unless it could not be helped.
            for i in c.avslorte_uten_kunnskap(&skjult) {
                prop_assert!(p.uunngaaelig.contains(&i), "cell {i} is revealed to anyone");
            }
            let alle_skjult: Vec<bool> = (0..c.len()).map(|i| c.foelsom[i]).collect();
            let uhjelpelige = c.avslorte(&alle_skjult);
            for i in c.avslorte(&skjult).into_iter().filter(|i| !uhjelpelige.contains(i)) {
                prop_assert!(p.uunngaaelig.contains(&i));
                // Unavoidable only when every sensitive cell beside it is hidden too.
                for r in c.relasjoner.iter().filter(|r| r.total == i || r.deler.contains(&i)) {
                    for j in std::iter::once(r.total).chain(r.deler.iter().copied()) {
                        prop_assert!(!c.foelsom[j] || p.er_skjult(j), "cell {j} could have been hidden");
                    }
                }
            }
        }
    }
}
