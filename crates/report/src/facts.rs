//! What a report needs from one case's history, read once: the dates of its
//! handovers, its trip, its detention placements, the person's citizenship.

use jiff::civil::Date;
use opcentrum_domain::{
    Case, Country, Event, EventKind,
    detention::Placement,
    event::HandoverKind,
    ids::{CaseId, HandoverId, PersonId, TripId},
    time::local_date,
};

/// Why the report cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("histories[{index}] (case {case}): {reason}")]
    BadHistory {
        index: usize,
        case: String,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    pub trip: TripId,
    pub on: Date,
    /// Escort needed, from the transport request NTE accepted.
    pub escorted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub case: CaseId,
    pub person: PersonId,
    pub citizenship: Country,
    pub decided_on: Date,
    pub final_on: Option<Date>,
    /// The police accepted Migrationsverket's handover (first time).
    pub handed_over_on: Option<Date>,
    /// NTE accepted the police's transport request (first time).
    pub transport_requested_on: Option<Date>,
    pub executed: Option<Execution>,
    pub departed_voluntarily_on: Option<Date>,
    /// Every placement, in order, the open one last.
    pub placements: Vec<Placement>,
    /// The person's 18th birthday (child rules before it).
    pub adult_from: Date,
}

/// Reads one history. The history must replay to a case (`Case::replay`).
pub fn facts(index: usize, history: &[Event]) -> Result<CaseFacts, ReportError> {
    let case = Case::replay(history).map_err(|e| ReportError::BadHistory {
        index,
        case: history
            .first()
            .map_or_else(|| "?".to_owned(), |e| e.case.to_string()),
        reason: e.to_string(),
    })?;
    let mut f = CaseFacts {
        case: case.id.clone(),
        person: case.person.id.clone(),
        citizenship: case.person.citizenship,
        decided_on: case.decision.decided_on,
        final_on: case.decision.final_on,
        handed_over_on: None,
        transport_requested_on: None,
        executed: None,
        departed_voluntarily_on: None,
        placements: case.past_detentions.clone(),
        adult_from: case.person.adult_from(),
    };
    f.placements.extend(case.detention.iter().cloned());
    let mut proposed: Vec<(HandoverId, HandoverKind)> = Vec::new();
    let mut escorted = None;
    for e in history {
        let day = local_date(e.recorded_at);
        match &e.kind {
            EventKind::DecisionFinal { final_on, .. } => f.final_on = Some(*final_on),
            EventKind::HandoverProposed { handover, to } => {
                proposed.push((handover.clone(), *to));
            }
            EventKind::HandoverAccepted { handover } => {
                match proposed.iter().rev().find(|(id, _)| id == handover) {
                    Some((_, HandoverKind::ToPolice { .. })) => {
                        f.handed_over_on.get_or_insert(day);
                    }
                    Some((_, HandoverKind::TransportRequest { escorted: e })) => {
                        f.transport_requested_on.get_or_insert(day);
                        escorted = Some(*e);
                    }
                    None => {}
                }
            }
            EventKind::Executed { trip, on } => {
                f.executed = Some(Execution {
                    trip: trip.clone(),
                    on: *on,
                    // Planning needs an accepted transport request, which says.
                    escorted: escorted.unwrap_or(false),
                });
            }
            EventKind::DepartedVoluntarily { on } => f.departed_voluntarily_on = Some(*on),
            _ => {}
        }
    }
    Ok(f)
}
