//! Cases through the gate: list, read with history, register, record an
//! event, and the actions a reader may take on a case now.

mod detail;
mod list;
pub(crate) mod offer;
mod record;
mod table;

pub use detail::CaseDetail;
pub use list::{CaseList, CaseQuery};
pub use offer::ActionOffer;
pub(crate) use record::PendingEvent;
pub use record::{Outcome, Recorded, Registration, Together};
pub use table::{CaseTable, CaseTableQuery, SearchKind};

pub(crate) const PURPOSE_CASEWORK: &str = "case handling";

use crate::{AppError, AppResult};
use opcentrum_domain::ids::CaseId;

pub(crate) fn case_id(raw: &str) -> AppResult<CaseId> {
    CaseId::parse(raw).map_err(|e| AppError::bad_request("id", e.to_string()))
}
