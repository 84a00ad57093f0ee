//! NTE rosters for planning scenarios, in two kinds.
//!
//! - [`RosterKind::Patterns`]: a few rota patterns (full period, fortnight on /
//!   fortnight off, one week of leave), so that escorts of one sex and pattern
//!   are interchangeable. The planner's first generator; kept for comparison.
//! - [`RosterKind::Individual`]: what a real roster looks like — every escort has
//!   their own availability: part-time work in blocks, a period of leave, a
//!   course of a day or three, a late start or an early end, so each escort has
//!   one or several windows of their own and hardly two are alike.

use jiff::ToSpan;
use jiff::civil::Date;
use opcentrum_planner::scenario::{Escort, Sex, Window};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Which kind of roster (and, for `Individual`, which kind of offers) to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RosterKind {
    /// A few interchangeable rota patterns.
    #[default]
    Patterns,
    /// Individual availability per escort (leave, part-time, courses).
    Individual,
}

impl RosterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RosterKind::Patterns => "patterns",
            RosterKind::Individual => "individual",
        }
    }
}

impl std::str::FromStr for RosterKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "patterns" => Ok(RosterKind::Patterns),
            "individual" => Ok(RosterKind::Individual),
            other => Err(format!(
                "unknown roster kind {other:?}: expected patterns or individual"
            )),
        }
    }
}

fn day(start: Date, d: i64) -> Date {
    start.checked_add(d.days()).unwrap_or(start)
}

fn windows_of(start: Date, ranges: impl IntoIterator<Item = (i64, i64)>) -> Vec<Window> {
    ranges
        .into_iter()
        .map(|(a, b)| Window {
            from: day(start, a),
            to: day(start, b),
        })
        .collect()
}

/// The roster of the first generator: six rota patterns over the horizon.
pub fn pattern_escorts(rng: &mut ChaCha8Rng, n: usize, start: Date, days: i64) -> Vec<Escort> {
    let end = days - 1;
    (0..n)
        .map(|i| {
            let sex = if rng.random_bool(0.6) { Sex::M } else { Sex::F };
            let pattern = rng.random_range(0..6);
            let available = match pattern {
                0 | 1 => vec![(0, end)],
                2 => vec![(0, 13.min(end)), (28, (41).min(end))],
                3 => vec![(14, 27.min(end)), (42, 55.min(end))],
                // One week of leave, in week 2 or week 3 of the period.
                4 => vec![(0, 6), (14, end)],
                _ => vec![(0, 13), (21, end)],
            };
            Escort {
                id: format!("E{:04}", i + 1),
                sex,
                available: windows_of(
                    start,
                    available
                        .into_iter()
                        .filter(|(a, b)| a <= b && *a <= end)
                        .map(|(a, b)| (a, b.min(end))),
                ),
            }
        })
        .collect()
}

/// Marks days `from ..= to` (clipped to the horizon) as off.
fn off(on: &mut [bool], from: i64, to: i64) {
    let n = on.len() as i64;
    for d in from.max(0)..=to.min(n - 1) {
        on[d as usize] = false;
    }
}

/// The on-days as maximal ranges.
fn ranges(on: &[bool]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut open: Option<i64> = None;
    for (d, &is_on) in on.iter().enumerate() {
        let d = d as i64;
        match (is_on, open) {
            (true, None) => open = Some(d),
            (false, Some(a)) => {
                out.push((a, d - 1));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(a) = open {
        out.push((a, on.len() as i64 - 1));
    }
    out
}

/// One escort's own availability over `days` days.
fn individual_days(rng: &mut ChaCha8Rng, days: i64) -> Vec<bool> {
    let n = days.max(1) as usize;
    let mut on = vec![true; n];
    // Part-time (about a quarter): blocks of work and rest of their own length.
    if rng.random_bool(0.25) {
        let work = rng.random_range(3..=7i64);
        let rest = rng.random_range(2..=6i64);
        let mut d = -rng.random_range(0..work + rest);
        while d < days {
            off(&mut on, d + work, d + work + rest - 1);
            d += work + rest;
        }
    }
    // Leave (annual leave, parental leave): a third have a period of it.
    if rng.random_bool(0.35) {
        let len = rng.random_range(3..=16i64);
        let from = rng.random_range(-len / 2..days);
        off(&mut on, from, from + len - 1);
    }
    // Courses, sick days, other duties: a day to three, once or twice.
    for _ in 0..rng.random_range(0..=2) {
        let len = rng.random_range(1..=3i64);
        let from = rng.random_range(0..days);
        off(&mut on, from, from + len - 1);
    }
    // New on the roster, or leaving it, within the horizon.
    if rng.random_bool(0.05) {
        let d = rng.random_range(0..days);
        if rng.random_bool(0.5) {
            off(&mut on, 0, d - 1);
        } else {
            off(&mut on, d + 1, days - 1);
        }
    }
    on
}

/// A roster of individual availability: one or several windows per escort.
/// An escort with no day on at all is kept with one day, so the roster has
/// `n` escorts.
pub fn individual_escorts(rng: &mut ChaCha8Rng, n: usize, start: Date, days: i64) -> Vec<Escort> {
    (0..n)
        .map(|i| {
            let sex = if rng.random_bool(0.6) { Sex::M } else { Sex::F };
            let mut on = individual_days(rng, days);
            if !on.iter().any(|&x| x) {
                let d = rng.random_range(0..on.len());
                on[d] = true;
            }
            Escort {
                id: format!("E{:04}", i + 1),
                sex,
                available: windows_of(start, ranges(&on)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn ranges_are_the_maximal_runs_of_on_days() {
        let on = [false, true, true, false, true, false, false, true];
        assert_eq!(ranges(&on), vec![(1, 2), (4, 4), (7, 7)]);
        assert_eq!(ranges(&[true; 3]), vec![(0, 2)]);
        assert_eq!(ranges(&[false; 3]), Vec::<(i64, i64)>::new());
    }

    #[test]
    fn individual_rosters_are_individual() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let start = jiff::civil::date(2026, 12, 1);
        let escorts = individual_escorts(&mut rng, 60, start, 28);
        assert_eq!(escorts.len(), 60);
        let mut distinct: Vec<_> = escorts.iter().map(|e| e.available.clone()).collect();
        distinct.sort_by_key(|w| w.iter().map(|w| (w.from, w.to)).collect::<Vec<_>>());
        distinct.dedup();
        // Full-time escorts without leave share the whole horizon; the rest differ.
        assert!(
            distinct.len() >= 20,
            "only {} distinct rosters",
            distinct.len()
        );
        assert!(escorts.iter().any(|e| e.available.len() >= 3));
        let end = day(start, 27);
        for e in &escorts {
            assert!(!e.available.is_empty());
            for w in &e.available {
                assert!(start <= w.from && w.from <= w.to && w.to <= end, "{w:?}");
            }
            // Windows are separate: a day off lies between two of them.
            for pair in e.available.windows(2) {
                assert!(day(pair[0].to, 1) < pair[1].from, "{pair:?}");
            }
        }
    }

    #[test]
    fn roster_kinds_parse_by_name() {
        assert_eq!("individual".parse(), Ok(RosterKind::Individual));
        assert_eq!("patterns".parse(), Ok(RosterKind::Patterns));
        assert!("rota".parse::<RosterKind>().is_err());
    }
}
