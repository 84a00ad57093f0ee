//! Trips: offers (charters, scheduled flights), NTE's roster, and the planner's
//! proposals with their approval by a named trip planner — each through the
//! application layer (`opcentrum_app::planning`).

use crate::{
    auth::Caller,
    json::{ApiJson, ApiQuery},
    problem::{ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use jiff::{ToSpan, civil::Date};
use opcentrum_app::{AppError, planning::PlanRequest};
use opcentrum_domain::{escort::Escort, trip::TripOffer};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use utoipa::{IntoParams, ToSchema};

const MAX_TIME_LIMIT: f64 = 120.0;

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
    caller: Caller,
    ApiQuery(p): ApiQuery<OfferParams>,
) -> ApiResult<Json<Vec<TripOffer>>> {
    let from = p.from.unwrap_or_else(|| state.clock.today());
    let to = p.to.unwrap_or_else(|| from.saturating_add(56.days()));
    Ok(Json(state.app.trip_offers(&caller.app(), from, to).await?))
}

/// Offer a charter or a scheduled flight (or change one, by its id).
#[utoipa::path(post, path = "/api/trips/offers", tag = "trips", request_body = TripOffer,
    responses((status = 201, body = TripOffer), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn put_offer(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(offer): ApiJson<TripOffer>,
) -> ApiResult<(StatusCode, Json<TripOffer>)> {
    state.app.offer_trip(&caller.app(), &offer).await?;
    Ok((StatusCode::CREATED, Json(offer)))
}

/// NTE's roster: escorts with their sex and available days.
#[utoipa::path(get, path = "/api/trips/roster", tag = "trips",
    responses((status = 200, body = Vec<Escort>), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn roster(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<Escort>>> {
    Ok(Json(state.app.roster(&caller.app()).await?))
}

/// Put an escort on the roster (or change their availability).
#[utoipa::path(post, path = "/api/trips/roster", tag = "trips", request_body = Escort,
    responses((status = 201, body = Escort), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn put_escort(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(escort): ApiJson<Escort>,
) -> ApiResult<(StatusCode, Json<Escort>)> {
    state.app.put_escort(&caller.app(), &escort).await?;
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
/// fill, cost, reasons for everyone left out) and, for a re-plan, the changes
/// — each person only as far as the reader may see them (`"withheld"`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalView {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub view: opcentrum_app::planning::ProposalView,
}

impl From<opcentrum_app::planning::ProposalView> for ProposalView {
    fn from(view: opcentrum_app::planning::ProposalView) -> Self {
        ProposalView { view }
    }
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
        return Err(AppError::invalid("horizon_start", format!("{start} has passed")).into());
    }
    let limit = req.time_limit_seconds.unwrap_or(10.0);
    if !limit.is_finite() || !(1.0..=MAX_TIME_LIMIT).contains(&limit) {
        return Err(AppError::invalid(
            "time_limit_seconds",
            format!("must be between 1 and {MAX_TIME_LIMIT}"),
        )
        .into());
    }
    let request = PlanRequest {
        horizon_start: start,
        horizon_days: req.horizon_days.unwrap_or(28),
        time_limit: Duration::from_secs_f64(limit),
        params: opcentrum_planner::default_params(),
        leave_out: Default::default(),
        leave_out_reason: None,
    };
    let p = state.app.propose_trips(&caller.app(), &request).await?;
    Ok((StatusCode::CREATED, Json(p.into())))
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
    caller: Caller,
    ApiQuery(p): ApiQuery<ProposalListParams>,
) -> ApiResult<Json<Vec<ProposalView>>> {
    let limit = p.limit.unwrap_or(50).clamp(1, 500);
    let list = state.app.proposals(&caller.app(), limit).await?;
    Ok(Json(list.into_iter().map(ProposalView::from).collect()))
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
    Ok(Json(state.app.proposal(&caller.app(), &id).await?.into()))
}

/// The decision on a proposal.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalDecision {
    /// Required to reject; kept with an approval.
    pub reason: Option<String>,
    /// The token of `GET /api/trips/proposals/{id}/preview`: when given, the
    /// approval is refused (422 naming `confirm`) unless the proposal is still
    /// the one previewed. The pages always ask for it.
    pub confirm: Option<String>,
}

/// What approving a proposal will change (counts only) and the token that
/// binds an approval to it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprovalPreviewView {
    pub proposal: String,
    pub trips: usize,
    pub planned: usize,
    pub newly_planned: usize,
    pub moved: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub token: String,
}

/// What approving a pending proposal would change against the plan in force,
/// with the confirmation token to approve exactly this proposal.
#[utoipa::path(get, path = "/api/trips/proposals/{id}/preview", tag = "trips",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, body = ApprovalPreviewView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn preview(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ApprovalPreviewView>> {
    let p = state.app.approval_preview(&caller.app(), &id).await?;
    Ok(Json(ApprovalPreviewView {
        proposal: p.proposal,
        trips: p.trips,
        planned: p.planned,
        newly_planned: p.newly_planned,
        moved: p.moved,
        removed: p.removed,
        unchanged: p.unchanged,
        token: p.token,
    }))
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
    params(("id" = String, Path, description = "Proposal id")), request_body = ProposalDecision,
    responses((status = 200, body = Approved), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`confirm` given but not the token of the proposal as it stands", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(decision): ApiJson<ProposalDecision>,
) -> ApiResult<Json<Approved>> {
    let a = match decision.confirm.as_deref() {
        Some(token) => {
            state
                .app
                .approve_confirmed(&caller.app(), &id, Some(token))
                .await?
        }
        None => state.app.approve_proposal(&caller.app(), &id).await?,
    };
    Ok(Json(Approved {
        proposal: a.proposal.into(),
        events: a.events,
    }))
}

/// Reject a pending proposal, with a reason.
#[utoipa::path(post, path = "/api/trips/proposals/{id}/reject", tag = "trips",
    params(("id" = String, Path, description = "Proposal id")), request_body = ProposalDecision,
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
    ApiJson(decision): ApiJson<ProposalDecision>,
) -> ApiResult<Json<ProposalView>> {
    let reason = decision.reason.unwrap_or_default();
    Ok(Json(
        state
            .app
            .reject_proposal(&caller.app(), &id, &reason)
            .await?
            .into(),
    ))
}

/// Re-plan now: if events took planned persons off the approved plan's trips,
/// propose the smallest change (also done automatically as events arrive).
#[utoipa::path(post, path = "/api/trips/replan", tag = "trips",
    responses((status = 200, body = Option<ProposalView>), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn replan(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Option<ProposalView>>> {
    let made = state.app.replan_now(&caller.app()).await?;
    Ok(Json(made.map(ProposalView::from)))
}

/// A trip's manifest as the API shows it: the trip (kind, destination,
/// departure, capacity), its escorts, medical staff and the forced-return
/// monitor's seat, and each person on it with name, birth date, sex,
/// citizenship, escort need, fitness to fly and travel document — each
/// field only where the sharing matrix lets the reader read its category
/// (`null`, with the category in the person's `withheld`). Every person
/// shown is audited.
#[derive(Debug, Serialize, ToSchema)]
pub struct TripManifest {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub manifest: opcentrum_app::manifest::TripManifest,
}

/// The manifest of a trip in the plan in force (catalogue row
/// `trips.manifest`: NTE's trip planners and operations lead, the police's
/// trip planners).
#[utoipa::path(get, path = "/api/trips/{id}/manifest", tag = "trips",
    params(("id" = String, Path, description = "Trip id, e.g. CH-IQ-0001")),
    responses((status = 200, body = TripManifest), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn manifest(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<TripManifest>> {
    let manifest = state.app.trip_manifest(&caller.app(), &id).await?;
    Ok(Json(TripManifest { manifest }))
}

/// A trip's crew as recorded: the forced-return monitor (the monitoring
/// body notified, on which day, who attends or that it declined; `null`:
/// not notified) and the medical staff on board, with who recorded it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TripCrewRecord {
    pub trip: String,
    /// 1 for the first record of this trip, one more for each later one.
    pub version: u64,
    pub monitor: Option<opcentrum_domain::crew::MonitorNotice>,
    pub medical_staff: Vec<opcentrum_domain::crew::MedicalStaff>,
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: jiff::Timestamp,
    pub recorded_by: String,
}

/// Records a trip's crew — the forced-return monitor and the medical staff
/// — for a trip of the plan in force (catalogue row `trips.crew`: NTE's trip
/// planners and operations lead). The record replaces the one before; it is
/// audited. `executed` on a charter is refused (rule `ForcedReturnMonitor`,
/// direktiv 2008/115/EG art. 8.6) until the monitor is recorded as notified.
#[utoipa::path(put, path = "/api/trips/{id}/crew", tag = "trips",
    params(("id" = String, Path, description = "Trip id, e.g. CH-IQ-0001")),
    request_body = opcentrum_domain::crew::TripCrew,
    responses((status = 200, body = TripCrewRecord), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn put_crew(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(crew): ApiJson<opcentrum_domain::crew::TripCrew>,
) -> ApiResult<Json<TripCrewRecord>> {
    let r = state.app.record_crew(&caller.app(), &id, crew).await?;
    Ok(Json(TripCrewRecord {
        trip: r.trip,
        version: r.version,
        monitor: r.crew.monitor,
        medical_staff: r.crew.medical_staff,
        recorded_at: r.recorded_at,
        recorded_by: r.recorded_by,
    }))
}
