#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The crate's refusal and error sentences live in the catalogue's area
//! `gate`: every key its source names is there in both languages, and a few
//! sentences read exactly as they always have. And no key of the area is
//! dead: every one (but the access layer's `condition.*`) is named by the
//! source of a crate that reads the area.

use opcentrum_text::{
    Lang, area,
    source_keys::{keys_in, problems},
};
use std::{collections::BTreeSet, path::Path};

/// At least this many keys are named in `src`.
const MIN_KEYS: usize = 60;

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
fn every_key_of_the_area_gate_is_named_by_some_source() {
    let crates = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let used: BTreeSet<String> = ["access", "app", "store", "planner", "server"]
        .iter()
        .flat_map(|c| keys_in(&crates.join(c).join("src"), &["gate."]))
        .map(|(k, _)| k)
        .collect();
    for lang in Lang::ALL {
        let gate = area(lang, "gate").expect("the area gate");
        let keys: Vec<&String> = gate
            .keys()
            .filter(|k| !k.starts_with("condition."))
            .collect();
        assert!(keys.len() > 60, "{}: {} keys", lang.code(), keys.len());
        let dead: Vec<&&String> = keys.iter().filter(|k| !used.contains(**k)).collect();
        assert!(
            dead.is_empty(),
            "{}: keys no source names: {dead:#?}",
            lang.code()
        );
        let stray: Vec<&String> = gate
            .keys()
            .filter(|k| !k.starts_with("condition.") && !k.starts_with("gate."))
            .collect();
        assert!(
            stray.is_empty(),
            "{}: keys of another shape: {stray:#?}",
            lang.code()
        );
    }
}

fn invalid(e: AppError) -> (String, String, String) {
    match e {
        AppError::Invalid {
            field,
            reason,
            reason_sv,
        } => (field, reason, reason_sv.unwrap()),
        other => panic!("not invalid: {other:?}"),
    }
}

fn forbidden(e: AppError) -> (String, String, Option<String>) {
    match e {
        AppError::Forbidden {
            reason_en,
            reason_sv,
            field,
            ..
        } => (reason_en, reason_sv, field),
        other => panic!("not forbidden: {other:?}"),
    }
}

use jiff::civil::date;
use opcentrum_access::{Principal, Role};
use opcentrum_app::{AppError, admin::changes::may_not_decide, trips::check_offer};
use opcentrum_domain::{
    Agency,
    country::Country,
    ids::{CaseId, TripId, UserName},
    trip::{TripKind, TripOffer},
};
use opcentrum_store::{
    AccountKind, ChangeBody, ChangeRecord, ChangeStatus, StoreError, StoredUser,
};

fn offer(destination: &str, kind: TripKind, seats: u32, quota: Option<u32>) -> TripOffer {
    TripOffer {
        id: TripId::parse("C-1").unwrap(),
        kind,
        destination: Country::parse(destination).unwrap(),
        date: date(2026, 12, 1),
        seats,
        quota,
        cost: 1,
    }
}

#[test]
fn a_trip_offer_refused_reads_as_before() {
    let today = date(2026, 11, 2);
    assert_eq!(
        invalid(check_offer(&offer("SE", TripKind::Charter, 10, None), today).unwrap_err()),
        (
            "destination".to_owned(),
            "a trip cannot go to Sweden".to_owned(),
            "en resa kan inte gå till Sverige".to_owned()
        )
    );
    assert_eq!(
        invalid(check_offer(&offer("IQ", TripKind::Charter, 10, Some(11)), today).unwrap_err()),
        (
            "quota".to_owned(),
            "must be between 1 and the seats (10)".to_owned(),
            "måste vara mellan 1 och antalet platser (10)".to_owned()
        )
    );
    assert_eq!(
        invalid(check_offer(&offer("IQ", TripKind::Scheduled, 2, Some(1)), today).unwrap_err()),
        (
            "quota".to_owned(),
            "a scheduled flight has no quota".to_owned(),
            "ett reguljärflyg har ingen kvot".to_owned()
        )
    );
}

fn legal_officer(user: &str, agency: Agency) -> Principal {
    Principal {
        user: UserName::parse(user).unwrap(),
        agency,
        role: Role::LegalOfficer,
    }
}

fn user_change(proposed_by: &str, user: &str, agency: Agency) -> ChangeRecord {
    ChangeRecord {
        id: 7,
        body: ChangeBody::User {
            user: StoredUser {
                user_name: user.to_owned(),
                display_name: "A Person".to_owned(),
                agency,
                role: "legal_officer".to_owned(),
                password_hash: None,
                disabled: false,
                kind: AccountKind::Person,
            },
        },
        summary: String::new(),
        agency,
        proposed_by: proposed_by.to_owned(),
        proposed_at: "2026-11-02T08:00:00Z".parse().unwrap(),
        status: ChangeStatus::Pending,
        decided_by: None,
        decided_at: None,
        decision_reason: None,
    }
}

#[test]
fn a_four_eyes_refusal_reads_as_before() {
    let me = legal_officer("lo.one", Agency::Migrationsverket);
    let own = user_change("lo.one", "someone", Agency::Migrationsverket);
    assert_eq!(
        forbidden(may_not_decide(&me, &own, true).unwrap()),
        (
            "id: you proposed this change; a second legal officer must approve it (rule: two different legal officers)".to_owned(),
            "id: du föreslog ändringen; en andra jurist måste godkänna den (regel: två olika jurister)".to_owned(),
            Some("id".to_owned())
        )
    );
    let other = user_change("lo.two", "someone", Agency::Police);
    let (en, sv, _) = forbidden(may_not_decide(&me, &other, false).unwrap());
    assert_eq!(
        en,
        format!(
            "id: the account belongs to {}; only its legal officers decide (rule: own agency only)",
            Agency::Police.code()
        )
    );
    assert_eq!(
        sv,
        format!(
            "id: kontot hör till {}; bara dess jurister avgör (regel: bara den egna myndigheten)",
            Agency::Police.name_sv()
        )
    );
}

#[test]
fn a_store_error_reads_as_before() {
    let id = CaseId::parse("UT-2026-000100").unwrap();
    assert_eq!(
        AppError::from(StoreError::NotFound(id.clone())).to_string(),
        "no case UT-2026-000100"
    );
    assert_eq!(
        AppError::from(StoreError::AlreadyExists(id)).to_string(),
        "case UT-2026-000100 already exists"
    );
}
