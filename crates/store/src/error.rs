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
    /// Bad input the store itself detects (not a lifecycle rule), with the
    /// reason in Swedish where a page may show it (catalogue area `gate`,
    /// `gate.store.*`); `None` for an operator's error at the command line.
    #[error("{field}: {reason}")]
    Invalid {
        field: String,
        reason: String,
        reason_sv: Option<String>,
    },
    /// A stored row does not decode: the database was changed outside opcentrum.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// Bad input in English only: an operator's error (backup, audit key).
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        StoreError::Invalid {
            field: field.into(),
            reason: reason.into(),
            reason_sv: None,
        }
    }
    /// Bad input, its reason the catalogue's `key` in both languages.
    pub(crate) fn invalid_in(
        field: impl Into<String>,
        key: &str,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> Self {
        use opcentrum_text::{Lang, Tr};
        StoreError::Invalid {
            field: field.into(),
            reason: Tr::new(Lang::En).f(key, args),
            reason_sv: Some(Tr::new(Lang::Sv).f(key, args)),
        }
    }
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
