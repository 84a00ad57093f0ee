#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The crate's refusal and error sentences live in the catalogue's area
//! `gate`: every key its source names is there in both languages, and a few
//! sentences read exactly as they always have.

use opcentrum_text::{
    Lang,
    source_keys::{keys_in, problems},
};
use std::path::Path;

/// At least this many keys are named in `src`.
const MIN_KEYS: usize = 1;

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
fn a_full_facility_reads_as_before() {
    use opcentrum_text::Tr;
    let full = |lang| Tr::new(lang).f("gate.append.facility_full", &[("facility", &"F-UNIT")]);
    assert_eq!(full(Lang::En), "facility F-UNIT is full");
    assert_eq!(full(Lang::Sv), "förvarsenhet F-UNIT är full");
    // The action is the domain's own.
    assert_eq!(
        Tr::new(Lang::En).t("action.detention_started"),
        "start detention"
    );
    assert_eq!(
        Tr::new(Lang::Sv).t("action.detention_started"),
        "verkställa förvar"
    );
}

/// Bad input the store itself detects names the field and says why in both
/// languages, and nothing is stored (SQLite and, with DATABASE_URL, PostgreSQL).
#[tokio::test]
async fn a_bad_trip_offer_is_refused_in_both_languages_and_not_stored() {
    use jiff::civil::date;
    use opcentrum_domain::{
        country::Country,
        ids::TripId,
        trip::{TripKind, TripOffer},
    };
    use opcentrum_store::{StoreError, testing::backends};
    for db in backends("a_bad_trip_offer_is_refused_in_both_languages").await {
        let store = db.store().await.unwrap();
        let offer = |seats, destination: &str| TripOffer {
            id: TripId::parse("S-GT-1").unwrap(),
            kind: TripKind::Scheduled,
            destination: Country::parse(destination).unwrap(),
            date: date(2026, 12, 14),
            seats,
            quota: None,
            cost: 5000,
        };
        for (o, field, en, sv) in [
            (
                offer(0, "IQ"),
                "seats",
                "must be at least 1",
                "måste vara minst 1",
            ),
            (
                offer(3, "SE"),
                "destination",
                "Sweden cannot be the destination of a return",
                "Sverige kan inte vara destination för ett återvändande",
            ),
        ] {
            match store.put_trip_offer(&o).await {
                Err(StoreError::Invalid {
                    field: f,
                    reason,
                    reason_sv,
                }) => {
                    assert_eq!((f.as_str(), reason.as_str()), (field, en));
                    assert_eq!(reason_sv.as_deref(), Some(sv));
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        let stored = store
            .trip_offers(date(2026, 12, 1), date(2026, 12, 31))
            .await
            .unwrap();
        assert!(stored.is_empty(), "{stored:?}");
        store.close().await;
        db.cleanup().await;
    }
}
