//! A simulated case: one decision, one household (a person alone or a family that
//! travels together), moving MV → Police → NTE as in the domain's lifecycle.

use opcentrum_planner::Sex;

/// Day number from the scenario's `start_date` (day 0).
pub type Day = u32;

/// Where a case stands. Mirrors `domain`'s lifecycle states at the simulation's
/// level of detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Final (laga kraft); the departure period runs; its outcome is drawn.
    Final(MvFate),
    /// MV has decided coercion is needed; the handover proposal is on its way.
    AwaitingHandover,
    /// Absconded; the police search (handed over as `absconded`).
    Absconded,
    /// With the police: documents, acceptance, transport request, detention.
    Police,
    /// An impediment or stay blocks planning.
    Suspended,
    /// On a committed trip (index into the trip log).
    Planned(u32),
    /// Ended.
    Ended(End),
}

/// What the departure period ends in (drawn when the decision becomes final).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MvFate {
    Voluntary,
    Abscond,
    Permit,
    Coercion,
}

/// The ends of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum End {
    ExecutedCharter,
    ExecutedScheduled,
    DepartedVoluntarily,
    Expired,
    PermitGranted,
}

impl End {
    pub const ALL: [End; 5] = [
        End::ExecutedCharter,
        End::ExecutedScheduled,
        End::DepartedVoluntarily,
        End::Expired,
        End::PermitGranted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            End::ExecutedCharter => "executed_charter",
            End::ExecutedScheduled => "executed_scheduled",
            End::DepartedVoluntarily => "departed_voluntarily",
            End::Expired => "expired",
            End::PermitGranted => "permit_granted",
        }
    }
}

/// A detention placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub facility: u16,
    pub since: Day,
    /// The last day the person may be held (the legal limit).
    pub limit: Day,
}

#[derive(Debug, Clone)]
pub struct Case {
    /// Persons in the household (1 alone, 2+ a family).
    pub size: u8,
    pub destination: u16,
    pub sex: Sex,
    pub escorted: bool,
    /// At risk of absconding: detention is asked for (single adults only).
    pub risk: bool,
    pub final_day: Day,
    pub handover_day: Option<Day>,
    /// The day documents and acceptance are in place (police stage).
    pub ready_day: Day,
    /// Set when an impediment will be lodged.
    pub impediment_day: Option<Day>,
    /// The day a person at liberty would abscond (police stage).
    pub abscond_day: Option<Day>,
    pub detention: Option<Placement>,
    /// Released at a limit once: not detained again on the same grounds.
    pub released: bool,
    /// On a siloed charter's closed manifest (index into the charter list).
    pub manifest: Option<u32>,
    pub stage: Stage,
    /// The day of the case's next event, and the version that keeps stale queue
    /// entries from firing.
    pub due: Day,
    pub version: u32,
    pub failed_attempts: u8,
}
