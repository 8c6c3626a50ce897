//! Management figures (styringstall): open cases at the governor by age, the backlog over
//! time, and cases past the 3-month target. Unlike the rest of the dashboard these are not
//! public: only the directorate (all offices) and an office's leader (their own office) see
//! them, and [`styringsomfang`] is the one place that says so.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::frist;
use crate::domain::id::Embetekode;
use crate::domain::referanse;
use crate::domain::tilgang::{Bruker, Organisasjon, Rolle};

/// Whose management figures a user may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Styringsomfang {
    /// Every office: the directorate.
    Alle,
    /// One office: its leader.
    Embete(Embetekode),
}

/// The management scope of a user, or `None` for everyone else.
pub fn styringsomfang(bruker: &Bruker) -> Option<Styringsomfang> {
    match &bruker.organisasjon {
        Organisasjon::Direktoratet if bruker.har(Rolle::Direktorat) => Some(Styringsomfang::Alle),
        Organisasjon::Statsforvalter(kode) if bruker.er_leder() => Some(Styringsomfang::Embete(kode.clone())),
        _ => None,
    }
}

/// Open cases at an office received on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aapne {
    pub statsforvalter: String,
    pub mottatt: NaiveDate,
    pub antall: u64,
}

/// Cases at the governor by the month received and the month decided (`None`: still open).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flyt {
    /// `YYYY-MM`.
    pub mottatt: String,
    pub avgjort: Option<String>,
    pub antall: u64,
}

/// Open cases of one office by how long they have been at the governor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aldersfordeling {
    pub statsforvalter: String,
    pub under_1_maaned: u64,
    pub fra_1_til_3_maaneder: u64,
    /// Past the 3-month target.
    pub over_3_maaneder: u64,
}

/// The management figures of a scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Styringstall {
    pub per_statsforvalter: Vec<Aldersfordeling>,
    /// Open cases at the end of each of the last 12 months (`YYYY-MM`), the current month last
    /// (counted at `idag`).
    pub restanse: Vec<(String, u64)>,
    /// Open cases past the 3-month target, all offices of the scope together.
    pub forbi_maal: u64,
}

/// The first day of the earliest month the backlog shows.
pub fn restansestart(idag: NaiveDate) -> NaiveDate {
    let forste = idag.with_day(1).unwrap_or(idag);
    forste.checked_sub_months(Months::new(11)).unwrap_or(forste)
}

/// Computes the figures at `idag` from the open cases and the flow of cases.
pub fn styringstall(omfang: &Styringsomfang, aapne: &[Aapne], flyt: &[Flyt], idag: NaiveDate) -> Styringstall {
    let mut per: BTreeMap<String, Aldersfordeling> = referanse::statsforvalterkoder()
        .into_iter()
        .filter(|k| matches!(omfang, Styringsomfang::Alle) || matches!(omfang, Styringsomfang::Embete(e) if e == k))
        .map(|k| (k.to_owned(), Aldersfordeling { statsforvalter: k.to_owned(), ..Default::default() }))
        .collect();
    for a in aapne {
        let Some(f) = per.get_mut(&a.statsforvalter) else { continue };
        if idag > frist::maaldato(a.mottatt) {
            f.over_3_maaneder += a.antall;
        } else if idag > frist::forelopig_svar_frist(a.mottatt) {
            f.fra_1_til_3_maaneder += a.antall;
        } else {
            f.under_1_maaned += a.antall;
        }
    }
    let mut restanse = Vec::new();
    let mut maaned = restansestart(idag);
    while maaned <= idag {
        let kode = maaned.format("%Y-%m").to_string();
        // Open at the month's end: received by then and not decided by then.
        let n = flyt.iter().filter(|f| f.mottatt <= kode && f.avgjort.as_ref().is_none_or(|a| *a > kode)).map(|f| f.antall).sum();
        restanse.push((kode, n));
        maaned = maaned.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
    }
    let per_statsforvalter: Vec<Aldersfordeling> = per.into_values().collect();
    let forbi_maal = per_statsforvalter.iter().map(|f| f.over_3_maaneder).sum();
    Styringstall { per_statsforvalter, restanse, forbi_maal }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: i32, m: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(a, m, dag).unwrap()
    }

    #[test]
    fn ages_and_backlog() {
        let idag = d(2026, 11, 23);
        let aapne = [
            Aapne { statsforvalter: "agder".into(), mottatt: d(2026, 11, 1), antall: 2 },
            Aapne { statsforvalter: "agder".into(), mottatt: d(2026, 9, 1), antall: 1 },
            Aapne { statsforvalter: "agder".into(), mottatt: d(2026, 8, 23), antall: 4 },
            Aapne { statsforvalter: "vestland".into(), mottatt: d(2026, 1, 1), antall: 1 },
        ];
        let flyt = [
            Flyt { mottatt: "2025-12".into(), avgjort: Some("2026-02".into()), antall: 3 },
            Flyt { mottatt: "2026-11".into(), avgjort: None, antall: 2 },
        ];
        let s = styringstall(&Styringsomfang::Embete(Embetekode::ny("agder").unwrap()), &aapne, &flyt, idag);
        assert_eq!(s.per_statsforvalter.len(), 1);
        let a = &s.per_statsforvalter[0];
        // 23 August + 3 months is 23 November: on the day, still within.
        assert_eq!((a.under_1_maaned, a.fra_1_til_3_maaneder, a.over_3_maaneder), (2, 5, 0));
        assert_eq!(s.restanse.len(), 12);
        assert_eq!(s.restanse[0], ("2025-12".into(), 3));
        assert_eq!(s.restanse[2], ("2026-02".into(), 0));
        assert_eq!(s.restanse[11], ("2026-11".into(), 2));
        let alle = styringstall(&Styringsomfang::Alle, &aapne, &flyt, idag);
        assert_eq!(alle.per_statsforvalter.len(), 10);
        assert_eq!(alle.forbi_maal, 1);
    }
}
