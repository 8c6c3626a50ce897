//! Storage: the connection pool, migrations and reference data, on SQLite or PostgreSQL.
//!
//! Both engines are reached through sqlx's `Any` driver with one set of queries: `$1`
//! placeholders, `BIGINT` integers, and dates kept as ISO-8601 text (the `Any` driver has no
//! date types, and ISO text sorts and compares correctly on both). Only the DDL differs, so
//! each engine has its own migrations folder.

pub mod brukere;
pub mod dokumenter;
pub mod dokumentlager;
pub mod fnr;
pub mod forankring;
pub mod klager;
mod kolonne;
pub mod oidc;
pub mod revisjon;
pub mod roller;
pub mod statistikk;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

use crate::domain::referanse;

/// What can go wrong in storage. Internal details stay in the log; users see the message.
#[derive(Debug, thiserror::Error)]
pub enum DbFeil {
    #[error("databasen svarte med en feil")]
    Sql(#[from] sqlx::Error),
    #[error("migreringen av databasen feilet")]
    Migrering(#[from] sqlx::migrate::MigrateError),
    #[error("DATABASE_URL må begynne med sqlite:, postgres: eller postgresql: (fikk «{0}»)")]
    UkjentMotor(String),
    #[error("ugyldige data i databasen: {0}")]
    UgyldigeData(String),
    #[error("{0}")]
    Fnr(#[from] fnr::NoekkelFeil),
}

/// Which database engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motor {
    Sqlite,
    Postgres,
}

impl Motor {
    /// Reads the engine from a `DATABASE_URL`; anything else is refused.
    pub fn fra_url(url: &str) -> Result<Motor, DbFeil> {
        if url.starts_with("sqlite:") {
            Ok(Motor::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Motor::Postgres)
        } else {
            // Only the scheme is echoed: the rest of a URL may hold a password.
            let skjema = url.split(':').next().unwrap_or_default().to_owned();
            Err(DbFeil::UkjentMotor(skjema))
        }
    }
}

/// The database handle shared by the whole application.
#[derive(Clone, Debug)]
pub struct Database {
    pub pool: AnyPool,
    pub motor: Motor,
    /// The statistics' working set of this instance (see `statistikk`).
    pub statistikk: std::sync::Arc<statistikk::Statistikklager>,
    /// When the database last answered a check, and whether it did (see [`Database::svarer`]).
    helse: std::sync::Arc<std::sync::Mutex<Option<(std::time::Instant, bool)>>>,
    /// The keys of the fødselsnumre (see `fnr`): empty until [`Database::med_fnr_noekler`].
    pub fnr_noekler: std::sync::Arc<fnr::Noekkelring>,
}

/// How long a known answer to "does the database answer?" is kept.
const HELSE_GYLDIG: std::time::Duration = std::time::Duration::from_secs(1);
/// How long a check may take before the database counts as gone.
const HELSE_TIDSFRIST: std::time::Duration = std::time::Duration::from_millis(1000);

impl Database {
    /// Connects, creating the SQLite file (and its folder) if needed.
    pub async fn koble_til(url: &str) -> Result<Database, DbFeil> {
        sqlx::any::install_default_drivers();
        let motor = Motor::fra_url(url)?;
        let url = match motor {
            Motor::Sqlite => {
                let sti = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
                let sti = sti.split('?').next().unwrap_or_default();
                if let Some(mappe) = std::path::Path::new(sti).parent() {
                    if !mappe.as_os_str().is_empty() {
                        std::fs::create_dir_all(mappe).map_err(|e| DbFeil::UgyldigeData(e.to_string()))?;
                    }
                }
                if url.contains('?') {
                    url.to_owned()
                } else {
                    format!("{url}?mode=rwc")
                }
            }
            Motor::Postgres => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match motor {
                Motor::Sqlite => 4,
                Motor::Postgres => 10,
            })
            // A database server that has gone away fails a request within seconds, not after
            // the default half minute (SQLite's file is always there; its lock waits stay).
            .acquire_timeout(match motor {
                Motor::Sqlite => std::time::Duration::from_secs(30),
                Motor::Postgres => std::time::Duration::from_secs(2),
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if motor == Motor::Sqlite {
                        // WAL lets readers and the single writer work at the same time;
                        // foreign keys are off by default in SQLite.
                        sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA busy_timeout = 5000").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        Ok(Database { pool, motor, statistikk: Default::default(), helse: Default::default(), fnr_noekler: Default::default() })
    }

    /// This handle with the keys the fødselsnumre are encrypted with (from the key file).
    pub fn med_fnr_noekler(mut self, noekler: impl Into<std::sync::Arc<fnr::Noekkelring>>) -> Database {
        self.fnr_noekler = noekler.into();
        self
    }

    /// Runs the migrations of this engine if any is pending, encrypts any fødselsnummer still in
    /// clear text (`fnr::krypter_klartekst`), then makes sure the reference data are current.
    ///
    /// When every migration is applied, nothing is run: the application's own login on
    /// PostgreSQL (see [`roller`]) may not create tables, not even sqlx's bookkeeping table
    /// that `run` creates if missing, so the server can start as that role once the owner has
    /// migrated.
    pub async fn migrer(&self) -> Result<(), DbFeil> {
        let migreringer = match self.motor {
            Motor::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Motor::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        if !self.alt_er_migrert(&migreringer).await {
            migreringer.run(&self.pool).await?;
        }
        fnr::krypter_klartekst(self).await?;
        self.last_referansedata().await
    }

    /// Whether the applied migrations are exactly these, each with the same checksum. Anything
    /// else (none applied, one pending, changed, failed or unknown) is left to `run`, which
    /// migrates or says what is wrong.
    async fn alt_er_migrert(&self, migreringer: &sqlx::migrate::Migrator) -> bool {
        // Asked first, rather than letting the query below fail on a fresh database: a query
        // that fails can leave its connection outside the pool's reach for a while.
        let tabellen = match self.motor {
            Motor::Sqlite => "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
            Motor::Postgres => "SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_sqlx_migrations'",
        };
        let finnes = sqlx::query(tabellen).fetch_one(&self.pool).await.and_then(|r| r.try_get::<i64, _>("n"));
        if !matches!(finnes, Ok(1)) {
            return false;
        }
        let Ok(rader) = sqlx::query("SELECT version, checksum FROM _sqlx_migrations WHERE success").fetch_all(&self.pool).await else {
            return false;
        };
        let anvendt: Option<std::collections::BTreeSet<(i64, Vec<u8>)>> =
            rader.iter().map(|r| Some((r.try_get("version").ok()?, r.try_get("checksum").ok()?))).collect();
        let kjent: std::collections::BTreeSet<(i64, Vec<u8>)> =
            migreringer.iter().filter(|m| !m.migration_type.is_down_migration()).map(|m| (m.version, m.checksum.to_vec())).collect();
        anvendt.is_some_and(|a| a == kjent)
    }

    /// Upserts the offices, counties and municipalities from `referansedata/`, in one
    /// transaction, so that a changed population figure or name reaches the database.
    async fn last_referansedata(&self) -> Result<(), DbFeil> {
        let mut tx = self.pool.begin().await?;
        for s in referanse::statsforvaltere() {
            sqlx::query(
                "INSERT INTO statsforvalter (kode, navn_nb, navn_nn) VALUES ($1, $2, $3) \
                 ON CONFLICT (kode) DO UPDATE SET navn_nb = excluded.navn_nb, navn_nn = excluded.navn_nn",
            )
            .bind(&s.kode)
            .bind(&s.navn_nb)
            .bind(&s.navn_nn)
            .execute(&mut *tx)
            .await?;
        }
        for f in referanse::fylker() {
            sqlx::query(
                "INSERT INTO fylke (nummer, navn, statsforvalter) VALUES ($1, $2, $3) \
                 ON CONFLICT (nummer) DO UPDATE SET navn = excluded.navn, statsforvalter = excluded.statsforvalter",
            )
            .bind(&f.nummer)
            .bind(&f.navn)
            .bind(&f.statsforvalter)
            .execute(&mut *tx)
            .await?;
        }
        for k in referanse::kommuner() {
            let maalform = match k.maalform {
                referanse::Maalform::Nb => "nb",
                referanse::Maalform::Nn => "nn",
                referanse::Maalform::Neutral => "neutral",
            };
            sqlx::query(
                "INSERT INTO kommune (nummer, navn, annet_navn, fylke, statsforvalter, maalform, innbyggere) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (nummer) DO UPDATE SET navn = excluded.navn, annet_navn = excluded.annet_navn, \
                 fylke = excluded.fylke, statsforvalter = excluded.statsforvalter, maalform = excluded.maalform, \
                 innbyggere = excluded.innbyggere",
            )
            .bind(&k.nummer)
            .bind(&k.navn)
            .bind(k.annet_navn.as_deref())
            .bind(&k.fylke)
            .bind(&k.statsforvalter)
            .bind(maalform)
            .bind(i64::from(k.innbyggere))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a transaction that reads first and writes later would otherwise
    /// fail with "database is locked" when another connection commits in between, and every
    /// logged page view is such a commit. PostgreSQL locks rows as it goes.
    pub async fn begynn_skriving(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.motor {
            Motor::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Motor::Postgres => self.pool.begin().await,
        }
    }

    /// Whether the database server answers: a round trip of at most a second, made at most once
    /// a second by whichever request asks first (the others use its answer). Requests are
    /// turned away quickly while it is gone, and served again as soon as it is back.
    pub async fn svarer(&self) -> bool {
        // An embedded SQLite file does not go away; its lock waits are not an outage.
        if self.motor == Motor::Sqlite {
            return true;
        }
        let kjent = *self.helse.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, svar)) = kjent.filter(|(naar, _)| naar.elapsed() < HELSE_GYLDIG) {
            return svar;
        }
        // Every connection busy means they were working a moment ago: a check would only wait
        // in the queue and mistake load for an outage.
        if self.pool.num_idle() == 0 && self.pool.size() >= self.pool.options().get_max_connections() {
            return kjent.is_none_or(|(_, svar)| svar);
        }
        let svar = matches!(tokio::time::timeout(HELSE_TIDSFRIST, self.ping()).await, Ok(Ok(())));
        *self.helse.lock().unwrap_or_else(|e| e.into_inner()) = Some((std::time::Instant::now(), svar));
        svar
    }

    /// A cheap round trip, for the health check.
    pub async fn ping(&self) -> Result<(), DbFeil> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// How many complaints are registered.
    pub async fn antall_klager(&self) -> Result<i64, DbFeil> {
        let rad: AnyRow = sqlx::query("SELECT COUNT(*) AS n FROM klage").fetch_one(&self.pool).await?;
        Ok(rad.try_get("n")?)
    }
}

/// Writes a date as ISO text.
pub(crate) fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_and_postgres_urls_are_accepted() {
        assert_eq!(Motor::fra_url("sqlite:data/k.db").unwrap(), Motor::Sqlite);
        assert_eq!(Motor::fra_url("postgres://x@h/db").unwrap(), Motor::Postgres);
        assert_eq!(Motor::fra_url("postgresql://x@h/db").unwrap(), Motor::Postgres);
        let feil = Motor::fra_url("mysql://root:hemmelig@h/db").unwrap_err();
        assert!(feil.to_string().contains("«mysql»"));
        assert!(!feil.to_string().contains("hemmelig"));
    }
}
