//! Recording on a case: registering a new case and appending an event.
//!
//! The gate's order: the event type's catalogue rows (before the case is
//! read), the stale-version check, the exact row on this case (conditions,
//! readable categories), a trip that exists and has departed for
//! `executed` (on a charter, with its monitoring body notified), a second person where the row asks for one, and only then the
//! lifecycle (`decide`, in the store's transaction), whose refusal is shown
//! only as far as the caller may read what it speaks of. Every write and
//! every refusal is audited in the same call.

use super::{PURPOSE_CASEWORK, case_id};
use crate::{
    App, AppError, AppResult, Caller,
    audit::entry,
    gate::{Clearance, registers_own},
    text::{ByLang, reasons},
};
use opcentrum_access::{
    CategoryOwners, FieldCategory,
    audit::AuditAction,
    catalogue::{Condition, SecondPerson},
    category::categories_of_event,
    filter::FilteredCase,
};
use opcentrum_domain::{
    Case, Event, EventKind,
    decide::{TripView, monitor_condition},
    ids::CaseId,
};
use opcentrum_store::{NewEvent, NewPending};
use serde::{Deserialize, Serialize};

/// A new case: the `registered` event, an optional case id (the store numbers
/// it otherwise) and a reason.
#[derive(Debug, Clone)]
pub struct Registration {
    pub case_id: Option<CaseId>,
    pub event: EventKind,
    pub reason: Option<String>,
}

/// A write's result: its place in the log and the case after it, as the
/// writer may see it.
#[derive(Debug, Serialize)]
pub struct Recorded {
    pub seq: u64,
    #[serde(flatten)]
    pub case: FilteredCase,
}

/// What became of an event: recorded now, or kept for a second person.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    Recorded(Recorded),
    Pending(crate::pending::PendingView),
}

/// A family member on whose case the same event is recorded in the same
/// transaction (`detention_started` only): a child and the guardian held with
/// it are detained in one write (UtlL 10 kap. 3 §), as neither may be alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Together {
    /// The member's case id (of the same family).
    pub case: String,
    /// The member's case version the caller read.
    pub expected_version: u64,
}

/// What a pending two-person event holds until it is decided.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PendingEvent {
    pub expected_version: u64,
    pub event: EventKind,
    pub reason: Option<String>,
}

impl App {
    /// Registers a new case.
    pub async fn register(&self, caller: &Caller, r: Registration) -> AppResult<Recorded> {
        let row = self.allow(caller, "registered", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("registration by a non-user"))?;
        let actor = caller
            .actor()
            .ok_or_else(|| AppError::internal("registration by a non-user"))?;
        let now = self.clock.now();
        if !registers_own(principal, &r.event) {
            let c = Condition::RegistersOwnDecision;
            self.audit_refusal(caller, row.id, None, row.writes, c.text_en())
                .await;
            let (reason_en, reason_sv) = reasons(
                "gate.gate.condition_unmet",
                &[
                    ("action", &ByLang(row.name_en(), row.name_sv())),
                    ("condition", &ByLang(c.text_en(), c.text_sv())),
                    ("row", &row.id),
                ],
            );
            return Err(AppError::Forbidden {
                row: row.id.into(),
                reason_en,
                reason_sv,
                field: Some("decision.decided_by".into()),
            });
        }
        // The new case as it would stand, for the categories its registrar
        // must be able to read.
        let draft = Event {
            case: match &r.case_id {
                Some(id) => id.clone(),
                None => CaseId::parse("UT-DRAFT").map_err(AppError::internal)?,
            },
            version: 1,
            kind: r.event.clone(),
            actor: actor.clone(),
            recorded_at: now,
            reason: None,
        };
        if let Ok(case) = Case::from_registered(&draft) {
            self.check_readable(caller, row, &case, categories_of_event(&r.event))
                .await?;
        }
        let audit = entry(
            caller,
            AuditAction::Write,
            None,
            categories_of_event(&r.event).to_vec(),
            vec![],
            PURPOSE_CASEWORK,
            now,
        );
        let done = self
            .store
            .create_case(
                r.case_id,
                NewEvent {
                    kind: r.event,
                    actor,
                    reason: r.reason,
                    audit: Some(audit),
                },
                now,
            )
            .await?;
        let case = self.show(caller, principal, &done.case).await?;
        Ok(Recorded {
            seq: done.seq,
            case,
        })
    }

    /// Appends an event to a case read at `expected_version`.
    pub async fn record(
        &self,
        caller: &Caller,
        id: &str,
        expected_version: u64,
        event: EventKind,
        reason: Option<String>,
    ) -> AppResult<Outcome> {
        self.record_together(caller, id, expected_version, event, reason, &[])
            .await
    }

    /// Appends an event to a case and, for `detention_started`, the same event
    /// to the family members in `together`, all in one transaction or none;
    /// each member passes the gate on its own case.
    pub async fn record_together(
        &self,
        caller: &Caller,
        id: &str,
        expected_version: u64,
        event: EventKind,
        reason: Option<String>,
        together: &[Together],
    ) -> AppResult<Outcome> {
        let id = case_id(id)?;
        if !together.is_empty() && !matches!(event, EventKind::DetentionStarted { .. }) {
            let (en, sv) = reasons("gate.record.together_detention_only", &[]);
            return Err(AppError::invalid_in("together", en, sv));
        }
        self.allow_event_type(caller, &event, &id).await?;
        let case = self
            .store
            .case(&id)
            .await?
            .ok_or_else(|| AppError::not_found("gate.error.no_case", &[("id", &id)]))?;
        if case.version != expected_version {
            return Err(AppError::stale(
                "gate.error.stale",
                &[
                    ("id", &id),
                    ("actual", &case.version),
                    ("expected", &expected_version),
                ],
            ));
        }
        let (row, clearance) = self.allow_event_on(caller, &event, &case).await?;
        if row.conditions.contains(&Condition::TripDeparted) {
            self.check_trip_departed(caller, row.id, &case, &event)
                .await?;
        }
        if let Clearance::SecondPerson(second) = clearance {
            return self
                .propose_pending(
                    caller,
                    row.id,
                    &case,
                    second,
                    expected_version,
                    event,
                    reason,
                )
                .await
                .map(Outcome::Pending);
        }
        let family = if together.is_empty() {
            self.travelling_family(caller, &case, &event).await?
        } else {
            self.together_members(caller, &case, &event, together)
                .await?
        };
        self.append_checked(caller, &case, expected_version, &family, event, reason)
            .await
            .map(Outcome::Recorded)
    }

    /// The members named in `together`: each another open case of the same
    /// family, at the version the caller read, through the gate on its own
    /// case. A case that does not exist and one of another family answer
    /// alike, so that `together` tells nothing of cases outside the family.
    async fn together_members(
        &self,
        caller: &Caller,
        case: &Case,
        event: &EventKind,
        together: &[Together],
    ) -> AppResult<Vec<Case>> {
        const MAX_TOGETHER: usize = 12;
        if together.len() > MAX_TOGETHER {
            let (en, sv) = reasons("gate.record.together_too_many", &[("max", &MAX_TOGETHER)]);
            return Err(AppError::invalid_in("together", en, sv));
        }
        let mut members: Vec<Case> = Vec::new();
        for (i, t) in together.iter().enumerate() {
            let field = format!("together[{i}].case");
            let not_member = || {
                let (en, sv) = reasons(
                    "gate.record.not_family_member",
                    &[("member", &t.case), ("case", &case.id)],
                );
                AppError::invalid_in(&field, en, sv)
            };
            let Ok(mid) = CaseId::parse(t.case.clone()) else {
                return Err(not_member());
            };
            if mid == case.id || members.iter().any(|m| m.id == mid) {
                return Err(not_member());
            }
            let member = match (&case.family, self.store.case(&mid).await?) {
                (Some(f), Some(m)) if m.family.as_ref() == Some(f) && !m.is_closed() => m,
                _ => return Err(not_member()),
            };
            if member.version != t.expected_version {
                return Err(AppError::stale(
                    "gate.error.stale",
                    &[
                        ("id", &mid),
                        ("actual", &member.version),
                        ("expected", &t.expected_version),
                    ],
                ));
            }
            self.allow_event_on(caller, event, &member).await?;
            members.push(member);
        }
        Ok(members)
    }

    /// The other open members of the case's family on the same trip, when the
    /// event ends the trip for the person (`executed`, `attempt_failed`): a
    /// family travels, and fails to, as one (DESIGN.md, families; barnets
    /// bästa, UtlL 1 kap. 10 §). Each passes the gate on its own case.
    async fn travelling_family(
        &self,
        caller: &Caller,
        case: &Case,
        event: &EventKind,
    ) -> AppResult<Vec<Case>> {
        let trip = match event {
            EventKind::Executed { trip, .. } | EventKind::AttemptFailed { trip, .. } => trip,
            _ => return Ok(vec![]),
        };
        let Some(family) = &case.family else {
            return Ok(vec![]);
        };
        let mut others = Vec::new();
        for member in self.store.family(family).await? {
            let on_trip = member.trip.as_ref().is_some_and(|t| &t.trip == trip);
            if member.id == case.id || member.is_closed() || !on_trip {
                continue;
            }
            self.allow_event_on(caller, event, &member).await?;
            others.push(member);
        }
        Ok(others)
    }

    /// The append itself, after the gate: the event for the case (and the
    /// rest of its family on the trip, when `family` names them) in one
    /// transaction, all or none; the store decides, its refusal is redacted
    /// for the caller and audited, the case after it is shown and audited.
    pub(crate) async fn append_checked(
        &self,
        caller: &Caller,
        case: &Case,
        expected_version: u64,
        family: &[Case],
        event: EventKind,
        reason: Option<String>,
    ) -> AppResult<Recorded> {
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("an append by a non-user"))?;
        let actor = caller
            .actor()
            .ok_or_else(|| AppError::internal("an append by a non-user"))?;
        let now = self.clock.now();
        let members =
            std::iter::once((case, expected_version)).chain(family.iter().map(|m| (m, m.version)));
        let writes = members
            .map(|(c, version)| opcentrum_store::PlannedWrite {
                case: c.id.clone(),
                expected_version: version,
                event: NewEvent {
                    kind: event.clone(),
                    actor: actor.clone(),
                    reason: reason.clone(),
                    audit: Some(entry(
                        caller,
                        AuditAction::Write,
                        Some(c.id.to_string()),
                        categories_of_event(&event).to_vec(),
                        vec![],
                        PURPOSE_CASEWORK,
                        now,
                    )),
                },
            })
            .collect();
        let done = match self.store.append_many(writes, now).await {
            Ok(d) => d,
            Err(opcentrum_store::StoreError::Refused(t)) => {
                let rule = format!("{:?}", t.rule);
                let e = self.redact(caller, case, t);
                self.audit_refusal(
                    caller,
                    "law",
                    Some(case.id.as_str()),
                    &[],
                    &format!("{rule}: {e}"),
                )
                .await;
                return Err(e);
            }
            Err(e) => return Err(e.into()),
        };
        let first = done
            .into_iter()
            .next()
            .ok_or_else(|| AppError::internal("an append recorded nothing"))?;
        let shown = self.show(caller, principal, &first.case).await?;
        Ok(Recorded {
            seq: first.seq,
            case: shown,
        })
    }

    /// The caller may read each category the row writes in this case.
    async fn check_readable(
        &self,
        caller: &Caller,
        row: &opcentrum_access::ActionRow,
        case: &Case,
        writes: &[FieldCategory],
    ) -> AppResult<()> {
        let Some(principal) = caller.principal() else {
            return Ok(());
        };
        let owners = CategoryOwners::of_case(case);
        let policy = self.policy.get();
        for c in writes {
            if !policy.decide(principal, *c, owners.owner(*c)).allowed {
                let (en, sv) = reasons(
                    "gate.record.may_not_record_unreadable",
                    &[
                        ("action", &ByLang(row.name_en(), row.name_sv())),
                        ("category", &ByLang(c.code(), c.name_sv().to_lowercase())),
                        ("row", &row.id),
                    ],
                );
                self.audit_refusal(caller, row.id, None, row.writes, &en)
                    .await;
                return Err(AppError::Forbidden {
                    row: row.id.into(),
                    reason_en: en,
                    reason_sv: sv,
                    field: None,
                });
            }
        }
        Ok(())
    }

    /// `executed` only on a trip that exists, on or after its day, and on a
    /// charter only once its monitoring body was notified.
    async fn check_trip_departed(
        &self,
        caller: &Caller,
        row: &str,
        case: &Case,
        event: &EventKind,
    ) -> AppResult<()> {
        let EventKind::Executed { trip, on } = event else {
            return Ok(());
        };
        let offer = self.store.trip_offer(trip).await?;
        let problem = match &offer {
            None => Some((
                "event.trip",
                reasons("gate.record.no_trip", &[("trip", trip)]),
            )),
            Some(o) if *on < o.date => Some((
                "event.on",
                reasons(
                    "gate.record.before_departure",
                    &[("trip", trip), ("departs", &o.date), ("on", on)],
                ),
            )),
            Some(_) => None,
        };
        if let Some((field, (reason, reason_sv))) = problem {
            self.audit_refusal(
                caller,
                row,
                Some(case.id.as_str()),
                &[FieldCategory::Trip],
                &reason,
            )
            .await;
            return Err(AppError::invalid_in(field, reason, reason_sv));
        }
        let Some(offer) = offer else {
            return Ok(());
        };
        // The forced-return monitor (direktiv 2008/115/EG art. 8.6): on a
        // charter, only once the monitoring body was notified.
        let crew = self.store.trip_crew(trip).await?;
        let view = TripView {
            kind: offer.kind,
            departure: offer.date,
            crew: crew.as_ref().map(|c| &c.crew),
        };
        if let Err(t) = monitor_condition(event, view, self.store.rules()) {
            let rule = format!("{:?}", t.rule);
            let e = self.redact(caller, case, t);
            self.audit_refusal(
                caller,
                "law",
                Some(case.id.as_str()),
                &[FieldCategory::Trip],
                &format!("{rule}: {e}"),
            )
            .await;
            return Err(e);
        }
        Ok(())
    }

    /// Keeps a two-person event pending for its approver.
    #[allow(clippy::too_many_arguments)]
    async fn propose_pending(
        &self,
        caller: &Caller,
        row: &'static str,
        case: &Case,
        second: SecondPerson,
        expected_version: u64,
        event: EventKind,
        reason: Option<String>,
    ) -> AppResult<crate::pending::PendingView> {
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a pending action by a non-user"))?;
        let now = self.clock.now();
        let body = serde_json::to_value(PendingEvent {
            expected_version,
            event,
            reason,
        })
        .map_err(AppError::internal)?;
        let audit = entry(
            caller,
            AuditAction::Write,
            Some(case.id.to_string()),
            vec![FieldCategory::Decision],
            vec![],
            &format!("proposed {row}, for a {}'s approval", second.role.code()),
            now,
        );
        let p = self
            .store
            .insert_pending(
                NewPending {
                    kind: "event".into(),
                    row_id: row.into(),
                    case: Some(case.id.clone()),
                    proposed_by: principal.user.to_string(),
                    proposed_agency: principal.agency,
                    body,
                },
                Some(audit),
                now,
            )
            .await?;
        Ok(crate::pending::PendingView::of(&p, second.role))
    }
}
