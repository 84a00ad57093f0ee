//! A planning run: the scenario from the store, the planner on a blocking
//! thread, the plan kept as a pending proposal for a named trip planner.

use super::{LeftOut, PURPOSE_PLANNING, PlanRequest, ProposalView};
use crate::{App, AppError, AppResult, Caller, audit::entry, text::invalid};
use opcentrum_access::{FieldCategory, audit::AuditAction};
use opcentrum_planner::{Options, Plan, Scenario};
use opcentrum_store::{NewProposal, ProposalKind, ProposalRecord};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

pub(crate) async fn run_planner(scenario: Scenario, limit: Duration) -> AppResult<Plan> {
    tokio::task::spawn_blocking(move || {
        opcentrum_planner::plan(
            &scenario,
            &Options {
                time_limit: limit,
                exact: true,
                ..Options::default()
            },
            &mut |_| {},
        )
    })
    .await
    .map_err(|_| AppError::internal("the planner stopped unexpectedly"))
}

impl App {
    /// Plans the horizon and stores the proposal (pending); the answer shows
    /// it as the caller may see it, each person audited.
    pub async fn propose_trips(
        &self,
        caller: &Caller,
        req: &PlanRequest,
    ) -> AppResult<ProposalView> {
        self.allow(caller, "trips.plan", None).await?;
        let reason = leave_out_reason(req)?;
        let stored = self.propose_as(caller, req).await?;
        if let Some(reason) = &reason {
            self.audit_left_out(caller, &stored, reason).await?;
        }
        self.proposal_view(caller, stored, true).await
    }

    /// One record per person left out by hand, naming the proposal and the
    /// trip planner's reason.
    async fn audit_left_out(
        &self,
        caller: &Caller,
        stored: &ProposalRecord,
        reason: &str,
    ) -> AppResult<()> {
        let now = self.clock.now();
        let body = super::approve::body_of(stored)?;
        let records: Vec<_> = body
            .left_out
            .iter()
            .map(|l| {
                entry(
                    caller,
                    AuditAction::Write,
                    Some(l.person.clone()),
                    vec![FieldCategory::Trip],
                    vec![],
                    &format!(
                        "{PURPOSE_PLANNING}: left out of proposal {} by hand: {reason}",
                        stored.id
                    ),
                    now,
                )
            })
            .collect();
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(())
    }

    pub(crate) async fn propose_as(
        &self,
        caller: &Caller,
        req: &PlanRequest,
    ) -> AppResult<ProposalRecord> {
        let by = caller.audit_identity().0;
        let mut built = self
            .build_scenario(req.horizon_start, req.horizon_days, &req.params)
            .await?;
        let mut left_out = leave_out(&mut built.built.scenario, &req.leave_out, &by)?;
        let reason = leave_out_reason(req)?;
        for l in &mut left_out {
            l.reason = reason.clone();
        }
        let plan = run_planner(built.built.scenario.clone(), req.time_limit).await?;
        let mut body = built.into_body(plan);
        body.left_out = left_out;
        let stored = self
            .store
            .insert_proposal(
                NewProposal {
                    kind: ProposalKind::Plan,
                    created_by: by,
                    horizon_start: req.horizon_start,
                    horizon_days: req.horizon_days,
                    based_on: None,
                    trigger_key: None,
                    body: serde_json::to_value(&body).map_err(AppError::internal)?,
                },
                self.clock.now(),
            )
            .await?;
        stored.ok_or_else(|| AppError::internal("the proposal was not stored"))
    }
}

/// The reason for leaving persons out: required when anyone is, bounded.
fn leave_out_reason(req: &PlanRequest) -> AppResult<Option<String>> {
    if req.leave_out.is_empty() {
        return Ok(None);
    }
    let reason = req.leave_out_reason.as_deref().map(str::trim).unwrap_or("");
    if reason.is_empty() {
        return Err(invalid("reason", "gate.propose.reason_required", &[]));
    }
    if reason.chars().count() > super::MAX_REASON {
        return Err(invalid(
            "reason",
            "gate.admin.too_long",
            &[("max", &super::MAX_REASON)],
        ));
    }
    Ok(Some(reason.to_owned()))
}

/// Takes the persons `names` and their family members out of the scenario
/// (families stay together), naming who left them out.
pub(crate) fn leave_out(
    scenario: &mut Scenario,
    names: &BTreeSet<String>,
    by: &str,
) -> AppResult<Vec<LeftOut>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    for n in names {
        if !scenario.persons.iter().any(|p| &p.id == n) {
            return Err(invalid(
                "leave_out",
                "gate.propose.not_movable",
                &[("person", n)],
            ));
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
                by: by.to_owned(),
                with: if chosen { None } else { with },
                reason: None,
            });
            false
        } else {
            true
        }
    });
    Ok(out)
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
        let mut s = scenario();
        let names: BTreeSet<String> = ["UT-2".to_owned()].into();
        let out = leave_out(&mut s, &names, "nte.planner").unwrap_or_else(|e| panic!("{e}"));
        let left: Vec<&str> = s.persons.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(left, ["UT-1", "UT-4"]);
        assert_eq!(
            out,
            [
                LeftOut {
                    person: "UT-2".into(),
                    by: "nte.planner".into(),
                    with: None,
                    reason: None,
                },
                LeftOut {
                    person: "UT-3".into(),
                    by: "nte.planner".into(),
                    with: Some("UT-2".into()),
                    reason: None,
                },
            ]
        );
    }

    #[test]
    fn leaving_out_someone_not_in_the_scenario_names_the_field() {
        let mut s = scenario();
        let names: BTreeSet<String> = ["UT-9".to_owned()].into();
        match leave_out(&mut s, &names, "nte.planner") {
            Err(AppError::Invalid { field, .. }) => assert_eq!(field, "leave_out"),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.persons.len(), 4, "nothing removed");
        let nobody = BTreeSet::new();
        assert!(
            leave_out(&mut s, &nobody, "nte.planner")
                .unwrap_or_else(|e| panic!("{e}"))
                .is_empty()
        );
        assert_eq!(s.persons.len(), 4);
    }
}
