//! The complaint repository: registering a complaint, taking a step, reading cases and lists.
//!
//! Every change is one transaction that also writes the history row. A step re-reads the
//! case inside the transaction and updates it only if its status is still the one the step
//! started from, so two officers pressing buttons at once cannot both win.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::{dato, iso, Database, DbFeil};
use crate::domain::historikk::{Endringer, Endringsfelt, Hendelsesart};
use crate::domain::klage::{Hendelse, Klage, NyKlage, SakFilter, SakRad, Saksliste, Saksnummer, Steg};
use crate::domain::kode::{Aldersgruppe, Kategori, KlagerType, Mottaker, Rettighet, Utfall};
use crate::domain::status::{Status, Tilstand, UlovligOvergang};
use crate::domain::steg;
use crate::domain::tilgang::{Aktoer, Omfang, StegNekt};

/// Why a step was not taken. Nothing was changed in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum StegFeil {
    /// Also what a user outside the case's organisation gets: it does not reveal that the
    /// case exists.
    #[error("saken finnes ikke")]
    IkkeFunnet,
    #[error("du har ikke tilgang til å gjøre dette")]
    IkkeTillatt,
    /// The user can see the case but a rule of `domain::tilgang` refuses this step.
    #[error(transparent)]
    Nektet(#[from] StegNekt),
    /// Only a case whose decision was set aside (`opphevet`) gets a new decision from the
    /// municipality, and only once.
    #[error("kommunen kan bare melde nytt vedtak én gang, etter at vedtaket er opphevet")]
    IkkeOpphevet,
    #[error(transparent)]
    Ulovlig(#[from] UlovligOvergang),
    #[error("steget krever et notat")]
    ManglerNotat,
    #[error("datoen kan ikke være før {0}")]
    DatoForTidlig(NaiveDate),
    #[error("saken ble endret av noen andre i mellomtiden")]
    Konflikt,
    #[error("saken er avsluttet og kan ikke overføres")]
    AvsluttetSak,
    #[error("saken ligger allerede hos dette embetet")]
    SammeEmbete,
    #[error("ukjent embete")]
    UkjentEmbete,
    #[error(transparent)]
    Db(#[from] DbFeil),
}

impl From<steg::Stegfeil> for StegFeil {
    fn from(feil: steg::Stegfeil) -> Self {
        match feil {
            steg::Stegfeil::ManglerNotat => StegFeil::ManglerNotat,
            steg::Stegfeil::Ulovlig(u) => StegFeil::Ulovlig(u),
            steg::Stegfeil::Nektet(n) => StegFeil::Nektet(n),
            steg::Stegfeil::DatoForTidlig(d) => StegFeil::DatoForTidlig(d),
        }
    }
}

impl From<sqlx::Error> for StegFeil {
    fn from(e: sqlx::Error) -> Self {
        StegFeil::Db(DbFeil::Sql(e))
    }
}

/// Codes stored as one text column with delimiters at both ends (`,ip,koordinator,`), so a
/// `LIKE '%,ip,%'` finds one code exactly.
pub(crate) fn kodeliste<T: Copy>(koder: &[T], kode: fn(T) -> &'static str) -> String {
    let mut tekst = String::from(",");
    for k in koder {
        tekst.push_str(kode(*k));
        tekst.push(',');
    }
    tekst
}

fn les_kodeliste<T>(tekst: &str, les: fn(&str) -> Option<T>) -> Result<Vec<T>, DbFeil> {
    tekst.split(',').filter(|s| !s.is_empty()).map(|s| les(s).ok_or_else(|| DbFeil::UgyldigeData(format!("ukjent kode {s}")))).collect()
}

fn les_kode<T>(rad: &AnyRow, kolonne: &str, les: fn(&str) -> Option<T>) -> Result<T, DbFeil> {
    let tekst: String = rad.try_get(kolonne)?;
    les(&tekst).ok_or_else(|| DbFeil::UgyldigeData(format!("{kolonne}: {tekst}")))
}

/// The state of a case: a decided case's outcome is in `utfall`, a proposal's in
/// `foreslaatt_utfall` (so that nothing counts a proposal as decided).
fn les_tilstand(rad: &AnyRow) -> Result<Tilstand, DbFeil> {
    let status = les_kode(rad, "status", Status::fra_kode)?;
    let kolonne = if status == Status::TilGodkjenning { "foreslaatt_utfall" } else { "utfall" };
    let utfall: Option<String> = rad.try_get(kolonne)?;
    let utfall = utfall.map(|u| Utfall::fra_kode(&u).ok_or_else(|| DbFeil::UgyldigeData(format!("{kolonne}: {u}")))).transpose()?;
    Ok(Tilstand { status, utfall })
}

fn les_saksnummer(rad: &AnyRow) -> Result<Option<Saksnummer>, DbFeil> {
    let aar: Option<i64> = rad.try_get("saksaar")?;
    let sekvens: Option<i64> = rad.try_get("sakssekvens")?;
    Ok(match (aar, sekvens) {
        (Some(aar), Some(sekvens)) => Some(Saksnummer { aar: aar as i32, sekvens }),
        _ => None,
    })
}

const KLAGE_KOLONNER: &str = "id, saksaar, sakssekvens, kommune, statsforvalter, status, utfall, mottaker, \
    vedtaksdato, kjent_dato, mottatt_kommune, mottatt_statsforvalter, foerst_mottatt, avgjort_dato, \
    avsluttet_kommune_dato, klager, aldersgruppe, navn, fnr_kryptert, fnr_noekkel, rettigheter, kategorier, saarbar_overgang, \
    delvis_medhold, sammendrag, opprettet, foreslaatt_utfall, foreslaatt_av, nytt_vedtak_dato, \
    (SELECT navn FROM bruker WHERE bruker.id = klage.foreslaatt_av) AS foreslaatt_av_navn";

fn les_klage(rad: &AnyRow, noekler: &super::fnr::Noekkelring) -> Result<Klage, DbFeil> {
    let opprettet: String = rad.try_get("opprettet")?;
    Ok(Klage {
        id: rad.try_get("id")?,
        saksnummer: les_saksnummer(rad)?,
        kommune: rad.try_get("kommune")?,
        statsforvalter: rad.try_get("statsforvalter")?,
        tilstand: les_tilstand(rad)?,
        mottaker: les_kode(rad, "mottaker", Mottaker::fra_kode)?,
        vedtaksdato: dato(rad, "vedtaksdato")?,
        kjent_dato: dato(rad, "kjent_dato")?,
        mottatt_kommune: dato(rad, "mottatt_kommune")?,
        mottatt_statsforvalter: dato(rad, "mottatt_statsforvalter")?,
        avgjort_dato: dato(rad, "avgjort_dato")?,
        avsluttet_kommune_dato: dato(rad, "avsluttet_kommune_dato")?,
        klager: les_kode(rad, "klager", KlagerType::fra_kode)?,
        aldersgruppe: les_kode(rad, "aldersgruppe", Aldersgruppe::fra_kode)?,
        navn: rad.try_get("navn")?,
        // The full number stays in this module: only the masked form leaves it.
        fnr_maskert: super::fnr::les(rad, noekler)?.map(|f| f.maskert()),
        rettigheter: les_kodeliste(&rad.try_get::<String, _>("rettigheter")?, Rettighet::fra_kode)?,
        kategorier: les_kodeliste(&rad.try_get::<String, _>("kategorier")?, Kategori::fra_kode)?,
        saarbar_overgang: rad.try_get::<i64, _>("saarbar_overgang")? != 0,
        delvis_medhold: rad.try_get::<i64, _>("delvis_medhold")? != 0,
        sammendrag: rad.try_get("sammendrag")?,
        opprettet: DateTime::parse_from_rfc3339(&opprettet).map_err(|_| DbFeil::UgyldigeData("opprettet".into()))?.with_timezone(&Utc),
        foreslaatt_av: rad.try_get("foreslaatt_av")?,
        foreslaatt_av_navn: rad.try_get("foreslaatt_av_navn")?,
        nytt_vedtak_dato: dato(rad, "nytt_vedtak_dato")?,
    })
}

/// Reads a case inside a transaction.
#[tracing::instrument(level = "debug", skip_all)]
async fn hent_i(db: &Database, tx: &mut Transaction<'_, Any>, id: i64) -> Result<Option<Klage>, DbFeil> {
    let rad = sqlx::query(&format!("SELECT {KLAGE_KOLONNER} FROM klage WHERE id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    rad.as_ref().map(|r| les_klage(r, &db.fnr_noekler)).transpose()
}

/// Writes the audit row of a change inside the change's own transaction: both commit or
/// neither does.
#[tracing::instrument(level = "debug", skip_all)]
async fn revider(
    tx: &mut Transaction<'_, Any>,
    aktoer: &Aktoer,
    handling: &str,
    klage_id: i64,
    detalj: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<(), DbFeil> {
    super::revisjon::skriv_for_aktoer(tx, aktoer, handling, Some(klage_id), detalj, tidspunkt).await
}

/// Gives the next case number of an office and year. The upsert locks the counter row until
/// the transaction ends, so concurrent app instances queue up instead of colliding, and a
/// number is never handed out twice.
#[tracing::instrument(level = "debug", skip_all)]
async fn neste_saksnummer(tx: &mut Transaction<'_, Any>, statsforvalter: &str, aar: i32) -> Result<Saksnummer, DbFeil> {
    let rad = sqlx::query(
        "INSERT INTO saksnummerteller (statsforvalter, aar, siste) VALUES ($1, $2, 1) \
         ON CONFLICT (statsforvalter, aar) DO UPDATE SET siste = saksnummerteller.siste + 1 \
         RETURNING siste",
    )
    .bind(statsforvalter)
    .bind(i64::from(aar))
    .fetch_one(&mut **tx)
    .await?;
    Ok(Saksnummer { aar, sekvens: rad.try_get("siste")? })
}

/// One row of a case's history, as written.
struct NyHendelse<'a> {
    handling: &'a str,
    fra: Option<Status>,
    til: Status,
    endring: &'a Endringer,
    notat: &'a str,
}

#[tracing::instrument(level = "debug", skip_all)]
async fn skriv_hendelse(tx: &mut Transaction<'_, Any>, klage_id: i64, tidspunkt: DateTime<Utc>, h: NyHendelse<'_>) -> Result<(), DbFeil> {
    let NyHendelse { handling, fra, til, endring, notat } = h;
    sqlx::query(
        "INSERT INTO hendelse (klage_id, tidspunkt, handling, fra_status, til_status, endring, notat) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(klage_id)
    .bind(tidspunkt.to_rfc3339())
    .bind(handling)
    .bind(fra.map(Status::kode))
    .bind(til.kode())
    .bind(serde_json::to_string(endring).unwrap_or_default())
    .bind(notat)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Registers a validated complaint where it arrived. A complaint that arrived at the governor
/// gets its case number now; one that arrived at the municipality gets it when forwarded.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn registrer(db: &Database, aktoer: &Aktoer, ny: &NyKlage, tidspunkt: DateTime<Utc>) -> Result<i64, StegFeil> {
    if let Some(bruker) = aktoer.bruker() {
        if !bruker.kan_registrere(&ny.kommune, ny.mottaker) {
            return Err(StegFeil::IkkeTillatt);
        }
    }
    let tilstand = ny.tilstand();
    let mut tx = db.begynn_skriving().await?;
    let mut endring = Endringer::new();
    let (mottatt_kommune, mottatt_sf) = match ny.mottaker {
        Mottaker::Kommunen => (Some(ny.mottatt_dato), None),
        Mottaker::Statsforvalteren => (None, Some(ny.mottatt_dato)),
    };
    let saksnummer = if mottatt_sf.is_some() {
        let nr = neste_saksnummer(&mut tx, &ny.statsforvalter, ny.mottatt_dato.year()).await?;
        endring.insert(Endringsfelt::Saksnummer, nr.to_string());
        Some(nr)
    } else {
        None
    };
    endring.insert(Endringsfelt::Mottatt, iso(ny.mottatt_dato));
    let rad = sqlx::query(
        "INSERT INTO klage (saksaar, sakssekvens, kommune, statsforvalter, status, utfall, mottaker, vedtaksdato, \
         kjent_dato, mottatt_kommune, mottatt_statsforvalter, foerst_mottatt, klager, aldersgruppe, navn, \
         rettigheter, kategorier, saarbar_overgang, delvis_medhold, sammendrag, opprettet) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) \
         RETURNING id",
    )
    .bind(saksnummer.map(|s| i64::from(s.aar)))
    .bind(saksnummer.map(|s| s.sekvens))
    .bind(&ny.kommune)
    .bind(&ny.statsforvalter)
    .bind(tilstand.status.kode())
    .bind(tilstand.utfall.map(Utfall::kode))
    .bind(ny.mottaker.kode())
    .bind(ny.vedtaksdato.map(iso))
    .bind(ny.kjent_dato.map(iso))
    .bind(mottatt_kommune.map(iso))
    .bind(mottatt_sf.map(iso))
    .bind(iso(ny.mottatt_dato))
    .bind(ny.klager.kode())
    .bind(ny.aldersgruppe.kode())
    .bind(ny.navn.as_deref())
    .bind(kodeliste(&ny.rettigheter, Rettighet::kode))
    .bind(kodeliste(&ny.kategorier, Kategori::kode))
    .bind(i64::from(ny.saarbar_overgang))
    .bind(0_i64)
    .bind(&ny.sammendrag)
    .bind(tidspunkt.to_rfc3339())
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = rad.try_get("id")?;
    // Encrypted with the case's id bound to it, so written once the id is known.
    if let Some(fnr) = &ny.fnr {
        super::fnr::skriv(&mut tx, &db.fnr_noekler, id, fnr).await?;
    }
    skriv_hendelse(
        &mut tx,
        id,
        tidspunkt,
        NyHendelse { handling: Hendelsesart::Registrert.kode(), fra: None, til: tilstand.status, endring: &endring, notat: "" },
    )
    .await?;
    revider(&mut tx, aktoer, "registrer_sak", id, "", tidspunkt).await?;
    tx.commit().await?;
    Ok(id)
}

/// Takes one step on a case. Illegal steps, a missing note or a date before the case's last
/// date are refused and change nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn utfoer_steg(db: &Database, aktoer: &Aktoer, id: i64, steg: &Steg, tidspunkt: DateTime<Utc>) -> Result<Klage, StegFeil> {
    let mut tx = db.begynn_skriving().await?;
    let klage = hent_i(db, &mut tx, id).await?.filter(|k| aktoer.omfatter(&k.statsforvalter, &k.kommune)).ok_or(StegFeil::IkkeFunnet)?;
    // The domain decides the whole change; nothing is written before this, so a refusal
    // leaves the case as it was.
    let mut e = steg::ta_steg(&klage, aktoer, steg)?;
    let mut saksnummer = klage.saksnummer;
    if let Some(aar) = e.nytt_saksnummer_aar {
        let nr = neste_saksnummer(&mut tx, &klage.statsforvalter, aar).await?;
        e.endring.insert(Endringsfelt::Saksnummer, nr.to_string());
        saksnummer = Some(nr);
    }
    let oppdatert = sqlx::query(
        "UPDATE klage SET status = $1, utfall = $2, saksaar = $3, sakssekvens = $4, mottatt_statsforvalter = $5, \
         avgjort_dato = $6, avsluttet_kommune_dato = $7, delvis_medhold = $8, foreslaatt_utfall = $9, \
         foreslaatt_av = $10, godkjent_av = COALESCE($11, godkjent_av) \
         WHERE id = $12 AND status = $13",
    )
    .bind(e.til.status.kode())
    .bind(e.utfall.map(Utfall::kode))
    .bind(saksnummer.map(|s| i64::from(s.aar)))
    .bind(saksnummer.map(|s| s.sekvens))
    .bind(e.mottatt_statsforvalter.map(iso))
    .bind(e.avgjort_dato.map(iso))
    .bind(e.avsluttet_kommune_dato.map(iso))
    .bind(i64::from(e.delvis_medhold))
    .bind(e.foreslaatt_utfall.map(Utfall::kode))
    .bind(e.foreslaatt_av)
    .bind(e.godkjent_av)
    .bind(id)
    .bind(e.fra.status.kode())
    .execute(&mut *tx)
    .await?;
    if oppdatert.rows_affected() != 1 {
        return Err(StegFeil::Konflikt);
    }
    let hendelse = NyHendelse {
        handling: steg.handling.kode(),
        fra: Some(e.fra.status),
        til: e.til.status,
        endring: &e.endring,
        notat: steg.notat.trim(),
    };
    skriv_hendelse(&mut tx, id, tidspunkt, hendelse).await?;
    revider(&mut tx, aktoer, "endre_sak", id, steg.handling.kode(), tidspunkt).await?;
    let etter = hent_i(db, &mut tx, id).await?.ok_or(StegFeil::IkkeFunnet)?;
    tx.commit().await?;
    Ok(etter)
}

/// Transfers an open case to another governor office: the only way a case's office changes
/// from the one its municipality belongs to. A case that already has a case number gets the
/// next number at the new office; the old number stays in the history and is never reused.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn overfoer(
    db: &Database,
    aktoer: &Aktoer,
    id: i64,
    til: &str,
    dato: NaiveDate,
    notat: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<Klage, StegFeil> {
    if crate::domain::referanse::statsforvalter(til).is_none() {
        return Err(StegFeil::UkjentEmbete);
    }
    if notat.trim().is_empty() {
        return Err(StegFeil::ManglerNotat);
    }
    let mut tx = db.begynn_skriving().await?;
    let klage = hent_i(db, &mut tx, id).await?.filter(|k| aktoer.omfatter(&k.statsforvalter, &k.kommune)).ok_or(StegFeil::IkkeFunnet)?;
    if !aktoer.kan_overfoere() {
        return Err(StegFeil::IkkeTillatt);
    }
    if !klage.status().er_aapen() {
        return Err(StegFeil::AvsluttetSak);
    }
    if klage.statsforvalter == til {
        return Err(StegFeil::SammeEmbete);
    }
    let mut endring = Endringer::new();
    endring.insert(Endringsfelt::Statsforvalter, til.to_owned());
    let saksnummer = match klage.saksnummer {
        Some(gammelt) => {
            let nytt = neste_saksnummer(&mut tx, til, dato.year()).await?;
            endring.insert(Endringsfelt::TidligereSaksnummer, gammelt.to_string());
            endring.insert(Endringsfelt::Saksnummer, nytt.to_string());
            Some(nytt)
        }
        None => None,
    };
    let oppdatert = sqlx::query(
        "UPDATE klage SET statsforvalter = $1, saksaar = $2, sakssekvens = $3 WHERE id = $4 AND statsforvalter = $5 AND status = $6",
    )
    .bind(til)
    .bind(saksnummer.map(|s| i64::from(s.aar)))
    .bind(saksnummer.map(|s| s.sekvens))
    .bind(id)
    .bind(&klage.statsforvalter)
    .bind(klage.status().kode())
    .execute(&mut *tx)
    .await?;
    if oppdatert.rows_affected() != 1 {
        return Err(StegFeil::Konflikt);
    }
    let status = klage.status();
    skriv_hendelse(
        &mut tx,
        id,
        tidspunkt,
        NyHendelse { handling: Hendelsesart::Overfoert.kode(), fra: Some(status), til: status, endring: &endring, notat: notat.trim() },
    )
    .await?;
    revider(&mut tx, aktoer, "endre_sak", id, "overfoer", tidspunkt).await?;
    let etter = hent_i(db, &mut tx, id).await?.ok_or(StegFeil::IkkeFunnet)?;
    tx.commit().await?;
    Ok(etter)
}

/// The municipality reports the new decision it made after Statsforvalteren set its first one
/// aside (`opphevet`), with a note on what it decided. The case stays decided with its outcome;
/// this only records the follow-up, once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn meld_nytt_vedtak(
    db: &Database,
    aktoer: &Aktoer,
    id: i64,
    dato: NaiveDate,
    notat: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<Klage, StegFeil> {
    if notat.trim().is_empty() {
        return Err(StegFeil::ManglerNotat);
    }
    let mut tx = db.begynn_skriving().await?;
    let klage = hent_i(db, &mut tx, id).await?.filter(|k| aktoer.omfatter(&k.statsforvalter, &k.kommune)).ok_or(StegFeil::IkkeFunnet)?;
    if !aktoer.kan_melde_nytt_vedtak() {
        return Err(StegFeil::IkkeTillatt);
    }
    if !klage.venter_paa_nytt_vedtak() {
        return Err(StegFeil::IkkeOpphevet);
    }
    if let Some(avgjort) = klage.avgjort_dato.filter(|d| dato < *d) {
        return Err(StegFeil::DatoForTidlig(avgjort));
    }
    let oppdatert = sqlx::query(
        "UPDATE klage SET nytt_vedtak_dato = $1 WHERE id = $2 AND status = 'avgjort' AND utfall = 'opphevet' \
         AND nytt_vedtak_dato IS NULL",
    )
    .bind(iso(dato))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if oppdatert.rows_affected() != 1 {
        return Err(StegFeil::Konflikt);
    }
    let mut endring = Endringer::new();
    endring.insert(Endringsfelt::NyttVedtakDato, iso(dato));
    let status = klage.status();
    skriv_hendelse(
        &mut tx,
        id,
        tidspunkt,
        NyHendelse { handling: Hendelsesart::NyttVedtak.kode(), fra: Some(status), til: status, endring: &endring, notat: notat.trim() },
    )
    .await?;
    revider(&mut tx, aktoer, "endre_sak", id, "nytt_vedtak", tidspunkt).await?;
    let etter = hent_i(db, &mut tx, id).await?.ok_or(StegFeil::IkkeFunnet)?;
    tx.commit().await?;
    Ok(etter)
}

/// The scope as a condition on `klage`, with its value: the filter every read carries.
fn omfangsvilkaar(omfang: &Omfang) -> Option<(&'static str, String)> {
    match omfang {
        Omfang::Statsforvalter(sf) => Some(("statsforvalter = ?", sf.clone())),
        Omfang::Kommune(k) => Some(("kommune = ?", k.clone())),
        Omfang::Ingen => None,
    }
}

/// One case within the scope, or `None` (also when it exists outside the scope).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hent(db: &Database, omfang: &Omfang, id: i64) -> Result<Option<Klage>, DbFeil> {
    let Some((vilkaar, verdi)) = omfangsvilkaar(omfang) else {
        return Ok(None);
    };
    let rad = sqlx::query(&format!("SELECT {KLAGE_KOLONNER} FROM klage WHERE id = $1 AND {}", vilkaar.replace('?', "$2")))
        .bind(id)
        .bind(verdi)
        .fetch_optional(&db.pool)
        .await?;
    rad.as_ref().map(|r| les_klage(r, &db.fnr_noekler)).transpose()
}

/// One case regardless of scope: for the system's own checks and tests, never for a request.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hent_uten_tilgangskontroll(db: &Database, id: i64) -> Result<Option<Klage>, DbFeil> {
    let rad = sqlx::query(&format!("SELECT {KLAGE_KOLONNER} FROM klage WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    rad.as_ref().map(|r| les_klage(r, &db.fnr_noekler)).transpose()
}

/// A case's history, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hendelser(db: &Database, id: i64) -> Result<Vec<Hendelse>, DbFeil> {
    let rader = sqlx::query(
        "SELECT id, tidspunkt, handling, fra_status, til_status, endring, notat FROM hendelse \
         WHERE klage_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rader
        .iter()
        .map(|rad| {
            let tidspunkt: String = rad.try_get("tidspunkt")?;
            let fra: Option<String> = rad.try_get("fra_status")?;
            let endring: String = rad.try_get("endring")?;
            Ok(Hendelse {
                id: rad.try_get("id")?,
                tidspunkt: DateTime::parse_from_rfc3339(&tidspunkt)
                    .map_err(|_| DbFeil::UgyldigeData("tidspunkt".into()))?
                    .with_timezone(&Utc),
                handling: rad.try_get("handling")?,
                fra_status: fra.as_deref().and_then(Status::fra_kode),
                til_status: les_kode(rad, "til_status", Status::fra_kode)?,
                endring: serde_json::from_str(&endring).unwrap_or_default(),
                notat: rad.try_get("notat")?,
            })
        })
        .collect()
}

/// Number of rows on a page of the case list.
pub const PER_SIDE: u32 = 50;

/// Builds a WHERE clause with numbered placeholders as conditions are added.
#[derive(Default)]
struct Vilkaar {
    deler: Vec<String>,
    verdier: Vec<String>,
}

impl Vilkaar {
    /// Adds a condition; `?` in it is replaced by the next placeholder.
    fn legg_til(&mut self, sql: &str, verdi: String) {
        self.verdier.push(verdi);
        self.deler.push(sql.replace('?', &format!("${}", self.verdier.len())));
    }

    /// Adds "`kolonne` is one of `verdier`" (none: matches nothing).
    fn legg_til_en_av(&mut self, kolonne: &str, verdier: Vec<String>) {
        if verdier.is_empty() {
            self.deler.push("1 = 0".to_owned());
            return;
        }
        let mut plasser = Vec::new();
        for verdi in verdier {
            self.verdier.push(verdi);
            plasser.push(format!("{kolonne} = ${}", self.verdier.len()));
        }
        self.deler.push(format!("({})", plasser.join(" OR ")));
    }

    fn sql(&self) -> String {
        if self.deler.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.deler.join(" AND "))
        }
    }
}

/// The case list within the scope, newest first, filtered inside the query.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sok(db: &Database, omfang: &Omfang, filter: &SakFilter) -> Result<Saksliste, DbFeil> {
    let mut v = Vilkaar::default();
    match omfangsvilkaar(omfang) {
        Some((vilkaar, verdi)) => v.legg_til(vilkaar, verdi),
        None => return Ok(Saksliste { rader: Vec::new(), totalt: 0, side: 1, per_side: PER_SIDE }),
    }
    if let Some(s) = &filter.statsforvalter {
        v.legg_til("statsforvalter = ?", s.clone());
    }
    if let Some(k) = &filter.kommune {
        v.legg_til("kommune = ?", k.clone());
    }
    if let Some(s) = filter.status {
        // A municipality filters on the statuses it sees (`domain::innsyn`).
        let statuser = crate::domain::innsyn::statuser_for(omfang, s);
        v.legg_til_en_av("status", statuser.into_iter().map(|s| s.kode().to_owned()).collect());
    }
    if let Some(k) = filter.kategori {
        v.legg_til("kategorier LIKE ?", format!("%,{},%", k.kode()));
    }
    if let Some(aar) = filter.aar {
        v.legg_til("foerst_mottatt >= ?", format!("{aar:04}-01-01"));
        v.legg_til("foerst_mottatt <= ?", format!("{aar:04}-12-31"));
    }
    if let Some(nr) = filter.saksnummer.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (aar, sekvens) = nr.split_once('/').unwrap_or((nr, ""));
        // Non-numbers match nothing rather than everything.
        v.legg_til("CAST(saksaar AS TEXT) = ?", aar.trim().to_owned());
        if !sekvens.trim().is_empty() {
            v.legg_til("CAST(sakssekvens AS TEXT) = ?", sekvens.trim().to_owned());
        }
    }
    let hvor = v.sql();
    let telling_sql = format!("SELECT COUNT(*) AS n FROM klage{hvor}");
    let mut telling = sqlx::query(&telling_sql);
    for verdi in &v.verdier {
        telling = telling.bind(verdi.clone());
    }
    let totalt: i64 = telling.fetch_one(&db.pool).await?.try_get("n")?;

    let side = filter.side.unwrap_or(1).max(1);
    let sql = format!(
        "SELECT id, saksaar, sakssekvens, kommune, statsforvalter, status, utfall, foreslaatt_utfall, foerst_mottatt, kategorier \
         FROM klage{hvor} ORDER BY foerst_mottatt DESC, id DESC LIMIT {PER_SIDE} OFFSET {}",
        (side - 1) * PER_SIDE
    );
    let mut sporring = sqlx::query(&sql);
    for verdi in &v.verdier {
        sporring = sporring.bind(verdi.clone());
    }
    let rader = sporring.fetch_all(&db.pool).await?;
    let rader = rader
        .iter()
        .map(|rad| {
            Ok(SakRad {
                id: rad.try_get("id")?,
                saksnummer: les_saksnummer(rad)?,
                kommune: rad.try_get("kommune")?,
                statsforvalter: rad.try_get("statsforvalter")?,
                tilstand: les_tilstand(rad)?,
                foerst_mottatt: dato(rad, "foerst_mottatt")?.ok_or_else(|| DbFeil::UgyldigeData("foerst_mottatt".into()))?,
                kategorier: les_kodeliste(&rad.try_get::<String, _>("kategorier")?, Kategori::fra_kode)?,
            })
        })
        .collect::<Result<Vec<_>, DbFeil>>()?;
    let rader = rader.into_iter().map(|r| crate::domain::innsyn::sakrad_for(omfang, r)).collect();
    Ok(Saksliste { rader, totalt, side, per_side: PER_SIDE })
}
