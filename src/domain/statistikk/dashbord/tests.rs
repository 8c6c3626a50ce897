//! The dashboard's figures: hand-counted examples and properties over random cases and filters.

use super::*;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

pub(super) fn d(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(aar, maaned, dag).unwrap()
}

const KOMMUNER: [(&str, &str); 8] = [
    ("5501", "troms-og-finnmark"),
    ("5503", "troms-og-finnmark"),
    ("5601", "troms-og-finnmark"),
    ("4203", "agder"),
    ("4204", "agder"),
    ("0301", "ostfold-buskerud-oslo-akershus"),
    ("3103", "ostfold-buskerud-oslo-akershus"),
    ("1506", "more-og-romsdal"),
];

fn sak(kommune: usize, status: &str, utfall: Option<Utfall>, mottatt: NaiveDate, dager: i64) -> Statistikksak {
    let (k, sf) = KOMMUNER[kommune];
    Statistikksak {
        statsforvalter: sf.to_owned(),
        kommune: k.to_owned(),
        status: Status::fra_kode(status).expect("a status code"),
        utfall,
        mottatt_statsforvalter: Some(mottatt),
        avgjort: utfall.map(|_| mottatt + chrono::Duration::days(dager)),
        avsluttet_kommune: None,
        aldersgruppe: Aldersgruppe::Barn,
        rettigheter: vec![Rettighet::Ip],
        kategorier: vec![Kategori::IkkeIp, Kategori::PlanarbeidDrarUt],
    }
}

fn filter(q: &[(&str, &str)]) -> Statistikkfilter {
    Statistikkfilter::les(q.iter().copied()).unwrap()
}

pub(super) fn bygg(f: &Statistikkfilter, saker: &[Statistikksak], idag: NaiveDate) -> Statistikk {
    let g = tell(f, saker);
    let (_, vindu) = treaarsvindu(f.periode, idag);
    let tre = tell(&Statistikkfilter { periode: vindu, ..f.clone() }, saker);
    statistikk(f, &g, &tre, idag)
}

/// The figures for the whole country over `periode`: no choice but the period.
pub(super) fn landet(periode: Periode, saker: &[Statistikksak], idag: NaiveDate) -> Statistikk {
    bygg(&Statistikkfilter { periode, ..Statistikkfilter::default() }, saker, idag)
}

pub(super) fn periode(fra: Option<NaiveDate>, til: Option<NaiveDate>) -> Periode {
    Periode { fra, til }
}

/// Every office, in the order the slide's cases below take them.
pub(super) const KONTORER: [&str; 10] = [
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

/// A case `statsforvalter` decided on `avgjort` (received a month before), from one of its
/// municipalities, about an individual plan.
pub(super) fn avgjort_sak(statsforvalter: &str, avgjort: NaiveDate, utfall: Utfall) -> Statistikksak {
    // An office outside the register gets a municipality all the same.
    let kommune = referanse::kommuner().iter().find(|k| k.statsforvalter == statsforvalter).map_or("0301", |k| k.nummer.as_str());
    Statistikksak {
        statsforvalter: statsforvalter.to_owned(),
        kommune: kommune.to_owned(),
        status: Status::Avgjort,
        utfall: Some(utfall),
        mottatt_statsforvalter: Some(avgjort - chrono::Duration::days(30)),
        avgjort: Some(avgjort),
        avsluttet_kommune: None,
        aldersgruppe: Aldersgruppe::Voksen,
        rettigheter: vec![Rettighet::Ip],
        kategorier: vec![Kategori::IkkeIp],
    }
}

/// A case the municipality ended by full medhold on `dag`.
pub(super) fn medhold(dag: NaiveDate) -> Statistikksak {
    let mut sak = sak(7, "medhold_hos_kommunen", None, dag, 0);
    sak.mottatt_statsforvalter = None;
    sak.avsluttet_kommune = Some(dag);
    sak
}

/// The slides' overview: 27 decisions 01.01.2020–19.09.2023, 16 of them in 2022/2023, from 8
/// of the 10 offices; 15 upheld, 9 changed, 3 quashed.
pub(super) fn lysbildet() -> Vec<Statistikksak> {
    let datoer = [(2020, 5), (2021, 6), (2022, 9), (2023, 7)]
        .into_iter()
        .flat_map(|(aar, antall)| (0..antall).map(move |i| d(aar, 1 + i as u32, 15)));
    let utfall = std::iter::repeat_n(Utfall::Stadfestet, 15)
        .chain(std::iter::repeat_n(Utfall::Endret, 9))
        .chain(std::iter::repeat_n(Utfall::Opphevet, 3));
    datoer.zip(utfall).enumerate().map(|(i, (dato, utfall))| avgjort_sak(KONTORER[i % 8], dato, utfall)).collect()
}

/// Twelve cases, counted by hand below.
fn tolv() -> Vec<Statistikksak> {
    let mut v = vec![
        sak(0, "avgjort", Some(Utfall::Stadfestet), d(2023, 1, 10), 30),
        sak(0, "avgjort", Some(Utfall::Endret), d(2023, 2, 10), 100),
        sak(1, "avgjort", Some(Utfall::Stadfestet), d(2023, 3, 10), 60),
        sak(2, "avgjort", Some(Utfall::Opphevet), d(2023, 3, 11), 92),
        sak(3, "avgjort", Some(Utfall::Stadfestet), d(2023, 4, 1), 10),
        sak(3, "avgjort", Some(Utfall::Stadfestet), d(2023, 4, 2), 20),
        sak(4, "avgjort", Some(Utfall::Avvist), d(2022, 5, 1), 40),
        sak(5, "avgjort", Some(Utfall::Trukket), d(2022, 6, 1), 50),
        sak(6, "under_vurdering", None, d(2023, 6, 1), 0),
        sak(7, "venter_paa_kommunen", None, d(2023, 7, 1), 0),
    ];
    let mut medhold = sak(7, "medhold_hos_kommunen", None, d(2023, 1, 1), 0);
    medhold.mottatt_statsforvalter = None;
    medhold.avsluttet_kommune = Some(d(2023, 2, 1));
    v.push(medhold);
    // Decided in 2020: outside the three-year window of 2023.
    v.push(sak(3, "avgjort", Some(Utfall::Endret), d(2020, 5, 1), 10));
    v
}

#[test]
fn hand_counted_figures() {
    let idag = d(2024, 1, 15);
    let s = bygg(&filter(&[("fra", "2022-01-01"), ("til", "2023-12-31")]), &tolv(), idag);
    assert_eq!(s.totalt, Some(8));
    assert_eq!(s.utfall["stadfestet"], Some(4));
    assert_eq!(s.utfall["endret"], Some(1));
    assert_eq!(s.per_aar["2022"], Some(2));
    assert_eq!(s.per_aar["2023"], Some(6));
    assert_eq!(s.per_maaned["2023-04"], Some(2), "10 and 20 days after 1 and 2 April");
    assert_eq!(s.per_statsforvalter["troms-og-finnmark"], Some(4));
    assert_eq!(s.per_statsforvalter["agder"], Some(3));
    assert_eq!(s.statsforvaltere_med_saker, 3);
    assert_eq!(s.medhold_hos_kommunen, Some(1));
    assert_eq!(s.per_kategori["ikke_ip"], Some(8));
    assert_eq!(s.delperiode.as_ref().unwrap().antall, Some(8));
    // Processing time: 10, 20, 30, 40, 50, 60, 92, 100 days.
    let b = &s.behandlingstid.hele_landet;
    assert_eq!((b.antall, b.median_dager, b.p90_dager), (Some(8), Some(40), Some(100)));
    // 92 days from 11 March is 11 June: one day past the target of 11 June? No: 11 March + 3
    // months is 11 June, and 11 March + 92 days is 11 June, so it is within; 100 is not.
    assert_eq!(b.andel_innen_tre_maaneder, Some(7.0 / 8.0));
    // Counties: Troms is part of its office, so 3 is hidden and Finnmark's 1 with it.
    let troms = s.per_fylke.iter().find(|f| f.kode == "55").unwrap();
    assert_eq!(troms.antall, None);
    assert_eq!(s.per_fylke.iter().find(|f| f.kode == "56").unwrap().antall, None);
    assert_eq!(s.per_fylke.iter().find(|f| f.kode == "42").unwrap().antall, Some(3), "Agder is its office");
    let tf = s.per_embete_omraade.iter().find(|e| e.kode == "troms-og-finnmark").unwrap();
    assert_eq!(tf.antall, Some(4));
    assert!(tf.per_100k.unwrap() > 0.0);
    assert!(s.per_kommune.is_empty(), "no drill-down for the whole country");
    // Helsetilsynet: 2021, 2022, 2023 with the national row last.
    assert_eq!(s.helsetilsynet.aar, [2021, 2022, 2023]);
    let landet = s.helsetilsynet.rader.last().unwrap();
    assert_eq!(landet.statsforvalter, "hele_landet");
    assert_eq!(landet.aar[2].totalt, Some(6));
    assert_eq!(landet.aar[2].andeler["stadfestet"], Some(0.6667));
    assert_eq!(landet.aar[0].totalt, Some(0));
}

#[test]
fn received_basis_counts_open_cases() {
    let s = bygg(&filter(&[("fra", "2023-01-01"), ("til", "2023-12-31"), ("grunnlag", "mottatt")]), &tolv(), d(2024, 1, 15));
    assert_eq!(s.totalt, Some(8));
    assert_eq!(s.utfall["under_behandling"], Some(2));
}

#[test]
fn a_municipality_is_suppressed_everywhere() {
    let s = bygg(&filter(&[("kommune", "5501")]), &tolv(), d(2024, 1, 15));
    assert!(s.finmasket);
    assert_eq!(s.totalt, None);
    assert!(s.utfall.values().all(|v| v.is_none() || *v == Some(0)));
    assert!(s.oppsummering.contains("under 5"));
    assert!(s.oppsummering_nn.contains("under 5"));
    assert_eq!(s.behandlingstid.hele_landet.median_dager, None);
    // No count beside the hidden figures says how many cases they came from.
    assert_eq!(s.behandlingstid.hele_landet.antall, None);
    assert!(s.behandlingstid.per_statsforvalter.values().all(|b| b.antall.is_none() || b.antall == Some(0)), "{:?}", s.behandlingstid);
    assert_eq!(s.per_kommune.len(), 1);
}

#[test]
fn years_without_decisions_are_zero() {
    let saker = [avgjort_sak("agder", d(2020, 2, 1), Utfall::Endret), avgjort_sak("agder", d(2023, 2, 1), Utfall::Endret)];
    let s = landet(periode(Some(d(2019, 6, 1)), Some(d(2023, 3, 1))), &saker, d(2024, 1, 1));
    let aar: Vec<(&str, Antall)> = s.per_aar.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(aar, [("2019", Some(0)), ("2020", Some(1)), ("2021", Some(0)), ("2022", Some(0)), ("2023", Some(1))]);
}

#[test]
fn decisions_outside_the_period_are_ignored() {
    let saker = [
        avgjort_sak("agder", d(2019, 12, 31), Utfall::Stadfestet),
        avgjort_sak("agder", d(2020, 1, 1), Utfall::Endret),
        avgjort_sak("nordland", d(2023, 9, 19), Utfall::Opphevet),
        avgjort_sak("rogaland", d(2023, 9, 20), Utfall::Avvist),
    ];
    let s = landet(periode(Some(d(2020, 1, 1)), Some(d(2023, 9, 19))), &saker, d(2024, 1, 1));
    // Both ends are inclusive.
    assert_eq!(s.totalt, Some(2));
    assert_eq!(s.utfall["stadfestet"], Some(0));
    assert_eq!(s.utfall["avvist"], Some(0));
    assert_eq!(s.per_statsforvalter["rogaland"], Some(0));
    assert_eq!(s.statsforvaltere_med_saker, 2);
    assert!(!s.per_aar.contains_key("2019"));
    assert!(Periode::default().inneholder(d(1900, 1, 1)));
    assert!(!periode(Some(d(2020, 1, 2)), None).inneholder(d(2020, 1, 1)));
}

#[test]
fn categories_and_rights_can_exceed_the_total() {
    let mut flere = avgjort_sak("agder", d(2023, 1, 1), Utfall::Endret);
    flere.kategorier = vec![
        Kategori::IkkeIp,
        Kategori::IkkeKoordinator,
        Kategori::ManglendeMedvirkning,
        // Listed twice on one complaint: still one complaint about it.
        Kategori::IkkeIp,
    ];
    flere.rettigheter = vec![Rettighet::Ip, Rettighet::Koordinator, Rettighet::Koordinator];
    let s = landet(Periode::default(), &[flere], d(2023, 6, 1));
    assert_eq!(s.totalt, Some(1));
    assert_eq!(s.per_kategori.values().map(|n| n.unwrap()).sum::<u64>(), 3);
    assert_eq!(s.per_kategori["ikke_ip"], Some(1));
    assert_eq!(s.per_kategori["oppnevning_koordinator"], Some(0));
    assert_eq!(s.per_rettighet.values().map(|n| n.unwrap()).sum::<u64>(), 2);
    assert_eq!(s.per_rettighet["koordinator"], Some(1));
}

#[test]
fn an_unknown_office_is_still_counted() {
    // Decided before Helsetilsynet's three years: that table lists the register's offices
    // only, and its national row is their sum.
    let saker = [avgjort_sak("agder", d(2023, 1, 1), Utfall::Endret), avgjort_sak("fylkesmannen-i-oslo", d(2020, 1, 2), Utfall::Endret)];
    let s = landet(Periode::default(), &saker, d(2023, 6, 1));
    assert_eq!(s.per_statsforvalter.values().map(|n| n.unwrap()).sum::<u64>(), 2);
    assert_eq!(s.statsforvaltere_med_saker, 2);
    assert_eq!(s.statsforvaltere_totalt, 11);
}

#[test]
fn dates_serialise_as_iso_or_null() {
    let s = landet(periode(Some(d(2020, 1, 1)), None), &[], d(2023, 6, 1));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["fra"], "2020-01-01");
    assert!(json["til"].is_null());
    assert_eq!(json["utfall"]["trukket"], 0);
    let tilbake: Statistikk = serde_json::from_value(json).unwrap();
    assert_eq!(tilbake, s);
}

/// Random cases over the eight municipalities, 2021–2024.
pub(crate) fn saker() -> impl Strategy<Value = Vec<Statistikksak>> {
    let en = (
        0..KOMMUNER.len(),
        select(vec![
            "avgjort",
            "avgjort",
            "avgjort",
            "under_vurdering",
            "til_godkjenning",
            "medhold_hos_kommunen",
            "forberedende_behandling",
        ]),
        select(Utfall::ALLE.to_vec()),
        0i64..1400,
        0i64..200,
        select(Aldersgruppe::ALLE.to_vec()),
        subsequence(Rettighet::ALLE.to_vec(), 1..3),
        subsequence(Kategori::ALLE.to_vec(), 1..4),
    )
        .prop_map(|(k, status, utfall, dag, dager, alder, rettigheter, kategorier)| {
            let mottatt = d(2021, 1, 1) + chrono::Duration::days(dag);
            let mut s = sak(k, status, (status == "avgjort").then_some(utfall), mottatt, dager);
            if status == "medhold_hos_kommunen" || status == "forberedende_behandling" {
                s.mottatt_statsforvalter = None;
                s.avsluttet_kommune = (status == "medhold_hos_kommunen").then_some(mottatt);
            }
            s.aldersgruppe = alder;
            s.rettigheter = rettigheter;
            s.kategorier = kategorier;
            s
        });
    prop::collection::vec(en, 0..60)
}

/// A random filter, as query parameters.
pub(crate) fn parametre() -> impl Strategy<Value = Vec<(&'static str, &'static str)>> {
    let valg: Vec<(&'static str, &'static str)> = vec![
        ("grunnlag", "mottatt"),
        ("statsforvalter", "agder"),
        ("statsforvalter", "troms-og-finnmark"),
        ("fylke", "55"),
        ("fylke", "03"),
        ("kommune", "5501"),
        ("kommune", "4204"),
        ("rettighet", "ip"),
        ("rettighet", "koordinator"),
        ("kategori", "ikke_ip"),
        ("kategori", "mangelfullt_innhold"),
        ("utfall", "stadfestet"),
        ("utfall", "endret"),
        ("aldersgruppe", "barn"),
    ];
    let perioder =
        vec![vec![], vec![("fra", "2022-01-01")], vec![("fra", "2022-03-15"), ("til", "2023-06-30")], vec![("til", "2023-12-31")]];
    (select(perioder), subsequence(valg.clone(), 0..5)).prop_map(|(mut p, v)| {
        p.extend(v);
        p
    })
}

/// Whether a suppressed part can be worked out from a shown total and the other parts: the
/// one pattern a reader can always exploit.
fn eneste_skjulte(total: Antall, deler: &[Antall]) -> bool {
    total.is_some() && deler.iter().filter(|d| d.is_none()).count() == 1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Outcome counts add up to the total; no category or right counts more than the total.
    #[test]
    fn figures_add_up(saker in saker(), p in parametre()) {
        let f = Statistikkfilter::les(p.iter().copied()).unwrap();
        let g = tell(&f, &saker);
        let s = bygg(&f, &saker, d(2025, 1, 1));
        let totalt = g.totalt();
        let utfall: u64 = f.grunnlag.utfallskoder().iter().map(|u| g.per_maaned.iter().filter(|m| m.utfall == *u).map(|m| m.antall).sum::<u64>()).sum();
        prop_assert_eq!(utfall, totalt);
        prop_assert!(g.per_kategori.values().all(|&n| n <= totalt));
        prop_assert!(g.per_rettighet.values().all(|&n| n <= totalt));
        prop_assert_eq!(g.per_aldersgruppe.values().sum::<u64>(), totalt);
        prop_assert_eq!(g.per_kommune.values().sum::<u64>(), totalt);
        if let Some(t) = s.totalt {
            prop_assert_eq!(t, totalt);
            if s.utfall.values().all(Option::is_some) {
                prop_assert_eq!(s.utfall.values().map(|v| v.unwrap()).sum::<u64>(), t);
            }
            if s.per_aar.values().all(Option::is_some) {
                prop_assert_eq!(s.per_aar.values().map(|v| v.unwrap()).sum::<u64>(), t);
            }
        }
        let b = &s.behandlingstid.hele_landet;
        if let (Some(m), Some(p90)) = (b.median_dager, b.p90_dager) {
            prop_assert!(m <= p90);
        }
        prop_assert!(s.statsforvaltere_med_saker <= s.statsforvaltere_totalt);
        prop_assert!(s.statsforvaltere_totalt >= KONTORER.len() as u64);
        // The years run without gaps.
        let aar: Vec<i32> = s.per_aar.keys().map(|k| k.parse().unwrap()).collect();
        prop_assert!(aar.windows(2).all(|par| par[1] == par[0] + 1));
    }

    /// Adding a choice never counts more.
    #[test]
    fn a_narrower_filter_never_counts_more(saker in saker(), p in parametre(), ekstra in select(vec![
        ("statsforvalter", "agder"), ("fylke", "56"), ("kommune", "0301"), ("rettighet", "medvirkning"),
        ("kategori", "ikke_fulgt_opp"), ("utfall", "avvist"), ("aldersgruppe", "voksen"), ("til", "2022-12-31"),
    ])) {
        let f = Statistikkfilter::les(p.iter().copied()).unwrap();
        // Narrowing a parameter already given means intersecting, not adding an alternative.
        let navn = ekstra.0;
        if p.iter().any(|(n, _)| *n == navn) {
            return Ok(());
        }
        let mut smal = p.clone();
        smal.push(ekstra);
        let Ok(smal) = Statistikkfilter::les(smal.iter().copied()) else { return Ok(()) };
        let (g, h) = (tell(&f, &saker), tell(&smal, &saker));
        prop_assert!(h.totalt() <= g.totalt());
        prop_assert!(h.medhold_hos_kommunen <= g.medhold_hos_kommunen);
        for (k, n) in &h.per_kommune {
            prop_assert!(*n <= g.per_kommune.get(k).copied().unwrap_or(0));
        }
        for (k, n) in &h.per_kategori {
            prop_assert!(*n <= g.per_kategori.get(k).copied().unwrap_or(0));
        }
    }

    /// Suppression never reveals a value, for any filter: every count 1–4 of a small area is
    /// hidden, and no hidden part is the only one missing beside a shown total.
    #[test]
    fn suppression_never_reveals_a_value(saker in saker(), p in parametre()) {
        let f = Statistikkfilter::les(p.iter().copied()).unwrap();
        let s = bygg(&f, &saker, d(2025, 1, 1));
        let liten = |a: &Antall| matches!(a, Some(1..=4));
        for k in &s.per_kommune {
            prop_assert!(!liten(&k.antall), "municipality {} shown as {:?}", k.kode, k.antall);
            prop_assert!(k.antall.is_some() || k.per_100k.is_none());
        }
        for fy in s.per_fylke.iter().filter(|fy| fylke_er_del_av_embete(&fy.kode)) {
            prop_assert!(!liten(&fy.antall), "county {} shown as {:?}", fy.kode, fy.antall);
        }
        if s.finmasket {
            let alle = [&s.utfall, &s.per_aar, &s.per_maaned, &s.per_statsforvalter, &s.per_kategori, &s.per_rettighet, &s.per_aldersgruppe];
            for kart in alle {
                prop_assert!(kart.values().all(|v| !liten(v)));
            }
            prop_assert!(!liten(&s.totalt));
            prop_assert!(!liten(&s.medhold_hos_kommunen));
            for rad in &s.helsetilsynet.rader {
                for a in &rad.aar {
                    prop_assert!(!liten(&a.totalt));
                    prop_assert!(a.utfall.values().all(|v| !liten(v)));
                    prop_assert!(!eneste_skjulte(a.totalt, &a.utfall.values().copied().collect::<Vec<_>>()));
                }
            }
            let verdier = |kart: &BTreeMap<String, Antall>| kart.values().copied().collect::<Vec<_>>();
            prop_assert!(!eneste_skjulte(s.totalt, &verdier(&s.utfall)));
            prop_assert!(!eneste_skjulte(s.totalt, &verdier(&s.per_aar)));
            prop_assert!(!eneste_skjulte(s.totalt, &verdier(&s.per_statsforvalter)));
            prop_assert!(!eneste_skjulte(s.totalt, &verdier(&s.per_aldersgruppe)));
        }
        // Counties beside their office area, municipalities beside their county.
        for e in &s.per_embete_omraade {
            let fylker: Vec<Antall> = s.per_fylke.iter().filter(|fy| fy.statsforvalter == e.kode).map(|fy| fy.antall).collect();
            let hjelpeloes = fylker.iter().all(Option::is_none) && e.antall.is_some_and(|n| n < 5 * fylker.len() as u64);
            prop_assert!(!eneste_skjulte(e.antall, &fylker) || hjelpeloes, "{}: {:?} {:?}", e.kode, e.antall, fylker);
        }
        for fy in &s.per_fylke {
            let kommuner: Vec<Antall> = s.per_kommune.iter().filter(|k| k.kode.starts_with(&fy.kode)).map(|k| k.antall).collect();
            if !kommuner.is_empty() {
                prop_assert!(!eneste_skjulte(fy.antall, &kommuner) || kommuner.len() == 1, "{}: {:?} {:?}", fy.kode, fy.antall, kommuner);
            }
        }
    }
}
