//! The decision to be enforced (av- eller utvisningsbeslut), when it becomes final,
//! the voluntary-departure period and when it lapses.

use crate::{
    calendar,
    rules::{Limit, NEW_LAPSE_RULE_FROM, NotInForce, RuleId, RuleTable},
};
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

/// A ground of UtlL 8 kap. 22 § for giving no voluntary-departure period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoPeriodGround {
    /// Risk that the person absconds (the case's `absconding_risk` is the fact cited).
    AbscondingRisk,
    /// A danger to public order and security or national security.
    PublicOrder,
    /// The person knowingly gave false information or withheld it.
    FalseInformation,
}

impl NoPeriodGround {
    pub fn code(self) -> &'static str {
        match self {
            NoPeriodGround::AbscondingRisk => "absconding_risk",
            NoPeriodGround::PublicOrder => "public_order",
            NoPeriodGround::FalseInformation => "false_information",
        }
    }
}

/// The voluntary-departure period as the decision sets it (UtlL 8 kap. 21–22 §§):
/// part of the decision, not derived from a flag.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "terms", rename_all = "snake_case", deny_unknown_fields)]
pub enum DepartureTerms {
    /// The statutory period: 2 weeks (refusal of entry) or 4 weeks (expulsion).
    Standard,
    /// A longer period for special reasons (8 kap. 21 § andra stycket), in days.
    Longer { days: u16 },
    /// No period, on a named ground of 8 kap. 22 §.
    Refused { ground: NoPeriodGround },
    /// The return border procedure (Regulation (EU) 2024/1349): at most 15 days.
    ReturnBorder { days: u16 },
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
    /// The departure period the decision sets. Absent in decisions recorded before
    /// it was part of the decision: read forward by `Decision::terms` (one place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure: Option<DepartureTerms>,
    /// The last day of an extended period (8 kap. 21 §), set by `departure_period_extended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure_extended_until: Option<Date>,
}

/// The departure period of a decision, computed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeparturePeriod {
    /// The last day of the period (inclusive); enforcement may start the day after.
    pub until: Date,
    pub rule: RuleId,
}

impl Decision {
    /// The departure terms: as decided, or, for a decision recorded before the terms
    /// were part of it, read forward from the case's absconding flag. This is the
    /// one place old stored decisions are upcast.
    pub fn terms(&self, absconding_risk: bool) -> Option<DepartureTerms> {
        if let Some(t) = self.departure {
            return Some(t);
        }
        if self.kind == DecisionKind::ExpulsionForCrime {
            // A criminal court's expulsion is enforced without a period
            // (outside the Return Directive, art. 2.2 b).
            return None;
        }
        Some(if absconding_risk {
            DepartureTerms::Refused {
                ground: NoPeriodGround::AbscondingRisk,
            }
        } else {
            DepartureTerms::Standard
        })
    }

    /// The last day on which an appeal is in time (lag (1930:173) 2 §: moved past
    /// a non-working day), or `None` when not notified or not appealable.
    pub fn appeal_last_day(&self, rules: &RuleTable) -> Result<Option<Date>, NotInForce> {
        if self.decided_by == DecisionMaker::MigrationCourtOfAppeal {
            return Ok(None);
        }
        let Some(notified) = self.notified_on else {
            return Ok(None);
        };
        let period = rules
            .limit(RuleId::AppealPeriod, notified)?
            .unwrap_or(Limit::Weeks(3));
        Ok(Some(calendar::last_day(notified, period.span())))
    }

    /// First day the decision can be final without a waiver of appeal: the day after
    /// the appeal period's last day (an appeal on the last day is in time). A
    /// decision of the Migration Court of Appeal is final on the day it is given.
    pub fn earliest_final_without_waiver(
        &self,
        rules: &RuleTable,
    ) -> Result<Option<(Date, RuleId)>, NotInForce> {
        if self.decided_by == DecisionMaker::MigrationCourtOfAppeal {
            rules.in_force(RuleId::FinalAtOnceCourtOfAppeal, self.decided_on)?;
            return Ok(Some((self.decided_on, RuleId::FinalAtOnceCourtOfAppeal)));
        }
        Ok(self
            .appeal_last_day(rules)?
            .map(|last| (last.saturating_add(1.day()), RuleId::AppealPeriod)))
    }

    /// The voluntary-departure period, with the rule that sets it; `None` when there
    /// is none (not final, refused on a ground of 8 kap. 22 §, or a criminal court's
    /// expulsion). Judged by the rule in force on the day the decision became final;
    /// its last day is counted by lag (1930:173). An extension moves the last day.
    pub fn departure_period(
        &self,
        absconding_risk: bool,
        rules: &RuleTable,
    ) -> Result<Option<DeparturePeriod>, NotInForce> {
        let Some(final_on) = self.final_on else {
            return Ok(None);
        };
        let (until, rule) = match self.terms(absconding_risk) {
            None | Some(DepartureTerms::Refused { .. }) => return Ok(None),
            Some(DepartureTerms::Standard) => {
                let id = match self.kind {
                    DecisionKind::RefusalOfEntry => RuleId::VoluntaryDepartureRefusal,
                    _ => RuleId::VoluntaryDepartureExpulsion,
                };
                let span = rules.limit(id, final_on)?.map_or(0.days(), |l| l.span());
                // The period runs from the day it became final: a two-week period from
                // 1 December ends with 15 December; enforcement may start on the 16th.
                (calendar::last_day(final_on, span), id)
            }
            Some(DepartureTerms::Longer { days }) => {
                rules.in_force(RuleId::VoluntaryDepartureLonger, final_on)?;
                (
                    calendar::last_day(final_on, i64::from(days).days()),
                    RuleId::VoluntaryDepartureLonger,
                )
            }
            Some(DepartureTerms::ReturnBorder { days }) => {
                let max = rules
                    .limit(RuleId::ReturnBorderVoluntaryDeparture, final_on)?
                    .map_or(0.days(), |l| l.span());
                let end = final_on
                    .saturating_add(i64::from(days).days())
                    .min(final_on.saturating_add(max));
                (
                    calendar::working_day_on_or_after(end),
                    RuleId::ReturnBorderVoluntaryDeparture,
                )
            }
        };
        Ok(Some(match self.departure_extended_until {
            Some(ext) if ext > until => DeparturePeriod {
                until: calendar::working_day_on_or_after(ext),
                rule: RuleId::VoluntaryDepartureLonger,
            },
            _ => DeparturePeriod { until, rule },
        }))
    }

    /// The last day of the voluntary-departure period and its rule (see
    /// `departure_period`).
    pub fn departure_period_end(
        &self,
        absconding_risk: bool,
        rules: &RuleTable,
    ) -> Result<Option<(Date, RuleId)>, NotInForce> {
        Ok(self
            .departure_period(absconding_risk, rules)?
            .map(|p| (p.until, p.rule)))
    }

    /// The day the decision lapses (preskriberas) while the person is still in
    /// Sweden, judged by the rule in force on the day it became final. Under the
    /// rule from 1 April 2025 a decision does not lapse while the person remains.
    pub fn lapses_on(&self, rules: &RuleTable) -> Option<(Date, RuleId)> {
        let final_on = self.final_on?;
        if final_on >= NEW_LAPSE_RULE_FROM {
            return None;
        }
        // The four-year rule has no gap before 2025-04-01 (its row has no start).
        let limit = rules.limit(RuleId::LapseFourYears, final_on).ok()??;
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
            departure: None,
            departure_extended_until: None,
        }
    }

    /// FL 44 §: three weeks from notification (Monday 5 January → Monday 26 January
    /// is the last day an appeal is in time); final the day after.
    #[test]
    fn appeal_period_last_day_and_finality_the_day_after() {
        let d = decision(DecisionKind::Expulsion, None);
        let rules = RuleTable::default();
        assert_eq!(d.appeal_last_day(&rules), Ok(Some(date(2026, 1, 26))));
        assert_eq!(
            d.earliest_final_without_waiver(&rules),
            Ok(Some((date(2026, 1, 27), RuleId::AppealPeriod)))
        );
    }

    /// Lag (1930:173) 2 §: notified Friday 4 December 2026, the three weeks end on
    /// juldagen; annandag jul and a Sunday follow, so the last day is Monday 28th.
    #[test]
    fn appeal_period_ending_on_a_holiday_runs_to_the_next_working_day() {
        let mut d = decision(DecisionKind::Expulsion, None);
        d.notified_on = Some(date(2026, 12, 4));
        let rules = RuleTable::default();
        assert_eq!(d.appeal_last_day(&rules), Ok(Some(date(2026, 12, 28))));
        assert_eq!(
            d.earliest_final_without_waiver(&rules)
                .map(|e| e.map(|x| x.0)),
            Ok(Some(date(2026, 12, 29)))
        );
    }

    #[test]
    fn a_migration_court_of_appeal_decision_is_final_at_once() {
        let mut d = decision(DecisionKind::Expulsion, None);
        d.decided_by = DecisionMaker::MigrationCourtOfAppeal;
        d.notified_on = Some(date(2026, 1, 9));
        let rules = RuleTable::default();
        assert_eq!(d.appeal_last_day(&rules), Ok(None));
        assert_eq!(
            d.earliest_final_without_waiver(&rules),
            Ok(Some((date(2026, 1, 2), RuleId::FinalAtOnceCourtOfAppeal)))
        );
    }

    #[test]
    fn departure_period_two_weeks_refusal_four_weeks_expulsion() {
        let rules = RuleTable::default();
        let r = decision(DecisionKind::RefusalOfEntry, Some(date(2026, 12, 1)));
        assert_eq!(
            r.departure_period_end(false, &rules),
            Ok(Some((
                date(2026, 12, 15),
                RuleId::VoluntaryDepartureRefusal
            )))
        );
        let e = decision(DecisionKind::Expulsion, Some(date(2026, 12, 1)));
        assert_eq!(
            e.departure_period_end(false, &rules),
            Ok(Some((
                date(2026, 12, 29),
                RuleId::VoluntaryDepartureExpulsion
            )))
        );
        // Final Thursday 2026-12-03: four weeks end on nyårsafton → Monday 4 January.
        let e = decision(DecisionKind::Expulsion, Some(date(2026, 12, 3)));
        assert_eq!(
            e.departure_period_end(false, &rules)
                .map(|p| p.map(|x| x.0)),
            Ok(Some(date(2027, 1, 4)))
        );
    }

    #[test]
    fn departure_terms_are_part_of_the_decision() {
        let rules = RuleTable::default();
        let mut d = decision(DecisionKind::RefusalOfEntry, Some(date(2026, 12, 1)));
        // The decision grants the standard period although a risk is recorded: the
        // decision, not the flag, decides.
        d.departure = Some(DepartureTerms::Standard);
        assert_eq!(
            d.departure_period_end(true, &rules).map(|p| p.map(|x| x.0)),
            Ok(Some(date(2026, 12, 15)))
        );
        d.departure = Some(DepartureTerms::Refused {
            ground: NoPeriodGround::PublicOrder,
        });
        assert_eq!(d.departure_period_end(false, &rules), Ok(None));
        d.departure = Some(DepartureTerms::Longer { days: 30 });
        assert_eq!(
            d.departure_period_end(false, &rules),
            Ok(Some((date(2027, 1, 4), RuleId::VoluntaryDepartureLonger)))
        );
        d.departure = Some(DepartureTerms::Standard);
        d.departure_extended_until = Some(date(2026, 12, 22));
        assert_eq!(
            d.departure_period_end(false, &rules),
            Ok(Some((date(2026, 12, 22), RuleId::VoluntaryDepartureLonger)))
        );
    }

    /// Regulation (EU) 2024/1349: at most 15 days, and not before 2026-06-12.
    #[test]
    fn return_border_departure_is_at_most_15_days_and_only_under_the_pact() {
        let rules = RuleTable::default();
        let mut d = decision(DecisionKind::RefusalOfEntry, Some(date(2026, 7, 1)));
        d.departure = Some(DepartureTerms::ReturnBorder { days: 20 });
        assert_eq!(
            d.departure_period_end(false, &rules),
            Ok(Some((
                date(2026, 7, 16),
                RuleId::ReturnBorderVoluntaryDeparture
            )))
        );
        d.final_on = Some(date(2026, 6, 11));
        assert_eq!(
            d.departure_period_end(false, &rules).unwrap_err().rule,
            RuleId::ReturnBorderVoluntaryDeparture
        );
    }

    #[test]
    fn no_departure_period_on_absconding_risk_or_criminal_expulsion() {
        let rules = RuleTable::default();
        let e = decision(DecisionKind::Expulsion, Some(date(2026, 12, 1)));
        assert_eq!(e.departure_period_end(true, &rules), Ok(None));
        let c = decision(DecisionKind::ExpulsionForCrime, Some(date(2026, 12, 1)));
        assert_eq!(c.departure_period_end(false, &rules), Ok(None));
        let not_final = decision(DecisionKind::Expulsion, None);
        assert_eq!(not_final.departure_period_end(false, &rules), Ok(None));
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
