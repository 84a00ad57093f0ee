//! Why a person is not on any trip, as a reason code and a sentence a trip
//! planner can act on. Reasons are tried from the most fundamental (the legal
//! window has closed) to the most circumstantial (every seat is taken).

use crate::assignment::Assignment;
use crate::model::{Day, Model, TripKind};
use crate::plan::{Reason, Unplanned};
use crate::scenario::{Scenario, Sex};
use crate::text::say;
use jiff::ToSpan;
use jiff::civil::Date;

fn date(s: &Scenario, day: Day) -> Date {
    s.horizon_start
        .checked_add(i64::from(day).days())
        .unwrap_or(s.horizon_start)
}

/// Trips to the destination in days `from ..= to`, whatever their capacity.
fn trips_between(model: &Model, u: usize, from: Day, to: Option<Day>) -> Vec<usize> {
    let unit = &model.units[u];
    model
        .trips
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.destination == unit.destination && t.day >= from && to.is_none_or(|d| t.day <= d)
        })
        .map(|(i, _)| i)
        .collect()
}

fn ids(model: &Model, trips: &[usize]) -> String {
    let mut names: Vec<&str> = trips
        .iter()
        .take(4)
        .map(|&t| model.trips[t].id.as_str())
        .collect();
    if trips.len() > 4 {
        names.push("…");
    }
    names.join(", ")
}

/// The explanation for every member of unit `u`, which the plan leaves behind.
pub fn explain(s: &Scenario, model: &Model, a: &Assignment, u: usize) -> Vec<Unplanned> {
    let unit = &model.units[u];
    let family = unit.members.len() > 1;
    let dest = unit.destination.as_str();
    let horizon_end = model
        .trips
        .iter()
        .map(|t| t.day)
        .max()
        .unwrap_or(0)
        .max(s.horizon_days as Day - 1);
    let mut out = Vec::with_capacity(unit.members.len());
    for &i in &unit.members {
        let p = &s.persons[i];
        let own_ready = crate::model::day_of(s.horizon_start, p.ready_from);
        let own_deadline = p
            .must_leave_by
            .map(|d| crate::model::day_of(s.horizon_start, d));
        let (reason, explanation, explanation_sv) = if unit.destinations_differ {
            let mut dests: Vec<&str> = unit
                .members
                .iter()
                .map(|&m| s.persons[m].destination.as_str())
                .collect();
            dests.sort_unstable();
            dests.dedup();
            let dests = dests.join(", ");
            let (en, sv) = say(
                "gate.explain.family_destinations_differ",
                &[("dests", &dests, &dests)],
            );
            (Reason::FamilyDestinationsDiffer, en, sv)
        } else if let Some(limit) = own_deadline.filter(|&d| d < 0 || d < own_ready) {
            let by = date(s, limit).to_string();
            let (en, sv) = if limit < own_ready {
                let ready = p.ready_from.to_string();
                say(
                    "gate.explain.window_closed",
                    &[("by", &by, &by), ("ready", &ready, &ready)],
                )
            } else {
                let start = s.horizon_start.to_string();
                say(
                    "gate.explain.before_period",
                    &[("by", &by, &by), ("start", &start, &start)],
                )
            };
            (Reason::PastDeadline, en, sv)
        } else if trips_between(model, u, own_ready, own_deadline).is_empty() {
            let (from, to) = (
                p.ready_from.max(s.horizon_start),
                date(s, own_deadline.unwrap_or(horizon_end).min(horizon_end)),
            );
            let (from, to) = (from.to_string(), to.to_string());
            let (en, sv) = say(
                "gate.explain.no_trip_in_window",
                &[
                    ("dest", dest, dest),
                    ("from", &from, &from),
                    ("to", &to, &to),
                ],
            );
            (Reason::NoTripInWindow, en, sv)
        } else if family
            && (unit.deadline.is_some_and(|d| d < unit.ready)
                || trips_between(model, u, unit.ready, unit.deadline).is_empty())
        {
            let (ready, by) = (
                date(s, unit.ready),
                unit.deadline
                    .map(|d| date(s, d))
                    .unwrap_or(date(s, horizon_end)),
            );
            let (ready, by) = (ready.to_string(), by.to_string());
            let (en, sv) = say(
                "gate.explain.family_not_ready",
                &[
                    ("ready", &ready, &ready),
                    ("by", &by, &by),
                    ("dest", dest, dest),
                ],
            );
            (Reason::FamilyNotReady, en, sv)
        } else if unit.trips.is_empty() {
            let window = trips_between(model, u, unit.ready, unit.deadline);
            let (size, trips) = (unit.size.to_string(), ids(model, &window));
            let (en, sv) = say(
                "gate.explain.family_too_large",
                &[
                    ("size", &size, &size),
                    ("dest", dest, dest),
                    ("trips", &trips, &trips),
                ],
            );
            (Reason::FamilyTooLarge, en, sv)
        } else {
            escorts_or_full(s, model, a, u)
        };
        out.push(Unplanned {
            person: p.id.clone(),
            reason,
            explanation,
            explanation_sv,
        });
    }
    out
}

/// The unit has trips it could take: escorts or seats stood in the way.
fn escorts_or_full(
    s: &Scenario,
    model: &Model,
    a: &Assignment,
    u: usize,
) -> (Reason, String, String) {
    let unit = &model.units[u];
    let dest = unit.destination.as_str();
    let from = date(s, unit.ready.max(0));
    let until = unit.deadline.map(|d| date(s, d).to_string());
    let (end, end_sv) = match &until {
        Some(u) => (u.clone(), u.clone()),
        None => say("gate.explain.period_end", &[]),
    };
    let from = from.to_string();
    let (window, window_sv) = say(
        "gate.explain.window",
        &[("from", &from, &from), ("to", &end, &end_sv)],
    );
    if unit.escorted_total() > 0 {
        for sex in Sex::ALL {
            if unit.escorted[sex.index()] == 0 {
                continue;
            }
            let rostered = unit.trips.iter().any(|&t| {
                let trip = &model.trips[t];
                model
                    .classes
                    .iter()
                    .any(|c| c.sex == sex && c.covers(trip.day, trip.last_day()))
            });
            if !rostered {
                let trips = ids(model, &unit.trips);
                let (en, sv) = say(
                    "gate.explain.no_escort_of_sex",
                    &[
                        ("sex", sex.as_str(), sex.as_str()),
                        ("dest", dest, dest),
                        ("window", &window, &window_sv),
                        ("trips", &trips, &trips),
                    ],
                );
                return (Reason::NoEscortOfSex, en, sv);
            }
        }
        // Seats left on some trip, but no escorts: the roster is used up.
        let seats_left = unit.trips.iter().any(|&t| {
            let trip = &model.trips[t];
            a.load[t].returnees + unit.size <= trip.capacity
                && (trip.kind == TripKind::Scheduled
                    || a.load[t].returnees
                        + unit.size
                        + a.trip_escorts[t].len() as u32
                        + model.charter_fixed_staff
                        < trip.seats)
        });
        if seats_left {
            let trips = ids(model, &unit.trips);
            let (en, sv) = say(
                "gate.explain.escorts_busy",
                &[
                    ("dest", dest, dest),
                    ("window", &window, &window_sv),
                    ("trips", &trips, &trips),
                ],
            );
            return (Reason::EscortsBusy, en, sv);
        }
    }
    let (what, what_sv) = if unit
        .trips
        .iter()
        .any(|&t| model.trips[t].kind == TripKind::Charter)
    {
        say("gate.explain.seats_charter", &[])
    } else {
        say("gate.explain.seats_returnee", &[])
    };
    let trips = ids(model, &unit.trips);
    let (en, sv) = say(
        "gate.explain.trips_full",
        &[
            ("dest", dest, dest),
            ("window", &window, &window_sv),
            ("trips", &trips, &trips),
            ("what", &what, &what_sv),
        ],
    );
    (Reason::TripsFull, en, sv)
}
