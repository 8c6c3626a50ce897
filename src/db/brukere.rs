//! Users, local passwords (argon2id), server-side sessions and the failed-login limit.
//!
//! A session token is 32 random bytes given to the browser once, in a `__Host-` cookie; the
//! database keeps only its SHA-256, so reading the table does not let anyone in. Sessions end
//! after 30 minutes idle or 12 hours in all, at logout, and when the user is deactivated.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Any, FromRow, Row, Transaction};

use super::{Database, DbFeil};
use crate::domain::id::{BrukerId, Embetekode};
use crate::domain::tilgang::{self, Aktoer, Bruker, Brukeroversikt, Organisasjon, Rolle, Tildelingsfeil};

/// The longest password checked, in bytes.
pub const MAKS_PASSORD: usize = 1024;

/// Limits for sessions and failed logins, configurable from the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grenser {
    pub tomgang: Duration,
    pub absolutt: Duration,
    pub feil_per_konto: i64,
    pub feil_per_adresse: i64,
    pub sperretid: Duration,
}

impl Default for Grenser {
    fn default() -> Self {
        Grenser {
            tomgang: Duration::minutes(30),
            absolutt: Duration::hours(12),
            feil_per_konto: 5,
            feil_per_adresse: 20,
            sperretid: Duration::minutes(15),
        }
    }
}

impl Grenser {
    /// Defaults, overridden by `KLAGESAK_FEIL_PER_KONTO`, `KLAGESAK_FEIL_PER_ADRESSE`,
    /// `KLAGESAK_SPERRETID_MIN`, `KLAGESAK_TOMGANG_MIN` and `KLAGESAK_OKT_TIMER` as `tall`
    /// reads them (a positive number, or `None`): see `server::config::Konfig`.
    pub fn fra(tall: impl Fn(&str) -> Option<i64>) -> Grenser {
        let mut g = Grenser::default();
        if let Some(n) = tall("KLAGESAK_FEIL_PER_KONTO") {
            g.feil_per_konto = n;
        }
        if let Some(n) = tall("KLAGESAK_FEIL_PER_ADRESSE") {
            g.feil_per_adresse = n;
        }
        if let Some(n) = tall("KLAGESAK_SPERRETID_MIN") {
            g.sperretid = Duration::minutes(n);
        }
        if let Some(n) = tall("KLAGESAK_TOMGANG_MIN") {
            g.tomgang = Duration::minutes(n);
        }
        if let Some(n) = tall("KLAGESAK_OKT_TIMER") {
            g.absolutt = Duration::hours(n);
        }
        g
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BrukerFeil {
    #[error(transparent)]
    Tildeling(#[from] Tildelingsfeil),
    #[error("passordet må ha minst 12 tegn")]
    SvaktPassord,
    #[error("det finnes allerede en bruker med e-postadressen {0}")]
    Finnes(String),
    #[error("passordet kunne ikke hashes")]
    Hashing,
    #[error(transparent)]
    Db(#[from] DbFeil),
}

impl From<sqlx::Error> for BrukerFeil {
    fn from(e: sqlx::Error) -> Self {
        BrukerFeil::Db(DbFeil::Sql(e))
    }
}

/// Why a login was refused. The first two look the same to the user on purpose.
#[derive(Debug, thiserror::Error)]
pub enum InnloggingFeil {
    #[error("feil e-post eller passord")]
    FeilPassord,
    #[error("for mange mislykkede forsøk")]
    Sperret,
    #[error(transparent)]
    Db(#[from] DbFeil),
}

impl From<sqlx::Error> for InnloggingFeil {
    fn from(e: sqlx::Error) -> Self {
        InnloggingFeil::Db(DbFeil::Sql(e))
    }
}

/// A session token as the browser holds it. Not `Debug`, `Display` or `Serialize`: it is
/// written to the cookie and nowhere else.
pub struct Okttoken(String);

impl Okttoken {
    fn ny() -> Okttoken {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Okttoken(hex::encode(bytes))
    }

    pub fn fra_cookie(verdi: &str) -> Okttoken {
        Okttoken(verdi.to_owned())
    }

    pub fn cookieverdi(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

fn hash_passord(passord: &str) -> Result<String, BrukerFeil> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(passord.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| BrukerFeil::Hashing)
}

/// Roles as stored: codes with delimiters at both ends, `,saksbehandler,leder,`.
pub(crate) fn rollekolonne(roller: &[Rolle]) -> String {
    format!(",{},", roller.iter().map(|r| r.kode()).collect::<Vec<_>>().join(","))
}

/// Reads the stored form of [`rollekolonne`].
pub(crate) fn les_roller(kolonne: &str) -> Vec<Rolle> {
    kolonne.split(',').filter_map(Rolle::fra_kode).collect()
}

/// The columns of a `bruker` row that make the user as the rules see them (no secrets).
#[derive(sqlx::FromRow)]
pub(crate) struct BrukerRad {
    id: BrukerId,
    epost: String,
    navn: String,
    organisasjon: String,
    roller: String,
}

impl TryFrom<BrukerRad> for Bruker {
    type Error = DbFeil;

    fn try_from(r: BrukerRad) -> Result<Bruker, DbFeil> {
        Ok(Bruker {
            id: r.id,
            epost: r.epost,
            navn: r.navn,
            organisasjon: Organisasjon::fra_kode(&r.organisasjon)
                .ok_or_else(|| DbFeil::UgyldigeData(format!("organisasjon {}", r.organisasjon)))?,
            roller: les_roller(&r.roller),
        })
    }
}

/// A user from a row holding at least [`BrukerRad`]'s columns.
pub(crate) fn les_bruker(rad: &AnyRow) -> Result<Bruker, DbFeil> {
    BrukerRad::from_row(rad)?.try_into()
}

/// A user with what the administrator's list adds to [`BrukerRad`].
#[derive(sqlx::FromRow)]
struct OversiktRad {
    #[sqlx(flatten)]
    bruker: BrukerRad,
    aktiv: i64,
    har_passord: i64,
    sist: Option<String>,
}

/// A user with what the leder's access list adds to [`BrukerRad`].
#[derive(sqlx::FromRow)]
struct TilgangRad {
    #[sqlx(flatten)]
    bruker: BrukerRad,
    aktiv: i64,
    opprettet: String,
}

/// A user to create, checked and with the password already hashed: hashing is slow, and is
/// done before the transaction so the write lock is not held meanwhile.
pub struct NyBruker {
    epost: String,
    navn: String,
    organisasjon: Organisasjon,
    roller: Vec<Rolle>,
    passord_hash: Option<String>,
}

impl NyBruker {
    /// Checks the organisation and roles and hashes the password (argon2id), if any. A user
    /// without a password can only log in with OpenID Connect.
    pub async fn ny(epost: &str, navn: &str, organisasjon: &str, roller: &[Rolle], passord: Option<&str>) -> Result<NyBruker, BrukerFeil> {
        let organisasjon = tilgang::tildeling(organisasjon, roller)?;
        let passord_hash = match passord {
            Some(p) if p.chars().count() < 12 => return Err(BrukerFeil::SvaktPassord),
            Some(p) => {
                let p = p.to_owned();
                Some(tokio::task::spawn_blocking(move || hash_passord(&p)).await.map_err(|_| BrukerFeil::Hashing)??)
            }
            None => None,
        };
        Ok(NyBruker {
            epost: epost.trim().to_lowercase(),
            navn: navn.trim().to_owned(),
            organisasjon,
            roller: roller.to_vec(),
            passord_hash,
        })
    }

    /// Inserts the user inside the caller's transaction.
    pub(crate) async fn lagre(&self, tx: &mut Transaction<'_, Any>, naa: DateTime<Utc>) -> Result<BrukerId, BrukerFeil> {
        let svar = sqlx::query(
            "INSERT INTO bruker (epost, navn, organisasjon, roller, passord_hash, aktiv, opprettet) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(&self.epost)
        .bind(&self.navn)
        .bind(self.organisasjon.kode())
        .bind(rollekolonne(&self.roller))
        .bind(self.passord_hash.as_deref())
        .bind(naa.to_rfc3339())
        .fetch_one(&mut **tx)
        .await;
        match svar {
            Ok(rad) => Ok(rad.try_get("id")?),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(BrukerFeil::Finnes(self.epost.clone())),
            Err(e) => Err(e.into()),
        }
    }
}

/// Creates a user. The password, when given, is stored only as an argon2id hash.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn opprett(
    db: &Database,
    epost: &str,
    navn: &str,
    organisasjon: &str,
    roller: &[Rolle],
    passord: Option<&str>,
    naa: DateTime<Utc>,
) -> Result<BrukerId, BrukerFeil> {
    let ny = NyBruker::ny(epost, navn, organisasjon, roller, passord).await?;
    let mut tx = db.begynn_skriving().await?;
    let id = ny.lagre(&mut tx, naa).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a user on an administrator's behalf, with the audit row in the same transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn opprett_av(db: &Database, aktoer: &Aktoer, ny: &NyBruker, naa: DateTime<Utc>) -> Result<BrukerId, BrukerFeil> {
    let mut tx = db.begynn_skriving().await?;
    let id = ny.lagre(&mut tx, naa).await?;
    let detalj = format!("bruker {id}: {} ({})", ny.organisasjon.kode(), rollekolonne(&ny.roller));
    super::revisjon::skriv_for_aktoer(&mut tx, aktoer, "bruker_opprettet", None, &detalj, naa).await?;
    tx.commit().await?;
    Ok(id)
}

/// A hash to verify against when the account does not exist, so that a wrong e-mail takes as
/// long as a wrong password and does not reveal which accounts exist.
fn blindhash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_passord("ingen-slik-bruker-finnes").unwrap_or_default())
}

#[tracing::instrument(level = "debug", skip_all)]
async fn antall_feil(conn: &mut sqlx::AnyConnection, kolonne: &str, verdi: &str, siden: DateTime<Utc>) -> Result<i64, DbFeil> {
    let rad = sqlx::query(&format!("SELECT COUNT(*) AS n FROM innloggingsfeil WHERE {kolonne} = $1 AND tidspunkt >= $2"))
        .bind(verdi)
        .bind(siden.to_rfc3339())
        .fetch_one(conn)
        .await?;
    Ok(rad.try_get("n")?)
}

/// Counts an attempt before its password is checked, so that no burst of attempts at the same
/// moment gets more guesses than the limit: under a lock per account and per address (SQLite's
/// write lock; advisory locks on PostgreSQL, always taken in that order), the attempts so far
/// are counted and, if the limit is not reached, this one is written as a failure. A correct
/// password clears it afterwards.
#[tracing::instrument(level = "debug", skip_all)]
async fn tell_forsoek(db: &Database, epost: &str, adresse: &str, naa: DateTime<Utc>, grenser: &Grenser) -> Result<(), InnloggingFeil> {
    let mut tx = db.begynn_skriving().await?;
    if db.motor == super::Motor::Postgres {
        for noekkel in [format!("innlogging-konto:{epost}"), format!("innlogging-adresse:{adresse}")] {
            sqlx::query("SELECT 1 AS laast FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l")
                .bind(noekkel)
                .fetch_one(&mut *tx)
                .await?;
        }
    }
    let siden = naa - grenser.sperretid;
    if antall_feil(&mut tx, "epost", epost, siden).await? >= grenser.feil_per_konto
        || antall_feil(&mut tx, "adresse", adresse, siden).await? >= grenser.feil_per_adresse
    {
        return Err(InnloggingFeil::Sperret);
    }
    sqlx::query("INSERT INTO innloggingsfeil (epost, adresse, tidspunkt) VALUES ($1, $2, $3)")
        .bind(epost)
        .bind(adresse)
        .bind(naa.to_rfc3339())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Logs in with e-mail and password. On success the old session (if any) is not reused: a
/// new token is made every time, which defeats session fixation.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn logg_inn(
    db: &Database,
    epost: &str,
    passord: &str,
    adresse: &str,
    naa: DateTime<Utc>,
    grenser: &Grenser,
) -> Result<(Bruker, Okttoken), InnloggingFeil> {
    // The address typed is bounded before it is looked up or counted: none is longer than 254
    // characters (and a longer one would not fit the failure counter's index).
    let epost: String = epost.trim().to_lowercase().chars().take(crate::domain::tilgang::MAKS_EPOST + 1).collect();
    tell_forsoek(db, &epost, adresse, naa, grenser).await?;
    let rad = sqlx::query("SELECT id, epost, navn, organisasjon, roller, passord_hash FROM bruker WHERE epost = $1 AND aktiv = 1")
        .bind(&epost)
        .fetch_optional(&db.pool)
        .await?;
    let lagret: Option<String> = match &rad {
        Some(r) => r.try_get("passord_hash")?,
        None => None,
    };
    let hash = lagret.clone().unwrap_or_else(|| blindhash().to_owned());
    let passord = passord.to_owned();
    // No password is that long: one that is is wrong, and costs no hashing.
    let riktig = passord.len() <= MAKS_PASSORD
        && tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(passord.as_bytes(), &h).is_ok())
        })
        .await
        .unwrap_or(false);
    // A wrong password: the attempt is counted already.
    let (Some(rad), true, true) = (rad, riktig, lagret.is_some()) else {
        return Err(InnloggingFeil::FeilPassord);
    };
    let bruker = les_bruker(&rad)?;
    let mut tx = db.begynn_skriving().await?;
    sqlx::query("DELETE FROM innloggingsfeil WHERE epost = $1").bind(&epost).execute(&mut *tx).await?;
    let token = ny_okt(&mut tx, bruker.id, naa).await?;
    tx.commit().await?;
    Ok((bruker, token))
}

/// Starts a session for a user who has just proved who they are, inside the caller's
/// transaction: always a new token, so a session id planted before login is never promoted.
/// Every way of logging in ends here.
#[tracing::instrument(level = "debug", skip_all)]
pub(crate) async fn ny_okt(tx: &mut Transaction<'_, Any>, bruker_id: BrukerId, naa: DateTime<Utc>) -> Result<Okttoken, sqlx::Error> {
    let token = Okttoken::ny();
    sqlx::query("INSERT INTO okt (token_hash, bruker_id, opprettet, sist_brukt) VALUES ($1, $2, $3, $3)")
        .bind(token.hash())
        .bind(bruker_id)
        .bind(naa.to_rfc3339())
        .execute(&mut **tx)
        .await?;
    Ok(token)
}

/// The user of a live session, touching it; an expired session is deleted and gives `None`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn okt(db: &Database, token: &Okttoken, naa: DateTime<Utc>, grenser: &Grenser) -> Result<Option<Bruker>, DbFeil> {
    let hash = token.hash();
    let rad = sqlx::query(
        "SELECT b.id, b.epost, b.navn, b.organisasjon, b.roller, o.opprettet, o.sist_brukt \
         FROM okt o JOIN bruker b ON b.id = o.bruker_id WHERE o.token_hash = $1 AND b.aktiv = 1",
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some(rad) = rad else { return Ok(None) };
    let tid = |kolonne: &str| -> Result<DateTime<Utc>, DbFeil> {
        let t: String = rad.try_get(kolonne)?;
        DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)).map_err(|_| DbFeil::UgyldigeData(kolonne.into()))
    };
    let (opprettet, sist_brukt) = (tid("opprettet")?, tid("sist_brukt")?);
    if naa - sist_brukt > grenser.tomgang || naa - opprettet > grenser.absolutt {
        sqlx::query("DELETE FROM okt WHERE token_hash = $1").bind(&hash).execute(&db.pool).await?;
        return Ok(None);
    }
    // Touch at most once a minute: every page view need not be a write.
    if naa - sist_brukt > Duration::minutes(1) {
        sqlx::query("UPDATE okt SET sist_brukt = $1 WHERE token_hash = $2").bind(naa.to_rfc3339()).bind(&hash).execute(&db.pool).await?;
    }
    Ok(Some(les_bruker(&rad)?))
}

/// Ends a session on the server.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn logg_ut(db: &Database, token: &Okttoken) -> Result<(), DbFeil> {
    sqlx::query("DELETE FROM okt WHERE token_hash = $1").bind(token.hash()).execute(&db.pool).await?;
    Ok(())
}

/// Deactivates a user and ends all their sessions, in one transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn deaktiver(db: &Database, bruker_id: BrukerId) -> Result<(), DbFeil> {
    let mut tx = db.begynn_skriving().await?;
    deaktiver_i(&mut tx, bruker_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a user was found (and is now deactivated, sessions ended).
#[tracing::instrument(level = "debug", skip_all)]
async fn deaktiver_i(tx: &mut Transaction<'_, Any>, bruker_id: BrukerId) -> Result<bool, DbFeil> {
    let endret = sqlx::query("UPDATE bruker SET aktiv = 0 WHERE id = $1").bind(bruker_id).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM okt WHERE bruker_id = $1").bind(bruker_id).execute(&mut **tx).await?;
    Ok(endret.rows_affected() > 0)
}

/// Deactivates a user on an administrator's behalf, with the audit row in the same
/// transaction. `false` when there is no such user (nothing is written then).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn deaktiver_av(db: &Database, aktoer: &Aktoer, bruker_id: BrukerId, naa: DateTime<Utc>) -> Result<bool, DbFeil> {
    let mut tx = db.begynn_skriving().await?;
    if !deaktiver_i(&mut tx, bruker_id).await? {
        return Ok(false);
    }
    super::revisjon::skriv_for_aktoer(&mut tx, aktoer, "bruker_deaktivert", None, &format!("bruker {bruker_id}"), naa).await?;
    tx.commit().await?;
    Ok(true)
}

/// Every user, by e-mail, with their last login.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn oversikt(db: &Database) -> Result<Vec<Brukeroversikt>, DbFeil> {
    let rader: Vec<OversiktRad> = sqlx::query_as(
        "SELECT b.id, b.epost, b.navn, b.organisasjon, b.roller, b.aktiv, \
         CASE WHEN b.passord_hash IS NULL THEN 0 ELSE 1 END AS har_passord, \
         (SELECT MAX(r.tidspunkt) FROM revisjon r WHERE r.bruker_id = b.id AND r.handling = 'innlogging') AS sist \
         FROM bruker b ORDER BY b.epost",
    )
    .fetch_all(&db.pool)
    .await?;
    rader
        .into_iter()
        .map(|r| {
            Ok(Brukeroversikt {
                bruker: r.bruker.try_into()?,
                aktiv: r.aktiv != 0,
                har_passord: r.har_passord != 0,
                sist_innlogget: r.sist.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)),
            })
        })
        .collect()
}

/// The users of an office, who reach its cases: active and deactivated, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn med_tilgang_til_embetet(db: &Database, embete: &Embetekode) -> Result<Vec<tilgang::Tilgangsrad>, DbFeil> {
    let rader: Vec<TilgangRad> = sqlx::query_as(
        "SELECT id, epost, navn, organisasjon, roller, aktiv, opprettet FROM bruker WHERE organisasjon = $1 ORDER BY opprettet, id",
    )
    .bind(embete.as_str())
    .fetch_all(&db.pool)
    .await?;
    rader
        .into_iter()
        .map(|r| {
            let siden = super::kolonne::tidspunkt("opprettet", &r.opprettet)?;
            let bruker = Bruker::try_from(r.bruker)?;
            Ok(tilgang::Tilgangsrad { navn: bruker.navn, epost: bruker.epost, roller: bruker.roller, siden, aktiv: r.aktiv != 0 })
        })
        .collect()
}

/// How many users exist.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn antall(db: &Database) -> Result<i64, DbFeil> {
    Ok(sqlx::query("SELECT COUNT(*) AS n FROM bruker").fetch_one(&db.pool).await?.try_get("n")?)
}
