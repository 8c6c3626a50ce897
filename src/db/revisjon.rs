//! The access log (revisjonslogg): who read or changed what, when and from where, as Normen
//! asks for ("logging av innsyn").
//!
//! The log is append-only twice over. The database refuses `UPDATE`, `DELETE` and `TRUNCATE` on
//! `revisjon` (triggers in the migrations), and every row is chained to the one before it: its
//! `hash` is the SHA-256 of the previous row's hash and all of its own columns except `id`. A
//! row changed or removed by someone who got round the triggers breaks the chain at that row
//! or the next, and [`verifiser`] finds it.
//!
//! `revisjon_hode` holds the hash of the last row. A writer locks it first, inserts its row and
//! moves it on, all in one transaction: on PostgreSQL the row lock makes concurrent writers
//! queue (SQLite has one writer at a time anyway), so two rows never claim the same
//! predecessor, and ids are handed out in chain order. The head also reveals a deleted tail,
//! which the chain alone cannot.
//!
//! What the chain cannot reveal: someone who rewrites every row from the changed one onwards
//! *and* the head. There is no secret in the hash, so only something kept outside the database
//! catches that: the signed checkpoints of [`super::forankring`]. On PostgreSQL the app's own
//! login need not be able to try (see [`super::roller`]).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{Any, FromRow, Row, Transaction};

use super::{Database, DbFeil};

/// The `forrige_hash` of the first row, and the head of an empty log.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Bumped if the hashed encoding ever changes, so old and new rows can never be confused.
const FORMAT: &str = "klagesak/revisjon/v1";

/// Rows read per round trip while verifying, so a long log is never held in memory at once.
const SIDESTOERRELSE: i64 = 1000;

const KOLONNER: &str = "id, tidspunkt, bruker_id, bruker, organisasjon, roller, handling, klage_id, adresse, detalj, forrige_hash, hash";

/// One access or change, as it is logged. No personal data about the complainant ever goes in
/// `detalj`: it names what was done (a page, a field, a reason for refusal), never what was seen.
#[derive(Clone, Debug)]
pub struct Revisjonshendelse<'a> {
    pub tidspunkt: DateTime<Utc>,
    /// `None` for someone not logged in, such as a failed login.
    pub bruker_id: Option<i64>,
    /// The user's e-mail, copied so the row reads the same if the user is later changed.
    pub bruker: Option<&'a str>,
    pub organisasjon: Option<&'a str>,
    /// The roles the user had at the time, in the stored form (`,saksbehandler,leder,`).
    pub roller: &'a str,
    pub handling: &'a str,
    pub klage_id: Option<i64>,
    /// The client's IP address.
    pub adresse: Option<&'a str>,
    pub detalj: &'a str,
}

/// A stored row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisjonsrad {
    pub id: i64,
    pub tidspunkt: DateTime<Utc>,
    pub bruker_id: Option<i64>,
    pub bruker: Option<String>,
    pub organisasjon: Option<String>,
    pub roller: String,
    pub handling: String,
    pub klage_id: Option<i64>,
    pub adresse: Option<String>,
    pub detalj: String,
}

/// The result of checking the whole chain.
#[derive(Debug, PartialEq, Eq)]
pub struct Verifikasjon {
    /// How many rows the log holds (all of them are read, also after a break).
    pub rader: u64,
    /// The id of the first row that does not fit the chain, or `None` when the log is intact.
    ///
    /// A row is reported when its own `hash` does not match its contents (the row was changed)
    /// or its `forrige_hash` is not the hash of the row before it (a row before it was removed,
    /// or rows were reordered). When every row fits but `revisjon_hode` does not point at any
    /// of them, rows were removed from the end: that is reported as the id of the last row
    /// + 1 (1 for an empty log), the place where the first missing row should have been.
    pub foerste_brudd: Option<i64>,
}

/// The columns that are hashed, exactly as they are stored.
struct Innhold<'a> {
    tidspunkt: &'a str,
    bruker_id: Option<i64>,
    bruker: Option<&'a str>,
    organisasjon: Option<&'a str>,
    roller: &'a str,
    handling: &'a str,
    klage_id: Option<i64>,
    adresse: Option<&'a str>,
    detalj: &'a str,
}

/// Every field gets a type tag, and text its length, so no two different rows encode to the
/// same bytes: moving text from one field to the next, or `NULL` to `''`, changes the hash.
fn tekst(hasher: &mut Sha256, verdi: Option<&str>) {
    match verdi {
        None => hasher.update([0u8]),
        Some(s) => {
            hasher.update([1u8]);
            hasher.update((s.len() as u64).to_be_bytes());
            hasher.update(s.as_bytes());
        }
    }
}

fn tall(hasher: &mut Sha256, verdi: Option<i64>) {
    match verdi {
        None => hasher.update([0u8]),
        Some(n) => {
            hasher.update([2u8]);
            hasher.update(n.to_be_bytes());
        }
    }
}

/// The hash of a row: lowercase hex SHA-256 over, in this order, the format tag, the previous
/// hash, `tidspunkt` (as stored), `bruker_id`, `bruker`, `organisasjon`, `roller`, `handling`,
/// `klage_id`, `adresse` and `detalj`. Text is `0x01`, its UTF-8 length as a big-endian u64 and
/// the bytes; an integer is `0x02` and eight big-endian bytes; NULL is `0x00`. Documented this
/// exactly so an auditor can check an exported log with a script of their own. `id` is left
/// out: the order of the rows is what the chain itself proves.
fn beregn_hash(forrige_hash: &str, r: &Innhold<'_>) -> String {
    let mut h = Sha256::new();
    tekst(&mut h, Some(FORMAT));
    tekst(&mut h, Some(forrige_hash));
    tekst(&mut h, Some(r.tidspunkt));
    tall(&mut h, r.bruker_id);
    tekst(&mut h, r.bruker);
    tekst(&mut h, r.organisasjon);
    tekst(&mut h, Some(r.roller));
    tekst(&mut h, Some(r.handling));
    tall(&mut h, r.klage_id);
    tekst(&mut h, r.adresse);
    tekst(&mut h, Some(r.detalj));
    hex::encode(h.finalize())
}

/// Fixed width (microseconds, `Z`), so the text sorts in time order and is hashed as stored.
pub(crate) fn tidspunkt_tekst(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Writes inside the caller's transaction, so a change and its audit row commit together (or
/// not at all).
///
/// The head stays locked until the caller commits, and every other logged request waits for
/// it meanwhile, so call this late in the transaction. On SQLite, a transaction that has only
/// read before this call becomes a writer here, and fails with "database is locked" if another
/// connection (any logged read, say) wrote since its first read: begin such a transaction with
/// `BEGIN IMMEDIATE` there (`pool.begin_with`), which takes the write lock up front.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn skriv(tx: &mut Transaction<'_, Any>, h: &Revisjonshendelse<'_>) -> Result<(), DbFeil> {
    // A no-op update rather than SELECT ... FOR UPDATE: SQLite has no FOR UPDATE, and on
    // PostgreSQL the update takes the same row lock and, after waiting, returns the value the
    // previous writer committed.
    let hode = sqlx::query("UPDATE revisjon_hode SET siste_hash = siste_hash WHERE id = 1 RETURNING siste_hash")
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| DbFeil::UgyldigeData("revisjon_hode mangler".into()))?;
    let forrige_hash: String = hode.try_get("siste_hash")?;

    let tidspunkt = tidspunkt_tekst(h.tidspunkt);
    let innhold = Innhold {
        tidspunkt: &tidspunkt,
        bruker_id: h.bruker_id,
        bruker: h.bruker,
        organisasjon: h.organisasjon,
        roller: h.roller,
        handling: h.handling,
        klage_id: h.klage_id,
        adresse: h.adresse,
        detalj: h.detalj,
    };
    let hash = beregn_hash(&forrige_hash, &innhold);

    sqlx::query(
        "INSERT INTO revisjon (tidspunkt, bruker_id, bruker, organisasjon, roller, handling, klage_id, adresse, \
         detalj, forrige_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&tidspunkt)
    .bind(h.bruker_id)
    .bind(h.bruker)
    .bind(h.organisasjon)
    .bind(h.roller)
    .bind(h.handling)
    .bind(h.klage_id)
    .bind(h.adresse)
    .bind(h.detalj)
    .bind(&forrige_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;

    sqlx::query("UPDATE revisjon_hode SET siste_hash = $1 WHERE id = 1").bind(&hash).execute(&mut **tx).await?;
    Ok(())
}

/// Writes the audit row of what an actor did, inside the caller's transaction (see [`skriv`]).
/// The system actor is named in `detalj`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn skriv_for_aktoer(
    tx: &mut Transaction<'_, Any>,
    aktoer: &crate::domain::tilgang::Aktoer,
    handling: &str,
    klage_id: Option<i64>,
    detalj: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<(), DbFeil> {
    use crate::domain::tilgang::Aktoer;
    let (bruker, adresse) = match aktoer {
        Aktoer::Bruker { bruker, adresse } => (Some(bruker), adresse.as_deref()),
        Aktoer::Systemet(_) => (None, None),
    };
    let roller = bruker.map(|b| b.roller_tekst()).unwrap_or_default();
    let detalj = match aktoer {
        Aktoer::Systemet(system) => format!("{detalj} ({})", system.navn()),
        Aktoer::Bruker { .. } => detalj.to_owned(),
    };
    let hendelse = Revisjonshendelse {
        tidspunkt,
        bruker_id: bruker.map(|b| b.id.0),
        bruker: bruker.map(|b| b.epost.as_str()),
        organisasjon: bruker.map(|b| b.organisasjon.kode()),
        roller: &roller,
        handling,
        klage_id,
        adresse,
        detalj: &detalj,
    };
    skriv(tx, &hendelse).await
}

/// Writes in a transaction of its own, for what changes nothing else: reads, logins, refusals.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn skriv_alene(db: &Database, h: &Revisjonshendelse<'_>) -> Result<(), DbFeil> {
    let mut tx = db.begynn_skriving().await?;
    skriv(&mut tx, h).await?;
    tx.commit().await?;
    Ok(())
}

/// A row as stored, with the text of `tidspunkt` untouched: that text is what was hashed.
#[derive(sqlx::FromRow)]
struct RevisjonRad {
    id: i64,
    tidspunkt: String,
    bruker_id: Option<i64>,
    bruker: Option<String>,
    organisasjon: Option<String>,
    roller: String,
    handling: String,
    klage_id: Option<i64>,
    adresse: Option<String>,
    detalj: String,
    forrige_hash: String,
    hash: String,
}

impl RevisjonRad {
    fn innhold(&self) -> Innhold<'_> {
        Innhold {
            tidspunkt: &self.tidspunkt,
            bruker_id: self.bruker_id,
            bruker: self.bruker.as_deref(),
            organisasjon: self.organisasjon.as_deref(),
            roller: &self.roller,
            handling: &self.handling,
            klage_id: self.klage_id,
            adresse: self.adresse.as_deref(),
            detalj: &self.detalj,
        }
    }

    fn til_rad(self) -> Result<Revisjonsrad, DbFeil> {
        let tidspunkt = DateTime::parse_from_rfc3339(&self.tidspunkt)
            .map_err(|_| DbFeil::UgyldigeData(format!("revisjon {}: tidspunkt", self.id)))?
            .with_timezone(&Utc);
        Ok(Revisjonsrad {
            id: self.id,
            tidspunkt,
            bruker_id: self.bruker_id,
            bruker: self.bruker,
            organisasjon: self.organisasjon,
            roller: self.roller,
            handling: self.handling,
            klage_id: self.klage_id,
            adresse: self.adresse,
            detalj: self.detalj,
        })
    }
}

/// Recomputes the chain from the first row, in id order, and checks that `revisjon_hode` points
/// at a row of the intact chain. See [`Verifikasjon::foerste_brudd`] for what is reported.
///
/// Safe to run while others write: the head is read first, and rows committed after that
/// simply extend the chain past it. Reads in pages, so the log is never held in memory at once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn verifiser(db: &Database) -> Result<Verifikasjon, DbFeil> {
    let hode: Option<String> = sqlx::query("SELECT siste_hash FROM revisjon_hode WHERE id = 1")
        .fetch_optional(&db.pool)
        .await?
        .map(|rad| rad.try_get("siste_hash"))
        .transpose()?;
    // A missing head row is tampering too: it is never found, so it is reported as a lost tail.
    let mut hode_funnet = hode.as_deref() == Some(GENESIS);

    let mut forventet = GENESIS.to_owned();
    let mut rader = 0_u64;
    let mut foerste_brudd = None;
    let mut siste_id = 0_i64;
    loop {
        let side = sqlx::query(&format!("SELECT {KOLONNER} FROM revisjon WHERE id > $1 ORDER BY id LIMIT {SIDESTOERRELSE}"))
            .bind(siste_id)
            .fetch_all(&db.pool)
            .await?;
        if side.is_empty() {
            break;
        }
        for rad in &side {
            let id: i64 = rad.try_get("id")?;
            rader += 1;
            siste_id = id;
            // A value of the wrong type (SQLite stores whatever it is given) is a changed row,
            // not a reason to give up on the rest of the log.
            let Ok(lagret) = RevisjonRad::from_row(rad) else {
                foerste_brudd.get_or_insert(id);
                forventet = rad.try_get("hash").unwrap_or_default();
                continue;
            };
            let passer = lagret.forrige_hash == forventet && beregn_hash(&lagret.forrige_hash, &lagret.innhold()) == lagret.hash;
            if !passer {
                foerste_brudd.get_or_insert(id);
            } else if foerste_brudd.is_none() && hode.as_deref() == Some(lagret.hash.as_str()) {
                hode_funnet = true;
            }
            // The next row is checked against what is stored here, so one changed row is
            // reported once, not as a break in every row after it.
            forventet = lagret.hash;
        }
    }
    if foerste_brudd.is_none() && !hode_funnet {
        foerste_brudd = Some(siste_id + 1);
    }
    Ok(Verifikasjon { rader, foerste_brudd })
}

/// Who has looked at or changed a case, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn for_sak(db: &Database, klage_id: crate::domain::id::KlageId) -> Result<Vec<Revisjonsrad>, DbFeil> {
    let rader = sqlx::query(&format!("SELECT {KOLONNER} FROM revisjon WHERE klage_id = $1 ORDER BY id DESC"))
        .bind(klage_id)
        .fetch_all(&db.pool)
        .await?;
    rader.iter().map(|rad| RevisjonRad::from_row(rad)?.til_rad()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn innhold<'a>(tidspunkt: &'a str, bruker: Option<&'a str>, organisasjon: Option<&'a str>) -> Innhold<'a> {
        Innhold {
            tidspunkt,
            bruker_id: Some(7),
            bruker,
            organisasjon,
            roller: ",saksbehandler,",
            handling: "les_sak",
            klage_id: Some(42),
            adresse: Some("10.0.0.1"),
            detalj: "",
        }
    }

    #[test]
    fn the_encoding_is_unambiguous() {
        let t = "2026-11-23T10:00:00.000000Z";
        let grunn = beregn_hash(GENESIS, &innhold(t, Some("ab"), Some("c")));
        assert_eq!(grunn.len(), 64);
        // Text moved across a field boundary, and NULL versus empty text, hash differently.
        assert_ne!(grunn, beregn_hash(GENESIS, &innhold(t, Some("a"), Some("bc"))));
        assert_ne!(beregn_hash(GENESIS, &innhold(t, None, Some("c"))), beregn_hash(GENESIS, &innhold(t, Some(""), Some("c"))));
        // The previous hash is part of it.
        assert_ne!(grunn, beregn_hash(&"1".repeat(64), &innhold(t, Some("ab"), Some("c"))));
        // And the same row gives the same hash.
        assert_eq!(grunn, beregn_hash(GENESIS, &innhold(t, Some("ab"), Some("c"))));
    }

    /// Pins the encoding: rows already stored were hashed this way, so a change here would make
    /// every existing log fail verification. A new encoding needs a new `FORMAT` tag.
    #[test]
    fn the_encoding_does_not_change() {
        let t = "2026-11-23T10:00:00.000000Z";
        assert_eq!(beregn_hash(GENESIS, &innhold(t, Some("ab"), None)), "10788ca987db1e8626171ec3189228b90754e7f00743019cfd98dad4706d42be");
    }

    #[test]
    fn instants_are_fixed_width_utc() {
        let t = DateTime::parse_from_rfc3339("2026-11-23T11:00:00+01:00").unwrap().with_timezone(&Utc);
        assert_eq!(tidspunkt_tekst(t), "2026-11-23T10:00:00.000000Z");
    }
}
