//! NTE's roster: escorts with sex and availability windows over the coming weeks.

use jiff::{ToSpan, civil::Date};
use opcentrum_domain::{
    escort::{Availability, Escort},
    ids::EscortId,
    person::Sex,
};
use rand::Rng;

pub fn roster<R: Rng>(rng: &mut R, count: usize, today: Date, days: i64) -> Vec<Escort> {
    (0..count)
        .filter_map(|i| {
            let sex = if rng.random_bool(0.6) { Sex::M } else { Sex::F };
            let mut available = Vec::new();
            let mut day = rng.random_range(0..5i64);
            while day < days {
                let len = rng.random_range(4..12i64);
                let from = today.saturating_add(day.days());
                let to = today.saturating_add((day + len - 1).min(days - 1).days());
                available.push(Availability { from, to });
                day += len + rng.random_range(2..7i64);
            }
            Some(Escort {
                id: EscortId::parse(format!("E{:04}", i + 1)).ok()?,
                sex,
                available,
            })
        })
        .collect()
}
