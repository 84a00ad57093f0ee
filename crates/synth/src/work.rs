//! Open work for the demo's start state: some cases end with a handover
//! waiting in the receiving agency's inbox, some with one given back to the
//! sender with a reason. Chosen by the group's seed and the case number, not
//! by the generator's random stream, so the rest of the population is the
//! same with or without them; each step is one the lifecycle accepts (or is
//! left out).

use crate::{GeneratedCase, builder::Builder};
use jiff::{SignedDuration, Timestamp, ToSpan, civil::Date};
use opcentrum_domain::{
    Agency, RuleTable, Stage,
    event::{EventKind, HandoverKind, PoliceHandoverReason},
    facility::Facility,
    ids::HandoverId,
    trip::{TripKind, TripOffer},
};
use std::collections::BTreeMap;

/// Per hundred cases at the end of a leg: left waiting in the inbox.
const PENDING_PER_100: u64 = 6;
/// Per hundred: given back to the sender.
const RETURNED_PER_100: u64 = 2;

const POLICE_REASONS: [&str; 3] = [
    "Uppgift om vistelseadress saknas; komplettera innan överlämnande.",
    "Beslutet om avvisning är inte delgivet enligt handlingarna.",
    "Dubbelregistrerat ärende; samordna med handläggaren.",
];
const NTE_REASONS: [&str; 3] = [
    "Resehandling saknas för resmålet.",
    "Mottagande land har inte bekräftat; komplettera.",
    "Medicinsk bedömning av reseduglighet är äldre än 30 dagar.",
];

fn draw(seed: u64, case: &str) -> u64 {
    let mut h = seed ^ 0xA076_1D64_78BD_642F;
    for b in case.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
    }
    h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11
}

/// At the end of a case's history: perhaps propose the next handover and
/// leave it pending, or have it returned.
pub fn leave_handover(b: &mut Builder<'_>, seed: u64) {
    let Some(case) = b.case.as_ref() else { return };
    let d = draw(seed, case.id.as_str());
    let roll = d % 100;
    if roll >= PENDING_PER_100 + RETURNED_PER_100 || case.pending_handover.is_some() {
        return;
    }
    let (from, to, kind, reasons) = match (case.responsible, case.stage) {
        (Agency::Migrationsverket, Stage::Final) => (
            Agency::Migrationsverket,
            Agency::Police,
            HandoverKind::ToPolice {
                reason: if case.absconded_since.is_some() {
                    PoliceHandoverReason::Absconded
                } else {
                    PoliceHandoverReason::CoercionNeeded
                },
            },
            &POLICE_REASONS,
        ),
        (Agency::Police, Stage::HandedOver) => (
            Agency::Police,
            Agency::Nte,
            HandoverKind::TransportRequest {
                escorted: d.is_multiple_of(3),
            },
            &NTE_REASONS,
        ),
        _ => return,
    };
    // Proposed between 2 and 100 hours ago (some past the receiver's target).
    let hours = 2 + (d >> 8) % 98;
    let now = b.now();
    let at = now
        .checked_sub(SignedDuration::from_hours(
            i64::try_from(hours).unwrap_or(2),
        ))
        .unwrap_or(now);
    let handover = HandoverId::parse("H9").unwrap_or_else(|e| panic!("{e}"));
    if !b.try_push(
        from,
        EventKind::HandoverProposed {
            handover: handover.clone(),
            to: kind,
        },
        at,
    ) {
        return;
    }
    if roll >= PENDING_PER_100 {
        let back = at
            .checked_add(SignedDuration::from_hours(1))
            .unwrap_or(at)
            .min(now);
        let reason = reasons[usize::try_from((d >> 16) % 3).unwrap_or(0)].to_owned();
        b.try_push(to, EventKind::HandoverReturned { handover, reason }, back);
    }
}

/// One charter of the coming two weeks about half full: persons whose
/// transport is requested and who are ready on its day are planned on it, up
/// to half its seats (the charter whose destination has most of them; single
/// persons only, a family travels together). The planner's work is to fill
/// the rest; without this every charter of the demo starts empty.
pub fn half_fill(
    cases: &mut [GeneratedCase],
    trips: &[TripOffer],
    now: Timestamp,
    rules: &RuleTable,
    facilities: &[Facility],
    today: Date,
) {
    let open = |g: &GeneratedCase| {
        g.case.stage == Stage::TransportRequested
            && g.case.trip.is_none()
            && g.case.family.is_none()
            && g.case.pending_handover.is_none()
    };
    let mut per_destination: BTreeMap<String, usize> = BTreeMap::new();
    for g in cases.iter().filter(|g| open(g)) {
        *per_destination
            .entry(g.case.destination.to_string())
            .or_default() += 1;
    }
    let from = today.saturating_add(3.days());
    let to = today.saturating_add(14.days());
    let Some(charter) = trips
        .iter()
        .filter(|t| t.kind == TripKind::Charter && t.date >= from && t.date <= to)
        .max_by_key(|t| {
            (
                per_destination
                    .get(&t.destination.to_string())
                    .copied()
                    .unwrap_or(0),
                std::cmp::Reverse(t.date),
            )
        })
    else {
        return;
    };
    let target = charter.seats / 2;
    let mut filled = 0;
    let at = now
        .checked_sub(SignedDuration::from_hours(3))
        .unwrap_or(now);
    for g in cases.iter_mut() {
        if filled >= target {
            break;
        }
        if !open(g) || g.case.destination != charter.destination {
            continue;
        }
        let mut b = Builder::resume(
            g.case.clone(),
            std::mem::take(&mut g.events),
            now,
            rules,
            facilities,
        );
        let planned = b.try_push(
            Agency::Nte,
            EventKind::Planned {
                trip: charter.id.clone(),
                trip_date: charter.date,
            },
            at,
        );
        g.events = b.events;
        if let Some(c) = b.case {
            g.case = c;
        }
        if planned {
            filled += 1;
        }
    }
}
