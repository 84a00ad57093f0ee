//! Appending events: decide with the domain, evolve the projection, and write
//! the event, the case row, the counts and the facility occupancy in one
//! transaction. A refused append writes nothing.

use crate::{
    audit::append_audit,
    codec::{self, get},
    connect::{Backend, Store},
    error::{Result, StoreError},
    projection::{CaseColumns, CountKey, columns},
};
use jiff::Timestamp;
use opcentrum_domain::{
    Actor, Case, Context, Event, EventKind, FacilityView, Refusal, RuleId, TransitionError, decide,
    decide_registration,
    ids::{CaseId, FacilityId},
};
use opcentrum_text::{Lang, Tr};
use sqlx::{Any, Transaction};
use std::collections::BTreeMap;

/// An event to append, before the store gives it a version and a time.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: EventKind,
    pub actor: Actor,
    pub reason: Option<String>,
    /// The audit record of this write, sealed into the chain in the same
    /// transaction (its `case` is filled in by the store).
    pub audit: Option<opcentrum_access::audit::AuditEntry>,
}

/// An appended event with its global position and the case after it.
#[derive(Debug, Clone)]
pub struct Appended {
    pub seq: u64,
    pub event: Event,
    pub case: Case,
}

pub const MAX_REASON: usize = 2000;

fn check_reason(reason: &Option<String>) -> Result<()> {
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_REASON)
    {
        return Err(StoreError::invalid_in(
            "reason",
            "gate.store.too_long",
            &[("max", &MAX_REASON)],
        ));
    }
    Ok(())
}

impl Store {
    /// Registers a new case. Without an id the store numbers it `UT-YYYY-NNNNNN`.
    pub async fn create_case(
        &self,
        id: Option<CaseId>,
        new: NewEvent,
        now: Timestamp,
    ) -> Result<Appended> {
        check_reason(&new.reason)?;
        let mut tx = self.write.begin().await?;
        let id = match id {
            Some(id) => id,
            None => {
                let year = opcentrum_domain::time::local_date(now).year();
                let n = next_free_number(&mut tx, year).await?;
                CaseId::parse(format!("UT-{year}-{n:06}"))
                    .map_err(|e| StoreError::invalid("case_id", e.to_string()))?
            }
        };
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT version FROM cases WHERE case_id = $1")
                .bind(id.as_str().to_owned())
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_some() {
            return Err(StoreError::AlreadyExists(id));
        }
        {
            let no_facility = |_: &FacilityId| None;
            let ctx = Context {
                now,
                actor: &new.actor,
                rules: &self.rules,
                facility: &no_facility,
                family: &[],
            };
            decide_registration(&new.kind, &ctx)?;
        }
        let audit = new.audit;
        let event = Event {
            case: id,
            version: 1,
            kind: new.kind,
            actor: new.actor,
            recorded_at: now,
            reason: new.reason,
        };
        let case = Case::from_registered(&event)
            .map_err(|e| StoreError::invalid("type", e.to_string()))?;
        let cols = columns(&case, &self.rules)?;
        insert_case(&mut tx, &case, &cols, now).await?;
        bump_count(&mut tx, &cols.count_key(), 1).await?;
        let seq = next_counter(&mut tx, "event_seq", 1).await?;
        insert_event(&mut tx, seq, &event).await?;
        if let Some(mut a) = audit {
            a.case = Some(event.case.to_string());
            append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        self.notify(&mut tx, seq).await?;
        tx.commit().await?;
        Ok(Appended { seq, event, case })
    }

    /// Appends an event to a case at `expected_version`; a stale version is a
    /// conflict and changes nothing.
    pub async fn append(
        &self,
        case_id: &CaseId,
        expected_version: u64,
        new: NewEvent,
        now: Timestamp,
    ) -> Result<Appended> {
        let mut tx = self.write.begin().await?;
        let done = self
            .append_in(&mut tx, case_id, expected_version, new, now)
            .await?;
        self.families_together_in(&mut tx, std::slice::from_ref(&done))
            .await?;
        tx.commit().await?;
        Ok(done)
    }

    /// Appends events to several cases in one transaction: all stand or none
    /// (a family planned, taken off a trip or executed as one). Each is decided
    /// in order, seeing the writes before it; then every family touched must
    /// stand together (`domain::family::check_together`).
    pub async fn append_many(
        &self,
        writes: Vec<crate::proposals::PlannedWrite>,
        now: Timestamp,
    ) -> Result<Vec<Appended>> {
        let mut tx = self.write.begin().await?;
        let mut done = Vec::with_capacity(writes.len());
        for w in writes {
            done.push(
                self.append_in(&mut tx, &w.case, w.expected_version, w.event, now)
                    .await?,
            );
        }
        self.families_together_in(&mut tx, &done).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// After writes that plan, take off, execute or separate, every family they
    /// touch stands together (read inside the transaction, so it sees them).
    pub(crate) async fn families_together_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        done: &[Appended],
    ) -> Result<()> {
        let mut families = std::collections::BTreeSet::new();
        let mut children = std::collections::BTreeSet::new();
        let mut started = Vec::new();
        let mut recorded = Vec::new();
        for a in done {
            let trip_event = matches!(
                a.event.kind,
                EventKind::Planned { .. }
                    | EventKind::Unplanned { .. }
                    | EventKind::Executed { .. }
            );
            if trip_event && let Some(f) = &a.case.family {
                families.insert(f.to_string());
            }
            // A child is not separated from its guardians by detention (UtlL 10 kap. 3 §).
            let child_event = match a.event.kind {
                EventKind::DetentionStarted { .. } => {
                    started.push(a.event.case.clone());
                    true
                }
                EventKind::GuardiansRecorded { .. } => {
                    recorded.push(a.event.case.clone());
                    true
                }
                _ => false,
            };
            if child_event && let Some(f) = &a.case.family {
                children.insert(f.to_string());
            }
        }
        for family in children {
            let members = self.members_in(tx, &family).await?;
            let refs: Vec<&Case> = members.iter().collect();
            opcentrum_domain::children::check_children(&refs, &started, &recorded, &self.rules)
                .map_err(StoreError::Refused)?;
        }
        for family in families {
            let rows = sqlx::query("SELECT state FROM cases WHERE family_id = $1")
                .bind(family)
                .fetch_all(&mut **tx)
                .await?;
            let members = rows
                .iter()
                .map(|r| codec::from_json::<Case>(&get::<String>(r, "state")?))
                .collect::<Result<Vec<_>>>()?;
            let refs: Vec<&Case> = members.iter().collect();
            opcentrum_domain::family::check_together(&refs, &self.rules)
                .map_err(StoreError::Refused)?;
        }
        Ok(())
    }

    /// Every member of a family, read inside the transaction.
    async fn members_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        family: &str,
    ) -> Result<Vec<Case>> {
        let rows = sqlx::query("SELECT state FROM cases WHERE family_id = $1")
            .bind(family.to_owned())
            .fetch_all(&mut **tx)
            .await?;
        rows.iter()
            .map(|r| codec::from_json::<Case>(&get::<String>(r, "state")?))
            .collect()
    }

    /// Appends in the caller's transaction: several events on several cases
    /// (an approved plan) stand or fall together.
    pub(crate) async fn append_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        case_id: &CaseId,
        expected_version: u64,
        new: NewEvent,
        now: Timestamp,
    ) -> Result<Appended> {
        check_reason(&new.reason)?;
        let row = sqlx::query("SELECT version, state FROM cases WHERE case_id = $1")
            .bind(case_id.as_str().to_owned())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(case_id.clone()))?;
        let version = codec::u64_of(get::<i64>(&row, "version")?);
        if version != expected_version {
            return Err(StoreError::Conflict {
                case: case_id.clone(),
                expected: expected_version,
                actual: version,
            });
        }
        let case: Case = codec::from_json(&get::<String>(&row, "state")?)?;

        let facilities = facility_views(tx, &new.kind).await?;
        {
            let lookup = |id: &FacilityId| facilities.get(id).copied();
            let ctx = Context {
                now,
                actor: &new.actor,
                rules: &self.rules,
                facility: &lookup,
                family: &[],
            };
            decide(&case, &new.kind, &ctx)?;
        }
        let audit = new.audit;
        let event = Event {
            case: case_id.clone(),
            version: version + 1,
            kind: new.kind,
            actor: new.actor,
            recorded_at: now,
            reason: new.reason,
        };
        let old_cols = columns(&case, &self.rules)?;
        let mut next = case.clone();
        next.evolve(&event);
        let cols = columns(&next, &self.rules)?;

        let updated = update_case(tx, case_id, version, &next, &cols, now).await?;
        if !updated {
            let actual: Option<i64> =
                sqlx::query_scalar("SELECT version FROM cases WHERE case_id = $1")
                    .bind(case_id.as_str().to_owned())
                    .fetch_optional(&mut **tx)
                    .await?;
            return Err(StoreError::Conflict {
                case: case_id.clone(),
                expected: expected_version,
                actual: actual.map_or(0, codec::u64_of),
            });
        }
        move_occupancy(
            tx,
            old_cols.facility_id.as_deref(),
            cols.facility_id.as_deref(),
            &event,
        )
        .await?;
        move_count(tx, &old_cols.count_key(), &cols.count_key()).await?;
        let seq = next_counter(tx, "event_seq", 1).await?;
        insert_event(tx, seq, &event).await?;
        if let Some(mut a) = audit {
            a.case = Some(case_id.to_string());
            append_audit(tx, &self.sealer(), vec![a]).await?;
        }
        self.notify(tx, seq).await?;
        Ok(Appended {
            seq,
            event,
            case: next,
        })
    }

    /// On PostgreSQL, tells every listening server that events up to `seq` exist
    /// (delivered on commit). SQLite has one server process; nothing to do.
    pub(crate) async fn notify(&self, tx: &mut Transaction<'static, Any>, seq: u64) -> Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify('opcentrum_events', $1)")
                .bind(seq.to_string())
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

async fn facility_views(
    tx: &mut Transaction<'static, Any>,
    kind: &EventKind,
) -> Result<BTreeMap<FacilityId, FacilityView>> {
    let mut out = BTreeMap::new();
    if let EventKind::DetentionStarted { facility, .. } = kind {
        let row =
            sqlx::query("SELECT kind, capacity, occupied FROM facilities WHERE facility_id = $1")
                .bind(facility.as_str().to_owned())
                .fetch_optional(&mut **tx)
                .await?;
        if let Some(row) = row {
            out.insert(
                facility.clone(),
                FacilityView {
                    kind: codec::from_code(&get::<String>(&row, "kind")?)?,
                    capacity: u32::try_from(get::<i64>(&row, "capacity")?).unwrap_or(0),
                    occupied: u32::try_from(get::<i64>(&row, "occupied")?).unwrap_or(u32::MAX),
                },
            );
        }
    }
    Ok(out)
}

/// The next free case number of a year, inside the registering transaction.
/// The counter's row is taken first (an `UPDATE`, which locks it until the
/// transaction ends on PostgreSQL; SQLite has one writer), and only then are
/// the numbers already taken read — cases imported or registered with their
/// own id — so two concurrent registrations never get the same number.
async fn next_free_number(tx: &mut Transaction<'static, Any>, year: i16) -> Result<u64> {
    let counted = next_counter(tx, "case_number", 1).await?;
    let prefix = format!("UT-{year}-");
    let highest: Option<String> = sqlx::query_scalar(
        "SELECT case_id FROM cases WHERE case_id LIKE $1 \
         ORDER BY LENGTH(case_id) DESC, case_id DESC LIMIT 1",
    )
    .bind(format!("{prefix}%"))
    .fetch_optional(&mut **tx)
    .await?;
    let taken = highest
        .as_deref()
        .and_then(|id| id.strip_prefix(&prefix))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0);
    if taken < counted {
        return Ok(counted);
    }
    let next = taken + 1;
    sqlx::query("UPDATE counters SET value = $1 WHERE name = $2")
        .bind(codec::i64_of(next))
        .bind("case_number")
        .execute(&mut **tx)
        .await?;
    Ok(next)
}

pub(crate) async fn next_counter(
    tx: &mut Transaction<'static, Any>,
    name: &'static str,
    n: u64,
) -> Result<u64> {
    let value: i64 = sqlx::query_scalar(
        "UPDATE counters SET value = value + $1 WHERE name = $2 RETURNING value",
    )
    .bind(codec::i64_of(n))
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    Ok(codec::u64_of(value))
}

pub(crate) async fn insert_event(
    tx: &mut Transaction<'static, Any>,
    seq: u64,
    e: &Event,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO events (seq, case_id, version, event_type, payload, actor_user, actor_agency, recorded_at, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(codec::i64_of(seq))
    .bind(e.case.as_str().to_owned())
    .bind(codec::i64_of(e.version))
    .bind(e.kind.name())
    .bind(codec::json(&e.kind)?)
    .bind(e.actor.user.as_str().to_owned())
    .bind(e.actor.agency.code())
    .bind(codec::ts(e.recorded_at))
    .bind(e.reason.clone())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn insert_case(
    tx: &mut Transaction<'static, Any>,
    case: &Case,
    c: &CaseColumns,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO cases (case_id, version, stage, responsible, destination, family_id, suspended, detained, facility_id, \
         detention_limit, ready_from, ready_until, pending_to, pending_since, replan_needed, registered_at, updated_at, state, \
         final_at, handed_over_at, transport_requested_at, executed_at, trip_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
    )
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
    .bind(c.picture.trip_id.clone())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn update_case(
    tx: &mut Transaction<'static, Any>,
    id: &CaseId,
    expected: u64,
    case: &Case,
    c: &CaseColumns,
    now: Timestamp,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE cases SET version = $1, stage = $2, responsible = $3, destination = $4, family_id = $5, suspended = $6, \
         detained = $7, facility_id = $8, detention_limit = $9, ready_from = $10, ready_until = $11, pending_to = $12, \
         pending_since = $13, replan_needed = $14, updated_at = $15, state = $16, final_at = $19, handed_over_at = $20, \
         transport_requested_at = $21, executed_at = $22, trip_id = $23 WHERE case_id = $17 AND version = $18",
    )
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
    .bind(codec::ts(now))
    .bind(c.state.clone())
    .bind(id.as_str().to_owned())
    .bind(codec::i64_of(expected))
    .bind(c.picture.final_at)
    .bind(c.picture.handed_over_at)
    .bind(c.picture.transport_requested_at)
    .bind(c.picture.executed_at)
    .bind(c.picture.trip_id.clone())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a detained person's place from one facility to another. Taking a place
/// is guarded by the capacity in the same statement, so two servers cannot
/// overfill a facility between them.
async fn move_occupancy(
    tx: &mut Transaction<'static, Any>,
    old: Option<&str>,
    new: Option<&str>,
    event: &Event,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    // Lock rows in one global order (by id) to rule out deadlocks.
    let mut ops: Vec<(&str, i64)> = old
        .map(|o| (o, -1))
        .into_iter()
        .chain(new.map(|n| (n, 1)))
        .collect();
    ops.sort();
    for (facility, delta) in ops {
        if delta > 0 {
            let done = sqlx::query("UPDATE facilities SET occupied = occupied + 1 WHERE facility_id = $1 AND occupied < capacity")
                .bind(facility.to_owned())
                .execute(&mut **tx)
                .await?;
            if done.rows_affected() == 0 {
                // The action is the domain's own (area `refusals`).
                let action = "action.detention_started";
                let full = "gate.append.facility_full";
                return Err(StoreError::Refused(TransitionError {
                    refusal: Refusal::Conflict,
                    action: Tr::new(Lang::En).t(action),
                    action_sv: Tr::new(Lang::Sv).t(action),
                    rule: RuleId::FacilityCapacity,
                    statute: "praxis (Migrationsverket)",
                    field: Some("facility"),
                    reason: Tr::new(Lang::En).f(full, &[("facility", &facility)]),
                    reason_sv: Tr::new(Lang::Sv).f(full, &[("facility", &facility)]),
                }));
            }
        } else {
            sqlx::query("UPDATE facilities SET occupied = occupied - 1 WHERE facility_id = $1 AND occupied > 0")
                .bind(facility.to_owned())
                .execute(&mut **tx)
                .await?;
        }
    }
    let _ = event;
    Ok(())
}

pub(crate) async fn bump_count(
    tx: &mut Transaction<'static, Any>,
    key: &CountKey,
    delta: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO stage_counts (stage, responsible, destination, suspended, n) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (stage, responsible, destination, suspended) DO UPDATE SET n = stage_counts.n + excluded.n",
    )
    .bind(key.stage.clone())
    .bind(key.responsible.clone())
    .bind(key.destination.clone())
    .bind(key.suspended)
    .bind(delta)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn move_count(
    tx: &mut Transaction<'static, Any>,
    old: &CountKey,
    new: &CountKey,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    // Same global order as every other writer: by key.
    let mut ops = [(old, -1i64), (new, 1i64)];
    ops.sort_by(|a, b| a.0.cmp(b.0));
    for (key, delta) in ops {
        bump_count(tx, key, delta).await?;
    }
    Ok(())
}
