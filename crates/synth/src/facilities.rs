//! Migrationsverket's six detention units (567 places in all, the figure of
//! DESIGN.md) and places for transport placements.

use opcentrum_domain::{
    facility::{Facility, FacilityKind},
    ids::FacilityId,
};

const UNITS: &[(&str, &str, FacilityKind, u32)] = &[
    (
        "F-MARSTA",
        "Förvaret i Märsta",
        FacilityKind::DetentionUnit,
        145,
    ),
    (
        "F-ASTORP",
        "Förvaret i Åstorp",
        FacilityKind::DetentionUnit,
        105,
    ),
    (
        "F-KALLERED",
        "Förvaret i Kållered",
        FacilityKind::DetentionUnit,
        97,
    ),
    ("F-FLEN", "Förvaret i Flen", FacilityKind::DetentionUnit, 90),
    (
        "F-GAVLE",
        "Förvaret i Gävle",
        FacilityKind::DetentionUnit,
        70,
    ),
    (
        "F-LJUNGBYHED",
        "Förvaret i Ljungbyhed",
        FacilityKind::DetentionUnit,
        60,
    ),
    (
        "F-ARREST-ARLANDA",
        "Polisarresten Arlanda",
        FacilityKind::PoliceCell,
        12,
    ),
    (
        "F-HAKTE-GBG",
        "Häktet Göteborg",
        FacilityKind::RemandCentre,
        8,
    ),
];

pub fn facilities() -> Vec<Facility> {
    UNITS
        .iter()
        .filter_map(|(id, name, kind, cap)| {
            FacilityId::parse(*id).ok().map(|id| Facility {
                id,
                name: (*name).to_owned(),
                kind: *kind,
                capacity: *cap,
            })
        })
        .collect()
}
