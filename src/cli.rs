//! The `klagesak` command line: `serve` (the default), `migrate`, `demo [--hvis-tom]`,
//! `statistikk --fra YYYY-MM-DD --til YYYY-MM-DD [--format text|json]`, `bruker ny`,
//! `revisjon verifiser | forankre | nokkel ny [--fil PATH]`, `oidc kobling ny`, and
//! `nokkel ny` / `nokkel roter` for the key file of the fødselsnumre (`db::fnr`).
//!
//! Every command that touches the database migrates it first, through the owner's login
//! (`KLAGESAK_EIER_URL`, or `DATABASE_URL` when there is only one), and then grants the
//! application role (`KLAGESAK_APP_ROLLE`) its rights; the work itself goes through
//! `DATABASE_URL`. Both handles hold the fødselsnumre's keys (`KLAGESAK_NOKKELFIL`): the
//! migration encrypts any number still in clear text.

use std::process::ExitCode;

use chrono::NaiveTime;

use crate::db::{self, Database};
use crate::demo;
use crate::domain::tilgang::{Aktoer, Rolle, Systemaktoer};
use crate::server::{self, api, config::Konfig};
use crate::tjenester::forankring::{self, Forankringsfeil};
use crate::tjenester::statistikk::{self, Statistikkfeil};
use crate::tjenester::Klokke;

const BRUK: &str = "Bruk: klagesak [serve | migrate | demo [--hvis-tom] | statistikk [--fra ÅÅÅÅ-MM-DD] [--til ÅÅÅÅ-MM-DD] [--format text|json] | bruker ny --epost E --organisasjon O --rolle R [--rolle R …] [--navn N] (passordet leses fra standard inn) | revisjon verifiser | revisjon forankre | revisjon nokkel ny [--fil STI] | nokkel ny | nokkel roter | oidc kobling ny --issuer I (--subjekt S | --epost E) --organisasjon O --rolle R [--rolle R …]]";

/// The demo users: one per role, with passwords that are only ever valid in demo data.
pub const DEMOBRUKERE: &[(&str, &str, &str, &[Rolle], &str)] = &[
    ("saksbehandler@demo.klagesak.no", "Siri Saksbehandler (demo)", "more-og-romsdal", &[Rolle::Saksbehandler], "demo-saksbehandler-2026"),
    ("leder@demo.klagesak.no", "Lars Leder (demo)", "more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder], "demo-leder-2026"),
    ("kommune.molde@demo.klagesak.no", "Kari Kommune (demo)", "1506", &[Rolle::Kommune], "demo-kommune-2026"),
    ("direktorat@demo.klagesak.no", "Dina Direktorat (demo)", "direktoratet", &[Rolle::Direktorat], "demo-direktorat-2026"),
    ("admin@demo.klagesak.no", "Arne Admin (demo)", "admin", &[Rolle::Admin], "demo-admin-2026"),
];

/// What went wrong, as the person at the terminal is told.
#[derive(Debug, thiserror::Error)]
pub enum CliFeil {
    #[error("{0}")]
    Konfig(#[from] server::config::KonfigFeil),
    #[error("{0}")]
    Db(#[from] db::DbFeil),
    #[error("{0}")]
    Parameter(String),
    #[error("Databasen har allerede {0} klagesaker. Demodata lastes bare inn i en tom database.")]
    IkkeTom(i64),
    #[error("Demodata: sak {nummer} ble avvist: {grunn}")]
    Demo { nummer: usize, grunn: String },
    #[error("Serveren stoppet: {0}")]
    Server(String),
    #[error("{0}")]
    Bruker(#[from] db::brukere::BrukerFeil),
    #[error("Demobrukere lages ikke når KLAGESAK_MILJO=produksjon.")]
    Produksjon,
    #[error("Revisjonsloggen er brutt: rad {0} stemmer ikke med kjeden.")]
    BruttKjede(i64),
    #[error("{0}")]
    Kobling(#[from] db::oidc::KoblingFeil),
    #[error("{0}")]
    Forankring(#[from] Forankringsfeil),
    #[error("{0}")]
    Noekkel(#[from] db::fnr::NoekkelFeil),
    #[error("Nøkkelfila {0} (KLAGESAK_NOKKELFIL) finnes ikke. I produksjon lages den ikke av seg selv: lag den med «klagesak nokkel ny», og ta sikkerhetskopi av den.")]
    IngenNoekkelfil(String),
    #[error("Nøkkelfila {0} finnes allerede; «nokkel ny» skriver ikke over den (bruk «klagesak nokkel roter» for en ny nøkkel).")]
    NoekkelfilFinnes(String),
}

/// Runs the command and turns errors into a message and exit code 1 (2 for usage errors).
pub async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let argumenter: Vec<String> = std::env::args().skip(1).collect();
    match kjoer(&argumenter).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliFeil::Parameter(melding)) => {
            eprintln!("{melding}\n{BRUK}");
            ExitCode::from(2)
        }
        Err(feil) => {
            eprintln!("klagesak: {feil}");
            ExitCode::FAILURE
        }
    }
}

/// Connects through `DATABASE_URL`, after migrating through the owner's login (see the
/// module doc).
async fn koble_til(konfig: &Konfig) -> Result<Database, CliFeil> {
    let noekler = std::sync::Arc::new(fnr_noekler(konfig)?);
    let db = Database::koble_til(&konfig.database_url).await?.med_fnr_noekler(noekler.clone());
    match &konfig.eier_url {
        None => migrer_som_eier(&db, konfig).await?,
        Some(url) => {
            let eier = Database::koble_til(url).await?.med_fnr_noekler(noekler);
            let svar = migrer_som_eier(&eier, konfig).await;
            eier.pool.close().await;
            svar?;
        }
    }
    Ok(db)
}

async fn migrer_som_eier(eier: &Database, konfig: &Konfig) -> Result<(), CliFeil> {
    eier.migrer().await?;
    if let Some(rolle) = &konfig.app_rolle {
        db::roller::gi_app_rollen(eier, rolle).await?;
    }
    Ok(())
}

/// The keys of the fødselsnumre from the key file. Outside production a missing file is made,
/// with a warning, so `make run` needs nothing; in production it must be there.
fn fnr_noekler(konfig: &Konfig) -> Result<db::fnr::Noekkelring, CliFeil> {
    let sti = &konfig.noekkelfil;
    if konfig.produksjon {
        if !sti.exists() {
            return Err(CliFeil::IngenNoekkelfil(sti.display().to_string()));
        }
        return Ok(db::fnr::noekkelfil::les(sti)?);
    }
    let (noekler, laget) = db::fnr::noekkelfil::les_eller_lag(sti)?;
    if laget {
        tracing::warn!(
            "Laget en ny nøkkelfil for fødselsnumrene: {} (KLAGESAK_NOKKELFIL var ikke satt, eller fila fantes ikke). \
             Ta sikkerhetskopi av den: uten den kan ingen lese fødselsnumrene i databasen.",
            sti.display()
        );
    }
    Ok(noekler)
}

async fn kjoer(argumenter: &[String]) -> Result<(), CliFeil> {
    // The environment is read once, here: the database, production or not, and the clock.
    let konfig = Konfig::fra_miljo()?;
    let klokke = konfig.klokke;
    let (kommando, resten) = match argumenter.split_first() {
        Some((k, r)) => (k.as_str(), r),
        None => ("serve", &[][..]),
    };
    match kommando {
        "serve" => {
            let db = koble_til(&konfig).await?;
            server::serve(db, &konfig).await.map_err(|e| CliFeil::Server(e.to_string()))
        }
        "migrate" => {
            koble_til(&konfig).await?;
            println!("Databasen er migrert.");
            if let Some(rolle) = &konfig.app_rolle {
                println!("App-rollen {rolle} har fått rettighetene sine (revisjonsloggen: bare SELECT og INSERT).");
            }
            Ok(())
        }
        "demo" => {
            let hvis_tom = resten.iter().any(|a| a == "--hvis-tom");
            let db = koble_til(&konfig).await?;
            match last_demodata(&db, klokke).await {
                Ok(antall) => {
                    println!("Lastet inn {antall} demosaker.");
                    opprett_demobrukere(&db, &konfig).await?;
                    skriv_demobrukere();
                    Ok(())
                }
                Err(CliFeil::IkkeTom(n)) if hvis_tom => {
                    println!("Databasen har allerede {n} klagesaker; demodata lastes ikke inn.");
                    if db::brukere::antall(&db).await? > 0 {
                        skriv_demobrukere();
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
        "statistikk" => {
            let mut fra = None;
            let mut til = None;
            let mut format = "text".to_owned();
            let mut i = resten.iter();
            while let Some(arg) = i.next() {
                let mut verdi = || i.next().cloned().ok_or_else(|| CliFeil::Parameter(format!("{arg} mangler en verdi.")));
                match arg.as_str() {
                    "--fra" => fra = Some(verdi()?),
                    "--til" => til = Some(verdi()?),
                    "--format" => format = verdi()?,
                    annet => return Err(CliFeil::Parameter(format!("Ukjent valg: {annet}"))),
                }
            }
            if format != "text" && format != "json" {
                return Err(CliFeil::Parameter(format!("--format må være text eller json, ikke «{format}».")));
            }
            let periode = api::les_periode(fra.as_deref(), til.as_deref()).map_err(|e| CliFeil::Parameter(e.feil))?;
            let db = koble_til(&konfig).await?;
            let oversikt = statistikk::landsoversikt(&db, periode, klokke.idag()).await.map_err(|e| match e {
                Statistikkfeil::Ugyldig(feil) => CliFeil::Parameter(feil.to_string()),
                Statistikkfeil::Db(feil) => CliFeil::Db(feil),
            })?;
            if format == "json" {
                println!("{}", serde_json::to_string(&oversikt).unwrap_or_default());
            } else {
                println!("{}", oversikt.oppsummering);
            }
            Ok(())
        }
        "bruker" if resten.first().map(String::as_str) == Some("ny") => {
            let mut epost = None;
            let mut organisasjon = None;
            let mut navn = None;
            let mut roller = Vec::new();
            let mut i = resten[1..].iter();
            while let Some(arg) = i.next() {
                let mut verdi = || i.next().cloned().ok_or_else(|| CliFeil::Parameter(format!("{arg} mangler en verdi.")));
                match arg.as_str() {
                    "--epost" => epost = Some(verdi()?),
                    "--organisasjon" => organisasjon = Some(verdi()?),
                    "--navn" => navn = Some(verdi()?),
                    "--rolle" => {
                        let kode = verdi()?;
                        roller.push(Rolle::fra_kode(&kode).ok_or_else(|| CliFeil::Parameter(format!("Ukjent rolle: {kode}")))?);
                    }
                    annet => return Err(CliFeil::Parameter(format!("Ukjent valg: {annet}"))),
                }
            }
            let epost = epost.ok_or_else(|| CliFeil::Parameter("--epost mangler.".into()))?;
            let organisasjon = organisasjon.ok_or_else(|| CliFeil::Parameter("--organisasjon mangler.".into()))?;
            // The password comes from standard input, never from the arguments (which other
            // users of the machine can read in the process list).
            let mut passord = String::new();
            std::io::stdin().read_line(&mut passord).map_err(|e| CliFeil::Parameter(format!("Kunne ikke lese passordet: {e}")))?;
            let passord = passord.trim_end_matches(['\n', '\r']);
            let db = koble_til(&konfig).await?;
            // Granted from the command line, written to the audit log as such.
            let ny = db::brukere::NyBruker::ny(
                &epost,
                navn.as_deref().unwrap_or(&epost),
                &organisasjon,
                &roller,
                (!passord.is_empty()).then_some(passord),
            )
            .await?;
            let id = db::brukere::opprett_av(&db, &Aktoer::Systemet(Systemaktoer::kommandolinjen()), &ny, klokke.naa()).await?;
            println!("Opprettet bruker {id} ({epost}).");
            Ok(())
        }
        "revisjon" if resten.first().map(String::as_str) == Some("verifiser") => verifiser_revisjonsloggen(&konfig).await,
        "revisjon" if resten.first().map(String::as_str) == Some("forankre") => {
            let (noekkel, ny) = forankring::noekkel_for_forankring(&konfig.forankring, konfig.produksjon)?;
            if ny {
                eprintln!(
                    "Advarsel: nøkkelfilen {} fantes ikke og er laget nå (bare utenfor produksjon). Offentlig nøkkel: {}",
                    konfig.forankring.noekkelfil.display(),
                    db::forankring::offentlig_hex(&noekkel.offentlig())
                );
            }
            let db = koble_til(&konfig).await?;
            match forankring::forankre(&db, &noekkel, &konfig.forankring, klokke.naa()).await? {
                Some(k) => println!(
                    "Kontrollpunkt skrevet til {}: {} rader, siste rad {} med hash {}, signert {}.",
                    konfig.forankring.fil.display(),
                    k.rader,
                    k.hode_id,
                    k.hode_hash,
                    k.tidspunkt
                ),
                None => println!("Revisjonsloggen er tom; ingen kontrollpunkt skrevet."),
            }
            Ok(())
        }
        "revisjon" if resten.get(..2).is_some_and(|r| r[0] == "nokkel" && r[1] == "ny") => {
            let sti = match &resten[2..] {
                [] => konfig.forankring.noekkelfil.clone(),
                [valg, sti] if valg == "--fil" => sti.into(),
                _ => return Err(CliFeil::Parameter("Bruk: klagesak revisjon nokkel ny [--fil STI]".into())),
            };
            let offentlig = forankring::ny_noekkel(&sti)?;
            println!("Nøkkelfilen {} er laget (bare eieren kan lese den).", sti.display());
            println!("Offentlig nøkkel (gi den til revisor, og sett KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL):");
            println!("{}", db::forankring::offentlig_hex(&offentlig));
            Ok(())
        }
        "nokkel" if resten.first().map(String::as_str) == Some("ny") => {
            let sti = &konfig.noekkelfil;
            if sti.exists() {
                return Err(CliFeil::NoekkelfilFinnes(sti.display().to_string()));
            }
            db::fnr::noekkelfil::skriv(sti, &db::fnr::Noekkelring::ny())?;
            println!("Laget nøkkelfila {} med en ny nøkkel. Ta sikkerhetskopi av den, adskilt fra databasen.", sti.display());
            Ok(())
        }
        "nokkel" if resten.first().map(String::as_str) == Some("roter") => {
            let db = koble_til(&konfig).await?;
            let svar = db::fnr::roter(&db, &konfig.noekkelfil).await?;
            if svar.fortsatt {
                println!("Fortsatte en avbrutt rotasjon.");
            }
            println!(
                "Nøkkelen er rotert: {} fødselsnumre er kryptert på nytt med nøkkel {}, og de gamle nøklene er fjernet fra {}. \
                 Start appen på nytt, og ta sikkerhetskopi av nøkkelfila.",
                svar.omkryptert,
                svar.noekkel,
                konfig.noekkelfil.display()
            );
            Ok(())
        }
        "oidc" if resten.get(..2).is_some_and(|r| r[0] == "kobling" && r[1] == "ny") => ny_oidc_kobling(&konfig, &resten[2..]).await,
        "-h" | "--help" | "hjelp" => {
            println!("{BRUK}");
            Ok(())
        }
        annet => Err(CliFeil::Parameter(format!("Ukjent kommando: {annet}"))),
    }
}

/// `revisjon verifiser`: the chain, then every signed checkpoint against it.
async fn verifiser_revisjonsloggen(konfig: &Konfig) -> Result<(), CliFeil> {
    let db = koble_til(konfig).await?;
    let svar = db::revisjon::verifiser(&db).await?;
    if let Some(rad) = svar.foerste_brudd {
        return Err(CliFeil::BruttKjede(rad));
    }
    println!("Revisjonsloggen er hel: {} rader kontrollert.", svar.rader);
    match forankring::kontroller(&db, &konfig.forankring).await? {
        None => println!("Ingen kontrollpunkter å kontrollere ({} finnes ikke).", konfig.forankring.fil.display()),
        Some(k) => match k.siste {
            None => println!("Ingen kontrollpunkter å kontrollere ({} er tom).", konfig.forankring.fil.display()),
            Some(siste) => println!(
                "Alle {} kontrollpunkter stemmer; det siste ({}) gjelder {} rader til og med rad {}.",
                k.antall, siste.tidspunkt, siste.rader, siste.hode_id
            ),
        },
    }
    Ok(())
}

/// `oidc kobling ny`: lets an identity at an OpenID Connect provider in, with an organisation
/// and roles. Written to the audit log as done by the command line.
async fn ny_oidc_kobling(konfig: &Konfig, argumenter: &[String]) -> Result<(), CliFeil> {
    use crate::domain::tilgang::Identitetsnoekkel;
    let (mut issuer, mut subjekt, mut epost, mut organisasjon) = (None, None, None, None);
    let mut roller = Vec::new();
    let mut i = argumenter.iter();
    while let Some(arg) = i.next() {
        let mut verdi = || i.next().cloned().ok_or_else(|| CliFeil::Parameter(format!("{arg} mangler en verdi.")));
        match arg.as_str() {
            "--issuer" => issuer = Some(verdi()?),
            "--subjekt" => subjekt = Some(verdi()?),
            "--epost" => epost = Some(verdi()?),
            "--organisasjon" => organisasjon = Some(verdi()?),
            "--rolle" => {
                let kode = verdi()?;
                roller.push(Rolle::fra_kode(&kode).ok_or_else(|| CliFeil::Parameter(format!("Ukjent rolle: {kode}")))?);
            }
            annet => return Err(CliFeil::Parameter(format!("Ukjent valg: {annet}"))),
        }
    }
    let issuer = issuer.ok_or_else(|| CliFeil::Parameter("--issuer mangler.".into()))?;
    let organisasjon = organisasjon.ok_or_else(|| CliFeil::Parameter("--organisasjon mangler.".into()))?;
    let noekkel = match (subjekt, epost) {
        (Some(s), None) => Identitetsnoekkel::Subjekt(s),
        (None, Some(e)) => Identitetsnoekkel::Epost(e),
        _ => return Err(CliFeil::Parameter("Oppgi enten --subjekt eller --epost.".into())),
    };
    let db = koble_til(konfig).await?;
    let id = db::oidc::ny_kobling(
        &db,
        &Aktoer::Systemet(Systemaktoer::kommandolinjen()),
        &issuer,
        &noekkel,
        &organisasjon,
        &roller,
        konfig.klokke.naa(),
    )
    .await?;
    println!("Opprettet OIDC-kobling {id}.");
    Ok(())
}

/// Creates one demo user per role. Refused in production, so demo passwords never open a
/// real register.
pub async fn opprett_demobrukere(db: &Database, konfig: &Konfig) -> Result<(), CliFeil> {
    if konfig.produksjon {
        return Err(CliFeil::Produksjon);
    }
    for (epost, navn, org, roller, passord) in DEMOBRUKERE {
        db::brukere::opprett(db, epost, navn, org, roller, Some(passord), konfig.klokke.naa()).await?;
    }
    Ok(())
}

fn skriv_demobrukere() {
    println!("Demobrukere (bare for demodata):");
    for (epost, _, org, roller, passord) in DEMOBRUKERE {
        let roller: Vec<&str> = roller.iter().map(|r| r.kode()).collect();
        println!("  {epost:<34} passord {passord:<24} {org} ({})", roller.join(", "));
    }
}

/// Loads the demo data through the same rules and repository as the web forms: every form
/// validated, every step taken through the state machine, each in its own transaction.
/// Refuses when the database already holds cases. No step is recorded later than the clock's
/// "now".
pub async fn last_demodata(db: &Database, klokke: Klokke) -> Result<usize, CliFeil> {
    let naa = klokke.naa();
    let antall = db.antall_klager().await?;
    if antall > 0 {
        return Err(CliFeil::IkkeTom(antall));
    }
    let referansedag = demo::referansedag();
    let demo_aktoer = Aktoer::Systemet(Systemaktoer::demodata());
    let saker = demo::generer();
    let ni = NaiveTime::from_hms_opt(9, 0, 0).expect("09:00");
    for (nummer, sak) in saker.iter().enumerate() {
        let ny = sak.skjema.valider(referansedag).map_err(|feil| CliFeil::Demo { nummer, grunn: format!("{feil:?}") })?;
        let tidspunkt = ny.mottatt_dato.and_time(ni).and_utc();
        let id =
            db::klager::registrer(db, &demo_aktoer, &ny, tidspunkt).await.map_err(|e| CliFeil::Demo { nummer, grunn: e.to_string() })?;
        let mut klage = None;
        for (i, steg) in sak.steg.iter().enumerate() {
            let tidspunkt = steg.dato.and_time(ni).and_utc() + chrono::Duration::minutes(i as i64 + 1);
            klage = Some(
                db::klager::utfoer_steg(db, &demo_aktoer, id, steg, tidspunkt.min(naa))
                    .await
                    .map_err(|e| CliFeil::Demo { nummer, grunn: e.to_string() })?,
            );
        }
        // A decision set aside goes back to the municipality, which decides again.
        let ny_behandling = klage.filter(|k| k.venter_paa_nytt_vedtak()).and_then(|k| k.avgjort_dato).and_then(demo::nytt_vedtak);
        if let Some((dato, notat)) = ny_behandling {
            db::klager::meld_nytt_vedtak(db, &demo_aktoer, id, dato, notat, dato.and_time(ni).and_utc().min(naa))
                .await
                .map_err(|e| CliFeil::Demo { nummer, grunn: e.to_string() })?;
        }
    }
    Ok(saker.len())
}
