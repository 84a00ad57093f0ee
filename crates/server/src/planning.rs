//! The trip planner in the service: build the scenario from the store, run the
//! planner, keep the proposal for a named trip planner's decision, turn an
//! approval into `planned`/`unplanned` events, and re-plan incrementally when
//! an event takes a planned person off a trip (the re-plan waits for approval).
//!
//! The planning itself is the pure `opcentrum-planner` crate; this module only
//! loads, stores and translates.

use crate::state::AppState;
use jiff::{ToSpan, civil::Date};
use opcentrum_access::audit::{AuditAction, AuditEntry};
use opcentrum_domain::{
    Actor, Case, EventKind, Stage,
    ids::{CaseId, TripId, UserName},
};
use opcentrum_planner::{
    BuiltScenario, CaseInputs, Change, Options, Params, Plan, Scenario, Unplanned, replan,
    scenario_from_cases, validate,
};
use opcentrum_store::{
    DecisionError, NewEvent, NewProposal, PlannedWrite, ProposalKind, ProposalRecord, StoreError,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// The user the automatic re-planner records proposals as (a proposal is not
/// a decision; only a named human approves).
pub const REPLANNER: &str = "planner";

/// What a proposal holds: the scenario it was planned on, the plan, who was
/// held back before planning, and, for a re-plan, what changes and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProposalBody {
    pub scenario: Scenario,
    pub plan: Plan,
    pub held_back: Vec<Unplanned>,
    /// The case versions the plan was made on: an approval refuses any case
    /// that changed since (the approver must see what they approve).
    pub versions: BTreeMap<String, u64>,
    /// Re-plan: each person's change against the approved plan.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Re-plan: the events that caused it.
    #[serde(default)]
    pub causes: Vec<Cause>,
    /// Left out by the trip planner's hand (an adjusted proposal), with their
    /// families: kept off every trip of this proposal.
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
}

/// A person the trip planner left out of a proposal by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub person: String,
    /// Who left them out.
    pub by: String,
    /// Set when the person goes with a family member who was left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
}

/// An event that took a planned person off a trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    pub case: String,
    pub trip: String,
    /// The event type, e.g. `absconded`, `impediment_lodged`, `fitness_assessed`.
    pub event: String,
    pub at: jiff::Timestamp,
}

/// Why planning could not run.
#[derive(Debug, thiserror::Error)]
pub enum PlanningError {
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Decision(#[from] DecisionError),
    #[error("the proposal's body is not a plan this server reads: {0}")]
    Body(String),
    #[error("the planner stopped unexpectedly")]
    Join,
}

/// A planning run the trip planner asks for.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    pub horizon_start: Date,
    pub horizon_days: u32,
    pub time_limit: Duration,
    pub params: Params,
    /// Persons the trip planner leaves out by hand (their families go with
    /// them); each must be a person of the built scenario.
    pub leave_out: BTreeSet<String>,
}

fn horizon_end(start: Date, days: u32) -> Date {
    start
        .checked_add(i64::from(days.max(1) - 1).days())
        .unwrap_or(start)
}

/// Loads cases, offers and roster and builds the (validated) scenario. Cases
/// already planned on a trip outside the horizon keep their plan and are left out.
pub async fn build(
    state: &AppState,
    start: Date,
    days: u32,
    params: &Params,
) -> Result<(BuiltScenario, BTreeMap<String, u64>), PlanningError> {
    if days == 0 || days > 366 {
        return Err(PlanningError::Invalid {
            field: "horizon_days".into(),
            reason: format!("must be between 1 and 366, found {days}"),
        });
    }
    let end = horizon_end(start, days);
    let cases: Vec<Case> = state
        .store
        .planning_cases()
        .await?
        .into_iter()
        .filter(|c| {
            c.trip
                .as_ref()
                .is_none_or(|t| start <= t.date && t.date <= end)
        })
        .collect();
    let offers = state.store.trip_offers(start, end).await?;
    let roster = state.store.escorts().await?;
    let built = scenario_from_cases(&CaseInputs {
        horizon_start: start,
        horizon_days: days,
        params,
        cases: &cases,
        offers: &offers,
        roster: &roster,
        rules: state.store.rules(),
    });
    validate(&built.scenario).map_err(|e| PlanningError::Invalid {
        field: e.path.clone(),
        reason: e.reason.clone(),
    })?;
    let versions = cases
        .iter()
        .map(|c| (c.id.to_string(), c.version))
        .collect();
    Ok((built, versions))
}

async fn run_planner(scenario: Scenario, limit: Duration) -> Result<Plan, PlanningError> {
    tokio::task::spawn_blocking(move || {
        opcentrum_planner::plan(
            &scenario,
            &Options {
                time_limit: limit,
                exact: true,
            },
            &mut |_| {},
        )
    })
    .await
    .map_err(|_| PlanningError::Join)
}

/// Plans the horizon and stores the proposal (pending).
pub async fn propose(
    state: &AppState,
    by: &UserName,
    req: &PlanRequest,
) -> Result<ProposalRecord, PlanningError> {
    let (mut built, versions) =
        build(state, req.horizon_start, req.horizon_days, &req.params).await?;
    let left_out = leave_out(&mut built.scenario, &req.leave_out, by)?;
    let plan = run_planner(built.scenario.clone(), req.time_limit).await?;
    let body = ProposalBody {
        scenario: built.scenario,
        plan,
        held_back: built.held_back,
        versions,
        changes: Vec::new(),
        causes: Vec::new(),
        left_out,
    };
    let stored = state
        .store
        .insert_proposal(
            NewProposal {
                kind: ProposalKind::Plan,
                created_by: by.to_string(),
                horizon_start: req.horizon_start,
                horizon_days: req.horizon_days,
                based_on: None,
                trigger_key: None,
                body: serde_json::to_value(&body)
                    .map_err(|e| PlanningError::Body(e.to_string()))?,
            },
            state.clock.now(),
        )
        .await?;
    stored.ok_or_else(|| PlanningError::Body("the proposal was not stored".into()))
}

/// Takes the persons `names` and their family members out of the scenario
/// (families stay together), naming who left them out.
fn leave_out(
    scenario: &mut Scenario,
    names: &BTreeSet<String>,
    by: &UserName,
) -> Result<Vec<LeftOut>, PlanningError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    for n in names {
        if !scenario.persons.iter().any(|p| &p.id == n) {
            return Err(PlanningError::Invalid {
                field: "leave_out".into(),
                reason: format!("{n} is not among the persons this plan can move"),
            });
        }
    }
    let families: BTreeMap<String, String> = scenario
        .persons
        .iter()
        .filter(|p| names.contains(&p.id))
        .filter_map(|p| p.family.clone().map(|f| (f, p.id.clone())))
        .collect();
    let mut out = Vec::new();
    scenario.persons.retain(|p| {
        let chosen = names.contains(&p.id);
        let with = p
            .family
            .as_ref()
            .and_then(|f| families.get(f))
            .filter(|m| **m != p.id)
            .cloned();
        if chosen || with.is_some() {
            out.push(LeftOut {
                person: p.id.clone(),
                by: by.to_string(),
                with: if chosen { None } else { with },
            });
            false
        } else {
            true
        }
    });
    Ok(out)
}

pub fn body_of(p: &ProposalRecord) -> Result<ProposalBody, PlanningError> {
    serde_json::from_value(p.body.clone()).map_err(|e| PlanningError::Body(e.to_string()))
}

/// The events that make the store match the proposal's plan, case by case:
/// `unplanned` from a trip the plan no longer has the person on, `planned` on
/// the trip it has. Each carries the approver as actor and its audit record.
pub fn writes_for(
    body: &ProposalBody,
    current: &BTreeMap<String, Case>,
    actor: &Actor,
    audit: &(dyn Fn(&str, AuditAction) -> AuditEntry + Sync),
    reason: &str,
) -> Result<Vec<PlannedWrite>, PlanningError> {
    let dates: BTreeMap<&str, Date> = body
        .scenario
        .charters
        .iter()
        .map(|c| (c.id.as_str(), c.date))
        .chain(
            body.scenario
                .flights
                .iter()
                .map(|f| (f.id.as_str(), f.date)),
        )
        .collect();
    let target: BTreeMap<&str, &str> = body
        .plan
        .trips
        .iter()
        .flat_map(|t| t.persons.iter().map(|p| (p.as_str(), t.trip.as_str())))
        .collect();
    let persons: BTreeSet<&str> = body
        .scenario
        .persons
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let mut out = Vec::new();
    for id in persons {
        let case = current.get(id).ok_or_else(|| PlanningError::Invalid {
            field: "proposal".into(),
            reason: format!("case {id} is no longer in the store"),
        })?;
        let seen = body.versions.get(id).copied().unwrap_or(case.version);
        let case_id = case.id.clone();
        let now_on = case
            .trip
            .as_ref()
            .filter(|_| case.stage == Stage::Planned)
            .map(|t| t.trip.to_string());
        let want = target.get(id).copied();
        if now_on.as_deref() == want {
            continue;
        }
        let mut version = seen;
        if let Some(old) = &now_on {
            out.push(PlannedWrite {
                case: case_id.clone(),
                expected_version: version,
                event: NewEvent {
                    kind: EventKind::Unplanned {
                        trip: TripId::parse(old.clone())
                            .map_err(|e| PlanningError::Body(e.to_string()))?,
                    },
                    actor: actor.clone(),
                    reason: Some(reason.to_owned()),
                    audit: Some(audit(id, AuditAction::Write)),
                },
            });
            version += 1;
        }
        if let Some(trip) = want {
            let date = dates.get(trip).copied().ok_or_else(|| {
                PlanningError::Body(format!("trip {trip} is not in the proposal's scenario"))
            })?;
            out.push(PlannedWrite {
                case: case_id,
                expected_version: version,
                event: NewEvent {
                    kind: EventKind::Planned {
                        trip: TripId::parse(trip.to_owned())
                            .map_err(|e| PlanningError::Body(e.to_string()))?,
                        trip_date: date,
                    },
                    actor: actor.clone(),
                    reason: Some(reason.to_owned()),
                    audit: Some(audit(id, AuditAction::Write)),
                },
            });
        }
    }
    Ok(out)
}

/// Approves a pending proposal: one transaction writes every event and the
/// decision. Returns the number of events written.
pub async fn approve(
    state: &AppState,
    id: &str,
    actor: &Actor,
    audit: &(dyn Fn(&str, AuditAction) -> AuditEntry + Sync),
) -> Result<(ProposalRecord, usize), PlanningError> {
    let proposal = state
        .store
        .proposal(id)
        .await?
        .ok_or_else(|| DecisionError::NotFound(id.to_owned()))?;
    let body = body_of(&proposal)?;
    let mut current = BTreeMap::new();
    for p in &body.scenario.persons {
        let case_id =
            CaseId::parse(p.id.clone()).map_err(|e| PlanningError::Body(e.to_string()))?;
        if let Some(c) = state.store.case(&case_id).await? {
            current.insert(p.id.clone(), c);
        }
    }
    let reason = format!("trip plan {id} approved by {}", actor.user);
    let writes = writes_for(&body, &current, actor, audit, &reason)?;
    let n = writes.len();
    state
        .store
        .approve_proposal(id, actor.user.as_str(), writes, state.clock.now())
        .await?;
    let decided = state
        .store
        .proposal(id)
        .await?
        .ok_or_else(|| DecisionError::NotFound(id.to_owned()))?;
    Ok((decided, n))
}

/// Re-plans the approved plan if events took planned persons off its trips
/// and no proposal for exactly those events exists yet. Several servers may
/// run this at once: the trigger key lets only one proposal be stored.
pub async fn replan_once(state: &AppState) -> Result<Option<ProposalRecord>, PlanningError> {
    let Some(approved) = state.store.approved_proposal().await? else {
        return Ok(None);
    };
    let approved_body = body_of(&approved)?;
    let trips: BTreeSet<&str> = approved_body
        .plan
        .trips
        .iter()
        .map(|t| t.trip.as_str())
        .collect();
    let affected: Vec<Case> = state
        .store
        .taken_off_trips()
        .await?
        .into_iter()
        .filter(|c| {
            c.replan_needed
                .as_ref()
                .is_some_and(|r| trips.contains(r.trip.as_str()))
        })
        .collect();
    if affected.is_empty() {
        return Ok(None);
    }
    let causes: Vec<Cause> = affected
        .iter()
        .filter_map(|c| {
            c.replan_needed.as_ref().map(|r| Cause {
                case: c.id.to_string(),
                trip: r.trip.to_string(),
                event: r.cause.clone(),
                at: r.at,
            })
        })
        .collect();
    let key = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(approved.id.as_bytes());
        for c in &affected {
            h.update(format!("|{}@{}", c.id, c.version).as_bytes());
        }
        format!("replan:{}", hex::encode(h.finalize()))
    };
    let today = state.clock.today();
    let end = horizon_end(approved.horizon_start, approved.horizon_days);
    if end < today {
        return Ok(None);
    }
    let start = approved.horizon_start.max(today);
    let days = u32::try_from((end - start).get_days() + 1).unwrap_or(1);
    let (built, versions) = build(state, start, days, &approved_body.scenario.params).await?;
    // The approved plan as it stands: persons since executed or closed are not
    // "removed" by the re-plan, they are done.
    let mut base = approved_body.plan.clone();
    let open: BTreeSet<&str> = built
        .scenario
        .persons
        .iter()
        .map(|p| p.id.as_str())
        .chain(affected.iter().map(|c| c.id.as_str()))
        .collect();
    for t in &mut base.trips {
        t.persons.retain(|p| open.contains(p.as_str()));
    }
    base.trips.retain(|t| !t.persons.is_empty());
    let scenario = built.scenario.clone();
    let r = tokio::task::spawn_blocking(move || replan(&scenario, &base))
        .await
        .map_err(|_| PlanningError::Join)?;
    let body = ProposalBody {
        scenario: built.scenario,
        plan: r.plan,
        held_back: built.held_back,
        versions,
        changes: r.changes,
        causes,
        left_out: Vec::new(),
    };
    let stored = state
        .store
        .insert_proposal(
            NewProposal {
                kind: ProposalKind::Replan,
                created_by: REPLANNER.to_owned(),
                horizon_start: start,
                horizon_days: days,
                based_on: Some(approved.id.clone()),
                trigger_key: Some(key),
                body: serde_json::to_value(&body)
                    .map_err(|e| PlanningError::Body(e.to_string()))?,
            },
            state.clock.now(),
        )
        .await?;
    if let Some(p) = &stored {
        tracing::info!(proposal = %p.id, based_on = %approved.id, "re-plan proposed");
    }
    Ok(stored)
}

/// Watches the event log and re-plans after events that touch planned
/// persons. Runs for the life of the server.
pub fn spawn_replanner(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let (tx, mut rx) = tokio::sync::watch::channel(0u64);
        let _watch = state.store.spawn_watch(tx);
        loop {
            if rx.changed().await.is_err() {
                return;
            }
            // Let a burst of events settle into one re-plan.
            tokio::time::sleep(Duration::from_millis(300)).await;
            rx.borrow_and_update();
            if let Err(e) = replan_once(&state).await {
                tracing::warn!(error = %e, "re-planning failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use opcentrum_domain::country::Country;
    use opcentrum_planner::{Person, Sex, default_params};

    fn person(id: &str, family: Option<&str>) -> Person {
        Person {
            id: id.into(),
            family: family.map(str::to_owned),
            destination: Country::parse("IQ").unwrap_or_else(|e| panic!("{e:?}")),
            sex: Sex::F,
            escorted: false,
            detained: false,
            ready_from: "2026-12-01".parse().unwrap_or_else(|e| panic!("{e}")),
            must_leave_by: None,
        }
    }

    fn scenario() -> Scenario {
        Scenario {
            format: "opcentrum-trip-planning/1".into(),
            horizon_start: "2026-12-01".parse().unwrap_or_else(|e| panic!("{e}")),
            horizon_days: 28,
            params: default_params(),
            persons: vec![
                person("UT-1", None),
                person("UT-2", Some("FAM-A")),
                person("UT-3", Some("FAM-A")),
                person("UT-4", Some("FAM-B")),
            ],
            charters: vec![],
            flights: vec![],
            escorts: vec![],
        }
    }

    #[test]
    fn leaving_out_one_family_member_leaves_out_the_family() {
        let by = UserName::parse("nte.planner").unwrap_or_else(|e| panic!("{e}"));
        let mut s = scenario();
        let names: BTreeSet<String> = ["UT-2".to_owned()].into();
        let out = leave_out(&mut s, &names, &by).unwrap_or_else(|e| panic!("{e}"));
        let left: Vec<&str> = s.persons.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(left, ["UT-1", "UT-4"]);
        assert_eq!(
            out,
            [
                LeftOut {
                    person: "UT-2".into(),
                    by: "nte.planner".into(),
                    with: None
                },
                LeftOut {
                    person: "UT-3".into(),
                    by: "nte.planner".into(),
                    with: Some("UT-2".into())
                },
            ]
        );
    }

    #[test]
    fn leaving_out_someone_not_in_the_scenario_names_the_field() {
        let by = UserName::parse("nte.planner").unwrap_or_else(|e| panic!("{e}"));
        let mut s = scenario();
        let names: BTreeSet<String> = ["UT-9".to_owned()].into();
        match leave_out(&mut s, &names, &by) {
            Err(PlanningError::Invalid { field, .. }) => assert_eq!(field, "leave_out"),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.persons.len(), 4, "nothing removed");
        let nobody = BTreeSet::new();
        assert!(
            leave_out(&mut s, &nobody, &by)
                .unwrap_or_else(|e| panic!("{e}"))
                .is_empty()
        );
        assert_eq!(s.persons.len(), 4);
    }
}
