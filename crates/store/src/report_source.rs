//! What a report reads: the whole histories of the cases that can have a fact
//! in a period, and the offers of the trips their persons left on.
//!
//! A case can have a fact in a period starting on `from` when it is still open
//! (an open detention, a decision taken then but registered later) or when it
//! has an event recorded on or after `from`. A closed case whose last event was
//! recorded before `from` cannot: every date an event carries (`on`, `at`,
//! `decided_on`) is on or before the day it is recorded. Skipping those keeps a
//! report over one quarter from reading years of closed cases.

use crate::{
    codec,
    connect::{Backend, Store},
    error::Result,
    offers::trip_from_row,
    query::event_from_row,
};
use futures_util::TryStreamExt;
use jiff::civil::Date;
use opcentrum_domain::{Event, Stage, ids::TripId, time::start_of_day, trip::TripOffer};

impl Store {
    /// Whole histories, in case id order, of every case that is open or has an
    /// event recorded on or after the start of `from` (Swedish time).
    pub async fn report_histories(&self, from: Date) -> Result<Vec<Vec<Event>>> {
        let open: Vec<String> = Stage::OPEN
            .iter()
            .map(|s| format!("'{}'", s.code()))
            .collect();
        let sql = format!(
            "SELECT e.seq, e.case_id, e.version, e.event_type, e.payload, e.actor_user, e.actor_agency, e.recorded_at, e.reason \
             FROM events e JOIN cases c ON c.case_id = e.case_id \
             WHERE c.stage IN ({}) OR EXISTS (SELECT 1 FROM events x WHERE x.case_id = c.case_id AND x.recorded_at >= $1) \
             ORDER BY e.case_id, e.version",
            open.join(",")
        );
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(codec::ts(start_of_day(from)))
            .fetch(&self.read);
        let mut out: Vec<Vec<Event>> = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let e = event_from_row(&row)?.event;
            match out.last_mut() {
                Some(h) if h.first().is_some_and(|f| f.case == e.case) => h.push(e),
                _ => out.push(vec![e]),
            }
        }
        Ok(out)
    }

    /// The offers of these trips (those that exist), in trip id order.
    pub async fn trip_offers_by_id(&self, ids: &[TripId]) -> Result<Vec<TripOffer>> {
        let mut ids: Vec<&str> = ids.iter().map(TripId::as_str).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len())
                .map(|i| match self.backend {
                    Backend::Postgres => format!("${i}"),
                    Backend::Sqlite => "?".to_owned(),
                })
                .collect();
            let sql = format!(
                "SELECT trip_id, kind, destination, trip_date, seats, quota, cost FROM trip_offers WHERE trip_id IN ({}) ORDER BY trip_id",
                marks.join(",")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind((*id).to_owned());
            }
            for row in q.fetch_all(&self.read).await? {
                out.push(trip_from_row(&row)?);
            }
        }
        Ok(out)
    }
}
