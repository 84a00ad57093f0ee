//! Per-test databases (zero2prod's pattern): a fresh SQLite file, or a fresh
//! PostgreSQL database created under a unique name when `DATABASE_URL` is set.
//! Feature `testing`; used by this crate's tests and the server's.

use crate::{connect::Store, error::Result};
use sqlx::{AnyConnection, Connection, Executor, any::install_default_drivers};

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    pub label: &'static str,
    admin_url: Option<String>,
    name: Option<String>,
    _dir: Option<TempDir>,
}

/// A temporary directory removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new() -> std::io::Result<TempDir> {
        let dir =
            std::env::temp_dir().join(format!("opcentrum-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestDb {
    pub fn sqlite() -> std::io::Result<TestDb> {
        let dir = TempDir::new()?;
        let url = dir.0.join("test.sqlite").display().to_string();
        Ok(TestDb {
            url,
            label: "sqlite",
            admin_url: None,
            name: None,
            _dir: Some(dir),
        })
    }

    /// A fresh PostgreSQL database, or `None` (the caller reports the skip)
    /// when `DATABASE_URL` is not set.
    pub async fn postgres() -> Result<Option<TestDb>> {
        let Ok(admin_url) = std::env::var("DATABASE_URL") else {
            return Ok(None);
        };
        if !admin_url.starts_with("postgres") {
            return Ok(None);
        }
        install_default_drivers();
        let name = format!("opc_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = AnyConnection::connect(&admin_url).await?;
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await?;
        admin.close().await?;
        let url = with_database(&admin_url, &name);
        Ok(Some(TestDb {
            url,
            label: "postgres",
            admin_url: Some(admin_url),
            name: Some(name),
            _dir: None,
        }))
    }

    pub async fn store(&self) -> Result<Store> {
        Store::connect(&self.url).await
    }

    /// Drops a PostgreSQL test database (best effort).
    pub async fn cleanup(self) {
        if let (Some(admin_url), Some(name)) = (&self.admin_url, &self.name)
            && let Ok(mut admin) = AnyConnection::connect(admin_url).await
        {
            let _ = admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
            let _ = admin.close().await;
        }
    }
}

impl crate::Store {
    /// Runs raw SQL against the database — for tests that play an attacker with
    /// database access (tampering with the audit trail). Feature `testing` only.
    pub async fn execute_raw_for_tests(&self, sql: &str) -> Result<u64> {
        let done = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected())
    }
}

/// `postgres://u@h:5432/test?x` with the database replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let host = match path_start {
        Some(i) => &base[..i],
        None => base,
    };
    match query {
        Some(q) => format!("{host}/{name}?{q}"),
        None => format!("{host}/{name}"),
    }
}

/// Every backend this machine can test: SQLite always, PostgreSQL when
/// `DATABASE_URL` is set (otherwise a line says it was skipped).
pub async fn backends(test: &str) -> Vec<TestDb> {
    let mut out = Vec::new();
    match TestDb::sqlite() {
        Ok(db) => out.push(db),
        Err(e) => eprintln!("{test}: cannot create a SQLite test database: {e}"),
    }
    match TestDb::postgres().await {
        Ok(Some(db)) => out.push(db),
        Ok(None) => eprintln!("{test}: PostgreSQL skipped (DATABASE_URL not set)"),
        Err(e) => panic!("{test}: DATABASE_URL is set but PostgreSQL is not usable: {e}"),
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_in_a_url() {
        assert_eq!(
            super::with_database("postgres://u@127.0.0.1:5432/test", "x"),
            "postgres://u@127.0.0.1:5432/x"
        );
        assert_eq!(
            super::with_database("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://u@h", "x"),
            "postgres://u@h/x"
        );
    }
}
