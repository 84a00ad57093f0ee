#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The refusals' texts live in the catalogue's area `refusals`: every key the
//! source names is there in both languages, every key there is named by the
//! source, and a few refusals read exactly as they always have.

use jiff::civil::date;
use opcentrum_domain::{
    Agency, EventKind, RuleId, TransitionError,
    decision::DecisionKind,
    detention::{DetentionBasis, ExtensionReason},
    fixtures::{Driver, registered},
    ids::FacilityId,
};
use opcentrum_text::{
    Lang, area,
    source_keys::{keys_in, problems},
};
use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

/// Every string literal of the crate's source that starts with `refusal.` or
/// `action.`, with the file it is in.
fn keys_in_source() -> Vec<(String, PathBuf)> {
    keys_in(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &["refusal.", "action."],
    )
}

#[test]
fn every_key_the_source_names_is_in_both_catalogues() {
    let keys = keys_in_source();
    // The walk finds the keys at all (a broken walk would pass vacuously).
    assert!(keys.len() > 150, "only {} keys found in src", keys.len());
    let problems = problems(&keys);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_key_of_the_area_is_used_in_the_source() {
    let used: BTreeSet<String> = keys_in_source().into_iter().map(|(k, _)| k).collect();
    for lang in Lang::ALL {
        let area = area(lang, "refusals").expect("the area refusals");
        assert!(area.len() > 150, "{}: {} keys", lang.code(), area.len());
        let dead: Vec<&String> = area.keys().filter(|k| !used.contains(*k)).collect();
        assert!(
            dead.is_empty(),
            "{}: keys no source names: {dead:#?}",
            lang.code()
        );
    }
}

/// The refusal's reason and whole message in both languages, exactly.
fn assert_reads(e: &TransitionError, en: [&str; 2], sv: [&str; 2]) {
    assert_eq!(e.reason, en[1]);
    assert_eq!(e.reason_sv, sv[1]);
    assert_eq!(
        e.to_string(),
        format!("cannot {}: {} ({})", en[0], en[1], e.statute)
    );
    assert_eq!(
        e.message_sv(),
        format!("kan inte {}: {} ({})", sv[0], sv[1], e.statute)
    );
    assert_eq!(e.message(Lang::Sv), e.message_sv());
}

fn child_case() -> Driver {
    Driver::new(
        registered(DecisionKind::Expulsion, date(2026, 11, 2), date(2015, 3, 3)),
        "2026-11-02T09:00:00+01:00".parse().unwrap(),
    )
    .unwrap()
}

#[test]
fn an_event_on_a_closed_case_reads_as_before() {
    let mut d = child_case();
    d.apply(
        Agency::Migrationsverket,
        EventKind::PermitGranted {
            on: date(2026, 11, 2),
        },
    )
    .unwrap();
    let e = d
        .apply(Agency::Migrationsverket, EventKind::Cancelled {})
        .unwrap_err();
    assert_eq!(e.rule, RuleId::ClosedCase);
    assert_reads(
        &e,
        ["cancel the case", "the case is closed (Permit granted)"],
        [
            "avsluta ärendet",
            "ärendet är avslutat (Tillstånd beviljat)",
        ],
    );
}

#[test]
fn a_child_detained_beyond_its_limit_and_in_a_police_cell_reads_as_before() {
    let mut d = child_case();
    let start = |facility: &str| EventKind::DetentionStarted {
        facility: FacilityId::parse(facility).unwrap(),
        basis: DetentionBasis::LikelyRemoval,
        started_at: "2026-11-02T09:00:00+01:00".parse().unwrap(),
        exceptional_reasons: Some("synthetic exceptional reasons".into()),
    };
    let e = d
        .apply(Agency::Migrationsverket, start("F-CELL"))
        .unwrap_err();
    assert_eq!(e.rule, RuleId::ChildPlacement);
    assert_reads(
        &e,
        [
            "start detention",
            "a child may not be placed in a police cell",
        ],
        [
            "verkställa förvar",
            "ett barn får inte placeras i anstalt, häkte eller polisarrest",
        ],
    );
    d.apply(
        Agency::Migrationsverket,
        EventKind::GuardiansRecorded {
            guardians: vec![],
            unaccompanied: true,
            guardian_without_case: false,
        },
    )
    .unwrap();
    d.apply(Agency::Migrationsverket, start("F-UNIT")).unwrap();
    d.set_now("2026-11-05T09:00:00+01:00");
    let e = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionExtended {
                reason: ExtensionReason::ChildExceptionalReasons,
                at: d.now,
            },
        )
        .unwrap_err();
    assert_eq!(e.rule, RuleId::ChildDetention);
    assert_reads(
        &e,
        [
            "extend detention",
            "the limit has passed: the person must be released, not held longer",
        ],
        [
            "förlänga förvar",
            "tidsgränsen har passerats: personen ska släppas, inte hållas kvar",
        ],
    );
}

#[test]
fn a_refusal_with_arguments_fills_them_in_both_languages() {
    let Err(e) = Driver::new(
        registered(DecisionKind::Expulsion, date(2026, 11, 2), date(2027, 1, 1)),
        "2026-11-02T09:00:00+01:00".parse().unwrap(),
    ) else {
        panic!("a birth date in the future is registered");
    };
    assert_eq!(e.field, Some("person.birth_date"));
    assert_reads(
        &e,
        [
            "register the case",
            "person.birth_date 2027-01-01 is in the future",
        ],
        [
            "registrera ärendet",
            "person.birth_date 2027-01-01 ligger i framtiden",
        ],
    );
}
