//! The trip board: trips on offer, running the planner, a proposal with its
//! fill, cost and the reason for everyone left out, and the named trip
//! planner's approval or rejection. The same service functions as the API
//! (`planning::propose`, `planning::approve`), so a page approval writes the
//! same events with the same audit records.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    layout, view,
};
use crate::{
    audit::entry,
    auth::Caller,
    planning::{self, PlanRequest, ProposalBody},
    problem::ApiError,
    state::AppState,
};
use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use jiff::ToSpan;
use maud::{Markup, html};
use opcentrum_access::{FieldCategory, Permission, allowed, audit::AuditAction};
use opcentrum_store::ProposalRecord;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;

const PURPOSE: &str = "trip planning";

fn status_text(tr: super::i18n::Tr, p: &ProposalRecord) -> &'static str {
    tr.t_owned(&format!("trips.status.{}", p.status.code()))
}

/// `GET /trips`
pub async fn board(
    State(state): State<AppState>,
    ctx: Ctx,
    _caller: Caller,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let today = state.clock.today();
    let offers = state
        .store
        .trip_offers(today, today.saturating_add(28.days()))
        .await
        .or_page(&ctx)?;
    let proposals = state.store.proposals(20).await.or_page(&ctx)?;
    Ok(layout::page(
        &ctx,
        tr.t("trips.title"),
        "/trips",
        html! {
            h1 { (tr.t("trips.title")) }
            section aria-labelledby="run" {
                h2 id="run" { (tr.t("trips.run")) }
                form method="post" action="/trips/propose" class="run" {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    label for="days" { (tr.t("trips.horizon_days")) }
                    input id="days" name="horizon_days" type="number" min="1" max="366" value="28";
                    label for="limit" { (tr.t("trips.time_limit")) }
                    input id="limit" name="time_limit_seconds" type="number" min="1" max="120" value="10";
                    button type="submit" { (tr.t("trips.run_button")) }
                }
            }
            section aria-labelledby="proposals" {
                h2 id="proposals" { (tr.t("trips.proposals")) }
                table class="proposals" {
                    caption { (tr.t("trips.proposals")) }
                    thead { tr {
                        th scope="col" { (tr.t("trips.proposal")) }
                        th scope="col" { (tr.t("trips.kind")) }
                        th scope="col" { (tr.t("trips.status")) }
                        th scope="col" { (tr.t("trips.moved")) }
                        th scope="col" { (tr.t("trips.cost")) }
                        th scope="col" { (tr.t("trips.created")) }
                    } }
                    tbody { @for p in &proposals {
                        tr data-proposal=(p.id) {
                            td { a href=(format!("/trips/proposals/{}", p.id)) { (p.id) } }
                            td { (tr.t_owned(&format!("trips.kind.{}", if p.kind == opcentrum_store::ProposalKind::Plan { "plan" } else { "replan" }))) }
                            td { (status_text(tr, p)) }
                            td class="num" { (p.body["plan"]["objective"]["moved"].as_u64().unwrap_or(0)) }
                            td class="num" { (p.body["plan"]["objective"]["cost"].as_u64().unwrap_or(0)) }
                            td { (view::time(p.created_at)) " · " (p.created_by) }
                        }
                    } }
                }
            }
            section aria-labelledby="offer" {
                h2 id="offer" { (tr.t("trips.offer")) }
                form method="post" action="/trips/offers" class="offer" {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    label for="o-id" { (tr.t("trips.trip")) }
                    input id="o-id" name="id" type="text" required;
                    label for="o-kind" { (tr.t("trips.kind")) }
                    select id="o-kind" name="kind" {
                        option value="charter" { (tr.t("trips.kind.charter")) }
                        option value="scheduled" { (tr.t("trips.kind.scheduled")) }
                    }
                    label for="o-dest" { (tr.t("trips.destination")) }
                    input id="o-dest" name="destination" type="text" required maxlength="2";
                    label for="o-date" { (tr.t("trips.date")) }
                    input id="o-date" name="date" type="date" required;
                    label for="o-seats" { (tr.t("trips.seats")) }
                    input id="o-seats" name="seats" type="number" min="1" required;
                    label for="o-quota" { (tr.t("trips.quota")) }
                    input id="o-quota" name="quota" type="number" min="1";
                    label for="o-cost" { (tr.t("trips.cost")) }
                    input id="o-cost" name="cost" type="number" min="0" required;
                    button type="submit" { (tr.t("trips.offer_button")) }
                }
            }
            section aria-labelledby="offers" {
                h2 id="offers" { (tr.t("trips.offers")) }
                table class="offers" {
                    caption { (tr.f("trips.offers_count", &[("n", &offers.len())])) }
                    thead { tr {
                        th scope="col" { (tr.t("trips.trip")) }
                        th scope="col" { (tr.t("trips.kind")) }
                        th scope="col" { (tr.t("trips.destination")) }
                        th scope="col" { (tr.t("trips.date")) }
                        th scope="col" { (tr.t("trips.seats")) }
                        th scope="col" { (tr.t("trips.quota")) }
                        th scope="col" { (tr.t("trips.cost")) }
                    } }
                    tbody { @for o in &offers {
                        tr {
                            td { (o.id.as_str()) }
                            td { (tr.t_owned(&format!("trips.kind.{}", o.kind.code()))) }
                            td { (o.destination.to_string()) }
                            td { (o.date.to_string()) }
                            td class="num" { (o.seats) }
                            td class="num" { (o.quota.map(|q| q.to_string()).unwrap_or_default()) }
                            td class="num" { (o.cost) }
                        }
                    } }
                }
            }
        },
    ))
}

#[derive(Debug, Deserialize)]
pub struct RunForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    horizon_days: Option<u32>,
    time_limit_seconds: Option<f64>,
}

/// `POST /trips/propose`
pub async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Form(f): Form<RunForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let limit = f.time_limit_seconds.unwrap_or(10.0);
    if !limit.is_finite() || !(1.0..=120.0).contains(&limit) {
        return Err(ApiError::field(
            "time_limit_seconds",
            "must be between 1 and 120",
        ))
        .or_page(&ctx);
    }
    let request = PlanRequest {
        horizon_start: state.clock.today().saturating_add(1.day()),
        horizon_days: f.horizon_days.unwrap_or(28),
        time_limit: Duration::from_secs_f64(limit),
        params: opcentrum_planner::default_params(),
        leave_out: Default::default(),
    };
    let p = planning::propose(&state, &caller.principal.user, &request)
        .await
        .map_err(ApiError::from)
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/trips/proposals/{}", p.id)).into_response())
}

fn trip_facts(body: &ProposalBody) -> BTreeMap<&str, (String, &'static str, u32)> {
    let mut out = BTreeMap::new();
    for c in &body.scenario.charters {
        out.insert(
            c.id.as_str(),
            (c.date.to_string(), "charter", c.quota.min(c.seats)),
        );
    }
    for f in &body.scenario.flights {
        out.insert(
            f.id.as_str(),
            (f.date.to_string(), "scheduled", f.returnee_seats),
        );
    }
    out
}

/// `GET /trips/proposals/{id}` — every person shown is audited.
pub async fn proposal(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let p = crate::routes::trips::stored_proposal(&state, &id)
        .await
        .or_page(&ctx)?;
    let body = planning::body_of(&p)
        .map_err(ApiError::from)
        .or_page(&ctx)?;
    let now = state.clock.now();
    let records: Vec<_> = body
        .scenario
        .persons
        .iter()
        .map(|x| {
            entry(
                &caller,
                AuditAction::Read,
                Some(x.id.clone()),
                vec![
                    FieldCategory::Identity,
                    FieldCategory::Location,
                    FieldCategory::SecurityRisk,
                    FieldCategory::Family,
                    FieldCategory::Trip,
                ],
                vec![],
                PURPOSE,
                now,
            )
        })
        .collect();
    if !records.is_empty() {
        state.store.audit(records).await.or_page(&ctx)?;
    }
    let facts = trip_facts(&body);
    let may_decide = p.status == opcentrum_store::ProposalStatus::Pending
        && allowed(
            caller.principal.agency,
            caller.principal.role,
            Permission::ApproveTrips,
        );
    let o = &body.plan.objective;
    Ok(layout::page(
        &ctx,
        tr.t("trips.proposal"),
        "/trips",
        html! {
            h1 { (tr.t("trips.proposal")) " " (p.id) }
            p class="summary" data-status=(p.status.code()) {
                (status_text(tr, &p)) " · "
                (tr.f("trips.summary", &[("moved", &o.moved), ("detained", &o.detained_moved), ("cost", &o.cost)]))
                @if body.plan.optimal { " · " (tr.t("trips.optimal")) }
            }
            @if let Some(by) = &p.decided_by { p { (tr.t("trips.decided_by")) ": " (by) } }
            @if !body.causes.is_empty() {
                h2 { (tr.t("trips.causes")) }
                ul { @for c in &body.causes {
                    li { a href=(format!("/cases/{}", c.case)) { (c.case) } ": " (c.event) " (" (c.trip) ")" }
                } }
            }
            @if may_decide {
                form method="post" action=(format!("/trips/proposals/{}/approve", p.id)) class="approve" {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    button type="submit" id="approve" { (tr.t("trips.approve")) }
                }
                form method="post" action=(format!("/trips/proposals/{}/reject", p.id)) class="reject" {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    label for="reject-reason" { (tr.t("trips.reject_reason")) }
                    input id="reject-reason" name="reason" type="text" required;
                    button type="submit" { (tr.t("trips.reject")) }
                }
            }
            @if may_decide && !body.plan.trips.is_empty() {
                form method="post" action=(format!("/trips/proposals/{}/adjust", p.id)) class="adjust" {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    fieldset {
                        legend { (tr.t("trips.adjust")) }
                        @for x in body.plan.trips.iter().flat_map(|t| t.persons.iter()) {
                            span class="choice" {
                                input type="checkbox" name="leave_out" value=(x) id=(format!("lo-{x}"));
                                label for=(format!("lo-{x}")) { (x) }
                            }
                        }
                    }
                    button type="submit" id="adjust" { (tr.t("trips.adjust_button")) }
                }
            }
            @if !body.changes.is_empty() {
                table class="changes" {
                    caption { (tr.t("trips.changes")) }
                    thead { tr { th scope="col" { (tr.t("cases.id")) } th scope="col" { (tr.t("trips.change")) } } }
                    tbody { @for c in body.changes.iter().filter(|c| c.is_change()) {
                        tr { td { a href=(format!("/cases/{}", c.person())) { (c.person()) } }
                             td { (serde_json::to_value(c).ok().and_then(|v| v["change"].as_str().map(|s| tr.t_owned(&format!("trips.change.{s}")))).unwrap_or_default()) } }
                    } }
                }
            }
            table class="planned-trips" {
                caption { (tr.t("trips.planned_trips")) }
                thead { tr {
                    th scope="col" { (tr.t("trips.trip")) }
                    th scope="col" { (tr.t("trips.kind")) }
                    th scope="col" { (tr.t("trips.date")) }
                    th scope="col" { (tr.t("trips.fill")) }
                    th scope="col" { (tr.t("trips.escorts")) }
                    th scope="col" { (tr.t("trips.persons")) }
                } }
                tbody { @for t in &body.plan.trips {
                    @let (date, kind, cap) = facts.get(t.trip.as_str()).cloned().unwrap_or_default();
                    tr data-trip=(t.trip) data-kind=(kind) {
                        td { (t.trip) }
                        td { (tr.t_owned(&format!("trips.kind.{kind}"))) }
                        td { (date) }
                        td class="num" { (t.persons.len()) " / " (cap) }
                        td class="num" { (t.escorts.len()) }
                        td { @for (i, x) in t.persons.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(format!("/cases/{x}")) { (x) }
                        } }
                    }
                } }
            }
            table class="unplanned" {
                caption { (tr.f("trips.unplanned", &[("n", &(body.plan.unplanned.len() + body.held_back.len() + body.left_out.len()))])) }
                thead { tr {
                    th scope="col" { (tr.t("cases.id")) }
                    th scope="col" { (tr.t("trips.reason")) }
                    th scope="col" { (tr.t("trips.explanation")) }
                } }
                tbody {
                    @for l in &body.left_out {
                        tr data-left-out=(l.person) {
                            td { a href=(format!("/cases/{}", l.person)) { (l.person) } }
                            td { (tr.t("trips.reason.left_out")) }
                            td { @match &l.with {
                                Some(m) => (tr.f("trips.left_out_with", &[("member", m), ("by", &l.by)])),
                                None => (tr.f("trips.left_out_by", &[("by", &l.by)])),
                            } }
                        }
                    }
                    @for u in body.held_back.iter().chain(body.plan.unplanned.iter()) {
                    tr {
                        td { a href=(format!("/cases/{}", u.person)) { (u.person) } }
                        td { (tr.t_owned(&format!("trips.reason.{}", u.reason.code()))) }
                        td { (u.explanation) }
                    }
                } }
            }
        },
    ))
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    reason: Option<String>,
}

/// `POST /trips/proposals/{id}/approve`
pub async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let now = state.clock.now();
    let audit = |case: &str, action: AuditAction| {
        entry(
            &caller,
            action,
            Some(case.to_owned()),
            vec![FieldCategory::Trip],
            vec![],
            PURPOSE,
            now,
        )
    };
    planning::approve(&state, &id, &caller.actor(), &audit)
        .await
        .map_err(ApiError::from)
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/trips/proposals/{id}")).into_response())
}

/// `POST /trips/proposals/{id}/reject`
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    state
        .store
        .reject_proposal(
            &id,
            caller.principal.user.as_str(),
            f.reason.as_deref().unwrap_or_default(),
            state.clock.now(),
        )
        .await
        .map_err(ApiError::from)
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/trips/proposals/{id}")).into_response())
}

/// `POST /trips/proposals/{id}/adjust` — the trip planner leaves persons out
/// by hand (`leave_out`, repeated; their families go with them): the horizon is
/// planned again without them as a new pending proposal.
pub async fn adjust(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let mut csrf = None;
    let mut names = std::collections::BTreeSet::new();
    for (k, v) in form_urlencoded::parse(body.as_bytes()) {
        match &*k {
            "_csrf" => csrf = Some(v.into_owned()),
            "leave_out" => {
                names.insert(v.into_owned());
            }
            _ => {}
        }
    }
    check_csrf(&caller, csrf.as_deref()).or_page(&ctx)?;
    if names.is_empty() {
        return Err(ApiError::field(
            "leave_out",
            "choose at least one person to leave out",
        ))
        .or_page(&ctx);
    }
    let p = crate::routes::trips::stored_proposal(&state, &id)
        .await
        .or_page(&ctx)?;
    let request = PlanRequest {
        horizon_start: p.horizon_start,
        horizon_days: p.horizon_days,
        time_limit: Duration::from_secs(10),
        params: opcentrum_planner::default_params(),
        leave_out: names,
    };
    let new = planning::propose(&state, &caller.principal.user, &request)
        .await
        .map_err(ApiError::from)
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/trips/proposals/{}", new.id)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct OfferForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    id: Option<String>,
    kind: Option<String>,
    destination: Option<String>,
    date: Option<String>,
    seats: Option<String>,
    quota: Option<String>,
    cost: Option<String>,
}

fn required<'a>(field: &str, v: &'a Option<String>) -> Result<&'a str, ApiError> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::field(field, "required"))
}

fn number<T: std::str::FromStr>(field: &str, v: &str) -> Result<T, ApiError> {
    v.parse()
        .map_err(|_| ApiError::field(field, format!("not a whole number: {v:?}")))
}

impl OfferForm {
    /// The offer the form describes, each field checked and named in the error.
    fn offer(&self) -> Result<opcentrum_domain::trip::TripOffer, ApiError> {
        use opcentrum_domain::{country::Country, ids::TripId, trip::TripKind};
        let id = TripId::parse(required("id", &self.id)?.to_owned())
            .map_err(|e| ApiError::field("id", e.reason))?;
        let kind = match required("kind", &self.kind)? {
            "charter" => TripKind::Charter,
            "scheduled" => TripKind::Scheduled,
            other => {
                return Err(ApiError::field(
                    "kind",
                    format!("must be charter or scheduled, not {other:?}"),
                ));
            }
        };
        let destination =
            Country::parse(&required("destination", &self.destination)?.to_uppercase())
                .map_err(|e| ApiError::field("destination", e.to_string()))?;
        let date = required("date", &self.date)?;
        let date = date
            .parse()
            .map_err(|_| ApiError::field("date", format!("not a date (YYYY-MM-DD): {date:?}")))?;
        let quota = match self
            .quota
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            Some(q) => Some(number("quota", q)?),
            None => None,
        };
        Ok(opcentrum_domain::trip::TripOffer {
            id,
            kind,
            destination,
            date,
            seats: number("seats", required("seats", &self.seats)?)?,
            quota,
            cost: number("cost", required("cost", &self.cost)?)?,
        })
    }
}

/// `POST /trips/offers` — offer a charter or a scheduled flight from the board
/// (the same checks as `POST /api/trips/offers`).
pub async fn offer(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Form(f): Form<OfferForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let offer = f.offer().or_page(&ctx)?;
    crate::routes::trips::check_offer(&offer, state.clock.today()).or_page(&ctx)?;
    state.store.put_trip_offer(&offer).await.or_page(&ctx)?;
    Ok(Redirect::to("/trips").into_response())
}
