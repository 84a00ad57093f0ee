//! The operational picture, the start page: cases per stage and agency, lead
//! times of the three handovers with a trend chart, detention occupancy and the
//! persons nearest their limit, the coming weeks' trips, alerts. Live: the
//! page's body is re-fetched on every `change` from `/live`.
//!
//! Figures are computed by `figures` (pure); the store reads columns and
//! counters only. Persons shown are filtered and audited as any API read.

use super::{
    ctx::{Ctx, OrPage, PageError},
    figures::{self, Leg, LegStats, StageTable, Trend, Waiting},
    layout, view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::extract::{Query, State};
use jiff::{SignedDuration, Timestamp, ToSpan};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory,
    filter::{FilteredCase, SectionValue, filterable},
};
use opcentrum_app::{
    FacilityOccupancy,
    picture::PictureWindow,
    tasks::{TaskKind, Tasks},
};
use opcentrum_domain::{Agency, trip::TripKind, trip::TripOffer};
use serde::Deserialize;

pub const PERIODS: [u32; 4] = [7, 30, 90, 365];
const DEFAULT_PERIOD: u32 = 90;
/// Persons listed per alert or board.
const SHOWN: usize = 10;
/// Weeks of trips shown.
const TRIP_DAYS: i64 = 28;
/// Charters flying within this many days are checked for fill.
const FILL_HORIZON_DAYS: f64 = 14.0;
/// Detention limits within this many days are a task.
pub const DUE_DAYS: i64 = 7;
/// The alert's window for detention limits, in days.
const ALERT_DAYS: i64 = 2;

/// `within=N` of the detention board: 1–365 days, or absent.
pub fn within_days(tr: super::i18n::Tr, raw: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    match raw.parse::<i64>() {
        Ok(d) if (1..=365).contains(&d) => Ok(Some(d)),
        _ => {
            let reason = tr.t("work.bad_within").to_owned();
            let mut e = ApiError::bad_request("within", reason.clone())
                .with_sv(format!("within: {reason}"));
            e.problem.detail = format!("within: {reason}");
            Err(e)
        }
    }
}

/// What the reader may open from the picture: the links offered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Links {
    /// Case pages and lists (`cases.read`).
    pub cases: bool,
    /// `/cases?detained=true` and the detention board's rows (location for every owner).
    pub detained: bool,
    /// `/cases?replan_needed=true` (the trip category for every owner).
    pub replan: bool,
    /// The trips board (a planner).
    pub trips: bool,
}

/// A task as the start page shows it: the count, the text, where it leads.
pub struct TaskLink {
    pub kind: TaskKind,
    pub count: u64,
    pub href: String,
}

fn task_links(t: &Tasks) -> Vec<TaskLink> {
    t.items
        .iter()
        .map(|task| TaskLink {
            kind: task.kind,
            count: task.count,
            href: match task.kind {
                TaskKind::Accept => "/inbox".to_owned(),
                TaskKind::Returned => "/inbox#returned".to_owned(),
                TaskKind::DetentionDue => format!("/detention?within={}", t.due_days),
                TaskKind::ReadyToPlan => "/cases?stage=transport_requested&ready=true".to_owned(),
                TaskKind::FailedAttempt => {
                    "/cases?stage=transport_requested&failed=true".to_owned()
                }
            },
        })
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub struct PictureParams {
    days: Option<u32>,
}

impl PictureParams {
    fn period(&self) -> Result<u32, ApiError> {
        match self.days {
            None => Ok(DEFAULT_PERIOD),
            Some(d) if PERIODS.contains(&d) => Ok(d),
            Some(d) => Err(ApiError::field_in(
                "days",
                "form.err.picture_days",
                &[("value", &d)],
            )),
        }
    }
}

/// A trip of the coming weeks with the persons planned on it.
pub struct TripRow {
    pub offer: TripOffer,
    pub filled: u32,
    pub under_filled: bool,
}

/// Everything the picture shows.
pub struct Picture {
    pub days: u32,
    pub now: Timestamp,
    pub stages: StageTable,
    pub legs: Vec<LegStats>,
    pub trend: Trend,
    pub facilities: Vec<FacilityOccupancy>,
    pub near_limit: Vec<FilteredCase>,
    pub limit_48h: u64,
    pub replan: Vec<FilteredCase>,
    pub replan_total: u64,
    pub waiting: Vec<Waiting>,
    pub trips: Vec<TripRow>,
    /// The reader's agency.
    pub agency: Agency,
    pub tasks: Vec<TaskLink>,
    pub links: Links,
}

/// Reads the picture through the gate (persons listed only where the reader
/// may read what the list reveals, each audited) and computes its figures.
pub async fn build(state: &AppState, caller: &Caller, days: u32) -> Result<Picture, ApiError> {
    let tasks = state.app.tasks(&caller.app(), DUE_DAYS).await?;
    let policy = state.app.policy();
    let p = &caller.principal;
    let grants = |row: &str| state.app.catalogue().row(row).is_ok_and(|r| r.grants(p));
    let may_cases = grants("cases.read");
    let links = Links {
        cases: may_cases,
        detained: may_cases && filterable(&policy, p, "detained").is_ok(),
        replan: may_cases && filterable(&policy, p, "replan_needed").is_ok(),
        trips: grants("trips.plan"),
    };
    let now = state.clock.now();
    let today = state.clock.today();
    let from = now
        .checked_sub(SignedDuration::from_hours(24 * i64::from(days)))
        .unwrap_or(now);
    let data = state
        .app
        .picture(
            &caller.app(),
            PictureWindow {
                from,
                alert_until: now
                    .checked_add(SignedDuration::from_hours(24 * ALERT_DAYS))
                    .unwrap_or(now),
                trips_from: today,
                trips_to: today.checked_add(TRIP_DAYS.days()).unwrap_or(today),
                shown: SHOWN,
            },
        )
        .await?;
    // In `Leg::ALL` order.
    let per_leg: [Vec<figures::Sample>; 3] = data.legs.map(|spans| figures::samples_of(&spans));
    let legs = Leg::ALL
        .iter()
        .zip(&per_leg)
        .map(|(leg, s)| figures::stats(*leg, s))
        .collect();
    let trend = figures::weekly_trend(&per_leg, from, now);
    let trips = data
        .offers
        .into_iter()
        .map(|offer| {
            let filled = data
                .fill
                .iter()
                .find(|(id, _)| *id == offer.id)
                .map_or(0, |(_, n)| *n);
            let to_go = figures::days_until(now, opcentrum_domain::time::start_of_day(offer.date));
            let under_filled = offer.kind == TripKind::Charter
                && figures::under_filled(
                    offer.seats,
                    offer.quota,
                    filled,
                    to_go,
                    FILL_HORIZON_DAYS,
                );
            TripRow {
                offer,
                filled,
                under_filled,
            }
        })
        .collect();
    Ok(Picture {
        days,
        now,
        stages: figures::stage_table(&data.counts),
        legs,
        trend,
        facilities: data.facilities,
        near_limit: data.near_limit,
        limit_48h: data.limit_soon,
        replan: data.replan,
        replan_total: data.replan_total,
        waiting: figures::waiting(&data.waiting, now),
        trips,
        agency: p.agency,
        tasks: task_links(&tasks),
        links,
    })
}

fn fmt_days(tr: super::i18n::Tr, d: Option<f64>) -> String {
    d.map_or_else(|| tr.t("value.none").to_owned(), |d| view::days(tr, d))
}

fn leg_name(tr: super::i18n::Tr, leg: Leg) -> &'static str {
    tr.t_owned(&format!("leg.{}", leg.code()))
}

/// The chart's data for chart.js, read by static/app.js from `data-chart`.
fn chart_json(tr: super::i18n::Tr, trend: &Trend) -> String {
    let labels: Vec<String> = trend
        .starts
        .iter()
        .map(|t| opcentrum_domain::time::local_date(*t).to_string())
        .collect();
    let datasets: Vec<serde_json::Value> = Leg::ALL
        .iter()
        .zip(&trend.medians)
        .map(|(leg, m)| serde_json::json!({ "label": leg_name(tr, *leg), "data": m }))
        .collect();
    serde_json::json!({
        "labels": labels,
        "datasets": datasets,
        "yLabel": tr.t("picture.chart_y"),
    })
    .to_string()
}

/// Facility and limit of a detained person, as the reader may see them.
fn detention_cell(tr: super::i18n::Tr, f: &FilteredCase, now: Timestamp) -> Markup {
    match f.visible(FieldCategory::Location) {
        Some(SectionValue::Location {
            detention: Some(p),
            detention_status: Some(st),
            ..
        }) => match st.shown() {
            Some(st) => html! {
                td { (p.facility.as_str()) }
                td { (st.ends_at.map(view::time).unwrap_or_default()) }
                td { (st.ends_at.map(|e| view::days(tr, figures::days_until(now, e))).unwrap_or_default()) }
            },
            None => html! {
                td { (p.facility.as_str()) }
                td colspan="2" { (view::withheld(tr, tr.t("secrecy.limit_withheld"))) }
            },
        },
        _ => {
            let reason = f
                .section(FieldCategory::Location)
                .and_then(|s| view::withheld_reason(tr, s))
                .unwrap_or_default();
            html! { td colspan="3" { (view::withheld(tr, reason)) } }
        }
    }
}

/// The live part of the picture.
pub fn render(tr: super::i18n::Tr, p: &Picture) -> Markup {
    let agencies = Agency::OPERATIONAL;
    html! {
        p class="updated" { (tr.t("picture.updated")) ": " time datetime=(p.now.to_string()) { (view::time(p.now)) } }
        (tasks_section(tr, p))
        section aria-labelledby="h-alerts" class="alerts" {
            h2 id="h-alerts" { (tr.t("picture.alerts")) }
            ul {
                li class=(if p.limit_48h > 0 { "alert hot" } else { "alert" }) data-alert="limit48" {
                    @let text = tr.f("alert.limit_48h", &[("n", &p.limit_48h)]);
                    @if p.links.detained && p.limit_48h > 0 {
                        a href=(format!("/detention?within={ALERT_DAYS}")) { (text) }
                    } @else { (text) }
                }
                li class=(if p.replan_total > 0 { "alert hot" } else { "alert" }) data-alert="replan" {
                    @let text = tr.f("alert.replan", &[("n", &p.replan_total)]);
                    @if p.links.replan && p.replan_total > 0 {
                        a href="/cases?replan_needed=true" { (text) }
                    } @else { (text) }
                    @if p.links.cases && !p.replan.is_empty() {
                        " "
                        @for f in &p.replan { a href=(format!("/cases/{}", f.id)) { (f.id) } " " }
                    }
                }
                // A box of nothing waiting ("0 of 0") is not shown.
                @for w in p.waiting.iter().filter(|w| w.waiting > 0) {
                    li class=(if w.overdue > 0 { "alert hot" } else { "alert" }) data-alert=(format!("handover-{}", w.to.code())) {
                        @let text = tr.f("alert.handover_overdue", &[("n", &w.overdue), ("agency", &view::agency(tr, w.to)), ("waiting", &w.waiting), ("hours", &figures::handover_target(w.to).as_hours())]);
                        @if p.links.cases && w.to == p.agency {
                            a href="/inbox" { (text) }
                        } @else { (text) }
                    }
                }
                @for t in p.trips.iter().filter(|t| t.under_filled) {
                    li class="alert hot" data-alert="under-filled" {
                        @let text = tr.f("alert.under_filled", &[("trip", &t.offer.id.as_str()), ("date", &t.offer.date), ("filled", &t.filled), ("seats", &t.offer.seats)]);
                        @if p.links.trips { a href="/trips" { (text) } } @else { (text) }
                    }
                }
            }
        }
        div class="grid" {
            section aria-labelledby="h-stages" {
                h2 id="h-stages" { (tr.f("picture.total", &[("n", &p.stages.total)])) }
                table {
                    caption { (tr.t("picture.stages_caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("picture.stage")) }
                        @for a in agencies { th scope="col" class="num" { (view::agency(tr, a)) } }
                        th scope="col" class="num" { (tr.t("picture.sum")) }
                    } }
                    tbody {
                        @for (stage, per, sum) in &p.stages.rows {
                            tr {
                                th scope="row" {
                                    @if p.links.cases { a href=(format!("/cases?stage={}", stage.code())) { (view::stage(tr, *stage)) } }
                                    @else { (view::stage(tr, *stage)) }
                                }
                                @for (n, a) in per.iter().zip(agencies) {
                                    td class="num" {
                                        @if p.links.cases && *n > 0 {
                                            a href=(format!("/cases?stage={}&responsible={}", stage.code(), a.code())) { (n) }
                                        } @else { (n) }
                                    }
                                }
                                td class="num" { (sum) }
                            }
                        }
                    }
                    tfoot { tr {
                        th scope="row" { (tr.t("picture.sum")) }
                        @for n in &p.stages.column_totals { td class="num" { (n) } }
                        td class="num" { (p.stages.total) }
                    } }
                }
                p { (tr.f("picture.suspended", &[("n", &p.stages.suspended)])) }
            }
            section aria-labelledby="h-lead" {
                h2 id="h-lead" { (tr.f("picture.lead_times", &[("days", &p.days)])) }
                table {
                    caption { (tr.t("picture.lead_caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("picture.leg")) }
                        th scope="col" class="num" { (tr.t("picture.n")) }
                        th scope="col" class="num" { (tr.t("picture.median")) }
                        th scope="col" class="num" { (tr.t("picture.p90")) }
                    } }
                    tbody {
                        @for l in &p.legs {
                            tr data-leg=(l.leg.code()) {
                                th scope="row" { (leg_name(tr, l.leg)) }
                                td class="num" { (l.n) }
                                td class="num" { (fmt_days(tr, l.median)) }
                                td class="num" { (fmt_days(tr, l.p90)) }
                            }
                        }
                    }
                }
                div class="chart" {
                    canvas id="trend" role="img" aria-label=(tr.t("picture.chart_label")) data-chart=(chart_json(tr, &p.trend)) {
                        (tr.t("picture.chart_label"))
                    }
                }
            }
            section aria-labelledby="h-detention" {
                h2 id="h-detention" { (tr.t("picture.detention")) }
                table {
                    caption { (tr.t("picture.detention_caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("picture.facility")) }
                        th scope="col" class="num" { (tr.t("picture.occupied")) }
                        th scope="col" class="num" { (tr.t("picture.capacity")) }
                        th scope="col" { (tr.t("picture.occupancy")) }
                    } }
                    tbody {
                        @for f in &p.facilities {
                            tr {
                                th scope="row" { (f.facility.name) }
                                td class="num" { (f.occupied) }
                                td class="num" { (f.facility.capacity) }
                                td { meter min="0" max=(f.facility.capacity) value=(f.occupied) high=(f.facility.capacity * 9 / 10) aria-label=(f.facility.name) { (f.occupied) "/" (f.facility.capacity) } }
                            }
                        }
                    }
                }
                @let detained: u64 = p.facilities.iter().map(|f| u64::from(f.occupied)).sum();
                p data-alert="detained" {
                    @let text = tr.f("work.detained_total", &[("n", &detained)]);
                    @if p.links.detained && detained > 0 {
                        a href="/cases?detained=true" { (text) } " · " a href="/detention" { (tr.t("work.detention_board")) }
                    } @else { (text) }
                }
                @if !p.near_limit.is_empty() && p.links.cases {
                h3 { (tr.t("picture.nearest_limit")) }
                table {
                    thead { tr {
                        th scope="col" { (tr.t("picture.case")) }
                        th scope="col" { (tr.t("picture.facility")) }
                        th scope="col" { (tr.t("picture.limit")) }
                        th scope="col" { (tr.t("picture.left")) }
                    } }
                    tbody {
                        @for f in &p.near_limit {
                            tr { td { a href=(format!("/cases/{}", f.id)) { (f.id) } } (detention_cell(tr, f, p.now)) }
                        }
                    }
                }
                }
            }
            section aria-labelledby="h-trips" {
                h2 id="h-trips" { (tr.t("picture.trips")) }
                table {
                    caption { (tr.t("picture.trips_caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("picture.date")) }
                        th scope="col" { (tr.t("picture.trip")) }
                        th scope="col" { (tr.t("picture.destination")) }
                        th scope="col" class="num" { (tr.t("picture.filled")) }
                        th scope="col" class="num" { (tr.t("picture.quota")) }
                    } }
                    tbody {
                        @for t in p.trips.iter().filter(|t| t.offer.kind == TripKind::Charter || t.filled > 0) {
                            tr class=(if t.under_filled { "hot" } else { "" }) {
                                td { (t.offer.date) }
                                td { (tr.t_owned(&format!("code.{}", t.offer.kind.code()))) " " (t.offer.id.as_str()) }
                                td { (super::view::country_cell(tr, &t.offer.destination.to_string())) }
                                td class="num" { (t.filled) " / " (t.offer.seats) }
                                td class="num" { (t.offer.quota.map(|q| q.to_string()).unwrap_or_else(|| tr.t("value.none").to_owned())) }
                            }
                        }
                    }
                }
                @let flights: Vec<&TripRow> = p.trips.iter().filter(|t| t.offer.kind != TripKind::Charter).collect();
                p { (tr.f("picture.flights", &[("n", &flights.len()), ("seats", &flights.iter().map(|t| t.offer.seats).sum::<u32>()), ("filled", &flights.iter().map(|t| t.filled).sum::<u32>())])) }
            }
        }
    }
}

/// "My tasks": the reader's work today, each a link to the list it counts.
fn tasks_section(tr: super::i18n::Tr, p: &Picture) -> Markup {
    html! {
        section aria-labelledby="h-tasks" class="tasks" {
            h2 id="h-tasks" { (tr.t("work.tasks")) }
            @if p.tasks.is_empty() {
                p class="empty" { (tr.t("work.no_tasks")) }
            } @else {
                ul {
                    @for t in &p.tasks {
                        @let text = tr.f(&format!("work.task.{}", t.kind.code()), &[("n", &t.count), ("days", &DUE_DAYS)]);
                        li class=(if t.count > 0 { "task open" } else { "task" }) data-task=(t.kind.code()) data-count=(t.count) {
                            @if t.count > 0 { a href=(t.href) { (text) } } @else { (text) }
                        }
                    }
                }
            }
        }
    }
}

fn period_form(tr: super::i18n::Tr, days: u32) -> Markup {
    html! {
        form class="period" method="get" action="/" {
            label for="days" { (tr.t("picture.period")) }
            select id="days" name="days" {
                @for d in PERIODS {
                    option value=(d) selected[d == days] { (tr.f("picture.period_days", &[("n", &d)])) }
                }
            }
            button type="submit" { (tr.t("picture.show")) }
        }
    }
}

/// `GET /` — the whole page.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<PictureParams>,
) -> Result<Markup, PageError> {
    let days = q.period().or_page(&ctx)?;
    let p = build(&state, &caller, days).await.or_page(&ctx)?;
    let tr = ctx.tr;
    Ok(layout::page(
        &ctx,
        tr.t("picture.title"),
        "/",
        html! {
            h1 { (tr.t("picture.title")) }
            (period_form(tr, days))
            p class="live-status" id="live-status" aria-live="polite" {}
            div id="live" data-live="/live" data-body=(format!("/picture/body?days={days}")) {
                (render(tr, &p))
            }
        },
    ))
}

/// `GET /picture/body` — the live part, re-fetched on every change.
pub async fn body(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<PictureParams>,
) -> Result<Markup, PageError> {
    let days = q.period().or_page(&ctx)?;
    let p = build(&state, &caller, days).await.or_page(&ctx)?;
    Ok(render(ctx.tr, &p))
}
