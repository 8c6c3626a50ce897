//! The outsider (angrep): what anyone can work out from the public table family of one office
//! and year, the model that the protection in [`super::familie`] is checked against by the
//! unit tests (on random counts) and by `tests/angriper.rs` (through the HTTP API).
//!
//! The attacker knows every published cell and every fact about the figures that holds: an
//! office is the sum of its counties and of its municipalities, a county of its
//! municipalities, a total of its outcomes and of its age groups, every column is part of the
//! total, and the total is at most the sum of the rights and of the categories. A hidden cell
//! is anything from 0 up (the attacker cannot tell the small hidden cells from the others).
//! Interval propagation narrows every hidden cell; a hidden count of 1–4 narrowed to one value
//! is a successful attack.

use super::familie::{Aarstall, Noekkel, Omraade};
use crate::domain::referanse;

const UENDELIG: u64 = u64::MAX / 4;

/// The hidden cells of `embete` whose true count (from `sann`) is 1–4 and that the attacker
/// pins down, with the value found. `publisert` gives a cell as published (`None`: hidden).
pub fn angrip(publisert: &dyn Fn(&Omraade, &Noekkel) -> Option<u64>, sann: &Aarstall, embete: &str) -> Vec<(Omraade, Noekkel, u64)> {
    let Some(s) = referanse::statsforvalter(embete) else { return Vec::new() };
    let kommuner: Vec<&referanse::Kommune> = referanse::kommuner().iter().filter(|k| k.statsforvalter == embete).collect();
    let verdi = |n: &Noekkel, o: &Omraade| -> u64 {
        let i = |k: &referanse::Kommune| sann.get(n).and_then(|m| m.get(&k.nummer)).copied().unwrap_or(0);
        kommuner
            .iter()
            .filter(|k| match o {
                Omraade::Embete(_) => true,
                Omraade::Fylke(f) => &k.fylke == f,
                Omraade::Kommune(nr) => &k.nummer == nr,
            })
            .map(|k| i(k))
            .sum()
    };
    let mut celler: Vec<(Omraade, Noekkel)> = Vec::new();
    let mut indeks: std::collections::HashMap<(Omraade, Noekkel), usize> = std::collections::HashMap::new();
    let mut celle = |o: Omraade, n: &Noekkel| -> usize {
        *indeks.entry((o.clone(), n.clone())).or_insert_with(|| {
            celler.push((o, n.clone()));
            celler.len() - 1
        })
    };
    // (total, parts): total = Σ parts, and total ≤ Σ parts.
    let mut like: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut hoeyst: Vec<(usize, Vec<usize>)> = Vec::new();
    for n in Noekkel::alle() {
        let e = celle(Omraade::Embete(embete.to_owned()), &n);
        let (mut fylker, mut alle) = (Vec::new(), Vec::new());
        for f in &s.fylker {
            let fi = celle(Omraade::Fylke(f.clone()), &n);
            let ki: Vec<usize> = kommuner.iter().filter(|k| &k.fylke == f).map(|k| celle(Omraade::Kommune(k.nummer.clone()), &n)).collect();
            like.push((fi, ki.clone()));
            fylker.push(fi);
            alle.extend(ki);
        }
        like.push((e, fylker));
        like.push((e, alle));
    }
    let mut omraader = vec![Omraade::Embete(embete.to_owned())];
    omraader.extend(s.fylker.iter().map(|f| Omraade::Fylke(f.clone())));
    omraader.extend(kommuner.iter().map(|k| Omraade::Kommune(k.nummer.clone())));
    let totalt = Noekkel::totalt();
    for o in &omraader {
        let t = celle(o.clone(), &totalt);
        let sann_total = verdi(&totalt, o);
        for gruppe in [Noekkel::utfall(), Noekkel::aldersgrupper()] {
            if gruppe.iter().map(|n| verdi(n, o)).sum::<u64>() == sann_total {
                like.push((t, gruppe.iter().map(|n| celle(o.clone(), n)).collect()));
            }
        }
        for n in Noekkel::alle().iter().filter(|n| **n != totalt) {
            hoeyst.push((celle(o.clone(), n), vec![t]));
        }
        for gruppe in [Noekkel::rettigheter(), Noekkel::kategorier()] {
            if sann_total <= gruppe.iter().map(|n| verdi(n, o)).sum::<u64>() {
                hoeyst.push((t, gruppe.iter().map(|n| celle(o.clone(), n)).collect()));
            }
        }
    }
    let iv = intervaller(celler.iter().map(|(o, n)| publisert(o, n)).collect(), &like, &hoeyst);
    celler
        .iter()
        .zip(&iv)
        .filter(|((o, n), (lav, hoy))| {
            !matches!(o, Omraade::Embete(_)) && publisert(o, n).is_none() && (1..5).contains(&verdi(n, o)) && lav == hoy
        })
        .map(|((o, n), (lav, _))| (o.clone(), n.clone(), *lav))
        .collect()
}

/// What can be known of every cell: shown cells exactly, hidden ones from 0 up, narrowed by the
/// equalities and bounds until nothing changes.
fn intervaller(publisert: Vec<Option<u64>>, like: &[(usize, Vec<usize>)], hoeyst: &[(usize, Vec<usize>)]) -> Vec<(u64, u64)> {
    let sum_hoy = |iv: &[(u64, u64)], deler: &[usize], utenom: Option<usize>| -> u64 {
        deler.iter().filter(|&&d| Some(d) != utenom).map(|&d| iv[d].1).fold(0, |a: u64, b| a.saturating_add(b).min(UENDELIG))
    };
    let mut iv: Vec<(u64, u64)> = publisert.into_iter().map(|v| v.map_or((0, UENDELIG), |v| (v, v))).collect();
    loop {
        let mut endret = false;
        let mut sett = |iv: &mut Vec<(u64, u64)>, i: usize, lav: u64, hoy: u64| {
            let ny = (iv[i].0.max(lav), iv[i].1.min(hoy));
            if ny != iv[i] {
                iv[i] = ny;
                endret = true;
            }
        };
        for (t, deler) in like {
            let lav: u64 = deler.iter().map(|&d| iv[d].0).fold(0, u64::saturating_add);
            let hoy = sum_hoy(&iv, deler, None);
            sett(&mut iv, *t, lav, hoy);
            for &d in deler {
                let andre_lav = lav.saturating_sub(iv[d].0);
                let andre_hoy = sum_hoy(&iv, deler, Some(d));
                let dl = if andre_hoy >= UENDELIG { 0 } else { iv[*t].0.saturating_sub(andre_hoy) };
                let dh = if iv[*t].1 >= UENDELIG { UENDELIG } else { iv[*t].1.saturating_sub(andre_lav) };
                sett(&mut iv, d, dl, dh);
            }
        }
        for (t, deler) in hoeyst {
            let hoy = sum_hoy(&iv, deler, None);
            sett(&mut iv, *t, 0, hoy);
            for &d in deler {
                let andre = sum_hoy(&iv, deler, Some(d));
                let dl = if andre >= UENDELIG { 0 } else { iv[*t].0.saturating_sub(andre) };
                sett(&mut iv, d, dl, UENDELIG);
            }
        }
        if !endret {
            return iv;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_minus_its_shown_municipalities_pins_the_hidden_one() {
        // Naive suppression: only Tromsø's 2 hidden, every other cell shown.
        let mut sann = Aarstall::new();
        sann.entry(Noekkel::totalt()).or_default().insert("5501".to_owned(), 2);
        sann.entry(Noekkel::totalt()).or_default().insert("5503".to_owned(), 7);
        let naiv = |o: &Omraade, n: &Noekkel| {
            let skjult = matches!(o, Omraade::Kommune(k) if k == "5501") && *n == Noekkel::totalt();
            (!skjult).then(|| match (o, n == &Noekkel::totalt()) {
                (Omraade::Kommune(k), true) if k == "5503" => 7,
                (Omraade::Embete(_) | Omraade::Fylke(_), true) if !matches!(o, Omraade::Fylke(f) if f == "56") => 9,
                _ => 0,
            })
        };
        let funnet = angrip(&naiv, &sann, "troms-og-finnmark");
        assert!(funnet.contains(&(Omraade::Kommune("5501".into()), Noekkel::totalt(), 2)), "{funnet:?}");
    }
}
