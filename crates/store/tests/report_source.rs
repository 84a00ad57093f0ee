#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The report's reads: histories of the cases that can have a fact in a period,
//! and trip offers by id — on SQLite and, with DATABASE_URL, PostgreSQL.

use jiff::{Timestamp, ToSpan, civil::date};
use opcentrum_domain::{Event, EventKind, ids::TripId, time::start_of_day};
use opcentrum_report::{Disclosure, Period, ReportInput, report};
use opcentrum_store::{Store, testing::backends};
use opcentrum_synth::{SynthOptions, generate};
use std::collections::BTreeSet;

async fn seeded(store: &Store, now: Timestamp) {
    let pop = generate(&SynthOptions::new(600, 5, now));
    assert!(pop.refused.is_empty());
    for f in &pop.facilities {
        store.put_facility(f).await.unwrap();
    }
    for t in &pop.trips {
        store.put_trip_offer(t).await.unwrap();
    }
    let histories: Vec<Vec<Event>> = pop.cases.into_iter().map(|c| c.events).collect();
    store.load_histories(&histories, now).await.unwrap();
}

async fn everything(store: &Store) -> Vec<Vec<Event>> {
    let mut all = Vec::new();
    store
        .export_histories(|h| {
            all.push(h);
            Ok(())
        })
        .await
        .unwrap();
    all
}

fn executed_trips(histories: &[Vec<Event>]) -> Vec<TripId> {
    histories
        .iter()
        .flatten()
        .filter_map(|e| match &e.kind {
            EventKind::Executed { trip, .. } => Some(trip.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn report_histories_skip_only_cases_closed_before_the_period() {
    let now: Timestamp = "2026-11-20T12:00:00Z".parse().unwrap();
    for db in backends("report_histories").await {
        let store = db.store().await.unwrap();
        seeded(&store, now).await;
        let all = everything(&store).await;

        // From long ago: every case.
        assert_eq!(
            store.report_histories(date(2000, 1, 1)).await.unwrap(),
            all,
            "{}",
            db.label
        );

        // From 90 days ago: open cases and those with an event since.
        let from = date(2026, 11, 20).saturating_sub(90.days());
        let got = store.report_histories(from).await.unwrap();
        let expected: Vec<Vec<Event>> = all
            .iter()
            .filter(|h| {
                let open = opcentrum_domain::Case::replay(h.iter())
                    .unwrap()
                    .stage
                    .is_closed();
                !open || h.iter().any(|e| e.recorded_at >= start_of_day(from))
            })
            .cloned()
            .collect();
        assert_eq!(got, expected, "{}", db.label);
        assert!(
            got.len() < all.len(),
            "{}: some closed cases must be skipped",
            db.label
        );

        // The report is the same from the subset as from everything.
        let ids = executed_trips(&all);
        let trips = store.trip_offers_by_id(&ids).await.unwrap();
        let facilities: Vec<_> = store
            .facilities()
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.facility)
            .collect();
        let period = Period::new(from, date(2026, 11, 20)).unwrap();
        let make = |h: &[Vec<Event>]| {
            report(&ReportInput {
                histories: h,
                facilities: &facilities,
                trips: &trips,
                period,
                disclosure: Disclosure::Internal,
            })
            .unwrap()
        };
        let full = make(&all);
        let part = make(&got);
        assert_eq!(full.executions, part.executions, "{}", db.label);
        assert_eq!(full.charters, part.charters, "{}", db.label);
        assert_eq!(full.lead_times, part.lead_times, "{}", db.label);
        assert_eq!(full.detention, part.detention, "{}", db.label);
        assert_eq!(full.cost, part.cost, "{}", db.label);
        assert!(
            full.executions.by_kind.total.value.unwrap() > 0,
            "{}",
            db.label
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn trip_offers_by_id_finds_those_that_exist() {
    let now: Timestamp = "2026-11-20T12:00:00Z".parse().unwrap();
    for db in backends("trip_offers_by_id").await {
        let store = db.store().await.unwrap();
        seeded(&store, now).await;
        let all = everything(&store).await;
        let mut ids = executed_trips(&all);
        let distinct: BTreeSet<TripId> = ids.iter().cloned().collect();
        assert!(!distinct.is_empty());
        ids.push(TripId::parse("NO-SUCH-TRIP").unwrap());
        let offers = store.trip_offers_by_id(&ids).await.unwrap();
        let found: BTreeSet<TripId> = offers.iter().map(|o| o.id.clone()).collect();
        assert_eq!(found, distinct, "{}", db.label);
        assert_eq!(offers.len(), distinct.len(), "{}", db.label);
        for o in &offers {
            assert_eq!(store.trip_offer(&o.id).await.unwrap().as_ref(), Some(o));
        }
        db.cleanup().await;
    }
}
