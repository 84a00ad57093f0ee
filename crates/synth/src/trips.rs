//! Trip offers for the coming weeks: charters to the large destinations and
//! scheduled flights spread by demand.

use crate::destinations::{self, CHARTER_DESTINATIONS, DESTINATIONS};
use jiff::{ToSpan, civil::Date};
use opcentrum_domain::{
    Country,
    ids::TripId,
    trip::{TripKind, TripOffer},
};
use rand::Rng;

pub fn offers<R: Rng>(
    rng: &mut R,
    today: Date,
    days: i64,
    scheduled_per_month: usize,
) -> Vec<TripOffer> {
    let mut out = Vec::new();
    // A charter every two to three weeks to each large destination.
    for (rank, (code, _)) in DESTINATIONS.iter().take(CHARTER_DESTINATIONS).enumerate() {
        let Ok(dest) = Country::parse(code) else {
            continue;
        };
        let mut day = rng.random_range(3..14i64);
        let mut n = 1;
        while day < days {
            if let Ok(id) = TripId::parse(format!("C-{code}-{n:02}")) {
                out.push(TripOffer {
                    id,
                    kind: TripKind::Charter,
                    destination: dest,
                    date: today.saturating_add(day.days()),
                    seats: rng.random_range(80..=150),
                    quota: Some(rng.random_range(20..=60) - (rank as u32) * 2),
                    cost: rng.random_range(800_000..=2_000_000u64) / 1000 * 1000,
                });
            }
            day += rng.random_range(14..22i64);
            n += 1;
        }
    }
    // Scheduled flights, by destination weight.
    let cum = destinations::cumulative();
    let total = scheduled_per_month * usize::try_from(days).unwrap_or(0) / 30;
    for n in 0..total {
        let code = destinations::pick(&cum, rng.random::<f64>());
        let Ok(dest) = Country::parse(code) else {
            continue;
        };
        if let Ok(id) = TripId::parse(format!("S-{code}-{:04}", n + 1)) {
            out.push(TripOffer {
                id,
                kind: TripKind::Scheduled,
                destination: dest,
                date: today.saturating_add(rng.random_range(1..days).days()),
                seats: rng.random_range(1..=4),
                quota: None,
                cost: rng.random_range(3..=15u64) * 1000,
            });
        }
    }
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    out
}
