//! Retention (gallring): closed cases are pseudonymised once a configurable
//! period has passed since they closed.
//!
//! What changes: in every event of the case, the person's names and dossier
//! number are replaced, the birth date is coarsened to 1 January of its year,
//! and free text (the event's reason, a returned handover's reason) is
//! replaced by a marker. What stays: every id (case, person, family, trip,
//! handover), every date and time, every stage, so the statistics (stage
//! counts, lead times, executions, charter use) are the same before and after.
//! The projection row is re-derived by replaying the rewritten events, so the
//! log and the projections still agree (`verify_projections`).
//!
//! The audit chain is untouched: its records hold ids and categories, never
//! personal data, and its hashes never covered event payloads. The
//! pseudonymisation itself is a write record sealed into the chain in the same
//! transaction, and a row of `pseudonymised` marks the case.

use crate::{
    audit::append_audit,
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
    projection::columns,
    query::event_from_row,
};
use jiff::{Timestamp, civil::Date};
use opcentrum_access::{
    FieldCategory,
    audit::{AuditAction, AuditEntry},
};
use opcentrum_domain::{Case, Event, EventKind, Stage, person::Person};

/// The given name every pseudonymised person gets.
pub const PSEUDONYM_GIVEN_NAME: &str = "Pseudonymiserad";
/// What replaces free text and the dossier number.
pub const REDACTED: &str = "[gallrad]";
/// The purpose recorded in the audit trail.
pub const RETENTION_PURPOSE: &str = "gallring: pseudonymisering av avslutat ärende";
const RETENTION_BASIS: &str = "arkivlagen (1990:782) 10 §; dataskyddsförordningen art. 5.1 e";

/// Who runs the retention (recorded in the audit trail).
#[derive(Debug, Clone)]
pub struct RetentionRun {
    /// Cases that closed before this instant are pseudonymised.
    pub closed_before: Timestamp,
    pub now: Timestamp,
    pub user: String,
    pub agency: String,
    pub role: String,
    pub request_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RetentionReport {
    pub cases: u64,
    pub events_rewritten: u64,
}

/// The person with identity replaced: ids, sex and citizenship kept (statistics),
/// the birth date coarsened to its year.
pub fn pseudonymise_person(p: &Person) -> Person {
    Person {
        id: p.id.clone(),
        given_name: PSEUDONYM_GIVEN_NAME.to_owned(),
        family_name: p.id.to_string(),
        birth_date: Date::new(p.birth_date.year(), 1, 1).unwrap_or(p.birth_date),
        sex: p.sex,
        citizenship: p.citizenship,
        dossier_number: REDACTED.to_owned(),
    }
}

/// An event with its personal data replaced; ids, dates and kinds kept.
pub fn pseudonymise_event(e: &Event) -> Event {
    let kind = match &e.kind {
        EventKind::Registered {
            person,
            decision,
            destination,
            family,
            absconding_risk,
        } => EventKind::Registered {
            person: pseudonymise_person(person),
            decision: decision.clone(),
            destination: *destination,
            family: family.clone(),
            absconding_risk: *absconding_risk,
        },
        EventKind::HandoverReturned { handover, .. } => EventKind::HandoverReturned {
            handover: handover.clone(),
            reason: REDACTED.to_owned(),
        },
        other => other.clone(),
    };
    Event {
        kind,
        reason: e.reason.as_ref().map(|_| REDACTED.to_owned()),
        ..e.clone()
    }
}

fn closed_codes() -> Vec<&'static str> {
    Stage::ALL
        .iter()
        .filter(|s| s.is_closed())
        .map(|s| s.code())
        .collect()
}

impl Store {
    /// Closed cases whose last event is older than `closed_before` and that are
    /// not pseudonymised yet, in id order.
    pub async fn retention_candidates(&self, closed_before: Timestamp) -> Result<Vec<String>> {
        let stages = closed_codes()
            .iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT c.case_id FROM cases c WHERE c.stage IN ({stages}) \
             AND NOT EXISTS (SELECT 1 FROM pseudonymised p WHERE p.case_id = c.case_id) \
             AND (SELECT MAX(e.recorded_at) FROM events e WHERE e.case_id = c.case_id) < $1 \
             ORDER BY c.case_id"
        );
        let ids: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(codec::ts(closed_before))
            .fetch_all(&self.read)
            .await?;
        Ok(ids)
    }

    /// Is this case pseudonymised?
    pub async fn is_pseudonymised(&self, case_id: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pseudonymised WHERE case_id = $1")
            .bind(case_id.to_owned())
            .fetch_one(&self.read)
            .await?;
        Ok(n > 0)
    }

    /// Pseudonymises every candidate, one transaction per case (a crash leaves
    /// each case either wholly done or untouched). `progress` is called after each.
    pub async fn run_retention(
        &self,
        run: &RetentionRun,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<RetentionReport> {
        let ids = self.retention_candidates(run.closed_before).await?;
        let total = ids.len() as u64;
        let mut report = RetentionReport::default();
        for id in ids {
            report.events_rewritten += self.pseudonymise_case(&id, run).await?;
            report.cases += 1;
            progress(report.cases, total);
        }
        Ok(report)
    }

    async fn pseudonymise_case(&self, id: &str, run: &RetentionRun) -> Result<u64> {
        let mut tx = self.write.begin().await?;
        // Take the case row's lock (PostgreSQL); a closed case accepts no event anyway.
        let row = sqlx::query(
            "UPDATE cases SET version = version WHERE case_id = $1 RETURNING stage, state",
        )
        .bind(id.to_owned())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::corrupt(format!("case {id} vanished during retention")))?;
        let stage: String = get(&row, "stage")?;
        if !closed_codes().contains(&stage.as_str()) {
            return Err(StoreError::invalid_in(
                "case",
                "gate.store.case_open",
                &[("id", &id), ("stage", &stage)],
            ));
        }
        let old: Case = codec::from_json(&get::<String>(&row, "state")?)?;
        let rows = sqlx::query(
            "SELECT seq, case_id, version, event_type, payload, actor_user, actor_agency, recorded_at, reason FROM events WHERE case_id = $1 ORDER BY version",
        )
        .bind(id.to_owned())
        .fetch_all(&mut *tx)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        let mut rewritten = 0u64;
        for r in &rows {
            let stored = event_from_row(r)?;
            let new = pseudonymise_event(&stored.event);
            if new != stored.event {
                sqlx::query("UPDATE events SET payload = $1, reason = $2 WHERE seq = $3")
                    .bind(codec::json(&new.kind)?)
                    .bind(new.reason.clone())
                    .bind(codec::i64_of(stored.seq))
                    .execute(&mut *tx)
                    .await?;
                rewritten += 1;
            }
            events.push(new);
        }
        let case = Case::replay(&events)
            .map_err(|e| StoreError::corrupt(format!("case {id} does not replay: {e}")))?;
        let (before, after) = (columns(&old, &self.rules)?, columns(&case, &self.rules)?);
        if before.count_key() != after.count_key() || before.facility_id != after.facility_id {
            return Err(StoreError::corrupt(format!(
                "case {id}: pseudonymisation would move its statistics"
            )));
        }
        sqlx::query(
            "UPDATE cases SET state = $1, detention_limit = $2, ready_from = $3, ready_until = $4 WHERE case_id = $5",
        )
        .bind(after.state.clone())
        .bind(after.detention_limit)
        .bind(after.ready_from.clone())
        .bind(after.ready_until.clone())
        .bind(id.to_owned())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO pseudonymised (case_id, pseudonymised_at, closed_before, events_rewritten) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.to_owned())
        .bind(codec::ts(run.now))
        .bind(codec::ts(run.closed_before))
        .bind(codec::i64_of(rewritten))
        .execute(&mut *tx)
        .await?;
        append_audit(
            &mut tx,
            &self.sealer(),
            vec![AuditEntry {
                at: run.now,
                request_id: run.request_id.clone(),
                user: run.user.clone(),
                agency: run.agency.clone(),
                role: run.role.clone(),
                action: AuditAction::Write,
                case: Some(id.to_owned()),
                categories: vec![FieldCategory::Identity],
                legal_basis: vec![RETENTION_BASIS.to_owned()],
                purpose: RETENTION_PURPOSE.to_owned(),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(rewritten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opcentrum_domain::{ids::PersonId, person::Sex};

    #[test]
    fn identity_is_replaced_and_ids_kept() {
        let p = Person {
            id: PersonId::parse("P-77").unwrap(),
            given_name: "Amira".into(),
            family_name: "Haddad".into(),
            birth_date: Date::new(2009, 11, 30).unwrap(),
            sex: Sex::F,
            citizenship: opcentrum_domain::Country::parse("IQ").unwrap(),
            dossier_number: "9-123456".into(),
        };
        let q = pseudonymise_person(&p);
        assert_eq!(q.id, p.id);
        assert_eq!(q.given_name, PSEUDONYM_GIVEN_NAME);
        assert_eq!(q.family_name, "P-77");
        assert_eq!(q.birth_date, Date::new(2009, 1, 1).unwrap());
        assert_eq!(q.dossier_number, REDACTED);
        assert_eq!((q.sex, &q.citizenship), (p.sex, &p.citizenship));
        // Idempotent: a second run changes nothing.
        assert_eq!(pseudonymise_person(&q), q);
    }
}
