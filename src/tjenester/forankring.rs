//! Anchoring the access log outside the database: the key file, the checkpoint file, and the
//! use cases behind `klagesak revisjon nokkel ny`, `klagesak revisjon forankre` and the
//! checkpoint half of `klagesak revisjon verifiser`. What is signed, and how a checkpoint is
//! checked against the log, is in `db::forankring` (with the threat model).
//!
//! The key file holds the 32-byte Ed25519 secret as 64 hex digits and a newline, readable by
//! its owner alone (0600). It is made by `klagesak revisjon nokkel ny`, which never overwrites
//! one; outside production, the first `forankre` makes it too, with a warning. The checkpoint
//! file gets one JSON line per checkpoint, appended and flushed to disk; nothing here ever
//! rewrites it.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;

use crate::db::forankring::{self, Avvik, Forankringsnoekkel, Kontrollpunkt, Loggtilstand};
use crate::db::{revisjon, Database, DbFeil};

/// Where the key file lives when `KLAGESAK_FORANKRINGSNOKKEL` is not set.
pub const STANDARD_NOEKKELFIL: &str = "data/forankringsnokkel";
/// Where the checkpoints are written when `KLAGESAK_FORANKRINGER` is not set.
pub const STANDARD_FIL: &str = "data/forankringer.jsonl";

/// Where the key and the checkpoints are, and whom to trust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forankringsoppsett {
    /// The private key (`KLAGESAK_FORANKRINGSNOKKEL`).
    pub noekkelfil: PathBuf,
    /// The checkpoints, one JSON line each (`KLAGESAK_FORANKRINGER`).
    pub fil: PathBuf,
    /// The public key checkpoints must be signed with
    /// (`KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL`); without it, the key file's.
    pub offentlig: Option<VerifyingKey>,
}

impl Default for Forankringsoppsett {
    fn default() -> Forankringsoppsett {
        Forankringsoppsett { noekkelfil: STANDARD_NOEKKELFIL.into(), fil: STANDARD_FIL.into(), offentlig: None }
    }
}

/// What went wrong, as the person at the terminal is told.
#[derive(Debug, thiserror::Error)]
pub enum Forankringsfeil {
    #[error("{0}")]
    Db(#[from] DbFeil),
    #[error("Nøkkelfilen {} finnes allerede og blir ikke overskrevet.", .0.display())]
    NoekkelFinnes(PathBuf),
    #[error("Nøkkelfilen {} finnes ikke. Lag den med «klagesak revisjon nokkel ny» (i produksjon lages den aldri av seg selv).", .0.display())]
    IngenNoekkel(PathBuf),
    #[error("Nøkkelfilen {}: {grunn}", sti.display())]
    Noekkelfil { sti: PathBuf, grunn: String },
    #[error("Nøkkelfilen {} hører ikke til den offentlige nøkkelen i KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL.", .0.display())]
    AnnenNoekkel(PathBuf),
    #[error("Kontrollpunktene i {} kan ikke kontrolleres uten en offentlig nøkkel: sett KLAGESAK_FORANKRING_OFFENTLIG_NOKKEL, eller KLAGESAK_FORANKRINGSNOKKEL til nøkkelfilen.", .0.display())]
    IngenOffentligNoekkel(PathBuf),
    #[error("Kontrollpunktfilen {}: {grunn}", sti.display())]
    Fil { sti: PathBuf, grunn: String },
    #[error("Revisjonsloggen er brutt ved rad {0}; et kontrollpunkt signeres bare for en hel kjede.")]
    BruttKjede(i64),
    #[error("Kontrollpunktet på linje {linje} i {} kan ikke leses: {grunn}", sti.display())]
    Uleselig { sti: PathBuf, linje: usize, grunn: String },
    #[error(
        "Kontrollpunktet på linje {linje} i {} (signert {}, {} rader, siste rad {}) stemmer ikke: {avvik}.",
        sti.display(), kontrollpunkt.tidspunkt, kontrollpunkt.rader, kontrollpunkt.hode_id
    )]
    Avvik { sti: PathBuf, linje: usize, kontrollpunkt: Box<Kontrollpunkt>, avvik: Avvik },
}

fn noekkelfeil(sti: &Path, grunn: impl std::fmt::Display) -> Forankringsfeil {
    Forankringsfeil::Noekkelfil { sti: sti.to_owned(), grunn: grunn.to_string() }
}

fn filfeil(sti: &Path, grunn: impl std::fmt::Display) -> Forankringsfeil {
    Forankringsfeil::Fil { sti: sti.to_owned(), grunn: grunn.to_string() }
}

/// Makes a new key file at `sti` (and its folder), readable by its owner alone, and returns
/// the public key to give the auditor. Never overwrites a file.
pub fn ny_noekkel(sti: &Path) -> Result<VerifyingKey, Forankringsfeil> {
    let noekkel = Forankringsnoekkel::generer().map_err(|e| noekkelfeil(sti, e))?;
    if let Some(mappe) = sti.parent().filter(|m| !m.as_os_str().is_empty()) {
        std::fs::create_dir_all(mappe).map_err(|e| noekkelfeil(sti, e))?;
    }
    let mut valg = std::fs::OpenOptions::new();
    valg.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut valg, 0o600);
    let mut fil = valg.open(sti).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Forankringsfeil::NoekkelFinnes(sti.to_owned()),
        _ => noekkelfeil(sti, e),
    })?;
    fil.write_all(format!("{}\n", noekkel.til_hex().as_str()).as_bytes()).and_then(|()| fil.sync_all()).map_err(|e| noekkelfeil(sti, e))?;
    Ok(noekkel.offentlig())
}

/// Reads the key file. One that others may read still works, with a warning.
pub fn les_noekkel(sti: &Path) -> Result<Forankringsnoekkel, Forankringsfeil> {
    let tekst = zeroize::Zeroizing::new(std::fs::read_to_string(sti).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Forankringsfeil::IngenNoekkel(sti.to_owned()),
        _ => noekkelfeil(sti, e),
    })?);
    #[cfg(unix)]
    if let Ok(metadata) = std::fs::metadata(sti) {
        use std::os::unix::fs::PermissionsExt;
        if metadata.permissions().mode() & 0o077 != 0 {
            tracing::warn!(fil = %sti.display(), "forankringsnøkkelen kan leses av andre enn eieren; den bør ha rettighetene 0600");
        }
    }
    Forankringsnoekkel::fra_hex(&tekst).map_err(|e| noekkelfeil(sti, e))
}

/// The key to sign with: the key file, made first when it is missing and this is not
/// production. The flag says it was just made, so the caller can warn and show the public key.
pub fn noekkel_for_forankring(oppsett: &Forankringsoppsett, produksjon: bool) -> Result<(Forankringsnoekkel, bool), Forankringsfeil> {
    match les_noekkel(&oppsett.noekkelfil) {
        Err(Forankringsfeil::IngenNoekkel(_)) if !produksjon => {
            ny_noekkel(&oppsett.noekkelfil)?;
            Ok((les_noekkel(&oppsett.noekkelfil)?, true))
        }
        svar => svar.map(|n| (n, false)),
    }
}

/// Signs the log's head as it is now and appends the checkpoint to the file: `None` (and no
/// line) for an empty log. Refuses when the key is not the configured public key's, or when the
/// chain is broken, so a checkpoint never vouches for a log that is already tampered with.
pub async fn forankre(
    db: &Database,
    noekkel: &Forankringsnoekkel,
    oppsett: &Forankringsoppsett,
    naa: DateTime<Utc>,
) -> Result<Option<Kontrollpunkt>, Forankringsfeil> {
    if oppsett.offentlig.is_some_and(|o| o != noekkel.offentlig()) {
        return Err(Forankringsfeil::AnnenNoekkel(oppsett.noekkelfil.clone()));
    }
    // The head first, then the whole chain: rows written in between extend it, and an intact
    // chain contains the head that is signed.
    let Some(hode) = forankring::hode(db).await? else { return Ok(None) };
    if let Some(rad) = revisjon::verifiser(db).await?.foerste_brudd {
        return Err(Forankringsfeil::BruttKjede(rad));
    }
    let kontrollpunkt = noekkel.signer(&hode, naa);
    let linje = serde_json::to_string(&kontrollpunkt).map_err(|e| filfeil(&oppsett.fil, e))? + "\n";
    let sti = &oppsett.fil;
    if let Some(mappe) = sti.parent().filter(|m| !m.as_os_str().is_empty()) {
        std::fs::create_dir_all(mappe).map_err(|e| filfeil(sti, e))?;
    }
    let mut fil = std::fs::OpenOptions::new().append(true).create(true).open(sti).map_err(|e| filfeil(sti, e))?;
    // One write of the whole line, so a line is never interleaved with another writer's.
    fil.write_all(linje.as_bytes()).and_then(|()| fil.sync_data()).map_err(|e| filfeil(sti, e))?;
    Ok(Some(kontrollpunkt))
}

/// The result of checking the checkpoint file.
#[derive(Debug, PartialEq, Eq)]
pub struct Kontrollert {
    /// How many checkpoints hold (all of them, or there is an error instead).
    pub antall: usize,
    /// The last one, if any.
    pub siste: Option<Kontrollpunkt>,
}

/// Checks every checkpoint in the file against the configured public key and the log as it is
/// now, and names the first that does not hold. `None` when there is no checkpoint file.
pub async fn kontroller(db: &Database, oppsett: &Forankringsoppsett) -> Result<Option<Kontrollert>, Forankringsfeil> {
    let sti = &oppsett.fil;
    let innhold = match std::fs::read_to_string(sti) {
        Ok(innhold) => innhold,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(filfeil(sti, e)),
    };
    let offentlig = match oppsett.offentlig {
        Some(o) => o,
        None => match les_noekkel(&oppsett.noekkelfil) {
            Ok(n) => n.offentlig(),
            Err(Forankringsfeil::IngenNoekkel(_)) => return Err(Forankringsfeil::IngenOffentligNoekkel(sti.clone())),
            Err(e) => return Err(e),
        },
    };
    let rader = forankring::antall_rader(db).await?;
    let mut kontrollert = Kontrollert { antall: 0, siste: None };
    for (nr, tekst) in innhold.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let linje = nr + 1;
        let kontrollpunkt: Kontrollpunkt =
            serde_json::from_str(tekst).map_err(|e| Forankringsfeil::Uleselig { sti: sti.clone(), linje, grunn: e.to_string() })?;
        let loggen = Loggtilstand { rader, hash_ved_hode: forankring::hash_ved(db, kontrollpunkt.hode_id).await? };
        if let Err(avvik) = kontrollpunkt.kontroller(&offentlig, &loggen) {
            return Err(Forankringsfeil::Avvik { sti: sti.clone(), linje, kontrollpunkt: Box::new(kontrollpunkt), avvik });
        }
        kontrollert.antall += 1;
        kontrollert.siste = Some(kontrollpunkt);
    }
    Ok(Some(kontrollert))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_file_is_private_and_never_overwritten() {
        let mappe = tempfile::tempdir().unwrap();
        let sti = mappe.path().join("under/forankringsnokkel");
        let offentlig = ny_noekkel(&sti).unwrap();
        assert_eq!(les_noekkel(&sti).unwrap().offentlig(), offentlig);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&sti).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let foer = std::fs::read(&sti).unwrap();
        assert!(matches!(ny_noekkel(&sti), Err(Forankringsfeil::NoekkelFinnes(_))));
        assert_eq!(std::fs::read(&sti).unwrap(), foer, "the old key is kept");
        assert_eq!(foer.len(), 65, "64 hex digits and a newline");
    }

    #[test]
    fn a_missing_key_is_made_outside_production_only() {
        let mappe = tempfile::tempdir().unwrap();
        let oppsett = Forankringsoppsett { noekkelfil: mappe.path().join("n"), ..Forankringsoppsett::default() };
        let svar = noekkel_for_forankring(&oppsett, true);
        assert!(matches!(svar, Err(Forankringsfeil::IngenNoekkel(_))), "{svar:?}");
        assert!(svar.unwrap_err().to_string().contains("klagesak revisjon nokkel ny"));
        let (noekkel, ny) = noekkel_for_forankring(&oppsett, false).unwrap();
        assert!(ny);
        let (igjen, ny) = noekkel_for_forankring(&oppsett, true).unwrap();
        assert!(!ny);
        assert_eq!(igjen.offentlig(), noekkel.offentlig());
    }

    #[test]
    fn a_broken_key_file_is_named() {
        let mappe = tempfile::tempdir().unwrap();
        let sti = mappe.path().join("n");
        std::fs::write(&sti, "ikke en nøkkel").unwrap();
        let feil = les_noekkel(&sti).unwrap_err().to_string();
        assert!(feil.contains(&sti.display().to_string()) && feil.contains("heksadesimal"), "{feil}");
    }
}
