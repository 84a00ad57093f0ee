//! Cost per person moved, from the trip offers: a charter's cost is spread over
//! every person executed on it; a scheduled flight costs its ticket. Escorts'
//! tickets and hours are not in the domain's records (a transport request says
//! only whether an escort is needed), so they are not counted.

use crate::{
    disclosure::{Count, Disclosure, Stat},
    executions::{in_period, persons_per_trip},
    facts::CaseFacts,
    period::Period,
};
use opcentrum_domain::{
    ids::TripId,
    trip::{TripKind, TripOffer},
};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    /// SEK attributed to the persons executed in the period.
    pub total_sek: Stat,
    /// Persons executed in the period on a trip with a known offer.
    pub persons: Count,
    /// Persons executed in the period whose trip has no offer (not costed).
    pub persons_without_offer: Count,
    pub per_person_sek: Stat,
    pub per_charter_person_sek: Stat,
    pub per_scheduled_person_sek: Stat,
}

pub fn cost(
    facts: &[CaseFacts],
    offers: &BTreeMap<&TripId, &TripOffer>,
    period: Period,
    d: Disclosure,
) -> Cost {
    let on_trip = persons_per_trip(facts);
    // [charter, scheduled]: (persons, SEK)
    let mut by_kind = [(0u64, 0f64); 2];
    let mut unknown = 0u64;
    for (x, offer) in in_period(facts, offers, period) {
        let Some(o) = offer else {
            unknown += 1;
            continue;
        };
        let (k, share) = match o.kind {
            TripKind::Charter => {
                let n = on_trip.get(&x.trip).copied().unwrap_or(1).max(1);
                (0, o.cost as f64 / n as f64)
            }
            TripKind::Scheduled => (1, o.cost as f64),
        };
        by_kind[k].0 += 1;
        by_kind[k].1 += share;
    }
    let per = |(n, sek): (u64, f64)| (n > 0).then(|| sek / n as f64);
    let persons = by_kind[0].0 + by_kind[1].0;
    let total = by_kind[0].1 + by_kind[1].1;
    let charter = Count::of(by_kind[0].0, d);
    let scheduled = Count::of(by_kind[1].0, d);
    let all = Count::of(persons, d);
    Cost {
        total_sek: Stat::shown(Some(total.round())),
        per_person_sek: Stat::from_counts(per((persons, total)), &[all]),
        per_charter_person_sek: Stat::from_counts(per(by_kind[0]), &[charter]),
        per_scheduled_person_sek: Stat::from_counts(per(by_kind[1]), &[scheduled]),
        persons: all,
        persons_without_offer: Count::of(unknown, d),
    }
}
