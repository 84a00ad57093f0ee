//! Changes that take two legal officers (issue 13): one proposes, another
//! approves; the change applies only on approval, in the approval's own
//! transaction with its audit record. Who may propose or approve is the
//! server's rule; the store keeps the proposal, refuses a second decision
//! and applies the change atomically.

use crate::{
    append::next_counter,
    audit::append_audit,
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
    identity::UserRecord,
};
use jiff::Timestamp;
use opcentrum_access::{
    audit::AuditEntry,
    matrix::{MatrixRow, SharingMatrix},
};
use opcentrum_domain::Agency;
use serde::{Deserialize, Serialize};

/// What is proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeBody {
    /// A user made (or added as) a legal officer.
    User { user: StoredUser },
    /// A new sharing matrix, compared against `based_on` when proposed.
    Matrix {
        rows: Vec<MatrixRow>,
        comment: String,
        based_on: u64,
    },
}

/// A user record as a proposal keeps it (a password only as its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredUser {
    pub user_name: String,
    pub display_name: String,
    pub agency: Agency,
    pub role: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub kind: crate::identity::AccountKind,
}

impl StoredUser {
    pub fn of(u: &UserRecord) -> StoredUser {
        StoredUser {
            user_name: u.user_name.to_string(),
            display_name: u.display_name.clone(),
            agency: u.agency,
            role: u.role.clone(),
            password_hash: u.password_hash.clone(),
            disabled: u.disabled,
            kind: u.kind,
        }
    }

    pub fn record(&self) -> Result<UserRecord> {
        Ok(UserRecord {
            user_name: opcentrum_domain::ids::UserName::parse(self.user_name.clone())
                .map_err(StoreError::corrupt)?,
            display_name: self.display_name.clone(),
            agency: self.agency,
            role: self.role.clone(),
            password_hash: self.password_hash.clone(),
            disabled: self.disabled,
            kind: self.kind,
            epoch: 0,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    Pending,
    Approved,
    Rejected,
}

impl ChangeStatus {
    fn code(self) -> &'static str {
        match self {
            ChangeStatus::Pending => "pending",
            ChangeStatus::Approved => "approved",
            ChangeStatus::Rejected => "rejected",
        }
    }
    fn parse(s: &str) -> Option<ChangeStatus> {
        [
            ChangeStatus::Pending,
            ChangeStatus::Approved,
            ChangeStatus::Rejected,
        ]
        .into_iter()
        .find(|c| c.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeRecord {
    pub id: u64,
    pub body: ChangeBody,
    pub summary: String,
    /// The proposer's agency.
    pub agency: Agency,
    pub proposed_by: String,
    pub proposed_at: Timestamp,
    pub status: ChangeStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub decision_reason: Option<String>,
}

/// What an approval applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    User(crate::identity::CredentialsEnded),
    Matrix(SharingMatrix),
}

const COLUMNS: &str = "change_id, kind, body, summary, agency, proposed_by, proposed_at, status, decided_by, decided_at, decision_reason";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ChangeRecord> {
    let agency: String = get(r, "agency")?;
    let status: String = get(r, "status")?;
    Ok(ChangeRecord {
        id: codec::u64_of(get::<i64>(r, "change_id")?),
        body: codec::from_json(&get::<String>(r, "body")?)?,
        summary: get(r, "summary")?,
        agency: Agency::parse(&agency)
            .ok_or_else(|| StoreError::corrupt(format!("agency {agency}")))?,
        proposed_by: get(r, "proposed_by")?,
        proposed_at: codec::from_ts(get(r, "proposed_at")?)?,
        status: ChangeStatus::parse(&status)
            .ok_or_else(|| StoreError::corrupt(format!("change status {status}")))?,
        decided_by: get(r, "decided_by")?,
        decided_at: get::<Option<i64>>(r, "decided_at")?
            .map(codec::from_ts)
            .transpose()?,
        decision_reason: get(r, "decision_reason")?,
    })
}

impl Store {
    /// Stores a proposal with its audit record; returns it.
    pub async fn propose_change(
        &self,
        body: ChangeBody,
        summary: &str,
        agency: Agency,
        proposed_by: &str,
        now: Timestamp,
        audit: Option<AuditEntry>,
    ) -> Result<ChangeRecord> {
        let mut tx = self.write.begin().await?;
        let id = next_counter(&mut tx, "change_number", 1).await?;
        let kind = match &body {
            ChangeBody::User { .. } => "user",
            ChangeBody::Matrix { .. } => "matrix",
        };
        sqlx::query("INSERT INTO pending_changes (change_id, kind, body, summary, agency, proposed_by, proposed_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')")
            .bind(codec::i64_of(id))
            .bind(kind)
            .bind(codec::json(&body)?)
            .bind(summary.to_owned())
            .bind(agency.code())
            .bind(proposed_by.to_owned())
            .bind(codec::ts(now))
            .execute(&mut *tx)
            .await?;
        if let Some(mut a) = audit {
            a.legal_basis.insert(0, format!("change {id}"));
            append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        tx.commit().await?;
        Ok(ChangeRecord {
            id,
            body,
            summary: summary.to_owned(),
            agency,
            proposed_by: proposed_by.to_owned(),
            proposed_at: now,
            status: ChangeStatus::Pending,
            decided_by: None,
            decided_at: None,
            decision_reason: None,
        })
    }

    pub async fn change(&self, id: u64) -> Result<Option<ChangeRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM pending_changes WHERE change_id = $1"
        )))
        .bind(codec::i64_of(id))
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Proposals, newest first (at most 500).
    pub async fn changes(&self) -> Result<Vec<ChangeRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM pending_changes ORDER BY change_id DESC LIMIT 500"
        )))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Decides a pending change: on approval applies it, in one transaction
    /// with the decision and its audit record. A change already decided (by
    /// another server a moment before, too) is refused (`Invalid` on `id`);
    /// a matrix proposal whose `based_on` is no longer the newest version is
    /// refused (`Conflict`-like `Invalid` on `based_on`).
    pub async fn decide_change(
        &self,
        id: u64,
        approve: bool,
        decided_by: &str,
        reason: &str,
        now: Timestamp,
        audit: Vec<AuditEntry>,
    ) -> Result<(ChangeRecord, Option<Applied>)> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE pending_changes SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4 WHERE change_id = $5 AND status = 'pending'")
            .bind(if approve { "approved" } else { "rejected" })
            .bind(decided_by.to_owned())
            .bind(codec::ts(now))
            .bind(reason.to_owned())
            .bind(codec::i64_of(id))
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid_in(
                "id",
                "gate.store.change_decided",
                &[("id", &id)],
            ));
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM pending_changes WHERE change_id = $1"
        )))
        .bind(codec::i64_of(id))
        .fetch_one(&mut *tx)
        .await?;
        let record = from_row(&row)?;
        let applied = if approve {
            Some(match &record.body {
                ChangeBody::User { user } => {
                    Applied::User(self.put_user_in(&mut tx, &user.record()?, now).await?)
                }
                ChangeBody::Matrix {
                    rows,
                    comment,
                    based_on,
                } => {
                    let last: Option<i64> =
                        sqlx::query_scalar("SELECT MAX(version) FROM matrix_versions")
                            .fetch_one(&mut *tx)
                            .await?;
                    let current = codec::u64_of(last.unwrap_or(0));
                    if current != *based_on {
                        return Err(StoreError::invalid_in(
                            "based_on",
                            "gate.store.matrix_moved",
                            &[("based_on", based_on), ("current", &current)],
                        ));
                    }
                    Applied::Matrix(
                        self.put_matrix_in(
                            &mut tx,
                            rows.clone(),
                            &format!("{} (approved by {decided_by})", record.proposed_by),
                            comment,
                            now,
                        )
                        .await?,
                    )
                }
            })
        } else {
            None
        };
        append_audit(&mut tx, &self.sealer(), audit).await?;
        tx.commit().await?;
        Ok((record, applied))
    }
}
