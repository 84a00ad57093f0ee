//! Errors as RFC 9457 problem details (`application/problem+json`), naming the
//! field and the reason. Bad input is a 4xx; only our own failures are 5xx, and
//! their details go to the log, not the client.

use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use opcentrum_domain::{Refusal, TransitionError};
use opcentrum_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// One bad field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// JSON path or parameter name, e.g. `event.final_on` or `limit`.
    pub field: String,
    pub reason: String,
}

/// An RFC 9457 problem.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// `urn:opcentrum:problem:<code>`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The same in Swedish, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail_sv: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The rule that refused a transition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statute: Option<String>,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub problem: Problem,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, title: &str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            problem: Problem {
                kind: format!("urn:opcentrum:problem:{code}"),
                title: title.to_owned(),
                status: status.as_u16(),
                detail: detail.into(),
                detail_sv: None,
                errors: vec![],
                rule: None,
                statute: None,
            },
        }
    }

    /// The same refusal with its sentence in Swedish (`detail_sv`), which a
    /// Swedish page shows instead of the English `detail`.
    pub fn with_sv(mut self, text: impl Into<String>) -> Self {
        self.problem.detail_sv = Some(text.into());
        self
    }

    /// 422 naming one field.
    pub fn field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        let (field, reason) = (field.into(), reason.into());
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-field",
            "Invalid input",
            format!("{field}: {reason}"),
        );
        e.problem.errors.push(FieldError { field, reason });
        e
    }

    /// 422 naming one field, its reason the catalogue's `key` (area `base`,
    /// `form.err.*`) in both languages: the English in `detail` and the
    /// field's reason, the Swedish in `detail_sv` for a Swedish page.
    pub fn field_in(field: &str, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> Self {
        use opcentrum_text::{Lang, Tr};
        let sv = Tr::new(Lang::Sv).f(key, args);
        ApiError::field(field, Tr::new(Lang::En).f(key, args)).with_sv(format!("{field}: {sv}"))
    }

    /// 400 for a malformed parameter or body.
    pub fn bad_request(field: impl Into<String>, reason: impl Into<String>) -> Self {
        let (field, reason) = (field.into(), reason.into());
        let mut e = ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Malformed request",
            format!("{field}: {reason}"),
        );
        e.problem.errors.push(FieldError { field, reason });
        e
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not-found", "Not found", what)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Authentication required",
            detail,
        )
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Forbidden", detail)
    }

    /// 403 because of one field's value (a filter that would reveal a
    /// category, one's own account), naming the field.
    pub fn forbidden_field(
        field: impl Into<String>,
        detail: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        let mut e = ApiError::forbidden(detail);
        e.problem.errors.push(FieldError {
            field: field.into(),
            reason: reason.into(),
        });
        e
    }

    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
            "the server failed; the error is logged with the request id",
        )
    }
}

impl From<TransitionError> for ApiError {
    fn from(e: TransitionError) -> Self {
        let (status, code, title) = match e.refusal {
            Refusal::Conflict => (
                StatusCode::CONFLICT,
                "transition-refused",
                "Transition refused",
            ),
            Refusal::Invalid => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-event",
                "Invalid event",
            ),
            Refusal::Forbidden => (
                StatusCode::FORBIDDEN,
                "not-responsible",
                "Not allowed for this agency",
            ),
        };
        let mut out = ApiError::new(status, code, title, e.to_string());
        out.problem.detail_sv = Some(e.message_sv());
        out.problem.rule = Some(
            serde_json::to_value(e.rule)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        );
        out.problem.statute = Some(e.statute.to_owned());
        if let Some(field) = e.field {
            out.problem.errors.push(FieldError {
                field: format!("event.{field}"),
                reason: e.reason.clone(),
            });
        }
        out
    }
}

/// The application layer's answers, as problem details: a catalogue refusal
/// is 403 naming the row (and the field, where one is at fault), the law's
/// refusal 409/422 naming the rule, bad input 422/400 naming the field.
impl From<opcentrum_app::AppError> for ApiError {
    fn from(e: opcentrum_app::AppError) -> Self {
        use opcentrum_app::AppError as E;
        match e {
            E::Forbidden {
                row,
                reason_en,
                reason_sv,
                field,
            } => {
                let mut out = ApiError::new(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    reason_en.clone(),
                );
                out.problem.detail_sv = Some(reason_sv);
                out.problem.rule = Some(format!("action:{row}"));
                if let Some(field) = field {
                    out.problem.errors.push(FieldError {
                        field,
                        reason: reason_en,
                    });
                }
                out
            }
            E::Refused(t) => t.into(),
            E::Invalid {
                field,
                reason,
                reason_sv,
            } => {
                let mut err = ApiError::field(field, reason);
                err.problem.detail_sv = reason_sv;
                err
            }
            E::InvalidItems {
                field,
                reason,
                items,
            } => {
                let mut err = ApiError::field(field, reason);
                err.problem.errors = items
                    .into_iter()
                    .map(|(field, reason)| FieldError { field, reason })
                    .collect();
                err
            }
            E::BadRequest { field, reason } => ApiError::bad_request(field, reason),
            E::NotFound(what) => ApiError::not_found(what.en).with_sv(what.sv),
            E::Stale(d) => ApiError::new(
                StatusCode::CONFLICT,
                "version-conflict",
                "Version conflict",
                d.en,
            )
            .with_sv(d.sv),
            E::Conflict(d) => {
                ApiError::new(StatusCode::CONFLICT, "not-pending", "Already decided", d.en)
                    .with_sv(d.sv)
            }
            E::AlreadyExists(d) => ApiError::new(
                StatusCode::CONFLICT,
                "already-exists",
                "Already exists",
                d.en,
            )
            .with_sv(d.sv),
            E::Internal(d) => {
                tracing::error!(error = %d, "application failure");
                ApiError::internal()
            }
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { .. } => ApiError::new(
                StatusCode::CONFLICT,
                "version-conflict",
                "Version conflict",
                e.to_string(),
            ),
            StoreError::Refused(t) => t.into(),
            StoreError::NotFound(id) => ApiError::not_found(format!("no case {id}")),
            StoreError::AlreadyExists(id) => ApiError::new(
                StatusCode::CONFLICT,
                "already-exists",
                "Already exists",
                format!("case {id} already exists"),
            ),
            StoreError::Invalid {
                field,
                reason,
                reason_sv,
            } => {
                let mut e = ApiError::field(field, reason);
                e.problem.detail_sv = reason_sv;
                e
            }
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
