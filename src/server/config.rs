//! Typed configuration: defaults, then the environment. A bad value stops start-up with the
//! variable's name, and the database password never reaches a log (`Debug` redacts it).
//!
//! | Variable | Meaning |
//! |---|---|
//! | `DATABASE_URL` | the database (default: a SQLite file under `data/`) |
//! | `KLAGESAK_MILJO` | `produksjon` in production: no demo users, no moved clock |
//! | `KLAGESAK_IDAG` | `YYYY-MM-DD`: the app and the CLI run as if today were that day (tests, demos) |

use chrono::NaiveDate;

use crate::db::{DbFeil, Motor};
use crate::server::Klokke;

/// Where the embedded SQLite database lives when `DATABASE_URL` is not set.
pub const STANDARD_DATABASE_URL: &str = "sqlite:data/klagesak.db";

#[derive(Clone)]
pub struct Konfig {
    pub database_url: String,
    pub motor: Motor,
    /// `KLAGESAK_MILJO=produksjon`.
    pub produksjon: bool,
    /// The system clock, or the clock moved to `KLAGESAK_IDAG`.
    pub klokke: Klokke,
}

impl std::fmt::Debug for Konfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Konfig")
            .field("database_url", &skjul_passord(&self.database_url))
            .field("motor", &self.motor)
            .field("produksjon", &self.produksjon)
            .field("klokke", &self.klokke)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn skjul_passord(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(start), Some(slutt)) if start + 3 < slutt => {
            let brukerdel = &url[start + 3..slutt];
            match brukerdel.split_once(':') {
                Some((bruker, _)) => format!("{}{}:***{}", &url[..start + 3], bruker, &url[slutt..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KonfigFeil {
    #[error("DATABASE_URL: {0}")]
    Database(#[from] DbFeil),
    #[error("KLAGESAK_IDAG: «{0}» er ikke en dato på formen ÅÅÅÅ-MM-DD.")]
    UgyldigIdag(String),
    #[error("KLAGESAK_IDAG kan ikke brukes når KLAGESAK_MILJO=produksjon: produksjonen går alltid på systemklokka.")]
    IdagIProduksjon,
}

impl Konfig {
    /// Reads the process environment (see the table at the top).
    pub fn fra_miljo() -> Result<Konfig, KonfigFeil> {
        Konfig::fra(|navn| std::env::var(navn).ok())
    }

    /// Reads the variables through `les`, so that tests need not touch the process environment.
    pub fn fra(les: impl Fn(&str) -> Option<String>) -> Result<Konfig, KonfigFeil> {
        let les = |navn: &str| les(navn).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let database_url = les("DATABASE_URL").unwrap_or_else(|| STANDARD_DATABASE_URL.to_owned());
        let motor = Motor::fra_url(&database_url)?;
        let produksjon = les("KLAGESAK_MILJO").is_some_and(|m| m == "produksjon");
        let klokke = match les("KLAGESAK_IDAG") {
            None => Klokke::System,
            Some(_) if produksjon => return Err(KonfigFeil::IdagIProduksjon),
            Some(tekst) => {
                let idag = NaiveDate::parse_from_str(&tekst, "%Y-%m-%d").map_err(|_| KonfigFeil::UgyldigIdag(tekst.clone()))?;
                Klokke::flyttet_til(idag)
            }
        };
        Ok(Konfig { database_url, motor, produksjon, klokke })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(skjul_passord("postgres://klage:hemmelig@db:5432/k"), "postgres://klage:***@db:5432/k");
        assert_eq!(skjul_passord("sqlite:data/klagesak.db"), "sqlite:data/klagesak.db");
        let k = Konfig { database_url: "postgres://a:b@c/d".into(), motor: Motor::Postgres, produksjon: false, klokke: Klokke::System };
        assert!(!format!("{k:?}").contains(":b@"));
    }

    fn konfig(variabler: &[(&str, &str)]) -> Result<Konfig, KonfigFeil> {
        Konfig::fra(|navn| variabler.iter().find(|(n, _)| *n == navn).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn klagesak_idag_moves_the_clock_to_that_day() {
        let k = konfig(&[("KLAGESAK_IDAG", "2026-11-23")]).unwrap();
        assert_eq!(k.klokke.idag(), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(konfig(&[]).unwrap().klokke, Klokke::System);
        assert_eq!(konfig(&[("KLAGESAK_IDAG", "  ")]).unwrap().klokke, Klokke::System);
    }

    #[test]
    fn klagesak_idag_is_refused_when_malformed_or_in_production() {
        for feil in ["23.11.2026", "2026-02-30", "i dag"] {
            let svar = konfig(&[("KLAGESAK_IDAG", feil)]);
            assert!(matches!(svar, Err(KonfigFeil::UgyldigIdag(ref t)) if t == feil), "{feil}: {svar:?}");
        }
        let svar = konfig(&[("KLAGESAK_IDAG", "2026-11-23"), ("KLAGESAK_MILJO", "produksjon")]);
        assert!(matches!(svar, Err(KonfigFeil::IdagIProduksjon)), "{svar:?}");
        assert!(svar.unwrap_err().to_string().contains("KLAGESAK_IDAG"));
        assert!(konfig(&[("KLAGESAK_MILJO", "produksjon")]).unwrap().produksjon);
    }
}
