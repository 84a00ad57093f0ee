//! opcentrum's domain: the case, its lifecycle, readiness for planning, detention
//! and its legal limits, and the legal rule table. Pure: data in, data out; no
//! I/O, no clock (the caller passes `now`).
//!
//! Read in this order: `rules` (the hard rules), `event` (what can happen),
//! `case` (the projection), `decide` (which events a case accepts), `readiness`,
//! `detention`.

pub mod agency;
pub mod calendar;
pub mod case;
pub mod children;
pub mod country;
pub mod crew;
pub mod decide;
pub mod decision;
pub mod detention;
pub mod escort;
pub mod event;
pub mod facility;
pub mod family;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod ids;
pub mod impediment;
pub mod person;
pub mod readiness;
pub mod rules;
pub mod stage;
pub mod time;
pub mod trip;

pub use agency::Agency;
pub use case::Case;
pub use country::Country;
pub use decide::{Context, FacilityView, Refusal, TransitionError, decide, decide_registration};
pub use event::{Actor, Event, EventKind};
pub use rules::{RuleId, RuleTable};
pub use stage::Stage;
