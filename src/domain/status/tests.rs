//! The state machine's unit and property tests: every step from every state.

use super::*;
use proptest::prelude::*;
use proptest::sample::select;

fn alle_handlinger() -> Vec<Handling> {
    Handling::alle()
}

/// The step as `tillatte_handlinger` lists it: partial medhold does not change where the
/// case goes, so forwarding is listed once.
fn uten_detaljer(handling: Handling) -> Handling {
    match handling {
        Handling::Oversend { .. } => Handling::Oversend { delvis_medhold: false },
        annen => annen,
    }
}

fn tilstand(status: Status) -> Tilstand {
    Tilstand { status, utfall: None }
}

fn avgjort(utfall: Utfall) -> Tilstand {
    Tilstand { status: Status::Avgjort, utfall: Some(utfall) }
}

fn til_godkjenning(utfall: Utfall) -> Tilstand {
    Tilstand { status: Status::TilGodkjenning, utfall: Some(utfall) }
}

/// Every legal step from every status, written out by hand from the law, with where it
/// leads. The state machine must agree with this table exactly.
fn lovlige_overganger() -> Vec<(Status, Handling, Tilstand)> {
    use Handling as H;
    use Status as S;
    let mut tabell = vec![
        (S::MottattHosStatsforvalter, H::SendTilKommunen, tilstand(S::ForberedendeBehandling)),
        (S::MottattHosStatsforvalter, H::Trekk, avgjort(Utfall::Trukket)),
        (S::ForberedendeBehandling, H::GiMedhold, tilstand(S::MedholdHosKommunen)),
        (S::ForberedendeBehandling, H::Avvis, tilstand(S::AvvistAvKommunen)),
        (S::ForberedendeBehandling, H::Oversend { delvis_medhold: false }, tilstand(S::UnderVurdering)),
        (S::ForberedendeBehandling, H::Oversend { delvis_medhold: true }, tilstand(S::UnderVurdering)),
        (S::ForberedendeBehandling, H::Trekk, tilstand(S::TrukketHosKommunen)),
        (S::AvvistAvKommunen, H::KlagPaaAvvisning, tilstand(S::UnderVurdering)),
        (S::UnderVurdering, H::BeOmOpplysninger, tilstand(S::VenterPaaKommunen)),
        (S::UnderVurdering, H::Trekk, avgjort(Utfall::Trukket)),
        (S::VenterPaaKommunen, H::SvarPaaOpplysninger, tilstand(S::UnderVurdering)),
        (S::VenterPaaKommunen, H::Trekk, avgjort(Utfall::Trukket)),
        // `gyldig` proposes "stadfestet"; approval sends exactly what was proposed.
        (S::TilGodkjenning, H::Godkjenn, avgjort(Utfall::Stadfestet)),
        (S::TilGodkjenning, H::SendTilbake, tilstand(S::UnderVurdering)),
        (S::TilGodkjenning, H::Trekk, avgjort(Utfall::Trukket)),
    ];
    for utfall in AVGJOERBARE_UTFALL {
        tabell.push((S::UnderVurdering, H::ForeslaaVedtak { utfall }, til_godkjenning(utfall)));
    }
    tabell
}

/// The state a status is normally in: decided cases need an outcome to be valid, and a
/// proposal a proposed outcome.
fn gyldig(status: Status) -> Tilstand {
    match status {
        Status::Avgjort => avgjort(Utfall::Stadfestet),
        Status::TilGodkjenning => til_godkjenning(Utfall::Stadfestet),
        _ => tilstand(status),
    }
}

#[test]
fn every_legal_transition_leads_where_the_law_says() {
    for (fra, handling, til) in lovlige_overganger() {
        let overgang = gyldig(fra).utfoer(handling).unwrap_or_else(|e| panic!("{fra:?} + {handling:?} refused: {e}"));
        assert_eq!(overgang.fra, gyldig(fra));
        assert_eq!(overgang.til, til, "{fra:?} + {handling:?}");
        assert!(overgang.til.er_gyldig());
    }
}

#[test]
fn every_transition_not_in_the_table_is_refused() {
    let tabell = lovlige_overganger();
    for &status in Status::ALLE {
        for handling in alle_handlinger() {
            let lovlig = tabell.iter().any(|(s, h, _)| *s == status && *h == handling);
            let resultat = gyldig(status).utfoer(handling);
            assert_eq!(resultat.is_ok(), lovlig, "{status:?} + {handling:?}");
            if let Err(feil) = resultat {
                assert_eq!(feil, UlovligOvergang { fra: status, handling });
            }
        }
    }
}

#[test]
fn a_sample_of_refused_steps() {
    let refusert = |status: Status, handling: Handling| gyldig(status).utfoer(handling).is_err();
    // The governor cannot decide before the municipality has done its review.
    assert!(refusert(Status::MottattHosStatsforvalter, Handling::ForeslaaVedtak { utfall: Utfall::Endret }));
    assert!(refusert(Status::ForberedendeBehandling, Handling::ForeslaaVedtak { utfall: Utfall::Stadfestet }));
    // Nor decide while waiting for the municipality's answer.
    assert!(refusert(Status::VenterPaaKommunen, Handling::ForeslaaVedtak { utfall: Utfall::Opphevet }));
    // "Trukket" is not a decision.
    assert!(refusert(Status::UnderVurdering, Handling::ForeslaaVedtak { utfall: Utfall::Trukket }));
    // Medhold and rejection belong to the municipality's review, not the governor's.
    assert!(refusert(Status::UnderVurdering, Handling::GiMedhold));
    assert!(refusert(Status::UnderVurdering, Handling::Avvis));
    // A rejection by the municipality is closed: it can be appealed, not withdrawn.
    assert!(refusert(Status::AvvistAvKommunen, Handling::Trekk));
    assert!(refusert(Status::AvvistAvKommunen, Handling::Oversend { delvis_medhold: false }));
    // Closed cases take nothing.
    assert!(refusert(Status::Avgjort, Handling::Trekk));
    assert!(refusert(Status::MedholdHosKommunen, Handling::Oversend { delvis_medhold: true }));
    assert!(refusert(Status::TrukketHosKommunen, Handling::KlagPaaAvvisning));
    // Approving what nobody proposed, or a proposal that is not there.
    assert!(refusert(Status::UnderVurdering, Handling::Godkjenn));
    assert!(tilstand(Status::TilGodkjenning).utfoer(Handling::Godkjenn).is_err());
    // While a proposal waits, no second proposal and no request for information.
    assert!(refusert(Status::TilGodkjenning, Handling::ForeslaaVedtak { utfall: Utfall::Endret }));
    assert!(refusert(Status::TilGodkjenning, Handling::BeOmOpplysninger));
    // Answering a question nobody asked.
    assert!(refusert(Status::UnderVurdering, Handling::SvarPaaOpplysninger));
}

#[test]
fn a_new_case_starts_where_it_arrived() {
    assert_eq!(Tilstand::ny(Mottaker::Kommunen), tilstand(Status::ForberedendeBehandling));
    assert_eq!(Tilstand::ny(Mottaker::Statsforvalteren), tilstand(Status::MottattHosStatsforvalter));
    assert!(Tilstand::ny(Mottaker::Kommunen).er_gyldig());
}

#[test]
fn validity_is_an_outcome_exactly_when_decided() {
    assert!(avgjort(Utfall::Endret).er_gyldig());
    assert!(!tilstand(Status::Avgjort).er_gyldig());
    assert!(!Tilstand { status: Status::UnderVurdering, utfall: Some(Utfall::Endret) }.er_gyldig());
    assert!(til_godkjenning(Utfall::Opphevet).er_gyldig());
    assert!(!tilstand(Status::TilGodkjenning).er_gyldig());
    assert!(!til_godkjenning(Utfall::Trukket).er_gyldig());
}

#[test]
fn a_stray_outcome_is_not_carried_over() {
    let skadet = Tilstand { status: Status::UnderVurdering, utfall: Some(Utfall::Endret) };
    let overgang = skadet.utfoer(Handling::BeOmOpplysninger).unwrap();
    assert_eq!(overgang.til, tilstand(Status::VenterPaaKommunen));
}

#[test]
fn reaching_the_governor_is_flagged_on_the_step_that_does_it() {
    let steg = |status: Status, handling: Handling| gyldig(status).utfoer(handling).unwrap().naar_statsforvalteren;
    assert!(steg(Status::ForberedendeBehandling, Handling::Oversend { delvis_medhold: false }));
    assert!(steg(Status::ForberedendeBehandling, Handling::Oversend { delvis_medhold: true }));
    assert!(steg(Status::AvvistAvKommunen, Handling::KlagPaaAvvisning));
    // Already there: sending back and forth for information does not count again.
    assert!(!steg(Status::VenterPaaKommunen, Handling::SvarPaaOpplysninger));
    assert!(!steg(Status::UnderVurdering, Handling::Trekk));
    assert!(!steg(Status::MottattHosStatsforvalter, Handling::SendTilKommunen));
    assert!(!steg(Status::ForberedendeBehandling, Handling::Trekk));
    assert!(!steg(Status::ForberedendeBehandling, Handling::GiMedhold));
}

#[test]
fn sides() {
    assert_eq!(Status::MottattHosStatsforvalter.side(), Side::Statsforvalter);
    assert_eq!(Status::ForberedendeBehandling.side(), Side::Kommune);
    assert_eq!(Status::VenterPaaKommunen.side(), Side::Kommune);
    assert_eq!(Status::UnderVurdering.side(), Side::Statsforvalter);
    assert_eq!(Status::Avgjort.side(), Side::Statsforvalter);
    assert_eq!(Handling::Trekk.side(Status::ForberedendeBehandling), Side::Kommune);
    assert_eq!(Handling::Trekk.side(Status::UnderVurdering), Side::Statsforvalter);
    assert_eq!(Handling::Trekk.side(Status::VenterPaaKommunen), Side::Kommune);
    assert_eq!(Handling::KlagPaaAvvisning.side(Status::AvvistAvKommunen), Side::Kommune);
    assert_eq!(Handling::SendTilKommunen.side(Status::MottattHosStatsforvalter), Side::Statsforvalter);
    // Every legal step except a withdrawal is taken by the side that has the case.
    for (fra, handling, _) in lovlige_overganger() {
        assert_eq!(handling.side(fra), fra.side(), "{fra:?} + {handling:?}");
    }
}

#[test]
fn open_and_at_the_governor() {
    let aapne: Vec<Status> = Status::ALLE.iter().copied().filter(|s| s.er_aapen()).collect();
    assert_eq!(
        aapne,
        [
            Status::MottattHosStatsforvalter,
            Status::ForberedendeBehandling,
            Status::UnderVurdering,
            Status::VenterPaaKommunen,
            Status::TilGodkjenning
        ]
    );
    let hos_sf: Vec<Status> = Status::ALLE.iter().copied().filter(|s| s.hos_statsforvalteren()).collect();
    assert_eq!(
        hos_sf,
        [Status::MottattHosStatsforvalter, Status::UnderVurdering, Status::VenterPaaKommunen, Status::TilGodkjenning, Status::Avgjort]
    );
}

#[test]
fn notes_are_required_where_the_law_wants_writing() {
    let med_notat: Vec<Handling> = alle_handlinger().into_iter().filter(|h| h.krever_notat()).collect();
    assert_eq!(med_notat.len(), 2 + 1 + Utfall::ALLE.len() + 1);
    assert!(Handling::SendTilbake.krever_notat());
    assert!(!Handling::Godkjenn.krever_notat());
    assert!(Handling::Oversend { delvis_medhold: true }.krever_notat());
    assert!(Handling::BeOmOpplysninger.krever_notat());
    assert!(Handling::ForeslaaVedtak { utfall: Utfall::Avvist }.krever_notat());
    assert!(!Handling::Trekk.krever_notat());
    assert!(!Handling::GiMedhold.krever_notat());
    // Withdrawing a proposal that awaits approval closes the case alone: say why.
    assert!(Tilstand { status: Status::TilGodkjenning, utfall: Some(Utfall::Endret) }.krever_notat(Handling::Trekk));
    assert!(!Tilstand { status: Status::UnderVurdering, utfall: None }.krever_notat(Handling::Trekk));
    assert!(Tilstand { status: Status::UnderVurdering, utfall: None }.krever_notat(Handling::BeOmOpplysninger));
}

#[test]
fn codes_match_serde_and_round_trip() {
    for &status in Status::ALLE {
        assert_eq!(Status::fra_kode(status.kode()), Some(status));
        assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{}\"", status.kode()));
    }
    assert_eq!(Status::fra_kode("ukjent"), None);
    for handling in alle_handlinger() {
        let json = serde_json::to_value(handling).unwrap();
        assert_eq!(json["handling"], handling.kode());
        assert_eq!(serde_json::from_value::<Handling>(json).unwrap(), handling);
    }
    assert_eq!(
        serde_json::to_string(&Handling::ForeslaaVedtak { utfall: Utfall::Endret }).unwrap(),
        r#"{"handling":"foreslaa_vedtak","utfall":"endret"}"#
    );
    assert_eq!(
        serde_json::to_string(&Handling::Oversend { delvis_medhold: true }).unwrap(),
        r#"{"handling":"oversend","delvis_medhold":true}"#
    );
    assert_eq!(serde_json::to_string(&avgjort(Utfall::Opphevet)).unwrap(), r#"{"status":"avgjort","utfall":"opphevet"}"#);
    assert_eq!(serde_json::to_string(&Side::Statsforvalter).unwrap(), "\"statsforvalter\"");
}

#[test]
fn labels_exist_in_both_languages() {
    for &status in Status::ALLE {
        assert!(!status.navn(Sprak::Nb).is_empty() && !status.navn(Sprak::Nn).is_empty());
    }
    for handling in alle_handlinger() {
        assert!(!handling.navn(Sprak::Nb).is_empty() && !handling.navn(Sprak::Nn).is_empty());
    }
    assert_eq!(Handling::SendTilKommunen.navn(Sprak::Nb), "Send til kommunen for forberedende behandling");
    // Offered buttons from one status must be told apart.
    for &status in Status::ALLE {
        for sprak in [Sprak::Nb, Sprak::Nn] {
            let mut navn: Vec<&str> = gyldig(status).tillatte_handlinger().iter().map(|h| h.navn(sprak)).collect();
            let antall = navn.len();
            navn.sort();
            navn.dedup();
            assert_eq!(navn.len(), antall, "{status:?}");
        }
    }
}

#[test]
fn refusal_message_in_both_languages() {
    let feil = avgjort(Utfall::Stadfestet).utfoer(Handling::GiMedhold).unwrap_err();
    assert_eq!(feil.melding(Sprak::Nb), "«Gi medhold» er ikke mulig når saken har status «Avgjort».");
    assert_eq!(feil.melding(Sprak::Nn), "«Gje medhald» er ikkje mogleg når saka har status «Avgjord».");
    assert_eq!(feil.to_string(), feil.melding(Sprak::Nb));
}

#[test]
fn offered_steps_in_order() {
    assert_eq!(
        gyldig(Status::UnderVurdering).tillatte_handlinger(),
        vec![
            Handling::ForeslaaVedtak { utfall: Utfall::Stadfestet },
            Handling::ForeslaaVedtak { utfall: Utfall::Endret },
            Handling::ForeslaaVedtak { utfall: Utfall::Opphevet },
            Handling::ForeslaaVedtak { utfall: Utfall::Avvist },
            Handling::BeOmOpplysninger,
            Handling::Trekk,
        ]
    );
    assert_eq!(gyldig(Status::AvvistAvKommunen).tillatte_handlinger(), vec![Handling::KlagPaaAvvisning]);
    assert_eq!(gyldig(Status::TilGodkjenning).tillatte_handlinger(), vec![Handling::Godkjenn, Handling::SendTilbake, Handling::Trekk]);
}

fn handling_strategi() -> impl Strategy<Value = Handling> {
    prop_oneof![
        Just(Handling::SendTilKommunen),
        Just(Handling::GiMedhold),
        Just(Handling::Avvis),
        any::<bool>().prop_map(|delvis_medhold| Handling::Oversend { delvis_medhold }),
        Just(Handling::KlagPaaAvvisning),
        Just(Handling::BeOmOpplysninger),
        Just(Handling::SvarPaaOpplysninger),
        select(Utfall::ALLE).prop_map(|utfall| Handling::ForeslaaVedtak { utfall }),
        Just(Handling::Godkjenn),
        Just(Handling::SendTilbake),
        Just(Handling::Trekk),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever people click, in whatever order, the case stays in a valid state, refused
    /// steps change nothing, and the machine agrees with its own list of allowed steps.
    #[test]
    fn any_sequence_of_steps_keeps_the_case_valid(
        mottaker in select(Mottaker::ALLE),
        handlinger in prop::collection::vec(handling_strategi(), 0..40),
    ) {
        let mut naa = Tilstand::ny(mottaker);
        prop_assert!(naa.er_gyldig());
        for handling in handlinger {
            let tillatte = naa.tillatte_handlinger();
            match naa.utfoer(handling) {
                Ok(overgang) => {
                    prop_assert!(tillatte.contains(&uten_detaljer(handling)));
                    prop_assert_eq!(overgang.fra, naa);
                    prop_assert!(overgang.til.er_gyldig());
                    prop_assert_eq!(
                        overgang.naar_statsforvalteren,
                        overgang.til.status.hos_statsforvalteren()
                            && !naa.status.hos_statsforvalteren()
                    );
                    // "Trukket" is only ever the result of a withdrawal.
                    if overgang.til.utfall == Some(Utfall::Trukket) {
                        prop_assert_eq!(handling, Handling::Trekk);
                    }
                    // A decision is only ever sent by approving a proposal, and it is
                    // the proposal that is sent.
                    if overgang.til.status == Status::Avgjort && handling != Handling::Trekk {
                        prop_assert_eq!(handling, Handling::Godkjenn);
                        prop_assert_eq!(naa.status, Status::TilGodkjenning);
                        prop_assert_eq!(overgang.til.utfall, naa.utfall);
                    }
                    naa = overgang.til;
                }
                Err(feil) => {
                    prop_assert!(!tillatte.contains(&uten_detaljer(handling)));
                    prop_assert_eq!(feil, UlovligOvergang { fra: naa.status, handling });
                }
            }
            prop_assert!(naa.er_gyldig());
            if !naa.status.er_aapen() {
                // Closed means closed; the one way back is appealing a rejection.
                let tillatte = naa.tillatte_handlinger();
                if naa.status == Status::AvvistAvKommunen {
                    prop_assert_eq!(tillatte, vec![Handling::KlagPaaAvvisning]);
                } else {
                    prop_assert!(tillatte.is_empty());
                }
            }
        }
    }

    /// From any valid state, exactly the listed steps succeed.
    #[test]
    fn listed_steps_succeed_and_others_fail(
        status in select(Status::ALLE),
        utfall in select(Utfall::ALLE),
        handling in handling_strategi(),
    ) {
        let naa = match status {
            Status::Avgjort => avgjort(utfall),
            Status::TilGodkjenning if utfall != Utfall::Trukket => til_godkjenning(utfall),
            _ => gyldig(status),
        };
        let tillatt = naa.tillatte_handlinger().contains(&uten_detaljer(handling));
        prop_assert_eq!(naa.utfoer(handling).is_ok(), tillatt);
        for listet in naa.tillatte_handlinger() {
            prop_assert!(naa.utfoer(listet).is_ok());
        }
        // A withdrawal is possible exactly while the case is open.
        prop_assert_eq!(naa.utfoer(Handling::Trekk).is_ok(), status.er_aapen());
    }
}
