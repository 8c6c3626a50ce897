//! `make bench`: the statistics at 10,000 and 1,000,000 complaints on SQLite and PostgreSQL.
//!
//! Generates the complaints with the demo generator's bulk path (`demo::statistikkrader`, 10
//! years), loads them with `db::statistikk::last_inn_statistikkrader`, reads them into the
//! instance's working set (`domain::statistikk::lager`, what the server does at start-up; the
//! memory it takes and a refresh after one changed complaint are printed too), then
//! times each kind of query many times over arbitrary periods and prints p50 and p95 per kind and size, with the
//! ratio between the sizes. The goals (p95 under 100 ms per query and 200 ms for the whole
//! page at 1,000,000; a ratio close to 1) are reported against, never asserted.
//!
//! Settings: `BENCH_STORRELSER` (default `10000,1000000`), `BENCH_RUNDER` (default 20),
//! `TEST_POSTGRES_URL` for the PostgreSQL half (skipped without it).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use klagesak::db::{self, Database};
use klagesak::demo;
use klagesak::domain::statistikk::dashbord::treaarsvindu;
use klagesak::domain::statistikk::filter::Statistikkfilter;
use klagesak::domain::statistikk::offentlig::Publikum;
use klagesak::domain::statistikk::Periode;
use klagesak::server::api;
use klagesak::tjenester::statistikk;

/// The kinds of query timed, each built from an arbitrary period.
const SORTER: [&str; 14] = [
    "landsoversikt",
    "embete_x_3_aar",
    "behandlingstid",
    "filter_statsforvalter",
    "filter_fylke",
    "filter_kommune",
    "filter_kommune_liten",
    "filter_rettighet",
    "filter_kategori",
    "filter_utfall",
    "filter_aldersgruppe",
    "filter_grunnlag_mottatt",
    "hele_siden",
    "offentlig_aar",
];

/// A deterministic "arbitrary" period inside the ten years: start and length vary per round.
fn periode(runde: u64) -> Periode {
    let slutt = demo::referansedag();
    let x = runde.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 33;
    let lengde = 30 + (x % 1500) as i64;
    let til = slutt - chrono::Duration::days(((x >> 11) % 1800) as i64);
    Periode { fra: Some(til - chrono::Duration::days(lengde)), til: Some(til) }
}

fn filter(sort: &str, periode: Periode) -> Statistikkfilter {
    let ekstra = match sort {
        "filter_statsforvalter" => "statsforvalter=vestland",
        "filter_fylke" => "fylke=55",
        "filter_kommune" => "kommune=0301",
        "filter_kommune_liten" => "kommune=4602",
        "filter_rettighet" => "rettighet=koordinator",
        "filter_kategori" => "kategori=planarbeid_drar_ut",
        "filter_utfall" => "utfall=endret",
        "filter_aldersgruppe" => "aldersgruppe=barn",
        "filter_grunnlag_mottatt" => "grunnlag=mottatt",
        _ => "",
    };
    let mut f = api::les_filter(ekstra).expect("filter");
    f.periode = periode;
    if sort == "offentlig_aar" {
        // The public's office drill-down: one whole calendar year, its areas from the table family.
        f = api::les_filter("statsforvalter=vestland").expect("filter");
        f.periode =
            klagesak::domain::statistikk::familie::aarsperiode(chrono::Datelike::year(&periode.til.unwrap_or_else(demo::referansedag)));
    }
    f
}

async fn kjoer(db: &Database, sort: &str, f: &Statistikkfilter, idag: NaiveDate) {
    let svar = match sort {
        "embete_x_3_aar" => {
            let (_, vindu) = treaarsvindu(f.periode, idag);
            db::statistikk::per_maaned(db, f, &vindu).await.map(|_| ())
        }
        "behandlingstid" => db::statistikk::behandlingstid(db, f, &f.periode).await.map(|_| ()),
        "hele_siden" | "offentlig_aar" => {
            statistikk::hent_statistikk(db, f, if sort == "hele_siden" { Publikum::Intern } else { Publikum::Offentlig }, idag)
                .await
                .map(|_| ())
                .map_err(|e| match e {
                    statistikk::Statistikkfeil::Db(e) => e,
                    statistikk::Statistikkfeil::Ugyldig(e) => panic!("the benchmark's filter is refused: {e}"),
                })
        }
        _ => db::statistikk::grunnlagstall(db, f).await.map(|_| ()),
    };
    svar.expect("query");
}

/// The process' resident memory in MiB (Linux; 0 elsewhere).
fn minnebruk_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn persentil(tider: &mut [Duration], p: usize) -> f64 {
    tider.sort();
    let rang = (p * tider.len()).div_ceil(100).max(1);
    tider[rang - 1].as_secs_f64() * 1000.0
}

/// A fresh database on the engine, or `None` without a PostgreSQL URL.
async fn database(motor: &str, n: u64) -> Option<(Database, Option<String>)> {
    match motor {
        "sqlite" => {
            let sti = format!("target/bench/statistikk-{n}.db");
            for ende in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{sti}{ende}"));
            }
            let db = Database::koble_til(&format!("sqlite:{sti}")).await.expect("sqlite");
            db.migrer().await.expect("migrate");
            Some((db, None))
        }
        _ => {
            let base = std::env::var("TEST_POSTGRES_URL").ok()?;
            let skjema = format!("bench_{}_{n}", std::process::id());
            let admin = Database::koble_til(&base).await.expect("postgres");
            sqlx::query(&format!("CREATE SCHEMA {skjema}")).execute(&admin.pool).await.expect("schema");
            let skille = if base.contains('?') { '&' } else { '?' };
            let db = Database::koble_til(&format!("{base}{skille}options=-c%20search_path%3D{skjema}")).await.expect("connect");
            db.migrer().await.expect("migrate");
            Some((db, Some(skjema)))
        }
    }
}

#[tokio::main]
async fn main() {
    let storrelser: Vec<u64> = std::env::var("BENCH_STORRELSER")
        .unwrap_or_else(|_| "10000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runder: u64 = std::env::var("BENCH_RUNDER").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let idag = demo::referansedag();
    std::fs::create_dir_all("target/bench").expect("target/bench");
    // (engine, size, kind) -> (p50, p95)
    let mut resultater: Vec<(String, u64, &str, f64, f64)> = Vec::new();
    for motor in ["sqlite", "postgres"] {
        for &n in &storrelser {
            let Some((db, skjema)) = database(motor, n).await else {
                eprintln!("{motor}: hoppet over (TEST_POSTGRES_URL er ikke satt)");
                continue;
            };
            let start = Instant::now();
            let rader: Vec<_> = demo::statistikkrader(n, 10).collect();
            let generert = start.elapsed();
            for bit in rader.chunks(100_000) {
                db::statistikk::last_inn_statistikkrader(&db, bit).await.expect("bulk load");
            }
            drop(rader);
            let analyse = if motor == "sqlite" { "ANALYZE" } else { "VACUUM ANALYZE klage" };
            sqlx::query(analyse).execute(&db.pool).await.expect("analyze");
            let lastet = start.elapsed() - generert;
            // The instance's first request reads every complaint into its working set.
            let (minne_foer, t) = (minnebruk_mib(), Instant::now());
            let arbeidssett = db::statistikk::utsnitt(&db).await.expect("working set");
            let (innlest, minne) = (t.elapsed(), minnebruk_mib() - minne_foer);
            assert_eq!(arbeidssett.antall() as u64, n);
            drop(arbeidssett);
            // One complaint changed (as by another instance): the next request reads that row
            // and rebuilds the view.
            sqlx::query("UPDATE klage SET kategorier = kategorier WHERE id = (SELECT MIN(id) FROM klage)")
                .execute(&db.pool)
                .await
                .expect("change");
            let t = Instant::now();
            let utsnitt = db::statistikk::utsnitt(&db).await.expect("refresh");
            let oppfrisket = t.elapsed();
            // The public table family of last year: protected on first use, then cached.
            let aar = chrono::Datelike::year(&idag) - 1;
            let t = Instant::now();
            let familie = utsnitt.tabellfamilie(aar);
            let kald = t.elapsed();
            let t = Instant::now();
            utsnitt.tabellfamilie(aar);
            let varm = t.elapsed();
            eprintln!(
                "{motor} {n}: tabellfamilien for {aar}: {} celler, {} skjult, prikket på {:.0} ms (deretter {:.3} ms fra minnet)",
                familie.len(),
                familie.skjulte,
                kald.as_secs_f64() * 1000.0,
                varm.as_secs_f64() * 1000.0
            );
            drop(utsnitt);
            eprintln!(
                "{motor} {n}: generert på {:.1} s, lastet inn på {:.1} s, arbeidssettet lest inn på {:.2} s \
                 (+{minne:.0} MiB), oppfrisket etter én endring på {:.2} s",
                generert.as_secs_f64(),
                lastet.as_secs_f64(),
                innlest.as_secs_f64(),
                oppfrisket.as_secs_f64()
            );
            for sort in SORTER {
                // One warm-up round, then the timed ones.
                kjoer(&db, sort, &filter(sort, periode(0)), idag).await;
                let mut tider = Vec::new();
                for r in 1..=runder {
                    let f = filter(sort, periode(r));
                    let t = Instant::now();
                    kjoer(&db, sort, &f, idag).await;
                    tider.push(t.elapsed());
                }
                let (p50, p95) = (persentil(&mut tider, 50), persentil(&mut tider, 95));
                eprintln!("  {sort:<24} p50 {p50:>8.1} ms  p95 {p95:>8.1} ms");
                resultater.push((motor.to_owned(), n, sort, p50, p95));
            }
            if let Some(skjema) = skjema {
                let _ = sqlx::query(&format!("DROP SCHEMA {skjema} CASCADE")).execute(&db.pool).await;
            }
            db.pool.close().await;
        }
    }
    // The table: per engine and kind, p50/p95 at each size, and the ratio of the p95s.
    println!(
        "\n| Motor | Spørring | {} | Forhold p95 (størst/minst) | Mål p95 |",
        storrelser.iter().map(|n| format!("{n}: p50 / p95 (ms)")).collect::<Vec<_>>().join(" | ")
    );
    println!("|---|---|{}---|---|", "---|".repeat(storrelser.len()));
    for motor in ["sqlite", "postgres"] {
        for sort in SORTER {
            let rad: Vec<&(String, u64, &str, f64, f64)> = resultater.iter().filter(|r| r.0 == motor && r.2 == sort).collect();
            if rad.is_empty() {
                continue;
            }
            let celler: Vec<String> = storrelser
                .iter()
                .map(|n| rad.iter().find(|r| r.1 == *n).map(|r| format!("{:.1} / {:.1}", r.3, r.4)).unwrap_or_else(|| "–".into()))
                .collect();
            let forhold = match (rad.first(), rad.last()) {
                (Some(a), Some(b)) if rad.len() > 1 && a.4 > 0.0 => format!("{:.2}", b.4 / a.4),
                _ => "–".into(),
            };
            let maal = if sort == "hele_siden" || sort == "offentlig_aar" { 200.0 } else { 100.0 };
            let naadd =
                rad.last().map(|r| if r.4 < maal { format!("< {maal} ms: ja") } else { format!("< {maal} ms: nei") }).unwrap_or_default();
            println!("| {motor} | {sort} | {} | {forhold} | {naadd} |", celler.join(" | "));
        }
    }
}
