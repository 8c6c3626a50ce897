//! Login with OpenID Connect against a real provider: `oidc-provider` (npm) runs under node on
//! a free loopback port (`tests/oidc-provider/`), our router runs in-process, and a small
//! browser (cookies per host, redirects followed, the provider's login and consent forms
//! submitted) goes through the whole flow. On SQLite and PostgreSQL.
//!
//! Proves: a mapped identity gets a session with the mapped organisation and roles (by subject
//! and by verified e-mail), an unmapped one is refused, a tampered `state` is refused, a
//! deactivated user is refused, and without configuration the routes are 404.

use crate::begge_motorer;
use crate::felles;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::felles::{get, naa, ruter, Testdatabase};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use klagesak::db::{brukere, oidc as lager};
use klagesak::domain::tilgang::{Identitetsnoekkel, Organisasjon, Rolle};
use klagesak::server::oidc::{med_oidc, Oidc, OidcKonfig};
use tower::ServiceExt;

/// Where the app believes it lives; requests to this origin go to the in-process router.
const APP: &str = "http://klagesak.test";
const KLIENT_ID: &str = "klagesak-test";
const HEMMELIGHET: &str = "en hemmelighet bare for testene";

/// The provider process; killed when dropped.
struct Leverandoer {
    barn: Child,
    issuer: String,
}

impl Drop for Leverandoer {
    fn drop(&mut self) {
        let _ = self.barn.kill();
        let _ = self.barn.wait();
    }
}

fn start_leverandoer() -> Leverandoer {
    let mappe = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc-provider");
    assert!(
        std::path::Path::new(&format!("{mappe}/node_modules/oidc-provider")).exists(),
        "oidc-provider er ikke installert: kjør `make oidc-testleverandor`"
    );
    let mut barn = Command::new("node")
        .arg("leverandor.js")
        .current_dir(mappe)
        .env("KLIENT_ID", KLIENT_ID)
        .env("HEMMELIGHET", HEMMELIGHET)
        .env("TILBAKE", format!("{APP}/oidc/tilbake"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start node");
    let mut linje = String::new();
    let mut ut = BufReader::new(barn.stdout.take().unwrap());
    ut.read_line(&mut linje).expect("read provider output");
    // Keep reading: the provider prints notices later, and a closed pipe would end it.
    std::thread::spawn(move || std::io::copy(&mut ut, &mut std::io::sink()));
    let issuer = linje.trim().strip_prefix("KLAR ").unwrap_or_else(|| panic!("the provider did not start: {linje:?}")).to_owned();
    Leverandoer { barn, issuer }
}

fn app_med_oidc(t: &Testdatabase, l: &Leverandoer) -> Router {
    let konfig = OidcKonfig {
        issuer: l.issuer.clone(),
        klient_id: KLIENT_ID.into(),
        hemmelighet: HEMMELIGHET.to_owned().into(),
        offentlig_url: APP.into(),
    };
    med_oidc(ruter(&t.db), Some(Oidc::ny(konfig).unwrap()))
}

/// One response as the browser saw it.
struct Side {
    url: String,
    status: StatusCode,
    tekst: String,
}

/// A browser without JavaScript: a cookie jar per origin, redirects followed, forms posted.
struct Nettleser {
    app: Router,
    http: reqwest::Client,
    kaker: HashMap<String, HashMap<String, String>>,
    /// Changes the `state` on the way back to us, as an attacker would.
    manipuler_tilstand: bool,
}

fn opphav(url: &str) -> String {
    let (skjema, resten) = url.split_once("://").unwrap();
    format!("{skjema}://{}", resten.split('/').next().unwrap())
}

impl Nettleser {
    fn ny(app: Router) -> Nettleser {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Nettleser { app, http, kaker: HashMap::new(), manipuler_tilstand: false }
    }

    fn kake(&self, navn: &str) -> Option<&String> {
        self.kaker.get(APP).and_then(|k| k.get(navn))
    }

    fn cookie_hode(&self, url: &str) -> String {
        self.kaker.get(&opphav(url)).map(|k| k.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ")).unwrap_or_default()
    }

    fn lagre_kaker<'a>(&mut self, url: &str, hoder: impl Iterator<Item = &'a str>) {
        let jar = self.kaker.entry(opphav(url)).or_default();
        for hode in hoder {
            let mut deler = hode.split(';');
            let Some((navn, verdi)) = deler.next().and_then(|d| d.trim().split_once('=')) else { continue };
            let slett = deler.any(|d| d.trim().eq_ignore_ascii_case("max-age=0")) || verdi.is_empty();
            if slett {
                jar.remove(navn);
            } else {
                jar.insert(navn.to_owned(), verdi.to_owned());
            }
        }
    }

    /// One request, no redirects followed: (status, location, body).
    async fn send(&mut self, url: &str, skjema: Option<String>) -> (StatusCode, Option<String>, String) {
        let cookie = self.cookie_hode(url);
        if let Some(sti) = url.strip_prefix(APP) {
            let mut req = Request::builder().uri(if sti.is_empty() { "/" } else { sti }).header(header::ACCEPT, "text/html");
            if !cookie.is_empty() {
                req = req.header(header::COOKIE, cookie);
            }
            let req = match skjema {
                Some(b) => req.method("POST").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(b)),
                None => req.body(Body::empty()),
            };
            let svar = self.app.clone().oneshot(req.unwrap()).await.unwrap();
            let status = svar.status();
            let location = svar.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned());
            let kaker: Vec<String> = svar.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
            self.lagre_kaker(url, kaker.iter().map(String::as_str));
            let tekst = String::from_utf8_lossy(&svar.into_body().collect().await.unwrap().to_bytes()).into_owned();
            (status, location, tekst)
        } else {
            let mut req = match &skjema {
                Some(b) => self.http.post(url).header("content-type", "application/x-www-form-urlencoded").body(b.clone()),
                None => self.http.get(url),
            };
            if !cookie.is_empty() {
                req = req.header("cookie", cookie);
            }
            let svar = req.send().await.expect("the provider answers");
            let status = StatusCode::from_u16(svar.status().as_u16()).unwrap();
            let location = svar.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
            let kaker: Vec<String> = svar.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
            self.lagre_kaker(url, kaker.iter().map(String::as_str));
            (status, location, svar.text().await.unwrap())
        }
    }

    /// Goes to `url` and on until a page that is not a redirect or a provider form: logs in
    /// at the provider as `login` and gives consent on the way.
    async fn gaa(&mut self, url: &str, login: &str) -> Side {
        let mut url = url.to_owned();
        let mut skjema: Option<String> = None;
        for _ in 0..30 {
            if self.manipuler_tilstand && url.starts_with(&format!("{APP}/oidc/tilbake")) {
                url = url.replacen("state=", "state=x", 1);
            }
            let (status, location, tekst) = self.send(&url, skjema.take()).await;
            if let Some(maal) = location.filter(|_| status.is_redirection()) {
                url = if maal.starts_with("http") { maal } else { format!("{}{maal}", opphav(&url)) };
                continue;
            }
            if !url.starts_with(APP) && status == StatusCode::OK && tekst.contains("<form") {
                let (handling, felter) = les_skjema(&tekst, login);
                skjema = Some(form_urlencoded::Serializer::new(String::new()).extend_pairs(felter).finish());
                url = if handling.starts_with("http") { handling } else { format!("{}{handling}", opphav(&url)) };
                continue;
            }
            return Side { url, status, tekst };
        }
        panic!("too many steps");
    }
}

/// The provider's form: its action and the fields to post (hidden ones, and the login).
fn les_skjema(html: &str, login: &str) -> (String, Vec<(String, String)>) {
    let attributt = |tag: &str, navn: &str| -> Option<String> {
        let start = tag.find(&format!("{navn}=\""))? + navn.len() + 2;
        Some(tag[start..].split('"').next()?.replace("&amp;", "&"))
    };
    let skjema = &html[html.find("<form").unwrap()..];
    let handling = attributt(&skjema[..skjema.find('>').unwrap()], "action").expect("form action");
    let mut felter = Vec::new();
    for del in skjema.split("<input").skip(1) {
        let tag = &del[..del.find('>').unwrap()];
        match (attributt(tag, "name").as_deref(), attributt(tag, "value")) {
            (Some("login"), _) => felter.push(("login".into(), login.into())),
            (Some("password"), _) => felter.push(("password".into(), "hva som helst".into())),
            (Some(navn), Some(verdi)) => felter.push((navn.into(), verdi)),
            _ => {}
        }
    }
    (handling, felter)
}

async fn kobling(t: &Testdatabase, l: &Leverandoer, noekkel: Identitetsnoekkel, org: &str, roller: &[Rolle]) {
    lager::ny_kobling(&t.db, &felles::administrator(&t.db).await, &l.issuer, &noekkel, org, roller, naa()).await.unwrap();
}

/// The session cookie the browser holds, as a Cookie header for the router.
fn oekt(n: &Nettleser) -> Option<String> {
    n.kake("__Host-klagesak").map(|v| format!("__Host-klagesak={v}"))
}

async fn siste_revisjon(t: &Testdatabase) -> (String, String) {
    let rad: (String, String) =
        sqlx::query_as("SELECT handling, detalj FROM revisjon ORDER BY id DESC LIMIT 1").fetch_one(&t.db.pool).await.unwrap();
    rad
}

async fn koblet_bruker_faar_oekt_med_koblet_organisasjon_og_roller(t: &Testdatabase) {
    let l = start_leverandoer();
    kobling(t, &l, Identitetsnoekkel::Subjekt("kari".into()), "1506", &[Rolle::Kommune]).await;
    let mut n = Nettleser::ny(app_med_oidc(t, &l));
    let side = n.gaa(&format!("{APP}/oidc/logg-inn?tilbake=%2Fsaker"), "kari").await;
    assert_eq!(side.status, StatusCode::OK, "{}: {}", side.url, side.tekst);
    assert_eq!(side.url, format!("{APP}/saker"));
    let cookie = oekt(&n).expect("a session cookie");
    assert!(n.kake("__Host-klagesak-oidc").is_none(), "the pending-login cookie is cleared");
    // The session is the mapped user's: the municipality's role and scope.
    let token = brukere::Okttoken::fra_cookie(cookie.trim_start_matches("__Host-klagesak="));
    let bruker = brukere::okt(&t.db, &token, naa(), &Default::default()).await.unwrap().expect("a live session");
    assert_eq!(bruker.organisasjon, Organisasjon::fra_kode("1506").unwrap());
    assert_eq!(bruker.roller, vec![Rolle::Kommune]);
    assert_eq!(bruker.epost, "kari@oidc.test");
    let (handling, detalj) = siste_revisjon(t).await;
    assert!(handling == "innlogging" || handling == "les_saksliste", "{handling}");
    let innlogging: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisjon WHERE handling = 'innlogging' AND bruker_id = $1")
        .bind(bruker.id)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(innlogging, 1, "{detalj}");
    // The user has no password: the password form never lets anyone in as them.
    let svar = felles::post_skjema(&ruter(&t.db), "/logg-inn", &[("epost", "kari@oidc.test"), ("passord", "")]).await;
    assert_eq!(svar.status, StatusCode::UNAUTHORIZED);

    // A mapping by verified e-mail, at an office with two roles; a second login of the same
    // identity finds the same user.
    kobling(t, &l, Identitetsnoekkel::Epost("Per@OIDC.test".into()), "more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder]).await;
    for _ in 0..2 {
        let mut n = Nettleser::ny(app_med_oidc(t, &l));
        let side = n.gaa(&format!("{APP}/oidc/logg-inn"), "per").await;
        assert_eq!(side.url, format!("{APP}/saker"), "{}", side.tekst);
        let token = brukere::Okttoken::fra_cookie(n.kake("__Host-klagesak").unwrap());
        let bruker = brukere::okt(&t.db, &token, naa(), &Default::default()).await.unwrap().unwrap();
        assert_eq!(bruker.organisasjon, Organisasjon::fra_kode("more-og-romsdal").unwrap());
        assert_eq!(bruker.roller, vec![Rolle::Saksbehandler, Rolle::Leder]);
    }
    let antall: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bruker WHERE epost = 'per@oidc.test'").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(antall, 1);
}

async fn ukjent_identitet_avvises(t: &Testdatabase) {
    let l = start_leverandoer();
    kobling(t, &l, Identitetsnoekkel::Subjekt("kari".into()), "1506", &[Rolle::Kommune]).await;
    let mut n = Nettleser::ny(app_med_oidc(t, &l));
    let side = n.gaa(&format!("{APP}/oidc/logg-inn"), "ola").await;
    assert_eq!(side.status, StatusCode::FORBIDDEN);
    assert!(side.url.starts_with(&format!("{APP}/oidc/tilbake")));
    assert!(side.tekst.contains("har ikke tilgang til Klagesak"), "{}", side.tekst);
    assert!(oekt(&n).is_none());
    let (handling, detalj) = siste_revisjon(t).await;
    assert_eq!(handling, "innlogging_avvist");
    assert!(detalj.contains("ikke koblet") && detalj.contains("subjekt ola"), "{detalj}");
    // The only user is the administrator who made the mapping.
    let brukere: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bruker WHERE organisasjon <> 'admin'").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(brukere, 0, "no user is created for an unmapped identity");
}

async fn manipulert_state_avvises(t: &Testdatabase) {
    let l = start_leverandoer();
    kobling(t, &l, Identitetsnoekkel::Subjekt("kari".into()), "1506", &[Rolle::Kommune]).await;
    let mut n = Nettleser::ny(app_med_oidc(t, &l));
    n.manipuler_tilstand = true;
    let side = n.gaa(&format!("{APP}/oidc/logg-inn"), "kari").await;
    assert_eq!(side.status, StatusCode::FORBIDDEN, "{}", side.tekst);
    assert!(side.tekst.contains("Innloggingen kunne ikke fullføres"));
    assert!(oekt(&n).is_none());
    let (handling, detalj) = siste_revisjon(t).await;
    assert_eq!(handling, "innlogging_avvist");
    assert!(detalj.contains("state stemmer ikke"), "{detalj}");
    // The login under way was used up: the right state afterwards finds nothing either.
    let ventende: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM oidc_innlogging").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(ventende, 0);
    // And a callback without the browser's pending-login cookie is refused too.
    let mut fremmed = Nettleser::ny(app_med_oidc(t, &l));
    let side = fremmed.gaa(&format!("{APP}/oidc/tilbake?code=abc&state=def"), "kari").await;
    assert_eq!(side.status, StatusCode::FORBIDDEN);
    assert!(siste_revisjon(t).await.1.contains("ingen ventende"));
}

async fn deaktivert_bruker_avvises(t: &Testdatabase) {
    let l = start_leverandoer();
    kobling(t, &l, Identitetsnoekkel::Subjekt("kari".into()), "1506", &[Rolle::Kommune]).await;
    let mut n = Nettleser::ny(app_med_oidc(t, &l));
    n.gaa(&format!("{APP}/oidc/logg-inn"), "kari").await;
    assert!(oekt(&n).is_some());
    let id: klagesak::domain::id::BrukerId =
        sqlx::query_scalar("SELECT id FROM bruker WHERE epost = 'kari@oidc.test'").fetch_one(&t.db.pool).await.unwrap();
    brukere::deaktiver(&t.db, id).await.unwrap();
    let mut n = Nettleser::ny(app_med_oidc(t, &l));
    let side = n.gaa(&format!("{APP}/oidc/logg-inn"), "kari").await;
    assert_eq!(side.status, StatusCode::FORBIDDEN);
    assert!(side.tekst.contains("Brukeren din er deaktivert"), "{}", side.tekst);
    assert!(oekt(&n).is_none());
    let (handling, detalj) = siste_revisjon(t).await;
    assert_eq!(handling, "innlogging_avvist");
    assert!(detalj.contains("deaktivert"), "{detalj}");
}

async fn uten_konfigurasjon_finnes_ikke_rutene(t: &Testdatabase) {
    let app = ruter(&t.db);
    assert_eq!(get(&app, "/oidc/logg-inn").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/oidc/tilbake?code=a&state=b").await.status, StatusCode::NOT_FOUND);
    let side = get(&app, "/logg-inn").await;
    assert_eq!(side.status, StatusCode::OK);
    assert!(!side.tekst.contains("oidc-logg-inn"), "no OIDC button without configuration");
    // With it, the button is there and keeps where the user was going.
    let l = start_leverandoer();
    let side = get(&app_med_oidc(t, &l), "/logg-inn?tilbake=%2Fsaker%2F4").await;
    assert!(side.tekst.contains("id=\"oidc-logg-inn\""));
    assert!(side.tekst.contains("/oidc/logg-inn?tilbake=/saker/4"), "{}", side.tekst);
}

async fn kobling_lages_fra_kommandolinjen(t: &Testdatabase) {
    let kjoer = |args: &[&str]| felles::klagesak_kommando(&t.url).args(args).output().expect("run klagesak");
    let ut = kjoer(&[
        "oidc",
        "kobling",
        "ny",
        "--issuer",
        "https://login.example.no",
        "--subjekt",
        "abc-123",
        "--organisasjon",
        "1506",
        "--rolle",
        "kommune",
    ]);
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    let ut = kjoer(&[
        "oidc",
        "kobling",
        "ny",
        "--issuer",
        "https://login.example.no",
        "--epost",
        "Leder@Example.no",
        "--organisasjon",
        "agder",
        "--rolle",
        "saksbehandler",
        "--rolle",
        "leder",
    ]);
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    let koblinger = lager::koblinger(&t.db).await.unwrap();
    assert_eq!(koblinger.len(), 2);
    assert!(koblinger.iter().any(|k| k.noekkel == Identitetsnoekkel::Subjekt("abc-123".into()) && k.roller == vec![Rolle::Kommune]));
    assert!(koblinger.iter().any(|k| k.noekkel == Identitetsnoekkel::Epost("leder@example.no".into())
        && k.organisasjon == Organisasjon::fra_kode("agder").unwrap()
        && k.roller == vec![Rolle::Saksbehandler, Rolle::Leder]));
    let (handling, detalj) = siste_revisjon(t).await;
    assert_eq!(handling, "oidc_kobling_ny");
    assert!(detalj.contains("kommandolinjen"), "{detalj}");
    // A role that does not fit, both keys, and a plain-http issuer are refused.
    let ut = kjoer(&[
        "oidc",
        "kobling",
        "ny",
        "--issuer",
        "https://login.example.no",
        "--subjekt",
        "x",
        "--organisasjon",
        "1506",
        "--rolle",
        "leder",
    ]);
    assert!(!ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stderr).contains("rollen leder passer ikke"));
    let ut = kjoer(&[
        "oidc",
        "kobling",
        "ny",
        "--issuer",
        "https://i",
        "--subjekt",
        "x",
        "--epost",
        "a@b.no",
        "--organisasjon",
        "1506",
        "--rolle",
        "kommune",
    ]);
    assert_eq!(ut.status.code(), Some(2));
    let ut = kjoer(&[
        "oidc",
        "kobling",
        "ny",
        "--issuer",
        "http://login.example.no",
        "--subjekt",
        "y",
        "--organisasjon",
        "1506",
        "--rolle",
        "kommune",
    ]);
    assert!(!ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stderr).contains("https"));
    // The same identity twice is refused.
    let ut = kjoer(&[
        "oidc",
        "kobling",
        "ny",
        "--issuer",
        "https://login.example.no",
        "--subjekt",
        "abc-123",
        "--organisasjon",
        "1505",
        "--rolle",
        "kommune",
    ]);
    assert!(!ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stderr).contains("finnes allerede"));
}

/// Removing a mapping takes the access it gave away at once: the sessions of the users who came
/// in through it end (by subject and by e-mail), others' do not, and the audit row says so.
async fn fjernet_kobling_avslutter_oektene(t: &Testdatabase) {
    let l = start_leverandoer();
    kobling(t, &l, Identitetsnoekkel::Subjekt("kari".into()), "1506", &[Rolle::Kommune]).await;
    kobling(t, &l, Identitetsnoekkel::Epost("per@oidc.test".into()), "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let mut oekter = Vec::new();
    for hvem in ["kari", "per"] {
        let mut n = Nettleser::ny(app_med_oidc(t, &l));
        n.gaa(&format!("{APP}/oidc/logg-inn"), hvem).await;
        oekter.push(n.kake("__Host-klagesak").expect("a session").to_owned());
    }
    let lever = |i: usize| {
        let token = brukere::Okttoken::fra_cookie(&oekter[i]);
        async move { brukere::okt(&t.db, &token, naa(), &Default::default()).await.unwrap().is_some() }
    };
    assert!(lever(0).await && lever(1).await);
    let koblinger = lager::koblinger(&t.db).await.unwrap();
    let id = |org: &str| koblinger.iter().find(|k| k.organisasjon.kode() == org).unwrap().id;
    assert!(lager::slett_kobling(&t.db, &felles::administrator(&t.db).await, id("1506"), naa()).await.unwrap());
    assert!(!lever(0).await, "kari's session ended with her mapping");
    assert!(lever(1).await, "per's mapping is still there");
    let (handling, detalj) = siste_revisjon(t).await;
    assert_eq!((handling.as_str(), detalj.contains("1 økter avsluttet")), ("oidc_kobling_slettet", true), "{detalj}");
    assert!(lager::slett_kobling(&t.db, &felles::administrator(&t.db).await, id("more-og-romsdal"), naa()).await.unwrap());
    assert!(!lever(1).await, "per's session ended with the e-mail mapping");
}

begge_motorer!(
    fjernet_kobling_avslutter_oektene,
    koblet_bruker_faar_oekt_med_koblet_organisasjon_og_roller,
    ukjent_identitet_avvises,
    manipulert_state_avvises,
    deaktivert_bruker_avvises,
    uten_konfigurasjon_finnes_ikke_rutene,
    kobling_lages_fra_kommandolinjen,
);
