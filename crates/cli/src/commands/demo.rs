use super::DbArgs;
use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_access::Role;
use opcentrum_domain::Agency;
use opcentrum_store::Store;
use opcentrum_synth::{SynthOptions, generate};
use std::{process::ExitCode, time::Instant};

pub const DEFAULT_CASES: usize = opcentrum_synth::DEFAULT_CASES;

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Number of cases (about 50,000: Sweden's open return cases).
    #[arg(long, default_value_t = DEFAULT_CASES)]
    cases: usize,
    /// Seed: the same seed gives the same population.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also create the demo users and print their API tokens.
    #[arg(long)]
    users: bool,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open().await?;
    seed(&store, args.cases, args.seed).await?;
    if args.users {
        print_users(&demo_users(&store).await?);
    }
    Ok(ExitCode::SUCCESS)
}

/// Fills an empty store with the synthetic population.
pub async fn seed(store: &Store, cases: usize, seed: u64) -> anyhow::Result<()> {
    if cases == 0 || cases > 5_000_000 {
        bail!("--cases: must be 1–5,000,000");
    }
    let existing = store.count_cases().await?;
    if existing > 0 {
        bail!("the database already holds {existing} cases; demo fills an empty one");
    }
    let started = Instant::now();
    let spinner = ProgressBar::new_spinner()
        .with_message(format!("generating {cases} synthetic cases (seed {seed})"));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let now = jiff::Timestamp::now();
    let pop = tokio::task::spawn_blocking(move || generate(&SynthOptions::new(cases, seed, now)))
        .await
        .context("the generator failed")?;
    spinner.finish_and_clear();
    let generated = started.elapsed();
    if !pop.refused.is_empty() {
        bail!(
            "the generator produced {} events the lifecycle refuses, e.g. {}",
            pop.refused.len(),
            pop.refused[0]
        );
    }
    for f in &pop.facilities {
        store.put_facility(f).await?;
    }
    for e in &pop.escorts {
        store.put_escort(e).await?;
    }
    for t in &pop.trips {
        store.put_trip_offer(t).await?;
    }
    // Each charter's crew (the monitoring body notified; rule
    // ForcedReturnMonitor), a write record per trip as the operator.
    for (trip, crew) in &pop.crews {
        let audit = opcentrum_access::audit::AuditEntry {
            at: now,
            request_id: "demo".into(),
            user: "cli:demo".into(),
            agency: "nte".into(),
            role: "operator".into(),
            action: opcentrum_access::audit::AuditAction::Write,
            case: None,
            categories: vec![opcentrum_access::FieldCategory::Trip],
            legal_basis: vec![],
            purpose: format!("trip crew {trip}"),
        };
        store
            .put_trip_crew(trip, crew, "cli:demo", audit, now)
            .await?;
    }
    let histories: Vec<_> = pop.cases.into_iter().map(|c| c.events).collect();
    let events: usize = histories.iter().map(Vec::len).sum();
    let bar = ProgressBar::new(histories.len() as u64).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} cases ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("loading");
    for chunk in histories.chunks(5_000) {
        store.load_histories(chunk, now).await?;
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    let total = started.elapsed();
    let load = total - generated;
    eprintln!(
        "demo: {} cases, {events} events, {} facilities, {} escorts, {} trip offers in {:.1} s (generated in {:.1} s, stored in {:.1} s: {:.0} events/s)",
        histories.len(),
        pop.facilities.len(),
        pop.escorts.len(),
        pop.trips.len(),
        total.as_secs_f64(),
        generated.as_secs_f64(),
        load.as_secs_f64(),
        events as f64 / load.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// A demo user: login name, agency, role and the API token issued now.
pub struct DemoUser {
    pub name: String,
    pub agency: Agency,
    pub role: &'static str,
    pub password: String,
    pub token: String,
}

/// One user per agency and role, each with a fresh password and token.
pub async fn demo_users(store: &Store) -> anyhow::Result<Vec<DemoUser>> {
    let mut out = Vec::new();
    for agency in Agency::ALL {
        for role in Role::ALL {
            let name = format!("{}.{}", short(agency), role.code().replace('_', "-"));
            // A fresh random password per demo user, printed once.
            let password: String = opcentrum_access::session::new_secret("pw")
                .chars()
                .skip(3)
                .take(16)
                .collect();
            let display = format!("Demo {} – {}", agency.name_sv(), role.name_sv());
            let user = super::user::add_user(store, &name, agency, role, &display, Some(&password))
                .await?;
            let token = super::user::issue_token(store, &user, "demo", 7).await?;
            out.push(DemoUser {
                name,
                agency,
                role: role.code(),
                password,
                token,
            });
        }
    }
    // A second legal officer of Migrationsverket: a legal officer grant or a
    // matrix change takes two different legal officers (four eyes).
    let name = "mv.legal-officer-2".to_owned();
    let password: String = opcentrum_access::session::new_secret("pw")
        .chars()
        .skip(3)
        .take(16)
        .collect();
    let user = super::user::add_user(
        store,
        &name,
        Agency::Migrationsverket,
        Role::LegalOfficer,
        "Demo Migrationsverket – andra juristen",
        Some(&password),
    )
    .await?;
    let token = super::user::issue_token(store, &user, "demo", 7).await?;
    out.push(DemoUser {
        name,
        agency: Agency::Migrationsverket,
        role: Role::LegalOfficer.code(),
        password,
        token,
    });
    Ok(out)
}

fn short(agency: Agency) -> &'static str {
    match agency {
        Agency::Migrationsverket => "mv",
        Agency::Police => "polis",
        Agency::Nte => "nte",
        Agency::Oversight => "tillsyn",
    }
}

/// Printed once, to the terminal only (never logged).
pub fn print_users(users: &[DemoUser]) {
    println!(
        "Demo users: log in with the password, or send the API token (valid 7 days). Shown only now."
    );
    println!(
        "  {:<26} {:<17} {:<16} {:<17} token",
        "user", "agency", "role", "password"
    );
    for u in users {
        println!(
            "  {:<26} {:<17} {:<16} {:<17} {}",
            u.name,
            u.agency.code(),
            u.role,
            u.password,
            u.token
        );
    }
}
