//! The dashboard's figures as labelled tables, in bokmål or nynorsk: one layout for the page's
//! table views, the CSV and the XLSX export, so a downloaded file says exactly what the page
//! shows. A suppressed count stays `None` here; each output writes it its own way ("under 5",
//! `:` in files, SSB's sign).

use super::dashbord::{Omraadetall, Statistikk};
use super::filter::UNDER_BEHANDLING;
use super::prikking::Antall;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;

/// One cell of a published table.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdi {
    Tekst(String),
    /// A count; `None` is suppressed.
    Antall(Antall),
    /// A share 0–1, shown as a percentage; `None` when hidden or undefined.
    Andel(Option<f64>),
    /// A decimal figure (days, a rate); `None` when hidden or undefined.
    Tall(Option<f64>),
}

/// A titled table with column headings; the first column holds the row headings.
#[derive(Clone, Debug, PartialEq)]
pub struct Tabell {
    /// A stable identifier (`utfall`, `helsetilsynet`), for anchors and sheet names.
    pub id: &'static str,
    pub tittel: String,
    pub kolonner: Vec<String>,
    pub rader: Vec<Vec<Verdi>>,
}

/// The label of an outcome code, `under_behandling` included.
pub fn utfallsnavn(kode: &str, sprak: Sprak) -> String {
    if kode == UNDER_BEHANDLING {
        return sprak.velg("Under behandling", "Under behandling").to_owned();
    }
    Utfall::fra_kode(kode).map(|u| u.navn(sprak).to_owned()).unwrap_or_else(|| kode.to_owned())
}

/// The label of an office code.
pub fn kontornavn(kode: &str, sprak: Sprak) -> String {
    referanse::statsforvalter(kode).map(|s| s.navn(sprak).to_owned()).unwrap_or_else(|| kode.to_owned())
}

/// The filter written out for people: one (parameter label, value labels) line per choice.
pub fn filterlinjer(s: &Statistikk, sprak: Sprak) -> Vec<(String, String)> {
    let dato = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_else(|| "–".to_owned());
    let mut linjer = vec![
        (sprak.velg("Periode", "Periode").to_owned(), format!("{} – {}", dato(s.fra), dato(s.til))),
        (
            sprak.velg("Datogrunnlag", "Datogrunnlag").to_owned(),
            match s.grunnlag {
                super::filter::Grunnlag::Avgjort => sprak.velg("Avgjort (vedtaket sendt)", "Avgjort (vedtaket sendt)"),
                super::filter::Grunnlag::Mottatt => sprak.velg("Mottatt hos Statsforvalteren", "Motteke hos Statsforvaltaren"),
            }
            .to_owned(),
        ),
    ];
    let navn = |parameter: &str, verdi: &str| -> String {
        match parameter {
            "statsforvalter" => kontornavn(verdi, sprak),
            "fylke" => referanse::fylker().iter().find(|f| f.nummer == verdi).map(|f| f.navn.clone()).unwrap_or_default(),
            "kommune" => referanse::kommune(verdi).map(|k| k.visningsnavn()).unwrap_or_default(),
            "rettighet" => Rettighet::fra_kode(verdi).map(|r| r.navn(sprak).to_owned()).unwrap_or_default(),
            "kategori" => Kategori::fra_kode(verdi).map(|r| r.navn(sprak).to_owned()).unwrap_or_default(),
            "utfall" => utfallsnavn(verdi, sprak),
            "aldersgruppe" => Aldersgruppe::fra_kode(verdi).map(|r| r.navn(sprak).to_owned()).unwrap_or_default(),
            _ => verdi.to_owned(),
        }
    };
    for (parameter, etikett) in [
        ("statsforvalter", sprak.velg("Statsforvalter", "Statsforvaltar")),
        ("fylke", "Fylke"),
        ("kommune", "Kommune"),
        ("rettighet", sprak.velg("Rettighet", "Rett")),
        ("kategori", sprak.velg("Hva klagen gjelder", "Kva klaga gjeld")),
        ("utfall", "Utfall"),
        ("aldersgruppe", "Aldersgruppe"),
    ] {
        let verdier: Vec<String> = s.filter.iter().filter(|(n, _)| n == parameter).map(|(_, v)| navn(parameter, v)).collect();
        if !verdier.is_empty() {
            linjer.push((etikett.to_owned(), verdier.join(", ")));
        }
    }
    linjer
}

fn telling(tittel: &str, id: &'static str, kolonne: &str, rader: Vec<(String, Antall)>, sprak: Sprak) -> Tabell {
    Tabell {
        id,
        tittel: tittel.to_owned(),
        kolonner: vec![kolonne.to_owned(), sprak.velg("Antall", "Tal").to_owned()],
        rader: rader.into_iter().map(|(navn, n)| vec![Verdi::Tekst(navn), Verdi::Antall(n)]).collect(),
    }
}

fn omraader(id: &'static str, tittel: &str, kolonne: &str, liste: &[Omraadetall], sprak: Sprak) -> Tabell {
    Tabell {
        id,
        tittel: tittel.to_owned(),
        kolonner: vec![
            kolonne.to_owned(),
            sprak.velg("Antall", "Tal").to_owned(),
            sprak.velg("Innbyggere", "Innbyggjarar").to_owned(),
            sprak.velg("Per 100 000 innbyggere", "Per 100 000 innbyggjarar").to_owned(),
        ],
        rader: liste
            .iter()
            .map(|o| {
                vec![Verdi::Tekst(o.navn.clone()), Verdi::Antall(o.antall), Verdi::Antall(Some(o.innbyggere)), Verdi::Tall(o.per_100k)]
            })
            .collect(),
    }
}

/// Every table of the dashboard, in the page's order.
pub fn tabeller(s: &Statistikk, sprak: Sprak) -> Vec<Tabell> {
    let mut t = Vec::new();
    let mut hoved = vec![(sprak.velg("Klager totalt", "Klager totalt").to_owned(), s.totalt)];
    if let Some(d) = &s.delperiode {
        hoved.push((format!("{} {}/{}", sprak.velg("Fra", "Frå"), d.fra_aar, d.til_aar), d.antall));
    }
    hoved.push((
        sprak.velg("Statsforvaltere med saker (av 10)", "Statsforvaltarar med saker (av 10)").to_owned(),
        Some(s.statsforvaltere_med_saker),
    ));
    hoved.push((sprak.velg("Medhold hos kommunen", "Medhald hos kommunen").to_owned(), s.medhold_hos_kommunen));
    t.push(telling(sprak.velg("Nøkkeltall", "Nøkkeltal"), "nokkeltall", sprak.velg("Tall", "Tal"), hoved, sprak));
    t.push(telling("Utfall", "utfall", "Utfall", s.utfall.iter().map(|(k, v)| (utfallsnavn(k, sprak), *v)).collect(), sprak));
    t.push(telling(
        sprak.velg("Per år", "Per år"),
        "per-aar",
        sprak.velg("År", "År"),
        s.per_aar.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        sprak,
    ));
    t.push(telling(
        sprak.velg("Per måned", "Per månad"),
        "per-maaned",
        sprak.velg("Måned", "Månad"),
        s.per_maaned.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        sprak,
    ));
    t.push(telling(
        sprak.velg("Per statsforvalter", "Per statsforvaltar"),
        "per-statsforvalter",
        sprak.velg("Statsforvalter", "Statsforvaltar"),
        s.per_statsforvalter.iter().map(|(k, v)| (kontornavn(k, sprak), *v)).collect(),
        sprak,
    ));
    t.push(telling(
        sprak.velg("Hva klagene gjaldt", "Kva klagene gjaldt"),
        "per-kategori",
        sprak.velg("Hva klagen gjelder", "Kva klaga gjeld"),
        Kategori::ALLE.iter().map(|k| (k.navn(sprak).to_owned(), s.per_kategori.get(k.kode()).copied().flatten())).collect(),
        sprak,
    ));
    t.push(telling(
        sprak.velg("Rettigheter", "Rettar"),
        "per-rettighet",
        sprak.velg("Rettighet", "Rett"),
        Rettighet::ALLE.iter().map(|k| (k.navn(sprak).to_owned(), s.per_rettighet.get(k.kode()).copied().flatten())).collect(),
        sprak,
    ));
    t.push(telling(
        "Aldersgruppe",
        "per-aldersgruppe",
        "Aldersgruppe",
        Aldersgruppe::ALLE.iter().map(|k| (k.navn(sprak).to_owned(), s.per_aldersgruppe.get(k.kode()).copied().flatten())).collect(),
        sprak,
    ));

    // Helsetilsynet's table: per year the total and each outcome's count and share.
    let h = &s.helsetilsynet;
    let koder: Vec<String> = h.rader.first().and_then(|r| r.aar.first()).map(|a| a.utfall.keys().cloned().collect()).unwrap_or_default();
    let mut kolonner = vec![sprak.velg("Statsforvalter", "Statsforvaltar").to_owned()];
    for aar in &h.aar {
        kolonner.push(format!("{aar} {}", sprak.velg("totalt", "totalt")));
        for k in &koder {
            kolonner.push(format!("{aar} {}", utfallsnavn(k, sprak)));
            kolonner.push(format!("{aar} {} %", utfallsnavn(k, sprak)));
        }
    }
    t.push(Tabell {
        id: "helsetilsynet",
        tittel: sprak.velg("Klager per statsforvalter og år, med utfall", "Klager per statsforvaltar og år, med utfall").to_owned(),
        kolonner,
        rader: h
            .rader
            .iter()
            .map(|r| {
                let mut rad = vec![Verdi::Tekst(sprak.velg(r.navn.clone(), r.navn_nn.clone()))];
                for a in &r.aar {
                    rad.push(Verdi::Antall(a.totalt));
                    for k in &koder {
                        rad.push(Verdi::Antall(a.utfall.get(k).copied().flatten()));
                        rad.push(Verdi::Andel(a.andeler.get(k).copied().flatten()));
                    }
                }
                rad
            })
            .collect(),
    });

    // Processing time.
    let b = &s.behandlingstid;
    let rader: Vec<Vec<Verdi>> = b
        .per_statsforvalter
        .iter()
        .map(|(k, v)| (kontornavn(k, sprak), v))
        .chain(std::iter::once((sprak.velg("Hele landet", "Heile landet").to_owned(), &b.hele_landet)))
        .map(|(navn, v)| {
            vec![
                Verdi::Tekst(navn),
                Verdi::Antall(v.antall),
                Verdi::Tall(v.median_dager.map(|d| d as f64)),
                Verdi::Tall(v.p90_dager.map(|d| d as f64)),
                Verdi::Andel(v.andel_innen_tre_maaneder),
            ]
        })
        .collect();
    t.push(Tabell {
        id: "behandlingstid",
        tittel: sprak.velg("Saksbehandlingstid hos Statsforvalteren", "Sakshandsamingstid hos Statsforvaltaren").to_owned(),
        kolonner: vec![
            sprak.velg("Statsforvalter", "Statsforvaltar").to_owned(),
            sprak.velg("Avgjorte saker", "Avgjorde saker").to_owned(),
            sprak.velg("Median (dager)", "Median (dagar)").to_owned(),
            sprak.velg("90-persentil (dager)", "90-persentil (dagar)").to_owned(),
            sprak.velg("Andel innen 3 måneder (mål 90 %)", "Del innan 3 månader (mål 90 %)").to_owned(),
        ],
        rader,
    });

    t.push(omraader(
        "per-embete-omraade",
        sprak.velg("Klager per 100 000 innbyggere, per statsforvalterområde", "Klager per 100 000 innbyggjarar, per statsforvaltarområde"),
        sprak.velg("Statsforvalter", "Statsforvaltar"),
        &s.per_embete_omraade.iter().map(|o| Omraadetall { navn: kontornavn(&o.kode, sprak), ..o.clone() }).collect::<Vec<_>>(),
        sprak,
    ));
    t.push(omraader("per-fylke", sprak.velg("Klager per fylke", "Klager per fylke"), "Fylke", &s.per_fylke, sprak));
    if !s.per_kommune.is_empty() {
        t.push(omraader("per-kommune", sprak.velg("Klager per kommune", "Klager per kommune"), "Kommune", &s.per_kommune, sprak));
    }
    t
}
