//! Users and their credentials. The store keeps hashes only; hashing and the
//! policy (roles, expiry, throttling) live in the `access` crate and the server.
//!
//! Sessions and tokens are bound to the user's state: each carries the user's
//! credential epoch at issue, and resolves only while it is still the user's
//! epoch. Revoking, disabling, a password reset or a change of agency, role or
//! kind raises the epoch in the same transaction, which ends every session and
//! token of the user at once, on every server.

use crate::{
    audit::append_audit,
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::Timestamp;
use opcentrum_access::audit::AuditEntry;
use opcentrum_domain::{Agency, ids::UserName};
use sqlx::{Any, Transaction};

/// A person logs in; a service (an agency's system) uses API tokens. Over the
/// API, tokens are issued only for service accounts (issue 13).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    #[default]
    Person,
    Service,
}

impl AccountKind {
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Person => "person",
            AccountKind::Service => "service",
        }
    }
    pub fn parse(s: &str) -> Option<AccountKind> {
        [AccountKind::Person, AccountKind::Service]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

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
    pub kind: AccountKind,
    /// The credential epoch read with the record (0 for a new user); sessions
    /// and tokens issued under an older epoch are void.
    #[serde(skip)]
    pub epoch: u64,
}

impl UserRecord {
    /// A new, enabled person without a password.
    pub fn person(user_name: UserName, display_name: &str, agency: Agency, role: &str) -> Self {
        UserRecord {
            user_name,
            display_name: display_name.to_owned(),
            agency,
            role: role.to_owned(),
            password_hash: None,
            disabled: false,
            kind: AccountKind::Person,
            epoch: 0,
        }
    }
}

/// A stored browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen: Timestamp,
}

/// What a user change did to the user's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CredentialsEnded {
    /// The epoch was raised: every session and token of the user is void.
    pub ended: bool,
    pub sessions: u64,
    pub tokens: u64,
}

fn user_from_row(r: &sqlx::any::AnyRow) -> Result<UserRecord> {
    let agency: String = get(r, "agency")?;
    let kind: String = get(r, "kind")?;
    Ok(UserRecord {
        user_name: UserName::parse(get::<String>(r, "user_name")?).map_err(StoreError::corrupt)?,
        display_name: get(r, "display_name")?,
        agency: Agency::parse(&agency)
            .ok_or_else(|| StoreError::corrupt(format!("agency {agency}")))?,
        role: get(r, "role")?,
        password_hash: get(r, "password_hash")?,
        disabled: get::<i64>(r, "disabled")? != 0,
        kind: AccountKind::parse(&kind)
            .ok_or_else(|| StoreError::corrupt(format!("account kind {kind}")))?,
        epoch: codec::u64_of(get::<i64>(r, "credential_epoch")?),
    })
}

const USER_COLUMNS: &str = "u.user_name, u.display_name, u.agency, u.role, u.password_hash, u.disabled, u.kind, u.credential_epoch";

/// Raises the user's epoch, revokes their tokens and deletes their sessions.
async fn end_credentials(
    tx: &mut Transaction<'static, Any>,
    user: &UserName,
) -> Result<CredentialsEnded> {
    sqlx::query("UPDATE users SET credential_epoch = credential_epoch + 1 WHERE user_name = $1")
        .bind(user.as_str().to_owned())
        .execute(&mut **tx)
        .await?;
    let tokens =
        sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE user_name = $1 AND revoked = 0")
            .bind(user.as_str().to_owned())
            .execute(&mut **tx)
            .await?
            .rows_affected();
    let sessions = sqlx::query("DELETE FROM sessions WHERE user_name = $1")
        .bind(user.as_str().to_owned())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(CredentialsEnded {
        ended: true,
        sessions,
        tokens,
    })
}

impl Store {
    /// Adds a user or updates name, agency, role, kind, disabled and (when
    /// given) password hash; the audit record, when given, is written in the
    /// same transaction. A change of agency, role, kind or disabled, or a new
    /// password, ends every session and token of the user.
    pub async fn put_user(
        &self,
        u: &UserRecord,
        now: Timestamp,
        audit: Option<AuditEntry>,
    ) -> Result<CredentialsEnded> {
        let mut tx = self.write.begin().await?;
        let ended = self.put_user_in(&mut tx, u, now).await?;
        if let Some(a) = audit {
            append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        tx.commit().await?;
        Ok(ended)
    }

    /// `put_user` inside a caller's transaction (an approved change).
    pub(crate) async fn put_user_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        u: &UserRecord,
        now: Timestamp,
    ) -> Result<CredentialsEnded> {
        if u.display_name.trim().is_empty() {
            return Err(StoreError::invalid_in(
                "display_name",
                "gate.store.empty",
                &[],
            ));
        }
        let before = self.user_in(tx, &u.user_name).await?;
        sqlx::query(
            "INSERT INTO users (user_name, display_name, agency, role, password_hash, disabled, created_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (user_name) DO UPDATE SET display_name = excluded.display_name, agency = excluded.agency, role = excluded.role, \
             password_hash = COALESCE(excluded.password_hash, users.password_hash), disabled = excluded.disabled, kind = excluded.kind",
        )
        .bind(u.user_name.as_str().to_owned())
        .bind(u.display_name.clone())
        .bind(u.agency.code())
        .bind(u.role.clone())
        .bind(u.password_hash.clone())
        .bind(i64::from(u.disabled))
        .bind(codec::ts(now))
        .bind(u.kind.code())
        .execute(&mut **tx)
        .await?;
        let changed = before.as_ref().is_some_and(|b| {
            b.agency != u.agency
                || b.role != u.role
                || b.kind != u.kind
                || b.disabled != u.disabled
                || u.password_hash.is_some()
        });
        if changed {
            end_credentials(tx, &u.user_name).await
        } else {
            Ok(CredentialsEnded::default())
        }
    }

    async fn user_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        name: &UserName,
    ) -> Result<Option<UserRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.user_name = $1"
        )))
        .bind(name.as_str().to_owned())
        .fetch_optional(&mut **tx)
        .await?;
        row.as_ref().map(user_from_row).transpose()
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

    /// Stores an API token by its hash, under the user's current credential
    /// epoch; the audit record, when given, in the same transaction.
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
        let done = sqlx::query("INSERT INTO api_tokens (token_hash, user_name, label, created_at, expires_at, revoked, epoch) SELECT $1, u.user_name, $2, $3, $4, 0, u.credential_epoch FROM users u WHERE u.user_name = $5")
            .bind(token_hash.to_owned())
            .bind(label.to_owned())
            .bind(codec::ts(now))
            .bind(expires_at.map(codec::ts))
            .bind(user.as_str().to_owned())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid_in(
                "user",
                "gate.error.no_user",
                &[("user", &user)],
            ));
        }
        if let Some(a) = audit {
            append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The user a valid token belongs to: not revoked, not expired, the user
    /// not disabled, and issued under the user's current credential epoch.
    pub async fn token_user(&self, token_hash: &str, now: Timestamp) -> Result<Option<UserRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.user_name = t.user_name \
             WHERE t.token_hash = $1 AND t.revoked = 0 AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled = 0 \
             AND t.epoch = u.credential_epoch"
        )))
        .bind(token_hash.to_owned())
        .bind(codec::ts(now))
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Ends every token and session of a user at once (the credential epoch
    /// is raised), with its audit record, in one transaction.
    pub async fn revoke_user(
        &self,
        user: &UserName,
        audit: Option<AuditEntry>,
    ) -> Result<CredentialsEnded> {
        let mut tx = self.write.begin().await?;
        if self.user_in(&mut tx, user).await?.is_none() {
            return Err(StoreError::invalid_in(
                "user",
                "gate.error.no_user",
                &[("user", &user)],
            ));
        }
        let ended = end_credentials(&mut tx, user).await?;
        if let Some(a) = audit {
            append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        tx.commit().await?;
        Ok(ended)
    }

    /// Stores a session for `user` as read at login (`user.epoch`). Returns
    /// false, storing nothing, when the user's credentials changed since
    /// (a password reset or a disable racing the login).
    pub async fn put_session(
        &self,
        session_hash: &str,
        user: &UserRecord,
        csrf_token: &str,
        now: Timestamp,
    ) -> Result<bool> {
        let done = sqlx::query("INSERT INTO sessions (session_hash, user_name, csrf_token, created_at, last_seen, epoch) SELECT $1, u.user_name, $2, $3, $3, u.credential_epoch FROM users u WHERE u.user_name = $4 AND u.credential_epoch = $5 AND u.disabled = 0")
            .bind(session_hash.to_owned())
            .bind(csrf_token.to_owned())
            .bind(codec::ts(now))
            .bind(user.user_name.as_str().to_owned())
            .bind(codec::i64_of(user.epoch))
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A session issued under the user's current credential epoch.
    pub async fn session(&self, session_hash: &str) -> Result<Option<SessionRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.created_at, s.last_seen FROM sessions s JOIN users u ON u.user_name = s.user_name \
             WHERE s.session_hash = $1 AND s.epoch = u.credential_epoch"
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
}
