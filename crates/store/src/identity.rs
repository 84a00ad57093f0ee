//! Users and their credentials. The store keeps hashes only; hashing and the
//! policy (roles, expiry, throttling) live in the `access` crate and the server.

use crate::{
    audit::append_audit,
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::Timestamp;
use opcentrum_access::audit::AuditEntry;
use opcentrum_domain::{Agency, ids::UserName};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UserRecord {
    pub user_name: UserName,
    pub display_name: String,
    pub agency: Agency,
    /// The role's code, e.g. `case_officer`.
    pub role: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub disabled: bool,
}

/// A stored browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen: Timestamp,
}

fn user_from_row(r: &sqlx::any::AnyRow) -> Result<UserRecord> {
    let agency: String = get(r, "agency")?;
    Ok(UserRecord {
        user_name: UserName::parse(get::<String>(r, "user_name")?).map_err(StoreError::corrupt)?,
        display_name: get(r, "display_name")?,
        agency: Agency::parse(&agency)
            .ok_or_else(|| StoreError::corrupt(format!("agency {agency}")))?,
        role: get(r, "role")?,
        password_hash: get(r, "password_hash")?,
        disabled: get::<i64>(r, "disabled")? != 0,
    })
}

const USER_COLUMNS: &str =
    "u.user_name, u.display_name, u.agency, u.role, u.password_hash, u.disabled";

impl Store {
    /// Adds a user or updates name, agency, role and (when given) password
    /// hash; the audit record, when given, is written in the same transaction.
    pub async fn put_user(
        &self,
        u: &UserRecord,
        now: Timestamp,
        audit: Option<AuditEntry>,
    ) -> Result<()> {
        if u.display_name.trim().is_empty() {
            return Err(StoreError::invalid("display_name", "must not be empty"));
        }
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO users (user_name, display_name, agency, role, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (user_name) DO UPDATE SET display_name = excluded.display_name, agency = excluded.agency, role = excluded.role, \
             password_hash = COALESCE(excluded.password_hash, users.password_hash), disabled = excluded.disabled",
        )
        .bind(u.user_name.as_str().to_owned())
        .bind(u.display_name.clone())
        .bind(u.agency.code())
        .bind(u.role.clone())
        .bind(u.password_hash.clone())
        .bind(i64::from(u.disabled))
        .bind(codec::ts(now))
        .execute(&mut *tx)
        .await?;
        if let Some(a) = audit {
            append_audit(&mut tx, self.backend, vec![a]).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn user(&self, name: &UserName) -> Result<Option<UserRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.user_name = $1"
        )))
        .bind(name.as_str().to_owned())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn users(&self) -> Result<Vec<UserRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u ORDER BY u.user_name"
        )))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Stores an API token by its hash; the audit record, when given, in the
    /// same transaction.
    pub async fn put_token(
        &self,
        token_hash: &str,
        user: &UserName,
        label: &str,
        now: Timestamp,
        expires_at: Option<Timestamp>,
        audit: Option<AuditEntry>,
    ) -> Result<()> {
        let mut tx = self.write.begin().await?;
        sqlx::query("INSERT INTO api_tokens (token_hash, user_name, label, created_at, expires_at, revoked) VALUES ($1, $2, $3, $4, $5, 0)")
            .bind(token_hash.to_owned())
            .bind(user.as_str().to_owned())
            .bind(label.to_owned())
            .bind(codec::ts(now))
            .bind(expires_at.map(codec::ts))
            .execute(&mut *tx)
            .await?;
        if let Some(a) = audit {
            append_audit(&mut tx, self.backend, vec![a]).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The user a valid (not revoked, not expired, user not disabled) token belongs to.
    pub async fn token_user(&self, token_hash: &str, now: Timestamp) -> Result<Option<UserRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.user_name = t.user_name \
             WHERE t.token_hash = $1 AND t.revoked = 0 AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled = 0"
        )))
        .bind(token_hash.to_owned())
        .bind(codec::ts(now))
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Revokes every token of a user; returns how many.
    pub async fn revoke_tokens(&self, user: &UserName) -> Result<u64> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE user_name = $1 AND revoked = 0")
                .bind(user.as_str().to_owned())
                .execute(&self.write)
                .await?;
        Ok(done.rows_affected())
    }

    pub async fn put_session(
        &self,
        session_hash: &str,
        user: &UserName,
        csrf_token: &str,
        now: Timestamp,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sessions (session_hash, user_name, csrf_token, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)")
            .bind(session_hash.to_owned())
            .bind(user.as_str().to_owned())
            .bind(csrf_token.to_owned())
            .bind(codec::ts(now))
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn session(&self, session_hash: &str) -> Result<Option<SessionRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.created_at, s.last_seen FROM sessions s JOIN users u ON u.user_name = s.user_name WHERE s.session_hash = $1"
        )))
        .bind(session_hash.to_owned())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref()
            .map(|r| {
                Ok(SessionRecord {
                    user: user_from_row(r)?,
                    csrf_token: get(r, "csrf_token")?,
                    created_at: codec::from_ts(get(r, "created_at")?)?,
                    last_seen: codec::from_ts(get(r, "last_seen")?)?,
                })
            })
            .transpose()
    }

    pub async fn touch_session(&self, session_hash: &str, now: Timestamp) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE session_hash = $2")
            .bind(codec::ts(now))
            .bind(session_hash.to_owned())
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, session_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE session_hash = $1")
            .bind(session_hash.to_owned())
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn record_login_failure(&self, user: &str, now: Timestamp) -> Result<()> {
        sqlx::query("INSERT INTO login_failures (user_name, at) VALUES ($1, $2)")
            .bind(user.to_owned())
            .bind(codec::ts(now))
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Failed logins of a user since `since`, oldest first.
    pub async fn login_failures(&self, user: &str, since: Timestamp) -> Result<Vec<Timestamp>> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT at FROM login_failures WHERE user_name = $1 AND at >= $2 ORDER BY at",
        )
        .bind(user.to_owned())
        .bind(codec::ts(since))
        .fetch_all(&self.read)
        .await?;
        rows.into_iter().map(codec::from_ts).collect()
    }

    pub async fn clear_login_failures(&self, user: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE user_name = $1")
            .bind(user.to_owned())
            .execute(&self.write)
            .await?;
        Ok(())
    }
}
