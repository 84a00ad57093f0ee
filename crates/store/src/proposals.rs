//! Trip proposals: the planner's plans waiting for, or carrying, a named
//! human's decision. Approving one writes its cases' events in the same
//! transaction as the decision, so an approval is all or nothing.

use crate::{
    append::{Appended, NewEvent, next_counter},
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::{Timestamp, civil::Date};
use opcentrum_domain::ids::CaseId;
use serde::Serialize;
use sqlx::any::AnyRow;

/// A plan for the whole horizon, or an incremental re-plan of an approved one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    Plan,
    Replan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Pending,
    Approved,
    Rejected,
    /// A later approved plan replaced it, or a newer proposal made it moot.
    Superseded,
}

impl ProposalStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Pending => "pending",
            ProposalStatus::Approved => "approved",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Superseded => "superseded",
        }
    }

    fn parse(s: &str) -> Result<ProposalStatus> {
        Ok(match s {
            "pending" => ProposalStatus::Pending,
            "approved" => ProposalStatus::Approved,
            "rejected" => ProposalStatus::Rejected,
            "superseded" => ProposalStatus::Superseded,
            other => return Err(StoreError::corrupt(format!("proposal status {other:?}"))),
        })
    }
}

/// A proposal to store.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub kind: ProposalKind,
    pub created_by: String,
    pub horizon_start: Date,
    pub horizon_days: u32,
    pub based_on: Option<String>,
    /// Re-plans: what caused it; a second proposal for the same cause is not stored.
    pub trigger_key: Option<String>,
    pub body: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalRecord {
    pub id: String,
    pub number: u64,
    pub kind: ProposalKind,
    pub status: ProposalStatus,
    pub created_at: Timestamp,
    pub created_by: String,
    pub horizon_start: Date,
    pub horizon_days: u32,
    pub based_on: Option<String>,
    pub trigger_key: Option<String>,
    pub body: serde_json::Value,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub decision_reason: Option<String>,
}

/// One event an approval writes, at the case version the proposal saw.
#[derive(Debug, Clone)]
pub struct PlannedWrite {
    pub case: CaseId,
    pub expected_version: u64,
    pub event: NewEvent,
}

/// Why an approval or rejection was refused.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("no proposal {0}")]
    NotFound(String),
    #[error("proposal {id} is {status}, not pending: only a pending proposal can be decided")]
    NotPending { id: String, status: &'static str },
    #[error("case {case}: {source}")]
    Case {
        case: CaseId,
        #[source]
        source: StoreError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

const COLUMNS: &str = "proposal_id, number, kind, status, created_at, created_by, horizon_start, \
     horizon_days, based_on, trigger_key, body, decided_by, decided_at, decision_reason";

fn record(r: &AnyRow) -> Result<ProposalRecord> {
    let kind = match get::<String>(r, "kind")?.as_str() {
        "plan" => ProposalKind::Plan,
        "replan" => ProposalKind::Replan,
        other => return Err(StoreError::corrupt(format!("proposal kind {other:?}"))),
    };
    Ok(ProposalRecord {
        id: get(r, "proposal_id")?,
        number: codec::u64_of(get::<i64>(r, "number")?),
        kind,
        status: ProposalStatus::parse(&get::<String>(r, "status")?)?,
        created_at: codec::from_ts(get::<i64>(r, "created_at")?)?,
        created_by: get(r, "created_by")?,
        horizon_start: codec::from_date(&get::<String>(r, "horizon_start")?)?,
        horizon_days: u32::try_from(get::<i64>(r, "horizon_days")?).map_err(StoreError::corrupt)?,
        based_on: get(r, "based_on")?,
        trigger_key: get(r, "trigger_key")?,
        body: codec::from_json(&get::<String>(r, "body")?)?,
        decided_by: get(r, "decided_by")?,
        decided_at: get::<Option<i64>>(r, "decided_at")?
            .map(codec::from_ts)
            .transpose()?,
        decision_reason: get(r, "decision_reason")?,
    })
}

impl Store {
    /// Stores a pending proposal. A re-plan whose `trigger_key` is already
    /// stored (another server saw the same event) is not stored again: `None`.
    pub async fn insert_proposal(
        &self,
        p: NewProposal,
        now: Timestamp,
    ) -> Result<Option<ProposalRecord>> {
        let mut tx = self.write.begin().await?;
        if let Some(key) = &p.trigger_key {
            let seen: Option<String> =
                sqlx::query_scalar("SELECT proposal_id FROM trip_proposals WHERE trigger_key = $1")
                    .bind(key.clone())
                    .fetch_optional(&mut *tx)
                    .await?;
            if seen.is_some() {
                return Ok(None);
            }
        }
        let number = next_counter(&mut tx, "proposal_number", 1).await?;
        let id = format!("TP-{number:06}");
        let kind = match p.kind {
            ProposalKind::Plan => "plan",
            ProposalKind::Replan => "replan",
        };
        let inserted = sqlx::query(
            "INSERT INTO trip_proposals (proposal_id, number, kind, status, created_at, created_by, \
             horizon_start, horizon_days, based_on, trigger_key, body) \
             VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (trigger_key) DO NOTHING",
        )
        .bind(id.clone())
        .bind(codec::i64_of(number))
        .bind(kind)
        .bind(codec::ts(now))
        .bind(p.created_by)
        .bind(codec::date(p.horizon_start))
        .bind(i64::from(p.horizon_days))
        .bind(p.based_on)
        .bind(p.trigger_key)
        .bind(codec::json(&p.body)?)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(None);
        }
        tx.commit().await?;
        self.proposal(&id).await
    }

    pub async fn proposal(&self, id: &str) -> Result<Option<ProposalRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM trip_proposals WHERE proposal_id = $1"
        )))
        .bind(id.to_owned())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(record).transpose()
    }

    /// The newest proposals first.
    pub async fn proposals(&self, limit: u32) -> Result<Vec<ProposalRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM trip_proposals ORDER BY number DESC LIMIT $1"
        )))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(record).collect()
    }

    /// The plan in force: the newest approved proposal.
    pub async fn approved_proposal(&self) -> Result<Option<ProposalRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM trip_proposals WHERE status = 'approved' ORDER BY number DESC LIMIT 1"
        )))
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(record).transpose()
    }

    /// Approves a pending proposal by a named person: writes every event, marks
    /// it approved and the previously approved plan and other pending proposals
    /// superseded — all in one transaction. Any refused event refuses the whole
    /// approval, naming the case; nothing is written then.
    pub async fn approve_proposal(
        &self,
        id: &str,
        by: &str,
        writes: Vec<PlannedWrite>,
        now: Timestamp,
    ) -> Result<Vec<Appended>, DecisionError> {
        let mut tx = self.write.begin().await.map_err(StoreError::from)?;
        claim_pending(&mut tx, id).await?;
        let mut done = Vec::with_capacity(writes.len());
        for w in writes {
            let a = self
                .append_in(&mut tx, &w.case, w.expected_version, w.event, now)
                .await
                .map_err(|source| DecisionError::Case {
                    case: w.case.clone(),
                    source,
                })?;
            done.push(a);
        }
        // A family is planned, taken off and executed as one.
        self.families_together_in(&mut tx, &done).await?;
        sqlx::query(
            "UPDATE trip_proposals SET status = 'superseded' \
             WHERE proposal_id <> $1 AND status IN ('approved', 'pending')",
        )
        .bind(id.to_owned())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        sqlx::query(
            "UPDATE trip_proposals SET status = 'approved', decided_by = $2, decided_at = $3 \
             WHERE proposal_id = $1",
        )
        .bind(id.to_owned())
        .bind(by.to_owned())
        .bind(codec::ts(now))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(done)
    }

    /// Rejects a pending proposal, with the person's reason.
    pub async fn reject_proposal(
        &self,
        id: &str,
        by: &str,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), DecisionError> {
        if reason.trim().is_empty() {
            return Err(
                StoreError::invalid_in("reason", "gate.store.rejection_reason", &[]).into(),
            );
        }
        let mut tx = self.write.begin().await.map_err(StoreError::from)?;
        claim_pending(&mut tx, id).await?;
        sqlx::query(
            "UPDATE trip_proposals SET status = 'rejected', decided_by = $2, decided_at = $3, \
             decision_reason = $4 WHERE proposal_id = $1",
        )
        .bind(id.to_owned())
        .bind(by.to_owned())
        .bind(codec::ts(now))
        .bind(reason.to_owned())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }
}

/// Locks the proposal's row by writing it, and checks it is still pending (a
/// second approver, here or on another server, then finds it decided).
async fn claim_pending(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &str,
) -> Result<(), DecisionError> {
    let claimed = sqlx::query(
        "UPDATE trip_proposals SET status = 'pending' WHERE proposal_id = $1 AND status = 'pending'",
    )
    .bind(id.to_owned())
    .execute(&mut **tx)
    .await
    .map_err(StoreError::from)?;
    if claimed.rows_affected() == 1 {
        return Ok(());
    }
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM trip_proposals WHERE proposal_id = $1")
            .bind(id.to_owned())
            .fetch_optional(&mut **tx)
            .await
            .map_err(StoreError::from)?;
    match status {
        None => Err(DecisionError::NotFound(id.to_owned())),
        Some(s) => Err(DecisionError::NotPending {
            id: id.to_owned(),
            status: ProposalStatus::parse(&s)?.code(),
        }),
    }
}
