//! Events: every change to a case is one appended event with actor, agency, time
//! and reason. The current state of a case is a projection of its events.

use crate::{
    agency::Agency,
    children::Receiver,
    country::Country,
    decision::Decision,
    detention::{DetentionBasis, ExtensionReason, ReleaseReason},
    ids::{CaseId, FacilityId, FamilyId, HandoverId, ImpedimentId, TripId, UserName},
    impediment::ImpedimentKind,
    person::Person,
};
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

/// Who recorded an event: a named human of an agency.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user: UserName,
    pub agency: Agency,
}

/// Why Migrationsverket hands a case to the police (UtlL 12 kap. 14 §).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoliceHandoverReason {
    Absconded,
    CoercionNeeded,
}

/// What is handed over.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "agency", rename_all = "snake_case", deny_unknown_fields)]
pub enum HandoverKind {
    /// Migrationsverket → Police. JSON: `{"agency":"police","reason":"absconded"}`.
    #[serde(rename = "police")]
    ToPolice { reason: PoliceHandoverReason },
    /// Police → NTE: carry out the transport. JSON: `{"agency":"nte","escorted":true}`.
    #[serde(rename = "nte")]
    TransportRequest { escorted: bool },
}

impl HandoverKind {
    pub fn from_agency(self) -> Agency {
        match self {
            HandoverKind::ToPolice { .. } => Agency::Migrationsverket,
            HandoverKind::TransportRequest { .. } => Agency::Police,
        }
    }
    pub fn to_agency(self) -> Agency {
        match self {
            HandoverKind::ToPolice { .. } => Agency::Police,
            HandoverKind::TransportRequest { .. } => Agency::Nte,
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TravelDocumentKind {
    Passport,
    /// A laissez-passer or emergency travel document from the destination.
    EmergencyTravelDocument,
    /// EU standard travel document (EU-resedokument for return).
    EuTravelDocument,
}

/// Why an enforcement attempt failed; the case returns to `transport_requested`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    RefusedBoarding,
    Resistance,
    Medical,
    DestinationRefused,
}

/// What happened. Serialised with a `type` tag, e.g. `{"type":"decision_final",...}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum EventKind {
    /// The first event of every case.
    Registered {
        person: Person,
        decision: Decision,
        destination: Country,
        family: Option<FamilyId>,
        /// Risk of absconding (UtlL 8 kap. 22 §): no voluntary-departure period.
        #[serde(default)]
        absconding_risk: bool,
    },
    DecisionFinal {
        final_on: Date,
        #[serde(default)]
        appeal_waived: bool,
    },
    /// A second person (not the one who recorded it) has checked the date of
    /// finality against the decision itself (JO 8824-2019).
    FinalityConfirmed {
        final_on: Date,
    },
    /// The recorded date of finality was wrong: the corrected date, unconfirmed again.
    FinalityCorrected {
        final_on: Date,
    },
    /// The voluntary-departure period is extended to this day (UtlL 8 kap. 21 §).
    DeparturePeriodExtended {
        until: Date,
    },
    HandoverProposed {
        handover: HandoverId,
        to: HandoverKind,
    },
    HandoverAccepted {
        handover: HandoverId,
    },
    HandoverReturned {
        handover: HandoverId,
        reason: String,
    },
    ImpedimentLodged {
        impediment: ImpedimentId,
        kind: ImpedimentKind,
        lodged_on: Date,
    },
    ImpedimentLifted {
        impediment: ImpedimentId,
        lifted_on: Date,
    },
    DetentionStarted {
        facility: FacilityId,
        basis: DetentionBasis,
        started_at: Timestamp,
        /// The exceptional reasons (synnerliga skäl) for detaining an
        /// unaccompanied child (UtlL 10 kap. 3 §); required for one, else empty.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exceptional_reasons: Option<String>,
    },
    DetentionExtended {
        reason: ExtensionReason,
        at: Timestamp,
    },
    DetentionReviewed {
        at: Timestamp,
    },
    /// A new detention decision for a person already held, in the same place: a new
    /// ground (e.g. enforcement once final) or, for a child turning 18, the adult
    /// rules. Limits change only by such a decision.
    DetentionRedecided {
        basis: DetentionBasis,
        at: Timestamp,
    },
    /// Public counsel (offentligt biträde) appointed for a detained person (UtlL 18 kap. 1 §).
    CounselAppointed {
        at: Timestamp,
    },
    DetentionEnded {
        at: Timestamp,
        reason: ReleaseReason,
    },
    SupervisionOrdered {
        on: Date,
    },
    SupervisionEnded {
        on: Date,
    },
    Absconded {
        on: Date,
    },
    Located {
        on: Date,
    },
    TravelDocumentIssued {
        document: TravelDocumentKind,
        valid_until: Date,
    },
    DestinationAccepted {
        on: Date,
    },
    FitnessAssessed {
        fit: bool,
        on: Date,
    },
    Planned {
        trip: TripId,
        trip_date: Date,
    },
    Unplanned {
        trip: TripId,
    },
    AttemptFailed {
        trip: TripId,
        failure: FailureReason,
    },
    Executed {
        trip: TripId,
        on: Date,
    },
    DepartedVoluntarily {
        on: Date,
    },
    Expired {
        on: Date,
    },
    PermitGranted {
        on: Date,
    },
    Cancelled {},
    /// The person leaves the family by a recorded decision (its reference): the
    /// family no longer travels with them (UtlL 1 kap. 10 §).
    FamilyLeft {
        decision: String,
    },
    /// A child's guardians (vårdnadshavare) as recorded by Migrationsverket:
    /// the guardians in Sweden whose cases opcentrum holds, and whether the
    /// child is unaccompanied (no guardian in Sweden). UtlL 10 kap. 3 §.
    GuardiansRecorded {
        #[serde(default)]
        guardians: Vec<CaseId>,
        unaccompanied: bool,
        /// Besides `guardians`, a guardian in Sweden whose case opcentrum does
        /// not hold (a parent with a residence permit, a Swedish citizen): the
        /// child can stay with them, so the guardian with a case may be
        /// detained while the child stays free.
        #[serde(default)]
        guardian_without_case: bool,
    },
    /// Who receives an unaccompanied child in the State of return, confirmed on
    /// a day (Return Directive 2008/115/EC art. 10.2; UtlL 12 kap. 3 a §).
    ReceptionArranged {
        receiver: Receiver,
        description: String,
        confirmed_on: Date,
    },
}

impl EventKind {
    /// The `type` tag.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Registered { .. } => "registered",
            EventKind::DecisionFinal { .. } => "decision_final",
            EventKind::FinalityConfirmed { .. } => "finality_confirmed",
            EventKind::FinalityCorrected { .. } => "finality_corrected",
            EventKind::DeparturePeriodExtended { .. } => "departure_period_extended",
            EventKind::HandoverProposed { .. } => "handover_proposed",
            EventKind::HandoverAccepted { .. } => "handover_accepted",
            EventKind::HandoverReturned { .. } => "handover_returned",
            EventKind::ImpedimentLodged { .. } => "impediment_lodged",
            EventKind::ImpedimentLifted { .. } => "impediment_lifted",
            EventKind::DetentionStarted { .. } => "detention_started",
            EventKind::DetentionExtended { .. } => "detention_extended",
            EventKind::DetentionReviewed { .. } => "detention_reviewed",
            EventKind::DetentionRedecided { .. } => "detention_redecided",
            EventKind::CounselAppointed { .. } => "counsel_appointed",
            EventKind::DetentionEnded { .. } => "detention_ended",
            EventKind::SupervisionOrdered { .. } => "supervision_ordered",
            EventKind::SupervisionEnded { .. } => "supervision_ended",
            EventKind::Absconded { .. } => "absconded",
            EventKind::Located { .. } => "located",
            EventKind::TravelDocumentIssued { .. } => "travel_document_issued",
            EventKind::DestinationAccepted { .. } => "destination_accepted",
            EventKind::FitnessAssessed { .. } => "fitness_assessed",
            EventKind::Planned { .. } => "planned",
            EventKind::Unplanned { .. } => "unplanned",
            EventKind::AttemptFailed { .. } => "attempt_failed",
            EventKind::Executed { .. } => "executed",
            EventKind::DepartedVoluntarily { .. } => "departed_voluntarily",
            EventKind::Expired { .. } => "expired",
            EventKind::PermitGranted { .. } => "permit_granted",
            EventKind::Cancelled { .. } => "cancelled",
            EventKind::FamilyLeft { .. } => "family_left",
            EventKind::GuardiansRecorded { .. } => "guardians_recorded",
            EventKind::ReceptionArranged { .. } => "reception_arranged",
        }
    }
}

/// An event as stored: which case, its version in that case, what, who, when, why.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub case: CaseId,
    /// 1 for `registered`, then one more per event.
    pub version: u64,
    pub kind: EventKind,
    pub actor: Actor,
    pub recorded_at: Timestamp,
    /// Free-text reason given by the actor.
    pub reason: Option<String>,
}
