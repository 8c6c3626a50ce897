//! The fødselsnummer at rest: encrypted in `klage.fnr_kryptert`, found by `klage.fnr_hash`.
//!
//! Threat model: whoever gets the database without the key file (a backup, a dump, a copied
//! disk, a query run by someone who may read the tables) learns no number, and cannot find a
//! case by trying numbers; whoever can also write to it cannot move a number to another case
//! unnoticed (see [`noekler`]). Whoever has the key file and the database reads every number;
//! the app itself must, to show the masked number on the case page. The numbers in memory,
//! in the running process, are out of scope.
//!
//! Each row keeps the key's id beside the ciphertext (`fnr_noekkel`), so that a rotation
//! ([`roter`], `klagesak nokkel roter`) can re-encrypt row by row and the app reads every row
//! in between. Rows of a database from before encryption still have the number in clear text
//! in the old column `fnr`: a SQL migration cannot encrypt, so [`krypter_klartekst`] does it
//! right after the migrations, in one transaction, and empties the column (and then
//! compacts the table, so the old text is not left in free space on disk).

pub mod noekkelfil;
pub mod noekler;

use std::path::Path;

use sqlx::{Any, Row, Transaction};

use super::{Database, DbFeil, Motor};
use crate::domain::fnr::Fodselsnummer;
use crate::domain::id::KlageId;
use crate::domain::tilgang::{Omfang, Omfangsart};

pub use noekler::{NoekkelFeil, Noekkelring};

/// How many rows one transaction of a rotation re-encrypts.
const OMKRYPTERING_PER_TRANSAKSJON: i64 = 200;

/// The number of case `id` as stored (`fnr_kryptert`, `fnr_noekkel`), decrypted, or `None`
/// when the case has none.
pub(crate) fn les(id: i64, kryptert: Option<&str>, noekkel: Option<i64>, noekler: &Noekkelring) -> Result<Option<Fodselsnummer>, DbFeil> {
    let Some(kryptert) = kryptert else { return Ok(None) };
    let noekkel = noekkel.ok_or_else(|| DbFeil::UgyldigeData(format!("sak {id}: fnr_noekkel mangler")))?;
    Ok(Some(noekler.dekrypter(id, noekkel, kryptert)?))
}

/// Writes the number of case `klage_id`, encrypted with the current key, and its hash.
#[tracing::instrument(level = "debug", skip_all)]
pub(crate) async fn skriv(tx: &mut Transaction<'_, Any>, noekler: &Noekkelring, klage_id: i64, fnr: &Fodselsnummer) -> Result<(), DbFeil> {
    let k = noekler.krypter(klage_id, fnr)?;
    sqlx::query("UPDATE klage SET fnr = NULL, fnr_kryptert = $1, fnr_noekkel = $2, fnr_hash = $3 WHERE id = $4")
        .bind(k.kryptert)
        .bind(k.noekkel)
        .bind(k.hash)
        .bind(klage_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The cases within the scope registered with this number, oldest first: an exact look-up
/// by the keyed hash, under every key of the ring (so also during a rotation).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn saker_med(db: &Database, omfang: &Omfang, fnr: &Fodselsnummer) -> Result<Vec<KlageId>, DbFeil> {
    let (vilkaar, verdi) = match omfang.art() {
        Omfangsart::Statsforvalter(sf) => ("statsforvalter", sf.to_string()),
        Omfangsart::Kommune(k) => ("kommune", k.to_string()),
        Omfangsart::Ingen => return Ok(Vec::new()),
    };
    let hasher = db.fnr_noekler.hasher(fnr);
    if hasher.is_empty() {
        return Ok(Vec::new());
    }
    let plasser: Vec<String> = (2..hasher.len() + 2).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT id FROM klage WHERE {vilkaar} = $1 AND fnr_hash IN ({}) ORDER BY id", plasser.join(", "));
    let mut sporring = sqlx::query_scalar::<_, KlageId>(&sql).bind(verdi);
    for hash in hasher {
        sporring = sporring.bind(hash);
    }
    Ok(sporring.fetch_all(&db.pool).await?)
}

/// Encrypts every number still in clear text (rows from before encryption), in one
/// transaction, and empties the clear-text column; then compacts, so the old text does not
/// stay on disk. Done after every migration; with nothing left in clear text it only looks.
/// The number of rows encrypted.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn krypter_klartekst(db: &Database) -> Result<u64, DbFeil> {
    // Asked first without a write transaction: on every start there is normally nothing to do,
    // and SQLite's write lock (and a second app instance's) need not be taken for that.
    if sqlx::query("SELECT 1 AS n FROM klage WHERE fnr IS NOT NULL LIMIT 1").fetch_optional(&db.pool).await?.is_none() {
        return Ok(0);
    }
    let mut tx = db.begynn_skriving().await?;
    let rader = sqlx::query("SELECT id, fnr FROM klage WHERE fnr IS NOT NULL ORDER BY id").fetch_all(&mut *tx).await?;
    for rad in &rader {
        let id: i64 = rad.try_get("id")?;
        let tekst: String = rad.try_get("fnr")?;
        let fnr =
            Fodselsnummer::parse(&tekst).map_err(|_| DbFeil::UgyldigeData(format!("sak {id}: fnr er ikke et gyldig fødselsnummer")))?;
        skriv(&mut tx, &db.fnr_noekler, id, &fnr).await?;
    }
    tx.commit().await?;
    if !rader.is_empty() {
        tracing::info!(rader = rader.len(), "fødselsnumre i klartekst er kryptert");
        komprimer(db).await?;
    }
    Ok(rader.len() as u64)
}

/// Rewrites the case table so that no old version of a row stays in its free space: the
/// whole SQLite file and its write-ahead log, PostgreSQL's `klage` table. (PostgreSQL's own
/// write-ahead log and older backups are the operator's to expire.)
async fn komprimer(db: &Database) -> Result<(), DbFeil> {
    match db.motor {
        Motor::Sqlite => {
            sqlx::query("VACUUM").execute(&db.pool).await?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&db.pool).await?;
        }
        Motor::Postgres => {
            sqlx::query("VACUUM FULL klage").execute(&db.pool).await?;
        }
    }
    Ok(())
}

/// Re-encrypts every number not written with the ring's current key, a batch of rows per
/// transaction (an interruption loses at most the batch at hand, and the next run goes on from
/// there). The number of rows re-encrypted.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn omkrypter(db: &Database, noekler: &Noekkelring) -> Result<u64, DbFeil> {
    let gjeldende = noekler.gjeldende().ok_or(NoekkelFeil::Ingen)?;
    let (mut antall, mut forrige) = (0, 0_i64);
    loop {
        let mut tx = db.begynn_skriving().await?;
        // In id order from where the last batch ended, so each row is looked at once.
        let rader: Vec<(i64, Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT id, fnr_kryptert, fnr_noekkel FROM klage WHERE fnr_kryptert IS NOT NULL \
             AND (fnr_noekkel IS NULL OR fnr_noekkel <> $1) AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(gjeldende)
        .bind(forrige)
        .bind(OMKRYPTERING_PER_TRANSAKSJON)
        .fetch_all(&mut *tx)
        .await?;
        if rader.is_empty() {
            tx.commit().await?;
            return Ok(antall);
        }
        for (id, kryptert, noekkel) in rader {
            let fnr =
                les(id, kryptert.as_deref(), noekkel, noekler)?.ok_or_else(|| DbFeil::UgyldigeData(format!("sak {id}: fnr_kryptert")))?;
            skriv(&mut tx, noekler, id, &fnr).await?;
            (antall, forrige) = (antall + 1, id);
        }
        tx.commit().await?;
    }
}

/// What a rotation did.
#[derive(Debug, PartialEq, Eq)]
pub struct Rotasjon {
    /// The new current key.
    pub noekkel: i64,
    /// Rows re-encrypted with it.
    pub omkryptert: u64,
    /// Whether this run only finished a rotation that had been interrupted.
    pub fortsatt: bool,
}

/// Rotates the key of the numbers: a new current key into the key file (the old ones kept for
/// reading), every row re-encrypted with it, then the old keys out of the file.
///
/// Safe to run again after an interruption at any point: a key file with more than one key is
/// a rotation not finished, and is finished with its current key rather than starting anew.
/// App instances read the key file when they start, so they are restarted after a rotation
/// (or stopped during it).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn roter(db: &Database, sti: &Path) -> Result<Rotasjon, DbFeil> {
    let naa = noekkelfil::les(sti)?;
    let fortsatt = naa.ider().len() > 1;
    let ring = if fortsatt {
        naa
    } else {
        let ny = naa.med_ny_gjeldende();
        noekkelfil::skriv(sti, &ny)?;
        ny
    };
    let omkryptert = omkrypter(db, &ring).await?;
    noekkelfil::skriv(sti, &ring.bare_gjeldende())?;
    Ok(Rotasjon { noekkel: ring.gjeldende().ok_or(NoekkelFeil::Ingen)?, omkryptert, fortsatt })
}
