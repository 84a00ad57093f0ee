//! A trip's crew besides the escorts (issues 14, 15): NTE records, for a
//! trip in the plan in force, the forced-return monitor — the monitoring
//! body notified, on which day, who attends or that it declined — and the
//! medical staff on board. Catalogue row `trips.crew` (NTE's trip planners
//! and operations lead); every record is a write record in the audit chain,
//! sealed with it, and every refusal an audit record naming the row.
//!
//! The crew is what `domain::decide::monitor_condition` reads before
//! `executed` on a charter (`cases::record`), and what the manifest shows.

use crate::{App, AppError, AppResult, Caller, audit::entry};
use opcentrum_access::{FieldCategory, audit::AuditAction};
use opcentrum_domain::{crew::TripCrew, ids::TripId, time};
use opcentrum_store::CrewRecord;

const PURPOSE_CREW: &str = "trip crew";

impl App {
    /// Records (replaces) the crew of `trip`, a trip of the plan in force.
    pub async fn record_crew(
        &self,
        caller: &Caller,
        trip: &str,
        crew: TripCrew,
    ) -> AppResult<CrewRecord> {
        let row = self.allow(caller, "trips.crew", None).await?;
        let now = self.clock.now();
        let refused = |field: String, reason: String, reason_sv: String| async move {
            self.audit_refusal(caller, row.id, None, &[FieldCategory::Trip], &reason)
                .await;
            AppError::invalid_in(field, reason, reason_sv)
        };
        let id = match TripId::parse(trip.to_owned()) {
            Ok(id) => id,
            Err(e) => {
                let sv = crate::text::text(opcentrum_text::Lang::Sv, "gate.crew.bad_trip", &[]);
                return Err(refused("trip".into(), e.to_string(), sv).await);
            }
        };
        if let Err(e) = self.approved_trip(trip).await {
            // A trip not in the plan is refused like a bad field: audited.
            self.audit_refusal(caller, row.id, None, &[FieldCategory::Trip], &e.to_string())
                .await;
            return Err(e);
        }
        if let Err(e) = crew.validate(time::local_date(now)) {
            return Err(refused(e.field, e.reason, e.reason_sv).await);
        }
        let by = caller
            .principal()
            .map(|p| p.user.to_string())
            .ok_or_else(|| AppError::internal("a crew record by a non-user"))?;
        let audit = entry(
            caller,
            AuditAction::Write,
            None,
            vec![FieldCategory::Trip],
            vec![row.legal_ground.to_owned()],
            &format!("{PURPOSE_CREW} {trip}"),
            now,
        );
        Ok(self
            .store
            .put_trip_crew(&id, &crew, &by, audit, now)
            .await?)
    }

    /// The crew recorded for `trip`, for the manifest's readers.
    pub(crate) async fn crew_of(&self, trip: &str) -> AppResult<Option<CrewRecord>> {
        let Ok(id) = TripId::parse(trip.to_owned()) else {
            return Ok(None);
        };
        Ok(self.store.trip_crew(&id).await?)
    }

    /// `trip` is a trip of the plan in force (else 404).
    async fn approved_trip(&self, trip: &str) -> AppResult<()> {
        let not_planned = || AppError::not_found("gate.error.trip_not_planned", &[("trip", &trip)]);
        let record = self
            .store
            .approved_proposal()
            .await?
            .ok_or_else(not_planned)?;
        let body = crate::planning::body_for(&record)?;
        if body.plan.trips.iter().any(|t| t.trip == trip) {
            Ok(())
        } else {
            Err(not_planned())
        }
    }
}
