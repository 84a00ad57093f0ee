//! Reads for the operational picture: handover completion times, trip fill,
//! waiting handovers, detention limits and replanning alerts. Columns only (the
//! projection's, migration 0004), so the picture never parses the whole caseload.

use crate::{
    codec::{self, get},
    connect::{Backend, Store},
    error::{Result, StoreError},
    projection::picture_columns,
};
use jiff::{SignedDuration, Timestamp, civil::Date};
use opcentrum_domain::{Agency, Case, ids::TripId};

/// When the legs of one case's chain completed (nanosecond timestamps as stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LegMarks {
    pub final_at: Option<Timestamp>,
    pub handed_over_at: Option<Timestamp>,
    pub transport_requested_at: Option<Timestamp>,
    pub executed_at: Option<Timestamp>,
}

/// A leg of the chain, by the projection columns of its start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegColumns {
    FinalToPolice,
    PoliceToTransport,
    TransportToExecuted,
}

impl LegColumns {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            LegColumns::FinalToPolice => ("final_at", "handed_over_at"),
            LegColumns::PoliceToTransport => ("handed_over_at", "transport_requested_at"),
            LegColumns::TransportToExecuted => ("transport_requested_at", "executed_at"),
        }
    }
}

/// A handover waiting for its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitingHandover {
    pub to: Agency,
    pub since: Timestamp,
}

fn opt_ts(row: &sqlx::any::AnyRow, col: &str) -> Result<Option<Timestamp>> {
    get::<Option<i64>>(row, col)?
        .map(codec::from_ts)
        .transpose()
}

fn cases_of(rows: &[sqlx::any::AnyRow]) -> Result<Vec<Case>> {
    rows.iter()
        .map(|r| codec::from_json(&get::<String>(r, "state")?))
        .collect()
}

impl Store {
    /// Every case with a leg that completed in `[from, to)`.
    pub async fn leg_marks(&self, from: Timestamp, to: Timestamp) -> Result<Vec<LegMarks>> {
        let (a, b) = (codec::ts(from), codec::ts(to));
        let rows = sqlx::query(
            "SELECT final_at, handed_over_at, transport_requested_at, executed_at FROM cases \
             WHERE (handed_over_at >= $1 AND handed_over_at < $2) \
             OR (transport_requested_at >= $3 AND transport_requested_at < $4) \
             OR (executed_at >= $5 AND executed_at < $6)",
        )
        .bind(a)
        .bind(b)
        .bind(a)
        .bind(b)
        .bind(a)
        .bind(b)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LegMarks {
                    final_at: opt_ts(r, "final_at")?,
                    handed_over_at: opt_ts(r, "handed_over_at")?,
                    transport_requested_at: opt_ts(r, "transport_requested_at")?,
                    executed_at: opt_ts(r, "executed_at")?,
                })
            })
            .collect()
    }

    /// Every completion of `leg` in `[from, to)`: when it ended and how long it
    /// took (millisecond precision). One row comes back, the pairs joined into
    /// one string by the database: at a million cases a quarter holds tens of
    /// thousands of completions, and moving them row by row through the driver
    /// costs ten times the query.
    pub async fn leg_spans(
        &self,
        leg: LegColumns,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(Timestamp, SignedDuration)>> {
        let (start, end) = leg.columns();
        let pair = format!("(({end} - $1) / 1000000) || ':' || (({end} - {start}) / 1000000)");
        let joined = match self.backend {
            Backend::Sqlite => format!("group_concat({pair}, ',')"),
            Backend::Postgres => format!(
                "string_agg((({end} - $1) / 1000000)::text || ':' || (({end} - {start}) / 1000000)::text, ',')"
            ),
        };
        let sql = format!(
            "SELECT {joined} AS spans FROM cases WHERE {end} >= $2 AND {end} < $3 \
             AND {start} IS NOT NULL AND {end} >= {start}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(codec::ts(from))
            .bind(codec::ts(from))
            .bind(codec::ts(to))
            .fetch_one(&self.read)
            .await?;
        let Some(text) = get::<Option<String>>(&row, "spans")? else {
            return Ok(Vec::new());
        };
        text.split(',')
            .map(|pair| {
                let bad = || StoreError::corrupt(format!("lead time {pair:?}"));
                let (ended, took) = pair.split_once(':').ok_or_else(bad)?;
                let ended: i64 = ended.trim().parse().map_err(|_| bad())?;
                let took: i64 = took.trim().parse().map_err(|_| bad())?;
                let ended = from
                    .checked_add(SignedDuration::from_millis(ended))
                    .map_err(|_| bad())?;
                Ok((ended, SignedDuration::from_millis(took)))
            })
            .collect()
    }

    /// Persons planned on each trip offered for `[from, to]` that has any (only
    /// those trips: the executed ones of the past are most of the index).
    pub async fn trip_fill(&self, from: Date, to: Date) -> Result<Vec<(TripId, u32)>> {
        let rows = sqlx::query(
            "SELECT c.trip_id AS trip_id, COUNT(*) AS n FROM trip_offers t \
             JOIN cases c ON c.trip_id = t.trip_id \
             WHERE t.trip_date >= $1 AND t.trip_date <= $2 GROUP BY c.trip_id",
        )
        .bind(codec::date(from))
        .bind(codec::date(to))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    TripId::parse(get::<String>(r, "trip_id")?).map_err(StoreError::corrupt)?,
                    u32::try_from(get::<i64>(r, "n")?).map_err(StoreError::corrupt)?,
                ))
            })
            .collect()
    }

    /// Every handover waiting for its receiver (agency and since when).
    pub async fn waiting_handovers(&self) -> Result<Vec<WaitingHandover>> {
        let rows =
            sqlx::query("SELECT pending_to, pending_since FROM cases WHERE pending_to IS NOT NULL")
                .fetch_all(&self.read)
                .await?;
        rows.iter()
            .map(|r| {
                let to = get::<String>(r, "pending_to")?;
                Ok(WaitingHandover {
                    to: Agency::parse(&to)
                        .ok_or_else(|| StoreError::corrupt(format!("agency {to}")))?,
                    since: codec::from_ts(get::<i64>(r, "pending_since")?)?,
                })
            })
            .collect()
    }

    /// How many detained persons reach their limit before `until`, and the
    /// `limit` nearest their limit (nearest first).
    pub async fn detention_limits_before(
        &self,
        until: Timestamp,
        limit: u32,
    ) -> Result<(u64, Vec<Case>)> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM cases WHERE detained = 1 AND detention_limit IS NOT NULL AND detention_limit <= $1",
        )
        .bind(codec::ts(until))
        .fetch_one(&self.read)
        .await?;
        let rows = sqlx::query(
            "SELECT state FROM cases WHERE detained = 1 AND detention_limit IS NOT NULL \
             ORDER BY detention_limit, case_id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        Ok((codec::u64_of(n), cases_of(&rows)?))
    }

    /// How many planned persons an event took off their trip, and the first `limit`.
    pub async fn replan_needed(&self, limit: u32) -> Result<(u64, Vec<Case>)> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE replan_needed = 1")
            .fetch_one(&self.read)
            .await?;
        let rows = sqlx::query(
            "SELECT state FROM cases WHERE replan_needed = 1 ORDER BY case_id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        Ok((codec::u64_of(n), cases_of(&rows)?))
    }

    /// Fills the picture's columns of rows written before migration 0004; once.
    pub(crate) async fn backfill_picture_columns(&self) -> Result<()> {
        let done: i64 =
            sqlx::query_scalar("SELECT value FROM counters WHERE name = 'picture_backfill'")
                .fetch_one(&self.write)
                .await?;
        if done != 0 {
            return Ok(());
        }
        let mut tx = self.write.begin().await?;
        let rows = sqlx::query("SELECT state FROM cases")
            .fetch_all(&mut *tx)
            .await?;
        for r in &rows {
            let case: Case = codec::from_json(&get::<String>(r, "state")?)?;
            let p = picture_columns(&case);
            sqlx::query(
                "UPDATE cases SET final_at = $1, handed_over_at = $2, transport_requested_at = $3, \
                 executed_at = $4, trip_id = $5 WHERE case_id = $6",
            )
            .bind(p.final_at)
            .bind(p.handed_over_at)
            .bind(p.transport_requested_at)
            .bind(p.executed_at)
            .bind(p.trip_id)
            .bind(case.id.as_str().to_owned())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE counters SET value = 1 WHERE name = 'picture_backfill'")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
