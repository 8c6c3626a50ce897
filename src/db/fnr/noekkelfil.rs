//! The key file (`KLAGESAK_NOKKELFIL`): the keys of [`Noekkelring`], outside the database.
//!
//! A text file, readable and writable by its owner only (0600), written whole to a new file
//! that then replaces the old one, so a rotation interrupted while writing leaves either the
//! old file or the new, never half of one:
//!
//! ```text
//! # comments
//! gjeldende 2
//! nokkel 1 <64 hex digits>
//! nokkel 2 <64 hex digits>
//! ```
//!
//! Losing the file loses every stored fødselsnummer: it is backed up, apart from the
//! database's own backups.

use std::io::Write;
use std::path::Path;

use super::noekler::{NoekkelFeil, Noekkelring, NOEKKELLENGDE};

fn feil(sti: &Path, grunn: impl std::fmt::Display) -> NoekkelFeil {
    NoekkelFeil::Fil { sti: sti.display().to_string(), grunn: grunn.to_string() }
}

/// Reads a key ring from the file's text.
pub fn tolk(tekst: &str) -> Result<Noekkelring, String> {
    let mut gjeldende = None;
    let mut noekler = Vec::new();
    for (nr, linje) in tekst.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
        if linje.is_empty() || linje.starts_with('#') {
            continue;
        }
        let ord: Vec<&str> = linje.split_whitespace().collect();
        let id =
            |tekst: &str| tekst.parse::<i64>().ok().filter(|id| *id > 0).ok_or(format!("linje {nr}: «{tekst}» er ikke et nøkkelnummer"));
        match ord.as_slice() {
            ["gjeldende", nummer] => gjeldende = Some(id(nummer)?),
            ["nokkel", nummer, heks] => {
                let raa: [u8; NOEKKELLENGDE] = hex::decode(heks)
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or(format!("linje {nr}: nøkkelen må være {} heksadesimale tegn", NOEKKELLENGDE * 2))?;
                noekler.push((id(nummer)?, raa));
            }
            _ => return Err(format!("linje {nr}: forventet «gjeldende N» eller «nokkel N HEX»")),
        }
    }
    let gjeldende = gjeldende.ok_or("linjen «gjeldende N» mangler")?;
    Noekkelring::fra_noekler(gjeldende, &noekler)
}

/// The file's text for a key ring.
pub fn tekst(ring: &Noekkelring) -> String {
    let mut tekst = String::from(
        "# Klagesak: nøklene til fødselsnumrene i databasen. Hemmelig: bare appens bruker skal kunne lese fila.\n\
         # Ta sikkerhetskopi av den, adskilt fra databasen: uten den kan ingen lese fødselsnumrene.\n",
    );
    if let Some(id) = ring.gjeldende() {
        tekst.push_str(&format!("gjeldende {id}\n"));
    }
    for (id, raa) in ring.raa() {
        tekst.push_str(&format!("nokkel {id} {}\n", hex::encode(raa)));
    }
    tekst
}

/// Reads the key file.
pub fn les(sti: &Path) -> Result<Noekkelring, NoekkelFeil> {
    let innhold = std::fs::read_to_string(sti).map_err(|e| feil(sti, e))?;
    tolk(&innhold).map_err(|grunn| feil(sti, grunn))
}

/// Writes the key file whole: to a new file (0600) beside it, synced, then renamed over it.
pub fn skriv(sti: &Path, ring: &Noekkelring) -> Result<(), NoekkelFeil> {
    if let Some(mappe) = sti.parent().filter(|m| !m.as_os_str().is_empty()) {
        std::fs::create_dir_all(mappe).map_err(|e| feil(sti, e))?;
    }
    let mut ny_sti = sti.as_os_str().to_owned();
    ny_sti.push(format!(".ny-{}", std::process::id()));
    let ny_sti = std::path::PathBuf::from(ny_sti);
    let mut valg = std::fs::OpenOptions::new();
    valg.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut valg, 0o600);
    let skrevet = valg.open(&ny_sti).and_then(|mut fil| {
        fil.write_all(tekst(ring).as_bytes())?;
        fil.sync_all()
    });
    if let Err(e) = skrevet.and_then(|()| std::fs::rename(&ny_sti, sti)) {
        let _ = std::fs::remove_file(&ny_sti);
        return Err(feil(sti, e));
    }
    Ok(())
}

/// Reads the key file, or makes one with a new key when there is none (`true` then).
pub fn les_eller_lag(sti: &Path) -> Result<(Noekkelring, bool), NoekkelFeil> {
    if sti.exists() {
        return Ok((les(sti)?, false));
    }
    let ring = Noekkelring::ny();
    skriv(sti, &ring)?;
    Ok((ring, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fnr::Fodselsnummer;

    #[test]
    fn the_file_keeps_every_key_and_the_current_one() {
        let ring = Noekkelring::ny().med_ny_gjeldende();
        let fnr = Fodselsnummer::parse("01818012337").unwrap();
        let gammel = ring.bare_gjeldende();
        let k = ring.krypter(3, &fnr).unwrap();
        let lest = tolk(&tekst(&ring)).unwrap();
        assert_eq!((lest.gjeldende(), lest.ider()), (Some(2), vec![1, 2]));
        assert_eq!(lest.dekrypter(3, 2, &k.kryptert).unwrap(), fnr);
        assert_eq!(tolk(&tekst(&gammel)).unwrap().ider(), vec![2]);
    }

    #[test]
    fn a_broken_file_is_refused_with_its_line() {
        let noekkel = "ab".repeat(NOEKKELLENGDE);
        assert!(tolk(&format!("gjeldende 1\nnokkel 1 {noekkel}\n")).is_ok());
        for (tekst, forventet) in [
            (format!("nokkel 1 {noekkel}\n"), "gjeldende N"),
            (format!("gjeldende 2\nnokkel 1 {noekkel}\n"), "nøkkelen 2 finnes ikke"),
            (format!("gjeldende 1\nnokkel 1 {}\n", &noekkel[2..]), "linje 2: nøkkelen må være 64"),
            (format!("gjeldende en\nnokkel 1 {noekkel}\n"), "linje 1: «en»"),
            (format!("gjeldende 1\nnokkel 1 {noekkel}\nhemmelig\n"), "linje 3"),
        ] {
            let svar = tolk(&tekst);
            assert!(matches!(&svar, Err(f) if f.contains(forventet)), "{tekst}: {:?}", svar.err());
        }
    }

    #[test]
    fn a_missing_file_is_made_once_readable_by_its_owner_only() {
        let mappe = tempfile::tempdir().unwrap();
        let sti = mappe.path().join("data").join("nokkel");
        let (ring, laget) = les_eller_lag(&sti).unwrap();
        assert!(laget);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&sti).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let (igjen, laget) = les_eller_lag(&sti).unwrap();
        assert!(!laget);
        let fnr = Fodselsnummer::parse("01818012337").unwrap();
        assert_eq!(igjen.krypter(1, &fnr).unwrap().hash, ring.krypter(1, &fnr).unwrap().hash);
        assert_eq!(std::fs::read_dir(sti.parent().unwrap()).unwrap().count(), 1, "no file left beside it");
        let ut = les(&mappe.path().join("finnes-ikke")).unwrap_err().to_string();
        assert!(ut.contains("finnes-ikke"), "{ut}");
    }
}
