//! The scenario of the live service: built from the cases in the store, the
//! offered trips and NTE's roster (pure: the service loads them, this decides).
//!
//! A case is a planning candidate when its transport is requested (or it is
//! already planned) and the domain's ready window meets the horizon. Families
//! travel together or not at all: a family with an open member who is not a
//! candidate (not ready, absconded, impediment…) is held back whole, with the
//! reason, so the planner never splits it.

use crate::text::say as why;
use crate::{
    plan::{Reason, Unplanned},
    scenario::{Charter, Escort, Flight, Params, Person, SCENARIO_FORMAT, Scenario, Sex, Window},
};
use jiff::{ToSpan, civil::Date};
use opcentrum_domain::{
    Case, RuleTable, Stage, detention,
    escort::Escort as RosterEscort,
    person::Sex as PersonSex,
    readiness::{readiness, ready_window},
    trip::{TripKind, TripOffer},
};
use std::collections::{BTreeMap, BTreeSet};

/// The planning parameters NTE works with (escorts per escorted returnee, crew…).
pub fn default_params() -> Params {
    Params {
        escorts_per_escorted: 2,
        charter_escort_ratio: 1.5,
        charter_fixed_staff: 3,
        trip_days: crate::scenario::TripDays {
            charter: 2,
            scheduled: 3,
        },
    }
}

/// What the service hands over: the horizon and everything it loaded.
#[derive(Debug, Clone, Copy)]
pub struct CaseInputs<'a> {
    pub horizon_start: Date,
    pub horizon_days: u32,
    pub params: &'a Params,
    /// Cases in `transport_requested` or `planned`, and every member of their
    /// families (whatever their stage, closed ones included).
    pub cases: &'a [Case],
    pub offers: &'a [TripOffer],
    pub roster: &'a [RosterEscort],
    pub rules: &'a RuleTable,
}

/// The scenario and the candidates held back before planning.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltScenario {
    pub scenario: Scenario,
    pub held_back: Vec<Unplanned>,
}

fn sex(s: PersonSex) -> Sex {
    match s {
        PersonSex::F => Sex::F,
        PersonSex::M => Sex::M,
    }
}

/// Why a case is not a candidate, in English and Swedish.
type Why = (String, String);

/// The person a case is, as the planner sees it, or why it cannot be one.
fn candidate(case: &Case, start: Date, end: Date, rules: &RuleTable) -> Result<Person, Why> {
    if !matches!(case.stage, Stage::TransportRequested | Stage::Planned) {
        return Err(why(
            "gate.from_cases.stage",
            &[("stage", case.stage.name_en(), case.stage.name_sv())],
        ));
    }
    let Some(window) = ready_window(case, rules) else {
        let unmet = readiness(case, start, rules).unmet;
        let join = |text: &dyn Fn(&opcentrum_domain::readiness::Unmet) -> String| {
            unmet.iter().map(text).collect::<Vec<_>>().join("; ")
        };
        let (en, sv) = (join(&|u| u.text_en()), join(&|u| u.text_sv()));
        return Err(if unmet.is_empty() {
            why("gate.from_cases.not_ready", &[])
        } else {
            (en, sv)
        });
    };
    let mut last = window.until.unwrap_or(end);
    // The whole-case detention limit (caps, missed review, no reasonable prospect):
    // the same function as the store's projection, the picture's alerts and `decide`.
    if let Some(day) = detention::limit(case, rules).and_then(|l| l.last_trip_day()) {
        last = last.min(day);
    }
    let ready_from = window.from.max(start);
    if ready_from > end {
        // Name what holds the person back on the horizon's last day (e.g. an
        // unaccompanied child's reception, Return Directive art. 10.2).
        let unmet = readiness(case, end, rules).unmet;
        let (en, sv): (Vec<String>, Vec<String>) =
            unmet.iter().map(|u| (u.text_en(), u.text_sv())).unzip();
        let from = window.from.to_string();
        return Err(if unmet.is_empty() {
            why("gate.from_cases.ready_from", &[("from", &from, &from)])
        } else {
            why(
                "gate.from_cases.ready_from_because",
                &[
                    ("from", &from, &from),
                    ("unmet", &en.join("; "), &sv.join("; ")),
                ],
            )
        });
    }
    Ok(Person {
        id: case.id.to_string(),
        family: case.family.as_ref().map(ToString::to_string),
        destination: case.destination,
        sex: sex(case.person.sex),
        // Unknown until the police say so: plan with escorts, the safe side.
        escorted: case.escorted.unwrap_or(true),
        detained: case.detention.is_some(),
        ready_from,
        // A limit past the horizon does not bind inside it.
        must_leave_by: (last < end).then_some(last),
    })
}

/// The days a case would be planned between — ready from, must leave by —
/// or `None` if it is no candidate in `start ..= end`.
pub fn planning_window(
    case: &Case,
    start: Date,
    end: Date,
    rules: &RuleTable,
) -> Option<(Date, Option<Date>)> {
    candidate(case, start, end, rules)
        .ok()
        .map(|p| (p.ready_from, p.must_leave_by))
}

/// Builds the scenario of `inputs`, holding back families that cannot travel whole.
pub fn scenario_from_cases(inputs: &CaseInputs<'_>) -> BuiltScenario {
    let start = inputs.horizon_start;
    let days = inputs.horizon_days.clamp(1, 366);
    let end = start
        .checked_add(i64::from(days - 1).days())
        .unwrap_or(start);
    let mut persons = Vec::new();
    let mut not_candidates: BTreeMap<String, Vec<(String, Why)>> = BTreeMap::new();
    for case in inputs.cases {
        if case.stage.is_closed() {
            // A closed member still in the family (e.g. granted a permit) is not
            // silently dropped: the family waits for a recorded decision that the
            // member leaves it (`family_left`; UtlL 1 kap. 10 §).
            if let Some(f) = &case.family {
                not_candidates.entry(f.to_string()).or_default().push((
                    case.id.to_string(),
                    why(
                        "gate.from_cases.closed_in_family",
                        &[("stage", case.stage.name_en(), case.stage.name_sv())],
                    ),
                ));
            }
            continue;
        }
        match candidate(case, start, end, inputs.rules) {
            Ok(p) => persons.push(p),
            Err(why) => {
                if let Some(f) = &case.family {
                    not_candidates
                        .entry(f.to_string())
                        .or_default()
                        .push((case.id.to_string(), why));
                }
            }
        }
    }
    // Families: every open member a candidate, all to one destination.
    let mut destinations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &persons {
        if let Some(f) = &p.family {
            destinations
                .entry(f.clone())
                .or_default()
                .insert(p.destination.to_string());
        }
    }
    let mut held_back = Vec::new();
    persons.retain(|p| {
        let Some(f) = &p.family else { return true };
        let explanation = if let Some(others) = not_candidates.get(f) {
            let (who, (why, why_sv)) = &others[0];
            Some((
                format!(
                    "Family {f} travels together: member {who} is not ready ({why}). \
                     Resolve that case or plan the family later."
                ),
                format!(
                    "Familjen {f} reser tillsammans: {who} är inte klar ({why_sv}). \
                     Lös det ärendet eller planera familjen senare."
                ),
            ))
        } else if destinations.get(f).is_some_and(|d| d.len() > 1) {
            Some((
                format!(
                    "Family {f} has members with different destinations; correct the \
                     cases so the family can travel together."
                ),
                format!(
                    "Familjen {f} har medlemmar med olika destinationer; rätta ärendena \
                     så att familjen kan resa tillsammans."
                ),
            ))
        } else {
            None
        };
        match explanation {
            Some((explanation, explanation_sv)) => {
                held_back.push(Unplanned {
                    person: p.id.clone(),
                    reason: Reason::FamilyNotReady,
                    explanation,
                    explanation_sv,
                });
                false
            }
            None => true,
        }
    });
    persons.sort_by(|a, b| a.id.cmp(&b.id));

    let in_horizon = |d: Date| start <= d && d <= end;
    let mut charters = Vec::new();
    let mut flights = Vec::new();
    for o in inputs.offers.iter().filter(|o| in_horizon(o.date)) {
        match o.kind {
            TripKind::Charter => charters.push(Charter {
                id: o.id.to_string(),
                destination: o.destination,
                date: o.date,
                seats: o.seats,
                quota: o.quota.unwrap_or(o.seats),
                cost: o.cost,
            }),
            TripKind::Scheduled => flights.push(Flight {
                id: o.id.to_string(),
                destination: o.destination,
                date: o.date,
                returnee_seats: o.seats,
                ticket_cost: o.cost,
            }),
        }
    }
    let escorts = inputs
        .roster
        .iter()
        .filter_map(|e| {
            let available: Vec<Window> = e
                .available
                .iter()
                .filter(|w| w.from <= end && w.to >= start && w.from <= w.to)
                .map(|w| Window {
                    from: w.from.max(start),
                    to: w.to.min(end),
                })
                .collect();
            (!available.is_empty()).then(|| Escort {
                id: e.id.to_string(),
                sex: sex(e.sex),
                available,
            })
        })
        .collect();
    BuiltScenario {
        scenario: Scenario {
            format: SCENARIO_FORMAT.to_owned(),
            horizon_start: start,
            horizon_days: days,
            params: inputs.params.clone(),
            persons,
            charters,
            flights,
            escorts,
        },
        held_back,
    }
}

#[cfg(test)]
mod gate_text_tests {
    use super::why;

    #[test]
    fn why_a_case_is_no_candidate_reads_as_before() {
        assert_eq!(
            why(
                "gate.from_cases.closed_in_family",
                &[("stage", "Permit granted", "Tillstånd beviljat")]
            ),
            (
                "closed (Permit granted) but still in the family: record `family_left`".to_owned(),
                "avslutat (Tillstånd beviljat) men fortfarande i familjen: registrera att personen lämnar familjen".to_owned()
            )
        );
        assert_eq!(
            why("gate.from_cases.not_ready", &[]),
            ("not ready".to_owned(), "inte klar".to_owned())
        );
        assert_eq!(
            why(
                "gate.from_cases.ready_from_because",
                &[
                    ("from", "2026-11-02", "2026-11-02"),
                    ("unmet", "a; b", "x; y")
                ]
            ),
            (
                "ready only from 2026-11-02: a; b".to_owned(),
                "klar först från 2026-11-02: x; y".to_owned()
            )
        );
    }
}
