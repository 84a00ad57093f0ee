//! Replays a history through the lifecycle's own `decide`, event by event, at
//! each event's recorded time: an imported history must be one the software
//! itself would have accepted.

use crate::error::RowError;
use opcentrum_domain::{
    Case, Context, Event, FacilityView, RuleTable, decide, decide_registration,
    facility::FacilityKind, ids::FacilityId,
};
use std::collections::HashMap;

/// The kinds of the facilities the target store knows. Capacity is checked by
/// the store when the whole file is loaded, not per historical event.
pub type FacilityKinds = HashMap<FacilityId, FacilityKind>;

pub fn check_history(
    line: usize,
    events: &[Event],
    facilities: &FacilityKinds,
    rules: &RuleTable,
) -> Result<Case, RowError> {
    let lookup = |id: &FacilityId| {
        facilities.get(id).map(|k| FacilityView {
            kind: *k,
            capacity: u32::MAX,
            occupied: 0,
        })
    };
    let first = events.first().ok_or_else(|| {
        RowError::new(
            line,
            "events",
            "a case needs at least its `registered` event",
        )
    })?;
    {
        let ctx = Context {
            now: first.recorded_at,
            actor: &first.actor,
            rules,
            facility: &lookup,
            family: &[],
        };
        decide_registration(&first.kind, &ctx).map_err(|e| {
            RowError::new(
                line,
                format!("events[0].kind.{}", e.field.unwrap_or("type")),
                e.to_string(),
            )
        })?;
    }
    let mut case = Case::from_registered(first)
        .map_err(|e| RowError::new(line, "events[0]", e.to_string()))?;
    for (i, e) in events.iter().enumerate().skip(1) {
        if e.case != case.id {
            return Err(RowError::new(
                line,
                format!("events[{i}].case"),
                format!("{} differs from the case {}", e.case, case.id),
            ));
        }
        if e.version != case.version + 1 {
            return Err(RowError::new(
                line,
                format!("events[{i}].version"),
                format!("expected {}, found {}", case.version + 1, e.version),
            ));
        }
        if e.recorded_at < events[i - 1].recorded_at {
            return Err(RowError::new(
                line,
                format!("events[{i}].recorded_at"),
                "earlier than the event before it",
            ));
        }
        let ctx = Context {
            now: e.recorded_at,
            actor: &e.actor,
            rules,
            facility: &lookup,
            family: &[],
        };
        decide(&case, &e.kind, &ctx).map_err(|err| {
            RowError::new(
                line,
                format!("events[{i}].kind.{}", err.field.unwrap_or("type")),
                err.to_string(),
            )
        })?;
        case.evolve(e);
    }
    Ok(case)
}
