//! Shared set-up for the integration tests: a fresh database per test on each engine, and the
//! application router driven in-process with `oneshot`.
//!
//! Every test is written once and run on both engines by `begge_motorer!`: a SQLite file in a
//! temporary folder, and a database of its own on the PostgreSQL server in `TEST_POSTGRES_URL`,
//! cloned from a migrated template and dropped when the test ends. Without that variable the
//! PostgreSQL half says it is skipped and passes.
//!
//! The template (`klagesak_mal_<hash of the migrations>`) is migrated once, by the first test
//! that needs it, and kept for the next run; a change to any migration gives a new name. Older
//! templates are dropped here, but the newest few are kept: several checkouts with different
//! migrations may run their suites against one server at the same time, and dropping another
//! run's template under it would fail that run.

#![allow(dead_code)] // each test file uses a different part of this module

use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use axum::Router;
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use klagesak::db::brukere::{self, Grenser};
use klagesak::db::dokumentlager::Dokumentlager;
use klagesak::db::fnr::{noekkelfil, Noekkelring};
use klagesak::db::Database;
use klagesak::domain::id::BrukerId;
use klagesak::domain::tilgang::{Aktoer, Bruker, Omfang, Organisasjon, Rolle};
use klagesak::server::klientadresse::BetroddeProxyer;
use klagesak::server::ressurser::Ressurser;
use klagesak::server::statistikkgrense::{Statistikkgrense, Statistikkteller};
use klagesak::server::{AppState, Klokke};
use leptos::config::LeptosOptions;
use tower::ServiceExt;

static TELLER: AtomicU32 = AtomicU32::new(0);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motor {
    Sqlite,
    Postgres,
}

/// A database for one test, with its URL (for running the binary against it).
pub struct Testdatabase {
    pub db: Database,
    pub url: String,
    _mappe: Option<tempfile::TempDir>,
    /// The PostgreSQL database to drop when the test is done: (server URL, name).
    postgres: Option<(String, String)>,
}

impl Drop for Testdatabase {
    fn drop(&mut self) {
        let Some((server, navn)) = self.postgres.take() else { return };
        let pool = self.db.pool.clone();
        // Drop runs inside the test's runtime, which cannot be blocked on: a thread of its own
        // closes the connections and drops the database.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                pool.close().await;
                if let Ok(admin) = Database::koble_til(&server).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {navn} WITH (FORCE)")).execute(&admin.pool).await;
                    admin.pool.close().await;
                }
            });
        })
        .join();
    }
}

/// `url` with its database name replaced by `navn`.
fn med_database(url: &str, navn: &str) -> String {
    let (uten_query, query) = url.split_once('?').map_or((url, None), |(u, q)| (u, Some(q)));
    let base = uten_query.rsplit_once('/').map_or(uten_query, |(b, _)| b);
    match query {
        Some(q) => format!("{base}/{navn}?{q}"),
        None => format!("{base}/{navn}"),
    }
}

/// The name of the template for the migrations as they are now.
fn malnavn() -> String {
    use std::hash::{Hash, Hasher};
    let mappe = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut filer: Vec<_> = std::fs::read_dir(&mappe).expect("migrations").map(|f| f.expect("file").path()).collect();
    filer.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in filer {
        f.file_name().hash(&mut h);
        std::fs::read(&f).expect("migration").hash(&mut h);
    }
    format!("klagesak_mal_{:016x}", h.finish())
}

static MAL: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// How many templates of other migrations are kept on the server (see the module's comment).
const BEHOLDTE_MALER: i64 = 3;

/// The migrated template on the server in `base`, made once per test run (and reused by the
/// next run while the migrations are the same). Of the other templates, all but the newest
/// [`BEHOLDTE_MALER`] are dropped.
async fn mal(base: &str) -> String {
    MAL.get_or_init(|| async {
        let navn = malnavn();
        let admin = Database::koble_til(base).await.expect("connect postgres");
        // One test process at a time makes or replaces the template.
        sqlx::query("SELECT pg_advisory_lock(74201)").execute(&admin.pool).await.expect("lock");
        let finnes: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
            .bind(&navn)
            .fetch_optional(&admin.pool)
            .await
            .expect("look up");
        if finnes.is_none() {
            // Newest first by oid: a database made later has a higher one.
            let gamle: Vec<String> = sqlx::query_scalar(
                "SELECT datname::text FROM pg_database WHERE datname LIKE 'klagesak_mal_%' \
                 ORDER BY oid DESC OFFSET $1",
            )
            .bind(BEHOLDTE_MALER)
            .fetch_all(&admin.pool)
            .await
            .expect("old templates");
            for gammel in gamle {
                let _ = sqlx::query(&format!("ALTER DATABASE {gammel} IS_TEMPLATE false")).execute(&admin.pool).await;
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {gammel} WITH (FORCE)")).execute(&admin.pool).await;
            }
            let uferdig = format!("{navn}_uferdig");
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {uferdig} WITH (FORCE)")).execute(&admin.pool).await;
            sqlx::query(&format!("CREATE DATABASE {uferdig}")).execute(&admin.pool).await.expect("create template");
            let db = Database::koble_til(&med_database(base, &uferdig)).await.expect("connect template");
            db.migrer().await.expect("migrate template");
            db.pool.close().await;
            // `close` can return with a connection still open (a race in sqlx's pool, issue
            // 3217), and PostgreSQL renames no database that is in use.
            sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()")
                .bind(&uferdig)
                .execute(&admin.pool)
                .await
                .expect("close the template's connections");
            // Renamed only when complete, so a run that stopped half-way is never cloned.
            // The migration's connections may take a moment to leave the server after the pool
            // is closed, and a database in use cannot be renamed.
            for forsoek in 1.. {
                match sqlx::query(&format!("ALTER DATABASE {uferdig} RENAME TO {navn}")).execute(&admin.pool).await {
                    Ok(_) => break,
                    Err(_) if forsoek < 50 => {
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    }
                    Err(e) => panic!("rename template: {e}"),
                }
            }
            sqlx::query(&format!("ALTER DATABASE {navn} IS_TEMPLATE true")).execute(&admin.pool).await.expect("mark template");
        }
        sqlx::query("SELECT pg_advisory_unlock(74201)").execute(&admin.pool).await.expect("unlock");
        admin.pool.close().await;
        navn
    })
    .await
    .clone()
}

/// A fresh, migrated database on the engine, or `None` when PostgreSQL is not configured.
pub async fn ny_database(motor: Motor) -> Option<Testdatabase> {
    match motor {
        Motor::Sqlite => {
            let t = tom_database(Motor::Sqlite).await?;
            t.db.migrer().await.expect("migrate sqlite");
            Some(t)
        }
        Motor::Postgres => {
            let base = postgres_url()?;
            let mal = mal(&base).await;
            let t = postgres_database(base, Some(&mal)).await;
            // Already migrated: this only checks that the template is up to date.
            t.db.migrer().await.expect("migrate postgres");
            Some(t)
        }
    }
}

/// An empty database on the engine, not yet migrated (for the tests of the migrations
/// themselves), or `None` when PostgreSQL is not configured.
pub async fn tom_database(motor: Motor) -> Option<Testdatabase> {
    match motor {
        Motor::Sqlite => {
            let mappe = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite:{}", mappe.path().join("klagesak.db").display());
            let db = Database::koble_til(&url).await.expect("connect sqlite").med_fnr_noekler(test_noekler());
            Some(Testdatabase { db, url, _mappe: Some(mappe), postgres: None })
        }
        Motor::Postgres => Some(postgres_database(postgres_url()?, None).await),
    }
}

/// `TEST_POSTGRES_URL`, or `None` (and a line saying the PostgreSQL half is skipped).
fn postgres_url() -> Option<String> {
    let url = std::env::var("TEST_POSTGRES_URL").ok();
    if url.is_none() {
        eprintln!("PostgreSQL hoppet over: TEST_POSTGRES_URL er ikke satt");
    }
    url
}

/// A database of this test's own on the server in `base`: a clone of `mal`, or empty. It is
/// dropped when the test is done.
async fn postgres_database(base: String, mal: Option<&str>) -> Testdatabase {
    let n = TELLER.fetch_add(1, Ordering::SeqCst);
    let navn = format!("klagesak_test_{}_{n}", std::process::id());
    let admin = Database::koble_til(&base).await.expect("connect postgres");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {navn} WITH (FORCE)")).execute(&admin.pool).await.expect("drop leftover");
    let mal = mal.map(|m| format!(" TEMPLATE {m}")).unwrap_or_default();
    sqlx::query(&format!("CREATE DATABASE {navn}{mal}")).execute(&admin.pool).await.expect("create test database");
    admin.pool.close().await;
    let url = med_database(&base, &navn);
    let db = Database::koble_til(&url).await.expect("connect postgres test database").med_fnr_noekler(test_noekler());
    Testdatabase { db, url, _mappe: None, postgres: Some((base, navn)) }
}

/// A fixed "now" for tests: 23 November 2026, 10:00 UTC.
pub fn naa() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc)
}

/// The day of [`naa`], for the processes a test starts (`KLAGESAK_IDAG`).
pub const IDAG: &str = "2026-11-23";

/// The key the tests encrypt the fødselsnumre with: fixed, so that a process a test starts
/// reads what the test wrote. Never the key file under `data/`.
pub const TESTNOEKKEL: [u8; 32] = [0x5a; 32];

/// The tests' key ring: [`TESTNOEKKEL`] as key 1, current.
pub fn test_noekler() -> Noekkelring {
    Noekkelring::fra_noekler(1, &[(1, TESTNOEKKEL)]).expect("test key")
}

/// A key file holding [`test_noekler`], for the processes a test starts (written once per
/// test run, in cargo's temporary folder for tests).
pub fn test_noekkelfil() -> std::path::PathBuf {
    static FIL: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    FIL.get_or_init(|| {
        let sti = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("klagesak-testnoekkel");
        noekkelfil::skriv(&sti, &test_noekler()).expect("write the test key file");
        sti
    })
    .clone()
}

/// The `klagesak` binary against the test's database, on the test's day, with the tests' key:
/// a test never depends on the system clock or on a key under `data/`, also not through a
/// process it starts. Nor on other files of the developer's: the audit log's key and
/// checkpoints point at nothing unless the test says where, and only the one database login
/// is used.
pub fn klagesak_kommando(database_url: &str) -> std::process::Command {
    let mut kommando = std::process::Command::new(env!("CARGO_BIN_EXE_klagesak"));
    let ingenting = std::env::temp_dir().join("klagesak-test-finnes-ikke");
    kommando
        .env("DATABASE_URL", database_url)
        .env("KLAGESAK_IDAG", IDAG)
        .env("KLAGESAK_NOKKELFIL", test_noekkelfil())
        .env("KLAGESAK_FORANKRINGSNOKKEL", ingenting.join("forankringsnokkel"))
        .env("KLAGESAK_FORANKRINGER", ingenting.join("forankringer.jsonl"))
        .env_remove("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL")
        .env_remove("KLAGESAK_EIER_URL")
        .env_remove("KLAGESAK_APP_ROLLE")
        .env_remove("KLAGESAK_MILJO");
    kommando
}

/// `url` with its user replaced by `bruker` (no password: the test server trusts loopback).
pub fn med_bruker(url: &str, bruker: &str) -> String {
    let (skjema, resten) = url.split_once("://").expect("a URL with ://");
    let vert = resten.rsplit_once('@').map_or(resten, |(_, v)| v);
    format!("{skjema}://{bruker}@{vert}")
}

pub fn ruter(db: &Database) -> Router {
    ruter_med(db, Klokke::Fast(naa()))
}

pub fn ruter_med(db: &Database, klokke: Klokke) -> Router {
    ruter_med_grense(db, klokke, Statistikkgrense::ubegrenset())
}

/// The router with a limit on anonymous statistics requests (the other tests ask freely).
pub fn ruter_med_grense(db: &Database, klokke: Klokke, grense: Statistikkgrense) -> Router {
    ruter_med_lager(db, klokke, grense, testlager(), klagesak::domain::dokument::STANDARD_MAKS_DOKUMENT)
}

/// A document store of the test's own, in a temporary folder that lives as long as the process.
pub fn testlager() -> Dokumentlager {
    let mappe = tempfile::tempdir().expect("temp dir").keep();
    Dokumentlager::lokal(&mappe).expect("local document store")
}

/// The router with this document store and document size limit.
pub fn ruter_med_lager(db: &Database, klokke: Klokke, grense: Statistikkgrense, lager: Dokumentlager, maks_dokument: u64) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("klagesak").site_root("target/site").build();
    let ressurser = Ressurser::for_nettstedet(&leptos_options);
    ruter_med_alt(db, klokke, grense, leptos_options, ressurser, (lager, maks_dokument))
}

/// The router serving the static files of the site root `rot`, with cargo-leptos's hash file
/// `hashfil` (the tests of [`crate::ressurser`] make a small site of their own).
pub fn ruter_med_nettsted(db: &Database, rot: &std::path::Path, hashfil: Option<&std::path::Path>) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("klagesak").site_root(rot.to_str().expect("a UTF-8 path")).build();
    let ressurser = Ressurser::les(rot, "pkg", "klagesak", hashfil).expect("read the site root");
    let dokumenter = (testlager(), klagesak::domain::dokument::STANDARD_MAKS_DOKUMENT);
    ruter_med_alt(db, Klokke::Fast(naa()), Statistikkgrense::ubegrenset(), leptos_options, ressurser, dokumenter)
}

/// The router from all its parts; `(lager, maks_dokument)` are the document store and size limit.
fn ruter_med_alt(
    db: &Database,
    klokke: Klokke,
    grense: Statistikkgrense,
    leptos_options: LeptosOptions,
    ressurser: Ressurser,
    (lager, maks_dokument): (Dokumentlager, u64),
) -> Router {
    let statistikkteller = std::sync::Arc::new(Statistikkteller::new(grense));
    klagesak::server::ruter(AppState {
        ressurser: std::sync::Arc::new(ressurser),
        db: db.clone(),
        leptos_options,
        klokke,
        grenser: Grenser::default(),
        statistikkteller,
        // The tests' reverse proxy: requests that say they come from it name their client.
        proxyer: BetroddeProxyer::new(vec!["10.0.0.1".parse().unwrap()]),
        dokumentlager: lager,
        maks_dokument,
    })
}

/// The scope of a user of `org` with the case role that fits it: an officer at an office, staff
/// at a municipality. Scopes are made only from users, as in the app.
pub fn omfang(org: &str) -> Omfang {
    let organisasjon = Organisasjon::fra_kode(org).expect("a known organisation");
    let rolle = if matches!(organisasjon, Organisasjon::Kommune(_)) { Rolle::Kommune } else { Rolle::Saksbehandler };
    Bruker { id: BrukerId(0), epost: String::new(), navn: String::new(), organisasjon, roller: vec![rolle] }.omfang()
}

/// A real administrator (created in `db`), acting without a request: what the tests use where
/// the app's command line would act as the system.
pub async fn administrator(db: &Database) -> Aktoer {
    let n = TELLER.fetch_add(1, Ordering::SeqCst);
    let epost = format!("admin{n}@test.klagesak.no");
    let id = brukere::opprett(db, &epost, "Admin Testesen", "admin", &[Rolle::Admin], None, naa()).await.expect("create admin");
    let bruker = Bruker { id, epost, navn: "Admin Testesen".into(), organisasjon: Organisasjon::Admin, roller: vec![Rolle::Admin] };
    Aktoer::Bruker { bruker, adresse: None }
}

/// A logged-in browser: the router and the session cookie of one user.
#[derive(Clone)]
pub struct Klient {
    pub app: Router,
    pub cookie: String,
    pub epost: String,
}

/// Creates a user in `org` with `roller` and logs in through `POST /logg-inn`.
pub async fn klient(app: &Router, db: &Database, org: &str, roller: &[Rolle]) -> Klient {
    let n = TELLER.fetch_add(1, Ordering::SeqCst);
    let epost = format!("bruker{n}.{}@test.klagesak.no", org.replace(' ', ""));
    brukere::opprett(db, &epost, "Test Testesen", org, roller, Some("et langt testpassord"), naa()).await.expect("create user");
    let svar = post_skjema(app, "/logg-inn", &[("epost", &epost), ("passord", "et langt testpassord")]).await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER, "login failed: {}", svar.tekst);
    let cookie = svar
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_owned();
    Klient { app: app.clone(), cookie, epost }
}

/// Registers a complaint against Molde (1506), received by the municipality on 1 September
/// 2026, with `sammendrag`, as `kommune` (a user of Molde): the new case's id.
pub async fn registrer_sak(kommune: &Klient, sammendrag: &str) -> klagesak::domain::id::KlageId {
    let felter = [
        ("kommune", "1506"),
        ("mottaker", "kommunen"),
        ("mottatt_dato", "2026-09-01"),
        ("klager", "pasient_bruker"),
        ("aldersgruppe", "voksen"),
        ("rettighet", "ip"),
        ("kategori", "planarbeid_drar_ut"),
        ("sammendrag", sammendrag),
    ];
    klagesak::domain::id::KlageId(
        kommune.post("/saker/ny", &felter).await.omdirigert_til().trim_start_matches("/saker/").parse().expect("a case id"),
    )
}

impl Klient {
    pub async fn get(&self, sti: &str) -> Svar {
        let req = Request::builder()
            .uri(sti)
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        les(self.app.clone().oneshot(req).await.expect("response")).await
    }

    pub async fn post(&self, sti: &str, felter: &[(&str, &str)]) -> Svar {
        post_med(&self.app, sti, felter, Some(&self.cookie)).await
    }
}

/// A response with its body read.
pub struct Svar {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub tekst: String,
}

async fn les(svar: Response<Body>) -> Svar {
    let status = svar.status();
    let headers = svar.headers().clone();
    let bytes = svar.into_body().collect().await.expect("body").to_bytes();
    Svar { status, headers, tekst: String::from_utf8_lossy(&bytes).into_owned() }
}

pub async fn get(app: &Router, sti: &str) -> Svar {
    let req = Request::builder().uri(sti).header(header::ACCEPT, "text/html").body(Body::empty()).unwrap();
    les(app.clone().oneshot(req).await.expect("response")).await
}

/// Posts a form as a browser without JavaScript does, without a session.
pub async fn post_skjema(app: &Router, sti: &str, felter: &[(&str, &str)]) -> Svar {
    post_med(app, sti, felter, None).await
}

async fn post_med(app: &Router, sti: &str, felter: &[(&str, &str)], cookie: Option<&str>) -> Svar {
    let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(felter).finish();
    let mut req = Request::builder()
        .method("POST")
        .uri(sti)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    les(app.clone().oneshot(req.body(Body::from(body)).unwrap()).await.expect("response")).await
}

impl Svar {
    /// The target of a 303 redirect.
    pub fn omdirigert_til(&self) -> String {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "expected 303, got {}: {}", self.status, self.tekst);
        self.headers.get(header::LOCATION).unwrap().to_str().unwrap().to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.tekst).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.tekst))
    }
}

/// Writes each test once and runs it on SQLite and on PostgreSQL, as `sqlite::name` and
/// `postgres::name` in the test output.
#[macro_export]
macro_rules! begge_motorer {
    ($($navn:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $navn() {
                    let t = $crate::felles::ny_database($crate::felles::Motor::Sqlite).await.unwrap();
                    super::$navn(&t).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $navn() {
                    if let Some(t) = $crate::felles::ny_database($crate::felles::Motor::Postgres).await {
                        super::$navn(&t).await;
                    }
                }
            )+
        }
    };
}
