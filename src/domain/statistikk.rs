//! The national overview (landsoversikt): what each published figure means, computed from
//! decided complaints.
//!
//! The field's slides summarise a period like this: "27 klager totalt – 16 fra 2022/2023. 8 av
//! 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble
//! opphevet." The figures here are the ones behind such a sentence, plus what people complain
//! about, so the dashboard, the API, the export and the `statistikk` command all count the
//! same way.
//!
//! The definitions, once:
//! - A complaint counts in a period when Statsforvalteren's decision was *sent* (`avgjort`)
//!   inside it, both ends included. All five outcomes count, withdrawals too: they are cases
//!   the governor closed.
//! - Per right and per category a complaint counts once for each distinct right or category it
//!   has, so those figures can add up to more than the total (DOMAIN.md, "Codes").
//! - Medhold hos kommunen never reaches the governor; the caller counts it and passes it in.
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

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::kode::{Kategori, Rettighet, Utfall};
use super::sprak::Sprak;

/// A decided complaint as the statistics see it: no person, no case number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvgjortSak {
    /// The office that decided, as its code (`more-og-romsdal`).
    pub statsforvalter: String,
    /// The day the decision was sent.
    pub avgjort: NaiveDate,
    /// The outcome of the decision.
    pub utfall: Utfall,
    /// The rights the complaint concerned; one or more.
    pub rettigheter: Vec<Rettighet>,
    /// What the complaint was about; one or more.
    pub kategorier: Vec<Kategori>,
}

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

/// The national overview for one period: the figures and the sentence that sums them up.
///
/// Every map lists all its keys, zeros included, so a table has the same rows whatever the
/// period, and a zero is visibly a zero rather than a missing row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landsoversikt {
    /// The period's first day, if it has one; serialised as `"YYYY-MM-DD"` or `null`.
    pub fra: Option<NaiveDate>,
    /// The period's last day, if it has one; serialised as `"YYYY-MM-DD"` or `null`.
    pub til: Option<NaiveDate>,
    /// Decisions sent in the period, all five outcomes.
    pub totalt: u64,
    /// How many offices decided at least one complaint in the period.
    pub statsforvaltere_med_saker: u64,
    /// How many offices there are ("8 av **10**").
    pub statsforvaltere_totalt: u64,
    /// Per outcome code; all five codes.
    pub utfall: BTreeMap<String, u64>,
    /// Per calendar year (`"2022"`), every year the period touches.
    pub per_aar: BTreeMap<String, u64>,
    /// Per office code; every office.
    pub per_statsforvalter: BTreeMap<String, u64>,
    /// Per category code; all seven. A complaint can have several, so these can add up to
    /// more than `totalt`.
    pub per_kategori: BTreeMap<String, u64>,
    /// Per right code; all four. As with categories, these can add up to more than `totalt`.
    pub per_rettighet: BTreeMap<String, u64>,
    /// Complaints the municipality resolved itself by full medhold (fvl § 33) in the period.
    /// They never reach the governor, so they are not part of `totalt`.
    pub medhold_hos_kommunen: u64,
    /// The summary sentence in bokmål.
    pub oppsummering: String,
    /// The summary sentence in nynorsk.
    pub oppsummering_nn: String,
}

/// Computes the national overview for `periode`.
///
/// `saker` may contain decisions outside the period: only those whose `avgjort` is inside
/// count, so callers can pass what they have. `statsforvaltere` is every office code (10 in
/// production); a decision from an office not in that list is still counted, under its own
/// code, so that the offices always add up to the total. `medhold_hos_kommunen` is already
/// counted for the period by the caller.
///
/// `idag` matters only for open ends: an open `til` ends the years at this year, and an open
/// `fra` starts them at the year of the earliest counted decision (or at the end year if there
/// is none). Years of counted decisions beyond that range (dated after `idag`) are listed too,
/// with any years in between, so the years have no gaps and always add up to the total.
pub fn landsoversikt(
    periode: Periode,
    saker: &[AvgjortSak],
    statsforvaltere: &[&str],
    medhold_hos_kommunen: u64,
    idag: NaiveDate,
) -> Landsoversikt {
    let telte: Vec<&AvgjortSak> = saker.iter().filter(|sak| periode.inneholder(sak.avgjort)).collect();

    let mut utfall = nuller(Utfall::ALLE.iter().map(|u| u.kode()));
    let mut per_statsforvalter = nuller(statsforvaltere.iter().copied());
    let mut per_kategori = nuller(Kategori::ALLE.iter().map(|k| k.kode()));
    let mut per_rettighet = nuller(Rettighet::ALLE.iter().map(|r| r.kode()));
    let mut per_aar = BTreeMap::new();

    let tidligste = telte.iter().map(|sak| sak.avgjort.year()).min();
    let seneste = telte.iter().map(|sak| sak.avgjort.year()).max();
    // Empty when the period is inverted; then nothing is counted either.
    for aar in aarene(periode, idag, tidligste, seneste) {
        per_aar.insert(aar.to_string(), 0);
    }

    for sak in &telte {
        *utfall.entry(sak.utfall.kode().to_owned()).or_default() += 1;
        *per_statsforvalter.entry(sak.statsforvalter.clone()).or_default() += 1;
        *per_aar.entry(sak.avgjort.year().to_string()).or_default() += 1;
        // A category or right listed twice on one complaint is still one complaint about it.
        let mut kategorier = sak.kategorier.clone();
        kategorier.sort();
        kategorier.dedup();
        for kategori in kategorier {
            *per_kategori.entry(kategori.kode().to_owned()).or_default() += 1;
        }
        let mut rettigheter = sak.rettigheter.clone();
        rettigheter.sort();
        rettigheter.dedup();
        for rettighet in rettigheter {
            *per_rettighet.entry(rettighet.kode().to_owned()).or_default() += 1;
        }
    }

    let mut oversikt = Landsoversikt {
        fra: periode.fra,
        til: periode.til,
        totalt: telte.len() as u64,
        statsforvaltere_med_saker: per_statsforvalter.values().filter(|&&n| n > 0).count() as u64,
        // Counted from the map, so an unknown office in the data cannot make "9 av 8".
        statsforvaltere_totalt: per_statsforvalter.len() as u64,
        utfall,
        per_aar,
        per_statsforvalter,
        per_kategori,
        per_rettighet,
        medhold_hos_kommunen,
        oppsummering: String::new(),
        oppsummering_nn: String::new(),
    };
    oversikt.oppsummering = oppsummering(&oversikt, Sprak::Nb, idag);
    oversikt.oppsummering_nn = oppsummering(&oversikt, Sprak::Nn, idag);
    oversikt
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

/// A map with every given key at zero.
fn nuller<'a>(koder: impl Iterator<Item = &'a str>) -> BTreeMap<String, u64> {
    koder.map(|kode| (kode.to_owned(), 0)).collect()
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

/// The summary sentence for an overview, in bokmål or nynorsk. `landsoversikt` fills both
/// texts with it; `idag` is needed only for the sub-period of a period with an open end.
pub fn oppsummering(o: &Landsoversikt, sprak: Sprak, idag: NaiveDate) -> String {
    let dato = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    let fra_ord = sprak.velg("fra", "frå");
    let mut tekst = match (o.fra, o.til) {
        (Some(fra), Some(til)) => format!("Landsoversikt {} – {}:", dato(fra), dato(til)),
        (Some(fra), None) => format!("Landsoversikt {fra_ord} {}:", dato(fra)),
        (None, Some(til)) => format!("Landsoversikt til og med {}:", dato(til)),
        (None, None) => "Landsoversikt:".to_owned(),
    };

    if o.totalt == 0 {
        tekst.push_str(sprak.velg(
            " 0 klager totalt. Ingen statsforvaltere har behandlet klager i perioden.",
            " 0 klager totalt. Ingen statsforvaltarar har behandla klager i perioden.",
        ));
        return tekst;
    }

    // "klage" is the same word in both forms; only the definite form differs below.
    let klager = if o.totalt == 1 { "klage" } else { "klager" };
    tekst.push_str(&format!(" {} {klager} totalt", o.totalt));
    let periode = Periode { fra: o.fra, til: o.til };
    if let Some((forrige, siste)) = delperiode(periode, idag) {
        let i_aar = |aar: i32| o.per_aar.get(&aar.to_string()).copied().unwrap_or(0);
        let antall = i_aar(forrige) + i_aar(siste);
        tekst.push_str(&format!(" – {antall} {fra_ord} {forrige}/{siste}"));
    }
    tekst.push('.');

    let statsforvaltere = if o.statsforvaltere_totalt == 1 {
        sprak.velg("statsforvalter", "statsforvaltar")
    } else {
        sprak.velg("statsforvaltere", "statsforvaltarar")
    };
    let har_behandlet = sprak.velg("har behandlet", "har behandla");
    let klagene = if o.totalt == 1 { sprak.velg("klagen", "klaga") } else { "klagene" };
    tekst.push_str(&format!(
        " {} av {} {statsforvaltere} {har_behandlet} {klagene}.",
        o.statsforvaltere_med_saker, o.statsforvaltere_totalt
    ));

    let deler: Vec<String> = Utfall::ALLE
        .iter()
        .filter_map(|&utfall| {
            let antall = o.utfall.get(utfall.kode()).copied().unwrap_or(0);
            (antall > 0).then(|| format!("{antall} {}", utfallsfrase(utfall, sprak)))
        })
        .collect();
    if let Some((siste, foer)) = deler.split_last() {
        tekst.push(' ');
        if foer.is_empty() {
            tekst.push_str(siste);
        } else {
            tekst.push_str(&format!("{} og {siste}", foer.join(", ")));
        }
        tekst.push('.');
    }
    tekst
}

/// How an outcome reads after its count: "15 ble stadfestet", "3 vart trekt".
fn utfallsfrase(utfall: Utfall, sprak: Sprak) -> &'static str {
    match utfall {
        Utfall::Stadfestet => sprak.velg("ble stadfestet", "vart stadfesta"),
        Utfall::Endret => sprak.velg("ble endret", "vart endra"),
        Utfall::Opphevet => sprak.velg("ble opphevet", "vart oppheva"),
        Utfall::Avvist => sprak.velg("ble avvist", "vart avvist"),
        Utfall::Trukket => sprak.velg("ble trukket", "vart trekt"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    const KONTORER: [&str; 10] = [
        "agder",
        "innlandet",
        "more-og-romsdal",
        "nordland",
        "rogaland",
        "troms-og-finnmark",
        "trondelag",
        "vestfold-og-telemark",
        "vestland",
        "ostfold-buskerud-oslo-akershus",
    ];

    fn d(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(aar, maaned, dag).unwrap()
    }

    fn sak(statsforvalter: &str, avgjort: NaiveDate, utfall: Utfall) -> AvgjortSak {
        AvgjortSak {
            statsforvalter: statsforvalter.to_owned(),
            avgjort,
            utfall,
            rettigheter: vec![Rettighet::Ip],
            kategorier: vec![Kategori::IkkeIp],
        }
    }

    fn periode(fra: Option<NaiveDate>, til: Option<NaiveDate>) -> Periode {
        Periode { fra, til }
    }

    /// The slides' overview: 27 decisions 01.01.2020–19.09.2023, 16 of them in 2022/2023,
    /// from 8 of the 10 offices; 15 upheld, 9 changed, 3 quashed.
    fn lysbildet() -> Vec<AvgjortSak> {
        let datoer = [(2020, 5), (2021, 6), (2022, 9), (2023, 7)]
            .into_iter()
            .flat_map(|(aar, antall)| (0..antall).map(move |i| d(aar, 1 + i as u32, 15)));
        let utfall = std::iter::repeat_n(Utfall::Stadfestet, 15)
            .chain(std::iter::repeat_n(Utfall::Endret, 9))
            .chain(std::iter::repeat_n(Utfall::Opphevet, 3));
        datoer.zip(utfall).enumerate().map(|(i, (dato, utfall))| sak(KONTORER[i % 8], dato, utfall)).collect()
    }

    #[test]
    fn the_slide_text_in_both_languages() {
        let saker = lysbildet();
        assert_eq!(saker.len(), 27);
        let o = landsoversikt(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), &saker, &KONTORER, 4, d(2024, 3, 1));
        assert_eq!(
            o.oppsummering,
            "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. \
             8 av 10 statsforvaltere har behandlet klagene. \
             15 ble stadfestet, 9 ble endret og 3 ble opphevet."
        );
        assert_eq!(
            o.oppsummering_nn,
            "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 frå 2022/2023. \
             8 av 10 statsforvaltarar har behandla klagene. \
             15 vart stadfesta, 9 vart endra og 3 vart oppheva."
        );
        assert_eq!(o.totalt, 27);
        assert_eq!(o.statsforvaltere_med_saker, 8);
        assert_eq!(o.statsforvaltere_totalt, 10);
        assert_eq!(o.medhold_hos_kommunen, 4);
        assert_eq!(o.utfall["stadfestet"], 15);
        assert_eq!(o.utfall["avvist"], 0);
        assert_eq!(o.utfall.len(), 5);
        assert_eq!(o.per_aar.get("2022"), Some(&9));
        assert_eq!(o.per_kategori.len(), 7);
        assert_eq!(o.per_rettighet.len(), 4);
        assert_eq!(o.per_statsforvalter.len(), 10);
        assert_eq!(o.per_statsforvalter["vestland"], 0);
    }

    #[test]
    fn singular_forms() {
        let saker = [sak("agder", d(2023, 5, 2), Utfall::Stadfestet)];
        let o = landsoversikt(periode(Some(d(2023, 1, 1)), Some(d(2023, 12, 31))), &saker, &KONTORER, 0, d(2024, 1, 10));
        // One calendar year: no sub-period.
        assert_eq!(
            o.oppsummering,
            "Landsoversikt 01.01.2023 – 31.12.2023: 1 klage totalt. \
             1 av 10 statsforvaltere har behandlet klagen. 1 ble stadfestet."
        );
        assert_eq!(
            o.oppsummering_nn,
            "Landsoversikt 01.01.2023 – 31.12.2023: 1 klage totalt. \
             1 av 10 statsforvaltarar har behandla klaga. 1 vart stadfesta."
        );
        // A single office in the list.
        let o = landsoversikt(periode(Some(d(2023, 1, 1)), Some(d(2023, 12, 31))), &saker, &["agder"], 0, d(2024, 1, 10));
        assert!(o.oppsummering.contains(" 1 av 1 statsforvalter har behandlet klagen."));
        assert!(o.oppsummering_nn.contains(" 1 av 1 statsforvaltar har behandla klaga."));
    }

    #[test]
    fn nothing_decided() {
        let o = landsoversikt(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), &[], &KONTORER, 2, d(2024, 1, 1));
        assert_eq!(
            o.oppsummering,
            "Landsoversikt 01.01.2020 – 19.09.2023: 0 klager totalt. \
             Ingen statsforvaltere har behandlet klager i perioden."
        );
        assert_eq!(
            o.oppsummering_nn,
            "Landsoversikt 01.01.2020 – 19.09.2023: 0 klager totalt. \
             Ingen statsforvaltarar har behandla klager i perioden."
        );
        assert_eq!(o.totalt, 0);
        assert_eq!(o.statsforvaltere_med_saker, 0);
        assert_eq!(o.statsforvaltere_totalt, 10);
        assert_eq!(o.medhold_hos_kommunen, 2);
        assert_eq!(o.per_aar.keys().collect::<Vec<_>>(), ["2020", "2021", "2022", "2023"]);
        assert!(o.per_aar.values().all(|&n| n == 0));
    }

    #[test]
    fn rejected_and_withdrawn_are_named() {
        let saker = [
            sak("agder", d(2022, 3, 1), Utfall::Endret),
            sak("agder", d(2022, 3, 2), Utfall::Avvist),
            sak("nordland", d(2022, 3, 3), Utfall::Avvist),
            sak("nordland", d(2023, 3, 4), Utfall::Trukket),
        ];
        let o = landsoversikt(periode(Some(d(2022, 1, 1)), Some(d(2023, 12, 31))), &saker, &KONTORER, 0, d(2024, 1, 1));
        assert_eq!(
            o.oppsummering,
            "Landsoversikt 01.01.2022 – 31.12.2023: 4 klager totalt – 4 fra 2022/2023. \
             2 av 10 statsforvaltere har behandlet klagene. \
             1 ble endret, 2 ble avvist og 1 ble trukket."
        );
        assert_eq!(
            o.oppsummering_nn,
            "Landsoversikt 01.01.2022 – 31.12.2023: 4 klager totalt – 4 frå 2022/2023. \
             2 av 10 statsforvaltarar har behandla klagene. \
             1 vart endra, 2 vart avvist og 1 vart trekt."
        );
        let to = landsoversikt(periode(Some(d(2022, 1, 1)), Some(d(2022, 12, 31))), &saker, &KONTORER, 0, d(2024, 1, 1));
        assert!(to.oppsummering.ends_with(" 1 ble endret og 2 ble avvist."));
    }

    #[test]
    fn open_ends() {
        let saker = lysbildet();
        let idag = d(2023, 9, 19);
        let bare_fra = landsoversikt(periode(Some(d(2020, 1, 1)), None), &saker, &KONTORER, 0, idag);
        assert!(bare_fra.oppsummering.starts_with("Landsoversikt fra 01.01.2020: 27 klager totalt – 16 fra 2022/2023."));
        assert!(bare_fra.oppsummering_nn.starts_with("Landsoversikt frå 01.01.2020: 27 klager totalt – 16 frå 2022/2023."));
        // An open end runs to idag's year, even when that year has no decisions yet.
        let neste_aar = landsoversikt(periode(Some(d(2020, 1, 1)), None), &saker, &KONTORER, 0, d(2024, 2, 1));
        assert!(neste_aar.oppsummering.contains(" – 7 fra 2023/2024."));
        assert_eq!(neste_aar.per_aar.get("2024"), Some(&0));

        let bare_til = landsoversikt(periode(None, Some(d(2023, 9, 19))), &saker, &KONTORER, 0, idag);
        assert!(bare_til.oppsummering.starts_with("Landsoversikt til og med 19.09.2023: 27 klager totalt – 16 fra 2022/2023."));
        assert!(bare_til.oppsummering_nn.starts_with("Landsoversikt til og med 19.09.2023:"));
        // An open start begins at the earliest decision.
        assert_eq!(bare_til.per_aar.keys().next().map(String::as_str), Some("2020"));

        let ingen = landsoversikt(Periode::default(), &saker, &KONTORER, 0, idag);
        assert!(ingen.oppsummering.starts_with("Landsoversikt: 27 klager totalt – 16 fra 2022/2023."));
        assert!(ingen.oppsummering_nn.starts_with("Landsoversikt: 27 klager totalt – 16 frå 2022/2023."));
        assert_eq!(ingen.per_aar.keys().collect::<Vec<_>>(), ["2020", "2021", "2022", "2023"]);

        // Nothing at all and no ends: just this year.
        let tom = landsoversikt(Periode::default(), &[], &KONTORER, 0, idag);
        assert_eq!(tom.per_aar.keys().collect::<Vec<_>>(), ["2023"]);
        assert!(tom.oppsummering.starts_with("Landsoversikt: 0 klager totalt."));
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

    #[test]
    fn years_without_decisions_are_zero() {
        let saker = [sak("agder", d(2020, 2, 1), Utfall::Endret), sak("agder", d(2023, 2, 1), Utfall::Endret)];
        let o = landsoversikt(periode(Some(d(2019, 6, 1)), Some(d(2023, 3, 1))), &saker, &KONTORER, 0, d(2024, 1, 1));
        let aar: Vec<(&str, u64)> = o.per_aar.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(aar, [("2019", 0), ("2020", 1), ("2021", 0), ("2022", 0), ("2023", 1)]);
    }

    #[test]
    fn decisions_outside_the_period_are_ignored() {
        let saker = [
            sak("agder", d(2019, 12, 31), Utfall::Stadfestet),
            sak("agder", d(2020, 1, 1), Utfall::Endret),
            sak("nordland", d(2023, 9, 19), Utfall::Opphevet),
            sak("rogaland", d(2023, 9, 20), Utfall::Avvist),
        ];
        let o = landsoversikt(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), &saker, &KONTORER, 0, d(2024, 1, 1));
        // Both ends are inclusive.
        assert_eq!(o.totalt, 2);
        assert_eq!(o.utfall["stadfestet"], 0);
        assert_eq!(o.utfall["avvist"], 0);
        assert_eq!(o.per_statsforvalter["rogaland"], 0);
        assert_eq!(o.statsforvaltere_med_saker, 2);
        assert!(!o.per_aar.contains_key("2019"));
        assert!(Periode::default().inneholder(d(1900, 1, 1)));
        assert!(!periode(Some(d(2020, 1, 2)), None).inneholder(d(2020, 1, 1)));
    }

    #[test]
    fn categories_and_rights_can_exceed_the_total() {
        let mut flere = sak("agder", d(2023, 1, 1), Utfall::Endret);
        flere.kategorier = vec![
            Kategori::IkkeIp,
            Kategori::IkkeKoordinator,
            Kategori::ManglendeMedvirkning,
            // Listed twice on one complaint: still one complaint about it.
            Kategori::IkkeIp,
        ];
        flere.rettigheter = vec![Rettighet::Ip, Rettighet::Koordinator, Rettighet::Koordinator];
        let o = landsoversikt(Periode::default(), &[flere], &KONTORER, 0, d(2023, 6, 1));
        assert_eq!(o.totalt, 1);
        assert_eq!(o.per_kategori.values().sum::<u64>(), 3);
        assert_eq!(o.per_kategori["ikke_ip"], 1);
        assert_eq!(o.per_kategori["oppnevning_koordinator"], 0);
        assert_eq!(o.per_rettighet.values().sum::<u64>(), 2);
        assert_eq!(o.per_rettighet["koordinator"], 1);
    }

    #[test]
    fn an_unknown_office_is_still_counted() {
        let saker = [sak("agder", d(2023, 1, 1), Utfall::Endret), sak("fylkesmannen-i-oslo", d(2023, 1, 2), Utfall::Endret)];
        let o = landsoversikt(Periode::default(), &saker, &KONTORER, 0, d(2023, 6, 1));
        assert_eq!(o.per_statsforvalter.values().sum::<u64>(), 2);
        assert_eq!(o.statsforvaltere_med_saker, 2);
        assert_eq!(o.statsforvaltere_totalt, 11);
    }

    #[test]
    fn dates_serialise_as_iso_or_null() {
        let o = landsoversikt(periode(Some(d(2020, 1, 1)), None), &[], &KONTORER, 0, d(2023, 6, 1));
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["fra"], "2020-01-01");
        assert!(json["til"].is_null());
        assert_eq!(json["utfall"]["trukket"], 0);
        let tilbake: Landsoversikt = serde_json::from_value(json).unwrap();
        assert_eq!(tilbake, o);
    }

    fn dato_strategi() -> impl Strategy<Value = NaiveDate> {
        // 2017 through 2025: around the years the rights have existed in this form.
        (0i64..9 * 366).prop_map(|dager| d(2017, 1, 1) + chrono::Duration::days(dager))
    }

    fn sak_strategi() -> impl Strategy<Value = AvgjortSak> {
        (
            prop_oneof![9 => select(&KONTORER[..]), 1 => Just("ukjent-kontor")],
            dato_strategi(),
            select(Utfall::ALLE),
            prop::collection::vec(select(Rettighet::ALLE), 0..6),
            prop::collection::vec(select(Kategori::ALLE), 0..9),
        )
            .prop_map(|(kontor, avgjort, utfall, rettigheter, kategorier)| AvgjortSak {
                statsforvalter: kontor.to_owned(),
                avgjort,
                utfall,
                rettigheter,
                kategorier,
            })
    }

    fn periode_strategi() -> impl Strategy<Value = Periode> {
        (prop::option::of(dato_strategi()), prop::option::of(dato_strategi())).prop_map(|(fra, til)| Periode { fra, til })
    }

    /// An outer period and a period inside it: four ordered days, and whether each end is
    /// open. An inner end may be open only where the outer end is.
    fn nestede_perioder() -> impl Strategy<Value = (Periode, Periode)> {
        (prop::collection::vec(dato_strategi(), 4), any::<(bool, bool, bool, bool)>()).prop_map(
            |(mut dager, (ytre_fra, ytre_til, indre_fra, indre_til))| {
                dager.sort();
                let ytre = Periode { fra: ytre_fra.then_some(dager[0]), til: ytre_til.then_some(dager[3]) };
                let indre = Periode { fra: (ytre_fra || indre_fra).then_some(dager[1]), til: (ytre_til || indre_til).then_some(dager[2]) };
                (ytre, indre)
            },
        )
    }

    fn ikke_mer(indre: &BTreeMap<String, u64>, ytre: &BTreeMap<String, u64>) -> bool {
        indre.iter().all(|(k, &n)| n <= ytre.get(k).copied().unwrap_or(0))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn the_figures_add_up(
            periode in periode_strategi(),
            saker in prop::collection::vec(sak_strategi(), 0..60),
            idag in dato_strategi(),
        ) {
            let o = landsoversikt(periode, &saker, &KONTORER, 3, idag);
            let telte = saker.iter().filter(|s| periode.inneholder(s.avgjort)).count() as u64;
            prop_assert_eq!(o.totalt, telte);
            prop_assert_eq!(o.utfall.values().sum::<u64>(), o.totalt);
            prop_assert_eq!(o.per_statsforvalter.values().sum::<u64>(), o.totalt);
            prop_assert_eq!(o.per_aar.values().sum::<u64>(), o.totalt);
            prop_assert!(o.per_kategori.values().all(|&n| n <= o.totalt));
            prop_assert!(o.per_rettighet.values().all(|&n| n <= o.totalt));
            prop_assert_eq!(
                o.statsforvaltere_med_saker,
                o.per_statsforvalter.values().filter(|&&n| n > 0).count() as u64
            );
            prop_assert!(o.statsforvaltere_med_saker <= o.statsforvaltere_totalt);
            prop_assert!(o.statsforvaltere_totalt >= KONTORER.len() as u64);
            prop_assert_eq!(o.utfall.len(), 5);
            prop_assert_eq!(o.per_kategori.len(), 7);
            prop_assert_eq!(o.per_rettighet.len(), 4);
            prop_assert_eq!(o.medhold_hos_kommunen, 3);
            prop_assert_eq!(&o.oppsummering, &oppsummering(&o, Sprak::Nb, idag));
            prop_assert_eq!(&o.oppsummering_nn, &oppsummering(&o, Sprak::Nn, idag));
            // The years run without gaps.
            let aar: Vec<i32> = o.per_aar.keys().map(|k| k.parse().unwrap()).collect();
            prop_assert!(aar.windows(2).all(|par| par[1] == par[0] + 1));
        }

        #[test]
        fn a_narrower_period_never_counts_more(
            (ytre, indre) in nestede_perioder(),
            saker in prop::collection::vec(sak_strategi(), 0..60),
            idag in dato_strategi(),
        ) {
            let o = landsoversikt(ytre, &saker, &KONTORER, 0, idag);
            let i = landsoversikt(indre, &saker, &KONTORER, 0, idag);
            prop_assert!(i.totalt <= o.totalt);
            prop_assert!(i.statsforvaltere_med_saker <= o.statsforvaltere_med_saker);
            prop_assert!(i.statsforvaltere_totalt <= o.statsforvaltere_totalt);
            prop_assert!(ikke_mer(&i.utfall, &o.utfall));
            prop_assert!(ikke_mer(&i.per_aar, &o.per_aar));
            prop_assert!(ikke_mer(&i.per_statsforvalter, &o.per_statsforvalter));
            prop_assert!(ikke_mer(&i.per_kategori, &o.per_kategori));
            prop_assert!(ikke_mer(&i.per_rettighet, &o.per_rettighet));
        }
    }
}
