//! The two PostgreSQL roles: the owner migrates (`KLAGESAK_EIER_URL`) and grants the
//! application role (`KLAGESAK_APP_ROLLE`) its rights; logged in as the application role, the
//! app registers a case and writes its audit rows through the real code, while every attempt
//! to change, empty or unguard the audit log is refused. PostgreSQL only: SQLite has no roles.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::felles::{self, klient, registrer_sak, ruter, Motor, Testdatabase};
use axum::http::StatusCode;
use klagesak::db::{revisjon, Database};
use klagesak::domain::tilgang::Rolle;

static TELLER: AtomicU32 = AtomicU32::new(0);

/// Login roles made for one test, dropped (with what they own and were granted in the test's
/// database) when it ends.
struct Testroller {
    /// The test database, as the superuser.
    url: String,
    navn: Vec<String>,
}

impl Testroller {
    async fn opprett(t: &Testdatabase, navn: &[&str]) -> Testroller {
        for n in navn {
            sqlx::query(&format!("DROP ROLE IF EXISTS {n}")).execute(&t.db.pool).await.unwrap();
            sqlx::query(&format!("CREATE ROLE {n} LOGIN")).execute(&t.db.pool).await.unwrap();
        }
        Testroller { url: t.url.clone(), navn: navn.iter().map(|n| (*n).to_owned()).collect() }
    }
}

impl Drop for Testroller {
    fn drop(&mut self) {
        let (url, navn) = (self.url.clone(), self.navn.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                let Ok(admin) = Database::koble_til(&url).await else { return };
                for n in &navn {
                    // The database itself too (a shared object), so the role can go.
                    let _ = sqlx::query(&format!("REASSIGN OWNED BY {n} TO CURRENT_USER")).execute(&admin.pool).await;
                    let _ = sqlx::query(&format!("DROP OWNED BY {n}")).execute(&admin.pool).await;
                    let _ = sqlx::query(&format!("DROP ROLE IF EXISTS {n}")).execute(&admin.pool).await;
                }
                admin.pool.close().await;
            });
        })
        .join();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_rollen_kan_bare_legge_til_i_revisjonsloggen() {
    let Some(t) = felles::tom_database(Motor::Postgres).await else { return };
    let n = format!("{}_{}", std::process::id(), TELLER.fetch_add(1, Ordering::SeqCst));
    let (eier, app) = (format!("klagesak_eier_{n}"), format!("klagesak_app_{n}"));
    let _roller = Testroller::opprett(&t, &[&eier, &app]).await;
    // The owner role owns the (empty) database and its schema, as a deployment would set it up.
    let database: String = sqlx::query_scalar("SELECT current_database()::text").fetch_one(&t.db.pool).await.unwrap();
    sqlx::query(&format!("ALTER DATABASE {database} OWNER TO {eier}")).execute(&t.db.pool).await.unwrap();
    sqlx::query(&format!("ALTER SCHEMA public OWNER TO {eier}")).execute(&t.db.pool).await.unwrap();
    let (eier_url, app_url) = (felles::med_bruker(&t.url, &eier), felles::med_bruker(&t.url, &app));

    // Migrated by the owner, who grants the application role its rights.
    let migrert = felles::klagesak_kommando(&app_url)
        .env("KLAGESAK_EIER_URL", &eier_url)
        .env("KLAGESAK_APP_ROLLE", &app)
        .arg("migrate")
        .output()
        .expect("run klagesak migrate");
    let utskrift = String::from_utf8_lossy(&migrert.stdout);
    assert!(migrert.status.success(), "{utskrift}{}", String::from_utf8_lossy(&migrert.stderr));
    assert!(utskrift.contains(&format!("App-rollen {app} har fått rettighetene sine")), "{utskrift}");
    let eier_av_loggen: String =
        sqlx::query_scalar("SELECT tableowner::text FROM pg_tables WHERE tablename = 'revisjon'").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(eier_av_loggen, eier);

    // The app as the application role: it starts as the server does (nothing is pending, so
    // nothing is run), and a case is registered, read and logged through the real code.
    let db = Database::koble_til(&app_url).await.unwrap();
    db.migrer().await.expect("the server starts as the application role");
    let app_ruter = ruter(&db);
    let kommune = klient(&app_ruter, &db, "1506", &[Rolle::Kommune]).await;
    let id = registrer_sak(&kommune, "Registrert av app-rollen").await;
    let side = kommune.get(&format!("/saker/{id}")).await;
    assert_eq!(side.status, StatusCode::OK, "{}", side.tekst);
    let rader_foer: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisjon").fetch_one(&db.pool).await.unwrap();
    assert!(rader_foer >= 3, "the login, the registration and the read are logged: {rader_foer}");
    assert_eq!(revisjon::verifiser(&db).await.unwrap().foerste_brudd, None);

    // Everything that would change, empty or unguard the log, as the application role.
    let forsoek = [
        "UPDATE revisjon SET detalj = 'ingenting å se her'",
        "DELETE FROM revisjon",
        "TRUNCATE revisjon",
        "ALTER TABLE revisjon DISABLE TRIGGER ALL",
        "ALTER TABLE revisjon DISABLE TRIGGER revisjon_ingen_endring",
        "DROP TRIGGER revisjon_ingen_endring ON revisjon",
        "DROP TABLE revisjon",
        "ALTER TABLE revisjon RENAME TO revisjon_gammel",
        "UPDATE revisjon_hode SET siste_hash = '0000000000000000000000000000000000000000000000000000000000000000'",
        "DELETE FROM revisjon_hode",
        "TRUNCATE revisjon_hode",
        "ALTER TABLE revisjon_hode DISABLE TRIGGER revisjon_hode_bare_framover",
        "DROP FUNCTION revisjon_kun_tillegg() CASCADE",
    ];
    let mut avvist = 0;
    for sql in forsoek {
        match sqlx::query(sql).execute(&db.pool).await {
            Ok(svar) => panic!("the application role was allowed: {sql} ({} rows)", svar.rows_affected()),
            Err(feil) => {
                let tekst = feil.to_string();
                assert!(
                    ["permission denied", "must be owner", "revisjonsloggen kan ikke endres"].iter().any(|g| tekst.contains(g)),
                    "{sql}: {tekst}"
                );
                avvist += 1;
            }
        }
    }
    println!("{avvist} forsøk på å endre revisjonsloggen avvist for app-rollen");
    assert_eq!(avvist, forsoek.len());

    // Nothing changed, and the app still writes (and moves the head) after all that.
    kommune.get(&format!("/saker/{id}")).await;
    let rader_etter: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisjon").fetch_one(&db.pool).await.unwrap();
    assert_eq!(rader_etter, rader_foer + 1);
    assert_eq!(revisjon::verifiser(&t.db).await.unwrap().foerste_brudd, None);

    // The residual risk, which the signed checkpoints cover: the owner can still unguard it.
    let eier_db = Database::koble_til(&eier_url).await.unwrap();
    let mut tx = eier_db.pool.begin().await.unwrap();
    sqlx::query("ALTER TABLE revisjon DISABLE TRIGGER ALL").execute(&mut *tx).await.expect("the owner may");
    tx.rollback().await.unwrap();
    eier_db.pool.close().await;
    db.pool.close().await;
}
