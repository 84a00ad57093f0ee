//! `opcentrum bench`: speed measured, printed as a table (BENCHMARKS.md holds
//! the recorded figures). Not part of the test suite.

use super::DbArgs;
use anyhow::{Context, bail};
use clap::{Args as ClapArgs, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_server::{Application, Clock, Settings, auth::token_hash};
use opcentrum_store::UserRecord;
use opcentrum_synth::{SynthOptions, generate};
use rand::{Rng, SeedableRng};
use std::{
    process::ExitCode,
    time::{Duration, Instant},
};

#[derive(Subcommand)]
pub enum Command {
    /// Bulk load, stage counts and filtered case lists over HTTP, on a store of --cases cases.
    Store(StoreArgs),
    /// The trip planner on generated scenarios of 300, 1,500 and 8,000 persons.
    Plan(super::bench_plan::PlanArgs),
    /// The government report over the demo population (seeded if the database is empty).
    Report(super::bench_report::ReportArgs),
    /// The whole-chain simulation: one simulated year per replication, and 100 in parallel.
    Sim(super::simulate_bench::SimArgs),
    /// A bounded load test on loopback: mixed reads and writes for --seconds, zero errors required.
    Load(super::bench_load::LoadArgs),
    /// The operational picture over the demo population (server-side render).
    Picture(super::bench_picture::PictureArgs),
}

#[derive(ClapArgs)]
pub struct StoreArgs {
    /// An EMPTY database: a new SQLite file path or a postgres:// URL to an empty database.
    #[command(flatten)]
    db: DbArgs,
    #[arg(long, default_value_t = 1_000_000)]
    cases: usize,
    /// Requests per measured query.
    #[arg(long, default_value_t = 1_000)]
    requests: usize,
    /// Measure an already loaded database (from an earlier bench) instead of loading one.
    #[arg(long)]
    reuse: bool,
}

pub async fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Store(a) => store(a).await,
        Command::Plan(a) => tokio::task::spawn_blocking(move || super::bench_plan::run(a)).await?,
        Command::Report(a) => super::bench_report::run(a).await,
        Command::Sim(a) => {
            tokio::task::spawn_blocking(move || super::simulate_bench::run_bench(a)).await?
        }
        Command::Load(a) => super::bench_load::run(a).await,
        Command::Picture(a) => super::bench_picture::run(a).await,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

async fn store(args: StoreArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open().await?;
    let existing = store.count_cases().await?;
    if existing > 0 && !args.reuse {
        bail!("the bench needs an empty database (or --reuse to measure a loaded one)");
    }
    let now = jiff::Timestamp::now();
    // Load in chunks of 50,000 (the first with detention), timing only the store.
    let chunk = 50_000usize;
    let bar = ProgressBar::new(args.cases as u64).with_style(
        ProgressStyle::with_template("loading [{bar:40}] {pos}/{len} cases ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut load_time = Duration::ZERO;
    let mut events = 0usize;
    let mut first = 0usize;
    if args.reuse {
        first = args.cases;
        events = usize::try_from(store.count_events().await?).unwrap_or(0);
    }
    while first < args.cases {
        let n = chunk.min(args.cases - first);
        let opts = SynthOptions {
            first_index: first,
            detain: first == 0,
            ..SynthOptions::new(n, 1, now)
        };
        let pop = tokio::task::spawn_blocking(move || generate(&opts)).await?;
        if first == 0 {
            for f in &pop.facilities {
                store.put_facility(f).await?;
            }
        }
        let histories: Vec<_> = pop.cases.into_iter().map(|c| c.events).collect();
        events += histories.iter().map(Vec::len).sum::<usize>();
        let t = Instant::now();
        for part in histories.chunks(5_000) {
            store.load_histories(part, now).await?;
        }
        load_time += t.elapsed();
        bar.inc(n as u64);
        first += n;
    }
    bar.finish_and_clear();

    // A reader with a token, and the real server on a free port.
    let bench_token = format!("bench-token-{}", std::process::id());
    let user = opcentrum_domain::ids::UserName::parse(format!("bench{}", std::process::id()))
        .context("user")?;
    store
        .put_user(
            &UserRecord {
                user_name: user.clone(),
                display_name: "bench".into(),
                agency: opcentrum_domain::Agency::Nte,
                role: "trip_planner".into(),
                password_hash: None,
                disabled: false,
                kind: opcentrum_store::AccountKind::Person,
                epoch: 0,
            },
            now,
            None,
        )
        .await?;
    store
        .put_token(&token_hash(&bench_token), &user, "bench", now, None, None)
        .await?;
    let app = Application::build(
        store.clone(),
        Clock::system(),
        Settings::local("127.0.0.1:0".parse()?),
    )
    .await?;
    let base = format!("http://{}", app.local_addr()?);
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();

    async fn time_get(
        client: &reqwest::Client,
        token: &str,
        url: &str,
    ) -> anyhow::Result<Duration> {
        let t = Instant::now();
        let resp = client.get(url).bearer_auth(token).send().await?;
        let status = resp.status();
        let _ = resp.bytes().await?;
        if !status.is_success() {
            bail!("{url}: {status}");
        }
        Ok(t.elapsed())
    }

    let mut counts = Vec::with_capacity(args.requests);
    for _ in 0..args.requests {
        counts.push(time_get(&client, &bench_token, &format!("{base}/api/stats/stages")).await?);
    }
    counts.sort();

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let stages = [
        "registered",
        "final",
        "handed_over",
        "transport_requested",
        "executed",
    ];
    let agencies = ["migrationsverket", "police", "nte"];
    let dests: Vec<&str> = opcentrum_synth::DESTINATIONS
        .iter()
        .take(20)
        .map(|d| d.0)
        .collect();
    let mut lists = Vec::with_capacity(args.requests);
    for i in 0..args.requests {
        let q = match i % 5 {
            0 => format!(
                "stage={}&destination={}",
                stages[rng.random_range(0..stages.len())],
                dests[rng.random_range(0..dests.len())]
            ),
            1 => format!(
                "responsible={}&stage={}",
                agencies[rng.random_range(0..3)],
                stages[rng.random_range(0..stages.len())]
            ),
            2 => format!(
                "ready=true&destination={}",
                dests[rng.random_range(0..dests.len())]
            ),
            3 => "detained=true".to_owned(),
            _ => format!(
                "stage=handed_over&after=UT-2026-{:06}",
                rng.random_range(0..args.cases)
            ),
        };
        lists.push(
            time_get(
                &client,
                &bench_token,
                &format!("{base}/api/cases?{q}&limit=50"),
            )
            .await?,
        );
    }
    lists.sort();

    // A page of 1,000 cases filtered for a reader (and 1,000 audit records written).
    let mut pages = Vec::with_capacity(100);
    for i in 0..100 {
        let q = match i % 2 {
            0 => format!(
                "stage=handed_over&after=UT-2026-{:06}",
                rng.random_range(0..args.cases)
            ),
            _ => format!(
                "responsible=nte&after=UT-2026-{:06}",
                rng.random_range(0..args.cases / 2)
            ),
        };
        pages.push(
            time_get(
                &client,
                &bench_token,
                &format!("{base}/api/cases?{q}&limit=1000"),
            )
            .await?,
        );
    }
    pages.sort();

    let backend = match store.backend() {
        opcentrum_store::Backend::Sqlite => "SQLite",
        opcentrum_store::Backend::Postgres => "PostgreSQL",
    };
    println!(
        "| measure ({backend}, {} cases, {events} events) | value |",
        args.cases
    );
    println!("|---|---|");
    if !args.reuse {
        println!(
            "| bulk load | {:.0} events/s ({:.1} s) |",
            events as f64 / load_time.as_secs_f64().max(1e-9),
            load_time.as_secs_f64()
        );
    }
    println!(
        "| stage counts over HTTP, p50 / p99 / max (ms, {} requests) | {} / {} / {} |",
        counts.len(),
        ms(percentile(&counts, 0.5)),
        ms(percentile(&counts, 0.99)),
        ms(percentile(&counts, 1.0))
    );
    println!(
        "| filtered case list, 50 per page, over HTTP, p50 / p99 / max (ms, {} requests) | {} / {} / {} |",
        lists.len(),
        ms(percentile(&lists, 0.5)),
        ms(percentile(&lists, 0.99)),
        ms(percentile(&lists, 1.0))
    );
    println!(
        "| a page of 1,000 cases filtered for the reader and audited, over HTTP, p50 / p95 / max (ms, {} requests) | {} / {} / {} |",
        pages.len(),
        ms(percentile(&pages, 0.5)),
        ms(percentile(&pages, 0.95)),
        ms(percentile(&pages, 1.0))
    );
    Ok(ExitCode::SUCCESS)
}
