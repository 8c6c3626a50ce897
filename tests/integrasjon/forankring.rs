//! The audit log's signed checkpoints on SQLite and PostgreSQL, through the `klagesak` binary:
//! `revisjon nokkel ny` makes the key, `revisjon forankre` signs the head, and
//! `revisjon verifiser` checks every checkpoint. The attacks are made with the database's own
//! login (a superuser on PostgreSQL, the file on SQLite): history rewritten before a checkpoint
//! with every hash and the head recomputed, so the chain alone says intact; a log cut short with
//! a consistent head; and forged checkpoint lines.

use crate::begge_motorer;
use crate::felles::{self, naa, Testdatabase};
use klagesak::db::forankring::{offentlig_hex, Forankringsnoekkel, Hode, Kontrollpunkt};
use klagesak::db::revisjon::{self, GENESIS};
use klagesak::db::{Database, Motor};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::path::PathBuf;
use std::process::Output;

/// A key file and a checkpoint file of the test's own.
struct Filer {
    _mappe: tempfile::TempDir,
    noekkel: PathBuf,
    kontrollpunkter: PathBuf,
}

fn filer() -> Filer {
    let mappe = tempfile::tempdir().unwrap();
    let noekkel = mappe.path().join("hemmelig/forankringsnokkel");
    let kontrollpunkter = mappe.path().join("forankringer.jsonl");
    Filer { _mappe: mappe, noekkel, kontrollpunkter }
}

/// Runs `klagesak` with these files (and the public key, when given).
fn klagesak(t: &Testdatabase, f: &Filer, offentlig: Option<&str>, args: &[&str]) -> Output {
    let mut kommando = felles::klagesak_kommando(&t.url);
    kommando.env("KLAGESAK_FORANKRINGSNOKKEL", &f.noekkel).env("KLAGESAK_FORANKRINGER", &f.kontrollpunkter);
    if let Some(o) = offentlig {
        kommando.env("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL", o);
    }
    kommando.args(args).output().expect("run klagesak")
}

fn ut(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn feil(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lykkes(o: Output) -> Output {
    assert!(o.status.success(), "stdout: {}\nstderr: {}", ut(&o), feil(&o));
    o
}

fn mislykkes(o: Output) -> String {
    assert!(!o.status.success(), "should have failed: {}", ut(&o));
    feil(&o)
}

/// Makes the key and returns the public key the command printed (its last line).
fn ny_noekkel(t: &Testdatabase, f: &Filer) -> String {
    let svar = lykkes(klagesak(t, f, None, &["revisjon", "nokkel", "ny", "--fil", f.noekkel.to_str().unwrap()]));
    ut(&svar).lines().last().unwrap().trim().to_owned()
}

async fn skriv_rader(db: &Database, fra: i64, til: i64) {
    for n in fra..=til {
        let h = crate::revisjon::hendelse(n, Some(100 + n % 3), "");
        revisjon::skriv_alene(db, &h).await.unwrap();
    }
}

async fn ider(db: &Database) -> Vec<i64> {
    sqlx::query("SELECT id FROM revisjon ORDER BY id").fetch_all(&db.pool).await.unwrap().iter().map(|r| r.get("id")).collect()
}

/// The attacker's first step with full access: every trigger on the log and its head out of
/// the way.
async fn slaa_av_vernet(db: &Database) {
    let setninger: &[&str] = match db.motor {
        Motor::Sqlite => {
            &["DROP TRIGGER revisjon_ingen_endring", "DROP TRIGGER revisjon_ingen_sletting", "DROP TRIGGER revisjon_hode_bare_framover"]
        }
        Motor::Postgres => &["ALTER TABLE revisjon DISABLE TRIGGER ALL", "ALTER TABLE revisjon_hode DISABLE TRIGGER ALL"],
    };
    for s in setninger {
        sqlx::query(s).execute(&db.pool).await.unwrap();
    }
}

/// The chain's hash as the documentation of `db::revisjon` describes it, written again here
/// as an attacker (or an auditor) would, without the app's code.
fn kjedehash(forrige: &str, r: &sqlx::any::AnyRow) -> String {
    fn tekst(h: &mut Sha256, v: Option<&str>) {
        match v {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    fn tall(h: &mut Sha256, v: Option<i64>) {
        match v {
            None => h.update([0u8]),
            Some(n) => {
                h.update([2u8]);
                h.update(n.to_be_bytes());
            }
        }
    }
    let mut h = Sha256::new();
    tekst(&mut h, Some("klagesak/revisjon/v1"));
    tekst(&mut h, Some(forrige));
    tekst(&mut h, Some(&r.get::<String, _>("tidspunkt")));
    tall(&mut h, r.get("bruker_id"));
    tekst(&mut h, r.get::<Option<String>, _>("bruker").as_deref());
    tekst(&mut h, r.get::<Option<String>, _>("organisasjon").as_deref());
    tekst(&mut h, Some(&r.get::<String, _>("roller")));
    tekst(&mut h, Some(&r.get::<String, _>("handling")));
    tall(&mut h, r.get("klage_id"));
    tekst(&mut h, r.get::<Option<String>, _>("adresse").as_deref());
    tekst(&mut h, Some(&r.get::<String, _>("detalj")));
    hex::encode(h.finalize())
}

/// Rewrites the row `offer` (its `detalj`), recomputes the hash of every row from the first on
/// with the same ids, and moves the head to the new last hash: a consistent forgery.
async fn skriv_om_historikken(db: &Database, offer: i64, ny_detalj: &str) {
    let rader = sqlx::query("SELECT * FROM revisjon ORDER BY id").fetch_all(&db.pool).await.unwrap();
    let mut forrige = GENESIS.to_owned();
    for rad in &rader {
        let id: i64 = rad.get("id");
        if id == offer {
            sqlx::query("UPDATE revisjon SET detalj = $1 WHERE id = $2").bind(ny_detalj).bind(id).execute(&db.pool).await.unwrap();
        }
        let rad = sqlx::query("SELECT * FROM revisjon WHERE id = $1").bind(id).fetch_one(&db.pool).await.unwrap();
        let hash = kjedehash(&forrige, &rad);
        sqlx::query("UPDATE revisjon SET forrige_hash = $1, hash = $2 WHERE id = $3")
            .bind(&forrige)
            .bind(&hash)
            .bind(id)
            .execute(&db.pool)
            .await
            .unwrap();
        forrige = hash;
    }
    sqlx::query("UPDATE revisjon_hode SET siste_hash = $1 WHERE id = 1").bind(&forrige).execute(&db.pool).await.unwrap();
}

fn kontrollpunkter(f: &Filer) -> Vec<Kontrollpunkt> {
    std::fs::read_to_string(&f.kontrollpunkter).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

async fn omskrevet_historikk_foer_kontrollpunktet_avsloeres(t: &Testdatabase) {
    let db = &t.db;
    let f = filer();
    skriv_rader(db, 1, 5).await;
    let offentlig = ny_noekkel(t, &f);
    assert_eq!(offentlig.len(), 64, "{offentlig}");
    let svar = lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "forankre"]));
    assert!(ut(&svar).contains("5 rader"), "{}", ut(&svar));
    let ider = ider(db).await;
    let kp = &kontrollpunkter(&f)[0];
    assert_eq!((kp.rader, kp.hode_id, kp.offentlig_noekkel.as_str()), (5, ider[4], offentlig.as_str()));
    assert_eq!(kp.tidspunkt.get(..10), Some(felles::IDAG), "signed at the injected clock's time");

    // Logged after the checkpoint: only the chain covers these.
    skriv_rader(db, 6, 7).await;
    let svar = lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(ut(&svar).contains("Revisjonsloggen er hel: 7 rader") && ut(&svar).contains("Alle 1 kontrollpunkter stemmer"), "{}", ut(&svar));

    // The attack: row 2 says something else, and every hash after it and the head are redone.
    slaa_av_vernet(db).await;
    skriv_om_historikken(db, ider[1], "ingenting å se her").await;
    let v = revisjon::verifiser(db).await.unwrap();
    assert_eq!((v.rader, v.foerste_brudd), (7, None), "the chain alone is fooled");

    let melding = mislykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    let kontrollpunktet = format!("Kontrollpunktet på linje 1 i {}", f.kontrollpunkter.display());
    assert!(melding.contains(&kontrollpunktet), "the checkpoint is named: {melding}");
    assert!(melding.contains(&format!("5 rader, siste rad {}", ider[4])), "{melding}");
    assert!(melding.contains(&format!("rad {} har ikke lenger hashen som ble signert", ider[4])), "{melding}");
    assert!(melding.contains("skrevet om"), "{melding}");
    // Also without the public key configured: it is then taken from the key file.
    assert!(mislykkes(klagesak(t, &f, None, &["revisjon", "verifiser"])).contains(&kontrollpunktet));
}

async fn avkortet_logg_avsloeres(t: &Testdatabase) {
    let db = &t.db;
    let f = filer();
    skriv_rader(db, 1, 5).await;
    let offentlig = ny_noekkel(t, &f);
    lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "forankre"]));
    let ider = ider(db).await;

    // The last two rows removed, and the head set to the new last row: a perfect, shorter chain.
    slaa_av_vernet(db).await;
    sqlx::query("DELETE FROM revisjon WHERE id >= $1").bind(ider[3]).execute(&db.pool).await.unwrap();
    let ny_siste: String = sqlx::query("SELECT hash FROM revisjon WHERE id = $1").bind(ider[2]).fetch_one(&db.pool).await.unwrap().get(0);
    sqlx::query("UPDATE revisjon_hode SET siste_hash = $1").bind(&ny_siste).execute(&db.pool).await.unwrap();
    let v = revisjon::verifiser(db).await.unwrap();
    assert_eq!((v.rader, v.foerste_brudd), (3, None), "the chain alone is fooled");

    let melding = mislykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(melding.contains("Kontrollpunktet på linje 1"), "{melding}");
    assert!(melding.contains(&format!("rad {} finnes ikke lenger", ider[4])), "{melding}");

    // Filled up again to five rows with new ids, the signed head row is still missing.
    skriv_rader(db, 6, 7).await;
    let melding = mislykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(melding.contains(&format!("rad {} finnes ikke lenger", ider[4])), "{melding}");
}

async fn forfalskede_kontrollpunkter_avvises(t: &Testdatabase) {
    let db = &t.db;
    let f = filer();
    skriv_rader(db, 1, 3).await;
    let offentlig = ny_noekkel(t, &f);
    lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "forankre"]));
    skriv_rader(db, 4, 4).await;
    lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "forankre"]));
    let svar = lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(ut(&svar).contains("Alle 2 kontrollpunkter stemmer"), "{}", ut(&svar));
    let ekte = std::fs::read_to_string(&f.kontrollpunkter).unwrap();
    let ider = ider(db).await;

    // A forger who cannot sign moves the second checkpoint back to an earlier head.
    let mut flyttet = kontrollpunkter(&f)[1].clone();
    flyttet.rader = 2;
    flyttet.hode_id = ider[1];
    flyttet.hode_hash = sqlx::query("SELECT hash FROM revisjon WHERE id = $1").bind(ider[1]).fetch_one(&db.pool).await.unwrap().get(0);
    std::fs::write(&f.kontrollpunkter, format!("{ekte}{}\n", serde_json::to_string(&flyttet).unwrap())).unwrap();
    let melding = mislykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(melding.contains("Kontrollpunktet på linje 3") && melding.contains("signaturen stemmer ikke"), "{melding}");

    // One signed with a key of the forger's own has a valid signature, for the wrong key.
    let annen = Forankringsnoekkel::generer().unwrap();
    let hode = Hode { rader: 4, id: ider[3], hash: kontrollpunkter(&f)[1].hode_hash.clone() };
    let egen = annen.signer(&hode, naa());
    std::fs::write(&f.kontrollpunkter, format!("{ekte}{}\n", serde_json::to_string(&egen).unwrap())).unwrap();
    let melding = mislykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(melding.contains("Kontrollpunktet på linje 3") && melding.contains("annen nøkkel"), "{melding}");
    assert!(melding.contains(&offentlig_hex(&annen.offentlig())), "{melding}");

    // A line that is not a checkpoint at all.
    std::fs::write(&f.kontrollpunkter, format!("{ekte}{{\"rader\": 9}}\n")).unwrap();
    let melding = mislykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    assert!(melding.contains("Kontrollpunktet på linje 3") && melding.contains("kan ikke leses"), "{melding}");

    // The genuine file still holds.
    std::fs::write(&f.kontrollpunkter, &ekte).unwrap();
    lykkes(klagesak(t, &f, Some(&offentlig), &["revisjon", "verifiser"]));
    // A key file that is not the configured public key's signs nothing.
    let annen_fil = filer();
    ny_noekkel(t, &annen_fil);
    let feil = mislykkes(klagesak(
        t,
        &Filer { kontrollpunkter: f.kontrollpunkter.clone(), ..annen_fil },
        Some(&offentlig),
        &["revisjon", "forankre"],
    ));
    assert!(feil.contains("hører ikke til den offentlige nøkkelen"), "{feil}");
    assert_eq!(std::fs::read_to_string(&f.kontrollpunkter).unwrap(), ekte, "nothing was appended");
}

async fn forankre_lager_noekkel_bare_utenfor_produksjon_og_signerer_bare_en_hel_kjede(t: &Testdatabase) {
    let db = &t.db;
    let f = filer();
    // No checkpoint file yet: verifying checks the chain and says so.
    let svar = lykkes(klagesak(t, &f, None, &["revisjon", "verifiser"]));
    assert!(ut(&svar).contains("Ingen kontrollpunkter å kontrollere"), "{}", ut(&svar));

    // An empty log gets no checkpoint, but the key is made (outside production), with a warning.
    let svar = lykkes(klagesak(t, &f, None, &["revisjon", "forankre"]));
    assert!(ut(&svar).contains("tom") && feil(&svar).contains("Advarsel: nøkkelfilen"), "{}{}", ut(&svar), feil(&svar));
    assert!(f.noekkel.exists() && !f.kontrollpunkter.exists());

    // In production a missing key is never made.
    let g = filer();
    let mut produksjon = felles::klagesak_kommando(&t.url);
    produksjon
        .env("KLAGESAK_FORANKRINGSNOKKEL", &g.noekkel)
        .env("KLAGESAK_FORANKRINGER", &g.kontrollpunkter)
        .env("KLAGESAK_MILJO", "produksjon");
    let svar = produksjon.env_remove("KLAGESAK_IDAG").args(["revisjon", "forankre"]).output().unwrap();
    assert!(mislykkes(svar).contains("klagesak revisjon nokkel ny"));
    assert!(!g.noekkel.exists());
    // And an existing key file is never overwritten.
    assert!(mislykkes(klagesak(t, &f, None, &["revisjon", "nokkel", "ny"])).contains("finnes allerede"));

    // A broken chain is not signed.
    skriv_rader(db, 1, 3).await;
    slaa_av_vernet(db).await;
    let offer = ider(db).await[1];
    sqlx::query("UPDATE revisjon SET detalj = 'endret' WHERE id = $1").bind(offer).execute(&db.pool).await.unwrap();
    let melding = mislykkes(klagesak(t, &f, None, &["revisjon", "forankre"]));
    assert!(melding.contains(&format!("brutt ved rad {offer}")), "{melding}");
    assert!(!f.kontrollpunkter.exists());
}

begge_motorer!(
    omskrevet_historikk_foer_kontrollpunktet_avsloeres,
    avkortet_logg_avsloeres,
    forfalskede_kontrollpunkter_avvises,
    forankre_lager_noekkel_bare_utenfor_produksjon_og_signerer_bare_en_hel_kjede,
);
