//! The legal officer's and the auditor's work: the sharing matrix (read, try a
//! draft, propose a new version), users and tokens of one's own agency, the
//! audit trail (whose reads are recorded too), exports. Changes that take two
//! legal officers are decided in `routes::changes`.

use crate::{
    auth::Caller,
    dto::CaseView,
    json::{ApiJson, ApiQuery},
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use opcentrum_access::{
    audit::AuditRecord,
    diff::MatrixChange,
    matrix::{MatrixRow, SharingMatrix},
};
use opcentrum_app::admin::users::{AccountChange, AccountOutcome, AccountView};
use opcentrum_domain::Agency;
use opcentrum_store::{AccountKind, AuditQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use crate::routes::changes::ChangeView;

#[derive(Debug, Serialize, ToSchema)]
pub struct MatrixView {
    pub version: u64,
    pub changed_by: String,
    pub changed_at: jiff::Timestamp,
    pub comment: String,
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<MatrixRow>,
}

impl From<SharingMatrix> for MatrixView {
    fn from(m: SharingMatrix) -> Self {
        MatrixView {
            version: m.version,
            changed_by: m.changed_by,
            changed_at: m.changed_at,
            comment: m.comment,
            rows: m.rows,
        }
    }
}

/// A proposed matrix.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixDraft {
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<MatrixRow>,
    /// Why (stored with the version).
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatrixDiff {
    pub current_version: u64,
    #[schema(value_type = Vec<Object>)]
    pub changes: Vec<MatrixChange>,
    /// The changes in words.
    pub summary: Vec<String>,
}

/// The sharing matrix in force.
#[utoipa::path(get, path = "/api/matrix", tag = "secrecy", responses((status = 200, body = MatrixView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn get_matrix(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<MatrixView>> {
    Ok(Json(state.app.matrix(&caller.app()).await?.into()))
}

/// Every version of the matrix, newest first: who changed it, when, why.
#[utoipa::path(get, path = "/api/matrix/history", tag = "secrecy", responses((status = 200, body = Vec<MatrixView>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn matrix_history(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<MatrixView>>> {
    Ok(Json(
        state
            .app
            .matrix_history(&caller.app())
            .await?
            .into_iter()
            .map(MatrixView::from)
            .collect(),
    ))
}

/// Compare a draft with the matrix in force: which reader gains or loses which category.
#[utoipa::path(post, path = "/api/matrix/diff", tag = "secrecy", request_body = MatrixDraft, responses((status = 200, body = MatrixDiff), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn matrix_diff(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<MatrixDraft>,
) -> ApiResult<Json<MatrixDiff>> {
    let d = state.app.try_matrix(&caller.app(), draft.rows).await?;
    let summary = d.changes.iter().map(MatrixChange::describe_en).collect();
    Ok(Json(MatrixDiff {
        current_version: d.current_version,
        changes: d.changes,
        summary,
    }))
}

/// Propose a new version of the matrix (legal officer). It applies only when
/// a second legal officer approves it (`POST /api/admin/changes/{id}/approve`).
#[utoipa::path(put, path = "/api/matrix", tag = "secrecy", request_body = MatrixDraft, responses((status = 202, description = "Proposed: waits for a second legal officer", body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn put_matrix(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<MatrixDraft>,
) -> ApiResult<(StatusCode, Json<ChangeView>)> {
    let (change, changes) = state
        .app
        .propose_matrix(&caller.app(), draft.rows, &draft.comment)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(ChangeView::of(&change, &changes)),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub user: String,
    pub display_name: String,
    pub agency: Agency,
    pub role: String,
    pub disabled: bool,
    /// `person` (logs in) or `service` (an agency's system; API tokens).
    #[schema(value_type = String)]
    pub kind: AccountKind,
}

impl From<AccountView> for UserView {
    fn from(u: AccountView) -> Self {
        UserView {
            user: u.user,
            display_name: u.display_name,
            agency: u.agency,
            role: u.role,
            disabled: u.disabled,
            kind: u.kind,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub user: String,
    pub display_name: String,
    pub agency: Agency,
    pub role: String,
    /// 12–256 characters; leave out for a system user that only uses tokens.
    pub password: Option<String>,
    #[serde(default)]
    pub disabled: bool,
    /// `person` (default for a new user) or `service`.
    #[schema(value_type = Option<String>)]
    pub kind: Option<AccountKind>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    pub user: String,
    /// Shown once; only its hash is kept.
    pub token: String,
    pub expires_at: jiff::Timestamp,
}

/// Users.
#[utoipa::path(get, path = "/api/users", tag = "secrecy", responses((status = 200, body = Vec<UserView>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<UserView>>> {
    Ok(Json(
        state
            .app
            .accounts(&caller.app())
            .await?
            .into_iter()
            .map(UserView::from)
            .collect(),
    ))
}

/// Add or change a user of the caller's own agency (legal officer). Making
/// someone a legal officer is proposed (202) and applies only when a second
/// legal officer of the agency approves it.
#[utoipa::path(post, path = "/api/users", tag = "secrecy", request_body = NewUser, responses((status = 201, body = UserView), (status = 202, description = "Proposed: a legal officer grant waits for a second legal officer", body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn put_user(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<NewUser>,
) -> ApiResult<Response> {
    let change = AccountChange {
        user: req.user,
        display_name: req.display_name,
        agency: req.agency,
        role: req.role,
        password: req.password,
        disabled: req.disabled,
        kind: req.kind,
    };
    Ok(match state.app.put_account(&caller.app(), change).await? {
        AccountOutcome::Proposed(change) => {
            (StatusCode::ACCEPTED, Json(ChangeView::of(&change, &[]))).into_response()
        }
        AccountOutcome::Stored(view) => {
            (StatusCode::CREATED, Json(UserView::from(view))).into_response()
        }
    })
}

/// Issue an API token for a service account of the caller's agency (legal
/// officer), valid 90 days. Never for a person's account, never for one's
/// own: a person logs in; `opcentrum user token` on the server is for
/// bootstrap and demos.
#[utoipa::path(post, path = "/api/users/{name}/tokens", tag = "secrecy", params(("name" = String, Path, description = "User name")), responses((status = 201, body = IssuedToken), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn issue_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> ApiResult<(StatusCode, Json<IssuedToken>)> {
    let t = state.app.issue_token(&caller.app(), &name).await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedToken {
            user: t.user,
            token: t.token,
            expires_at: t.expires_at,
        }),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Records about this case.
    pub case: Option<String>,
    /// Records of this user.
    pub user: Option<String>,
    /// Records after this position.
    pub after: Option<u64>,
    /// 1–10000, default 500.
    pub limit: Option<u32>,
}

/// The audit trail by case and/or user (auditor, legal officer).
#[utoipa::path(get, path = "/api/audit", tag = "secrecy", params(AuditParams), responses((status = 200, body = Vec<Object>), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn audit_trail(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> ApiResult<Json<Vec<AuditRecord>>> {
    let query = AuditQuery {
        case: p.case,
        user: p.user,
        after: p.after,
        limit: p.limit.unwrap_or(500),
    };
    Ok(Json(state.app.audit_records(&caller.app(), query).await?))
}

/// Export the cases the reader may see, as JSON Lines, each filtered and audited.
#[utoipa::path(get, path = "/api/export", tag = "cases", responses((status = 200, description = "JSON Lines of filtered cases", content_type = "application/x-ndjson"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn export(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let mut out = String::new();
    for case in state.app.export_filtered(&caller.app()).await? {
        out.push_str(&serde_json::to_string(&CaseView { case }).map_err(|_| ApiError::internal())?);
        out.push('\n');
    }
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(Body::from(out))
        .map_err(|_| ApiError::internal())
}
