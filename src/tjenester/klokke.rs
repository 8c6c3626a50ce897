//! Where "now" comes from: the one injectable source of the current instant and of "today".
//!
//! Every handler, server function and command asks its [`Klokke`] and never the system clock,
//! so a test (or a demo) can pin the date: in-process tests use [`Klokke::Fast`], and a
//! process started by a test (the CLI, the server behind Playwright) is given
//! `KLAGESAK_IDAG=YYYY-MM-DD`, which `server::config::Konfig` reads and refuses in
//! production. This module is the only place that reads the system clock.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::domain::tid;

/// Where "now" comes from: the system clock, a fixed instant, or the system clock moved to
/// another day (time still passes, so sessions and login limits behave as in real use).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Klokke {
    System,
    Fast(DateTime<Utc>),
    Forskjoevet(Duration),
}

impl Klokke {
    /// A clock that says it is `idag` in Norway now, at 10:00 UTC (11:00 or 12:00 in Norway),
    /// and runs on from there: the date stays for at least eleven hours.
    /// `system_naa` is the system clock's reading at start-up.
    pub fn med_dato(idag: NaiveDate, system_naa: DateTime<Utc>) -> Klokke {
        let ti = NaiveTime::from_hms_opt(10, 0, 0).expect("10:00");
        let maal = idag.and_time(ti).and_utc();
        Klokke::Forskjoevet(maal - system_naa)
    }

    /// The system clock moved to `idag` (what `KLAGESAK_IDAG` asks for), from now on.
    pub fn flyttet_til(idag: NaiveDate) -> Klokke {
        Klokke::med_dato(idag, Utc::now())
    }

    pub fn naa(self) -> DateTime<Utc> {
        match self {
            Klokke::System => Utc::now(),
            Klokke::Fast(t) => t,
            Klokke::Forskjoevet(d) => Utc::now() + d,
        }
    }

    /// Today in Norway.
    pub fn idag(self) -> NaiveDate {
        tid::oslo_dato(self.naa())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dato(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_clock_moved_to_a_date_says_that_date_whatever_the_system_clock_says() {
        for system in ["2026-11-29T23:30:00Z", "2030-12-31T23:30:00Z", "2001-01-01T00:00:00Z"] {
            let system = DateTime::parse_from_rfc3339(system).unwrap().with_timezone(&Utc);
            let Klokke::Forskjoevet(d) = Klokke::med_dato(dato("2026-11-23"), system) else { panic!("moved clock") };
            // The moved instant, as the clock would give it at `system`.
            let naa = system + d;
            assert_eq!(tid::oslo_dato(naa), dato("2026-11-23"));
            // Eleven hours later it is still the same day in Norway.
            assert_eq!(tid::oslo_dato(naa + Duration::hours(11)), dato("2026-11-23"));
        }
    }

    #[test]
    fn a_fixed_clock_never_moves() {
        let t = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(Klokke::Fast(t).naa(), t);
        assert_eq!(Klokke::Fast(t).idag(), dato("2026-11-23"));
    }
}
