//! Reference data: the 10 governor offices, 15 counties and 357 municipalities.
//!
//! The data are facts compiled from public sources and kept in the project's own
//! `referansedata/` folder; they are compiled into the program so that the browser and the
//! server agree on them without a round trip, and seeded into the database at start-up so that
//! SQL can join on them.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::sprak::Sprak;

/// A governor office (embete).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statsforvalter {
    /// The office code, e.g. `more-og-romsdal`.
    pub kode: String,
    pub navn_nb: String,
    pub navn_nn: String,
    /// The county numbers it covers.
    pub fylker: Vec<String>,
}

impl Statsforvalter {
    pub fn navn(&self, sprak: Sprak) -> &str {
        sprak.velg(&self.navn_nb, &self.navn_nn)
    }
}

/// A county (fylke).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fylke {
    /// Two-digit county number, e.g. `03`.
    pub nummer: String,
    pub navn: String,
    pub statsforvalter: String,
}

/// The written form a municipality has chosen for letters to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Maalform {
    Nb,
    Nn,
    Neutral,
}

/// A municipality (kommune).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kommune {
    /// Four-digit municipality number, e.g. `0301`.
    pub nummer: String,
    pub navn: String,
    /// A Sámi or other official name, when it has one.
    pub annet_navn: Option<String>,
    pub fylke: String,
    pub statsforvalter: String,
    pub maalform: Maalform,
    pub innbyggere: u32,
}

impl Kommune {
    /// The name as shown in lists: "Kautokeino – Guovdageaidnu".
    pub fn visningsnavn(&self) -> String {
        match &self.annet_navn {
            Some(annet) => format!("{} – {}", self.navn, annet),
            None => self.navn.clone(),
        }
    }
}

const STATSFORVALTERE_CSV: &str = include_str!("../../referansedata/statsforvaltere.csv");
const FYLKER_CSV: &str = include_str!("../../referansedata/fylker.csv");
const KOMMUNER_CSV: &str = include_str!("../../referansedata/kommuner.csv");

/// Splits one CSV line, honouring double quotes (office names contain commas).
fn csv_felter(linje: &str) -> Vec<String> {
    let mut felter = Vec::new();
    let mut felt = String::new();
    let mut i_anfoersel = false;
    for tegn in linje.chars() {
        match tegn {
            '"' => i_anfoersel = !i_anfoersel,
            ',' if !i_anfoersel => felter.push(std::mem::take(&mut felt)),
            annet => felt.push(annet),
        }
    }
    felter.push(felt);
    felter
}

fn rader(csv: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| csv_felter(l.trim_end_matches('\r')))
}

/// The office register, in the CSV's order.
pub fn statsforvaltere() -> &'static [Statsforvalter] {
    static DATA: OnceLock<Vec<Statsforvalter>> = OnceLock::new();
    DATA.get_or_init(|| {
        rader(STATSFORVALTERE_CSV)
            .map(|f| Statsforvalter {
                kode: f[0].clone(),
                navn_nb: f[1].clone(),
                navn_nn: f[2].clone(),
                fylker: f[3].split_whitespace().map(str::to_owned).collect(),
            })
            .collect()
    })
}

/// The county register.
pub fn fylker() -> &'static [Fylke] {
    static DATA: OnceLock<Vec<Fylke>> = OnceLock::new();
    DATA.get_or_init(|| {
        rader(FYLKER_CSV).map(|f| Fylke { nummer: f[0].clone(), navn: f[1].clone(), statsforvalter: f[2].clone() }).collect()
    })
}

/// The municipality register, sorted by name for lists.
pub fn kommuner() -> &'static [Kommune] {
    static DATA: OnceLock<Vec<Kommune>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut alle: Vec<Kommune> = rader(KOMMUNER_CSV)
            .map(|f| Kommune {
                nummer: f[0].clone(),
                navn: f[1].clone(),
                annet_navn: Some(f[2].clone()).filter(|s| !s.is_empty()),
                fylke: f[3].clone(),
                statsforvalter: f[4].clone(),
                maalform: match f[5].as_str() {
                    "nn" => Maalform::Nn,
                    "nb" => Maalform::Nb,
                    _ => Maalform::Neutral,
                },
                innbyggere: f[6].parse().unwrap_or(0),
            })
            .collect();
        alle.sort_by(|a, b| a.navn.cmp(&b.navn).then(a.nummer.cmp(&b.nummer)));
        alle
    })
}

pub fn statsforvalter(kode: &str) -> Option<&'static Statsforvalter> {
    statsforvaltere().iter().find(|s| s.kode == kode)
}

pub fn kommune(nummer: &str) -> Option<&'static Kommune> {
    kommuner().iter().find(|k| k.nummer == nummer)
}

/// Every office code, in register order.
pub fn statsforvalterkoder() -> Vec<&'static str> {
    statsforvaltere().iter().map(|s| s.kode.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registers_are_complete_and_consistent() {
        assert_eq!(statsforvaltere().len(), 10);
        assert_eq!(fylker().len(), 15);
        assert_eq!(kommuner().len(), 357);
        for k in kommuner() {
            assert!(statsforvalter(&k.statsforvalter).is_some(), "{}", k.nummer);
            let fylke = fylker().iter().find(|f| f.nummer == k.fylke).expect("fylke");
            assert_eq!(fylke.statsforvalter, k.statsforvalter);
        }
        let osbo = statsforvalter("ostfold-buskerud-oslo-akershus").unwrap();
        assert_eq!(osbo.navn_nb, "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus");
        assert_eq!(osbo.fylker, ["31", "33", "03", "32"]);
        assert_eq!(kommune("0301").unwrap().navn, "Oslo");
    }
}
