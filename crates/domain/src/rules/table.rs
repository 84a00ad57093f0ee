//! The rows of the default rule table. One row is one period of one rule: a rule
//! whose text or limit changed has one row per period, and the periods of one id
//! never overlap (`RuleTable::validate`). A row names its text by a key of the
//! text catalogue (`crates/text/i18n/{sv,en}/rules.toml`), where the Swedish and
//! English wording live; the statute, the period and the limit live here. docs/legal-rules.md records what was
//! confirmed against the statute text and what remains for a legal officer.

use super::{LegalRule, Limit, RuleId, RuleKind};
use jiff::civil::Date;

/// Utlänningslagen (2005:716) in force.
const UTLL_IN_FORCE: Date = jiff::civil::date(2006, 3, 31);
/// SFS 2012:129 (the Return Directive) set the 3- and 12-month caps and the
/// voluntary-departure period.
const RETURN_DIRECTIVE_IN_FORCE: Date = jiff::civil::date(2012, 5, 1);
/// The new lapse rule of UtlL 12 kap. 22 §.
pub const NEW_LAPSE_RULE_FROM: Date = jiff::civil::date(2025, 4, 1);
const OLD_LAPSE_RULE_TO: Date = jiff::civil::date(2025, 3, 31);
/// Förvaltningslagen (2017:900) replaced förvaltningslagen (1986:223).
const NEW_FL_FROM: Date = jiff::civil::date(2018, 7, 1);
const OLD_FL_TO: Date = jiff::civil::date(2018, 6, 30);
/// The EU Pact on Migration and Asylum applies (Regulation (EU) 2024/1349 art. 8).
pub const PACT_IN_FORCE: Date = jiff::civil::date(2026, 6, 12);

macro_rules! rule {
    ($id:ident, $kind:ident, $statute:literal, $from:expr, $to:expr, $limit:expr, text: $text:literal) => {
        LegalRule {
            id: RuleId::$id,
            kind: RuleKind::$kind,
            statute: $statute,
            text_key: $text,
            in_force_from: $from,
            in_force_to: $to,
            limit: $limit,
        }
    };
}

/// The default rule table.
pub fn default_rules() -> Vec<LegalRule> {
    use Limit::*;
    let utl = Some(UTLL_IN_FORCE);
    let rd = Some(RETURN_DIRECTIVE_IN_FORCE);
    let pact = Some(PACT_IN_FORCE);
    vec![
        // --- Finality and periods -------------------------------------------------
        rule!(AppealPeriod, Statute, "FL (1986:223) 23 §", None, Some(OLD_FL_TO), Some(Weeks(3)),
            text: "rule.appeal_period.text.fl_1986"),
        rule!(AppealPeriod, Statute, "FL (2017:900) 44 §", Some(NEW_FL_FROM), None, Some(Weeks(3)),
            text: "rule.appeal_period.text.fl_2017"),
        rule!(PeriodEndsOnWorkingDay, Statute, "lag (1930:173) om beräkning av lagstadgad tid 1–2 §§; lag (1989:253) om allmänna helgdagar", None, None, None,
            text: "rule.period_ends_on_working_day.text"),
        rule!(FinalAtOnceCourtOfAppeal, Statute, "UtlL (2005:716) 16 kap. 9 §; lag (1971:291) om allmänna förvaltningsdomstolar", utl, None, None,
            text: "rule.final_at_once_court_of_appeal.text"),
        rule!(FinalityConfirmed, Practice, "JO 8824-2019; FL (2017:900) 9 §", None, None, None,
            text: "rule.finality_confirmed.text"),
        rule!(EnforcementRequiresFinal, Statute, "UtlL (2005:716) 12 kap. 14 §", utl, None, None,
            text: "rule.enforcement_requires_final.text"),
        // --- Voluntary departure ---------------------------------------------------
        rule!(VoluntaryDepartureRefusal, Statute, "UtlL (2005:716) 8 kap. 21 §", rd, None, Some(Weeks(2)),
            text: "rule.voluntary_departure_refusal.text"),
        rule!(VoluntaryDepartureExpulsion, Statute, "UtlL (2005:716) 8 kap. 21 §", rd, None, Some(Weeks(4)),
            text: "rule.voluntary_departure_expulsion.text"),
        rule!(VoluntaryDepartureLonger, Statute, "UtlL (2005:716) 8 kap. 21 § andra stycket", rd, None, None,
            text: "rule.voluntary_departure_longer.text"),
        rule!(NoDeparturePeriodOnAbscondingRisk, Statute, "UtlL (2005:716) 8 kap. 22 §", rd, None, None,
            text: "rule.no_departure_period_on_absconding_risk.text"),
        rule!(ReturnBorderVoluntaryDeparture, Statute, "förordning (EU) 2024/1349 art. 4.5", pact, None, Some(Days(15)),
            text: "rule.return_border_voluntary_departure.text"),
        // --- Handover and transport ------------------------------------------------
        rule!(HandoverToPolice, Statute, "UtlL (2005:716) 12 kap. 14 § tredje stycket", utl, None, None,
            text: "rule.handover_to_police.text"),
        rule!(TransportRequest, Statute, "UtlL (2005:716) 12 kap. 14 §; UtlF (2006:97) 8 kap.", utl, None, None,
            text: "rule.transport_request.text"),
        // --- Impediments -----------------------------------------------------------
        rule!(ImpedimentBlocks, Statute, "UtlL (2005:716) 12 kap. 18 §", utl, None, None,
            text: "rule.impediment_blocks.text"),
        rule!(StayBlocks, Statute, "UtlL (2005:716) 12 kap. 19 §", utl, None, None,
            text: "rule.stay_blocks.text"),
        rule!(InternationalInterimMeasure, Statute, "UtlL (2005:716) 12 kap. 18 §; Europakonventionen art. 34, EKMR:s regel 39; FN:s tortyrkonvention art. 22", utl, None, None,
            text: "rule.international_interim_measure.text"),
        // --- Detention: caps ---------------------------------------------------------
        rule!(DetentionIdentity, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Weeks(2)),
            text: "rule.detention_identity.text"),
        rule!(DetentionInvestigation, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Hours(48)),
            text: "rule.detention_investigation.text"),
        rule!(DetentionLikelyRemoval, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Weeks(2)),
            text: "rule.detention_likely_removal.text"),
        rule!(DetentionEnforcement, Statute, "UtlL (2005:716) 10 kap. 4 §; MIG 2013:3; MIG 2019:17", utl, None, Some(Months(2)),
            text: "rule.detention_enforcement.text"),
        rule!(DetentionExceptional, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, Some(jiff::civil::date(2012, 4, 30)), None,
            text: "rule.detention_exceptional.text.until_2012"),
        rule!(DetentionExceptional, Statute, "UtlL (2005:716) 10 kap. 4 § (SFS 2012:129)", rd, None, Some(Months(3)),
            text: "rule.detention_exceptional.text.from_2012"),
        rule!(DetentionNonCooperation, Statute, "UtlL (2005:716) 10 kap. 4 § (SFS 2012:129); MIG 2019:17", rd, None, Some(Months(12)),
            text: "rule.detention_non_cooperation.text"),
        rule!(DetentionCriminalCourt, Statute, "UtlL (2005:716) 10 kap. 4 § sista stycket; återvändandedirektivet art. 2.2 b", utl, None, None,
            text: "rule.detention_criminal_court.text"),
        rule!(DetentionAbsoluteCap, Statute, "direktiv 2008/115/EG art. 15.5–15.6; C-357/09 Kadzoev", rd, None, Some(Months(18)),
            text: "rule.detention_absolute_cap.text"),
        rule!(NoReasonableProspect, Statute, "direktiv 2008/115/EG art. 15.4; UtlL (2005:716) 10 kap. 2 §", rd, None, None,
            text: "rule.no_reasonable_prospect.text"),
        rule!(ReturnBorderProcedure, Statute, "förordning (EU) 2024/1349 art. 4.2", pact, None, Some(Weeks(12)),
            text: "rule.return_border_procedure.text"),
        rule!(ReturnBorderDetention, Statute, "förordning (EU) 2024/1349 art. 5", pact, None, Some(Weeks(12)),
            text: "rule.return_border_detention.text"),
        // --- Detention: reviews --------------------------------------------------------
        rule!(DetentionReviewLikelyRemoval, Statute, "UtlL (2005:716) 10 kap. 9–10 §§; MIG 2013:7", utl, None, Some(Weeks(2)),
            text: "rule.detention_review_likely_removal.text"),
        rule!(DetentionReviewEnforcement, Statute, "UtlL (2005:716) 10 kap. 9–10 §§; MIG 2013:7", utl, None, Some(Months(2)),
            text: "rule.detention_review_enforcement.text"),
        rule!(PublicCounsel, Statute, "UtlL (2005:716) 18 kap. 1 §", utl, None, Some(Hours(72)),
            text: "rule.public_counsel.text"),
        // --- Children -------------------------------------------------------------------
        rule!(ChildDetention, Statute, "UtlL (2005:716) 10 kap. 5 §", utl, None, Some(Hours(72)),
            text: "rule.child_detention.text"),
        rule!(ChildDetentionExtension, Statute, "UtlL (2005:716) 10 kap. 5 §", utl, None, Some(Hours(72)),
            text: "rule.child_detention_extension.text"),
        rule!(ChildDetentionGrounds, Statute, "UtlL (2005:716) 10 kap. 2 §", utl, None, None,
            text: "rule.child_detention_grounds.text"),
        rule!(ChildNotSeparated, Statute, "UtlL (2005:716) 10 kap. 3 §", utl, None, None,
            text: "rule.child_not_separated.text"),
        rule!(ChildReception, Statute, "direktiv 2008/115/EG art. 10.2", rd, None, None,
            text: "rule.child_reception.text"),
        rule!(DetentionNewDecision, Statute, "UtlL (2005:716) 10 kap. 4–5 §§", utl, None, None,
            text: "rule.detention_new_decision.text"),
        rule!(ChildPlacement, Statute, "UtlL (2005:716) 10 kap. 20 §", utl, None, None,
            text: "rule.child_placement.text"),
        rule!(SupervisionFirst, Statute, "UtlL (2005:716) 10 kap. 1 § och 6–8 §§", utl, None, None,
            text: "rule.supervision_first.text"),
        // --- Custody and transport placement ----------------------------------------------
        rule!(PoliceCustody, Statute, "UtlL (2005:716) 10 kap. 17 §", utl, None, Some(Hours(24)),
            text: "rule.police_custody.text"),
        rule!(PoliceCustodyExtension, Statute, "UtlL (2005:716) 10 kap. 17 §", utl, None, Some(Hours(24)),
            text: "rule.police_custody_extension.text"),
        rule!(TransportPlacement, Statute, "UtlL (2005:716) 10 kap. 20 §", utl, None, Some(Hours(72)),
            text: "rule.transport_placement.text"),
        // --- Lapse ------------------------------------------------------------------------
        rule!(LapseFourYears, Statute, "UtlL (2005:716) 12 kap. 22 § (i lydelse t.o.m. 2025-03-31)", None, Some(OLD_LAPSE_RULE_TO), Some(Years(4)),
            text: "rule.lapse_four_years.text"),
        rule!(LapseFiveYearsFromDeparture, Statute, "UtlL (2005:716) 12 kap. 22 § (i lydelse fr.o.m. 2025-04-01)", Some(NEW_LAPSE_RULE_FROM), None, Some(Years(5)),
            text: "rule.lapse_five_years_from_departure.text"),
        // --- Families and trips -------------------------------------------------------------
        rule!(FamilyUnity, Statute, "UtlL (2005:716) 1 kap. 10 §; barnkonventionen art. 9; direktiv 2008/115/EG art. 14.1 a", utl, None, None,
            text: "rule.family_unity.text"),
        rule!(FitnessValidity, Practice, "praxis (Kriminalvården, NTE)", None, None, Some(Days(30)),
            text: "rule.fitness_validity.text"),
        // Art. 8.6: an effective system for monitoring forced return. Sweden's
        // monitoring body (kontrollorgan) is Migrationsverket since August 2018
        // (docs/legal-rules.md: sources; the instrument's section is for a
        // legal officer to confirm). Enforced on charters by decide::monitor.
        rule!(ForcedReturnMonitor, Statute, "direktiv 2008/115/EG art. 8.6", rd, None, None,
            text: "rule.forced_return_monitor.text"),
        rule!(HumanDecision, Statute, "FL (2017:900) 28 §; dataskyddsförordningen art. 22", None, None, None,
            text: "rule.human_decision.text"),
        rule!(ResponsibleAgency, Statute, "UtlL (2005:716) 12 kap. 14 §", utl, None, None,
            text: "rule.responsible_agency.text"),
        // --- Practice -----------------------------------------------------------------------
        rule!(ClosedCase, Practice, "praxis (opcentrum)", None, None, None,
            text: "rule.closed_case.text"),
        rule!(FacilityCapacity, Practice, "praxis (Migrationsverket)", None, None, None,
            text: "rule.facility_capacity.text"),
        rule!(PlausibleData, Practice, "praxis (opcentrum)", None, None, None,
            text: "rule.plausible_data.text"),
        rule!(AlertLeadTime, Practice, "praxis (opcentrum)", None, None, Some(Hours(48)),
            text: "rule.alert_lead_time.text"),
    ]
}
