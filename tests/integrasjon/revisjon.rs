//! The access log on SQLite and PostgreSQL: rows chain and verify, the database itself refuses
//! changes, tampering by someone who gets round that is found at the right row, concurrent
//! writers never fork the chain, and a case's log reads newest first.

use crate::begge_motorer;
use crate::felles::{naa, Testdatabase};
use chrono::Duration;
use klagesak::db::revisjon::{self, Revisjonshendelse, Verifikasjon, GENESIS};
use klagesak::db::{Database, Motor};
use klagesak::domain::id::KlageId;
use sqlx::Row;

/// A logged read by a case officer; every other row has no address, so NULLs are in the chain.
pub(crate) fn hendelse(n: i64, klage_id: Option<i64>, detalj: &str) -> Revisjonshendelse<'_> {
    Revisjonshendelse {
        tidspunkt: naa() + Duration::seconds(n),
        bruker_id: Some(n),
        bruker: Some("saksbehandler@statsforvalteren.no"),
        organisasjon: Some("more-og-romsdal"),
        roller: ",saksbehandler,",
        handling: "les_sak",
        klage_id,
        adresse: if n % 2 == 0 { Some("10.0.0.1") } else { None },
        detalj,
    }
}

async fn skriv_rader(db: &Database, antall: i64) -> Vec<i64> {
    for n in 1..=antall {
        revisjon::skriv_alene(db, &hendelse(n, Some(100 + n % 2), "")).await.unwrap();
    }
    alle_ider(db).await
}

async fn alle_ider(db: &Database) -> Vec<i64> {
    sqlx::query("SELECT id FROM revisjon ORDER BY id").fetch_all(&db.pool).await.unwrap().iter().map(|r| r.get::<i64, _>("id")).collect()
}

fn intakt(rader: u64) -> Verifikasjon {
    Verifikasjon { rader, foerste_brudd: None }
}

fn brudd(rader: u64, id: i64) -> Verifikasjon {
    Verifikasjon { rader, foerste_brudd: Some(id) }
}

/// What an attacker with full database access does first: gets the append-only triggers out of
/// the way.
async fn slaa_av_vernet(db: &Database) {
    let setninger: &[&str] = match db.motor {
        Motor::Sqlite => &["DROP TRIGGER revisjon_ingen_endring", "DROP TRIGGER revisjon_ingen_sletting"],
        Motor::Postgres => &["ALTER TABLE revisjon DISABLE TRIGGER ALL"],
    };
    for s in setninger {
        sqlx::query(s).execute(&db.pool).await.unwrap();
    }
}

async fn endre(db: &Database, sql: &str, id: i64) {
    let svar = sqlx::query(sql).bind(id).execute(&db.pool).await.unwrap();
    assert_eq!(svar.rows_affected(), 1, "{sql}");
}

fn er_avvist(svar: Result<sqlx::any::AnyQueryResult, sqlx::Error>, hva: &str) {
    let feil = svar.expect_err(&format!("{hva} skulle vært avvist"));
    assert!(feil.to_string().contains("revisjonsloggen kan ikke endres"), "{hva}: {feil}");
}

/// A transaction for a change, as the repository starts them.
async fn begynn_skriving(db: &Database) -> sqlx::Transaction<'static, sqlx::Any> {
    db.begynn_skriving().await.unwrap()
}

async fn rader_kjedes_og_verifiseres(t: &Testdatabase) {
    let db = &t.db;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(0), "an empty log is intact");

    let ider = skriv_rader(db, 5).await;
    assert_eq!(ider.len(), 5);
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(5));

    // Each row points at the one before it, the first at the genesis hash, the head at the last.
    let rader = sqlx::query("SELECT forrige_hash, hash FROM revisjon ORDER BY id").fetch_all(&db.pool).await.unwrap();
    let mut forrige = GENESIS.to_owned();
    for rad in &rader {
        assert_eq!(rad.get::<String, _>("forrige_hash"), forrige);
        let hash: String = rad.get("hash");
        assert_eq!(hash.len(), 64);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        forrige = hash;
    }
    let hode: String = sqlx::query("SELECT siste_hash FROM revisjon_hode").fetch_one(&db.pool).await.unwrap().get(0);
    assert_eq!(hode, forrige);

    // Written inside a transaction that is rolled back, the row and the head move go with it.
    let mut tx = db.pool.begin().await.unwrap();
    revisjon::skriv(&mut tx, &hendelse(6, Some(101), "endret status")).await.unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(5));

    // And committed with it, both are kept.
    let mut tx = db.pool.begin().await.unwrap();
    revisjon::skriv(&mut tx, &hendelse(7, Some(101), "endret status")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(6));
}

async fn databasen_avviser_endring_og_sletting(t: &Testdatabase) {
    let db = &t.db;
    let ider = skriv_rader(db, 3).await;
    let id = ider[1];

    er_avvist(sqlx::query("UPDATE revisjon SET detalj = 'skjult' WHERE id = $1").bind(id).execute(&db.pool).await, "UPDATE");
    er_avvist(sqlx::query("DELETE FROM revisjon WHERE id = $1").bind(id).execute(&db.pool).await, "DELETE");
    er_avvist(sqlx::query("DELETE FROM revisjon").execute(&db.pool).await, "DELETE of all rows");
    er_avvist(sqlx::query("DELETE FROM revisjon_hode").execute(&db.pool).await, "DELETE of the head");
    if db.motor == Motor::Postgres {
        er_avvist(sqlx::query("TRUNCATE revisjon").execute(&db.pool).await, "TRUNCATE");
        er_avvist(sqlx::query("TRUNCATE revisjon_hode").execute(&db.pool).await, "TRUNCATE of the head");
    }

    assert_eq!(alle_ider(db).await, ider, "nothing was removed");
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(3));
}

async fn endret_rad_oppdages_ved_raden(t: &Testdatabase) {
    let db = &t.db;
    let ider = skriv_rader(db, 5).await;
    slaa_av_vernet(db).await;

    endre(db, "UPDATE revisjon SET detalj = 'ingenting å se her' WHERE id = $1", ider[2]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(5, ider[2]));
    // Put back, the row fits again: the check is exact, not a flag that sticks.
    endre(db, "UPDATE revisjon SET detalj = '' WHERE id = $1", ider[2]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(5));

    // NULL and empty text are different values in the chain (row 1 has no address).
    endre(db, "UPDATE revisjon SET adresse = '' WHERE id = $1", ider[0]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(5, ider[0]));
    endre(db, "UPDATE revisjon SET adresse = NULL WHERE id = $1", ider[0]).await;

    // Moving a row to another case, or another time, is found the same way.
    endre(db, "UPDATE revisjon SET klage_id = 999 WHERE id = $1", ider[3]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(5, ider[3]));
    endre(db, "UPDATE revisjon SET klage_id = 100 WHERE id = $1", ider[3]).await;
    endre(db, "UPDATE revisjon SET tidspunkt = '2026-11-23T09:00:00.000000Z' WHERE id = $1", ider[4]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(5, ider[4]));

    // A changed row whose own hash is rewritten to match still breaks the link to the next row.
    endre(db, "UPDATE revisjon SET tidspunkt = '2026-11-23T10:00:05.000000Z' WHERE id = $1", ider[4]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(5));

    // Overwriting a stored hash is found at that row.
    endre(db, "UPDATE revisjon SET hash = forrige_hash WHERE id = $1", ider[1]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(5, ider[1]));
}

async fn slettet_rad_oppdages_ved_neste(t: &Testdatabase) {
    let db = &t.db;
    let ider = skriv_rader(db, 5).await;
    slaa_av_vernet(db).await;

    endre(db, "DELETE FROM revisjon WHERE id = $1", ider[2]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(4, ider[3]));

    // Patching the next row's link over the hole changes that row, so it is still the break.
    let forrige: String = sqlx::query("SELECT hash FROM revisjon WHERE id = $1").bind(ider[1]).fetch_one(&db.pool).await.unwrap().get(0);
    let svar =
        sqlx::query("UPDATE revisjon SET forrige_hash = $1 WHERE id = $2").bind(&forrige).bind(ider[3]).execute(&db.pool).await.unwrap();
    assert_eq!(svar.rows_affected(), 1);
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(4, ider[3]));

    // Rows logged after the hole still chain onto each other; the hole stays the first break.
    skriv_rader(db, 2).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(6, ider[3]));
}

async fn slettet_foerste_rad_oppdages(t: &Testdatabase) {
    let db = &t.db;
    let ider = skriv_rader(db, 3).await;
    slaa_av_vernet(db).await;
    endre(db, "DELETE FROM revisjon WHERE id = $1", ider[0]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(2, ider[1]));
}

async fn slettet_hale_oppdages_med_hodet(t: &Testdatabase) {
    let db = &t.db;
    let ider = skriv_rader(db, 4).await;
    slaa_av_vernet(db).await;

    // The remaining rows are a perfect chain; only the head knows there was more.
    endre(db, "DELETE FROM revisjon WHERE id = $1", ider[3]).await;
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(3, ider[2] + 1));

    // Emptied completely, the log reports where its first row should have been.
    sqlx::query("DELETE FROM revisjon").execute(&db.pool).await.unwrap();
    assert_eq!(revisjon::verifiser(db).await.unwrap(), brudd(0, 1));
}

async fn samtidige_skrivere_gir_en_kjede(t: &Testdatabase) {
    let db = &t.db;
    let mut oppgaver = Vec::new();
    for n in 0..20_i64 {
        let db = db.clone();
        oppgaver.push(tokio::spawn(async move {
            let detalj = format!("skriver {n}");
            if n % 4 == 0 {
                // Some inside a transaction that reads before it writes, as a change does. On
                // SQLite such a transaction must take the write lock up front (see
                // `begynn_skriving`), or it fails with "database is locked" when another
                // writer commits between its first read and its first write.
                let mut tx = begynn_skriving(&db).await;
                sqlx::query("SELECT COUNT(*) FROM revisjon").fetch_one(&mut *tx).await.unwrap();
                revisjon::skriv(&mut tx, &hendelse(n, Some(n % 3), &detalj)).await.unwrap();
                tx.commit().await.unwrap();
            } else {
                revisjon::skriv_alene(&db, &hendelse(n, Some(n % 3), &detalj)).await.unwrap();
            }
        }));
    }
    // Verifying while the writers run must never see a broken chain.
    let mut kontroller = Vec::new();
    for _ in 0..3 {
        let db = db.clone();
        kontroller.push(tokio::spawn(async move { revisjon::verifiser(&db).await.unwrap() }));
    }
    for o in oppgaver {
        o.await.unwrap();
    }
    for k in kontroller {
        assert_eq!(k.await.unwrap().foerste_brudd, None);
    }

    assert_eq!(revisjon::verifiser(db).await.unwrap(), intakt(20));
    // No two rows claim the same predecessor: the chain did not fork.
    let forgjengere: std::collections::BTreeSet<String> =
        sqlx::query("SELECT forrige_hash FROM revisjon").fetch_all(&db.pool).await.unwrap().iter().map(|r| r.get("forrige_hash")).collect();
    assert_eq!(forgjengere.len(), 20);
}

async fn for_sak_gir_sakens_rader_nyeste_foerst(t: &Testdatabase) {
    let db = &t.db;
    for n in 1..=9_i64 {
        let klage_id = match n % 3 {
            0 => Some(1),
            1 => Some(2),
            _ => None,
        };
        revisjon::skriv_alene(db, &hendelse(n, klage_id, "")).await.unwrap();
    }

    let rader = revisjon::for_sak(db, KlageId(1)).await.unwrap();
    assert_eq!(rader.len(), 3);
    assert!(rader.iter().all(|r| r.klage_id == Some(1)));
    assert!(rader.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert_eq!(rader.iter().map(|r| r.bruker_id).collect::<Vec<_>>(), [Some(9), Some(6), Some(3)]);

    // Every field comes back as written.
    let nyeste = &rader[0];
    let skrevet = hendelse(9, Some(1), "");
    assert_eq!(nyeste.tidspunkt, skrevet.tidspunkt);
    assert_eq!(nyeste.bruker.as_deref(), skrevet.bruker);
    assert_eq!(nyeste.organisasjon.as_deref(), skrevet.organisasjon);
    assert_eq!(nyeste.roller, skrevet.roller);
    assert_eq!(nyeste.handling, skrevet.handling);
    assert_eq!(nyeste.adresse, None);
    assert_eq!(rader[1].adresse.as_deref(), Some("10.0.0.1"));
    assert_eq!(nyeste.detalj, "");

    assert_eq!(revisjon::for_sak(db, KlageId(2)).await.unwrap().len(), 3);
    assert!(revisjon::for_sak(db, KlageId(3)).await.unwrap().is_empty(), "a case nobody has opened");
}

begge_motorer!(
    rader_kjedes_og_verifiseres,
    databasen_avviser_endring_og_sletting,
    endret_rad_oppdages_ved_raden,
    slettet_rad_oppdages_ved_neste,
    slettet_foerste_rad_oppdages,
    slettet_hale_oppdages_med_hodet,
    samtidige_skrivere_gir_en_kjede,
    for_sak_gir_sakens_rader_nyeste_foerst,
);
