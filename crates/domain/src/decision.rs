//! The decision to be enforced (av- eller utvisningsbeslut), when it becomes final,
//! the voluntary-departure period and when it lapses.

use crate::rules::{Limit, NEW_LAPSE_RULE_FROM, RuleId, RuleTable};
use jiff::{ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Avvisning.
    RefusalOfEntry,
    /// Utvisning (administrative).
    Expulsion,
    /// Utvisning på grund av brott (by a general court).
    ExpulsionForCrime,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] = [
        DecisionKind::RefusalOfEntry,
        DecisionKind::Expulsion,
        DecisionKind::ExpulsionForCrime,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::RefusalOfEntry => "refusal_of_entry",
            DecisionKind::Expulsion => "expulsion",
            DecisionKind::ExpulsionForCrime => "expulsion_for_crime",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Who took the decision.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionMaker {
    Migrationsverket,
    Police,
    MigrationCourt,
    MigrationCourtOfAppeal,
    GeneralCourt,
}

impl DecisionMaker {
    pub const ALL: [DecisionMaker; 5] = [
        DecisionMaker::Migrationsverket,
        DecisionMaker::Police,
        DecisionMaker::MigrationCourt,
        DecisionMaker::MigrationCourtOfAppeal,
        DecisionMaker::GeneralCourt,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DecisionMaker::Migrationsverket => "migrationsverket",
            DecisionMaker::Police => "police",
            DecisionMaker::MigrationCourt => "migration_court",
            DecisionMaker::MigrationCourtOfAppeal => "migration_court_of_appeal",
            DecisionMaker::GeneralCourt => "general_court",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub kind: DecisionKind,
    pub decided_by: DecisionMaker,
    pub decided_on: Date,
    /// The day the person was notified (delgivning); the appeal period runs from it.
    pub notified_on: Option<Date>,
    /// The day it became final (laga kraft); set by the `decision_final` event.
    pub final_on: Option<Date>,
}

impl Decision {
    /// First day the decision can be final without a waiver of appeal.
    pub fn earliest_final_without_waiver(&self, rules: &RuleTable) -> Option<Date> {
        let notified = self.notified_on?;
        let period = rules
            .limit(RuleId::AppealPeriod, notified)
            .unwrap_or(Limit::Weeks(3));
        Some(notified.saturating_add(period.span()))
    }

    /// The last day of the voluntary-departure period, with the rule that sets it;
    /// `None` when there is no period (not final, risk of absconding, or a criminal
    /// court's expulsion, which is enforced without one).
    pub fn departure_period_end(
        &self,
        absconding_risk: bool,
        rules: &RuleTable,
    ) -> Option<(Date, RuleId)> {
        let final_on = self.final_on?;
        if absconding_risk || self.kind == DecisionKind::ExpulsionForCrime {
            return None;
        }
        let id = match self.kind {
            DecisionKind::RefusalOfEntry => RuleId::VoluntaryDepartureRefusal,
            _ => RuleId::VoluntaryDepartureExpulsion,
        };
        let span = rules.limit(id, final_on)?.span();
        // The period runs from the day it became final: a two-week period from
        // 1 December ends with 15 December; the person may be enforced from the 16th.
        Some((final_on.saturating_add(span), id))
    }

    /// The day the decision lapses (preskriberas) while the person is still in
    /// Sweden, judged by the rule in force on the day it became final. Under the
    /// rule from 1 April 2025 a decision does not lapse while the person remains.
    pub fn lapses_on(&self, rules: &RuleTable) -> Option<(Date, RuleId)> {
        let final_on = self.final_on?;
        if final_on >= NEW_LAPSE_RULE_FROM {
            return None;
        }
        let limit = rules.limit(RuleId::LapseFourYears, final_on)?;
        Some((
            final_on.saturating_add(limit.span()),
            RuleId::LapseFourYears,
        ))
    }

    /// The last day of enforcement before the decision lapses.
    pub fn last_enforcement_day(&self, rules: &RuleTable) -> Option<Date> {
        self.lapses_on(rules)
            .map(|(d, _)| d.saturating_sub(1.day()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn decision(kind: DecisionKind, final_on: Option<Date>) -> Decision {
        Decision {
            kind,
            decided_by: DecisionMaker::Migrationsverket,
            decided_on: date(2026, 1, 2),
            notified_on: Some(date(2026, 1, 5)),
            final_on,
        }
    }

    #[test]
    fn appeal_period_is_three_weeks_from_notification() {
        let d = decision(DecisionKind::Expulsion, None);
        assert_eq!(
            d.earliest_final_without_waiver(&RuleTable::default()),
            Some(date(2026, 1, 26))
        );
    }

    #[test]
    fn departure_period_two_weeks_refusal_four_weeks_expulsion() {
        let rules = RuleTable::default();
        let r = decision(DecisionKind::RefusalOfEntry, Some(date(2026, 12, 1)));
        assert_eq!(
            r.departure_period_end(false, &rules),
            Some((date(2026, 12, 15), RuleId::VoluntaryDepartureRefusal))
        );
        let e = decision(DecisionKind::Expulsion, Some(date(2026, 12, 1)));
        assert_eq!(
            e.departure_period_end(false, &rules),
            Some((date(2026, 12, 29), RuleId::VoluntaryDepartureExpulsion))
        );
    }

    #[test]
    fn no_departure_period_on_absconding_risk_or_criminal_expulsion() {
        let rules = RuleTable::default();
        let e = decision(DecisionKind::Expulsion, Some(date(2026, 12, 1)));
        assert_eq!(e.departure_period_end(true, &rules), None);
        let c = decision(DecisionKind::ExpulsionForCrime, Some(date(2026, 12, 1)));
        assert_eq!(c.departure_period_end(false, &rules), None);
        let not_final = decision(DecisionKind::Expulsion, None);
        assert_eq!(not_final.departure_period_end(false, &rules), None);
    }

    #[test]
    fn lapse_four_years_under_the_old_rule() {
        let rules = RuleTable::default();
        let d = decision(DecisionKind::Expulsion, Some(date(2023, 3, 10)));
        assert_eq!(
            d.lapses_on(&rules),
            Some((date(2027, 3, 10), RuleId::LapseFourYears))
        );
        assert_eq!(d.last_enforcement_day(&rules), Some(date(2027, 3, 9)));
        // The last day under the old rule.
        let edge = decision(DecisionKind::Expulsion, Some(date(2025, 3, 31)));
        assert_eq!(edge.lapses_on(&rules).map(|x| x.0), Some(date(2029, 3, 31)));
    }

    #[test]
    fn no_lapse_in_sweden_under_the_new_rule() {
        let rules = RuleTable::default();
        let d = decision(DecisionKind::Expulsion, Some(date(2025, 4, 1)));
        assert_eq!(d.lapses_on(&rules), None);
    }
}
