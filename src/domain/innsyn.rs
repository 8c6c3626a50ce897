//! What a party outside the governor's office may see of a case (innsyn).
//!
//! The office's internal assessment, a proposed decision and the notes between the officer and
//! the leder who approves it are organinterne dokumenter (offentleglova § 14): never shown to
//! the municipality complained against or any other outside party, on any page, server function
//! or export. The municipality sees its own steps, what the office sends to it, and the
//! decision once it is sent. So, for an outsider:
//! - a case awaiting approval ([`Status::TilGodkjenning`]) is "under assessment", with no
//!   proposed outcome and no proposer;
//! - the history leaves out the internal steps (a proposal, a proposal sent back) and the
//!   approver's note, and shows a step out of the approval as one out of the assessment;
//! - filtering the case list by status works on the statuses the outsider sees;
//! - of the case file's documents, only those shared with the municipality or sent to the
//!   complainant, never an internal note (N) or internal document (X), and none marked
//!   "registrert feil" ([`ser_dokument`]).

use super::dokument::{Dokument, Synlighet};
use super::historikk::{Endringsfelt, Hendelsesart};
use super::klage::{Hendelse, Klage, SakRad};
use super::status::{Handling, Status, Tilstand};
use super::tilgang::{Omfang, Omfangsart};

/// Whether a user with this scope sees the office's internal work: only the office itself.
/// Everything below asks this, so the rule is decided here and nowhere else.
pub fn ser_internt_arbeid(omfang: &Omfang) -> bool {
    matches!(omfang.art(), Omfangsart::Statsforvalter(_))
}

/// Whether a user with this scope may see this document (in a list, on a page, in a server
/// function's answer or as a download): the one rule for all of them. The office sees all of
/// its case file; anyone else only what is shared with the municipality or sent to the
/// complainant, never an internal kind (N, X, whatever its stored visibility), and nothing
/// marked "registrert feil".
pub fn ser_dokument(omfang: &Omfang, d: &Dokument) -> bool {
    if ser_internt_arbeid(omfang) {
        return true;
    }
    !d.art.alltid_intern() && d.synlighet != Synlighet::Intern && d.registrert_feil_grunn.is_none()
}

/// The documents a user with this scope may see.
pub fn dokumenter_for(omfang: &Omfang, dokumenter: Vec<Dokument>) -> Vec<Dokument> {
    dokumenter.into_iter().filter(|d| ser_dokument(omfang, d)).collect()
}

/// The steps that are the office's internal work.
fn er_intern(art: Hendelsesart) -> bool {
    matches!(art, Hendelsesart::Steg(Handling::ForeslaaVedtak { .. } | Handling::SendTilbake))
}

/// A status as an outsider sees it.
pub fn status(s: Status) -> Status {
    match s {
        Status::TilGodkjenning => Status::UnderVurdering,
        annen => annen,
    }
}

fn tilstand(t: Tilstand) -> Tilstand {
    match t.status {
        Status::TilGodkjenning => Tilstand { status: Status::UnderVurdering, utfall: None },
        _ => t,
    }
}

/// The case as a user with this scope may see it.
pub fn klage_for(omfang: &Omfang, k: Klage) -> Klage {
    if ser_internt_arbeid(omfang) {
        k
    } else {
        klage(k)
    }
}

/// The history as a user with this scope may see it.
pub fn historikk_for(omfang: &Omfang, hendelser: Vec<Hendelse>) -> Vec<Hendelse> {
    if ser_internt_arbeid(omfang) {
        hendelser
    } else {
        historikk(hendelser)
    }
}

/// A row of the case list as a user with this scope may see it.
pub fn sakrad_for(omfang: &Omfang, r: SakRad) -> SakRad {
    if ser_internt_arbeid(omfang) {
        r
    } else {
        sakrad(r)
    }
}

/// The stored statuses a status filter matches for a user with this scope.
pub fn statuser_for(omfang: &Omfang, s: Status) -> Vec<Status> {
    if ser_internt_arbeid(omfang) {
        vec![s]
    } else {
        statuser_for_filter(s)
    }
}

/// The case as an outsider sees it.
fn klage(mut k: Klage) -> Klage {
    k.tilstand = tilstand(k.tilstand);
    k.foreslaatt_av = None;
    k.foreslaatt_av_navn = None;
    k
}

/// A row of the case list as an outsider sees it.
fn sakrad(mut r: SakRad) -> SakRad {
    r.tilstand = tilstand(r.tilstand);
    r
}

/// The history as an outsider sees it.
fn historikk(hendelser: Vec<Hendelse>) -> Vec<Hendelse> {
    hendelser
        .into_iter()
        .filter(|h| !er_intern(h.handling))
        .map(|mut h| {
            h.fra_status = h.fra_status.map(status);
            h.til_status = status(h.til_status);
            h.endring.retain(|felt, _| *felt != Endringsfelt::ForeslaattUtfall);
            // The approval's note is between the leder and the officer; the decision it sends
            // is shown.
            if h.handling == Hendelsesart::Steg(Handling::Godkjenn) {
                h.notat.clear();
            }
            h
        })
        .collect()
}

/// The stored statuses an outsider's status filter matches: "under assessment" covers a
/// proposal awaiting approval, and "awaiting approval" matches nothing (no case is in it, as
/// the outsider sees them).
fn statuser_for_filter(s: Status) -> Vec<Status> {
    match s {
        Status::UnderVurdering => vec![Status::UnderVurdering, Status::TilGodkjenning],
        Status::TilGodkjenning => Vec::new(),
        annen => vec![annen],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::historikk::Endringer;
    use chrono::{TimeZone, Utc};

    fn hendelse(handling: &str, fra: Option<Status>, til: Status, notat: &str) -> Hendelse {
        Hendelse {
            id: 1,
            tidspunkt: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            handling: Hendelsesart::fra_kode(handling).expect("a known code"),
            fra_status: fra,
            til_status: til,
            endring: Endringer::from([(Endringsfelt::ForeslaattUtfall, "endret".to_owned()), (Endringsfelt::Utfall, "endret".to_owned())]),
            notat: notat.to_owned(),
        }
    }

    #[test]
    fn an_outsider_never_sees_a_proposal_or_the_notes_around_it() {
        let historikk = historikk(vec![
            hendelse("oversend", Some(Status::ForberedendeBehandling), Status::UnderVurdering, "Kommunens uttalelse"),
            hendelse("foreslaa_vedtak", Some(Status::UnderVurdering), Status::TilGodkjenning, "INTERN vurdering"),
            hendelse("send_tilbake", Some(Status::TilGodkjenning), Status::UnderVurdering, "INTERN: se på fristen"),
            hendelse("godkjenn", Some(Status::TilGodkjenning), Status::Avgjort, "INTERN: godkjent"),
        ]);
        assert_eq!(historikk.iter().map(|h| h.handling.kode()).collect::<Vec<_>>(), ["oversend", "godkjenn"]);
        assert!(historikk.iter().all(|h| !h.notat.contains("INTERN")));
        assert!(historikk.iter().all(|h| h.fra_status != Some(Status::TilGodkjenning) && h.til_status != Status::TilGodkjenning));
        assert!(historikk.iter().all(|h| !h.endring.contains_key(&Endringsfelt::ForeslaattUtfall)));
        assert_eq!(historikk[1].endring.get(&Endringsfelt::Utfall).map(String::as_str), Some("endret"), "the decision once sent");
        assert_eq!(statuser_for_filter(Status::TilGodkjenning), Vec::<Status>::new());
        assert_eq!(statuser_for_filter(Status::UnderVurdering), [Status::UnderVurdering, Status::TilGodkjenning]);
        assert_eq!(status(Status::Avgjort), Status::Avgjort);
    }
}
