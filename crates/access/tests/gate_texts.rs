#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The crate's refusal and error sentences live in the catalogue's area
//! `gate`: every key its source names is there in both languages, and a few
//! sentences read exactly as they always have.

use opcentrum_text::{
    Lang, catalogue,
    source_keys::{keys_in, problems},
};
use std::path::Path;

/// At least this many keys are named in `src`.
const MIN_KEYS: usize = 3;

#[test]
fn every_gate_key_the_source_names_is_in_both_catalogues() {
    let keys = keys_in(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &["gate."],
    );
    // The walk finds the keys at all (a broken walk would pass vacuously).
    assert!(
        keys.len() >= MIN_KEYS,
        "only {} keys found in src",
        keys.len()
    );
    let problems = problems(&keys);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_withheld_category_event_and_condition_read_as_before() {
    use opcentrum_access::{
        FieldCategory, Principal, Role,
        filter::{withheld_event, withheld_reason},
    };
    use opcentrum_domain::{Agency, ids::UserName};
    let p = Principal {
        user: UserName::parse("planner.one").unwrap(),
        agency: Agency::Police,
        role: Role::TripPlanner,
    };
    let c = FieldCategory::Identity;
    let owner = Agency::Migrationsverket;
    let (en, sv) = withheld_reason(&p, c, owner);
    // The sentences as the code wrote them before they moved to the catalogue.
    assert_eq!(
        en,
        format!(
            "withheld: no legal basis in the sharing matrix for {}/{} to read {} owned by {}",
            p.agency.code(),
            p.role.code(),
            c.code(),
            owner.code()
        )
    );
    assert_eq!(
        sv,
        format!(
            "sekretess: delningsmatrisen ger {} ({}) inget lagstöd att läsa {} som {} ansvarar för",
            p.agency.name_sv(),
            p.role.name_sv(),
            c.name_sv().to_lowercase(),
            owner.name_sv()
        )
    );
    assert!(en.starts_with("withheld: no legal basis in the sharing matrix for police/"));
    assert_eq!(
        withheld_event(Lang::En),
        "an event in a category you may not read"
    );
    assert_eq!(
        withheld_event(Lang::Sv),
        "en händelse i en kategori som du inte får läsa"
    );
    assert_eq!(
        catalogue(Lang::Sv)["gate.filter.unmet_withheld"],
        "ett villkor i en kategori du inte får läsa är inte uppfyllt"
    );
}
