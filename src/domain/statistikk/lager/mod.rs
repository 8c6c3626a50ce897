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
//!
//! The parts: `rad` is one complaint as a compact row and a filter as a mask over rows,
//! `telling` the sorted rows of each date basis with their running totals and the counting
//! of one query; [`Utsnitt`] here puts them together.

mod rad;
mod telling;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};

use super::dashbord::{Grunnlagstall, Statistikksak};
use super::familie::{aarsperiode, Aarstall, Noekkel, Tabellfamilie};
use super::filter::{Grunnlag, Statistikkfilter};
use super::styring::{restansestart, Aapne, Flyt, Styringsomfang};
use super::Periode;
use rad::{fra_dagnummer, maaned_av, maanedsstart, maanedstekst, Embeter, Maske, Rad, Tilstand, INGEN_DATO, UKJENT_KOMMUNE};
use telling::{Akkumulator, Grunnlagsrader};

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
            Styringsomfang::Embete(kode) => *kode == self.embeter.0[usize::from(r.statsforvalter)].as_str(),
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
    use crate::domain::kode::Utfall;
    use crate::domain::statistikk::dashbord::tell;
    use crate::domain::statistikk::dashbord::tests::{parametre, saker};
    use proptest::prelude::*;

    fn utsnitt(saker: &[Statistikksak]) -> Utsnitt {
        Utsnitt::ny(saker.iter().cloned().enumerate().map(|(i, s)| (i as i64 + 1, s)))
    }

    #[test]
    fn changes_replace_and_add_by_id() {
        let mut saker = crate::demo::statistikkrader(400, 3).collect::<Vec<_>>();
        let foer = utsnitt(&saker);
        // Decide an open case, move a decided one to another office, and add one.
        let aapen = saker.iter().position(|s| s.status == crate::domain::status::Status::UnderVurdering).unwrap();
        let mut endret = saker[aapen].clone();
        endret.status = crate::domain::status::Status::Avgjort;
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
