//! What the application layer answers when it does not do what was asked, in
//! terms an adapter maps to a status without looking inside: refused by the
//! catalogue (403), refused by the law (409/422, naming the rule), invalid
//! input (422/400 naming the field), not found, a stale version, or our own
//! failure (logged, never detailed to the caller).

use crate::text::{Arg, reasons};
use opcentrum_domain::TransitionError;
use opcentrum_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The action catalogue does not let the caller take the action. Names the
    /// action, the catalogue row and why; says nothing of the case's state.
    #[error("{reason_en}")]
    Forbidden {
        /// The catalogue row, e.g. `impediment_lifted.stay`.
        row: String,
        reason_en: String,
        reason_sv: String,
        /// The request field at fault, where one is (a filter, a user name).
        field: Option<String>,
    },
    /// The lifecycle (the law) refused the event: the rule and its statute.
    #[error("{0}")]
    Refused(TransitionError),
    /// A field of the request is invalid (422), with the reason in Swedish
    /// where a page shows it to an officer.
    #[error("{field}: {reason}")]
    Invalid {
        field: String,
        reason: String,
        reason_sv: Option<String>,
    },
    /// Fields of a list at fault (422): the list's field, the whole reason,
    /// and each item at fault (`rows[3]`) with its reason.
    #[error("{field}: {reason}")]
    InvalidItems {
        field: String,
        reason: String,
        items: Vec<(String, String)>,
    },
    /// A malformed parameter (400).
    #[error("{field}: {reason}")]
    BadRequest { field: String, reason: String },
    #[error("{0}")]
    NotFound(Said),
    /// The case moved on since the caller read it (409): reload and retry.
    #[error("{0}")]
    Stale(Said),
    /// A proposal or pending action was decided already (409).
    #[error("{0}")]
    Conflict(Said),
    /// The thing to create exists already (409).
    #[error("{0}")]
    AlreadyExists(Said),
    /// Our own failure: logged; the caller gets no detail.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

/// A sentence in English and in Swedish, read from the catalogue's area
/// `gate`: what a 404 or a 409 says, the Swedish on a Swedish page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub en: String,
    pub sv: String,
}

impl Said {
    /// The text of `key` in both languages with its placeholders filled.
    pub(crate) fn new(key: &str, args: &[(&str, &dyn Arg)]) -> Said {
        let (en, sv) = reasons(key, args);
        Said { en, sv }
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl AppError {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> AppError {
        AppError::Invalid {
            field: field.into(),
            reason: reason.into(),
            reason_sv: None,
        }
    }
    /// An invalid field, its reason in English and Swedish.
    pub fn invalid_in(
        field: impl Into<String>,
        reason: impl Into<String>,
        reason_sv: impl Into<String>,
    ) -> AppError {
        AppError::Invalid {
            field: field.into(),
            reason: reason.into(),
            reason_sv: Some(reason_sv.into()),
        }
    }
    pub fn bad_request(field: impl Into<String>, reason: impl Into<String>) -> AppError {
        AppError::BadRequest {
            field: field.into(),
            reason: reason.into(),
        }
    }
    /// Nothing is there (404): `key` of area `gate` in both languages.
    pub(crate) fn not_found(key: &str, args: &[(&str, &dyn Arg)]) -> AppError {
        AppError::NotFound(Said::new(key, args))
    }
    /// The case moved on (409): `key` of area `gate` in both languages.
    pub(crate) fn stale(key: &str, args: &[(&str, &dyn Arg)]) -> AppError {
        AppError::Stale(Said::new(key, args))
    }
    /// Decided already (409): `key` of area `gate` in both languages.
    pub(crate) fn conflict(key: &str, args: &[(&str, &dyn Arg)]) -> AppError {
        AppError::Conflict(Said::new(key, args))
    }
    pub fn internal(what: impl std::fmt::Display) -> AppError {
        AppError::Internal(what.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict {
                case,
                expected,
                actual,
            } => AppError::stale(
                "gate.error.stale",
                &[("id", &case), ("expected", &expected), ("actual", &actual)],
            ),
            StoreError::Refused(t) => AppError::Refused(t),
            StoreError::NotFound(id) => AppError::not_found("gate.error.no_case", &[("id", &id)]),
            StoreError::AlreadyExists(id) => {
                AppError::AlreadyExists(Said::new("gate.error.case_exists", &[("id", &id)]))
            }
            StoreError::Invalid {
                field,
                reason,
                reason_sv,
            } => AppError::Invalid {
                field,
                reason,
                reason_sv,
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}
