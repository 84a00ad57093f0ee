//! `opcentrum bench load`: a bounded load test on loopback. Seeds a store with
//! the demo population, starts the real server on a free port, and drives it
//! with N concurrent clients for S seconds: 70 % case reads, 10 % filtered
//! lists, 20 % writes (each client appends to its own case, so no write is
//! stale). Prints requests/s and latency percentiles; any error fails the run.

use super::{DbArgs, demo};
use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_server::{Application, Clock, Settings, auth::token_hash};
use opcentrum_store::UserRecord;
use rand::{Rng, SeedableRng};
use std::{
    process::ExitCode,
    sync::Arc,
    time::{Duration, Instant},
};

#[derive(ClapArgs)]
pub struct LoadArgs {
    /// An EMPTY database: a new SQLite file path or a postgres:// URL to an empty database.
    #[command(flatten)]
    db: DbArgs,
    /// Cases in the store before the run.
    #[arg(long, default_value_t = 5_000)]
    cases: usize,
    /// Seconds of load.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Concurrent clients.
    #[arg(long, default_value_t = 16)]
    clients: usize,
}

#[derive(Default)]
struct Tally {
    reads: Vec<Duration>,
    lists: Vec<Duration>,
    writes: Vec<Duration>,
    errors: Vec<String>,
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

pub async fn run(args: LoadArgs) -> anyhow::Result<ExitCode> {
    if args.clients == 0 || args.clients > 512 || args.seconds == 0 {
        bail!("--clients: 1–512; --seconds: at least 1");
    }
    let store = args.db.open().await?;
    demo::seed(&store, args.cases, 1).await?;
    let now = jiff::Timestamp::now();
    let token = format!("load-token-{}", std::process::id());
    let user = opcentrum_domain::ids::UserName::parse(format!("load{}", std::process::id()))
        .context("user")?;
    store
        .put_user(
            &UserRecord {
                user_name: user.clone(),
                display_name: "load".into(),
                agency: opcentrum_domain::Agency::Migrationsverket,
                role: "case_officer".into(),
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
        .put_token(&token_hash(&token), &user, "load", now, None, None)
        .await?;
    let mut ids = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_cases(
                &opcentrum_store::CaseFilter::default(),
                &opcentrum_store::PageRequest { after, limit: 1000 },
                jiff::civil::Date::constant(2026, 1, 1),
            )
            .await?;
        ids.extend(page.cases.iter().map(|c| c.id.to_string()));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let ids = Arc::new(ids);
    let app = Application::build(
        store.clone(),
        Clock::system(),
        Settings::local("127.0.0.1:0".parse()?),
    )
    .await?;
    let base = format!("http://{}", app.local_addr()?);
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    // Each client's own case for its writes.
    for c in 0..args.clients {
        let body = serde_json::json!({
            "case_id": format!("UT-LOAD-{c}"),
            "person": {"id": format!("P-LOAD-{c}"), "given_name": "Last", "family_name": "Testsson",
                "birth_date": "1990-01-01", "sex": "F", "citizenship": "IQ", "dossier_number": "9-999999"},
            "decision": {"kind": "refusal_of_entry", "decided_by": "migrationsverket",
                "decided_on": "2026-01-10", "notified_on": "2026-01-10", "final_on": null},
            "destination": "IQ", "family": null
        });
        let r = client
            .post(format!("{base}/api/cases"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await?;
        if r.status() != 201 {
            bail!("cannot register the load case: {}", r.text().await?);
        }
    }
    let bar = ProgressBar::new(args.seconds).with_style(
        ProgressStyle::with_template("load [{bar:40}] {pos}/{len} s")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let until = started + Duration::from_secs(args.seconds);
    let mut tasks = Vec::new();
    for c in 0..args.clients {
        let (client, base, token, ids) = (client.clone(), base.clone(), token.clone(), ids.clone());
        tasks.push(tokio::spawn(async move {
            let mut t = Tally::default();
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(c as u64);
            let mut version = 1u64;
            while Instant::now() < until {
                let roll = rng.random_range(0..100);
                let begun = Instant::now();
                let (kind, result) = if roll < 70 {
                    let id = &ids[rng.random_range(0..ids.len().max(1))];
                    let r = client
                        .get(format!("{base}/api/cases/{id}"))
                        .bearer_auth(&token)
                        .send()
                        .await;
                    (0, r.map(|r| r.status().as_u16()))
                } else if roll < 80 {
                    let r = client
                        .get(format!("{base}/api/cases?stage=handed_over&limit=50"))
                        .bearer_auth(&token)
                        .send()
                        .await;
                    (1, r.map(|r| r.status().as_u16()))
                } else {
                    let r = client
                        .post(format!("{base}/api/cases/UT-LOAD-{c}/events"))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({"expected_version": version,
                            "event": {"type": "fitness_assessed", "fit": true, "on": "2025-06-01"}}))
                        .send()
                        .await;
                    (2, r.map(|r| r.status().as_u16()))
                };
                let took = begun.elapsed();
                match result {
                    Ok(200) if kind < 2 => {
                        if kind == 0 { t.reads.push(took) } else { t.lists.push(took) }
                    }
                    Ok(201) if kind == 2 => {
                        version += 1;
                        t.writes.push(took);
                    }
                    Ok(s) => t.errors.push(format!("status {s}")),
                    Err(e) => t.errors.push(e.to_string()),
                }
            }
            t
        }));
    }
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(250)).await;
        bar.set_position(started.elapsed().as_secs().min(args.seconds));
    }
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await?;
        all.reads.extend(t.reads);
        all.lists.extend(t.lists);
        all.writes.extend(t.writes);
        all.errors.extend(t.errors);
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    let mut every: Vec<Duration> = all
        .reads
        .iter()
        .chain(&all.lists)
        .chain(&all.writes)
        .copied()
        .collect();
    for v in [&mut all.reads, &mut all.lists, &mut all.writes, &mut every] {
        v.sort();
    }
    println!(
        "load: {:?} backend, {} cases, {} clients, {:.0} s (mimalloc, {} build)",
        store.backend(),
        args.cases + args.clients,
        args.clients,
        elapsed,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!("| requests | count | req/s | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");
    for (name, v) in [
        ("case read", &all.reads),
        ("list (50)", &all.lists),
        ("append event", &all.writes),
        ("all", &every),
    ] {
        println!(
            "| {name} | {} | {:.0} | {:.2} | {:.2} |",
            v.len(),
            v.len() as f64 / elapsed,
            pct(v, 0.5),
            pct(v, 0.99)
        );
    }
    println!("errors: {}", all.errors.len());
    if let Some(e) = all.errors.first() {
        eprintln!("first error: {e}");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
