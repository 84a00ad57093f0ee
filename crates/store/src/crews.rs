//! A trip's crew (migration 0014): the monitor notified and the medical
//! staff, one record per trip, replaced whole by a newer one. The write and
//! its audit record are one transaction.

use crate::{
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::Timestamp;
use opcentrum_domain::{crew::TripCrew, ids::TripId};
use serde::Serialize;

/// The crew recorded for a trip, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrewRecord {
    pub trip: String,
    /// 1 for the first record, one more for each later one.
    pub version: u64,
    #[serde(flatten)]
    pub crew: TripCrew,
    pub recorded_at: Timestamp,
    pub recorded_by: String,
}

impl Store {
    /// Records (or replaces) the crew of `trip`, sealing `audit` into the
    /// chain in the same transaction.
    pub async fn put_trip_crew(
        &self,
        trip: &TripId,
        crew: &TripCrew,
        by: &str,
        audit: opcentrum_access::audit::AuditEntry,
        now: Timestamp,
    ) -> Result<CrewRecord> {
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO trip_crews (trip_id, version, body, recorded_at, recorded_by) \
             VALUES ($1, 1, $2, $3, $4) \
             ON CONFLICT (trip_id) DO UPDATE SET version = trip_crews.version + 1, \
             body = excluded.body, recorded_at = excluded.recorded_at, \
             recorded_by = excluded.recorded_by",
        )
        .bind(trip.as_str().to_owned())
        .bind(codec::json(crew)?)
        .bind(codec::ts(now))
        .bind(by.to_owned())
        .execute(&mut *tx)
        .await?;
        crate::audit::append_audit(&mut tx, &self.sealer(), vec![audit]).await?;
        tx.commit().await?;
        self.trip_crew(trip)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("the crew of {trip} vanished")))
    }

    /// The crew recorded for `trip`, if any.
    pub async fn trip_crew(&self, trip: &TripId) -> Result<Option<CrewRecord>> {
        let row = sqlx::query(
            "SELECT trip_id, version, body, recorded_at, recorded_by FROM trip_crews \
             WHERE trip_id = $1",
        )
        .bind(trip.as_str().to_owned())
        .fetch_optional(&self.read)
        .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(CrewRecord {
            trip: get(&r, "trip_id")?,
            version: codec::u64_of(get::<i64>(&r, "version")?),
            crew: codec::from_json(&get::<String>(&r, "body")?)?,
            recorded_at: codec::from_ts(get::<i64>(&r, "recorded_at")?)?,
            recorded_by: get(&r, "recorded_by")?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::backends;
    use opcentrum_access::audit::{AuditAction, AuditEntry};
    use opcentrum_domain::{
        crew::{Attendance, MonitorNotice, TripCrew},
        ids::TripId,
    };

    fn audit(now: jiff::Timestamp) -> AuditEntry {
        AuditEntry {
            at: now,
            request_id: "r-1".into(),
            user: "nte.planner".into(),
            agency: "nte".into(),
            role: "trip_planner".into(),
            action: AuditAction::Write,
            case: None,
            categories: vec![],
            legal_basis: vec![],
            purpose: "trips.crew C-1".into(),
        }
    }

    #[tokio::test]
    async fn a_crew_is_stored_replaced_and_audited_on_both_databases() {
        for db in backends("crews").await {
            let store = db.store().await.unwrap();
            let trip = TripId::parse("C-1").unwrap();
            let now: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
            assert_eq!(store.trip_crew(&trip).await.unwrap(), None);
            let mut crew = TripCrew {
                monitor: None,
                medical_staff: vec![],
            };
            let first = store
                .put_trip_crew(&trip, &crew, "nte.planner", audit(now), now)
                .await
                .unwrap();
            assert_eq!(first.version, 1, "{}", db.label);
            crew.monitor = Some(MonitorNotice {
                body: "Migrationsverket".into(),
                notified_on: jiff::civil::date(2026, 12, 1),
                attendance: Attendance::Declined,
            });
            let second = store
                .put_trip_crew(&trip, &crew, "nte.lead", audit(now), now)
                .await
                .unwrap();
            assert_eq!(second.version, 2, "{}", db.label);
            assert_eq!(second.recorded_by, "nte.lead");
            assert_eq!(store.trip_crew(&trip).await.unwrap().unwrap().crew, crew);
            store.close().await;
            db.cleanup().await;
        }
    }
}
