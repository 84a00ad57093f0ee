#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The binary end to end: demo → export → import → export is lossless; a file
//! with a bad row imports nothing and names the line and field.

use opcentrum_store::testing::TempDir;
use std::process::Command;

fn opcentrum(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_opcentrum"))
        .args(args)
        .env("RUST_LOG", "error")
        .output()
        .expect("run opcentrum")
}

#[test]
fn export_import_round_trip_is_lossless() {
    let dir = TempDir::new().unwrap();
    let a = dir.0.join("a.sqlite").display().to_string();
    let b = dir.0.join("b.sqlite").display().to_string();
    let out1 = dir.0.join("one.jsonl").display().to_string();
    let out2 = dir.0.join("two.jsonl").display().to_string();
    let r = opcentrum(&[
        "demo",
        "--cases",
        "400",
        "--seed",
        "3",
        "--database-url",
        &a,
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(
        opcentrum(&["export", "--database-url", &a, "--out", &out1])
            .status
            .success()
    );
    // The target needs the facilities the histories refer to.
    let r = opcentrum(&["demo", "--cases", "1", "--seed", "9", "--database-url", &b]);
    assert!(r.status.success());
    let only_new = dir.0.join("only.jsonl");
    let text = std::fs::read_to_string(&out1).unwrap();
    assert_eq!(text.lines().count(), 400);
    std::fs::write(
        &only_new,
        text.lines()
            .filter(|l| !l.contains("\"UT-2026-000001\""))
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    let r = opcentrum(&["import", only_new.to_str().unwrap(), "--database-url", &b]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(
        opcentrum(&["export", "--database-url", &b, "--out", &out2])
            .status
            .success()
    );
    let original: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("\"UT-2026-000001\""))
        .collect();
    let back = std::fs::read_to_string(&out2).unwrap();
    let back: Vec<&str> = back
        .lines()
        .filter(|l| !l.contains("\"UT-2026-000001\""))
        .collect();
    assert_eq!(original, back);
    assert!(
        opcentrum(&["verify", "--database-url", &b])
            .status
            .success()
    );
}

#[test]
fn a_bad_row_imports_nothing_and_is_named() {
    let dir = TempDir::new().unwrap();
    let db = dir.0.join("c.sqlite").display().to_string();
    let csv = dir.0.join("cases.csv");
    std::fs::write(
        &csv,
        "case_id,person_id,dossier_number,given_name,family_name,birth_date,sex,citizenship,destination,family_id,decision_kind,decided_by,decided_on,notified_on,final_on,absconding_risk\n\
         UT-X-1,P-1,1-1,Ama,Testdottir,1990-01-01,F,IQ,IQ,,expulsion,migrationsverket,2026-10-01,2026-10-02,,false\n\
         UT-X-2,P-2,1-2,Bo,Testson,1991-01-01,Q,IQ,IQ,,expulsion,migrationsverket,2026-10-01,2026-10-02,,false\n",
    )
    .unwrap();
    let r = opcentrum(&["import", csv.to_str().unwrap(), "--database-url", &db]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("line 3: sex: unknown value \"Q\""), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    let out = dir.0.join("e.jsonl");
    assert!(
        opcentrum(&[
            "export",
            "--database-url",
            &db,
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
    // Without the bad row it imports.
    let good: String = std::fs::read_to_string(&csv)
        .unwrap()
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&csv, good).unwrap();
    let r = opcentrum(&["import", csv.to_str().unwrap(), "--database-url", &db]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("imported 1 cases"));
}

fn entry(i: u64) -> opcentrum_access::audit::AuditEntry {
    opcentrum_access::audit::AuditEntry {
        at: jiff::Timestamp::from_second(1_800_000_000 + i as i64).unwrap(),
        request_id: format!("r{i}"),
        user: "polis.gransen1".into(),
        agency: "police".into(),
        role: "case_officer".into(),
        action: opcentrum_access::audit::AuditAction::Read,
        case: Some(format!("UT-{i}")),
        categories: vec![opcentrum_access::FieldCategory::Identity],
        legal_basis: vec!["OSL (2009:400) 10 kap. 28 §".into()],
        purpose: "test".into(),
    }
}

/// A store with five audit records; returns its URL.
async fn trail(dir: &TempDir, name: &str) -> (String, opcentrum_store::Store) {
    let url = dir.0.join(name).display().to_string();
    let store = opcentrum_store::Store::connect(&url).await.unwrap();
    store.audit((1..=5).map(entry).collect()).await.unwrap();
    (url, store)
}

#[tokio::test]
async fn audit_verify_names_the_tampered_record() {
    let dir = TempDir::new().unwrap();
    let (url, _) = trail(&dir, "ok.sqlite").await;
    let r = opcentrum(&["audit", "verify", "--database-url", &url]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stdout));
    assert!(String::from_utf8_lossy(&r.stdout).contains("ok: 5 audit records"));

    for (name, sql, expect) in [
        (
            "edit.sqlite",
            "UPDATE audit_log SET user_name = 'someone.else' WHERE seq = 3",
            "record 3: Altered",
        ),
        (
            "delete.sqlite",
            "DELETE FROM audit_log WHERE seq = 2",
            "record 2: Removed",
        ),
        (
            "swap.sqlite",
            "UPDATE audit_log SET seq = -3 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -3",
            "record 3: Reordered",
        ),
        (
            "tail.sqlite",
            "DELETE FROM audit_log WHERE seq = 5",
            "newest records were removed",
        ),
    ] {
        let (url, store) = trail(&dir, name).await;
        assert!(store.execute_raw_for_tests(sql).await.unwrap() > 0, "{sql}");
        store.close().await;
        let r = opcentrum(&["audit", "verify", "--database-url", &url]);
        let out = String::from_utf8_lossy(&r.stdout);
        assert_eq!(r.status.code(), Some(1), "{name}: {out}");
        assert!(out.contains(expect), "{name}: {out}");
    }
}
