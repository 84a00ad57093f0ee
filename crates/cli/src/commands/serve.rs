use super::{DbArgs, demo, redact};
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
    /// Mark session cookies Secure (set when a TLS proxy is in front).
    #[arg(long, env = "OPCENTRUM_SECURE_COOKIES")]
    secure_cookies: bool,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let url = match (&args.database_url, args.demo) {
        (Some(u), _) => u.clone(),
        (None, true) => {
            let path: PathBuf =
                std::env::temp_dir().join(format!("opcentrum-demo-{}.sqlite", std::process::id()));
            path.display().to_string()
        }
        (None, false) => {
            DbArgs {
                database_url: "opcentrum.sqlite".into(),
            }
            .database_url
        }
    };
    let db = DbArgs {
        database_url: url.clone(),
    };
    let store = db.open().await?;
    if args.demo {
        if store.count_cases().await? == 0 {
            demo::seed(&store, args.demo_cases, args.demo_seed).await?;
        } else {
            eprintln!("the database already holds cases; not seeding it again");
        }
        demo::print_users(&demo::demo_users(&store).await?);
    }
    let settings = Settings {
        secure_cookies: args.secure_cookies,
        ..Settings::local(args.bind)
    };
    let app = Application::build(store, Clock::system(), settings)
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
