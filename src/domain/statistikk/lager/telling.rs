//! The counting of the working set: the rows of each date basis sorted by date with their
//! counts per calendar month and running totals at every month boundary
//! ([`Grunnlagsrader`]), and the aggregates of one query as they are added up
//! ([`Akkumulator`]), from whole months' sums and from the rows at a period's edges.

use std::collections::BTreeMap;

use super::rad::{maaned_av, maanedsstart, maanedstekst, Embeter, Maske, Rad, N_UTFALL, UKJENT_KOMMUNE};
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::statistikk::behandlingstid::Dagtall;
use crate::domain::statistikk::dashbord::{Grunnlagstall, Maanedstall};
use crate::domain::statistikk::filter::{Grunnlag, UNDER_BEHANDLING};

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
pub(super) const TETT_DAGER: i32 = 730;

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
pub(super) struct Akkumulator {
    grunnlag: Grunnlag,
    pub(super) forste_maaned: i32,
    embeter: usize,
    /// `[((maaned - forste_maaned) * embeter + embete) * N_UTFALL + utfall]`.
    per_maaned: Vec<u64>,
    egenskaper: Egenskapstall,
    dager: Dagtelling,
    pub(super) medhold: u64,
}

impl Akkumulator {
    pub(super) fn ny(grunnlag: Grunnlag, forste_maaned: i32, siste_maaned: i32, embeter: usize) -> Akkumulator {
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
    pub(super) fn skann<'r>(&mut self, rader: impl IntoIterator<Item = &'r Rad>, maske: &Maske) {
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
    pub(super) fn legg_til_hele_maaneder(&mut self, basis: &Grunnlagsrader, fra: usize, til: usize) {
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

    pub(super) fn til_grunnlagstall(self, embeter: &Embeter) -> Grunnlagstall {
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
pub(super) struct Grunnlagsrader {
    pub(super) rader: Vec<Rad>,
    /// The month of the first row; month index `i` below is `forste_maaned + i`.
    pub(super) forste_maaned: i32,
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
    pub(super) fn ny(alle: &[Rad], grunnlag: Grunnlag, embeter: usize) -> Grunnlagsrader {
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
    pub(super) fn faa_rader_i(&self, kommuner: &[bool]) -> bool {
        let valgte: usize =
            kommuner.iter().enumerate().filter(|(_, valgt)| **valgt).map(|(k, _)| self.kommunestart[k + 1] - self.kommunestart[k]).sum();
        valgte * 16 <= self.etter_kommune.len()
    }

    /// The rows of municipality `k` whose date lies in `[fra, til]`, by date.
    pub(super) fn i_kommunen(&self, grunnlag: Grunnlag, k: usize, fra: i32, til: i32) -> impl Iterator<Item = &Rad> {
        let alle = &self.etter_kommune[self.kommunestart[k]..self.kommunestart[k + 1]];
        let a = alle.partition_point(|&i| self.rader[i as usize].dato(grunnlag) < fra);
        let b = alle.partition_point(|&i| self.rader[i as usize].dato(grunnlag) <= til).max(a);
        alle[a..b].iter().map(|&i| &self.rader[i as usize])
    }

    /// The rows whose date lies in `[fra, til]` (day numbers, both inclusive).
    pub(super) fn mellom(&self, grunnlag: Grunnlag, fra: i32, til: i32) -> &[Rad] {
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
