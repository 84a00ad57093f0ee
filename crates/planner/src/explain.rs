//! Why a person is not on any trip, as a reason code and a sentence a trip
//! planner can act on. Reasons are tried from the most fundamental (the legal
//! window has closed) to the most circumstantial (every seat is taken).

use crate::assignment::Assignment;
use crate::model::{Day, Model, TripKind};
use crate::plan::{Reason, Unplanned};
use crate::scenario::{Scenario, Sex};
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
            (
                Reason::FamilyDestinationsDiffer,
                format!(
                    "The family travels together, but its members are bound for different destinations ({dests}); correct the destination, or record the decision by which a member leaves the family."
                ),
                format!(
                    "Familjen reser tillsammans, men medlemmarna ska till olika länder ({dests}); rätta destinationen, eller registrera beslutet genom vilket en medlem lämnar familjen."
                ),
            )
        } else if let Some(limit) = own_deadline.filter(|&d| d < 0 || d < own_ready) {
            let (en, sv) = if limit < own_ready {
                (
                    format!(
                        "Must leave by {} but is only ready from {}: the legal window has closed; review the detention or the decision before planning.",
                        date(s, limit),
                        p.ready_from
                    ),
                    format!(
                        "Måste lämna landet senast {} men är klar först från {}: det rättsliga fönstret har stängts; pröva förvaret eller beslutet innan planering.",
                        date(s, limit),
                        p.ready_from
                    ),
                )
            } else {
                (
                    format!(
                        "Must leave by {}, before the planning period starts on {}; the detention limit or the decision's lapse must be reviewed now.",
                        date(s, limit),
                        s.horizon_start
                    ),
                    format!(
                        "Måste lämna landet senast {}, före planeringsperiodens början {}; förvarets tidsgräns eller beslutets preskription måste prövas nu.",
                        date(s, limit),
                        s.horizon_start
                    ),
                )
            };
            (Reason::PastDeadline, en, sv)
        } else if trips_between(model, u, own_ready, own_deadline).is_empty() {
            let (from, to) = (
                p.ready_from.max(s.horizon_start),
                date(s, own_deadline.unwrap_or(horizon_end).min(horizon_end)),
            );
            (
                Reason::NoTripInWindow,
                format!(
                    "No flight to {dest} between {from} and {to}; request a scheduled flight or a charter in that window."
                ),
                format!(
                    "Inget flyg till {dest} mellan {from} och {to}; begär ett reguljärflyg eller ett charterflyg i det fönstret."
                ),
            )
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
            (
                Reason::FamilyNotReady,
                format!(
                    "The family travels together, but its members are all ready only from {ready} and must all leave by {by}; no flight to {dest} falls in that window. Plan when the last member is ready, or review the earliest limit."
                ),
                format!(
                    "Familjen reser tillsammans, men alla är klara först från {ready} och alla måste lämna landet senast {by}; inget flyg till {dest} ligger i det fönstret. Planera när den sista är klar, eller pröva den tidigaste gränsen."
                ),
            )
        } else if unit.trips.is_empty() {
            let window = trips_between(model, u, unit.ready, unit.deadline);
            (
                Reason::FamilyTooLarge,
                format!(
                    "The family of {} travels together, more than any flight to {dest} in its window can take ({}); request more returnee seats or a charter.",
                    unit.size,
                    ids(model, &window)
                ),
                format!(
                    "Familjen på {} personer reser tillsammans, fler än något flyg till {dest} i dess fönster kan ta ({}); begär fler platser för återvändare eller ett charterflyg.",
                    unit.size,
                    ids(model, &window)
                ),
            )
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
    let window = format!(
        "{from} … {}",
        until
            .clone()
            .unwrap_or_else(|| "the end of the period".into())
    );
    let window_sv = format!(
        "{from} … {}",
        until.unwrap_or_else(|| "periodens slut".into())
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
                return (
                    Reason::NoEscortOfSex,
                    format!(
                        "Needs an escort of sex {} and none is on the NTE roster for any flight to {dest} in {window} ({}); roster one.",
                        sex.as_str(),
                        ids(model, &unit.trips)
                    ),
                    format!(
                        "Behöver en eskort av kön {} och ingen sådan finns i NTE:s bemanning för något flyg till {dest} under {window_sv} ({}); bemanna en.",
                        sex.as_str(),
                        ids(model, &unit.trips)
                    ),
                );
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
            return (
                Reason::EscortsBusy,
                format!(
                    "Seats are free on flights to {dest} in {window} ({}), but every rostered escort is already on another trip those days; roster more escorts or move the date.",
                    ids(model, &unit.trips)
                ),
                format!(
                    "Det finns lediga platser på flyg till {dest} under {window_sv} ({}), men alla bemannade eskorter är redan på andra resor de dagarna; bemanna fler eskorter eller flytta dagen.",
                    ids(model, &unit.trips)
                ),
            );
        }
    }
    let (what, what_sv) = if unit
        .trips
        .iter()
        .any(|&t| model.trips[t].kind == TripKind::Charter)
    {
        (
            "charter and returnee seats",
            "charterplatser och platser för återvändare",
        )
    } else {
        ("returnee seats", "platser för återvändare")
    };
    (
        Reason::TripsFull,
        format!(
            "Every flight to {dest} in {window} ({}) is full: its {what} go to persons who are detained or must leave sooner; request more seats or another flight.",
            ids(model, &unit.trips)
        ),
        format!(
            "Alla flyg till {dest} under {window_sv} ({}) är fulla: deras {what_sv} går till personer som är förvarstagna eller måste lämna landet tidigare; begär fler platser eller ett annat flyg.",
            ids(model, &unit.trips)
        ),
    )
}
