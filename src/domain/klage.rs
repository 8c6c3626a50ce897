//! A complaint (klagesak): what the registration form asks for, how it is validated, and the
//! case as it is shown once registered.
//!
//! Validation lives here, not in the form or the database, so the same rules hold for the web
//! form, the demo loader and any future import. Every error names the field it belongs to, so
//! the form can show it next to that field.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::fnr::{FnrFeil, Fodselsnummer};
use super::frist::{self, Fristvurdering};
use super::id::{BrukerId, Embetekode, KlageId, Kommunenummer};
use super::kode::{Aldersgruppe, Kategori, KlagerType, Mottaker, Rettighet, Utfall};
use super::sprak::Sprak;
use super::status::{Handling, Status, Tilstand};

/// The day the rights to koordinator (§ 2-5 b) and barnekoordinator (§ 2-5 c) took effect.
pub fn koordinatorrettighetene_fra() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, 1).expect("a valid date")
}

/// Longest summary we accept; a summary is a summary, the documents live in the archive.
pub const MAKS_SAMMENDRAG: usize = 4000;
/// Longest name we accept.
pub const MAKS_NAVN: usize = 200;
/// The longest note on a step, a transfer or the new decision, in characters: a page of text.
pub const MAKS_NOTAT: usize = 4000;

/// The registration form exactly as submitted: every value still text, so nothing the user
/// typed is lost when the form is shown again with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KlageSkjema {
    pub kommune: String,
    pub mottaker: String,
    pub mottatt_dato: String,
    pub vedtaksdato: String,
    pub kjent_dato: String,
    pub klager: String,
    pub aldersgruppe: String,
    pub navn: String,
    pub fnr: String,
    pub rettigheter: Vec<String>,
    pub kategorier: Vec<String>,
    pub saarbar_overgang: bool,
    pub sammendrag: String,
}

/// The form's fields, as named in the HTML form and in error lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Felt {
    Kommune,
    Mottaker,
    MottattDato,
    Vedtaksdato,
    KjentDato,
    Klager,
    Aldersgruppe,
    Navn,
    Fnr,
    Rettigheter,
    Kategorier,
    Sammendrag,
}

impl Felt {
    /// The `name` of the form control (and the stem of its `id`).
    pub fn navn(self) -> &'static str {
        match self {
            Felt::Kommune => "kommune",
            Felt::Mottaker => "mottaker",
            Felt::MottattDato => "mottatt_dato",
            Felt::Vedtaksdato => "vedtaksdato",
            Felt::KjentDato => "kjent_dato",
            Felt::Klager => "klager",
            Felt::Aldersgruppe => "aldersgruppe",
            Felt::Navn => "navn",
            Felt::Fnr => "fnr",
            Felt::Rettigheter => "rettighet",
            Felt::Kategorier => "kategori",
            Felt::Sammendrag => "sammendrag",
        }
    }
}

/// What is wrong with a field. Each variant is a message the user can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feltfeil {
    Paakrevd,
    UkjentKommune,
    UgyldigValg,
    UgyldigDato,
    DatoIFremtiden,
    MottattFoerVedtak,
    KjentFoerVedtak,
    KjentEtterMottatt,
    ForLang,
    VelgMinstEn,
    Fnr(FnrFeil),
    AldersgruppeStemmerIkke,
}

impl Feltfeil {
    pub fn melding(self, sprak: Sprak) -> String {
        let (nb, nn) = match self {
            Feltfeil::Paakrevd => ("Fyll ut feltet.", "Fyll ut feltet."),
            Feltfeil::UkjentKommune => ("Velg en kommune fra listen.", "Vel ein kommune frå lista."),
            Feltfeil::UgyldigValg => ("Velg ett av alternativene.", "Vel eitt av alternativa."),
            Feltfeil::UgyldigDato => {
                ("Skriv datoen som dd.mm.åååå, for eksempel 19.09.2023.", "Skriv datoen som dd.mm.åååå, til dømes 19.09.2023.")
            }
            Feltfeil::DatoIFremtiden => ("Datoen kan ikke være fram i tid.", "Datoen kan ikkje vere fram i tid."),
            Feltfeil::MottattFoerVedtak => {
                ("Klagen kan ikke være mottatt før vedtaket ble gjort.", "Klaga kan ikkje vere motteken før vedtaket vart gjort.")
            }
            Feltfeil::KjentFoerVedtak => (
                "Klageren kan ikke ha fått vite om vedtaket før det ble gjort.",
                "Klagaren kan ikkje ha fått vite om vedtaket før det vart gjort.",
            ),
            Feltfeil::KjentEtterMottatt => (
                "Datoen klageren fikk vite om vedtaket kan ikke være etter at klagen ble mottatt.",
                "Datoen klagaren fekk vite om vedtaket kan ikkje vere etter at klaga vart motteken.",
            ),
            Feltfeil::ForLang => ("Teksten er for lang.", "Teksten er for lang."),
            Feltfeil::VelgMinstEn => ("Velg minst ett alternativ.", "Vel minst eitt alternativ."),
            Feltfeil::Fnr(feil) => return feil.melding(sprak).to_owned(),
            Feltfeil::AldersgruppeStemmerIkke => (
                "Aldersgruppen stemmer ikke med fødselsnummeret (barn er under 18 år når klagen mottas).",
                "Aldersgruppa stemmer ikkje med fødselsnummeret (barn er under 18 år når klaga blir motteken).",
            ),
        };
        sprak.velg(nb, nn).to_owned()
    }
}

/// A warning: the complaint is accepted, but the case officer should look at this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Advarsel {
    /// A koordinator or barnekoordinator complaint about a decision before 1 August 2022,
    /// when those rights did not exist yet.
    KoordinatorrettFoer2022,
    /// Received after the klagefrist (pbrl § 7-5): may still be heard (fvl § 31).
    EtterKlagefristen,
    /// Received more than a year after the decision: cannot be heard (fvl § 31 third paragraph).
    OverAbsoluttGrense,
}

impl Advarsel {
    pub fn melding(self, sprak: Sprak) -> &'static str {
        match self {
            Advarsel::KoordinatorrettFoer2022 => sprak.velg(
                "Retten til koordinator og barnekoordinator gjelder fra 1. august 2022. Vedtaket er eldre.",
                "Retten til koordinator og barnekoordinator gjeld frå 1. august 2022. Vedtaket er eldre.",
            ),
            Advarsel::EtterKlagefristen => sprak.velg(
                "Klagen kom inn etter klagefristen (pbrl. § 7-5). Vurder om den likevel skal behandles (fvl. § 31).",
                "Klaga kom inn etter klagefristen (pbrl. § 7-5). Vurder om ho likevel skal behandlast (fvl. § 31).",
            ),
            Advarsel::OverAbsoluttGrense => sprak.velg(
                "Det har gått mer enn ett år siden vedtaket. Klagen kan ikke behandles (fvl. § 31 tredje ledd).",
                "Det har gått meir enn eitt år sidan vedtaket. Klaga kan ikkje behandlast (fvl. § 31 tredje ledd).",
            ),
        }
    }
}

/// A validated complaint, ready to be registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NyKlage {
    pub kommune: Kommunenummer,
    pub statsforvalter: Embetekode,
    pub mottaker: Mottaker,
    pub mottatt_dato: NaiveDate,
    pub vedtaksdato: Option<NaiveDate>,
    pub kjent_dato: Option<NaiveDate>,
    pub klager: KlagerType,
    pub aldersgruppe: Aldersgruppe,
    pub navn: Option<String>,
    pub fnr: Option<Fodselsnummer>,
    pub rettigheter: Vec<Rettighet>,
    pub kategorier: Vec<Kategori>,
    pub saarbar_overgang: bool,
    pub sammendrag: String,
}

impl NyKlage {
    /// The state the case starts in, where it arrived.
    pub fn tilstand(&self) -> Tilstand {
        Tilstand::ny(self.mottaker)
    }

    pub fn fristvurdering(&self) -> Fristvurdering {
        frist::vurder(self.vedtaksdato, self.kjent_dato, self.mottatt_dato)
    }

    pub fn advarsler(&self) -> Vec<Advarsel> {
        advarsler(&self.rettigheter, self.vedtaksdato, &self.fristvurdering())
    }
}

fn advarsler(rettigheter: &[Rettighet], vedtaksdato: Option<NaiveDate>, frist: &Fristvurdering) -> Vec<Advarsel> {
    let mut liste = Vec::new();
    let gjelder_koordinator = rettigheter.iter().any(|r| matches!(r, Rettighet::Koordinator | Rettighet::Barnekoordinator));
    if gjelder_koordinator && vedtaksdato.is_some_and(|d| d < koordinatorrettighetene_fra()) {
        liste.push(Advarsel::KoordinatorrettFoer2022);
    }
    if frist.over_absolutt_grense {
        liste.push(Advarsel::OverAbsoluttGrense);
    } else if frist.for_sent {
        liste.push(Advarsel::EtterKlagefristen);
    }
    liste
}

/// Reads a date as the form sends it: ISO (`2023-09-19`, from `<input type=date>`) or
/// Norwegian (`19.09.2023`). Empty is `Ok(None)`.
pub fn les_dato(tekst: &str) -> Result<Option<NaiveDate>, Feltfeil> {
    let tekst = tekst.trim();
    if tekst.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(tekst, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(tekst, "%d.%m.%Y"))
        .map(Some)
        .map_err(|_| Feltfeil::UgyldigDato)
}

/// Age in whole years on a given day.
fn alder(foedt: NaiveDate, dag: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut aar = dag.year() - foedt.year();
    if (dag.month(), dag.day()) < (foedt.month(), foedt.day()) {
        aar -= 1;
    }
    aar
}

/// Collects field errors while reading the form.
#[derive(Default)]
struct Feilliste(Vec<(Felt, Feltfeil)>);

impl Feilliste {
    fn legg_til(&mut self, felt: Felt, feil: Feltfeil) {
        self.0.push((felt, feil));
    }

    fn kode<T>(&mut self, felt: Felt, verdi: &str, les: fn(&str) -> Option<T>) -> Option<T> {
        if verdi.trim().is_empty() {
            self.legg_til(felt, Feltfeil::Paakrevd);
            return None;
        }
        let funnet = les(verdi.trim());
        if funnet.is_none() {
            self.legg_til(felt, Feltfeil::UgyldigValg);
        }
        funnet
    }

    fn koder<T: PartialEq>(&mut self, felt: Felt, verdier: &[String], les: fn(&str) -> Option<T>) -> Vec<T> {
        let mut valgt = Vec::new();
        for v in verdier {
            match les(v.trim()) {
                Some(kode) if !valgt.contains(&kode) => valgt.push(kode),
                Some(_) => {}
                None => {
                    self.legg_til(felt, Feltfeil::UgyldigValg);
                    return Vec::new();
                }
            }
        }
        if valgt.is_empty() {
            self.legg_til(felt, Feltfeil::VelgMinstEn);
        }
        valgt
    }

    fn dato(&mut self, felt: Felt, verdi: &str, idag: NaiveDate) -> Option<NaiveDate> {
        match les_dato(verdi) {
            Ok(Some(d)) if d > idag => {
                self.legg_til(felt, Feltfeil::DatoIFremtiden);
                None
            }
            Ok(d) => d,
            Err(feil) => {
                self.legg_til(felt, feil);
                None
            }
        }
    }
}

impl KlageSkjema {
    /// Validates the form. `idag` is the date in Europe/Oslo, injected so tests can fix it.
    /// Returns every error at once, each tied to its field.
    pub fn valider(&self, idag: NaiveDate) -> Result<NyKlage, Vec<(Felt, Feltfeil)>> {
        let mut feil = Feilliste::default();

        let kommune = if self.kommune.trim().is_empty() {
            feil.legg_til(Felt::Kommune, Feltfeil::Paakrevd);
            None
        } else {
            let k = Kommunenummer::ny(&self.kommune);
            if k.is_none() {
                feil.legg_til(Felt::Kommune, Feltfeil::UkjentKommune);
            }
            k
        };
        let mottaker = feil.kode(Felt::Mottaker, &self.mottaker, Mottaker::fra_kode);
        let mottatt_dato = feil.dato(Felt::MottattDato, &self.mottatt_dato, idag);
        if self.mottatt_dato.trim().is_empty() {
            feil.legg_til(Felt::MottattDato, Feltfeil::Paakrevd);
        }
        let vedtaksdato = feil.dato(Felt::Vedtaksdato, &self.vedtaksdato, idag);
        let kjent_dato = feil.dato(Felt::KjentDato, &self.kjent_dato, idag);
        if let (Some(vedtak), Some(mottatt)) = (vedtaksdato, mottatt_dato) {
            if mottatt < vedtak {
                feil.legg_til(Felt::MottattDato, Feltfeil::MottattFoerVedtak);
            }
        }
        if let (Some(vedtak), Some(kjent)) = (vedtaksdato, kjent_dato) {
            if kjent < vedtak {
                feil.legg_til(Felt::KjentDato, Feltfeil::KjentFoerVedtak);
            }
        }
        if let (Some(kjent), Some(mottatt)) = (kjent_dato, mottatt_dato) {
            if kjent > mottatt {
                feil.legg_til(Felt::KjentDato, Feltfeil::KjentEtterMottatt);
            }
        }
        let klager = feil.kode(Felt::Klager, &self.klager, KlagerType::fra_kode);
        let aldersgruppe = feil.kode(Felt::Aldersgruppe, &self.aldersgruppe, Aldersgruppe::fra_kode);

        let navn = Some(self.navn.trim().to_owned()).filter(|n| !n.is_empty());
        if navn.as_ref().is_some_and(|n| n.chars().count() > MAKS_NAVN) {
            feil.legg_til(Felt::Navn, Feltfeil::ForLang);
        }
        let fnr = if self.fnr.trim().is_empty() {
            None
        } else {
            match Fodselsnummer::parse(&self.fnr) {
                Ok(fnr) => Some(fnr),
                Err(e) => {
                    feil.legg_til(Felt::Fnr, Feltfeil::Fnr(e));
                    None
                }
            }
        };
        if let (Some(fnr), Some(gruppe), Some(mottatt)) = (&fnr, aldersgruppe, mottatt_dato) {
            let er_barn = alder(fnr.foedselsdato(), mottatt) < 18;
            if er_barn != (gruppe == Aldersgruppe::Barn) {
                feil.legg_til(Felt::Aldersgruppe, Feltfeil::AldersgruppeStemmerIkke);
            }
        }

        let rettigheter = feil.koder(Felt::Rettigheter, &self.rettigheter, Rettighet::fra_kode);
        let kategorier = feil.koder(Felt::Kategorier, &self.kategorier, Kategori::fra_kode);

        let sammendrag = self.sammendrag.trim().to_owned();
        if sammendrag.is_empty() {
            feil.legg_til(Felt::Sammendrag, Feltfeil::Paakrevd);
        } else if sammendrag.chars().count() > MAKS_SAMMENDRAG {
            feil.legg_til(Felt::Sammendrag, Feltfeil::ForLang);
        }

        match (kommune, mottaker, mottatt_dato, klager, aldersgruppe) {
            (Some(kommune), Some(mottaker), Some(mottatt_dato), Some(klager), Some(aldersgruppe)) if feil.0.is_empty() => Ok(NyKlage {
                statsforvalter: kommune.embete(),
                kommune,
                mottaker,
                mottatt_dato,
                vedtaksdato,
                kjent_dato,
                klager,
                aldersgruppe,
                navn,
                fnr,
                rettigheter,
                kategorier,
                saarbar_overgang: self.saarbar_overgang,
                sammendrag,
            }),
            _ => Err(feil.0),
        }
    }
}

/// A case number `YYYY/N`: the year it reached the governor and its sequence at that office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saksnummer {
    pub aar: i32,
    pub sekvens: i64,
}

impl std::fmt::Display for Saksnummer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.aar, self.sekvens)
    }
}

impl Saksnummer {
    /// Reads `2023/14`.
    pub fn les(tekst: &str) -> Option<Saksnummer> {
        let (aar, sekvens) = tekst.trim().split_once('/')?;
        Some(Saksnummer { aar: aar.parse().ok()?, sekvens: sekvens.parse().ok()? })
    }
}

/// A registered case as it is shown: the fødselsnummer only masked, so the full number never
/// leaves the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Klage {
    pub id: KlageId,
    pub saksnummer: Option<Saksnummer>,
    pub kommune: Kommunenummer,
    pub statsforvalter: Embetekode,
    pub tilstand: Tilstand,
    pub mottaker: Mottaker,
    pub vedtaksdato: Option<NaiveDate>,
    pub kjent_dato: Option<NaiveDate>,
    pub mottatt_kommune: Option<NaiveDate>,
    pub mottatt_statsforvalter: Option<NaiveDate>,
    pub avgjort_dato: Option<NaiveDate>,
    pub avsluttet_kommune_dato: Option<NaiveDate>,
    pub klager: KlagerType,
    pub aldersgruppe: Aldersgruppe,
    pub navn: Option<String>,
    pub fnr_maskert: Option<String>,
    pub rettigheter: Vec<Rettighet>,
    pub kategorier: Vec<Kategori>,
    pub saarbar_overgang: bool,
    pub delvis_medhold: bool,
    pub sammendrag: String,
    pub opprettet: DateTime<Utc>,
    /// Who proposed the decision that awaits approval or was approved (a user id), so that the
    /// same person cannot approve it; `None` before a proposal, or when the system proposed.
    pub foreslaatt_av: Option<BrukerId>,
    /// That user's name, for the case page.
    pub foreslaatt_av_navn: Option<String>,
    /// The day the municipality made its new decision after Statsforvalteren set its first
    /// one aside (`opphevet`), as the municipality reported it.
    pub nytt_vedtak_dato: Option<NaiveDate>,
}

/// A case of Molde at Møre og Romsdal in the given state, for the domain's unit tests.
#[cfg(test)]
pub(crate) fn testsak(status: Status, utfall: Option<Utfall>, foreslaatt_av: Option<i64>) -> Klage {
    Klage {
        id: KlageId(7),
        saksnummer: None,
        kommune: Kommunenummer::ny("1506").expect("Molde"),
        statsforvalter: Embetekode::ny("more-og-romsdal").expect("Møre og Romsdal"),
        tilstand: crate::domain::status::Tilstand { status, utfall },
        mottaker: crate::domain::kode::Mottaker::Kommunen,
        vedtaksdato: None,
        kjent_dato: None,
        mottatt_kommune: None,
        mottatt_statsforvalter: None,
        avgjort_dato: None,
        avsluttet_kommune_dato: None,
        klager: crate::domain::kode::KlagerType::PasientBruker,
        aldersgruppe: crate::domain::kode::Aldersgruppe::Voksen,
        navn: None,
        fnr_maskert: None,
        rettigheter: Vec::new(),
        kategorier: Vec::new(),
        saarbar_overgang: false,
        delvis_medhold: false,
        sammendrag: String::new(),
        opprettet: chrono::DateTime::UNIX_EPOCH,
        foreslaatt_av: foreslaatt_av.map(BrukerId),
        foreslaatt_av_navn: None,
        nytt_vedtak_dato: None,
    }
}

impl Klage {
    pub fn status(&self) -> Status {
        self.tilstand.status
    }

    pub fn utfall(&self) -> Option<Utfall> {
        self.tilstand.utfall
    }

    /// Whether the case waits for the municipality's new decision: Statsforvalteren set the
    /// first one aside (`opphevet`, sent back for a new decision) and none is reported yet.
    pub fn venter_paa_nytt_vedtak(&self) -> bool {
        self.status() == Status::Avgjort && self.utfall() == Some(Utfall::Opphevet) && self.nytt_vedtak_dato.is_none()
    }

    /// The first day the complaint was received anywhere: the klagefrist is measured against it.
    pub fn foerst_mottatt(&self) -> Option<NaiveDate> {
        match (self.mottatt_kommune, self.mottatt_statsforvalter) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn fristvurdering(&self) -> Option<Fristvurdering> {
        self.foerst_mottatt().map(|d| frist::vurder(self.vedtaksdato, self.kjent_dato, d))
    }

    pub fn advarsler(&self) -> Vec<Advarsel> {
        match self.fristvurdering() {
            Some(f) => advarsler(&self.rettigheter, self.vedtaksdato, &f),
            None => Vec::new(),
        }
    }

    /// When a foreløpig svar is due (fvl § 11 a): only for open cases at the governor.
    pub fn forelopig_svar_frist(&self) -> Option<NaiveDate> {
        self.aapen_hos_statsforvalteren().map(frist::forelopig_svar_frist)
    }

    /// The 3-month target date: only for open cases at the governor.
    pub fn maaldato(&self) -> Option<NaiveDate> {
        self.aapen_hos_statsforvalteren().map(frist::maaldato)
    }

    fn aapen_hos_statsforvalteren(&self) -> Option<NaiveDate> {
        let status = self.status();
        if status.er_aapen() && status.hos_statsforvalteren() {
            self.mottatt_statsforvalter
        } else {
            None
        }
    }
}

/// One step taken on a case: the action, the day it happened (Europe/Oslo) and a note
/// (the municipality's statement, what is asked for, the reason for a decision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Steg {
    pub dato: NaiveDate,
    pub handling: Handling,
    pub notat: String,
}

/// Which cases a list shows. Every field is optional; empty means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SakFilter {
    pub statsforvalter: Option<Embetekode>,
    pub kommune: Option<Kommunenummer>,
    pub status: Option<Status>,
    pub kategori: Option<Kategori>,
    /// The year the complaint was first received.
    pub aar: Option<i32>,
    /// A case number or the start of one: `2023/14` or `2023/`.
    pub saksnummer: Option<String>,
    /// Page number, from 1.
    pub side: Option<u32>,
}

/// One row of the case list: no name, no identity number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SakRad {
    pub id: KlageId,
    pub saksnummer: Option<Saksnummer>,
    pub kommune: Kommunenummer,
    pub statsforvalter: Embetekode,
    pub tilstand: Tilstand,
    pub foerst_mottatt: NaiveDate,
    pub kategorier: Vec<Kategori>,
}

/// A page of the case list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saksliste {
    pub rader: Vec<SakRad>,
    pub totalt: i64,
    pub side: u32,
    pub per_side: u32,
}

/// One step in a case's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hendelse {
    pub id: i64,
    pub tidspunkt: DateTime<Utc>,
    /// What the row records: the registration, a transfer, the new decision or a step.
    pub handling: crate::domain::historikk::Hendelsesart,
    pub fra_status: Option<Status>,
    pub til_status: Status,
    /// What changed: field name to new value (dates set, case number given, outcome), in codes,
    /// so each reader sees it in their own language.
    pub endring: crate::domain::historikk::Endringer,
    pub notat: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dag(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn gyldig() -> KlageSkjema {
        KlageSkjema {
            kommune: "1508".into(),
            mottaker: "kommunen".into(),
            mottatt_dato: "2026-03-02".into(),
            vedtaksdato: "2026-02-10".into(),
            kjent_dato: "2026-02-12".into(),
            klager: "forelder".into(),
            aldersgruppe: "barn".into(),
            navn: "Testbarn Fiktiv".into(),
            fnr: String::new(),
            rettigheter: vec!["ip".into(), "ip".into()],
            kategorier: vec!["ikke_ip".into()],
            saarbar_overgang: true,
            sammendrag: "Søkt om individuell plan, fått avslag.".into(),
        }
    }

    #[test]
    fn a_valid_form_gives_a_complaint_at_the_right_office() {
        let ny = gyldig().valider(dag("2026-03-05")).unwrap();
        assert_eq!(ny.statsforvalter, "more-og-romsdal");
        assert_eq!(ny.rettigheter, vec![Rettighet::Ip], "duplicates are folded");
        assert!(ny.advarsler().is_empty());
    }

    #[test]
    fn every_error_is_reported_at_once_next_to_its_field() {
        let skjema = KlageSkjema { kommune: "9999".into(), mottatt_dato: "31.02.2026".into(), ..Default::default() };
        let feil = skjema.valider(dag("2026-03-05")).unwrap_err();
        let felter: Vec<Felt> = feil.iter().map(|(f, _)| *f).collect();
        for f in [
            Felt::Kommune,
            Felt::Mottaker,
            Felt::MottattDato,
            Felt::Klager,
            Felt::Aldersgruppe,
            Felt::Rettigheter,
            Felt::Kategorier,
            Felt::Sammendrag,
        ] {
            assert!(felter.contains(&f), "{f:?} missing in {feil:?}");
        }
        assert!(feil.contains(&(Felt::Kommune, Feltfeil::UkjentKommune)));
        assert!(feil.contains(&(Felt::MottattDato, Feltfeil::UgyldigDato)));
    }

    #[test]
    fn dates_must_be_in_order_and_not_in_the_future() {
        let mut s = gyldig();
        s.kjent_dato = "2026-02-01".into();
        s.mottatt_dato = "2026-03-06".into();
        let feil = s.valider(dag("2026-03-05")).unwrap_err();
        assert!(feil.contains(&(Felt::KjentDato, Feltfeil::KjentFoerVedtak)));
        assert!(feil.contains(&(Felt::MottattDato, Feltfeil::DatoIFremtiden)));
    }

    #[test]
    fn coordinator_complaints_about_old_decisions_are_warned() {
        let mut s = gyldig();
        s.rettigheter = vec!["koordinator".into()];
        s.vedtaksdato = "2022-07-01".into();
        s.kjent_dato = "2022-07-04".into();
        s.mottatt_dato = "2022-07-20".into();
        let ny = s.valider(dag("2026-03-05")).unwrap();
        assert_eq!(ny.advarsler(), vec![Advarsel::KoordinatorrettFoer2022]);
    }

    #[test]
    fn late_complaints_are_flagged_not_refused() {
        let mut s = gyldig();
        s.vedtaksdato = "2024-01-10".into();
        s.kjent_dato = "2024-01-10".into();
        s.mottatt_dato = "2024-03-01".into();
        assert_eq!(s.valider(dag("2026-03-05")).unwrap().advarsler(), vec![Advarsel::EtterKlagefristen]);
        s.mottatt_dato = "2025-02-01".into();
        assert_eq!(s.valider(dag("2026-03-05")).unwrap().advarsler(), vec![Advarsel::OverAbsoluttGrense]);
    }

    #[test]
    fn omissions_have_no_deadline() {
        let mut s = gyldig();
        s.vedtaksdato.clear();
        s.kjent_dato.clear();
        s.kategorier = vec!["planarbeid_drar_ut".into()];
        let ny = s.valider(dag("2026-03-05")).unwrap();
        assert_eq!(ny.fristvurdering().klagefrist, None);
    }

    #[test]
    fn the_age_group_must_match_the_identity_number() {
        let mut s = gyldig();
        let fnr = Fodselsnummer::syntetisk(dag("1980-01-01"), 7).unwrap();
        s.fnr = fnr.som_tekst().to_owned();
        let feil = s.valider(dag("2026-03-05")).unwrap_err();
        assert_eq!(feil, vec![(Felt::Aldersgruppe, Feltfeil::AldersgruppeStemmerIkke)]);
        s.aldersgruppe = "voksen".into();
        assert!(s.valider(dag("2026-03-05")).is_ok());
    }

    #[test]
    fn case_numbers_read_and_print() {
        let nr = Saksnummer::les("2023/14").unwrap();
        assert_eq!(nr.to_string(), "2023/14");
        assert_eq!(Saksnummer::les("2023-14"), None);
    }
}
