//! Cases: register, list and filter, read with history, append an event, and
//! the two-person rule's pending actions. Every handler parses the request
//! and hands it to the application layer (`opcentrum_app`), which checks the
//! action catalogue and the law, filters per field and writes the audit.

use crate::{
    auth::Caller,
    dto::{
        AppendEvent, Appended, CaseDetail, CaseList, CaseView, CreateCase, ListParams,
        PendingAction,
    },
    json::{ApiJson, ApiQuery},
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use opcentrum_app::{
    CaseFilter, MAX_PAGE, PageRequest,
    cases::{CaseQuery, Outcome, Registration},
};
use opcentrum_domain::{Agency, Country, Stage, ids::CaseId, ids::FamilyId};

fn one_of<T>(
    field: &str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> ApiResult<T> {
    parse(raw).ok_or_else(|| {
        ApiError::field(
            field,
            format!(
                "unknown value {raw:?}; expected one of {}",
                allowed.join(", ")
            ),
        )
    })
}

/// Turns list parameters into a store filter, naming any bad parameter.
pub fn filter_of(p: &ListParams) -> ApiResult<(CaseFilter, PageRequest)> {
    let stages: Vec<&str> = Stage::ALL.iter().map(|s| s.code()).collect();
    let agencies: Vec<&str> = Agency::OPERATIONAL.iter().map(|a| a.code()).collect();
    let filter = CaseFilter {
        stage: p
            .stage
            .as_deref()
            .map(|s| one_of("stage", s, Stage::parse, &stages))
            .transpose()?,
        responsible: p
            .responsible
            .as_deref()
            .map(|s| one_of("responsible", s, Agency::parse, &agencies))
            .transpose()?,
        destination: p
            .destination
            .as_deref()
            .map(|d| Country::parse(d).map_err(|e| ApiError::field("destination", e.reason)))
            .transpose()?,
        ready: p.ready,
        detained: p.detained,
        suspended: p.suspended,
        family: p
            .family
            .as_deref()
            .map(|f| FamilyId::parse(f).map_err(|e| ApiError::field("family", e.reason)))
            .transpose()?,
        replan_needed: p.replan_needed,
        id_prefix: p
            .q
            .as_deref()
            .map(|q| {
                if q.is_empty()
                    || q.len() > 64
                    || !q
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
                {
                    Err(ApiError::field(
                        "q",
                        "a case id prefix: 1–64 of A–Z a–z 0–9 - _ . :",
                    ))
                } else {
                    Ok(q.to_owned())
                }
            })
            .transpose()?,
    };
    let limit = p.limit.unwrap_or(50);
    if limit == 0 || limit > MAX_PAGE {
        return Err(ApiError::field("limit", format!("must be 1–{MAX_PAGE}")));
    }
    let after = p
        .after
        .as_deref()
        .map(|a| CaseId::parse(a).map_err(|e| ApiError::field("after", e.reason)))
        .transpose()?;
    Ok((filter, PageRequest { after, limit }))
}

/// Register a case.
#[utoipa::path(post, path = "/api/cases", tag = "cases", request_body = CreateCase,
    responses(
        (status = 201, description = "Registered", body = Appended),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The id exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn create_case(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateCase>,
) -> ApiResult<(StatusCode, Json<Appended>)> {
    let done = state
        .app
        .register(
            &caller.app(),
            Registration {
                case_id: req.case_id.clone(),
                event: req.event(),
                reason: req.reason.clone(),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(done.into())))
}

/// List and filter cases, a page at a time (ordered by case id). Each case is
/// filtered for the reader and its read audited.
#[utoipa::path(get, path = "/api/cases", tag = "cases", params(ListParams),
    responses(
        (status = 200, body = CaseList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A filter on a field the reader may not read", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn list_cases(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<CaseList>> {
    Ok(Json(list_for(&state, &caller, &params).await?))
}

/// The list as a reader may see it, audited: shared by the API and the pages.
pub async fn list_for(
    state: &AppState,
    caller: &Caller,
    params: &ListParams,
) -> ApiResult<CaseList> {
    let (filter, page) = filter_of(params)?;
    let found = state
        .app
        .list_cases(&caller.app(), &CaseQuery { filter, page })
        .await?;
    Ok(CaseList {
        items: found
            .items
            .into_iter()
            .map(|case| CaseView { case })
            .collect(),
        next: found.next,
    })
}

/// A case with its readiness, its categories (visible or withheld) and whole history.
#[utoipa::path(get, path = "/api/cases/{id}", tag = "cases", params(("id" = String, Path, description = "Case id")),
    responses(
        (status = 200, body = CaseDetail),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn get_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<CaseDetail>> {
    let detail = state.app.case_detail(&caller.app(), &id).await?;
    Ok(Json(CaseDetail { detail }))
}

/// Append an event (a transition) to a case. A stale `expected_version` is a 409
/// and changes nothing; an illegal transition is a 409/422 naming the rule.
#[utoipa::path(post, path = "/api/cases/{id}/events", tag = "cases", params(("id" = String, Path, description = "Case id")),
    request_body = AppendEvent,
    responses(
        (status = 201, body = Appended),
        (status = 202, description = "Kept for a second person's approval (two-person rule)", body = PendingAction),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The action catalogue does not let the caller take this action", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Stale version or refused transition", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn append_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<AppendEvent>,
) -> ApiResult<Response> {
    Ok(match append_as(&state, &caller, &id, req).await? {
        Outcome::Recorded(r) => (StatusCode::CREATED, Json(Appended::from(r))).into_response(),
        Outcome::Pending(p) => {
            (StatusCode::ACCEPTED, Json(PendingAction { pending: p })).into_response()
        }
    })
}

/// Appends an event for the caller through the gate: shared by the API and the pages.
pub async fn append_as(
    state: &AppState,
    caller: &Caller,
    id: &str,
    req: AppendEvent,
) -> ApiResult<Outcome> {
    let together: Vec<opcentrum_app::cases::Together> =
        req.together.into_iter().map(Into::into).collect();
    Ok(state
        .app
        .record_together(
            &caller.app(),
            id,
            req.expected_version,
            req.event,
            req.reason,
            &together,
        )
        .await?)
}

/// Pending actions of the caller's agency that the caller proposed or may decide.
#[utoipa::path(get, path = "/api/pending", tag = "cases",
    responses(
        (status = 200, body = Vec<PendingAction>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn list_pending(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<PendingAction>>> {
    let list = state.app.pending_actions(&caller.app()).await?;
    Ok(Json(
        list.into_iter()
            .map(|pending| PendingAction { pending })
            .collect(),
    ))
}

/// Approve a pending action as the second person: the event is recorded.
#[utoipa::path(post, path = "/api/pending/{id}/approve", tag = "cases",
    params(("id" = String, Path, description = "Pending action id, e.g. PA-000001")),
    responses(
        (status = 201, body = Appended),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the second person the catalogue asks for", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, or the case moved on", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn approve_pending(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Appended>)> {
    let done = state.app.approve_pending(&caller.app(), &id).await?;
    Ok((StatusCode::CREATED, Json(done.into())))
}

/// Why a pending action is rejected.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PendingRejection {
    pub reason: String,
}

/// Reject a pending action as the second person, with a reason.
#[utoipa::path(post, path = "/api/pending/{id}/reject", tag = "cases",
    params(("id" = String, Path, description = "Pending action id")),
    request_body = PendingRejection,
    responses(
        (status = 200, body = PendingAction),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn reject_pending(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<PendingRejection>,
) -> ApiResult<Json<PendingAction>> {
    let pending = state
        .app
        .reject_pending(&caller.app(), &id, &req.reason)
        .await?;
    Ok(Json(PendingAction { pending }))
}
