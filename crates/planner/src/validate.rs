//! Reading a scenario: JSON shape first (serde, with the JSON path of the first
//! error), then the rules of the contract that JSON cannot express. Every error
//! names the JSON path and the reason.

use crate::scenario::{SCENARIO_FORMAT, Scenario};
use jiff::ToSpan;
use jiff::civil::Date;
use std::collections::HashMap;

/// A scenario that cannot be planned: where (JSON path) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ScenarioError {
    pub path: String,
    pub reason: String,
}

impl ScenarioError {
    fn at(path: impl Into<String>, reason: impl Into<String>) -> Self {
        ScenarioError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Parses and validates a scenario.
pub fn parse_scenario(text: &str) -> Result<Scenario, ScenarioError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let scenario: Scenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." {
            "$".to_string()
        } else {
            format!("$.{path}")
        };
        ScenarioError::at(path, e.into_inner().to_string())
    })?;
    validate(&scenario)?;
    Ok(scenario)
}

/// The last day of the horizon.
pub fn horizon_end(s: &Scenario) -> Date {
    let days = i64::from(s.horizon_days.max(1)) - 1;
    s.horizon_start
        .checked_add(days.days())
        .unwrap_or(Date::MAX)
}

/// Checks the rules of the contract a parsed scenario must keep.
pub fn validate(s: &Scenario) -> Result<(), ScenarioError> {
    if s.format != SCENARIO_FORMAT {
        return Err(ScenarioError::at(
            "$.format",
            format!("expected {SCENARIO_FORMAT:?}, found {:?}", s.format),
        ));
    }
    if s.horizon_days == 0 || s.horizon_days > 366 {
        return Err(ScenarioError::at(
            "$.horizon_days",
            format!("must be between 1 and 366, found {}", s.horizon_days),
        ));
    }
    let end = horizon_end(s);
    let p = &s.params;
    if p.escorts_per_escorted > 10 {
        return Err(ScenarioError::at(
            "$.params.escorts_per_escorted",
            format!("must be at most 10, found {}", p.escorts_per_escorted),
        ));
    }
    if !p.charter_escort_ratio.is_finite() || !(0.0..=10.0).contains(&p.charter_escort_ratio) {
        return Err(ScenarioError::at(
            "$.params.charter_escort_ratio",
            format!(
                "must be a number from 0 to 10, found {}",
                p.charter_escort_ratio
            ),
        ));
    }
    for (name, days) in [
        ("charter", p.trip_days.charter),
        ("scheduled", p.trip_days.scheduled),
    ] {
        if days == 0 || days > 30 {
            return Err(ScenarioError::at(
                format!("$.params.trip_days.{name}"),
                format!("must be between 1 and 30 days, found {days}"),
            ));
        }
    }

    unique_ids("persons", s.persons.iter().map(|x| x.id.as_str()))?;
    unique_ids("escorts", s.escorts.iter().map(|x| x.id.as_str()))?;
    unique_ids("charters", s.charters.iter().map(|x| x.id.as_str()))?;
    unique_ids("flights", s.flights.iter().map(|x| x.id.as_str()))?;
    // A plan names trips by id alone, so charters and flights share one id space.
    let charter_ids: HashMap<&str, usize> = s
        .charters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for (i, f) in s.flights.iter().enumerate() {
        if let Some(c) = charter_ids.get(f.id.as_str()) {
            return Err(ScenarioError::at(
                format!("$.flights[{i}].id"),
                format!(
                    "{:?} is also the id of $.charters[{c}]; trip ids must be unique",
                    f.id
                ),
            ));
        }
    }

    let in_horizon = |path: String, date: Date| {
        if date < s.horizon_start || date > end {
            Err(ScenarioError::at(
                path,
                format!(
                    "{date} lies outside the horizon {} … {end}",
                    s.horizon_start
                ),
            ))
        } else {
            Ok(())
        }
    };
    for (i, c) in s.charters.iter().enumerate() {
        destination(format!("$.charters[{i}].destination"), c.destination)?;
        // A quota of 0, or fewer seats than the quota, is a charter that
        // carries few or none (rule 4 limits it): planned as it stands.
        in_horizon(format!("$.charters[{i}].date"), c.date)?;
    }
    for (i, f) in s.flights.iter().enumerate() {
        destination(format!("$.flights[{i}].destination"), f.destination)?;
        // A flight with no returnee seats carries nobody (rule 3).
        in_horizon(format!("$.flights[{i}].date"), f.date)?;
    }
    for (i, e) in s.escorts.iter().enumerate() {
        for (j, w) in e.available.iter().enumerate() {
            if w.to < w.from {
                return Err(ScenarioError::at(
                    format!("$.escorts[{i}].available[{j}].to"),
                    format!("{} lies before the window's start {}", w.to, w.from),
                ));
            }
        }
    }

    // A family whose members are bound for different destinations is a
    // valid scenario: no trip can take it whole (rule 2), so the plan leaves
    // it out with `family_destinations_differ`.
    for (i, person) in s.persons.iter().enumerate() {
        destination(format!("$.persons[{i}].destination"), person.destination)?;
        if person.family.as_deref() == Some("") {
            return Err(ScenarioError::at(
                format!("$.persons[{i}].family"),
                "must be null or a non-empty id",
            ));
        }
    }
    Ok(())
}

fn destination(path: String, d: opcentrum_domain::country::Country) -> Result<(), ScenarioError> {
    if d.is_sweden() {
        return Err(ScenarioError::at(
            path,
            "SE is not a destination of a return",
        ));
    }
    Ok(())
}

fn unique_ids<'a>(list: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), ScenarioError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(ScenarioError::at(
                format!("$.{list}[{i}].id"),
                "must not be empty",
            ));
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(ScenarioError::at(
                format!("$.{list}[{i}].id"),
                format!("duplicate id {id:?}, first used at $.{list}[{first}]"),
            ));
        }
    }
    Ok(())
}
