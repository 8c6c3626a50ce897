//! Norwegian civil time: which calendar day it is in Europe/Oslo.
//!
//! Dates in the register (received, decided) are Norwegian calendar days, while the clock and
//! the audit trail run in UTC. Norway follows the EU rule: CEST (UTC+2) from the last Sunday of
//! March 01:00 UTC to the last Sunday of October 01:00 UTC, CET (UTC+1) otherwise. Computing it
//! here spares a time-zone database in the browser build.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};

fn siste_soendag(aar: i32, maaned: u32) -> NaiveDate {
    let foerste_i_neste = if maaned == 12 { NaiveDate::from_ymd_opt(aar + 1, 1, 1) } else { NaiveDate::from_ymd_opt(aar, maaned + 1, 1) }
        .expect("a valid month");
    let siste = foerste_i_neste - Duration::days(1);
    let tilbake = siste.weekday().num_days_from_sunday();
    siste - Duration::days(i64::from(tilbake))
}

/// Offset from UTC in hours at a given instant.
pub fn oslo_utc_forskyvning(tid: DateTime<Utc>) -> i64 {
    let aar = tid.year();
    let kl1 = NaiveTime::from_hms_opt(1, 0, 0).expect("01:00");
    let start = siste_soendag(aar, 3).and_time(kl1).and_utc();
    let slutt = siste_soendag(aar, 10).and_time(kl1).and_utc();
    if tid >= start && tid < slutt {
        2
    } else {
        1
    }
}

/// The calendar day in Norway at a given instant.
pub fn oslo_dato(tid: DateTime<Utc>) -> NaiveDate {
    (tid + Duration::hours(oslo_utc_forskyvning(tid))).date_naive()
}

/// Norwegian date format: 19.09.2023.
pub fn norsk_dato(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Is this a Sunday? (Used by tests of the DST rule.)
pub fn er_soendag(d: NaiveDate) -> bool {
    d.weekday() == Weekday::Sun
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn summer_and_winter_time_change_the_day_near_midnight() {
        // 2026: CEST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(siste_soendag(2026, 3), NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        assert!(er_soendag(siste_soendag(2026, 10)));
        assert_eq!(oslo_dato(utc("2026-06-30T22:30:00Z")), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(oslo_dato(utc("2026-06-30T21:30:00Z")), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        assert_eq!(oslo_dato(utc("2026-12-31T23:30:00Z")), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(oslo_dato(utc("2026-12-31T22:30:00Z")), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(oslo_utc_forskyvning(utc("2026-03-29T00:59:00Z")), 1);
        assert_eq!(oslo_utc_forskyvning(utc("2026-03-29T01:00:00Z")), 2);
        assert_eq!(oslo_utc_forskyvning(utc("2026-10-25T01:00:00Z")), 1);
    }

    #[test]
    fn norwegian_date_format() {
        assert_eq!(norsk_dato(NaiveDate::from_ymd_opt(2023, 9, 19).unwrap()), "19.09.2023");
    }
}
