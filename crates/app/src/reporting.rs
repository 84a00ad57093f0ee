//! The government report through the gate: the store's histories,
//! facilities and executed trips read for the pure `opcentrum_report::report`,
//! computed off the async threads. The report itself holds no personal data
//! (counts, with disclosure control in public); viewing or downloading it is
//! an audit record (an export), made by the adapter that shows it.

use crate::{App, AppError, AppResult, Caller, audit::entry};
use opcentrum_access::audit::AuditAction;
use opcentrum_domain::{Event, EventKind, facility::Facility, trip::TripOffer};
use opcentrum_report::{Disclosure, Period, Report, ReportInput, report};

/// What the pure report reads from the store for a period.
pub struct ReportSource {
    pub histories: Vec<Vec<Event>>,
    pub facilities: Vec<Facility>,
    /// The offers of the trips executed cases left on.
    pub trips: Vec<TripOffer>,
}

impl ReportSource {
    pub fn input(&self, period: Period, disclosure: Disclosure) -> ReportInput<'_> {
        ReportInput {
            histories: &self.histories,
            facilities: &self.facilities,
            trips: &self.trips,
            period,
            disclosure,
        }
    }
}

impl App {
    /// Reads the histories of every case with a fact from `period.from` on,
    /// the facilities and the executed trips' offers (the store half of the
    /// report; `opcentrum bench report` times it apart).
    pub async fn report_source(&self, caller: &Caller, period: Period) -> AppResult<ReportSource> {
        self.allow(caller, "reports.read", None).await?;
        let histories = self.store.report_histories(period.from).await?;
        let facilities = self
            .store
            .facilities()
            .await?
            .into_iter()
            .map(|f| f.facility)
            .collect();
        let trip_ids: Vec<_> = histories
            .iter()
            .flatten()
            .filter_map(|e: &Event| match &e.kind {
                EventKind::Executed { trip, .. } => Some(trip.clone()),
                _ => None,
            })
            .collect();
        let trips = self.store.trip_offers_by_id(&trip_ids).await?;
        Ok(ReportSource {
            histories,
            facilities,
            trips,
        })
    }

    /// The report for `period` from what the store holds now.
    pub async fn report(
        &self,
        caller: &Caller,
        period: Period,
        disclosure: Disclosure,
    ) -> AppResult<Report> {
        let source = self.report_source(caller, period).await?;
        let r = tokio::task::spawn_blocking(move || report(&source.input(period, disclosure)))
            .await
            .map_err(|_| AppError::internal("the report was interrupted"))?
            .map_err(|e| {
                // A history the report cannot read is a defect of the store,
                // not of the request.
                AppError::internal(format!("the report failed: {e}"))
            })?;
        Ok(r)
    }

    /// The audit record of a report viewed (a read) or downloaded (an export).
    pub async fn audit_report(
        &self,
        caller: &Caller,
        action: AuditAction,
        categories: Vec<opcentrum_access::FieldCategory>,
        purpose: &str,
    ) -> AppResult<()> {
        let record = entry(
            caller,
            action,
            None,
            categories,
            vec![],
            purpose,
            self.clock.now(),
        );
        Ok(self.store.audit(vec![record]).await?)
    }
}
