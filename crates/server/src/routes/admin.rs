//! The legal officer's and the auditor's work: the sharing matrix (read, try a
//! draft, store a new version), users and tokens, the audit trail, exports.

use crate::{
    audit::entry,
    auth::{Caller, token_hash},
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
    response::Response,
};
use opcentrum_access::{
    Policy, Role,
    audit::{AuditAction, AuditRecord},
    diff::{MatrixChange, diff},
    matrix::{MatrixRow, SharingMatrix},
    password::hash_password,
    session::new_secret,
};
use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_store::{AuditQuery, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

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
    _caller: Caller,
) -> ApiResult<Json<MatrixView>> {
    Ok(Json(state.policy.get().matrix.clone().into()))
}

/// Every version of the matrix, newest first: who changed it, when, why.
#[utoipa::path(get, path = "/api/matrix/history", tag = "secrecy", responses((status = 200, body = Vec<MatrixView>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn matrix_history(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<MatrixView>>> {
    Ok(Json(
        state
            .store
            .matrix_history()
            .await?
            .into_iter()
            .map(MatrixView::from)
            .collect(),
    ))
}

fn compile(rows: Vec<MatrixRow>, state: &AppState, comment: &str, by: &str) -> ApiResult<Policy> {
    let m = SharingMatrix {
        version: 0,
        rows,
        changed_by: by.to_owned(),
        changed_at: state.clock.now(),
        comment: comment.to_owned(),
    };
    Policy::compile(m).map_err(|e| match e {
        opcentrum_access::PolicyError::Matrix(m) => {
            let mut err = ApiError::field("rows", m.to_string());
            err.problem.errors = m
                .problems
                .iter()
                .map(|(i, p)| crate::problem::FieldError {
                    field: format!("rows[{i}]"),
                    reason: p.clone(),
                })
                .collect();
            err
        }
        other => ApiError::field("rows", other.to_string()),
    })
}

/// Compare a draft with the matrix in force: which reader gains or loses which category.
#[utoipa::path(post, path = "/api/matrix/diff", tag = "secrecy", request_body = MatrixDraft, responses((status = 200, body = MatrixDiff), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn matrix_diff(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<MatrixDraft>,
) -> ApiResult<Json<MatrixDiff>> {
    let compiled = compile(
        draft.rows,
        &state,
        &draft.comment,
        caller.principal.user.as_str(),
    )?;
    let current = state.policy.get();
    let changes = diff(&current.matrix.rows, &compiled.matrix.rows);
    let summary = changes.iter().map(MatrixChange::describe_en).collect();
    Ok(Json(MatrixDiff {
        current_version: current.matrix.version,
        changes,
        summary,
    }))
}

/// Store a new version of the matrix (legal officer). It applies at once.
#[utoipa::path(put, path = "/api/matrix", tag = "secrecy", request_body = MatrixDraft, responses((status = 200, body = MatrixView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn put_matrix(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<MatrixDraft>,
) -> ApiResult<Json<MatrixView>> {
    if draft.comment.trim().is_empty() {
        return Err(ApiError::field("comment", "say why the matrix changes"));
    }
    let compiled = compile(
        draft.rows.clone(),
        &state,
        &draft.comment,
        caller.principal.user.as_str(),
    )?;
    let changes = diff(&state.policy.get().matrix.rows, &compiled.matrix.rows);
    let now = state.clock.now();
    let audit = entry(
        &caller,
        AuditAction::MatrixChange,
        None,
        vec![],
        changes
            .iter()
            .take(50)
            .map(MatrixChange::describe_en)
            .collect(),
        "sharing matrix change",
        now,
    );
    let stored = state
        .store
        .put_matrix(
            draft.rows,
            caller.principal.user.as_str(),
            &draft.comment,
            now,
            Some(audit),
        )
        .await?;
    let policy =
        Policy::compile(stored.clone()).map_err(|e| ApiError::field("rows", e.to_string()))?;
    state.policy.set(policy);
    Ok(Json(stored.into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub user: String,
    pub display_name: String,
    pub agency: Agency,
    pub role: String,
    pub disabled: bool,
}

impl From<UserRecord> for UserView {
    fn from(u: UserRecord) -> Self {
        UserView {
            user: u.user_name.to_string(),
            display_name: u.display_name,
            agency: u.agency,
            role: u.role,
            disabled: u.disabled,
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
    _caller: Caller,
) -> ApiResult<Json<Vec<UserView>>> {
    Ok(Json(
        state
            .store
            .users()
            .await?
            .into_iter()
            .map(UserView::from)
            .collect(),
    ))
}

/// Add or change a user (legal officer).
#[utoipa::path(post, path = "/api/users", tag = "secrecy", request_body = NewUser, responses((status = 201, body = UserView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn put_user(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<NewUser>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    let user_name = UserName::parse(&req.user).map_err(|e| ApiError::field("user", e.reason))?;
    if user_name == caller.principal.user {
        // Separation of duties: no one grants themselves an agency, a role or a
        // password through the API; another legal officer must.
        return Err(ApiError::forbidden_field(
            "user",
            "user: you may not change your own account; another legal officer must",
            "is your own account",
        ));
    }
    if Role::parse(&req.role).is_none() {
        return Err(ApiError::field(
            "role",
            format!(
                "unknown role {:?}; expected one of {}",
                req.role,
                Role::ALL.map(|r| r.code()).join(", ")
            ),
        ));
    }
    if req.display_name.trim().is_empty() || req.display_name.chars().count() > 200 {
        return Err(ApiError::field("display_name", "1–200 characters"));
    }
    let password_hash = match &req.password {
        Some(p) => Some(hash_password(p).map_err(|e| ApiError::field("password", e.to_string()))?),
        None => None,
    };
    let record = UserRecord {
        user_name,
        display_name: req.display_name,
        agency: req.agency,
        role: req.role,
        password_hash,
        disabled: req.disabled,
    };
    let now = state.clock.now();
    let audit = entry(
        &caller,
        AuditAction::UserChange,
        None,
        vec![],
        vec![format!("user {}", record.user_name)],
        "user administration",
        now,
    );
    state.store.put_user(&record, now, Some(audit)).await?;
    Ok((StatusCode::CREATED, Json(record.into())))
}

/// Issue an API token for a user (legal officer), valid 90 days.
#[utoipa::path(post, path = "/api/users/{name}/tokens", tag = "secrecy", params(("name" = String, Path, description = "User name")), responses((status = 201, body = IssuedToken), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn issue_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> ApiResult<(StatusCode, Json<IssuedToken>)> {
    let user = UserName::parse(&name).map_err(|e| ApiError::bad_request("name", e.reason))?;
    if state.store.user(&user).await?.is_none() {
        return Err(ApiError::not_found(format!("no user {user}")));
    }
    let now = state.clock.now();
    let expires_at = now
        .checked_add(jiff::SignedDuration::from_hours(24 * 90))
        .map_err(|_| ApiError::internal())?;
    let token = new_secret("opc");
    let audit = entry(
        &caller,
        AuditAction::UserChange,
        None,
        vec![],
        vec![format!("token for {user}")],
        "user administration",
        now,
    );
    state
        .store
        .put_token(
            &token_hash(&token),
            &user,
            "api",
            now,
            Some(expires_at),
            Some(audit),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedToken {
            user: user.to_string(),
            token,
            expires_at,
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
    _caller: Caller,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> ApiResult<Json<Vec<AuditRecord>>> {
    let limit = p.limit.unwrap_or(500);
    if limit == 0 || limit > 10_000 {
        return Err(ApiError::field("limit", "must be 1–10000"));
    }
    Ok(Json(
        state
            .store
            .audit_records(&AuditQuery {
                case: p.case,
                user: p.user,
                after: p.after,
                limit,
            })
            .await?,
    ))
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
