//! Deadlines (frister) in a complaint case, counted as Norwegian law counts them.
//!
//! - The complaint deadline (klagefrist) is **4 weeks** from when the complainant knew or should
//!   have known of the decision (pasient- og brukerrettighetsloven § 7-5, which overrides the
//!   3 weeks of forvaltningsloven). It is counted as in domstolloven §§ 148-149, applied by
//!   analogy: a deadline in weeks ends on the same weekday, and a deadline that ends on a
//!   Saturday, Sunday or public holiday moves to the next working day.
//! - A late complaint may still be heard (fvl § 31), but never when more than **one year** has
//!   passed since the decision (fvl § 31 third paragraph). Both are flagged, not decided, here:
//!   the case officer makes the call.
//! - The governor owes an interim reply (foreløpig svar) when a case cannot be answered within
//!   **one month** of receipt (fvl § 11 a), and aims to close cases within **three months**.
//!
//! Nothing here reads the clock: every date comes in as an argument, so the same rules run in
//! the browser, on the server and in tests, and give the same answer on every day of the year.
//! Nothing here panics either: at the far edge of the calendar (chrono's limit, about
//! year 262 000) date arithmetic saturates at the last representable date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Easter Sunday in the given year, by the Gregorian computus (the "anonymous Gregorian
/// algorithm" of Meeus/Jones/Butcher). Every movable Norwegian holiday hangs off this date.
///
/// Euclidean division is used throughout so that negative (proleptic) years give a date in
/// March or April instead of garbage; a year outside chrono's range gets the nearest date it
/// can represent rather than a panic.
pub fn paaskedag(aar: i32) -> NaiveDate {
    let a = aar.rem_euclid(19); // place in the 19-year Metonic cycle (the golden number - 1)
    let b = aar.div_euclid(100); // century
    let c = aar.rem_euclid(100); // year within the century
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3); // lunar correction
    let h = (19 * a + b - d - g + 15).rem_euclid(30); // epact: days from 21 March to the full moon
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7); // days from the full moon to Sunday
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let maaned = n / 31; // 3 or 4
    let dag = n % 31 + 1;
    // `maaned` and `dag` are always small and positive here, so the casts cannot wrap.
    NaiveDate::from_ymd_opt(aar, maaned as u32, dag as u32).unwrap_or(if aar < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// Whether `d` is a Norwegian public holiday (helligdag or lovbestemt høytidsdag, lov om
/// helligdager og helligdagsfred § 2 and the 1 May / 17 May act).
///
/// Sundays in general are not listed here (that is [`er_virkedag`]'s business); Easter Sunday
/// and Whit Sunday are, because they are holidays in their own right. Christmas Eve and
/// New Year's Eve are **not** public holidays, even if many offices close early.
pub fn er_helligdag(d: NaiveDate) -> bool {
    let fast = matches!((d.month(), d.day()), (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26));
    if fast {
        return true;
    }
    // The movable holidays are a fixed number of days from Easter Sunday of the same year.
    // Subtracting two dates never panics, unlike adding days to one.
    let fra_paaske = (d - paaskedag(d.year())).num_days();
    matches!(
        fra_paaske,
        -3 // skjærtorsdag (Maundy Thursday)
        | -2 // langfredag (Good Friday)
        | 0 // første påskedag
        | 1 // andre påskedag
        | 39 // Kristi himmelfartsdag (Ascension Day)
        | 49 // første pinsedag (Whit Sunday)
        | 50 // andre pinsedag (Whit Monday)
    )
}

/// A working day: not a Saturday, not a Sunday and not a public holiday.
pub fn er_virkedag(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !er_helligdag(d)
}

/// `d` itself if it is a working day, otherwise the next working day (domstolloven § 148
/// second paragraph: a deadline that ends on a closed day ends on the next working day).
pub fn forskyv_til_virkedag(d: NaiveDate) -> NaiveDate {
    let mut dag = d;
    // At most five closed days follow each other (skjærtorsdag to andre påskedag), so this loop
    // is short; `succ_opt` only fails on chrono's very last date, where we stop.
    while !er_virkedag(dag) {
        match dag.succ_opt() {
            Some(neste) => dag = neste,
            None => break,
        }
    }
    dag
}

/// Adds calendar days, saturating at chrono's last date instead of panicking.
fn pluss_dager(d: NaiveDate, dager: u64) -> NaiveDate {
    d.checked_add_days(Days::new(dager)).unwrap_or(NaiveDate::MAX)
}

/// Adds calendar months the way the law counts them: the same day of the month, or the last
/// day of a shorter month (31 January + 1 month = 28 or 29 February). Saturates at chrono's
/// last date instead of panicking.
fn pluss_maaneder(d: NaiveDate, maaneder: u32) -> NaiveDate {
    d.checked_add_months(Months::new(maaneder)).unwrap_or(NaiveDate::MAX)
}

/// The complaint deadline (pbrl § 7-5): 4 weeks after the day the complainant knew or should
/// have known of the decision. A deadline in weeks ends on the same weekday (domstolloven
/// § 149), i.e. 28 days later, and moves to the next working day if that is a closed day.
pub fn klagefrist(kjent: NaiveDate) -> NaiveDate {
    forskyv_til_virkedag(pluss_dager(kjent, 28))
}

/// The date by which an interim reply (foreløpig svar) is owed if the case is not decided:
/// one calendar month after the governor received it (fvl § 11 a third paragraph).
/// This is an internal target for the office, not a deadline for a party, so it is not moved
/// past weekends.
pub fn forelopig_svar_frist(mottatt_sf: NaiveDate) -> NaiveDate {
    pluss_maaneder(mottatt_sf, 1)
}

/// The service target: the case should be closed within three calendar months of receipt by
/// the governor (at least 90 % of cases). Like the interim reply, not moved past weekends.
pub fn maaldato(mottatt_sf: NaiveDate) -> NaiveDate {
    pluss_maaneder(mottatt_sf, 3)
}

/// The absolute limit of fvl § 31 third paragraph: a complaint can never be heard when more
/// than one year has passed since the decision. A decision of 29 February has its anniversary
/// on 28 February.
pub fn absolutt_grense(vedtaksdato: NaiveDate) -> NaiveDate {
    pluss_maaneder(vedtaksdato, 12)
}

/// The deadline check shown to the case officer when a complaint is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fristvurdering {
    /// The last day for complaining, or `None` when there is no decision and so no deadline.
    pub klagefrist: Option<NaiveDate>,
    /// Received after the complaint deadline: may still be heard under fvl § 31.
    pub for_sent: bool,
    /// Received more than one year after the decision: can never be heard (fvl § 31 third
    /// paragraph).
    pub over_absolutt_grense: bool,
}

/// Checks a complaint's dates against the deadlines.
///
/// `vedtaksdato` `None` = complaint about an omission: no deadline runs, nothing flagged.
/// The klagefrist runs from `kjent_dato`, or from `vedtaksdato` when `kjent_dato` is unknown
/// (the decision date is the earliest the complainant can have known, so this is the strict
/// reading; the officer can correct it once the date of service is known).
/// `for_sent`: `foerst_mottatt` > klagefrist. `over_absolutt_grense`: `foerst_mottatt` >
/// `absolutt_grense(vedtaksdato)`. `foerst_mottatt` is the earliest date the complaint reached
/// a public body (municipality or governor). fvl § 30 also treats a complaint posted before the
/// deadline as in time; that is for the officer to weigh, so this only flags.
pub fn vurder(vedtaksdato: Option<NaiveDate>, kjent_dato: Option<NaiveDate>, foerst_mottatt: NaiveDate) -> Fristvurdering {
    let Some(vedtak) = vedtaksdato else {
        // A plan that drags on or a coordinator never appointed is not a decision: there is
        // nothing for a deadline to run from (DOMAIN.md, "How a complaint moves").
        return Fristvurdering { klagefrist: None, for_sent: false, over_absolutt_grense: false };
    };
    let frist = klagefrist(kjent_dato.unwrap_or(vedtak));
    Fristvurdering {
        klagefrist: Some(frist),
        for_sent: foerst_mottatt > frist,
        over_absolutt_grense: foerst_mottatt > absolutt_grense(vedtak),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dato(aar: i32, maaned: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(aar, maaned, dag).expect("gyldig testdato")
    }

    #[test]
    fn paaskedag_kjente_aar() {
        // Published Easter Sundays (almanac), checked against the computus by hand for 2024:
        // a=2024 mod 19=10, b=20, c=24, d=5, e=0, f=1, g=6, h=(190+20-5-6+15) mod 30=214 mod 30=4,
        // i=6, k=0, l=(32+0+12-4-0) mod 7=40 mod 7=5, m=(10+44+110)/451=0,
        // n=4+5+114=123 -> month 123/31=3, day 123 mod 31+1=31: 31 March 2024.
        assert_eq!(paaskedag(2024), dato(2024, 3, 31));
        assert_eq!(paaskedag(2025), dato(2025, 4, 20));
        assert_eq!(paaskedag(2026), dato(2026, 4, 5));
        assert_eq!(paaskedag(2027), dato(2027, 3, 28));
        assert_eq!(paaskedag(2019), dato(2019, 4, 21));
        assert_eq!(paaskedag(2023), dato(2023, 4, 9));
        assert_eq!(paaskedag(2000), dato(2000, 4, 23));
        // The extremes: the latest possible Easter (25 April) and the earliest (22 March).
        assert_eq!(paaskedag(2038), dato(2038, 4, 25));
        assert_eq!(paaskedag(2285), dato(2285, 3, 22));
        // Always a Sunday, and never panics even far outside any sensible range.
        for aar in 1583..2500 {
            assert_eq!(paaskedag(aar).weekday(), Weekday::Sun, "år {aar}");
        }
        let _ = paaskedag(i32::MIN);
        let _ = paaskedag(i32::MAX);
    }

    #[test]
    fn helligdager_2025() {
        // Easter Sunday 2025 is 20 April.
        assert!(er_helligdag(dato(2025, 4, 17))); // skjærtorsdag = Easter - 3
        assert!(er_helligdag(dato(2025, 4, 18))); // langfredag = Easter - 2
        assert!(er_helligdag(dato(2025, 4, 20))); // første påskedag
        assert!(er_helligdag(dato(2025, 4, 21))); // andre påskedag = Easter + 1
        assert!(er_helligdag(dato(2025, 5, 29))); // Ascension: 20 Apr + 10 = 30 Apr, + 29 = 29 May
        assert!(er_helligdag(dato(2025, 6, 8))); // Whit Sunday: 29 May + 10
        assert!(er_helligdag(dato(2025, 6, 9))); // Whit Monday
        assert!(er_helligdag(dato(2025, 1, 1)));
        assert!(er_helligdag(dato(2025, 5, 1)));
        assert!(er_helligdag(dato(2025, 5, 17)));
        assert!(er_helligdag(dato(2025, 12, 25)));
        assert!(er_helligdag(dato(2025, 12, 26)));
        // Not holidays: Easter Saturday, Wednesday before Easter, Christmas and New Year's Eve,
        // the day after Ascension, an ordinary Tuesday.
        assert!(!er_helligdag(dato(2025, 4, 19)));
        assert!(!er_helligdag(dato(2025, 4, 16)));
        assert!(!er_helligdag(dato(2025, 12, 24)));
        assert!(!er_helligdag(dato(2025, 12, 31)));
        assert!(!er_helligdag(dato(2025, 5, 30)));
        assert!(!er_helligdag(dato(2025, 3, 4)));
    }

    #[test]
    fn virkedager() {
        assert!(er_virkedag(dato(2025, 3, 4))); // a Tuesday
        assert!(!er_virkedag(dato(2025, 3, 8))); // a Saturday
        assert!(!er_virkedag(dato(2025, 3, 9))); // a Sunday
        assert!(!er_virkedag(dato(2025, 5, 1))); // Thursday, but 1 May
        assert!(er_virkedag(dato(2025, 12, 24))); // Christmas Eve is a working day

        // No panic at the edges of chrono's calendar.
        let _ = er_virkedag(NaiveDate::MAX);
        let _ = er_virkedag(NaiveDate::MIN);
        assert_eq!(forskyv_til_virkedag(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn vanlig_hverdag_blir_staaende() {
        // 1 Jan 2025 is a Wednesday, so 3 March (61 days later, 61 mod 7 = 5) is a Monday.
        // 3 Mar + 28 = 31 Mar 2025, a Monday and no holiday (Easter is 20 April).
        assert_eq!(klagefrist(dato(2025, 3, 3)), dato(2025, 3, 31));
        assert_eq!(forskyv_til_virkedag(dato(2025, 3, 31)), dato(2025, 3, 31));
    }

    #[test]
    fn lordag_og_sondag_flyttes_til_mandag() {
        // Easter 2025 is Sunday 20 April, so 5 April (15 days = 2 weeks + 1 day earlier) is a
        // Saturday. Known Saturday 8 March + 28 = Saturday 5 April -> Monday 7 April.
        assert_eq!(klagefrist(dato(2025, 3, 8)), dato(2025, 4, 7));
        // Known Sunday 9 March + 28 = Sunday 6 April -> Monday 7 April.
        assert_eq!(klagefrist(dato(2025, 3, 9)), dato(2025, 4, 7));
    }

    #[test]
    fn paasken_flytter_til_tirsdag_etter_paaske() {
        // Easter 2025: Thu 17 (skjærtorsdag), Fri 18 (langfredag), Sat 19, Sun 20, Mon 21
        // (andre påskedag) are all closed, so the first working day is Tuesday 22 April.
        // 20 Mar + 28: 20 Mar + 11 = 31 Mar, + 17 = 17 Apr (skjærtorsdag).
        assert_eq!(klagefrist(dato(2025, 3, 20)), dato(2025, 4, 22));
        // 21 Mar + 28 = 18 Apr (langfredag).
        assert_eq!(klagefrist(dato(2025, 3, 21)), dato(2025, 4, 22));
        // 24 Mar + 28 = 21 Apr (andre påskedag).
        assert_eq!(klagefrist(dato(2025, 3, 24)), dato(2025, 4, 22));
        // Same in 2024 (Easter 31 March: Thu 28 Mar - Mon 1 Apr closed -> Tue 2 Apr).
        // 29 Feb 2024 + 28: 29 Feb + 28 = 28 Mar (leap year: Feb has 29 days, so +1 = 1 Mar,
        // +27 = 28 Mar), skjærtorsdag.
        assert_eq!(klagefrist(dato(2024, 2, 29)), dato(2024, 4, 2));
    }

    #[test]
    fn kristi_himmelfart() {
        // Ascension 2025 = 29 May (Thursday). 1 May + 28 = 29 May -> Friday 30 May.
        assert_eq!(klagefrist(dato(2025, 5, 1)), dato(2025, 5, 30));
    }

    #[test]
    fn andre_pinsedag() {
        // Whit Monday 2025 = Easter + 50 = 9 June. 12 May + 28: 12 May + 19 = 31 May, + 9 =
        // 9 June -> Tuesday 10 June.
        assert_eq!(klagefrist(dato(2025, 5, 12)), dato(2025, 6, 10));
    }

    #[test]
    fn syttende_mai() {
        // 2024: 1 Jan is a Monday; 17 May is day 31+29+31+30+17 = 138, 137 days after
        // 1 Jan, 137 mod 7 = 4 -> Friday. 18/19 May are the weekend (19 May is also Whit
        // Sunday: 31 Mar + 49), and 20 May is Whit Monday, so the deadline is Tuesday 21 May.
        // 19 Apr + 28: 19 Apr + 11 = 30 Apr, + 17 = 17 May.
        assert_eq!(klagefrist(dato(2024, 4, 19)), dato(2024, 5, 21));
        // 2023: 17 May is a Wednesday, and 18 May is Ascension (9 Apr + 39: 9 Apr + 21 =
        // 30 Apr, + 18 = 18 May), so the deadline is Friday 19 May 2023.
        assert_eq!(klagefrist(dato(2023, 4, 19)), dato(2023, 5, 19));
    }

    #[test]
    fn jul() {
        // 25 Dec 2025 is a Thursday (25 Dec 2024 was a Wednesday, 2025 has 365 days).
        // 25 and 26 Dec are holidays, 27/28 the weekend -> Monday 29 Dec 2025.
        // 27 Nov + 28: 27 Nov + 3 = 30 Nov, + 25 = 25 Dec.
        assert_eq!(klagefrist(dato(2025, 11, 27)), dato(2025, 12, 29));
        // 28 Nov + 28 = 26 Dec (Friday, 2. juledag) -> Monday 29 Dec.
        assert_eq!(klagefrist(dato(2025, 11, 28)), dato(2025, 12, 29));
        // 26 Nov + 28 = 24 Dec: Christmas Eve is a working day and stays.
        assert_eq!(klagefrist(dato(2025, 11, 26)), dato(2025, 12, 24));
    }

    #[test]
    fn nyttaar() {
        // 1 Jan 2026 is a Thursday (1 Jan 2025 was a Wednesday) -> Friday 2 Jan 2026.
        // 4 Dec + 28: 4 Dec + 27 = 31 Dec, + 1 = 1 Jan.
        assert_eq!(klagefrist(dato(2025, 12, 4)), dato(2026, 1, 2));
        // 1 Jan 2028 is a Saturday (1 Jan 2027 a Friday, 2027 has 365 days): Sat, Sun ->
        // Monday 3 Jan 2028. 4 Dec 2027 + 28 = 1 Jan 2028.
        assert_eq!(klagefrist(dato(2027, 12, 4)), dato(2028, 1, 3));
    }

    #[test]
    fn maanedsfrister() {
        // One calendar month; the end of a shorter month when the day does not exist.
        assert_eq!(forelopig_svar_frist(dato(2025, 3, 14)), dato(2025, 4, 14));
        assert_eq!(forelopig_svar_frist(dato(2025, 1, 31)), dato(2025, 2, 28));
        assert_eq!(forelopig_svar_frist(dato(2024, 1, 31)), dato(2024, 2, 29));
        // Not moved past weekends: 14 Feb 2026 + 1 month = Saturday 14 March 2026.
        assert_eq!(forelopig_svar_frist(dato(2026, 2, 14)), dato(2026, 3, 14));
        assert_eq!(maaldato(dato(2025, 1, 15)), dato(2025, 4, 15));
        assert_eq!(maaldato(dato(2024, 11, 30)), dato(2025, 2, 28));
        assert_eq!(absolutt_grense(dato(2025, 3, 3)), dato(2026, 3, 3));
        assert_eq!(absolutt_grense(dato(2024, 2, 29)), dato(2025, 2, 28));
        // Saturates instead of panicking at the end of chrono's calendar.
        assert_eq!(absolutt_grense(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(klagefrist(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn vurder_unnlatelse() {
        // No decision: no deadline, nothing flagged, however late.
        let ingen = Fristvurdering { klagefrist: None, for_sent: false, over_absolutt_grense: false };
        assert_eq!(vurder(None, None, dato(2030, 1, 1)), ingen);
        assert_eq!(vurder(None, Some(dato(2020, 1, 1)), dato(2030, 1, 1)), ingen);
    }

    #[test]
    fn vurder_i_tide_paa_dagen_og_for_sent() {
        // Decision 3 Mar 2025, known Wednesday 5 Mar: 5 Mar + 26 = 31 Mar, + 2 = 2 Apr
        // (a Wednesday, no holiday).
        let vedtak = Some(dato(2025, 3, 3));
        let kjent = Some(dato(2025, 3, 5));
        let i_tide = vurder(vedtak, kjent, dato(2025, 3, 20));
        assert_eq!(i_tide.klagefrist, Some(dato(2025, 4, 2)));
        assert!(!i_tide.for_sent);
        assert!(!i_tide.over_absolutt_grense);
        // Received on the last day: in time.
        assert!(!vurder(vedtak, kjent, dato(2025, 4, 2)).for_sent);
        // One day later: late, but well within the year.
        let sent = vurder(vedtak, kjent, dato(2025, 4, 3));
        assert!(sent.for_sent);
        assert!(!sent.over_absolutt_grense);
    }

    #[test]
    fn vurder_forskjovet_frist_er_i_tide() {
        // Known 20 Mar 2025: the deadline lands on skjærtorsdag and moves to Tue 22 Apr.
        let v = vurder(Some(dato(2025, 3, 18)), Some(dato(2025, 3, 20)), dato(2025, 4, 22));
        assert_eq!(v.klagefrist, Some(dato(2025, 4, 22)));
        assert!(!v.for_sent);
    }

    #[test]
    fn vurder_absolutt_grense() {
        // Decision 3 Mar 2025: the year runs out on 3 Mar 2026.
        let vedtak = Some(dato(2025, 3, 3));
        let paa_dagen = vurder(vedtak, None, dato(2026, 3, 3));
        assert!(paa_dagen.for_sent);
        assert!(!paa_dagen.over_absolutt_grense);
        let over = vurder(vedtak, None, dato(2026, 3, 4));
        assert!(over.for_sent);
        assert!(over.over_absolutt_grense);
    }

    #[test]
    fn vurder_uten_kjent_dato_regner_fra_vedtaket() {
        // Decision Monday 3 Mar 2025: deadline 31 Mar 2025 (see vanlig_hverdag_blir_staaende).
        let vedtak = Some(dato(2025, 3, 3));
        let uten = vurder(vedtak, None, dato(2025, 4, 1));
        assert_eq!(uten.klagefrist, Some(dato(2025, 3, 31)));
        assert!(uten.for_sent);
        // With the later known date 5 Mar the same receipt is in time (deadline 2 Apr).
        let med = vurder(vedtak, Some(dato(2025, 3, 5)), dato(2025, 4, 1));
        assert_eq!(med.klagefrist, Some(dato(2025, 4, 2)));
        assert!(!med.for_sent);
    }
}
