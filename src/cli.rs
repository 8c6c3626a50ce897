//! The `klagesak` command line: `serve` (the default), `migrate`, `demo [--hvis-tom]` and
//! `statistikk --fra YYYY-MM-DD --til YYYY-MM-DD [--format text|json]`.

use std::process::ExitCode;

use chrono::{NaiveTime, Utc};

use crate::db::{self, Database};
use crate::demo;
use crate::server::{self, api, config::Konfig, Klokke};

const BRUK: &str = "Bruk: klagesak [serve | migrate | demo [--hvis-tom] | statistikk [--fra ÅÅÅÅ-MM-DD] [--til ÅÅÅÅ-MM-DD] [--format text|json]]";

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
}

/// Runs the command and turns errors into a message and exit code 1 (2 for usage errors).
pub async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
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

async fn koble_til() -> Result<Database, CliFeil> {
    let konfig = Konfig::fra_miljo()?;
    let db = Database::koble_til(&konfig.database_url).await?;
    db.migrer().await?;
    Ok(db)
}

async fn kjoer(argumenter: &[String]) -> Result<(), CliFeil> {
    let (kommando, resten) = match argumenter.split_first() {
        Some((k, r)) => (k.as_str(), r),
        None => ("serve", &[][..]),
    };
    match kommando {
        "serve" => {
            let db = koble_til().await?;
            server::serve(db).await.map_err(|e| CliFeil::Server(e.to_string()))
        }
        "migrate" => {
            koble_til().await?;
            println!("Databasen er migrert.");
            Ok(())
        }
        "demo" => {
            let hvis_tom = resten.iter().any(|a| a == "--hvis-tom");
            let db = koble_til().await?;
            match last_demodata(&db).await {
                Ok(antall) => {
                    println!("Lastet inn {antall} demosaker.");
                    Ok(())
                }
                Err(CliFeil::IkkeTom(n)) if hvis_tom => {
                    println!("Databasen har allerede {n} klagesaker; demodata lastes ikke inn.");
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
            let db = koble_til().await?;
            let oversikt = api::landsoversikt(&db, periode, Klokke::System.idag()).await?;
            if format == "json" {
                println!("{}", serde_json::to_string(&oversikt).unwrap_or_default());
            } else {
                println!("{}", oversikt.oppsummering);
            }
            Ok(())
        }
        "-h" | "--help" | "hjelp" => {
            println!("{BRUK}");
            Ok(())
        }
        annet => Err(CliFeil::Parameter(format!("Ukjent kommando: {annet}"))),
    }
}

/// Loads the demo data through the same rules and repository as the web forms: every form
/// validated, every step taken through the state machine, each in its own transaction.
/// Refuses when the database already holds cases.
pub async fn last_demodata(db: &Database) -> Result<usize, CliFeil> {
    let antall = db.antall_klager().await?;
    if antall > 0 {
        return Err(CliFeil::IkkeTom(antall));
    }
    let referansedag = demo::referansedag();
    let saker = demo::generer();
    let ni = NaiveTime::from_hms_opt(9, 0, 0).expect("09:00");
    for (nummer, sak) in saker.iter().enumerate() {
        let ny = sak.skjema.valider(referansedag).map_err(|feil| CliFeil::Demo { nummer, grunn: format!("{feil:?}") })?;
        let tidspunkt = ny.mottatt_dato.and_time(ni).and_utc();
        let id = db::klager::registrer(db, &ny, tidspunkt).await?;
        for (i, steg) in sak.steg.iter().enumerate() {
            let tidspunkt = steg.dato.and_time(ni).and_utc() + chrono::Duration::minutes(i as i64 + 1);
            db::klager::utfoer_steg(db, id, steg, tidspunkt.min(Utc::now()))
                .await
                .map_err(|e| CliFeil::Demo { nummer, grunn: e.to_string() })?;
        }
    }
    Ok(saker.len())
}
