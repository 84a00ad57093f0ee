//! Four eyes (issue 13): making someone a legal officer and changing the
//! sharing matrix are proposed by one legal officer and decided by another.
//! The proposer cannot approve; a user change is decided within the user's
//! agency; a matrix change by a legal officer who may edit the matrix. The
//! change applies only on approval, in one transaction with the decision and
//! its audit records, which name both officers.

use crate::{
    auth::Caller,
    json::ApiJson,
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
};
use opcentrum_access::diff::MatrixChange;
use opcentrum_store::{ChangeBody, ChangeRecord, ChangeStatus};
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
    caller: Caller,
) -> ApiResult<Json<Vec<ChangeView>>> {
    Ok(Json(
        state
            .app
            .changes(&caller.app())
            .await?
            .iter()
            .map(|c| ChangeView::of(c, &[]))
            .collect(),
    ))
}

/// Why a change is decided as it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeDecision {
    /// Required to reject; optional to approve.
    #[serde(default)]
    pub reason: String,
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
    let (decided, changes) = state
        .app
        .decide_change(&caller.app(), id, approve, &reason)
        .await?;
    Ok(Json(ChangeView::of(&decided, &changes)))
}

/// Approve a proposed change (a second legal officer): it applies now.
#[utoipa::path(post, path = "/api/admin/changes/{id}/approve", tag = "secrecy", params(("id" = u64, Path, description = "Change number")), request_body = ChangeDecision, responses((status = 200, body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn approve_change(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<ChangeDecision>,
) -> ApiResult<Json<ChangeView>> {
    decide(state, caller, change_id(&id)?, true, d.reason).await
}

/// Reject a proposed change, with a reason (the proposer may withdraw it).
#[utoipa::path(post, path = "/api/admin/changes/{id}/reject", tag = "secrecy", params(("id" = u64, Path, description = "Change number")), request_body = ChangeDecision, responses((status = 200, body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn reject_change(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<ChangeDecision>,
) -> ApiResult<Json<ChangeView>> {
    decide(state, caller, change_id(&id)?, false, d.reason).await
}
