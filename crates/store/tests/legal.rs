#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 14 through the store, on SQLite and (with DATABASE_URL) PostgreSQL: the
//! whole-case detention limit in the projection the picture's alerts read, a
//! missed review, the finality check (JO 8824-2019), and a family planned and
//! taken off a trip only as one (a multi-case append).

use jiff::{Timestamp, civil::date};
use opcentrum_domain::{
    Actor, Agency, EventKind, RuleId,
    decision::DecisionKind,
    detention::{DetentionBasis, ReleaseReason},
    event::{HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    facility::{Facility, FacilityKind},
    fixtures::{actor, registered, second_person},
    ids::{CaseId, FacilityId, FamilyId, HandoverId, TripId},
};
use opcentrum_store::{NewEvent, PlannedWrite, Store, StoreError, testing::backends};

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn ev(actor: Actor, kind: EventKind) -> NewEvent {
    NewEvent {
        kind,
        actor,
        reason: None,
        audit: None,
    }
}

async fn units(store: &Store) {
    for id in ["F-A", "F-B"] {
        store
            .put_facility(&Facility {
                id: FacilityId::parse(id).unwrap(),
                name: format!("Förvar {id}"),
                kind: FacilityKind::DetentionUnit,
                capacity: 10,
            })
            .await
            .unwrap();
    }
}

async fn create(store: &Store, id: &str, family: Option<&str>) -> CaseId {
    let mut kind = registered(
        DecisionKind::Expulsion,
        date(2026, 10, 30),
        date(1990, 1, 1),
    );
    if let EventKind::Registered { family: f, .. } = &mut kind {
        *f = family.map(|x| FamilyId::parse(x).unwrap());
    }
    store
        .create_case(
            Some(CaseId::parse(id).unwrap()),
            ev(actor(Agency::Migrationsverket), kind),
            t("2026-11-02T09:00:00Z"),
        )
        .await
        .unwrap()
        .case
        .id
}

async fn append(
    store: &Store,
    id: &CaseId,
    who: Actor,
    kind: EventKind,
    at: &str,
) -> Result<(), StoreError> {
    let v = store.case(id).await.unwrap().unwrap().version;
    store.append(id, v, ev(who, kind), t(at)).await.map(|_| ())
}

async fn final_confirmed(store: &Store, id: &CaseId) {
    append(
        store,
        id,
        actor(Agency::Migrationsverket),
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
        "2026-11-23T09:00:00Z",
    )
    .await
    .unwrap();
    append(
        store,
        id,
        second_person(Agency::Migrationsverket),
        EventKind::FinalityConfirmed {
            final_on: date(2026, 11, 23),
        },
        "2026-11-23T10:00:00Z",
    )
    .await
    .unwrap();
}

/// MIG 2019:17 / MIG 2013:7: a transfer keeps the clock, and the projection's
/// `detention_limit` (which the picture's alerts read) is the whole-case limit,
/// a missed review included.
#[tokio::test]
async fn the_projection_holds_the_whole_case_limit_mig_2019_17() {
    for db in backends("the_projection_holds_the_whole_case_limit_mig_2019_17").await {
        let store = db.store().await.unwrap();
        units(&store).await;
        let id = create(&store, "UT-D", None).await;
        final_confirmed(&store, &id).await;
        let mv = || actor(Agency::Migrationsverket);
        append(
            &store,
            &id,
            mv(),
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-A").unwrap(),
                basis: DetentionBasis::Enforcement,
                started_at: t("2026-12-01T09:00:00Z"),
                exceptional_reasons: None,
            },
            "2026-12-01T09:00:00Z",
        )
        .await
        .unwrap();
        append(
            &store,
            &id,
            mv(),
            EventKind::DetentionEnded {
                at: t("2026-12-11T09:00:00Z"),
                reason: ReleaseReason::Transferred,
            },
            "2026-12-11T09:00:00Z",
        )
        .await
        .unwrap();
        append(
            &store,
            &id,
            mv(),
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-B").unwrap(),
                basis: DetentionBasis::Enforcement,
                started_at: t("2026-12-11T09:00:00Z"),
                exceptional_reasons: None,
            },
            "2026-12-11T09:00:00Z",
        )
        .await
        .unwrap();
        // The limit falls two months after the first placement, not the transfer:
        // the review is due then (no review recorded) and so is the cap.
        let (n, near) = store
            .detention_limits_before(t("2027-02-01T09:00:00Z"), 10)
            .await
            .unwrap();
        assert_eq!((n, near.len()), (1, 1), "{}", db.label);
        let (n, _) = store
            .detention_limits_before(t("2027-02-01T08:59:59Z"), 10)
            .await
            .unwrap();
        assert_eq!(n, 0, "{}", db.label);
        // A late review is refused: the decision has lapsed.
        let late = append(
            &store,
            &id,
            mv(),
            EventKind::DetentionReviewed {
                at: t("2027-02-01T09:01:00Z"),
            },
            "2027-02-01T09:01:00Z",
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&late, StoreError::Refused(e) if e.rule == RuleId::DetentionReviewEnforcement),
            "{late:?}"
        );
        let report = store.verify_projections().await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        store.close().await;
        db.cleanup().await;
    }
}

/// JO 8824-2019: the same person cannot confirm the date they recorded; a
/// coercive step waits for the check.
#[tokio::test]
async fn a_handover_for_coercion_waits_for_the_second_persons_check_jo_8824_2019() {
    for db in
        backends("a_handover_for_coercion_waits_for_the_second_persons_check_jo_8824_2019").await
    {
        let store = db.store().await.unwrap();
        let id = create(&store, "UT-F", None).await;
        let mv = || actor(Agency::Migrationsverket);
        append(
            &store,
            &id,
            mv(),
            EventKind::DecisionFinal {
                final_on: date(2026, 11, 23),
                appeal_waived: false,
            },
            "2026-11-23T09:00:00Z",
        )
        .await
        .unwrap();
        let handover = EventKind::HandoverProposed {
            handover: HandoverId::parse("H1").unwrap(),
            to: HandoverKind::ToPolice {
                reason: PoliceHandoverReason::CoercionNeeded,
            },
        };
        let err = append(&store, &id, mv(), handover.clone(), "2026-12-22T09:00:00Z")
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(e) if e.rule == RuleId::FinalityConfirmed),
            "{err:?}"
        );
        let same = append(
            &store,
            &id,
            mv(),
            EventKind::FinalityConfirmed {
                final_on: date(2026, 11, 23),
            },
            "2026-12-22T09:00:00Z",
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&same, StoreError::Refused(e) if e.rule == RuleId::FinalityConfirmed),
            "{same:?}"
        );
        append(
            &store,
            &id,
            second_person(Agency::Migrationsverket),
            EventKind::FinalityConfirmed {
                final_on: date(2026, 11, 23),
            },
            "2026-12-22T09:00:00Z",
        )
        .await
        .unwrap();
        append(&store, &id, mv(), handover, "2026-12-22T09:00:00Z")
            .await
            .unwrap();
        store.close().await;
        db.cleanup().await;
    }
}

/// A family to transport_requested, ready to be planned.
async fn ready_member(store: &Store, id: &str) -> CaseId {
    let id = create(store, id, Some("FAM-1")).await;
    final_confirmed(store, &id).await;
    let at = "2026-12-22T09:00:00Z";
    let steps: Vec<(Agency, EventKind)> = vec![
        (
            Agency::Migrationsverket,
            EventKind::HandoverProposed {
                handover: HandoverId::parse("H1").unwrap(),
                to: HandoverKind::ToPolice {
                    reason: PoliceHandoverReason::CoercionNeeded,
                },
            },
        ),
        (
            Agency::Police,
            EventKind::HandoverAccepted {
                handover: HandoverId::parse("H1").unwrap(),
            },
        ),
        (
            Agency::Police,
            EventKind::TravelDocumentIssued {
                document: TravelDocumentKind::Passport,
                valid_until: date(2027, 6, 30),
            },
        ),
        (
            Agency::Police,
            EventKind::DestinationAccepted {
                on: date(2026, 12, 22),
            },
        ),
        (
            Agency::Police,
            EventKind::FitnessAssessed {
                fit: true,
                on: date(2026, 12, 22),
            },
        ),
        (
            Agency::Police,
            EventKind::HandoverProposed {
                handover: HandoverId::parse("H2").unwrap(),
                to: HandoverKind::TransportRequest { escorted: false },
            },
        ),
        (
            Agency::Nte,
            EventKind::HandoverAccepted {
                handover: HandoverId::parse("H2").unwrap(),
            },
        ),
    ];
    for (agency, kind) in steps {
        append(store, &id, actor(agency), kind, at).await.unwrap();
    }
    id
}

/// UtlL 1 kap. 10 §: one member alone is not planned, and not taken off alone;
/// the family is planned and taken off in one multi-case append.
#[tokio::test]
async fn a_family_is_planned_and_taken_off_as_one() {
    for db in backends("a_family_is_planned_and_taken_off_as_one").await {
        let store = db.store().await.unwrap();
        let a = ready_member(&store, "UT-FA").await;
        let b = ready_member(&store, "UT-FB").await;
        let trip = TripId::parse("C-1").unwrap();
        let planned = || EventKind::Planned {
            trip: trip.clone(),
            trip_date: date(2027, 1, 5),
        };
        let now = "2026-12-28T09:00:00Z";
        let alone = append(&store, &a, actor(Agency::Nte), planned(), now)
            .await
            .unwrap_err();
        assert!(
            matches!(&alone, StoreError::Refused(e) if e.rule == RuleId::FamilyUnity),
            "{alone:?}"
        );
        let write = |id: &CaseId, v: u64, kind: EventKind| PlannedWrite {
            case: id.clone(),
            expected_version: v,
            event: ev(actor(Agency::Nte), kind),
        };
        let va = store.case(&a).await.unwrap().unwrap().version;
        let vb = store.case(&b).await.unwrap().unwrap().version;
        let done = store
            .append_many(
                vec![write(&a, va, planned()), write(&b, vb, planned())],
                t(now),
            )
            .await
            .unwrap();
        assert_eq!(done.len(), 2, "{}", db.label);
        let off = || EventKind::Unplanned { trip: trip.clone() };
        let one = append(&store, &a, actor(Agency::Nte), off(), now)
            .await
            .unwrap_err();
        assert!(
            matches!(&one, StoreError::Refused(e) if e.rule == RuleId::FamilyUnity),
            "{one:?}"
        );
        // Refused as a whole: nothing of the batch is written.
        let v_before = store.case(&a).await.unwrap().unwrap().version;
        assert_eq!(v_before, va + 1, "{}", db.label);
        store
            .append_many(
                vec![write(&a, va + 1, off()), write(&b, vb + 1, off())],
                t(now),
            )
            .await
            .unwrap();
        store.close().await;
        db.cleanup().await;
    }
}
