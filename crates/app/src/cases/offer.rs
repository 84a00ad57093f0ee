//! The actions a reader may take on a case now: the catalogue rows their
//! role, agency and readable categories allow (`gate::offered`), narrowed to
//! those the case's stage can take. Whether the law allows the event itself
//! is `decide`'s answer when it is recorded.

use opcentrum_access::catalogue::ActionRow;
use opcentrum_domain::{Case, Stage, event::HandoverKind, impediment::ImpedimentKind};
use serde::Serialize;

/// One action offered on a case (its fields: `GET /api/actions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionOffer {
    /// The catalogue row.
    pub id: &'static str,
    /// The event type it records.
    pub event: &'static str,
    pub name_sv: &'static str,
    pub name_en: &'static str,
    /// A second person (this role) must approve before it takes effect.
    pub approved_by: Option<&'static str>,
}

impl ActionOffer {
    pub(crate) fn of(r: &ActionRow) -> ActionOffer {
        ActionOffer {
            id: r.id,
            event: r.event.unwrap_or(""),
            name_sv: r.name_sv(),
            name_en: r.name_en(),
            approved_by: r.second_person.map(|s| s.role.code()),
        }
    }
}

fn open_impediment(case: &Case, kind: ImpedimentKind) -> bool {
    case.impediments
        .iter()
        .any(|i| i.is_open() && i.kind == kind)
}

fn pending_to(case: &Case, police: bool) -> bool {
    case.pending_handover
        .as_ref()
        .is_some_and(|h| matches!(h.kind, HandoverKind::ToPolice { .. }) == police)
}

/// Can the case's stage take this row's event at all?
pub(crate) fn open_now(r: &ActionRow, case: &Case) -> bool {
    use Stage::*;
    let stage = case.stage;
    let on_way = matches!(stage, Final | HandedOver | TransportRequested | Planned);
    match r.id {
        "decision_final" => stage == Registered,
        "finality_confirmed" => case
            .finality
            .as_ref()
            .is_some_and(|f| f.confirmed.is_none()),
        "finality_corrected" => case.finality.is_some(),
        "departure_period_extended" => matches!(stage, Final | HandedOver),
        "detention_redecided" => case
            .detention
            .as_ref()
            .is_some_and(|p| p.basis.is_detention()),
        "counsel_appointed" => case.detention.is_some() && case.counsel_appointed_at.is_none(),
        "family_left" => case.family.is_some(),
        "handover_proposed.police" => stage == Final && case.pending_handover.is_none(),
        "handover_proposed.nte" => stage == HandedOver && case.pending_handover.is_none(),
        "handover_accepted.police" | "handover_returned.police" => pending_to(case, true),
        "handover_accepted.nte" | "handover_returned.nte" => pending_to(case, false),
        "impediment_lodged" => true,
        "impediment_lifted" => open_impediment(case, ImpedimentKind::Impediment),
        "impediment_lifted.stay" => open_impediment(case, ImpedimentKind::Stay),
        "impediment_lifted.international_interim_measure" => {
            open_impediment(case, ImpedimentKind::InternationalInterimMeasure)
        }
        "detention_started"
        | "detention_started.police_custody"
        | "detention_started.transport_placement" => case.detention.is_none() && on_way,
        "detention_extended" | "detention_reviewed" | "detention_ended" => case
            .detention
            .as_ref()
            .is_some_and(|p| p.basis.is_detention()),
        "detention_extended.police_custody" | "detention_ended.police_custody" => case
            .detention
            .as_ref()
            .is_some_and(|p| !p.basis.is_detention()),
        "supervision_ordered" => case.supervision_since.is_none() && case.detention.is_none(),
        "supervision_ended" => case.supervision_since.is_some(),
        "absconded" => case.absconded_since.is_none(),
        "located" => case.absconded_since.is_some(),
        "travel_document_issued" | "destination_accepted" | "fitness_assessed" => on_way,
        "attempt_failed" | "executed" => stage == Planned,
        "departed_voluntarily" => matches!(stage, Final | HandedOver | TransportRequested),
        "expired" | "permit_granted" | "cancelled" => true,
        _ => false,
    }
}
