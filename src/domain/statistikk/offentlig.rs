//! What may be asked, and what is published, for whom: the bounds every question must keep,
//! and the public edition of the figures.
//!
//! - **Everyone**: a period between 1 January 2000 and a year after today, at most
//!   [`super::filter::MAKS_VERDIER`] values per parameter. So no answer is unbounded.
//! - **The directorate and governor leders** ([`Publikum::Intern`]) ask anything: arbitrary
//!   periods, several areas, any filters. Small counts are still suppressed per answer
//!   (`dashbord`), and they see figures, never cases.
//! - **Everyone else** ([`Publikum::Offentlig`]): national and office figures for any period and
//!   filter, exact, as the rule says; below office level, only cells of the fixed table family
//!   ([`super::familie`]), whose values are the same in every answer:
//!   - a question about one municipality or one county that is part of its office must be
//!     exactly the family's form: that one area, one whole calendar year, no other choice;
//!   - the county and municipality tables in a national or office answer come from the family
//!     when the period is one whole calendar year and at most one value of one other dimension
//!     is chosen; otherwise they are left out ([`Statistikk::omraader_utelatt`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Months, NaiveDate};

use super::behandlingstid;
use super::dashbord::{
    andel, per_100k, setning, Aarscelle, Behandlingstider, Helsetilsynsrad, Helsetilsynstabell, Omraadetall, Statistikk,
};
use super::familie::{helt_aar, Noekkel, Omraade, Tabellfamilie};
use super::filter::{Filterfeil, Grunnlag, Statistikkfilter};
use super::prikking::Antall;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;

/// Who the figures are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publikum {
    /// Anyone: no login, or a role without the statistics' inside view.
    Offentlig,
    /// The directorate and governor leders: flexible questions, answered with suppression.
    Intern,
}

impl Publikum {
    /// The directorate and governor leders (those with management figures) ask flexibly;
    /// everyone else, logged in or not, gets the public edition.
    pub fn for_bruker(bruker: Option<&crate::domain::tilgang::Bruker>) -> Publikum {
        match bruker.and_then(super::styring::styringsomfang) {
            Some(_) => Publikum::Intern,
            None => Publikum::Offentlig,
        }
    }
}

/// The earliest date a question may name.
pub fn tidligste_dato() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date")
}

/// The latest date a question may name: a year after today.
pub fn seneste_dato(idag: NaiveDate) -> NaiveDate {
    idag.checked_add_months(Months::new(12)).unwrap_or(idag)
}

/// The bounds for everyone: both ends of the period between 2000 and a year after today.
pub fn sjekk_periode(f: &Statistikkfilter, idag: NaiveDate) -> Result<(), Filterfeil> {
    let (tidligste, seneste) = (tidligste_dato(), seneste_dato(idag));
    for (parameter, dato) in [("fra", f.periode.fra), ("til", f.periode.til)] {
        if let Some(dato) = dato.filter(|d| *d < tidligste || *d > seneste) {
            return Err(Filterfeil::UtenforPerioden { parameter: parameter.to_owned(), dato, tidligste, seneste });
        }
    }
    Ok(())
}

/// A public question below office level: the year and the one area, when it has the family's
/// form; `None` for a national or office question; the reason when it is neither.
pub fn offentlig_omraade(f: &Statistikkfilter) -> Result<Option<(i32, Omraade)>, Filterfeil> {
    if !f.er_finmasket() {
        return Ok(None);
    }
    let en = |parameter: &str| Filterfeil::OffentligEttOmraade { parameter: parameter.to_owned() };
    let (omraade, embete) = match (f.kommune.as_slice(), f.fylke.as_slice()) {
        ([nummer], fylker) => {
            let k = referanse::kommune(nummer).ok_or_else(|| en("kommune"))?;
            if !(fylker.is_empty() || fylker == std::slice::from_ref(&k.fylke)) {
                return Err(en("fylke"));
            }
            (Omraade::Kommune(nummer.clone()), k.statsforvalter.clone())
        }
        ([], [nummer]) => {
            let fylke = referanse::fylker().iter().find(|x| &x.nummer == nummer).ok_or_else(|| en("fylke"))?;
            (Omraade::Fylke(nummer.clone()), fylke.statsforvalter.clone())
        }
        ([], _) => return Err(en("fylke")),
        (_, _) => return Err(en("kommune")),
    };
    if !(f.statsforvalter.is_empty() || f.statsforvalter == [embete]) {
        return Err(en("statsforvalter"));
    }
    let andre = [
        ("grunnlag", f.grunnlag != Grunnlag::Avgjort),
        ("utfall", !f.utfall.is_empty()),
        ("aldersgruppe", !f.aldersgruppe.is_empty()),
        ("rettighet", !f.rettighet.is_empty()),
        ("kategori", !f.kategori.is_empty()),
    ];
    if let Some((parameter, _)) = andre.iter().find(|(_, valgt)| *valgt) {
        return Err(Filterfeil::OffentligUtenFilter { parameter: (*parameter).to_owned() });
    }
    let aar = helt_aar(f.periode).ok_or_else(|| Filterfeil::OffentligHeltAar { parameter: "fra".to_owned() })?;
    Ok(Some((aar, omraade)))
}

/// The public edition of `intern`, the answer to `f` computed with per-answer suppression:
/// every figure below office level replaced by its family cell, or left out. `omraade` is what
/// [`offentlig_omraade`] found `f` to be (one area and year, or `None` for a national or office
/// question); `familie` gives a year's protected family.
pub fn publiser(
    f: &Statistikkfilter,
    omraade: Option<(i32, Omraade)>,
    intern: Statistikk,
    familie: &dyn Fn(i32) -> Arc<Tabellfamilie>,
    idag: NaiveDate,
) -> Statistikk {
    let mut s = match omraade {
        Some((aar, omraade)) => omraadeutgave(intern, aar, &omraade, familie),
        // A national or office question: exact, with the areas from the family.
        None => landsutgave(f, intern, familie),
    };
    s.skjulte_tall = skjulte(&s);
    s.oppsummering = setning(&s, Sprak::Nb, idag);
    s.oppsummering_nn = setning(&s, Sprak::Nn, idag);
    s
}

/// Area rows with their counts from the family (`Omraade` from the row's code).
fn fra_familie(rader: &mut [Omraadetall], omraade: fn(String) -> Omraade, familie: &Tabellfamilie, n: &Noekkel) {
    for rad in rader {
        rad.antall = familie.celle(&omraade(rad.kode.clone()), n);
        rad.per_100k = rad.antall.and_then(|a| per_100k(a, rad.innbyggere));
    }
}

fn landsutgave(f: &Statistikkfilter, mut s: Statistikk, familie: &dyn Fn(i32) -> Arc<Tabellfamilie>) -> Statistikk {
    match (helt_aar(f.periode), Noekkel::fra_filter(f)) {
        (Some(aar), Some(n)) => {
            let familie = familie(aar);
            fra_familie(&mut s.per_fylke, Omraade::Fylke, &familie, &n);
            fra_familie(&mut s.per_kommune, Omraade::Kommune, &familie, &n);
        }
        _ => {
            s.omraader_utelatt = !(s.per_fylke.is_empty() && s.per_kommune.is_empty());
            s.per_fylke.clear();
            s.per_kommune.clear();
        }
    }
    s
}

/// One area, one year: every count from the family, every derived figure from those counts.
fn omraadeutgave(intern: Statistikk, aar: i32, omraade: &Omraade, familie: &dyn Fn(i32) -> Arc<Tabellfamilie>) -> Statistikk {
    let fam = familie(aar);
    let celle = |n: &Noekkel| fam.celle(omraade, n);
    let totalt = celle(&Noekkel::totalt());
    let kart = |dimensjon: &str, koder: Vec<&str>| -> BTreeMap<String, Antall> {
        koder.into_iter().map(|k| (k.to_owned(), celle(&Noekkel::verdi(dimensjon, k)))).collect()
    };
    let embete = match omraade {
        Omraade::Kommune(k) => referanse::kommune(k).map(|k| k.statsforvalter.clone()),
        Omraade::Fylke(f) => referanse::fylker().iter().find(|x| &x.nummer == f).map(|x| x.statsforvalter.clone()),
        Omraade::Embete(e) => Some(e.clone()),
    }
    .unwrap_or_default();

    // Helsetilsynet's table for the area: its three years from their own families.
    let tre: Vec<i32> = (aar - 2..=aar).collect();
    let aarsceller: Vec<Aarscelle> = tre
        .iter()
        .map(|&a| {
            let fam = familie(a);
            let totalt = fam.celle(omraade, &Noekkel::totalt());
            let utfall: BTreeMap<String, Antall> =
                Utfall::ALLE.iter().map(|u| (u.kode().to_owned(), fam.celle(omraade, &Noekkel::verdi("utfall", u.kode())))).collect();
            let andeler = utfall.iter().map(|(u, n)| (u.clone(), totalt.zip(*n).and_then(|(t, n)| andel(n, t)))).collect();
            Aarscelle { aar: a, totalt, utfall, andeler }
        })
        .collect();
    let rad = |kode: &str| {
        let (navn, navn_nn) = match referanse::statsforvalter(kode) {
            Some(s) => (s.navn_nb.clone(), s.navn_nn.clone()),
            None => ("Hele landet".to_owned(), "Heile landet".to_owned()),
        };
        Helsetilsynsrad { statsforvalter: kode.to_owned(), navn, navn_nn, aar: aarsceller.clone() }
    };

    let mut per_fylke = Vec::new();
    let mut per_kommune = Vec::new();
    match omraade {
        Omraade::Fylke(nr) => {
            per_fylke = intern.per_fylke.into_iter().filter(|r| &r.kode == nr).collect();
            per_kommune = intern.per_kommune;
        }
        Omraade::Kommune(nr) => per_kommune = intern.per_kommune.into_iter().filter(|r| &r.kode == nr).collect(),
        Omraade::Embete(_) => {}
    }
    fra_familie(&mut per_fylke, Omraade::Fylke, &fam, &Noekkel::totalt());
    fra_familie(&mut per_kommune, Omraade::Kommune, &fam, &Noekkel::totalt());

    Statistikk {
        totalt,
        // From the published count only: a hidden count says nothing here, zero or not.
        statsforvaltere_med_saker: u64::from(totalt.is_some_and(|n| n > 0)),
        utfall: kart("utfall", Utfall::ALLE.iter().map(|u| u.kode()).collect()),
        per_aar: BTreeMap::from([(aar.to_string(), totalt)]),
        per_statsforvalter: BTreeMap::from([(embete.clone(), totalt)]),
        per_kategori: kart("kategori", Kategori::ALLE.iter().map(|k| k.kode()).collect()),
        per_rettighet: kart("rettighet", Rettighet::ALLE.iter().map(|r| r.kode()).collect()),
        // Medhold hos kommunen is counted by another date and is no cell of the family.
        medhold_hos_kommunen: None,
        delperiode: None,
        per_maaned: BTreeMap::new(),
        per_aldersgruppe: kart("aldersgruppe", Aldersgruppe::ALLE.iter().map(|a| a.kode()).collect()),
        helsetilsynet: Helsetilsynstabell { aar: tre.clone(), rader: vec![rad(&embete), rad("hele_landet")] },
        behandlingstid: Behandlingstider {
            hele_landet: behandlingstid::for_lite_omraade(&intern.behandlingstid.hele_landet, totalt),
            per_statsforvalter: BTreeMap::new(),
            maal: intern.behandlingstid.maal,
        },
        per_embete_omraade: Vec::new(),
        per_fylke,
        per_kommune,
        finmasket: true,
        omraader_utelatt: false,
        ..intern
    }
}

/// How many counts of an answer are suppressed.
fn skjulte(s: &Statistikk) -> usize {
    let kart = |k: &BTreeMap<String, Antall>| k.values().filter(|v| v.is_none()).count();
    let rader = |r: &[Omraadetall]| r.iter().filter(|o| o.antall.is_none()).count();
    usize::from(s.totalt.is_none())
        + [&s.utfall, &s.per_aar, &s.per_statsforvalter, &s.per_kategori, &s.per_rettighet, &s.per_maaned, &s.per_aldersgruppe]
            .into_iter()
            .map(kart)
            .sum::<usize>()
        + usize::from(s.medhold_hos_kommunen.is_none())
        + rader(&s.per_embete_omraade)
        + rader(&s.per_fylke)
        + rader(&s.per_kommune)
        + s.helsetilsynet.rader.iter().flat_map(|r| &r.aar).map(|a| usize::from(a.totalt.is_none()) + kart(&a.utfall)).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(q: &[(&str, &str)]) -> Statistikkfilter {
        Statistikkfilter::les(q.iter().copied()).unwrap()
    }

    #[test]
    fn periods_are_bounded_from_2000_to_a_year_after_today() {
        let idag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(sjekk_periode(&filter(&[("fra", "2000-01-01"), ("til", "2027-11-23")]), idag).is_ok());
        let feil = sjekk_periode(&filter(&[("fra", "1999-12-31")]), idag).unwrap_err();
        assert_eq!(feil.parameter(), "fra");
        assert!(feil.to_string().contains("01.01.2000") && feil.melding(Sprak::Nn).contains("utanfor"));
        assert_eq!(sjekk_periode(&filter(&[("til", "2027-11-24")]), idag).unwrap_err().parameter(), "til");
        assert_eq!(sjekk_periode(&filter(&[("fra", "9999-01-01")]), idag).unwrap_err().parameter(), "fra");
    }

    #[test]
    fn a_public_question_below_office_level_is_one_area_one_year_nothing_else() {
        let aar = [("fra", "2024-01-01"), ("til", "2024-12-31")];
        let med = |ekstra: &[(&'static str, &'static str)]| offentlig_omraade(&filter(&[&aar[..], ekstra].concat()));
        assert_eq!(med(&[("kommune", "1506")]).unwrap(), Some((2024, Omraade::Kommune("1506".into()))));
        assert_eq!(med(&[("fylke", "39")]).unwrap(), Some((2024, Omraade::Fylke("39".into()))));
        assert_eq!(
            med(&[("kommune", "1506"), ("statsforvalter", "more-og-romsdal")]).unwrap(),
            Some((2024, Omraade::Kommune("1506".into())))
        );
        assert_eq!(med(&[("statsforvalter", "vestland")]).unwrap(), None, "an office is not below office level");
        assert_eq!(med(&[("fylke", "46")]).unwrap(), None, "a county that is its whole office is an office");
        for (ekstra, parameter) in [
            (&[("kommune", "1506"), ("kommune", "1505")][..], "kommune"),
            (&[("fylke", "39"), ("fylke", "46")][..], "fylke"),
            (&[("kommune", "3905"), ("fylke", "39"), ("fylke", "40")][..], "fylke"),
            (&[("kommune", "1506"), ("statsforvalter", "more-og-romsdal"), ("statsforvalter", "agder")][..], "statsforvalter"),
            (&[("kommune", "1506"), ("utfall", "endret")][..], "utfall"),
            (&[("kommune", "1506"), ("aldersgruppe", "barn")][..], "aldersgruppe"),
            (&[("kommune", "1506"), ("rettighet", "ip")][..], "rettighet"),
            (&[("kommune", "1506"), ("kategori", "ikke_ip")][..], "kategori"),
            (&[("kommune", "1506"), ("grunnlag", "mottatt")][..], "grunnlag"),
        ] {
            let svar = med(ekstra);
            assert_eq!(svar.as_ref().map_err(|e| e.parameter()), Err(parameter), "{ekstra:?}");
        }
        let en_dag_kortere = offentlig_omraade(&filter(&[("fra", "2024-01-01"), ("til", "2024-12-30"), ("kommune", "1506")]));
        assert!(matches!(en_dag_kortere, Err(Filterfeil::OffentligHeltAar { .. })));
    }
}
