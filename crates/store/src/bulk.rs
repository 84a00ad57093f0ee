//! Bulk loading (demo population, import) and export of whole case histories.
//! A load is one transaction: all of it or nothing.

use crate::{
    append::{bump_count, next_counter},
    codec,
    connect::{Backend, Store},
    error::{Result, StoreError},
    projection::{CaseColumns, CountKey, columns},
    query::event_from_row,
};
use futures_util::TryStreamExt;
use jiff::Timestamp;
use opcentrum_domain::{Case, Event};
use sqlx::{Any, Transaction};
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BulkReport {
    pub cases: usize,
    pub events: usize,
}

const EVENT_ROWS_PER_INSERT: usize = 400;
const CASE_ROWS_PER_INSERT: usize = 200;

/// `($1,$2),($3,$4)` for PostgreSQL; `(?,?),(?,?)` for SQLite, whose named
/// parameters cost a linear lookup each (quadratic in a wide multi-row insert).
pub(crate) fn placeholders(backend: Backend, rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push(',');
            }
            match backend {
                Backend::Postgres => {
                    s.push('$');
                    s.push_str(&(r * cols + c + 1).to_string());
                }
                Backend::Sqlite => s.push('?'),
            }
        }
        s.push(')');
    }
    s
}

impl Store {
    /// Loads whole histories. Each must replay to a case (versions 1, 2, …, first
    /// event `registered`); lifecycle rules are the caller's to check with
    /// `decide` before (the importer and the demo generator both do). Ids must be
    /// new. Facilities must exist and keep within capacity.
    pub async fn load_histories(
        &self,
        histories: &[Vec<Event>],
        now: Timestamp,
    ) -> Result<BulkReport> {
        self.load_histories_audited(histories, now, Vec::new())
            .await
    }

    /// `load_histories` with audit records (e.g. one per imported case) sealed
    /// in the same transaction: the import and its record land together or not at all.
    pub async fn load_histories_audited(
        &self,
        histories: &[Vec<Event>],
        now: Timestamp,
        audit: Vec<opcentrum_access::audit::AuditEntry>,
    ) -> Result<BulkReport> {
        let mut cases: Vec<(Case, CaseColumns)> = Vec::with_capacity(histories.len());
        let mut seen = HashSet::with_capacity(histories.len());
        for (i, h) in histories.iter().enumerate() {
            let case = Case::replay(h)
                .map_err(|e| StoreError::invalid(format!("cases[{i}]"), e.to_string()))?;
            if !seen.insert(case.id.clone()) {
                return Err(StoreError::invalid_in(
                    format!("cases[{i}]"),
                    "gate.store.case_twice",
                    &[("id", &case.id)],
                ));
            }
            let cols = columns(&case, &self.rules)?;
            cases.push((case, cols));
        }
        let total_events: usize = histories.iter().map(Vec::len).sum();
        let mut tx = self.write.begin().await?;

        let ids: Vec<String> = cases.iter().map(|(c, _)| c.id.to_string()).collect();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT case_id FROM cases WHERE case_id IN ({})",
                (1..=chunk.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let mut q = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id.clone());
            }
            if let Some(existing) = q.fetch_optional(&mut *tx).await? {
                let id =
                    opcentrum_domain::ids::CaseId::parse(existing).map_err(StoreError::corrupt)?;
                return Err(StoreError::AlreadyExists(id));
            }
        }

        if total_events > 0 {
            let last = next_counter(&mut tx, "event_seq", total_events as u64).await?;
            let mut seq = last + 1 - total_events as u64;
            let all: Vec<&Event> = histories.iter().flatten().collect();
            for chunk in all.chunks(EVENT_ROWS_PER_INSERT) {
                insert_events(&mut tx, self.backend, chunk, seq).await?;
                seq += chunk.len() as u64;
            }
        }
        for chunk in cases.chunks(CASE_ROWS_PER_INSERT) {
            insert_cases(&mut tx, self.backend, chunk, now).await?;
        }

        let mut counts: BTreeMap<CountKey, i64> = BTreeMap::new();
        let mut occupancy: BTreeMap<String, i64> = BTreeMap::new();
        for (_, c) in &cases {
            *counts.entry(c.count_key()).or_default() += 1;
            if let Some(f) = &c.facility_id {
                *occupancy.entry(f.clone()).or_default() += 1;
            }
        }
        for (facility, n) in &occupancy {
            let done = sqlx::query("UPDATE facilities SET occupied = occupied + $1 WHERE facility_id = $2 AND occupied + $3 <= capacity")
                .bind(*n)
                .bind(facility.clone())
                .bind(*n)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::invalid_in(
                    "facility",
                    "gate.store.facility_over",
                    &[("facility", &facility)],
                ));
            }
        }
        for (key, n) in &counts {
            bump_count(&mut tx, key, *n).await?;
        }
        crate::audit::append_audit(&mut tx, &self.sealer(), audit).await?;
        let head = self.head_seq_in(&mut tx).await?;
        self.notify(&mut tx, head).await?;
        tx.commit().await?;
        Ok(BulkReport {
            cases: cases.len(),
            events: total_events,
        })
    }

    async fn head_seq_in(&self, tx: &mut Transaction<'static, Any>) -> Result<u64> {
        let v: i64 = sqlx::query_scalar("SELECT value FROM counters WHERE name = 'event_seq'")
            .fetch_one(&mut **tx)
            .await?;
        Ok(codec::u64_of(v))
    }

    /// Calls `each` with every case's whole history, in case id order.
    pub async fn export_histories(
        &self,
        mut each: impl FnMut(Vec<Event>) -> Result<()>,
    ) -> Result<usize> {
        let mut rows = sqlx::query("SELECT seq, case_id, version, event_type, payload, actor_user, actor_agency, recorded_at, reason FROM events ORDER BY case_id, version")
            .fetch(&self.read);
        let mut current: Vec<Event> = Vec::new();
        let mut n = 0;
        while let Some(row) = rows.try_next().await? {
            let e = event_from_row(&row)?.event;
            if current.first().is_some_and(|f| f.case != e.case) {
                each(std::mem::take(&mut current))?;
                n += 1;
            }
            current.push(e);
        }
        if !current.is_empty() {
            each(current)?;
            n += 1;
        }
        Ok(n)
    }
}

async fn insert_events(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    events: &[&Event],
    first_seq: u64,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO events (seq, case_id, version, event_type, payload, actor_user, actor_agency, recorded_at, reason) VALUES {}",
        placeholders(backend, events.len(), 9)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (i, e) in events.iter().enumerate() {
        q = q
            .bind(codec::i64_of(first_seq + i as u64))
            .bind(e.case.as_str().to_owned())
            .bind(codec::i64_of(e.version))
            .bind(e.kind.name())
            .bind(codec::json(&e.kind)?)
            .bind(e.actor.user.as_str().to_owned())
            .bind(e.actor.agency.code())
            .bind(codec::ts(e.recorded_at))
            .bind(e.reason.clone());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

async fn insert_cases(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    cases: &[(Case, CaseColumns)],
    now: Timestamp,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO cases (case_id, version, stage, responsible, destination, family_id, suspended, detained, facility_id, \
         detention_limit, ready_from, ready_until, pending_to, pending_since, replan_needed, registered_at, updated_at, state, \
         final_at, handed_over_at, transport_requested_at, executed_at, trip_id) VALUES {}",
        placeholders(backend, cases.len(), 23)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (case, c) in cases {
        q = q
            .bind(case.id.as_str().to_owned())
            .bind(codec::i64_of(case.version))
            .bind(c.stage.clone())
            .bind(c.responsible.clone())
            .bind(c.destination.clone())
            .bind(c.family_id.clone())
            .bind(c.suspended)
            .bind(c.detained)
            .bind(c.facility_id.clone())
            .bind(c.detention_limit)
            .bind(c.ready_from.clone())
            .bind(c.ready_until.clone())
            .bind(c.pending_to.clone())
            .bind(c.pending_since)
            .bind(c.replan_needed)
            .bind(c.registered_at)
            .bind(codec::ts(now))
            .bind(c.state.clone())
            .bind(c.picture.final_at)
            .bind(c.picture.handed_over_at)
            .bind(c.picture.transport_requested_at)
            .bind(c.picture.executed_at)
            .bind(c.picture.trip_id.clone());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
