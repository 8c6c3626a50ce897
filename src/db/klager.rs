//! The complaint repository: registering a complaint, taking a step, reading cases and lists.
//!
//! Every change is one transaction that also writes the history row. A step re-reads the
//! case inside the transaction and updates it only if its status is still the one the step
//! started from, so two officers pressing buttons at once cannot both win.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{Any, Row, Transaction};

use super::fnr::Noekkelring;
use super::{iso, kolonne, Database, DbFeil};
use crate::domain::historikk::{Endringer, Endringsfelt, Hendelsesart};
use crate::domain::id::{BrukerId, Embetekode, KlageId, Kommunenummer};
use crate::domain::klage::{Hendelse, Klage, NyKlage, SakFilter, SakRad, Saksliste, Saksnummer, Steg};
use crate::domain::kode::{Aldersgruppe, Kategori, KlagerType, Mottaker, Rettighet, Utfall};
use crate::domain::status::{Status, Tilstand, UlovligOvergang};
use crate::domain::steg;
use crate::domain::tilgang::{Aktoer, Omfang, Omfangsart, StegNekt};

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

/// The columns of `klage` every reading of a case starts with: which case, where, and how
/// far it has come.
#[derive(sqlx::FromRow)]
struct Sakshode {
    id: KlageId,
    saksaar: Option<i64>,
    sakssekvens: Option<i64>,
    kommune: String,
    statsforvalter: String,
    status: String,
    utfall: Option<String>,
    foreslaatt_utfall: Option<String>,
}

/// A [`Sakshode`] read: the case number, the office and municipality checked against the
/// register, and the state.
struct LestHode {
    id: KlageId,
    saksnummer: Option<Saksnummer>,
    statsforvalter: Embetekode,
    kommune: Kommunenummer,
    tilstand: Tilstand,
}

impl Sakshode {
    fn les(self) -> Result<LestHode, DbFeil> {
        Ok(LestHode {
            id: self.id,
            saksnummer: saksnummer(self.saksaar, self.sakssekvens),
            statsforvalter: kolonne::kode("statsforvalter", &self.statsforvalter, Embetekode::ny)?,
            kommune: kolonne::kode("kommune", &self.kommune, Kommunenummer::ny)?,
            tilstand: tilstand(&self.status, self.utfall.as_deref(), self.foreslaatt_utfall.as_deref())?,
        })
    }
}

/// A `klage` row as stored, with the proposer's name joined in (`KLAGE_KOLONNER`).
#[derive(sqlx::FromRow)]
struct KlageRad {
    #[sqlx(flatten)]
    hode: Sakshode,
    mottaker: String,
    vedtaksdato: Option<String>,
    kjent_dato: Option<String>,
    mottatt_kommune: Option<String>,
    mottatt_statsforvalter: Option<String>,
    avgjort_dato: Option<String>,
    avsluttet_kommune_dato: Option<String>,
    klager: String,
    aldersgruppe: String,
    navn: Option<String>,
    fnr_kryptert: Option<String>,
    fnr_noekkel: Option<i64>,
    rettigheter: String,
    kategorier: String,
    saarbar_overgang: i64,
    delvis_medhold: i64,
    sammendrag: String,
    opprettet: String,
    foreslaatt_av: Option<BrukerId>,
    nytt_vedtak_dato: Option<String>,
    foreslaatt_av_navn: Option<String>,
}

/// The columns of `klage` the case list shows: a projection of [`KlageRad`].
#[derive(sqlx::FromRow)]
struct SakslisteRad {
    #[sqlx(flatten)]
    hode: Sakshode,
    foerst_mottatt: String,
    kategorier: String,
}

/// The state of a case: a decided case's outcome is in `utfall`, a proposal's in
/// `foreslaatt_utfall` (so that nothing counts a proposal as decided).
fn tilstand(status: &str, utfall: Option<&str>, foreslaatt_utfall: Option<&str>) -> Result<Tilstand, DbFeil> {
    let status = kolonne::kode("status", status, Status::fra_kode)?;
    let utfall = if status == Status::TilGodkjenning {
        kolonne::valgfri_kode("foreslaatt_utfall", foreslaatt_utfall, Utfall::fra_kode)?
    } else {
        kolonne::valgfri_kode("utfall", utfall, Utfall::fra_kode)?
    };
    Ok(Tilstand { status, utfall })
}

fn saksnummer(aar: Option<i64>, sekvens: Option<i64>) -> Option<Saksnummer> {
    match (aar, sekvens) {
        (Some(aar), Some(sekvens)) => Some(Saksnummer { aar: aar as i32, sekvens }),
        _ => None,
    }
}

const KLAGE_KOLONNER: &str = "id, saksaar, sakssekvens, kommune, statsforvalter, status, utfall, mottaker, \
    vedtaksdato, kjent_dato, mottatt_kommune, mottatt_statsforvalter, avgjort_dato, \
    avsluttet_kommune_dato, klager, aldersgruppe, navn, fnr_kryptert, fnr_noekkel, rettigheter, kategorier, saarbar_overgang, \
    delvis_medhold, sammendrag, opprettet, foreslaatt_utfall, foreslaatt_av, nytt_vedtak_dato, \
    (SELECT navn FROM bruker WHERE bruker.id = klage.foreslaatt_av) AS foreslaatt_av_navn";

impl KlageRad {
    /// The case this row holds, with its fødselsnummer decrypted with `noekler` (and only
    /// its masked form kept).
    fn til_klage(self, noekler: &Noekkelring) -> Result<Klage, DbFeil> {
        let r = self;
        let LestHode { id, saksnummer, statsforvalter, kommune, tilstand } = r.hode.les()?;
        Ok(Klage {
            id,
            saksnummer,
            kommune,
            statsforvalter,
            tilstand,
            mottaker: kolonne::kode("mottaker", &r.mottaker, Mottaker::fra_kode)?,
            vedtaksdato: kolonne::dato("vedtaksdato", r.vedtaksdato.as_deref())?,
            kjent_dato: kolonne::dato("kjent_dato", r.kjent_dato.as_deref())?,
            mottatt_kommune: kolonne::dato("mottatt_kommune", r.mottatt_kommune.as_deref())?,
            mottatt_statsforvalter: kolonne::dato("mottatt_statsforvalter", r.mottatt_statsforvalter.as_deref())?,
            avgjort_dato: kolonne::dato("avgjort_dato", r.avgjort_dato.as_deref())?,
            avsluttet_kommune_dato: kolonne::dato("avsluttet_kommune_dato", r.avsluttet_kommune_dato.as_deref())?,
            klager: kolonne::kode("klager", &r.klager, KlagerType::fra_kode)?,
            aldersgruppe: kolonne::kode("aldersgruppe", &r.aldersgruppe, Aldersgruppe::fra_kode)?,
            navn: r.navn,
            // The full number stays in this module: only the masked form leaves it.
            fnr_maskert: super::fnr::les(id.0, r.fnr_kryptert.as_deref(), r.fnr_noekkel, noekler)?.map(|f| f.maskert()),
            rettigheter: kolonne::kodeliste("rettigheter", &r.rettigheter, Rettighet::fra_kode)?,
            kategorier: kolonne::kodeliste("kategorier", &r.kategorier, Kategori::fra_kode)?,
            saarbar_overgang: r.saarbar_overgang != 0,
            delvis_medhold: r.delvis_medhold != 0,
            sammendrag: r.sammendrag,
            opprettet: kolonne::tidspunkt("opprettet", &r.opprettet)?,
            foreslaatt_av: r.foreslaatt_av,
            foreslaatt_av_navn: r.foreslaatt_av_navn,
            nytt_vedtak_dato: kolonne::dato("nytt_vedtak_dato", r.nytt_vedtak_dato.as_deref())?,
        })
    }
}

impl TryFrom<SakslisteRad> for SakRad {
    type Error = DbFeil;

    fn try_from(r: SakslisteRad) -> Result<SakRad, DbFeil> {
        let LestHode { id, saksnummer, statsforvalter, kommune, tilstand } = r.hode.les()?;
        Ok(SakRad {
            id,
            saksnummer,
            kommune,
            statsforvalter,
            tilstand,
            foerst_mottatt: kolonne::dato("foerst_mottatt", Some(&r.foerst_mottatt))?
                .ok_or_else(|| DbFeil::UgyldigeData("foerst_mottatt".into()))?,
            kategorier: kolonne::kodeliste("kategorier", &r.kategorier, Kategori::fra_kode)?,
        })
    }
}

/// A `hendelse` row as stored.
#[derive(sqlx::FromRow)]
struct HendelseRad {
    id: i64,
    tidspunkt: String,
    handling: String,
    fra_status: Option<String>,
    til_status: String,
    endring: String,
    notat: String,
}

impl TryFrom<HendelseRad> for Hendelse {
    type Error = DbFeil;

    fn try_from(r: HendelseRad) -> Result<Hendelse, DbFeil> {
        Ok(Hendelse {
            id: r.id,
            tidspunkt: kolonne::tidspunkt("tidspunkt", &r.tidspunkt)?,
            handling: kolonne::kode("handling", &r.handling, Hendelsesart::fra_kode)?,
            fra_status: r.fra_status.as_deref().and_then(Status::fra_kode),
            til_status: kolonne::kode("til_status", &r.til_status, Status::fra_kode)?,
            endring: serde_json::from_str(&r.endring).unwrap_or_default(),
            notat: r.notat,
        })
    }
}

/// Reads a case inside a transaction.
#[tracing::instrument(level = "debug", skip_all)]
async fn hent_i(db: &Database, tx: &mut Transaction<'_, Any>, id: KlageId) -> Result<Option<Klage>, DbFeil> {
    let rad: Option<KlageRad> =
        sqlx::query_as(&format!("SELECT {KLAGE_KOLONNER} FROM klage WHERE id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    rad.map(|r| r.til_klage(&db.fnr_noekler)).transpose()
}

/// Writes the audit row of a change inside the change's own transaction: both commit or
/// neither does.
#[tracing::instrument(level = "debug", skip_all)]
async fn revider(
    tx: &mut Transaction<'_, Any>,
    aktoer: &Aktoer,
    handling: &str,
    klage_id: KlageId,
    detalj: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<(), DbFeil> {
    super::revisjon::skriv_for_aktoer(tx, aktoer, handling, Some(klage_id.0), detalj, tidspunkt).await
}

/// Gives the next case number of an office and year. The upsert locks the counter row until
/// the transaction ends, so concurrent app instances queue up instead of colliding, and a
/// number is never handed out twice.
#[tracing::instrument(level = "debug", skip_all)]
async fn neste_saksnummer(tx: &mut Transaction<'_, Any>, statsforvalter: &Embetekode, aar: i32) -> Result<Saksnummer, DbFeil> {
    let rad = sqlx::query(
        "INSERT INTO saksnummerteller (statsforvalter, aar, siste) VALUES ($1, $2, 1) \
         ON CONFLICT (statsforvalter, aar) DO UPDATE SET siste = saksnummerteller.siste + 1 \
         RETURNING siste",
    )
    .bind(statsforvalter.as_str())
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
async fn skriv_hendelse(
    tx: &mut Transaction<'_, Any>,
    klage_id: KlageId,
    tidspunkt: DateTime<Utc>,
    h: NyHendelse<'_>,
) -> Result<(), DbFeil> {
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
pub async fn registrer(db: &Database, aktoer: &Aktoer, ny: &NyKlage, tidspunkt: DateTime<Utc>) -> Result<KlageId, StegFeil> {
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
    .bind(ny.kommune.as_str())
    .bind(ny.statsforvalter.as_str())
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
    let id: KlageId = rad.try_get("id")?;
    // Encrypted with the case's id bound to it, so written once the id is known.
    if let Some(fnr) = &ny.fnr {
        super::fnr::skriv(&mut tx, &db.fnr_noekler, id.0, fnr).await?;
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
pub async fn utfoer_steg(db: &Database, aktoer: &Aktoer, id: KlageId, steg: &Steg, tidspunkt: DateTime<Utc>) -> Result<Klage, StegFeil> {
    let (mut aapen, klage) = aapne(db, aktoer, id).await?;
    // The domain decides the whole change; nothing is written before this, so a refusal
    // leaves the case as it was.
    let mut e = steg::ta_steg(&klage, aktoer, steg)?;
    let mut saksnummer = klage.saksnummer;
    if let Some(aar) = e.nytt_saksnummer_aar {
        let nr = neste_saksnummer(&mut aapen.tx, &klage.statsforvalter, aar).await?;
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
    .execute(&mut *aapen.tx)
    .await?;
    let hendelse = NyHendelse {
        handling: steg.handling.kode(),
        fra: Some(e.fra.status),
        til: e.til.status,
        endring: &e.endring,
        notat: steg.notat.trim(),
    };
    aapen.fullfoer(oppdatert.rows_affected(), hendelse, steg.handling.kode(), tidspunkt).await
}

/// A change to one case under way: its write transaction, who makes it, and which case.
struct Sakstransaksjon<'a> {
    db: &'a Database,
    tx: Transaction<'static, Any>,
    aktoer: &'a Aktoer,
    id: KlageId,
}

/// Opens the write transaction of a change and reads the case in it, within the actor's
/// scope: outside it, the case is not found.
async fn aapne<'a>(db: &'a Database, aktoer: &'a Aktoer, id: KlageId) -> Result<(Sakstransaksjon<'a>, Klage), StegFeil> {
    let mut tx = db.begynn_skriving().await?;
    let klage = hent_i(db, &mut tx, id).await?.filter(|k| aktoer.omfatter(&k.statsforvalter, &k.kommune)).ok_or(StegFeil::IkkeFunnet)?;
    Ok((Sakstransaksjon { db, tx, aktoer, id }, klage))
}

impl Sakstransaksjon<'_> {
    /// Ends a change whose `UPDATE` touched `oppdaterte` rows: exactly one, or someone else
    /// changed the case meanwhile. Writes the history row and the audit row (`detalj` names
    /// the change), commits, and returns the case as it is now.
    async fn fullfoer(
        mut self,
        oppdaterte: u64,
        hendelse: NyHendelse<'_>,
        detalj: &str,
        tidspunkt: DateTime<Utc>,
    ) -> Result<Klage, StegFeil> {
        if oppdaterte != 1 {
            return Err(StegFeil::Konflikt);
        }
        skriv_hendelse(&mut self.tx, self.id, tidspunkt, hendelse).await?;
        revider(&mut self.tx, self.aktoer, "endre_sak", self.id, detalj, tidspunkt).await?;
        let etter = hent_i(self.db, &mut self.tx, self.id).await?.ok_or(StegFeil::IkkeFunnet)?;
        self.tx.commit().await?;
        Ok(etter)
    }
}

/// Transfers an open case to another governor office: the only way a case's office changes
/// from the one its municipality belongs to. A case that already has a case number gets the
/// next number at the new office; the old number stays in the history and is never reused.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn overfoer(
    db: &Database,
    aktoer: &Aktoer,
    id: KlageId,
    til: &str,
    dato: NaiveDate,
    notat: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<Klage, StegFeil> {
    let Some(til) = Embetekode::ny(til) else {
        return Err(StegFeil::UkjentEmbete);
    };
    if notat.trim().is_empty() {
        return Err(StegFeil::ManglerNotat);
    }
    let (mut aapen, klage) = aapne(db, aktoer, id).await?;
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
    endring.insert(Endringsfelt::Statsforvalter, til.to_string());
    let saksnummer = match klage.saksnummer {
        Some(gammelt) => {
            let nytt = neste_saksnummer(&mut aapen.tx, &til, dato.year()).await?;
            endring.insert(Endringsfelt::TidligereSaksnummer, gammelt.to_string());
            endring.insert(Endringsfelt::Saksnummer, nytt.to_string());
            Some(nytt)
        }
        None => None,
    };
    let oppdatert = sqlx::query(
        "UPDATE klage SET statsforvalter = $1, saksaar = $2, sakssekvens = $3 WHERE id = $4 AND statsforvalter = $5 AND status = $6",
    )
    .bind(til.as_str())
    .bind(saksnummer.map(|s| i64::from(s.aar)))
    .bind(saksnummer.map(|s| s.sekvens))
    .bind(id)
    .bind(klage.statsforvalter.as_str())
    .bind(klage.status().kode())
    .execute(&mut *aapen.tx)
    .await?;
    let status = klage.status();
    let hendelse =
        NyHendelse { handling: Hendelsesart::Overfoert.kode(), fra: Some(status), til: status, endring: &endring, notat: notat.trim() };
    aapen.fullfoer(oppdatert.rows_affected(), hendelse, "overfoer", tidspunkt).await
}

/// The municipality reports the new decision it made after Statsforvalteren set its first one
/// aside (`opphevet`), with a note on what it decided. The case stays decided with its outcome;
/// this only records the follow-up, once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn meld_nytt_vedtak(
    db: &Database,
    aktoer: &Aktoer,
    id: KlageId,
    dato: NaiveDate,
    notat: &str,
    tidspunkt: DateTime<Utc>,
) -> Result<Klage, StegFeil> {
    if notat.trim().is_empty() {
        return Err(StegFeil::ManglerNotat);
    }
    let (mut aapen, klage) = aapne(db, aktoer, id).await?;
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
    .execute(&mut *aapen.tx)
    .await?;
    let mut endring = Endringer::new();
    endring.insert(Endringsfelt::NyttVedtakDato, iso(dato));
    let status = klage.status();
    let hendelse =
        NyHendelse { handling: Hendelsesart::NyttVedtak.kode(), fra: Some(status), til: status, endring: &endring, notat: notat.trim() };
    aapen.fullfoer(oppdatert.rows_affected(), hendelse, "nytt_vedtak", tidspunkt).await
}

/// The scope as a condition on `klage`, with its value: the filter every read carries.
fn omfangsvilkaar(omfang: &Omfang) -> Option<(&'static str, String)> {
    match omfang.art() {
        Omfangsart::Statsforvalter(sf) => Some(("statsforvalter = ?", sf.to_string())),
        Omfangsart::Kommune(k) => Some(("kommune = ?", k.to_string())),
        Omfangsart::Ingen => None,
    }
}

/// One case within the scope, or `None` (also when it exists outside the scope).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hent(db: &Database, omfang: &Omfang, id: KlageId) -> Result<Option<Klage>, DbFeil> {
    let Some((vilkaar, verdi)) = omfangsvilkaar(omfang) else {
        return Ok(None);
    };
    let rad: Option<KlageRad> =
        sqlx::query_as(&format!("SELECT {KLAGE_KOLONNER} FROM klage WHERE id = $1 AND {}", vilkaar.replace('?', "$2")))
            .bind(id)
            .bind(verdi)
            .fetch_optional(&db.pool)
            .await?;
    rad.map(|r| r.til_klage(&db.fnr_noekler)).transpose()
}

/// Whether the case exists within the scope: the same condition as [`hent`], without reading
/// (and decrypting) the case.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn innenfor(db: &Database, omfang: &Omfang, id: KlageId) -> Result<bool, DbFeil> {
    let Some((vilkaar, verdi)) = omfangsvilkaar(omfang) else {
        return Ok(false);
    };
    let rad = sqlx::query(&format!("SELECT 1 AS n FROM klage WHERE id = $1 AND {}", vilkaar.replace('?', "$2")))
        .bind(id)
        .bind(verdi)
        .fetch_optional(&db.pool)
        .await?;
    Ok(rad.is_some())
}

/// One case regardless of scope: for the system's own checks and tests, never for a request.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hent_uten_tilgangskontroll(db: &Database, id: KlageId) -> Result<Option<Klage>, DbFeil> {
    let rad: Option<KlageRad> =
        sqlx::query_as(&format!("SELECT {KLAGE_KOLONNER} FROM klage WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    rad.map(|r| r.til_klage(&db.fnr_noekler)).transpose()
}

/// A case's history, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn hendelser(db: &Database, id: KlageId) -> Result<Vec<Hendelse>, DbFeil> {
    let rader: Vec<HendelseRad> = sqlx::query_as(
        "SELECT id, tidspunkt, handling, fra_status, til_status, endring, notat FROM hendelse \
         WHERE klage_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rader.into_iter().map(Hendelse::try_from).collect()
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
        v.legg_til("statsforvalter = ?", s.to_string());
    }
    if let Some(k) = &filter.kommune {
        v.legg_til("kommune = ?", k.to_string());
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
    let mut sporring = sqlx::query_as::<_, SakslisteRad>(&sql);
    for verdi in &v.verdier {
        sporring = sporring.bind(verdi.clone());
    }
    let rader = sporring.fetch_all(&db.pool).await?.into_iter().map(SakRad::try_from).collect::<Result<Vec<_>, DbFeil>>()?;
    let rader = rader.into_iter().map(|r| crate::domain::innsyn::sakrad_for(omfang, r)).collect();
    Ok(Saksliste { rader, totalt, side, per_side: PER_SIDE })
}
