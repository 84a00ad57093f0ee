//! The case (återvändandeärende) as a projection of its events.
//!
//! `Case::evolve` folds one event into the state and never fails: every stored
//! event is replayable whatever rules are in force today. Whether an event may be
//! appended is `decide` (decide.rs), checked before the event is stored.

use crate::{
    agency::Agency,
    children::{Guardians, Reception},
    country::Country,
    decision::Decision,
    detention::{Extension, Placement, ReleaseReason},
    event::{Event, EventKind, FailureReason, HandoverKind, TravelDocumentKind},
    ids::{CaseId, FamilyId, HandoverId, TripId, UserName},
    impediment::Impediment,
    person::Person,
    stage::Stage,
};
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

/// A handover waiting in the receiving agency's inbox.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingHandover {
    pub id: HandoverId,
    pub kind: HandoverKind,
    pub proposed_at: Timestamp,
    pub proposed_by: UserName,
}

/// A handover that came back, with the receiver's reason.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedHandover {
    pub id: HandoverId,
    pub kind: HandoverKind,
    pub returned_at: Timestamp,
    pub reason: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelDocument {
    pub kind: TravelDocumentKind,
    pub valid_until: Date,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fitness {
    pub fit: bool,
    pub assessed_on: Date,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripAssignment {
    pub trip: TripId,
    pub date: Date,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedAttempt {
    pub trip: TripId,
    pub failure: FailureReason,
    pub at: Timestamp,
}

/// A planned person taken off their trip by an event: the trip must be re-planned.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplanNeeded {
    pub trip: TripId,
    /// The event type that removed the person, e.g. `impediment_lodged`.
    pub cause: String,
    pub at: Timestamp,
}

/// Where a recorded date of finality came from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FinalitySource {
    /// Copied or imported with the registration (from another agency's system).
    Registration,
    /// Recorded in opcentrum by `decision_final`.
    Recorded,
    /// Corrected by `finality_corrected`.
    Corrected,
}

/// A second person's check of the date of finality against the decision.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub by: UserName,
    pub at: Timestamp,
}

/// Who recorded the date of finality, how, and who confirmed it (JO 8824-2019).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finality {
    pub final_on: Date,
    pub source: FinalitySource,
    pub recorded_by: UserName,
    pub recorded_at: Timestamp,
    pub confirmed: Option<Confirmation>,
}

/// When the case reached each stage: the raw material of lead times.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestones {
    pub registered_at: Option<Timestamp>,
    pub final_at: Option<Timestamp>,
    pub handed_over_at: Option<Timestamp>,
    pub transport_requested_at: Option<Timestamp>,
    pub planned_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub version: u64,
    pub person: Person,
    pub family: Option<FamilyId>,
    pub destination: Country,
    pub decision: Decision,
    pub absconding_risk: bool,
    pub stage: Stage,
    pub responsible: Agency,
    pub pending_handover: Option<PendingHandover>,
    pub last_returned_handover: Option<ReturnedHandover>,
    pub impediments: Vec<Impediment>,
    pub detention: Option<Placement>,
    pub past_detentions: Vec<Placement>,
    pub supervision_since: Option<Date>,
    pub absconded_since: Option<Date>,
    pub travel_document: Option<TravelDocument>,
    pub destination_accepted_on: Option<Date>,
    pub fitness: Option<Fitness>,
    /// Escort needed on the trip (from the transport request).
    pub escorted: Option<bool>,
    pub trip: Option<TripAssignment>,
    pub failed_attempts: Vec<FailedAttempt>,
    pub replan_needed: Option<ReplanNeeded>,
    pub executed_on: Option<Date>,
    pub milestones: Milestones,
    /// The date of finality's record and check; `None` in a projection stored
    /// before it existed (a replay rebuilds it, unconfirmed).
    #[serde(default)]
    pub finality: Option<Finality>,
    /// Public counsel appointed for the detention (UtlL 18 kap. 1 §).
    #[serde(default)]
    pub counsel_appointed_at: Option<Timestamp>,
    /// A child's recorded guardians (UtlL 10 kap. 3 §); `None`: not recorded.
    #[serde(default)]
    pub guardians: Option<Guardians>,
    /// An unaccompanied child's reception in the State of return (art. 10.2).
    #[serde(default)]
    pub reception: Option<Reception>,
}

/// Why a list of events is not a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the first event of a case must be `registered`, found `{0}`")]
    NotRegisteredFirst(&'static str),
    #[error("`registered` may only be the first event (found at version {0})")]
    RegisteredAgain(u64),
    #[error("event versions must run 1, 2, 3…: expected {expected}, found {found}")]
    VersionGap { expected: u64, found: u64 },
    #[error("the event belongs to case {found}, not {expected}")]
    WrongCase { expected: CaseId, found: CaseId },
    #[error("a case needs at least its `registered` event")]
    Empty,
}

impl Case {
    /// The state after the first event.
    pub fn from_registered(event: &Event) -> Result<Case, ReplayError> {
        let EventKind::Registered {
            person,
            decision,
            destination,
            family,
            absconding_risk,
        } = &event.kind
        else {
            return Err(ReplayError::NotRegisteredFirst(event.kind.name()));
        };
        if event.version != 1 {
            return Err(ReplayError::VersionGap {
                expected: 1,
                found: event.version,
            });
        }
        let responsible = if decision.decided_by == crate::decision::DecisionMaker::Police {
            Agency::Police
        } else {
            Agency::Migrationsverket
        };
        let mut case = Case {
            id: event.case.clone(),
            version: 1,
            person: person.clone(),
            family: family.clone(),
            destination: *destination,
            decision: decision.clone(),
            absconding_risk: *absconding_risk,
            stage: Stage::Registered,
            responsible,
            pending_handover: None,
            last_returned_handover: None,
            impediments: vec![],
            detention: None,
            past_detentions: vec![],
            supervision_since: None,
            absconded_since: None,
            travel_document: None,
            destination_accepted_on: None,
            fitness: None,
            escorted: None,
            trip: None,
            failed_attempts: vec![],
            replan_needed: None,
            executed_on: None,
            milestones: Milestones {
                registered_at: Some(event.recorded_at),
                ..Milestones::default()
            },
            finality: None,
            counsel_appointed_at: None,
            guardians: None,
            reception: None,
        };
        if let Some(final_on) = decision.final_on {
            case.stage = Stage::Final;
            case.milestones.final_at = Some(event.recorded_at);
            case.finality = Some(Finality {
                final_on,
                source: FinalitySource::Registration,
                recorded_by: event.actor.user.clone(),
                recorded_at: event.recorded_at,
                confirmed: None,
            });
        }
        Ok(case)
    }

    /// Replays a whole history.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Result<Case, ReplayError> {
        let mut events = events.into_iter();
        let first = events.next().ok_or(ReplayError::Empty)?;
        let mut case = Case::from_registered(first)?;
        for e in events {
            if e.case != case.id {
                return Err(ReplayError::WrongCase {
                    expected: case.id.clone(),
                    found: e.case.clone(),
                });
            }
            if e.version != case.version + 1 {
                return Err(ReplayError::VersionGap {
                    expected: case.version + 1,
                    found: e.version,
                });
            }
            if matches!(e.kind, EventKind::Registered { .. }) {
                return Err(ReplayError::RegisteredAgain(e.version));
            }
            case.evolve(e);
        }
        Ok(case)
    }

    pub fn is_closed(&self) -> bool {
        self.stage.is_closed()
    }

    /// Suspended: an impediment or a stay is open.
    pub fn is_suspended(&self) -> bool {
        self.impediments.iter().any(Impediment::is_open)
    }

    pub fn is_detained(&self) -> bool {
        self.detention.is_some()
    }

    /// The date of finality has been confirmed by a second person against the
    /// decision (JO 8824-2019). A projection stored before the record existed
    /// counts as unconfirmed.
    pub fn finality_confirmed(&self) -> bool {
        self.finality
            .as_ref()
            .is_some_and(|f| f.confirmed.is_some() && Some(f.final_on) == self.decision.final_on)
    }

    fn end_detention(&mut self, at: Timestamp, reason: ReleaseReason) {
        if let Some(mut p) = self.detention.take() {
            p.ended_at = Some(at);
            p.end_reason = Some(reason);
            self.past_detentions.push(p);
        }
    }

    fn take_off_trip(&mut self, cause: &str, at: Timestamp) {
        if self.stage == Stage::Planned {
            if let Some(t) = self.trip.take() {
                self.replan_needed = Some(ReplanNeeded {
                    trip: t.trip,
                    cause: cause.to_owned(),
                    at,
                });
            }
            self.stage = Stage::TransportRequested;
        }
    }

    fn close(&mut self, stage: Stage, at: Timestamp, detention_end: ReleaseReason) {
        self.stage = stage;
        self.pending_handover = None;
        self.trip = None;
        self.end_detention(at, detention_end);
        self.milestones.closed_at = Some(at);
    }

    /// Folds one event (already decided, or read back from the store) into the state.
    pub fn evolve(&mut self, event: &Event) {
        let at = event.recorded_at;
        self.version = event.version;
        match &event.kind {
            EventKind::Registered { .. } => {}
            EventKind::DecisionFinal { final_on, .. } => {
                self.decision.final_on = Some(*final_on);
                self.stage = Stage::Final;
                self.milestones.final_at = Some(at);
                self.finality = Some(Finality {
                    final_on: *final_on,
                    source: FinalitySource::Recorded,
                    recorded_by: event.actor.user.clone(),
                    recorded_at: at,
                    confirmed: None,
                });
            }
            EventKind::FinalityConfirmed { .. } => {
                if let Some(f) = self.finality.as_mut() {
                    f.confirmed = Some(Confirmation {
                        by: event.actor.user.clone(),
                        at,
                    });
                }
            }
            EventKind::FinalityCorrected { final_on } => {
                self.decision.final_on = Some(*final_on);
                self.finality = Some(Finality {
                    final_on: *final_on,
                    source: FinalitySource::Corrected,
                    recorded_by: event.actor.user.clone(),
                    recorded_at: at,
                    confirmed: None,
                });
            }
            EventKind::DeparturePeriodExtended { until } => {
                self.decision.departure_extended_until = Some(*until);
            }
            EventKind::HandoverProposed { handover, to } => {
                self.pending_handover = Some(PendingHandover {
                    id: handover.clone(),
                    kind: *to,
                    proposed_at: at,
                    proposed_by: event.actor.user.clone(),
                });
            }
            EventKind::HandoverAccepted { .. } => {
                if let Some(p) = self.pending_handover.take() {
                    self.responsible = p.kind.to_agency();
                    match p.kind {
                        HandoverKind::ToPolice { .. } => {
                            self.stage = Stage::HandedOver;
                            self.milestones.handed_over_at = Some(at);
                        }
                        HandoverKind::TransportRequest { escorted } => {
                            self.stage = Stage::TransportRequested;
                            self.escorted = Some(escorted);
                            self.milestones.transport_requested_at = Some(at);
                        }
                    }
                }
            }
            EventKind::HandoverReturned { reason, .. } => {
                if let Some(p) = self.pending_handover.take() {
                    self.last_returned_handover = Some(ReturnedHandover {
                        id: p.id,
                        kind: p.kind,
                        returned_at: at,
                        reason: reason.clone(),
                    });
                }
            }
            EventKind::ImpedimentLodged {
                impediment,
                kind,
                lodged_on,
            } => {
                self.impediments.push(Impediment {
                    id: impediment.clone(),
                    kind: *kind,
                    lodged_on: *lodged_on,
                    lifted_on: None,
                });
                self.take_off_trip(event.kind.name(), at);
            }
            EventKind::ImpedimentLifted {
                impediment,
                lifted_on,
            } => {
                if let Some(i) = self.impediments.iter_mut().find(|i| &i.id == impediment) {
                    i.lifted_on = Some(*lifted_on);
                }
            }
            EventKind::DetentionStarted {
                facility,
                basis,
                started_at,
                ..
            } => {
                self.detention = Some(Placement {
                    facility: facility.clone(),
                    basis: *basis,
                    started_at: *started_at,
                    extensions: vec![],
                    reviews: vec![],
                    ended_at: None,
                    end_reason: None,
                });
                self.supervision_since = None;
            }
            EventKind::DetentionExtended { reason, at } => {
                if let Some(p) = self.detention.as_mut() {
                    p.extensions.push(Extension {
                        at: *at,
                        reason: *reason,
                    });
                }
            }
            EventKind::DetentionReviewed { at } => {
                if let Some(p) = self.detention.as_mut() {
                    p.reviews.push(*at);
                }
            }
            EventKind::DetentionRedecided { basis, at } => {
                if let Some(facility) = self.detention.as_ref().map(|p| p.facility.clone()) {
                    self.end_detention(*at, ReleaseReason::Redecided);
                    self.detention = Some(Placement {
                        facility,
                        basis: *basis,
                        started_at: *at,
                        extensions: vec![],
                        reviews: vec![],
                        ended_at: None,
                        end_reason: None,
                    });
                }
            }
            EventKind::CounselAppointed { at } => self.counsel_appointed_at = Some(*at),
            EventKind::DetentionEnded { at, reason } => self.end_detention(*at, *reason),
            EventKind::SupervisionOrdered { on } => self.supervision_since = Some(*on),
            EventKind::SupervisionEnded { .. } => self.supervision_since = None,
            EventKind::Absconded { on } => {
                self.absconded_since = Some(*on);
                self.end_detention(at, ReleaseReason::Absconded);
                self.take_off_trip(event.kind.name(), at);
            }
            EventKind::Located { .. } => self.absconded_since = None,
            EventKind::TravelDocumentIssued {
                document,
                valid_until,
            } => {
                self.travel_document = Some(TravelDocument {
                    kind: *document,
                    valid_until: *valid_until,
                });
            }
            EventKind::DestinationAccepted { on } => self.destination_accepted_on = Some(*on),
            EventKind::FitnessAssessed { fit, on } => {
                self.fitness = Some(Fitness {
                    fit: *fit,
                    assessed_on: *on,
                });
                if !fit {
                    self.take_off_trip(event.kind.name(), at);
                }
            }
            EventKind::Planned { trip, trip_date } => {
                self.stage = Stage::Planned;
                self.trip = Some(TripAssignment {
                    trip: trip.clone(),
                    date: *trip_date,
                });
                self.replan_needed = None;
                self.milestones.planned_at = Some(at);
            }
            EventKind::Unplanned { .. } => {
                self.stage = Stage::TransportRequested;
                self.trip = None;
                self.replan_needed = None;
            }
            EventKind::AttemptFailed { trip, failure } => {
                self.stage = Stage::TransportRequested;
                self.trip = None;
                self.failed_attempts.push(FailedAttempt {
                    trip: trip.clone(),
                    failure: *failure,
                    at,
                });
            }
            EventKind::Executed { on, .. } => {
                self.executed_on = Some(*on);
                self.close(Stage::Executed, at, ReleaseReason::Executed);
            }
            EventKind::DepartedVoluntarily { .. } => {
                self.close(Stage::DepartedVoluntarily, at, ReleaseReason::CaseClosed)
            }
            EventKind::Expired { .. } => self.close(Stage::Expired, at, ReleaseReason::CaseClosed),
            EventKind::PermitGranted { .. } => {
                self.close(Stage::PermitGranted, at, ReleaseReason::CaseClosed)
            }
            EventKind::Cancelled {} => self.close(Stage::Cancelled, at, ReleaseReason::CaseClosed),
            EventKind::FamilyLeft { .. } => self.family = None,
            EventKind::GuardiansRecorded {
                guardians,
                unaccompanied,
                guardian_without_case,
            } => {
                self.guardians = Some(Guardians {
                    cases: guardians.clone(),
                    unaccompanied: *unaccompanied,
                    without_case: *guardian_without_case,
                });
            }
            EventKind::ReceptionArranged {
                receiver,
                description,
                confirmed_on,
            } => {
                self.reception = Some(Reception {
                    receiver: *receiver,
                    description: description.clone(),
                    confirmed_on: *confirmed_on,
                });
            }
        }
    }
}
