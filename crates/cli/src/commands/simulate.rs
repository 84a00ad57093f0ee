//! `opcentrum simulate`: replications of a whole-chain scenario in parallel,
//! a table of outcomes with 95% intervals, CSV and a self-contained HTML report;
//! `--compare` puts a second scenario beside it with the difference.

use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_sim::report::{Study, csv, html};
use opcentrum_sim::{Metric, SimScenario, compare, parse_scenario, summarise};
use opcentrum_text::{Lang, Tr};

use super::report::LangArg;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// The scenario (TOML; docs/simulation.md documents every field).
    #[arg(long)]
    scenario: PathBuf,
    /// Replications (each with its own seed derived from --seed).
    #[arg(long, default_value_t = 20)]
    runs: u32,
    /// Base seed: the same seed gives the same figures.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A second scenario, run with the same seeds and shown beside the first.
    #[arg(long)]
    compare: Option<PathBuf>,
    /// Directory for runs.csv, summary.csv and report.html.
    #[arg(long, default_value = "simulation-report")]
    out: PathBuf,
    /// Language of the table and of report.html (the CSV files are keyed by
    /// codes, the same in both).
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
}

pub fn read_sim_scenario(path: &Path) -> anyhow::Result<SimScenario> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_scenario(&text).with_context(|| format!("{} is not a valid scenario", path.display()))
}

/// Runs the replications in parallel, with one progress bar over all of them.
pub fn replicate(
    scenario: &SimScenario,
    source: &Path,
    runs: u32,
    seed: u64,
    bar: &ProgressBar,
) -> Study {
    Study::replicate(scenario, source.display().to_string(), runs, seed, &|| {
        bar.inc(1)
    })
}

pub async fn run(a: Args) -> anyhow::Result<ExitCode> {
    tokio::task::spawn_blocking(move || simulate(a)).await?
}

fn simulate(a: Args) -> anyhow::Result<ExitCode> {
    if a.runs < 2 || a.runs > 100_000 {
        bail!(
            "--runs: must be between 2 and 100000 (an interval needs two), found {}",
            a.runs
        );
    }
    let first = read_sim_scenario(&a.scenario)?;
    let second = match &a.compare {
        Some(p) => Some((read_sim_scenario(p)?, p.clone())),
        None => None,
    };
    let total = u64::from(a.runs) * if second.is_some() { 2 } else { 1 };
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("simulating [{bar:40}] {pos}/{len} replications ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let a_study = replicate(&first, &a.scenario, a.runs, a.seed, &bar);
    let b_study = second
        .as_ref()
        .map(|(s, p)| replicate(s, p, a.runs, a.seed, &bar));
    bar.finish_and_clear();
    let elapsed = started.elapsed();

    let lang = a.lang.lang();
    print!("{}", table(&a_study, b_study.as_ref(), lang));
    println!(
        "{} replications of {} simulated days in {:.1} s",
        total,
        first.warmup_days + first.days,
        elapsed.as_secs_f64()
    );

    std::fs::create_dir_all(&a.out)
        .with_context(|| format!("cannot create {}", a.out.display()))?;
    let studies: Vec<&Study> = [Some(&a_study), b_study.as_ref()]
        .into_iter()
        .flatten()
        .collect();
    let files = [
        ("runs.csv", csv::runs_csv(&studies)),
        ("summary.csv", csv::summary_csv(&a_study, b_study.as_ref())),
        (
            "report.html",
            html::report_html(&a_study, b_study.as_ref(), lang),
        ),
    ];
    for (name, text) in files {
        let path = a.out.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn cell(mean: f64, half: f64, lang: Lang) -> String {
    let f = |v| opcentrum_sim::report::html::figure(v, lang);
    if half.is_finite() {
        format!("{} ± {}", f(mean), f(half))
    } else {
        f(mean)
    }
}

/// The outcome table: mean ± half-width of the 95% interval, per scenario, and
/// the difference (second − first) with its interval; in `lang`.
pub fn table(a: &Study, b: Option<&Study>, lang: Lang) -> String {
    let tr = Tr::new(lang);
    let policy = |s: &Study| {
        tr.try_t(&format!("sim.policy.{}", s.policy))
            .unwrap_or(&s.policy)
            .to_owned()
    };
    let sa = summarise(&a.runs);
    let sb = b.map(|b| summarise(&b.runs));
    let diff = b.map(|b| compare(&a.runs, &b.runs));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head = vec![
        tr.t("sim.table.outcome").to_string(),
        format!("{} [{}]", a.name, policy(a)),
    ];
    if let Some(b) = b {
        head.push(format!("{} [{}]", b.name, policy(b)));
        head.push(tr.t("sim.table.difference").into());
    }
    rows.push(head);
    for (i, m) in Metric::ALL.iter().enumerate() {
        let mut row = vec![
            m.label(lang).to_string(),
            cell(sa[i].mean, sa[i].half_width, lang),
        ];
        if let (Some(sb), Some(d)) = (&sb, &diff) {
            row.push(cell(sb[i].mean, sb[i].half_width, lang));
            let mark = if d[i].significant() { " *" } else { "" };
            row.push(format!(
                "{}{mark}",
                cell(d[i].difference, d[i].half_width, lang)
            ));
        }
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (k, r) in rows.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let pad = widths[c] - v.chars().count();
                if c == 0 {
                    format!("{v}{}", " ".repeat(pad))
                } else {
                    format!("{}{v}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if k == 0 {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
            out.push('\n');
        }
    }
    if b.is_some() {
        out.push_str(tr.t("sim.table.significant"));
        out.push('\n');
    }
    out
}
