//! The complaint register end to end through HTTP, on SQLite and PostgreSQL: registering
//! through the form, taking steps on the case page, case numbers, the case list, the national
//! overview (API and command line), the demo data and the health check.

use crate::begge_motorer;
use crate::felles;
use crate::felles::{get, klient, naa, ruter, Klient, Testdatabase};
use axum::http::StatusCode;
use klagesak::cli::last_demodata;
use klagesak::db::klager;
use klagesak::domain::id::{Embetekode, KlageId};
use klagesak::domain::klage::SakFilter;
use klagesak::domain::kode::Utfall;
use klagesak::domain::status::Status;
use klagesak::domain::tilgang::Rolle;
use klagesak::server::Klokke;

/// The municipality of Molde and the governor of Møre og Romsdal, logged in.
async fn parter(t: &Testdatabase) -> (Klient, Klient) {
    let app = ruter(&t.db);
    let kommune = klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    let sf = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler]).await;
    (kommune, sf)
}

/// A valid complaint that arrived at the municipality of Molde (Møre og Romsdal).
fn gyldig_klage() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kommune", "1506"),
        ("mottaker", "kommunen"),
        ("mottatt_dato", "2026-09-01"),
        ("vedtaksdato", "2026-08-10"),
        ("kjent_dato", "2026-08-12"),
        ("klager", "forelder"),
        ("aldersgruppe", "barn"),
        ("navn", "Testbarn Fiktivsen"),
        ("rettighet", "ip"),
        ("rettighet", "barnekoordinator"),
        ("kategori", "ikke_ip"),
        ("kategori", "ikke_koordinator"),
        ("saarbar_overgang", "ja"),
        ("sammendrag", "Foreldrene har søkt om individuell plan og barnekoordinator og fått avslag."),
    ]
}

fn id_fra(sti: &str) -> KlageId {
    KlageId(sti.trim_start_matches("/saker/").parse().expect("case id in redirect"))
}

async fn registrering_gjennom_skjemaet(t: &Testdatabase) {
    let (kom, _) = parter(t).await;
    let svar = kom.post("/saker/ny", &gyldig_klage()).await;
    let sti = svar.omdirigert_til();
    let id = id_fra(&sti);

    let side = kom.get(&sti).await;
    assert_eq!(side.status, StatusCode::OK);
    assert!(side.tekst.contains("Forberedende behandling") || side.tekst.contains("forberedende"), "{}", side.tekst);
    assert!(side.tekst.contains("Molde"));
    // The klagefrist: learned 12.08.2026 + 4 weeks = 09.09.2026 (a Wednesday).
    assert!(side.tekst.contains("09.09.2026"), "klagefrist missing");

    let klage = klager::hent(&t.db, &felles::omfang("1506"), id).await.unwrap().unwrap();
    assert_eq!(klage.statsforvalter, "more-og-romsdal");
    assert_eq!(klage.status(), Status::ForberedendeBehandling);
    assert_eq!(klage.saksnummer, None, "no case number before it reaches the governor");
    assert!(klage.saarbar_overgang);
    let historikk = klager::hendelser(&t.db, id).await.unwrap();
    assert_eq!(historikk.len(), 1);
    assert_eq!(historikk[0].handling, "registrert");
}

async fn feil_i_skjemaet_vises_ved_feltet_og_ingenting_lagres(t: &Testdatabase) {
    let (kom, _) = parter(t).await;
    let mut felter = gyldig_klage();
    felter.retain(|(navn, _)| *navn != "kategori" && *navn != "mottatt_dato");
    felter.push(("fnr", "12345678901"));
    let svar = kom.post("/saker/ny", &felter).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Each error next to its field, and what was typed still there.
    assert!(svar.tekst.contains(r#"id="kategori-feil""#), "category error missing");
    assert!(svar.tekst.contains(r#"id="mottatt_dato-feil""#), "date error missing");
    assert!(svar.tekst.contains(r#"id="fnr-feil""#), "fnr error missing");
    assert!(svar.tekst.contains("Velg minst ett alternativ."));
    assert!(svar.tekst.contains("Testbarn Fiktivsen"), "typed name lost");
    assert!(svar.tekst.contains("søkt om individuell plan"), "typed summary lost");
    assert_eq!(t.db.antall_klager().await.unwrap(), 0);
}

async fn fra_kommunen_til_vedtak_og_statistikk(t: &Testdatabase) {
    let (kom, sf) = parter(t).await;
    let app = kom.app.clone();
    let id = id_fra(&kom.post("/saker/ny", &gyldig_klage()).await.omdirigert_til());
    let steg =
        |handling: &'static str, dato: &'static str, notat: &'static str| vec![("handling", handling), ("dato", dato), ("notat", notat)];
    let sti = format!("/saker/{id}/steg");

    // Forwarding needs the municipality's statement: refused without, nothing changes.
    let svar = kom.post(&sti, &steg("oversend", "2026-09-20", "")).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(svar.tekst.contains("krever et notat"));
    assert_eq!(klager::hendelser(&t.db, id).await.unwrap().len(), 1);

    // The governor cannot forward on the municipality's behalf.
    let svar = sf.post(&sti, &steg("oversend", "2026-09-21", "Kommunen fastholder vedtaket.")).await;
    assert_eq!(svar.status, StatusCode::FORBIDDEN);
    let svar = kom.post(&sti, &steg("oversend", "2026-09-21", "Kommunen fastholder vedtaket.")).await;
    assert_eq!(svar.omdirigert_til(), format!("/saker/{id}"));
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!(klage.status(), Status::UnderVurdering);
    assert_eq!(klage.saksnummer.unwrap().to_string(), "2026/1");
    assert_eq!(klage.mottatt_statsforvalter.unwrap().to_string(), "2026-09-21");
    // Open at the governor: foreløpig svar one month after receipt, target three months.
    let side = sf.get(&format!("/saker/{id}")).await;
    assert!(side.tekst.contains("21.10.2026") && side.tekst.contains("21.12.2026"), "deadlines missing");

    // An illegal step (the municipality's medhold, now that the case is at the governor).
    let svar = kom.post(&sti, &steg("gi_medhold", "2026-10-01", "")).await;
    assert_eq!(svar.status, StatusCode::CONFLICT);
    assert!(svar.tekst.contains("er ikke mulig"));
    assert_eq!(klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap().status(), Status::UnderVurdering);

    // A date in the future is refused.
    let svar = sf.post(&sti, &steg("foreslaa_vedtak:endret", "2026-12-01", "Begrunnelse.")).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);

    let svar = kom.post(&sti, &steg("foreslaa_vedtak:endret", "2026-10-29", "Vilkårene for IP er oppfylt.")).await;
    assert_eq!(svar.status, StatusCode::FORBIDDEN, "the municipality cannot decide");
    let svar = sf.post(&sti, &steg("foreslaa_vedtak:endret", "2026-10-29", "Vilkårene for IP er oppfylt.")).await;
    svar.omdirigert_til();
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!(klage.status(), Status::TilGodkjenning);
    assert_eq!(klage.avgjort_dato, None, "a proposal is not a decision");
    // Not counted before it is approved and sent.
    let api = get(&app, "/api/v1/statistikk?fra=2026-10-01&til=2026-11-30").await.json();
    assert_eq!(api["totalt"], 0);

    let leder = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await;
    let svar = leder.post(&sti, &steg("godkjenn", "2026-11-02", "")).await;
    svar.omdirigert_til();
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!(klage.status(), Status::Avgjort);
    assert_eq!(klage.utfall(), Some(Utfall::Endret));
    assert_eq!(klage.avgjort_dato.unwrap().to_string(), "2026-11-02", "the decision date is the day it is approved");
    let historikk = klager::hendelser(&t.db, id).await.unwrap();
    assert_eq!(historikk.iter().map(|h| h.handling.kode()).collect::<Vec<_>>(), ["registrert", "oversend", "foreslaa_vedtak", "godkjenn"]);

    let api = get(&app, "/api/v1/statistikk?fra=2026-11-01&til=2026-11-30").await.json();
    assert_eq!(api["totalt"], 1);
    assert_eq!(api["utfall"]["endret"], 1);
    assert_eq!(api["per_statsforvalter"]["more-og-romsdal"], 1);
    assert_eq!(api["per_kategori"]["ikke_koordinator"], 1);
    assert_eq!(api["per_rettighet"]["barnekoordinator"], 1);
    assert_eq!(api["statsforvaltere_med_saker"], 1);
    let api = get(&app, "/api/v1/statistikk?fra=2026-11-03").await.json();
    assert_eq!(api["totalt"], 0);
}

async fn saksnummer_er_loepende_per_embete_og_aar(t: &Testdatabase) {
    let (_, sf) = parter(t).await;
    let app = sf.app.clone();
    let osbo = klient(&app, &t.db, "ostfold-buskerud-oslo-akershus", &[Rolle::Saksbehandler]).await;
    let mut nummer = Vec::new();
    for (kommune, dato) in [("1506", "2025-12-30"), ("1506", "2026-01-05"), ("0301", "2026-01-06"), ("1506", "2026-01-07")] {
        let mut felter = gyldig_klage();
        felter.retain(|(n, _)| !["kommune", "mottaker", "mottatt_dato", "vedtaksdato", "kjent_dato"].contains(n));
        felter.extend([("kommune", kommune), ("mottaker", "statsforvalteren"), ("mottatt_dato", dato)]);
        let k = if kommune == "0301" { &osbo } else { &sf };
        let id = id_fra(&k.post("/saker/ny", &felter).await.omdirigert_til());
        let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
        assert_eq!(klage.status(), Status::MottattHosStatsforvalter);
        nummer.push((klage.statsforvalter.to_string(), klage.saksnummer.unwrap().to_string()));
    }
    assert_eq!(nummer[0].1, "2025/1");
    assert_eq!(nummer[1].1, "2026/1");
    assert_eq!(nummer[2], ("ostfold-buskerud-oslo-akershus".to_owned(), "2026/1".to_owned()));
    assert_eq!(nummer[3].1, "2026/2");

    // Search on case number, and the list filters.
    let mr = felles::omfang("more-og-romsdal");
    let liste = klager::sok(&t.db, &mr, &SakFilter { saksnummer: Some("2026/2".into()), ..Default::default() }).await.unwrap();
    assert_eq!(liste.totalt, 1);
    let liste = klager::sok(&t.db, &mr, &SakFilter { saksnummer: Some("2026/".into()), ..Default::default() }).await.unwrap();
    assert_eq!(liste.totalt, 2, "the other office's 2026/1 is outside the scope");
    let liste = klager::sok(&t.db, &mr, &SakFilter { aar: Some(2026), ..Default::default() }).await.unwrap();
    assert_eq!(liste.totalt, 2);
    // A filter on another office inside the scope of this one finds nothing.
    let liste =
        klager::sok(&t.db, &mr, &SakFilter { statsforvalter: Embetekode::ny("ostfold-buskerud-oslo-akershus"), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(liste.totalt, 0);
    let side = osbo.get("/saker?statsforvalter=ostfold-buskerud-oslo-akershus").await;
    assert_eq!(side.status, StatusCode::OK);
    assert!(side.tekst.contains("1 saker") && side.tekst.contains("Oslo (0301)"));
}

async fn to_samtidige_steg_gir_bare_ett_vedtak(t: &Testdatabase) {
    let (kom, sf) = parter(t).await;
    let mut felter = gyldig_klage();
    felter.retain(|(n, _)| *n != "mottaker");
    felter.push(("mottaker", "kommunen"));
    let id = id_fra(&kom.post("/saker/ny", &felter).await.omdirigert_til());
    let sti = format!("/saker/{id}/steg");
    kom.post(&sti, &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", "Uttalelse.")]).await.omdirigert_til();
    let (a, b) = tokio::join!(
        sf.post(&sti, &[("handling", "foreslaa_vedtak:stadfestet"), ("dato", "2026-11-02"), ("notat", "A.")]),
        sf.post(&sti, &[("handling", "foreslaa_vedtak:opphevet"), ("dato", "2026-11-02"), ("notat", "B.")]),
    );
    let lykket = [a.status, b.status].iter().filter(|s| **s == StatusCode::SEE_OTHER).count();
    assert_eq!(lykket, 1, "exactly one proposal wins: {} / {}", a.status, b.status);
    let forslag = klager::hendelser(&t.db, id).await.unwrap().iter().filter(|h| h.handling == "foreslaa_vedtak").count();
    assert_eq!(forslag, 1);

    // Two leaders approving at once: one decision.
    let ledere = [
        klient(&sf.app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await,
        klient(&sf.app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await,
    ];
    let (a, b) = tokio::join!(
        ledere[0].post(&sti, &[("handling", "godkjenn"), ("dato", "2026-11-03"), ("notat", "")]),
        ledere[1].post(&sti, &[("handling", "godkjenn"), ("dato", "2026-11-03"), ("notat", "")]),
    );
    let lykket = [a.status, b.status].iter().filter(|s| **s == StatusCode::SEE_OTHER).count();
    assert_eq!(lykket, 1, "exactly one approval wins: {} / {}", a.status, b.status);
    let vedtak = klager::hendelser(&t.db, id).await.unwrap().iter().filter(|h| h.handling == "godkjenn").count();
    assert_eq!(vedtak, 1);
}

/// A case forwarded to the governor and under assessment, as the municipality's user sees it.
async fn sak_under_vurdering(t: &Testdatabase) -> (Klient, Klient, KlageId) {
    let (kom, sf) = parter(t).await;
    let id = id_fra(&kom.post("/saker/ny", &gyldig_klage()).await.omdirigert_til());
    kom.post(&format!("/saker/{id}/steg"), &[("handling", "oversend"), ("dato", "2026-09-10"), ("notat", "Uttalelse.")])
        .await
        .omdirigert_til();
    (kom, sf, id)
}

/// Withdrawing a case whose proposal awaits approval closes it past the leder: it needs a note
/// saying why, and without one nothing changes.
async fn trekk_av_forslag_krever_begrunnelse(t: &Testdatabase) {
    let (_, sf, id) = sak_under_vurdering(t).await;
    let sti = format!("/saker/{id}/steg");
    sf.post(&sti, &[("handling", "foreslaa_vedtak:endret"), ("dato", "2026-10-15"), ("notat", "Planen mangler innhold.")])
        .await
        .omdirigert_til();
    let svar = sf.post(&sti, &[("handling", "trekk"), ("dato", "2026-10-16"), ("notat", "  ")]).await;
    assert_ne!(svar.status, StatusCode::SEE_OTHER, "withdrawn without a word");
    assert!(svar.tekst.contains("Dette steget krever et notat."), "{}", svar.tekst);
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((klage.status(), klage.utfall()), (Status::TilGodkjenning, Some(Utfall::Endret)), "unchanged");
    sf.post(&sti, &[("handling", "trekk"), ("dato", "2026-10-16"), ("notat", "Klageren trakk klagen i telefonsamtale 16.10.")])
        .await
        .omdirigert_til();
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((klage.status(), klage.utfall()), (Status::Avgjort, Some(Utfall::Trukket)));
}

async fn vedtak_sendes_bare_naar_en_annen_leder_godkjenner(t: &Testdatabase) {
    let (kom, sf, id) = sak_under_vurdering(t).await;
    let app = sf.app.clone();
    let sti = format!("/saker/{id}/steg");
    let leder_a = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder]).await;
    let leder_b = klient(&app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await;
    let annen_leder = klient(&app, &t.db, "rogaland", &[Rolle::Leder]).await;
    let godkjenn = [("handling", "godkjenn"), ("dato", "2026-10-20"), ("notat", "")];

    // Nothing to approve yet.
    assert_eq!(leder_b.post(&sti, &godkjenn).await.status, StatusCode::CONFLICT);
    leder_a
        .post(&sti, &[("handling", "foreslaa_vedtak:stadfestet"), ("dato", "2026-10-15"), ("notat", "Vilkårene er ikke oppfylt.")])
        .await
        .omdirigert_til();
    let side = leder_a.get(&format!("/saker/{id}")).await;
    assert!(side.tekst.contains("En annen leder ved embetet må godkjenne"), "the proposer is told to wait");
    assert!(!side.tekst.contains("value=\"godkjenn\""), "the proposer is not offered to approve");

    // The proposer, a case officer, the municipality and another office's leder are refused.
    let svar = leder_a.post(&sti, &godkjenn).await;
    assert_eq!(svar.status, StatusCode::FORBIDDEN);
    assert!(svar.tekst.contains("Du kan ikke godkjenne et vedtak du selv har foreslått"), "{}", svar.tekst);
    let svar = sf.post(&sti, &godkjenn).await;
    assert_eq!(svar.status, StatusCode::FORBIDDEN);
    assert!(svar.tekst.contains("Bare en leder ved embetet kan godkjenne"));
    assert_eq!(kom.post(&sti, &godkjenn).await.status, StatusCode::FORBIDDEN);
    assert_eq!(annen_leder.post(&sti, &godkjenn).await.status, StatusCode::NOT_FOUND);
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((klage.status(), klage.utfall()), (Status::TilGodkjenning, Some(Utfall::Stadfestet)));
    assert!(leder_b.get(&format!("/saker/{id}")).await.tekst.contains("value=\"godkjenn\""));

    // Sent back: a reason is required, and the proposal is gone.
    let svar = leder_b.post(&sti, &[("handling", "send_tilbake"), ("dato", "2026-10-16"), ("notat", " ")]).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    leder_b.post(&sti, &[("handling", "send_tilbake"), ("dato", "2026-10-16"), ("notat", "Vurder § 2-5 på nytt.")]).await.omdirigert_til();
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((klage.status(), klage.utfall(), klage.foreslaatt_av), (Status::UnderVurdering, None, None));

    // Proposed again by the case officer, approved by a leder on a later day: that is the date.
    sf.post(&sti, &[("handling", "foreslaa_vedtak:endret"), ("dato", "2026-10-19"), ("notat", "Vilkårene er oppfylt.")])
        .await
        .omdirigert_til();
    leder_a.post(&sti, &godkjenn).await.omdirigert_til();
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((klage.status(), klage.utfall()), (Status::Avgjort, Some(Utfall::Endret)));
    assert_eq!(klage.avgjort_dato.unwrap().to_string(), "2026-10-20");
    let api = get(&app, "/api/v1/statistikk?fra=2026-10-01&til=2026-10-31").await.json();
    assert_eq!((api["totalt"].as_i64(), api["utfall"]["endret"].as_i64()), (Some(1), Some(1)));
}

async fn kommunen_melder_nytt_vedtak_etter_opphevet(t: &Testdatabase) {
    let (kom, sf, id) = sak_under_vurdering(t).await;
    let leder = klient(&sf.app, &t.db, "more-og-romsdal", &[Rolle::Leder]).await;
    let sti = format!("/saker/{id}/nytt-vedtak");
    let melding = [("dato", "2026-11-10"), ("notat", "Kommunen innvilger individuell plan.")];
    // Not before the decision is set aside.
    assert_eq!(kom.post(&sti, &melding).await.status, StatusCode::CONFLICT);
    let steg = format!("/saker/{id}/steg");
    sf.post(&steg, &[("handling", "foreslaa_vedtak:opphevet"), ("dato", "2026-10-20"), ("notat", "Mangelfull utredning.")])
        .await
        .omdirigert_til();
    leder.post(&steg, &[("handling", "godkjenn"), ("dato", "2026-10-22"), ("notat", "")]).await.omdirigert_til();
    assert!(kom
        .get(&format!("/saker/{id}"))
        .await
        .tekst
        .contains("action=\"/saker/{id}/nytt-vedtak\"".replace("{id}", &id.to_string()).as_str()));

    // The governor's side cannot report it; an empty note or an early date is refused.
    assert_eq!(sf.post(&sti, &melding).await.status, StatusCode::FORBIDDEN);
    let svar = kom.post(&sti, &[("dato", "2026-11-10"), ("notat", "")]).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    let svar = kom.post(&sti, &[("dato", "2026-10-01"), ("notat", "For tidlig.")]).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(svar.tekst.contains("22.10.2026"), "the error names the decision date");

    kom.post(&sti, &melding).await.omdirigert_til();
    let klage = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!(klage.nytt_vedtak_dato.unwrap().to_string(), "2026-11-10");
    assert_eq!((klage.status(), klage.utfall()), (Status::Avgjort, Some(Utfall::Opphevet)));
    let historikk = klager::hendelser(&t.db, id).await.unwrap();
    assert_eq!(historikk.last().unwrap().handling, "nytt_vedtak");
    // Once only.
    assert_eq!(kom.post(&sti, &melding).await.status, StatusCode::CONFLICT);
    let side = sf.get(&format!("/saker/{id}")).await;
    assert!(side.tekst.contains("Nytt vedtak i kommunen") && side.tekst.contains("10.11.2026"));
}

async fn overfoering_gir_nytt_saksnummer_og_gammelt_brukes_ikke_igjen(t: &Testdatabase) {
    let (kom, sf) = parter(t).await;
    let nordland = klient(&sf.app, &t.db, "nordland", &[Rolle::Saksbehandler]).await;
    let mut felter = gyldig_klage();
    felter.retain(|(n, _)| *n != "mottaker");
    felter.push(("mottaker", "statsforvalteren"));
    let id = id_fra(&sf.post("/saker/ny", &felter).await.omdirigert_til());
    let foer = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((foer.statsforvalter.as_str(), foer.saksnummer.unwrap().to_string()), ("more-og-romsdal", "2026/1".to_owned()));
    let sti = format!("/saker/{id}/overfoer");

    // To the office it already has, and without a reason: refused, nothing changes.
    let svar = sf.post(&sti, &[("statsforvalter", "more-og-romsdal"), ("dato", "2026-09-02"), ("notat", "Inhabilitet.")]).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    let svar = sf.post(&sti, &[("statsforvalter", "nordland"), ("dato", "2026-09-02"), ("notat", " ")]).await;
    assert_eq!(svar.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(klager::hendelser(&t.db, id).await.unwrap().len(), 1);

    // Neither the municipality nor a foreign office can move it.
    let svar = kom.post(&sti, &[("statsforvalter", "nordland"), ("dato", "2026-09-02"), ("notat", "Inhabilitet ved embetet.")]).await;
    assert_eq!(svar.status, StatusCode::FORBIDDEN);
    let svar = nordland.post(&sti, &[("statsforvalter", "agder"), ("dato", "2026-09-02"), ("notat", "Inhabilitet ved embetet.")]).await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND);
    let svar = sf.post(&sti, &[("statsforvalter", "nordland"), ("dato", "2026-09-02"), ("notat", "Inhabilitet ved embetet.")]).await;
    svar.omdirigert_til();
    let etter = klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap();
    assert_eq!((etter.statsforvalter.as_str(), etter.saksnummer.unwrap().to_string()), ("nordland", "2026/1".to_owned()));
    // Now it is Nordland's case, and no longer Møre og Romsdal's.
    assert_eq!(sf.get(&format!("/saker/{id}")).await.status, StatusCode::NOT_FOUND);
    let side = nordland.get(&format!("/saker/{id}")).await;
    assert!(side.tekst.contains("Tidligere saksnummer: 2026/1") && side.tekst.contains("Statsforvalteren i Nordland"));

    // The old number is never handed out again.
    let ny = id_fra(&sf.post("/saker/ny", &felter).await.omdirigert_til());
    assert_eq!(klager::hent_uten_tilgangskontroll(&t.db, ny).await.unwrap().unwrap().saksnummer.unwrap().to_string(), "2026/2");

    // A closed case cannot be moved.
    nordland.post(&format!("/saker/{id}/steg"), &[("handling", "trekk"), ("dato", "2026-09-03"), ("notat", "")]).await.omdirigert_til();
    let svar = nordland.post(&sti, &[("statsforvalter", "agder"), ("dato", "2026-09-04"), ("notat", "Feil.")]).await;
    assert_eq!(svar.status, StatusCode::CONFLICT);
    assert_eq!(klager::hent_uten_tilgangskontroll(&t.db, id).await.unwrap().unwrap().statsforvalter, "nordland");
}

const LYSBILDET: &str = "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet.";

async fn demodata_gir_lysbildet(t: &Testdatabase) {
    let antall = last_demodata(&t.db, Klokke::Fast(naa())).await.unwrap();
    assert!(antall >= 300, "hundreds of cases: {antall}");
    assert!(last_demodata(&t.db, Klokke::Fast(naa())).await.is_err(), "a second load is refused");
    let app = ruter(&t.db);
    let api = get(&app, "/api/v1/statistikk?fra=2020-01-01&til=2023-09-19").await.json();
    assert_eq!(api["oppsummering"], LYSBILDET);
    assert_eq!(api["totalt"], 27);
    assert_eq!(api["statsforvaltere_med_saker"], 8);
    assert_eq!(api["statsforvaltere_totalt"], 10);
    assert_eq!(api["utfall"]["stadfestet"], 15);
    assert_eq!(api["utfall"]["endret"], 9);
    assert_eq!(api["utfall"]["opphevet"], 3);
    assert_eq!(api["utfall"]["avvist"], 0);
    assert_eq!(api["per_aar"]["2022"].as_u64().unwrap() + api["per_aar"]["2023"].as_u64().unwrap(), 16);
    assert_eq!(api["per_statsforvalter"].as_object().unwrap().len(), 10);
    assert!(api["oppsummering_nn"].as_str().unwrap().contains("8 av 10 statsforvaltarar har behandla klagene"));

    // The page says the same, and the command line prints exactly the API's JSON.
    let side = get(&app, "/statistikk?fra=2020-01-01&til=2023-09-19").await;
    assert!(side.tekst.contains(LYSBILDET));
    let api_tekst = get(&app, "/api/v1/statistikk?fra=2020-01-01&til=2023-09-19").await.tekst;
    let cli = felles::klagesak_kommando(&t.url)
        .args(["statistikk", "--fra", "2020-01-01", "--til", "2023-09-19", "--format", "json"])
        .output()
        .expect("run klagesak");
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    assert_eq!(String::from_utf8_lossy(&cli.stdout).trim(), api_tekst.trim());
    let tekst = felles::klagesak_kommando(&t.url)
        .args(["statistikk", "--fra", "2020-01-01", "--til", "2023-09-19"])
        .output()
        .expect("run klagesak");
    assert_eq!(String::from_utf8_lossy(&tekst.stdout).trim(), LYSBILDET);

    // Every state is represented, and each office's officer opens its cases in every state.
    for sf in klagesak::domain::referanse::statsforvalterkoder() {
        let k = klient(&app, &t.db, sf, &[Rolle::Saksbehandler]).await;
        let omfang = felles::omfang(sf);
        let liste = klager::sok(&t.db, &omfang, &SakFilter::default()).await.unwrap();
        assert!(liste.totalt > 0, "no demo case at {sf}");
        let side = k.get(&format!("/saker/{}", liste.rader[0].id)).await;
        assert_eq!(side.status, StatusCode::OK);
    }
    for status in Status::ALLE {
        let mut funnet = false;
        for sf in klagesak::domain::referanse::statsforvalterkoder() {
            let omfang = felles::omfang(sf);
            let liste = klager::sok(&t.db, &omfang, &SakFilter { status: Some(*status), ..Default::default() }).await.unwrap();
            funnet |= liste.totalt > 0;
        }
        assert!(funnet, "no demo case in {status:?}");
    }
}

async fn feil_parametre_gir_400_med_forklaring(t: &Testdatabase) {
    let app = ruter(&t.db);
    for (query, parameter) in [("fra=", "fra"), ("fra=2023-13-01", "fra"), ("til=igaar", "til"), ("fra=2024-01-01&til=2023-01-01", "fra")] {
        let svar = get(&app, &format!("/api/v1/statistikk?{query}")).await;
        assert_eq!(svar.status, StatusCode::BAD_REQUEST, "{query}");
        let json = svar.json();
        assert_eq!(json["parameter"], parameter, "{query}");
        assert!(!json["feil"].as_str().unwrap().is_empty());
    }
    let svar = get(&app, "/api/v1/statistikk").await;
    assert_eq!(svar.status, StatusCode::OK);
}

async fn helsesjekk_og_ukjent_side(t: &Testdatabase) {
    let app = ruter(&t.db);
    let svar = get(&app, "/healthz").await;
    assert_eq!(svar.status, StatusCode::OK);
    assert_eq!(svar.tekst, "ok");
    let (_, sf) = parter(t).await;
    let svar = sf.get("/saker/999999").await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND);
    let svar = get(&app, "/finnes-ikke").await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND);
    // nynorsk through the cookie, and lang set on the page
    let req = axum::http::Request::builder().uri("/").header("cookie", "sprak=nn").body(axum::body::Body::empty()).unwrap();
    use tower::ServiceExt;
    let svar = app.clone().oneshot(req).await.unwrap();
    let bytes = http_body_util::BodyExt::collect(svar.into_body()).await.unwrap().to_bytes();
    let tekst = String::from_utf8_lossy(&bytes);
    assert!(tekst.contains(r#"lang="nn""#));
    assert!(tekst.contains("pasient- og brukarrettslova"));
}

begge_motorer!(
    trekk_av_forslag_krever_begrunnelse,
    registrering_gjennom_skjemaet,
    feil_i_skjemaet_vises_ved_feltet_og_ingenting_lagres,
    fra_kommunen_til_vedtak_og_statistikk,
    saksnummer_er_loepende_per_embete_og_aar,
    to_samtidige_steg_gir_bare_ett_vedtak,
    vedtak_sendes_bare_naar_en_annen_leder_godkjenner,
    kommunen_melder_nytt_vedtak_etter_opphevet,
    overfoering_gir_nytt_saksnummer_og_gammelt_brukes_ikke_igjen,
    demodata_gir_lysbildet,
    feil_parametre_gir_400_med_forklaring,
    helsesjekk_og_ukjent_side,
);

#[test]
fn ukjent_databasemotor_avvises_ved_oppstart() {
    let ut = std::process::Command::new(env!("CARGO_BIN_EXE_klagesak"))
        .arg("migrate")
        .env("DATABASE_URL", "mysql://root:hemmelig@127.0.0.1/klagesak")
        .output()
        .expect("run klagesak");
    assert!(!ut.status.success());
    let feil = String::from_utf8_lossy(&ut.stderr);
    assert!(feil.contains("DATABASE_URL") && feil.contains("sqlite:"), "{feil}");
    assert!(!feil.contains("hemmelig"));
}

#[test]
fn klagesak_idag_avvises_i_produksjon_og_naar_den_er_feil() {
    let tom = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", tom.path().join("k.db").display());
    let ut = felles::klagesak_kommando(&url).arg("migrate").env("KLAGESAK_MILJO", "produksjon").output().expect("run klagesak");
    assert!(!ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stderr).contains("KLAGESAK_IDAG kan ikke brukes"), "{}", String::from_utf8_lossy(&ut.stderr));
    let ut = felles::klagesak_kommando(&url).arg("migrate").env("KLAGESAK_IDAG", "31.12.2026").output().expect("run klagesak");
    assert!(!ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stderr).contains("«31.12.2026» er ikke en dato"), "{}", String::from_utf8_lossy(&ut.stderr));
}

#[test]
fn ubrukt_naa_er_fast() {
    // The injected clock is what the handlers see, not the machine's.
    assert_eq!(naa().to_rfc3339(), "2026-11-23T10:00:00+00:00");
}
