//! The shared picture's raw figures: stage counts, facilities, inboxes, rules.

use crate::{
    auth::Caller,
    dto::{FacilityView, Health, Inbox, StageCountView, StageCounts},
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::{Path, State},
};
use opcentrum_domain::{Agency, rules::RuleView};

/// Cases per stage, responsible agency, destination and suspension.
#[utoipa::path(get, path = "/api/stats/stages", tag = "picture",
    responses((status = 200, body = StageCounts), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn stage_counts(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<StageCounts>> {
    let counts = state.app.stage_counts(&caller.app()).await?;
    let total = counts.iter().map(|c| c.count).sum();
    Ok(Json(StageCounts {
        total,
        counts: counts.into_iter().map(StageCountView::from).collect(),
    }))
}

/// Detention facilities with their occupancy.
#[utoipa::path(get, path = "/api/facilities", tag = "picture",
    responses((status = 200, body = Vec<FacilityView>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn facilities(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<FacilityView>>> {
    Ok(Json(
        state
            .app
            .facilities(&caller.app())
            .await?
            .into_iter()
            .map(FacilityView::from)
            .collect(),
    ))
}

/// The handover inbox of an agency: proposals waiting for it to accept or return.
#[utoipa::path(get, path = "/api/agencies/{agency}/inbox", tag = "cases",
    params(("agency" = String, Path, description = "migrationsverket, police or nte")),
    responses(
        (status = 200, body = Inbox),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    Path(agency): Path<String>,
) -> ApiResult<Json<Inbox>> {
    Ok(Json(inbox_for(&state, &caller, &agency).await?))
}

/// An agency's inbox as a reader may see it, audited: shared by the API and the pages.
pub async fn inbox_for(state: &AppState, caller: &Caller, agency: &str) -> ApiResult<Inbox> {
    let agency = Agency::parse(agency)
        .filter(|a| Agency::OPERATIONAL.contains(a))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no agency {agency:?}; expected migrationsverket, police or nte"
            ))
        })?;
    let inbox = state.app.inbox(&caller.app(), agency).await?;
    Ok(Inbox { inbox })
}

/// The legal rule table: every hard rule with its statute and period in force.
#[utoipa::path(get, path = "/api/rules", tag = "rules",
    responses((status = 200, body = Vec<RuleView>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn rules(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<RuleView>>> {
    Ok(Json(
        state.app.rules().all().iter().map(|r| r.view()).collect(),
    ))
}

/// The action catalogue: every action a user can take — each event, each
/// administrative change, each kind of read — with who may take it, on which
/// legal ground, which categories it writes and reveals, whether a second
/// person must approve, and the fields of its form.
#[utoipa::path(get, path = "/api/actions", tag = "rules",
    responses((status = 200, body = Vec<Object>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn actions(
    State(state): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<Vec<opcentrum_access::ActionRow>>> {
    Ok(Json(state.app.catalogue().rows().to_vec()))
}

/// Liveness and the log's head (no authentication; no personal data).
#[utoipa::path(get, path = "/api/health", tag = "ops", responses((status = 200, body = Health)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let head = state.store.head_seq().await?;
    let backend = match state.store.backend() {
        opcentrum_store::Backend::Sqlite => "sqlite",
        opcentrum_store::Backend::Postgres => "postgres",
    };
    Ok(Json(Health {
        status: "ok".into(),
        backend: backend.into(),
        head_seq: head,
    }))
}
