//! The action each event stands for, in both languages (`action.<event>` in
//! the catalogue's area `refusals`).

use crate::event::{EventKind, HandoverKind};
use opcentrum_text::{Lang, Tr};

/// The catalogue key of the action `kind` stands for.
pub fn action_key(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Registered { .. } => "action.registered",
        EventKind::DecisionFinal { .. } => "action.decision_final",
        EventKind::FinalityConfirmed { .. } => "action.finality_confirmed",
        EventKind::FinalityCorrected { .. } => "action.finality_corrected",
        EventKind::DeparturePeriodExtended { .. } => "action.departure_period_extended",
        EventKind::HandoverProposed {
            to: HandoverKind::ToPolice { .. },
            ..
        } => "action.handover_proposed.to_police",
        EventKind::HandoverProposed {
            to: HandoverKind::TransportRequest { .. },
            ..
        } => "action.handover_proposed.transport_request",
        EventKind::HandoverAccepted { .. } => "action.handover_accepted",
        EventKind::HandoverReturned { .. } => "action.handover_returned",
        EventKind::ImpedimentLodged { .. } => "action.impediment_lodged",
        EventKind::ImpedimentLifted { .. } => "action.impediment_lifted",
        EventKind::DetentionStarted { .. } => "action.detention_started",
        EventKind::DetentionExtended { .. } => "action.detention_extended",
        EventKind::DetentionReviewed { .. } => "action.detention_reviewed",
        EventKind::DetentionRedecided { .. } => "action.detention_redecided",
        EventKind::CounselAppointed { .. } => "action.counsel_appointed",
        EventKind::DetentionEnded { .. } => "action.detention_ended",
        EventKind::SupervisionOrdered { .. } => "action.supervision_ordered",
        EventKind::SupervisionEnded { .. } => "action.supervision_ended",
        EventKind::Absconded { .. } => "action.absconded",
        EventKind::Located { .. } => "action.located",
        EventKind::TravelDocumentIssued { .. } => "action.travel_document_issued",
        EventKind::DestinationAccepted { .. } => "action.destination_accepted",
        EventKind::FitnessAssessed { .. } => "action.fitness_assessed",
        EventKind::Planned { .. } => "action.planned",
        EventKind::Unplanned { .. } => "action.unplanned",
        EventKind::AttemptFailed { .. } => "action.attempt_failed",
        EventKind::Executed { .. } => "action.executed",
        EventKind::DepartedVoluntarily { .. } => "action.departed_voluntarily",
        EventKind::Expired { .. } => "action.expired",
        EventKind::PermitGranted { .. } => "action.permit_granted",
        EventKind::Cancelled {} => "action.cancelled",
        EventKind::FamilyLeft { .. } => "action.family_left",
        EventKind::GuardiansRecorded { .. } => "action.guardians_recorded",
        EventKind::ReceptionArranged { .. } => "action.reception_arranged",
    }
}

/// The action an event stands for, in English and in Swedish.
pub fn action_of(kind: &EventKind) -> (&'static str, &'static str) {
    let key = action_key(kind);
    (Tr::new(Lang::En).t(key), Tr::new(Lang::Sv).t(key))
}
