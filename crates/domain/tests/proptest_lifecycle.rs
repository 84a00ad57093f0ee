#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property: no sequence of events, accepted or refused, reaches an illegal state.

use jiff::civil::date;
use opcentrum_domain::{
    Agency, Case, EventKind, Stage,
    decision::DecisionKind,
    detention::{DetentionBasis, ExtensionReason, ReleaseReason},
    event::{FailureReason, HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    fixtures::{Driver, registered},
    ids::{FacilityId, HandoverId, ImpedimentId, TripId},
    impediment::ImpedimentKind,
    readiness::{readiness, ready_window},
};
use proptest::prelude::*;

fn agency() -> impl Strategy<Value = Agency> {
    prop::sample::select(Agency::ALL.to_vec())
}

fn event() -> impl Strategy<Value = EventKind> {
    let day = (0i32..60).prop_map(|d| date(2026, 11, 2).saturating_add(jiff::Span::new().days(d)));
    let hid = (0u8..3).prop_map(|i| HandoverId::parse(format!("H{i}")).unwrap());
    let iid = (0u8..3).prop_map(|i| ImpedimentId::parse(format!("I{i}")).unwrap());
    let tid = (0u8..2).prop_map(|i| TripId::parse(format!("T{i}")).unwrap());
    let fac = prop::sample::select(vec!["F-UNIT", "F-CELL", "F-FULL"])
        .prop_map(|f| FacilityId::parse(f).unwrap());
    let ts = (0i64..60 * 24)
        .prop_map(|h| jiff::Timestamp::from_second(1_793_606_400 + h * 3600).unwrap());
    prop_oneof![
        (day.clone(), any::<bool>()).prop_map(|(d, w)| EventKind::DecisionFinal {
            final_on: d,
            appeal_waived: w
        }),
        (hid.clone(), any::<bool>(), any::<bool>()).prop_map(|(h, p, e)| {
            EventKind::HandoverProposed {
                handover: h,
                to: if p {
                    HandoverKind::ToPolice {
                        reason: if e {
                            PoliceHandoverReason::Absconded
                        } else {
                            PoliceHandoverReason::CoercionNeeded
                        },
                    }
                } else {
                    HandoverKind::TransportRequest { escorted: e }
                },
            }
        }),
        hid.clone()
            .prop_map(|h| EventKind::HandoverAccepted { handover: h }),
        hid.prop_map(|h| EventKind::HandoverReturned {
            handover: h,
            reason: "skäl".into()
        }),
        (iid.clone(), day.clone()).prop_map(|(i, d)| EventKind::ImpedimentLodged {
            impediment: i,
            kind: ImpedimentKind::Impediment,
            lodged_on: d
        }),
        (iid, day.clone()).prop_map(|(i, d)| EventKind::ImpedimentLifted {
            impediment: i,
            lifted_on: d
        }),
        (fac, ts.clone()).prop_map(|(f, t)| EventKind::DetentionStarted {
            facility: f,
            basis: DetentionBasis::Enforcement,
            started_at: t,
            exceptional_reasons: None
        }),
        ts.clone().prop_map(|t| EventKind::DetentionExtended {
            reason: ExtensionReason::ExceptionalReasons,
            at: t
        }),
        ts.prop_map(|t| EventKind::DetentionEnded {
            at: t,
            reason: ReleaseReason::Released
        }),
        day.clone().prop_map(|d| EventKind::Absconded { on: d }),
        day.clone().prop_map(|d| EventKind::Located { on: d }),
        day.clone().prop_map(|d| EventKind::TravelDocumentIssued {
            document: TravelDocumentKind::Passport,
            valid_until: d
        }),
        day.clone()
            .prop_map(|d| EventKind::DestinationAccepted { on: d }),
        (any::<bool>(), day.clone())
            .prop_map(|(f, d)| EventKind::FitnessAssessed { fit: f, on: d }),
        (tid.clone(), day.clone()).prop_map(|(t, d)| EventKind::Planned {
            trip: t,
            trip_date: d
        }),
        tid.clone().prop_map(|t| EventKind::Unplanned { trip: t }),
        tid.clone().prop_map(|t| EventKind::AttemptFailed {
            trip: t,
            failure: FailureReason::Resistance
        }),
        (tid, day.clone()).prop_map(|(t, d)| EventKind::Executed { trip: t, on: d }),
        day.clone()
            .prop_map(|d| EventKind::DepartedVoluntarily { on: d }),
        Just(EventKind::Cancelled {}),
    ]
}

fn check_invariants(case: &Case) {
    // Planned ⇔ on a trip.
    assert_eq!(
        case.stage == Stage::Planned,
        case.trip.is_some(),
        "{case:?}"
    );
    // A closed case holds nobody and waits for no handover.
    if case.is_closed() {
        assert!(case.detention.is_none());
        assert!(case.pending_handover.is_none());
    }
    // Stages past `final` have a final decision.
    if !matches!(
        case.stage,
        Stage::Registered | Stage::PermitGranted | Stage::Cancelled
    ) {
        assert!(
            case.decision.final_on.is_some(),
            "{:?} without final decision",
            case.stage
        );
    }
    // Responsibility follows the stage.
    match case.stage {
        Stage::HandedOver => assert_eq!(case.responsible, Agency::Police),
        Stage::TransportRequested | Stage::Planned => assert_eq!(case.responsible, Agency::Nte),
        _ => {}
    }
    // A planned case is never suspended.
    if case.stage == Stage::Planned {
        assert!(!case.is_suspended());
        assert!(case.absconded_since.is_none());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn no_sequence_reaches_an_illegal_state(
        steps in prop::collection::vec((agency(), event(), 0i64..72), 1..40)
    ) {
        let mut d = Driver::new(registered(DecisionKind::Expulsion, date(2026, 11, 2), date(1990, 1, 1)), "2026-11-02T09:00:00+01:00".parse().unwrap()).unwrap();
        for (agency, kind, hours) in steps {
            d.now = d.now.checked_add(jiff::Span::new().hours(hours)).unwrap();
            let before = d.case.clone();
            if d.apply(agency, kind).is_err() {
                // A refused event changes nothing.
                prop_assert_eq!(&before, &d.case);
            }
            check_invariants(&d.case);
            // The projection always equals the replay of the log.
            prop_assert_eq!(&Case::replay(&d.events).unwrap(), &d.case);
            // The stored ready window agrees with readiness on every day it claims.
            if let Some(w) = ready_window(&d.case, &d.rules) {
                prop_assert!(readiness(&d.case, w.from, &d.rules).is_ready());
            }
        }
    }
}
