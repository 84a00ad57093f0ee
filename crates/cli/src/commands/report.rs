//! `opcentrum report --from DATE --to DATE`: the government report for a
//! period, from the store, as HTML (default), CSV or JSON. `--public` applies
//! disclosure control (small counts withheld) for anything leaving the agencies.

use super::DbArgs;
use anyhow::{Context, bail};
use clap::{Args as ClapArgs, ValueEnum};
use indicatif::ProgressBar;
use jiff::civil::Date;
use opcentrum_report::{Disclosure, Lang, Period, Report, render_csv, render_html, render_json};
use opcentrum_store::Store;
use std::{io::Write, path::PathBuf, process::ExitCode, time::Instant};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Html,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Sv,
    En,
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            LangArg::Sv => Lang::Sv,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// First day of the period, YYYY-MM-DD (Swedish calendar).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Date,
    /// Last day of the period, YYYY-MM-DD, included.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Date,
    #[arg(long, value_enum, default_value = "html")]
    format: Format,
    /// For release outside the agencies: withhold counts below 3 persons and
    /// whatever would let them be worked out (docs/reports.md).
    #[arg(long)]
    public: bool,
    /// Language of the HTML page.
    #[arg(long, value_enum, default_value = "sv")]
    lang: LangArg,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|_| format!("not a date (expected YYYY-MM-DD): {s:?}"))
}

/// The period checked, with the flag named in the message.
pub fn period(from: Date, to: Date) -> anyhow::Result<Period> {
    if to < from {
        bail!("--to: {to} is before --from ({from})");
    }
    Period::new(from, to).map_err(|e| anyhow::anyhow!("--{e}"))
}

/// Reads what the report needs from the store and makes it.
pub async fn make(store: &Store, period: Period, disclosure: Disclosure) -> anyhow::Result<Report> {
    super::app_of(store.clone())
        .await?
        .report(&super::operator(), period, disclosure)
        .await
        .context("cannot make the report")
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let period = period(args.from, args.to)?;
    let store = args.db.open().await?;
    let started = Instant::now();
    let spinner = ProgressBar::new_spinner().with_message(format!(
        "reading the case log for {} – {}",
        period.from, period.to
    ));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let disclosure = if args.public {
        Disclosure::Public
    } else {
        Disclosure::Internal
    };
    let r = make(&store, period, disclosure).await;
    spinner.finish_and_clear();
    let r = r?;
    let lang = args.lang.lang();
    let text = match args.format {
        Format::Html => render_html(&r, lang),
        Format::Csv => render_csv(&r)?,
        Format::Json => render_json(&r)?,
    };
    match &args.out {
        Some(p) => {
            std::fs::write(p, &text).with_context(|| format!("cannot write {}", p.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .context("cannot write the report")?;
        }
    }
    eprintln!(
        "report {} – {} ({}): {} cases read, {} executions, in {:.1} s{}",
        period.from,
        period.to,
        if args.public { "public" } else { "internal" },
        r.cases_read,
        r.executions
            .by_kind
            .total
            .value
            .map_or_else(|| "<3".to_owned(), |n| n.to_string()),
        started.elapsed().as_secs_f64(),
        args.out
            .as_ref()
            .map(|p| format!(", written to {}", p.display()))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}
