//! The statistics as files: CSV for Norwegian Excel (UTF-8 with BOM, `;` between fields, decimal
//! comma) and a real XLSX workbook. Both write the tables of `domain::statistikk::tabeller`
//! under the filter they were made with, and a suppressed count as `:`, SSB's sign.

use crate::domain::sprak::Sprak;
use crate::domain::statistikk::dashbord::Statistikk;
use crate::domain::statistikk::tabeller::{filterlinjer, tabeller, Verdi};

/// SSB's sign for a figure withheld to protect privacy.
pub const SKJULT: &str = ":";

/// A number with a decimal comma and at most `desimaler` decimals.
fn desimal(x: f64, desimaler: usize) -> String {
    let tekst = format!("{x:.desimaler$}");
    let tekst = if tekst.contains('.') { tekst.trim_end_matches('0').trim_end_matches('.').to_owned() } else { tekst };
    tekst.replace('.', ",")
}

/// How a cell reads in a text file.
fn tekst(v: &Verdi) -> String {
    match v {
        Verdi::Tekst(t) => t.clone(),
        Verdi::Antall(Some(n)) => n.to_string(),
        Verdi::Andel(Some(a)) => desimal(a * 100.0, 1),
        Verdi::Tall(Some(x)) => desimal(*x, 1),
        Verdi::Antall(None) => SKJULT.to_owned(),
        Verdi::Andel(None) | Verdi::Tall(None) => String::new(),
    }
}

/// Quotes a CSV field when it holds the separator, a quote or a line break.
fn felt(t: &str) -> String {
    if t.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_owned()
    }
}

/// The CSV file: the filter first, then every table with a title line and its headings.
pub fn csv(s: &Statistikk, sprak: Sprak) -> Vec<u8> {
    let mut ut = String::from("\u{feff}");
    let mut linje = |felter: &[String]| {
        ut.push_str(&felter.iter().map(|f| felt(f)).collect::<Vec<_>>().join(";"));
        ut.push_str("\r\n");
    };
    linje(&[sprak
        .velg("Klagestatistikk – individuell plan og koordinator", "Klagestatistikk – individuell plan og koordinator")
        .to_owned()]);
    for (navn, verdi) in filterlinjer(s, sprak) {
        linje(&[navn, verdi]);
    }
    linje(&[sprak.velg(": = under 5, skjult av personvernhensyn", ": = under 5, skjult av omsyn til personvernet").to_owned()]);
    for t in tabeller(s, sprak) {
        linje(&[]);
        linje(std::slice::from_ref(&t.tittel));
        linje(&t.kolonner);
        for rad in &t.rader {
            linje(&rad.iter().map(tekst).collect::<Vec<_>>());
        }
    }
    ut.into_bytes()
}

/// The XLSX workbook: one sheet, the filter at the top, then the tables; counts are numbers,
/// shares are percentages, and a suppressed count is the text `:`.
pub fn xlsx(s: &Statistikk, sprak: Sprak) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut bok = Workbook::new();
    let fet = Format::new().set_bold();
    let prosent = Format::new().set_num_format("0.0 %");
    let desimal = Format::new().set_num_format("0.0");
    let ark = bok.add_worksheet();
    ark.set_name("Statistikk")?;
    ark.set_column_width(0, 48)?;
    let mut rad: u32 = 0;
    ark.write_string_with_format(
        rad,
        0,
        sprak.velg("Klagestatistikk – individuell plan og koordinator", "Klagestatistikk – individuell plan og koordinator"),
        &fet,
    )?;
    rad += 1;
    for (navn, verdi) in filterlinjer(s, sprak) {
        ark.write_string_with_format(rad, 0, &navn, &fet)?;
        ark.write_string(rad, 1, &verdi)?;
        rad += 1;
    }
    ark.write_string(rad, 0, sprak.velg(": = under 5, skjult av personvernhensyn", ": = under 5, skjult av omsyn til personvernet"))?;
    rad += 1;
    for t in tabeller(s, sprak) {
        rad += 1;
        ark.write_string_with_format(rad, 0, &t.tittel, &fet)?;
        rad += 1;
        for (k, kolonne) in t.kolonner.iter().enumerate() {
            ark.write_string_with_format(rad, k as u16, kolonne, &fet)?;
        }
        rad += 1;
        for r in &t.rader {
            for (k, v) in r.iter().enumerate() {
                let k = k as u16;
                match v {
                    Verdi::Tekst(tekst) => ark.write_string(rad, k, tekst)?,
                    Verdi::Antall(Some(n)) => ark.write_number(rad, k, *n as f64)?,
                    Verdi::Antall(None) => ark.write_string(rad, k, SKJULT)?,
                    Verdi::Andel(Some(a)) => ark.write_number_with_format(rad, k, *a, &prosent)?,
                    Verdi::Tall(Some(x)) => ark.write_number_with_format(rad, k, *x, &desimal)?,
                    Verdi::Andel(None) | Verdi::Tall(None) => ark,
                };
            }
            rad += 1;
        }
    }
    bok.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_comma_and_quoting() {
        assert_eq!(desimal(66.666, 1), "66,7");
        assert_eq!(desimal(50.0, 1), "50");
        assert_eq!(felt("a;b"), "\"a;b\"");
        assert_eq!(tekst(&Verdi::Antall(None)), ":");
        assert_eq!(tekst(&Verdi::Antall(Some(0))), "0");
    }
}
