//! JSON Lines: one case per line with its whole history.

use crate::{
    MAX_LINE, MAX_ROWS,
    error::RowError,
    validate::{FacilityKinds, check_history},
};
use opcentrum_domain::{Case, Event, RuleTable, children, family, ids::CaseId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// One line of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    pub case: CaseId,
    pub events: Vec<Event>,
}

pub fn to_jsonl_line(events: &[Event]) -> Result<String, serde_json::Error> {
    let case = events.first().map(|e| e.case.clone());
    match case {
        Some(case) => serde_json::to_string(&CaseRecord {
            case,
            events: events.to_vec(),
        }),
        None => Ok(String::new()),
    }
}

/// Parses and validates every line; returns all histories or every bad line.
pub fn parse_jsonl(
    text: &str,
    facilities: &FacilityKinds,
    rules: &RuleTable,
) -> Result<Vec<Vec<Event>>, Vec<RowError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut finals: Vec<(usize, Case)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if out.len() + errors.len() >= MAX_ROWS {
            errors.push(RowError::new(
                line,
                "file",
                format!("more than {MAX_ROWS} rows"),
            ));
            break;
        }
        if raw.len() > MAX_LINE {
            errors.push(RowError::new(
                line,
                "line",
                format!("longer than {MAX_LINE} bytes"),
            ));
            continue;
        }
        let record: CaseRecord = match parse_record(raw) {
            Ok(r) => r,
            Err((path, msg)) => {
                errors.push(RowError::new(line, path, msg));
                continue;
            }
        };
        if !seen.insert(record.case.clone()) {
            errors.push(RowError::new(
                line,
                "case",
                format!("case {} appears more than once in the file", record.case),
            ));
            continue;
        }
        if let Some((j, e)) = record
            .events
            .iter()
            .enumerate()
            .find(|(_, e)| e.case != record.case)
        {
            errors.push(RowError::new(
                line,
                format!("events[{j}].case"),
                format!("{} differs from the line's case {}", e.case, record.case),
            ));
            continue;
        }
        match check_history(line, &record.events, facilities, rules) {
            Ok(case) => {
                finals.push((line, case));
                out.push(record.events);
            }
            Err(e) => errors.push(e),
        }
    }
    // A family stands together in the imported states too (planned, taken off
    // and executed as one; a member leaves only by `family_left`).
    let mut families: BTreeMap<String, (usize, Vec<&Case>)> = BTreeMap::new();
    for (line, c) in &finals {
        if let Some(f) = &c.family {
            let e = families.entry(f.to_string()).or_insert((*line, vec![]));
            e.1.push(c);
        }
    }
    for (family, (line, members)) in &families {
        // A child is held with a guardian, and no guardian held leaves it
        // without one (UtlL 10 kap. 3 §), in the imported states.
        let held: Vec<_> = members
            .iter()
            .filter(|c| c.detention.is_some())
            .map(|c| c.id.clone())
            .collect();
        let recorded: Vec<_> = members
            .iter()
            .filter(|c| c.guardians.is_some())
            .map(|c| c.id.clone())
            .collect();
        if let Err(e) = family::check_together(members, rules)
            .and_then(|()| children::check_children(members, &held, &recorded, rules))
        {
            errors.push(RowError::new(
                *line,
                "family",
                format!("family {family}: {e}"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn parse_record(raw: &str) -> Result<CaseRecord, (String, String)> {
    let de = &mut serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let path = if path == "." { "line".to_owned() } else { path };
        (path, inner.to_string())
    })
}
