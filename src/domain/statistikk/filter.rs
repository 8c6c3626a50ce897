//! The dashboard's filter: which complaints a figure counts, read from query parameters.
//!
//! The page, the JSON API, the exports and the command line all read the same parameters
//! (`fra`, `til`, `grunnlag`, `statsforvalter`, `fylke`, `kommune`, `rettighet`, `kategori`,
//! `utfall`, `aldersgruppe`) through [`Statistikkfilter::les`], so a URL copied from the page
//! gives the same figures from the API. A repeated parameter means "any of these"; different
//! parameters narrow each other ("and"). An empty value of a code parameter is the form's
//! "all" choice and is ignored; an empty date is an error, as it always was in the API.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Periode;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;

/// The outcome code of a case still open at the governor, counted beside the five outcomes
/// when the date basis is [`Grunnlag::Mottatt`].
pub const UNDER_BEHANDLING: &str = "under_behandling";

/// Which date places a complaint in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grunnlag {
    /// The day the governor's decision was sent; only decided cases count (the default, and
    /// what Helsetilsynet publishes).
    #[default]
    Avgjort,
    /// The day the governor received the case; open cases count as `under_behandling`.
    Mottatt,
}

impl Grunnlag {
    pub fn kode(self) -> &'static str {
        match self {
            Grunnlag::Avgjort => "avgjort",
            Grunnlag::Mottatt => "mottatt",
        }
    }

    pub fn fra_kode(kode: &str) -> Option<Grunnlag> {
        match kode {
            "avgjort" => Some(Grunnlag::Avgjort),
            "mottatt" => Some(Grunnlag::Mottatt),
            _ => None,
        }
    }

    /// The outcome codes a figure splits into under this basis.
    pub fn utfallskoder(self) -> Vec<&'static str> {
        let mut koder: Vec<&'static str> = Utfall::ALLE.iter().map(|u| u.kode()).collect();
        if self == Grunnlag::Mottatt {
            koder.push(UNDER_BEHANDLING);
        }
        koder
    }
}

/// Every choice of the dashboard. The default counts everything decided, at any time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistikkfilter {
    pub periode: Periode,
    pub grunnlag: Grunnlag,
    /// Office codes.
    pub statsforvalter: Vec<String>,
    /// County numbers (`"03"`).
    pub fylke: Vec<String>,
    /// Municipality numbers (`"0301"`).
    pub kommune: Vec<String>,
    pub rettighet: Vec<Rettighet>,
    pub kategori: Vec<Kategori>,
    /// Outcome codes, and `under_behandling` under the `mottatt` basis.
    pub utfall: Vec<String>,
    pub aldersgruppe: Vec<Aldersgruppe>,
}

/// A query parameter the filter cannot use. Each variant names its parameter; the message
/// exists in bokmål ([`std::fmt::Display`]) and nynorsk ([`Filterfeil::melding`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Filterfeil {
    #[error("Parameteren «{parameter}» er tom. Oppgi en dato som ÅÅÅÅ-MM-DD, eller utelat parameteren.")]
    TomDato { parameter: String },
    #[error("«{verdi}» er ikke en gyldig dato i parameteren «{parameter}». Bruk formatet ÅÅÅÅ-MM-DD, for eksempel 2023-09-19.")]
    UgyldigDato { parameter: String, verdi: String },
    #[error("Fra-datoen ({}) er etter til-datoen ({}). Bytt om datoene.", fra.format("%d.%m.%Y"), til.format("%d.%m.%Y"))]
    OmvendtPeriode { fra: NaiveDate, til: NaiveDate },
    #[error("«{verdi}» er ikke en gyldig verdi for «{parameter}». Gyldige verdier: {gyldige}.")]
    UkjentKode { parameter: String, verdi: String, gyldige: String },
    #[error("Parameteren «{parameter}» kan bare oppgis én gang.")]
    Gjentatt { parameter: String },
    #[error("Parameteren «{parameter}» kan ha høyst {maks} verdier.")]
    ForMangeVerdier { parameter: String, maks: usize },
    #[error("Datoen {} i «{parameter}» er utenfor det statistikken dekker: fra {} til {}.", dato.format("%d.%m.%Y"), tidligste.format("%d.%m.%Y"), seneste.format("%d.%m.%Y"))]
    UtenforPerioden { parameter: String, dato: NaiveDate, tidligste: NaiveDate, seneste: NaiveDate },
    #[error("Åpen statistikk for kommuner og fylker gis for én kommune eller ett fylke om gangen. Logg inn som direktorat eller leder for å sammenligne flere områder.")]
    OffentligEttOmraade { parameter: String },
    #[error("Åpen statistikk for en kommune eller et fylke gis for hele kalenderår: velg fra 1. januar til 31. desember i samme år.")]
    OffentligHeltAar { parameter: String },
    #[error("Åpen statistikk for en kommune eller et fylke gis uten andre valg enn området og året. Fjern «{parameter}», eller logg inn som direktorat eller leder.")]
    OffentligUtenFilter { parameter: String },
}

impl Filterfeil {
    /// The parameter the error is about.
    pub fn parameter(&self) -> &str {
        match self {
            Filterfeil::TomDato { parameter }
            | Filterfeil::UgyldigDato { parameter, .. }
            | Filterfeil::UkjentKode { parameter, .. }
            | Filterfeil::Gjentatt { parameter }
            | Filterfeil::ForMangeVerdier { parameter, .. }
            | Filterfeil::UtenforPerioden { parameter, .. }
            | Filterfeil::OffentligEttOmraade { parameter }
            | Filterfeil::OffentligHeltAar { parameter }
            | Filterfeil::OffentligUtenFilter { parameter } => parameter,
            Filterfeil::OmvendtPeriode { .. } => "fra",
        }
    }

    /// The message in bokmål or nynorsk.
    pub fn melding(&self, sprak: Sprak) -> String {
        if sprak == Sprak::Nb {
            return self.to_string();
        }
        match self {
            Filterfeil::TomDato { parameter } => {
                format!("Parameteren «{parameter}» er tom. Oppgi ein dato som ÅÅÅÅ-MM-DD, eller utelat parameteren.")
            }
            Filterfeil::UgyldigDato { parameter, verdi } => format!(
                "«{verdi}» er ikkje ein gyldig dato i parameteren «{parameter}». Bruk formatet ÅÅÅÅ-MM-DD, til dømes 2023-09-19."
            ),
            Filterfeil::OmvendtPeriode { fra, til } => format!(
                "Frå-datoen ({}) er etter til-datoen ({}). Byt om datoane.",
                fra.format("%d.%m.%Y"),
                til.format("%d.%m.%Y")
            ),
            Filterfeil::UkjentKode { parameter, verdi, gyldige } => {
                format!("«{verdi}» er ikkje ein gyldig verdi for «{parameter}». Gyldige verdiar: {gyldige}.")
            }
            Filterfeil::Gjentatt { parameter } => format!("Parameteren «{parameter}» kan berre givast éin gong."),
            Filterfeil::ForMangeVerdier { parameter, maks } => format!("Parameteren «{parameter}» kan ha høgst {maks} verdiar."),
            Filterfeil::UtenforPerioden { parameter, dato, tidligste, seneste } => format!(
                "Datoen {} i «{parameter}» er utanfor det statistikken dekkjer: frå {} til {}.",
                dato.format("%d.%m.%Y"),
                tidligste.format("%d.%m.%Y"),
                seneste.format("%d.%m.%Y")
            ),
            Filterfeil::OffentligEttOmraade { .. } => "Open statistikk for kommunar og fylke blir gitt for éin kommune eller eitt fylke om gongen. Logg inn som direktorat eller leiar for å samanlikne fleire område.".to_owned(),
            Filterfeil::OffentligHeltAar { .. } => "Open statistikk for ein kommune eller eit fylke blir gitt for heile kalenderår: vel frå 1. januar til 31. desember i same år.".to_owned(),
            Filterfeil::OffentligUtenFilter { parameter } => format!(
                "Open statistikk for ein kommune eller eit fylke blir gitt utan andre val enn området og året. Fjern «{parameter}», eller logg inn som direktorat eller leiar."
            ),
        }
    }
}

/// Reads one date: present must be a real `YYYY-MM-DD`.
fn les_dato(parameter: &str, verdi: &str) -> Result<NaiveDate, Filterfeil> {
    if verdi.trim().is_empty() {
        return Err(Filterfeil::TomDato { parameter: parameter.to_owned() });
    }
    NaiveDate::parse_from_str(verdi.trim(), "%Y-%m-%d")
        .map_err(|_| Filterfeil::UgyldigDato { parameter: parameter.to_owned(), verdi: verdi.to_owned() })
}

/// Reads a code against the list of valid ones, naming them all in the error.
fn les_kode<T>(parameter: &str, verdi: &str, gyldige: &[&str], fra: impl Fn(&str) -> Option<T>) -> Result<T, Filterfeil> {
    fra(verdi.trim()).ok_or_else(|| Filterfeil::UkjentKode {
        parameter: parameter.to_owned(),
        verdi: verdi.to_owned(),
        gyldige: gyldige.join(", "),
    })
}

/// The most values one parameter may have: every municipality of the largest office fits.
pub const MAKS_VERDIER: usize = 100;

/// Adds a value once: "any of these" does not care about repeats. At most [`MAKS_VERDIER`].
fn legg_til<T: PartialEq>(parameter: &str, liste: &mut Vec<T>, verdi: T) -> Result<(), Filterfeil> {
    if !liste.contains(&verdi) {
        if liste.len() >= MAKS_VERDIER {
            return Err(Filterfeil::ForMangeVerdier { parameter: parameter.to_owned(), maks: MAKS_VERDIER });
        }
        liste.push(verdi);
    }
    Ok(())
}

impl Statistikkfilter {
    /// Reads the filter from query parameters in their order. Unknown parameters are left to
    /// others (the language, a cache-buster); every known one is checked.
    pub fn les<'a>(parametre: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Statistikkfilter, Filterfeil> {
        let mut f = Statistikkfilter::default();
        let mut sett = (false, false, false);
        for (navn, verdi) in parametre {
            let tom = verdi.trim().is_empty();
            match navn {
                "fra" | "til" | "grunnlag" => {
                    let allerede = match navn {
                        "fra" => &mut sett.0,
                        "til" => &mut sett.1,
                        _ => &mut sett.2,
                    };
                    if *allerede {
                        return Err(Filterfeil::Gjentatt { parameter: navn.to_owned() });
                    }
                    *allerede = true;
                    match navn {
                        "fra" => f.periode.fra = Some(les_dato(navn, verdi)?),
                        "til" => f.periode.til = Some(les_dato(navn, verdi)?),
                        _ if tom => {}
                        _ => f.grunnlag = les_kode(navn, verdi, &["avgjort", "mottatt"], Grunnlag::fra_kode)?,
                    }
                }
                _ if tom => {}
                "statsforvalter" => {
                    let koder = referanse::statsforvalterkoder();
                    let kode = les_kode(navn, verdi, &koder, |k| koder.contains(&k).then(|| k.to_owned()))?;
                    legg_til(navn, &mut f.statsforvalter, kode)?;
                }
                "fylke" => {
                    let nummer: Vec<&str> = referanse::fylker().iter().map(|f| f.nummer.as_str()).collect();
                    let kode = les_kode(navn, verdi, &nummer, |k| nummer.contains(&k).then(|| k.to_owned()))?;
                    legg_til(navn, &mut f.fylke, kode)?;
                }
                "kommune" => {
                    // 357 numbers are too many to list; the error says what a number looks like.
                    let kode = les_kode(navn, verdi, &["et kommunenummer med fire sifre, for eksempel 0301"], |k| {
                        referanse::kommune(k).map(|k| k.nummer.clone())
                    })?;
                    legg_til(navn, &mut f.kommune, kode)?;
                }
                "rettighet" => {
                    let koder: Vec<&str> = Rettighet::ALLE.iter().map(|r| r.kode()).collect();
                    legg_til(navn, &mut f.rettighet, les_kode(navn, verdi, &koder, Rettighet::fra_kode)?)?;
                }
                "kategori" => {
                    let koder: Vec<&str> = Kategori::ALLE.iter().map(|r| r.kode()).collect();
                    legg_til(navn, &mut f.kategori, les_kode(navn, verdi, &koder, Kategori::fra_kode)?)?;
                }
                "utfall" => {
                    let koder = Grunnlag::Mottatt.utfallskoder();
                    let kode = les_kode(navn, verdi, &koder, |k| koder.iter().find(|&&g| g == k).map(|g| (*g).to_owned()))?;
                    legg_til(navn, &mut f.utfall, kode)?;
                }
                "aldersgruppe" => {
                    let koder: Vec<&str> = Aldersgruppe::ALLE.iter().map(|r| r.kode()).collect();
                    legg_til(navn, &mut f.aldersgruppe, les_kode(navn, verdi, &koder, Aldersgruppe::fra_kode)?)?;
                }
                _ => {}
            }
        }
        if let (Some(fra), Some(til)) = (f.periode.fra, f.periode.til) {
            if fra > til {
                return Err(Filterfeil::OmvendtPeriode { fra, til });
            }
        }
        Ok(f)
    }

    /// The filter as query parameters, in a fixed order, leaving out what is the default: the
    /// inverse of [`Statistikkfilter::les`].
    pub fn parametre(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        if let Some(fra) = self.periode.fra {
            p.push(("fra", fra.format("%Y-%m-%d").to_string()));
        }
        if let Some(til) = self.periode.til {
            p.push(("til", til.format("%Y-%m-%d").to_string()));
        }
        if self.grunnlag != Grunnlag::default() {
            p.push(("grunnlag", self.grunnlag.kode().to_owned()));
        }
        p.extend(self.statsforvalter.iter().map(|v| ("statsforvalter", v.clone())));
        p.extend(self.fylke.iter().map(|v| ("fylke", v.clone())));
        p.extend(self.kommune.iter().map(|v| ("kommune", v.clone())));
        p.extend(self.rettighet.iter().map(|v| ("rettighet", v.kode().to_owned())));
        p.extend(self.kategori.iter().map(|v| ("kategori", v.kode().to_owned())));
        p.extend(self.utfall.iter().map(|v| ("utfall", v.clone())));
        p.extend(self.aldersgruppe.iter().map(|v| ("aldersgruppe", v.kode().to_owned())));
        p
    }

    /// The filter as a URL query string (without `?`), percent-encoding what needs it.
    pub fn query(&self) -> String {
        self.parametre().into_iter().map(|(n, v)| format!("{n}={}", kod_url(&v))).collect::<Vec<_>>().join("&")
    }

    /// Whether a municipality lies inside the geographic filter (office, county and
    /// municipality narrow each other).
    pub fn omfatter_kommune(&self, kommune: &referanse::Kommune) -> bool {
        (self.statsforvalter.is_empty() || self.statsforvalter.contains(&kommune.statsforvalter))
            && (self.fylke.is_empty() || self.fylke.contains(&kommune.fylke))
            && (self.kommune.is_empty() || self.kommune.contains(&kommune.nummer))
    }

    /// Whether the geographic filter selects something finer than whole offices: one or more
    /// municipalities, or counties that are only part of their office. Then every count in
    /// the response describes a small area and is subject to suppression.
    pub fn er_finmasket(&self) -> bool {
        if self.kommune.is_empty() && self.fylke.is_empty() {
            return false;
        }
        // Fine unless the chosen municipalities are exactly all those of some whole offices.
        let valgt: Vec<&referanse::Kommune> = referanse::kommuner().iter().filter(|k| self.omfatter_kommune(k)).collect();
        let mut kontorer: Vec<&str> = valgt.iter().map(|k| k.statsforvalter.as_str()).collect();
        kontorer.sort_unstable();
        kontorer.dedup();
        let hele = referanse::kommuner().iter().filter(|k| kontorer.contains(&k.statsforvalter.as_str())).count();
        hele != valgt.len()
    }
}

/// Percent-encodes a query value; our values are codes, numbers and dates, so only the odd
/// character needs it.
fn kod_url(verdi: &str) -> String {
    verdi
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether a county is only part of its office (Troms, Finnmark, Vestfold, Telemark and the
/// four counties of Østfold, Buskerud, Oslo og Akershus): its counts are suppressed like a
/// municipality's.
pub fn fylke_er_del_av_embete(fylke: &str) -> bool {
    referanse::fylker()
        .iter()
        .find(|f| f.nummer == fylke)
        .and_then(|f| referanse::statsforvalter(&f.statsforvalter))
        .is_some_and(|s| s.fylker.len() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn les(q: &[(&str, &str)]) -> Result<Statistikkfilter, Filterfeil> {
        Statistikkfilter::les(q.iter().copied())
    }

    #[test]
    fn every_parameter_is_read_and_written_back() {
        let q = [
            ("fra", "2020-01-01"),
            ("til", "2023-09-19"),
            ("grunnlag", "mottatt"),
            ("statsforvalter", "agder"),
            ("statsforvalter", "vestland"),
            ("fylke", "46"),
            ("kommune", "4601"),
            ("rettighet", "ip"),
            ("kategori", "ikke_ip"),
            ("utfall", "under_behandling"),
            ("aldersgruppe", "barn"),
            ("sprak", "nn"),
        ];
        let f = les(&q).unwrap();
        assert_eq!(f.statsforvalter, ["agder", "vestland"]);
        assert_eq!(f.grunnlag, Grunnlag::Mottatt);
        assert_eq!(f.utfall, ["under_behandling"]);
        let tilbake: Vec<(&str, String)> = f.parametre();
        let igjen = Statistikkfilter::les(tilbake.iter().map(|(n, v)| (*n, v.as_str()))).unwrap();
        assert_eq!(igjen, f);
        assert!(f.query().starts_with("fra=2020-01-01&til=2023-09-19&grunnlag=mottatt&statsforvalter=agder"));
    }

    #[test]
    fn errors_name_the_parameter_in_both_languages() {
        for (q, parameter) in [
            (vec![("fra", "")], "fra"),
            (vec![("til", "igaar")], "til"),
            (vec![("fra", "2024-01-01"), ("til", "2023-01-01")], "fra"),
            (vec![("utfall", "vunnet")], "utfall"),
            (vec![("kommune", "9999")], "kommune"),
            (vec![("grunnlag", "innsendt")], "grunnlag"),
            (vec![("fra", "2024-01-01"), ("fra", "2024-01-02")], "fra"),
        ] {
            let feil = les(&q).unwrap_err();
            assert_eq!(feil.parameter(), parameter, "{q:?}");
            assert_ne!(feil.melding(Sprak::Nb), feil.melding(Sprak::Nn));
        }
        assert!(les(&[("utfall", "x")]).unwrap_err().to_string().contains("stadfestet, endret"));
        // The form's "all" choice is an empty value.
        assert_eq!(les(&[("statsforvalter", ""), ("utfall", "")]).unwrap(), Statistikkfilter::default());
    }

    #[test]
    fn fine_grained_areas() {
        assert!(!les(&[]).unwrap().er_finmasket());
        assert!(les(&[("kommune", "0301")]).unwrap().er_finmasket());
        assert!(les(&[("fylke", "55")]).unwrap().er_finmasket(), "Troms is part of its office");
        assert!(!les(&[("fylke", "55"), ("fylke", "56")]).unwrap().er_finmasket(), "Troms and Finnmark are the whole office");
        assert!(!les(&[("fylke", "42")]).unwrap().er_finmasket(), "Agder is its own office");
        assert!(fylke_er_del_av_embete("03"));
        assert!(!fylke_er_del_av_embete("42"));
    }
}
