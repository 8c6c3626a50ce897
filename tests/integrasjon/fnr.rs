//! The fødselsnummer at rest, on both engines: encrypted, found by its keyed hash, refused when
//! changed or read with a wrong key, re-encrypted by `klagesak nokkel roter`, and encrypted
//! at start-up when a database from before kept it in clear text.
//!
//! The leak test loads the demo data through the same repository as the forms, and then
//! searches every byte the database keeps (the SQLite file and its write-ahead log, or a
//! `pg_dump` of the PostgreSQL database) for each demo number in clear text: the cases, the
//! history, the audit log and the indexes alike.

use axum::http::StatusCode;
use chrono::NaiveDate;
use klagesak::cli::last_demodata;
use klagesak::db::fnr::{self, noekkelfil, NoekkelFeil, Noekkelring};
use klagesak::db::{klager, Database, DbFeil, Motor as Dbmotor};
use klagesak::domain::fnr::Fodselsnummer;
use klagesak::domain::id::KlageId;
use klagesak::domain::tilgang::Rolle;
use klagesak::server::Klokke;
use sqlx::Row;

use crate::felles::{self, klient, naa, ruter, Klient, Testdatabase, TESTNOEKKEL};

/// The demo numbers, as they are typed into the forms (11 digits).
fn demonumre() -> Vec<String> {
    let numre: Vec<String> = klagesak::demo::generer()
        .iter()
        .map(|sak| sak.skjema.fnr.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|fnr| !fnr.is_empty())
        .collect();
    assert!(numre.len() > 50, "the demo data should have numbers: {}", numre.len());
    numre
}

/// Everything the database keeps, as bytes: the SQLite file with its write-ahead log, or a
/// plain-text dump of the PostgreSQL database.
fn alt_lagret(t: &Testdatabase) -> Vec<u8> {
    match t.db.motor {
        Dbmotor::Sqlite => {
            let sti = t.url.trim_start_matches("sqlite:");
            let mut bytes = std::fs::read(sti).expect("the SQLite file");
            bytes.extend(std::fs::read(format!("{sti}-wal")).unwrap_or_default());
            bytes
        }
        Dbmotor::Postgres => {
            let svar = std::process::Command::new("pg_dump").arg("--no-owner").arg(&t.url).output().expect("pg_dump");
            assert!(svar.status.success(), "pg_dump: {}", String::from_utf8_lossy(&svar.stderr));
            svar.stdout
        }
    }
}

fn inneholder(bytes: &[u8], tekst: &str) -> bool {
    bytes.windows(tekst.len()).any(|w| w == tekst.as_bytes())
}

/// No demo number is anywhere in the database in clear text, while what is not encrypted (a
/// case's summary) is found: the search does see the data. Every number is stored encrypted,
/// with the tests' key, and the clear-text column is empty.
async fn ingen_demonummer_i_klartekst(t: &Testdatabase) {
    last_demodata(&t.db, Klokke::Fast(naa())).await.unwrap();
    let lagret = alt_lagret(t);
    let sammendrag = &klagesak::demo::generer()[0].skjema.sammendrag;
    assert!(inneholder(&lagret, sammendrag), "the dump should hold the first case's summary");
    let numre = demonumre();
    let i_klartekst: Vec<&String> = numre.iter().filter(|n| inneholder(&lagret, n)).collect();
    assert!(i_klartekst.is_empty(), "{} of {} demo numbers in clear text at rest", i_klartekst.len(), numre.len());
    let rad = sqlx::query(
        "SELECT COUNT(fnr_kryptert) AS kryptert, COUNT(fnr) AS klartekst, COUNT(fnr_hash) AS hash, \
         MIN(fnr_noekkel) AS minst, MAX(fnr_noekkel) AS mest FROM klage",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    let antall = |k: &str| rad.try_get::<i64, _>(k).unwrap();
    assert_eq!((antall("kryptert"), antall("hash"), antall("klartekst")), (numre.len() as i64, numre.len() as i64, 0));
    assert_eq!((antall("minst"), antall("mest")), (1, 1));
}

/// Three synthetic adults' numbers (born 1980), different from each other.
fn numre() -> Vec<Fodselsnummer> {
    let dag = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap();
    (1..=3).map(|n| Fodselsnummer::syntetisk(dag, n * 7).unwrap()).collect()
}

/// A municipality user of Molde and its router, on `db`.
async fn kommunen(db: &Database) -> Klient {
    klient(&ruter(db), db, "1506", &[Rolle::Kommune]).await
}

/// Registers a complaint against Molde through the form, with `fnr` if given: the case's id.
async fn registrer(kommune: &Klient, fnr: Option<&Fodselsnummer>) -> i64 {
    let mut felter = vec![
        ("kommune", "1506"),
        ("mottaker", "kommunen"),
        ("mottatt_dato", "2026-09-01"),
        ("klager", "pasient_bruker"),
        ("aldersgruppe", "voksen"),
        ("navn", "Testvoksen Fiktivsen"),
        ("rettighet", "ip"),
        ("kategori", "planarbeid_drar_ut"),
        ("sammendrag", "Søkt om individuell plan."),
    ];
    if let Some(fnr) = fnr {
        felter.push(("fnr", fnr.som_tekst()));
    }
    kommune.post("/saker/ny", &felter).await.omdirigert_til().trim_start_matches("/saker/").parse().expect("a case id")
}

/// The case page as `kommune` sees it.
async fn saksside(kommune: &Klient, id: i64) -> String {
    let side = kommune.get(&format!("/saker/{id}")).await;
    assert_eq!(side.status, StatusCode::OK, "{}", side.tekst);
    side.tekst
}

/// `SELECT fnr_noekkel` of every case with a number, by id.
async fn noekler_per_sak(db: &Database) -> Vec<(i64, i64)> {
    sqlx::query("SELECT id, fnr_noekkel FROM klage WHERE fnr_kryptert IS NOT NULL ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get("id").unwrap(), r.try_get("fnr_noekkel").unwrap()))
        .collect()
}

/// The look-up by number finds exactly the cases registered with it, within the user's scope
/// only; the page shows the number masked.
async fn oppslag_paa_nummer_bruker_hashen(t: &Testdatabase) {
    let kommune = kommunen(&t.db).await;
    let [a, b, _] = <[Fodselsnummer; 3]>::try_from(numre()).unwrap();
    let foerste = registrer(&kommune, Some(&a)).await;
    let andre = registrer(&kommune, Some(&b)).await;
    let tredje = registrer(&kommune, Some(&a)).await;
    registrer(&kommune, None).await;
    let molde = felles::omfang("1506");
    assert_eq!(ider(fnr::saker_med(&t.db, &molde, &a).await.unwrap()), vec![foerste, tredje]);
    assert_eq!(ider(fnr::saker_med(&t.db, &molde, &b).await.unwrap()), vec![andre]);
    assert_eq!(ider(fnr::saker_med(&t.db, &felles::omfang("1505"), &a).await.unwrap()), Vec::<i64>::new());
    assert_eq!(ider(fnr::saker_med(&t.db, &felles::omfang("more-og-romsdal"), &a).await.unwrap()), vec![foerste, tredje]);
    assert_eq!(ider(fnr::saker_med(&t.db, &felles::omfang("direktoratet"), &a).await.unwrap()), Vec::<i64>::new());
    let side = saksside(&kommune, foerste).await;
    assert!(side.contains(&a.maskert()), "the masked number on the case page");
    assert!(!side.contains(a.som_tekst()));
}

/// A ciphertext changed in the database, moved to another case or given another key id is
/// refused with a clear error (the page says something went wrong; nothing crashes); so is a
/// wrong key.
async fn endret_chiffertekst_og_feil_noekkel_avvises(t: &Testdatabase) {
    let kommune = kommunen(&t.db).await;
    let [a, b, _] = <[Fodselsnummer; 3]>::try_from(numre()).unwrap();
    let id = registrer(&kommune, Some(&a)).await;
    let annen = registrer(&kommune, Some(&b)).await;
    let kryptert: String = sqlx::query_scalar("SELECT fnr_kryptert FROM klage WHERE id = $1").bind(id).fetch_one(&t.db.pool).await.unwrap();
    let sett = |verdi: String, noekkel: i64, sak: i64| {
        let pool = t.db.pool.clone();
        async move {
            sqlx::query("UPDATE klage SET fnr_kryptert = $1, fnr_noekkel = $2 WHERE id = $3")
                .bind(verdi)
                .bind(noekkel)
                .bind(sak)
                .execute(&pool)
                .await
                .unwrap();
        }
    };
    let les = |sak: i64| klager::hent_uten_tilgangskontroll(&t.db, KlageId(sak));

    // A wrong key, under the same id, and a ring without the key: refused.
    let feil_noekkel = t.db.clone().med_fnr_noekler(Noekkelring::fra_noekler(1, &[(1, [0x33; 32])]).unwrap());
    let svar = klager::hent_uten_tilgangskontroll(&feil_noekkel, KlageId(id)).await;
    assert!(matches!(svar, Err(DbFeil::Fnr(NoekkelFeil::Dekryptering(s))) if s == id), "{svar:?}");
    assert!(svar.unwrap_err().to_string().contains("kunne ikke dekrypteres"));
    let uten = t.db.clone().med_fnr_noekler(Noekkelring::fra_noekler(2, &[(2, TESTNOEKKEL)]).unwrap());
    let svar = klager::hent_uten_tilgangskontroll(&uten, KlageId(id)).await;
    assert!(matches!(svar, Err(DbFeil::Fnr(NoekkelFeil::UkjentNoekkel { klage, noekkel: 1 })) if klage == id), "{svar:?}");

    // One hex digit changed in the ciphertext: refused, and the page is an error, not a crash.
    let siste = kryptert.chars().last().unwrap();
    let endret = format!("{}{}", &kryptert[..kryptert.len() - 1], if siste == '0' { '1' } else { '0' });
    sett(endret, 1, id).await;
    assert!(matches!(les(id).await, Err(DbFeil::Fnr(NoekkelFeil::Dekryptering(s))) if s == id));
    let side = kommune.get(&format!("/saker/{id}")).await;
    assert!(side.tekst.contains("Noe gikk galt da vi hentet dataene."), "{}: {}", side.status, side.tekst);
    assert!(!side.tekst.contains(&a.maskert()));
    // The intact ciphertext claimed for another key id, or moved to another case: refused.
    sett(kryptert.clone(), 2, id).await;
    assert!(les(id).await.is_err());
    sett(kryptert.clone(), 1, annen).await;
    assert!(matches!(les(annen).await, Err(DbFeil::Fnr(NoekkelFeil::Dekryptering(s))) if s == annen));
    // Put back as it was: read again.
    sett(kryptert, 1, id).await;
    assert_eq!(les(id).await.unwrap().unwrap().fnr_maskert, Some(a.maskert()));
}

/// `klagesak nokkel roter`: afterwards the key file holds only the new key, every number is
/// encrypted with it (and read with it, not with the old one), the look-up still finds them,
/// and the case page shows the same masked number. Run again after an interruption, it
/// finishes the rotation it found instead of starting another.
async fn rotasjon_krypterer_alt_paa_nytt(t: &Testdatabase) {
    let kommune = kommunen(&t.db).await;
    let numre = numre();
    let mut saker = Vec::new();
    for fnr in &numre {
        saker.push(registrer(&kommune, Some(fnr)).await);
    }
    let uten_nummer = registrer(&kommune, None).await;
    let mut foer = Vec::new();
    for id in &saker {
        foer.push(saksside(&kommune, *id).await);
    }
    let mappe = tempfile::tempdir().unwrap();
    let sti = mappe.path().join("nokkel");
    std::fs::copy(felles::test_noekkelfil(), &sti).unwrap();

    let ut = felles::klagesak_kommando(&t.url).args(["nokkel", "roter"]).env("KLAGESAK_NOKKELFIL", &sti).output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    let tekst = String::from_utf8_lossy(&ut.stdout);
    assert!(tekst.contains("Nøkkelen er rotert: 3 fødselsnumre er kryptert på nytt med nøkkel 2"), "{tekst}");

    let ny = noekkelfil::les(&sti).unwrap();
    assert_eq!((ny.gjeldende(), ny.ider()), (Some(2), vec![2]), "the old key is gone from the file");
    assert_eq!(noekler_per_sak(&t.db).await, saker.iter().map(|id| (*id, 2)).collect::<Vec<_>>());
    // With the new key every case reads, with the old one (under either id) none does.
    let db_ny = t.db.clone().med_fnr_noekler(noekkelfil::les(&sti).unwrap());
    let gammel_som_2 = t.db.clone().med_fnr_noekler(Noekkelring::fra_noekler(2, &[(2, TESTNOEKKEL)]).unwrap());
    for (id, fnr) in saker.iter().zip(&numre) {
        assert_eq!(klager::hent_uten_tilgangskontroll(&db_ny, KlageId(*id)).await.unwrap().unwrap().fnr_maskert, Some(fnr.maskert()));
        assert!(matches!(
            klager::hent_uten_tilgangskontroll(&t.db, KlageId(*id)).await,
            Err(DbFeil::Fnr(NoekkelFeil::UkjentNoekkel { .. }))
        ));
        assert!(matches!(
            klager::hent_uten_tilgangskontroll(&gammel_som_2, KlageId(*id)).await,
            Err(DbFeil::Fnr(NoekkelFeil::Dekryptering(_)))
        ));
        assert_eq!(ider(fnr::saker_med(&db_ny, &felles::omfang("1506"), fnr).await.unwrap()), vec![*id]);
    }
    assert_eq!(klager::hent_uten_tilgangskontroll(&t.db, KlageId(uten_nummer)).await.unwrap().unwrap().fnr_maskert, None);
    let kommune_ny = kommunen(&db_ny).await;
    for ((id, fnr), side_foer) in saker.iter().zip(&numre).zip(&foer) {
        let side = saksside(&kommune_ny, *id).await;
        assert!(side.contains(&fnr.maskert()) && side_foer.contains(&fnr.maskert()), "masked number of case {id}");
    }

    // Interrupted after the new key was written: the file holds the old key and the new one.
    // Run again, it finishes with that new key, and no third key is made.
    let avbrutt = ny.med_ny_gjeldende();
    noekkelfil::skriv(&sti, &avbrutt).unwrap();
    let svar = fnr::roter(&db_ny.clone().med_fnr_noekler(noekkelfil::les(&sti).unwrap()), &sti).await.unwrap();
    assert_eq!(svar, fnr::Rotasjon { noekkel: 3, omkryptert: 3, fortsatt: true });
    assert_eq!(noekkelfil::les(&sti).unwrap().ider(), vec![3]);
    // Once more, with nothing left to do: a rotation of its own, to key 4.
    let db_3 = t.db.clone().med_fnr_noekler(noekkelfil::les(&sti).unwrap());
    assert_eq!(fnr::roter(&db_3, &sti).await.unwrap(), fnr::Rotasjon { noekkel: 4, omkryptert: 3, fortsatt: false });
    assert_eq!(noekler_per_sak(&t.db).await, saker.iter().map(|id| (*id, 4)).collect::<Vec<_>>());
}

/// A database from before encryption, with numbers in the clear-text column: the next
/// migration (every start) encrypts them in a transaction, empties the column, and leaves no
/// trace of them on disk; run again, it has nothing to do.
async fn klartekst_fra_foer_krypteres_ved_migrering(t: &Testdatabase) {
    let kommune = kommunen(&t.db).await;
    let numre = numre();
    let mut saker = Vec::new();
    for fnr in &numre {
        saker.push(registrer(&kommune, Some(fnr)).await);
    }
    // As the rows were before: the number in `fnr`, nothing in the new columns.
    for (id, fnr) in saker.iter().zip(&numre) {
        sqlx::query("UPDATE klage SET fnr = $1, fnr_kryptert = NULL, fnr_noekkel = NULL, fnr_hash = NULL WHERE id = $2")
            .bind(fnr.som_tekst())
            .bind(id)
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    assert!(inneholder(&alt_lagret(t), numre[0].som_tekst()), "the old rows hold the number in clear text");

    t.db.migrer().await.unwrap();
    assert_eq!(noekler_per_sak(&t.db).await, saker.iter().map(|id| (*id, 1)).collect::<Vec<_>>());
    let klartekst: i64 = sqlx::query_scalar("SELECT COUNT(fnr) FROM klage").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(klartekst, 0);
    let lagret = alt_lagret(t);
    for fnr in &numre {
        assert!(!inneholder(&lagret, fnr.som_tekst()), "a number is still on disk in clear text");
    }
    for (id, fnr) in saker.iter().zip(&numre) {
        assert!(saksside(&kommune, *id).await.contains(&fnr.maskert()));
        assert_eq!(ider(fnr::saker_med(&t.db, &felles::omfang("1506"), fnr).await.unwrap()), vec![*id]);
    }
    assert_eq!(fnr::krypter_klartekst(&t.db).await.unwrap(), 0, "nothing left to do");

    // Without a key it refuses, rather than leave the numbers in clear text or lose them.
    sqlx::query("UPDATE klage SET fnr = $1 WHERE id = $2").bind(numre[0].som_tekst()).bind(saker[0]).execute(&t.db.pool).await.unwrap();
    let uten = t.db.clone().med_fnr_noekler(Noekkelring::default());
    assert!(matches!(uten.migrer().await, Err(DbFeil::Fnr(NoekkelFeil::Ingen))));
}

/// The key file from the command line: in production it must be named and exist (each
/// refusal names what is missing), `nokkel ny` makes it once (0600) and never overwrites it;
/// outside production a missing file is made at start, with a warning.
#[test]
fn noekkelfila_fra_kommandolinjen() {
    let mappe = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", mappe.path().join("k.db").display());
    let sti = mappe.path().join("hemmelig").join("nokkel");
    let produksjon = || {
        let mut k = felles::klagesak_kommando(&url);
        k.env("KLAGESAK_MILJO", "produksjon").env_remove("KLAGESAK_IDAG");
        k
    };
    let feil = |ut: std::process::Output| {
        assert!(!ut.status.success());
        String::from_utf8_lossy(&ut.stderr).into_owned()
    };
    let ut = produksjon().arg("migrate").env_remove("KLAGESAK_NOKKELFIL").output().unwrap();
    assert!(feil(ut).contains("KLAGESAK_NOKKELFIL må være satt når KLAGESAK_MILJO=produksjon"));
    let ut = produksjon().arg("migrate").env("KLAGESAK_NOKKELFIL", &sti).output().unwrap();
    let tekst = feil(ut);
    assert!(tekst.contains("finnes ikke") && tekst.contains("klagesak nokkel ny"), "{tekst}");
    assert!(!sti.exists(), "production never makes the key file by itself");

    let ut = produksjon().args(["nokkel", "ny"]).env("KLAGESAK_NOKKELFIL", &sti).output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    let laget = noekkelfil::les(&sti).unwrap();
    assert_eq!((laget.gjeldende(), laget.ider()), (Some(1), vec![1]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&sti).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let innhold = std::fs::read(&sti).unwrap();
    let ut = produksjon().args(["nokkel", "ny"]).env("KLAGESAK_NOKKELFIL", &sti).output().unwrap();
    assert!(feil(ut).contains("finnes allerede"));
    assert_eq!(std::fs::read(&sti).unwrap(), innhold, "not overwritten");
    let ut = produksjon().arg("migrate").env("KLAGESAK_NOKKELFIL", &sti).output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));

    let ny = mappe.path().join("data").join("klagesak.nokkel");
    let ut = felles::klagesak_kommando(&url).arg("migrate").env("KLAGESAK_NOKKELFIL", &ny).output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    assert!(String::from_utf8_lossy(&ut.stderr).contains("Laget en ny nøkkelfil"));
    assert_eq!(noekkelfil::les(&ny).unwrap().ider(), vec![1]);
}

crate::begge_motorer!(
    ingen_demonummer_i_klartekst,
    oppslag_paa_nummer_bruker_hashen,
    endret_chiffertekst_og_feil_noekkel_avvises,
    rotasjon_krypterer_alt_paa_nytt,
    klartekst_fra_foer_krypteres_ved_migrering,
);

/// The row ids of a look-up, to compare with the ids the tests registered.
fn ider(saker: Vec<KlageId>) -> Vec<i64> {
    saker.into_iter().map(|k| k.0).collect()
}
