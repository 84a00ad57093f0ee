//! The scenario a planner reads: `opcentrum-planning/1` of
//! docs/planning-problem.md, field for field.

use jiff::civil::Date;
use opcentrum_domain::country::Country;
use serde::{Deserialize, Serialize};

/// The format tag every scenario carries.
pub const SCENARIO_FORMAT: &str = "opcentrum-planning/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: String,
    pub horizon_start: Date,
    pub horizon_days: u32,
    pub params: Params,
    pub persons: Vec<Person>,
    pub charters: Vec<Charter>,
    pub flights: Vec<Flight>,
    pub escorts: Vec<Escort>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Escorts each escorted returnee brings on a scheduled flight.
    pub escorts_per_escorted: u32,
    /// Escorts per escorted returnee on a charter (rounded up per charter).
    pub charter_escort_ratio: f64,
    /// Crew and staff on every operated charter besides the escorts.
    pub charter_fixed_staff: u32,
    pub trip_days: TripDays,
}

/// How many days an escort is away on a trip, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TripDays {
    pub charter: u32,
    pub scheduled: u32,
}

/// Sex, as the escort rule (rule 6) needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sex {
    F,
    M,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::F, Sex::M];

    pub fn index(self) -> usize {
        match self {
            Sex::F => 0,
            Sex::M => 1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::F => "F",
            Sex::M => "M",
        }
    }
}

/// A person whose case is ready (or becomes ready) for enforcement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub family: Option<String>,
    pub destination: Country,
    pub sex: Sex,
    pub escorted: bool,
    pub detained: bool,
    pub ready_from: Date,
    /// The last day the person may lawfully be moved (detention limit, lapse).
    pub must_leave_by: Option<Date>,
}

/// A charter flight on offer; it costs `cost` if operated at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charter {
    pub id: String,
    pub destination: Country,
    pub date: Date,
    pub seats: u32,
    pub quota: u32,
    pub cost: u64,
}

/// A scheduled flight with seats sold to returnees and their escorts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flight {
    pub id: String,
    pub destination: Country,
    pub date: Date,
    pub returnee_seats: u32,
    pub ticket_cost: u64,
}

/// An NTE escort (transportledare) and the windows they are on the roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escort {
    pub id: String,
    pub sex: Sex,
    pub available: Vec<Window>,
}

/// Days `from` … `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub from: Date,
    pub to: Date,
}
