//! `opcentrum bench picture`: the operational picture rendered by the real
//! server (HTTP, authentication, store reads, figures, filtering and audit of
//! the persons shown, HTML) over the demo population; prints a table.

use super::DbArgs;
use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use opcentrum_server::{Application, Clock, Settings, auth::token_hash};
use opcentrum_store::UserRecord;
use std::{
    process::ExitCode,
    time::{Duration, Instant},
};

#[derive(ClapArgs)]
pub struct PictureArgs {
    /// A database: empty (it is filled with the demo population) or already holding one.
    #[command(flatten)]
    db: DbArgs,
    /// Demo size when the database is empty.
    #[arg(long, default_value_t = 50_000)]
    cases: usize,
    /// Renders per measured page.
    #[arg(long, default_value_t = 200)]
    requests: usize,
}

fn quantile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

pub async fn run(args: PictureArgs) -> anyhow::Result<ExitCode> {
    if args.requests == 0 {
        bail!("--requests: must be at least 1");
    }
    let store = args.db.open().await?;
    if store.count_cases().await? == 0 {
        super::demo::seed(&store, args.cases, 1).await?;
    }
    let cases = store.count_cases().await?;
    let now = jiff::Timestamp::now();
    let token = format!("bench-picture-{}", std::process::id());
    let user = opcentrum_domain::ids::UserName::parse(format!("benchpic{}", std::process::id()))
        .context("user")?;
    store
        .put_user(
            &UserRecord {
                user_name: user.clone(),
                display_name: "bench".into(),
                agency: opcentrum_domain::Agency::Migrationsverket,
                role: "operations_lead".into(),
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
        .put_token(&token_hash(&token), &user, "bench", now, None, None)
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
    println!(
        "operational picture, {cases} cases, {} renders each (server-side time: request to last byte, same machine)",
        args.requests
    );
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "page", "p50 ms", "p95 ms", "p99 ms", "max ms", "KiB"
    );
    for (name, path) in [
        ("picture, 90 days (GET /)", "/"),
        ("picture, 365 days (GET /?days=365)", "/?days=365"),
        ("live part (GET /picture/body)", "/picture/body"),
    ] {
        let mut times = Vec::with_capacity(args.requests);
        let mut size = 0;
        for i in 0..args.requests + 5 {
            let t = Instant::now();
            let resp = client
                .get(format!("{base}{path}"))
                .bearer_auth(&token)
                .send()
                .await?;
            if !resp.status().is_success() {
                bail!("{path}: {}", resp.status());
            }
            size = resp.bytes().await?.len();
            // The first few warm the caches.
            if i >= 5 {
                times.push(t.elapsed());
            }
        }
        times.sort();
        println!(
            "{:<34} {:>9} {:>9} {:>9} {:>9} {:>9}",
            name,
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.95)),
            ms(quantile(&times, 0.99)),
            ms(times.last().copied().unwrap_or_default()),
            size / 1024
        );
    }
    Ok(ExitCode::SUCCESS)
}
