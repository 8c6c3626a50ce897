//! Who may do what, as a table: every case route and server function, tried by every role of
//! every organisation kind (and an anonymous visitor) against a case of their own organisation
//! and of a foreign one. Only the allowed combinations may succeed. Runs on both engines.

use crate::begge_motorer;
use crate::felles::{klient, ruter, Klient, Testdatabase};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use klagesak::domain::tilgang::Rolle;
use tower::ServiceExt;

/// A logged-in actor's organisation and roles.
type Innlogging = (&'static str, &'static [Rolle]);

/// The actors: (name, organisation, roles); `None` is the anonymous visitor.
const AKTOERER: &[(&str, Option<Innlogging>)] = &[
    ("anonym", None),
    ("saksbehandler i embetet", Some(("more-og-romsdal", &[Rolle::Saksbehandler]))),
    ("leder i embetet", Some(("more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder]))),
    ("saksbehandler i annet embete", Some(("nordland", &[Rolle::Saksbehandler]))),
    ("leder i annet embete", Some(("nordland", &[Rolle::Saksbehandler, Rolle::Leder]))),
    ("kommunen klagen gjelder", Some(("1506", &[Rolle::Kommune]))),
    ("annen kommune i embetet", Some(("1505", &[Rolle::Kommune]))),
    ("kommune i annet embete", Some(("1804", &[Rolle::Kommune]))),
    ("direktoratet", Some(("direktoratet", &[Rolle::Direktorat]))),
    ("administrator", Some(("admin", &[Rolle::Admin]))),
];

/// What an attempt may end in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Utfall {
    Lykkes,
    /// Refused: not logged in, not found, or forbidden. The case's data did not leak.
    Nektet,
}

async fn send(app: &axum::Router, cookie: Option<&str>, metode: &str, sti: &str, kropp: Option<String>) -> (StatusCode, String) {
    // Server functions are called by the browser's script, which asks for JSON.
    let godtar = if sti.starts_with("/api/") { "application/json" } else { "text/html" };
    let mut req = Request::builder().method(metode).uri(sti).header(header::ACCEPT, godtar);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if kropp.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let svar = app.clone().oneshot(req.body(Body::from(kropp.unwrap_or_default())).unwrap()).await.unwrap();
    let status = svar.status();
    let tekst = String::from_utf8_lossy(&svar.into_body().collect().await.unwrap().to_bytes()).into_owned();
    (status, tekst)
}

/// A new case against Molde (Møre og Romsdal), registered at the municipality.
async fn ny_sak(kommune: &Klient) -> klagesak::domain::id::KlageId {
    crate::felles::registrer_sak(kommune, "Hemmelig helseopplysning: planarbeidet drar ut.").await
}

async fn hver_rolle_mot_egen_og_fremmed_sak(t: &Testdatabase) {
    let app = ruter(&t.db);
    let eier = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    // Who proposes (and, for the new-decision row, approves) decisions in the set-up.
    let forslagsstiller = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let godkjenner = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await;
    let mut cookies = Vec::new();
    for (_, org) in AKTOERER {
        cookies.push(match org {
            Some((org, roller)) => Some(klient(&app, &t.db, org, roller).await.cookie),
            None => None,
        });
    }
    let egne_sf = ["saksbehandler i embetet", "leder i embetet"];
    let mut kombinasjoner = 0;
    let mut lykkes = 0;
    for ((navn, _), cookie) in AKTOERER.iter().zip(&cookies) {
        let cookie = cookie.as_deref();
        let er_sf = egne_sf.contains(navn);
        let er_kommunen = *navn == "kommunen klagen gjelder";
        let kan_lese = er_sf || er_kommunen;
        let id = ny_sak(&eier).await;

        // (operation, expected, outcome)
        let mut rader: Vec<(&str, Utfall, Utfall)> = Vec::new();
        let forvent = |ja: bool| if ja { Utfall::Lykkes } else { Utfall::Nektet };

        // Reading counts as success whenever the case's content is in the answer, whatever the status.
        let (_, tekst) = send(&app, cookie, "GET", &format!("/saker/{id}"), None).await;
        let lekker = tekst.contains("Hemmelig helseopplysning");
        rader.push(("GET /saker/{id}", forvent(kan_lese), if lekker { Utfall::Lykkes } else { Utfall::Nektet }));

        let (_, tekst) = send(&app, cookie, "POST", "/api/hent_sak", Some(format!("id={id}"))).await;
        let fikk = tekst.contains("Hemmelig helseopplysning");
        rader.push(("server fn hent_sak", forvent(kan_lese), if fikk { Utfall::Lykkes } else { Utfall::Nektet }));

        let (s, tekst) = send(&app, cookie, "GET", "/saker", None).await;
        let i_listen = s == StatusCode::OK && tekst.contains(&format!("href=\"/saker/{id}\""));
        rader.push(("GET /saker (listen)", forvent(kan_lese), if i_listen { Utfall::Lykkes } else { Utfall::Nektet }));

        let (s, tekst) = send(&app, cookie, "POST", "/api/hent_saker", Some("filter[side]=1".to_owned())).await;
        let i_listen = s == StatusCode::OK && tekst.contains(&format!("\"id\":{id},"));
        rader.push(("server fn hent_saker", forvent(kan_lese), if i_listen { Utfall::Lykkes } else { Utfall::Nektet }));

        // A municipality-side step (forwarding with a statement): only the municipality.
        let kropp = "handling=oversend&dato=2026-09-10&notat=Uttalelse".to_owned();
        let (s, _) = send(&app, cookie, "POST", &format!("/saker/{id}/steg"), Some(kropp)).await;
        rader.push((
            "POST /saker/{id}/steg (kommunens steg)",
            forvent(er_kommunen),
            if s == StatusCode::SEE_OTHER { Utfall::Lykkes } else { Utfall::Nektet },
        ));

        // A governor-side step on a case now at the governor: only the office.
        let id2 = ny_sak(&eier).await;
        eier.post(&format!("/saker/{id2}/steg"), &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", "Uttalelse")])
            .await
            .omdirigert_til();
        let kropp = "handling=be_om_opplysninger&dato=2026-09-11&notat=Send+planen".to_owned();
        let (s, _) = send(&app, cookie, "POST", &format!("/saker/{id2}/steg"), Some(kropp)).await;
        rader.push((
            "POST /saker/{id}/steg (Statsforvalterens steg)",
            forvent(er_sf),
            if s == StatusCode::SEE_OTHER { Utfall::Lykkes } else { Utfall::Nektet },
        ));

        let kropp = "statsforvalter=agder&dato=2026-09-12&notat=Inhabilitet".to_owned();
        let (s, _) = send(&app, cookie, "POST", &format!("/saker/{id2}/overfoer"), Some(kropp)).await;
        rader.push(("POST /saker/{id}/overfoer", forvent(er_sf), if s == StatusCode::SEE_OTHER { Utfall::Lykkes } else { Utfall::Nektet }));

        // Approving a decision someone else proposed: only a leder of the office.
        let id3 = ny_sak(&eier).await;
        let steg3 = format!("/saker/{id3}/steg");
        eier.post(&steg3, &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", "Uttalelse")]).await.omdirigert_til();
        forslagsstiller
            .post(&steg3, &[("handling", "foreslaa_vedtak:endret"), ("dato", "2026-09-20"), ("notat", "Begrunnelse")])
            .await
            .omdirigert_til();
        let kropp = "handling=godkjenn&dato=2026-09-21&notat=".to_owned();
        let (s, _) = send(&app, cookie, "POST", &steg3, Some(kropp)).await;
        rader.push((
            "POST /saker/{id}/steg (godkjenn vedtak)",
            forvent(*navn == "leder i embetet"),
            if s == StatusCode::SEE_OTHER { Utfall::Lykkes } else { Utfall::Nektet },
        ));

        // The municipality's new decision after "opphevet": only the municipality.
        let id4 = ny_sak(&eier).await;
        let steg4 = format!("/saker/{id4}/steg");
        eier.post(&steg4, &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", "Uttalelse")]).await.omdirigert_til();
        forslagsstiller
            .post(&steg4, &[("handling", "foreslaa_vedtak:opphevet"), ("dato", "2026-09-20"), ("notat", "Begrunnelse")])
            .await
            .omdirigert_til();
        godkjenner.post(&steg4, &[("handling", "godkjenn"), ("dato", "2026-09-21"), ("notat", "")]).await.omdirigert_til();
        let kropp = "dato=2026-10-01&notat=Nytt+vedtak".to_owned();
        let (s, _) = send(&app, cookie, "POST", &format!("/saker/{id4}/nytt-vedtak"), Some(kropp)).await;
        rader.push((
            "POST /saker/{id}/nytt-vedtak",
            forvent(er_kommunen),
            if s == StatusCode::SEE_OTHER { Utfall::Lykkes } else { Utfall::Nektet },
        ));

        // Registering a complaint against Molde received at the municipality.
        let kropp = "kommune=1506&mottaker=kommunen&mottatt_dato=2026-09-01&klager=verge&aldersgruppe=voksen&rettighet=ip&kategori=ikke_ip&sammendrag=Ny".to_owned();
        let (s, _) = send(&app, cookie, "POST", "/saker/ny", Some(kropp)).await;
        rader.push((
            "POST /saker/ny",
            forvent(er_sf || er_kommunen),
            if s == StatusCode::SEE_OTHER { Utfall::Lykkes } else { Utfall::Nektet },
        ));

        for (operasjon, forventet, faktisk) in rader {
            kombinasjoner += 1;
            if faktisk == Utfall::Lykkes {
                lykkes += 1;
            }
            assert_eq!(faktisk, forventet, "{navn}: {operasjon}");
        }
    }
    println!(
        "tilgang: {kombinasjoner} kombinasjoner prøvd ({} aktører × 10 operasjoner), {lykkes} tillatt, {} nektet",
        AKTOERER.len(),
        kombinasjoner - lykkes
    );
    assert_eq!(kombinasjoner, AKTOERER.len() * 10);
}

/// The table row of a case in the case list's HTML (the status filter's choices list every
/// status, so the page as a whole names them all).
fn rad(html: &str, id: klagesak::domain::id::KlageId) -> String {
    let lenke = format!("href=\"/saker/{id}\"");
    let i = html.find(&lenke).unwrap_or_else(|| panic!("case {id} is not in the list"));
    let start = html[..i].rfind("<tr").unwrap_or(i);
    let slutt = html[i..].find("</tr>").map_or(html.len(), |j| i + j);
    html[start..slutt].to_owned()
}

/// The office's internal work never reaches the municipality: while a proposal waits for
/// approval, and after the decision is sent, no answer to the municipality's user carries the
/// internal note, the approver's note, the proposed outcome or the proposer's name, on any
/// page or server function, also not through the case list's status filter.
async fn kommunen_ser_aldri_embetets_interne_arbeid(t: &Testdatabase) {
    const MARKOER: &str = "INTERN-VURDERING-7f3a";
    const GODKJENT: &str = "INTERN-GODKJENNING-91c2";
    let app = ruter(&t.db);
    let kommune = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let saksbehandler = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let leder = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await;
    let id = ny_sak(&kommune).await;
    let steg = format!("/saker/{id}/steg");
    kommune.post(&steg, &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", "Kommunens uttalelse")]).await.omdirigert_til();
    saksbehandler.post(&steg, &[("handling", "foreslaa_vedtak:endret"), ("dato", "2026-09-20"), ("notat", MARKOER)]).await.omdirigert_til();
    let navn = "Test Testesen";
    let mut svar_lest = 0;
    let sjekk = |svar_lest: &mut usize, hva: &str, tekst: &str, forbudt: &[&str]| {
        for f in forbudt {
            assert!(!tekst.contains(f), "{hva} gives the municipality «{f}»");
        }
        *svar_lest += 1;
    };
    // While the proposal waits for approval.
    let mens: Vec<(String, String)> = vec![
        ("GET /saker/{id}".into(), send(&app, Some(&kommune.cookie), "GET", &format!("/saker/{id}"), None).await.1),
        ("hent_sak".into(), send(&app, Some(&kommune.cookie), "POST", "/api/hent_sak", Some(format!("id={id}"))).await.1),
        ("the case's row in GET /saker".into(), rad(&send(&app, Some(&kommune.cookie), "GET", "/saker", None).await.1, id)),
        ("hent_saker".into(), send(&app, Some(&kommune.cookie), "POST", "/api/hent_saker", Some("filter[side]=1".to_owned())).await.1),
    ];
    for (hva, tekst) in &mens {
        sjekk(
            &mut svar_lest,
            hva,
            tekst,
            &[MARKOER, "til_godkjenning", "venter på godkjenning", "Foreslått av", "foreslaa_vedtak", "\"endret\"", "Endret (helt"],
        );
    }
    assert!(mens[0].1.contains("Hemmelig helseopplysning"), "the municipality still reads its case");
    // Filtering by status shows the case where the municipality sees it, and not as awaiting approval.
    let (_, tekst) = send(&app, Some(&kommune.cookie), "GET", "/saker?status=til_godkjenning", None).await;
    assert!(!tekst.contains(&format!("href=\"/saker/{id}\"")), "the status filter gives the proposal away");
    let (_, tekst) = send(&app, Some(&kommune.cookie), "GET", "/saker?status=under_vurdering", None).await;
    assert!(tekst.contains(&format!("href=\"/saker/{id}\"")), "under assessment, as the municipality sees it");
    svar_lest += 2;
    // The office itself sees its work.
    let (_, tekst) = send(&app, Some(&saksbehandler.cookie), "GET", &format!("/saker/{id}"), None).await;
    assert!(tekst.contains(MARKOER) && tekst.contains(navn));
    // After the decision is sent: the decision, not the notes around it.
    leder.post(&steg, &[("handling", "godkjenn"), ("dato", "2026-09-21"), ("notat", GODKJENT)]).await.omdirigert_til();
    let (_, side) = send(&app, Some(&kommune.cookie), "GET", &format!("/saker/{id}"), None).await;
    let (_, fn_svar) = send(&app, Some(&kommune.cookie), "POST", "/api/hent_sak", Some(format!("id={id}"))).await;
    for (hva, tekst) in [("GET /saker/{id} after the decision", &side), ("hent_sak after the decision", &fn_svar)] {
        sjekk(&mut svar_lest, hva, tekst, &[MARKOER, GODKJENT, "Foreslått av", "foreslaa_vedtak"]);
    }
    assert!(side.contains("Endret"), "the decision once sent is shown");
    println!("innsyn: {svar_lest} svar til kommunen lest, ingen med embetets interne arbeid");
}

/// A leder sees who has access to the office's cases, with roles and since when, deactivated
/// users marked; nobody else sees the list, and reading it is logged.
async fn leder_ser_hvem_som_har_tilgang(t: &Testdatabase) {
    let app = ruter(&t.db);
    let leder = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder]).await;
    let kollega = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let annet_embete = klient(&app, &t.db, "nordland", &[Rolle::Saksbehandler]).await;
    let kommune = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let id: klagesak::domain::id::BrukerId =
        sqlx::query_scalar("SELECT id FROM bruker WHERE epost = $1").bind(&kollega.epost).fetch_one(&t.db.pool).await.unwrap();
    klagesak::db::brukere::deaktiver(&t.db, id).await.unwrap();
    let side = leder.get("/saker").await.tekst;
    let start = side.find(r#"data-testid="tilgang""#).expect("the leder sees the access list");
    let liste = &side[start..];
    assert!(liste.contains(&leder.epost) && liste.contains(&kollega.epost), "both of the office's users");
    assert!(liste.contains("saksbehandler, leder") && liste.contains("23.11.2026") && liste.contains("Deaktivert"));
    assert!(!liste.contains(&annet_embete.epost) && !liste.contains(&kommune.epost), "only the office's own");
    let (_, json) = send(&app, Some(&leder.cookie), "POST", "/api/hent_tilgang", Some(String::new())).await;
    assert!(json.contains(&kollega.epost) && json.contains("\"aktiv\":false"), "{json}");
    for (hvem, cookie) in [("case officer", &annet_embete.cookie), ("municipality", &kommune.cookie)] {
        let (_, tekst) = send(&app, Some(cookie), "GET", "/saker", None).await;
        assert!(!tekst.contains(r#"data-testid="tilgang""#), "{hvem} sees the access list");
        let (_, json) = send(&app, Some(cookie), "POST", "/api/hent_tilgang", Some(String::new())).await;
        assert!(!json.contains("@"), "{hvem}: {json}");
    }
    let lest: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisjon WHERE handling = 'les_tilgang'").fetch_one(&t.db.pool).await.unwrap();
    assert!(lest >= 2);
}

begge_motorer!(hver_rolle_mot_egen_og_fremmed_sak, kommunen_ser_aldri_embetets_interne_arbeid, leder_ser_hvem_som_har_tilgang);
