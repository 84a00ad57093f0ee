//! The plan a planner writes: `opcentrum-plan/1`.

use serde::{Deserialize, Serialize};

/// The format tag every plan carries.
pub const PLAN_FORMAT: &str = "opcentrum-plan/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub format: String,
    pub trips: Vec<PlannedTrip>,
    pub unplanned: Vec<Unplanned>,
    pub objective: Objective,
    pub bound: Bound,
    pub optimal: bool,
    /// How the search ended (absent in plans written before it was reported).
    #[serde(default)]
    pub search: Search,
    /// Wall-clock seconds the search took: the one field that differs between
    /// two runs of the same search. `opcentrum plan --json` leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solve_seconds: Option<f64>,
}

/// How the search ended. Everything here is counted, not timed, so the same
/// scenario and options give the same `search` unless `stopped` is `time_limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Search {
    pub stopped: Stopped,
    /// The first objective term not proven optimal; none when the plan is.
    pub working_on: Option<Term>,
    /// Work done: branch-and-bound nodes of the exact search.
    pub work: u64,
}

/// Why the search stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stopped {
    /// Proven optimal on all three terms.
    Proven,
    /// The work budget ran out first.
    WorkLimit,
    /// The wall-clock limit ran out first: a faster machine may do better.
    TimeLimit,
    /// Only the heuristic was asked for.
    #[default]
    HeuristicOnly,
    /// Every phase finished without proving the plan optimal (a bound that the
    /// plan does not reach and no limit hit).
    Unproven,
}

/// An objective term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    DetainedMoved,
    Moved,
    Cost,
}

impl Term {
    pub fn label(self) -> &'static str {
        match self {
            Term::DetainedMoved => "detained moved",
            Term::Moved => "persons moved",
            Term::Cost => "cost",
        }
    }
}

/// One operated trip: a charter or a scheduled flight, with its persons and escorts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedTrip {
    pub trip: String,
    pub persons: Vec<String>,
    pub escorts: Vec<String>,
}

/// A person the plan does not move, with the reason and what a planner can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplanned {
    pub person: String,
    pub reason: Reason,
    pub explanation: String,
    /// The same in Swedish, for the trip planner's pages (absent from plans
    /// written by other tools).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation_sv: String,
}

/// Why a person is not on any trip. Codes are stable: other tools match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// `must_leave_by` lies before `ready_from` or before the horizon: the legal
    /// window has closed (detention limit, lapse of the decision).
    PastDeadline,
    /// No charter or scheduled flight to the destination between the day the person
    /// is ready and the day they must leave.
    NoTripInWindow,
    /// The family has no day on which all its members are ready and none is past
    /// their limit, or no trip in that window.
    FamilyNotReady,
    /// The family is larger than any trip in its window can take.
    FamilyTooLarge,
    /// No escort of the needed sex is on the roster for any trip in the window.
    NoEscortOfSex,
    /// Escorts of the needed sex exist, but all are taken on those days.
    EscortsBusy,
    /// Every trip in the window is full (quota, seats or returnee seats).
    TripsFull,
    /// The family's members are bound for different destinations, so no one
    /// trip can take them all (rule 2).
    FamilyDestinationsDiffer,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::PastDeadline => "past_deadline",
            Reason::NoTripInWindow => "no_trip_in_window",
            Reason::FamilyNotReady => "family_not_ready",
            Reason::FamilyTooLarge => "family_too_large",
            Reason::NoEscortOfSex => "no_escort_of_sex",
            Reason::EscortsBusy => "escorts_busy",
            Reason::TripsFull => "trips_full",
            Reason::FamilyDestinationsDiffer => "family_destinations_differ",
        }
    }
}

/// The three terms of the lexicographic objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Objective {
    pub detained_moved: u32,
    pub moved: u32,
    pub cost: u64,
}

/// Proven upper bounds on the first two objective terms, and a proven lower
/// bound on the cost of any plan that moves as many (detained and in all) as
/// this plan, when the search proved one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bound {
    pub detained_moved: u32,
    pub moved: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
}

impl Bound {
    /// The tighter of two bounds, term by term.
    pub fn min_with(self, other: Bound) -> Bound {
        Bound {
            detained_moved: self.detained_moved.min(other.detained_moved),
            moved: self.moved.min(other.moved),
            cost: self.cost.max(other.cost),
        }
    }
}

impl Objective {
    /// Lexicographic order: more detained moved, then more moved, then cheaper.
    pub fn better_than(&self, other: &Objective) -> bool {
        (
            self.detained_moved,
            self.moved,
            std::cmp::Reverse(self.cost),
        ) > (
            other.detained_moved,
            other.moved,
            std::cmp::Reverse(other.cost),
        )
    }
}
