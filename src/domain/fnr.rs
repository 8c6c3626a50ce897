//! Norwegian national identity numbers: fødselsnummer, D-nummer, H-nummer and the synthetic
//! numbers of Test Norge.
//!
//! An identity number is personal data that reveals the birth date, and a complaint about an
//! individual plan is health information: the number is validated here, stored only where it
//! is needed, and shown masked. [`Fodselsnummer`] is therefore deliberately not `Serialize`,
//! `Deserialize` or `Display`, and its `Debug` prints only the masked form, so that it cannot
//! slip into a JSON response to the browser or a log line by accident: code that needs the
//! digits has to ask for them with [`Fodselsnummer::som_tekst`].
//!
//! The structure (Skatteetaten): `DDMMYY` birth date, three digits individual number and two
//! mod-11 check digits.
//! - D-number (for people not registered as resident): day + 40.
//! - H-number (auxiliary numbers in health services) and NAV's synthetic numbers: month + 40.
//! - Synthetic numbers from Test Norge: month + 80. These can never belong to a real person,
//!   which is why demo and test data use them ([`Fodselsnummer::syntetisk`]).
//! - The individual number gives the century, together with the two-digit year.
//! - From 1 January 2032 the first check digit may take up to four values (see
//!   [`kontrollsifre_stemmer`]); both the old and the new rule are accepted, because numbers
//!   issued under both will be in use side by side.

use chrono::{Datelike, NaiveDate};

use super::sprak::Sprak;

/// Weights of the first check digit (k1) over the nine digits of date and individual number,
/// followed by k1's own weight 1, so that a valid number has weighted sum ≡ 0 (mod 11).
const VEKTER_K1: [u32; 10] = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
/// Weights of the second check digit (k2) over the first ten digits, followed by k2's own
/// weight 1.
const VEKTER_K2: [u32; 11] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/// A validated 11-digit fødselsnummer or D-number. Deliberately NOT Serialize/Deserialize and
/// with a Debug that prints only the masked form, so it can never leak to the browser or logs
/// by accident.
///
/// The only ways to make one are [`Fodselsnummer::parse`] and [`Fodselsnummer::syntetisk`],
/// so a value always holds exactly 11 ASCII digits with a real birth date and valid check
/// digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Fodselsnummer(String);

/// Why a text is not a valid identity number. The `Display` text is the bokmål message;
/// use [`FnrFeil::melding`] to show it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum FnrFeil {
    /// Not 11 digits (spaces not counted).
    #[error("Fødselsnummeret må ha 11 siffer.")]
    FeilLengde,
    /// Something other than digits and spaces.
    #[error("Fødselsnummeret kan bare inneholde siffer.")]
    IkkeBareSiffer,
    /// The first six digits are not a birth date (after the D-, H- and synthetic offsets).
    #[error("De seks første sifrene er ikke en gyldig fødselsdato.")]
    UgyldigDato,
    /// The check digits do not match: almost always a typing error.
    #[error("Kontrollsifrene stemmer ikke. Sjekk at fødselsnummeret er skrevet riktig.")]
    FeilKontrollsiffer,
}

impl FnrFeil {
    /// The message shown next to the field, in bokmål or nynorsk.
    pub fn melding(self, sprak: Sprak) -> &'static str {
        match self {
            FnrFeil::FeilLengde => sprak.velg("Fødselsnummeret må ha 11 siffer.", "Fødselsnummeret må ha 11 siffer."),
            FnrFeil::IkkeBareSiffer => {
                sprak.velg("Fødselsnummeret kan bare inneholde siffer.", "Fødselsnummeret kan berre innehalde siffer.")
            }
            FnrFeil::UgyldigDato => sprak
                .velg("De seks første sifrene er ikke en gyldig fødselsdato.", "Dei seks første sifra er ikkje ein gyldig fødselsdato."),
            FnrFeil::FeilKontrollsiffer => sprak.velg(
                "Kontrollsifrene stemmer ikke. Sjekk at fødselsnummeret er skrevet riktig.",
                "Kontrollsifra stemmer ikkje. Sjekk at fødselsnummeret er skrive rett.",
            ),
        }
    }
}

/// Weighted sum of `siffer` with `vekter`, modulo 11.
fn rest_mod_11(siffer: &[u32], vekter: &[u32]) -> u32 {
    siffer.iter().zip(vekter).map(|(s, v)| s * v).sum::<u32>() % 11
}

/// Whether the two check digits of an 11-digit number are valid.
///
/// Classic rule: k1 = 11 - (weighted sum of the first nine mod 11), 11 becomes 0 and 10 makes
/// the number impossible. Put differently: the weighted sum of the first ten digits with
/// weights 3,7,6,1,8,9,4,5,2,1 leaves remainder 0.
///
/// Rule for numbers issued from 1 January 2032 (Skatteetaten, "Nytt fødselsnummer fra 2032"):
/// that remainder may be 0, 1, 2 or 3, so k1 can take up to four values and more numbers fit
/// on one birth date. k2 is unchanged: the weighted sum of all eleven digits with weights
/// 5,4,3,2,7,6,5,4,3,2,1 must leave remainder 0. Every classically valid number is also valid
/// under the new rule, so checking the new rule alone accepts both.
fn kontrollsifre_stemmer(siffer: &[u32; 11]) -> bool {
    rest_mod_11(&siffer[..10], &VEKTER_K1) <= 3 && rest_mod_11(siffer, &VEKTER_K2) == 0
}

/// The classic check digit for the digits before it (weights without the trailing 1), or
/// `None` in the remainder-10 case where no digit works.
fn klassisk_kontrollsiffer(siffer: &[u32], vekter: &[u32]) -> Option<u32> {
    match (11 - rest_mod_11(siffer, vekter)) % 11 {
        10 => None,
        k => Some(k),
    }
}

/// The century of a birth year, from the individual number and the two-digit year
/// (Skatteetaten's series):
///
/// | individual number | year  | born      |
/// |-------------------|-------|-----------|
/// | 000-499           | 00-99 | 1900-1999 |
/// | 500-749           | 54-99 | 1854-1899 |
/// | 500-999           | 00-39 | 2000-2039 |
/// | 900-999           | 40-99 | 1940-1999 |
///
/// The combinations left over (500-899 with year 40-99 outside the 1800s series) were never
/// issued under the old scheme. Numbers issued from 2032 no longer encode the century at all,
/// and may well use them; the 1900s is then the only plausible century (nobody alive was born
/// in 1840-1853, and 2040-2099 lies in the future), so they are read as such rather than
/// rejected. The birth date of a post-2032 number is therefore a best reading: the population
/// register is the authority.
fn aarhundre(individ: u32, aa: u32) -> i32 {
    match (individ, aa) {
        (0..=499, _) => 1900,
        (500..=749, 54..=99) => 1800,
        (500..=999, 0..=39) => 2000,
        _ => 1900,
    }
}

/// The birth date encoded in the first nine digits, or `None` if there is none.
fn tolk_dato(siffer: &[u32; 11]) -> Option<NaiveDate> {
    let dd = siffer[0] * 10 + siffer[1];
    let mm = siffer[2] * 10 + siffer[3];
    let aa = siffer[4] * 10 + siffer[5];
    let individ = siffer[6] * 100 + siffer[7] * 10 + siffer[8];
    let dag = match dd {
        1..=31 => dd,
        41..=71 => dd - 40, // D-number
        _ => return None,
    };
    let maaned = match mm {
        1..=12 => mm,
        41..=52 => mm - 40, // H-number, NAV synthetic
        81..=92 => mm - 80, // Test Norge synthetic
        _ => return None,
    };
    // `aa` is at most 99, so the cast is exact.
    let aar = aarhundre(individ, aa) + aa as i32;
    NaiveDate::from_ymd_opt(aar, maaned, dag)
}

impl Fodselsnummer {
    /// Reads and validates an identity number as typed. Spaces (any whitespace, including the
    /// non-breaking spaces of copied text) are ignored, so "010180 12345" is accepted.
    ///
    /// Checks, in this order: only digits; exactly 11 of them; a real birth date (D-number
    /// day + 40, H-number month + 40, synthetic month + 80, century from the individual number);
    /// check digits by the classic or the 2032 rule. The date is checked before the check
    /// digits so that an impossible date (day and month swapped, say) gets the more precise
    /// message.
    pub fn parse(s: &str) -> Result<Fodselsnummer, FnrFeil> {
        let kompakt: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if !kompakt.chars().all(|c| c.is_ascii_digit()) {
            return Err(FnrFeil::IkkeBareSiffer);
        }
        // Only ASCII digits are left, so bytes and characters are the same thing.
        let siffer: [u32; 11] =
            kompakt.bytes().map(|b| u32::from(b - b'0')).collect::<Vec<_>>().try_into().map_err(|_| FnrFeil::FeilLengde)?;
        if tolk_dato(&siffer).is_none() {
            return Err(FnrFeil::UgyldigDato);
        }
        if !kontrollsifre_stemmer(&siffer) {
            return Err(FnrFeil::FeilKontrollsiffer);
        }
        Ok(Fodselsnummer(kompakt))
    }

    /// The 11 digits, for storage. Use [`Fodselsnummer::maskert`] for anything shown.
    pub fn som_tekst(&self) -> &str {
        &self.0
    }

    /// The first 6 digits then 5 asterisks, e.g. "010180*****": enough for a case officer to
    /// recognise the person together with the name, without exposing the full number.
    pub fn maskert(&self) -> String {
        let dato: String = self.0.chars().take(6).collect();
        format!("{dato}*****")
    }

    /// The digits as numbers. The constructors guarantee 11 ASCII digits.
    fn siffer(&self) -> [u32; 11] {
        let mut siffer = [0; 11];
        for (plass, b) in siffer.iter_mut().zip(self.0.bytes()) {
            *plass = u32::from(b.wrapping_sub(b'0'));
        }
        siffer
    }

    /// The birth date, with the D-, H- and synthetic offsets removed and the century read from
    /// the individual number. For numbers issued from 2032 the century is a best reading (see
    /// the module documentation).
    pub fn foedselsdato(&self) -> NaiveDate {
        // Unreachable fallback: a `Fodselsnummer` is only ever made from a valid date.
        tolk_dato(&self.siffer()).unwrap_or_default()
    }

    /// A D-number: day + 40, given to people who are not registered as resident.
    pub fn er_dnummer(&self) -> bool {
        self.siffer()[0] >= 4
    }

    /// A synthetic number from Test Norge (month + 80): never a real person.
    pub fn er_syntetisk(&self) -> bool {
        self.siffer()[2] >= 8
    }

    /// Builds a synthetic (month + 80) number for demo and test data: never one that can belong
    /// to a real person. Chooses the century-appropriate individual number itself from
    /// `loepenummer` (take loepenummer % the size of the range valid for the birth year's
    /// century; try successive individual numbers until the check digits are valid, i.e. no
    /// remainder-10 case). Returns None only if no valid number exists.
    ///
    /// Only the classic check digits are generated, so the numbers are valid for every system,
    /// old or new. Birth years outside 1854-2039 have no individual-number series under the
    /// classic rules, and give `None`. The same date and `loepenummer` always give the same
    /// number, so demo data is reproducible.
    pub fn syntetisk(foedselsdato: NaiveDate, loepenummer: u32) -> Option<Fodselsnummer> {
        let (forste, antall) = match foedselsdato.year() {
            1854..=1899 => (500, 250),
            1900..=1999 => (0, 500),
            2000..=2039 => (500, 500),
            _ => return None,
        };
        let dd = foedselsdato.day();
        let mm = foedselsdato.month() + 80;
        // The year is in 1854..=2039 here, so the cast is exact.
        let aa = foedselsdato.year().rem_euclid(100) as u32;
        let start = loepenummer % antall;
        for steg in 0..antall {
            let individ = forste + (start + steg) % antall;
            let mut siffer = [dd / 10, dd % 10, mm / 10, mm % 10, aa / 10, aa % 10, individ / 100, individ / 10 % 10, individ % 10, 0, 0];
            let Some(k1) = klassisk_kontrollsiffer(&siffer[..9], &VEKTER_K1[..9]) else {
                continue;
            };
            siffer[9] = k1;
            let Some(k2) = klassisk_kontrollsiffer(&siffer[..10], &VEKTER_K2[..10]) else {
                continue;
            };
            siffer[10] = k2;
            let tekst: String = siffer.iter().filter_map(|s| char::from_digit(*s, 10)).collect();
            // Going through `parse` keeps the one invariant in one place: whatever we hand
            // out is something `parse` accepts, with the date we were asked for.
            if let Ok(fnr) = Fodselsnummer::parse(&tekst) {
                if fnr.foedselsdato() == foedselsdato {
                    return Some(fnr);
                }
            }
        }
        None
    }
}

impl std::fmt::Debug for Fodselsnummer {
    /// Masked: a `{:?}` in a log line or a panic message must not print the number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Fodselsnummer").field(&self.maskert()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dato(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(aar, maaned, dag).expect("gyldig testdato")
    }

    fn gyldig(s: &str) -> Fodselsnummer {
        Fodselsnummer::parse(s).unwrap_or_else(|e| panic!("{s} skulle vært gyldig: {e}"))
    }

    #[test]
    fn syntetisk_1900_tallet() {
        // Born 1 Jan 1980, synthetic: 01, 01 + 80 = 81, 80; individual 123 (1900s series).
        // k1: 0*3 + 1*7 + 8*6 + 1*1 + 8*8 + 0*9 + 1*4 + 2*5 + 3*2
        //   = 0 + 7 + 48 + 1 + 64 + 0 + 4 + 10 + 6 = 140; 140 mod 11 = 8; k1 = 11 - 8 = 3.
        // k2: 0*5 + 1*4 + 8*3 + 1*2 + 8*7 + 0*6 + 1*5 + 2*4 + 3*3 + 3*2
        //   = 0 + 4 + 24 + 2 + 56 + 0 + 5 + 8 + 9 + 6 = 114; 114 mod 11 = 4; k2 = 7.
        let fnr = gyldig("01818012337");
        assert_eq!(fnr.foedselsdato(), dato(1980, 1, 1));
        assert!(fnr.er_syntetisk());
        assert!(!fnr.er_dnummer());
        assert_eq!(fnr.som_tekst(), "01818012337");
        // Spaces, also non-breaking ones and tabs, are ignored.
        assert_eq!(gyldig(" 018180 12337 "), fnr);
        assert_eq!(gyldig("018180\u{a0}123\t37"), fnr);
    }

    #[test]
    fn syntetisk_2000_og_1800_tallet() {
        // Born 24 Dec 2010: 24, 12 + 80 = 92, 10; individual 512 (2000s series 500-999).
        // k1: 2*3 + 4*7 + 9*6 + 2*1 + 1*8 + 0*9 + 5*4 + 1*5 + 2*2
        //   = 6 + 28 + 54 + 2 + 8 + 0 + 20 + 5 + 4 = 127; 127 mod 11 = 6; k1 = 5.
        // k2: 2*5 + 4*4 + 9*3 + 2*2 + 1*7 + 0*6 + 5*5 + 1*4 + 2*3 + 5*2
        //   = 10 + 16 + 27 + 4 + 7 + 0 + 25 + 4 + 6 + 10 = 109; 109 mod 11 = 10; k2 = 1.
        assert_eq!(gyldig("24921051251").foedselsdato(), dato(2010, 12, 24));
        // Born 5 Jun 1890: 05, 06 + 80 = 86, 90; individual 600 (1800s series 500-749, year
        // 54-99). k1: 0 + 35 + 48 + 6 + 72 + 0 + 24 + 0 + 0 = 185; 185 mod 11 = 9; k1 = 2.
        // k2: 0 + 20 + 24 + 12 + 63 + 0 + 30 + 0 + 0 + 2*2 = 153; 153 mod 11 = 10; k2 = 1.
        assert_eq!(gyldig("05869060021").foedselsdato(), dato(1890, 6, 5));
    }

    #[test]
    fn aarhundre_og_skuddaar() {
        // 29 Feb "00": 1900 was not a leap year, 2000 was. The individual number decides.
        // 29, 02 + 80 = 82, 00, individual 100 (-> 1900):
        // k1: 2*3 + 9*7 + 8*6 + 2*1 + 0 + 0 + 1*4 + 0 + 0 = 6 + 63 + 48 + 2 + 4 = 123;
        //   123 mod 11 = 2; k1 = 9.
        // k2: 2*5 + 9*4 + 8*3 + 2*2 + 0 + 0 + 1*5 + 0 + 0 + 9*2 = 10 + 36 + 24 + 4 + 5 + 18
        //   = 97; 97 mod 11 = 9; k2 = 2. Check digits fine, but 29 Feb 1900 never existed.
        assert_eq!(Fodselsnummer::parse("29820010092"), Err(FnrFeil::UgyldigDato));
        // Individual 600 (-> 2000): k1: 6 + 63 + 48 + 2 + 0 + 0 + 6*4 = 143; 143 mod 11 = 0;
        // k1 = 11 - 0 = 11 -> 0. k2: 10 + 36 + 24 + 4 + 0 + 0 + 6*5 + 0 + 0 + 0 = 104;
        // 104 mod 11 = 5; k2 = 6.
        assert_eq!(gyldig("29820060006").foedselsdato(), dato(2000, 2, 29));
    }

    #[test]
    fn dnummer() {
        // Born 15 Mar 1985, D-number and synthetic: 15 + 40 = 55, 03 + 80 = 83, 85.
        // Individual 456: k1 sum 5*3 + 5*7 + 8*6 + 3*1 + 8*8 + 5*9 + 4*4 + 5*5 + 6*2 = 263,
        //   263 mod 11 = 10, k1 = 1; then k2 sum = 221, 221 mod 11 = 1, k2 = 10: impossible.
        // Individual 457: k1 sum 265, 265 mod 11 = 1, k1 = 10: impossible.
        // Individual 458: k1 sum 267, 267 mod 11 = 3, k1 = 8.
        //   k2: 5*5 + 5*4 + 8*3 + 3*2 + 8*7 + 5*6 + 4*5 + 5*4 + 8*3 + 8*2
        //     = 25 + 20 + 24 + 6 + 56 + 30 + 20 + 20 + 24 + 16 = 241; 241 mod 11 = 10; k2 = 1.
        let fnr = gyldig("55838545881");
        assert!(fnr.er_dnummer());
        assert!(fnr.er_syntetisk());
        assert_eq!(fnr.foedselsdato(), dato(1985, 3, 15));
    }

    #[test]
    fn hnummer() {
        // H-number (month + 40): 01, 41, 80, individual 123.
        // k1: 0 + 7 + 4*6 + 1 + 64 + 0 + 4 + 10 + 6 = 116; 116 mod 11 = 6; k1 = 5.
        // k2: 0 + 4 + 4*3 + 2 + 56 + 0 + 5 + 8 + 9 + 5*2 = 106; 106 mod 11 = 7; k2 = 4.
        let fnr = gyldig("01418012354");
        assert!(!fnr.er_syntetisk());
        assert!(!fnr.er_dnummer());
        assert_eq!(fnr.foedselsdato(), dato(1980, 1, 1));
    }

    #[test]
    fn regelen_fra_2032() {
        // Same start as 01818012337 (first-nine sum 140 ≡ 8). With k1 = 4 instead of 3 the
        // ten-digit sum with weights 3,7,6,1,8,9,4,5,2,1 is 140 + 4 = 144 ≡ 1: invalid under the
        // classic rule (needs 0), valid under the 2032 rule (0-3).
        // k2: first nine with 5,4,3,2,7,6,5,4,3 = 114 - 6 = 108, + 4*2 = 116; 116 mod 11 = 6;
        // k2 = 5.
        let ny = gyldig("01818012345");
        assert_eq!(ny.foedselsdato(), dato(1980, 1, 1));
        // k1 = 8 gives 148 ≡ 5: outside 0-3, rejected even though k2 matches it
        // (108 + 16 = 124 ≡ 3, k2 = 8).
        assert_eq!(Fodselsnummer::parse("01818012388"), Err(FnrFeil::FeilKontrollsiffer));
        // Skatteetaten's own examples ("Nytt fødselsnummer fra 2032"): the classic
        // 02013299997 and 30108299920, and 30108299939, which uses remainder 1.
        assert_eq!(gyldig("02013299997").foedselsdato(), dato(2032, 1, 2));
        assert_eq!(gyldig("30108299920").foedselsdato(), dato(1982, 10, 30));
        assert_eq!(gyldig("30108299939").foedselsdato(), dato(1982, 10, 30));
    }

    #[test]
    fn feil_kontrollsiffer() {
        // k2 of 01818012337 changed to 8.
        assert_eq!(Fodselsnummer::parse("01818012338"), Err(FnrFeil::FeilKontrollsiffer));
        // k1 = 4 is fine under the 2032 rule, but then k2 must be 5, not 7.
        assert_eq!(Fodselsnummer::parse("01818012347"), Err(FnrFeil::FeilKontrollsiffer));
        // Two digits of the individual number swapped: the classic typing error.
        assert_eq!(Fodselsnummer::parse("01818013237"), Err(FnrFeil::FeilKontrollsiffer));
    }

    #[test]
    fn feil_lengde_og_tegn() {
        assert_eq!(Fodselsnummer::parse(""), Err(FnrFeil::FeilLengde));
        assert_eq!(Fodselsnummer::parse("   "), Err(FnrFeil::FeilLengde));
        assert_eq!(Fodselsnummer::parse("0181801233"), Err(FnrFeil::FeilLengde));
        assert_eq!(Fodselsnummer::parse("018180123370"), Err(FnrFeil::FeilLengde));
        assert_eq!(Fodselsnummer::parse("0181801233a"), Err(FnrFeil::IkkeBareSiffer));
        assert_eq!(Fodselsnummer::parse("018180-12337"), Err(FnrFeil::IkkeBareSiffer));
        assert_eq!(Fodselsnummer::parse("abc"), Err(FnrFeil::IkkeBareSiffer));
        // Non-ASCII digits (Arabic-Indic zero) are not digits here.
        assert_eq!(Fodselsnummer::parse("\u{660}1818012337"), Err(FnrFeil::IkkeBareSiffer));
    }

    #[test]
    fn umulig_dato() {
        // 31 Feb 1980 with check digits that are right, so only the date is wrong:
        // 31 02 80 123: k1: 9 + 7 + 0 + 2 + 64 + 0 + 4 + 10 + 6 = 102; 102 mod 11 = 3; k1 = 8.
        // k2: 15 + 4 + 0 + 4 + 56 + 0 + 5 + 8 + 9 + 8*2 = 117; 117 mod 11 = 7; k2 = 4.
        assert_eq!(Fodselsnummer::parse("31028012384"), Err(FnrFeil::UgyldigDato));
        // Month 13, month 00, day 00, day 32, month 20-40, day 72+.
        for s in ["01138012337", "01008012337", "00018012337", "32018012337", "01258012337", "72018012337"] {
            assert_eq!(Fodselsnummer::parse(s), Err(FnrFeil::UgyldigDato), "{s}");
        }
    }

    #[test]
    fn maskering_og_debug() {
        let fnr = gyldig("01818012337");
        assert_eq!(fnr.maskert(), "018180*****");
        let debug = format!("{fnr:?}");
        assert_eq!(debug, "Fodselsnummer(\"018180*****\")");
        assert!(!debug.contains("12337"));
        // Also inside containers, as it would appear in a logged struct.
        assert!(!format!("{:?}", Some(&fnr)).contains("12337"));
    }

    #[test]
    fn meldinger_paa_begge_maalformer() {
        for feil in [FnrFeil::FeilLengde, FnrFeil::IkkeBareSiffer, FnrFeil::UgyldigDato, FnrFeil::FeilKontrollsiffer] {
            // The Display text is the bokmål message.
            assert_eq!(feil.to_string(), feil.melding(Sprak::Nb));
            assert!(!feil.melding(Sprak::Nn).is_empty());
        }
        assert_eq!(FnrFeil::FeilKontrollsiffer.melding(Sprak::Nn), "Kontrollsifra stemmer ikkje. Sjekk at fødselsnummeret er skrive rett.");
        assert_eq!(FnrFeil::FeilLengde.melding(Sprak::Nb), "Fødselsnummeret må ha 11 siffer.");
    }

    #[test]
    fn syntetisk_gaar_rundt_gjennom_parse() {
        // Every day from 1930 to 2025, with a løpenummer that varies from day to day.
        let mut dag = dato(1930, 1, 1);
        let mut loepenummer = 0u32;
        while dag <= dato(2025, 12, 31) {
            let fnr = Fodselsnummer::syntetisk(dag, loepenummer).unwrap_or_else(|| panic!("ingen syntetisk for {dag}"));
            let lest = gyldig(fnr.som_tekst());
            assert_eq!(lest, fnr);
            assert_eq!(lest.foedselsdato(), dag);
            assert!(lest.er_syntetisk());
            assert!(!lest.er_dnummer());
            // Generated under the classic rule only, so old systems accept it too.
            let siffer = lest.siffer();
            assert_eq!(rest_mod_11(&siffer[..10], &VEKTER_K1), 0, "{dag}");
            dag = dag.succ_opt().expect("neste dag");
            loepenummer = loepenummer.wrapping_mul(31).wrapping_add(7);
        }
    }

    #[test]
    fn syntetisk_kanter() {
        // The edges of the series: first and last years with an individual-number series.
        for d in [dato(1854, 1, 1), dato(1899, 12, 31), dato(2039, 12, 31)] {
            let fnr = Fodselsnummer::syntetisk(d, u32::MAX).expect("innenfor seriene");
            assert_eq!(gyldig(fnr.som_tekst()).foedselsdato(), d);
        }
        // 29 Feb 2000 needs the 2000s series (1900 was no leap year).
        let skudd = Fodselsnummer::syntetisk(dato(2000, 2, 29), 3).expect("2000 er skuddår");
        assert_eq!(skudd.foedselsdato(), dato(2000, 2, 29));
        // No series outside 1854-2039.
        assert_eq!(Fodselsnummer::syntetisk(dato(1853, 12, 31), 0), None);
        assert_eq!(Fodselsnummer::syntetisk(dato(2040, 1, 1), 0), None);
        // Deterministic, and different løpenumre give different people.
        let d = dato(1975, 6, 30);
        assert_eq!(Fodselsnummer::syntetisk(d, 42), Fodselsnummer::syntetisk(d, 42));
        assert_ne!(Fodselsnummer::syntetisk(d, 0), Fodselsnummer::syntetisk(d, 250));
        // Individual 123 on 1 Jan 1980 is the hand-worked 01818012337 above.
        assert_eq!(Fodselsnummer::syntetisk(dato(1980, 1, 1), 123).map(|f| f.som_tekst().to_owned()), Some("01818012337".to_owned()));
    }
}
