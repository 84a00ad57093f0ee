//! The scenario of a planning run, from the store: the candidates (transport
//! requested or planned, and every open member of their families), the
//! offers and the roster, through the pure `planner::scenario_from_cases`.

use super::body::ProposalBody;
use crate::{App, AppError, AppResult};
use jiff::{ToSpan, civil::Date};
use opcentrum_access::{CategoryOwners, FieldCategory};
use opcentrum_domain::{Agency, Case};
use opcentrum_planner::{BuiltScenario, CaseInputs, Params, scenario_from_cases, validate};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

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
    /// Why they are left out: required with `leave_out`, at most
    /// [`MAX_REASON`] characters; kept with each left-out person in the
    /// proposal and in the audit record.
    pub leave_out_reason: Option<String>,
}

/// The longest reason for leaving someone out, in characters.
pub const MAX_REASON: usize = 500;

pub fn horizon_end(start: Date, days: u32) -> Date {
    start
        .checked_add(i64::from(days.max(1) - 1).days())
        .unwrap_or(start)
}

/// What a built scenario carries besides itself.
pub(crate) struct Built {
    pub built: BuiltScenario,
    pub versions: BTreeMap<String, u64>,
    pub owners: BTreeMap<String, (Agency, Agency)>,
    pub criminal_dependent: std::collections::BTreeSet<String>,
}

impl Built {
    pub(crate) fn into_body(self, plan: opcentrum_planner::Plan) -> ProposalBody {
        ProposalBody {
            scenario: self.built.scenario,
            plan,
            held_back: self.built.held_back,
            versions: self.versions,
            changes: Vec::new(),
            causes: Vec::new(),
            left_out: Vec::new(),
            owners: self.owners,
            criminal_dependent: self.criminal_dependent,
        }
    }
}

impl App {
    /// Loads cases, offers and roster and builds the (validated) scenario.
    /// Cases already planned on a trip outside the horizon keep their plan
    /// and are left out.
    pub(crate) async fn build_scenario(
        &self,
        start: Date,
        days: u32,
        params: &Params,
    ) -> AppResult<Built> {
        if days == 0 || days > 366 {
            return Err(crate::text::invalid(
                "horizon_days",
                "gate.build.horizon",
                &[("days", &days)],
            ));
        }
        let end = horizon_end(start, days);
        let cases: Vec<Case> = self
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
        let offers = self.store.trip_offers(start, end).await?;
        let roster = self.store.escorts().await?;
        let built = scenario_from_cases(&CaseInputs {
            horizon_start: start,
            horizon_days: days,
            params,
            cases: &cases,
            offers: &offers,
            roster: &roster,
            rules: self.store.rules(),
        });
        validate(&built.scenario)
            .map_err(|e| AppError::invalid(e.path.clone(), e.reason.clone()))?;
        let versions = cases
            .iter()
            .map(|c| (c.id.to_string(), c.version))
            .collect();
        let owners = cases
            .iter()
            .map(|c| {
                let o = CategoryOwners::of_case(c);
                (
                    c.id.to_string(),
                    (
                        o.owner(FieldCategory::Identity),
                        o.owner(FieldCategory::Location),
                    ),
                )
            })
            .collect();
        let criminal_dependent =
            super::criminal::criminal_dependent(&cases, start, end, self.store.rules());
        Ok(Built {
            built,
            versions,
            owners,
            criminal_dependent,
        })
    }
}
