//! The whole-chain simulation as a page: choose a shipped scenario (or paste
//! one), optionally a second to compare, the number of replications and the
//! seed; the page runs them (the `sim` crate, in parallel with rayon, off the
//! async threads) and shows the same table and plots as `opcentrum simulate`'s
//! HTML report, in the reader's language. Synthetic data only: nothing about
//! a person is read, so nothing is audited; one simulation runs at a time.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    i18n::Tr,
    layout,
};
use crate::{auth::Caller, problem::ApiError};
use axum::Form;
use maud::{Markup, PreEscaped, html};
use opcentrum_sim::report::{Study, html::report_body};
use opcentrum_sim::{SimScenario, parse_scenario};
use serde::Deserialize;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// The scenarios shipped in `scenarios/` (docs/simulation.md).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "sweden-siloed",
        include_str!("../../../../scenarios/sweden-siloed.toml"),
    ),
    (
        "sweden-integrated",
        include_str!("../../../../scenarios/sweden-integrated.toml"),
    ),
];

/// At most this many replications per scenario from the page.
pub const MAX_RUNS: u32 = 40;

/// One simulation at a time: it takes both cores while it runs.
static RUNNING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

#[derive(Debug, Default, Deserialize)]
pub struct SimForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    /// A shipped scenario's name, or `custom` for `scenario_text`.
    scenario: Option<String>,
    scenario_text: Option<String>,
    /// A shipped scenario's name, or empty for none.
    compare: Option<String>,
    runs: Option<u32>,
    seed: Option<u64>,
}

/// The scenario named in `field` (shipped, or the pasted text), parsed; an
/// error names the form field and the scenario's own field.
fn scenario(
    tr: Tr,
    field: &str,
    name: &str,
    text: Option<&str>,
) -> Result<(SimScenario, String), ApiError> {
    let (source, toml) = match SHIPPED.iter().find(|(n, _)| *n == name) {
        Some((n, t)) => (format!("scenarios/{n}.toml"), *t),
        None if name == "custom" => match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => (tr.t("simulation.pasted").to_owned(), t),
            None => {
                return Err(ApiError::field(
                    "scenario_text",
                    "paste a scenario (TOML) or choose a shipped one",
                )
                .with_sv(tr.t("simulation.err.paste")));
            }
        },
        None => {
            return Err(ApiError::field(
                field,
                format!("no shipped scenario {name:?} (choose one of the list)"),
            )
            .with_sv(tr.f("simulation.err.unknown", &[("name", &name)])));
        }
    };
    let s = parse_scenario(toml).map_err(|e| {
        let f = if name == "custom" {
            "scenario_text"
        } else {
            field
        };
        ApiError::field(f, e.to_string()).with_sv(tr.f("simulation.err.parse", &[("error", &e)]))
    })?;
    Ok((s, source))
}

fn form(ctx: &Ctx, f: &SimForm) -> Markup {
    let tr = ctx.tr;
    let chosen = f.scenario.as_deref().unwrap_or("sweden-siloed");
    let compare = f.compare.as_deref().unwrap_or("sweden-integrated");
    html! {
        form method="post" action="/simulation" class="simulate" {
            input type="hidden" name="_csrf" value=(ctx.csrf());
            label for="scenario" { (tr.t("simulation.scenario")) }
            select id="scenario" name="scenario" {
                @for (n, _) in SHIPPED { option value=(n) selected[*n == chosen] { (n) } }
                option value="custom" selected[chosen == "custom"] { (tr.t("simulation.custom")) }
            }
            label for="compare" { (tr.t("simulation.compare")) }
            select id="compare" name="compare" {
                option value="" selected[compare.is_empty()] { (tr.t("simulation.no_compare")) }
                @for (n, _) in SHIPPED { option value=(n) selected[*n == compare] { (n) } }
            }
            label for="runs" { (tr.t("simulation.runs")) }
            input id="runs" name="runs" type="number" min="2" max=(MAX_RUNS) value=(f.runs.unwrap_or(10));
            label for="seed" { (tr.t("simulation.seed")) }
            input id="seed" name="seed" type="number" min="0" value=(f.seed.unwrap_or(1));
            label for="scenario-text" { (tr.t("simulation.scenario_text")) }
            textarea id="scenario-text" name="scenario_text" rows="6" { (f.scenario_text.as_deref().unwrap_or_default()) }
            button type="submit" { (tr.t("simulation.run")) }
        }
    }
}

fn page(ctx: &Ctx, f: &SimForm, result: Option<Markup>) -> Markup {
    let tr = ctx.tr;
    layout::page_with_styles(
        ctx,
        tr.t("simulation.title"),
        "/simulation",
        &["/static/simulation.css"],
        html! {
            h1 { (tr.t("simulation.title")) }
            p { (tr.t("simulation.intro")) }
            (form(ctx, f))
            @if let Some(r) = result { section class="result" aria-label=(tr.t("simulation.result")) { (r) } }
        },
    )
}

/// `GET /simulation`
pub async fn form_page(ctx: Ctx, _caller: Caller) -> Markup {
    page(&ctx, &SimForm::default(), None)
}

/// `POST /simulation` — runs the replications and shows the report.
pub async fn run(ctx: Ctx, caller: Caller, Form(f): Form<SimForm>) -> Result<Markup, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let runs = f.runs.unwrap_or(10);
    if !(2..=MAX_RUNS).contains(&runs) {
        return Err(ApiError::field(
            "runs",
            format!("must be between 2 and {MAX_RUNS} (an interval needs two), found {runs}"),
        )
        .with_sv(ctx.tr.f(
            "simulation.err.runs",
            &[("max", &MAX_RUNS), ("runs", &runs)],
        )))
        .or_page(&ctx);
    }
    let seed = f.seed.unwrap_or(1);
    let tr = ctx.tr;
    let first = scenario(
        tr,
        "scenario",
        f.scenario.as_deref().unwrap_or("sweden-siloed"),
        f.scenario_text.as_deref(),
    )
    .or_page(&ctx)?;
    let second = match f.compare.as_deref().filter(|c| !c.is_empty()) {
        Some(name) => Some(scenario(tr, "compare", name, None).or_page(&ctx)?),
        None => None,
    };
    let _turn = RUNNING
        .acquire()
        .await
        .map_err(|_| ApiError::internal())
        .or_page(&ctx)?;
    let body = tokio::task::spawn_blocking(move || {
        let a = Study::replicate(&first.0, first.1, runs, seed, &|| {});
        let b = second.map(|(s, src)| Study::replicate(&s, src, runs, seed, &|| {}));
        report_body(&a, b.as_ref(), tr)
    })
    .await
    .map_err(|_| ApiError::internal())
    .or_page(&ctx)?;
    Ok(page(&ctx, &f, Some(PreEscaped(body))))
}
