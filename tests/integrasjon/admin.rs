//! The administrator's page over HTTP, on SQLite and PostgreSQL: the administrator lists users,
//! creates one, deactivates one (ending their session), and adds and removes OpenID Connect
//! mappings, each change with its audit row; everyone else (every other role, and anonymous
//! visitors) is refused on the server, whatever they post.

use crate::begge_motorer;
use crate::felles;
use crate::felles::{get, klient, post_skjema, ruter, Klient, Testdatabase};
use axum::http::{header, StatusCode};
use klagesak::db::oidc as lager;
use klagesak::domain::tilgang::{Identitetsnoekkel, Rolle};

async fn handlinger(t: &Testdatabase) -> Vec<String> {
    sqlx::query_scalar("SELECT handling FROM revisjon ORDER BY id").fetch_all(&t.db.pool).await.unwrap()
}

async fn bruker_id(t: &Testdatabase, epost: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT id FROM bruker WHERE epost = $1").bind(epost).fetch_optional(&t.db.pool).await.unwrap()
}

async fn administrator_styrer_brukere_og_koblinger(t: &Testdatabase) {
    let app = ruter(&t.db);
    let admin = klient(&app, &t.db, "admin", &[Rolle::Admin]).await;
    let offer = klient(&app, &t.db, "rogaland", &[Rolle::Saksbehandler]).await;

    let side = admin.get("/admin").await;
    assert_eq!(side.status, StatusCode::OK);
    assert_eq!(side.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(side.tekst.contains(&offer.epost) && side.tekst.contains("Brukere og tilgang"));

    // A new local user with an initial password, who can then log in.
    let felter = [
        ("epost", "Ny.Bruker@Molde.kommune.no"),
        ("navn", "Nina Ny"),
        ("organisasjon", "1506"),
        ("rolle", "kommune"),
        ("passord", "et langt startpassord"),
    ];
    assert_eq!(admin.post("/admin/brukere", &felter).await.omdirigert_til(), "/admin");
    assert!(admin.get("/admin").await.tekst.contains("ny.bruker@molde.kommune.no"));
    let svar = post_skjema(&app, "/logg-inn", &[("epost", "ny.bruker@molde.kommune.no"), ("passord", "et langt startpassord")]).await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER);
    assert!(handlinger(t).await.contains(&"bruker_opprettet".to_owned()));

    // Errors come back next to their fields, with what was typed (never the password).
    let feil = [("epost", "ikke-en-adresse"), ("navn", ""), ("organisasjon", "1506"), ("rolle", "leder"), ("passord", "kort")];
    let svar = admin.post("/admin/brukere", &feil).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (id, melding) in [
        ("bruker-epost-feil", "Skriv en gyldig e-postadresse."),
        ("bruker-navn-feil", "Skriv navnet."),
        ("bruker-rolle-feil", "Rollen passer ikke til organisasjonen"),
    ] {
        assert!(svar.tekst.contains(&format!("id=\"{id}\"")), "{id} missing");
        assert!(svar.tekst.contains(melding), "{melding} missing");
    }
    assert!(svar.tekst.contains("value=\"ikke-en-adresse\""));
    assert!(!svar.tekst.contains("value=\"kort\""));
    let svar = admin
        .post("/admin/brukere", &[("epost", "x@y.no"), ("navn", "X"), ("organisasjon", "1506"), ("rolle", "kommune"), ("passord", "kort")])
        .await;
    assert!(svar.tekst.contains("Passordet må ha minst 12 tegn."));
    let svar = admin.post("/admin/brukere", &felter).await;
    assert!(svar.tekst.contains("Det finnes allerede en bruker med denne e-postadressen."));
    assert!(bruker_id(t, "x@y.no").await.is_none());

    // Deactivating ends the user's session on the server at once.
    assert_eq!(offer.get("/saker").await.status, StatusCode::OK);
    let id = bruker_id(t, &offer.epost).await.unwrap();
    assert_eq!(admin.post(&format!("/admin/brukere/{id}/deaktiver"), &[]).await.omdirigert_til(), "/admin");
    assert_eq!(offer.get("/saker").await.status, StatusCode::SEE_OTHER);
    assert!(handlinger(t).await.contains(&"bruker_deaktivert".to_owned()));
    assert_eq!(admin.post("/admin/brukere/999999/deaktiver", &[]).await.status, StatusCode::NOT_FOUND);

    // OpenID Connect mappings: added, listed, refused when wrong, removed.
    let kobling = [("issuer", "https://login.example.no"), ("subjekt", "abc-123"), ("organisasjon", "1506"), ("rolle", "kommune")];
    assert_eq!(admin.post("/admin/koblinger", &kobling).await.omdirigert_til(), "/admin");
    let side = admin.get("/admin").await;
    assert!(side.tekst.contains("https://login.example.no") && side.tekst.contains("abc-123"));
    let svar = admin.post("/admin/koblinger", &kobling).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(svar.tekst.contains("Det finnes allerede en kobling for denne identiteten."));
    let svar = admin
        .post(
            "/admin/koblinger",
            &[("issuer", "http://login.example.no"), ("epost", "a@b.no"), ("organisasjon", "1506"), ("rolle", "kommune")],
        )
        .await;
    assert!(svar.tekst.contains("id=\"kobling-issuer-feil\"") && svar.tekst.contains("med https:// foran"));
    let svar = admin
        .post(
            "/admin/koblinger",
            &[("issuer", "https://i.no"), ("subjekt", "s"), ("epost", "a@b.no"), ("organisasjon", "1506"), ("rolle", "kommune")],
        )
        .await;
    assert!(svar.tekst.contains("Fyll ut enten subjekt eller e-postadresse, ikke begge."));
    let koblinger = lager::koblinger(&t.db).await.unwrap();
    assert_eq!(koblinger.len(), 1);
    assert_eq!(koblinger[0].noekkel, Identitetsnoekkel::Subjekt("abc-123".into()));
    let sti = format!("/admin/koblinger/{}/slett", koblinger[0].id);
    assert_eq!(admin.post(&sti, &[]).await.omdirigert_til(), "/admin");
    assert!(lager::koblinger(&t.db).await.unwrap().is_empty());
    let logg = handlinger(t).await;
    assert!(logg.contains(&"oidc_kobling_ny".to_owned()) && logg.contains(&"oidc_kobling_slettet".to_owned()));
    assert_eq!(klagesak::db::revisjon::verifiser(&t.db).await.unwrap().foerste_brudd, None);
}

/// Everything a non-administrator tries, and that it changed nothing.
async fn proev_alt(t: &Testdatabase, k: &Klient, hvem: &str, offer_id: klagesak::domain::id::BrukerId, kobling_id: i64) {
    assert_eq!(k.get("/admin").await.status, StatusCode::NOT_FOUND, "{hvem}: GET /admin");
    let side = k.get("/admin").await;
    assert!(!side.tekst.contains("offer@test.no"), "{hvem} sees no user list");
    let svar = k
        .post(
            "/admin/brukere",
            &[
                ("epost", "inntrenger@test.no"),
                ("navn", "I"),
                ("organisasjon", "admin"),
                ("rolle", "admin"),
                ("passord", "et langt passord her"),
            ],
        )
        .await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND, "{hvem}: create user");
    assert!(bruker_id(t, "inntrenger@test.no").await.is_none(), "{hvem} created a user");
    assert_eq!(k.post(&format!("/admin/brukere/{offer_id}/deaktiver"), &[]).await.status, StatusCode::NOT_FOUND, "{hvem}: deactivate");
    let svar =
        k.post("/admin/koblinger", &[("issuer", "https://i.no"), ("subjekt", "meg"), ("organisasjon", "admin"), ("rolle", "admin")]).await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND, "{hvem}: add mapping");
    assert_eq!(k.post(&format!("/admin/koblinger/{kobling_id}/slett"), &[]).await.status, StatusCode::NOT_FOUND, "{hvem}: remove mapping");
    // The server function behind the page answers with nothing for them.
    let svar = k.post("/api/hent_administrasjon", &[]).await;
    assert!(!svar.tekst.contains("offer@test.no"), "{hvem}: server function");
}

async fn andre_enn_administrator_nektes_paa_serveren(t: &Testdatabase) {
    let app = ruter(&t.db);
    let offer_id = klagesak::db::brukere::opprett(
        &t.db,
        "offer@test.no",
        "Offer",
        "1506",
        &[Rolle::Kommune],
        Some("et langt passord her"),
        felles::naa(),
    )
    .await
    .unwrap();
    let kobling_id = lager::ny_kobling(
        &t.db,
        &felles::administrator(&t.db).await,
        "https://login.example.no",
        &Identitetsnoekkel::Subjekt("s".into()),
        "1506",
        &[Rolle::Kommune],
        felles::naa(),
    )
    .await
    .unwrap();
    for (hvem, org, roller) in [
        ("saksbehandler", "more-og-romsdal", &[Rolle::Saksbehandler][..]),
        ("leder", "more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder][..]),
        ("kommune", "1506", &[Rolle::Kommune][..]),
        ("direktorat", "direktoratet", &[Rolle::Direktorat][..]),
    ] {
        let k = klient(&app, &t.db, org, roller).await;
        proev_alt(t, &k, hvem, offer_id, kobling_id).await;
    }
    let aktiv: i64 = sqlx::query_scalar("SELECT aktiv FROM bruker WHERE id = $1").bind(offer_id).fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(aktiv, 1);
    assert_eq!(lager::koblinger(&t.db).await.unwrap().len(), 1);

    // Anonymous: to the login page for the page, 401 for the posts.
    let svar = get(&app, "/admin").await;
    assert_eq!(svar.omdirigert_til(), "/logg-inn?tilbake=%2Fadmin");
    let svar = post_skjema(
        &app,
        "/admin/brukere",
        &[("epost", "anonym@test.no"), ("navn", "A"), ("organisasjon", "admin"), ("rolle", "admin"), ("passord", "et langt passord her")],
    )
    .await;
    assert_eq!(svar.status, StatusCode::UNAUTHORIZED);
    assert_eq!(post_skjema(&app, &format!("/admin/brukere/{offer_id}/deaktiver"), &[]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(post_skjema(&app, &format!("/admin/koblinger/{kobling_id}/slett"), &[]).await.status, StatusCode::UNAUTHORIZED);
    assert!(bruker_id(t, "anonym@test.no").await.is_none());
}

begge_motorer!(administrator_styrer_brukere_og_koblinger, andre_enn_administrator_nektes_paa_serveren);
