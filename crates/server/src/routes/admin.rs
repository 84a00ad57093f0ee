//! The legal officer's and the auditor's work: the sharing matrix (read, try a
//! draft, propose a new version), users and tokens of one's own agency, the
//! audit trail (whose reads are recorded too), exports. Changes that take two
//! legal officers are decided in `routes::changes`.

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
    response::{IntoResponse, Response},
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
use opcentrum_store::{AccountKind, AuditQuery, ChangeBody, StoredUser, UserRecord};
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

/// Propose a new version of the matrix (legal officer). It applies only when
/// a second legal officer approves it (`POST /api/admin/changes/{id}/approve`).
#[utoipa::path(put, path = "/api/matrix", tag = "secrecy", request_body = MatrixDraft, responses((status = 202, description = "Proposed: waits for a second legal officer", body = ChangeView), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn put_matrix(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<MatrixDraft>,
) -> ApiResult<(StatusCode, Json<ChangeView>)> {
    if draft.comment.trim().is_empty() {
        return Err(ApiError::field("comment", "say why the matrix changes"));
    }
    if draft.comment.chars().count() > 2000 {
        return Err(ApiError::field("comment", "at most 2000 characters"));
    }
    let compiled = compile(
        draft.rows.clone(),
        &state,
        &draft.comment,
        caller.principal.user.as_str(),
    )?;
    let current = state.policy.get();
    let changes = diff(&current.matrix.rows, &compiled.matrix.rows);
    let summary = format!(
        "sharing matrix: {} change(s) from version {}: {}",
        changes.len(),
        current.matrix.version,
        draft.comment
    );
    let now = state.clock.now();
    let audit = entry(
        &caller,
        AuditAction::ChangeProposed,
        None,
        vec![],
        std::iter::once(summary.clone())
            .chain(changes.iter().map(MatrixChange::describe_en))
            .collect(),
        "sharing matrix change (proposed)",
        now,
    );
    let change = state
        .store
        .propose_change(
            ChangeBody::Matrix {
                rows: draft.rows,
                comment: draft.comment,
                based_on: current.matrix.version,
            },
            &summary,
            caller.principal.agency,
            caller.principal.user.as_str(),
            now,
            Some(audit),
        )
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

impl From<UserRecord> for UserView {
    fn from(u: UserRecord) -> Self {
        UserView {
            user: u.user_name.to_string(),
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

/// 403 unless the user is administered by the caller's agency.
fn own_agency(caller: &Caller, field: &str, agency: Agency, what: &str) -> ApiResult<()> {
    if agency == caller.principal.agency {
        return Ok(());
    }
    Err(ApiError::forbidden_field(
        field,
        format!(
            "{field}: {what} belongs to {}; only {}'s legal officers administer it",
            agency.code(),
            agency.code()
        ),
        format!("belongs to another agency ({})", agency.code()),
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
    let Some(role) = Role::parse(&req.role) else {
        return Err(ApiError::field(
            "role",
            format!(
                "unknown role {:?}; expected one of {}",
                req.role,
                Role::ALL.map(|r| r.code()).join(", ")
            ),
        ));
    };
    if req.display_name.trim().is_empty() || req.display_name.chars().count() > 200 {
        return Err(ApiError::field("display_name", "1–200 characters"));
    }
    own_agency(&caller, "agency", req.agency, "the account")?;
    let before = state.store.user(&user_name).await?;
    if let Some(b) = &before {
        own_agency(&caller, "user", b.agency, &format!("user {user_name}"))?;
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
        kind: req
            .kind
            .or(before.as_ref().map(|b| b.kind))
            .unwrap_or(AccountKind::Person),
        epoch: 0,
    };
    let now = state.clock.now();
    let grant = role == Role::LegalOfficer
        && before
            .as_ref()
            .is_none_or(|b| b.role != Role::LegalOfficer.code());
    if grant {
        let summary = format!(
            "make {} ({}) a legal officer of {}",
            record.user_name,
            record.display_name,
            record.agency.code()
        );
        let audit = entry(
            &caller,
            AuditAction::ChangeProposed,
            None,
            vec![],
            vec![summary.clone()],
            "user administration (proposed)",
            now,
        );
        let change = state
            .store
            .propose_change(
                ChangeBody::User {
                    user: StoredUser::of(&record),
                },
                &summary,
                caller.principal.agency,
                caller.principal.user.as_str(),
                now,
                Some(audit),
            )
            .await?;
        return Ok((StatusCode::ACCEPTED, Json(ChangeView::of(&change, &[]))).into_response());
    }
    let audit = entry(
        &caller,
        AuditAction::UserChange,
        None,
        vec![],
        user_change_terms(before.as_ref(), &record),
        "user administration",
        now,
    );
    state.store.put_user(&record, now, Some(audit)).await?;
    Ok((StatusCode::CREATED, Json(UserView::from(record))).into_response())
}

/// What a user change does, for its audit record.
fn user_change_terms(before: Option<&UserRecord>, after: &UserRecord) -> Vec<String> {
    let mut out = vec![format!("user {}", after.user_name)];
    match before {
        None => out.push(format!(
            "created: {} / {} / {}",
            after.agency.code(),
            after.role,
            after.kind.code()
        )),
        Some(b) => {
            if b.agency != after.agency {
                out.push(format!(
                    "agency {} -> {}",
                    b.agency.code(),
                    after.agency.code()
                ));
            }
            if b.role != after.role {
                out.push(format!("role {} -> {}", b.role, after.role));
            }
            if b.kind != after.kind {
                out.push(format!("kind {} -> {}", b.kind.code(), after.kind.code()));
            }
            if b.disabled != after.disabled {
                out.push(
                    if after.disabled {
                        "disabled"
                    } else {
                        "enabled"
                    }
                    .into(),
                );
            }
            if b.display_name != after.display_name {
                out.push("display name changed".into());
            }
        }
    }
    if after.password_hash.is_some() {
        out.push("password set".into());
    }
    out
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
    let user = UserName::parse(&name).map_err(|e| ApiError::bad_request("name", e.reason))?;
    let Some(target) = state.store.user(&user).await? else {
        return Err(ApiError::not_found(format!("no user {user}")));
    };
    if user == caller.principal.user {
        return Err(ApiError::forbidden_field(
            "name",
            "name: you may not issue a token for your own account",
            "is your own account",
        ));
    }
    own_agency(&caller, "name", target.agency, &format!("user {user}"))?;
    if target.kind != AccountKind::Service {
        return Err(ApiError::forbidden_field(
            "name",
            format!(
                "name: {user} is a person's account; API tokens are issued only for service accounts (a person logs in)"
            ),
            "is a person's account, not a service account",
        ));
    }
    if target.disabled {
        return Err(ApiError::field("name", format!("{user} is disabled")));
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
    caller: Caller,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> ApiResult<Json<Vec<AuditRecord>>> {
    let limit = p.limit.unwrap_or(500);
    if limit == 0 || limit > 10_000 {
        return Err(ApiError::field("limit", "must be 1–10000"));
    }
    let query = AuditQuery {
        case: p.case,
        user: p.user,
        after: p.after,
        limit,
    };
    let records = state.store.audit_records(&query).await?;
    // Reading the trail is itself recorded, before the records leave.
    let mut terms = Vec::new();
    if let Some(c) = &query.case {
        terms.push(format!("case {c}"));
    }
    if let Some(u) = &query.user {
        terms.push(format!("user {u}"));
    }
    if let Some(a) = query.after {
        terms.push(format!("after {a}"));
    }
    terms.push(format!("{} records shown", records.len()));
    state
        .store
        .audit(vec![entry(
            &caller,
            AuditAction::AuditRead,
            None,
            vec![],
            terms,
            "audit trail read",
            state.clock.now(),
        )])
        .await?;
    Ok(Json(records))
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
