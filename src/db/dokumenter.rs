//! The journal of a case's documents: registering one (its number from the per-case counter,
//! its audit row in the same transaction), reading them, and marking one "registrert feil".
//! Rows are never deleted. The files are in the document store (`db::dokumentlager`).

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use super::{iso, kolonne, Database, DbFeil};
use crate::domain::dokument::{Dokument, Dokumentart, Dokumentnummer, Innholdstype, NyttDokument, Synlighet};
use crate::domain::id::{BrukerId, KlageId};
use crate::domain::klage::Saksnummer;
use crate::domain::tilgang::Aktoer;

/// A `dokument` row as stored, with the case number joined from `klage` (`DOKUMENT_KOLONNER`).
#[derive(sqlx::FromRow)]
struct DokumentRad {
    klage_id: KlageId,
    sekvens: i64,
    art: String,
    tittel: String,
    avsender_mottaker: String,
    dato: String,
    registrert_av: BrukerId,
    registrert: String,
    filnavn: String,
    sha256: String,
    stoerrelse: i64,
    innholdstype: String,
    synlighet: String,
    lagringsnoekkel: String,
    registrert_feil_grunn: Option<String>,
    #[sqlx(flatten)]
    sak: SaksnummerRad,
}

/// The case number of the document's case, joined in.
#[derive(sqlx::FromRow)]
struct SaksnummerRad {
    saksaar: Option<i64>,
    sakssekvens: Option<i64>,
}

const DOKUMENT_KOLONNER: &str = "d.klage_id, d.sekvens, d.art, d.tittel, d.avsender_mottaker, d.dato, d.registrert_av, \
    d.registrert, d.filnavn, d.sha256, d.stoerrelse, d.innholdstype, d.synlighet, d.lagringsnoekkel, \
    d.registrert_feil_grunn, k.saksaar, k.sakssekvens";

/// A document with the key of its file in the store.
#[derive(Clone, Debug)]
pub struct LagretDokument {
    pub dokument: Dokument,
    pub lagringsnoekkel: String,
}

impl TryFrom<DokumentRad> for LagretDokument {
    type Error = DbFeil;

    fn try_from(r: DokumentRad) -> Result<LagretDokument, DbFeil> {
        let saksnummer = match (r.sak.saksaar, r.sak.sakssekvens) {
            (Some(aar), Some(sekvens)) => Some(Saksnummer { aar: aar as i32, sekvens }),
            _ => None,
        };
        Ok(LagretDokument {
            dokument: Dokument {
                klage_id: r.klage_id,
                nummer: Dokumentnummer { saksnummer, sekvens: r.sekvens },
                art: kolonne::kode("art", &r.art, Dokumentart::fra_kode)?,
                tittel: r.tittel,
                avsender_mottaker: r.avsender_mottaker,
                dato: kolonne::dato("dato", Some(&r.dato))?.ok_or_else(|| DbFeil::UgyldigeData("dato".into()))?,
                registrert_av: r.registrert_av,
                registrert: kolonne::tidspunkt("registrert", &r.registrert)?,
                filnavn: r.filnavn,
                sha256: r.sha256,
                stoerrelse: r.stoerrelse,
                innholdstype: kolonne::kode("innholdstype", &r.innholdstype, Innholdstype::fra_mime)?,
                synlighet: kolonne::kode("synlighet", &r.synlighet, Synlighet::fra_kode)?,
                registrert_feil_grunn: r.registrert_feil_grunn,
            },
            lagringsnoekkel: r.lagringsnoekkel,
        })
    }
}

/// The stored file of a new document.
pub struct Fil<'a> {
    pub sha256: &'a str,
    pub stoerrelse: i64,
    pub lagringsnoekkel: &'a str,
}

/// Gives the next document sequence of a case. The upsert locks the counter row until the
/// transaction ends, so concurrent uploads queue up and a number is never handed out twice
/// (like `saksnummerteller`).
#[tracing::instrument(level = "debug", skip_all)]
async fn neste_sekvens(tx: &mut Transaction<'_, Any>, klage_id: KlageId) -> Result<i64, DbFeil> {
    let rad = sqlx::query(
        "INSERT INTO dokumentteller (klage_id, siste) VALUES ($1, 1) \
         ON CONFLICT (klage_id) DO UPDATE SET siste = dokumentteller.siste + 1 \
         RETURNING siste",
    )
    .bind(klage_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(rad.try_get("siste")?)
}

/// Registers a document whose file is already in the store, with its audit row, in one
/// transaction: the new document's sequence in its case.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn registrer(
    db: &Database,
    aktoer: &Aktoer,
    klage_id: KlageId,
    ny: &NyttDokument,
    fil: &Fil<'_>,
    tidspunkt: DateTime<Utc>,
) -> Result<i64, DbFeil> {
    let registrert_av = aktoer.bruker().map(|b| b.id).ok_or_else(|| DbFeil::UgyldigeData("registrert_av".into()))?;
    let mut tx = db.begynn_skriving().await?;
    let sekvens = neste_sekvens(&mut tx, klage_id).await?;
    sqlx::query(
        "INSERT INTO dokument (klage_id, sekvens, art, tittel, avsender_mottaker, dato, registrert_av, registrert, \
         filnavn, sha256, stoerrelse, innholdstype, synlighet, lagringsnoekkel) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(klage_id)
    .bind(sekvens)
    .bind(ny.art.kode())
    .bind(&ny.tittel)
    .bind(&ny.avsender_mottaker)
    .bind(iso(ny.dato))
    .bind(registrert_av)
    .bind(tidspunkt.to_rfc3339())
    .bind(&ny.filnavn)
    .bind(fil.sha256)
    .bind(fil.stoerrelse)
    .bind(ny.innholdstype.mime())
    .bind(ny.synlighet.kode())
    .bind(fil.lagringsnoekkel)
    .execute(&mut *tx)
    .await?;
    let detalj = format!("dokument {sekvens}");
    super::revisjon::skriv_for_aktoer(&mut tx, aktoer, "registrer_dokument", Some(klage_id.0), &detalj, tidspunkt).await?;
    tx.commit().await?;
    Ok(sekvens)
}

/// The case's documents in number order, without those marked "registrert feil".
#[tracing::instrument(level = "debug", skip_all)]
pub async fn for_sak(db: &Database, klage_id: KlageId) -> Result<Vec<Dokument>, DbFeil> {
    let rader: Vec<DokumentRad> = sqlx::query_as(&format!(
        "SELECT {DOKUMENT_KOLONNER} FROM dokument d JOIN klage k ON k.id = d.klage_id \
         WHERE d.klage_id = $1 AND d.registrert_feil_grunn IS NULL ORDER BY d.sekvens"
    ))
    .bind(klage_id)
    .fetch_all(&db.pool)
    .await?;
    rader.into_iter().map(|r| LagretDokument::try_from(r).map(|l| l.dokument)).collect()
}

/// One document of a case, also one marked "registrert feil".
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hent(db: &Database, klage_id: KlageId, sekvens: i64) -> Result<Option<LagretDokument>, DbFeil> {
    let rad: Option<DokumentRad> = sqlx::query_as(&format!(
        "SELECT {DOKUMENT_KOLONNER} FROM dokument d JOIN klage k ON k.id = d.klage_id WHERE d.klage_id = $1 AND d.sekvens = $2"
    ))
    .bind(klage_id)
    .bind(sekvens)
    .fetch_optional(&db.pool)
    .await?;
    rad.map(LagretDokument::try_from).transpose()
}

/// Marks a document "registrert feil" with the reason, and writes the audit row, in one
/// transaction. `false` when there is no such document or it is already marked.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn registrer_feil(
    db: &Database,
    aktoer: &Aktoer,
    klage_id: KlageId,
    sekvens: i64,
    grunn: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<bool, DbFeil> {
    let mut tx = db.begynn_skriving().await?;
    let endret = sqlx::query(
        "UPDATE dokument SET registrert_feil_grunn = $1 WHERE klage_id = $2 AND sekvens = $3 AND registrert_feil_grunn IS NULL",
    )
    .bind(grunn)
    .bind(klage_id)
    .bind(sekvens)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if endret != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    let detalj = format!("dokument {sekvens}");
    super::revisjon::skriv_for_aktoer(&mut tx, aktoer, "dokument_registrert_feil", Some(klage_id.0), &detalj, tidspunkt).await?;
    tx.commit().await?;
    Ok(true)
}
