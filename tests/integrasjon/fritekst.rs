//! Every free-text field the app accepts has a cap on the server, whatever the form's own
//! `maxlength` says: a curious user posts far more than a field allows, and gets a clear error
//! in their language, with nothing stored and nothing already accepted lost.
//!
//! The fields: a step's note, a transfer's note and the new decision's note (4,000
//! characters), the registration's summary and name, the administrator's name, e-mail, issuer
//! and subject, and the login's password (which is never even hashed when it is too long).

use crate::begge_motorer;
use crate::felles::{klient, post_skjema, ruter, Klient, Testdatabase};
use axum::http::StatusCode;
use klagesak::domain::klage::MAKS_NOTAT;
use klagesak::domain::tilgang::Rolle;

async fn ny_sak(kommune: &Klient) -> klagesak::domain::id::KlageId {
    crate::felles::registrer_sak(kommune, "Planarbeidet drar ut.").await
}

async fn historikk(t: &Testdatabase, id: klagesak::domain::id::KlageId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM hendelse WHERE klage_id = $1").bind(id).fetch_one(&t.db.pool).await.unwrap()
}

async fn lange_notater_avvises_med_klar_feil(t: &Testdatabase) {
    let app = ruter(&t.db);
    let kommune = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let kontor = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let id = ny_sak(&kommune).await;
    let foer = historikk(t, id).await;
    let mut forsoek = 0;
    // 40,000 «æ» is 240 KB as the form sends it, just inside the body limit.
    for lengde in [MAKS_NOTAT + 1, 40_000] {
        let notat = "æ".repeat(lengde);
        // (who, form, fields, whether that user's page shows the form and so the error)
        for (hvem, sti, felter, vises) in [
            (&kommune, "steg", vec![("handling", "oversend"), ("dato", "2026-09-10"), ("notat", notat.as_str())], true),
            (&kontor, "overfoer", vec![("statsforvalter", "vestland"), ("dato", "2026-09-10"), ("notat", notat.as_str())], true),
            (&kommune, "nytt-vedtak", vec![("dato", "2026-09-10"), ("notat", notat.as_str())], false),
        ] {
            let svar = hvem.post(&format!("/saker/{id}/{sti}"), &felter).await;
            forsoek += 1;
            assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY, "{sti} with a note of {lengde} characters");
            assert!(!vises || svar.tekst.contains("Notatet er for langt"), "{sti}: the error says why");
        }
    }
    // Past the form's body limit (256 KB) the request is refused before it is read.
    let notat = "æ".repeat(100_000);
    let svar = kommune.post(&format!("/saker/{id}/steg"), &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", &notat)]).await;
    forsoek += 1;
    assert_eq!(svar.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(historikk(t, id).await, foer, "nothing was stored");
    // A note at the cap is taken.
    let notat = "æ".repeat(MAKS_NOTAT);
    let svar = kommune.post(&format!("/saker/{id}/steg"), &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", &notat)]).await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER, "{}", &svar.tekst[..svar.tekst.len().min(300)]);
    println!("fritekst: {forsoek} for lange notater avvist, ett på grensen tatt imot");
}

async fn admin_og_innlogging_har_grenser(t: &Testdatabase) {
    let app = ruter(&t.db);
    let admin = klient(&app, &t.db, "admin", &[Rolle::Admin]).await;
    let langt = "x".repeat(5_000);
    let epost = format!("{langt}@test.no");
    let mut forsoek = 0;
    for (felt, verdi) in [("navn", langt.as_str()), ("epost", epost.as_str())] {
        let mut felter = vec![
            ("epost", "ny@test.no"),
            ("navn", "Ny Bruker"),
            ("organisasjon", "1506"),
            ("rolle", "kommune"),
            ("passord", "et langt passord her"),
        ];
        felter.retain(|(n, _)| *n != felt);
        felter.push((felt, verdi));
        let svar = admin.post("/admin/brukere", &felter).await;
        forsoek += 1;
        assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY, "user with a {felt} of 5,000 characters");
    }
    for (felt, verdi) in [("issuer", format!("https://{langt}.no")), ("subjekt", langt.clone())] {
        let mut felter = vec![
            ("issuer", "https://idp.test.no".to_owned()),
            ("subjekt", "abc".to_owned()),
            ("organisasjon", "1506".to_owned()),
            ("rolle", "kommune".to_owned()),
        ];
        felter.retain(|(n, _)| *n != felt);
        felter.push((felt, verdi));
        let felter: Vec<(&str, &str)> = felter.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let svar = admin.post("/admin/koblinger", &felter).await;
        forsoek += 1;
        assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY, "mapping with a {felt} of 5,000 characters");
    }
    let brukere: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bruker").fetch_one(&t.db.pool).await.unwrap();
    let koblinger: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM oidc_kobling").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!((brukere, koblinger), (1, 0), "nothing was stored");

    // A password of 200 KB is a wrong password: refused at once, and still counted.
    let passord = "p".repeat(200_000);
    let svar = post_skjema(&app, "/logg-inn", &[("epost", &admin.epost), ("passord", &passord)]).await;
    forsoek += 1;
    assert_eq!(svar.status, StatusCode::UNAUTHORIZED);
    let feil: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM innloggingsfeil WHERE epost = $1").bind(&admin.epost).fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(feil, 1, "the attempt counts");
    println!("fritekst: {forsoek} for lange admin- og innloggingsfelt avvist");
}

begge_motorer!(lange_notater_avvises_med_klar_feil, admin_og_innlogging_har_grenser);
