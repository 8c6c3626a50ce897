//! Charts drawn as SVG on the server: no chart library reaches the browser. Each function
//! returns the markup of one `<svg role="img">` with a `<title>` and a `<desc>` that says in
//! words what the chart shows; the page puts a table view of the same numbers beside it.
//! Colours are dark enough for 3:1 contrast against white (WCAG 1.4.11), and a suppressed
//! value is drawn as nothing, never as a guess.

/// The series colours, in order.
pub const FARGER: [&str; 6] = ["#1f4e79", "#a14a00", "#2e6b30", "#6a1b9a", "#8b1a1a", "#37474f"];

const BREDDE: f64 = 640.0;
const HOYDE: f64 = 260.0;
const VENSTRE: f64 = 48.0;
const BUNN: f64 = 40.0;
const TOPP: f64 = 16.0;

/// Escapes text for XML.
fn xml(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A round upper bound for the axis.
fn aksemaks(maks: u64) -> u64 {
    let maks = maks.max(1);
    let steg = 10u64.pow((maks as f64).log10().floor() as u32);
    maks.div_ceil(steg) * steg
}

fn ramme(id: &str, tittel: &str, beskrivelse: &str, hoyde: f64, innhold: String) -> String {
    format!(
        r##"<svg class="diagram" role="img" viewBox="0 0 {BREDDE} {hoyde}" width="100%" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>{innhold}</svg>"##,
        xml(tittel),
        xml(beskrivelse)
    )
}

fn yakse(maks: u64, hoyde: f64) -> String {
    let mut s = String::new();
    for i in 0..=4u64 {
        let verdi = maks * i / 4;
        let y = hoyde - BUNN - (hoyde - BUNN - TOPP) * i as f64 / 4.0;
        s.push_str(&format!(
            r##"<line x1="{VENSTRE}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#c8c8c8" stroke-width="1"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#222">{verdi}</text>"##,
            BREDDE - 8.0,
            VENSTRE - 6.0,
            y + 4.0
        ));
    }
    s
}

/// A line over time: one point per label (month or year).
pub fn linje(id: &str, tittel: &str, beskrivelse: &str, punkter: &[(String, Option<u64>)]) -> String {
    let maks = aksemaks(punkter.iter().filter_map(|p| p.1).max().unwrap_or(0));
    let n = punkter.len().max(1);
    let bredde = BREDDE - VENSTRE - 16.0;
    let x = |i: usize| VENSTRE + 8.0 + if n == 1 { bredde / 2.0 } else { bredde * i as f64 / (n - 1) as f64 };
    let y = |v: u64| HOYDE - BUNN - (HOYDE - BUNN - TOPP) * v as f64 / maks as f64;
    let mut s = yakse(maks, HOYDE);
    // Suppressed points break the line rather than being drawn as zero.
    let mut sti = String::new();
    let mut ny = true;
    for (i, (_, v)) in punkter.iter().enumerate() {
        match v {
            Some(v) => {
                sti.push_str(&format!("{}{:.1},{:.1} ", if ny { "M" } else { "L" }, x(i), y(*v)));
                ny = false;
            }
            None => ny = true,
        }
    }
    s.push_str(&format!(r##"<path d="{sti}" fill="none" stroke="{}" stroke-width="2.5"/>"##, FARGER[0]));
    let hvert = n.div_ceil(12).max(1);
    for (i, (navn, v)) in punkter.iter().enumerate() {
        if let Some(v) = v {
            s.push_str(&format!(r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}"/>"##, x(i), y(*v), FARGER[0]));
        }
        if i % hvert == 0 {
            s.push_str(&format!(
                r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#222">{}</text>"##,
                x(i),
                HOYDE - BUNN + 16.0,
                xml(navn)
            ));
        }
    }
    ramme(id, tittel, beskrivelse, HOYDE, s)
}

/// Horizontal bars, one per label, each with its value written at the end.
pub fn stolper(id: &str, tittel: &str, beskrivelse: &str, rader: &[(String, Option<f64>)], enhet: &str) -> String {
    let radhoyde = 24.0;
    let hoyde = TOPP + radhoyde * rader.len() as f64 + 8.0;
    let maks = rader.iter().filter_map(|r| r.1).fold(0.0_f64, f64::max).max(1.0);
    let etikett = 260.0;
    let bredde = BREDDE - etikett - 70.0;
    let mut s = String::new();
    for (i, (navn, v)) in rader.iter().enumerate() {
        let y = TOPP + radhoyde * i as f64;
        s.push_str(&format!(
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end" fill="#222">{}</text>"##,
            etikett - 6.0,
            y + 15.0,
            xml(navn)
        ));
        let tekst = match v {
            Some(v) => {
                let b = bredde * v / maks;
                s.push_str(&format!(
                    r##"<rect x="{etikett}" y="{:.1}" width="{b:.1}" height="{}" fill="{}"/>"##,
                    y + 3.0,
                    radhoyde - 6.0,
                    FARGER[0]
                ));
                format!("{}{enhet}", (v * 10.0).round() / 10.0)
            }
            None => "under 5".to_owned(),
        };
        let xt = etikett + v.map(|v| bredde * v / maks).unwrap_or(0.0) + 6.0;
        s.push_str(&format!(r##"<text x="{xt:.1}" y="{:.1}" font-size="12" fill="#222">{}</text>"##, y + 15.0, xml(&tekst)));
    }
    ramme(id, tittel, beskrivelse, hoyde, s)
}

/// Stacked horizontal bars: per row, the series side by side in one bar, with a legend.
pub fn stablet(id: &str, tittel: &str, beskrivelse: &str, serier: &[String], rader: &[(String, Vec<Option<u64>>)]) -> String {
    let radhoyde = 24.0;
    let forklaring = 22.0 * serier.len().div_ceil(3) as f64;
    let hoyde = TOPP + radhoyde * rader.len() as f64 + forklaring + 12.0;
    let maks = rader.iter().map(|(_, v)| v.iter().flatten().sum::<u64>()).max().unwrap_or(0).max(1) as f64;
    let etikett = 260.0;
    let bredde = BREDDE - etikett - 20.0;
    let mut s = String::new();
    for (i, (navn, verdier)) in rader.iter().enumerate() {
        let y = TOPP + radhoyde * i as f64;
        s.push_str(&format!(
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end" fill="#222">{}</text>"##,
            etikett - 6.0,
            y + 15.0,
            xml(navn)
        ));
        let mut x = etikett;
        for (j, v) in verdier.iter().enumerate() {
            if let Some(v) = v {
                let b = bredde * *v as f64 / maks;
                s.push_str(&format!(
                    r##"<rect x="{x:.1}" y="{:.1}" width="{b:.1}" height="{}" fill="{}" stroke="#fff" stroke-width="0.5"/>"##,
                    y + 3.0,
                    radhoyde - 6.0,
                    FARGER[j % FARGER.len()]
                ));
                x += b;
            }
        }
    }
    let y0 = TOPP + radhoyde * rader.len() as f64 + 10.0;
    for (j, serie) in serier.iter().enumerate() {
        let (kol, rad) = (j % 3, j / 3);
        let (x, y) = (20.0 + 200.0 * kol as f64, y0 + 22.0 * rad as f64);
        s.push_str(&format!(
            r##"<rect x="{x}" y="{y}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12" fill="#222">{}</text>"##,
            FARGER[j % FARGER.len()],
            x + 18.0,
            y + 11.0,
            xml(serie)
        ));
    }
    ramme(id, tittel, beskrivelse, hoyde, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_have_a_text_alternative_and_escape_labels() {
        let svg = linje(
            "x",
            "Klager <per> måned",
            "Fra 3 til 5",
            &[("2024-01".into(), Some(3)), ("2024-02".into(), None), ("2024-03".into(), Some(5))],
        );
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title id=\"x-t\">Klager &lt;per&gt; måned</title>"));
        assert!(svg.contains("<desc id=\"x-d\">Fra 3 til 5</desc>"));
        assert_eq!(svg.matches("<circle").count(), 2, "no point for a suppressed value");
        let svg = stolper("y", "T", "D", &[("A".into(), Some(2.0)), ("B".into(), None)], " %");
        assert!(svg.contains("under 5"));
        let svg = stablet("z", "T", "D", &["a".into(), "b".into()], &[("Rad".into(), vec![Some(1), Some(2)])]);
        assert_eq!(svg.matches("<rect").count(), 4);
        assert_eq!(aksemaks(87), 90);
    }
}
