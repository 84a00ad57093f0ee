#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 14: children and their guardians. UtlL (2005:716) 10 kap. 3 § (a child
//! is not separated from both guardians by detention; an unaccompanied child
//! is detained only for exceptional reasons) and the Return Directive
//! 2008/115/EC art. 10.2 (UtlL 12 kap. 3 a §: an unaccompanied child is
//! removed only to a family member, a nominated guardian or adequate
//! reception). Each event goes through `decide` and `evolve`; the family's
//! part through `children::check_children` over the members' states.

use jiff::{Timestamp, civil::date};
use opcentrum_domain::{
    Agency, Case, EventKind, Refusal, RuleId, RuleTable,
    children::{Receiver, check_children},
    decision::DecisionKind,
    detention::DetentionBasis,
    fixtures::{Driver, registered},
    ids::{CaseId, FacilityId, FamilyId},
    readiness::{Unmet, readiness, ready_window},
};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}
fn id(s: &str) -> CaseId {
    CaseId::parse(s).unwrap()
}

/// A case of a person born on `birth`, final and confirmed, in family `F-1`
/// under the case id `case`.
fn member(case: &str, birth: jiff::civil::Date) -> Driver {
    let mut d = Driver::new(
        registered(DecisionKind::Expulsion, date(2026, 10, 30), birth),
        ts("2026-11-02T09:00:00+01:00"),
    )
    .unwrap();
    d.case.id = id(case);
    d.case.family = Some(FamilyId::parse("F-1").unwrap());
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    d
}

fn child() -> Driver {
    member("UT-CHILD-1", date(2015, 3, 3))
}
fn parent(case: &str) -> Driver {
    member(case, date(1985, 1, 1))
}

fn guardians(d: &mut Driver, guardians: &[&str], unaccompanied: bool) {
    d.apply(
        Agency::Migrationsverket,
        EventKind::GuardiansRecorded {
            guardians: guardians.iter().map(|g| id(g)).collect(),
            unaccompanied,
            guardian_without_case: false,
        },
    )
    .unwrap();
}

fn detain(d: &mut Driver, facility: &str, reasons: Option<&str>) -> Result<(), RuleId> {
    d.set_now("2026-12-01T10:00:00+01:00");
    let started_at = d.now;
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: FacilityId::parse(facility).unwrap(),
            basis: DetentionBasis::Enforcement,
            started_at,
            exceptional_reasons: reasons.map(str::to_owned),
        },
    )
    .map_err(|e| e.rule)
}

fn check(members: &[&Case], started: &[&str]) -> Result<(), RuleId> {
    let started: Vec<CaseId> = started.iter().map(|s| id(s)).collect();
    check_children(members, &started, &[], &RuleTable::default()).map_err(|e| e.rule)
}

#[test]
fn a_child_without_recorded_guardians_is_not_detained_utll_10_3() {
    let mut c = child();
    assert_eq!(
        detain(&mut c, "F-UNIT", None),
        Err(RuleId::ChildNotSeparated)
    );
}

#[test]
fn an_unaccompanied_child_is_detained_only_for_stated_exceptional_reasons_utll_10_3() {
    let mut c = child();
    guardians(&mut c, &[], true);
    let err = c
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-UNIT").unwrap(),
                basis: DetentionBasis::Enforcement,
                started_at: c.now,
                exceptional_reasons: Some("   ".into()),
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.rule, err.field, err.refusal),
        (
            RuleId::ChildNotSeparated,
            Some("exceptional_reasons"),
            Refusal::Invalid
        )
    );
    assert!(
        err.reason_sv.contains("synnerliga skäl"),
        "{}",
        err.reason_sv
    );
    assert!(err.statute.contains("10 kap. 3 §"), "{}", err.statute);
    detain(
        &mut c,
        "F-UNIT",
        Some("synthetic: no other measure secures the return"),
    )
    .unwrap();
    // The family check has nothing to say of an unaccompanied child.
    check(&[&c.case], &["UT-CHILD-1"]).unwrap();
}

#[test]
fn an_adult_needs_no_guardian_record_and_records_none() {
    let mut p = parent("UT-PARENT-1");
    detain(&mut p, "F-UNIT", None).unwrap();
    let mut q = parent("UT-PARENT-2");
    let err = q
        .apply(
            Agency::Migrationsverket,
            EventKind::GuardiansRecorded {
                guardians: vec![],
                unaccompanied: true,
                guardian_without_case: false,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::ChildNotSeparated);
}

#[test]
fn the_guardian_record_is_refused_where_it_cannot_be_true() {
    let mut c = child();
    let mut refused = |guardians: Vec<CaseId>, unaccompanied| {
        c.apply(
            Agency::Migrationsverket,
            EventKind::GuardiansRecorded {
                guardians,
                unaccompanied,
                guardian_without_case: false,
            },
        )
        .unwrap_err()
        .field
    };
    // Unaccompanied with a guardian in Sweden; itself; the same one twice; three.
    assert_eq!(refused(vec![id("UT-PARENT-1")], true), Some("guardians"));
    assert_eq!(refused(vec![id("UT-CHILD-1")], false), Some("guardians"));
    assert_eq!(
        refused(vec![id("UT-PARENT-1"), id("UT-PARENT-1")], false),
        Some("guardians")
    );
    assert_eq!(
        refused(
            vec![id("UT-PARENT-1"), id("UT-PARENT-2"), id("UT-PARENT-3")],
            false
        ),
        Some("guardians")
    );
    // A guardian outside the family: not among the members after the write.
    let mut c = child();
    guardians(&mut c, &["UT-STRANGER-1"], false);
    let p = parent("UT-PARENT-1");
    let recorded = [id("UT-CHILD-1")];
    let err =
        check_children(&[&c.case, &p.case], &[], &recorded, &RuleTable::default()).unwrap_err();
    assert_eq!(err.rule, RuleId::ChildNotSeparated);
}

#[test]
fn a_child_whose_guardians_have_no_case_here_cannot_be_held_with_one_utll_10_3() {
    let mut c = child();
    guardians(&mut c, &[], false);
    assert_eq!(
        detain(&mut c, "F-UNIT", None),
        Err(RuleId::ChildNotSeparated)
    );
}

/// UtlL 10 kap. 3 §, case 1: the child detained alone, or in another unit
/// than its guardian, is separated from both guardians; with the guardian in
/// the same unit it is not.
#[test]
fn a_child_is_detained_only_with_a_guardian_in_the_same_unit_utll_10_3() {
    let mut c = child();
    guardians(&mut c, &["UT-PARENT-1"], false);
    let mut p = parent("UT-PARENT-1");
    detain(&mut c, "F-UNIT", None).unwrap(); // the case alone allows it …
    assert_eq!(
        check(&[&c.case, &p.case], &["UT-CHILD-1"]),
        Err(RuleId::ChildNotSeparated)
    ); // … the family does not: no guardian is held with the child.
    detain(&mut p, "F-UNIT", None).unwrap();
    check(&[&c.case, &p.case], &["UT-CHILD-1"]).unwrap();
    // Both detained in one write pass too.
    check(&[&c.case, &p.case], &["UT-CHILD-1", "UT-PARENT-1"]).unwrap();
    // A guardian in another unit is not held with the child.
    let mut elsewhere = parent("UT-PARENT-1");
    elsewhere.facilities.push((
        FacilityId::parse("F-OTHER").unwrap(),
        elsewhere.facilities[0].1,
    ));
    detain(&mut elsewhere, "F-OTHER", None).unwrap();
    assert_eq!(
        check(&[&c.case, &elsewhere.case], &["UT-CHILD-1"]),
        Err(RuleId::ChildNotSeparated)
    );
}

/// UtlL 10 kap. 3 §, case 3: detaining the last guardian free in Sweden while
/// the child stays free separates them; with the other guardian free it does not.
#[test]
fn the_last_free_guardian_is_not_detained_while_the_child_stays_free_utll_10_3() {
    let mut c = child();
    guardians(&mut c, &["UT-PARENT-1", "UT-PARENT-2"], false);
    let mut a = parent("UT-PARENT-1");
    let mut b = parent("UT-PARENT-2");
    detain(&mut a, "F-UNIT", None).unwrap();
    // The other guardian is free: the child stays with them.
    check(&[&c.case, &a.case, &b.case], &["UT-PARENT-1"]).unwrap();
    detain(&mut b, "F-UNIT", None).unwrap();
    assert_eq!(
        check(&[&c.case, &a.case, &b.case], &["UT-PARENT-2"]),
        Err(RuleId::ChildNotSeparated)
    );
    // Detained with the child in one write: not separated.
    detain(&mut c, "F-UNIT", None).unwrap();
    check(&[&c.case, &a.case, &b.case], &["UT-PARENT-2", "UT-CHILD-1"]).unwrap();
}

/// Return Directive art. 10.2 (UtlL 12 kap. 3 a §): an unaccompanied child is
/// not ready for a trip, and not planned, until reception is arranged; from
/// the 18th birthday the rule no longer applies.
#[test]
fn an_unaccompanied_child_is_planned_only_once_reception_is_arranged_art_10_2() {
    let mut c = member("UT-CHILD-1", date(2010, 2, 1));
    guardians(&mut c, &[], true);
    let rules = RuleTable::default();
    let day = date(2027, 1, 15);
    let unmet = readiness(&c.case, day, &rules).unmet;
    assert!(unmet.contains(&Unmet::NoReceptionArranged), "{unmet:?}");
    let u = unmet
        .iter()
        .find(|u| **u == Unmet::NoReceptionArranged)
        .unwrap();
    assert_eq!(u.rule(), Some(RuleId::ChildReception));
    assert!(u.text_sv().contains("ensamkommande"));
    // Turns 18 on 2028-02-01: the condition ends there, and the window agrees.
    assert!(
        !readiness(&c.case, date(2028, 2, 1), &rules)
            .unmet
            .contains(&Unmet::NoReceptionArranged)
    );
    if let Some(w) = ready_window(&c.case, &rules) {
        assert!(w.from >= date(2028, 2, 1), "{w:?}");
    }
    let err = c
        .apply(
            Agency::Migrationsverket,
            EventKind::ReceptionArranged {
                receiver: Receiver::ReceptionFacility,
                description: " ".into(),
                confirmed_on: date(2026, 11, 23),
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.rule, err.field),
        (RuleId::ChildReception, Some("description"))
    );
    c.apply(
        Agency::Migrationsverket,
        EventKind::ReceptionArranged {
            receiver: Receiver::FamilyMember,
            description: "synthetic: the child's aunt, confirmed by the embassy".into(),
            confirmed_on: date(2026, 11, 23),
        },
    )
    .unwrap();
    assert!(
        !readiness(&c.case, day, &rules)
            .unmet
            .contains(&Unmet::NoReceptionArranged)
    );
}

/// An accompanied child needs no reception record: it travels with its family.
#[test]
fn an_accompanied_child_needs_no_reception_record() {
    let mut c = child();
    guardians(&mut c, &["UT-PARENT-1"], false);
    assert!(
        !readiness(&c.case, date(2027, 1, 15), &RuleTable::default())
            .unmet
            .contains(&Unmet::NoReceptionArranged)
    );
}

/// UtlL 10 kap. 3 §, case 3, with the other guardian in Sweden without a case
/// here (a parent with a residence permit, `guardian_without_case`): the child
/// stays with that parent, so the guardian with a case may be detained; not
/// recorded, the only guardian with a case may not.
#[test]
fn a_guardian_may_be_detained_while_the_child_stays_with_a_guardian_without_a_case_utll_10_3() {
    let record = |without_case: bool| {
        let mut c = child();
        c.apply(
            Agency::Migrationsverket,
            EventKind::GuardiansRecorded {
                guardians: vec![id("UT-PARENT-1")],
                unaccompanied: false,
                guardian_without_case: without_case,
            },
        )
        .unwrap();
        c
    };
    let mut a = parent("UT-PARENT-1");
    detain(&mut a, "F-UNIT", None).unwrap();
    let alone = record(false);
    assert_eq!(
        check(&[&alone.case, &a.case], &["UT-PARENT-1"]),
        Err(RuleId::ChildNotSeparated)
    );
    let with_other = record(true);
    check(&[&with_other.case, &a.case], &["UT-PARENT-1"]).unwrap();
    // The child is still not detained without a guardian held with it.
    let mut kid = record(true);
    detain(&mut kid, "F-UNIT", None).unwrap();
    let free_parent = parent("UT-PARENT-1");
    assert_eq!(
        check(&[&kid.case, &free_parent.case], &["UT-CHILD-1"]),
        Err(RuleId::ChildNotSeparated)
    );
}

/// A guardian without a case is refused where it cannot be true: for an
/// unaccompanied child (no guardian in Sweden), or as a third guardian.
#[test]
fn a_guardian_without_a_case_is_refused_where_it_cannot_be_true() {
    let refused = |guardians: Vec<CaseId>, unaccompanied: bool| {
        let mut c = child();
        c.apply(
            Agency::Migrationsverket,
            EventKind::GuardiansRecorded {
                guardians,
                unaccompanied,
                guardian_without_case: true,
            },
        )
        .unwrap_err()
        .field
    };
    assert_eq!(refused(vec![], true), Some("guardian_without_case"));
    assert_eq!(
        refused(vec![id("UT-PARENT-1"), id("UT-PARENT-2")], false),
        Some("guardian_without_case")
    );
}
