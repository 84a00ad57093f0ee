//! One case with its history, as the reader may see it: every category
//! visible or withheld, every event's payload only where all it reveals is
//! readable, the legal rules that apply (from what the reader may see), and
//! the actions the reader may take on it now. One audit record.

use super::{PURPOSE_CASEWORK, case_id, offer::ActionOffer};
use crate::{App, AppError, AppResult, Caller, audit::read_of, gate::offered};
use opcentrum_access::{
    FieldCategory, Principal,
    filter::{Derived, FilteredCase, FilteredEvent, SectionValue, filter_case, filter_events},
};
use opcentrum_domain::{Case, RuleId, readiness::readiness};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: FilteredCase,
    pub history: Vec<FilteredEvent>,
    /// What the reader may do on the case now (catalogue rows).
    pub actions: Vec<ActionOffer>,
    /// The legal rules that apply, as far as the reader may see them.
    pub rules: Vec<RuleId>,
}

impl App {
    pub async fn case_detail(&self, caller: &Caller, id: &str) -> AppResult<CaseDetail> {
        let id = case_id(id)?;
        self.allow(caller, "cases.read", Some(id.as_str())).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a case read for a non-user"))?;
        let case = self
            .store
            .case(&id)
            .await?
            .ok_or_else(|| AppError::not_found("gate.error.no_case", &[("id", &id)]))?;
        let now = self.clock.now();
        let history: Vec<(u64, opcentrum_domain::Event)> = self
            .store
            .history(&id)
            .await?
            .into_iter()
            .map(|s| (s.seq, s.event))
            .collect();
        let policy = self.policy.get();
        let f = filter_case(&policy, principal, &case, now, self.store.rules());
        let (events, from_events) = filter_events(&policy, principal, &case, &history);
        self.store
            .audit(vec![read_of(
                caller,
                &f,
                &from_events,
                PURPOSE_CASEWORK,
                now,
            )])
            .await?;
        let rules = self.applicable_rules(&f, &case);
        let actions = offered(self, principal, &case)
            .into_iter()
            .map(ActionOffer::of)
            .collect();
        Ok(CaseDetail {
            case: f,
            history: events,
            actions,
            rules,
        })
    }

    /// The rules that apply to a case, from what the reader may see:
    /// finality, each visible unmet condition's rule, the departure period
    /// and lapse (with the decision), the detention limit (with the location).
    fn applicable_rules(&self, f: &FilteredCase, case: &Case) -> Vec<RuleId> {
        let rules = self.store.rules();
        let mut ids = vec![RuleId::EnforcementRequiresFinal];
        let ready = readiness(case, self.clock.today(), rules);
        for (u, shown) in ready.unmet.iter().zip(&f.unmet) {
            if shown.condition != "withheld"
                && let Some(r) = u.rule()
            {
                ids.push(r);
            }
        }
        // The departure period and the lapse as the decision section shows
        // them: a rule named here where the section withholds the day would
        // tell what it is withheld for (a criminal court's expulsion has no
        // period; neither has a risk of absconding).
        if let Some(SectionValue::Decision(d)) = f.visible(FieldCategory::Decision) {
            if d.departure_period_end.shown().is_some()
                && let Ok(Some((_, r))) = case
                    .decision
                    .departure_period_end(case.absconding_risk, rules)
            {
                ids.push(r);
            }
            if d.lapses_on.shown().is_some()
                && let Some((_, r)) = case.decision.lapses_on(rules)
            {
                ids.push(r);
            }
        }
        if let Some(SectionValue::Location {
            detention_status: Some(Derived::Shown(st)),
            ..
        }) = f.visible(FieldCategory::Location)
        {
            ids.push(st.rule);
        }
        let mut out = Vec::new();
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// A case after a write, filtered for the writer and audited.
    pub(crate) async fn show(
        &self,
        caller: &Caller,
        principal: &Principal,
        case: &Case,
    ) -> AppResult<FilteredCase> {
        let now = self.clock.now();
        let f = filter_case(&self.policy.get(), principal, case, now, self.store.rules());
        self.store
            .audit(vec![read_of(caller, &f, &[], PURPOSE_CASEWORK, now)])
            .await?;
        Ok(f)
    }
}
