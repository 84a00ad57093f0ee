//! Four eyes (issue 13): making someone a legal officer and changing the
//! sharing matrix are proposed by one legal officer and decided by another.
//! The proposer cannot approve; a user change is decided within the user's
//! agency; a matrix change by a legal officer who may edit the matrix. The
//! change applies only on approval, in one transaction with the decision and
//! its audit records, which name both officers.

use crate::{
    audit::entry,
    auth::Caller,
    json::ApiJson,
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use opcentrum_access::{
    Permission, Policy,
    audit::AuditAction,
    diff::{MatrixChange, diff},
};
use opcentrum_store::{Applied, ChangeBody, ChangeRecord, ChangeStatus, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A proposed change and its decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeView {
    pub id: u64,
    /// `user` or `matrix`.
    pub kind: String,
    pub summary: String,
    pub proposed_by: String,
    pub proposed_at: jiff::Timestamp,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<jiff::Timestamp>,
    pub decision_reason: Option<String>,
    /// For a user change: the account as it would be.
    pub user: Option<String>,
    pub role: Option<String>,
    /// For a matrix change: what it changes, in words.
    pub changes: Vec<String>,
}

impl ChangeView {
    pub fn of(c: &ChangeRecord, changes: &[MatrixChange]) -> ChangeView {
        let (kind, user, role) = match &c.body {
            ChangeBody::User { user } => (
                "user",
                Some(user.user_name.clone()),
                Some(user.role.clone()),
            ),
            ChangeBody::Matrix { .. } => ("matrix", None, None),
        };
        let status = match c.status {
            ChangeStatus::Pending => "pending",
            ChangeStatus::Approved => "approved",
            ChangeStatus::Rejected => "rejected",
        };
        ChangeView {
            id: c.id,
            kind: kind.into(),
            summary: c.summary.clone(),
            proposed_by: c.proposed_by.clone(),
            proposed_at: c.proposed_at,
            status: status.into(),
            decided_by: c.decided_by.clone(),
            decided_at: c.decided_at,
            decision_reason: c.decision_reason.clone(),
            user,
            role,
            changes: changes.iter().map(MatrixChange::describe_en).collect(),
        }
    }
}

/// Proposed changes, newest first (legal officer).
#[utoipa::path(get, path = "/api/admin/changes", tag = "secrecy", responses((status = 200, body = Vec<ChangeView>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn list_changes(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<ChangeView>>> {
    Ok(Json(
        state
            .store
            .changes()
            .await?
            .iter()
            .map(|c| ChangeView::of(c, &[]))
            .collect(),
    ))
}

/// Why a change is decided as it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Required to reject; optional to approve.
    #[serde(default)]
    pub reason: String,
}

/// Who may decide: not the proposer (to approve), a legal officer of the
/// user's agency (never the user), or one who may edit the matrix.
fn may_decide(caller: &Caller, c: &ChangeRecord, approve: bool) -> ApiResult<()> {
    let me = caller.principal.user.as_str();
    if approve && c.proposed_by == me {
        return Err(ApiError::forbidden_field(
            "id",
            "id: you proposed this change; a second legal officer must approve it",
            "proposed by you",
        ));
    }
    match &c.body {
        ChangeBody::User { user } => {
            if user.user_name == me {
                return Err(ApiError::forbidden_field(
                    "id",
                    "id: the change is to your own account; another legal officer must decide it",
                    "is your own account",
                ));
            }
            if user.agency != caller.principal.agency {
                return Err(ApiError::forbidden_field(
                    "id",
                    format!(
                        "id: the account belongs to {}; only its legal officers decide",
                        user.agency.code()
                    ),
                    "belongs to another agency",
                ));
            }
        }
        ChangeBody::Matrix { .. } => {
            if !opcentrum_access::allowed(
                caller.principal.agency,
                caller.principal.role,
                Permission::EditMatrix,
            ) {
                return Err(ApiError::forbidden(format!(
                    "{} ({}) may not decide a change of the sharing matrix",
                    caller.principal.role.code(),
                    caller.principal.agency.code()
                )));
            }
        }
    }
    if c.status != ChangeStatus::Pending {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "already-decided",
            "Already decided",
            format!("change {} is already decided", c.id),
        ));
    }
    Ok(())
}

fn change_id(s: &str) -> ApiResult<u64> {
    s.parse()
        .map_err(|_| ApiError::bad_request("id", "a change number (a positive integer)"))
}

async fn decide(
    state: AppState,
    caller: Caller,
    id: u64,
    approve: bool,
    reason: String,
) -> ApiResult<Json<ChangeView>> {
    if !approve && reason.trim().is_empty() {
        return Err(ApiError::field("reason", "say why the change is rejected"));
    }
    if reason.chars().count() > 2000 {
        return Err(ApiError::field("reason", "at most 2000 characters"));
    }
    let Some(change) = state.store.change(id).await? else {
        return Err(ApiError::not_found(format!("no change {id}")));
    };
    may_decide(&caller, &change, approve)?;
    let now = state.clock.now();
    let me = caller.principal.user.to_string();
    let verdict = if approve { "approved" } else { "rejected" };
    let names = vec![
        format!("change {id} {verdict}"),
        format!(
            "proposed by {} at {}",
            change.proposed_by, change.proposed_at
        ),
        format!("{verdict} by {me}"),
        change.summary.clone(),
    ];
    // The whole diff of a matrix change, however large, goes into its record.
    let matrix_changes = match (&change.body, approve) {
        (ChangeBody::Matrix { rows, .. }, true) => {
            let current = state
                .store
                .current_matrix()
                .await?
                .map(|m| m.rows)
                .unwrap_or_default();
            diff(&current, rows)
        }
        _ => vec![],
    };
    let mut audit = vec![entry(
        &caller,
        AuditAction::ChangeDecided,
        None,
        vec![],
        names.clone(),
        "four-eyes decision",
        now,
    )];
    if approve {
        let (action, purpose) = match change.body {
            ChangeBody::User { .. } => (AuditAction::UserChange, "user administration (approved)"),
            ChangeBody::Matrix { .. } => (
                AuditAction::MatrixChange,
                "sharing matrix change (approved)",
            ),
        };
        audit.push(entry(
            &caller,
            action,
            None,
            vec![],
            names
                .into_iter()
                .chain(matrix_changes.iter().map(MatrixChange::describe_en))
                .collect(),
            purpose,
            now,
        ));
    }
    let (decided, applied) = state
        .store
        .decide_change(id, approve, &me, &reason, now, audit)
        .await
        .map_err(|e| match e {
            StoreError::Invalid { field, reason } if field == "id" || field == "based_on" => {
                ApiError::new(
                    StatusCode::CONFLICT,
                    "change-conflict",
                    "Change conflict",
                    format!("{field}: {reason}"),
                )
            }
            other => other.into(),
        })?;
    if let Some(Applied::Matrix(m)) = applied {
        let policy = Policy::compile(m).map_err(|e| ApiError::field("rows", e.to_string()))?;
        state.policy.set(policy);
    }
    let mut view = ChangeView::of(&decided, &matrix_changes);
    view.status = verdict.into();
    view.decided_by = Some(me);
    view.decided_at = Some(now);
    view.decision_reason = Some(reason);
    Ok(Json(view))
}

/// Approve a proposed change (a second legal officer): it applies now.
#[utoipa::path(post, path = "/api/admin/changes/{id}/approve", tag = "secrecy", params(("id" = u64, Path, description = "Change number")), request_body = Decision, responses((status = 200, body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn approve_change(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<Decision>,
) -> ApiResult<Json<ChangeView>> {
    decide(state, caller, change_id(&id)?, true, d.reason).await
}

/// Reject a proposed change, with a reason (the proposer may withdraw it).
#[utoipa::path(post, path = "/api/admin/changes/{id}/reject", tag = "secrecy", params(("id" = u64, Path, description = "Change number")), request_body = Decision, responses((status = 200, body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn reject_change(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<Decision>,
) -> ApiResult<Json<ChangeView>> {
    decide(state, caller, change_id(&id)?, false, d.reason).await
}
