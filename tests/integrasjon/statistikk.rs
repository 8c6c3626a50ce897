//! The statistics against hand-counted figures on a small fixed data set, on both engines: the
//! SQL aggregates equal the reference count over the rows, every figure of the dashboard, the
//! filters through the API, the CSV and XLSX exports read back, and the OpenAPI document.

use crate::begge_motorer;
use std::io::Cursor;

use crate::felles::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use klagesak::db;
use klagesak::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use klagesak::domain::statistikk::dashbord::{self, Statistikksak};
use klagesak::domain::statistikk::filter::Statistikkfilter;
use klagesak::domain::statistikk::offentlig::Publikum;
use klagesak::server::api;
use klagesak::tjenester::statistikk;
use tower::ServiceExt;

fn d(tekst: &str) -> NaiveDate {
    NaiveDate::parse_from_str(tekst, "%Y-%m-%d").unwrap()
}

/// One row of the fixed data set.
#[allow(clippy::too_many_arguments)]
fn rad(
    kommune: &str,
    status: &str,
    utfall: Option<Utfall>,
    mottatt: Option<&str>,
    avgjort: Option<&str>,
    alder: Aldersgruppe,
    rettigheter: &[Rettighet],
    kategorier: &[Kategori],
) -> Statistikksak {
    let k = klagesak::domain::referanse::kommune(kommune).unwrap();
    Statistikksak {
        statsforvalter: k.statsforvalter.clone(),
        kommune: kommune.to_owned(),
        status: klagesak::domain::status::Status::fra_kode(status).expect("a status code"),
        utfall,
        mottatt_statsforvalter: mottatt.map(d),
        avgjort: avgjort.map(d),
        avsluttet_kommune: None,
        aldersgruppe: alder,
        rettigheter: rettigheter.to_vec(),
        kategorier: kategorier.to_vec(),
    }
}

/// The fixed data set: 13 decisions in 2024 (4 in Agder, 2 in Troms, 1 in Finnmark, 6 in
/// Oslo), two open cases, one medhold hos kommunen and two decisions before 2024.
fn datasett() -> Vec<Statistikksak> {
    use Aldersgruppe::{Barn, Voksen};
    use Kategori::*;
    use Rettighet::*;
    let a = "avgjort";
    let mut v = vec![
        rad("4204", a, Some(Utfall::Stadfestet), Some("2024-01-10"), Some("2024-02-20"), Barn, &[Ip], &[IkkeIp]),
        rad(
            "4204",
            a,
            Some(Utfall::Endret),
            Some("2024-02-01"),
            Some("2024-06-15"),
            Voksen,
            &[Ip, Koordinator],
            &[IkkeKoordinator, PlanarbeidDrarUt],
        ),
        rad("4203", a, Some(Utfall::Stadfestet), Some("2024-03-01"), Some("2024-03-31"), Voksen, &[Ip], &[MangelfulltInnhold]),
        rad("4203", a, Some(Utfall::Opphevet), Some("2023-11-30"), Some("2024-02-29"), Barn, &[Medvirkning], &[ManglendeMedvirkning]),
        rad("5501", a, Some(Utfall::Stadfestet), Some("2024-04-01"), Some("2024-05-01"), Voksen, &[Ip], &[IkkeIp]),
        rad("5501", a, Some(Utfall::Avvist), Some("2024-05-01"), Some("2024-05-11"), Voksen, &[Ip], &[IkkeIp]),
        rad("5601", a, Some(Utfall::Trukket), Some("2024-06-01"), Some("2024-07-01"), Barn, &[Ip], &[IkkeFulgtOpp]),
    ];
    for _ in 0..6 {
        v.push(rad("0301", a, Some(Utfall::Stadfestet), Some("2024-08-01"), Some("2024-09-02"), Voksen, &[Ip], &[IkkeIp]));
    }
    v.push(rad("0301", "under_vurdering", None, Some("2024-10-01"), None, Voksen, &[Ip], &[IkkeIp]));
    v.push(rad("4204", "til_godkjenning", None, Some("2024-11-01"), None, Voksen, &[Ip], &[IkkeIp]));
    let mut medhold = rad("1506", "medhold_hos_kommunen", None, None, None, Voksen, &[Ip], &[IkkeIp]);
    medhold.avsluttet_kommune = Some(d("2024-03-15"));
    v.push(medhold);
    v.push(rad("4204", a, Some(Utfall::Endret), Some("2022-03-01"), Some("2022-04-01"), Voksen, &[Ip], &[IkkeIp]));
    v.push(rad("4204", a, Some(Utfall::Stadfestet), Some("2023-05-01"), Some("2023-06-01"), Voksen, &[Ip], &[IkkeIp]));
    v
}

async fn med_datasett(t: &Testdatabase) {
    db::statistikk::last_inn_statistikkrader(&t.db, &datasett()).await.expect("bulk load");
}

fn filter(q: &str) -> Statistikkfilter {
    api::les_filter(q).unwrap()
}

/// A GET with the raw body bytes.
async fn hent(app: &axum::Router, sti: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let req = Request::builder().uri(sti).body(Body::empty()).unwrap();
    let svar = app.clone().oneshot(req).await.unwrap();
    let status = svar.status();
    let headers = svar.headers().clone();
    (status, headers, svar.into_body().collect().await.unwrap().to_bytes().to_vec())
}

async fn sql_er_lik_referansen(t: &Testdatabase) {
    med_datasett(t).await;
    let saker = db::statistikk::statistikksaker(&t.db).await.unwrap();
    assert_eq!(saker.len(), datasett().len());
    for q in [
        "",
        "fra=2024-01-01&til=2024-12-31",
        "fra=2024-01-01&til=2024-12-31&grunnlag=mottatt",
        "grunnlag=mottatt&utfall=under_behandling",
        "statsforvalter=agder&statsforvalter=troms-og-finnmark",
        "fylke=55",
        "kommune=0301&kommune=4204",
        "rettighet=koordinator&rettighet=medvirkning",
        "kategori=ikke_ip",
        "utfall=stadfestet&utfall=endret",
        "aldersgruppe=barn",
        "fra=2024-02-01&til=2024-05-31&statsforvalter=agder&rettighet=ip&kategori=planarbeid_drar_ut&aldersgruppe=voksen&utfall=endret",
    ] {
        let f = filter(q);
        let sql = db::statistikk::grunnlagstall(&t.db, &f).await.unwrap();
        assert_eq!(sql, dashbord::tell(&f, &saker), "filter «{q}»");
    }
}

async fn tall_mot_haandtelling(t: &Testdatabase) {
    med_datasett(t).await;
    let idag = d("2025-01-15");
    let s = statistikk::hent_statistikk(&t.db, &filter("fra=2024-01-01&til=2024-12-31"), Publikum::Intern, idag).await.unwrap();
    assert_eq!(s.totalt, Some(13));
    let utfall: Vec<(&str, Option<u64>)> = s.utfall.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(utfall, [("avvist", Some(1)), ("endret", Some(1)), ("opphevet", Some(1)), ("stadfestet", Some(9)), ("trukket", Some(1))]);
    assert_eq!(s.per_statsforvalter["agder"], Some(4));
    assert_eq!(s.per_statsforvalter["troms-og-finnmark"], Some(3));
    assert_eq!(s.per_statsforvalter["ostfold-buskerud-oslo-akershus"], Some(6));
    assert_eq!(s.per_statsforvalter["vestland"], Some(0));
    assert_eq!(s.statsforvaltere_med_saker, 3);
    assert_eq!(s.per_kategori["ikke_ip"], Some(9));
    assert_eq!(s.per_kategori["planarbeid_drar_ut"], Some(1));
    assert_eq!(s.per_kategori["oppnevning_koordinator"], Some(0));
    assert_eq!(s.per_rettighet["ip"], Some(12));
    assert_eq!(s.per_rettighet["medvirkning"], Some(1));
    assert_eq!(s.per_aldersgruppe["barn"], Some(3));
    assert_eq!(s.per_aldersgruppe["voksen"], Some(10));
    assert_eq!(s.medhold_hos_kommunen, Some(1));
    assert_eq!(s.per_maaned["2024-09"], Some(6));
    assert_eq!(s.per_maaned["2024-02"], Some(2));
    assert!(s.delperiode.is_none(), "one calendar year has no sub-period");
    // Processing time: 10, 30, 30, 30, 32×6, 41, 91, 135 days; only 135 misses 3 months
    // (30 Nov 2023 + 3 months is 29 Feb 2024, the day it was decided).
    let b = &s.behandlingstid.hele_landet;
    assert_eq!((b.antall, b.median_dager, b.p90_dager), (Some(13), Some(32), Some(91)));
    assert_eq!(b.andel_innen_tre_maaneder, Some(12.0 / 13.0));
    let agder = &s.behandlingstid.per_statsforvalter["agder"];
    assert_eq!((agder.antall, agder.median_dager, agder.p90_dager), (Some(4), Some(41), Some(135)));
    assert_eq!(agder.andel_innen_tre_maaneder, Some(0.75));
    // Counties: Troms 2 and Finnmark 1 are hidden, Agder and Oslo shown; per 100,000.
    let fylke = |nr: &str| s.per_fylke.iter().find(|f| f.kode == nr).unwrap().clone();
    assert_eq!(fylke("55").antall, None);
    assert_eq!(fylke("56").antall, None);
    assert_eq!(fylke("55").per_100k, None);
    assert_eq!(fylke("42").antall, Some(4));
    assert_eq!(fylke("03").antall, Some(6));
    assert_eq!(fylke("03").per_100k, Some(0.8), "6 of Oslo's 717,710");
    assert_eq!(fylke("31").antall, Some(0));
    assert!(s.per_kommune.is_empty());
    let omraade = |k: &str| s.per_embete_omraade.iter().find(|e| e.kode == k).unwrap().antall;
    assert_eq!(omraade("troms-og-finnmark"), Some(3));
    // Helsetilsynet's table: 2022, 2023, 2024.
    let h = &s.helsetilsynet;
    assert_eq!(h.aar, [2022, 2023, 2024]);
    let landet = h.rader.last().unwrap();
    assert_eq!(landet.aar.iter().map(|a| a.totalt).collect::<Vec<_>>(), [Some(1), Some(1), Some(13)]);
    let agder = h.rader.iter().find(|r| r.statsforvalter == "agder").unwrap();
    assert_eq!(agder.aar[0].utfall["endret"], Some(1));
    assert_eq!(agder.aar[2].andeler["stadfestet"], Some(0.5));
    assert!(s.oppsummering.starts_with("Landsoversikt 01.01.2024 – 31.12.2024: 13 klager totalt. 3 av 10 statsforvaltere"));

    // The received basis counts the two open cases, the proposed decision among them.
    let s = statistikk::hent_statistikk(&t.db, &filter("fra=2024-01-01&til=2024-12-31&grunnlag=mottatt"), Publikum::Intern, idag)
        .await
        .unwrap();
    assert_eq!(s.totalt, Some(14));
    assert_eq!(s.utfall["under_behandling"], Some(2));
    assert_eq!(s.utfall["opphevet"], Some(0), "received in 2023");

    // Drill-down to an office: its counties and municipalities, small ones hidden.
    let s = statistikk::hent_statistikk(
        &t.db,
        &filter("fra=2024-01-01&til=2024-12-31&statsforvalter=troms-og-finnmark"),
        Publikum::Intern,
        idag,
    )
    .await
    .unwrap();
    assert!(!s.finmasket);
    assert_eq!(s.totalt, Some(3));
    let kommune = |nr: &str| s.per_kommune.iter().find(|k| k.kode == nr).unwrap().antall;
    assert_eq!(kommune("5501"), None);
    assert_eq!(kommune("5601"), None);
    assert_eq!(kommune("5503"), Some(0));
    assert!(s.per_kommune.iter().all(|k| k.statsforvalter == "troms-og-finnmark"));

    // One municipality: every small count hidden, the sentence says so.
    let s =
        statistikk::hent_statistikk(&t.db, &filter("fra=2024-01-01&til=2024-12-31&kommune=5501"), Publikum::Intern, idag).await.unwrap();
    assert!(s.finmasket);
    assert_eq!(s.totalt, None);
    assert_eq!(s.utfall["stadfestet"], None);
    assert!(s.oppsummering.contains("under 5 klager totalt"));
    let s =
        statistikk::hent_statistikk(&t.db, &filter("fra=2024-01-01&til=2024-12-31&kommune=0301"), Publikum::Intern, idag).await.unwrap();
    assert_eq!(s.totalt, Some(6));
    assert_eq!(s.utfall["stadfestet"], Some(6));
}

async fn api_tar_alle_filtre(t: &Testdatabase) {
    med_datasett(t).await;
    let app = ruter(&t.db);
    let json = get(
        &app,
        "/api/v1/statistikk?fra=2024-01-01&til=2024-12-31&statsforvalter=agder&statsforvalter=troms-og-finnmark&utfall=stadfestet",
    )
    .await
    .json();
    assert_eq!(json["totalt"], 3);
    assert_eq!(json["filter"][2], serde_json::json!(["statsforvalter", "agder"]));
    let json = get(&app, "/api/v1/statistikk?fra=2024-01-01&til=2024-12-31&kommune=5501").await.json();
    assert!(json["totalt"].is_null(), "suppressed is null");
    for (q, parameter) in
        [("utfall=vunnet", "utfall"), ("grunnlag=x", "grunnlag"), ("kommune=0000", "kommune"), ("aldersgruppe=gammel", "aldersgruppe")]
    {
        let svar = get(&app, &format!("/api/v1/statistikk?{q}")).await;
        assert_eq!(svar.status, StatusCode::BAD_REQUEST, "{q}");
        let json = svar.json();
        assert_eq!(json["parameter"], parameter);
        assert_ne!(json["feil"], json["feil_nn"]);
    }
    let json = get(&app, "/api/v1/openapi.json").await.json();
    assert_eq!(json["openapi"], "3.1.0");
    for sti in ["/api/v1/statistikk", "/api/v1/statistikk.csv", "/api/v1/statistikk.xlsx"] {
        assert!(json["paths"][sti]["get"]["parameters"].as_array().is_some_and(|p| p.len() == 10), "{sti}");
    }
}

async fn csv_leses_tilbake(t: &Testdatabase) {
    med_datasett(t).await;
    let app = ruter(&t.db);
    let (status, headers, bytes) =
        hent(&app, "/api/v1/statistikk.csv?fra=2024-01-01&til=2024-12-31&statsforvalter=troms-og-finnmark").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "BOM");
    let tekst = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let linjer: Vec<Vec<&str>> = tekst.lines().map(|l| l.split(';').collect()).collect();
    assert!(linjer.iter().any(|l| l == &["Periode", "01.01.2024 – 31.12.2024"]));
    assert!(linjer.iter().any(|l| l == &["Statsforvalter", "Statsforvalteren i Troms og Finnmark"]));
    assert!(linjer.iter().any(|l| l == &["Klager totalt", "3"]));
    assert!(linjer.iter().any(|l| l[0] == "Tromsø" && l[1] == ":"), "a hidden municipality is «:»");
    assert!(linjer.iter().any(|l| l[0] == "Harstad" && l[1] == "0"), "{tekst}");
    // Nynorsk labels on request.
    let (_, _, bytes) = hent(&app, "/api/v1/statistikk.csv?fra=2024-01-01&sprak=nn").await;
    assert!(String::from_utf8_lossy(&bytes).contains("Del innan 3 månader"));
    let (status, _, _) = hent(&app, "/api/v1/statistikk.csv?til=igaar").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn xlsx_leses_tilbake(t: &Testdatabase) {
    use calamine::{Reader, Xlsx};
    med_datasett(t).await;
    let app = ruter(&t.db);
    let (status, headers, bytes) = hent(&app, "/api/v1/statistikk.xlsx?fra=2024-01-01&til=2024-12-31&fylke=55").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().contains("spreadsheetml"));
    assert_eq!(&bytes[..2], b"PK", "a zip container, not CSV renamed");
    let mut bok: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("a real workbook");
    let ark = bok.worksheet_range("Statistikk").expect("the sheet");
    let rader: Vec<Vec<String>> = ark.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let finn = |a: &str| rader.iter().find(|r| r[0] == a).unwrap_or_else(|| panic!("no row «{a}»: {rader:?}")).clone();
    assert_eq!(finn("Periode")[1], "01.01.2024 – 31.12.2024");
    assert_eq!(finn("Fylke")[1], "Troms");
    assert_eq!(finn("Klager totalt")[1], ":", "Troms is part of its office: 2 is hidden");
    assert_eq!(finn("Tromsø")[1], ":");
}

async fn siden_viser_utvalget(t: &Testdatabase) {
    med_datasett(t).await;
    let app = ruter(&t.db);
    let side = get(&app, "/statistikk?fra=2024-01-01&til=2024-12-31&statsforvalter=troms-og-finnmark&rettighet=").await;
    assert_eq!(side.status, StatusCode::OK);
    let html = side.tekst;
    assert!(html.contains(r#"<option value="troms-og-finnmark" selected"#), "the choice is kept in the form");
    assert!(html.contains(r#"method="GET""#));
    assert!(html.contains(r#"role="img""#) && html.contains("<desc id="), "charts with a text alternative");
    assert!(html.contains("Vis som tabell"));
    assert!(html.contains("under 5"), "Tromsø's 2 is hidden");
    assert!(html.contains("/api/v1/statistikk.csv?fra=2024-01-01&amp;til=2024-12-31&amp;statsforvalter=troms-og-finnmark"));
    assert!(html.contains(r#"data-testid="totalt">3<"#));
    // Drill-down from the office to its counties.
    assert!(html.contains("fylke=55"));
    assert!(!html.contains(r#"data-testid="styringstall""#), "not for the public");
    // A bad parameter is explained on the page.
    let side = get(&app, "/statistikk?utfall=vunnet").await;
    assert!(side.tekst.contains("er ikke en gyldig verdi for «utfall»"));
}

/// The rows of the management table on a page.
fn styringsrader(html: &str) -> Option<usize> {
    let start = html.find(r#"data-testid="styringstall""#)?;
    let slutt = html[start..].find("</table>").map(|i| start + i).unwrap_or(html.len());
    Some(html[start..slutt].matches(r#"<th scope="row">"#).count())
}

async fn styringstall_bare_for_direktorat_og_leder(t: &Testdatabase) {
    use klagesak::domain::tilgang::Rolle;
    med_datasett(t).await;
    let app = ruter(&t.db);
    let direktorat = klient(&app, &t.db, "direktoratet", &[Rolle::Direktorat]).await;
    assert_eq!(styringsrader(&direktorat.get("/statistikk").await.tekst), Some(10));
    let leder = klient(&app, &t.db, "agder", &[Rolle::Saksbehandler, Rolle::Leder]).await;
    let html = leder.get("/statistikk").await.tekst;
    assert_eq!(styringsrader(&html), Some(1), "a leader sees only the own office");
    assert!(html.contains("Åpne saker over målet på 3 måneder"));
    let saksbehandler = klient(&app, &t.db, "agder", &[Rolle::Saksbehandler]).await;
    assert_eq!(styringsrader(&saksbehandler.get("/statistikk").await.tekst), None);
    assert_eq!(styringsrader(&get(&app, "/statistikk").await.tekst), None);
}

/// Two app instances on one database (as behind a load balancer): what one changes, the other's
/// statistics show at its next request, also a deletion, and always equal to the reference
/// count over the rows.
async fn to_instanser_ser_hverandres_endringer(t: &Testdatabase) {
    med_datasett(t).await;
    let a = &t.db;
    let b = klagesak::db::Database::koble_til(&t.url).await.unwrap();
    lik_referansen(a, &b, "start").await;
    let foer = db::statistikk::grunnlagstall(a, &filter("")).await.unwrap().totalt();
    // B decides the case awaiting approval, and loads two more decisions.
    let n =
        sqlx::query("UPDATE klage SET status = 'avgjort', utfall = 'endret', avgjort_dato = '2024-11-20' WHERE status = 'til_godkjenning'")
            .execute(&b.pool)
            .await
            .unwrap()
            .rows_affected();
    assert_eq!(n, 1);
    let nye: Vec<Statistikksak> =
        datasett().into_iter().filter(|s| s.status == klagesak::domain::status::Status::Avgjort).take(2).collect();
    db::statistikk::last_inn_statistikkrader(&b, &nye).await.unwrap();
    assert_eq!(db::statistikk::grunnlagstall(a, &filter("")).await.unwrap().totalt(), foer + 3);
    lik_referansen(a, &b, "after changes in the other instance").await;
    // A deletion (never done by the application) makes A read everything again.
    sqlx::query("DELETE FROM klage WHERE kommune = '0301'").execute(&b.pool).await.unwrap();
    assert_eq!(db::statistikk::grunnlagstall(a, &filter("")).await.unwrap().totalt(), foer + 3 - 6);
    lik_referansen(a, &b, "after a deletion").await;
}

/// A's statistics equal the reference count over the rows as B reads them.
/// Bulk-loaded rows keep their lists of codes the way registered cases do (`,a,b,`), so the
/// case list's filter (`LIKE '%,code,%'`) finds every code, the first and the last too.
async fn masseinnlastede_kodelister_som_registrerte(t: &Testdatabase) {
    let saker: Vec<Statistikksak> = klagesak::demo::statistikkrader(200, 2).collect();
    db::statistikk::last_inn_statistikkrader(&t.db, &saker).await.unwrap();
    let mut sjekket = 0;
    for k in Kategori::ALLE {
        let forventet = saker.iter().filter(|s| s.kategorier.contains(k)).count() as i64;
        let funnet: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM klage WHERE kategorier LIKE $1")
            .bind(format!("%,{},%", k.kode()))
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(funnet, forventet, "category {}", k.kode());
        sjekket += 1;
    }
    for r in Rettighet::ALLE {
        let forventet = saker.iter().filter(|s| s.rettigheter.contains(r)).count() as i64;
        let funnet: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM klage WHERE rettigheter LIKE $1")
            .bind(format!("%,{},%", r.kode()))
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(funnet, forventet, "right {}", r.kode());
        sjekket += 1;
    }
    println!("masseinnlasting: {sjekket} koder funnet som i registrerte saker");
}

async fn lik_referansen(a: &klagesak::db::Database, b: &klagesak::db::Database, hva: &str) {
    let saker = db::statistikk::statistikksaker(b).await.unwrap();
    for f in [filter(""), filter("grunnlag=mottatt"), filter("fra=2024-01-01&til=2024-12-31&rettighet=ip")] {
        assert_eq!(db::statistikk::grunnlagstall(a, &f).await.unwrap(), dashbord::tell(&f, &saker), "{hva}: {f:?}");
    }
}

begge_motorer!(
    masseinnlastede_kodelister_som_registrerte,
    sql_er_lik_referansen,
    tall_mot_haandtelling,
    api_tar_alle_filtre,
    csv_leses_tilbake,
    xlsx_leses_tilbake,
    siden_viser_utvalget,
    styringstall_bare_for_direktorat_og_leder,
    to_instanser_ser_hverandres_endringer,
);
