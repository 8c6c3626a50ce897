//! The summary sentence of the figures, the field's slide in words: "Landsoversikt 01.01.2020 –
//! 19.09.2023: 27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet
//! klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet.", in bokmål or nynorsk. When
//! suppression hides any of its figures, the sentence says the selection is too small instead.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Statistikk;
use crate::domain::kode::Utfall;
use crate::domain::sprak::Sprak;
use crate::domain::statistikk::prikking::Antall;
use crate::domain::statistikk::{delperiode, Periode};

/// The figures the sentence is made of, every one of them shown.
struct Setningstall {
    periode: Periode,
    totalt: u64,
    statsforvaltere_med_saker: u64,
    statsforvaltere_totalt: u64,
    /// Per outcome code.
    utfall: BTreeMap<String, u64>,
    /// Per calendar year (`"2022"`).
    per_aar: BTreeMap<String, u64>,
}

/// The summary sentence: the slide's, when its figures are all shown; otherwise a sentence
/// that says the selection is too small to show them. `idag` is needed only for the
/// sub-period of a period with an open end.
pub(crate) fn setning(s: &Statistikk, sprak: Sprak, idag: NaiveDate) -> String {
    let alle = |kart: &BTreeMap<String, Antall>| -> Option<BTreeMap<String, u64>> {
        kart.iter().map(|(k, v)| v.map(|n| (k.clone(), n))).collect()
    };
    let periode = Periode { fra: s.fra, til: s.til };
    let vist = (|| {
        Some(Setningstall {
            periode,
            totalt: s.totalt?,
            statsforvaltere_med_saker: s.statsforvaltere_med_saker,
            statsforvaltere_totalt: s.statsforvaltere_totalt,
            utfall: alle(&s.utfall)?,
            per_aar: alle(&s.per_aar)?,
        })
    })();
    match vist {
        Some(tall) => oppsummering(&tall, sprak, idag),
        None => {
            // The heading of the slide's sentence, then why the figures are not there.
            let antall = match s.totalt {
                Some(n) => n.to_string(),
                None => "under 5".to_owned(),
            };
            format!(
                "{}: {antall} klager totalt. {}",
                overskrift(periode, sprak),
                sprak.velg(
                    "Utvalget er så lite at tall under 5 er skjult av personvernhensyn.",
                    "Utvalet er så lite at tal under 5 er skjulte av omsyn til personvernet."
                )
            )
        }
    }
}

/// The heading: "Landsoversikt 01.01.2020 – 19.09.2023", or with an open end "Landsoversikt
/// fra 01.01.2020", "Landsoversikt til og med 19.09.2023", or just "Landsoversikt".
fn overskrift(periode: Periode, sprak: Sprak) -> String {
    let dato = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    match (periode.fra, periode.til) {
        (Some(fra), Some(til)) => format!("Landsoversikt {} – {}", dato(fra), dato(til)),
        (Some(fra), None) => format!("Landsoversikt {} {}", sprak.velg("fra", "frå"), dato(fra)),
        (None, Some(til)) => format!("Landsoversikt til og med {}", dato(til)),
        (None, None) => "Landsoversikt".to_owned(),
    }
}

/// The slide's sentence from figures that are all shown.
fn oppsummering(o: &Setningstall, sprak: Sprak, idag: NaiveDate) -> String {
    let fra_ord = sprak.velg("fra", "frå");
    let mut tekst = format!("{}:", overskrift(o.periode, sprak));

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
    if let Some((forrige, siste)) = delperiode(o.periode, idag) {
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
    use crate::domain::statistikk::dashbord::tests::{avgjort_sak, d, landet, lysbildet, medhold, periode};

    #[test]
    fn the_slide_text_in_both_languages() {
        let mut saker = lysbildet();
        assert_eq!(saker.len(), 27);
        saker.extend((1..=4).map(|maaned| medhold(d(2021, maaned, 10))));
        let s = landet(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), &saker, d(2024, 3, 1));
        assert_eq!(
            s.oppsummering,
            "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. \
             8 av 10 statsforvaltere har behandlet klagene. \
             15 ble stadfestet, 9 ble endret og 3 ble opphevet."
        );
        assert_eq!(
            s.oppsummering_nn,
            "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 frå 2022/2023. \
             8 av 10 statsforvaltarar har behandla klagene. \
             15 vart stadfesta, 9 vart endra og 3 vart oppheva."
        );
        assert_eq!(s.totalt, Some(27));
        assert_eq!(s.statsforvaltere_med_saker, 8);
        assert_eq!(s.statsforvaltere_totalt, 10);
        assert_eq!(s.medhold_hos_kommunen, Some(4));
        assert_eq!(s.utfall["stadfestet"], Some(15));
        assert_eq!(s.utfall["avvist"], Some(0));
        assert_eq!(s.utfall.len(), 5);
        assert_eq!(s.per_aar.get("2022"), Some(&Some(9)));
        assert_eq!(s.per_kategori.len(), 7);
        assert_eq!(s.per_rettighet.len(), 4);
        assert_eq!(s.per_statsforvalter.len(), 10);
        assert_eq!(s.per_statsforvalter["vestland"], Some(0));
    }

    #[test]
    fn singular_forms() {
        let saker = [avgjort_sak("agder", d(2023, 5, 2), Utfall::Stadfestet)];
        let s = landet(periode(Some(d(2023, 1, 1)), Some(d(2023, 12, 31))), &saker, d(2024, 1, 10));
        // One calendar year: no sub-period.
        assert_eq!(
            s.oppsummering,
            "Landsoversikt 01.01.2023 – 31.12.2023: 1 klage totalt. \
             1 av 10 statsforvaltere har behandlet klagen. 1 ble stadfestet."
        );
        assert_eq!(
            s.oppsummering_nn,
            "Landsoversikt 01.01.2023 – 31.12.2023: 1 klage totalt. \
             1 av 10 statsforvaltarar har behandla klaga. 1 vart stadfesta."
        );
        // A single office: the register has ten, so only the sentence itself can be asked.
        let en = Setningstall {
            periode: periode(Some(d(2023, 1, 1)), Some(d(2023, 12, 31))),
            totalt: 1,
            statsforvaltere_med_saker: 1,
            statsforvaltere_totalt: 1,
            utfall: [("stadfestet".to_owned(), 1)].into(),
            per_aar: [("2023".to_owned(), 1)].into(),
        };
        assert!(oppsummering(&en, Sprak::Nb, d(2024, 1, 10)).contains(" 1 av 1 statsforvalter har behandlet klagen."));
        assert!(oppsummering(&en, Sprak::Nn, d(2024, 1, 10)).contains(" 1 av 1 statsforvaltar har behandla klaga."));
    }

    #[test]
    fn nothing_decided() {
        let saker = [medhold(d(2021, 3, 1)), medhold(d(2022, 3, 1))];
        let s = landet(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), &saker, d(2024, 1, 1));
        assert_eq!(
            s.oppsummering,
            "Landsoversikt 01.01.2020 – 19.09.2023: 0 klager totalt. \
             Ingen statsforvaltere har behandlet klager i perioden."
        );
        assert_eq!(
            s.oppsummering_nn,
            "Landsoversikt 01.01.2020 – 19.09.2023: 0 klager totalt. \
             Ingen statsforvaltarar har behandla klager i perioden."
        );
        assert_eq!(s.totalt, Some(0));
        assert_eq!(s.statsforvaltere_med_saker, 0);
        assert_eq!(s.statsforvaltere_totalt, 10);
        assert_eq!(s.medhold_hos_kommunen, Some(2));
        assert_eq!(s.per_aar.keys().collect::<Vec<_>>(), ["2020", "2021", "2022", "2023"]);
        assert!(s.per_aar.values().all(|&n| n == Some(0)));
    }

    #[test]
    fn rejected_and_withdrawn_are_named() {
        let saker = [
            avgjort_sak("agder", d(2022, 3, 1), Utfall::Endret),
            avgjort_sak("agder", d(2022, 3, 2), Utfall::Avvist),
            avgjort_sak("nordland", d(2022, 3, 3), Utfall::Avvist),
            avgjort_sak("nordland", d(2023, 3, 4), Utfall::Trukket),
        ];
        let s = landet(periode(Some(d(2022, 1, 1)), Some(d(2023, 12, 31))), &saker, d(2024, 1, 1));
        assert_eq!(
            s.oppsummering,
            "Landsoversikt 01.01.2022 – 31.12.2023: 4 klager totalt – 4 fra 2022/2023. \
             2 av 10 statsforvaltere har behandlet klagene. \
             1 ble endret, 2 ble avvist og 1 ble trukket."
        );
        assert_eq!(
            s.oppsummering_nn,
            "Landsoversikt 01.01.2022 – 31.12.2023: 4 klager totalt – 4 frå 2022/2023. \
             2 av 10 statsforvaltarar har behandla klagene. \
             1 vart endra, 2 vart avvist og 1 vart trekt."
        );
        let to = landet(periode(Some(d(2022, 1, 1)), Some(d(2022, 12, 31))), &saker, d(2024, 1, 1));
        assert!(to.oppsummering.ends_with(" 1 ble endret og 2 ble avvist."));
    }

    #[test]
    fn open_ends() {
        let saker = lysbildet();
        let idag = d(2023, 9, 19);
        let bare_fra = landet(periode(Some(d(2020, 1, 1)), None), &saker, idag);
        assert!(bare_fra.oppsummering.starts_with("Landsoversikt fra 01.01.2020: 27 klager totalt – 16 fra 2022/2023."));
        assert!(bare_fra.oppsummering_nn.starts_with("Landsoversikt frå 01.01.2020: 27 klager totalt – 16 frå 2022/2023."));
        // An open end runs to idag's year, even when that year has no decisions yet.
        let neste_aar = landet(periode(Some(d(2020, 1, 1)), None), &saker, d(2024, 2, 1));
        assert!(neste_aar.oppsummering.contains(" – 7 fra 2023/2024."));
        assert_eq!(neste_aar.per_aar.get("2024"), Some(&Some(0)));

        let bare_til = landet(periode(None, Some(d(2023, 9, 19))), &saker, idag);
        assert!(bare_til.oppsummering.starts_with("Landsoversikt til og med 19.09.2023: 27 klager totalt – 16 fra 2022/2023."));
        assert!(bare_til.oppsummering_nn.starts_with("Landsoversikt til og med 19.09.2023:"));
        // An open start begins at the earliest decision.
        assert_eq!(bare_til.per_aar.keys().next().map(String::as_str), Some("2020"));

        let ingen = landet(Periode::default(), &saker, idag);
        assert!(ingen.oppsummering.starts_with("Landsoversikt: 27 klager totalt – 16 fra 2022/2023."));
        assert!(ingen.oppsummering_nn.starts_with("Landsoversikt: 27 klager totalt – 16 frå 2022/2023."));
        assert_eq!(ingen.per_aar.keys().collect::<Vec<_>>(), ["2020", "2021", "2022", "2023"]);

        // Nothing at all and no ends: just this year.
        let tom = landet(Periode::default(), &[], idag);
        assert_eq!(tom.per_aar.keys().collect::<Vec<_>>(), ["2023"]);
        assert!(tom.oppsummering.starts_with("Landsoversikt: 0 klager totalt."));
    }
}
