//! Cases: register, list and filter, read with history, append an event. Every
//! read is filtered per field for the reader and audited; every write is
//! audited in its own transaction.

use crate::{
    audit::{entry, read_of},
    auth::Caller,
    dto::{AppendEvent, Appended, CaseDetail, CaseList, CaseView, CreateCase, ListParams},
    json::{ApiJson, ApiQuery},
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use opcentrum_access::{
    FieldCategory,
    audit::AuditAction,
    filter::{filter_case, filter_events, filterable},
};
use opcentrum_domain::{Agency, Case, Country, Stage, ids::CaseId, ids::FamilyId};
use opcentrum_store::{CaseFilter, MAX_PAGE, NewEvent, PageRequest};

const PURPOSE_CASEWORK: &str = "case handling";

fn case_id(raw: &str) -> ApiResult<CaseId> {
    CaseId::parse(raw).map_err(|e| ApiError::bad_request("id", e.to_string()))
}

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

/// Refuses a filter on a field the reader may not read (it would reveal it).
pub fn check_filters(state: &AppState, caller: &Caller, p: &ListParams) -> ApiResult<()> {
    let policy = state.policy.get();
    let used = [
        ("detained", p.detained.is_some()),
        ("family", p.family.is_some()),
        ("replan_needed", p.replan_needed.is_some()),
        ("ready", p.ready.is_some()),
    ];
    for (param, on) in used {
        if on {
            filterable(&policy, &caller.principal, param).map_err(|c| {
                ApiError::forbidden_field(
                    param,
                    format!(
                        "{param}: you may not filter by {} — no legal basis to read it for every agency",
                        c.code()
                    ),
                    format!("reveals {}", c.code()),
                )
            })?;
        }
    }
    Ok(())
}

/// Filters a case for the caller and audits the read.
pub async fn show(
    state: &AppState,
    caller: &Caller,
    case: &Case,
    purpose: &str,
) -> ApiResult<CaseView> {
    let now = state.clock.now();
    let f = filter_case(
        &state.policy.get(),
        &caller.principal,
        case,
        now,
        state.store.rules(),
    );
    state
        .store
        .audit(vec![read_of(caller, &f, &[], purpose, now)])
        .await?;
    Ok(CaseView { case: f })
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
    let now = state.clock.now();
    let kind = req.event();
    let audit = entry(
        &caller,
        AuditAction::Write,
        None,
        opcentrum_access::category::categories_of_event(&kind).to_vec(),
        vec![],
        PURPOSE_CASEWORK,
        now,
    );
    let new = NewEvent {
        kind,
        actor: caller.actor(),
        reason: req.reason.clone(),
        audit: Some(audit),
    };
    let done = state
        .store
        .create_case(req.case_id.clone(), new, now)
        .await?;
    let view = show(&state, &caller, &done.case, PURPOSE_CASEWORK).await?;
    Ok((
        StatusCode::CREATED,
        Json(Appended {
            seq: done.seq,
            view,
        }),
    ))
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
    check_filters(state, caller, params)?;
    let now = state.clock.now();
    let found = state
        .store
        .list_cases(&filter, &page, state.clock.today())
        .await?;
    let policy = state.policy.get();
    let rules = state.store.rules();
    let items: Vec<CaseView> = found
        .cases
        .iter()
        .map(|c| CaseView {
            case: filter_case(&policy, &caller.principal, c, now, rules),
        })
        .collect();
    let records = items
        .iter()
        .map(|v| read_of(caller, &v.case, &[], PURPOSE_CASEWORK, now))
        .collect();
    state.store.audit(records).await?;
    Ok(CaseList {
        items,
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
    Ok(Json(detail_for(&state, &caller, &id).await?.0))
}

/// A case with its history as a reader may see it, audited; also the case
/// itself, for pages that derive more from it (never shown unfiltered).
pub async fn detail_for(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> ApiResult<(CaseDetail, Case)> {
    let id = case_id(id)?;
    let case = state
        .store
        .case(&id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no case {id}")))?;
    let now = state.clock.now();
    let history: Vec<(u64, opcentrum_domain::Event)> = state
        .store
        .history(&id)
        .await?
        .into_iter()
        .map(|s| (s.seq, s.event))
        .collect();
    let policy = state.policy.get();
    let f = filter_case(&policy, &caller.principal, &case, now, state.store.rules());
    let (events, from_events) = filter_events(&policy, &caller.principal, &case, &history);
    state
        .store
        .audit(vec![read_of(
            caller,
            &f,
            &from_events,
            PURPOSE_CASEWORK,
            now,
        )])
        .await?;
    Ok((
        CaseDetail {
            view: CaseView { case: f },
            history: events,
        },
        case,
    ))
}

/// Append an event (a transition) to a case. A stale `expected_version` is a 409
/// and changes nothing; an illegal transition is a 409/422 naming the rule.
#[utoipa::path(post, path = "/api/cases/{id}/events", tag = "cases", params(("id" = String, Path, description = "Case id")),
    request_body = AppendEvent,
    responses(
        (status = 201, body = Appended),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
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
) -> ApiResult<(StatusCode, Json<Appended>)> {
    let done = append_as(&state, &caller, &id, req).await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// Appends an event for the caller, audited: shared by the API and the pages.
pub async fn append_as(
    state: &AppState,
    caller: &Caller,
    id: &str,
    req: AppendEvent,
) -> ApiResult<Appended> {
    let id = case_id(id)?;
    let now = state.clock.now();
    let categories: Vec<FieldCategory> =
        opcentrum_access::category::categories_of_event(&req.event).to_vec();
    let audit = entry(
        caller,
        AuditAction::Write,
        Some(id.to_string()),
        categories,
        vec![],
        PURPOSE_CASEWORK,
        now,
    );
    let new = NewEvent {
        kind: req.event,
        actor: caller.actor(),
        reason: req.reason,
        audit: Some(audit),
    };
    let done = state
        .store
        .append(&id, req.expected_version, new, now)
        .await?;
    let view = show(state, caller, &done.case, PURPOSE_CASEWORK).await?;
    Ok(Appended {
        seq: done.seq,
        view,
    })
}
