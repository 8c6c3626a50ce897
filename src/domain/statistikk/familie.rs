//! The public table family (tabellfamilie): the only figures below office level that anyone
//! without a directorate or leder login ever sees.
//!
//! Why a fixed family: suppression that is worked out per response can be undone by asking
//! twice (two periods a day apart, two selections one municipality apart, with and without a
//! filter) and subtracting. Statistics offices publish flexible tables safely by fixing, in
//! advance, *which* cells exist and protecting all of them together. Here the family is, for
//! each whole calendar year (decision date):
//!
//! > area (office area, county, municipality) × one [`Noekkel`]: the total, or one value of
//! > one dimension (outcome, age group, right, category).
//!
//! [`Tabellfamilie::beskytt`] suppresses the year's cells as one linked set: every office's
//! cells with all the additive relations between them (an office is the sum of its counties
//! and of its municipalities, a county of its municipalities, a total of its outcomes and of
//! its age groups), primary and secondary suppression by [`super::prikking`]. Each cell then
//! has one published value, whatever question it is part of the answer to, so combining any
//! number of answers gives an attacker nothing that the linked set does not already withstand.
//! Office areas are published exactly, as the rule says.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::filter::{Grunnlag, Statistikkfilter};
use super::prikking::{Antall, Celler};
use super::Periode;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;

/// One column of the family: the total, or one value of one dimension, as the filter
/// parameter that selects it (`utfall=stadfestet`, `aldersgruppe=barn`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Noekkel(String);

impl Noekkel {
    /// Every complaint of the area and year.
    pub fn totalt() -> Noekkel {
        Noekkel("totalt".to_owned())
    }

    /// One value of one dimension.
    pub fn verdi(dimensjon: &str, kode: &str) -> Noekkel {
        Noekkel(format!("{dimensjon}={kode}"))
    }

    /// Every column of the family, the total first.
    pub fn alle() -> Vec<Noekkel> {
        let mut n = vec![Noekkel::totalt()];
        n.extend(Noekkel::utfall());
        n.extend(Noekkel::aldersgrupper());
        n.extend(Noekkel::rettigheter());
        n.extend(Noekkel::kategorier());
        n
    }

    /// The rights: a case counts once for each it has.
    pub fn rettigheter() -> Vec<Noekkel> {
        Rettighet::ALLE.iter().map(|r| Noekkel::verdi("rettighet", r.kode())).collect()
    }

    /// The categories: a case counts once for each it has.
    pub fn kategorier() -> Vec<Noekkel> {
        Kategori::ALLE.iter().map(|k| Noekkel::verdi("kategori", k.kode())).collect()
    }

    /// The outcomes: they add up to the total.
    pub fn utfall() -> Vec<Noekkel> {
        Utfall::ALLE.iter().map(|u| Noekkel::verdi("utfall", u.kode())).collect()
    }

    /// The age groups: they add up to the total.
    pub fn aldersgrupper() -> Vec<Noekkel> {
        Aldersgruppe::ALLE.iter().map(|a| Noekkel::verdi("aldersgruppe", a.kode())).collect()
    }

    /// The column a filter's non-geographic choices select, if it is one of the family's: no
    /// choice (the total), or exactly one value of exactly one dimension, on the default date
    /// basis. `None` for anything else (two values, two dimensions, the `mottatt` basis).
    pub fn fra_filter(f: &Statistikkfilter) -> Option<Noekkel> {
        if f.grunnlag != Grunnlag::Avgjort {
            return None;
        }
        let valg: Vec<Noekkel> = f
            .utfall
            .iter()
            .map(|u| Noekkel::verdi("utfall", u))
            .chain(f.aldersgruppe.iter().map(|a| Noekkel::verdi("aldersgruppe", a.kode())))
            .chain(f.rettighet.iter().map(|r| Noekkel::verdi("rettighet", r.kode())))
            .chain(f.kategori.iter().map(|k| Noekkel::verdi("kategori", k.kode())))
            .collect();
        match valg.as_slice() {
            [] => Some(Noekkel::totalt()),
            [en] if Noekkel::alle().contains(en) => Some(en.clone()),
            _ => None,
        }
    }

    /// The filter that counts this column's complaints over `periode`, everywhere.
    pub fn filter(&self, periode: Periode) -> Statistikkfilter {
        let mut f = match self.0.split_once('=') {
            // Every key was made from a valid code, so reading it back cannot fail.
            Some((dimensjon, kode)) => Statistikkfilter::les([(dimensjon, kode)]).unwrap_or_default(),
            None => Statistikkfilter::default(),
        };
        f.periode = periode;
        f
    }

    pub fn kode(&self) -> &str {
        &self.0
    }
}

/// The whole calendar year a period covers exactly, if it does.
pub fn helt_aar(p: Periode) -> Option<i32> {
    let (fra, til) = (p.fra?, p.til?);
    let aar = chrono::Datelike::year(&fra);
    (fra == chrono::NaiveDate::from_ymd_opt(aar, 1, 1)? && til == chrono::NaiveDate::from_ymd_opt(aar, 12, 31)?).then_some(aar)
}

/// The period of a calendar year.
pub fn aarsperiode(aar: i32) -> Periode {
    Periode { fra: chrono::NaiveDate::from_ymd_opt(aar, 1, 1), til: chrono::NaiveDate::from_ymd_opt(aar, 12, 31) }
}

/// An area of the geographic hierarchy.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Omraade {
    /// An office's area (the municipalities it serves), by office code.
    Embete(String),
    /// A county, by number.
    Fylke(String),
    /// A municipality, by number.
    Kommune(String),
}

/// One year's counts as the family needs them: per column, per municipality number.
pub type Aarstall = BTreeMap<Noekkel, BTreeMap<String, u64>>;

/// One year's published cells, protected together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tabellfamilie {
    celler: HashMap<(Omraade, Noekkel), Antall>,
    /// How many cells are hidden.
    pub skjulte: usize,
}

impl Tabellfamilie {
    /// Protects one year's cells as one linked set, office by office (offices are published
    /// exactly, so nothing links one office's cells to another's).
    pub fn beskytt(tall: &Aarstall) -> Tabellfamilie {
        let noekler = Noekkel::alle();
        let antall = |n: &Noekkel, kommune: &str| tall.get(n).and_then(|k| k.get(kommune)).copied().unwrap_or(0);
        let mut familie = Tabellfamilie::default();
        for s in referanse::statsforvaltere() {
            let mut c = Celler::new();
            // (area, key) → cell, for this office.
            let mut indeks: HashMap<(Omraade, Noekkel), usize> = HashMap::new();
            let del_av_embete = s.fylker.len() > 1;
            let fylker: Vec<(&String, Vec<&referanse::Kommune>)> = s
                .fylker
                .iter()
                .map(|f| (f, referanse::kommuner().iter().filter(|k| k.statsforvalter == s.kode && &k.fylke == f).collect()))
                .collect();
            for n in &noekler {
                let embetesum: u64 = fylker.iter().flat_map(|(_, k)| k).map(|k| antall(n, &k.nummer)).sum();
                let e = c.celle(embetesum, false);
                indeks.insert((Omraade::Embete(s.kode.clone()), n.clone()), e);
                let (mut fylkesceller, mut alle) = (Vec::new(), Vec::new());
                for (fnr, kommuner) in &fylker {
                    let kommuneceller: Vec<usize> = kommuner
                        .iter()
                        .map(|k| {
                            let i = c.celle(antall(n, &k.nummer), true);
                            indeks.insert((Omraade::Kommune(k.nummer.clone()), n.clone()), i);
                            i
                        })
                        .collect();
                    let sum = kommuneceller.iter().map(|&i| c.verdi(i)).sum();
                    let f = c.celle(sum, del_av_embete);
                    indeks.insert((Omraade::Fylke((*fnr).clone()), n.clone()), f);
                    c.relasjon(f, kommuneceller.clone());
                    fylkesceller.push(f);
                    alle.extend(kommuneceller);
                }
                c.relasjon(e, fylkesceller);
                c.relasjon(e, alle);
            }
            // Within each area: the total is the sum of its outcomes, and of its age groups.
            // The office's areas, in the order their cells were made.
            let mut omraader = vec![Omraade::Embete(s.kode.clone())];
            for (fnr, kommuner) in &fylker {
                omraader.extend(kommuner.iter().map(|k| Omraade::Kommune(k.nummer.clone())));
                omraader.push(Omraade::Fylke((*fnr).clone()));
            }
            let celle_for = |o: &Omraade, n: &Noekkel| indeks.get(&(o.clone(), n.clone())).copied();
            for o in &omraader {
                let Some(t) = celle_for(o, &Noekkel::totalt()) else { continue };
                for gruppe in [Noekkel::utfall(), Noekkel::aldersgrupper()] {
                    let deler: Vec<usize> = gruppe.iter().filter_map(|n| celle_for(o, n)).collect();
                    // Counts from another source could disagree (a case with no outcome);
                    // only a true sum is a relation.
                    if deler.iter().map(|&i| c.verdi(i)).sum::<u64>() == c.verdi(t) {
                        c.relasjon(t, deler);
                    }
                }
                // What everyone also knows: every column counts some of the area's cases, and
                // a case has at least one right and one category, so the total is at most the
                // sum of those columns.
                for n in noekler.iter().filter(|n| **n != Noekkel::totalt()) {
                    if let Some(i) = celle_for(o, n) {
                        c.hoeyst(i, vec![t]);
                    }
                }
                for gruppe in [Noekkel::rettigheter(), Noekkel::kategorier()] {
                    let deler: Vec<usize> = gruppe.iter().filter_map(|n| celle_for(o, n)).collect();
                    if c.verdi(t) <= deler.iter().map(|&i| c.verdi(i)).sum::<u64>() {
                        c.hoeyst(t, deler);
                    }
                }
            }
            let p = c.prikk();
            familie.skjulte += p.antall_skjult();
            for (noekkel, i) in indeks {
                familie.celler.insert(noekkel, p.vis(i));
            }
        }
        familie
    }

    /// The published value of a cell; an area outside the register has none (`Some(0)`).
    pub fn celle(&self, omraade: &Omraade, noekkel: &Noekkel) -> Antall {
        self.celler.get(&(omraade.clone(), noekkel.clone())).copied().unwrap_or(Some(0))
    }

    /// How many cells the family has.
    pub fn len(&self) -> usize {
        self.celler.len()
    }

    pub fn is_empty(&self) -> bool {
        self.celler.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn aarstall(rader: &[(&str, &str, u64)]) -> Aarstall {
        let mut t = Aarstall::new();
        for &(noekkel, kommune, n) in rader {
            let noekkel = if noekkel == "totalt" { Noekkel::totalt() } else { Noekkel(noekkel.to_owned()) };
            *t.entry(noekkel).or_default().entry(kommune.to_owned()).or_default() += n;
        }
        t
    }

    #[test]
    fn keys_come_from_filters_with_at_most_one_value_of_one_dimension() {
        let f = |q: &[(&str, &str)]| Noekkel::fra_filter(&Statistikkfilter::les(q.iter().copied()).unwrap());
        assert_eq!(f(&[]), Some(Noekkel::totalt()));
        assert_eq!(f(&[("utfall", "endret")]).unwrap().kode(), "utfall=endret");
        assert_eq!(f(&[("kategori", "ikke_ip")]).unwrap().kode(), "kategori=ikke_ip");
        assert_eq!(f(&[("utfall", "endret"), ("utfall", "opphevet")]), None);
        assert_eq!(f(&[("utfall", "endret"), ("aldersgruppe", "barn")]), None);
        assert_eq!(f(&[("grunnlag", "mottatt")]), None);
        for n in Noekkel::alle() {
            assert_eq!(Noekkel::fra_filter(&n.filter(Periode::default())), Some(n.clone()), "{n:?}");
        }
    }

    #[test]
    fn whole_years_only() {
        assert_eq!(helt_aar(aarsperiode(2023)), Some(2023));
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(helt_aar(Periode { fra: d("2023-01-01"), til: d("2023-12-30") }), None);
        assert_eq!(helt_aar(Periode { fra: d("2022-01-01"), til: d("2023-12-31") }), None);
        assert_eq!(helt_aar(Periode { fra: None, til: d("2023-12-31") }), None);
    }

    #[test]
    fn a_small_municipality_is_hidden_and_its_county_cannot_give_it_away() {
        // Vestfold og Telemark: two counties in one office. 3 complaints in Tønsberg (3905),
        // 40 in Skien (4003).
        let t =
            aarstall(&[("totalt", "3905", 3), ("totalt", "4003", 40), ("utfall=stadfestet", "3905", 3), ("utfall=stadfestet", "4003", 40)]);
        let f = Tabellfamilie::beskytt(&t);
        let sf = referanse::kommune("3905").unwrap().statsforvalter.clone();
        assert_eq!(f.celle(&Omraade::Embete(sf), &Noekkel::totalt()), Some(43), "office areas are exact");
        assert_eq!(f.celle(&Omraade::Kommune("3905".into()), &Noekkel::totalt()), None);
        assert_eq!(f.celle(&Omraade::Fylke("39".into()), &Noekkel::totalt()), None, "the county is only part of its office");
        assert_eq!(f.celle(&Omraade::Fylke("40".into()), &Noekkel::totalt()), None, "or the other county gives it away");
        assert_eq!(f.celle(&Omraade::Kommune("4003".into()), &Noekkel::totalt()), None, "the office minus Skien would too");
    }

    #[test]
    fn three_complaints_in_a_large_office_hide_a_few_cells_not_the_office() {
        // Troms og Finnmark, 2024: Tromsø 2 (one upheld, one dismissed), Alta 1 (withdrawn).
        let t = aarstall(&[
            ("totalt", "5501", 2),
            ("totalt", "5601", 1),
            ("utfall=stadfestet", "5501", 1),
            ("utfall=avvist", "5501", 1),
            ("utfall=trukket", "5601", 1),
            ("aldersgruppe=voksen", "5501", 2),
            ("aldersgruppe=barn", "5601", 1),
            ("rettighet=ip", "5501", 2),
            ("rettighet=ip", "5601", 1),
            ("kategori=ikke_ip", "5501", 2),
            ("kategori=ikke_fulgt_opp", "5601", 1),
        ]);
        let f = Tabellfamilie::beskytt(&t);
        assert_eq!(f.celle(&Omraade::Kommune("5501".into()), &Noekkel::totalt()), None);
        assert_eq!(f.celle(&Omraade::Embete("troms-og-finnmark".into()), &Noekkel::totalt()), Some(3));
        // Secondary suppression picks partners; it does not blank the office (it once hid
        // all 39 municipalities' zeros, one by one).
        let viste_nuller = referanse::kommuner()
            .iter()
            .filter(|k| k.statsforvalter == "troms-og-finnmark")
            .filter(|k| f.celle(&Omraade::Kommune(k.nummer.clone()), &Noekkel::totalt()) == Some(0))
            .count();
        assert!(viste_nuller >= 30, "{viste_nuller} zeros shown");
        assert!(f.skjulte < 80, "{} cells hidden", f.skjulte);
        let mut sann = t.clone();
        sann.retain(|_, v| !v.is_empty());
        assert!(super::super::angrep::angrip(&|o, n| f.celle(o, n), &sann, "troms-og-finnmark").is_empty());
    }

    /// Random counts for the municipalities of one office with several counties.
    fn kommunetall() -> impl Strategy<Value = Vec<(u64, u64)>> {
        let n = referanse::kommuner().iter().filter(|k| k.statsforvalter == "vestfold-og-telemark").count();
        prop::collection::vec((prop_oneof![4 => Just(0u64), 3 => 1u64..5, 1 => 5u64..30], 0u64..3), n)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
        /// Whatever the counts, an attacker who knows every published cell of the family and
        /// every relation between them (and nothing about which hidden cells are small) can
        /// pin down no hidden count of 1–4.
        #[test]
        fn no_hidden_small_count_can_be_pinned_down(tall in kommunetall()) {
            let kommuner: Vec<&referanse::Kommune> = referanse::kommuner().iter().filter(|k| k.statsforvalter == "vestfold-og-telemark").collect();
            let mut rader = Vec::new();
            for (k, &(totalt, barn)) in kommuner.iter().zip(&tall) {
                let barn = barn.min(totalt);
                rader.push(("totalt", k.nummer.as_str(), totalt));
                rader.push(("utfall=stadfestet", k.nummer.as_str(), totalt));
                rader.push(("aldersgruppe=barn", k.nummer.as_str(), barn));
                rader.push(("aldersgruppe=voksen", k.nummer.as_str(), totalt - barn));
                // Every case has the right to a plan and a category; some have two categories.
                rader.push(("rettighet=ip", k.nummer.as_str(), totalt));
                rader.push(("kategori=planarbeid_drar_ut", k.nummer.as_str(), totalt));
                rader.push(("kategori=ikke_ip", k.nummer.as_str(), barn));
            }
            let familie = Tabellfamilie::beskytt(&aarstall(&rader));
            let sann = aarstall(&rader);
            let avsloert = super::super::angrep::angrip(&|o, n| familie.celle(o, n), &sann, "vestfold-og-telemark");
            prop_assert!(avsloert.is_empty(), "pinned down: {avsloert:?}");
        }
    }
}
