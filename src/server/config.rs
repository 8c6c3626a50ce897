//! Typed configuration: defaults, then the environment. A bad value stops start-up with the
//! variable's name, and the database password never reaches a log (`Debug` redacts it).
//!
//! | Variable | Meaning |
//! |---|---|
//! | `DATABASE_URL` | the database (default: a SQLite file under `data/`); with two roles, the application's login |
//! | `KLAGESAK_EIER_URL` | PostgreSQL: the login that owns the tables, for migrations (default: `DATABASE_URL`) |
//! | `KLAGESAK_APP_ROLLE` | PostgreSQL: the role the owner grants the app's rights to after migrating (`db::roller`) |
//! | `KLAGESAK_FORANKRINGSNOKKEL`, `KLAGESAK_FORANKRINGER`, `KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL` | the audit log's signed checkpoints: key file, checkpoint file, trusted public key (`tjenester::forankring`) |
//! | `KLAGESAK_MILJO` | `produksjon` in production: no demo users, no moved clock |
//! | `KLAGESAK_IDAG` | `YYYY-MM-DD`: the app and the CLI run as if today were that day (tests, demos) |
//! | `KLAGESAK_FEIL_PER_KONTO`, `…_PER_ADRESSE`, `KLAGESAK_SPERRETID_MIN`, `KLAGESAK_TOMGANG_MIN`, `KLAGESAK_OKT_TIMER` | login and session limits (`db::brukere::Grenser`) |
//! | `KLAGESAK_STATISTIKK_PER_MINUTT`, `KLAGESAK_STATISTIKK_STOET` | anonymous statistics requests per client |
//! | `KLAGESAK_BETRODDE_PROXYER` | reverse proxies whose `X-Forwarded-For` names the client |
//! | `KLAGESAK_NOKKELFIL` | the key file of the fødselsnumre (`db::fnr::noekkelfil`); required in production, else made under `data/` |
//! | `KLAGESAK_DOKUMENTLAGER` | where documents are kept: a folder (default `data/dokumenter`) or `s3://bucket` |
//! | `KLAGESAK_S3_ENDEPUNKT`, `KLAGESAK_S3_REGION`, `KLAGESAK_S3_NOEKKEL_ID`, `KLAGESAK_S3_HEMMELIGHET` | the S3-compatible store's endpoint, region and keys |
//! | `KLAGESAK_MAKS_DOKUMENT` | the largest document accepted, in bytes (default 25 MB) |
//! | `KLAGESAK_OIDC_ISSUER`, `…_KLIENT_ID`, `…_HEMMELIGHET`, `KLAGESAK_OFFENTLIG_URL` | OpenID Connect (all four, or none) |
//!
//! This is the only place that reads the environment (apart from Leptos's own `LEPTOS_*`).

use chrono::NaiveDate;

use super::klientadresse::BetroddeProxyer;
use super::oidc::{OidcKonfig, OidcKonfigFeil};
use super::statistikkgrense::Statistikkgrense;
use crate::db::brukere::Grenser;
use crate::db::dokumentlager::{Lageroppsett, STANDARD_DOKUMENTLAGER};
use crate::db::{forankring, roller, DbFeil, Motor};
use crate::tjenester::forankring::Forankringsoppsett;
use crate::tjenester::Klokke;

/// Where the embedded SQLite database lives when `DATABASE_URL` is not set.
pub const STANDARD_DATABASE_URL: &str = "sqlite:data/klagesak.db";

/// The key file of the fødselsnumre when `KLAGESAK_NOKKELFIL` is not set (never in
/// production), made with a new key on first start.
pub const STANDARD_NOEKKELFIL: &str = "data/klagesak.nokkel";

#[derive(Clone)]
pub struct Konfig {
    pub database_url: String,
    pub motor: Motor,
    /// `KLAGESAK_EIER_URL`: the owner's login, which migrates (PostgreSQL); `None`: `database_url`.
    pub eier_url: Option<String>,
    /// `KLAGESAK_APP_ROLLE`: granted the application's rights after each migration.
    pub app_rolle: Option<String>,
    /// Where the audit log's checkpoints and their key are.
    pub forankring: Forankringsoppsett,
    /// `KLAGESAK_MILJO=produksjon`.
    pub produksjon: bool,
    /// The system clock, or the clock moved to `KLAGESAK_IDAG`.
    pub klokke: Klokke,
    pub grenser: Grenser,
    pub statistikkgrense: Statistikkgrense,
    pub proxyer: BetroddeProxyer,
    /// The key file of the fødselsnumre: `KLAGESAK_NOKKELFIL`, or outside production
    /// [`STANDARD_NOEKKELFIL`]. Only the path: the keys are read when the database is opened.
    pub noekkelfil: std::path::PathBuf,
    /// `None` when OpenID Connect is off.
    pub oidc: Option<OidcKonfig>,
    /// Where documents are kept (`KLAGESAK_DOKUMENTLAGER` and the `KLAGESAK_S3_*` variables).
    pub dokumentlager: Lageroppsett,
    /// `KLAGESAK_MAKS_DOKUMENT`: the largest document accepted, in bytes.
    pub maks_dokument: u64,
}

impl std::fmt::Debug for Konfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Konfig")
            .field("database_url", &skjul_passord(&self.database_url))
            .field("motor", &self.motor)
            .field("eier_url", &self.eier_url.as_deref().map(skjul_passord))
            .field("app_rolle", &self.app_rolle)
            .field("forankring", &self.forankring)
            .field("produksjon", &self.produksjon)
            .field("klokke", &self.klokke)
            .field("grenser", &self.grenser)
            .field("statistikkgrense", &self.statistikkgrense)
            .field("proxyer", &self.proxyer)
            .field("noekkelfil", &self.noekkelfil)
            .field("oidc", &self.oidc)
            .field("dokumentlager", &self.dokumentlager)
            .field("maks_dokument", &self.maks_dokument)
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
    #[error("KLAGESAK_NOKKELFIL må være satt når KLAGESAK_MILJO=produksjon: fila med nøklene til fødselsnumrene skal ligge utenfor data/, med egen sikkerhetskopi.")]
    NoekkelfilIProduksjon,
    #[error("{0}")]
    Proxyer(String),
    #[error("{0}")]
    Oidc(#[from] OidcKonfigFeil),
    #[error("{0} gjelder bare PostgreSQL, og både DATABASE_URL og KLAGESAK_EIER_URL må da peke på PostgreSQL.")]
    BarePostgres(&'static str),
    #[error("KLAGESAK_APP_ROLLE: «{0}» er ikke et rollenavn (små bokstaver, sifre og _, ikke først et siffer).")]
    UgyldigRolle(String),
    #[error("KLAGESAK_MAKS_DOKUMENT: «{0}» er ikke et positivt antall byte.")]
    UgyldigMaksDokument(String),
    #[error("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL: {0}.")]
    OffentligNoekkel(String),
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
        let eier_url = les("KLAGESAK_EIER_URL");
        let eier_motor = eier_url.as_deref().map(Motor::fra_url).transpose()?;
        if eier_motor.is_some_and(|m| m != Motor::Postgres || motor != Motor::Postgres) {
            return Err(KonfigFeil::BarePostgres("KLAGESAK_EIER_URL"));
        }
        let app_rolle = les("KLAGESAK_APP_ROLLE");
        match &app_rolle {
            Some(_) if eier_motor.unwrap_or(motor) != Motor::Postgres => return Err(KonfigFeil::BarePostgres("KLAGESAK_APP_ROLLE")),
            Some(navn) if !roller::gyldig_rollenavn(navn) => return Err(KonfigFeil::UgyldigRolle(navn.clone())),
            _ => {}
        }
        let standard = Forankringsoppsett::default();
        let forankring = Forankringsoppsett {
            noekkelfil: les("KLAGESAK_FORANKRINGSNOKKEL").map_or(standard.noekkelfil, Into::into),
            fil: les("KLAGESAK_FORANKRINGER").map_or(standard.fil, Into::into),
            offentlig: les("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL")
                .map(|hex| forankring::offentlig_fra_hex(&hex))
                .transpose()
                .map_err(|e| KonfigFeil::OffentligNoekkel(e.to_string()))?,
        };
        let produksjon = les("KLAGESAK_MILJO").is_some_and(|m| m == "produksjon");
        let klokke = match les("KLAGESAK_IDAG") {
            None => Klokke::System,
            Some(_) if produksjon => return Err(KonfigFeil::IdagIProduksjon),
            Some(tekst) => {
                let idag = NaiveDate::parse_from_str(&tekst, "%Y-%m-%d").map_err(|_| KonfigFeil::UgyldigIdag(tekst.clone()))?;
                Klokke::flyttet_til(idag)
            }
        };
        let noekkelfil = match les("KLAGESAK_NOKKELFIL") {
            Some(sti) => std::path::PathBuf::from(sti),
            None if produksjon => return Err(KonfigFeil::NoekkelfilIProduksjon),
            None => std::path::PathBuf::from(STANDARD_NOEKKELFIL),
        };
        // A limit is a positive whole number; anything else keeps the default.
        let tall = |navn: &str| les(navn).and_then(|v| v.parse::<i64>().ok()).filter(|n| *n > 0);
        let dokumentlager = Lageroppsett {
            url: les("KLAGESAK_DOKUMENTLAGER").unwrap_or_else(|| STANDARD_DOKUMENTLAGER.to_owned()),
            s3_endepunkt: les("KLAGESAK_S3_ENDEPUNKT"),
            s3_region: les("KLAGESAK_S3_REGION"),
            s3_noekkel_id: les("KLAGESAK_S3_NOEKKEL_ID"),
            s3_hemmelighet: les("KLAGESAK_S3_HEMMELIGHET"),
        };
        let maks_dokument = match les("KLAGESAK_MAKS_DOKUMENT") {
            None => crate::domain::dokument::STANDARD_MAKS_DOKUMENT,
            Some(tekst) => tekst.parse::<u64>().ok().filter(|n| *n > 0).ok_or(KonfigFeil::UgyldigMaksDokument(tekst))?,
        };
        Ok(Konfig {
            dokumentlager,
            maks_dokument,
            database_url,
            motor,
            eier_url,
            app_rolle,
            forankring,
            produksjon,
            klokke,
            grenser: Grenser::fra(tall),
            statistikkgrense: Statistikkgrense::fra(tall),
            proxyer: BetroddeProxyer::fra(les("KLAGESAK_BETRODDE_PROXYER").as_deref()).map_err(KonfigFeil::Proxyer)?,
            noekkelfil,
            oidc: OidcKonfig::fra(les)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(skjul_passord("postgres://klage:hemmelig@db:5432/k"), "postgres://klage:***@db:5432/k");
        assert_eq!(skjul_passord("sqlite:data/klagesak.db"), "sqlite:data/klagesak.db");
        let k = konfig(&[
            ("DATABASE_URL", "postgres://a:b@c/d"),
            ("KLAGESAK_OIDC_HEMMELIGHET", "s3kret"),
            ("KLAGESAK_OIDC_ISSUER", "https://idp.example"),
            ("KLAGESAK_OIDC_KLIENT_ID", "klagesak"),
            ("KLAGESAK_OFFENTLIG_URL", "https://klagesak.example"),
        ])
        .unwrap();
        let tekst = format!("{k:?}");
        assert!(!tekst.contains(":b@") && !tekst.contains("s3kret"), "{tekst}");
        let k = konfig(&[("DATABASE_URL", "postgres://app:a@c/d"), ("KLAGESAK_EIER_URL", "postgres://eier:hemmelig@c/d")]).unwrap();
        let tekst = format!("{k:?}");
        assert!(tekst.contains("eier:***@") && !tekst.contains("hemmelig"), "{tekst}");
    }

    fn konfig(variabler: &[(&str, &str)]) -> Result<Konfig, KonfigFeil> {
        Konfig::fra(|navn| variabler.iter().find(|(n, _)| *n == navn).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn the_document_store_and_its_limit() {
        let k = konfig(&[]).unwrap();
        assert_eq!((k.dokumentlager.url.as_str(), k.maks_dokument), ("data/dokumenter", 25 * 1024 * 1024));
        let k = konfig(&[
            ("KLAGESAK_DOKUMENTLAGER", "s3://klagesak"),
            ("KLAGESAK_S3_ENDEPUNKT", "http://127.0.0.1:9000"),
            ("KLAGESAK_S3_HEMMELIGHET", "s3kret"),
            ("KLAGESAK_MAKS_DOKUMENT", "1048576"),
        ])
        .unwrap();
        assert_eq!((k.dokumentlager.url.as_str(), k.maks_dokument), ("s3://klagesak", 1024 * 1024));
        assert!(!format!("{k:?}").contains("s3kret"));
        for feil in ["0", "-1", "25MB"] {
            assert!(matches!(konfig(&[("KLAGESAK_MAKS_DOKUMENT", feil)]), Err(KonfigFeil::UgyldigMaksDokument(_))), "{feil}");
        }
    }

    #[test]
    fn every_setting_is_read_here() {
        let k = konfig(&[
            ("KLAGESAK_FEIL_PER_KONTO", "3"),
            ("KLAGESAK_OKT_TIMER", "2"),
            ("KLAGESAK_STATISTIKK_PER_MINUTT", "7"),
            ("KLAGESAK_STATISTIKK_STOET", "nei"),
            ("KLAGESAK_BETRODDE_PROXYER", "10.0.0.1, 10.0.0.2"),
        ])
        .unwrap();
        assert_eq!((k.grenser.feil_per_konto, k.grenser.absolutt), (3, chrono::Duration::hours(2)));
        assert_eq!(k.statistikkgrense.per_minutt, 7);
        assert_eq!(k.statistikkgrense.stoet, Statistikkgrense::default().stoet, "not a number: the default");
        assert_eq!(k.proxyer.klientadresse(Some("10.0.0.2".parse().unwrap()), Some("203.0.113.9")), "203.0.113.9");
        assert!(k.oidc.is_none());
        assert!(matches!(konfig(&[("KLAGESAK_BETRODDE_PROXYER", "proxy.example")]), Err(KonfigFeil::Proxyer(_))));
        assert!(matches!(konfig(&[("KLAGESAK_OIDC_ISSUER", "https://idp.example")]), Err(KonfigFeil::Oidc(OidcKonfigFeil::Mangler(_)))));
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
        let produksjon = [("KLAGESAK_MILJO", "produksjon"), ("KLAGESAK_NOKKELFIL", "/etc/klagesak/nokkel")];
        assert!(konfig(&produksjon).unwrap().produksjon);
    }

    #[test]
    fn the_key_file_is_configured_and_required_in_production() {
        let k = konfig(&[("KLAGESAK_NOKKELFIL", " /etc/klagesak/nokkel ")]).unwrap();
        assert_eq!(k.noekkelfil, std::path::PathBuf::from("/etc/klagesak/nokkel"));
        assert_eq!(konfig(&[]).unwrap().noekkelfil, std::path::PathBuf::from(STANDARD_NOEKKELFIL));
        assert!(STANDARD_NOEKKELFIL.starts_with("data/"));
        let svar = konfig(&[("KLAGESAK_MILJO", "produksjon")]);
        assert!(matches!(svar, Err(KonfigFeil::NoekkelfilIProduksjon)), "{svar:?}");
        assert!(svar.unwrap_err().to_string().contains("KLAGESAK_NOKKELFIL må være satt"));
        let k = konfig(&[("KLAGESAK_MILJO", "produksjon"), ("KLAGESAK_NOKKELFIL", "/etc/klagesak/nokkel")]).unwrap();
        assert_eq!(k.noekkelfil, std::path::PathBuf::from("/etc/klagesak/nokkel"));
    }

    #[test]
    fn the_owner_login_and_the_app_role_are_read_for_postgres_only() {
        let k = konfig(&[
            ("DATABASE_URL", "postgres://klagesak_app@db/k"),
            ("KLAGESAK_EIER_URL", "postgres://klagesak_eier@db/k"),
            ("KLAGESAK_APP_ROLLE", "klagesak_app"),
        ])
        .unwrap();
        assert_eq!(k.eier_url.as_deref(), Some("postgres://klagesak_eier@db/k"));
        assert_eq!(k.app_rolle.as_deref(), Some("klagesak_app"));
        // Neither set: the one URL does everything, as before.
        let k = konfig(&[]).unwrap();
        assert_eq!((k.eier_url, k.app_rolle), (None, None));
        for variabler in [
            &[("KLAGESAK_EIER_URL", "postgres://eier@db/k")][..],
            &[("DATABASE_URL", "postgres://app@db/k"), ("KLAGESAK_EIER_URL", "sqlite:data/k.db")],
            &[("KLAGESAK_APP_ROLLE", "klagesak_app")],
        ] {
            let svar = konfig(variabler);
            assert!(matches!(svar, Err(KonfigFeil::BarePostgres(_))), "{variabler:?}: {svar:?}");
        }
        let svar = konfig(&[("DATABASE_URL", "postgres://a@db/k"), ("KLAGESAK_APP_ROLLE", "app; DROP TABLE revisjon")]);
        assert!(matches!(svar, Err(KonfigFeil::UgyldigRolle(_))), "{svar:?}");
    }

    #[test]
    fn the_checkpoint_settings_are_read_here() {
        let k = konfig(&[]).unwrap();
        assert_eq!(k.forankring, Forankringsoppsett::default());
        assert_eq!(k.forankring.fil, std::path::PathBuf::from("data/forankringer.jsonl"));
        let noekkel = forankring::Forankringsnoekkel::fra_hex(&"01".repeat(32)).unwrap();
        let offentlig = &forankring::offentlig_hex(&noekkel.offentlig());
        let k = konfig(&[
            ("KLAGESAK_FORANKRINGSNOKKEL", "/etc/klagesak/nokkel"),
            ("KLAGESAK_FORANKRINGER", "/var/lib/klagesak/forankringer.jsonl"),
            ("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL", offentlig),
        ])
        .unwrap();
        assert_eq!(k.forankring.noekkelfil, std::path::PathBuf::from("/etc/klagesak/nokkel"));
        assert_eq!(k.forankring.fil, std::path::PathBuf::from("/var/lib/klagesak/forankringer.jsonl"));
        assert_eq!(k.forankring.offentlig.map(|o| forankring::offentlig_hex(&o)).as_deref(), Some(offentlig.as_str()));
        let svar = konfig(&[("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL", "abc")]);
        assert!(matches!(svar, Err(KonfigFeil::OffentligNoekkel(_))), "{svar:?}");
        assert!(svar.unwrap_err().to_string().starts_with("KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL"));
    }
}
