//! The statistics' working set: every complaint as a compact row in memory, sorted by each date
//! basis, with counts per calendar month and running totals at every month boundary, from which
//! [`Utsnitt::grunnlagstall`] computes the dashboard's aggregates for any filter in
//! milliseconds, at any size of the register.
//!
//! Why in memory: every figure is a sum over the complaints of a period. A database, even with
//! covering indexes, reads every row of the period for every query, so the time grows with the
//! register (GROUP BY queries on covering indexes took seconds per page at 100,000 on SQLite).
//! Here a period is a binary search in date-sorted rows. Without a filter, the whole calendar
//! months of the period are the difference of two running totals (plus the month-by-office
//! counts the tables show), and only the days at the period's two edges are scanned, so the
//! national overview costs nearly the same at 10,000 and at 1,000,000 complaints. A filtered
//! view scans the compact rows of its period, a few nanoseconds each; a filter on a small area
//! (a county, a municipality) reads only the rows of its municipalities.
//!
//! The rows are a cache of the `klage` table, which `db::statistikk` keeps current (every change
//! to a complaint bumps a generation counter in its own transaction). This module is pure and
//! counts exactly what [`dashbord::tell`](super::dashbord::tell) counts over
//! [`Statistikksak`]s; the property test below and the integration tests hold it to that.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};

use super::behandlingstid::Dagtall;
use super::dashbord::{innen_maal, Grunnlagstall, Maanedstall, Statistikksak, HOS_STATSFORVALTEREN};
use super::familie::{aarsperiode, Aarstall, Noekkel, Tabellfamilie};
use super::filter::{Grunnlag, Statistikkfilter, UNDER_BEHANDLING};
use super::styring::{restansestart, Aapne, Flyt, Styringsomfang};
use super::Periode;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;

/// A missing date.
const INGEN_DATO: i32 = i32::MIN;
/// A municipality not in the reference data: such a case counts nowhere, as in `tell`.
const UKJENT_KOMMUNE: u16 = u16::MAX;
/// No outcome (an open case).
const INTET_UTFALL: u8 = u8::MAX;
/// The index of `under_behandling`, after the five outcomes.
const UNDER: usize = Utfall::ALLE.len();
/// Outcome codes a figure splits into: the five outcomes and `under_behandling`.
const N_UTFALL: usize = UNDER + 1;

/// Where a case stands, as far as the statistics care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tilstand {
    Avgjort,
    /// At the governor, not decided (one of [`HOS_STATSFORVALTEREN`] but `avgjort`).
    AapenHosStatsforvalteren,
    MedholdHosKommunen,
    Annen,
}

/// One complaint, compact: dates as day numbers, codes as indexes and bit sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rad {
    id: i64,
    mottatt: i32,
    avgjort: i32,
    avsluttet_kommune: i32,
    kommune: u16,
    statsforvalter: u8,
    tilstand: Tilstand,
    utfall: u8,
    alder: u8,
    rettigheter: u8,
    kategorier: u8,
    innen_maal: bool,
}

fn dagnummer(d: Option<NaiveDate>) -> i32 {
    d.map_or(INGEN_DATO, |d| d.num_days_from_ce())
}

fn fra_dagnummer(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

/// A month as `aar * 12 + (maaned - 1)`.
fn maaned_av(dag: i32) -> i32 {
    let d = fra_dagnummer(dag);
    d.year() * 12 + d.month0() as i32
}

fn maanedsstart(m: i32) -> i32 {
    NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).map_or(INGEN_DATO, |d| d.num_days_from_ce())
}

fn maanedstekst(m: i32) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

/// The bit set of codes among `alle`.
fn bitsett<T: PartialEq>(alle: &[T], valgt: &[T]) -> u8 {
    alle.iter().enumerate().filter(|(_, x)| valgt.contains(x)).fold(0, |s, (i, _)| s | (1 << i))
}

fn kommuneindeks(nummer: &str) -> u16 {
    static INDEKS: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    let indeks = INDEKS.get_or_init(|| referanse::kommuner().iter().enumerate().map(|(i, k)| (k.nummer.as_str(), i as u16)).collect());
    indeks.get(nummer).copied().unwrap_or(UKJENT_KOMMUNE)
}

/// The office codes of the rows: the reference offices first, then any other code met.
#[derive(Clone, Debug)]
struct Embeter(Vec<String>);

impl Embeter {
    fn ny() -> Embeter {
        Embeter(referanse::statsforvaltere().iter().map(|s| s.kode.clone()).collect())
    }

    fn indeks(&mut self, kode: &str) -> u8 {
        let i = self.0.iter().position(|k| k == kode).unwrap_or_else(|| {
            self.0.push(kode.to_owned());
            self.0.len() - 1
        });
        u8::try_from(i).unwrap_or(u8::MAX)
    }
}

impl Rad {
    fn ny(id: i64, sak: &Statistikksak, embeter: &mut Embeter) -> Rad {
        let tilstand = match sak.status.as_str() {
            "avgjort" => Tilstand::Avgjort,
            "medhold_hos_kommunen" => Tilstand::MedholdHosKommunen,
            s if HOS_STATSFORVALTEREN.contains(&s) => Tilstand::AapenHosStatsforvalteren,
            _ => Tilstand::Annen,
        };
        let innen = matches!((sak.mottatt_statsforvalter, sak.avgjort), (Some(m), Some(a)) if innen_maal(m, a));
        Rad {
            id,
            mottatt: dagnummer(sak.mottatt_statsforvalter),
            avgjort: dagnummer(sak.avgjort),
            avsluttet_kommune: dagnummer(sak.avsluttet_kommune),
            kommune: kommuneindeks(&sak.kommune),
            statsforvalter: embeter.indeks(&sak.statsforvalter),
            tilstand,
            utfall: sak.utfall.and_then(|u| Utfall::ALLE.iter().position(|x| *x == u)).map_or(INTET_UTFALL, |i| i as u8),
            alder: Aldersgruppe::ALLE.iter().position(|a| *a == sak.aldersgruppe).unwrap_or(0) as u8,
            rettigheter: bitsett(Rettighet::ALLE, &sak.rettigheter),
            kategorier: bitsett(Kategori::ALLE, &sak.kategorier),
            innen_maal: innen,
        }
    }

    /// The day that places the case in a period under `grunnlag`.
    fn dato(&self, grunnlag: Grunnlag) -> i32 {
        match grunnlag {
            Grunnlag::Avgjort => self.avgjort,
            Grunnlag::Mottatt => self.mottatt,
        }
    }

    /// The outcome index the case counts with under `grunnlag` (as `Statistikkfilter::teller`).
    fn utfall_under(&self, grunnlag: Grunnlag) -> usize {
        match (grunnlag, self.tilstand) {
            (_, Tilstand::Avgjort) if self.utfall != INTET_UTFALL => usize::from(self.utfall),
            _ => UNDER,
        }
    }

    /// Whether the case counts at all under `grunnlag`, before any filter.
    fn teller_under(&self, grunnlag: Grunnlag) -> bool {
        match grunnlag {
            Grunnlag::Avgjort => self.tilstand == Tilstand::Avgjort && self.avgjort != INGEN_DATO && self.utfall != INTET_UTFALL,
            Grunnlag::Mottatt => {
                matches!(self.tilstand, Tilstand::Avgjort | Tilstand::AapenHosStatsforvalteren) && self.mottatt != INGEN_DATO
            }
        }
    }

    fn har_behandlingstid(&self) -> bool {
        self.tilstand == Tilstand::Avgjort && self.mottatt != INGEN_DATO && self.avgjort != INGEN_DATO
    }

    /// The processing time in days, if the case has one within `0..=TETT_DAGER`.
    fn tette_dager(&self) -> Option<usize> {
        let dager = self.har_behandlingstid().then(|| self.avgjort - self.mottatt)?;
        (0..=TETT_DAGER).contains(&dager).then_some(dager as usize)
    }
}

/// A filter compiled to indexes and bit sets. A zero bit set means "no choice".
struct Maske {
    kommuner: Option<Vec<bool>>,
    rettigheter: u8,
    kategorier: u8,
    alder: u8,
    /// `None`: no outcome choice; otherwise the chosen outcome indexes as bits.
    utfall: Option<u8>,
}

impl Maske {
    fn ny(f: &Statistikkfilter) -> Maske {
        let omraade = !(f.statsforvalter.is_empty() && f.fylke.is_empty() && f.kommune.is_empty());
        let utfallskoder: Vec<&str> = Utfall::ALLE.iter().map(|u| u.kode()).chain([UNDER_BEHANDLING]).collect();
        Maske {
            kommuner: omraade.then(|| referanse::kommuner().iter().map(|k| f.omfatter_kommune(k)).collect()),
            rettigheter: bitsett(Rettighet::ALLE, &f.rettighet),
            kategorier: bitsett(Kategori::ALLE, &f.kategori),
            alder: bitsett(Aldersgruppe::ALLE, &f.aldersgruppe),
            utfall: (!f.utfall.is_empty()).then(|| {
                utfallskoder.iter().enumerate().filter(|(_, k)| f.utfall.iter().any(|u| u == *k)).fold(0, |s, (i, _)| s | (1 << i))
            }),
        }
    }

    /// Whether the filter chooses nothing beyond the period and the date basis.
    fn er_tom(&self) -> bool {
        self.kommuner.is_none() && self.rettigheter == 0 && self.kategorier == 0 && self.alder == 0 && self.utfall.is_none()
    }

    /// The area, right, category and age choices (as `Statistikkfilter::treffer_egenskaper`).
    fn treffer_egenskaper(&self, r: &Rad) -> bool {
        r.kommune != UKJENT_KOMMUNE
            && self.kommuner.as_ref().is_none_or(|k| k[usize::from(r.kommune)])
            && (self.rettigheter == 0 || r.rettigheter & self.rettigheter != 0)
            && (self.kategorier == 0 || r.kategorier & self.kategorier != 0)
            && (self.alder == 0 || (1u8 << r.alder) & self.alder != 0)
    }

    fn treffer(&self, r: &Rad, utfall: usize) -> bool {
        self.treffer_egenskaper(r) && self.utfall.is_none_or(|u| (1u8 << utfall) & u != 0)
    }
}

/// Counts per office and days of processing time: `[antall, innen_maal]` by days.
#[derive(Clone, Debug, Default)]
struct Dagtelling {
    per_embete: Vec<Vec<[u64; 2]>>,
    /// Negative day counts (a decision dated before the receipt): never in real data.
    negative: BTreeMap<(u8, i32), [u64; 2]>,
}

impl Dagtelling {
    fn legg_til(&mut self, embete: u8, dager: i32, antall: u64, innen: u64) {
        if dager < 0 {
            let c = self.negative.entry((embete, dager)).or_default();
            c[0] += antall;
            c[1] += innen;
            return;
        }
        let e = usize::from(embete);
        if self.per_embete.len() <= e {
            self.per_embete.resize_with(e + 1, Vec::new);
        }
        let h = &mut self.per_embete[e];
        let d = dager as usize;
        if h.len() <= d {
            h.resize(d + 1, [0, 0]);
        }
        h[d][0] += antall;
        h[d][1] += innen;
    }

    /// Every non-zero count as `(embete, dager, antall, innen)`.
    fn celler(&self) -> impl Iterator<Item = (u8, i32, u64, u64)> + '_ {
        let negative = self.negative.iter().map(|((e, d), c)| (*e, *d, c[0], c[1]));
        let positive = self
            .per_embete
            .iter()
            .enumerate()
            .flat_map(|(e, h)| h.iter().enumerate().filter(|(_, c)| c[0] > 0).map(move |(d, c)| (e as u8, d as i32, c[0], c[1])));
        negative.chain(positive)
    }
}

/// The longest processing time, in days, that the running totals keep day by day. A case that
/// took longer, or whose decision is dated before its receipt, is counted from
/// [`Grunnlagsrader::lange`] instead; real cases that take two years are very few.
const TETT_DAGER: i32 = 730;

/// Running totals under one date basis over every case with a known municipality (what an
/// empty filter counts) from the basis' first month up to a month boundary. The totals of a run
/// of whole months are the difference of two of these, whatever the size of the register.
#[derive(Clone, Debug)]
struct Loepende {
    egenskaper: Egenskapstall,
    /// `[embete * bredde + dager]` as `[antall, innen_maal]`, for processing times in
    /// `0..bredde` (at most [`TETT_DAGER`] + 1 wide).
    dager: Vec<[u64; 2]>,
}

impl Loepende {
    fn ny(embeter: usize, bredde: usize) -> Loepende {
        Loepende { egenskaper: Egenskapstall::ny(), dager: vec![[0, 0]; embeter * bredde] }
    }

    fn legg_til(&mut self, r: &Rad, bredde: usize) {
        self.egenskaper.legg_til(r);
        if let Some(d) = r.tette_dager() {
            let celle = &mut self.dager[usize::from(r.statsforvalter) * bredde + d];
            celle[0] += 1;
            celle[1] += u64::from(r.innen_maal);
        }
    }
}

/// Cases per municipality, category, right and age group: what a query and a running total
/// both count.
#[derive(Clone, Debug)]
struct Egenskapstall {
    per_kommune: Vec<u64>,
    kategorier: [u64; 8],
    rettigheter: [u64; 8],
    alder: [u64; 8],
}

impl Egenskapstall {
    fn ny() -> Egenskapstall {
        Egenskapstall { per_kommune: vec![0; referanse::kommuner().len()], kategorier: [0; 8], rettigheter: [0; 8], alder: [0; 8] }
    }

    fn legg_til(&mut self, r: &Rad) {
        self.per_kommune[usize::from(r.kommune)] += 1;
        for (bits, tall) in [(r.kategorier, &mut self.kategorier), (r.rettigheter, &mut self.rettigheter), (1 << r.alder, &mut self.alder)]
        {
            let mut b = bits;
            while b != 0 {
                tall[b.trailing_zeros() as usize] += 1;
                b &= b - 1;
            }
        }
    }

    /// Adds `etter - foer`: the cases counted between two running totals.
    fn legg_til_differanse(&mut self, etter: &Egenskapstall, foer: &Egenskapstall) {
        for ((a, hoy), lav) in self.per_kommune.iter_mut().zip(&etter.per_kommune).zip(&foer.per_kommune) {
            *a += hoy - lav;
        }
        for (mine, hoy, lav) in [
            (&mut self.kategorier, &etter.kategorier, &foer.kategorier),
            (&mut self.rettigheter, &etter.rettigheter, &foer.rettigheter),
            (&mut self.alder, &etter.alder, &foer.alder),
        ] {
            for i in 0..8 {
                mine[i] += hoy[i] - lav[i];
            }
        }
    }
}

/// The aggregates of one query under construction, dense: indexes, not keys.
struct Akkumulator {
    grunnlag: Grunnlag,
    forste_maaned: i32,
    embeter: usize,
    /// `[((maaned - forste_maaned) * embeter + embete) * N_UTFALL + utfall]`.
    per_maaned: Vec<u64>,
    egenskaper: Egenskapstall,
    dager: Dagtelling,
    medhold: u64,
}

impl Akkumulator {
    fn ny(grunnlag: Grunnlag, forste_maaned: i32, siste_maaned: i32, embeter: usize) -> Akkumulator {
        let maaneder = usize::try_from(siste_maaned - forste_maaned + 1).unwrap_or(0);
        Akkumulator {
            grunnlag,
            forste_maaned,
            embeter,
            per_maaned: vec![0; maaneder * embeter * N_UTFALL],
            egenskaper: Egenskapstall::ny(),
            dager: Dagtelling::default(),
            medhold: 0,
        }
    }

    fn legg_til(&mut self, r: &Rad, maaned: i32, utfall: usize) {
        let m = (maaned - self.forste_maaned) as usize;
        self.per_maaned[(m * self.embeter + usize::from(r.statsforvalter)) * N_UTFALL + utfall] += 1;
        self.egenskaper.legg_til(r);
        if r.har_behandlingstid() {
            self.dager.legg_til(r.statsforvalter, r.avgjort - r.mottatt, 1, u64::from(r.innen_maal));
        }
    }

    /// Counts the rows (sorted by the basis date) that the mask lets through.
    fn skann<'r>(&mut self, rader: impl IntoIterator<Item = &'r Rad>, maske: &Maske) {
        let mut maaned = i32::MIN;
        let mut neste = i32::MIN;
        for r in rader {
            let dag = r.dato(self.grunnlag);
            if dag >= neste {
                maaned = maaned_av(dag);
                neste = maanedsstart(maaned + 1);
            }
            let u = r.utfall_under(self.grunnlag);
            if maske.treffer(r, u) {
                self.legg_til(r, maaned, u);
            }
        }
    }

    /// Adds whole months `fra..til` (month indexes of `basis`) from its month counts, the
    /// difference of its running totals, and its long processing times of those months.
    fn legg_til_hele_maaneder(&mut self, basis: &Grunnlagsrader, fra: usize, til: usize) {
        let bredde = self.embeter * N_UTFALL;
        let forskyvning = (basis.forste_maaned + fra as i32 - self.forste_maaned) as usize * bredde;
        for (a, b) in self.per_maaned[forskyvning..].iter_mut().zip(&basis.per_maaned[fra * bredde..til * bredde]) {
            *a += b;
        }
        let (foer, etter) = (&basis.loepende[fra], &basis.loepende[til]);
        self.egenskaper.legg_til_differanse(&etter.egenskaper, &foer.egenskaper);
        for (i, (hoy, lav)) in etter.dager.iter().zip(&foer.dager).enumerate() {
            if hoy[0] > lav[0] {
                let (embete, dager) = (i / basis.bredde, i % basis.bredde);
                self.dager.legg_til(embete as u8, dager as i32, hoy[0] - lav[0], hoy[1] - lav[1]);
            }
        }
        let maaned = |i: usize| maanedsstart(basis.forste_maaned + i as i32);
        for r in mellom(&basis.lange, |r| r.dato(self.grunnlag), maaned(fra), maaned(til) - 1) {
            self.dager.legg_til(r.statsforvalter, r.avgjort - r.mottatt, 1, u64::from(r.innen_maal));
        }
    }

    fn til_grunnlagstall(self, embeter: &Embeter) -> Grunnlagstall {
        let utfallskoder: Vec<&str> = Utfall::ALLE.iter().map(|u| u.kode()).chain([UNDER_BEHANDLING]).collect();
        let mut per_maaned = Vec::new();
        for (i, &n) in self.per_maaned.iter().enumerate().filter(|(_, n)| **n > 0) {
            let (rest, utfall) = (i / N_UTFALL, i % N_UTFALL);
            let (m, embete) = (rest / self.embeter, rest % self.embeter);
            per_maaned.push(Maanedstall {
                statsforvalter: embeter.0[embete].clone(),
                maaned: maanedstekst(self.forste_maaned + m as i32),
                utfall: utfallskoder[utfall].to_owned(),
                antall: n,
            });
        }
        let kommuner = referanse::kommuner();
        let koder = |alle: Vec<&'static str>, tall: &[u64; 8]| -> BTreeMap<String, u64> {
            alle.into_iter().zip(tall).filter(|(_, n)| **n > 0).map(|(k, n)| (k.to_owned(), *n)).collect()
        };
        let mut behandlingstid: BTreeMap<String, Vec<Dagtall>> = BTreeMap::new();
        for (e, dager, antall, innen) in self.dager.celler() {
            behandlingstid.entry(embeter.0[usize::from(e)].clone()).or_default().push(Dagtall {
                dager: i64::from(dager),
                antall,
                innen_maal: innen,
            });
        }
        Grunnlagstall {
            per_maaned,
            per_kommune: self
                .egenskaper
                .per_kommune
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| (kommuner[k].nummer.clone(), *n))
                .collect(),
            per_kategori: koder(Kategori::ALLE.iter().map(|k| k.kode()).collect(), &self.egenskaper.kategorier),
            per_rettighet: koder(Rettighet::ALLE.iter().map(|r| r.kode()).collect(), &self.egenskaper.rettigheter),
            per_aldersgruppe: koder(Aldersgruppe::ALLE.iter().map(|a| a.kode()).collect(), &self.egenskaper.alder),
            behandlingstid,
            medhold_hos_kommunen: self.medhold,
        }
        .normaliser()
    }
}

/// The rows of one date basis, sorted by that date, with their counts per calendar month and
/// running totals at every month boundary.
#[derive(Clone, Debug, Default)]
struct Grunnlagsrader {
    rader: Vec<Rad>,
    /// The month of the first row; month index `i` below is `forste_maaned + i`.
    forste_maaned: i32,
    /// Per month index, a block of `[embete * N_UTFALL + utfall]`.
    per_maaned: Vec<u64>,
    /// `loepende[i]`: the totals of month indexes `0..i`, for `i` in `0..=months`.
    loepende: Vec<Loepende>,
    /// The width of the day histograms in `loepende`: the longest processing time kept, plus 1.
    bredde: usize,
    /// The cases with a processing time outside `0..bredde`, by date.
    lange: Vec<Rad>,
    /// Indexes into `rader` of the cases with a known municipality, grouped by municipality and
    /// by date within each: municipality `k`'s are `etter_kommune[kommunestart[k]..kommunestart[k + 1]]`.
    /// A filter on a small area reads only the rows of its municipalities.
    etter_kommune: Vec<u32>,
    kommunestart: Vec<usize>,
}

impl Grunnlagsrader {
    fn ny(alle: &[Rad], grunnlag: Grunnlag, embeter: usize) -> Grunnlagsrader {
        let mut rader: Vec<Rad> = alle.iter().filter(|r| r.teller_under(grunnlag)).copied().collect();
        rader.sort_by_key(|r| r.dato(grunnlag));
        let kjente = || rader.iter().filter(|r| r.kommune != UKJENT_KOMMUNE);
        let bredde = kjente().filter_map(Rad::tette_dager).max().map_or(0, |d| d + 1);
        let lange = kjente().filter(|r| r.har_behandlingstid() && r.tette_dager().is_none()).copied().collect();
        let (etter_kommune, kommunestart) = grupper_etter_kommune(&rader);
        let (Some(foerste), Some(siste)) = (rader.first(), rader.last()) else {
            return Grunnlagsrader { rader, bredde, lange, etter_kommune, kommunestart, ..Default::default() };
        };
        let forste_maaned = maaned_av(foerste.dato(grunnlag));
        let maaneder = (maaned_av(siste.dato(grunnlag)) - forste_maaned + 1) as usize;
        let blokk = embeter * N_UTFALL;
        let mut per_maaned = vec![0; maaneder * blokk];
        let mut naa = Loepende::ny(embeter, bredde);
        let mut loepende = Vec::with_capacity(maaneder + 1);
        let mut rest = rader.as_slice();
        for i in 0..maaneder {
            loepende.push(naa.clone());
            let slutt = maanedsstart(forste_maaned + i as i32 + 1);
            let n = rest.partition_point(|r| r.dato(grunnlag) < slutt);
            for r in rest[..n].iter().filter(|r| r.kommune != UKJENT_KOMMUNE) {
                per_maaned[i * blokk + usize::from(r.statsforvalter) * N_UTFALL + r.utfall_under(grunnlag)] += 1;
                naa.legg_til(r, bredde);
            }
            rest = &rest[n..];
        }
        loepende.push(naa);
        Grunnlagsrader { rader, forste_maaned, per_maaned, loepende, bredde, lange, etter_kommune, kommunestart }
    }

    /// Whether the chosen municipalities have so few of the rows that reading theirs one by one,
    /// scattered in memory, beats scanning every row in order. In the benchmark, reading Oslo's or
    /// Vestland's rows (an eighth of all) that way was slower than the scan; a small municipality
    /// (`filter_kommune_liten`) is read from its own rows.
    fn faa_rader_i(&self, kommuner: &[bool]) -> bool {
        let valgte: usize =
            kommuner.iter().enumerate().filter(|(_, valgt)| **valgt).map(|(k, _)| self.kommunestart[k + 1] - self.kommunestart[k]).sum();
        valgte * 16 <= self.etter_kommune.len()
    }

    /// The rows of municipality `k` whose date lies in `[fra, til]`, by date.
    fn i_kommunen(&self, grunnlag: Grunnlag, k: usize, fra: i32, til: i32) -> impl Iterator<Item = &Rad> {
        let alle = &self.etter_kommune[self.kommunestart[k]..self.kommunestart[k + 1]];
        let a = alle.partition_point(|&i| self.rader[i as usize].dato(grunnlag) < fra);
        let b = alle.partition_point(|&i| self.rader[i as usize].dato(grunnlag) <= til).max(a);
        alle[a..b].iter().map(|&i| &self.rader[i as usize])
    }

    /// The rows whose date lies in `[fra, til]` (day numbers, both inclusive).
    fn mellom(&self, grunnlag: Grunnlag, fra: i32, til: i32) -> &[Rad] {
        mellom(&self.rader, |r| r.dato(grunnlag), fra, til)
    }
}

/// The indexes of `rader` with a known municipality, grouped by municipality (a counting sort,
/// so each group keeps the rows' order), and where each municipality's group starts.
fn grupper_etter_kommune(rader: &[Rad]) -> (Vec<u32>, Vec<usize>) {
    let mut start = vec![0; referanse::kommuner().len() + 1];
    for r in rader.iter().filter(|r| r.kommune != UKJENT_KOMMUNE) {
        start[usize::from(r.kommune) + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut neste = start.clone();
    let mut indekser = vec![0; start[start.len() - 1]];
    for (i, r) in rader.iter().enumerate().filter(|(_, r)| r.kommune != UKJENT_KOMMUNE) {
        let k = usize::from(r.kommune);
        indekser[neste[k]] = i as u32;
        neste[k] += 1;
    }
    (indekser, start)
}

/// The rows of `rader` (sorted by `dato`) whose date lies in `[fra, til]`, both inclusive.
fn mellom(rader: &[Rad], dato: impl Fn(&Rad) -> i32, fra: i32, til: i32) -> &[Rad] {
    let a = rader.partition_point(|r| dato(r) < fra);
    let b = rader.partition_point(|r| dato(r) <= til);
    &rader[a..b.max(a)]
}

/// The protected table family of each year asked for, one cell per year filled once.
type Familiebuffer = Arc<Mutex<BTreeMap<i32, Arc<OnceLock<Arc<Tabellfamilie>>>>>>;

/// A consistent view of every complaint, from which all the statistics are computed.
#[derive(Clone, Debug)]
pub struct Utsnitt {
    /// Every complaint, by id.
    rader: Vec<Rad>,
    embeter: Embeter,
    avgjort: Grunnlagsrader,
    mottatt: Grunnlagsrader,
    /// Medhold hos kommunen, by the day the municipality ended the case.
    medhold: Vec<Rad>,
    /// `medhold_kjente[i]`: how many of `medhold[..i]` have a known municipality.
    medhold_kjente: Vec<u64>,
    /// The public table family of each year asked for, protected once per view: a new view
    /// (after any change) starts with none.
    familier: Familiebuffer,
}

impl Default for Utsnitt {
    fn default() -> Utsnitt {
        Utsnitt::ny(Vec::new())
    }
}

impl Utsnitt {
    /// The view of these complaints (id and case).
    pub fn ny(saker: impl IntoIterator<Item = (i64, Statistikksak)>) -> Utsnitt {
        let mut embeter = Embeter::ny();
        let mut rader: Vec<Rad> = saker.into_iter().map(|(id, s)| Rad::ny(id, &s, &mut embeter)).collect();
        rader.sort_by_key(|r| r.id);
        rader.dedup_by_key(|r| r.id);
        Utsnitt::bygg(rader, embeter)
    }

    fn bygg(rader: Vec<Rad>, embeter: Embeter) -> Utsnitt {
        let n = embeter.0.len();
        let avgjort = Grunnlagsrader::ny(&rader, Grunnlag::Avgjort, n);
        let mottatt = Grunnlagsrader::ny(&rader, Grunnlag::Mottatt, n);
        let mut medhold: Vec<Rad> =
            rader.iter().filter(|r| r.tilstand == Tilstand::MedholdHosKommunen && r.avsluttet_kommune != INGEN_DATO).copied().collect();
        medhold.sort_by_key(|r| r.avsluttet_kommune);
        let medhold_kjente = std::iter::once(0)
            .chain(medhold.iter().scan(0, |n, r| {
                *n += u64::from(r.kommune != UKJENT_KOMMUNE);
                Some(*n)
            }))
            .collect();
        Utsnitt { rader, embeter, avgjort, mottatt, medhold, medhold_kjente, familier: Arc::default() }
    }

    /// How many complaints the view holds.
    pub fn antall(&self) -> usize {
        self.rader.len()
    }

    /// A new view with these complaints added or replaced (by id).
    pub fn med_endringer(&self, endrede: impl IntoIterator<Item = (i64, Statistikksak)>) -> Utsnitt {
        let mut embeter = self.embeter.clone();
        let mut rader = self.rader.clone();
        let mut usortert = false;
        for (id, sak) in endrede {
            let ny = Rad::ny(id, &sak, &mut embeter);
            match rader.binary_search_by_key(&id, |r| r.id) {
                Ok(i) => rader[i] = ny,
                Err(i) if i == rader.len() => rader.push(ny),
                Err(_) => {
                    rader.push(ny);
                    usortert = true;
                }
            }
        }
        if usortert {
            rader.sort_by_key(|r| r.id);
            rader.dedup_by_key(|r| r.id);
        }
        Utsnitt::bygg(rader, embeter)
    }

    /// The aggregates of `filter` over `periode` (its own period or another), exactly as
    /// `dashbord::tell` counts them.
    pub fn grunnlagstall(&self, filter: &Statistikkfilter, periode: &Periode) -> Grunnlagstall {
        let grunnlag = filter.grunnlag;
        let maske = Maske::ny(filter);
        let fra = periode.fra.map_or(i32::MIN + 1, |d| d.num_days_from_ce());
        let til = periode.til.map_or(i32::MAX, |d| d.num_days_from_ce());
        let basis = match grunnlag {
            Grunnlag::Avgjort => &self.avgjort,
            Grunnlag::Mottatt => &self.mottatt,
        };
        let utvalg = basis.mellom(grunnlag, fra, til);
        let mut a = match (utvalg.first(), utvalg.last()) {
            (Some(f), Some(l)) => Akkumulator::ny(grunnlag, maaned_av(f.dato(grunnlag)), maaned_av(l.dato(grunnlag)), self.embeter.0.len()),
            _ => Akkumulator::ny(grunnlag, 0, -1, self.embeter.0.len()),
        };
        if maske.er_tom() && !utvalg.is_empty() {
            // Whole months from their sums, the days at the edges row by row.
            let (m0, m1) = (a.forste_maaned, maaned_av(utvalg[utvalg.len() - 1].dato(grunnlag)));
            let foerste_hele = if maanedsstart(m0) >= fra { m0 } else { m0 + 1 };
            let siste_hele = if maanedsstart(m1 + 1) - 1 <= til { m1 } else { m1 - 1 };
            if foerste_hele <= siste_hele {
                let (start, slutt) = (maanedsstart(foerste_hele), maanedsstart(siste_hele + 1));
                let foer = utvalg.partition_point(|r| r.dato(grunnlag) < start);
                let etter = utvalg.partition_point(|r| r.dato(grunnlag) < slutt);
                a.skann(&utvalg[..foer], &maske);
                a.skann(&utvalg[etter..], &maske);
                let fra_indeks = (foerste_hele - basis.forste_maaned) as usize;
                a.legg_til_hele_maaneder(basis, fra_indeks, fra_indeks + (siste_hele - foerste_hele + 1) as usize);
            } else {
                a.skann(utvalg, &maske);
            }
        } else if let Some(kommuner) = maske.kommuner.as_ref().filter(|k| !utvalg.is_empty() && basis.faa_rader_i(k)) {
            for k in kommuner.iter().enumerate().filter(|(_, valgt)| **valgt).map(|(k, _)| k) {
                a.skann(basis.i_kommunen(grunnlag, k, fra, til), &maske);
            }
        } else {
            a.skann(utvalg, &maske);
        }
        if maske.utfall.is_none() {
            let b = self.medhold.partition_point(|r| r.avsluttet_kommune < fra);
            let e = self.medhold.partition_point(|r| r.avsluttet_kommune <= til).max(b);
            a.medhold = if maske.er_tom() {
                self.medhold_kjente[e] - self.medhold_kjente[b]
            } else {
                self.medhold[b..e].iter().filter(|r| maske.treffer_egenskaper(r)).count() as u64
            };
        }
        a.til_grunnlagstall(&self.embeter)
    }

    /// The public table family of a calendar year ([`super::familie`]), counted from this view
    /// and protected on first use.
    pub fn tabellfamilie(&self, aar: i32) -> Arc<Tabellfamilie> {
        // One cell per year, filled once: requests for a year that is being protected wait for
        // that work instead of repeating it.
        let celle = self.familier.lock().unwrap_or_else(|e| e.into_inner()).entry(aar).or_default().clone();
        celle
            .get_or_init(|| {
                let periode = aarsperiode(aar);
                let tall: Aarstall = Noekkel::alle()
                    .into_iter()
                    .map(|n| {
                        let g = self.grunnlagstall(&n.filter(periode), &periode);
                        (n, g.per_kommune)
                    })
                    .collect();
                Arc::new(Tabellfamilie::beskytt(&tall))
            })
            .clone()
    }

    /// The open cases at the governor, and the flow of cases since the backlog's first month,
    /// for the management figures of `omfang` (which the caller has checked the user may see).
    pub fn styringsgrunnlag(&self, omfang: &Styringsomfang, idag: NaiveDate) -> (Vec<Aapne>, Vec<Flyt>) {
        let start = restansestart(idag).num_days_from_ce();
        let i_omfang = |r: &Rad| match omfang {
            Styringsomfang::Alle => true,
            Styringsomfang::Embete(kode) => self.embeter.0[usize::from(r.statsforvalter)] == *kode,
        };
        let mut aapne: BTreeMap<(u8, i32), u64> = BTreeMap::new();
        let mut flyt: BTreeMap<(i32, Option<i32>), u64> = BTreeMap::new();
        for r in self.mottatt.rader.iter().filter(|r| i_omfang(r)) {
            if r.tilstand == Tilstand::AapenHosStatsforvalteren {
                *aapne.entry((r.statsforvalter, r.mottatt)).or_default() += 1;
            }
            if r.avgjort == INGEN_DATO || r.avgjort >= start {
                let avgjort = (r.avgjort != INGEN_DATO).then(|| maaned_av(r.avgjort));
                *flyt.entry((maaned_av(r.mottatt), avgjort)).or_default() += 1;
            }
        }
        let aapne = aapne
            .into_iter()
            .map(|((e, dag), antall)| Aapne { statsforvalter: self.embeter.0[usize::from(e)].clone(), mottatt: fra_dagnummer(dag), antall })
            .collect();
        let flyt =
            flyt.into_iter().map(|((m, a), antall)| Flyt { mottatt: maanedstekst(m), avgjort: a.map(maanedstekst), antall }).collect();
        (aapne, flyt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statistikk::dashbord::tell;
    use crate::domain::statistikk::dashbord::tests::{parametre, saker};
    use proptest::prelude::*;

    fn utsnitt(saker: &[Statistikksak]) -> Utsnitt {
        Utsnitt::ny(saker.iter().cloned().enumerate().map(|(i, s)| (i as i64 + 1, s)))
    }

    #[test]
    fn month_arithmetic() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap().num_days_from_ce();
        let m = maaned_av(d);
        assert_eq!(maanedstekst(m), "2024-02");
        assert_eq!(fra_dagnummer(maanedsstart(m)), NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
        assert_eq!(fra_dagnummer(maanedsstart(m + 11)), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    }

    #[test]
    fn the_code_lists_fit_in_a_byte() {
        assert!(Rettighet::ALLE.len() <= 8 && Kategori::ALLE.len() <= 8 && Aldersgruppe::ALLE.len() <= 8 && N_UTFALL <= 8);
    }

    #[test]
    fn changes_replace_and_add_by_id() {
        let mut saker = crate::demo::statistikkrader(400, 3).collect::<Vec<_>>();
        let foer = utsnitt(&saker);
        // Decide an open case, move a decided one to another office, and add one.
        let aapen = saker.iter().position(|s| s.status == "under_vurdering").unwrap();
        let mut endret = saker[aapen].clone();
        endret.status = "avgjort".into();
        endret.utfall = Some(Utfall::Endret);
        endret.avgjort = endret.mottatt_statsforvalter.map(|m| m + chrono::Duration::days(20));
        saker[aapen] = endret.clone();
        let ny = saker[0].clone();
        saker.push(ny.clone());
        let etter = foer.med_endringer([(aapen as i64 + 1, endret), (saker.len() as i64, ny)]);
        assert_eq!(etter.antall(), saker.len());
        for q in ["", "grunnlag=mottatt", "fra=2025-01-01&til=2025-06-15", "rettighet=koordinator"] {
            let f = Statistikkfilter::les(form_urlencoded_par(q)).unwrap();
            assert_eq!(etter.grunnlagstall(&f, &f.periode), tell(&f, &saker), "filter «{q}»");
        }
    }

    fn form_urlencoded_par(q: &str) -> Vec<(&str, &str)> {
        q.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap()).collect()
    }

    #[test]
    fn whole_months_edges_and_areas_count_as_the_rows_do() {
        let saker: Vec<Statistikksak> = crate::demo::statistikkrader(3000, 4).collect();
        let u = utsnitt(&saker);
        for (fra, til) in
            [("2023-01-01", "2023-12-31"), ("2023-01-15", "2024-03-14"), ("2024-02-03", "2024-02-20"), ("2022-11-30", "2026-10-31")]
        {
            for grunnlag in ["avgjort", "mottatt"] {
                let f = Statistikkfilter::les([("fra", fra), ("til", til), ("grunnlag", grunnlag)]).unwrap();
                assert_eq!(u.grunnlagstall(&f, &f.periode), tell(&f, &saker), "{fra}..{til} {grunnlag}");
                // An area is counted from its municipalities' own rows, with the same edges.
                for (felt, verdi) in [("statsforvalter", "vestland"), ("fylke", "46"), ("kommune", "4601"), ("kommune", "0301")] {
                    let f = Statistikkfilter::les([("fra", fra), ("til", til), ("grunnlag", grunnlag), (felt, verdi)]).unwrap();
                    assert_eq!(u.grunnlagstall(&f, &f.periode), tell(&f, &saker), "{fra}..{til} {grunnlag} {felt}={verdi}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The working set counts exactly what the reference count over the rows counts.
        #[test]
        fn counts_as_tell(saker in saker(), p in parametre()) {
            let f = Statistikkfilter::les(p.iter().copied()).unwrap();
            prop_assert_eq!(utsnitt(&saker).grunnlagstall(&f, &f.periode), tell(&f, &saker));
        }

        /// Also with processing times beyond the running totals' day histograms (over two
        /// years) and decisions dated before their receipt.
        #[test]
        fn counts_long_and_negative_processing_times_as_tell(
            mut saker in saker(),
            p in parametre(),
            lange in prop::collection::vec((0usize..60, -10i64..1500), 1..10),
        ) {
            for (i, dager) in lange {
                if let Some(s) = saker.get_mut(i).filter(|s| s.avgjort.is_some()) {
                    s.avgjort = s.mottatt_statsforvalter.map(|m| m + chrono::Duration::days(dager));
                }
            }
            let f = Statistikkfilter::les(p.iter().copied()).unwrap();
            prop_assert_eq!(utsnitt(&saker).grunnlagstall(&f, &f.periode), tell(&f, &saker));
        }
    }
}
