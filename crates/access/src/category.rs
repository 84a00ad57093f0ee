//! The categories of personal data in a case (DESIGN.md, "Secrecy and audit"),
//! which fields and events fall in which, and who owns each in a given case.

use opcentrum_domain::{Agency, Case, EventKind, decision::DecisionKind, readiness::Unmet};
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

    pub fn name_sv(self) -> &'static str {
        match self {
            FieldCategory::Identity => "Identitet",
            FieldCategory::Decision => "Beslut",
            FieldCategory::Location => "Vistelse",
            FieldCategory::Health => "Hälsa och flygduglighet",
            FieldCategory::SecurityRisk => "Säkerhetsrisk",
            FieldCategory::Family => "Familj",
            FieldCategory::TravelDocuments => "Resehandlingar",
            FieldCategory::CriminalRecord => "Brottslighet",
            FieldCategory::Trip => "Resa",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            FieldCategory::Identity => "Identity",
            FieldCategory::Decision => "Decision",
            FieldCategory::Location => "Location",
            FieldCategory::Health => "Health and fitness to fly",
            FieldCategory::SecurityRisk => "Security risk",
            FieldCategory::Family => "Family",
            FieldCategory::TravelDocuments => "Travel documents",
            FieldCategory::CriminalRecord => "Criminal record",
            FieldCategory::Trip => "Trip",
        }
    }
}

impl fmt::Display for FieldCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The categories an event reveals (its payload and reason).
pub fn categories_of_event(kind: &EventKind) -> &'static [FieldCategory] {
    use FieldCategory::*;
    match kind {
        EventKind::Registered { decision, .. }
            if decision.kind == DecisionKind::ExpulsionForCrime =>
        {
            &[Identity, Decision, Family, SecurityRisk, CriminalRecord]
        }
        EventKind::Registered { .. } => &[Identity, Decision, Family, SecurityRisk],
        EventKind::DecisionFinal { .. }
        | EventKind::FinalityConfirmed { .. }
        | EventKind::FinalityCorrected { .. }
        | EventKind::DeparturePeriodExtended { .. } => &[Decision],
        EventKind::HandoverProposed { .. }
        | EventKind::HandoverAccepted { .. }
        | EventKind::HandoverReturned { .. } => &[Decision],
        EventKind::ImpedimentLodged { .. } | EventKind::ImpedimentLifted { .. } => &[Decision],
        EventKind::DetentionStarted { .. }
        | EventKind::DetentionExtended { .. }
        | EventKind::DetentionReviewed { .. }
        | EventKind::DetentionRedecided { .. }
        | EventKind::CounselAppointed { .. }
        | EventKind::DetentionEnded { .. } => &[Location],
        EventKind::SupervisionOrdered { .. }
        | EventKind::SupervisionEnded { .. }
        | EventKind::Absconded { .. }
        | EventKind::Located { .. } => &[Location],
        EventKind::TravelDocumentIssued { .. } | EventKind::DestinationAccepted { .. } => {
            &[TravelDocuments]
        }
        EventKind::FitnessAssessed { .. } => &[Health],
        EventKind::Planned { .. }
        | EventKind::Unplanned { .. }
        | EventKind::AttemptFailed { .. }
        | EventKind::Executed { .. } => &[Trip],
        EventKind::DepartedVoluntarily { .. }
        | EventKind::Expired { .. }
        | EventKind::PermitGranted { .. }
        | EventKind::Cancelled {} => &[Decision],
        EventKind::FamilyLeft { .. } => &[Family],
    }
}

/// The category an unmet readiness condition reveals.
pub fn category_of_unmet(u: &Unmet) -> FieldCategory {
    match u {
        Unmet::NotFinal
        | Unmet::FinalityUnconfirmed
        | Unmet::RuleNotInForce { .. }
        | Unmet::TransportNotRequested { .. }
        | Unmet::OpenImpediment { .. }
        | Unmet::DeparturePeriodRunning { .. }
        | Unmet::DecisionLapsed { .. } => FieldCategory::Decision,
        Unmet::NotLocated { .. } => FieldCategory::Location,
        Unmet::NoTravelDocument
        | Unmet::TravelDocumentExpired { .. }
        | Unmet::NoDestinationAcceptance => FieldCategory::TravelDocuments,
        Unmet::FitnessNotAssessed | Unmet::NotFitToFly { .. } | Unmet::FitnessExpired { .. } => {
            FieldCategory::Health
        }
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
