//! The government report from the store: reads the case histories, facilities
//! and executed trips the pure `opcentrum_report::report` needs, and runs it
//! off the async threads. Used by the report page and `opcentrum report`.

use opcentrum_domain::{Event, EventKind, facility::Facility, trip::TripOffer};
use opcentrum_report::{Disclosure, Period, Report, ReportError, ReportInput, report};
use opcentrum_store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ReportingError {
    #[error("cannot read the store: {0}")]
    Store(#[from] StoreError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error("the report was interrupted")]
    Interrupted,
}

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

/// Reads the histories of every case with a fact from `period.from` on, the
/// facilities and the executed trips' offers.
pub async fn read(store: &Store, period: Period) -> Result<ReportSource, StoreError> {
    let histories = store.report_histories(period.from).await?;
    let facilities = store
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
    let trips = store.trip_offers_by_id(&trip_ids).await?;
    Ok(ReportSource {
        histories,
        facilities,
        trips,
    })
}

/// The report for `period` from what the store holds now.
pub async fn make(
    store: &Store,
    period: Period,
    disclosure: Disclosure,
) -> Result<Report, ReportingError> {
    let source = read(store, period).await?;
    let r = tokio::task::spawn_blocking(move || report(&source.input(period, disclosure)))
        .await
        .map_err(|_| ReportingError::Interrupted)??;
    Ok(r)
}

impl From<ReportingError> for crate::problem::ApiError {
    fn from(e: ReportingError) -> Self {
        match e {
            ReportingError::Store(s) => s.into(),
            // A history the report cannot read is a defect of the store, not of
            // the request: logged (case ids only) and answered as 500.
            other => {
                tracing::error!(error = %other, "the report failed");
                crate::problem::ApiError::internal()
            }
        }
    }
}
