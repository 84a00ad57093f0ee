//! The government report as a page: choose a period (and whether it is for
//! release outside the agencies), see the report with its plots, download it as
//! HTML, CSV or JSON. The figures come from `reporting::make`, the same function
//! as `opcentrum report`; each report read or exported is one audit record.

use super::{
    ctx::{Ctx, OrPage, PageError},
    layout,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use jiff::{ToSpan, civil::Date};
use maud::{Markup, PreEscaped, html};
use opcentrum_access::{FieldCategory, audit::AuditAction};
use opcentrum_report::{
    Disclosure, Period, PeriodError, render_csv, render_html, render_html_fragment, render_json,
};
use serde::Deserialize;

const PURPOSE: &str = "government report";

/// The report's categories: aggregate figures over decisions, detention and trips.
fn categories() -> Vec<FieldCategory> {
    vec![
        FieldCategory::Decision,
        FieldCategory::Location,
        FieldCategory::Trip,
    ]
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
    /// `on` (a checkbox): disclosure control for release outside the agencies.
    public: Option<String>,
    /// For `/reports/file`: `html`, `csv` or `json`.
    format: Option<String>,
}

fn date(field: &str, value: &str) -> Result<Date, ApiError> {
    value
        .trim()
        .parse::<Date>()
        .map_err(|_| ApiError::field_in(field, "form.err.date", &[("value", &value)]))
}

/// The period asked for, each field checked and named in the error.
fn period_of(q: &ReportQuery) -> Result<Option<Period>, ApiError> {
    let (Some(from), Some(to)) = (q.from.as_deref(), q.to.as_deref()) else {
        return Ok(None);
    };
    let (from, to) = (date("from", from)?, date("to", to)?);
    if to < from {
        return Err(ApiError::field_in(
            "to",
            "form.err.before_from",
            &[("to", &to), ("from", &from)],
        ));
    }
    Period::new(from, to).map(Some).map_err(|e| match e {
        PeriodError::TooLong { from, to, max } => ApiError::field_in(
            "to",
            "form.err.period_too_long",
            &[("max", &max), ("from", &from), ("to", &to)],
        ),
        PeriodError::ToBeforeFrom { from, to } => ApiError::field_in(
            "to",
            "form.err.before_from",
            &[("to", &to), ("from", &from)],
        ),
    })
}

fn disclosure_of(q: &ReportQuery) -> Disclosure {
    if q.public
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "off")
    {
        Disclosure::Public
    } else {
        Disclosure::Internal
    }
}

async fn audited(
    state: &AppState,
    caller: &Caller,
    action: AuditAction,
) -> Result<(), opcentrum_app::AppError> {
    state
        .app
        .audit_report(&caller.app(), action, categories(), PURPOSE)
        .await
}

fn query_string(p: &Period, d: Disclosure, format: &str) -> String {
    let public = if d == Disclosure::Public {
        "&public=on"
    } else {
        ""
    };
    format!("from={}&to={}&format={format}{public}", p.from, p.to)
}

/// `GET /reports` — the form, and the report when a period is given.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<ReportQuery>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let period = period_of(&q).or_page(&ctx)?;
    let disclosure = disclosure_of(&q);
    let today = state.clock.today();
    let (from, to) = match &period {
        Some(p) => (p.from, p.to),
        None => (today.saturating_sub(90.days()), today),
    };
    let report = match period {
        Some(p) => {
            let r = state
                .app
                .report(&caller.app(), p, disclosure)
                .await
                .map_err(ApiError::from)
                .or_page(&ctx)?;
            audited(&state, &caller, AuditAction::Read)
                .await
                .or_page(&ctx)?;
            Some((p, r))
        }
        None => None,
    };
    Ok(layout::page_with_styles(
        &ctx,
        tr.t("reports.title"),
        "/reports",
        &["/static/report.css"],
        html! {
            h1 { (tr.t("reports.title")) }
            form method="get" action="/reports" class="run" {
                label for="from" { (tr.t("reports.from")) }
                input id="from" name="from" type="date" value=(from) required;
                label for="to" { (tr.t("reports.to")) }
                input id="to" name="to" type="date" value=(to) required;
                label for="public" {
                    input id="public" name="public" type="checkbox" checked[disclosure == Disclosure::Public];
                    " " (tr.t("reports.public"))
                }
                button type="submit" { (tr.t("reports.make")) }
            }
            @if let Some((p, r)) = &report {
                p class="downloads" {
                    (tr.t("reports.download")) ": "
                    @for (i, f) in ["html", "csv", "json"].iter().enumerate() {
                        @if i > 0 { " · " }
                        a href=(format!("/reports/file?{}", query_string(p, disclosure, f))) download { (f.to_uppercase()) }
                    }
                }
                (PreEscaped(render_html_fragment(r, ctx.tr.lang)))
            } @else {
                p { (tr.t("reports.intro")) }
            }
        },
    ))
}

/// `GET /reports/file` — the report as a file (HTML, CSV or JSON), audited as an export.
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let period = period_of(&q)
        .and_then(|p| p.ok_or_else(|| ApiError::field_in("from", "form.err.period", &[])))
        .or_page(&ctx)?;
    let format = q.format.as_deref().unwrap_or("html");
    if !matches!(format, "html" | "csv" | "json") {
        return Err(ApiError::field_in(
            "format",
            "form.err.report_format",
            &[("value", &format)],
        ))
        .or_page(&ctx);
    }
    let disclosure = disclosure_of(&q);
    let r = state
        .app
        .report(&caller.app(), period, disclosure)
        .await
        .map_err(ApiError::from)
        .or_page(&ctx)?;
    let (text, content_type) = match format {
        "csv" => (
            render_csv(&r)
                .map_err(|_| ApiError::internal())
                .or_page(&ctx)?,
            "text/csv; charset=utf-8",
        ),
        "json" => (
            render_json(&r)
                .map_err(|_| ApiError::internal())
                .or_page(&ctx)?,
            "application/json",
        ),
        _ => (render_html(&r, ctx.tr.lang), "text/html; charset=utf-8"),
    };
    audited(&state, &caller, AuditAction::Export)
        .await
        .or_page(&ctx)?;
    let name = format!(
        "attachment; filename=\"opcentrum-report-{}-{}{}.{format}\"",
        period.from,
        period.to,
        if disclosure == Disclosure::Public {
            "-public"
        } else {
            ""
        }
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        text,
    )
        .into_response())
}
