//! A step applied to a case: the state machine's transition (`domain::status`) together with
//! everything it changes on the case (the dates, the outcome, the proposal and who made it)
//! and the history entry it writes. The domain decides all of it in [`ta_steg`]; the
//! repository (`db::klager::utfoer_steg`) only gives the case a number when the change asks
//! for one, and persists the change.

use chrono::{Datelike, NaiveDate};

use super::historikk::{Endringer, Endringsfelt};
use super::id::BrukerId;
use super::klage::{Klage, Steg};
use super::kode::Utfall;
use super::status::{Handling, Status, Tilstand, UlovligOvergang};
use super::tilgang::{Aktoer, StegNekt};

/// Why a step cannot be taken. Nothing changes in any of these cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stegfeil {
    /// The step needs a note saying why (`Tilstand::krever_notat`).
    ManglerNotat,
    /// The step is not allowed from the case's status.
    Ulovlig(UlovligOvergang),
    /// A rule of `domain::tilgang` refuses this actor the step.
    Nektet(StegNekt),
    /// The step is dated before something that already happened in the case.
    DatoForTidlig(NaiveDate),
}

/// What a step changes: the case's fields after it, and the history entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stegendring {
    /// The state before and after.
    pub fra: Tilstand,
    pub til: Tilstand,
    /// The outcome stored on the case: only a decided case has one.
    pub utfall: Option<Utfall>,
    pub mottatt_statsforvalter: Option<NaiveDate>,
    pub avgjort_dato: Option<NaiveDate>,
    pub avsluttet_kommune_dato: Option<NaiveDate>,
    pub delvis_medhold: bool,
    /// The proposed outcome, only while it waits for approval.
    pub foreslaatt_utfall: Option<Utfall>,
    /// Who proposed the decision: stays on the case so that they cannot approve it.
    pub foreslaatt_av: Option<BrukerId>,
    /// Who approved it (set once; `None` leaves it as it was).
    pub godkjent_av: Option<BrukerId>,
    /// The case reaches the governor without a case number: the repository gives it the next
    /// number of this year at the case's office, and adds it to the history.
    pub nytt_saksnummer_aar: Option<i32>,
    /// The history entry's changes.
    pub endring: Endringer,
}

/// Applies `steg` to `klage` as `aktoer`: every rule of a step in one place, in the order the
/// user is told about them (a missing note, an illegal step, a step this actor may not take,
/// a date before the case's last).
pub fn ta_steg(klage: &Klage, aktoer: &Aktoer, steg: &Steg) -> Result<Stegendring, Stegfeil> {
    if klage.tilstand.krever_notat(steg.handling) && steg.notat.trim().is_empty() {
        return Err(Stegfeil::ManglerNotat);
    }
    let overgang = klage.tilstand.utfoer(steg.handling).map_err(Stegfeil::Ulovlig)?;
    aktoer.vurder_steg(steg.handling, klage).map_err(Stegfeil::Nektet)?;
    // A step cannot be dated before what already happened in the case.
    let siste_dato = [klage.foerst_mottatt(), klage.mottatt_statsforvalter, klage.avsluttet_kommune_dato].into_iter().flatten().max();
    if let Some(siste) = siste_dato.filter(|siste| steg.dato < *siste) {
        return Err(Stegfeil::DatoForTidlig(siste));
    }

    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut endring = Endringer::new();
    endring.insert(Endringsfelt::Status, overgang.til.status.kode().to_owned());
    let mut mottatt_statsforvalter = klage.mottatt_statsforvalter;
    let mut nytt_saksnummer_aar = None;
    if overgang.naar_statsforvalteren {
        if mottatt_statsforvalter.is_none() {
            mottatt_statsforvalter = Some(steg.dato);
            endring.insert(Endringsfelt::MottattStatsforvalter, iso(steg.dato));
        }
        if klage.saksnummer.is_none() {
            nytt_saksnummer_aar = Some(steg.dato.year());
        }
    }
    let avgjort_dato = match overgang.til.status {
        Status::Avgjort => Some(steg.dato),
        _ => klage.avgjort_dato,
    };
    let avsluttet_kommune_dato = match overgang.til.status {
        Status::MedholdHosKommunen | Status::AvvistAvKommunen | Status::TrukketHosKommunen => Some(steg.dato),
        _ => klage.avsluttet_kommune_dato,
    };
    // Only a decided case has an outcome in `utfall`; the decision date is the day the
    // approved decision is sent.
    let utfall = overgang.til.utfall.filter(|_| overgang.til.status == Status::Avgjort);
    if let Some(utfall) = utfall {
        endring.insert(Endringsfelt::Utfall, utfall.kode().to_owned());
        endring.insert(Endringsfelt::AvgjortDato, iso(steg.dato));
    }
    // The proposal: who made it stays on the case (so they cannot approve it), the proposed
    // outcome only while it waits.
    let bruker_id = aktoer.bruker().map(|b| b.id);
    let (foreslaatt_utfall, foreslaatt_av, godkjent_av) = match steg.handling {
        Handling::ForeslaaVedtak { .. } => (overgang.til.utfall, bruker_id, None),
        Handling::Godkjenn => (None, klage.foreslaatt_av, bruker_id),
        Handling::SendTilbake => (None, None, None),
        _ => (None, klage.foreslaatt_av, None),
    };
    if let Some(utfall) = foreslaatt_utfall {
        endring.insert(Endringsfelt::ForeslaattUtfall, utfall.kode().to_owned());
    }
    let delvis_medhold = match steg.handling {
        Handling::Oversend { delvis_medhold } => {
            if delvis_medhold {
                endring.insert(Endringsfelt::DelvisMedhold, "ja".to_owned());
            }
            delvis_medhold
        }
        _ => klage.delvis_medhold,
    };
    Ok(Stegendring {
        fra: klage.tilstand,
        til: overgang.til,
        utfall,
        mottatt_statsforvalter,
        avgjort_dato,
        avsluttet_kommune_dato,
        delvis_medhold,
        foreslaatt_utfall,
        foreslaatt_av,
        godkjent_av,
        nytt_saksnummer_aar,
        endring,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::klage::testsak;

    fn d(dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, dag).unwrap()
    }

    fn steg(handling: Handling, dato: NaiveDate, notat: &str) -> Steg {
        Steg { dato, handling, notat: notat.into() }
    }

    const SYSTEMET: Aktoer = Aktoer::Systemet(crate::domain::tilgang::Systemaktoer::demodata());

    #[test]
    fn forwarding_brings_the_case_to_the_governor_who_numbers_it() {
        let mut klage = testsak(Status::ForberedendeBehandling, None, None);
        klage.mottatt_kommune = Some(d(1));
        let e = ta_steg(&klage, &SYSTEMET, &steg(Handling::Oversend { delvis_medhold: true }, d(5), "Kommunens uttalelse")).unwrap();
        assert_eq!(e.til.status, Status::UnderVurdering);
        assert_eq!(e.mottatt_statsforvalter, Some(d(5)));
        assert_eq!(e.nytt_saksnummer_aar, Some(2026));
        assert!(e.delvis_medhold);
        let endring: Vec<(Endringsfelt, &str)> = e.endring.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            endring,
            [
                (Endringsfelt::DelvisMedhold, "ja"),
                (Endringsfelt::MottattStatsforvalter, "2026-10-05"),
                (Endringsfelt::Status, "under_vurdering")
            ]
        );
    }

    #[test]
    fn a_proposal_keeps_its_outcome_apart_until_approval() {
        let mut klage = testsak(Status::UnderVurdering, None, None);
        klage.mottatt_kommune = Some(d(1));
        let e = ta_steg(&klage, &SYSTEMET, &steg(Handling::ForeslaaVedtak { utfall: Utfall::Endret }, d(9), "Begrunnelse")).unwrap();
        assert_eq!((e.til.status, e.utfall, e.foreslaatt_utfall), (Status::TilGodkjenning, None, Some(Utfall::Endret)));
        assert_eq!(e.avgjort_dato, None);

        let mut til_godkjenning = testsak(Status::TilGodkjenning, Some(Utfall::Endret), Some(10));
        til_godkjenning.mottatt_kommune = Some(d(1));
        let e = ta_steg(&til_godkjenning, &SYSTEMET, &steg(Handling::Godkjenn, d(12), "")).unwrap();
        assert_eq!((e.til.status, e.utfall, e.avgjort_dato), (Status::Avgjort, Some(Utfall::Endret), Some(d(12))));
        assert_eq!((e.foreslaatt_utfall, e.foreslaatt_av), (None, Some(BrukerId(10))), "the proposer stays on the case");
    }

    #[test]
    fn refusals_come_in_the_order_the_user_is_told() {
        let mut klage = testsak(Status::TilGodkjenning, Some(Utfall::Endret), Some(10));
        klage.mottatt_kommune = Some(d(10));
        // A withdrawal of a waiting proposal needs a note, before anything else is checked.
        assert_eq!(ta_steg(&klage, &SYSTEMET, &steg(Handling::Trekk, d(1), " ")), Err(Stegfeil::ManglerNotat));
        assert!(matches!(ta_steg(&klage, &SYSTEMET, &steg(Handling::Avvis, d(1), "x")), Err(Stegfeil::Ulovlig(_))));
        assert_eq!(ta_steg(&klage, &SYSTEMET, &steg(Handling::Trekk, d(9), "trukket")), Err(Stegfeil::DatoForTidlig(d(10))));
        assert!(ta_steg(&klage, &SYSTEMET, &steg(Handling::Trekk, d(10), "trukket")).is_ok());
    }
}
