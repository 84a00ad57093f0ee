use super::{
    DbArgs,
    audit_keys::{self, CheckpointSink},
    demo, redact,
};
use anyhow::Context;
use clap::Args as ClapArgs;
use opcentrum_server::{Application, Clock, Settings};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

#[derive(ClapArgs)]
pub struct Args {
    /// SQLite file path or `postgres://…`. With --demo and no URL, a fresh demo file.
    #[arg(long, env = "OPCENTRUM_DATABASE_URL")]
    database_url: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "OPCENTRUM_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Seed the database with the synthetic demo population and demo users first.
    #[arg(long)]
    demo: bool,
    /// Demo size (cases).
    #[arg(long, default_value_t = demo::DEFAULT_CASES, requires = "demo")]
    demo_cases: usize,
    /// Demo seed.
    #[arg(long, default_value_t = 1, requires = "demo")]
    demo_seed: u64,
    /// A training day: the demo's clock runs this many days ahead of the
    /// machine's (to record, say, the enforcement of a trip planned today).
    #[arg(long, default_value_t = 0, requires = "demo", value_parser = clap::value_parser!(u16).range(0..=366))]
    demo_days_ahead: u16,
    /// Mark session cookies Secure (set when a TLS proxy is in front).
    #[arg(long, env = "OPCENTRUM_SECURE_COOKIES")]
    secure_cookies: bool,
    /// The audit keyring (docs/deployment.md); required unless --demo, which
    /// generates one next to the demo store. `OPCENTRUM_AUDIT_KEY` gives it inline.
    #[arg(long, env = "OPCENTRUM_AUDIT_KEY_FILE")]
    audit_key_file: Option<PathBuf>,
    /// Where signed checkpoints of the audit chain's head go: a file (appended)
    /// or `-` for standard output (a log collector). With --demo, next to the store.
    #[arg(long, env = "OPCENTRUM_AUDIT_CHECKPOINTS")]
    audit_checkpoints: Option<String>,
    /// Seconds between checkpoints (one is written only when the head moved).
    #[arg(
        long,
        env = "OPCENTRUM_AUDIT_CHECKPOINT_INTERVAL",
        default_value_t = 60
    )]
    audit_checkpoint_interval: u64,
    /// The header a trusted proxy sets to the client's address (e.g.
    /// `X-Real-IP`), for login throttling per address; default: the peer.
    #[arg(long, env = "OPCENTRUM_CLIENT_ADDRESS_HEADER")]
    client_address_header: Option<String>,
}

/// The keyring and where checkpoints go; generates the demo's key file.
fn audit_setup(
    args: &Args,
    url: &str,
) -> anyhow::Result<(opcentrum_access::seal::Keyring, Option<CheckpointSink>)> {
    let mut keys = audit_keys::load(args.audit_key_file.as_deref())?;
    let demo_base = if url.starts_with("postgres") {
        std::env::temp_dir()
            .join(format!("{}postgres", audit_keys::DEMO_PREFIX))
            .display()
            .to_string()
    } else {
        url.to_owned()
    };
    if keys.is_empty() {
        if !args.demo {
            anyhow::bail!(
                "no audit key: set OPCENTRUM_AUDIT_KEY_FILE (or --audit-key-file, or OPCENTRUM_AUDIT_KEY=ID:HEX); make one with `opcentrum audit keygen --out FILE` and keep it outside the database (docs/deployment.md)"
            );
        }
        let path = audit_keys::demo_key_file(&demo_base);
        if !path.exists() {
            audit_keys::add_key(&path, "demo-1")?;
            eprintln!(
                "demo: generated the audit key {} (records are sealed with it; `opcentrum audit verify --audit-key-file {}`)",
                path.display(),
                path.display()
            );
        } else {
            eprintln!(
                "demo: audit records are sealed with the key in {}",
                path.display()
            );
        }
        keys = audit_keys::load(Some(&path))?;
    }
    let sink = match (&args.audit_checkpoints, args.demo) {
        (Some(s), _) => Some(CheckpointSink::parse(s)),
        (None, true) => {
            let p = PathBuf::from(format!(
                "{}.checkpoints",
                demo_base.trim_start_matches("sqlite:")
            ));
            eprintln!(
                "demo: audit checkpoints go to {} (`opcentrum audit verify --checkpoints {}`)",
                p.display(),
                p.display()
            );
            Some(CheckpointSink::File(p))
        }
        (None, false) => {
            eprintln!(
                "warning: no --audit-checkpoints: a rolled-back audit head cannot be detected (docs/deployment.md)"
            );
            None
        }
    };
    Ok((keys, sink))
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let url = match (&args.database_url, args.demo) {
        (Some(u), _) => u.clone(),
        (None, true) => {
            // One demo store per size and seed, reused by name: a second
            // `serve --demo` leaves nothing new behind.
            let demo = audit_keys::DemoStore::named(args.demo_cases, args.demo_seed);
            eprintln!(
                "demo store: {} (reused by the next `serve --demo`; delete it to start afresh; `opcentrum audit verify --database-url {}` finds its key and checkpoints)",
                demo.path().display(),
                demo.path().display()
            );
            demo.path().display().to_string()
        }
        (None, false) => "opcentrum.sqlite".to_owned(),
    };
    let (keys, sink) = audit_setup(&args, &url)?;
    let store = DbArgs::at(url.clone())
        .open()
        .await?
        .with_audit_key(keys.active().cloned());
    if args.demo {
        if store.count_cases().await? == 0 {
            demo::seed(&store, args.demo_cases, args.demo_seed).await?;
        } else {
            eprintln!("the database already holds cases; not seeding it again");
        }
        demo::print_users(&demo::demo_users(&store).await?);
    }
    if let (Some(sink), Some(key)) = (sink, keys.active()) {
        audit_keys::spawn_checkpoints(
            store.clone(),
            key.clone(),
            sink,
            std::time::Duration::from_secs(args.audit_checkpoint_interval.max(1)),
        );
    }
    let client_address_header = args
        .client_address_header
        .as_deref()
        .map(|h| {
            axum_header(h)
                .with_context(|| format!("--client-address-header: {h:?} is not a header name"))
        })
        .transpose()?;
    let settings = Settings {
        secure_cookies: args.secure_cookies,
        client_address_header,
        ..Settings::local(args.bind)
    };
    let clock = match args.demo_days_ahead {
        0 => Clock::system(),
        days => {
            let ahead = jiff::SignedDuration::from_hours(24 * i64::from(days));
            eprintln!("demo: the clock runs {days} days ahead of the machine's");
            Clock::from_fn(move || {
                jiff::Timestamp::now()
                    .saturating_add(ahead)
                    .unwrap_or_else(|_| jiff::Timestamp::now())
            })
        }
    };
    let app = Application::build(store, clock, settings)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let addr = app.local_addr()?;
    eprintln!(
        "opcentrum serves {} on http://{addr}/ (API: http://{addr}/api/openapi.json)",
        redact(&url)
    );
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}

fn axum_header(name: &str) -> anyhow::Result<opcentrum_server::HeaderName> {
    Ok(opcentrum_server::HeaderName::from_bytes(
        name.to_ascii_lowercase().as_bytes(),
    )?)
}
