//! Open work for the demo's start state: some cases end with a handover
//! waiting in the receiving agency's inbox, some with one given back to the
//! sender with a reason. Chosen by the group's seed and the case number, not
//! by the generator's random stream, so the rest of the population is the
//! same with or without them; each step is one the lifecycle accepts (or is
//! left out).

use crate::builder::Builder;
use jiff::SignedDuration;
use opcentrum_domain::{
    Agency, Stage,
    event::{EventKind, HandoverKind, PoliceHandoverReason},
    ids::HandoverId,
};

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
