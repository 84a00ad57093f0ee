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
    filter::{FilteredCase, SectionValue},
};
use opcentrum_app::{FacilityOccupancy, picture::PictureWindow};
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

#[derive(Debug, Default, Deserialize)]
pub struct PictureParams {
    days: Option<u32>,
}

impl PictureParams {
    fn period(&self) -> Result<u32, ApiError> {
        match self.days {
            None => Ok(DEFAULT_PERIOD),
            Some(d) if PERIODS.contains(&d) => Ok(d),
            Some(d) => Err(ApiError::field(
                "days",
                format!("{d} is not a period the picture offers; one of 7, 30, 90, 365"),
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
}

/// Reads the picture through the gate (persons listed only where the reader
/// may read what the list reveals, each audited) and computes its figures.
pub async fn build(state: &AppState, caller: &Caller, days: u32) -> Result<Picture, ApiError> {
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
                    .checked_add(SignedDuration::from_hours(48))
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
        section aria-labelledby="h-alerts" class="alerts" {
            h2 id="h-alerts" { (tr.t("picture.alerts")) }
            ul {
                li class=(if p.limit_48h > 0 { "alert hot" } else { "alert" }) data-alert="limit48" {
                    (tr.f("alert.limit_48h", &[("n", &p.limit_48h)]))
                }
                li class=(if p.replan_total > 0 { "alert hot" } else { "alert" }) data-alert="replan" {
                    (tr.f("alert.replan", &[("n", &p.replan_total)]))
                    @if !p.replan.is_empty() {
                        " "
                        @for f in &p.replan { a href=(format!("/cases/{}", f.id)) { (f.id) } " " }
                    }
                }
                @for w in &p.waiting {
                    li class=(if w.overdue > 0 { "alert hot" } else { "alert" }) data-alert=(format!("handover-{}", w.to.code())) {
                        (tr.f("alert.handover_overdue", &[("n", &w.overdue), ("agency", &view::agency(tr, w.to)), ("waiting", &w.waiting), ("hours", &figures::handover_target(w.to).as_hours())]))
                    }
                }
                @for t in p.trips.iter().filter(|t| t.under_filled) {
                    li class="alert hot" data-alert="under-filled" {
                        (tr.f("alert.under_filled", &[("trip", &t.offer.id.as_str()), ("date", &t.offer.date), ("filled", &t.filled), ("seats", &t.offer.seats)]))
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
                                th scope="row" { a href=(format!("/cases?stage={}", stage.code())) { (view::stage(tr, *stage)) } }
                                @for n in per { td class="num" { (n) } }
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
                                td { (t.offer.destination.to_string()) }
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
