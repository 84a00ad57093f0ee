//! What can go wrong in the store, in terms a caller can act on.

use opcentrum_domain::{TransitionError, ids::CaseId};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The case moved on since the caller read it: optimistic concurrency.
    #[error("case {case} is at version {actual}, not {expected}: reload it and try again")]
    Conflict {
        case: CaseId,
        expected: u64,
        actual: u64,
    },
    /// The lifecycle refused the event (domain rule).
    #[error("{0}")]
    Refused(#[from] TransitionError),
    #[error("no case {0}")]
    NotFound(CaseId),
    #[error("case {0} already exists")]
    AlreadyExists(CaseId),
    /// Bad input the store itself detects (not a lifecycle rule).
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    /// A stored row does not decode: the database was changed outside opcentrum.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        StoreError::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
