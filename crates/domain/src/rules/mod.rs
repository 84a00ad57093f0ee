//! The legal rule table (regeltabell): every hard rule the software enforces, with its
//! statute reference, the period it is in force and its limit; its name and wording
//! in Swedish and English are in the one text catalogue (area `rules`).
//!
//! The law changes, and a case is judged by the rule in force on the day that
//! matters, so a rule is looked up by id *and* date. A legal officer reviews this
//! table (`GET /api/rules`, docs/legal-rules.md); the tests below pin every default.

use jiff::{Span, ToSpan, civil::Date};
use opcentrum_text::{Lang, Tr};
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

    /// "72 hours", "2 veckor": the limit in the reader's language (catalogue
    /// keys `limit.<unit>.one` and `limit.<unit>.other`, area `rules`).
    pub fn describe(self, lang: Lang) -> String {
        let (n, unit) = match self {
            Limit::Hours(n) => (n, "hours"),
            Limit::Days(n) => (n, "days"),
            Limit::Weeks(n) => (n, "weeks"),
            Limit::Months(n) => (n, "months"),
            Limit::Years(n) => (n, "years"),
        };
        let form = if n == 1 { "one" } else { "other" };
        Tr::new(lang).f(&format!("limit.{unit}.{form}"), &[("n", &n)])
    }

    pub fn describe_en(self) -> String {
        self.describe(Lang::En)
    }

    pub fn describe_sv(self) -> String {
        self.describe(Lang::Sv)
    }
}

impl RuleId {
    /// The id as the API writes it: `child_detention`.
    pub fn code(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => format!("{self:?}"),
        }
    }

    /// The rule's short name in the reader's language (catalogue key
    /// `rule.<id>.name`, area `rules`).
    pub fn name(self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("rule.{}.name", self.code()))
    }
}

/// One row of the rule table: one period of one rule. Its wording is in the
/// text catalogue under [`LegalRule::text_key`]; the statute, the period and
/// the limit are here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalRule {
    pub id: RuleId,
    pub kind: RuleKind,
    /// e.g. "UtlL (2005:716) 10 kap. 4 §".
    pub statute: &'static str,
    /// The catalogue key of this period's wording (area `rules`):
    /// `rule.<id>.text`, or `rule.<id>.text.<period>` for a rule with several.
    pub text_key: &'static str,
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

    /// This period's wording in the reader's language.
    pub fn text(&self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(self.text_key)
    }

    /// The rule's short name in the reader's language.
    pub fn name(&self, lang: Lang) -> &'static str {
        self.id.name(lang)
    }

    /// The row as `GET /api/rules` shows it: both languages, read from the catalogue.
    pub fn view(&self) -> RuleView {
        RuleView {
            id: self.id,
            kind: self.kind,
            statute: self.statute,
            name_sv: self.name(Lang::Sv),
            name_en: self.name(Lang::En),
            text_sv: self.text(Lang::Sv),
            text_en: self.text(Lang::En),
            text_key: self.text_key,
            in_force_from: self.in_force_from,
            in_force_to: self.in_force_to,
            limit: self.limit,
        }
    }
}

/// One row of the rule table as the API shows it to a legal officer: the id,
/// the statute, the period and the limit, with the name and wording in both
/// languages from the text catalogue.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleView {
    pub id: RuleId,
    pub kind: RuleKind,
    pub statute: &'static str,
    pub name_sv: &'static str,
    pub name_en: &'static str,
    pub text_sv: &'static str,
    pub text_en: &'static str,
    /// The catalogue key the texts are read from.
    pub text_key: &'static str,
    pub in_force_from: Option<Date>,
    pub in_force_to: Option<Date>,
    pub limit: Option<Limit>,
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

    /// Every row's wording and every rule's name is in both catalogues, every
    /// key of the `rules` area is used by a row or a limit, and no two periods
    /// share a wording key.
    #[test]
    fn every_rule_has_its_name_and_wording_in_both_languages_and_a_reference() {
        let rows = default_rules();
        let mut used = std::collections::BTreeSet::new();
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            for r in &rows {
                let name = format!("rule.{}.name", r.id.code());
                assert!(tr.try_t(&name).is_some(), "{}: {name} missing", lang.code());
                assert!(
                    tr.try_t(r.text_key).is_some(),
                    "{}: {} missing",
                    lang.code(),
                    r.text_key
                );
                assert!(
                    r.text_key
                        .starts_with(&format!("rule.{}.text", r.id.code())),
                    "{:?}: key {} names another rule",
                    r.id,
                    r.text_key
                );
                assert!(!r.statute.is_empty(), "{:?}", r.id);
                used.insert(name);
                used.insert(r.text_key.to_owned());
            }
        }
        let keys: std::collections::BTreeSet<_> = rows.iter().map(|r| r.text_key).collect();
        assert_eq!(keys.len(), rows.len(), "two periods share a wording key");
        for lang in Lang::ALL {
            let area = opcentrum_text::area(lang, "rules").expect("rules area");
            let dead: Vec<_> = area
                .keys()
                .filter(|k| !used.contains(*k) && !k.starts_with("limit."))
                .collect();
            assert!(
                dead.is_empty(),
                "{}: keys no row uses: {dead:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn a_rule_reads_its_wording_from_the_catalogue() {
        let t = RuleTable::default();
        let r = t
            .in_force(RuleId::ChildDetention, date(2026, 12, 1))
            .unwrap();
        assert_eq!(r.name(Lang::Sv), "Förvar av barn");
        assert_eq!(r.name(Lang::En), "Detention of a child");
        assert!(
            r.text(Lang::Sv)
                .starts_with("Ett barn får inte hållas i förvar längre än 72 timmar")
        );
        assert!(
            r.text(Lang::En)
                .starts_with("A child may not be detained for longer than 72 hours")
        );
        let old = t.in_force(RuleId::AppealPeriod, date(2018, 6, 30)).unwrap();
        let new = t.in_force(RuleId::AppealPeriod, date(2018, 7, 1)).unwrap();
        assert_ne!(old.text(Lang::Sv), new.text(Lang::Sv));
        assert!(new.text(Lang::Sv).contains("dagen efter den sista dagen"));
        let v = new.view();
        assert_eq!(v.text_sv, new.text(Lang::Sv));
        assert_eq!(v.name_en, "Appeal period");
        assert_eq!(v.statute, "FL (2017:900) 44 §");
        assert_eq!(RuleId::ChildDetention.code(), "child_detention");
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
        assert_eq!(Limit::Hours(1).describe_en(), "1 hour");
        assert_eq!(Limit::Hours(1).describe_sv(), "1 timme");
        assert_eq!(Limit::Hours(24).describe_sv(), "24 timmar");
        assert_eq!(Limit::Days(1).describe_sv(), "1 dag");
        assert_eq!(Limit::Days(30).describe_en(), "30 days");
        assert_eq!(Limit::Weeks(2).describe_sv(), "2 veckor");
        assert_eq!(Limit::Weeks(1).describe_sv(), "1 vecka");
        assert_eq!(Limit::Months(1).describe_sv(), "1 månad");
        assert_eq!(Limit::Months(12).describe_sv(), "12 månader");
        assert_eq!(Limit::Years(5).describe_sv(), "5 år");
        assert_eq!(Limit::Years(1).describe_en(), "1 year");
    }
}
