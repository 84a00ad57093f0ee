//! The categories of personal data in a case (DESIGN.md, "Secrecy and audit"),
//! which fields and events fall in which, and who owns each in a given case.

use opcentrum_domain::{Agency, Case, EventKind, readiness::Unmet};
use opcentrum_text::{Lang, Tr};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldCategory {
    /// Name, birth date, sex, citizenship, dossier number.
    Identity,
    /// The decision, its dates, impediments and stays, handover reasons.
    Decision,
    /// Where the person is: detention, supervision, absconding.
    Location,
    /// Health and fitness to fly.
    Health,
    /// Risk of absconding, escort need.
    SecurityRisk,
    /// Family links.
    Family,
    /// Travel documents, the destination's acceptance.
    TravelDocuments,
    /// That the expulsion was ordered by a criminal court.
    CriminalRecord,
    /// Trips: assignment, failed attempts.
    Trip,
}

impl FieldCategory {
    pub const ALL: [FieldCategory; 9] = [
        FieldCategory::Identity,
        FieldCategory::Decision,
        FieldCategory::Location,
        FieldCategory::Health,
        FieldCategory::SecurityRisk,
        FieldCategory::Family,
        FieldCategory::TravelDocuments,
        FieldCategory::CriminalRecord,
        FieldCategory::Trip,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FieldCategory::Identity => "identity",
            FieldCategory::Decision => "decision",
            FieldCategory::Location => "location",
            FieldCategory::Health => "health",
            FieldCategory::SecurityRisk => "security_risk",
            FieldCategory::Family => "family",
            FieldCategory::TravelDocuments => "travel_documents",
            FieldCategory::CriminalRecord => "criminal_record",
            FieldCategory::Trip => "trip",
        }
    }

    pub fn parse(code: &str) -> Option<FieldCategory> {
        FieldCategory::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The category's name in the reader's language (catalogue key `category.<code>`).
    pub fn name(self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("category.{}", self.code()))
    }

    pub fn name_sv(self) -> &'static str {
        self.name(Lang::Sv)
    }

    pub fn name_en(self) -> &'static str {
        self.name(Lang::En)
    }
}

impl fmt::Display for FieldCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The categories an event reveals (its payload and reason). The same for
/// every event of a type, whatever its values, so that which categories an
/// event is withheld for never tells its values: a `registered` event of a
/// criminal court's expulsion lists what any `registered` event lists (the
/// criminal-record facts in its payload are redacted separately), and every
/// failed attempt counts as health and security risk (a failure may be
/// medical or resistance).
pub fn categories_of_event(kind: &EventKind) -> &'static [FieldCategory] {
    categories_of_event_type(kind.name())
}

/// `categories_of_event` by the event's type name (`registered`, …); an
/// unknown type reveals every category.
pub fn categories_of_event_type(name: &str) -> &'static [FieldCategory] {
    use FieldCategory::*;
    match name {
        "registered" => &[Identity, Decision, Family, SecurityRisk],
        // A transport request's payload says whether escorts are needed.
        "handover_proposed" => &[Decision, SecurityRisk],
        "decision_final"
        | "finality_confirmed"
        | "finality_corrected"
        | "departure_period_extended"
        | "handover_accepted"
        | "handover_returned"
        | "impediment_lodged"
        | "impediment_lifted"
        | "departed_voluntarily"
        | "expired"
        | "permit_granted"
        | "cancelled" => &[Decision],
        "detention_started"
        | "detention_extended"
        | "detention_reviewed"
        | "detention_ended"
        | "detention_redecided"
        | "counsel_appointed"
        | "supervision_ordered"
        | "supervision_ended"
        | "absconded"
        | "located" => &[Location],
        "travel_document_issued" | "destination_accepted" => &[TravelDocuments],
        "fitness_assessed" => &[Health],
        "attempt_failed" => &[Trip, Health, SecurityRisk],
        "planned" | "unplanned" | "executed" => &[Trip],
        "family_left" | "guardians_recorded" | "reception_arranged" => &[Family],
        _ => &FieldCategory::ALL,
    }
}

/// The categories an unmet readiness condition reveals. A running departure
/// period also tells that the expulsion is not a criminal court's and that
/// there is no risk of absconding (neither has a period).
pub fn categories_of_unmet(u: &Unmet) -> &'static [FieldCategory] {
    use FieldCategory::*;
    match u {
        Unmet::DeparturePeriodRunning { .. } => &[Decision, CriminalRecord, SecurityRisk],
        Unmet::NotFinal
        | Unmet::FinalityUnconfirmed
        | Unmet::RuleNotInForce { .. }
        | Unmet::TransportNotRequested { .. }
        | Unmet::OpenImpediment { .. }
        | Unmet::DecisionLapsed { .. } => &[Decision],
        Unmet::NotLocated { .. } => &[Location],
        Unmet::NoReceptionArranged => &[Family],
        Unmet::NoTravelDocument
        | Unmet::TravelDocumentExpired { .. }
        | Unmet::NoDestinationAcceptance => &[TravelDocuments],
        Unmet::FitnessNotAssessed | Unmet::NotFitToFly { .. } | Unmet::FitnessExpired { .. } => {
            &[Health]
        }
    }
}

/// The category a refusal under a rule speaks of: a reader who may not read
/// it learns only that a rule refused (`None`: the rule speaks only of what
/// every reader sees — the stage, the responsible agency, the input itself).
pub fn category_of_rule(rule: opcentrum_domain::RuleId) -> Option<FieldCategory> {
    use opcentrum_domain::RuleId::*;
    match rule {
        AppealPeriod
        | PeriodEndsOnWorkingDay
        | FinalAtOnceCourtOfAppeal
        | FinalityConfirmed
        | VoluntaryDepartureLonger
        | ReturnBorderVoluntaryDeparture
        | ReturnBorderProcedure
        | EnforcementRequiresFinal
        | VoluntaryDepartureRefusal
        | VoluntaryDepartureExpulsion
        | NoDeparturePeriodOnAbscondingRisk
        | HandoverToPolice
        | TransportRequest
        | ImpedimentBlocks
        | StayBlocks
        | InternationalInterimMeasure
        | LapseFourYears
        | LapseFiveYearsFromDeparture => Some(FieldCategory::Decision),
        DetentionIdentity
        | DetentionInvestigation
        | DetentionLikelyRemoval
        | DetentionEnforcement
        | DetentionExceptional
        | DetentionNonCooperation
        | DetentionCriminalCourt
        | DetentionAbsoluteCap
        | NoReasonableProspect
        | ReturnBorderDetention
        | PublicCounsel
        | ChildDetentionGrounds
        | DetentionNewDecision
        | DetentionReviewLikelyRemoval
        | DetentionReviewEnforcement
        | ChildDetention
        | ChildDetentionExtension
        | ChildPlacement
        | SupervisionFirst
        | PoliceCustody
        | PoliceCustodyExtension
        | TransportPlacement
        | FacilityCapacity
        | AlertLeadTime => Some(FieldCategory::Location),
        // The guardians named in a refusal are family data.
        FamilyUnity | ChildReception | ChildNotSeparated => Some(FieldCategory::Family),
        FitnessValidity => Some(FieldCategory::Health),
        HumanDecision | ForcedReturnMonitor => Some(FieldCategory::Trip),
        ResponsibleAgency | ClosedCase | PlausibleData => None,
    }
}

/// Which agency owns each category's data in one case, from the case alone
/// (so a list and a detail view always agree): identity, decision, family,
/// security risk and criminal record belong to the agency that registered the
/// decision (Migrationsverket, or the Police for its own refusals of entry);
/// location and health to the agency responsible now; travel documents to the
/// Police once obtained; the trip to NTE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryOwners([Agency; 9]);

impl CategoryOwners {
    pub fn of_case(case: &Case) -> CategoryOwners {
        let registrar =
            if case.decision.decided_by == opcentrum_domain::decision::DecisionMaker::Police {
                Agency::Police
            } else {
                Agency::Migrationsverket
            };
        let mut owners = [registrar; 9];
        owners[index(FieldCategory::Location)] = case.responsible;
        owners[index(FieldCategory::Health)] = case.responsible;
        if case.travel_document.is_some() {
            owners[index(FieldCategory::TravelDocuments)] = Agency::Police;
        }
        owners[index(FieldCategory::Trip)] = Agency::Nte;
        CategoryOwners(owners)
    }

    pub fn owner(&self, c: FieldCategory) -> Agency {
        self.0[index(c)]
    }
}

pub(crate) fn index(c: FieldCategory) -> usize {
    FieldCategory::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn every_category_has_a_name_in_both_languages() {
        for x in FieldCategory::ALL {
            for lang in Lang::ALL {
                assert!(!x.name(lang).is_empty(), "{}: {x:?}", lang.code());
            }
        }
    }
}
