//! The case file's documents through the real router: upload and download of every type,
//! every refusal (and nothing stored after one), scope and audit rows, "registrert feil",
//! numbers never reused under concurrent uploads, the content-visibility matrix (no internal
//! marker in anything the municipality receives), and the S3 path against a real
//! S3-compatible server on loopback (moto).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use klagesak::db::dokumentlager::{Dokumentlager, Lageroppsett};
use klagesak::domain::id::KlageId;
use klagesak::domain::tilgang::Rolle;
use klagesak::server::statistikkgrense::Statistikkgrense;
use klagesak::server::Klokke;
use tower::ServiceExt;

use crate::begge_motorer;
use crate::felles::{klient, naa, registrer_sak, ruter_med_lager, Klient, Testdatabase};

/// A document's response: status, headers and the bytes.
struct Fil {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    innhold: Vec<u8>,
}

impl Fil {
    fn tekst(&self) -> String {
        String::from_utf8_lossy(&self.innhold).into_owned()
    }
}

async fn send(app: &Router, req: Request<Body>) -> Fil {
    let svar = app.clone().oneshot(req).await.expect("response");
    let (status, headers) = (svar.status(), svar.headers().clone());
    Fil { status, headers, innhold: svar.into_body().collect().await.expect("body").to_bytes().to_vec() }
}

const GRENSE: &str = "----klagesak-test-grense";

/// A multipart body as a browser posts the upload form.
fn multipart(felter: &[(&str, &str)], filnavn: &str, innhold: &[u8]) -> Vec<u8> {
    let mut kropp = Vec::new();
    for (navn, verdi) in felter {
        kropp.extend_from_slice(format!("--{GRENSE}\r\nContent-Disposition: form-data; name=\"{navn}\"\r\n\r\n{verdi}\r\n").as_bytes());
    }
    kropp.extend_from_slice(
        format!(
            "--{GRENSE}\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"{filnavn}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    kropp.extend_from_slice(innhold);
    kropp.extend_from_slice(format!("\r\n--{GRENSE}--\r\n").as_bytes());
    kropp
}

/// Uploads a file to the case as `k`.
async fn last_opp(k: &Klient, id: KlageId, felter: &[(&str, &str)], filnavn: &str, innhold: &[u8]) -> Fil {
    let req = Request::builder()
        .method("POST")
        .uri(format!("/saker/{id}/dokumenter"))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={GRENSE}"))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &k.cookie)
        .body(Body::from(multipart(felter, filnavn, innhold)))
        .unwrap();
    send(&k.app, req).await
}

async fn last_ned(k: &Klient, id: KlageId, nr: i64) -> Fil {
    let req = Request::builder().uri(format!("/saker/{id}/dokumenter/{nr}")).header(header::COOKIE, &k.cookie).body(Body::empty()).unwrap();
    send(&k.app, req).await
}

async fn hent_sak(k: &Klient, id: KlageId) -> Fil {
    let req = Request::builder()
        .method("POST")
        .uri("/api/hent_sak")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &k.cookie)
        .body(Body::from(format!("id={id}")))
        .unwrap();
    send(&k.app, req).await
}

/// The fields of an incoming document.
fn inngaaende(tittel: &str) -> Vec<(&'static str, String)> {
    vec![
        ("art", "I".to_owned()),
        ("tittel", tittel.to_owned()),
        ("avsender_mottaker", "Molde kommune".to_owned()),
        ("dato", "2026-11-20".to_owned()),
        ("synlighet", "delt_med_kommunen".to_owned()),
    ]
}

fn felt<'a>(f: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    f.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

/// A ZIP file with these stored entries (the shape of DOCX and ODT).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut ut = Vec::new();
    let mut sentral = Vec::new();
    for (navn, data) in entries {
        let offset = ut.len() as u32;
        let mut felles = Vec::new();
        felles.extend_from_slice(&[0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        felles.extend_from_slice(&(data.len() as u32).to_le_bytes());
        felles.extend_from_slice(&(data.len() as u32).to_le_bytes());
        felles.extend_from_slice(&(navn.len() as u16).to_le_bytes());
        ut.extend_from_slice(b"PK\x03\x04");
        ut.extend_from_slice(&felles);
        ut.extend_from_slice(&0u16.to_le_bytes());
        ut.extend_from_slice(navn.as_bytes());
        ut.extend_from_slice(data);
        sentral.extend_from_slice(b"PK\x01\x02\x14\x00");
        sentral.extend_from_slice(&felles);
        sentral.extend_from_slice(&[0; 12]);
        sentral.extend_from_slice(&offset.to_le_bytes());
        sentral.extend_from_slice(navn.as_bytes());
    }
    let start = ut.len() as u32;
    ut.extend_from_slice(&sentral);
    ut.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    ut.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    ut.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    ut.extend_from_slice(&(sentral.len() as u32).to_le_bytes());
    ut.extend_from_slice(&start.to_le_bytes());
    ut.extend_from_slice(&0u16.to_le_bytes());
    ut
}

fn pdf(tekst: &str) -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {tekst}\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

/// One small real file of each accepted type, with its name and media type.
fn filer() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82".to_vec();
    let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10][..], b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", &[0xFF, 0xD9]].concat();
    let docx = zip(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("word/document.xml", b"<w:document/>"),
    ]);
    let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document-content/>")]);
    vec![
        ("vedtak.pdf", pdf("kommunens vedtak"), "application/pdf"),
        ("skanning.png", png, "image/png"),
        ("foto.jpg", jpeg, "image/jpeg"),
        ("uttalelse.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("notat.odt", odt, "application/vnd.oasis.opendocument.text"),
    ]
}

struct Oppsett {
    app: Router,
    lager: Dokumentlager,
    embetet: Klient,
    kommunen: Klient,
    id: KlageId,
}

async fn oppsett_med(t: &Testdatabase, lager: Dokumentlager, maks: u64) -> Oppsett {
    let app = ruter_med_lager(&t.db, Klokke::Fast(naa()), Statistikkgrense::ubegrenset(), lager.clone(), maks);
    let embetet = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    let kommunen = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let id = registrer_sak(&kommunen, "Planarbeidet drar ut.").await;
    Oppsett { app, lager, embetet, kommunen, id }
}

async fn oppsett(t: &Testdatabase) -> Oppsett {
    oppsett_med(t, crate::felles::testlager(), klagesak::domain::dokument::STANDARD_MAKS_DOKUMENT).await
}

async fn antall(t: &Testdatabase, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&t.db.pool).await.unwrap()
}

async fn opplasting_og_nedlasting_per_type(t: &Testdatabase) {
    let o = oppsett(t).await;
    for (i, (navn, innhold, mime)) in filer().into_iter().enumerate() {
        let nr = i as i64 + 1;
        let svar = last_opp(&o.kommunen, o.id, &felt(&inngaaende(navn)), navn, &innhold).await;
        assert_eq!(svar.status, StatusCode::SEE_OTHER, "{navn}: {}", svar.tekst());
        for hvem in [&o.kommunen, &o.embetet] {
            let fil = last_ned(hvem, o.id, nr).await;
            assert_eq!(fil.status, StatusCode::OK, "{navn}");
            assert_eq!(fil.innhold, innhold, "{navn}: the same bytes back");
            assert_eq!(fil.headers[header::CONTENT_TYPE], mime);
            assert_eq!(fil.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(fil.headers[header::CACHE_CONTROL], "no-store");
            let disposisjon = fil.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
            assert!(disposisjon.starts_with("attachment; filename=\"") && disposisjon.contains(navn), "{disposisjon}");
        }
    }
    let side = o.kommunen.get(&format!("/saker/{}", o.id)).await;
    for (navn, _, _) in filer() {
        assert!(side.tekst.contains(navn), "{navn} in the list on the case page");
    }
    assert!(side.tekst.contains("-5"), "the document numbers");
    let registrert = antall(t, "SELECT COUNT(*) FROM revisjon WHERE handling = 'registrer_dokument'").await;
    let lest = antall(t, "SELECT COUNT(*) FROM revisjon WHERE handling = 'les_dokument'").await;
    assert_eq!((registrert, lest), (5, 10), "an audit row per upload and per download");
    let sha: String = sqlx::query_scalar("SELECT sha256 FROM dokument WHERE sekvens = 1").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(sha.len(), 64);
    assert_eq!(o.lager.antall().await.unwrap(), 5);
    // Far over the forms' 256 KB and axum's default 2 MB: the upload route has its own limit.
    let stor = pdf(&"x".repeat(3 * 1024 * 1024));
    assert_eq!(last_opp(&o.embetet, o.id, &felt(&inngaaende("Stort vedlegg")), "stort.pdf", &stor).await.status, StatusCode::SEE_OTHER);
    assert_eq!(last_ned(&o.embetet, o.id, 6).await.innhold.len(), stor.len());
}

/// When the journal row cannot be written, the file already in the store is deleted again.
async fn en_feilet_registrering_etterlater_ingen_fil(t: &Testdatabase) {
    let o = oppsett(t).await;
    // Break the journal (a test database of its own): every insert now fails.
    sqlx::query("DROP TABLE dokument").execute(&t.db.pool).await.unwrap();
    let svar = last_opp(&o.kommunen, o.id, &felt(&inngaaende("Vedtak")), "vedtak.pdf", &pdf("vedtak")).await;
    assert_eq!(svar.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", svar.tekst());
    assert_eq!(o.lager.antall().await.unwrap(), 0, "the file was deleted when the row did not commit");
}

async fn hver_avvisning_har_sin_feil_og_ingenting_lagres(t: &Testdatabase) {
    let o = oppsett_med(t, crate::felles::testlager(), 1024).await;
    let felter = inngaaende("Vedtak");
    let stor = pdf(&"x".repeat(2000));
    let elf = [b"\x7fELF\x02\x01\x01\x00".as_slice(), &[0u8; 64]].concat();
    let mz = [b"MZ\x90\x00\x03\x00\x00\x00".as_slice(), &[0u8; 64]].concat();
    let tilfeller: [(&str, &str, &[u8], StatusCode, &str); 9] = [
        ("tom", "tom.pdf", b"", StatusCode::UNPROCESSABLE_ENTITY, "Filen er tom."),
        ("for stor", "stor.pdf", &stor, StatusCode::PAYLOAD_TOO_LARGE, "Filen er for stor"),
        ("tekst", "brev.txt", b"Dette er bare tekst.", StatusCode::UNPROCESSABLE_ENTITY, "Filen er ikke PDF"),
        ("ELF omdøpt til .pdf", "vedtak.pdf", &elf, StatusCode::UNPROCESSABLE_ENTITY, "Filen er ikke PDF"),
        ("MZ omdøpt til .pdf", "vedtak.pdf", &mz, StatusCode::UNPROCESSABLE_ENTITY, "Filen er ikke PDF"),
        ("annen ZIP", "vedtak.docx", &zip(&[("a.txt", b"hei")]), StatusCode::UNPROCESSABLE_ENTITY, "Filen er ikke PDF"),
        ("sti med ..", "../../etc/vedtak.pdf", b"%PDF-1.4", StatusCode::UNPROCESSABLE_ENTITY, "Filnavnet kan ikke"),
        ("sti med /", "mappe/vedtak.pdf", b"%PDF-1.4", StatusCode::UNPROCESSABLE_ENTITY, "Filnavnet kan ikke"),
        ("sti med \\", "C:\\\\mappe\\\\vedtak.pdf", b"%PDF-1.4", StatusCode::UNPROCESSABLE_ENTITY, "Filnavnet kan ikke"),
    ];
    for (hva, navn, innhold, status, melding) in tilfeller {
        let svar = last_opp(&o.kommunen, o.id, &felt(&felter), navn, innhold).await;
        assert_eq!(svar.status, status, "{hva}: {}", svar.tekst());
        assert!(svar.tekst().contains(melding), "{hva}: the error next to the field, in bokmål");
        assert!(svar.tekst().contains("dokument-fil-feil"), "{hva}: linked from the field");
    }
    // The fields are checked too, and the page keeps what was typed.
    let mangler = [("art", "I"), ("tittel", " "), ("dato", "2026-11-20")];
    let svar = last_opp(&o.kommunen, o.id, &mangler, "vedtak.pdf", b"%PDF-1.4").await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(svar.tekst().contains("Skriv en tittel."), "{}", svar.tekst());
    // Nynorsk for a reader who chose it.
    let req = Request::builder()
        .method("POST")
        .uri(format!("/saker/{}/dokumenter", o.id))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={GRENSE}"))
        .header(header::COOKIE, format!("{}; sprak=nn", o.kommunen.cookie))
        .body(Body::from(multipart(&felt(&felter), "tom.pdf", b"")))
        .unwrap();
    assert!(send(&o.app, req).await.tekst().contains("Fila er tom."), "the error in nynorsk");
    assert_eq!(antall(t, "SELECT COUNT(*) FROM dokument").await, 0, "no row after a refusal");
    assert_eq!(antall(t, "SELECT COUNT(*) FROM dokumentteller").await, 0, "no number used up");
    assert_eq!(o.lager.antall().await.unwrap(), 0, "no file after a refusal");
    println!("dokumenter: {} avvisninger kontrollert, 0 lagret", tilfeller.len() + 2);
}

async fn andre_embeter_og_kommuner_faar_404(t: &Testdatabase) {
    let o = oppsett(t).await;
    let (navn, innhold, _) = filer().remove(0);
    assert_eq!(last_opp(&o.kommunen, o.id, &felt(&inngaaende("Vedtak")), navn, &innhold).await.status, StatusCode::SEE_OTHER);
    let fremmede = [
        klient(&o.app, &t.db, "nordland", &[Rolle::Saksbehandler]).await,
        klient(&o.app, &t.db, "1505", &[Rolle::Kommune]).await,
        klient(&o.app, &t.db, "1804", &[Rolle::Kommune]).await,
    ];
    for (i, fremmed) in fremmede.iter().enumerate() {
        let foer = antall(t, "SELECT COUNT(*) FROM revisjon WHERE handling = 'avvist_tilgang'").await;
        assert_eq!(last_ned(fremmed, o.id, 1).await.status, StatusCode::NOT_FOUND, "{i}: download");
        assert_eq!(last_ned(fremmed, o.id, 99).await.status, StatusCode::NOT_FOUND, "{i}: a number that does not exist");
        let side = fremmed.get(&format!("/saker/{}", o.id)).await;
        assert_eq!(side.status, StatusCode::NOT_FOUND, "{i}: the case page with the list");
        assert!(!side.tekst.contains(navn));
        let svar = hent_sak(fremmed, o.id).await;
        assert!(!svar.tekst().contains(navn), "{i}: hent_sak");
        let opplasting = last_opp(fremmed, o.id, &felt(&inngaaende("Fremmed")), navn, &innhold).await;
        assert_eq!(opplasting.status, StatusCode::NOT_FOUND, "{i}: upload to a case outside the scope");
        let etter = antall(t, "SELECT COUNT(*) FROM revisjon WHERE handling = 'avvist_tilgang'").await;
        assert!(etter >= foer + 4, "{i}: an avvist_tilgang row for each refusal ({foer} → {etter})");
    }
    assert_eq!(antall(t, "SELECT COUNT(*) FROM dokument").await, 1);
    assert_eq!(antall(t, "SELECT COUNT(*) FROM revisjon WHERE handling = 'les_dokument'").await, 0, "nothing was downloaded");
}

async fn registrert_feil_skjuler_dokumentet(t: &Testdatabase) {
    let o = oppsett(t).await;
    let innhold = pdf("feil sak");
    let felter = inngaaende("Feil vedlegg");
    assert_eq!(last_opp(&o.embetet, o.id, &felt(&felter), "feil.pdf", &innhold).await.status, StatusCode::SEE_OTHER);
    // The municipality may not mark the office's journal.
    let svar = o.kommunen.post(&format!("/saker/{}/dokumenter/1/feil", o.id), &[("grunn", "Feil sak")]).await;
    assert_eq!(svar.status, StatusCode::FORBIDDEN);
    // A reason is required.
    let svar = o.embetet.post(&format!("/saker/{}/dokumenter/1/feil", o.id), &[("grunn", " ")]).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(svar.tekst.contains("Skriv hvorfor dokumentet er registrert feil."));
    let svar = o.embetet.post(&format!("/saker/{}/dokumenter/1/feil", o.id), &[("grunn", "Hørte til en annen sak")]).await;
    assert_eq!(svar.omdirigert_til(), format!("/saker/{}", o.id));
    for hvem in [&o.embetet, &o.kommunen] {
        assert!(!hvem.get(&format!("/saker/{}", o.id)).await.tekst.contains("Feil vedlegg"), "hidden from the list");
    }
    assert_eq!(last_ned(&o.kommunen, o.id, 1).await.status, StatusCode::NOT_FOUND, "the municipality no longer gets it");
    assert_eq!(last_ned(&o.embetet, o.id, 1).await.innhold, innhold, "the office still has the entry");
    let grunn: Option<String> =
        sqlx::query_scalar("SELECT registrert_feil_grunn FROM dokument WHERE sekvens = 1").fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(grunn.as_deref(), Some("Hørte til en annen sak"), "the row stays, with its reason");
    assert_eq!(antall(t, "SELECT COUNT(*) FROM revisjon WHERE handling = 'dokument_registrert_feil'").await, 1);
    // Not even the database lets an entry be deleted.
    let feil = sqlx::query("DELETE FROM dokument").execute(&t.db.pool).await.unwrap_err();
    assert!(feil.to_string().contains("slettes aldri"), "{feil}");
    // Marked once; the next upload gets a new number, never 1 again.
    let svar = o.embetet.post(&format!("/saker/{}/dokumenter/1/feil", o.id), &[("grunn", "igjen")]).await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND);
    assert_eq!(last_opp(&o.embetet, o.id, &felt(&felter), "riktig.pdf", &innhold).await.status, StatusCode::SEE_OTHER);
    assert_eq!(antall(t, "SELECT MAX(sekvens) FROM dokument").await, 2);
}

async fn samtidige_opplastinger_faar_hvert_sitt_nummer(t: &Testdatabase) {
    let o = oppsett(t).await;
    let mut oppgaver = Vec::new();
    for i in 0..20 {
        let (k, id) = (if i % 2 == 0 { o.kommunen.clone() } else { o.embetet.clone() }, o.id);
        oppgaver.push(tokio::spawn(async move {
            let innhold = pdf(&format!("dokument {i}"));
            last_opp(&k, id, &felt(&inngaaende(&format!("Dokument {i}"))), &format!("d{i}.pdf"), &innhold).await.status
        }));
    }
    for o in oppgaver {
        assert_eq!(o.await.unwrap(), StatusCode::SEE_OTHER);
    }
    let mut numre: Vec<i64> = sqlx::query_scalar("SELECT sekvens FROM dokument ORDER BY sekvens").fetch_all(&t.db.pool).await.unwrap();
    numre.dedup();
    assert_eq!(numre, (1..=20).collect::<Vec<i64>>(), "20 uploads at once, 20 numbers, none twice");
    assert_eq!(o.lager.antall().await.unwrap(), 20);
    println!("dokumenter: 20 samtidige opplastinger, numrene 1–20 uten gjentak");
}

const MARKOER: &str = "INTERN-MARKOER-7f3a";

/// For every document number and the case's page, list and server function: a marker placed in
/// the office's internal note (N), internal document (X), and an incoming document the office
/// kept internal never reaches the municipality.
async fn intern_markoer_naar_aldri_kommunen(t: &Testdatabase) {
    let o = oppsett(t).await;
    let interne: [(&str, &str); 3] = [("N", "intern"), ("X", "delt_med_kommunen"), ("I", "intern")];
    for (art, synlighet) in interne {
        let felter = [("art", art), ("tittel", &format!("Vurdering {MARKOER}")), ("dato", "2026-11-20"), ("synlighet", synlighet)];
        let svar = last_opp(&o.embetet, o.id, &felter, &format!("{MARKOER}.pdf"), &pdf(MARKOER)).await;
        assert_eq!(svar.status, StatusCode::SEE_OTHER, "{art}: {}", svar.tekst());
    }
    // What the municipality should see: the office's letter to it, and its own statement.
    let felter = [("art", "U"), ("tittel", "Brev til kommunen"), ("dato", "2026-11-20"), ("synlighet", "sendt_til_klager")];
    assert_eq!(last_opp(&o.embetet, o.id, &felter, "brev.pdf", &pdf("brev")).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        last_opp(&o.kommunen, o.id, &felt(&inngaaende("Uttalelse")), "uttalelse.pdf", &pdf("uttalelse")).await.status,
        StatusCode::SEE_OTHER
    );
    // Every municipality actor: the one complained against, another in the same office, one
    // in another office (the last two see nothing of the case at all).
    let andre = [klient(&o.app, &t.db, "1505", &[Rolle::Kommune]).await, klient(&o.app, &t.db, "1804", &[Rolle::Kommune]).await];
    let mut svar: Vec<(String, StatusCode, String)> = Vec::new();
    let mut andres_svar = 0;
    for (i, kommune) in [&o.kommunen, &andre[0], &andre[1]].into_iter().enumerate() {
        let mut disse = Vec::new();
        let side = kommune.get(&format!("/saker/{}", o.id)).await;
        disse.push(("GET /saker/{id}".to_owned(), side.status, side.tekst));
        let f = hent_sak(kommune, o.id).await;
        disse.push(("hent_sak".into(), f.status, f.tekst()));
        for nr in 1..=5 {
            let f = last_ned(kommune, o.id, nr).await;
            let disposisjon = f.headers.get(header::CONTENT_DISPOSITION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
            disse.push((format!("GET dokument {nr}"), f.status, format!("{disposisjon}\n{}", f.tekst())));
        }
        if i == 0 {
            svar = disse;
        } else {
            andres_svar += disse.len();
            assert!(
                disse.iter().all(|(_, _, tekst)| !tekst.contains(MARKOER) && !tekst.contains("Uttalelse")),
                "another municipality: {i}"
            );
            assert!(disse[2..].iter().all(|(_, s, _)| *s == StatusCode::NOT_FOUND), "another municipality gets no document");
        }
    }
    let med_markoer: Vec<&str> = svar.iter().filter(|(_, _, tekst)| tekst.contains(MARKOER)).map(|(hva, _, _)| hva.as_str()).collect();
    println!(
        "innholdsinnsyn: {} svar til kommunen kontrollert, {} med intern markør ({} svar til andre kommuner, 0 med markør)",
        svar.len(),
        med_markoer.len(),
        andres_svar
    );
    assert!(med_markoer.is_empty(), "the internal marker reached the municipality in: {med_markoer:?}");
    // It did see what is its to see, so the check above is not empty.
    assert!(svar[0].2.contains("Brev til kommunen") && svar[0].2.contains("Uttalelse"));
    let fikk: Vec<StatusCode> = svar[2..].iter().map(|(_, s, _)| *s).collect();
    assert_eq!(fikk[..3], [StatusCode::NOT_FOUND; 3], "the internal documents are not there for it");
    assert_eq!(fikk[3..], [StatusCode::OK; 2]);
    // The office sees all of its case file, marker included.
    assert!(o.embetet.get(&format!("/saker/{}", o.id)).await.tekst.contains(MARKOER));
    assert_eq!(antall(t, "SELECT COUNT(*) FROM dokument WHERE art IN ('N', 'X') AND synlighet <> 'intern'").await, 0);
}

/// A free port on loopback.
fn ledig_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The moto server process; killed when dropped.
struct Moto(std::process::Child);

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Upload and download through the app's store on a real S3-compatible server (moto in
/// server mode on loopback). Skipped with a message when `moto_server` is not installed
/// (`make s3-testtjener`).
async fn s3_lager_paa_loopback(t: &Testdatabase) {
    let Ok(sti) = std::process::Command::new("sh").args(["-c", "command -v moto_server"]).output() else { return };
    if !sti.status.success() {
        eprintln!("S3 hoppet over: moto_server er ikke installert (kjør `make s3-testtjener`)");
        return;
    }
    let port = ledig_port();
    let barn = std::process::Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start moto_server");
    let _moto = Moto(barn);
    let endepunkt = format!("http://127.0.0.1:{port}");
    let klient = reqwest::Client::new();
    let mut klar = false;
    for _ in 0..100 {
        // moto accepts an unsigned bucket creation.
        if let Ok(svar) = klient.put(format!("{endepunkt}/klagesak-dokumenter")).send().await {
            klar = svar.status().is_success();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(klar, "moto_server did not start or create the bucket");
    let lager = Dokumentlager::aapne(&Lageroppsett {
        url: "s3://klagesak-dokumenter".into(),
        s3_endepunkt: Some(endepunkt.clone()),
        s3_region: Some("eu-north-1".into()),
        s3_noekkel_id: Some("testnoekkel".into()),
        s3_hemmelighet: Some("testhemmelighet".into()),
    })
    .unwrap();
    let o = oppsett_med(t, lager.clone(), klagesak::domain::dokument::STANDARD_MAKS_DOKUMENT).await;
    for (i, (navn, innhold, mime)) in filer().into_iter().enumerate() {
        assert_eq!(last_opp(&o.kommunen, o.id, &felt(&inngaaende(navn)), navn, &innhold).await.status, StatusCode::SEE_OTHER);
        let fil = last_ned(&o.embetet, o.id, i as i64 + 1).await;
        assert_eq!(
            (fil.status, fil.innhold.as_slice(), fil.headers[header::CONTENT_TYPE].to_str().unwrap()),
            (StatusCode::OK, &innhold[..], mime)
        );
    }
    // The objects are in the bucket, under keys that name neither the case nor the file.
    let liste = klient.get(format!("{endepunkt}/klagesak-dokumenter?list-type=2")).send().await.unwrap().text().await.unwrap();
    assert_eq!(liste.matches("<Key>dokumenter/").count(), 5, "{liste}");
    assert!(!liste.contains("vedtak.pdf"));
    assert_eq!(lager.antall().await.unwrap(), 5);
    println!("S3: 5 dokumenter lastet opp og ned gjennom moto på {endepunkt}");
}

begge_motorer!(
    opplasting_og_nedlasting_per_type,
    en_feilet_registrering_etterlater_ingen_fil,
    hver_avvisning_har_sin_feil_og_ingenting_lagres,
    andre_embeter_og_kommuner_faar_404,
    registrert_feil_skjuler_dokumentet,
    samtidige_opplastinger_faar_hvert_sitt_nummer,
    intern_markoer_naar_aldri_kommunen,
    s3_lager_paa_loopback,
);
