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
    /// Enforcement (verkställighet) only of a decision that has become final.
    EnforcementRequiresFinal,
    /// Voluntary departure period, refusal of entry: 2 weeks.
    VoluntaryDepartureRefusal,
    /// Voluntary departure period, expulsion: 4 weeks.
    VoluntaryDepartureExpulsion,
    /// No voluntary departure period where there is a risk of absconding.
    NoDeparturePeriodOnAbscondingRisk,
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
    /// Adult detention for enforcement: at most 2 months.
    DetentionEnforcement,
    /// With exceptional reasons (synnerliga skäl): at most 3 months in total.
    DetentionExceptional,
    /// Non-cooperation or delayed documents: at most 12 months in total.
    DetentionNonCooperation,
    /// Expulsion by a criminal court: the time caps do not apply.
    DetentionCriminalCourt,
    /// A detention on likely removal lapses unless reviewed within 2 weeks.
    DetentionReviewLikelyRemoval,
    /// Enforcement detention is reviewed within 2 months, and so on.
    DetentionReviewEnforcement,
    /// A child: at most 72 hours.
    ChildDetention,
    /// A child, exceptional reasons: extended once by at most 72 hours.
    ChildDetentionExtension,
    /// A child is never placed in a prison, remand centre or police cell.
    ChildPlacement,
    /// Supervision (uppsikt) is the milder measure; detention only where it is not enough.
    SupervisionFirst,
    /// Police custody for enforcement: 24 hours.
    PoliceCustody,
    /// Police custody, special reasons: plus 24 hours.
    PoliceCustodyExtension,
    /// Placement in a prison, remand centre or police cell for transport: at most 3 days.
    TransportPlacement,
    /// Lapse (preskription), rule until 31 March 2025: 4 years after the decision became final.
    LapseFourYears,
    /// Lapse, rule from 1 April 2025: 5 years from the day the person left Sweden.
    LapseFiveYearsFromDeparture,
    /// Families travel together.
    FamilyUnity,
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

const UTLL_IN_FORCE: Date = jiff::civil::date(2006, 3, 31);
/// SFS 2012:129 (the Return Directive) set the 3- and 12-month caps.
const RETURN_DIRECTIVE_IN_FORCE: Date = jiff::civil::date(2012, 5, 1);
/// The new lapse rule of UtlL 12 kap. 22 §.
pub const NEW_LAPSE_RULE_FROM: Date = jiff::civil::date(2025, 4, 1);
const OLD_LAPSE_RULE_TO: Date = jiff::civil::date(2025, 3, 31);

macro_rules! rule {
    ($id:ident, $kind:ident, $statute:literal, $from:expr, $to:expr, $limit:expr, sv: $sv:literal, en: $en:literal) => {
        LegalRule {
            id: RuleId::$id,
            kind: RuleKind::$kind,
            statute: $statute,
            text_sv: $sv,
            text_en: $en,
            in_force_from: $from,
            in_force_to: $to,
            limit: $limit,
        }
    };
}

/// The default rule table. Each statute reference is taken from utlänningslagen
/// (2005:716) and förvaltningslagen (2017:900) as publicly described; docs/legal-rules.md
/// records which a legal officer has confirmed against the SFS text.
pub fn default_rules() -> Vec<LegalRule> {
    use Limit::*;
    let utl = Some(UTLL_IN_FORCE);
    let rd = Some(RETURN_DIRECTIVE_IN_FORCE);
    vec![
        rule!(AppealPeriod, Statute, "FL (2017:900) 44 §", None, None, Some(Weeks(3)),
            sv: "Ett beslut vinner laga kraft när tiden för överklagande (tre veckor från delfåendet) har gått ut eller när den enskilde avstått från att överklaga.",
            en: "A decision becomes final when the appeal period (three weeks from notification) has ended or the person has waived appeal."),
        rule!(EnforcementRequiresFinal, Statute, "UtlL (2005:716) 12 kap. 14 §", utl, None, None,
            sv: "Ett beslut om avvisning eller utvisning verkställs först när det har vunnit laga kraft.",
            en: "A decision on refusal of entry or expulsion is enforced only once it has become final."),
        rule!(VoluntaryDepartureRefusal, Statute, "UtlL (2005:716) 8 kap. 21 §", rd, None, Some(Weeks(2)),
            sv: "Vid avvisning ska tidsfristen för frivillig avresa vara två veckor från det att beslutet vann laga kraft.",
            en: "For refusal of entry the period for voluntary departure is two weeks from the day the decision became final."),
        rule!(VoluntaryDepartureExpulsion, Statute, "UtlL (2005:716) 8 kap. 21 §", rd, None, Some(Weeks(4)),
            sv: "Vid utvisning ska tidsfristen för frivillig avresa vara fyra veckor från det att beslutet vann laga kraft.",
            en: "For expulsion the period for voluntary departure is four weeks from the day the decision became final."),
        rule!(NoDeparturePeriodOnAbscondingRisk, Statute, "UtlL (2005:716) 8 kap. 22 §", rd, None, None,
            sv: "Ingen tidsfrist för frivillig avresa ges om det finns risk att utlänningen avviker.",
            en: "No period for voluntary departure is given where there is a risk that the person absconds."),
        rule!(HandoverToPolice, Statute, "UtlL (2005:716) 12 kap. 14 § tredje stycket", utl, None, None,
            sv: "Migrationsverket får lämna över verkställigheten till Polismyndigheten om utlänningen håller sig undan eller om tvång kan antas behövas.",
            en: "Migrationsverket may hand enforcement over to the Police where the person has absconded or coercion can be assumed to be needed."),
        rule!(TransportRequest, Statute, "UtlL (2005:716) 12 kap. 14 §; UtlF (2006:97) 8 kap.", utl, None, None,
            sv: "Polismyndigheten får begära att Kriminalvården genomför transporten vid verkställigheten.",
            en: "The Police may ask the Prison and Probation Service to carry out the transport for the enforcement."),
        rule!(ImpedimentBlocks, Statute, "UtlL (2005:716) 12 kap. 18 §", utl, None, None,
            sv: "Finns det hinder mot verkställighet får verkställighet inte ske så länge hindret består.",
            en: "Where there is an impediment to enforcement, the decision may not be enforced while the impediment remains."),
        rule!(StayBlocks, Statute, "UtlL (2005:716) 12 kap. 19 §", utl, None, None,
            sv: "Vid nya omständigheter får Migrationsverket besluta om inhibition; verkställighet får då inte ske.",
            en: "On new circumstances Migrationsverket may stay enforcement (inhibition); the decision may then not be enforced."),
        rule!(InternationalInterimMeasure, Statute, "UtlL (2005:716) 12 kap. 18 §; Europakonventionen art. 34, EKMR:s regel 39; FN:s tortyrkonvention art. 22", utl, None, None,
            sv: "En interimistisk åtgärd från Europadomstolen eller FN:s kommitté mot tortyr hindrar verkställighet tills den hävts.",
            en: "An interim measure of the European Court of Human Rights or the UN Committee against Torture blocks enforcement until lifted."),
        rule!(DetentionIdentity, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Weeks(2)),
            sv: "En vuxen får hållas i förvar för att utreda identiteten i högst två veckor, om inte synnerliga skäl föreligger.",
            en: "An adult may be detained to establish identity for at most two weeks, unless there are exceptional reasons."),
        rule!(DetentionInvestigation, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Hours(48)),
            sv: "En vuxen får hållas i förvar för utredning om rätten att stanna i högst 48 timmar.",
            en: "An adult may be detained for an investigation of the right to stay for at most 48 hours."),
        rule!(DetentionLikelyRemoval, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Weeks(2)),
            sv: "En vuxen får hållas i förvar när det är sannolikt att han eller hon kommer att avvisas i högst två veckor, om inte synnerliga skäl föreligger.",
            en: "An adult may be detained where refusal of entry is likely for at most two weeks, unless there are exceptional reasons."),
        rule!(DetentionEnforcement, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Months(2)),
            sv: "En vuxen får hållas i förvar för verkställighet i högst två månader, om inte synnerliga skäl föreligger.",
            en: "An adult may be detained for enforcement for at most two months, unless there are exceptional reasons."),
        rule!(DetentionExceptional, Statute, "UtlL (2005:716) 10 kap. 4 §", rd, None, Some(Months(3)),
            sv: "Även om det finns synnerliga skäl får en vuxen inte hållas i förvar längre än tre månader.",
            en: "Even with exceptional reasons an adult may not be detained longer than three months."),
        rule!(DetentionNonCooperation, Statute, "UtlL (2005:716) 10 kap. 4 §", rd, None, Some(Months(12)),
            sv: "Om verkställigheten drar ut på tiden för att utlänningen inte samarbetar eller handlingar dröjer får förvaret vara högst tolv månader.",
            en: "Where enforcement takes longer because the person does not cooperate or documents are delayed, detention may last at most twelve months."),
        rule!(DetentionCriminalCourt, Statute, "UtlL (2005:716) 10 kap. 4 § sista stycket", utl, None, None,
            sv: "Tidsgränserna gäller inte den som har utvisats av allmän domstol på grund av brott.",
            en: "The time caps do not apply to a person expelled by a criminal court."),
        rule!(DetentionReviewLikelyRemoval, Statute, "UtlL (2005:716) 10 kap. 9 §", utl, None, Some(Weeks(2)),
            sv: "Ett beslut om förvar när avvisning är sannolik upphör att gälla om det inte prövas på nytt inom två veckor från den dag det började verkställas.",
            en: "A detention decision on likely removal lapses unless it is reviewed within two weeks of taking effect."),
        rule!(DetentionReviewEnforcement, Statute, "UtlL (2005:716) 10 kap. 9 §", utl, None, Some(Months(2)),
            sv: "Ett beslut om förvar för verkställighet ska prövas på nytt inom två månader och därefter inom samma tid.",
            en: "An enforcement detention decision is reviewed within two months, and again within the same period after each review."),
        rule!(ChildDetention, Statute, "UtlL (2005:716) 10 kap. 5 §", utl, None, Some(Hours(72)),
            sv: "Ett barn får inte hållas i förvar längre än 72 timmar.",
            en: "A child may not be detained for longer than 72 hours."),
        rule!(ChildDetentionExtension, Statute, "UtlL (2005:716) 10 kap. 5 §", utl, None, Some(Hours(72)),
            sv: "Om det finns synnerliga skäl får förvaret av ett barn förlängas en gång med högst 72 timmar.",
            en: "With exceptional reasons the detention of a child may be extended once by at most 72 hours."),
        rule!(ChildPlacement, Statute, "UtlL (2005:716) 10 kap. 20 §", utl, None, None,
            sv: "Ett barn får aldrig placeras i kriminalvårdsanstalt, häkte eller polisarrest.",
            en: "A child is never placed in a prison, a remand centre or a police cell."),
        rule!(SupervisionFirst, Statute, "UtlL (2005:716) 10 kap. 1 § och 6–8 §§", utl, None, None,
            sv: "Förvar får användas endast om uppsikt (anmälningsplikt, inlämnat pass) inte är tillräckligt.",
            en: "Detention may be used only where supervision (reporting duty, passport handed in) is not enough."),
        rule!(PoliceCustody, Statute, "UtlL (2005:716) 10 kap. 17 §", utl, None, Some(Hours(24)),
            sv: "Polismyndigheten får hålla en utlänning kvar för verkställighet i högst 24 timmar.",
            en: "The Police may hold a person in custody for enforcement for at most 24 hours."),
        rule!(PoliceCustodyExtension, Statute, "UtlL (2005:716) 10 kap. 17 §", utl, None, Some(Hours(24)),
            sv: "Om det finns särskilda skäl får kvarhållandet förlängas med högst 24 timmar.",
            en: "With special reasons the custody may be extended by at most 24 hours."),
        rule!(TransportPlacement, Statute, "UtlL (2005:716) 10 kap. 20 §", utl, None, Some(Days(3)),
            sv: "Den som placeras i kriminalvårdsanstalt, häkte eller polisarrest av transportskäl får hållas där i högst tre dagar.",
            en: "A person placed in a prison, remand centre or police cell for transport reasons may be held there for at most three days."),
        rule!(LapseFourYears, Statute, "UtlL (2005:716) 12 kap. 22 § (i lydelse t.o.m. 2025-03-31)", utl, Some(OLD_LAPSE_RULE_TO), Some(Years(4)),
            sv: "Ett beslut om avvisning eller utvisning som inte verkställts upphör att gälla fyra år efter att det vann laga kraft.",
            en: "A decision on refusal of entry or expulsion that has not been enforced lapses four years after it became final."),
        rule!(LapseFiveYearsFromDeparture, Statute, "UtlL (2005:716) 12 kap. 22 § (i lydelse fr.o.m. 2025-04-01)", Some(NEW_LAPSE_RULE_FROM), None, Some(Years(5)),
            sv: "Ett beslut om avvisning eller utvisning gäller i fem år från den dag utlänningen lämnade Sverige, eller längre om ett återreseförbud gäller längre.",
            en: "A decision on refusal of entry or expulsion applies for five years from the day the person left Sweden, or longer while a re-entry ban runs."),
        rule!(FamilyUnity, Statute, "UtlL (2005:716) 1 kap. 10 §; barnkonventionen art. 9", utl, None, None,
            sv: "En familj reser tillsammans: alla eller ingen av familjemedlemmarna planeras på en resa.",
            en: "A family travels together: all or none of its members are planned on a trip."),
        rule!(HumanDecision, Statute, "FL (2017:900) 28 §; dataskyddsförordningen art. 22", None, None, None,
            sv: "En plan är ett förslag; en namngiven tjänsteman fattar varje beslut om en person.",
            en: "A plan is a proposal; a named official takes every decision about a person."),
        rule!(ResponsibleAgency, Statute, "UtlL (2005:716) 12 kap. 14 §", utl, None, None,
            sv: "Endast den myndighet som ansvarar för verkställigheten får vidta åtgärder i ärendet.",
            en: "Only the agency responsible for the enforcement may act on the case."),
        rule!(ClosedCase, Practice, "praxis (opcentrum)", None, None, None,
            sv: "Ett avslutat ärende tar inte emot fler händelser.",
            en: "A closed case takes no further events."),
        rule!(FacilityCapacity, Practice, "praxis (Migrationsverket)", None, None, None,
            sv: "En förvarsenhet tar inte emot fler än sina platser.",
            en: "A detention facility takes no more persons than it has places."),
        rule!(PlausibleData, Practice, "praxis (opcentrum)", None, None, None,
            sv: "Registrerade uppgifter ska vara rimliga: inga datum i framtiden, namn ifyllda.",
            en: "Recorded data must be plausible: no date in the future, names given."),
        rule!(AlertLeadTime, Practice, "praxis (opcentrum)", None, None, Some(Hours(48)),
            sv: "Larm ges 48 timmar innan en tidsgräns nås.",
            en: "An alert fires 48 hours before a limit is reached."),
    ]
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
    pub fn new(rules: Vec<LegalRule>) -> Self {
        RuleTable { rules }
    }

    pub fn all(&self) -> &[LegalRule] {
        &self.rules
    }

    /// The version of a rule in force on `day`.
    pub fn in_force(&self, id: RuleId, day: Date) -> Option<&LegalRule> {
        self.rules.iter().find(|r| r.id == id && r.in_force_on(day))
    }

    /// Any version of a rule (for messages that cite it).
    pub fn any(&self, id: RuleId) -> Option<&LegalRule> {
        self.rules.iter().rev().find(|r| r.id == id)
    }

    /// The rule's limit in force on `day`, or its latest known limit.
    pub fn limit(&self, id: RuleId, day: Date) -> Option<Limit> {
        self.in_force(id, day)
            .or_else(|| self.any(id))
            .and_then(|r| r.limit)
    }

    /// Statute reference for messages: "UtlL (2005:716) 10 kap. 4 §".
    pub fn reference(&self, id: RuleId) -> &'static str {
        self.any(id).map(|r| r.statute).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn limit(id: RuleId) -> Option<Limit> {
        RuleTable::default().limit(id, date(2026, 12, 1))
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
        assert_eq!(limit(RuleId::DetentionIdentity), Some(Weeks(2)));
        assert_eq!(limit(RuleId::DetentionInvestigation), Some(Hours(48)));
        assert_eq!(limit(RuleId::DetentionLikelyRemoval), Some(Weeks(2)));
        assert_eq!(limit(RuleId::DetentionEnforcement), Some(Months(2)));
        assert_eq!(limit(RuleId::DetentionExceptional), Some(Months(3)));
        assert_eq!(limit(RuleId::DetentionNonCooperation), Some(Months(12)));
        assert_eq!(limit(RuleId::DetentionCriminalCourt), None);
        assert_eq!(limit(RuleId::DetentionReviewLikelyRemoval), Some(Weeks(2)));
        assert_eq!(limit(RuleId::DetentionReviewEnforcement), Some(Months(2)));
        assert_eq!(limit(RuleId::ChildDetention), Some(Hours(72)));
        assert_eq!(limit(RuleId::ChildDetentionExtension), Some(Hours(72)));
        assert_eq!(limit(RuleId::PoliceCustody), Some(Hours(24)));
        assert_eq!(limit(RuleId::PoliceCustodyExtension), Some(Hours(24)));
        assert_eq!(limit(RuleId::TransportPlacement), Some(Days(3)));
        assert_eq!(limit(RuleId::LapseFiveYearsFromDeparture), Some(Years(5)));
        assert_eq!(limit(RuleId::AlertLeadTime), Some(Hours(48)));
    }

    #[test]
    fn lapse_rule_depends_on_the_day() {
        let t = RuleTable::default();
        assert_eq!(
            t.in_force(RuleId::LapseFourYears, date(2025, 3, 31))
                .and_then(|r| r.limit),
            Some(Limit::Years(4))
        );
        assert!(
            t.in_force(RuleId::LapseFourYears, date(2025, 4, 1))
                .is_none()
        );
        assert!(
            t.in_force(RuleId::LapseFiveYearsFromDeparture, date(2025, 3, 31))
                .is_none()
        );
        assert!(
            t.in_force(RuleId::LapseFiveYearsFromDeparture, date(2025, 4, 1))
                .is_some()
        );
    }

    #[test]
    fn rule_ids_are_unique_per_period() {
        let rules = default_rules();
        for (i, a) in rules.iter().enumerate() {
            for b in &rules[i + 1..] {
                assert!(a.id != b.id, "{:?} twice", a.id);
            }
        }
    }

    #[test]
    fn limits_describe_in_both_languages() {
        assert_eq!(Limit::Hours(72).describe_en(), "72 hours");
        assert_eq!(Limit::Weeks(2).describe_sv(), "2 veckor");
        assert_eq!(Limit::Months(1).describe_sv(), "1 månad");
    }
}
