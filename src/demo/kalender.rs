//! The calendar of the demo data: fixed dates, days forward and back, working days, and a
//! random working day in a span (with fewer in July, as in the field).

use chrono::{Datelike, Days, NaiveDate};

use super::tilfeldig::Tilfeldig;
use crate::domain::frist;

pub(super) fn dato(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(aar, maaned, dag).expect("a valid date")
}

pub(super) fn pluss(d: NaiveDate, dager: u64) -> NaiveDate {
    d + Days::new(dager)
}

pub(super) fn minus(d: NaiveDate, dager: u64) -> NaiveDate {
    d - Days::new(dager)
}

/// Letters are received and sent on working days.
pub(super) fn virkedag_fram(d: NaiveDate) -> NaiveDate {
    frist::forskyv_til_virkedag(d)
}

pub(super) fn virkedag_tilbake(d: NaiveDate) -> NaiveDate {
    let mut dag = d;
    while !frist::er_virkedag(dag) {
        dag = dag.pred_opt().expect("a date after the beginning of time");
    }
    dag
}

/// A working day in `fra..=til`, with fewer in July (the fellesferie).
pub(super) fn dag_i(rng: &mut Tilfeldig, fra: NaiveDate, til: NaiveDate) -> NaiveDate {
    let spenn = (til - fra).num_days().unsigned_abs();
    loop {
        let dag = pluss(fra, rng.tall(0, spenn));
        if dag.month() == 7 && rng.sjanse(60) {
            continue;
        }
        let fram = virkedag_fram(dag);
        return if fram <= til { fram } else { virkedag_tilbake(dag) };
    }
}

/// Age in whole years on a day, counted as the form counts it.
pub(super) fn alder(foedt: NaiveDate, dag: NaiveDate) -> u32 {
    let mut aar = dag.year() - foedt.year();
    if (dag.month(), dag.day()) < (foedt.month(), foedt.day()) {
        aar -= 1;
    }
    aar.unsigned_abs()
}

pub(super) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
