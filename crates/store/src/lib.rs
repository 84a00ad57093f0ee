//! opcentrum's store: the append-only event log and the projections read from
//! it (current case state, stage counts, detention occupancy, handover inboxes),
//! on SQLite (embedded default) or PostgreSQL through one code path.
//!
//! Architecture invariant: every write goes through `append`/`create_case`/
//! `load_histories`, which write the events and every projection in one
//! transaction. The projections can always be rebuilt from the log
//! (`verify_projections`).

mod append;
mod audit;
mod backup;
mod bulk;
mod codec;
mod connect;
mod crews;
mod error;
mod identity;
mod matrix;
mod offers;
mod pending;
mod pending_actions;
mod picture;
mod planning;
mod projection;
mod proposals;
mod query;
mod report_source;
mod retention;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod throttle;
mod verify;
mod watch;
mod work;

pub use append::{Appended, MAX_REASON, NewEvent};
pub use audit::AuditQuery;
pub use backup::StateDigest;
pub use bulk::BulkReport;
pub use connect::{Backend, Store, normalise_url};
pub use crews::CrewRecord;
pub use error::{Result, StoreError};
pub use identity::{AccountKind, CredentialsEnded, SessionRecord, UserRecord};
pub use offers::FacilityOccupancy;
pub use pending::{Applied, ChangeBody, ChangeRecord, ChangeStatus, StoredUser};
pub use pending_actions::{NewPending, PendingError, PendingRecord, PendingStatus};
pub use picture::{LegColumns, LegMarks, WaitingHandover};
pub use proposals::{
    DecisionError, NewProposal, PlannedWrite, ProposalKind, ProposalRecord, ProposalStatus,
};
pub use query::{CaseFilter, CasePage, MAX_PAGE, PageRequest, StageCount, StoredEvent};
pub use retention::{
    PSEUDONYM_GIVEN_NAME, REDACTED, RETENTION_PURPOSE, RetentionReport, RetentionRun,
    pseudonymise_event, pseudonymise_person,
};
pub use verify::ProjectionReport;
pub use work::{IdentitySearch, SortColumn, TablePage, TableRequest, WorkFilter};
