//! The legal rule table (regeltabell): every hard rule the software enforces, with its
//! statute reference, its text in Swedish and English, and the period it is in force.
//!
//! The law changes, and a case is judged by the rule in force on the day that
//! matters, so a rule is looked up by id *and* date. A legal officer reviews this
//! table (`GET /api/rules`, docs/legal-rules.md); the tests below pin every default.

use jiff::{Span, ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

/// Which rule. One name for one rule, used in errors, alerts and explanations.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    /// Laga kraft: the appeal period after notification.
    AppealPeriod,
    /// Lag (1930:173): a period ending on a non-working day ends on the next working day.
    PeriodEndsOnWorkingDay,
    /// A decision of the Migration Court of Appeal is final when given.
    FinalAtOnceCourtOfAppeal,
    /// The date of finality confirmed by a second person before a coercive step (JO 8824-2019).
    FinalityConfirmed,
    /// Enforcement (verkställighet) only of a decision that has become final.
    EnforcementRequiresFinal,
    /// Voluntary departure period, refusal of entry: 2 weeks.
    VoluntaryDepartureRefusal,
    /// Voluntary departure period, expulsion: 4 weeks.
    VoluntaryDepartureExpulsion,
    /// A longer or extended departure period for special reasons.
    VoluntaryDepartureLonger,
    /// No voluntary departure period on a ground of 8 kap. 22 § (e.g. risk of absconding).
    NoDeparturePeriodOnAbscondingRisk,
    /// Return border procedure: voluntary departure at most 15 days.
    ReturnBorderVoluntaryDeparture,
    /// Migrationsverket hands a case to the police: absconded or coercion needed.
    HandoverToPolice,
    /// The police ask the Prison and Probation Service to carry out the transport.
    TransportRequest,
    /// Impediment to enforcement (verkställighetshinder) blocks planning.
    ImpedimentBlocks,
    /// New circumstances (nya omständigheter) and a stay (inhibition) block planning.
    StayBlocks,
    /// Interim measure of an international body (ECtHR Rule 39, UN CAT) blocks planning.
    InternationalInterimMeasure,
    /// Adult detention for identity: at most 2 weeks.
    DetentionIdentity,
    /// Adult detention for investigation: at most 48 hours.
    DetentionInvestigation,
    /// Adult detention when removal is likely: at most 2 weeks.
    DetentionLikelyRemoval,
    /// Adult detention for enforcement: at most 2 months over the whole case.
    DetentionEnforcement,
    /// With exceptional reasons (synnerliga skäl): at most 3 months in total.
    DetentionExceptional,
    /// Non-cooperation or delayed documents: at most 12 months in total.
    DetentionNonCooperation,
    /// Expulsion by a criminal court: the time caps do not apply.
    DetentionCriminalCourt,
    /// The Return Directive's absolute cap: 18 months over the whole case.
    DetentionAbsoluteCap,
    /// Release when removal is no longer a reasonable prospect.
    NoReasonableProspect,
    /// The return border procedure: at most 12 weeks.
    ReturnBorderProcedure,
    /// Detention in the return border procedure: at most 12 weeks, counted in the caps.
    ReturnBorderDetention,
    /// A detention on likely removal lapses unless reviewed within 2 weeks.
    DetentionReviewLikelyRemoval,
    /// Enforcement detention is reviewed within 2 months, and so on; else it lapses.
    DetentionReviewEnforcement,
    /// Public counsel for anyone held more than three days.
    PublicCounsel,
    /// A child: at most 72 hours.
    ChildDetention,
    /// A child, exceptional reasons: extended once by at most 72 hours.
    ChildDetentionExtension,
    /// The grounds on which a child may be detained.
    ChildDetentionGrounds,
    /// A child is not separated from both guardians; unaccompanied only for exceptional reasons.
    ChildNotSeparated,
    /// An unaccompanied child is removed only to someone who receives them.
    ChildReception,
    /// Limits that change (age, ground) change by a new detention decision.
    DetentionNewDecision,
    /// A child is never placed in a prison, remand centre or police cell.
    ChildPlacement,
    /// Supervision (uppsikt) is the milder measure; detention only where it is not enough.
    SupervisionFirst,
    /// Police custody for enforcement: 24 hours.
    PoliceCustody,
    /// Police custody, special reasons: plus 24 hours.
    PoliceCustodyExtension,
    /// Placement in a prison, remand centre or police cell for transport: at most 72 hours.
    TransportPlacement,
    /// Lapse (preskription), rule until 31 March 2025: 4 years after the decision became final.
    LapseFourYears,
    /// Lapse, rule from 1 April 2025: 5 years from the day the person left Sweden.
    LapseFiveYearsFromDeparture,
    /// Families travel together.
    FamilyUnity,
    /// Fitness to fly is valid for a limited time.
    FitnessValidity,
    /// A forced-return charter keeps a seat for the independent monitor.
    ForcedReturnMonitor,
    /// A plan is a proposal: a named person decides.
    HumanDecision,
    /// Only the agency responsible for a case acts on it.
    ResponsibleAgency,
    /// A closed case takes no more events.
    ClosedCase,
    /// A detention facility takes no more than its places.
    FacilityCapacity,
    /// Recorded data must be plausible: no date in the future, names given.
    PlausibleData,
    /// Alerts fire this long before a limit.
    AlertLeadTime,
}

/// Is the rule a statute (a legal officer must confirm its reference) or a
/// practice of the operations centre?
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Statute,
    Practice,
}

/// A time limit in a rule, in the unit the statute uses.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    Hours(i64),
    Days(i64),
    Weeks(i64),
    Months(i64),
    Years(i64),
}

impl Limit {
    pub fn span(self) -> Span {
        match self {
            Limit::Hours(n) => n.hours(),
            Limit::Days(n) => n.days(),
            Limit::Weeks(n) => n.weeks(),
            Limit::Months(n) => n.months(),
            Limit::Years(n) => n.years(),
        }
    }

    pub fn describe_en(self) -> String {
        let (n, unit) = match self {
            Limit::Hours(n) => (n, "hour"),
            Limit::Days(n) => (n, "day"),
            Limit::Weeks(n) => (n, "week"),
            Limit::Months(n) => (n, "month"),
            Limit::Years(n) => (n, "year"),
        };
        format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
    }

    pub fn describe_sv(self) -> String {
        match self {
            Limit::Hours(n) => format!("{n} timm{}", if n == 1 { "e" } else { "ar" }),
            Limit::Days(n) => format!("{n} dag{}", if n == 1 { "" } else { "ar" }),
            Limit::Weeks(n) => format!("{n} veck{}", if n == 1 { "a" } else { "or" }),
            Limit::Months(n) => format!("{n} månad{}", if n == 1 { "" } else { "er" }),
            Limit::Years(n) => format!("{n} år"),
        }
    }
}

/// One row of the rule table.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalRule {
    pub id: RuleId,
    pub kind: RuleKind,
    /// e.g. "UtlL (2005:716) 10 kap. 4 §".
    pub statute: &'static str,
    pub text_sv: &'static str,
    pub text_en: &'static str,
    /// First day in force (inclusive); `None`: since before any case opcentrum holds.
    pub in_force_from: Option<Date>,
    /// Last day in force (inclusive); `None`: still in force.
    pub in_force_to: Option<Date>,
    pub limit: Option<Limit>,
}

impl LegalRule {
    pub fn in_force_on(&self, day: Date) -> bool {
        self.in_force_from.is_none_or(|f| f <= day) && self.in_force_to.is_none_or(|t| day <= t)
    }

    /// "UtlL (2005:716) 10 kap. 4 §" or, for a practice, "praxis".
    pub fn reference(&self) -> &'static str {
        self.statute
    }
}

mod table;
pub use table::{NEW_LAPSE_RULE_FROM, PACT_IN_FORCE, default_rules};

/// No version of a rule is in force on the day that matters. Never silently
/// replaced by another version: the caller refuses, or treats it as no legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("no version of rule {rule:?} is in force on {day}")]
pub struct NotInForce {
    pub rule: RuleId,
    pub day: Date,
}

/// Why a rule table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("rule {rule:?}: periods overlap ({a} and {b})")]
    Overlap { rule: RuleId, a: String, b: String },
    #[error("rule {rule:?}: a period ends before it starts")]
    Inverted { rule: RuleId },
}

fn period(r: &LegalRule) -> String {
    format!(
        "{}–{}",
        r.in_force_from.map(|d| d.to_string()).unwrap_or_default(),
        r.in_force_to.map(|d| d.to_string()).unwrap_or_default()
    )
}

/// The rule table, looked up by id and the day that matters.
#[derive(Debug, Clone)]
pub struct RuleTable {
    rules: Vec<LegalRule>,
}

impl Default for RuleTable {
    fn default() -> Self {
        RuleTable {
            rules: default_rules(),
        }
    }
}

impl RuleTable {
    /// A table of rows; several rows of one id are its periods, which must not overlap.
    pub fn new(rules: Vec<LegalRule>) -> Result<Self, TableError> {
        let t = RuleTable { rules };
        t.validate()?;
        Ok(t)
    }

    /// Every id's periods are well formed and disjoint.
    pub fn validate(&self) -> Result<(), TableError> {
        for (i, a) in self.rules.iter().enumerate() {
            if let (Some(f), Some(t)) = (a.in_force_from, a.in_force_to)
                && t < f
            {
                return Err(TableError::Inverted { rule: a.id });
            }
            for b in self.rules[i + 1..].iter().filter(|b| b.id == a.id) {
                let a_before_b = a
                    .in_force_to
                    .zip(b.in_force_from)
                    .is_some_and(|(t, f)| t < f);
                let b_before_a = b
                    .in_force_to
                    .zip(a.in_force_from)
                    .is_some_and(|(t, f)| t < f);
                if !a_before_b && !b_before_a {
                    return Err(TableError::Overlap {
                        rule: a.id,
                        a: period(a),
                        b: period(b),
                    });
                }
            }
        }
        Ok(())
    }

    pub fn all(&self) -> &[LegalRule] {
        &self.rules
    }

    /// The periods of one rule, oldest first.
    pub fn versions(&self, id: RuleId) -> Vec<&LegalRule> {
        let mut v: Vec<&LegalRule> = self.rules.iter().filter(|r| r.id == id).collect();
        v.sort_by_key(|r| r.in_force_from);
        v
    }

    /// The version of a rule in force on `day`; an error naming the rule when none is.
    pub fn in_force(&self, id: RuleId, day: Date) -> Result<&LegalRule, NotInForce> {
        self.rules
            .iter()
            .find(|r| r.id == id && r.in_force_on(day))
            .ok_or(NotInForce { rule: id, day })
    }

    /// The limit of the version in force on `day` (`None`: that version sets no limit).
    pub fn limit(&self, id: RuleId, day: Date) -> Result<Option<Limit>, NotInForce> {
        self.in_force(id, day).map(|r| r.limit)
    }

    /// Any version of a rule (for messages that cite it): the newest.
    pub fn any(&self, id: RuleId) -> Option<&LegalRule> {
        self.versions(id).last().copied()
    }

    /// Statute reference for messages: "UtlL (2005:716) 10 kap. 4 §" (the newest version).
    pub fn reference(&self, id: RuleId) -> &'static str {
        self.any(id).map(|r| r.statute).unwrap_or("")
    }

    /// The statute of the version in force on `day`, or the newest when none is.
    pub fn reference_on(&self, id: RuleId, day: Date) -> &'static str {
        self.in_force(id, day)
            .map(|r| r.statute)
            .unwrap_or_else(|_| self.reference(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn limit(id: RuleId) -> Option<Limit> {
        RuleTable::default().limit(id, date(2026, 12, 1)).unwrap()
    }

    #[test]
    fn every_rule_has_both_languages_and_a_reference() {
        for r in default_rules() {
            assert!(!r.text_sv.is_empty() && !r.text_en.is_empty(), "{:?}", r.id);
            assert!(!r.statute.is_empty(), "{:?}", r.id);
        }
    }

    #[test]
    fn defaults_are_pinned() {
        use Limit::*;
        assert_eq!(limit(RuleId::AppealPeriod), Some(Weeks(3)));
        assert_eq!(limit(RuleId::VoluntaryDepartureRefusal), Some(Weeks(2)));
        assert_eq!(limit(RuleId::VoluntaryDepartureExpulsion), Some(Weeks(4)));
        assert_eq!(
            limit(RuleId::ReturnBorderVoluntaryDeparture),
            Some(Days(15))
        );
        assert_eq!(limit(RuleId::DetentionIdentity), Some(Weeks(2)));
        assert_eq!(limit(RuleId::DetentionInvestigation), Some(Hours(48)));
        assert_eq!(limit(RuleId::DetentionLikelyRemoval), Some(Weeks(2)));
        assert_eq!(limit(RuleId::DetentionEnforcement), Some(Months(2)));
        assert_eq!(limit(RuleId::DetentionExceptional), Some(Months(3)));
        assert_eq!(limit(RuleId::DetentionNonCooperation), Some(Months(12)));
        assert_eq!(limit(RuleId::DetentionCriminalCourt), None);
        assert_eq!(limit(RuleId::DetentionAbsoluteCap), Some(Months(18)));
        assert_eq!(limit(RuleId::ReturnBorderProcedure), Some(Weeks(12)));
        assert_eq!(limit(RuleId::ReturnBorderDetention), Some(Weeks(12)));
        assert_eq!(limit(RuleId::DetentionReviewLikelyRemoval), Some(Weeks(2)));
        assert_eq!(limit(RuleId::DetentionReviewEnforcement), Some(Months(2)));
        assert_eq!(limit(RuleId::PublicCounsel), Some(Hours(72)));
        assert_eq!(limit(RuleId::ChildDetention), Some(Hours(72)));
        assert_eq!(limit(RuleId::ChildDetentionExtension), Some(Hours(72)));
        assert_eq!(limit(RuleId::PoliceCustody), Some(Hours(24)));
        assert_eq!(limit(RuleId::PoliceCustodyExtension), Some(Hours(24)));
        // "tre dygn" is 72 hours, not three calendar days (which a DST change makes 71 or 73 h).
        assert_eq!(limit(RuleId::TransportPlacement), Some(Hours(72)));
        assert_eq!(limit(RuleId::LapseFiveYearsFromDeparture), Some(Years(5)));
        assert_eq!(limit(RuleId::FitnessValidity), Some(Days(30)));
        assert_eq!(limit(RuleId::AlertLeadTime), Some(Hours(48)));
    }

    #[test]
    fn the_default_table_is_valid_and_names_every_rule() {
        let t = RuleTable::default();
        assert_eq!(t.validate(), Ok(()));
        for r in t.all() {
            assert!(t.any(r.id).is_some());
        }
    }

    #[test]
    fn lapse_rule_depends_on_the_day() {
        let t = RuleTable::default();
        assert_eq!(
            t.limit(RuleId::LapseFourYears, date(2025, 3, 31)),
            Ok(Some(Limit::Years(4)))
        );
        assert_eq!(
            t.in_force(RuleId::LapseFourYears, date(2025, 4, 1)).err(),
            Some(NotInForce {
                rule: RuleId::LapseFourYears,
                day: date(2025, 4, 1)
            })
        );
        assert!(
            t.in_force(RuleId::LapseFiveYearsFromDeparture, date(2025, 3, 31))
                .is_err()
        );
        assert!(
            t.in_force(RuleId::LapseFiveYearsFromDeparture, date(2025, 4, 1))
                .is_ok()
        );
    }

    /// Several periods per rule id: the appeal period under FL (1986:223) until
    /// 2018-06-30 and FL (2017:900) from 2018-07-01; the 3-month cap only from
    /// SFS 2012:129 (2012-05-01), no cap before.
    #[test]
    fn a_rule_has_several_periods_and_the_day_picks_one() {
        let t = RuleTable::default();
        assert_eq!(t.versions(RuleId::AppealPeriod).len(), 2);
        assert_eq!(
            t.in_force(RuleId::AppealPeriod, date(2018, 6, 30))
                .map(|r| r.statute),
            Ok("FL (1986:223) 23 §")
        );
        assert_eq!(
            t.in_force(RuleId::AppealPeriod, date(2018, 7, 1))
                .map(|r| r.statute),
            Ok("FL (2017:900) 44 §")
        );
        assert_eq!(
            t.limit(RuleId::DetentionExceptional, date(2012, 4, 30)),
            Ok(None)
        );
        assert_eq!(
            t.limit(RuleId::DetentionExceptional, date(2012, 5, 1)),
            Ok(Some(Limit::Months(3)))
        );
    }

    /// No silent fallback: before the Pact applies (2026-06-12) its rules are not
    /// in force, and asking for them is an error naming the rule and the day.
    #[test]
    fn a_day_with_no_rule_in_force_is_an_error_naming_the_rule() {
        let t = RuleTable::default();
        let err = t
            .limit(RuleId::ReturnBorderProcedure, date(2026, 6, 11))
            .unwrap_err();
        assert_eq!(err.rule, RuleId::ReturnBorderProcedure);
        assert_eq!(err.day, date(2026, 6, 11));
        assert!(err.to_string().contains("ReturnBorderProcedure"));
        assert_eq!(
            t.limit(RuleId::ReturnBorderProcedure, date(2026, 6, 12)),
            Ok(Some(Limit::Weeks(12)))
        );
    }

    #[test]
    fn overlapping_periods_are_refused() {
        let mut rows = default_rules();
        let mut dup = rows[0].clone();
        dup.in_force_from = Some(date(2018, 1, 1));
        dup.in_force_to = None;
        rows.push(dup);
        assert!(matches!(
            RuleTable::new(rows),
            Err(TableError::Overlap {
                rule: RuleId::AppealPeriod,
                ..
            })
        ));
    }

    #[test]
    fn limits_describe_in_both_languages() {
        assert_eq!(Limit::Hours(72).describe_en(), "72 hours");
        assert_eq!(Limit::Weeks(2).describe_sv(), "2 veckor");
        assert_eq!(Limit::Months(1).describe_sv(), "1 månad");
    }
}
