//! OpenID Connect in storage: the administrator's mappings (koblinger), the logins under way,
//! and turning a verified identity into a local user and a session.
//!
//! What a person may do comes from `oidc_kobling` alone, never from the token: the provider
//! says who someone is (issuer and subject, perhaps a verified e-mail), the mapping says which
//! organisation and roles that person has here. The first login creates a local user without
//! a password (so it can never log in with one) and links the identity to it in
//! `oidc_identitet`; later logins find the user through that link, refuse it when deactivated,
//! and bring its organisation and roles in line with the mapping.

use chrono::{DateTime, Utc};
use sqlx::{Any, FromRow, Row, Transaction};

use super::brukere::{self, BrukerFeil, NyBruker, Okttoken};
use super::{Database, DbFeil};
use crate::domain::id::BrukerId;
use crate::domain::tilgang::{self, Aktoer, Bruker, Identitetsnoekkel, Oidckobling, Organisasjon, Rolle, Tildelingsfeil};

/// Why a mapping was not saved. Each variant is shown next to its field.
#[derive(Debug, thiserror::Error)]
pub enum KoblingFeil {
    #[error(transparent)]
    Tildeling(#[from] Tildelingsfeil),
    #[error("issuer må være en https-adresse (http bare på 127.0.0.1 og localhost)")]
    UgyldigIssuer,
    #[error("oppgi enten subjekt eller e-postadresse, ikke begge")]
    Noekkel,
    #[error("det finnes allerede en kobling for denne identiteten")]
    Finnes,
    #[error(transparent)]
    Db(#[from] DbFeil),
}

impl From<sqlx::Error> for KoblingFeil {
    fn from(e: sqlx::Error) -> Self {
        KoblingFeil::Db(DbFeil::Sql(e))
    }
}

/// Why a verified identity was still refused.
#[derive(Debug, thiserror::Error)]
pub enum OidcInnloggingFeil {
    /// No mapping for the identity: the administrator has not let this person in.
    #[error("identiteten er ikke koblet til noen organisasjon")]
    IkkeKoblet,
    #[error("brukeren er deaktivert")]
    Deaktivert,
    /// The e-mail belongs to a local user already; they are not joined silently, since that
    /// would hand an existing account to whoever controls the address at the provider.
    #[error("e-postadressen tilhører en annen bruker")]
    EpostIBruk,
    /// The mapping holds an organisation or roles that no longer fit.
    #[error("koblingen er ugyldig: {0}")]
    UgyldigKobling(Tildelingsfeil),
    #[error(transparent)]
    Db(#[from] DbFeil),
}

impl From<sqlx::Error> for OidcInnloggingFeil {
    fn from(e: sqlx::Error) -> Self {
        OidcInnloggingFeil::Db(DbFeil::Sql(e))
    }
}

/// Whether an issuer URL is acceptable: https, or http on the loopback interface (tests and
/// a provider on the same machine).
pub fn gyldig_issuer(issuer: &str) -> bool {
    let issuer = issuer.trim();
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| issuer.strip_prefix(p).is_some_and(|r| r.is_empty() || r.starts_with(':') || r.starts_with('/')));
    (issuer.len() > "https://".len() && issuer.starts_with("https://")) || loopback
}

const KOBLING_KOLONNER: &str = "id, issuer, subjekt, epost, organisasjon, roller";

/// An `oidc_kobling` row as stored (`KOBLING_KOLONNER`).
#[derive(sqlx::FromRow)]
struct KoblingRad {
    id: i64,
    issuer: String,
    subjekt: Option<String>,
    epost: Option<String>,
    organisasjon: String,
    roller: String,
}

impl TryFrom<KoblingRad> for Oidckobling {
    type Error = DbFeil;

    fn try_from(r: KoblingRad) -> Result<Oidckobling, DbFeil> {
        let noekkel = match (r.subjekt, r.epost) {
            (Some(s), _) => Identitetsnoekkel::Subjekt(s),
            (None, Some(e)) => Identitetsnoekkel::Epost(e),
            (None, None) => return Err(DbFeil::UgyldigeData("oidc_kobling uten nøkkel".into())),
        };
        Ok(Oidckobling {
            id: r.id,
            issuer: r.issuer,
            noekkel,
            organisasjon: Organisasjon::fra_kode(&r.organisasjon)
                .ok_or_else(|| DbFeil::UgyldigeData(format!("organisasjon {}", r.organisasjon)))?,
            roller: brukere::les_roller(&r.roller),
        })
    }
}

/// An `oidc_innlogging` row as taken out of storage.
#[derive(sqlx::FromRow)]
struct VentendeRad {
    tilstand: String,
    pkce_verifier: String,
    nonce: String,
    tilbake: String,
    utloeper: String,
}

/// Every mapping, by issuer and key.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn koblinger(db: &Database) -> Result<Vec<Oidckobling>, DbFeil> {
    let rader: Vec<KoblingRad> =
        sqlx::query_as(&format!("SELECT {KOBLING_KOLONNER} FROM oidc_kobling ORDER BY issuer, subjekt, epost")).fetch_all(&db.pool).await?;
    rader.into_iter().map(Oidckobling::try_from).collect()
}

/// Adds a mapping, with its audit row in the same transaction. An e-mail key is kept in
/// lower case, as the comparison at login is.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ny_kobling(
    db: &Database,
    aktoer: &Aktoer,
    issuer: &str,
    noekkel: &Identitetsnoekkel,
    organisasjon: &str,
    roller: &[Rolle],
    naa: DateTime<Utc>,
) -> Result<i64, KoblingFeil> {
    if !gyldig_issuer(issuer) {
        return Err(KoblingFeil::UgyldigIssuer);
    }
    let org = tilgang::tildeling(organisasjon, roller)?;
    let (subjekt, epost) = match noekkel {
        Identitetsnoekkel::Subjekt(s) if !s.trim().is_empty() => (Some(s.trim().to_owned()), None),
        Identitetsnoekkel::Epost(e) if e.contains('@') => (None, Some(e.trim().to_lowercase())),
        _ => return Err(KoblingFeil::Noekkel),
    };
    let mut tx = db.begynn_skriving().await?;
    let svar = sqlx::query(
        "INSERT INTO oidc_kobling (issuer, subjekt, epost, organisasjon, roller, opprettet) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(issuer.trim())
    .bind(subjekt.as_deref())
    .bind(epost.as_deref())
    .bind(org.kode())
    .bind(brukere::rollekolonne(roller))
    .bind(naa.to_rfc3339())
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match svar {
        Ok(rad) => rad.try_get("id")?,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(KoblingFeil::Finnes),
        Err(e) => return Err(e.into()),
    };
    let detalj = format!("kobling {id}: {} ({})", org.kode(), brukere::rollekolonne(roller));
    super::revisjon::skriv_for_aktoer(&mut tx, aktoer, "oidc_kobling_ny", None, &detalj, naa).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a mapping, with its audit row, and ends at once the sessions of the users who came
/// in through it (by its subject, or by its e-mail address at its issuer): the access it gave
/// is gone now, not when their sessions expire. The users stay (deactivate them separately),
/// but cannot log in with OpenID Connect any more. `false` when there was no such mapping.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn slett_kobling(db: &Database, aktoer: &Aktoer, id: i64, naa: DateTime<Utc>) -> Result<bool, DbFeil> {
    let mut tx = db.begynn_skriving().await?;
    let avsluttet = sqlx::query(
        "DELETE FROM okt WHERE bruker_id IN ( \
           SELECT i.bruker_id FROM oidc_kobling k JOIN oidc_identitet i ON i.issuer = k.issuer \
           JOIN bruker b ON b.id = i.bruker_id \
           WHERE k.id = $1 AND (i.subjekt = k.subjekt OR b.epost = k.epost))",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let slettet = sqlx::query("DELETE FROM oidc_kobling WHERE id = $1").bind(id).execute(&mut *tx).await?;
    if slettet.rows_affected() == 0 {
        return Ok(false);
    }
    let detalj = format!("kobling {id}, {avsluttet} økter avsluttet");
    super::revisjon::skriv_for_aktoer(&mut tx, aktoer, "oidc_kobling_slettet", None, &detalj, naa).await?;
    tx.commit().await?;
    Ok(true)
}

/// A login sent to the provider: what the callback must check and use. Not `Debug`: the PKCE
/// verifier and nonce are secrets until the login completes.
pub struct Ventende {
    pub tilstand: String,
    pub pkce_verifier: String,
    pub nonce: String,
    /// The local path to go to afterwards.
    pub tilbake: String,
}

/// Stores a login under way, keyed by the hash of the browser's cookie token, and clears out
/// logins that were never completed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lagre_ventende(
    db: &Database,
    noekkel_hash: &str,
    v: &Ventende,
    naa: DateTime<Utc>,
    utloeper: DateTime<Utc>,
) -> Result<(), DbFeil> {
    let mut tx = db.begynn_skriving().await?;
    sqlx::query("DELETE FROM oidc_innlogging WHERE utloeper < $1").bind(naa.to_rfc3339()).execute(&mut *tx).await?;
    sqlx::query(
        "INSERT INTO oidc_innlogging (noekkel_hash, tilstand, pkce_verifier, nonce, tilbake, utloeper) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(noekkel_hash)
    .bind(&v.tilstand)
    .bind(&v.pkce_verifier)
    .bind(&v.nonce)
    .bind(&v.tilbake)
    .bind(utloeper.to_rfc3339())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a login under way out of storage: it can be used once only, and not after it expired.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ta_ventende(db: &Database, noekkel_hash: &str, naa: DateTime<Utc>) -> Result<Option<Ventende>, DbFeil> {
    let rad =
        sqlx::query("DELETE FROM oidc_innlogging WHERE noekkel_hash = $1 RETURNING tilstand, pkce_verifier, nonce, tilbake, utloeper")
            .bind(noekkel_hash)
            .fetch_optional(&db.pool)
            .await?;
    let Some(rad) = rad.map(|r| VentendeRad::from_row(&r)).transpose()? else { return Ok(None) };
    let utloept = DateTime::parse_from_rfc3339(&rad.utloeper).map(|t| t.with_timezone(&Utc) < naa).unwrap_or(true);
    if utloept {
        return Ok(None);
    }
    Ok(Some(Ventende { tilstand: rad.tilstand, pkce_verifier: rad.pkce_verifier, nonce: rad.nonce, tilbake: rad.tilbake }))
}

/// A person as the provider vouched for them in a verified ID token. Not `Debug`: it is
/// personal data and must not reach a log line by accident.
pub struct Identitet {
    pub issuer: String,
    pub subjekt: String,
    /// Only an address the provider marked as verified.
    pub epost_verifisert: Option<String>,
    pub navn: Option<String>,
}

#[tracing::instrument(level = "debug", skip_all)]
async fn finn_kobling(tx: &mut Transaction<'_, Any>, id: &Identitet) -> Result<Option<Oidckobling>, DbFeil> {
    let rad = sqlx::query(&format!("SELECT {KOBLING_KOLONNER} FROM oidc_kobling WHERE issuer = $1 AND subjekt = $2"))
        .bind(&id.issuer)
        .bind(&id.subjekt)
        .fetch_optional(&mut **tx)
        .await?;
    let rad = match (rad, &id.epost_verifisert) {
        (Some(rad), _) => Some(rad),
        (None, Some(epost)) => {
            sqlx::query(&format!("SELECT {KOBLING_KOLONNER} FROM oidc_kobling WHERE issuer = $1 AND epost = $2"))
                .bind(&id.issuer)
                .bind(epost.trim().to_lowercase())
                .fetch_optional(&mut **tx)
                .await?
        }
        (None, None) => None,
    };
    rad.map(|r| KoblingRad::from_row(&r)).transpose()?.map(Oidckobling::try_from).transpose()
}

/// Logs a verified identity in: finds its mapping, finds or creates the linked local user,
/// refuses a deactivated one, and starts a session exactly as the password login does. The
/// user, the link, the session and the audit row ("innlogging") commit together.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn logg_inn(db: &Database, id: &Identitet, adresse: &str, naa: DateTime<Utc>) -> Result<(Bruker, Okttoken), OidcInnloggingFeil> {
    let mut tx = db.begynn_skriving().await?;
    let kobling = finn_kobling(&mut tx, id).await?.ok_or(OidcInnloggingFeil::IkkeKoblet)?;
    let org = tilgang::tildeling(kobling.organisasjon.kode(), &kobling.roller).map_err(OidcInnloggingFeil::UgyldigKobling)?;
    let lenket: Option<BrukerId> = sqlx::query("SELECT bruker_id FROM oidc_identitet WHERE issuer = $1 AND subjekt = $2")
        .bind(&id.issuer)
        .bind(&id.subjekt)
        .fetch_optional(&mut *tx)
        .await?
        .map(|rad| rad.try_get("bruker_id"))
        .transpose()?;
    let (bruker_id, ny) = match lenket {
        Some(bruker_id) => {
            let aktiv: i64 =
                sqlx::query("SELECT aktiv FROM bruker WHERE id = $1").bind(bruker_id).fetch_one(&mut *tx).await?.try_get("aktiv")?;
            if aktiv == 0 {
                return Err(OidcInnloggingFeil::Deaktivert);
            }
            // The mapping is the authority: a change there takes effect at the next login.
            sqlx::query("UPDATE bruker SET organisasjon = $1, roller = $2 WHERE id = $3")
                .bind(org.kode())
                .bind(brukere::rollekolonne(&kobling.roller))
                .bind(bruker_id)
                .execute(&mut *tx)
                .await?;
            (bruker_id, false)
        }
        None => {
            // Without a verified address the user still needs a unique one: an address under
            // the provider's host that no mail system will deliver to.
            let vert = id.issuer.split("://").nth(1).unwrap_or_default().split(['/', ':']).next().unwrap_or_default();
            let epost = id.epost_verifisert.clone().unwrap_or_else(|| format!("{}@{vert}.oidc.invalid", id.subjekt));
            let navn = id.navn.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| epost.clone());
            let ny = NyBruker::ny(&epost, &navn, org.kode(), &kobling.roller, None).await.map_err(|e| match e {
                BrukerFeil::Tildeling(t) => OidcInnloggingFeil::UgyldigKobling(t),
                BrukerFeil::Db(d) => OidcInnloggingFeil::Db(d),
                _ => OidcInnloggingFeil::EpostIBruk,
            })?;
            let bruker_id = ny.lagre(&mut tx, naa).await.map_err(|e| match e {
                BrukerFeil::Finnes(_) => OidcInnloggingFeil::EpostIBruk,
                BrukerFeil::Db(d) => OidcInnloggingFeil::Db(d),
                annen => OidcInnloggingFeil::Db(DbFeil::UgyldigeData(annen.to_string())),
            })?;
            sqlx::query("INSERT INTO oidc_identitet (issuer, subjekt, bruker_id, opprettet) VALUES ($1, $2, $3, $4)")
                .bind(&id.issuer)
                .bind(&id.subjekt)
                .bind(bruker_id)
                .bind(naa.to_rfc3339())
                .execute(&mut *tx)
                .await?;
            (bruker_id, true)
        }
    };
    let rad =
        sqlx::query("SELECT id, epost, navn, organisasjon, roller FROM bruker WHERE id = $1").bind(bruker_id).fetch_one(&mut *tx).await?;
    let bruker = brukere::les_bruker(&rad)?;
    let token = brukere::ny_okt(&mut tx, bruker.id, naa).await?;
    let aktoer = Aktoer::Bruker { bruker: bruker.clone(), adresse: Some(adresse.to_owned()) };
    let detalj = format!("oidc, kobling {}{}", kobling.id, if ny { ", ny bruker" } else { "" });
    super::revisjon::skriv_for_aktoer(&mut tx, &aktoer, "innlogging", None, &detalj, naa).await?;
    tx.commit().await?;
    Ok((bruker, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_must_be_https_or_loopback() {
        assert!(gyldig_issuer("https://login.microsoftonline.com/abc/v2.0"));
        assert!(gyldig_issuer("http://127.0.0.1:4000"));
        assert!(gyldig_issuer("http://localhost/realms/x"));
        assert!(!gyldig_issuer("http://login.example.no"));
        assert!(!gyldig_issuer("http://127.0.0.1.angriper.example"));
        assert!(!gyldig_issuer("https://"));
        assert!(!gyldig_issuer("ftp://x"));
    }
}
