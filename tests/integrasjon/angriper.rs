//! The outsider: every attack we know on the public statistics, played through the real HTTP
//! API with no login, on the demo data (both engines) and on random data (property test), each
//! trying to recover a hidden count of 1–4 exactly. The output counts the cells attacked and
//! the requests made.
//!
//! What the attacker knows: everything any public answer publishes (JSON, CSV, XLSX, the page),
//! and every fact about the figures that anyone could know (`domain::statistikk::angrep`, the
//! model the unit tests check the protection against too). A hidden count of 1–4 narrowed to
//! one value is a successful attack, and the test fails.

use crate::begge_motorer;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;

use crate::felles::*;
use axum::http::StatusCode;
use axum::Router;
use klagesak::cli::last_demodata;
use klagesak::db;
use klagesak::domain::referanse;
use klagesak::domain::statistikk::angrep;
use klagesak::domain::statistikk::dashbord::{self, Statistikksak};
use klagesak::domain::statistikk::familie::{aarsperiode, Noekkel, Omraade};
use klagesak::domain::tilgang::Rolle;
use klagesak::server::statistikkgrense::Statistikkgrense;
use klagesak::server::Klokke;
use serde_json::Value;

/// The attacker: the app, and how many requests it has made.
struct Angriper {
    app: Router,
    forespoersler: usize,
}

impl Angriper {
    async fn hent(&mut self, sti: &str) -> Svar {
        self.forespoersler += 1;
        get(&self.app, sti).await
    }

    /// A JSON answer that must be 200.
    async fn json(&mut self, query: &str) -> Value {
        let svar = self.hent(&format!("/api/v1/statistikk?{query}")).await;
        assert_eq!(svar.status, StatusCode::OK, "{query}: {}", svar.tekst);
        svar.json()
    }

    /// The status of a question, for the ones that must be refused.
    async fn status(&mut self, query: &str) -> (StatusCode, Value) {
        let svar = self.hent(&format!("/api/v1/statistikk?{query}")).await;
        let json = serde_json::from_str(&svar.tekst).unwrap_or(Value::Null);
        (svar.status, json)
    }
}

fn aar_query(aar: i32) -> String {
    format!("fra={aar}-01-01&til={aar}-12-31")
}

/// The filter parameter of a family column (`utfall=endret`), or nothing for the total.
fn kolonne_query(n: &Noekkel) -> String {
    if *n == Noekkel::totalt() {
        String::new()
    } else {
        format!("&{}", n.kode())
    }
}

/// The true counts of a year: per column, per municipality.
fn sannhet(saker: &[Statistikksak], aar: i32) -> BTreeMap<Noekkel, BTreeMap<String, u64>> {
    Noekkel::alle()
        .into_iter()
        .map(|n| {
            let g = dashbord::tell(&n.filter(aarsperiode(aar)), saker);
            (n, g.per_kommune)
        })
        .collect()
}

fn sann_verdi(sann: &BTreeMap<Noekkel, BTreeMap<String, u64>>, n: &Noekkel, o: &Omraade) -> u64 {
    let kommuner = referanse::kommuner().iter().filter(|k| match o {
        Omraade::Embete(e) => &k.statsforvalter == e,
        Omraade::Fylke(f) => &k.fylke == f,
        Omraade::Kommune(nr) => &k.nummer == nr,
    });
    kommuner.map(|k| sann.get(n).and_then(|m| m.get(&k.nummer)).copied().unwrap_or(0)).sum()
}

/// Whether a cell is one the rule protects: a municipality, or a county that is part of its
/// office.
fn beskyttet_omraade(o: &Omraade) -> bool {
    match o {
        Omraade::Kommune(_) => true,
        Omraade::Fylke(f) => referanse::fylker()
            .iter()
            .find(|x| &x.nummer == f)
            .and_then(|x| referanse::statsforvalter(&x.statsforvalter))
            .is_some_and(|s| s.fylker.len() > 1),
        Omraade::Embete(_) => false,
    }
}

fn antall(v: &Value) -> Option<u64> {
    v.as_u64()
}

/// What the attacker has collected: every published cell of one office and year.
type Kunnskap = HashMap<(Omraade, Noekkel), Option<u64>>;

/// Collects an office's whole family for a year through the API: one drill-down per column.
async fn samle_embete(a: &mut Angriper, aar: i32, embete: &str) -> Kunnskap {
    let mut k = Kunnskap::new();
    for n in Noekkel::alle() {
        let json = a.json(&format!("{}&statsforvalter={embete}{}", aar_query(aar), kolonne_query(&n))).await;
        for rad in json["per_embete_omraade"].as_array().unwrap() {
            k.insert((Omraade::Embete(rad["kode"].as_str().unwrap().to_owned()), n.clone()), antall(&rad["antall"]));
        }
        for rad in json["per_fylke"].as_array().unwrap() {
            k.insert((Omraade::Fylke(rad["kode"].as_str().unwrap().to_owned()), n.clone()), antall(&rad["antall"]));
        }
        for rad in json["per_kommune"].as_array().unwrap() {
            k.insert((Omraade::Kommune(rad["kode"].as_str().unwrap().to_owned()), n.clone()), antall(&rad["antall"]));
        }
    }
    k
}

/// Every count an answer about one area publishes, as the attacker would read it, with where
/// it came from: a hidden count must not come back through any of them.
fn avledede_tall(json: &Value, kode: &str) -> Vec<(&'static str, u64)> {
    let mut funn = Vec::new();
    let mut legg = |hva: &'static str, v: Option<u64>| {
        if let Some(v) = v {
            funn.push((hva, v));
        }
    };
    legg("totalt", json["totalt"].as_u64());
    legg("behandlingstid.antall", json["behandlingstid"]["hele_landet"]["antall"].as_u64());
    for v in json["behandlingstid"]["per_statsforvalter"].as_object().into_iter().flat_map(|m| m.values()) {
        legg("behandlingstid.per_statsforvalter.antall", v["antall"].as_u64());
    }
    for felt in ["per_statsforvalter", "per_aar"] {
        for v in json[felt].as_object().into_iter().flat_map(|m| m.values()) {
            legg(felt, v.as_u64());
        }
    }
    for felt in ["utfall", "per_aldersgruppe"] {
        let verdier: Option<Vec<u64>> = json[felt].as_object().and_then(|m| m.values().map(Value::as_u64).collect());
        legg(if felt == "utfall" { "sum av utfall" } else { "sum av aldersgrupper" }, verdier.map(|v| v.iter().sum()));
    }
    for rad in json["helsetilsynet"]["rader"].as_array().into_iter().flatten() {
        if let Some(siste) = rad["aar"].as_array().and_then(|a| a.last()) {
            legg("helsetilsynet", siste["totalt"].as_u64());
        }
    }
    for felt in ["per_kommune", "per_fylke", "per_embete_omraade"] {
        for rad in json[felt].as_array().into_iter().flatten().filter(|r| r["kode"] == kode) {
            legg("områdetabell", rad["antall"].as_u64());
            if let (Some(rate), Some(innbyggere)) = (rad["per_100k"].as_f64(), rad["innbyggere"].as_u64()) {
                legg("per 100 000", Some((rate * innbyggere as f64 / 100_000.0).round() as u64));
            }
        }
    }
    // Whether the area has cases at all: for a hidden cell it must not tell 0 from 1–4.
    legg("statsforvaltere_med_saker", json["statsforvaltere_med_saker"].as_u64().filter(|&n| n > 0));
    funn
}

/// The attack on one year of one office, and on each of its protected areas. Returns the
/// number of protected cells attacked.
async fn angrip_embete(a: &mut Angriper, saker: &[Statistikksak], aar: i32, embete: &str, alle_formater: bool) -> usize {
    let sann = sannhet(saker, aar);
    // Combining every drill-down of the year (all columns), with everything known.
    let kunnskap = samle_embete(a, aar, embete).await;
    let avsloert = angrep::angrip(&|o, n| kunnskap.get(&(o.clone(), n.clone())).copied().flatten(), &sann, embete);
    assert!(avsloert.is_empty(), "{aar} {embete}: the linked cells give away {avsloert:?}");
    let beskyttede: Vec<(Omraade, Noekkel)> = kunnskap
        .keys()
        .filter(|(o, n)| beskyttet_omraade(o) && (1..5).contains(&sann_verdi(&sann, n, o)))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for (o, n) in &beskyttede {
        assert_eq!(kunnskap[&(o.clone(), n.clone())], None, "{aar} {o:?} {n:?} is a protected count and shown");
    }
    // Each protected area on its own, with every derived figure, and the differences that
    // must be refused.
    let omraader: BTreeSet<&Omraade> = beskyttede.iter().filter(|(_, n)| *n == Noekkel::totalt()).map(|(o, _)| o).collect();
    for o in omraader {
        let (param, kode) = match o {
            Omraade::Kommune(k) => ("kommune", k.as_str()),
            Omraade::Fylke(f) => ("fylke", f.as_str()),
            Omraade::Embete(_) => unreachable!(),
        };
        let q = format!("{}&{param}={kode}", aar_query(aar));
        let json = a.json(&q).await;
        let funn = avledede_tall(&json, kode);
        assert!(funn.is_empty(), "{q}: a hidden count comes back through {funn:?}");
        // The same question again gives the same answer, to the byte.
        let foerst = a.hent(&format!("/api/v1/statistikk?{q}")).await.tekst;
        assert_eq!(foerst, a.hent(&format!("/api/v1/statistikk?{q}")).await.tekst, "{q}: repeated");
        // Differences: a day less, two years, two areas, one more filter, another basis.
        // Two areas: a neighbour in the same office, or a county of another office.
        let nabo = match o {
            Omraade::Kommune(k) => {
                let embete = &referanse::kommune(k).unwrap().statsforvalter;
                let n = referanse::kommuner().iter().find(|x| &x.statsforvalter == embete && &x.nummer != k).unwrap();
                format!("kommune={}", n.nummer)
            }
            _ => "fylke=46".to_owned(),
        };
        for forsoek in [
            format!("fra={aar}-01-01&til={aar}-12-30&{param}={kode}"),
            format!("fra={aar}-01-02&til={aar}-12-31&{param}={kode}"),
            format!("fra={}-01-01&til={aar}-12-31&{param}={kode}", aar - 1),
            format!("{q}&{nabo}"),
            format!("{q}&utfall=stadfestet"),
            format!("{q}&aldersgruppe=barn"),
            format!("{q}&rettighet=ip"),
            format!("{q}&kategori=ikke_ip"),
            format!("{q}&grunnlag=mottatt"),
        ] {
            let (status, json) = a.status(&forsoek).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{forsoek} is answered: {json}");
            assert!(
                json["feil"].as_str().is_some_and(|f| f.contains("Åpen statistikk"))
                    && json["feil_nn"].as_str().is_some_and(|f| f.contains("Open statistikk")),
                "{json}"
            );
        }
        if alle_formater {
            // The files and the page publish the same, nothing more.
            let csv = a.hent(&format!("/api/v1/statistikk.csv?{q}")).await;
            assert!(csv.tekst.lines().any(|l| l == "Klager totalt;:"), "{q}: CSV");
            let xlsx = {
                a.forespoersler += 1;
                let svar = tower::ServiceExt::oneshot(
                    a.app.clone(),
                    axum::http::Request::builder().uri(format!("/api/v1/statistikk.xlsx?{q}")).body(axum::body::Body::empty()).unwrap(),
                )
                .await
                .unwrap();
                http_body_util::BodyExt::collect(svar.into_body()).await.unwrap().to_bytes().to_vec()
            };
            use calamine::Reader;
            let mut bok: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
            let ark = bok.worksheet_range("Statistikk").unwrap();
            let totalt = ark.rows().find(|r| r[0] == "Klager totalt").map(|r| r[1].to_string());
            assert_eq!(totalt.as_deref(), Some(":"), "{q}: XLSX");
            let side = a.hent(&format!("/statistikk?{q}")).await.tekst;
            assert!(side.contains(r#"data-testid="totalt">under 5<"#), "{q}: the page");
        }
    }
    // A period one day short of the year, or two filters, leaves the areas out altogether.
    let json = a.json(&format!("fra={aar}-01-01&til={aar}-12-30&statsforvalter={embete}")).await;
    assert!(
        json["per_kommune"].as_array().unwrap().is_empty()
            && json["per_fylke"].as_array().unwrap().is_empty()
            && json["omraader_utelatt"] == true
    );
    if alle_formater {
        let side = a.hent(&format!("/statistikk?fra={aar}-01-01&til={aar}-12-30&statsforvalter={embete}")).await.tekst;
        assert!(side.contains(r#"data-testid="omraader-utelatt""#), "the page says why the areas are missing");
    }
    let json = a.json(&format!("{}&statsforvalter={embete}&utfall=stadfestet&aldersgruppe=barn", aar_query(aar))).await;
    assert!(json["per_kommune"].as_array().unwrap().is_empty(), "two filters");
    beskyttede.len()
}

async fn demodata_holder_paa_hemmelighetene(t: &Testdatabase) {
    last_demodata(&t.db, Klokke::Fast(naa())).await.unwrap();
    let saker = db::statistikk::statistikksaker(&t.db).await.unwrap();
    let mut a = Angriper { app: ruter(&t.db), forespoersler: 0 };
    // The slide's national figures are still exact.
    let json = a.json("fra=2020-01-01&til=2023-09-19").await;
    assert_eq!((json["totalt"].as_u64(), json["statsforvaltere_med_saker"].as_u64()), (Some(27), Some(8)));
    assert_eq!(
        (json["utfall"]["stadfestet"].as_u64(), json["utfall"]["endret"].as_u64(), json["utfall"]["opphevet"].as_u64()),
        (Some(15), Some(9), Some(3))
    );
    let mut celler = 0;
    let mut foerste = true;
    for aar in 2020..=2026 {
        for embete in referanse::statsforvalterkoder() {
            celler += angrip_embete(&mut a, &saker, aar, embete, foerste).await;
            foerste = false;
        }
    }
    assert!(celler > 100, "the demo data has protected cells to attack: {celler}");
    // A logged-in municipality is the public too.
    let kommune = klient(&a.app, &t.db, "1506", &[Rolle::Kommune]).await;
    let svar = kommune.get("/api/v1/statistikk?fra=2024-01-01&til=2024-12-31&kommune=1506&kommune=1505").await;
    assert_eq!(svar.status, StatusCode::BAD_REQUEST);
    a.forespoersler += 1;
    println!(
        "angriper (demodata, {:?}): {celler} beskyttede celler angrepet med {} forespørsler, ingen avslørt",
        t.db.motor, a.forespoersler
    );
}

/// The directorate still asks flexibly, and the bounds hold for everyone.
async fn grenser_for_alle(t: &Testdatabase) {
    last_demodata(&t.db, Klokke::Fast(naa())).await.unwrap();
    let app = ruter(&t.db);
    let direktorat = klient(&app, &t.db, "direktoratet", &[Rolle::Direktorat]).await;
    let svar = direktorat.get("/api/v1/statistikk?fra=2024-03-01&til=2025-02-11&kommune=1506&kommune=1505&utfall=endret").await;
    assert_eq!(svar.status, StatusCode::OK, "{}", svar.tekst);
    assert!(svar.json()["finmasket"] == true);
    // Periods from 2000 to a year after today (the test's today is 2026-11-23).
    for (q, parameter) in
        [("fra=1999-12-31", "fra"), ("til=2027-11-24", "til"), ("fra=-200000-01-01", "fra"), ("til=%2B200000-12-31", "til")]
    {
        for (hvem, svar) in [
            ("anonym", get(&app, &format!("/api/v1/statistikk?{q}")).await),
            ("direktorat", direktorat.get(&format!("/api/v1/statistikk?{q}")).await),
        ] {
            assert_eq!(svar.status, StatusCode::BAD_REQUEST, "{hvem} {q}: {}", svar.tekst);
            let json = svar.json();
            assert_eq!(json["parameter"], parameter, "{q}");
            assert!(
                json["feil"].as_str().unwrap().contains("01.01.2000") && json["feil_nn"].as_str().unwrap().contains("utanfor"),
                "{json}"
            );
        }
    }
    assert_eq!(get(&app, "/api/v1/statistikk?fra=2000-01-01&til=2027-11-23").await.status, StatusCode::OK);
    // At most 100 values per parameter.
    let mange: String = referanse::kommuner().iter().take(101).map(|k| format!("&kommune={}", k.nummer)).collect();
    let svar = direktorat.get(&format!("/api/v1/statistikk?fra=2024-01-01{mange}")).await;
    assert_eq!(svar.status, StatusCode::BAD_REQUEST);
    assert_eq!(svar.json()["parameter"], "kommune");
    // The largest answer anyone can provoke is bounded: every municipality's row, 28 years of
    // months.
    let alle_aar = get(&app, "/api/v1/statistikk?fra=2000-01-01&til=2027-11-23&statsforvalter=vestland").await;
    assert!(alle_aar.tekst.len() < 200_000, "{} bytes", alle_aar.tekst.len());
    println!("grenser: største offentlige svar {} byte", alle_aar.tekst.len());
}

/// A burst of anonymous requests meets 429 with Retry-After; a logged-in case officer working
/// at the same time is never refused.
async fn stoet_av_anonyme_faar_429(t: &Testdatabase) {
    last_demodata(&t.db, Klokke::Fast(naa())).await.unwrap();
    let app = ruter_med_grense(&t.db, Klokke::Fast(naa()), Statistikkgrense { per_minutt: 60, stoet: 10 });
    let saksbehandler = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let (mut ok, mut nektet, mut innlogget_ok) = (0, 0, 0);
    let mut venter = None;
    for i in 0..40 {
        let sti = [
            "/api/v1/statistikk?fra=2024-01-01&til=2024-12-31",
            "/statistikk?fra=2024-01-01&til=2024-12-31",
            "/api/v1/statistikk.csv?fra=2024-01-01",
        ][i % 3];
        let svar = get(&app, sti).await;
        match svar.status {
            StatusCode::OK => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                nektet += 1;
                venter = svar.headers.get("retry-after").map(|v| v.to_str().unwrap().to_owned());
                assert!(svar.tekst.contains("For mange") && svar.tekst.contains("førespurnader"), "{}", svar.tekst);
            }
            annet => panic!("{sti}: {annet}"),
        }
        // The officer, between the anonymous requests: statistics and the case list.
        for sti in ["/api/v1/statistikk?fra=2024-01-01&til=2024-12-31", "/statistikk", "/saker"] {
            let svar = saksbehandler.get(sti).await;
            assert_eq!(svar.status, StatusCode::OK, "the officer is refused {sti}");
            innlogget_ok += 1;
        }
    }
    assert_eq!(ok, 10, "the bucket lets 10 through");
    assert_eq!(nektet, 30);
    assert_eq!(venter.as_deref(), Some("1"));
    // The API's 429 is JSON in its error shape.
    let json = get(&app, "/api/v1/statistikk").await.json();
    assert!(json["feil"].as_str().unwrap().contains("Prøv igjen"));
    println!("grense: {ok} slapp inn, {nektet} fikk 429, {innlogget_ok} innloggede forespørsler besvart");
}

begge_motorer!(demodata_holder_paa_hemmelighetene, grenser_for_alle, stoet_av_anonyme_faar_429);

mod tilfeldig {
    //! Random registers for one office with two counties, loaded into SQLite and attacked
    //! through HTTP.
    use super::*;
    use klagesak::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
    use proptest::prelude::*;

    fn sak() -> impl Strategy<Value = Statistikksak> {
        let kommuner: Vec<String> =
            referanse::kommuner().iter().filter(|k| k.statsforvalter == "vestfold-og-telemark").map(|k| k.nummer.clone()).collect();
        (
            prop::sample::select(kommuner),
            prop::sample::select(Utfall::ALLE.to_vec()),
            prop::sample::select(Aldersgruppe::ALLE.to_vec()),
            prop::sample::subsequence(Rettighet::ALLE.to_vec(), 1..=2),
            prop::sample::subsequence(Kategori::ALLE.to_vec(), 1..=2),
            0u32..365,
        )
            .prop_map(|(kommune, utfall, alder, rettigheter, kategorier, dag)| {
                let avgjort = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(i64::from(dag));
                Statistikksak {
                    statsforvalter: "vestfold-og-telemark".into(),
                    kommune,
                    status: klagesak::domain::status::Status::Avgjort,
                    utfall: Some(utfall),
                    mottatt_statsforvalter: Some(avgjort - chrono::Duration::days(40)),
                    avgjort: Some(avgjort),
                    avsluttet_kommune: None,
                    aldersgruppe: alder,
                    rettigheter,
                    kategorier,
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
        #[test]
        fn tilfeldige_registre_holder_paa_hemmelighetene(saker in prop::collection::vec(sak(), 1..60)) {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                let t = ny_database(Motor::Sqlite).await.unwrap();
                db::statistikk::last_inn_statistikkrader(&t.db, &saker).await.unwrap();
                let mut a = Angriper { app: ruter(&t.db), forespoersler: 0 };
                let celler = angrip_embete(&mut a, &saker, 2025, "vestfold-og-telemark", false).await;
                println!("angriper (tilfeldig register, {} saker): {celler} beskyttede celler angrepet med {} forespørsler, ingen avslørt", saker.len(), a.forespoersler);
            });
        }
    }
}
