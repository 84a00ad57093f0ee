//! Trips: offers (charters, scheduled flights), NTE's roster, and the planner's
//! proposals with their approval by a named trip planner.

use crate::{
    audit::entry,
    auth::Caller,
    json::{ApiJson, ApiQuery},
    planning::{self, PlanRequest, PlanningError},
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use jiff::{ToSpan, civil::Date};
use opcentrum_access::{FieldCategory, audit::AuditAction};
use opcentrum_domain::{escort::Escort, trip::TripKind, trip::TripOffer};
use opcentrum_store::{DecisionError, ProposalRecord};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use utoipa::{IntoParams, ToSchema};

const PURPOSE_PLANNING: &str = "trip planning";
/// What a proposal discloses of each person: sex (identity), detention
/// (location), escort need (security risk), family links, and the trip.
const PROPOSAL_CATEGORIES: [FieldCategory; 5] = [
    FieldCategory::Identity,
    FieldCategory::Location,
    FieldCategory::SecurityRisk,
    FieldCategory::Family,
    FieldCategory::Trip,
];
const MAX_TIME_LIMIT: f64 = 120.0;

impl From<PlanningError> for ApiError {
    fn from(e: PlanningError) -> Self {
        match e {
            PlanningError::Invalid { field, reason } => ApiError::field(field, reason),
            PlanningError::Store(s) => s.into(),
            PlanningError::Decision(d) => d.into(),
            PlanningError::Body(_) | PlanningError::Join => {
                tracing::error!(error = %e, "planning failed");
                ApiError::internal()
            }
        }
    }
}

impl From<DecisionError> for ApiError {
    fn from(e: DecisionError) -> Self {
        match e {
            DecisionError::NotFound(id) => ApiError::not_found(format!("no proposal {id}")),
            DecisionError::NotPending { .. } => ApiError::new(
                StatusCode::CONFLICT,
                "not-pending",
                "Proposal already decided",
                e.to_string(),
            ),
            DecisionError::Case { case, source } => {
                let mut out: ApiError = source.into();
                out.problem.detail = format!(
                    "case {case}: {} — nothing was approved; re-plan and approve again",
                    out.problem.detail
                );
                out
            }
            DecisionError::Store(s) => s.into(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfferParams {
    /// First day (default: today).
    pub from: Option<Date>,
    /// Last day (default: 56 days on).
    pub to: Option<Date>,
}

/// Trips on offer between two days.
#[utoipa::path(get, path = "/api/trips/offers", tag = "trips", params(OfferParams),
    responses((status = 200, body = Vec<TripOffer>), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list_offers(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(p): ApiQuery<OfferParams>,
) -> ApiResult<Json<Vec<TripOffer>>> {
    let from = p.from.unwrap_or_else(|| state.clock.today());
    let to = p.to.unwrap_or_else(|| from.saturating_add(56.days()));
    if to < from {
        return Err(ApiError::field(
            "to",
            format!("{to} lies before from ({from})"),
        ));
    }
    Ok(Json(state.store.trip_offers(from, to).await?))
}

/// Offer a charter or a scheduled flight (or change one, by its id).
#[utoipa::path(post, path = "/api/trips/offers", tag = "trips", request_body = TripOffer,
    responses((status = 201, body = TripOffer), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn put_offer(
    State(state): State<AppState>,
    _caller: Caller,
    ApiJson(offer): ApiJson<TripOffer>,
) -> ApiResult<(StatusCode, Json<TripOffer>)> {
    check_offer(&offer, state.clock.today())?;
    state.store.put_trip_offer(&offer).await?;
    Ok((StatusCode::CREATED, Json(offer)))
}

/// What an offered trip must be (the API and the trip board's form).
pub fn check_offer(offer: &TripOffer, today: jiff::civil::Date) -> Result<(), ApiError> {
    if offer.destination.is_sweden() {
        return Err(ApiError::field("destination", "a trip cannot go to Sweden"));
    }
    if offer.seats == 0 {
        return Err(ApiError::field("seats", "must be at least 1"));
    }
    if offer.date < today {
        return Err(ApiError::field("date", "the date has passed"));
    }
    match (offer.kind, offer.quota) {
        (TripKind::Charter, Some(q)) if q == 0 || q > offer.seats => {
            return Err(ApiError::field(
                "quota",
                format!("must be between 1 and the seats ({})", offer.seats),
            ));
        }
        (TripKind::Scheduled, Some(_)) => {
            return Err(ApiError::field("quota", "a scheduled flight has no quota"));
        }
        _ => {}
    }
    Ok(())
}

/// NTE's roster: escorts with their sex and available days.
#[utoipa::path(get, path = "/api/trips/roster", tag = "trips",
    responses((status = 200, body = Vec<Escort>), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn roster(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<Escort>>> {
    Ok(Json(state.store.escorts().await?))
}

/// Put an escort on the roster (or change their availability).
#[utoipa::path(post, path = "/api/trips/roster", tag = "trips", request_body = Escort,
    responses((status = 201, body = Escort), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn put_escort(
    State(state): State<AppState>,
    _caller: Caller,
    ApiJson(escort): ApiJson<Escort>,
) -> ApiResult<(StatusCode, Json<Escort>)> {
    for (i, w) in escort.available.iter().enumerate() {
        if w.to < w.from {
            return Err(ApiError::field(
                format!("available[{i}].to"),
                format!("{} lies before the window's start {}", w.to, w.from),
            ));
        }
    }
    state.store.put_escort(&escort).await?;
    Ok((StatusCode::CREATED, Json(escort)))
}

/// Run the planner over a horizon.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeRequest {
    /// First day of the horizon (default: tomorrow).
    pub horizon_start: Option<Date>,
    /// Days in the horizon, 1–366 (default 28).
    pub horizon_days: Option<u32>,
    /// Seconds the exact search may take, 1–120 (default 10).
    pub time_limit_seconds: Option<f64>,
}

/// A proposal as the API shows it; `body` holds the scenario, the plan (trips,
/// fill, cost, reasons for everyone left out) and, for a re-plan, the changes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalView {
    pub id: String,
    /// `plan` or `replan`.
    pub kind: String,
    /// `pending`, `approved`, `rejected` or `superseded`.
    pub status: String,
    pub created_at: jiff::Timestamp,
    pub created_by: String,
    pub horizon_start: Date,
    pub horizon_days: u32,
    pub based_on: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<jiff::Timestamp>,
    pub decision_reason: Option<String>,
    pub persons_moved: u32,
    pub detained_moved: u32,
    pub cost: u64,
    pub optimal: bool,
    #[schema(value_type = Option<Object>)]
    pub body: Option<serde_json::Value>,
}

/// A stored proposal, or 404 naming it.
pub async fn stored_proposal(state: &AppState, id: &str) -> ApiResult<ProposalRecord> {
    state
        .store
        .proposal(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no proposal {id}")))
}

fn view(p: ProposalRecord, with_body: bool) -> ProposalView {
    let objective = &p.body["plan"]["objective"];
    let num = |k: &str| objective[k].as_u64().unwrap_or(0);
    ProposalView {
        id: p.id,
        kind: serde_json::to_value(p.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        status: p.status.code().to_owned(),
        created_at: p.created_at,
        created_by: p.created_by,
        horizon_start: p.horizon_start,
        horizon_days: p.horizon_days,
        based_on: p.based_on,
        decided_by: p.decided_by,
        decided_at: p.decided_at,
        decision_reason: p.decision_reason,
        persons_moved: u32::try_from(num("moved")).unwrap_or(u32::MAX),
        detained_moved: u32::try_from(num("detained_moved")).unwrap_or(u32::MAX),
        cost: num("cost"),
        optimal: p.body["plan"]["optimal"].as_bool().unwrap_or(false),
        body: with_body.then_some(p.body),
    }
}

/// Every person a proposal discloses: one audit record each.
fn audit_proposal_read(
    caller: &Caller,
    p: &ProposalRecord,
    now: jiff::Timestamp,
) -> Vec<opcentrum_access::audit::AuditEntry> {
    p.body["scenario"]["persons"]
        .as_array()
        .map(|persons| {
            persons
                .iter()
                .filter_map(|x| x["id"].as_str())
                .map(|id| {
                    entry(
                        caller,
                        AuditAction::Read,
                        Some(id.to_owned()),
                        PROPOSAL_CATEGORIES.to_vec(),
                        vec![],
                        PURPOSE_PLANNING,
                        now,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Build the scenario from the store (ready cases, offers, roster), run the
/// planner and keep its plan as a pending proposal.
#[utoipa::path(post, path = "/api/trips/proposals", tag = "trips", request_body = ProposeRequest,
    responses((status = 201, body = ProposalView), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn propose(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<ProposeRequest>,
) -> ApiResult<(StatusCode, Json<ProposalView>)> {
    let today = state.clock.today();
    let start = req
        .horizon_start
        .unwrap_or_else(|| today.saturating_add(1.day()));
    if start < today {
        return Err(ApiError::field(
            "horizon_start",
            format!("{start} has passed"),
        ));
    }
    let limit = req.time_limit_seconds.unwrap_or(10.0);
    if !limit.is_finite() || !(1.0..=MAX_TIME_LIMIT).contains(&limit) {
        return Err(ApiError::field(
            "time_limit_seconds",
            format!("must be between 1 and {MAX_TIME_LIMIT}"),
        ));
    }
    let request = PlanRequest {
        horizon_start: start,
        horizon_days: req.horizon_days.unwrap_or(28),
        time_limit: Duration::from_secs_f64(limit),
        params: opcentrum_planner::default_params(),
        leave_out: Default::default(),
    };
    let p = planning::propose(&state, &caller.principal.user, &request).await?;
    state
        .store
        .audit(audit_proposal_read(&caller, &p, state.clock.now()))
        .await?;
    Ok((StatusCode::CREATED, Json(view(p, true))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalListParams {
    /// At most this many, newest first (default 50, at most 500).
    pub limit: Option<u32>,
}

/// Proposals, newest first, without their bodies.
#[utoipa::path(get, path = "/api/trips/proposals", tag = "trips", params(ProposalListParams),
    responses((status = 200, body = Vec<ProposalView>), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list_proposals(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(p): ApiQuery<ProposalListParams>,
) -> ApiResult<Json<Vec<ProposalView>>> {
    let limit = p.limit.unwrap_or(50).clamp(1, 500);
    Ok(Json(
        state
            .store
            .proposals(limit)
            .await?
            .into_iter()
            .map(|p| view(p, false))
            .collect(),
    ))
}

/// One proposal with its scenario, plan and changes (each person read is audited).
#[utoipa::path(get, path = "/api/trips/proposals/{id}", tag = "trips",
    params(("id" = String, Path, description = "Proposal id, e.g. TP-000001")),
    responses((status = 200, body = ProposalView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get_proposal(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ProposalView>> {
    let p = stored_proposal(&state, &id).await?;
    state
        .store
        .audit(audit_proposal_read(&caller, &p, state.clock.now()))
        .await?;
    Ok(Json(view(p, true)))
}

/// The decision on a proposal.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Required to reject; kept with an approval.
    pub reason: Option<String>,
}

/// The result of an approval.
#[derive(Debug, Serialize, ToSchema)]
pub struct Approved {
    pub proposal: ProposalView,
    /// `planned` and `unplanned` events written.
    pub events: usize,
}

/// Approve a pending proposal: a named trip planner's decision. Its cases become
/// `planned` (or are taken off trips) in one transaction; a case that changed
/// since the proposal refuses the whole approval with 409.
#[utoipa::path(post, path = "/api/trips/proposals/{id}/approve", tag = "trips",
    params(("id" = String, Path, description = "Proposal id")), request_body = Decision,
    responses((status = 200, body = Approved), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(_decision): ApiJson<Decision>,
) -> ApiResult<Json<Approved>> {
    let now = state.clock.now();
    let audit = |case: &str, action: AuditAction| {
        entry(
            &caller,
            action,
            Some(case.to_owned()),
            vec![FieldCategory::Trip],
            vec![],
            PURPOSE_PLANNING,
            now,
        )
    };
    let (p, events) = planning::approve(&state, &id, &caller.actor(), &audit).await?;
    Ok(Json(Approved {
        proposal: view(p, false),
        events,
    }))
}

/// Reject a pending proposal, with a reason.
#[utoipa::path(post, path = "/api/trips/proposals/{id}/reject", tag = "trips",
    params(("id" = String, Path, description = "Proposal id")), request_body = Decision,
    responses((status = 200, body = ProposalView), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn reject(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(decision): ApiJson<Decision>,
) -> ApiResult<Json<ProposalView>> {
    let reason = decision.reason.unwrap_or_default();
    state
        .store
        .reject_proposal(
            &id,
            caller.principal.user.as_str(),
            &reason,
            state.clock.now(),
        )
        .await?;
    let p = stored_proposal(&state, &id).await?;
    Ok(Json(view(p, false)))
}

/// Re-plan now: if events took planned persons off the approved plan's trips,
/// propose the smallest change (also done automatically as events arrive).
#[utoipa::path(post, path = "/api/trips/replan", tag = "trips",
    responses((status = 200, body = Option<ProposalView>), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn replan(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Option<ProposalView>>> {
    let made = planning::replan_once(&state).await?;
    Ok(Json(made.map(|p| view(p, false))))
}
