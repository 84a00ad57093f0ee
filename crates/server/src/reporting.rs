//! The government report from the store: reads the case histories, facilities
//! and executed trips the pure `opcentrum_report::report` needs, and runs it
//! off the async threads. Used by the report page and `opcentrum report`.

use opcentrum_domain::{Event, EventKind};
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

/// The report for `period` from what the store holds now.
pub async fn make(
    store: &Store,
    period: Period,
    disclosure: Disclosure,
) -> Result<Report, ReportingError> {
    let histories = store.report_histories(period.from).await?;
    let facilities: Vec<_> = store
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
    let r = tokio::task::spawn_blocking(move || {
        report(&ReportInput {
            histories: &histories,
            facilities: &facilities,
            trips: &trips,
            period,
            disclosure,
        })
    })
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
