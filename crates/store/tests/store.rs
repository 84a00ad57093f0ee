#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The store's suite, run against SQLite and — when DATABASE_URL is set — PostgreSQL.

use jiff::{Timestamp, civil::date};
use opcentrum_domain::{
    Agency, Country, EventKind, RuleId, Stage,
    decision::DecisionKind,
    detention::{DetentionBasis, ReleaseReason},
    event::{HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    facility::{Facility, FacilityKind},
    fixtures::{actor, registered, second_person},
    ids::{CaseId, FacilityId, HandoverId, TripId},
};
use opcentrum_store::{CaseFilter, NewEvent, PageRequest, Store, StoreError, testing::backends};

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn ev(agency: Agency, kind: EventKind) -> NewEvent {
    NewEvent {
        kind,
        actor: actor(agency),
        reason: None,
        audit: None,
    }
}

fn h(s: &str) -> HandoverId {
    HandoverId::parse(s).unwrap()
}

async fn unit(store: &Store) {
    store
        .put_facility(&Facility {
            id: FacilityId::parse("F-UNIT").unwrap(),
            name: "Förvar Test".into(),
            kind: FacilityKind::DetentionUnit,
            capacity: 2,
        })
        .await
        .unwrap();
}

/// A refusal-of-entry case to `dest`, decided and notified Friday 2026-10-30
/// (final from 2026-11-21), registered 2026-11-02.
async fn create(store: &Store, id: &str, dest: &str) -> CaseId {
    let mut kind = registered(
        DecisionKind::RefusalOfEntry,
        date(2026, 10, 30),
        date(1990, 1, 1),
    );
    if let EventKind::Registered { destination, .. } = &mut kind {
        *destination = Country::parse(dest).unwrap();
    }
    store
        .create_case(
            Some(CaseId::parse(id).unwrap()),
            ev(Agency::Migrationsverket, kind),
            t("2026-11-02T09:00:00Z"),
        )
        .await
        .unwrap()
        .case
        .id
}

/// Drives a case to transport_requested, ready from 2026-12-08.
async fn to_transport_requested(store: &Store, id: &CaseId) {
    let steps = [
        (
            actor(Agency::Migrationsverket),
            EventKind::DecisionFinal {
                final_on: date(2026, 11, 23),
                appeal_waived: false,
            },
        ),
        // A second person checks the date against the decision (JO 8824-2019).
        (
            second_person(Agency::Migrationsverket),
            EventKind::FinalityConfirmed {
                final_on: date(2026, 11, 23),
            },
        ),
        (
            actor(Agency::Migrationsverket),
            EventKind::HandoverProposed {
                handover: h("H1"),
                to: HandoverKind::ToPolice {
                    reason: PoliceHandoverReason::CoercionNeeded,
                },
            },
        ),
        (
            actor(Agency::Police),
            EventKind::HandoverAccepted { handover: h("H1") },
        ),
        (
            actor(Agency::Police),
            EventKind::TravelDocumentIssued {
                document: TravelDocumentKind::Passport,
                valid_until: date(2027, 6, 30),
            },
        ),
        (
            actor(Agency::Police),
            EventKind::DestinationAccepted {
                on: date(2026, 12, 8),
            },
        ),
        (
            actor(Agency::Police),
            EventKind::FitnessAssessed {
                fit: true,
                on: date(2026, 12, 8),
            },
        ),
        (
            actor(Agency::Police),
            EventKind::HandoverProposed {
                handover: h("H2"),
                to: HandoverKind::TransportRequest { escorted: false },
            },
        ),
        (
            actor(Agency::Nte),
            EventKind::HandoverAccepted { handover: h("H2") },
        ),
    ];
    for (actor, kind) in steps {
        let v = store.case(id).await.unwrap().unwrap().version;
        let new = NewEvent {
            kind,
            actor,
            reason: None,
            audit: None,
        };
        store
            .append(id, v, new, t("2026-12-08T09:00:00Z"))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn append_history_and_optimistic_concurrency() {
    for db in backends("append_history_and_optimistic_concurrency").await {
        let store = db.store().await.unwrap();
        let id = create(&store, "UT-1", "IQ").await;
        let a = store
            .append(
                &id,
                1,
                ev(
                    Agency::Migrationsverket,
                    EventKind::DecisionFinal {
                        final_on: date(2026, 11, 23),
                        appeal_waived: false,
                    },
                ),
                t("2026-11-23T09:00:00Z"),
            )
            .await
            .unwrap();
        assert_eq!(
            (a.case.version, a.case.stage),
            (2, Stage::Final),
            "{}",
            db.label
        );
        // A stale expected version is a conflict and writes nothing.
        let err = store
            .append(
                &id,
                1,
                ev(
                    Agency::Migrationsverket,
                    EventKind::Absconded {
                        on: date(2026, 11, 23),
                    },
                ),
                t("2026-11-23T10:00:00Z"),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    expected: 1,
                    actual: 2,
                    ..
                }
            ),
            "{err}"
        );
        let hist = store.history(&id).await.unwrap();
        assert_eq!(
            hist.iter().map(|e| e.event.kind.name()).collect::<Vec<_>>(),
            ["registered", "decision_final"]
        );
        assert_eq!(hist[1].event.recorded_at, t("2026-11-23T09:00:00Z"));
        assert!(hist[0].seq < hist[1].seq);
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_refused_event_changes_nothing_and_names_the_rule() {
    for db in backends("a_refused_event_changes_nothing_and_names_the_rule").await {
        let store = db.store().await.unwrap();
        let id = create(&store, "UT-1", "IQ").await;
        let before = store.case(&id).await.unwrap();
        let err = store
            .append(
                &id,
                1,
                ev(
                    Agency::Migrationsverket,
                    EventKind::HandoverProposed {
                        handover: h("H9"),
                        to: HandoverKind::TransportRequest { escorted: true },
                    },
                ),
                t("2026-11-03T09:00:00Z"),
            )
            .await
            .unwrap_err();
        match err {
            StoreError::Refused(e) => assert_eq!(e.rule, RuleId::EnforcementRequiresFinal),
            other => panic!("{other}"),
        }
        assert_eq!(store.case(&id).await.unwrap(), before);
        assert_eq!(store.count_events().await.unwrap(), 1);
        assert!(
            store
                .verify_projections()
                .await
                .unwrap()
                .problems
                .is_empty()
        );
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn generated_case_numbers_and_duplicates() {
    for db in backends("generated_case_numbers_and_duplicates").await {
        let store = db.store().await.unwrap();
        let kind = registered(DecisionKind::Expulsion, date(2026, 11, 2), date(1990, 1, 1));
        let a = store
            .create_case(
                None,
                ev(Agency::Migrationsverket, kind.clone()),
                t("2026-11-02T09:00:00Z"),
            )
            .await
            .unwrap();
        let b = store
            .create_case(
                None,
                ev(Agency::Migrationsverket, kind.clone()),
                t("2026-11-02T09:00:00Z"),
            )
            .await
            .unwrap();
        assert_eq!(
            (a.case.id.as_str(), b.case.id.as_str()),
            ("UT-2026-000001", "UT-2026-000002")
        );
        let err = store
            .create_case(
                Some(a.case.id.clone()),
                ev(Agency::Migrationsverket, kind),
                t("2026-11-02T09:00:00Z"),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::AlreadyExists(_)));
        assert_eq!(store.count_cases().await.unwrap(), 2);
        store.close().await;
        db.cleanup().await;
    }
}

/// A store holding cases registered with their own ids (an import, the demo)
/// numbers the next case after the highest taken, and two registrations at
/// once get two different numbers.
#[tokio::test]
async fn generated_numbers_skip_taken_ids_and_concurrent_registrations_differ() {
    for db in backends("generated_numbers_skip_taken_ids_and_concurrent_registrations_differ").await
    {
        let store = db.store().await.unwrap();
        create(&store, "UT-2026-000001", "IQ").await;
        create(&store, "UT-2026-000007", "IQ").await;
        create(&store, "UT-2025-000040", "IQ").await;
        let kind = registered(DecisionKind::Expulsion, date(2026, 11, 2), date(1990, 1, 1));
        let next = store
            .create_case(
                None,
                ev(Agency::Migrationsverket, kind.clone()),
                t("2026-11-02T09:00:00Z"),
            )
            .await
            .unwrap();
        assert_eq!(next.case.id.as_str(), "UT-2026-000008");
        let (a, b) = tokio::join!(
            store.create_case(
                None,
                ev(Agency::Migrationsverket, kind.clone()),
                t("2026-11-02T10:00:00Z"),
            ),
            store.create_case(
                None,
                ev(Agency::Migrationsverket, kind.clone()),
                t("2026-11-02T10:00:00Z"),
            ),
        );
        let mut ids = vec![
            a.unwrap().case.id.to_string(),
            b.unwrap().case.id.to_string(),
        ];
        ids.sort();
        assert_eq!(ids, vec!["UT-2026-000009", "UT-2026-000010"]);
        assert_eq!(store.count_cases().await.unwrap(), 6);
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn lists_filter_and_page_without_overlap() {
    for db in backends("lists_filter_and_page_without_overlap").await {
        let store = db.store().await.unwrap();
        for i in 0..25 {
            create(
                &store,
                &format!("UT-{i:03}"),
                if i % 3 == 0 { "AF" } else { "IQ" },
            )
            .await;
        }
        let ready = create(&store, "UT-900", "IQ").await;
        to_transport_requested(&store, &ready).await;
        let today = date(2026, 12, 10);
        let all = CaseFilter::default();
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .list_cases(
                    &all,
                    &PageRequest {
                        after: after.clone(),
                        limit: 7,
                    },
                    today,
                )
                .await
                .unwrap();
            seen.extend(page.cases.iter().map(|c| c.id.to_string()));
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        assert_eq!(seen.len(), 26, "{}", db.label);
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, seen, "pages are ordered and do not overlap");

        let af = CaseFilter {
            destination: Some(Country::parse("AF").unwrap()),
            ..Default::default()
        };
        let page = store
            .list_cases(
                &af,
                &PageRequest {
                    after: None,
                    limit: 100,
                },
                today,
            )
            .await
            .unwrap();
        assert_eq!(page.cases.len(), 9);
        assert!(page.cases.iter().all(|c| c.destination.as_str() == "AF"));

        let r = CaseFilter {
            ready: Some(true),
            ..Default::default()
        };
        let page = store
            .list_cases(
                &r,
                &PageRequest {
                    after: None,
                    limit: 100,
                },
                today,
            )
            .await
            .unwrap();
        assert_eq!(
            page.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["UT-900"]
        );
        // Before the voluntary-departure period ended it was not ready.
        let page = store
            .list_cases(
                &r,
                &PageRequest {
                    after: None,
                    limit: 100,
                },
                date(2026, 12, 7),
            )
            .await
            .unwrap();
        assert!(page.cases.is_empty());
        let not_ready = CaseFilter {
            ready: Some(false),
            ..Default::default()
        };
        assert_eq!(
            store
                .list_cases(
                    &not_ready,
                    &PageRequest {
                        after: None,
                        limit: 100
                    },
                    today
                )
                .await
                .unwrap()
                .cases
                .len(),
            25
        );

        let nte = CaseFilter {
            responsible: Some(Agency::Nte),
            stage: Some(Stage::TransportRequested),
            ..Default::default()
        };
        assert_eq!(
            store
                .list_cases(
                    &nte,
                    &PageRequest {
                        after: None,
                        limit: 10
                    },
                    today
                )
                .await
                .unwrap()
                .cases
                .len(),
            1
        );
        let prefix = CaseFilter {
            id_prefix: Some("UT-01".into()),
            ..Default::default()
        };
        assert_eq!(
            store
                .list_cases(
                    &prefix,
                    &PageRequest {
                        after: None,
                        limit: 100
                    },
                    today
                )
                .await
                .unwrap()
                .cases
                .len(),
            10
        );
        assert!(matches!(
            store
                .list_cases(
                    &all,
                    &PageRequest {
                        after: None,
                        limit: 0
                    },
                    today
                )
                .await,
            Err(StoreError::Invalid { .. })
        ));
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn stage_counts_follow_transitions() {
    for db in backends("stage_counts_follow_transitions").await {
        let store = db.store().await.unwrap();
        let a = create(&store, "UT-A", "IQ").await;
        create(&store, "UT-B", "IQ").await;
        to_transport_requested(&store, &a).await;
        let counts = store.stage_counts().await.unwrap();
        let n = |stage: Stage, agency: Agency| {
            counts
                .iter()
                .filter(|c| c.stage == stage && c.responsible == agency)
                .map(|c| c.count)
                .sum::<u64>()
        };
        assert_eq!(n(Stage::Registered, Agency::Migrationsverket), 1);
        assert_eq!(n(Stage::TransportRequested, Agency::Nte), 1);
        assert_eq!(counts.iter().map(|c| c.count).sum::<u64>(), 2);
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn occupancy_inbox_and_capacity() {
    for db in backends("occupancy_inbox_and_capacity").await {
        let store = db.store().await.unwrap();
        unit(&store).await;
        let now = t("2026-11-03T09:00:00Z");
        let mut ids = vec![];
        for i in 0..3 {
            ids.push(create(&store, &format!("UT-{i}"), "IQ").await);
        }
        let start = |at| EventKind::DetentionStarted {
            facility: FacilityId::parse("F-UNIT").unwrap(),
            basis: DetentionBasis::LikelyRemoval,
            started_at: at,
            exceptional_reasons: None,
        };
        store
            .append(&ids[0], 1, ev(Agency::Migrationsverket, start(now)), now)
            .await
            .unwrap();
        store
            .append(&ids[1], 1, ev(Agency::Migrationsverket, start(now)), now)
            .await
            .unwrap();
        let err = store
            .append(&ids[2], 1, ev(Agency::Migrationsverket, start(now)), now)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(e) if e.rule == RuleId::FacilityCapacity),
            "{err}"
        );
        assert_eq!(store.facilities().await.unwrap()[0].occupied, 2);
        assert_eq!(store.detained(10).await.unwrap().len(), 2);
        store
            .append(
                &ids[0],
                2,
                ev(
                    Agency::Migrationsverket,
                    EventKind::DetentionEnded {
                        at: now,
                        reason: ReleaseReason::Released,
                    },
                ),
                now,
            )
            .await
            .unwrap();
        assert_eq!(store.facilities().await.unwrap()[0].occupied, 1);
        store
            .append(&ids[2], 1, ev(Agency::Migrationsverket, start(now)), now)
            .await
            .unwrap();

        // The police inbox shows a proposed handover until it is accepted.
        let c = create(&store, "UT-H", "IQ").await;
        let later = t("2026-12-08T09:00:00Z");
        store
            .append(
                &c,
                1,
                ev(
                    Agency::Migrationsverket,
                    EventKind::DecisionFinal {
                        final_on: date(2026, 11, 23),
                        appeal_waived: false,
                    },
                ),
                later,
            )
            .await
            .unwrap();
        store
            .append(
                &c,
                2,
                NewEvent {
                    kind: EventKind::FinalityConfirmed {
                        final_on: date(2026, 11, 23),
                    },
                    actor: second_person(Agency::Migrationsverket),
                    reason: None,
                    audit: None,
                },
                later,
            )
            .await
            .unwrap();
        store
            .append(
                &c,
                3,
                ev(
                    Agency::Migrationsverket,
                    EventKind::HandoverProposed {
                        handover: h("H1"),
                        to: HandoverKind::ToPolice {
                            reason: PoliceHandoverReason::CoercionNeeded,
                        },
                    },
                ),
                later,
            )
            .await
            .unwrap();
        assert_eq!(
            store
                .inbox(Agency::Police, 10)
                .await
                .unwrap()
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["UT-H"]
        );
        assert!(store.inbox(Agency::Nte, 10).await.unwrap().is_empty());
        store
            .append(
                &c,
                4,
                ev(
                    Agency::Police,
                    EventKind::HandoverAccepted { handover: h("H1") },
                ),
                later,
            )
            .await
            .unwrap();
        assert!(store.inbox(Agency::Police, 10).await.unwrap().is_empty());
        let report = store.verify_projections().await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn bulk_load_is_all_or_nothing_and_export_round_trips() {
    for db in backends("bulk_load_is_all_or_nothing_and_export_round_trips").await {
        let store = db.store().await.unwrap();
        // Build histories in a scratch store, export them, load them into this one.
        let scratch_db = opcentrum_store::testing::TestDb::sqlite().unwrap();
        let scratch = scratch_db.store().await.unwrap();
        for i in 0..30 {
            let id = create(&scratch, &format!("UT-{i:03}"), "IQ").await;
            if i % 2 == 0 {
                to_transport_requested(&scratch, &id).await;
            }
        }
        let mut histories = Vec::new();
        scratch
            .export_histories(|h| {
                histories.push(h);
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(histories.len(), 30);
        let report = store
            .load_histories(&histories, t("2026-12-08T09:00:00Z"))
            .await
            .unwrap();
        // Fifteen registered; fifteen to transport_requested in 10 events each (the
        // second person's check of finality is one of them, JO 8824-2019).
        assert_eq!((report.cases, report.events), (30, 15 + 15 * 10));
        let mut back = Vec::new();
        store
            .export_histories(|h| {
                back.push(h);
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(back, histories, "export reads back exactly what was loaded");
        assert_eq!(
            store
                .stage_counts()
                .await
                .unwrap()
                .iter()
                .map(|c| c.count)
                .sum::<u64>(),
            30
        );
        // A second load with one existing id writes nothing.
        let mut again = histories[..2].to_vec();
        let fresh: Vec<_> = histories[2]
            .iter()
            .cloned()
            .map(|mut e| {
                e.case = CaseId::parse("UT-NEW").unwrap();
                e
            })
            .collect();
        again.push(fresh);
        let err = store
            .load_histories(&again, t("2026-12-08T09:00:00Z"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
        assert_eq!(store.count_cases().await.unwrap(), 30);
        assert!(
            store
                .case(&CaseId::parse("UT-NEW").unwrap())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .verify_projections()
                .await
                .unwrap()
                .problems
                .is_empty()
        );
        scratch.close().await;
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn concurrent_writers_on_one_case_lose_nothing() {
    for db in backends("concurrent_writers_on_one_case_lose_nothing").await {
        let store = db.store().await.unwrap();
        let id = create(&store, "UT-C", "IQ").await;
        to_transport_requested(&store, &id).await;
        // 16 writers race to plan the same person, each at the version it read.
        let v = store.case(&id).await.unwrap().unwrap().version;
        let mut tasks = Vec::new();
        for i in 0..16 {
            let store = store.clone();
            let id = id.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .append(
                        &id,
                        v,
                        ev(
                            Agency::Nte,
                            EventKind::Planned {
                                trip: TripId::parse(format!("T{i}")).unwrap(),
                                trip_date: date(2026, 12, 20),
                            },
                        ),
                        t("2026-12-08T10:00:00Z"),
                    )
                    .await
            }));
        }
        let mut ok = 0;
        let mut conflicts = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::Conflict { .. }) => conflicts += 1,
                Err(e) => panic!("{}: {e}", db.label),
            }
        }
        assert_eq!((ok, conflicts), (1, 15), "{}", db.label);
        let case = store.case(&id).await.unwrap().unwrap();
        assert_eq!(case.version, v + 1);
        let hist = store.history(&id).await.unwrap();
        let events: Vec<_> = hist.into_iter().map(|s| s.event).collect();
        assert_eq!(opcentrum_domain::Case::replay(&events).unwrap(), case);
        assert!(
            store
                .verify_projections()
                .await
                .unwrap()
                .problems
                .is_empty()
        );
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn events_since_follows_the_log() {
    for db in backends("events_since_follows_the_log").await {
        let store = db.store().await.unwrap();
        let head0 = store.head_seq().await.unwrap();
        create(&store, "UT-1", "IQ").await;
        create(&store, "UT-2", "IQ").await;
        let evs = store.events_since(head0, 10).await.unwrap();
        assert_eq!(
            evs.iter()
                .map(|e| e.event.case.as_str())
                .collect::<Vec<_>>(),
            ["UT-1", "UT-2"]
        );
        assert_eq!(store.head_seq().await.unwrap(), evs[1].seq);
        assert!(store.events_since(evs[1].seq, 10).await.unwrap().is_empty());
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_watcher_sees_appends_from_another_connection() {
    for db in backends("a_watcher_sees_appends_from_another_connection").await {
        let watcher_store = db.store().await.unwrap();
        // A second, independent store on the same database: like a second server.
        let writer = db.store().await.unwrap();
        let (tx, mut rx) = tokio::sync::watch::channel(0u64);
        let handle = watcher_store.spawn_watch(tx);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        create(&writer, "UT-W", "IQ").await;
        let head = writer.head_seq().await.unwrap();
        let seen = tokio::time::timeout(std::time::Duration::from_secs(2), async {
            loop {
                if *rx.borrow_and_update() >= head {
                    return *rx.borrow();
                }
                rx.changed().await.unwrap();
            }
        })
        .await
        .unwrap_or_else(|_| panic!("{}: no update within 2 s", db.label));
        assert_eq!(seen, head);
        handle.abort();
        watcher_store.close().await;
        writer.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn concurrent_audit_writers_make_one_chain() {
    use opcentrum_access::audit::{AuditAction, AuditEntry, verify};
    for db in backends("concurrent_audit_writers_make_one_chain").await {
        let store = db.store().await.unwrap();
        let mut tasks = Vec::new();
        for w in 0..8 {
            // Each writer its own connection pool, like separate servers.
            let s = if w % 2 == 0 {
                store.clone()
            } else {
                db.store().await.unwrap()
            };
            tasks.push(tokio::spawn(async move {
                for i in 0..20 {
                    let e = AuditEntry {
                        at: t("2026-12-08T09:00:00Z"),
                        request_id: format!("w{w}-{i}"),
                        user: format!("writer{w}"),
                        agency: "police".into(),
                        role: "case_officer".into(),
                        action: AuditAction::Read,
                        case: Some(format!("UT-{i}")),
                        categories: vec![],
                        legal_basis: vec![],
                        purpose: "test".into(),
                    };
                    s.audit(vec![e.clone(), e]).await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let trail = store.audit_trail().await.unwrap();
        assert_eq!(trail.len(), 8 * 20 * 2, "{}", db.label);
        let summary = verify(&trail).unwrap_or_else(|e| panic!("{}: {e}", db.label));
        assert_eq!(
            (summary.records, summary.head_hash),
            store.audit_head().await.unwrap()
        );
        store.close().await;
        db.cleanup().await;
    }
}
