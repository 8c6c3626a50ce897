//! The demo data as a whole: valid, deterministic, plausible, and the field's slide exactly.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::kalender::dato;
use super::lysbilde::{lysbildets_slutt, Lysbildesak, LYSBILDET};
use super::tekster::{ETTERNAVN, ETTERNAVN_KVINNE};
use super::{generer, referansedag, DemoSak};
use crate::domain::frist;
use crate::domain::klage::{Advarsel, NyKlage};
use crate::domain::kode::{Aldersgruppe, Mottaker, Rettighet, Utfall};
use crate::domain::statistikk::dashbord::{statistikk, tell, treaarsvindu, Statistikksak};
use crate::domain::statistikk::filter::Statistikkfilter;
use crate::domain::status::{Handling, Status, Tilstand};

/// A case as the loader would leave it: validated form, final state, the governor's decision
/// (day and outcome) if there is one, and the day the municipality ended it, if it did.
struct Avspilt {
    ny: NyKlage,
    tilstand: Tilstand,
    avgjort: Option<(NaiveDate, Utfall)>,
    mottatt_sf: Option<NaiveDate>,
    avsluttet_kommune: Option<NaiveDate>,
}

fn spill_av(sak: &DemoSak) -> Avspilt {
    let ny = sak.skjema.valider(referansedag()).unwrap_or_else(|feil| panic!("invalid form {:?}: {feil:?}", sak.skjema));
    let mut tilstand = ny.tilstand();
    let mut avgjort = None;
    let mut mottatt_sf = (ny.mottaker == Mottaker::Statsforvalteren).then_some(ny.mottatt_dato);
    let mut avsluttet_kommune = None;
    for steg in &sak.steg {
        let overgang = tilstand.utfoer(steg.handling).unwrap_or_else(|feil| panic!("{feil} in {:?}", sak.skjema.sammendrag));
        if overgang.naar_statsforvalteren {
            mottatt_sf = Some(steg.dato);
        }
        if overgang.til.status == Status::Avgjort {
            avgjort = Some((steg.dato, overgang.til.utfall.expect("a decided case has an outcome")));
        }
        // As the repository records it (`db::klager`).
        if matches!(overgang.til.status, Status::MedholdHosKommunen | Status::AvvistAvKommunen | Status::TrukketHosKommunen) {
            avsluttet_kommune = Some(steg.dato);
        }
        tilstand = overgang.til;
    }
    Avspilt { ny, tilstand, avgjort, mottatt_sf, avsluttet_kommune }
}

/// The case as the statistics read it from the repository.
fn statistikksak(a: &Avspilt) -> Statistikksak {
    Statistikksak {
        statsforvalter: a.ny.statsforvalter.to_string(),
        kommune: a.ny.kommune.to_string(),
        status: a.tilstand.status,
        utfall: a.avgjort.map(|(_, utfall)| utfall),
        mottatt_statsforvalter: a.mottatt_sf,
        avgjort: a.avgjort.map(|(dag, _)| dag),
        avsluttet_kommune: a.avsluttet_kommune,
        aldersgruppe: a.ny.aldersgruppe,
        rettigheter: a.ny.rettigheter.clone(),
        kategorier: a.ny.kategorier.clone(),
    }
}

fn alle() -> Vec<(DemoSak, Avspilt)> {
    generer()
        .into_iter()
        .map(|sak| {
            let avspilt = spill_av(&sak);
            (sak, avspilt)
        })
        .collect()
}

#[test]
fn the_same_every_time() {
    assert_eq!(generer(), generer());
}

#[test]
fn about_400_cases_from_2020_to_the_reference_day() {
    let saker = generer();
    assert!((380..=420).contains(&saker.len()), "{}", saker.len());
    for sak in &saker {
        let mottatt = NaiveDate::parse_from_str(&sak.skjema.mottatt_dato, "%Y-%m-%d").unwrap();
        assert!(mottatt >= dato(2020, 1, 1) && mottatt <= referansedag(), "{mottatt}");
    }
}

#[test]
fn every_form_is_valid_and_every_step_legal() {
    for (sak, avspilt) in alle() {
        assert!(avspilt.tilstand.er_gyldig());
        for steg in &sak.steg {
            if steg.handling.krever_notat() {
                assert!(!steg.notat.trim().is_empty(), "{:?}", steg.handling);
            }
            assert!(!steg.notat.contains('{'), "{}", steg.notat);
        }
        assert!(!avspilt.ny.sammendrag.contains('{'), "{}", avspilt.ny.sammendrag);
    }
}

#[test]
fn dates_are_in_order_and_never_after_the_reference_day() {
    for (sak, avspilt) in alle() {
        let mut forrige = avspilt.ny.mottatt_dato;
        for steg in &sak.steg {
            assert!(steg.dato >= forrige, "{:?}", sak.steg);
            assert!(steg.dato <= referansedag());
            forrige = steg.dato;
        }
    }
}

#[test]
fn every_status_and_every_outcome_appears() {
    let resultat = alle();
    let statuser: BTreeSet<&str> = resultat.iter().map(|(_, a)| a.tilstand.status.kode()).collect();
    for status in Status::ALLE {
        assert!(statuser.contains(status.kode()), "{status:?} missing");
    }
    let utfall: BTreeSet<Utfall> = resultat.iter().filter_map(|(_, a)| a.tilstand.utfall).collect();
    assert_eq!(utfall.len(), Utfall::ALLE.len());
    // The paths the brief asks for.
    let har = |f: &dyn Fn(&DemoSak) -> bool| resultat.iter().any(|(s, _)| f(s));
    assert!(har(&|s| s.skjema.mottaker == "statsforvalteren"));
    assert!(har(&|s| s.steg.iter().any(|st| st.handling == Handling::Oversend { delvis_medhold: true })));
    assert!(har(&|s| s.steg.iter().any(|st| st.handling == Handling::KlagPaaAvvisning)));
    assert!(har(&|s| s.steg.iter().any(|st| st.handling == Handling::SvarPaaOpplysninger)));
    assert!(har(&|s| s.skjema.vedtaksdato.is_empty() && s.skjema.kjent_dato.is_empty()));
    assert!(resultat.iter().any(|(_, a)| a.ny.advarsler().contains(&Advarsel::EtterKlagefristen)));
    assert!(resultat.iter().any(|(_, a)| a.ny.advarsler().contains(&Advarsel::OverAbsoluttGrense)));
}

#[test]
fn open_cases_are_recent_and_a_few_are_past_the_target() {
    let mut over_maal = 0;
    for (_, avspilt) in alle() {
        if avspilt.tilstand.status.er_aapen() {
            assert_eq!(avspilt.ny.mottatt_dato.year(), 2026, "{:?}", avspilt.ny.mottatt_dato);
            if let Some(mottatt_sf) = avspilt.mottatt_sf {
                if frist::maaldato(mottatt_sf) < referansedag() {
                    over_maal += 1;
                }
            }
        }
    }
    assert!(over_maal >= 3, "{over_maal}");
}

#[test]
fn the_slide_exactly() {
    let resultat = alle();
    let saker: Vec<Statistikksak> = resultat.iter().map(|(_, a)| statistikksak(a)).collect();
    // The slide's period, counted and published as the dashboard does for the whole country.
    let filter = Statistikkfilter::les([("fra", "2020-01-01"), ("til", "2023-09-19")]).expect("a valid filter");
    assert_eq!(filter.periode.til, Some(lysbildets_slutt()));
    let (_, vindu) = treaarsvindu(filter.periode, referansedag());
    let tre_aar = tell(&Statistikkfilter { periode: vindu, ..filter.clone() }, &saker);
    let s = statistikk(&filter, &tell(&filter, &saker), &tre_aar, referansedag());
    assert_eq!(
        s.oppsummering,
        "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet."
    );
    // The same facts figure by figure: nothing suppressed for the whole country.
    assert_eq!(s.totalt, Some(27));
    assert_eq!(s.delperiode.as_ref().map(|d| (d.fra_aar, d.til_aar, d.antall)), Some((2022, 2023, Some(16))));
    assert_eq!((s.statsforvaltere_med_saker, s.statsforvaltere_totalt), (8, 10));
    let utfall: Vec<(&str, Option<u64>)> = s.utfall.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(utfall, [("avvist", Some(0)), ("endret", Some(9)), ("opphevet", Some(3)), ("stadfestet", Some(15)), ("trukket", Some(0))]);
    // Nothing decided before the demo begins, and avvist/trukket only after the slide.
    for (_, a) in &resultat {
        if let Some((avgjort, utfall)) = a.avgjort {
            assert!(avgjort >= dato(2020, 1, 1));
            if matches!(utfall, Utfall::Avvist | Utfall::Trukket) {
                assert!(avgjort > lysbildets_slutt());
            }
        }
    }
    for Lysbildesak { avgjort: (aar, maaned, dag), .. } in LYSBILDET {
        assert!(frist::er_virkedag(dato(aar, maaned, dag)));
    }
}

#[test]
fn all_offices_and_many_municipalities() {
    let resultat = alle();
    let kontorer: BTreeSet<&str> = resultat.iter().map(|(_, a)| a.ny.statsforvalter.as_str()).collect();
    assert_eq!(kontorer.len(), 10);
    let kommuner: BTreeSet<&str> = resultat.iter().map(|(_, a)| a.ny.kommune.as_str()).collect();
    assert!(kommuner.len() >= 150, "{}", kommuner.len());
}

#[test]
fn content_fits_the_law() {
    for (_, avspilt) in alle() {
        let ny = &avspilt.ny;
        // Coordinator rights only for decisions from 1 August 2022, or omissions.
        assert!(!ny.advarsler().contains(&Advarsel::KoordinatorrettFoer2022), "{}", ny.sammendrag);
        if ny.rettigheter.contains(&Rettighet::Barnekoordinator) {
            assert_eq!(ny.aldersgruppe, Aldersgruppe::Barn);
        }
        if ny.rettigheter.iter().any(|r| matches!(r, Rettighet::Koordinator | Rettighet::Barnekoordinator)) {
            assert!(ny.vedtaksdato.is_none_or(|d| d >= dato(2022, 8, 1)));
            assert!(ny.mottatt_dato >= dato(2022, 8, 1));
        }
        if ny.vedtaksdato.is_none() {
            assert!(ny.kjent_dato.is_none());
        }
    }
}

#[test]
fn names_are_made_up_and_identity_numbers_synthetic() {
    let resultat = alle();
    let mut med_fnr = 0;
    for (_, avspilt) in &resultat {
        let navn = avspilt.ny.navn.as_deref().expect("every demo case has a name");
        assert!(ETTERNAVN.iter().chain(&ETTERNAVN_KVINNE).any(|e| navn.ends_with(e)), "{navn}");
        if let Some(fnr) = &avspilt.ny.fnr {
            assert!(fnr.er_syntetisk(), "{}", fnr.maskert());
            // Month + 80: the third digit is 8 or 9, never a real person's month.
            assert!(matches!(&fnr.som_tekst()[2..3], "8" | "9"));
            med_fnr += 1;
        }
    }
    let andel = med_fnr * 100 / resultat.len();
    assert!((40..=60).contains(&andel), "{andel} %");
}

/// Prints the figures worth knowing: `cargo test demo::tests::figures -- --nocapture`.
#[test]
fn figures() {
    let resultat = alle();
    let mut per_status: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_utfall: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_kontor: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_aar: BTreeMap<i32, usize> = BTreeMap::new();
    let mut per_klager: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_kategori: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_rett: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut barn, mut saarbar, mut fnr, mut sen, mut unnlatelse, mut via_sf, mut delvis, mut opplysninger, mut paaklaget) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (sak, a) in &resultat {
        *per_status.entry(a.tilstand.status.kode()).or_default() += 1;
        if let Some(u) = a.tilstand.utfall {
            *per_utfall.entry(u.kode()).or_default() += 1;
        }
        *per_kontor.entry(a.ny.statsforvalter.as_str()).or_default() += 1;
        *per_aar.entry(a.ny.mottatt_dato.year()).or_default() += 1;
        *per_klager.entry(a.ny.klager.kode()).or_default() += 1;
        for k in &a.ny.kategorier {
            *per_kategori.entry(k.kode()).or_default() += 1;
        }
        for r in &a.ny.rettigheter {
            *per_rett.entry(r.kode()).or_default() += 1;
        }
        barn += usize::from(a.ny.aldersgruppe == Aldersgruppe::Barn);
        saarbar += usize::from(a.ny.saarbar_overgang);
        fnr += usize::from(a.ny.fnr.is_some());
        sen += usize::from(a.ny.fristvurdering().for_sent);
        unnlatelse += usize::from(a.ny.vedtaksdato.is_none());
        via_sf += usize::from(a.ny.mottaker == Mottaker::Statsforvalteren);
        delvis += usize::from(sak.steg.iter().any(|s| s.handling == Handling::Oversend { delvis_medhold: true }));
        opplysninger += usize::from(sak.steg.iter().any(|s| s.handling == Handling::BeOmOpplysninger));
        paaklaget += usize::from(sak.steg.iter().any(|s| s.handling == Handling::KlagPaaAvvisning));
    }
    println!("cases: {}", resultat.len());
    println!("status: {per_status:?}");
    println!("utfall: {per_utfall:?}");
    println!("kontor: {per_kontor:?}");
    println!("mottatt per aar: {per_aar:?}");
    println!("klager: {per_klager:?}");
    println!("kategori: {per_kategori:?}");
    println!("rettighet: {per_rett:?}");
    println!(
        "barn {barn}, saarbar {saarbar}, fnr {fnr}, for sent {sen}, unnlatelse {unnlatelse}, via SF {via_sf}, delvis medhold {delvis}, opplysninger {opplysninger}, paaklaget avvisning {paaklaget}"
    );
}
