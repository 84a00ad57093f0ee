pub mod audit;
pub mod audit_keys;
pub mod backup;
pub mod bench;
pub mod bench_load;
pub mod bench_picture;
pub mod bench_plan;
pub mod bench_report;
pub mod demo;
pub mod export;
pub mod import;
pub mod plan;
pub mod report;
pub mod restore;
pub mod retention;
pub mod scenario;
pub mod serve;
pub mod simulate;
pub mod simulate_bench;
pub mod user;
pub mod verify;

use anyhow::Context;
use clap::Args as ClapArgs;
use opcentrum_access::seal::Keyring;
use opcentrum_store::Store;

/// Where the data lives: a SQLite file (default) or `postgres://…`.
#[derive(ClapArgs, Debug, Clone)]
pub struct DbArgs {
    /// SQLite file path, `sqlite:PATH` or `postgres://user@host/db`.
    #[arg(
        long,
        visible_alias = "database",
        env = "OPCENTRUM_DATABASE_URL",
        default_value = "opcentrum.sqlite"
    )]
    pub database_url: String,
    /// The audit keyring: one `KEY-ID HEX-SECRET` per line, the active key
    /// last (older keys verify older records). Outside the database: see
    /// docs/deployment.md. `OPCENTRUM_AUDIT_KEY=ID:HEX[,…]` gives it inline.
    #[arg(long, env = "OPCENTRUM_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<std::path::PathBuf>,
}

impl DbArgs {
    pub fn at(database_url: String) -> DbArgs {
        DbArgs {
            database_url,
            audit_key_file: None,
        }
    }

    /// Opens the store; audit records it writes are sealed with the active
    /// key of the keyring, when there is one.
    pub async fn open(&self) -> anyhow::Result<Store> {
        let keys = self.keyring()?;
        let store = Store::connect(&self.database_url)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&self.database_url)))?;
        Ok(store.with_audit_key(keys.active().cloned()))
    }

    /// The keyring from `--audit-key-file` / `OPCENTRUM_AUDIT_KEY_FILE`, or
    /// inline from `OPCENTRUM_AUDIT_KEY`; empty when neither is set.
    ///
    /// A demo store (`serve --demo`'s own file in the temporary directory)
    /// keeps its generated key next to it; that key is used when none is
    /// given, so the path `serve --demo` prints is all a command needs. A
    /// production store's key is never looked for next to the database.
    pub fn keyring(&self) -> anyhow::Result<Keyring> {
        let keys = audit_keys::load(self.audit_key_file.as_deref())?;
        if keys.is_empty()
            && let Some(demo) = audit_keys::DemoStore::of(&self.database_url)
            && demo.key_file().exists()
        {
            eprintln!(
                "demo store: using its audit key {}",
                demo.key_file().display()
            );
            return audit_keys::load(Some(&demo.key_file()));
        }
        Ok(keys)
    }
}

/// The application layer over a store, for commands that read or write case
/// data: they pass the same gate as the API, as the server's operator.
pub async fn app_of(store: Store) -> anyhow::Result<opcentrum_app::App> {
    opcentrum_app::App::open(store, opcentrum_app::Clock::system())
        .await
        .context("cannot open the application over the database")
}

/// The operator at this command line (audited as `cli:NAME`).
pub fn operator() -> opcentrum_app::Caller {
    opcentrum_app::Caller::operator(
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "unknown".into()),
    )
}

/// A URL for messages: the password, if any, is not printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Logs go to stderr; `RUST_LOG` sets the level. No personal data is logged:
/// requests are logged by method, path and status only. The `highs` crate logs
/// HiGHS's warning status, which a time limit or a refused warm start returns
/// in the ordinary course of a search: errors only.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,sqlx=error,tower_http=info,highs=error")
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("data.sqlite"), "data.sqlite");
    }
}
