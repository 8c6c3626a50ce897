//! Typed configuration: defaults, then the environment. A bad value stops start-up with the
//! variable's name, and the database password never reaches a log (`Debug` redacts it).

use crate::db::{DbFeil, Motor};

/// Where the embedded SQLite database lives when `DATABASE_URL` is not set.
pub const STANDARD_DATABASE_URL: &str = "sqlite:data/klagesak.db";

#[derive(Clone)]
pub struct Konfig {
    pub database_url: String,
    pub motor: Motor,
}

impl std::fmt::Debug for Konfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Konfig")
            .field("database_url", &skjul_passord(&self.database_url))
            .field("motor", &self.motor)
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
}

impl Konfig {
    /// Reads `DATABASE_URL` (default: a SQLite file under `data/`).
    pub fn fra_miljo() -> Result<Konfig, KonfigFeil> {
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| STANDARD_DATABASE_URL.to_owned());
        let motor = Motor::fra_url(&database_url)?;
        Ok(Konfig { database_url, motor })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(skjul_passord("postgres://klage:hemmelig@db:5432/k"), "postgres://klage:***@db:5432/k");
        assert_eq!(skjul_passord("sqlite:data/klagesak.db"), "sqlite:data/klagesak.db");
        let k = Konfig { database_url: "postgres://a:b@c/d".into(), motor: Motor::Postgres };
        assert!(!format!("{k:?}").contains(":b@"));
    }
}
