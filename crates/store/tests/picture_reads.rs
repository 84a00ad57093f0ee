#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The picture's lead-time read (`leg_spans`, aggregated in SQL) returns exactly
//! the completions the per-case marks give — on SQLite and, with DATABASE_URL,
//! PostgreSQL.

use jiff::{SignedDuration, Timestamp};
use opcentrum_domain::Event;
use opcentrum_store::{LegColumns, LegMarks, testing::backends};
use opcentrum_synth::{SynthOptions, generate};

fn span(leg: LegColumns, m: &LegMarks) -> Option<(Timestamp, Timestamp)> {
    let (a, b) = match leg {
        LegColumns::FinalToPolice => (m.final_at, m.handed_over_at),
        LegColumns::PoliceToTransport => (m.handed_over_at, m.transport_requested_at),
        LegColumns::TransportToExecuted => (m.transport_requested_at, m.executed_at),
    };
    Some((a?, b?))
}

#[tokio::test]
async fn leg_spans_agree_with_the_marks_of_every_case() {
    let now: Timestamp = "2026-11-22T10:00:00+01:00".parse().unwrap();
    for db in backends("leg_spans").await {
        let store = db.store().await.unwrap();
        let pop = generate(&SynthOptions::new(800, 9, now));
        assert!(pop.refused.is_empty());
        for f in &pop.facilities {
            store.put_facility(f).await.unwrap();
        }
        let histories: Vec<Vec<Event>> = pop.cases.into_iter().map(|c| c.events).collect();
        store.load_histories(&histories, now).await.unwrap();
        let from = now
            .checked_sub(SignedDuration::from_hours(24 * 120))
            .unwrap();
        let marks = store.leg_marks(from, now).await.unwrap();
        for leg in [
            LegColumns::FinalToPolice,
            LegColumns::PoliceToTransport,
            LegColumns::TransportToExecuted,
        ] {
            let ms = |t: Timestamp| t.as_millisecond();
            let mut expected: Vec<(i64, i64)> = marks
                .iter()
                .filter_map(|m| span(leg, m))
                .filter(|(s, e)| *e >= from && *e < now && e >= s)
                .map(|(s, e)| {
                    let from_ms = ms(from);
                    // Milliseconds since `from`, and the duration, as SQL truncates them.
                    let ended = (e.as_nanosecond() - from.as_nanosecond()) / 1_000_000;
                    let took = (e.as_nanosecond() - s.as_nanosecond()) / 1_000_000;
                    ((from_ms + ended as i64), took as i64)
                })
                .collect();
            let mut got: Vec<(i64, i64)> = store
                .leg_spans(leg, from, now)
                .await
                .unwrap()
                .into_iter()
                .map(|(e, d)| (ms(e), d.as_millis() as i64))
                .collect();
            expected.sort_unstable();
            got.sort_unstable();
            assert!(
                !expected.is_empty(),
                "{leg:?}: the population completes this leg"
            );
            assert_eq!(got, expected, "{leg:?} on {}", db.url);
        }
        // An empty period gives nothing (the aggregate is NULL).
        let later = now.checked_add(SignedDuration::from_hours(1)).unwrap();
        assert!(
            store
                .leg_spans(LegColumns::FinalToPolice, now, later)
                .await
                .unwrap()
                .is_empty()
        );
        store.close().await;
        db.cleanup().await;
    }
}
