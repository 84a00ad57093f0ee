#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The lifecycle end to end, every refusal naming its rule, and readiness edges.

use jiff::civil::date;
use opcentrum_domain::{
    Agency, EventKind, Refusal, RuleId, Stage,
    decision::DecisionKind,
    detention::{DetentionBasis, ExtensionReason, ReleaseReason},
    event::{FailureReason, HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    fixtures::{Driver, registered},
    ids::{FacilityId, HandoverId, ImpedimentId, TripId},
    impediment::ImpedimentKind,
    readiness::{Unmet, readiness, ready_window},
};

fn h(s: &str) -> HandoverId {
    HandoverId::parse(s).unwrap()
}
fn trip(s: &str) -> TripId {
    TripId::parse(s).unwrap()
}

/// A refusal-of-entry case decided and notified on Friday 2026-10-30 (the appeal
/// period's last day is Friday 2026-11-20, so it can be final from the 21st),
/// registered on 2026-11-02.
fn new_case() -> Driver {
    Driver::new(
        registered(
            DecisionKind::RefusalOfEntry,
            date(2026, 10, 30),
            date(1990, 1, 1),
        ),
        "2026-11-02T09:00:00+01:00".parse().unwrap(),
    )
    .unwrap()
}

/// Drives a case to `transport_requested`, ready from 2026-12-08.
fn ready_case() -> Driver {
    let mut d = new_case();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    d.set_now("2026-12-08T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::HandoverProposed {
            handover: h("H1"),
            to: HandoverKind::ToPolice {
                reason: PoliceHandoverReason::CoercionNeeded,
            },
        },
    )
    .unwrap();
    d.apply(
        Agency::Police,
        EventKind::HandoverAccepted { handover: h("H1") },
    )
    .unwrap();
    d.apply(
        Agency::Police,
        EventKind::TravelDocumentIssued {
            document: TravelDocumentKind::Passport,
            valid_until: date(2027, 6, 30),
        },
    )
    .unwrap();
    d.apply(
        Agency::Police,
        EventKind::DestinationAccepted {
            on: date(2026, 12, 8),
        },
    )
    .unwrap();
    d.apply(
        Agency::Police,
        EventKind::FitnessAssessed {
            fit: true,
            on: date(2026, 12, 8),
        },
    )
    .unwrap();
    d.apply(
        Agency::Police,
        EventKind::HandoverProposed {
            handover: h("H2"),
            to: HandoverKind::TransportRequest { escorted: true },
        },
    )
    .unwrap();
    d.apply(
        Agency::Nte,
        EventKind::HandoverAccepted { handover: h("H2") },
    )
    .unwrap();
    d
}

#[test]
fn the_whole_chain_to_executed() {
    let mut d = ready_case();
    assert_eq!(d.case.stage, Stage::TransportRequested);
    assert_eq!(d.case.responsible, Agency::Nte);
    assert_eq!(d.case.escorted, Some(true));
    assert!(readiness(&d.case, date(2026, 12, 10), &d.rules).is_ready());
    d.apply(
        Agency::Nte,
        EventKind::Planned {
            trip: trip("C01"),
            trip_date: date(2026, 12, 15),
        },
    )
    .unwrap();
    assert_eq!(d.case.stage, Stage::Planned);
    d.set_now("2026-12-15T12:00:00+01:00");
    d.apply(
        Agency::Nte,
        EventKind::Executed {
            trip: trip("C01"),
            on: date(2026, 12, 15),
        },
    )
    .unwrap();
    assert_eq!(d.case.stage, Stage::Executed);
    assert!(d.case.is_closed());
    // Closed: nothing more.
    let err = d
        .apply(Agency::Migrationsverket, EventKind::Cancelled {})
        .unwrap_err();
    assert_eq!(err.rule, RuleId::ClosedCase);
    // The projection is the replay of the events.
    let replayed = opcentrum_domain::Case::replay(&d.events).unwrap();
    assert_eq!(replayed, d.case);
}

#[test]
fn transport_cannot_be_requested_before_final() {
    let mut d = new_case();
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::HandoverProposed {
                handover: h("H1"),
                to: HandoverKind::TransportRequest { escorted: false },
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::EnforcementRequiresFinal);
    assert_eq!(err.refusal, Refusal::Conflict);
    assert_eq!(
        err.to_string(),
        "cannot request transport: decision not final (UtlL (2005:716) 12 kap. 14 §)"
    );
    assert!(
        err.message_sv()
            .starts_with("kan inte begära transport: beslutet har inte vunnit laga kraft")
    );
}

#[test]
fn final_only_after_the_appeal_period_or_a_waiver() {
    // FL 44 §: notified Monday 2026-11-02, an appeal is in time through Monday
    // 2026-11-23 (three weeks); the decision is final from the 24th, not the 23rd
    // (the old rule made it final one day early).
    let mut d = Driver::new(
        registered(
            DecisionKind::RefusalOfEntry,
            date(2026, 11, 2),
            date(1990, 1, 1),
        ),
        "2026-11-02T09:00:00+01:00".parse().unwrap(),
    )
    .unwrap();
    d.set_now("2026-11-24T09:00:00+01:00");
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DecisionFinal {
                final_on: date(2026, 11, 23),
                appeal_waived: false,
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.rule, err.field, err.refusal),
        (RuleId::AppealPeriod, Some("final_on"), Refusal::Invalid)
    );
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 5),
            appeal_waived: true,
        },
    )
    .unwrap();
    assert_eq!(d.case.decision.final_on, Some(date(2026, 11, 5)));
}

#[test]
fn final_in_the_future_is_invalid() {
    let mut d = new_case();
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DecisionFinal {
                final_on: date(2027, 1, 1),
                appeal_waived: true,
            },
        )
        .unwrap_err();
    assert_eq!(err.field, Some("final_on"));
}

#[test]
fn coercion_handover_waits_for_the_departure_period() {
    let mut d = new_case();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    let propose = EventKind::HandoverProposed {
        handover: h("H1"),
        to: HandoverKind::ToPolice {
            reason: PoliceHandoverReason::CoercionNeeded,
        },
    };
    // Refusal of entry: two weeks from 2026-11-23, the period runs through 2026-12-07.
    d.set_now("2026-12-07T09:00:00+01:00");
    assert_eq!(
        d.apply(Agency::Migrationsverket, propose.clone())
            .unwrap_err()
            .rule,
        RuleId::VoluntaryDepartureRefusal
    );
    d.set_now("2026-12-08T09:00:00+01:00");
    d.apply(Agency::Migrationsverket, propose).unwrap();
}

#[test]
fn absconded_handover_needs_absconding() {
    let mut d = new_case();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    let propose = EventKind::HandoverProposed {
        handover: h("H1"),
        to: HandoverKind::ToPolice {
            reason: PoliceHandoverReason::Absconded,
        },
    };
    assert_eq!(
        d.apply(Agency::Migrationsverket, propose.clone())
            .unwrap_err()
            .rule,
        RuleId::HandoverToPolice
    );
    d.apply(
        Agency::Migrationsverket,
        EventKind::Absconded {
            on: date(2026, 11, 23),
        },
    )
    .unwrap();
    d.apply(Agency::Migrationsverket, propose).unwrap();
}

#[test]
fn only_the_receiver_accepts_or_returns_and_returns_keep_the_stage() {
    let mut d = new_case();
    d.set_now("2026-12-08T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::HandoverProposed {
            handover: h("H1"),
            to: HandoverKind::ToPolice {
                reason: PoliceHandoverReason::CoercionNeeded,
            },
        },
    )
    .unwrap();
    let err = d
        .apply(
            Agency::Nte,
            EventKind::HandoverAccepted { handover: h("H1") },
        )
        .unwrap_err();
    assert_eq!(err.refusal, Refusal::Forbidden);
    let err = d
        .apply(
            Agency::Police,
            EventKind::HandoverReturned {
                handover: h("H1"),
                reason: "  ".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.field, Some("reason"));
    d.apply(
        Agency::Police,
        EventKind::HandoverReturned {
            handover: h("H1"),
            reason: "Adress saknas".into(),
        },
    )
    .unwrap();
    assert_eq!(d.case.stage, Stage::Final);
    assert_eq!(d.case.responsible, Agency::Migrationsverket);
    assert_eq!(
        d.case
            .last_returned_handover
            .as_ref()
            .map(|r| r.reason.as_str()),
        Some("Adress saknas")
    );
    // A second proposal is possible after a return; while pending, not a third.
    d.apply(
        Agency::Migrationsverket,
        EventKind::HandoverProposed {
            handover: h("H2"),
            to: HandoverKind::ToPolice {
                reason: PoliceHandoverReason::CoercionNeeded,
            },
        },
    )
    .unwrap();
    assert!(
        d.apply(
            Agency::Migrationsverket,
            EventKind::HandoverProposed {
                handover: h("H3"),
                to: HandoverKind::ToPolice {
                    reason: PoliceHandoverReason::CoercionNeeded
                }
            }
        )
        .is_err()
    );
}

#[test]
fn only_the_responsible_agency_acts_and_oversight_never_writes() {
    let mut d = new_case();
    let err = d
        .apply(
            Agency::Police,
            EventKind::DecisionFinal {
                final_on: date(2026, 11, 2),
                appeal_waived: true,
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.refusal, err.rule),
        (Refusal::Forbidden, RuleId::ResponsibleAgency)
    );
    let err = d
        .apply(
            Agency::Oversight,
            EventKind::Absconded {
                on: date(2026, 11, 2),
            },
        )
        .unwrap_err();
    assert_eq!(err.refusal, Refusal::Forbidden);
}

#[test]
fn an_impediment_blocks_transport_and_takes_a_planned_person_off_the_trip() {
    let mut d = ready_case();
    d.apply(
        Agency::Nte,
        EventKind::Planned {
            trip: trip("C01"),
            trip_date: date(2026, 12, 15),
        },
    )
    .unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::ImpedimentLodged {
            impediment: ImpedimentId::parse("I1").unwrap(),
            kind: ImpedimentKind::InternationalInterimMeasure,
            lodged_on: date(2026, 12, 8),
        },
    )
    .unwrap();
    assert_eq!(d.case.stage, Stage::TransportRequested);
    assert!(d.case.is_suspended());
    assert_eq!(
        d.case.replan_needed.as_ref().map(|r| r.cause.as_str()),
        Some("impediment_lodged")
    );
    let err = d
        .apply(
            Agency::Nte,
            EventKind::Planned {
                trip: trip("C02"),
                trip_date: date(2026, 12, 20),
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::InternationalInterimMeasure);
    let r = readiness(&d.case, date(2026, 12, 20), &d.rules);
    assert!(matches!(r.unmet.as_slice(), [Unmet::OpenImpediment { .. }]));
    assert_eq!(ready_window(&d.case, &d.rules), None);
    d.apply(
        Agency::Migrationsverket,
        EventKind::ImpedimentLifted {
            impediment: ImpedimentId::parse("I1").unwrap(),
            lifted_on: date(2026, 12, 8),
        },
    )
    .unwrap();
    d.apply(
        Agency::Nte,
        EventKind::Planned {
            trip: trip("C02"),
            trip_date: date(2026, 12, 20),
        },
    )
    .unwrap();
    assert_eq!(d.case.replan_needed, None);
}

#[test]
fn failed_attempt_returns_to_transport_requested_with_reason() {
    let mut d = ready_case();
    d.apply(
        Agency::Nte,
        EventKind::Planned {
            trip: trip("S1"),
            trip_date: date(2026, 12, 9),
        },
    )
    .unwrap();
    d.set_now("2026-12-09T09:00:00+01:00");
    d.apply(
        Agency::Nte,
        EventKind::AttemptFailed {
            trip: trip("S1"),
            failure: FailureReason::RefusedBoarding,
        },
    )
    .unwrap();
    assert_eq!(d.case.stage, Stage::TransportRequested);
    assert_eq!(d.case.failed_attempts.len(), 1);
    assert_eq!(
        d.case.failed_attempts[0].failure,
        FailureReason::RefusedBoarding
    );
    assert!(
        d.apply(
            Agency::Nte,
            EventKind::Executed {
                trip: trip("S1"),
                on: date(2026, 12, 9)
            }
        )
        .is_err()
    );
}

#[test]
fn planning_is_refused_past_the_detention_limit() {
    let mut d = ready_case();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: FacilityId::parse("F-UNIT").unwrap(),
            basis: DetentionBasis::LikelyRemoval,
            started_at: "2026-12-01T10:00:00+01:00".parse().unwrap(),
            exceptional_reasons: None,
        },
    )
    .unwrap();
    // Limit 2026-12-15 10:00: last trip day 2026-12-14.
    d.apply(
        Agency::Nte,
        EventKind::Planned {
            trip: trip("C01"),
            trip_date: date(2026, 12, 14),
        },
    )
    .unwrap();
    d.apply(Agency::Nte, EventKind::Unplanned { trip: trip("C01") })
        .unwrap();
    let err = d
        .apply(
            Agency::Nte,
            EventKind::Planned {
                trip: trip("C02"),
                trip_date: date(2026, 12, 15),
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::DetentionLikelyRemoval);
    assert!(err.reason.contains("last day 2026-12-14"), "{}", err.reason);
}

#[test]
fn detention_rules_on_placement() {
    let mut d = ready_case();
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-FULL").unwrap(),
                basis: DetentionBasis::Enforcement,
                started_at: d.now,
                exceptional_reasons: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::FacilityCapacity);
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-NONE").unwrap(),
                basis: DetentionBasis::Enforcement,
                started_at: d.now,
                exceptional_reasons: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.field, Some("facility"));
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: FacilityId::parse("F-UNIT").unwrap(),
            basis: DetentionBasis::Enforcement,
            started_at: d.now,
            exceptional_reasons: None,
        },
    )
    .unwrap();
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionExtended {
                reason: ExtensionReason::ChildExceptionalReasons,
                at: d.now,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::ChildDetentionExtension);
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionExtended {
            reason: ExtensionReason::DocumentDelay,
            at: d.now,
        },
    )
    .unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionEnded {
            at: d.now,
            reason: ReleaseReason::Released,
        },
    )
    .unwrap();
    assert!(!d.case.is_detained());
    assert_eq!(d.case.past_detentions.len(), 1);
}

#[test]
fn a_child_is_never_placed_in_a_police_cell_and_cannot_be_extended_past_the_limit() {
    let mut d = Driver::new(
        registered(DecisionKind::Expulsion, date(2026, 11, 2), date(2015, 3, 3)),
        "2026-11-02T09:00:00+01:00".parse().unwrap(),
    )
    .unwrap();
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-CELL").unwrap(),
                basis: DetentionBasis::LikelyRemoval,
                started_at: d.now,
                exceptional_reasons: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::ChildPlacement);
    // Unaccompanied: only for exceptional reasons (UtlL 10 kap. 3 §).
    d.apply(
        Agency::Migrationsverket,
        EventKind::GuardiansRecorded {
            guardians: vec![],
            unaccompanied: true,
            guardian_without_case: false,
        },
    )
    .unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: FacilityId::parse("F-UNIT").unwrap(),
            basis: DetentionBasis::LikelyRemoval,
            started_at: d.now,
            exceptional_reasons: Some("synthetic exceptional reasons".into()),
        },
    )
    .unwrap();
    // 72 hours later the limit has passed: release, not extension.
    d.set_now("2026-11-05T09:00:00+01:00");
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionExtended {
                reason: ExtensionReason::ChildExceptionalReasons,
                at: d.now,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::ChildDetention);
    // One minute before: allowed, once.
    d.set_now("2026-11-05T08:59:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionExtended {
            reason: ExtensionReason::ChildExceptionalReasons,
            at: d.now,
        },
    )
    .unwrap();
    assert!(
        d.apply(
            Agency::Migrationsverket,
            EventKind::DetentionExtended {
                reason: ExtensionReason::ChildExceptionalReasons,
                at: d.now
            }
        )
        .is_err()
    );
}

#[test]
fn readiness_lists_every_unmet_condition_and_the_departure_edges() {
    let mut d = new_case();
    let r = readiness(&d.case, date(2026, 11, 10), &d.rules);
    let codes: Vec<_> = r.unmet.iter().map(|u| u.code()).collect();
    assert_eq!(
        codes,
        [
            "not_final",
            "transport_not_requested",
            "no_travel_document",
            "no_destination_acceptance",
            "fitness_not_assessed"
        ]
    );
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    let running = |day| {
        readiness(&d.case, day, &d.rules)
            .unmet
            .iter()
            .any(|u| matches!(u, Unmet::DeparturePeriodRunning { .. }))
    };
    assert!(running(date(2026, 12, 6)), "the day before the period ends");
    assert!(running(date(2026, 12, 7)), "the last day of the period");
    assert!(!running(date(2026, 12, 8)), "the day after");
}

#[test]
fn ready_window_agrees_with_readiness_around_its_edges() {
    let d = ready_case();
    let w = ready_window(&d.case, &d.rules).unwrap();
    assert_eq!(w.from, date(2026, 12, 8));
    // The document is valid to 2027-06-30, but fitness to fly assessed on
    // 2026-12-08 is valid for 30 days (FitnessValidity): to 2027-01-07.
    assert_eq!(w.until, Some(date(2027, 1, 7)));
    for day in [
        date(2026, 12, 7),
        date(2026, 12, 8),
        date(2027, 1, 7),
        date(2027, 1, 8),
    ] {
        assert_eq!(
            w.contains(day),
            readiness(&d.case, day, &d.rules).is_ready(),
            "{day}"
        );
    }
}

#[test]
fn lapse_under_the_old_rule_allows_expiry_only_from_the_lapse_day() {
    let mut d = Driver::new(
        registered(
            DecisionKind::Expulsion,
            date(2021, 12, 31),
            date(1980, 1, 1),
        ),
        "2022-01-03T09:00:00+01:00".parse().unwrap(),
    )
    .unwrap();
    d.set_now("2022-02-01T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2022, 1, 24),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.set_now("2026-01-23T09:00:00+01:00");
    assert_eq!(
        d.apply(
            Agency::Migrationsverket,
            EventKind::Expired {
                on: date(2026, 1, 23)
            }
        )
        .unwrap_err()
        .rule,
        RuleId::LapseFourYears
    );
    d.set_now("2026-01-24T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::Expired {
            on: date(2026, 1, 24),
        },
    )
    .unwrap();
    assert_eq!(d.case.stage, Stage::Expired);
}

#[test]
fn expiry_is_refused_under_the_new_rule() {
    let mut d = new_case();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    assert_eq!(
        d.apply(
            Agency::Migrationsverket,
            EventKind::Expired {
                on: date(2026, 11, 23)
            }
        )
        .unwrap_err()
        .rule,
        RuleId::LapseFiveYearsFromDeparture
    );
}

#[test]
fn absconding_ends_detention_and_takes_off_the_trip() {
    let mut d = ready_case();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: FacilityId::parse("F-UNIT").unwrap(),
            basis: DetentionBasis::Enforcement,
            started_at: d.now,
            exceptional_reasons: None,
        },
    )
    .unwrap();
    d.apply(
        Agency::Nte,
        EventKind::Planned {
            trip: trip("C01"),
            trip_date: date(2026, 12, 15),
        },
    )
    .unwrap();
    d.apply(
        Agency::Police,
        EventKind::Absconded {
            on: date(2026, 12, 8),
        },
    )
    .unwrap();
    assert!(!d.case.is_detained());
    assert_eq!(
        d.case.past_detentions[0].end_reason,
        Some(ReleaseReason::Absconded)
    );
    assert_eq!(d.case.stage, Stage::TransportRequested);
    assert!(d.case.replan_needed.is_some());
}

#[test]
fn criminal_expulsion_must_come_from_a_general_court() {
    let mut kind = registered(
        DecisionKind::ExpulsionForCrime,
        date(2026, 11, 2),
        date(1980, 1, 1),
    );
    if let EventKind::Registered { decision, .. } = &mut kind {
        decision.decided_by = opcentrum_domain::decision::DecisionMaker::Migrationsverket;
    }
    let err = Driver::new(kind, "2026-11-02T09:00:00+01:00".parse().unwrap())
        .err()
        .unwrap();
    assert_eq!(err.field, Some("decision.decided_by"));
}

#[test]
fn event_json_round_trips_with_type_tags() {
    let d = ready_case();
    for e in &d.events {
        let json = serde_json::to_string(&e.kind).unwrap();
        assert!(
            json.starts_with(&format!("{{\"type\":\"{}\"", e.kind.name())),
            "{json}"
        );
        let back: EventKind = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e.kind);
    }
    let bad =
        serde_json::from_str::<EventKind>(r#"{"type":"absconded","on":"2026-01-01","extra":1}"#);
    assert!(bad.is_err());
}
