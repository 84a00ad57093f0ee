use super::DbArgs;
use anyhow::{Context, bail};
use clap::Subcommand;
use opcentrum_access::{
    Role,
    audit::{AuditAction, AuditEntry},
    password::hash_password,
    session::new_secret,
};
use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_server::auth::token_hash;
use opcentrum_store::{AccountKind, Store, UserRecord};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Add a user, or change an existing user's agency, role or name.
    Add {
        #[command(flatten)]
        db: DbArgs,
        /// Login name, e.g. `anna.berg`.
        name: String,
        /// migrationsverket, police, nte or oversight.
        #[arg(long)]
        agency: String,
        /// case_officer, detention_staff, trip_planner, operations_lead, legal_officer or auditor.
        #[arg(long)]
        role: String,
        /// The name shown in the interface.
        #[arg(long)]
        display_name: Option<String>,
        /// `person` (logs in) or `service` (an agency's system with API
        /// tokens; only these get tokens over the API).
        #[arg(long, default_value = "person")]
        kind: String,
    },
    /// Set a user's password for the browser login (read from standard input, one line).
    Password {
        #[command(flatten)]
        db: DbArgs,
        name: String,
    },
    /// Issue an API bearer token for a user (printed once; only its hash is kept).
    Token {
        #[command(flatten)]
        db: DbArgs,
        name: String,
        /// What the token is for, e.g. the system that uses it.
        #[arg(long, default_value = "api")]
        label: String,
        /// Days until the token expires.
        #[arg(long, default_value_t = 90)]
        days: u32,
    },
    /// End every token and session of a user at once (audited).
    Revoke {
        #[command(flatten)]
        db: DbArgs,
        name: String,
    },
    /// List users.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

pub fn parse_agency(s: &str) -> anyhow::Result<Agency> {
    Agency::parse(s).ok_or_else(|| {
        anyhow::anyhow!(
            "--agency: unknown agency {s:?}; expected migrationsverket, police, nte or oversight"
        )
    })
}

pub fn parse_role(s: &str) -> anyhow::Result<Role> {
    Role::parse(s).ok_or_else(|| {
        anyhow::anyhow!(
            "--role: unknown role {s:?}; expected one of {}",
            Role::ALL.map(|r| r.code()).join(", ")
        )
    })
}

/// The audit record of a user change made on the command line: the operator
/// is the machine account that ran the command, not an agency's user.
fn operator_entry(what: String, now: jiff::Timestamp) -> AuditEntry {
    let account = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    AuditEntry {
        at: now,
        request_id: format!("cli-{}", std::process::id()),
        user: format!("cli:{account}"),
        agency: "operator".into(),
        role: "operator".into(),
        action: AuditAction::UserChange,
        case: None,
        categories: vec![],
        legal_basis: vec![what],
        purpose: "user administration (command line)".into(),
    }
}

fn user_name(name: &str) -> anyhow::Result<UserName> {
    UserName::parse(name).map_err(|e| anyhow::anyhow!("name: {e}"))
}

pub async fn add_user(
    store: &Store,
    name: &str,
    agency: Agency,
    role: Role,
    display: &str,
    password: Option<&str>,
) -> anyhow::Result<UserName> {
    add_account(
        store,
        name,
        agency,
        role,
        display,
        password,
        AccountKind::Person,
    )
    .await
}

pub async fn add_account(
    store: &Store,
    name: &str,
    agency: Agency,
    role: Role,
    display: &str,
    password: Option<&str>,
    kind: AccountKind,
) -> anyhow::Result<UserName> {
    let user_name = user_name(name)?;
    let password_hash = password
        .map(hash_password)
        .transpose()
        .map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let mut record = UserRecord::person(user_name.clone(), display, agency, role.code());
    record.password_hash = password_hash;
    record.kind = kind;
    if let Some(before) = store.user(&user_name).await? {
        record.disabled = before.disabled;
    }
    let now = jiff::Timestamp::now();
    let audit = operator_entry(format!("user {user_name}"), now);
    store.put_user(&record, now, Some(audit)).await?;
    Ok(user_name)
}

pub async fn issue_token(
    store: &Store,
    user: &UserName,
    label: &str,
    days: u32,
) -> anyhow::Result<String> {
    let now = jiff::Timestamp::now();
    let expires = now
        .checked_add(jiff::SignedDuration::from_hours(24 * i64::from(days)))
        .context("--days is too large")?;
    let token = new_secret("opc");
    store
        .put_token(
            &token_hash(&token),
            user,
            label,
            now,
            Some(expires),
            Some(operator_entry(format!("token for {user}"), now)),
        )
        .await?;
    Ok(token)
}

pub async fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Add {
            db,
            name,
            agency,
            role,
            display_name,
            kind,
        } => {
            let agency = parse_agency(&agency)?;
            let role = parse_role(&role)?;
            let kind = AccountKind::parse(&kind).ok_or_else(|| {
                anyhow::anyhow!("--kind: unknown account kind {kind:?}; expected person or service")
            })?;
            let store = db.open().await?;
            let user = add_account(
                &store,
                &name,
                agency,
                role,
                display_name.as_deref().unwrap_or(&name),
                None,
                kind,
            )
            .await?;
            println!("user {user}: {} / {}", agency.code(), role.code());
        }
        Command::Password { db, name } => {
            let store = db.open().await?;
            let user = user_name(&name)?;
            let Some(mut record) = store.user(&user).await? else {
                bail!("no user {user}; add it with `opcentrum user add`");
            };
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            let password = line.trim_end_matches(['\n', '\r']);
            record.password_hash =
                Some(hash_password(password).map_err(|e| anyhow::anyhow!("password: {e}"))?);
            let now = jiff::Timestamp::now();
            let audit = operator_entry(format!("password of {user}"), now);
            store.put_user(&record, now, Some(audit)).await?;
            println!("password set for {user}");
        }
        Command::Token {
            db,
            name,
            label,
            days,
        } => {
            let store = db.open().await?;
            let user = user_name(&name)?;
            if store.user(&user).await?.is_none() {
                bail!("no user {user}; add it with `opcentrum user add`");
            }
            let token = issue_token(&store, &user, &label, days).await?;
            println!("{token}");
            eprintln!("token for {user}, valid {days} days; it is shown only now");
        }
        Command::Revoke { db, name } => {
            let store = db.open().await?;
            let user = user_name(&name)?;
            let now = jiff::Timestamp::now();
            let done = store
                .revoke_user(
                    &user,
                    Some(operator_entry(
                        format!("revoke every token and session of {user}"),
                        now,
                    )),
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "revoked {} token(s) and ended {} session(s) of {user}",
                done.tokens, done.sessions
            );
        }
        Command::List { db } => {
            let store = db.open().await?;
            for u in store.users().await? {
                println!(
                    "{:<32} {:<18} {:<16} {:<8} {}{}",
                    u.user_name,
                    u.agency.code(),
                    u.role,
                    u.kind.code(),
                    u.display_name,
                    if u.disabled { " (disabled)" } else { "" }
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
