//! The action catalogue (handlingskatalogen): every action a user can take —
//! each event a case can record, each administrative change, each kind of
//! read — as one row of one table. A row says which agency and role may take
//! the action, on which legal ground, which data categories it writes and which
//! its answer reveals, whether a second person must approve it, what must hold
//! of the case, and the fields a form asks for.
//!
//! The table is data a legal officer reviews like the rule table
//! (`GET /api/actions`, docs/action-catalogue.md); the application layer
//! (`opcentrum-app`) enforces it for the API, the pages, the command line and
//! the background tasks alike, and every refusal names the row.
//!
//! Authority is *who*; whether the law allows the event on this case now is
//! `domain::decide`. The gate asks the catalogue first, so a refused caller
//! learns nothing of the case's state.

pub mod document;
mod fields;
mod rows;

pub use fields::{Field, FieldKind};
pub use rows::default_rows;

use crate::{category::FieldCategory, identity::Principal, identity::Role};
use opcentrum_domain::{
    Agency, Case, EventKind, decision::DecisionMaker, detention::DetentionBasis,
    event::HandoverKind, impediment::ImpedimentKind,
};
use opcentrum_text::{Lang, Tr};
use serde::Serialize;

/// What an action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Records an event on a case.
    Event,
    /// Changes what the service holds about users, the matrix or trips.
    Admin,
    /// Reads personal data or figures.
    Read,
}

/// Which roles of one agency may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Grant {
    pub agency: Agency,
    pub roles: &'static [Role],
}

/// What must hold of the case (or the target) besides the caller's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The caller's agency is responsible for the case now.
    Responsible,
    /// The caller's agency took (or, for a court's decision, registered) the
    /// decision: Migrationsverket for its own and the courts' decisions, the
    /// Police for its own refusals of entry.
    DecidingAgency,
    /// The caller's agency is the one the pending handover is proposed to.
    ReceivingAgency,
    /// A registration is of a decision the caller's agency may register:
    /// Migrationsverket its own and the courts', the Police its own.
    RegistersOwnDecision,
    /// The trip exists in the trip offers, has departed (the event's date is
    /// on or after the trip's date) and the person is planned on it.
    TripDeparted,
    /// The target user belongs to the caller's agency.
    SameAgency,
    /// The target account is not the caller's own.
    NotSelf,
}

/// A field as the JSON form of a row shows it: with its help in both languages.
#[derive(Serialize)]
struct FieldJson<'a> {
    #[serde(flatten)]
    field: &'a Field,
    help_sv: &'static str,
    help_en: &'static str,
}

/// A row as `GET /api/actions` shows it: names and help from the catalogue.
#[derive(Serialize)]
struct ActionRowJson<'a> {
    id: &'static str,
    kind: ActionKind,
    event: Option<&'static str>,
    name_sv: &'static str,
    name_en: &'static str,
    who: &'static [Grant],
    legal_ground: &'static str,
    writes: &'static [FieldCategory],
    reveals: &'static [FieldCategory],
    second_person: Option<SecondPerson>,
    conditions: &'static [Condition],
    channel: Channel,
    operator: bool,
    background: bool,
    fields: Vec<FieldJson<'a>>,
}

impl Serialize for ActionRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ActionRowJson {
            id: self.id,
            kind: self.kind,
            event: self.event,
            name_sv: self.name_sv(),
            name_en: self.name_en(),
            who: self.who,
            legal_ground: self.legal_ground,
            writes: self.writes,
            reveals: self.reveals,
            second_person: self.second_person,
            conditions: self.conditions,
            channel: self.channel,
            operator: self.operator,
            background: self.background,
            fields: self
                .fields
                .iter()
                .map(|f| FieldJson {
                    field: f,
                    help_sv: self.help(f, Lang::Sv),
                    help_en: self.help(f, Lang::En),
                })
                .collect(),
        }
        .serialize(s)
    }
}

impl Condition {
    pub const ALL: [Condition; 7] = [
        Condition::Responsible,
        Condition::DecidingAgency,
        Condition::ReceivingAgency,
        Condition::RegistersOwnDecision,
        Condition::TripDeparted,
        Condition::SameAgency,
        Condition::NotSelf,
    ];

    /// The condition as the API writes it: `responsible`.
    pub fn code(self) -> &'static str {
        match self {
            Condition::Responsible => "responsible",
            Condition::DecidingAgency => "deciding_agency",
            Condition::ReceivingAgency => "receiving_agency",
            Condition::RegistersOwnDecision => "registers_own_decision",
            Condition::TripDeparted => "trip_departed",
            Condition::SameAgency => "same_agency",
            Condition::NotSelf => "not_self",
        }
    }

    /// What must hold, in the reader's language (catalogue key
    /// `condition.<code>`, area `gate`).
    pub fn text(self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("condition.{}", self.code()))
    }

    pub fn text_en(self) -> &'static str {
        self.text(Lang::En)
    }

    pub fn text_sv(self) -> &'static str {
        self.text(Lang::Sv)
    }
}

/// Who must approve before the action takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SecondPerson {
    /// The approver's role, in the proposer's agency; never the proposer.
    pub role: Role,
}

/// How the action reaches the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A user records it (API, page, command line).
    ByHand,
    /// Only as part of an approved trip proposal, never by hand.
    ApprovedProposal,
}

/// One row of the catalogue. Its name and its fields' help are in the text
/// catalogue (`act.name.<id>`, `act.help.<id>.<field>`, area `case`); the
/// JSON form (`GET /api/actions`) carries them in both languages.
#[derive(Debug, Clone)]
pub struct ActionRow {
    /// Stable id, e.g. `impediment_lifted.international_interim_measure`.
    pub id: &'static str,
    pub kind: ActionKind,
    /// The event type recorded, for event actions.
    pub event: Option<&'static str>,
    pub who: &'static [Grant],
    /// Statute or instruction giving the agency the task (the legal ground).
    pub legal_ground: &'static str,
    /// Categories of personal data the action writes. The caller must be
    /// allowed to read each of them in the case (you may not record what you
    /// may not read).
    pub writes: &'static [FieldCategory],
    /// Categories the answer reveals (filtered for the reader in any case).
    pub reveals: &'static [FieldCategory],
    pub second_person: Option<SecondPerson>,
    pub conditions: &'static [Condition],
    pub channel: Channel,
    /// The server's operator may take it at the command line (audited as
    /// `cli:NAME`): import, export, the audit trail, bootstrapping users.
    pub operator: bool,
    /// The service's own background task may take it (the re-planner
    /// proposes; it never approves).
    pub background: bool,
    /// The fields of the event payload a form asks for (every event also takes
    /// an optional free-text `reason`).
    pub fields: &'static [Field],
}

impl ActionRow {
    /// The action's name in the reader's language ("Registrera hinder").
    pub fn name(&self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("act.name.{}", self.id))
    }
    pub fn name_sv(&self) -> &'static str {
        self.name(Lang::Sv)
    }
    pub fn name_en(&self) -> &'static str {
        self.name(Lang::En)
    }

    /// The help for one of the action's fields in the reader's language.
    pub fn help(&self, field: &Field, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("act.help.{}.{}", self.id, field.name))
    }

    /// May this principal take the action (role and agency only)?
    pub fn grants(&self, p: &Principal) -> bool {
        self.grants_role(p.agency, p.role)
    }
    pub fn grants_role(&self, agency: Agency, role: Role) -> bool {
        self.who
            .iter()
            .any(|g| g.agency == agency && g.roles.contains(&role))
    }
    pub fn by_hand(&self) -> bool {
        self.channel == Channel::ByHand
    }
}

/// The catalogue in force.
#[derive(Debug, Clone)]
pub struct Catalogue {
    rows: Vec<ActionRow>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue {
            rows: default_rows(),
        }
    }
}

/// An action id with no row: a defect of the caller, never of the request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the action catalogue has no row {0}")]
pub struct UnknownAction(pub String);

impl Catalogue {
    /// The built-in catalogue, built once.
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: std::sync::LazyLock<Catalogue> =
            std::sync::LazyLock::new(Catalogue::default);
        &BUILTIN
    }

    pub fn rows(&self) -> &[ActionRow] {
        &self.rows
    }

    pub fn row(&self, id: &str) -> Result<&ActionRow, UnknownAction> {
        self.rows
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| UnknownAction(id.to_owned()))
    }

    /// Every row that records this event type (its variants).
    pub fn rows_of_event(&self, event_type: &str) -> Vec<&ActionRow> {
        self.rows
            .iter()
            .filter(|r| r.event == Some(event_type))
            .collect()
    }

    /// The rows a principal may take by hand.
    pub fn granted<'a>(&'a self, p: &'a Principal) -> impl Iterator<Item = &'a ActionRow> + 'a {
        self.rows.iter().filter(move |r| r.grants(p))
    }
}

/// The catalogue row of an event on a case. Variants depend on the payload
/// (detention basis, handover target) or on the case (which impediment is
/// lifted, which handover is answered, which placement is extended). Without
/// the case, or where the case does not say (an unknown impediment id), the
/// event's base row is named; `decide` then refuses the event itself.
pub fn action_id_of(kind: &EventKind, case: Option<&Case>) -> &'static str {
    match kind {
        EventKind::Registered { .. } => "registered",
        EventKind::DecisionFinal { .. } => "decision_final",
        EventKind::FinalityConfirmed { .. } => "finality_confirmed",
        EventKind::FinalityCorrected { .. } => "finality_corrected",
        EventKind::DeparturePeriodExtended { .. } => "departure_period_extended",
        EventKind::DetentionRedecided { .. } => "detention_redecided",
        EventKind::CounselAppointed { .. } => "counsel_appointed",
        EventKind::FamilyLeft { .. } => "family_left",
        EventKind::GuardiansRecorded { .. } => "guardians_recorded",
        EventKind::ReceptionArranged { .. } => "reception_arranged",
        EventKind::HandoverProposed { to, .. } => match to {
            HandoverKind::ToPolice { .. } => "handover_proposed.police",
            HandoverKind::TransportRequest { .. } => "handover_proposed.nte",
        },
        EventKind::HandoverAccepted { .. } => {
            match case
                .and_then(|c| c.pending_handover.as_ref())
                .map(|p| p.kind)
            {
                Some(HandoverKind::TransportRequest { .. }) => "handover_accepted.nte",
                _ => "handover_accepted.police",
            }
        }
        EventKind::HandoverReturned { .. } => {
            match case
                .and_then(|c| c.pending_handover.as_ref())
                .map(|p| p.kind)
            {
                Some(HandoverKind::TransportRequest { .. }) => "handover_returned.nte",
                _ => "handover_returned.police",
            }
        }
        EventKind::ImpedimentLodged { .. } => "impediment_lodged",
        EventKind::ImpedimentLifted { impediment, .. } => {
            let kind = case.and_then(|c| {
                c.impediments
                    .iter()
                    .find(|i| &i.id == impediment)
                    .map(|i| i.kind)
            });
            match kind {
                Some(ImpedimentKind::Stay) => "impediment_lifted.stay",
                Some(ImpedimentKind::InternationalInterimMeasure) => {
                    "impediment_lifted.international_interim_measure"
                }
                _ => "impediment_lifted",
            }
        }
        EventKind::DetentionStarted { basis, .. } => match basis {
            DetentionBasis::PoliceCustody => "detention_started.police_custody",
            DetentionBasis::TransportPlacement => "detention_started.transport_placement",
            _ => "detention_started",
        },
        EventKind::DetentionExtended { .. } => {
            if held_in_police_custody(case) {
                "detention_extended.police_custody"
            } else {
                "detention_extended"
            }
        }
        EventKind::DetentionReviewed { .. } => "detention_reviewed",
        EventKind::DetentionEnded { .. } => {
            if held_in_police_custody(case) {
                "detention_ended.police_custody"
            } else {
                "detention_ended"
            }
        }
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
        EventKind::Cancelled {} => "cancelled",
    }
}

fn held_in_police_custody(case: Option<&Case>) -> bool {
    case.and_then(|c| c.detention.as_ref()).is_some_and(|p| {
        matches!(
            p.basis,
            DetentionBasis::PoliceCustody | DetentionBasis::TransportPlacement
        )
    })
}

/// The agency that decided the case's decision, as the catalogue's
/// `DecidingAgency` reads it: the courts' decisions are registered and
/// answered for by Migrationsverket.
pub fn deciding_agency(case: &Case) -> Agency {
    match case.decision.decided_by {
        DecisionMaker::Police => Agency::Police,
        _ => Agency::Migrationsverket,
    }
}

/// The permission a route needs, as a catalogue row id.
pub fn permission_row(p: crate::Permission) -> &'static str {
    use crate::Permission::*;
    match p {
        ReadCases => "cases.read",
        CreateCase => "registered",
        AppendEvent => "cases.record",
        ReadPicture => "picture.read",
        PlanTrips => "trips.plan",
        ApproveTrips => "trips.approve",
        ReadManifest => "trips.manifest",
        RecordCrew => "trips.crew",
        ReadReports => "reports.read",
        RunSimulation => "simulation.run",
        ManageUsers => "users.manage",
        ReadMatrix => "matrix.read",
        EditMatrix => "matrix.edit",
        ReadAudit => "audit.read",
        ReadRules => "rules.read",
        Import => "cases.import",
        Export => "cases.export",
    }
}

#[cfg(test)]
mod tests;
