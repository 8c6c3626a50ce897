//! The case file's use cases: upload a document, list a case's documents, download one, and
//! mark one "registrert feil".
//!
//! Access is checked like a case step: the case must be within the user's scope (a case
//! outside it looks like one that does not exist, with an `avvist_tilgang` audit row), and a
//! document the user may not see (`domain::innsyn::ser_dokument`) looks like one that does not
//! exist. A download writes its audit row before any byte is returned.

use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::revisjonslogg::Logg;
use super::Tjenester;
use crate::db::dokumenter::{self, Fil};
use crate::db::dokumentlager::Dokumentlager;
use crate::db::{klager, DbFeil};
use crate::domain::dokument::{self, Dokument, Dokumentfeil, Dokumentskjema, NyttDokument};
use crate::domain::id::KlageId;
use crate::domain::innsyn;
use crate::domain::tilgang::{Aktoer, Omfang, Omfangsart};

/// A file as uploaded, with the form's fields.
pub struct Opplasting {
    /// The name the browser gave (only the name is kept, never a path).
    pub filnavn: String,
    pub innhold: Bytes,
    pub skjema: Dokumentskjema,
}

/// Why a document was not registered. Nothing is stored in any of these cases.
#[derive(Debug, PartialEq)]
pub enum Opplastingsfeil {
    /// The file or the fields were refused, each error for its field.
    Ugyldig(Vec<Dokumentfeil>),
    /// The case does not exist or is outside the user's scope.
    IkkeFunnet,
    /// The user may see the case but not do this.
    IkkeTillatt,
    /// A technical error.
    Lagring,
}

/// Checks the file and the fields, stores the file, and registers the document with its
/// audit row in one transaction: the new document's sequence in the case. The file is written
/// first; if the row does not commit, the file is deleted again.
pub async fn last_opp(t: &Tjenester, aktoer: &Aktoer, id: KlageId, opplasting: Opplasting) -> Result<i64, Opplastingsfeil> {
    let Some(bruker) = aktoer.bruker() else { return Err(Opplastingsfeil::IkkeTillatt) };
    let omfang = bruker.omfang();
    if !innenfor(t, aktoer, &omfang, id).await.map_err(lagringsfeil)? {
        return Err(Opplastingsfeil::IkkeFunnet);
    }
    let fra_kommunen = matches!(omfang.art(), Omfangsart::Kommune(_));
    let mut feil = Vec::new();
    let innholdstype = dokument::sjekk_fil(&opplasting.filnavn, &opplasting.innhold, t.maks_dokument).map_err(|e| feil.push(e)).ok();
    let felt = opplasting.skjema.valider(t.klokke.idag(), fra_kommunen).map_err(|mut e| feil.append(&mut e)).ok();
    let (Some(innholdstype), Some((art, tittel, avsender_mottaker, dato, synlighet))) = (innholdstype, felt) else {
        return Err(Opplastingsfeil::Ugyldig(feil));
    };
    let ny = NyttDokument { art, tittel, avsender_mottaker, dato, filnavn: opplasting.filnavn, innholdstype, synlighet };
    let sha256 = hex::encode(Sha256::digest(&opplasting.innhold));
    let stoerrelse = opplasting.innhold.len() as i64;
    let noekkel = Dokumentlager::ny_noekkel();
    if let Err(e) = t.dokumentlager.skriv(&noekkel, opplasting.innhold).await {
        tracing::error!(feil = %e, "dokumentet kunne ikke lagres");
        return Err(Opplastingsfeil::Lagring);
    }
    let fil = Fil { sha256: &sha256, stoerrelse, lagringsnoekkel: &noekkel };
    match dokumenter::registrer(&t.db, aktoer, id, &ny, &fil, t.klokke.naa()).await {
        Ok(sekvens) => Ok(sekvens),
        Err(e) => {
            tracing::error!(feil = %e, "dokumentet kunne ikke registreres");
            // The row did not commit: the file must not stay behind either.
            if let Err(e) = t.dokumentlager.slett(&noekkel).await {
                tracing::error!(feil = %e, "en fil uten journalpost ble liggende i dokumentlageret");
            }
            Err(Opplastingsfeil::Lagring)
        }
    }
}

fn lagringsfeil(e: DbFeil) -> Opplastingsfeil {
    tracing::error!(feil = %e, "dokument: lagringsfeil");
    Opplastingsfeil::Lagring
}

/// Whether the case is within the scope; when it is not, the refusal's audit row is written.
async fn innenfor(t: &Tjenester, aktoer: &Aktoer, omfang: &Omfang, id: KlageId) -> Result<bool, DbFeil> {
    if klager::innenfor(&t.db, omfang, id).await? {
        return Ok(true);
    }
    Logg::for_aktoer(aktoer, "avvist_tilgang", Some(id)).skriv(t).await;
    Ok(false)
}

/// The documents of a case the scope may see, for a case already read within it (by
/// `tjenester::saker::les`, which logged the read).
pub(crate) async fn synlige(t: &Tjenester, omfang: &Omfang, id: KlageId) -> Result<Vec<Dokument>, DbFeil> {
    Ok(innsyn::dokumenter_for(omfang, dokumenter::for_sak(&t.db, id).await?))
}

/// The documents of a case the user may see; `None` when the case is outside their scope.
/// The read is logged first.
pub async fn liste(t: &Tjenester, aktoer: &Aktoer, id: KlageId) -> Result<Option<Vec<Dokument>>, DbFeil> {
    let Some(bruker) = aktoer.bruker() else { return Ok(None) };
    let omfang = bruker.omfang();
    if !innenfor(t, aktoer, &omfang, id).await? {
        return Ok(None);
    }
    Logg::for_aktoer(aktoer, "les_dokumentliste", Some(id)).skriv_til(&t.db, t.klokke.naa()).await?;
    Ok(Some(synlige(t, &omfang, id).await?))
}

/// Why a download failed.
#[derive(Debug, thiserror::Error)]
pub enum Nedlastingsfeil {
    #[error(transparent)]
    Db(#[from] DbFeil),
    #[error(transparent)]
    Lager(#[from] crate::db::dokumentlager::Lagerfeil),
    /// The stored file is not the one registered (its SHA-256 differs).
    #[error("filen i dokumentlageret stemmer ikke med journalposten")]
    Endret,
}

/// One document and its file, if the user may see it; `None` when the case or the document
/// does not exist or is not theirs to see (the same answer, with an `avvist_tilgang` row). The
/// download's audit row is written before the file is returned.
pub async fn last_ned(t: &Tjenester, aktoer: &Aktoer, id: KlageId, sekvens: i64) -> Result<Option<(Dokument, Bytes)>, Nedlastingsfeil> {
    let Some(bruker) = aktoer.bruker() else { return Ok(None) };
    let omfang = bruker.omfang();
    if !innenfor(t, aktoer, &omfang, id).await? {
        return Ok(None);
    }
    let lagret = dokumenter::hent(&t.db, id, sekvens).await?;
    let Some(lagret) = lagret.filter(|l| innsyn::ser_dokument(&omfang, &l.dokument)) else {
        let mut logg = Logg::for_aktoer(aktoer, "avvist_tilgang", Some(id));
        logg.detalj = format!("dokument {sekvens}");
        logg.skriv(t).await;
        return Ok(None);
    };
    let innhold = t.dokumentlager.les(&lagret.lagringsnoekkel).await?;
    if hex::encode(Sha256::digest(&innhold)) != lagret.dokument.sha256 {
        return Err(Nedlastingsfeil::Endret);
    }
    let mut logg = Logg::for_aktoer(aktoer, "les_dokument", Some(id));
    logg.detalj = format!("dokument {sekvens}");
    logg.skriv_til(&t.db, t.klokke.naa()).await?;
    Ok(Some((lagret.dokument, innhold)))
}

/// Why a document was not marked "registrert feil".
#[derive(Debug, PartialEq)]
pub enum Feilregistreringsfeil {
    IkkeFunnet,
    /// Only the office marks its journal.
    IkkeTillatt,
    Ugyldig(Dokumentfeil),
    Lagring,
}

/// Marks a document "registrert feil" with the reason (the office only): it stays, hidden from
/// lists, with an audit row.
pub async fn registrer_feil(t: &Tjenester, aktoer: &Aktoer, id: KlageId, sekvens: i64, grunn: &str) -> Result<(), Feilregistreringsfeil> {
    let Some(bruker) = aktoer.bruker() else { return Err(Feilregistreringsfeil::IkkeTillatt) };
    let omfang = bruker.omfang();
    let lagring = |e: DbFeil| {
        tracing::error!(feil = %e, "registrert feil: lagringsfeil");
        Feilregistreringsfeil::Lagring
    };
    if !innenfor(t, aktoer, &omfang, id).await.map_err(lagring)? {
        return Err(Feilregistreringsfeil::IkkeFunnet);
    }
    if !innsyn::ser_internt_arbeid(&omfang) {
        Logg::for_aktoer(aktoer, "avvist_tilgang", Some(id)).skriv(t).await;
        return Err(Feilregistreringsfeil::IkkeTillatt);
    }
    let grunn = dokument::sjekk_grunn(grunn).map_err(Feilregistreringsfeil::Ugyldig)?;
    match dokumenter::registrer_feil(&t.db, aktoer, id, sekvens, &grunn, t.klokke.naa()).await.map_err(lagring)? {
        true => Ok(()),
        false => Err(Feilregistreringsfeil::IkkeFunnet),
    }
}
