//! The directorate's dashboard: every published figure for one [`Statistikkfilter`], computed
//! from a handful of aggregates ([`Grunnlagstall`]) and suppressed by one rule
//! ([`super::prikking`]) before anything leaves the server. [`statistikk`] builds them section
//! by section (key figures, time series, what the complaints are about, Helsetilsynet's table,
//! areas, processing time); the summary sentence is made in `setning`.
//!
//! The aggregates are what the database returns from its GROUP BY queries (`db::statistikk`);
//! [`tell`] computes the very same aggregates from individual rows, which is the reference the
//! integration tests hold the SQL to and what the property tests run on. What a figure means:
//! - The date basis decides which date must lie in the period: the decision (`avgjort`, only
//!   decided cases) or the governor's receipt (`mottatt`, open cases as `under_behandling`).
//! - Offices (`per_statsforvalter`, Helsetilsynet's table, processing time) are the office that
//!   has the case. The area tables (counties, municipalities, per 100,000 inhabitants) place a
//!   case where its municipality is, so the area totals add up to the total.
//! - Medhold hos kommunen counts cases the municipality ended by full medhold, dated by that
//!   day, under the same area, right, category and age filters; no SF outcome applies to them,
//!   so an outcome filter leaves none.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::behandlingstid::{self, Behandlingstid, Dagtall};
use super::filter::{fylke_er_del_av_embete, Grunnlag, Statistikkfilter, UNDER_BEHANDLING};
use super::prikking::{Antall, Celler, Prikking};
use super::{aarene, delperiode, Periode};
use crate::domain::frist;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet, Utfall};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::domain::status::Status;

mod setning;

pub(crate) use setning::setning;

/// Cases per office, month and outcome: the backbone of most figures.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Maanedstall {
    pub statsforvalter: String,
    /// `YYYY-MM`.
    pub maaned: String,
    /// An outcome code, or `under_behandling`.
    pub utfall: String,
    pub antall: u64,
}

/// The aggregates of one filter, as the database delivers them. Every list is sorted and
/// holds no zero counts, so two of them compare equal exactly when they count the same.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grunnlagstall {
    pub per_maaned: Vec<Maanedstall>,
    /// Cases per municipality (where the case comes from).
    pub per_kommune: BTreeMap<String, u64>,
    /// Per category; a case counts once per distinct category.
    pub per_kategori: BTreeMap<String, u64>,
    pub per_rettighet: BTreeMap<String, u64>,
    pub per_aldersgruppe: BTreeMap<String, u64>,
    /// Processing-time histograms of the decided cases, per office.
    pub behandlingstid: BTreeMap<String, Vec<Dagtall>>,
    pub medhold_hos_kommunen: u64,
}

impl Grunnlagstall {
    /// Sorts and drops zeros, so equal counts compare equal.
    pub fn normaliser(mut self) -> Grunnlagstall {
        self.per_maaned.retain(|m| m.antall > 0);
        self.per_maaned.sort();
        for kart in [&mut self.per_kommune, &mut self.per_kategori, &mut self.per_rettighet, &mut self.per_aldersgruppe] {
            kart.retain(|_, n| *n > 0);
        }
        for h in self.behandlingstid.values_mut() {
            h.retain(|d| d.antall > 0);
            h.sort_by_key(|d| d.dager);
        }
        self.behandlingstid.retain(|_, h| !h.is_empty());
        self
    }

    /// The total count.
    pub fn totalt(&self) -> u64 {
        self.per_maaned.iter().map(|m| m.antall).sum()
    }
}

/// A complaint as the statistics see it (no person, no case number): the reference input of
/// [`tell`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistikksak {
    pub statsforvalter: String,
    pub kommune: String,
    /// Where the case is in its legal path.
    pub status: Status,
    pub utfall: Option<Utfall>,
    pub mottatt_statsforvalter: Option<NaiveDate>,
    pub avgjort: Option<NaiveDate>,
    pub avsluttet_kommune: Option<NaiveDate>,
    pub aldersgruppe: Aldersgruppe,
    pub rettigheter: Vec<Rettighet>,
    pub kategorier: Vec<Kategori>,
}

/// The statuses of a case that has reached the governor (decided or not). `til_godkjenning`
/// (a proposed decision awaiting approval) is open and at the governor.
pub const HOS_STATSFORVALTEREN: [Status; 5] =
    [Status::MottattHosStatsforvalter, Status::UnderVurdering, Status::VenterPaaKommunen, Status::TilGodkjenning, Status::Avgjort];

impl Statistikkfilter {
    /// Whether the case meets the filter's area, right, category and age choices.
    fn treffer_egenskaper(&self, sak: &Statistikksak) -> bool {
        let omraade = referanse::kommune(&sak.kommune).is_some_and(|k| self.omfatter_kommune(k));
        omraade
            && (self.rettighet.is_empty() || sak.rettigheter.iter().any(|r| self.rettighet.contains(r)))
            && (self.kategori.is_empty() || sak.kategorier.iter().any(|k| self.kategori.contains(k)))
            && (self.aldersgruppe.is_empty() || self.aldersgruppe.contains(&sak.aldersgruppe))
    }

    /// The date and outcome code a case counts with, if it counts at all.
    pub fn teller(&self, sak: &Statistikksak) -> Option<(NaiveDate, String)> {
        let (dato, utfall) = match self.grunnlag {
            Grunnlag::Avgjort => {
                if sak.status != Status::Avgjort {
                    return None;
                }
                (sak.avgjort?, sak.utfall?.kode().to_owned())
            }
            Grunnlag::Mottatt => {
                if !HOS_STATSFORVALTEREN.contains(&sak.status) {
                    return None;
                }
                let utfall = match (sak.status, sak.utfall) {
                    (Status::Avgjort, Some(u)) => u.kode().to_owned(),
                    _ => UNDER_BEHANDLING.to_owned(),
                };
                (sak.mottatt_statsforvalter?, utfall)
            }
        };
        let inne =
            self.periode.inneholder(dato) && self.treffer_egenskaper(sak) && (self.utfall.is_empty() || self.utfall.contains(&utfall));
        inne.then_some((dato, utfall))
    }
}

/// Whether a case decided on `avgjort` met the 3-month target from `mottatt`.
pub fn innen_maal(mottatt: NaiveDate, avgjort: NaiveDate) -> bool {
    avgjort <= frist::maaldato(mottatt)
}

/// The reference count: the aggregates of `filter` over individual cases.
pub fn tell(filter: &Statistikkfilter, saker: &[Statistikksak]) -> Grunnlagstall {
    let mut g = Grunnlagstall::default();
    let mut maaneder: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let mut histogram: BTreeMap<String, BTreeMap<i64, Dagtall>> = BTreeMap::new();
    for sak in saker {
        if let Some((dato, utfall)) = filter.teller(sak) {
            *maaneder.entry((sak.statsforvalter.clone(), dato.format("%Y-%m").to_string(), utfall)).or_default() += 1;
            *g.per_kommune.entry(sak.kommune.clone()).or_default() += 1;
            let mut k: Vec<&str> = sak.kategorier.iter().map(|k| k.kode()).collect();
            k.sort_unstable();
            k.dedup();
            for kode in k {
                *g.per_kategori.entry(kode.to_owned()).or_default() += 1;
            }
            let mut r: Vec<&str> = sak.rettigheter.iter().map(|r| r.kode()).collect();
            r.sort_unstable();
            r.dedup();
            for kode in r {
                *g.per_rettighet.entry(kode.to_owned()).or_default() += 1;
            }
            *g.per_aldersgruppe.entry(sak.aldersgruppe.kode().to_owned()).or_default() += 1;
            if let (true, Some(m), Some(a)) = (sak.status == Status::Avgjort, sak.mottatt_statsforvalter, sak.avgjort) {
                let dager = (a - m).num_days();
                let d = histogram.entry(sak.statsforvalter.clone()).or_default().entry(dager).or_insert(Dagtall {
                    dager,
                    antall: 0,
                    innen_maal: 0,
                });
                d.antall += 1;
                d.innen_maal += u64::from(innen_maal(m, a));
            }
        }
        let medhold = sak.status == Status::MedholdHosKommunen
            && filter.utfall.is_empty()
            && sak.avsluttet_kommune.is_some_and(|d| filter.periode.inneholder(d))
            && filter.treffer_egenskaper(sak);
        g.medhold_hos_kommunen += u64::from(medhold);
    }
    g.per_maaned = maaneder
        .into_iter()
        .map(|((statsforvalter, maaned, utfall), antall)| Maanedstall { statsforvalter, maaned, utfall, antall })
        .collect();
    g.behandlingstid = histogram.into_iter().map(|(sf, h)| (sf, h.into_values().collect())).collect();
    g.normaliser()
}

/// The window of Helsetilsynet's table: the year of the period's end and the two before.
pub fn treaarsvindu(periode: Periode, idag: NaiveDate) -> (i32, Periode) {
    let slutt = periode.til.unwrap_or(idag).year();
    let vindu = Periode { fra: NaiveDate::from_ymd_opt(slutt - 2, 1, 1), til: NaiveDate::from_ymd_opt(slutt, 12, 31) };
    (slutt, vindu)
}

/// One year of one row in Helsetilsynet's table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aarscelle {
    pub aar: i32,
    pub totalt: Antall,
    pub utfall: BTreeMap<String, Antall>,
    /// Each outcome's share of the year's total, 0–1; `None` when hidden or the total is 0.
    pub andeler: BTreeMap<String, Option<f64>>,
}

/// One row of Helsetilsynet's table: an office, or `hele_landet`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Helsetilsynsrad {
    pub statsforvalter: String,
    pub navn: String,
    pub navn_nn: String,
    pub aar: Vec<Aarscelle>,
}

/// The table Statens helsetilsyn publishes: per office, three years side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Helsetilsynstabell {
    pub aar: Vec<i32>,
    pub rader: Vec<Helsetilsynsrad>,
}

/// Processing time nationally and per office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Behandlingstider {
    pub hele_landet: Behandlingstid,
    pub per_statsforvalter: BTreeMap<String, Behandlingstid>,
    /// The target share within 3 months (0.9).
    pub maal: f64,
}

/// A count for an area (office area, county, municipality) with its rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Omraadetall {
    /// Office code, county number or municipality number.
    pub kode: String,
    pub navn: String,
    /// The office the area belongs to.
    pub statsforvalter: String,
    pub innbyggere: u64,
    pub antall: Antall,
    /// Complaints per 100,000 inhabitants, one decimal.
    pub per_100k: Option<f64>,
}

/// The sub-period the summary mentions, "16 fra 2022/2023".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delperiode {
    pub fra_aar: i32,
    pub til_aar: i32,
    pub antall: Antall,
}

/// Every published figure of the dashboard for one filter. A count is `null` when it is
/// suppressed. The first fields are those of the original national overview, with the same
/// names and meaning, so older clients keep working.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statistikk {
    pub fra: Option<NaiveDate>,
    pub til: Option<NaiveDate>,
    pub totalt: Antall,
    pub statsforvaltere_med_saker: u64,
    pub statsforvaltere_totalt: u64,
    /// Per outcome (and `under_behandling` under the `mottatt` basis).
    pub utfall: BTreeMap<String, Antall>,
    pub per_aar: BTreeMap<String, Antall>,
    pub per_statsforvalter: BTreeMap<String, Antall>,
    pub per_kategori: BTreeMap<String, Antall>,
    pub per_rettighet: BTreeMap<String, Antall>,
    pub medhold_hos_kommunen: Antall,
    pub oppsummering: String,
    pub oppsummering_nn: String,
    /// The filter as query parameters (name, value), repeated names for "any of these".
    pub filter: Vec<(String, String)>,
    pub grunnlag: Grunnlag,
    pub delperiode: Option<Delperiode>,
    pub per_maaned: BTreeMap<String, Antall>,
    pub per_aldersgruppe: BTreeMap<String, Antall>,
    pub helsetilsynet: Helsetilsynstabell,
    pub behandlingstid: Behandlingstider,
    /// Per office area, with the rate per 100,000 inhabitants.
    pub per_embete_omraade: Vec<Omraadetall>,
    /// Per county in the chosen area.
    pub per_fylke: Vec<Omraadetall>,
    /// Per municipality: only when the area is narrowed to offices, counties or
    /// municipalities (the drill-down), never the whole country at once.
    pub per_kommune: Vec<Omraadetall>,
    /// Whether every count describes a small area (a municipality or part of an office).
    pub finmasket: bool,
    /// Whether the county and municipality tables were left out: the public sees them for
    /// whole calendar years only (`offentlig`).
    #[serde(default)]
    pub omraader_utelatt: bool,
    /// How many counts are suppressed.
    pub skjulte_tall: usize,
    /// The day the figures were made, for open period ends and the quick choices.
    pub idag: NaiveDate,
}

/// A rate per 100,000 inhabitants, one decimal.
pub fn per_100k(antall: u64, innbyggere: u64) -> Option<f64> {
    (innbyggere > 0).then(|| (antall as f64 * 100_000.0 / innbyggere as f64 * 10.0).round() / 10.0)
}

/// A share 0–1 with four decimals.
pub(crate) fn andel(del: u64, av: u64) -> Option<f64> {
    (av > 0).then(|| (del as f64 / av as f64 * 10_000.0).round() / 10_000.0)
}

/// Builds the published figures: `g` counts the filter's period, `tre_aar` the same filter
/// over [`treaarsvindu`]. `idag` matters only for open period ends.
///
/// Every figure is first a cell of one [`Celler`], section by section with the sums that tie
/// the cells together; suppression then decides once, over all of them, what is shown.
pub fn statistikk(filter: &Statistikkfilter, g: &Grunnlagstall, tre_aar: &Grunnlagstall, idag: NaiveDate) -> Statistikk {
    let fin = filter.er_finmasket();
    let periode = filter.periode;
    let mut c = Celler::new();
    // The order of the sections is the order of the cells, which suppression's choices follow.
    let hoved = hovedtall(&mut c, filter, g, fin);
    let tid = tidsserier(&mut c, periode, g, fin, hoved.t, idag);
    let egenskaper = egenskaper(&mut c, g, fin, &hoved);
    let helsetilsynet = helsetilsynsceller(&mut c, filter, tre_aar, fin, hoved.t, &tid.per_aar, idag);
    let omraader = omraadeceller(&mut c, filter, g, fin, &hoved);

    let p = c.prikk();
    let mut s = Statistikk {
        fra: periode.fra,
        til: periode.til,
        totalt: p.vis(hoved.t),
        // Counted from the published figures: a hidden zero must look like any hidden count.
        statsforvaltere_med_saker: hoved.per_sf.iter().filter(|(_, i)| p.vis(*i).is_some_and(|n| n > 0)).count() as u64,
        statsforvaltere_totalt: hoved.per_sf.len() as u64,
        utfall: kart(&hoved.utfall, &p),
        per_aar: tid.per_aar.iter().map(|(a, i)| (a.to_string(), p.vis(*i))).collect(),
        per_statsforvalter: kart(&hoved.per_sf, &p),
        per_kategori: kart(&egenskaper.kategorier, &p),
        per_rettighet: kart(&egenskaper.rettigheter, &p),
        medhold_hos_kommunen: p.vis(egenskaper.medhold),
        oppsummering: String::new(),
        oppsummering_nn: String::new(),
        filter: filter.parametre().into_iter().map(|(n, v)| (n.to_owned(), v)).collect(),
        grunnlag: filter.grunnlag,
        delperiode: tid.delperiode.map(|(fra_aar, til_aar, d)| Delperiode { fra_aar, til_aar, antall: p.vis(d) }),
        per_maaned: kart(&tid.per_maaned, &p),
        per_aldersgruppe: kart(&egenskaper.alder, &p),
        helsetilsynet: helsetilsynstabell(&helsetilsynet, &p),
        behandlingstid: behandlingstider(filter, g, &hoved, &p),
        per_embete_omraade: publiser_omraader(omraader.embeter, &p),
        per_fylke: publiser_omraader(omraader.fylker, &p),
        per_kommune: publiser_omraader(omraader.kommuner, &p),
        finmasket: fin,
        omraader_utelatt: false,
        skjulte_tall: p.antall_skjult(),
        idag,
    };
    s.oppsummering = setning(&s, Sprak::Nb, idag);
    s.oppsummering_nn = setning(&s, Sprak::Nn, idag);
    s
}

/// The cases of `liste` that `pred` picks.
fn sum_hvor(liste: &[Maanedstall], pred: impl Fn(&Maanedstall) -> bool) -> u64 {
    liste.iter().filter(|m| pred(m)).map(|m| m.antall).sum()
}

/// The calendar year of a month's count.
fn aar_i(m: &Maanedstall) -> i32 {
    m.maaned[..4].parse::<i32>().unwrap_or(0)
}

/// Published values by code.
fn kart(liste: &[(String, usize)], p: &Prikking) -> BTreeMap<String, Antall> {
    liste.iter().map(|(k, i)| (k.clone(), p.vis(*i))).collect()
}

/// The cells of the total and its splits by outcome and by office.
struct Hovedtall {
    totalt: u64,
    /// The total's cell.
    t: usize,
    utfall: Vec<(String, usize)>,
    per_sf: Vec<(String, usize)>,
}

/// The total, per outcome and per office; each split adds up to the total.
fn hovedtall(c: &mut Celler, filter: &Statistikkfilter, g: &Grunnlagstall, fin: bool) -> Hovedtall {
    let totalt = g.totalt();
    let t = c.celle(totalt, fin);
    let utfall: Vec<(String, usize)> = filter
        .grunnlag
        .utfallskoder()
        .iter()
        .map(|&u| ((*u).to_owned(), c.celle(sum_hvor(&g.per_maaned, |m| m.utfall == u), fin)))
        .collect();
    c.relasjon(t, utfall.iter().map(|(_, i)| *i).collect());
    let mut koder: Vec<String> = referanse::statsforvalterkoder().iter().map(|k| (*k).to_owned()).collect();
    // An office outside the register still counts, so the offices add up to the total.
    for m in &g.per_maaned {
        if !koder.contains(&m.statsforvalter) {
            koder.push(m.statsforvalter.clone());
        }
    }
    let per_sf: Vec<(String, usize)> = koder
        .into_iter()
        .map(|k| {
            let n = sum_hvor(&g.per_maaned, |m| m.statsforvalter == k);
            (k, c.celle(n, fin))
        })
        .collect();
    c.relasjon(t, per_sf.iter().map(|(_, i)| *i).collect());
    Hovedtall { totalt, t, utfall, per_sf }
}

/// The cells of the time series.
struct Tidsserier {
    per_aar: Vec<(i32, usize)>,
    /// By `YYYY-MM`.
    per_maaned: Vec<(String, usize)>,
    /// The summary's sub-period: its two years and its cell.
    delperiode: Option<(i32, i32, usize)>,
}

/// Years and months (only those the period touches), and the summary's sub-period. The years
/// add up to the total, a year's months to the year.
fn tidsserier(c: &mut Celler, periode: Periode, g: &Grunnlagstall, fin: bool, t: usize, idag: NaiveDate) -> Tidsserier {
    let tidligste = g.per_maaned.iter().map(aar_i).min();
    let seneste = g.per_maaned.iter().map(aar_i).max();
    let mut per_aar: Vec<(i32, usize)> = Vec::new();
    let mut per_maaned: Vec<(String, usize)> = Vec::new();
    for aar in aarene(periode, idag, tidligste, seneste) {
        let y = c.celle(sum_hvor(&g.per_maaned, |m| aar_i(m) == aar), fin);
        let mut maaneder = Vec::new();
        for mnd in 1..=12u32 {
            let forste = NaiveDate::from_ymd_opt(aar, mnd, 1).unwrap_or_default();
            let siste = forste.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(forste);
            // Only months the period touches are listed.
            if periode.fra.is_some_and(|f| siste < f) || periode.til.is_some_and(|t| forste > t) {
                continue;
            }
            let kode = format!("{aar:04}-{mnd:02}");
            let i = c.celle(sum_hvor(&g.per_maaned, |m| m.maaned == kode), fin);
            maaneder.push(i);
            per_maaned.push((kode, i));
        }
        c.relasjon(y, maaneder);
        per_aar.push((aar, y));
    }
    c.relasjon(t, per_aar.iter().map(|(_, i)| *i).collect());
    let delperiode = delperiode(periode, idag).map(|(forrige, siste)| {
        let deler: Vec<usize> = per_aar.iter().filter(|(a, _)| *a == forrige || *a == siste).map(|(_, i)| *i).collect();
        let sum = deler.iter().map(|&i| c.verdi(i)).sum();
        let d = c.celle(sum, fin);
        c.relasjon(d, deler);
        (forrige, siste, d)
    });
    Tidsserier { per_aar, per_maaned, delperiode }
}

/// The cells of what the complaints are about, and of medhold hos kommunen.
struct Egenskaper {
    alder: Vec<(String, usize)>,
    kategorier: Vec<(String, usize)>,
    rettigheter: Vec<(String, usize)>,
    medhold: usize,
}

/// Age groups, categories and rights, and medhold hos kommunen beside them. Age groups add up;
/// categories and rights do not (a case can have several).
fn egenskaper(c: &mut Celler, g: &Grunnlagstall, fin: bool, hoved: &Hovedtall) -> Egenskaper {
    let t = hoved.t;
    let alder: Vec<(String, usize)> = Aldersgruppe::ALLE
        .iter()
        .map(|a| (a.kode().to_owned(), c.celle(g.per_aldersgruppe.get(a.kode()).copied().unwrap_or(0), fin)))
        .collect();
    c.relasjon(t, alder.iter().map(|(_, i)| *i).collect());
    let kategorier: Vec<(String, usize)> =
        Kategori::ALLE.iter().map(|k| (k.kode().to_owned(), c.celle(g.per_kategori.get(k.kode()).copied().unwrap_or(0), fin))).collect();
    let rettigheter: Vec<(String, usize)> =
        Rettighet::ALLE.iter().map(|r| (r.kode().to_owned(), c.celle(g.per_rettighet.get(r.kode()).copied().unwrap_or(0), fin))).collect();
    // A part is at most its whole, and a case has at least one category and one right.
    for (_, i) in kategorier.iter().chain(&rettigheter) {
        c.hoeyst(*i, vec![t]);
    }
    for gruppe in [&kategorier, &rettigheter] {
        let deler: Vec<usize> = gruppe.iter().map(|(_, i)| *i).collect();
        if hoved.totalt <= deler.iter().map(|&i| c.verdi(i)).sum::<u64>() {
            c.hoeyst(t, deler);
        }
    }
    let medhold = c.celle(g.medhold_hos_kommunen, fin);
    Egenskaper { alder, kategorier, rettigheter, medhold }
}

/// One year of one row of Helsetilsynet's table, as cells.
struct Aarsceller {
    total: usize,
    utfall: Vec<(String, usize)>,
}

/// Helsetilsynet's table as cells: its three years, and a row per office with `hele_landet`
/// last.
struct Helsetilsynsceller {
    aar: Vec<i32>,
    rader: Vec<(String, Vec<Aarsceller>)>,
}

/// Helsetilsynet's table over its three-year window ([`treaarsvindu`]). The national row is
/// the sum of the offices; a year the period covers whole is the same number as in `per_aar`.
fn helsetilsynsceller(
    c: &mut Celler,
    filter: &Statistikkfilter,
    tre_aar: &Grunnlagstall,
    fin: bool,
    t: usize,
    per_aar: &[(i32, usize)],
    idag: NaiveDate,
) -> Helsetilsynsceller {
    let periode = filter.periode;
    let (slutt, vindu) = treaarsvindu(periode, idag);
    let tre: Vec<i32> = (slutt - 2..=slutt).collect();
    let mut rader: Vec<(String, Vec<Aarsceller>)> = Vec::new();
    for sf in referanse::statsforvalterkoder().iter().copied().map(Some).chain(std::iter::once(None)) {
        let mut celler = Vec::new();
        for &aar in &tre {
            let i_sf = |m: &Maanedstall| sf.is_none_or(|s| m.statsforvalter == s) && aar_i(m) == aar;
            let ut: Vec<(String, usize)> = filter
                .grunnlag
                .utfallskoder()
                .iter()
                .map(|&u| ((*u).to_owned(), c.celle(sum_hvor(&tre_aar.per_maaned, |m| i_sf(m) && m.utfall == u), fin)))
                .collect();
            let total = c.celle(sum_hvor(&tre_aar.per_maaned, i_sf), fin);
            c.relasjon(total, ut.iter().map(|(_, i)| *i).collect());
            celler.push(Aarsceller { total, utfall: ut });
        }
        rader.push((sf.unwrap_or("hele_landet").to_owned(), celler));
    }
    // "Hele landet" is the sum of the offices, per year and per outcome.
    if let Some((_, landet)) = rader.last() {
        for (j, aar_celle) in landet.iter().enumerate() {
            let kontorrader = &rader[..rader.len() - 1];
            c.relasjon(aar_celle.total, kontorrader.iter().map(|(_, r)| r[j].total).collect());
            for (u, (_, i)) in aar_celle.utfall.iter().enumerate() {
                c.relasjon(*i, kontorrader.iter().map(|(_, r)| r[j].utfall[u].1).collect());
            }
            // A year the period covers whole is the same number in both tables.
            let aar = tre[j];
            let hel = periode.fra.is_none_or(|f| f <= NaiveDate::from_ymd_opt(aar, 1, 1).unwrap_or(f))
                && periode.til.is_none_or(|t| t >= NaiveDate::from_ymd_opt(aar, 12, 31).unwrap_or(t));
            if hel {
                if let Some((_, y)) = per_aar.iter().find(|(a, _)| *a == aar) {
                    c.relasjon(*y, vec![aar_celle.total]);
                }
            }
        }
    }
    if periode == vindu {
        if let Some((_, landet)) = rader.last() {
            c.relasjon(t, landet.iter().map(|a| a.total).collect());
        }
    }
    Helsetilsynsceller { aar: tre, rader }
}

/// Helsetilsynet's table as published, with each outcome's share of its year.
fn helsetilsynstabell(h: &Helsetilsynsceller, p: &Prikking) -> Helsetilsynstabell {
    Helsetilsynstabell {
        aar: h.aar.clone(),
        rader: h
            .rader
            .iter()
            .map(|(kode, celler)| {
                let (navn, navn_nn) = match referanse::statsforvalter(kode) {
                    Some(s) => (s.navn_nb.clone(), s.navn_nn.clone()),
                    None => ("Hele landet".to_owned(), "Heile landet".to_owned()),
                };
                let aar = celler
                    .iter()
                    .zip(&h.aar)
                    .map(|(hc, &aar)| {
                        let total = p.vis(hc.total);
                        Aarscelle {
                            aar,
                            totalt: total,
                            utfall: kart(&hc.utfall, p),
                            andeler: hc
                                .utfall
                                .iter()
                                .map(|(u, i)| (u.clone(), total.zip(p.vis(*i)).and_then(|(t, n)| andel(n, t))))
                                .collect(),
                        }
                    })
                    .collect();
                Helsetilsynsrad { statsforvalter: kode.clone(), navn, navn_nn, aar }
            })
            .collect(),
    }
}

/// An area's cell, before suppression.
struct Omr {
    kode: String,
    navn: String,
    sf: String,
    innbyggere: u64,
    celle: usize,
}

/// The cells of the area tables.
struct Omraadeceller {
    embeter: Vec<Omr>,
    fylker: Vec<Omr>,
    /// Only in the drill-down (an area chosen).
    kommuner: Vec<Omr>,
}

/// Areas: offices by where the cases come from, their counties and municipalities. An office
/// is the sum of its counties and of its municipalities, a county of its municipalities, and
/// the offices of the total when they account for every case.
fn omraadeceller(c: &mut Celler, filter: &Statistikkfilter, g: &Grunnlagstall, fin: bool, hoved: &Hovedtall) -> Omraadeceller {
    let i_omraadet: Vec<&referanse::Kommune> = referanse::kommuner().iter().filter(|k| filter.omfatter_kommune(k)).collect();
    let drill = !(filter.statsforvalter.is_empty() && filter.fylke.is_empty() && filter.kommune.is_empty());
    let kommunetall = |k: &referanse::Kommune| g.per_kommune.get(&k.nummer).copied().unwrap_or(0);
    let mut embeter: Vec<Omr> = Vec::new();
    let mut fylker: Vec<Omr> = Vec::new();
    let mut kommuner: Vec<Omr> = Vec::new();
    for s in referanse::statsforvaltere() {
        let egne: Vec<&&referanse::Kommune> = i_omraadet.iter().filter(|k| k.statsforvalter == s.kode).collect();
        if egne.is_empty() {
            continue;
        }
        let e = c.celle(egne.iter().map(|k| kommunetall(k)).sum(), fin);
        let mut fylkesceller = Vec::new();
        let mut alle_kommuner = Vec::new();
        for fnr in &s.fylker {
            let i_fylket: Vec<&&&referanse::Kommune> = egne.iter().filter(|k| &k.fylke == fnr).collect();
            if i_fylket.is_empty() {
                continue;
            }
            let f = c.celle(i_fylket.iter().map(|k| kommunetall(k)).sum(), fin || fylke_er_del_av_embete(fnr));
            let navn = referanse::fylker().iter().find(|x| &x.nummer == fnr).map(|x| x.navn.clone()).unwrap_or_default();
            fylker.push(Omr {
                kode: fnr.clone(),
                navn,
                sf: s.kode.clone(),
                innbyggere: i_fylket.iter().map(|k| u64::from(k.innbyggere)).sum(),
                celle: f,
            });
            fylkesceller.push(f);
            if drill {
                let mut k_celler = Vec::new();
                for k in i_fylket {
                    let i = c.celle(kommunetall(k), true);
                    kommuner.push(Omr {
                        kode: k.nummer.clone(),
                        navn: k.visningsnavn(),
                        sf: s.kode.clone(),
                        innbyggere: u64::from(k.innbyggere),
                        celle: i,
                    });
                    k_celler.push(i);
                }
                c.relasjon(f, k_celler.clone());
                alle_kommuner.extend(k_celler);
            }
        }
        c.relasjon(e, fylkesceller);
        c.relasjon(e, alle_kommuner);
        embeter.push(Omr {
            kode: s.kode.clone(),
            navn: s.navn_nb.clone(),
            sf: s.kode.clone(),
            innbyggere: egne.iter().map(|k| u64::from(k.innbyggere)).sum(),
            celle: e,
        });
    }
    // A municipality outside the register (there are none) would break the sum; only relate
    // when the areas account for every case.
    if embeter.iter().map(|e| c.verdi(e.celle)).sum::<u64>() == hoved.totalt {
        c.relasjon(hoved.t, embeter.iter().map(|e| e.celle).collect());
    }
    Omraadeceller { embeter, fylker, kommuner }
}

/// An area table as published, with the rate per 100,000 inhabitants beside a shown count.
fn publiser_omraader(liste: Vec<Omr>, p: &Prikking) -> Vec<Omraadetall> {
    liste
        .into_iter()
        .map(|o| {
            let antall = p.vis(o.celle);
            Omraadetall {
                kode: o.kode,
                navn: o.navn,
                statsforvalter: o.sf,
                innbyggere: o.innbyggere,
                antall,
                per_100k: antall.and_then(|n| per_100k(n, o.innbyggere)),
            }
        })
        .collect()
}

/// Processing time nationally and per office. Office figures are published as they are. In a
/// small area the figures stand beside a published count or not at all (a count beside a hidden
/// cell would give it away), and only from enough cases (`behandlingstid::for_lite_omraade`).
/// Under the `mottatt` basis the decided cases are no published cell, so a small area shows
/// none.
fn behandlingstider(filter: &Statistikkfilter, g: &Grunnlagstall, hoved: &Hovedtall, p: &Prikking) -> Behandlingstider {
    let skjul_tid = |b: Behandlingstid, celle: Option<usize>| -> Behandlingstid {
        match (filter.er_finmasket(), celle) {
            (false, _) => b,
            (true, Some(i)) if filter.grunnlag == Grunnlag::Avgjort => behandlingstid::for_lite_omraade(&b, p.vis(i)),
            (true, _) => Behandlingstid::default(),
        }
    };
    let alle_dager: Vec<Dagtall> = g.behandlingstid.values().flatten().copied().collect();
    Behandlingstider {
        hele_landet: skjul_tid(behandlingstid::behandlingstid(&alle_dager), Some(hoved.t)),
        per_statsforvalter: referanse::statsforvalterkoder()
            .iter()
            .map(|&k| {
                let celle = hoved.per_sf.iter().find(|(kode, _)| kode == k).map(|(_, i)| *i);
                (
                    (*k).to_owned(),
                    skjul_tid(behandlingstid::behandlingstid(g.behandlingstid.get(k).map(Vec::as_slice).unwrap_or(&[])), celle),
                )
            })
            .collect(),
        maal: behandlingstid::MAAL_ANDEL_INNEN_TRE_MAANEDER,
    }
}

#[cfg(test)]
pub(crate) mod tests;
