//! The scenario as indices and day numbers, with the structure the search exploits:
//! families become units that travel whole, and escorts of equal sex and equal
//! availability become one class of interchangeable escorts.

use crate::scenario::{Scenario, Sex};
use jiff::civil::Date;
use opcentrum_domain::country::Country;
use std::collections::HashMap;

/// Day number relative to the horizon's first day (day 0).
pub type Day = i32;

pub fn day_of(start: Date, date: Date) -> Day {
    // Dates come from a validated scenario (within a few years), so this fits.
    (date - start).get_days()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TripKind {
    Charter,
    Scheduled,
}

/// A charter or a scheduled flight.
#[derive(Debug, Clone)]
pub struct Trip {
    /// Index in `scenario.charters` or `scenario.flights`.
    pub source: usize,
    pub id: String,
    pub kind: TripKind,
    pub destination: Country,
    pub day: Day,
    /// Days an escort on the trip is busy.
    pub len: Day,
    /// Returnees it may take: the charter's quota, the flight's returnee seats.
    pub capacity: u32,
    /// Charter: seats for returnees, escorts and fixed staff together.
    pub seats: u32,
    /// Charter: the cost of operating it at all.
    pub fixed_cost: u64,
    /// Scheduled flight: the price of one ticket, returnee or escort.
    pub ticket: u64,
}

impl Trip {
    /// Days the escorts on this trip are busy: `day ..= last_day`.
    pub fn last_day(&self) -> Day {
        self.day + self.len - 1
    }
}

/// Persons who travel together: a family, or one person alone.
#[derive(Debug, Clone)]
pub struct Unit {
    pub members: Vec<usize>,
    pub destination: Country,
    /// The first day every member is ready.
    pub ready: Day,
    /// The last day every member may still lawfully be moved.
    pub deadline: Option<Day>,
    pub size: u32,
    pub detained: u32,
    /// Escorted members, by sex (index `Sex::index`).
    pub escorted: [u32; 2],
    /// Trips the unit may take (destination, window, capacity), by date.
    pub trips: Vec<usize>,
    /// Members bound for different destinations: the family, which travels
    /// together (rule 2), can take no trip.
    pub destinations_differ: bool,
}

impl Unit {
    pub fn escorted_total(&self) -> u32 {
        self.escorted[0] + self.escorted[1]
    }
}

/// Escorts of one sex with identical availability: interchangeable.
#[derive(Debug, Clone)]
pub struct EscortClass {
    pub sex: Sex,
    /// Availability windows as day ranges, both ends included.
    pub windows: Vec<(Day, Day)>,
    pub members: Vec<usize>,
}

impl EscortClass {
    /// Whether days `from ..= to` lie inside one availability window.
    pub fn covers(&self, from: Day, to: Day) -> bool {
        self.windows.iter().any(|&(a, b)| a <= from && to <= b)
    }
}

#[derive(Debug, Clone)]
pub struct Model {
    pub trips: Vec<Trip>,
    pub units: Vec<Unit>,
    pub classes: Vec<EscortClass>,
    /// The class of each escort (index in `scenario.escorts`).
    pub escort_class: Vec<usize>,
    pub escorts_per_escorted: u32,
    pub charter_escort_ratio: f64,
    pub charter_fixed_staff: u32,
    /// One past the last day any escort can be busy.
    pub days: Day,
    /// Per trip, by sex: the escorts whose availability covers the trip's busy
    /// days, in roster order.
    pub eligible: Vec<[Vec<usize>; 2]>,
}

impl Model {
    pub fn new(s: &Scenario) -> Model {
        let start = s.horizon_start;
        let mut trips = Vec::with_capacity(s.charters.len() + s.flights.len());
        for (i, c) in s.charters.iter().enumerate() {
            trips.push(Trip {
                source: i,
                id: c.id.clone(),
                kind: TripKind::Charter,
                destination: c.destination,
                day: day_of(start, c.date),
                len: s.params.trip_days.charter as Day,
                capacity: c.quota,
                seats: c.seats,
                fixed_cost: c.cost,
                ticket: 0,
            });
        }
        for (i, f) in s.flights.iter().enumerate() {
            trips.push(Trip {
                source: i,
                id: f.id.clone(),
                kind: TripKind::Scheduled,
                destination: f.destination,
                day: day_of(start, f.date),
                len: s.params.trip_days.scheduled as Day,
                capacity: f.returnee_seats,
                seats: 0,
                fixed_cost: 0,
                ticket: f.ticket_cost,
            });
        }
        let mut by_destination: HashMap<Country, Vec<usize>> = HashMap::new();
        for (t, trip) in trips.iter().enumerate() {
            by_destination.entry(trip.destination).or_default().push(t);
        }
        for list in by_destination.values_mut() {
            list.sort_by_key(|&t| (trips[t].day, t));
        }

        // Units: families in order of their first member, then persons alone.
        let mut family_unit: HashMap<&str, usize> = HashMap::new();
        let mut units: Vec<Unit> = Vec::new();
        for (i, p) in s.persons.iter().enumerate() {
            let ready = day_of(start, p.ready_from);
            let deadline = p.must_leave_by.map(|d| day_of(start, d));
            let u = match p.family.as_deref() {
                Some(f) => match family_unit.get(f) {
                    Some(&u) => u,
                    None => {
                        family_unit.insert(f, units.len());
                        units.push(Unit::empty(p.destination, ready, deadline));
                        units.len() - 1
                    }
                },
                None => {
                    units.push(Unit::empty(p.destination, ready, deadline));
                    units.len() - 1
                }
            };
            let unit = &mut units[u];
            unit.destinations_differ |= unit.destination != p.destination;
            unit.members.push(i);
            unit.ready = unit.ready.max(ready);
            unit.deadline = match (unit.deadline, deadline) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            unit.size += 1;
            unit.detained += u32::from(p.detained);
            if p.escorted {
                unit.escorted[p.sex.index()] += 1;
            }
        }
        for unit in &mut units {
            if unit.destinations_differ {
                continue;
            }
            if let Some(list) = by_destination.get(&unit.destination) {
                unit.trips = list
                    .iter()
                    .copied()
                    .filter(|&t| {
                        let trip = &trips[t];
                        trip.day >= unit.ready
                            && unit.deadline.is_none_or(|d| trip.day <= d)
                            && trip.capacity >= unit.size
                            && (trip.kind == TripKind::Scheduled
                                || unit.size + s.params.charter_fixed_staff <= trip.seats)
                    })
                    .collect();
            }
        }

        // Escort classes: same sex, same (normalised) availability.
        let mut class_of: HashMap<(Sex, Vec<(Day, Day)>), usize> = HashMap::new();
        let mut classes: Vec<EscortClass> = Vec::new();
        let mut escort_class = Vec::with_capacity(s.escorts.len());
        for (e, escort) in s.escorts.iter().enumerate() {
            let mut windows: Vec<(Day, Day)> = escort
                .available
                .iter()
                .map(|w| (day_of(start, w.from), day_of(start, w.to)))
                .collect();
            // Rule 5: a trip's busy days lie inside ONE window. Windows are
            // never merged, not even when they touch (a course ending on the
            // 21st and a shift from the 22nd do not make a trip over both);
            // a window inside another adds nothing and is dropped.
            windows.sort_unstable();
            windows.dedup();
            let normalised: Vec<(Day, Day)> = windows
                .iter()
                .copied()
                .filter(|&(a, b)| {
                    !windows
                        .iter()
                        .any(|&(c, d)| (c, d) != (a, b) && c <= a && b <= d)
                })
                .collect();
            let key = (escort.sex, normalised);
            let c = match class_of.get(&key) {
                Some(&c) => c,
                None => {
                    classes.push(EscortClass {
                        sex: key.0,
                        windows: key.1.clone(),
                        members: Vec::new(),
                    });
                    class_of.insert(key, classes.len() - 1);
                    classes.len() - 1
                }
            };
            classes[c].members.push(e);
            escort_class.push(c);
        }
        let days = trips
            .iter()
            .map(|t| t.last_day() + 1)
            .max()
            .unwrap_or(0)
            .max(0);
        let eligible = trips
            .iter()
            .map(|trip| {
                let mut out = [Vec::new(), Vec::new()];
                for class in &classes {
                    if class.covers(trip.day, trip.last_day()) {
                        out[class.sex.index()].extend(class.members.iter().copied());
                    }
                }
                out[0].sort_unstable();
                out[1].sort_unstable();
                out
            })
            .collect();
        Model {
            trips,
            units,
            classes,
            escort_class,
            eligible,
            escorts_per_escorted: s.params.escorts_per_escorted,
            charter_escort_ratio: s.params.charter_escort_ratio,
            charter_fixed_staff: s.params.charter_fixed_staff,
            days,
        }
    }

    /// Escorts a trip needs for `escorted` escorted returnees (rules 3, 4 and 7).
    /// Scheduled flights need exactly this many; charters at least this many.
    pub fn escorts_needed(&self, kind: TripKind, escorted: u32) -> u32 {
        match kind {
            TripKind::Scheduled => self.escorts_per_escorted * escorted,
            TripKind::Charter => charter_escorts(self.charter_escort_ratio, escorted),
        }
    }
}

/// `ceil(ratio × escorted)`, robust to the float noise of e.g. 1.5 × 3.
pub fn charter_escorts(ratio: f64, escorted: u32) -> u32 {
    let exact = ratio * f64::from(escorted);
    let rounded = exact.round();
    let v = if (exact - rounded).abs() < 1e-9 {
        rounded
    } else {
        exact.ceil()
    };
    v.max(0.0) as u32
}

impl Unit {
    fn empty(destination: Country, ready: Day, deadline: Option<Day>) -> Unit {
        Unit {
            members: Vec::new(),
            destination,
            ready,
            deadline,
            size: 0,
            detained: 0,
            escorted: [0, 0],
            trips: Vec::new(),
            destinations_differ: false,
        }
    }
}
