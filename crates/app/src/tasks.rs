//! "My tasks": the day's work of the reader's agency and role, as counts the
//! start page links to the list each one counts. Computed through the gate:
//! a task is offered only to a role the action catalogue gives the work, and
//! counted only over what the reader may read — a category the reader may
//! not read is never counted (a count of detained persons tells that they
//! are detained). Counts show no person, so they are not read records; the
//! lists they link to audit each person they show.

use crate::{App, AppResult, Caller};
use jiff::{SignedDuration, Timestamp};
use opcentrum_access::{
    CategoryOwners, FieldCategory, Principal,
    filter::{FilteredCase, SectionValue, filter_case, filterable},
};
use opcentrum_domain::{Agency, Case, Stage, event::HandoverKind};
use opcentrum_store::{CaseFilter, MAX_PAGE, WorkFilter};
use serde::Serialize;

/// A kind of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Handovers addressed to the reader's agency, to accept or return.
    Accept,
    /// Handovers the reader's agency proposed and got back, with a reason.
    Returned,
    /// Detained persons whose limit (a missed review included) falls soon.
    DetentionDue,
    /// Persons ready for a trip and not yet planned.
    ReadyToPlan,
    /// Persons back with NTE after a failed attempt, to plan again.
    FailedAttempt,
}

impl TaskKind {
    pub fn code(self) -> &'static str {
        match self {
            TaskKind::Accept => "accept",
            TaskKind::Returned => "returned",
            TaskKind::DetentionDue => "detention_due",
            TaskKind::ReadyToPlan => "ready_to_plan",
            TaskKind::FailedAttempt => "failed_attempt",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub kind: TaskKind,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tasks {
    pub agency: Agency,
    /// Limits within this many days count as due.
    pub due_days: i64,
    /// The tasks the reader's role works with, in a fixed order (zero counts
    /// included: the role has the work, there is none today).
    pub items: Vec<Task>,
}

impl Tasks {
    pub fn count(&self, kind: TaskKind) -> Option<u64> {
        self.items.iter().find(|t| t.kind == kind).map(|t| t.count)
    }
}

/// Does a returned handover wait for its sender, `agency`? The case is still
/// where the sender left it and nothing else is pending.
pub fn awaits_sender(case: &Case, agency: Agency) -> bool {
    let Some(r) = &case.last_returned_handover else {
        return false;
    };
    let at_sender = match r.kind {
        HandoverKind::ToPolice { .. } => case.stage == Stage::Final,
        HandoverKind::TransportRequest { .. } => case.stage == Stage::HandedOver,
    };
    r.kind.from_agency() == agency
        && case.responsible == agency
        && case.pending_handover.is_none()
        && at_sender
}

/// The detention limit of a filtered case as its reader may see it.
pub fn shown_limit(f: &FilteredCase) -> Option<Timestamp> {
    match f.visible(FieldCategory::Location) {
        Some(SectionValue::Location {
            detention: Some(_),
            detention_status: Some(st),
            ..
        }) => st.shown().and_then(|s| s.ends_at),
        _ => None,
    }
}

impl App {
    fn grants_event(&self, p: &Principal, events: &[&str]) -> bool {
        events.iter().any(|e| {
            self.catalogue
                .rows_of_event(e)
                .iter()
                .any(|r| r.by_hand() && r.grants(p))
        })
    }

    fn grants_row(&self, p: &Principal, row: &str) -> bool {
        self.catalogue.row(row).is_ok_and(|r| r.grants(p))
    }

    /// The detained persons the reader may see whose shown limit falls
    /// before `until` (the detention board's rows with `within`).
    pub(crate) fn due_of(
        &self,
        p: &Principal,
        cases: &[Case],
        until: Timestamp,
        now: Timestamp,
    ) -> Vec<FilteredCase> {
        let policy = self.policy.get();
        cases
            .iter()
            .filter(|c| {
                let owner = CategoryOwners::of_case(c).owner(FieldCategory::Location);
                policy.decide(p, FieldCategory::Location, owner).allowed
            })
            .map(|c| filter_case(&policy, p, c, now, self.store.rules()))
            .filter(|f| shown_limit(f).is_some_and(|l| l <= until))
            .collect()
    }

    /// The reader's tasks. A reader who may not read cases has none (and no
    /// refusal is recorded: nothing was asked for).
    pub async fn tasks(&self, caller: &Caller, due_days: i64) -> AppResult<Tasks> {
        let Some(p) = caller.principal() else {
            return Err(crate::AppError::internal("tasks for a non-user"));
        };
        let agency = p.agency;
        let mut items = Vec::new();
        if !self.grants_row(p, "cases.read") {
            return Ok(Tasks {
                agency,
                due_days,
                items,
            });
        }
        let operational = Agency::OPERATIONAL.contains(&agency);
        let policy = self.policy.get();
        let now = self.clock.now();
        let today = self.clock.today();
        if operational && self.grants_event(p, &["handover_accepted", "handover_returned"]) {
            let n = self.store.inbox(agency, MAX_PAGE).await?.len();
            items.push(Task {
                kind: TaskKind::Accept,
                count: n as u64,
            });
        }
        if operational && self.grants_event(p, &["handover_proposed"]) {
            let n = self
                .store
                .returned_handovers(MAX_PAGE)
                .await?
                .iter()
                .filter(|c| awaits_sender(c, agency))
                .count();
            items.push(Task {
                kind: TaskKind::Returned,
                count: n as u64,
            });
        }
        if self.grants_event(
            p,
            &[
                "detention_reviewed",
                "detention_extended",
                "detention_ended",
            ],
        ) {
            let until = now
                .checked_add(SignedDuration::from_hours(24 * due_days))
                .unwrap_or(now);
            let detained = self.store.detained(MAX_PAGE).await?;
            let n = self.due_of(p, &detained, until, now).len();
            items.push(Task {
                kind: TaskKind::DetentionDue,
                count: n as u64,
            });
        }
        let planner = self.grants_row(p, "trips.plan");
        if planner && filterable(&policy, p, "ready").is_ok() {
            let n = self
                .store
                .count_matching(&ready_filter(), &WorkFilter::default(), today)
                .await?;
            items.push(Task {
                kind: TaskKind::ReadyToPlan,
                count: n,
            });
        }
        if (planner || self.grants_event(p, &["attempt_failed"]))
            && policy.readable_for_every_owner(p, FieldCategory::Trip)
        {
            let n = self
                .store
                .count_matching(&failed_filter(), &failed_work(), today)
                .await?;
            items.push(Task {
                kind: TaskKind::FailedAttempt,
                count: n,
            });
        }
        Ok(Tasks {
            agency,
            due_days,
            items,
        })
    }
}

/// The cases of the "ready to plan" task (the case list's `ready=true&stage=transport_requested`).
pub fn ready_filter() -> CaseFilter {
    CaseFilter {
        ready: Some(true),
        stage: Some(Stage::TransportRequested),
        ..CaseFilter::default()
    }
}

/// The cases of the "failed attempt" task (`failed=true&stage=transport_requested`).
pub fn failed_filter() -> CaseFilter {
    CaseFilter {
        stage: Some(Stage::TransportRequested),
        ..CaseFilter::default()
    }
}

pub fn failed_work() -> WorkFilter {
    WorkFilter {
        identity: None,
        failed_attempt: Some(true),
    }
}

impl App {
    /// The detention board of the "detention due" task: the detained persons
    /// the reader may see whose shown limit falls within `days`, nearest
    /// first, each read audited.
    pub async fn detention_due(
        &self,
        caller: &Caller,
        days: i64,
    ) -> AppResult<crate::detention::DetentionBoard> {
        self.allow(caller, "cases.read", None).await?;
        let p = caller
            .principal()
            .ok_or_else(|| crate::AppError::internal("a detention board for a non-user"))?;
        let now = self.clock.now();
        let until = now
            .checked_add(SignedDuration::from_hours(24 * days))
            .unwrap_or(now);
        let (cases, facilities) =
            tokio::try_join!(self.store.detained(MAX_PAGE), self.store.facilities())?;
        let detained = self.due_of(p, &cases, until, now);
        let records: Vec<_> = detained
            .iter()
            .map(|f| crate::audit::read_of(caller, f, &[], "detention board", now))
            .collect();
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(crate::detention::DetentionBoard {
            facilities,
            detained,
        })
    }
}
