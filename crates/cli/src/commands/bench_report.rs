//! `opcentrum bench report`: the report over the demo population — reading the
//! histories from the store, computing the figures, rendering JSON, CSV and
//! HTML — for a quarter and a year ending today. Prints a table.

use super::DbArgs;
use anyhow::Context;
use clap::Args as ClapArgs;
use jiff::ToSpan;
use opcentrum_domain::time::local_date;
use opcentrum_report::{Disclosure, Lang, Period, render_csv, render_html, render_json, report};
use std::{
    process::ExitCode,
    time::{Duration, Instant},
};

#[derive(ClapArgs)]
pub struct ReportArgs {
    /// A database with the demo population, or an empty one to seed with it.
    #[command(flatten)]
    db: DbArgs,
    /// Cases to seed when the database is empty.
    #[arg(long, default_value_t = super::demo::DEFAULT_CASES)]
    cases: usize,
    /// Repetitions per measure (the median is printed).
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

pub async fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open().await?;
    if store.count_cases().await? == 0 {
        super::demo::seed(&store, args.cases, 1).await?;
    }
    let cases = store.count_cases().await?;
    let events = store.count_events().await?;
    let app = super::app_of(store.clone()).await?;
    let operator = super::operator();
    let today = local_date(jiff::Timestamp::now());
    println!(
        "report over {cases} cases ({events} events), {} runs each, median:",
        args.runs
    );
    println!(
        "| period | disclosure | cases read | read histories (ms) | compute (ms) | JSON (ms, KiB) | CSV (ms, KiB) | HTML (ms, KiB) | total (ms) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, days) in [("quarter (91 days)", 90), ("year (365 days)", 364)] {
        let period = Period::new(today.saturating_sub(i64::from(days).days()), today)?;
        for disclosure in [Disclosure::Internal, Disclosure::Public] {
            let (mut read, mut compute, mut json, mut csv, mut html) =
                (vec![], vec![], vec![], vec![], vec![]);
            let (mut sizes, mut read_cases) = ((0, 0, 0), 0);
            for _ in 0..args.runs.max(1) {
                let t = Instant::now();
                let source = app.report_source(&operator, period).await?;
                read.push(t.elapsed());
                let t = Instant::now();
                let r = report(&source.input(period, disclosure)).context("report")?;
                compute.push(t.elapsed());
                read_cases = r.cases_read;
                let t = Instant::now();
                let j = render_json(&r)?;
                json.push(t.elapsed());
                let t = Instant::now();
                let c = render_csv(&r)?;
                csv.push(t.elapsed());
                let t = Instant::now();
                let h = render_html(&r, Lang::Sv);
                html.push(t.elapsed());
                sizes = (j.len() / 1024, c.len() / 1024, h.len() / 1024);
            }
            let (r, c, j, s, h) = (
                median(read),
                median(compute),
                median(json),
                median(csv),
                median(html),
            );
            println!(
                "| {name} | {} | {read_cases} | {} | {} | {} ({}) | {} ({}) | {} ({}) | {} |",
                if disclosure == Disclosure::Public {
                    "public"
                } else {
                    "internal"
                },
                ms(r),
                ms(c),
                ms(j),
                sizes.0,
                ms(s),
                sizes.1,
                ms(h),
                sizes.2,
                ms(r + c + j + s + h)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
