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
    extract::{Path, Query, State},
    http::StatusCode,
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
                            td { (country(tr, &o.destination.to_string())) }
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
        return Err(ApiError::field_in(
            "time_limit_seconds",
            "form.err.between",
            &[("min", &1), ("max", &120)],
        ))
        .or_page(&ctx);
    }
    let request = PlanRequest {
        horizon_start: state.clock.today().saturating_add(1.day()),
        horizon_days: f.horizon_days.unwrap_or(28),
        time_limit: Duration::from_secs_f64(limit),
        params: opcentrum_planner::default_params(),
        leave_out: Default::default(),
        leave_out_reason: None,
    };
    let p = state
        .app
        .propose_trips(&caller.app(), &request)
        .await
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/trips/proposals/{}", p.id)).into_response())
}

/// Left-out persons shown per reason group before "show all".
const GROUP_CAP: usize = 50;

/// A country's name in the reader's language (the catalogue's
/// `country.XX`), its code where the catalogue has none.
pub use super::view::country;

/// The facts of one trip of a proposal's scenario.
#[derive(Debug, Clone, Default)]
struct TripFacts {
    date: String,
    kind: &'static str,
    destination: String,
    capacity: u64,
}

/// Date, kind, destination and capacity of each trip of the proposal's scenario.
fn trip_facts(body: &Value) -> BTreeMap<String, TripFacts> {
    let mut out = BTreeMap::new();
    for c in list(body, "/scenario/charters") {
        let seats = c.get("seats").and_then(Value::as_u64).unwrap_or(0);
        let quota = c.get("quota").and_then(Value::as_u64).unwrap_or(seats);
        out.insert(
            str_of(c, "id").to_owned(),
            TripFacts {
                date: str_of(c, "date").to_owned(),
                kind: "charter",
                destination: str_of(c, "destination").to_owned(),
                capacity: quota.min(seats),
            },
        );
    }
    for f in list(body, "/scenario/flights") {
        out.insert(
            str_of(f, "id").to_owned(),
            TripFacts {
                date: str_of(f, "date").to_owned(),
                kind: "scheduled",
                destination: str_of(f, "destination").to_owned(),
                capacity: f.get("returnee_seats").and_then(Value::as_u64).unwrap_or(0),
            },
        );
    }
    out
}

/// One trip of a proposal as the page groups it.
#[derive(Debug, Clone)]
pub struct TripGroup {
    pub trip: String,
    pub kind: &'static str,
    pub destination: String,
    pub date: String,
    pub capacity: u64,
    pub persons: Vec<String>,
    pub escorts: Vec<String>,
}

/// The proposal's trips, each with its persons (those the plan moves).
pub fn trip_groups(body: &Value) -> Vec<TripGroup> {
    let facts = trip_facts(body);
    list(body, "/plan/trips")
        .iter()
        .map(|t| {
            let trip = str_of(t, "trip").to_owned();
            let f = facts.get(&trip).cloned().unwrap_or_default();
            let ids = |k: &str| -> Vec<String> {
                list(t, k)
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            };
            TripGroup {
                kind: f.kind,
                destination: f.destination,
                date: f.date,
                capacity: f.capacity,
                persons: ids("/persons"),
                escorts: ids("/escorts"),
                trip,
            }
        })
        .collect()
}

/// One person not on a trip: case, and the text explaining why.
#[derive(Debug, Clone)]
pub struct Unplaced {
    pub person: String,
    pub explanation: String,
}

/// Everyone the proposal leaves off every trip, grouped by reason code
/// (`left_out` for the trip planner's hand, `withheld` where the reader may
/// not read the reason), largest group first.
pub fn left_out_groups(tr: super::i18n::Tr, body: &Value) -> Vec<(String, Vec<Unplaced>)> {
    let mut groups: BTreeMap<String, Vec<Unplaced>> = BTreeMap::new();
    for l in list(body, "/left_out") {
        let by = str_of(l, "by");
        let mut explanation = match l.get("with").and_then(Value::as_str) {
            Some(m) => tr.f("trips.left_out_with", &[("member", &m), ("by", &by)]),
            None => tr.f("trips.left_out_by", &[("by", &by)]),
        };
        if let Some(r) = l.get("reason").and_then(Value::as_str) {
            explanation = format!("{explanation}: {r}");
        }
        groups.entry("left_out".into()).or_default().push(Unplaced {
            person: str_of(l, "person").to_owned(),
            explanation,
        });
    }
    for u in list(body, "/held_back")
        .iter()
        .chain(list(body, "/plan/unplanned"))
    {
        let code = str_of(u, "reason");
        let code = if code.is_empty() { "withheld" } else { code };
        // A withheld reason's explanation is the catalogue's, in the reader's language.
        let explanation = if code == "withheld" {
            tr.t("trips.reason.withheld").to_owned()
        } else {
            match (tr.lang, str_of(u, "explanation_sv")) {
                (super::i18n::Lang::Sv, sv) if !sv.is_empty() => sv.to_owned(),
                _ => str_of(u, "explanation").to_owned(),
            }
        };
        groups.entry(code.to_owned()).or_default().push(Unplaced {
            person: str_of(u, "person").to_owned(),
            explanation,
        });
    }
    let mut out: Vec<(String, Vec<Unplaced>)> = groups.into_iter().collect();
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    out
}

#[derive(Debug, Default, Deserialize)]
pub struct ProposalQuery {
    /// A reason group to show whole.
    all: Option<String>,
}

/// What the adjust form sent when it was refused: shown again with the error.
#[derive(Debug, Default)]
struct AdjustState {
    error: Option<(&'static str, String)>,
    chosen: std::collections::BTreeSet<String>,
    reason: String,
}

/// `GET /trips/proposals/{id}` — the proposal grouped by trip; each person
/// as the reader may see them, audited by the application layer.
pub async fn proposal(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<ProposalQuery>,
) -> Result<Response, PageError> {
    let p = state.app.proposal(&caller.app(), &id).await.or_page(&ctx)?;
    Ok(proposal_page(&ctx, &caller, &p, &q, &AdjustState::default()).into_response())
}

fn proposal_page(
    ctx: &Ctx,
    caller: &Caller,
    p: &ProposalView,
    q: &ProposalQuery,
    adjust: &AdjustState,
) -> Markup {
    let tr = ctx.tr;
    let empty = Value::Null;
    let body = p.body.as_ref().unwrap_or(&empty);
    let may = |perm| allowed(caller.principal.agency, caller.principal.role, perm);
    let may_decide = p.status == "pending" && may(Permission::ApproveTrips);
    let may_manifest = p.status == "approved" && may(Permission::ReadManifest);
    let groups = trip_groups(body);
    let names = body.get("names").and_then(Value::as_object);
    let name_of = |x: &str| -> String {
        names
            .and_then(|n| n.get(x))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| x.to_owned())
    };
    let staff = body
        .pointer("/scenario/params/charter_fixed_staff")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let causes = list(body, "/causes");
    let changes: Vec<&Value> = list(body, "/changes")
        .iter()
        .filter(|c| str_of(c, "change") != "kept")
        .collect();
    let left = left_out_groups(tr, body);
    let left_total: usize = left.iter().map(|g| g.1.len()).sum();
    let planned_total: usize = groups.iter().map(|g| g.persons.len()).sum();
    let adjustable = may_decide && !groups.is_empty();
    let trips_markup = html! {
        @for g in &groups {
            details class="trip-group" data-trip=(g.trip) data-kind=(g.kind) data-persons=(g.persons.len()) {
                summary {
                    strong { (g.trip) } " · " (tr.t_owned(&format!("trips.kind.{}", g.kind)))
                    " · " (country(tr, &g.destination)) " · " (g.date)
                    " · " (tr.f("trips.fill_of", &[("n", &g.persons.len()), ("cap", &g.capacity)]))
                }
                dl class="trip-facts" {
                    dt { (tr.t("trips.escorts")) }
                    dd { (g.escorts.len()) @if !g.escorts.is_empty() { " (" (g.escorts.join(", ")) ")" } }
                    dt { (tr.t("trips.medical_staff")) }
                    dd { @if g.kind == "charter" { (staff) } @else { "0" } }
                    @if may_manifest {
                        dt { (tr.t("trips.manifest")) }
                        dd { a href=(format!("/trips/{}/manifest", g.trip)) { (tr.f("trips.manifest_of", &[("trip", &g.trip)])) } }
                    }
                }
                table class="trip-persons" {
                    caption { (tr.f("trips.persons_on", &[("trip", &g.trip), ("n", &g.persons.len())])) }
                    thead { tr {
                        @if adjustable { th scope="col" { (tr.t("trips.leave_out")) } }
                        th scope="col" { (tr.t("trips.person")) }
                    } }
                    tbody { @for x in &g.persons {
                        tr data-person=(x) {
                            @if adjustable {
                                td {
                                    input type="checkbox" name="leave_out" value=(x) id=(format!("lo-{x}")) checked[adjust.chosen.contains(x)];
                                    label for=(format!("lo-{x}")) { (tr.f("trips.leave_out_person", &[("who", &name_of(x))])) }
                                }
                            }
                            td { a href=(format!("/cases/{x}")) { (name_of(x)) } @if name_of(x) != *x { " (" (x) ")" } }
                        }
                    } }
                }
            }
        }
    };
    layout::page(
        ctx,
        tr.t("trips.proposal"),
        "/trips",
        html! {
            h1 { (tr.t("trips.proposal")) " " (p.id) }
            p class="summary" data-status=(p.status) {
                (status_text(tr, p)) " · "
                (tr.f("trips.summary", &[("moved", &p.persons_moved), ("detained", &p.detained_moved), ("cost", &p.cost)]))
                @if p.optimal { " · " (tr.t("trips.optimal")) }
            }
            @if let Some(by) = &p.decided_by { p { (tr.t("trips.decided_by")) ": " (by) } }
            @if let Some(r) = &p.decision_reason { p { (tr.t("trips.reject_reason")) ": " (r) } }
            @if !causes.is_empty() {
                h2 { (tr.t("trips.causes")) }
                ul { @for c in causes {
                    li { a href=(format!("/cases/{}", str_of(c, "case"))) { (str_of(c, "case")) } ": " (tr.t_owned(&format!("event.{}", str_of(c, "event")))) " (" (str_of(c, "trip")) ")" }
                } }
            }
            @if may_decide {
                section aria-labelledby="decide" class="decide" {
                    h2 id="decide" { (tr.t("trips.decide")) }
                    p { a class="button" id="to-confirm" href=(format!("/trips/proposals/{}/confirm", p.id)) { (tr.t("trips.review_approve")) } }
                    form method="post" action=(format!("/trips/proposals/{}/reject", p.id)) class="reject" {
                        input type="hidden" name="_csrf" value=(ctx.csrf());
                        label for="reject-reason" { (tr.t("trips.reject_reason")) }
                        input id="reject-reason" name="reason" type="text" required maxlength="500";
                        button type="submit" { (tr.t("trips.reject")) }
                    }
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
            section aria-labelledby="planned-trips" class="planned-trips" {
                h2 id="planned-trips" { (tr.f("trips.grouped", &[("trips", &groups.len()), ("n", &planned_total)])) }
                @if adjustable {
                    form method="post" action=(format!("/trips/proposals/{}/adjust", p.id)) class="adjust" {
                        input type="hidden" name="_csrf" value=(ctx.csrf());
                        fieldset {
                            legend { (tr.t("trips.adjust")) }
                            p { (tr.t("trips.adjust_hint")) }
                            @if let Some((field, msg)) = &adjust.error {
                                p class="error" role="alert" id="adjust-error" data-field=(field) { (msg) }
                            }
                            label for="adjust-reason" { (tr.t("trips.leave_out_reason")) }
                            textarea id="adjust-reason" name="reason" maxlength="500" rows="2"
                                aria-describedby=[adjust.error.as_ref().map(|_| "adjust-error")] { (adjust.reason) }
                            button type="submit" id="adjust" { (tr.t("trips.adjust_button")) }
                        }
                        (trips_markup)
                    }
                } @else {
                    (trips_markup)
                }
            }
            section aria-labelledby="left-out" class="left-out" {
                h2 id="left-out" { (tr.f("trips.unplanned", &[("n", &left_total)])) }
                @for (code, people) in &left {
                    @let whole = q.all.as_deref() == Some(code.as_str());
                    details class="reason-group" id=(format!("reason-{code}")) data-reason=(code) data-count=(people.len()) open[whole] {
                        summary { (tr.t_owned(&format!("trips.reason.{code}"))) " (" (people.len()) ")" }
                        table {
                            caption { (tr.t_owned(&format!("trips.reason.{code}"))) }
                            thead { tr {
                                th scope="col" { (tr.t("cases.id")) }
                                th scope="col" { (tr.t("trips.explanation")) }
                            } }
                            tbody { @for u in people.iter().take(if whole { usize::MAX } else { GROUP_CAP }) {
                                tr data-left-out=(u.person) {
                                    td { a href=(format!("/cases/{}", u.person)) { (u.person) } }
                                    td { (u.explanation) }
                                }
                            } }
                        }
                        @if !whole && people.len() > GROUP_CAP {
                            p { a href=(format!("/trips/proposals/{}?all={code}#reason-{code}", p.id)) {
                                (tr.f("trips.show_all", &[("n", &people.len())]))
                            } }
                        }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    reason: Option<String>,
    /// The confirmation step's token (approval only).
    confirm: Option<String>,
}

/// `GET /trips/proposals/{id}/confirm` — what approving will change against
/// the plan in force, and the approve button with the confirmation token.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let v = state
        .app
        .approval_preview(&caller.app(), &id)
        .await
        .or_page(&ctx)?;
    let rows: [(&str, usize, &str); 6] = [
        ("trips.confirm.trips", v.trips, "trips"),
        ("trips.confirm.planned", v.planned, "planned"),
        (
            "trips.confirm.newly_planned",
            v.newly_planned,
            "newly_planned",
        ),
        ("trips.confirm.moved", v.moved, "moved"),
        ("trips.confirm.removed", v.removed, "removed"),
        ("trips.confirm.unchanged", v.unchanged, "unchanged"),
    ];
    Ok(layout::page(
        &ctx,
        tr.t("trips.confirm.title"),
        "/trips",
        html! {
            h1 { (tr.t("trips.confirm.title")) " " (v.proposal) }
            p { (tr.t("trips.confirm.intro")) }
            table class="confirm" {
                caption { (tr.t("trips.confirm.caption")) }
                tbody { @for (k, n, code) in rows {
                    tr data-count=(code) { th scope="row" { (tr.t(k)) } td class="num" { (n) } }
                } }
            }
            form method="post" action=(format!("/trips/proposals/{}/approve", v.proposal)) class="approve" {
                input type="hidden" name="_csrf" value=(ctx.csrf());
                input type="hidden" name="confirm" value=(v.token);
                button type="submit" id="approve" { (tr.t("trips.approve")) }
            }
            p { a href=(format!("/trips/proposals/{}", v.proposal)) { (tr.t("trips.confirm.back")) } }
        },
    ))
}

/// `POST /trips/proposals/{id}/approve` — only from the confirmation step.
pub async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    match state
        .app
        .approve_confirmed(&caller.app(), &id, f.confirm.as_deref())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/trips/proposals/{id}")).into_response()),
        Err(opcentrum_app::AppError::Invalid { field, .. }) if field == "confirm" => {
            let tr = ctx.tr;
            let key = if f.confirm.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                "trips.confirm.stale"
            } else {
                "trips.confirm.required"
            };
            let page = layout::page(
                &ctx,
                tr.t("trips.confirm.title"),
                "/trips",
                html! {
                    h1 { (tr.t("trips.confirm.refused")) }
                    p class="error" role="alert" data-field="confirm" { (tr.t(key)) }
                    p { a href=(format!("/trips/proposals/{id}/confirm")) { (tr.t("trips.review_approve")) } }
                },
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e).or_page(&ctx),
    }
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
/// by hand (`leave_out`, repeated; their families go with them) and says why
/// (`reason`, required, at most 500 characters): the horizon is planned
/// again without them as a new pending proposal. A refused form comes back
/// with the field named and what was typed kept.
pub async fn adjust(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let mut csrf = None;
    let mut form = AdjustState::default();
    for (k, v) in form_urlencoded::parse(body.as_bytes()) {
        match &*k {
            "_csrf" => csrf = Some(v.into_owned()),
            "leave_out" => {
                form.chosen.insert(v.into_owned());
            }
            "reason" => form.reason = v.into_owned(),
            _ => {}
        }
    }
    check_csrf(&caller, csrf.as_deref()).or_page(&ctx)?;
    let tr = ctx.tr;
    let reason = form.reason.trim().to_owned();
    form.error = if form.chosen.is_empty() {
        Some(("leave_out", tr.t("trips.adjust_error.leave_out").to_owned()))
    } else if reason.is_empty() {
        Some(("reason", tr.t("trips.adjust_error.reason").to_owned()))
    } else if reason.chars().count() > opcentrum_app::planning::MAX_REASON {
        Some((
            "reason",
            tr.f(
                "trips.adjust_error.reason_long",
                &[("n", &opcentrum_app::planning::MAX_REASON)],
            ),
        ))
    } else {
        None
    };
    let p = state.app.proposal(&caller.app(), &id).await.or_page(&ctx)?;
    if form.error.is_some() {
        let page = proposal_page(&ctx, &caller, &p, &ProposalQuery::default(), &form);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let request = PlanRequest {
        horizon_start: p.horizon_start,
        horizon_days: p.horizon_days,
        time_limit: Duration::from_secs(10),
        params: opcentrum_planner::default_params(),
        leave_out: form.chosen.clone(),
        leave_out_reason: Some(reason),
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
        .ok_or_else(|| ApiError::field_in(field, "form.err.required", &[]))
}

fn number<T: std::str::FromStr>(field: &str, v: &str) -> Result<T, ApiError> {
    v.parse()
        .map_err(|_| ApiError::field_in(field, "form.err.whole_number", &[("value", &v)]))
}

impl OfferForm {
    /// The offer the form describes, each field checked and named in the error.
    fn offer(&self) -> Result<opcentrum_domain::trip::TripOffer, ApiError> {
        use opcentrum_domain::{country::Country, ids::TripId, trip::TripKind};
        let id = TripId::parse(required("id", &self.id)?.to_owned())
            .map_err(|_| ApiError::field_in("id", "form.err.trip_id", &[]))?;
        let kind = match required("kind", &self.kind)? {
            "charter" => TripKind::Charter,
            "scheduled" => TripKind::Scheduled,
            other => {
                return Err(ApiError::field_in(
                    "kind",
                    "form.err.trip_kind",
                    &[("value", &other)],
                ));
            }
        };
        let destination =
            Country::parse(&required("destination", &self.destination)?.to_uppercase())
                .map_err(|_| ApiError::field_in("destination", "form.err.country", &[]))?;
        let date = required("date", &self.date)?;
        let date = date
            .parse()
            .map_err(|_| ApiError::field_in("date", "form.err.date", &[("value", &date)]))?;
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
