#![allow(clippy::unwrap_used, clippy::expect_used)]
use jiff::Timestamp;
use opcentrum_domain::{Agency, RuleTable, fixtures::actor};
use opcentrum_exchange::{CSV_HEADER, FacilityKinds, parse_csv, parse_jsonl, to_jsonl_line};

fn now() -> Timestamp {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn csv(rows: &[&str]) -> String {
    let mut s = CSV_HEADER.join(",");
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s
}

const GOOD: &str = "UT-1,P-1,1-0001,Ama,Testdottir,1990-01-01,F,IQ,IQ,,expulsion,migrationsverket,2026-10-01,2026-10-02,,false";

#[test]
fn good_csv_rows_become_registered_histories() {
    let text = csv(&[
        GOOD,
        "UT-2,P-2,1-0002,Bo,Testson,1985-02-03,M,AF,AF,F-1,refusal_of_entry,police,2026-10-01,2026-10-01,2026-10-22,true",
    ]);
    let out = parse_csv(
        &text,
        &actor(Agency::Migrationsverket),
        now(),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[1][0].kind.name(), "registered");
    let line = to_jsonl_line(&out[1]).unwrap();
    let back = parse_jsonl(&line, &FacilityKinds::new(), &RuleTable::default()).unwrap();
    assert_eq!(back, vec![out[1].clone()]);
}

#[test]
fn every_bad_row_is_reported_with_line_and_field() {
    let text = csv(&[
        GOOD,
        "UT-2,P-2,1-0002,Bo,Testson,1985-13-03,X,IQ,SE,,expulsion,migrationsverket,2026-10-01,,,false",
        "UT-1,P-3,1-0003,Ci,Testson,1985-01-03,M,IQ,IQ,,deportation,migrationsverket,2026-10-01,,,false",
        "UT-4,P-4,1-0004,Di,Testson,1985-01-03,M,IQ,IQ,,expulsion,migrationsverket,2027-10-01,,,false",
    ]);
    let errs = parse_csv(
        &text,
        &actor(Agency::Migrationsverket),
        now(),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap_err();
    let got: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (3, "birth_date"),
            (3, "sex"),
            (4, "decision_kind"),
            (4, "case_id"),
            (5, "decided_on")
        ]
    );
    let sweden = csv(&[
        "UT-9,P-9,1-0009,Ek,Testson,1985-01-03,M,IQ,SE,,expulsion,migrationsverket,2026-10-01,,,false",
    ]);
    let errs = parse_csv(
        &sweden,
        &actor(Agency::Migrationsverket),
        now(),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap_err();
    assert_eq!((errs[0].line, errs[0].field.as_str()), (2, "destination"));
}

#[test]
fn wrong_header_is_refused() {
    let errs = parse_csv(
        "a,b\n1,2",
        &actor(Agency::Migrationsverket),
        now(),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap_err();
    assert_eq!(errs[0].field, "header");
}

#[test]
fn jsonl_errors_name_the_path() {
    let ok = parse_csv(
        &csv(&[GOOD]),
        &actor(Agency::Migrationsverket),
        now(),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap();
    let line = to_jsonl_line(&ok[0]).unwrap();
    let broken = line.replace("\"1990-01-01\"", "\"1990-02-30\"");
    let errs = parse_jsonl(
        &format!("{line}\n{broken}\nnot json\n{line}"),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap_err();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert_eq!(errs[0].line, 2);
    assert_eq!(errs[0].field, "events[0].kind");
    assert!(errs[0].reason.contains("1990-02"), "{}", errs[0].reason);
    assert_eq!((errs[1].line, errs[1].field.as_str()), (3, "line"));
    assert_eq!((errs[2].line, errs[2].field.as_str()), (4, "case"));
}

#[test]
fn an_illegal_history_is_refused_with_the_rule() {
    let ok = parse_csv(
        &csv(&[GOOD]),
        &actor(Agency::Migrationsverket),
        now(),
        &FacilityKinds::new(),
        &RuleTable::default(),
    )
    .unwrap();
    let mut events = ok[0].clone();
    let mut transport = events[0].clone();
    transport.version = 2;
    transport.kind = serde_json::from_str(
        r#"{"type":"handover_proposed","handover":"H1","to":{"agency":"nte","escorted":true}}"#,
    )
    .unwrap();
    events.push(transport);
    let line = to_jsonl_line(&events).unwrap();
    let errs = parse_jsonl(&line, &FacilityKinds::new(), &RuleTable::default()).unwrap_err();
    assert_eq!(errs[0].field, "events[1].kind.type");
    assert!(
        errs[0].reason.contains("decision not final"),
        "{}",
        errs[0].reason
    );
}
