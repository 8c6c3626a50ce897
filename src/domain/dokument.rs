//! The case file's documents: journal entries (journalposter, Noark 5) and the rules for a
//! file that is uploaded to one.
//!
//! - A document is a journal entry of its case: a number `2026/6-3` (the case number and a
//!   per-case sequence that is never reused), a kind ([`Dokumentart`]: I incoming, U outgoing,
//!   N internal note, X internal document without follow-up), a title, the sender or recipient,
//!   its date, who registered it, the file's SHA-256, size and checked type, and a
//!   [`Synlighet`]. Entries are never deleted: a mistaken one is marked "registrert feil" with a
//!   reason and hidden from lists.
//! - Who may see a document is decided in one place, `domain::innsyn::ser_dokument`.
//! - The type of a file is decided from its bytes ([`gjenkjenn`]), never from its name or the
//!   browser's claim; [`sjekk_fil`] refuses an empty file, one over the size limit, any other
//!   type, and a name that carries a path.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::id::{BrukerId, KlageId};
use super::klage::Saksnummer;
use super::kode::kodeverk;
use super::sprak::Sprak;

/// The default upper limit of an uploaded file: 25 MB (`KLAGESAK_MAKS_DOKUMENT`).
pub const STANDARD_MAKS_DOKUMENT: u64 = 25 * 1024 * 1024;

/// The longest title and sender/recipient, in characters.
pub const MAKS_TITTEL: usize = 300;

/// The longest reason for "registrert feil", in characters.
pub const MAKS_GRUNN: usize = 1000;

kodeverk! {
    /// The kind of journal entry (Noark 5 journalposttype). The codes are Noark's own letters.
    Dokumentart {
        /// Incoming (inngående).
        Inngaaende = "I", "Inngående (I)", "Inngåande (I)";
        /// Outgoing (utgående).
        Utgaaende = "U", "Utgående (U)", "Utgåande (U)";
        /// Internal note with follow-up (organinternt notat).
        Notat = "N", "Internt notat (N)", "Internt notat (N)";
        /// Internal document without follow-up.
        Internt = "X", "Internt dokument uten oppfølging (X)", "Internt dokument utan oppfølging (X)";
    }
}

kodeverk! {
    /// Who outside the office may see a document.
    Synlighet {
        /// The office only.
        Intern = "intern", "Intern", "Intern";
        /// Shared with the municipality complained against.
        DeltMedKommunen = "delt_med_kommunen", "Delt med kommunen", "Delt med kommunen";
        /// Sent to the complainant; the municipality sees it too.
        SendtTilKlager = "sendt_til_klager", "Sendt til klager", "Sendt til klagar";
    }
}

impl Dokumentart {
    /// N and X are the office's internal work (offentleglova § 14, fvl § 18 a): always internal.
    pub fn alltid_intern(self) -> bool {
        matches!(self, Dokumentart::Notat | Dokumentart::Internt)
    }
}

/// The visibility a new document gets: an internal kind is always internal, and a
/// municipality's own upload is shared with it (it sent it); the office chooses otherwise.
pub fn synlighet_ved_registrering(art: Dokumentart, valgt: Synlighet, fra_kommunen: bool) -> Synlighet {
    if art.alltid_intern() {
        Synlighet::Intern
    } else if fra_kommunen {
        Synlighet::DeltMedKommunen
    } else {
        valgt
    }
}

/// The file types a document may have, decided from the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Innholdstype {
    Pdf,
    Png,
    Jpeg,
    Docx,
    Odt,
}

impl Innholdstype {
    pub const ALLE: &'static [Innholdstype] =
        &[Innholdstype::Pdf, Innholdstype::Png, Innholdstype::Jpeg, Innholdstype::Docx, Innholdstype::Odt];

    /// The media type, as stored and sent.
    pub fn mime(self) -> &'static str {
        match self {
            Innholdstype::Pdf => "application/pdf",
            Innholdstype::Png => "image/png",
            Innholdstype::Jpeg => "image/jpeg",
            Innholdstype::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Innholdstype::Odt => ODT_MIME,
        }
    }

    pub fn fra_mime(mime: &str) -> Option<Innholdstype> {
        Innholdstype::ALLE.iter().copied().find(|t| t.mime() == mime)
    }
}

const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

/// The type of a file from its first bytes (and, for the office formats, the entries of the
/// ZIP container); `None` for anything else.
pub fn gjenkjenn(innhold: &[u8]) -> Option<Innholdstype> {
    if innhold.starts_with(b"%PDF-") {
        Some(Innholdstype::Pdf)
    } else if innhold.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Innholdstype::Png)
    } else if innhold.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Innholdstype::Jpeg)
    } else if innhold.starts_with(b"PK\x03\x04") {
        kontordokument(innhold)
    } else {
        None
    }
}

/// DOCX or ODT, by the entries of the ZIP container: an ODT's first entry is `mimetype`,
/// stored uncompressed, holding its media type; a DOCX has `[Content_Types].xml` and the
/// `word/` folder.
fn kontordokument(innhold: &[u8]) -> Option<Innholdstype> {
    // The local header of the first entry: its name at 30, its data right after the extra field.
    let navnlengde = u16_le(innhold, 26)? as usize;
    let ekstra = u16_le(innhold, 28)? as usize;
    let metode = u16_le(innhold, 8)?;
    let stoerrelse = u32_le(innhold, 18)? as usize;
    let navn = innhold.get(30..30 + navnlengde)?;
    if navn == b"mimetype" && metode == 0 {
        let start = 30 + navnlengde + ekstra;
        let data = innhold.get(start..start.checked_add(stoerrelse)?)?;
        return (data == ODT_MIME.as_bytes()).then_some(Innholdstype::Odt);
    }
    let navn = zipnavn(innhold)?;
    let innholdstyper = navn.iter().any(|n| n == b"[Content_Types].xml");
    let word = navn.iter().any(|n| n.starts_with(b"word/"));
    (innholdstyper && word).then_some(Innholdstype::Docx)
}

fn u16_le(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_le(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The entry names of a ZIP file, from its central directory (found through the end record in
/// the last 64 KiB); `None` when it is not a well-formed ZIP.
fn zipnavn(b: &[u8]) -> Option<Vec<&[u8]>> {
    let fra = b.len().saturating_sub(22 + 65_535);
    let slutt = (fra..=b.len().checked_sub(22)?).rev().find(|&i| b[i..].starts_with(b"PK\x05\x06"))?;
    let antall = u16_le(b, slutt + 10)? as usize;
    let mut i = u32_le(b, slutt + 16)? as usize;
    let mut navn = Vec::with_capacity(antall);
    for _ in 0..antall {
        if !b.get(i..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let (n, e, k) = (u16_le(b, i + 28)? as usize, u16_le(b, i + 30)? as usize, u16_le(b, i + 32)? as usize);
        navn.push(b.get(i + 46..i + 46 + n)?);
        i += 46 + n + e + k;
    }
    Some(navn)
}

/// Why a file or a document's fields were refused. Nothing is stored in any of these cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dokumentfeil {
    /// No file was chosen.
    ManglerFil,
    Tom,
    /// Over the limit, in bytes.
    ForStor(u64),
    /// Not PDF, PNG, JPEG, DOCX or ODT by its content.
    UkjentType,
    /// The name carries a path (`/`, `\`, `..`) or control characters.
    StiINavn,
    ManglerTittel,
    ForLangTittel,
    ForLangAvsender,
    UgyldigArt,
    UgyldigSynlighet,
    UgyldigDato,
    DatoIFremtiden,
    ManglerGrunn,
    ForLangGrunn,
}

impl Dokumentfeil {
    /// The form control the error is shown next to.
    pub fn felt(self) -> &'static str {
        match self {
            Dokumentfeil::ManglerFil | Dokumentfeil::Tom | Dokumentfeil::ForStor(_) | Dokumentfeil::UkjentType | Dokumentfeil::StiINavn => {
                "fil"
            }
            Dokumentfeil::ManglerTittel | Dokumentfeil::ForLangTittel => "tittel",
            Dokumentfeil::ForLangAvsender => "avsender_mottaker",
            Dokumentfeil::UgyldigArt => "art",
            Dokumentfeil::UgyldigSynlighet => "synlighet",
            Dokumentfeil::UgyldigDato | Dokumentfeil::DatoIFremtiden => "dato",
            Dokumentfeil::ManglerGrunn | Dokumentfeil::ForLangGrunn => "grunn",
        }
    }

    /// The error in the reader's language.
    pub fn melding(self, sprak: Sprak) -> String {
        let t = |nb: &str, nn: &str| sprak.velg(nb, nn).to_owned();
        match self {
            Dokumentfeil::ManglerFil => t("Velg en fil.", "Vel ei fil."),
            Dokumentfeil::Tom => t("Filen er tom.", "Fila er tom."),
            Dokumentfeil::ForStor(maks) => {
                let mb = maks / (1024 * 1024);
                sprak.velg(format!("Filen er for stor: høyst {mb} MB."), format!("Fila er for stor: høgst {mb} MB."))
            }
            Dokumentfeil::UkjentType => t(
                "Filen er ikke PDF, PNG, JPEG, DOCX eller ODT (typen avgjøres av innholdet, ikke av navnet).",
                "Fila er ikkje PDF, PNG, JPEG, DOCX eller ODT (typen blir avgjord av innhaldet, ikkje av namnet).",
            ),
            Dokumentfeil::StiINavn => t(
                "Filnavnet kan ikke inneholde mapper (/, \\ eller ..) eller kontrolltegn.",
                "Filnamnet kan ikkje innehalde mapper (/, \\ eller ..) eller kontrollteikn.",
            ),
            Dokumentfeil::ManglerTittel => t("Skriv en tittel.", "Skriv ein tittel."),
            Dokumentfeil::ForLangTittel => t("Tittelen er for lang.", "Tittelen er for lang."),
            Dokumentfeil::ForLangAvsender => t("Avsender/mottaker er for lang.", "Avsendar/mottakar er for lang."),
            Dokumentfeil::UgyldigArt => t("Velg dokumenttype.", "Vel dokumenttype."),
            Dokumentfeil::UgyldigSynlighet => t("Velg hvem som kan se dokumentet.", "Vel kven som kan sjå dokumentet."),
            Dokumentfeil::UgyldigDato => t("Skriv en gyldig dato.", "Skriv ein gyldig dato."),
            Dokumentfeil::DatoIFremtiden => t("Datoen kan ikke være fram i tid.", "Datoen kan ikkje vere fram i tid."),
            Dokumentfeil::ManglerGrunn => t("Skriv hvorfor dokumentet er registrert feil.", "Skriv kvifor dokumentet er registrert feil."),
            Dokumentfeil::ForLangGrunn => t("Begrunnelsen er for lang.", "Grunngivinga er for lang."),
        }
    }
}

/// A file name without a path: no `/`, `\`, `..` or control characters, and not empty.
pub fn sjekk_filnavn(navn: &str) -> Result<(), Dokumentfeil> {
    if navn.is_empty() {
        return Err(Dokumentfeil::ManglerFil);
    }
    if navn.contains(['/', '\\']) || navn.contains("..") || navn.chars().any(char::is_control) {
        return Err(Dokumentfeil::StiINavn);
    }
    Ok(())
}

/// Checks an uploaded file: its name, that it is neither empty nor over `maks` bytes, and its
/// type from the content.
pub fn sjekk_fil(navn: &str, innhold: &[u8], maks: u64) -> Result<Innholdstype, Dokumentfeil> {
    sjekk_filnavn(navn)?;
    if innhold.is_empty() {
        return Err(Dokumentfeil::Tom);
    }
    if innhold.len() as u64 > maks {
        return Err(Dokumentfeil::ForStor(maks));
    }
    gjenkjenn(innhold).ok_or(Dokumentfeil::UkjentType)
}

/// A document's number in its case: `2026/6-3`, or `-3` while the case has no case number
/// (it is still at the municipality).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dokumentnummer {
    pub saksnummer: Option<Saksnummer>,
    pub sekvens: i64,
}

impl std::fmt::Display for Dokumentnummer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.saksnummer {
            Some(s) => write!(f, "{s}-{}", self.sekvens),
            None => write!(f, "-{}", self.sekvens),
        }
    }
}

/// A journal entry as stored (the file itself is in the document store).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dokument {
    pub klage_id: KlageId,
    pub nummer: Dokumentnummer,
    pub art: Dokumentart,
    pub tittel: String,
    pub avsender_mottaker: String,
    pub dato: NaiveDate,
    pub registrert_av: BrukerId,
    pub registrert: DateTime<Utc>,
    pub filnavn: String,
    pub sha256: String,
    pub stoerrelse: i64,
    pub innholdstype: Innholdstype,
    pub synlighet: Synlighet,
    /// Why the entry was marked "registrert feil"; `None` for a valid entry.
    pub registrert_feil_grunn: Option<String>,
}

/// A document to register, checked: everything but its number and the registration's
/// who and when.
#[derive(Clone, Debug, PartialEq)]
pub struct NyttDokument {
    pub art: Dokumentart,
    pub tittel: String,
    pub avsender_mottaker: String,
    pub dato: NaiveDate,
    pub filnavn: String,
    pub innholdstype: Innholdstype,
    pub synlighet: Synlighet,
}

/// The fields of the upload form as typed (the file comes beside it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dokumentskjema {
    pub art: String,
    pub tittel: String,
    pub avsender_mottaker: String,
    pub dato: String,
    pub synlighet: String,
}

impl Dokumentskjema {
    /// The checked fields, or every error; `fra_kommunen` decides the visibility itself.
    pub fn valider(
        &self,
        idag: NaiveDate,
        fra_kommunen: bool,
    ) -> Result<(Dokumentart, String, String, NaiveDate, Synlighet), Vec<Dokumentfeil>> {
        let mut feil = Vec::new();
        let art = Dokumentart::fra_kode(self.art.trim());
        if art.is_none() {
            feil.push(Dokumentfeil::UgyldigArt);
        }
        let tittel = self.tittel.trim().to_owned();
        if tittel.is_empty() {
            feil.push(Dokumentfeil::ManglerTittel);
        } else if tittel.chars().count() > MAKS_TITTEL {
            feil.push(Dokumentfeil::ForLangTittel);
        }
        let avsender = self.avsender_mottaker.trim().to_owned();
        if avsender.chars().count() > MAKS_TITTEL {
            feil.push(Dokumentfeil::ForLangAvsender);
        }
        let dato = match NaiveDate::parse_from_str(self.dato.trim(), "%Y-%m-%d") {
            Ok(d) if d > idag => {
                feil.push(Dokumentfeil::DatoIFremtiden);
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                feil.push(Dokumentfeil::UgyldigDato);
                None
            }
        };
        // The municipality does not choose; an internal kind needs no choice either.
        let synlighet = if fra_kommunen || art.is_some_and(Dokumentart::alltid_intern) {
            Some(Synlighet::Intern)
        } else {
            Synlighet::fra_kode(self.synlighet.trim())
        };
        if synlighet.is_none() {
            feil.push(Dokumentfeil::UgyldigSynlighet);
        }
        match (art, dato, synlighet) {
            (Some(art), Some(dato), Some(valgt)) if feil.is_empty() => {
                Ok((art, tittel, avsender, dato, synlighet_ved_registrering(art, valgt, fra_kommunen)))
            }
            _ => Err(feil),
        }
    }
}

/// The reason for "registrert feil": required, and not too long.
pub fn sjekk_grunn(grunn: &str) -> Result<String, Dokumentfeil> {
    let grunn = grunn.trim();
    if grunn.is_empty() {
        Err(Dokumentfeil::ManglerGrunn)
    } else if grunn.chars().count() > MAKS_GRUNN {
        Err(Dokumentfeil::ForLangGrunn)
    } else {
        Ok(grunn.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP file with these stored (uncompressed) entries, as the office formats are built.
    pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut ut = Vec::new();
        let mut sentral = Vec::new();
        for (navn, data) in entries {
            let offset = ut.len() as u32;
            ut.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            ut.extend_from_slice(&(data.len() as u32).to_le_bytes());
            ut.extend_from_slice(&(data.len() as u32).to_le_bytes());
            ut.extend_from_slice(&(navn.len() as u16).to_le_bytes());
            ut.extend_from_slice(&0u16.to_le_bytes());
            ut.extend_from_slice(navn.as_bytes());
            ut.extend_from_slice(data);
            sentral.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            sentral.extend_from_slice(&(data.len() as u32).to_le_bytes());
            sentral.extend_from_slice(&(data.len() as u32).to_le_bytes());
            sentral.extend_from_slice(&(navn.len() as u16).to_le_bytes());
            sentral.extend_from_slice(&[0; 12]);
            sentral.extend_from_slice(&offset.to_le_bytes());
            sentral.extend_from_slice(navn.as_bytes());
        }
        let start = ut.len() as u32;
        ut.extend_from_slice(&sentral);
        ut.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        ut.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        ut.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        ut.extend_from_slice(&(sentral.len() as u32).to_le_bytes());
        ut.extend_from_slice(&start.to_le_bytes());
        ut.extend_from_slice(&0u16.to_le_bytes());
        ut
    }

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(gjenkjenn(b"%PDF-1.4\n%%EOF"), Some(Innholdstype::Pdf));
        assert_eq!(gjenkjenn(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Innholdstype::Png));
        assert_eq!(gjenkjenn(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(Innholdstype::Jpeg));
        let docx = zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
        assert_eq!(gjenkjenn(&docx), Some(Innholdstype::Docx));
        let odt = zip(&[("mimetype", ODT_MIME.as_bytes()), ("content.xml", b"<office:document-content/>")]);
        assert_eq!(gjenkjenn(&odt), Some(Innholdstype::Odt));
        // Other ZIP files, spreadsheets and executables are refused.
        assert_eq!(gjenkjenn(&zip(&[("a.txt", b"hei")])), None);
        assert_eq!(gjenkjenn(&zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")])), None);
        assert_eq!(gjenkjenn(&zip(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"")])), None);
        assert_eq!(gjenkjenn(b"\x7fELF\x02\x01\x01"), None);
        assert_eq!(gjenkjenn(b"MZ\x90\x00"), None);
        assert_eq!(gjenkjenn(b"PK\x03\x04"), None, "a truncated ZIP");
        assert_eq!(gjenkjenn(b"<html>"), None);
    }

    #[test]
    fn every_refusal_has_its_own_error() {
        assert_eq!(sjekk_fil("a.pdf", b"", 10), Err(Dokumentfeil::Tom));
        assert_eq!(sjekk_fil("a.pdf", b"%PDF-1.4 and more", 10), Err(Dokumentfeil::ForStor(10)));
        assert_eq!(sjekk_fil("a.pdf", b"\x7fELF", 10), Err(Dokumentfeil::UkjentType));
        assert_eq!(sjekk_fil("a.pdf", b"%PDF-1.4", 10), Ok(Innholdstype::Pdf));
        for navn in ["../a.pdf", "mappe/a.pdf", "C:\\a.pdf", "a\u{0}.pdf", "a\n.pdf", ".."] {
            assert_eq!(sjekk_fil(navn, b"%PDF-1.4", 10), Err(Dokumentfeil::StiINavn), "{navn:?}");
        }
        assert_eq!(sjekk_fil("", b"%PDF-1.4", 10), Err(Dokumentfeil::ManglerFil));
        assert_eq!(sjekk_filnavn("Vedtak 1.3.2026 – kommunen.pdf"), Ok(()));
        for feil in [Dokumentfeil::Tom, Dokumentfeil::ForStor(STANDARD_MAKS_DOKUMENT), Dokumentfeil::UkjentType, Dokumentfeil::StiINavn] {
            assert_ne!(feil.melding(Sprak::Nb), feil.melding(Sprak::Nn), "{feil:?} in both forms");
            assert_eq!(feil.felt(), "fil");
        }
        assert!(Dokumentfeil::ForStor(STANDARD_MAKS_DOKUMENT).melding(Sprak::Nb).contains("25 MB"));
    }

    #[test]
    fn internal_kinds_are_internal_and_the_municipality_shares_its_own() {
        assert_eq!(synlighet_ved_registrering(Dokumentart::Notat, Synlighet::SendtTilKlager, false), Synlighet::Intern);
        assert_eq!(synlighet_ved_registrering(Dokumentart::Internt, Synlighet::DeltMedKommunen, false), Synlighet::Intern);
        assert_eq!(synlighet_ved_registrering(Dokumentart::Inngaaende, Synlighet::Intern, true), Synlighet::DeltMedKommunen);
        assert_eq!(synlighet_ved_registrering(Dokumentart::Utgaaende, Synlighet::SendtTilKlager, false), Synlighet::SendtTilKlager);
        let idag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let skjema = Dokumentskjema {
            art: "N".into(),
            tittel: "Vurdering".into(),
            avsender_mottaker: String::new(),
            dato: "2026-11-20".into(),
            synlighet: "sendt_til_klager".into(),
        };
        assert_eq!(skjema.valider(idag, false).unwrap().4, Synlighet::Intern);
        let kommunens = Dokumentskjema { art: "I".into(), synlighet: String::new(), ..skjema.clone() };
        assert_eq!(kommunens.valider(idag, true).unwrap().4, Synlighet::DeltMedKommunen);
        let feil = Dokumentskjema { art: "Z".into(), tittel: " ".into(), dato: "2026-12-01".into(), ..skjema.clone() };
        assert_eq!(
            feil.valider(idag, false).unwrap_err(),
            [Dokumentfeil::UgyldigArt, Dokumentfeil::ManglerTittel, Dokumentfeil::DatoIFremtiden]
        );
        let uten_valg = Dokumentskjema { art: "U".into(), synlighet: "alle".into(), ..skjema };
        assert_eq!(uten_valg.valider(idag, false).unwrap_err(), [Dokumentfeil::UgyldigSynlighet]);
    }

    #[test]
    fn a_document_number_carries_its_case_number() {
        let nr = Dokumentnummer { saksnummer: Some(Saksnummer { aar: 2026, sekvens: 6 }), sekvens: 3 };
        assert_eq!(nr.to_string(), "2026/6-3");
        assert_eq!(Dokumentnummer { saksnummer: None, sekvens: 3 }.to_string(), "-3");
    }
}
