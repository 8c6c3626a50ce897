//! Sessions and login over HTTP, on SQLite and PostgreSQL: cookie flags, a new session at
//! every login (no fixation), logout and deactivation ending the session on the server, the
//! idle and absolute timeouts, the failed-login limit, cross-site posts, and the audit rows a
//! page view writes.

use crate::begge_motorer;
use crate::felles;
use crate::felles::{get, klient, naa, post_skjema, ruter, ruter_med, Testdatabase};
use axum::http::{header, StatusCode};
use chrono::Duration;
use klagesak::db::{brukere, revisjon};
use klagesak::domain::tilgang::Rolle;
use klagesak::server::Klokke;

fn cookie_fra(svar: &felles::Svar) -> String {
    svar.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned()
}

async fn innlogging_gir_sikker_cookie_og_ny_okt_hver_gang(t: &Testdatabase) {
    let app = ruter(&t.db);
    brukere::opprett(&t.db, "a@test.no", "A", "rogaland", &[Rolle::Saksbehandler], Some("et langt passord!"), naa()).await.unwrap();
    let felter = [("epost", "a@test.no"), ("passord", "et langt passord!")];
    let foerste = cookie_fra(&post_skjema(&app, "/logg-inn", &felter).await);
    for flagg in ["__Host-klagesak=", "Path=/", "HttpOnly", "Secure", "SameSite=Lax"] {
        assert!(foerste.contains(flagg), "{flagg} missing in {foerste}");
    }
    assert!(!foerste.contains("Domain"), "a __Host- cookie has no Domain");
    // Logging in again (also with a planted cookie) never keeps the old session id.
    let andre = cookie_fra(&post_skjema(&app, "/logg-inn", &felter).await);
    assert_ne!(foerste.split(';').next(), andre.split(';').next());
    // The wrong password: 401, no cookie.
    let svar = post_skjema(&app, "/logg-inn", &[("epost", "a@test.no"), ("passord", "feil")]).await;
    assert_eq!(svar.status, StatusCode::UNAUTHORIZED);
    assert!(svar.headers.get(header::SET_COOKIE).is_none());
    assert!(svar.tekst.contains("Feil e-postadresse eller passord."));
}

async fn utlogging_og_deaktivering_avslutter_okta_paa_serveren(t: &Testdatabase) {
    let app = ruter(&t.db);
    let k = klient(&app, &t.db, "rogaland", &[Rolle::Saksbehandler]).await;
    assert_eq!(k.get("/saker").await.status, StatusCode::OK);
    let svar = k.post("/logg-ut", &[]).await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER);
    // The old cookie, replayed after logout, opens nothing.
    assert_eq!(k.get("/saker").await.status, StatusCode::SEE_OTHER);

    let k = klient(&app, &t.db, "rogaland", &[Rolle::Saksbehandler]).await;
    assert_eq!(k.get("/saker").await.status, StatusCode::OK);
    let id = sqlx::query_scalar::<_, klagesak::domain::id::BrukerId>("SELECT id FROM bruker WHERE epost = $1")
        .bind(&k.epost)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    brukere::deaktiver(&t.db, id).await.unwrap();
    assert_eq!(k.get("/saker").await.status, StatusCode::SEE_OTHER);
}

async fn okta_utloeper_etter_30_minutter_uten_bruk_og_12_timer_i_alt(t: &Testdatabase) {
    let k = klient(&ruter(&t.db), &t.db, "rogaland", &[Rolle::Saksbehandler]).await;
    let med_klokke = |minutter: i64| {
        let mut k = k.clone();
        k.app = ruter_med(&t.db, Klokke::Fast(naa() + Duration::minutes(minutter)));
        k
    };
    // Used every 25 minutes it lives on, until the absolute limit of 12 hours.
    for m in (25..=700).step_by(25) {
        assert_eq!(med_klokke(m).get("/saker").await.status, StatusCode::OK, "after {m} minutes");
    }
    assert_eq!(med_klokke(12 * 60 + 5).get("/saker").await.status, StatusCode::SEE_OTHER, "past 12 hours");

    let k = klient(&ruter(&t.db), &t.db, "rogaland", &[Rolle::Saksbehandler]).await;
    let mut senere = k.clone();
    senere.app = ruter_med(&t.db, Klokke::Fast(naa() + Duration::minutes(31)));
    assert_eq!(senere.get("/saker").await.status, StatusCode::SEE_OTHER, "idle for 31 minutes");
}

async fn mislykkede_innlogginger_sperres(t: &Testdatabase) {
    let app = ruter(&t.db);
    brukere::opprett(&t.db, "b@test.no", "B", "rogaland", &[Rolle::Saksbehandler], Some("et langt passord!"), naa()).await.unwrap();
    for _ in 0..5 {
        let svar = post_skjema(&app, "/logg-inn", &[("epost", "b@test.no"), ("passord", "galt")]).await;
        assert_eq!(svar.status, StatusCode::UNAUTHORIZED);
    }
    // The sixth attempt is refused even with the right password, with a clear message.
    let svar = post_skjema(&app, "/logg-inn", &[("epost", "b@test.no"), ("passord", "et langt passord!")]).await;
    assert_eq!(svar.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(svar.tekst.contains("sperret i 15 minutter"));
    // After 15 minutes it opens again.
    let senere = ruter_med(&t.db, Klokke::Fast(naa() + Duration::minutes(16)));
    let svar = post_skjema(&senere, "/logg-inn", &[("epost", "b@test.no"), ("passord", "et langt passord!")]).await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER);
}

async fn skjema_fra_andre_nettsteder_avvises(t: &Testdatabase) {
    let app = ruter(&t.db);
    let k = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let req = axum::http::Request::builder()
        .method("POST")
        .uri("/saker/ny")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "https://angriper.example")
        .header(header::COOKIE, &k.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("kommune=1506"))
        .unwrap();
    use tower::ServiceExt;
    let svar = app.clone().oneshot(req).await.unwrap();
    assert_eq!(svar.status(), StatusCode::FORBIDDEN);
}

async fn en_sidevisning_skriver_en_revisjonsrad_og_anonyme_sendes_til_innlogging(t: &Testdatabase) {
    let app = ruter(&t.db);
    let svar = get(&app, "/saker").await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER);
    assert_eq!(svar.headers.get(header::LOCATION).unwrap(), "/logg-inn?tilbake=%2Fsaker");
    let k = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let id = crate::felles::registrer_sak(&k, "Planarbeidet drar ut.").await;
    let sti = format!("/saker/{id}");
    let foer = revisjon::for_sak(&t.db, id).await.unwrap().len();
    let side = k.get(&sti).await;
    assert_eq!(side.status, StatusCode::OK);
    assert_eq!(side.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let rader = revisjon::for_sak(&t.db, id).await.unwrap();
    assert_eq!(rader.len(), foer + 1, "one audit row per case page view");
    assert_eq!(rader[0].handling, "les_sak");
    assert_eq!(rader[0].bruker.as_deref(), Some(k.epost.as_str()));
    assert_eq!(rader[0].organisasjon.as_deref(), Some("1506"));
    // A foreign municipality gets "not found", and the refusal is logged too.
    let annen = klient(&app, &t.db, "0301", &[Rolle::Kommune]).await;
    assert_eq!(annen.get(&sti).await.status, StatusCode::NOT_FOUND);
    let rader = revisjon::for_sak(&t.db, id).await.unwrap();
    assert_eq!(rader[0].handling, "avvist_tilgang");
    assert_eq!(revisjon::verifiser(&t.db).await.unwrap().foerste_brudd, None);
    // The office's leder sees who has looked; a case officer does not get that list.
    let leder = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder]).await;
    let side = leder.get(&sti).await;
    assert!(side.tekst.contains("Hvem har sett saken") && side.tekst.contains(&k.epost));
    let sb = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    assert!(!sb.get(&sti).await.tekst.contains("Hvem har sett saken"));
}

async fn manipulert_revisjonslogg_avsloeres_av_kommandoen(t: &Testdatabase) {
    let app = ruter(&t.db);
    let k = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    for _ in 0..3 {
        k.get("/saker").await;
    }
    let verifiser = || felles::klagesak_kommando(&t.url).args(["revisjon", "verifiser"]).output().expect("run klagesak");
    let ut = verifiser();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    assert!(String::from_utf8_lossy(&ut.stdout).contains("Revisjonsloggen er hel"));

    // An attacker with database access gets past the append-only guard and edits a row.
    let offer: i64 = sqlx::query_scalar::<_, i64>("SELECT MIN(id) + 1 FROM revisjon").fetch_one(&t.db.pool).await.unwrap();
    let mut conn = t.db.pool.acquire().await.unwrap();
    match t.db.motor {
        klagesak::db::Motor::Sqlite => {
            for trigger in
                sqlx::query_scalar::<_, String>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'revisjon'")
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap()
            {
                sqlx::query(&format!("DROP TRIGGER {trigger}")).execute(&mut *conn).await.unwrap();
            }
        }
        klagesak::db::Motor::Postgres => {
            sqlx::query("ALTER TABLE revisjon DISABLE TRIGGER ALL").execute(&mut *conn).await.unwrap();
        }
    }
    sqlx::query("UPDATE revisjon SET adresse = '10.0.0.66' WHERE id = $1").bind(offer).execute(&mut *conn).await.unwrap();
    drop(conn);
    let ut = verifiser();
    assert!(!ut.status.success());
    let feil = String::from_utf8_lossy(&ut.stderr);
    assert!(feil.contains(&format!("rad {offer} ")), "the broken row is named: {feil}");
}

async fn sikkerhetshoder_paa_alle_svar(t: &Testdatabase) {
    let app = ruter(&t.db);
    let side = get(&app, "/").await;
    let csp = side.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().to_owned();
    // A fresh nonce per page, on the hydration script, and no 'unsafe-inline' scripts.
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce in the policy");
    assert!(side.tekst.contains(&format!("nonce=\"{nonce}\"")), "the inline script carries the nonce");
    assert!(!csp.contains("unsafe-inline"));
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));
    let annen = get(&app, "/").await;
    assert_ne!(annen.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap(), csp, "a new nonce each time");
    for sti in ["/", "/api/v1/statistikk", "/healthz", "/logg-inn"] {
        let svar = get(&app, sti).await;
        assert!(svar.headers.get(header::STRICT_TRANSPORT_SECURITY).is_some(), "HSTS on {sti}");
        assert_eq!(svar.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff", "{sti}");
        assert!(svar.headers.get(header::REFERRER_POLICY).is_some(), "{sti}");
        let csp = svar.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{sti}: {csp}");
    }
    let api = get(&app, "/api/v1/statistikk").await;
    assert!(api.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().starts_with("default-src 'none'"));
}

async fn bruker_lages_fra_kommandolinjen_med_passord_fra_standard_inn(t: &Testdatabase) {
    use std::io::Write;
    let mut barn = felles::klagesak_kommando(&t.url)
        .args([
            "bruker",
            "ny",
            "--epost",
            "ny@test.no",
            "--organisasjon",
            "more-og-romsdal",
            "--rolle",
            "saksbehandler",
            "--rolle",
            "leder",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run klagesak");
    barn.stdin.take().unwrap().write_all(b"et hemmelig passord fra stdin\n").unwrap();
    let ut = barn.wait_with_output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    // The grant is in the audit log, as made from the command line.
    let (detalj,): (String,) = sqlx::query_as("SELECT detalj FROM revisjon WHERE handling = 'bruker_opprettet' ORDER BY id DESC LIMIT 1")
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert!(detalj.contains("more-og-romsdal") && detalj.contains("leder"), "{detalj}");
    let app = ruter(&t.db);
    let svar = post_skjema(&app, "/logg-inn", &[("epost", "ny@test.no"), ("passord", "et hemmelig passord fra stdin")]).await;
    assert_eq!(svar.status, StatusCode::SEE_OTHER);
    // A role that does not fit the organisation is refused with a clear message.
    let ut = felles::klagesak_kommando(&t.url)
        .args(["bruker", "ny", "--epost", "feil@test.no", "--organisasjon", "1506", "--rolle", "leder"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stderr).contains("rollen leder passer ikke"));
}

/// Every redirect target an attacker can write (the language switch's and the login's
/// `tilbake`) that a browser would take to another site ends on a page of ours instead.
async fn omdirigeringer_gaar_bare_til_dette_nettstedet(t: &Testdatabase) {
    let app = ruter(&t.db);
    brukere::opprett(&t.db, "omdirigert@test.no", "Omdirigert", "agder", &[Rolle::Saksbehandler], Some("et langt testpassord"), naa())
        .await
        .unwrap();
    let angrep = [
        "//angriper.example",
        "/\\angriper.example",
        "/\\/angriper.example",
        "/\t/angriper.example",
        "/\r\n/angriper.example",
        "/\n/angriper.example",
        "https://angriper.example",
        "javascript:alert(1)",
    ];
    let mut forsoek = 0;
    for a in angrep {
        let kodet: String = form_urlencoded::byte_serialize(a.as_bytes()).collect();
        let svar = get(&app, &format!("/sprak/nn?tilbake={kodet}")).await;
        assert_eq!(svar.omdirigert_til(), "/", "the language switch with {a:?}");
        let svar =
            post_skjema(&app, "/logg-inn", &[("epost", "omdirigert@test.no"), ("passord", "et langt testpassord"), ("tilbake", a)]).await;
        assert_eq!(svar.omdirigert_til(), "/saker", "the login with {a:?}");
        forsoek += 2;
    }
    // A path of ours is kept.
    assert_eq!(get(&app, "/sprak/nn?tilbake=%2Fstatistikk%3Ffra%3D2024-01-01").await.omdirigert_til(), "/statistikk?fra=2024-01-01");
    println!("omdirigering: {forsoek} forsøk på å sende brukeren til et annet nettsted, alle stoppet");
}

/// The server stops gracefully on SIGTERM (as a container runtime asks), as on Ctrl+C: exit
/// code 0, not killed by the signal.
#[test]
fn serveren_stopper_pent_paa_sigterm() {
    use std::io::{Read, Write};
    let mappe = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", mappe.path().join("k.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = felles::klagesak_kommando(&url)
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("RUST_LOG", "warn")
        .spawn()
        .expect("start klagesak serve");
    let helsesjekk = || -> Option<String> {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").ok()?;
        let mut svar = String::new();
        s.read_to_string(&mut svar).ok()?;
        Some(svar)
    };
    let start = std::time::Instant::now();
    while helsesjekk().is_none_or(|s| !s.starts_with("HTTP/1.1 200")) {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the server did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let drept = std::process::Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(drept.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "still running 10 s after SIGTERM");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "stopped by the signal instead of shutting down: {status:?}");
}

/// A refused login keeps only a bounded, normalised e-mail address in the audit log (never a
/// password typed in the e-mail field, never a page of text), and attempts while locked out
/// write nothing.
async fn revisjonsloggen_kan_ikke_fylles_med_det_som_ble_skrevet(t: &Testdatabase) {
    let app = ruter(&t.db);
    let rader = || async { sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM revisjon").fetch_one(&t.db.pool).await.unwrap() };
    let siste = || async {
        sqlx::query_as::<_, (Option<String>, String)>("SELECT bruker, detalj FROM revisjon ORDER BY id DESC LIMIT 1")
            .fetch_one(&t.db.pool)
            .await
            .unwrap()
    };
    let foer = rader().await;
    let passordet = "MittHemmeligePassord2026!";
    let side = "Lorem ipsum ".repeat(20_000);
    for (skrevet, lagret) in
        [(passordet, None), (side.as_str(), None), ("  Ukjent.Person@Molde.Kommune.NO ", Some("ukjent.person@molde.kommune.no"))]
    {
        let svar = post_skjema(&app, "/logg-inn", &[("epost", skrevet), ("passord", "galt")]).await;
        assert_eq!(svar.status, StatusCode::UNAUTHORIZED);
        assert!(!svar.tekst.contains(&"Lorem ipsum ".repeat(30)), "the page echoes a bounded value");
        let (bruker, detalj) = siste().await;
        assert_eq!(bruker.as_deref(), lagret, "what the log keeps of «{}»", &skrevet[..skrevet.len().min(30)]);
        if lagret.is_none() {
            assert_eq!(detalj, "ikke en e-postadresse");
        }
    }
    assert_eq!(rader().await, foer + 3);
    let innhold: Vec<(Option<String>, String)> = sqlx::query_as("SELECT bruker, detalj FROM revisjon").fetch_all(&t.db.pool).await.unwrap();
    assert!(innhold
        .iter()
        .all(|(b, d)| !b.as_deref().unwrap_or_default().contains("Hemmelige") && !d.contains("Hemmelige") && !d.contains("Lorem")));
    // Locked out (20 failures from one address): further attempts write no rows.
    for _ in 0..30 {
        post_skjema(&app, "/logg-inn", &[("epost", "ingen@test.no"), ("passord", "galt")]).await;
    }
    let etter_sperre = rader().await;
    for _ in 0..50 {
        let svar = post_skjema(&app, "/logg-inn", &[("epost", "ingen@test.no"), ("passord", "galt")]).await;
        assert_eq!(svar.status, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(rader().await, etter_sperre, "50 locked-out attempts, no rows");
    println!("revisjonsflom: 3 avviste innlogginger lagret avgrenset, 50 sperrede forsøk skrev ingen rader");
}

/// A burst of wrong passwords sent at the same moment gets no more guesses than the limit:
/// each attempt is counted before its (slow) password check.
async fn en_stoet_av_gjetninger_faar_ikke_flere_forsoek_enn_grensen(t: &Testdatabase) {
    let app = ruter(&t.db);
    brukere::opprett(&t.db, "offer@test.no", "Offer", "rogaland", &[Rolle::Saksbehandler], Some("et langt riktig passord"), naa())
        .await
        .unwrap();
    let forsoek: Vec<_> = (0..40)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                post_skjema(&app, "/logg-inn", &[("epost", "offer@test.no"), ("passord", &format!("gjetning {i}"))]).await.status
            })
        })
        .collect();
    let mut sjekket = 0;
    let mut sperret = 0;
    for f in forsoek {
        match f.await.unwrap() {
            StatusCode::UNAUTHORIZED => sjekket += 1,
            StatusCode::TOO_MANY_REQUESTS => sperret += 1,
            annen => panic!("{annen}"),
        }
    }
    println!("gjetninger: 40 samtidige, {sjekket} passord sjekket, {sperret} sperret");
    assert_eq!(sjekket, 5, "the account's limit is 5 guesses");
    assert_eq!(sperret, 35);
}

/// Behind a reverse proxy the failure limit is per real client: the proxy's `X-Forwarded-For`
/// is believed, anyone else's is not, so one client's guesses lock out that client only.
async fn grensen_per_adresse_gjelder_klienten_bak_en_proxy(t: &Testdatabase) {
    use axum::extract::ConnectInfo;
    use tower::ServiceExt;
    let app = ruter(&t.db);
    let forsoek = |socket: &'static str, videresendt: &'static str, i: usize| {
        let app = app.clone();
        async move {
            let kropp = format!("epost=ukjent{i}%40test.no&passord=galt");
            let mut req = axum::http::Request::builder()
                .method("POST")
                .uri("/logg-inn")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-forwarded-for", videresendt)
                .body(axum::body::Body::from(kropp))
                .unwrap();
            req.extensions_mut().insert(ConnectInfo(socket.parse::<std::net::SocketAddr>().unwrap()));
            app.oneshot(req).await.unwrap().status()
        }
    };
    // Client A, through the trusted proxy, uses up its 20 failures.
    for i in 0..20 {
        assert_eq!(forsoek("10.0.0.1:4000", "203.0.113.5", i).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(forsoek("10.0.0.1:4000", "203.0.113.5", 99).await, StatusCode::TOO_MANY_REQUESTS, "A is locked");
    // Client B, through the same proxy, is not.
    assert_eq!(forsoek("10.0.0.1:4000", "203.0.113.6", 100).await, StatusCode::UNAUTHORIZED, "B is not locked out by A");
    // Someone else who claims to be B is counted as themself: 20 failures lock them, not B.
    for i in 0..20 {
        assert_eq!(forsoek("198.51.100.7:5000", "203.0.113.6", 200 + i).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(forsoek("198.51.100.7:5000", "203.0.113.6", 300).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(forsoek("10.0.0.1:4000", "203.0.113.6", 301).await, StatusCode::UNAUTHORIZED, "B still is not");
    let adresser: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT adresse FROM innloggingsfeil ORDER BY adresse").fetch_all(&t.db.pool).await.unwrap();
    assert_eq!(adresser, ["198.51.100.7", "203.0.113.5", "203.0.113.6"]);
}

/// The server functions with case data are behind the same login layer as the pages: an
/// anonymous call gets 401, and no answer is cached.
async fn serverfunksjoner_med_saksdata_bak_innloggingslaget(t: &Testdatabase) {
    let app = ruter(&t.db);
    let mut forsoek = 0;
    for sti in ["/api/hent_sak", "/api/hent_saker", "/api/hent_tilgang", "/api/hent_administrasjon"] {
        let svar = post_skjema(&app, sti, &[("id", "1")]).await;
        forsoek += 1;
        assert_eq!(svar.status, StatusCode::UNAUTHORIZED, "{sti} anonymously");
    }
    let k = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await;
    let svar = k.post("/api/hent_tilgang", &[]).await;
    assert!(svar.tekst.contains(&k.epost), "the leder gets the list: {}", svar.tekst);
    assert_eq!(svar.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    println!("serverfunksjoner: {forsoek} anonyme kall avvist med 401");
}

begge_motorer!(
    grensen_per_adresse_gjelder_klienten_bak_en_proxy,
    en_stoet_av_gjetninger_faar_ikke_flere_forsoek_enn_grensen,
    revisjonsloggen_kan_ikke_fylles_med_det_som_ble_skrevet,
    omdirigeringer_gaar_bare_til_dette_nettstedet,
    bruker_lages_fra_kommandolinjen_med_passord_fra_standard_inn,
    sikkerhetshoder_paa_alle_svar,
    manipulert_revisjonslogg_avsloeres_av_kommandoen,
    innlogging_gir_sikker_cookie_og_ny_okt_hver_gang,
    utlogging_og_deaktivering_avslutter_okta_paa_serveren,
    okta_utloeper_etter_30_minutter_uten_bruk_og_12_timer_i_alt,
    mislykkede_innlogginger_sperres,
    skjema_fra_andre_nettsteder_avvises,
    en_sidevisning_skriver_en_revisjonsrad_og_anonyme_sendes_til_innlogging,
    serverfunksjoner_med_saksdata_bak_innloggingslaget,
);
