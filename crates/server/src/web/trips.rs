//! The trip board: trips on offer, running the planner, a proposal with its
//! fill, cost and the reason for everyone left out, and the named trip
//! planner's approval or rejection. The same service functions as the API
//! (`planning::propose`, `planning::approve`), so a page approval writes the
//! same events with the same audit records.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    layout, view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use jiff::ToSpan;
use maud::{Markup, html};
use opcentrum_access::{Permission, allowed};
use opcentrum_app::planning::{PlanRequest, ProposalView};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

fn status_text(tr: super::i18n::Tr, p: &ProposalView) -> &'static str {
    tr.t_owned(&format!("trips.status.{}", p.status))
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, path: &str) -> &'a [Value] {
    v.pointer(path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// `GET /trips`
pub async fn board(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let today = state.clock.today();
    let me = caller.app();
    let offers = state
        .app
        .trip_offers(&me, today, today.saturating_add(28.days()))
        .await
        .or_page(&ctx)?;
    let proposals = state.app.proposals(&me, 20).await.or_page(&ctx)?;
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
                            td { (tr.t_owned(&format!("trips.kind.{}", p.kind))) }
                            td { (status_text(tr, p)) }
                            td class="num" { (p.persons_moved) }
                            td class="num" { (p.cost) }
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
    let p = state
        .app
        .propose_trips(&caller.app(), &request)
        .await
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/trips/proposals/{}", p.id)).into_response())
}

/// Date, kind and capacity of each trip of the proposal's scenario.
fn trip_facts(body: &Value) -> BTreeMap<String, (String, &'static str, u64)> {
    let mut out = BTreeMap::new();
    for c in list(body, "/scenario/charters") {
        let seats = c.get("seats").and_then(Value::as_u64).unwrap_or(0);
        let quota = c.get("quota").and_then(Value::as_u64).unwrap_or(seats);
        out.insert(
            str_of(c, "id").to_owned(),
            (str_of(c, "date").to_owned(), "charter", quota.min(seats)),
        );
    }
    for f in list(body, "/scenario/flights") {
        out.insert(
            str_of(f, "id").to_owned(),
            (
                str_of(f, "date").to_owned(),
                "scheduled",
                f.get("returnee_seats").and_then(Value::as_u64).unwrap_or(0),
            ),
        );
    }
    out
}

/// `GET /trips/proposals/{id}` — each person as the reader may see them, audited
/// by the application layer.
pub async fn proposal(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let p = state.app.proposal(&caller.app(), &id).await.or_page(&ctx)?;
    let empty = Value::Null;
    let body = p.body.as_ref().unwrap_or(&empty);
    let facts = trip_facts(body);
    let may_decide = p.status == "pending"
        && allowed(
            caller.principal.agency,
            caller.principal.role,
            Permission::ApproveTrips,
        );
    let trips = list(body, "/plan/trips");
    let persons_on = |t: &Value| -> Vec<String> {
        list(t, "/persons")
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let causes = list(body, "/causes");
    let changes: Vec<&Value> = list(body, "/changes")
        .iter()
        .filter(|c| str_of(c, "change") != "kept")
        .collect();
    let left_out = list(body, "/left_out");
    let unplanned: Vec<&Value> = list(body, "/held_back")
        .iter()
        .chain(list(body, "/plan/unplanned"))
        .collect();
    Ok(layout::page(
        &ctx,
        tr.t("trips.proposal"),
        "/trips",
        html! {
            h1 { (tr.t("trips.proposal")) " " (p.id) }
            p class="summary" data-status=(p.status) {
                (status_text(tr, &p)) " · "
                (tr.f("trips.summary", &[("moved", &p.persons_moved), ("detained", &p.detained_moved), ("cost", &p.cost)]))
                @if p.optimal { " · " (tr.t("trips.optimal")) }
            }
            @if let Some(by) = &p.decided_by { p { (tr.t("trips.decided_by")) ": " (by) } }
            @if !causes.is_empty() {
                h2 { (tr.t("trips.causes")) }
                ul { @for c in causes {
                    li { a href=(format!("/cases/{}", str_of(c, "case"))) { (str_of(c, "case")) } ": " (tr.t_owned(&format!("event.{}", str_of(c, "event")))) " (" (str_of(c, "trip")) ")" }
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
            @if may_decide && !trips.is_empty() {
                form method="post" action=(format!("/trips/proposals/{}/adjust", p.id)) class="adjust" {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    fieldset {
                        legend { (tr.t("trips.adjust")) }
                        @for x in trips.iter().flat_map(persons_on) {
                            span class="choice" {
                                input type="checkbox" name="leave_out" value=(x) id=(format!("lo-{x}"));
                                label for=(format!("lo-{x}")) { (x) }
                            }
                        }
                    }
                    button type="submit" id="adjust" { (tr.t("trips.adjust_button")) }
                }
            }
            @if !changes.is_empty() {
                table class="changes" {
                    caption { (tr.t("trips.changes")) }
                    thead { tr { th scope="col" { (tr.t("cases.id")) } th scope="col" { (tr.t("trips.change")) } } }
                    tbody { @for c in &changes {
                        tr { td { a href=(format!("/cases/{}", str_of(c, "person"))) { (str_of(c, "person")) } }
                             td { (tr.t_owned(&format!("trips.change.{}", str_of(c, "change")))) } }
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
                tbody { @for t in trips {
                    @let trip = str_of(t, "trip");
                    @let (date, kind, cap) = facts.get(trip).cloned().unwrap_or_default();
                    @let persons = persons_on(t);
                    tr data-trip=(trip) data-kind=(kind) {
                        td { (trip) }
                        td { (tr.t_owned(&format!("trips.kind.{kind}"))) }
                        td { (date) }
                        td class="num" { (persons.len()) " / " (cap) }
                        td class="num" { (list(t, "/escorts").len()) }
                        td { @for (i, x) in persons.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(format!("/cases/{x}")) { (x) }
                        } }
                    }
                } }
            }
            table class="unplanned" {
                caption { (tr.f("trips.unplanned", &[("n", &(unplanned.len() + left_out.len()))])) }
                thead { tr {
                    th scope="col" { (tr.t("cases.id")) }
                    th scope="col" { (tr.t("trips.reason")) }
                    th scope="col" { (tr.t("trips.explanation")) }
                } }
                tbody {
                    @for l in left_out {
                        tr data-left-out=(str_of(l, "person")) {
                            td { a href=(format!("/cases/{}", str_of(l, "person"))) { (str_of(l, "person")) } }
                            td { (tr.t("trips.reason.left_out")) }
                            td { @match l.get("with").and_then(Value::as_str) {
                                Some(m) => (tr.f("trips.left_out_with", &[("member", &m), ("by", &str_of(l, "by"))])),
                                None => (tr.f("trips.left_out_by", &[("by", &str_of(l, "by"))])),
                            } }
                        }
                    }
                    @for u in &unplanned {
                    tr {
                        td { a href=(format!("/cases/{}", str_of(u, "person"))) { (str_of(u, "person")) } }
                        td { (tr.t_owned(&format!("trips.reason.{}", str_of(u, "reason")))) }
                        td { (str_of(u, "explanation")) }
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
    state
        .app
        .approve_proposal(&caller.app(), &id)
        .await
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
        .app
        .reject_proposal(&caller.app(), &id, f.reason.as_deref().unwrap_or_default())
        .await
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
    let p = state.app.proposal(&caller.app(), &id).await.or_page(&ctx)?;
    let request = PlanRequest {
        horizon_start: p.horizon_start,
        horizon_days: p.horizon_days,
        time_limit: Duration::from_secs(10),
        params: opcentrum_planner::default_params(),
        leave_out: names,
    };
    let new = state
        .app
        .propose_trips(&caller.app(), &request)
        .await
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
    state
        .app
        .offer_trip(&caller.app(), &offer)
        .await
        .or_page(&ctx)?;
    Ok(Redirect::to("/trips").into_response())
}
