//! Operations: the database goes away under the running app and comes back. A PostgreSQL
//! cluster of the test's own (`initdb` and `pg_ctl` in a temporary folder, as the `postgres`
//! user, on its own port), so the shared server is never touched.

use crate::felles;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::felles::get;
use axum::http::StatusCode;
use klagesak::db::Database;

/// A PostgreSQL cluster in a temporary folder; stopped when dropped.
struct Klynge {
    bin: PathBuf,
    mappe: tempfile::TempDir,
    port: u16,
}

impl Klynge {
    /// A new cluster, or `None` where PostgreSQL's server programs are not installed.
    fn ny() -> Option<Klynge> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|d| d.path().join("bin"))
            .find(|b| b.join("initdb").exists())?;
        let mappe = tempfile::tempdir().unwrap();
        Command::new("chown").args(["-R", "postgres"]).arg(mappe.path()).status().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let k = Klynge { bin, mappe, port };
        let ok = k.som_postgres("initdb", &["-D", &k.data(), "-A", "trust", "-U", "postgres"]);
        assert!(ok, "initdb");
        Some(k)
    }

    fn data(&self) -> String {
        self.mappe.path().join("data").display().to_string()
    }

    fn som_postgres(&self, program: &str, args: &[&str]) -> bool {
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(self.bin.join(program))
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    fn start(&self) {
        let valg = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.mappe.path().display());
        let logg = Path::new(&self.data()).with_file_name("logg").display().to_string();
        assert!(self.som_postgres("pg_ctl", &["-D", &self.data(), "-o", &valg, "-l", &logg, "-w", "start"]), "pg_ctl start");
    }

    fn stopp(&self) {
        self.som_postgres("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Klynge {
    fn drop(&mut self) {
        self.stopp();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn databasen_forsvinner_og_kommer_tilbake() {
    let Some(klynge) = Klynge::ny() else {
        eprintln!("PostgreSQL-programmene (initdb, pg_ctl) finnes ikke her: testen hoppet over");
        return;
    };
    klynge.start();
    let db = Database::koble_til(&klynge.url()).await.unwrap();
    db.migrer().await.unwrap();
    let app = felles::ruter(&db);
    for sti in ["/healthz", "/", "/statistikk", "/api/v1/statistikk"] {
        assert_eq!(get(&app, sti).await.status, StatusCode::OK, "{sti} before");
    }

    // The database stops under the running app: every answer within 2 s, and a 503 that says why.
    klynge.stopp();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    for sti in ["/healthz", "/", "/statistikk", "/saker", "/api/v1/statistikk"] {
        let start = Instant::now();
        let svar = get(&app, sti).await;
        let tid = start.elapsed();
        assert_eq!(svar.status, StatusCode::SERVICE_UNAVAILABLE, "{sti}: {}", svar.tekst);
        assert!(tid < Duration::from_secs(2), "{sti} took {tid:?}");
        if sti.starts_with("/api/") {
            assert!(svar.json()["feil_nn"].as_str().unwrap().contains("utilgjengeleg"));
        } else if sti != "/healthz" {
            assert!(svar.tekst.contains("midlertidig utilgjengelig"), "{}", svar.tekst);
        }
        assert_eq!(svar.headers.get("retry-after").map(|v| v.to_str().unwrap()), Some("5"));
        println!("utfall: {sti} svarte {} på {} ms", svar.status, tid.as_millis());
    }

    // It comes back: the app serves again without a restart.
    klynge.start();
    let start = Instant::now();
    loop {
        if get(&app, "/api/v1/statistikk").await.status == StatusCode::OK && get(&app, "/").await.status == StatusCode::OK {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "not back 15 s after the database");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("utfall: tilbake {} ms etter at databasen startet igjen", start.elapsed().as_millis());
}
