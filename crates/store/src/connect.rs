//! Opening a store: SQLite (a file, WAL) by default, PostgreSQL by URL; one code
//! path through sqlx's `Any` driver, one set of migrations.

use crate::error::Result;
use opcentrum_domain::RuleTable;
use sqlx::{
    AnyPool, Executor,
    any::{AnyPoolOptions, install_default_drivers},
};
use std::{sync::Arc, time::Duration};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The store: a pool for reads and one for writes. On SQLite the write pool has
/// one connection, so writers queue in-process instead of failing on the
/// database lock; on PostgreSQL both are the same pool.
#[derive(Clone)]
pub struct Store {
    pub(crate) read: AnyPool,
    pub(crate) write: AnyPool,
    pub(crate) backend: Backend,
    pub(crate) rules: Arc<RuleTable>,
    /// The key audit records are sealed with (`Store::with_audit_key`).
    pub(crate) audit_key: Option<Arc<opcentrum_access::seal::SealKey>>,
    url: Arc<str>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Turns what a user types into a sqlx URL: `postgres://…` is kept, `sqlite:…`
/// is kept, anything else is a SQLite file path.
pub fn normalise_url(url: &str) -> (Backend, String) {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        (Backend::Postgres, url.to_owned())
    } else if let Some(rest) = url.strip_prefix("sqlite://") {
        (Backend::Sqlite, format!("sqlite://{rest}"))
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        (Backend::Sqlite, format!("sqlite://{rest}"))
    } else {
        (Backend::Sqlite, format!("sqlite://{url}"))
    }
}

impl Store {
    /// Connects, creating the SQLite file if needed, and runs the migrations.
    pub async fn connect(url: &str) -> Result<Store> {
        install_default_drivers();
        let (backend, mut full) = normalise_url(url);
        if backend == Backend::Sqlite && !full.contains('?') {
            full.push_str("?mode=rwc");
        }
        let (read, write) = match backend {
            Backend::Sqlite => {
                let opts = || {
                    AnyPoolOptions::new()
                        .acquire_timeout(Duration::from_secs(30))
                        .after_connect(|conn, _| {
                            Box::pin(async move {
                                conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000;").await?;
                                Ok(())
                            })
                        })
                };
                let write = opts().max_connections(1).connect(&full).await?;
                MIGRATOR.run(&write).await?;
                let read = opts().max_connections(8).connect(&full).await?;
                (read, write)
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect(&full)
                    .await?;
                MIGRATOR.run(&pool).await?;
                (pool.clone(), pool)
            }
        };
        let store = Store {
            read,
            write,
            backend,
            rules: Arc::new(RuleTable::default()),
            audit_key: None,
            url: Arc::from(full.as_str()),
        };
        store.backfill_picture_columns().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn rules(&self) -> &RuleTable {
        &self.rules
    }

    /// The URL the store was opened with (for a second connection, e.g. LISTEN).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Copies the SQLite write-ahead log back into the database file without
    /// waiting for readers or writers (a passive checkpoint); a no-op on
    /// PostgreSQL. A server calls it on a timer so that the checkpoint is not
    /// paid by whichever request's commit crosses SQLite's own threshold
    /// (raised to 10,000 pages, about 40 MB, for the command line's bulk
    /// loads, which run without a server).
    pub async fn checkpoint(&self) -> Result<()> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&self.read)
                .await?;
        }
        Ok(())
    }

    /// True once `close` has been called.
    pub fn is_closed(&self) -> bool {
        self.write.is_closed()
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}
