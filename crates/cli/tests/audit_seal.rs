#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 17, "the audit chain has no key": through the real binary, a store
//! rewritten with recomputed hashes, a head rolled back past a checkpoint and
//! a rewrite of the whole trail are each caught by `audit verify`, on SQLite
//! and PostgreSQL; `serve --demo` generates its key and says where.

mod common;

use common::{AUDIT_KEY, bin};
use opcentrum_access::audit::{AuditAction, AuditEntry, GENESIS, hash};
use opcentrum_store::{
    Store,
    testing::{TempDir, backends},
};

fn entry(i: u64) -> AuditEntry {
    AuditEntry {
        at: jiff::Timestamp::from_second(1_800_000_000 + i as i64).unwrap(),
        request_id: format!("r{i}"),
        user: "polis.gransen1".into(),
        agency: "police".into(),
        role: "case_officer".into(),
        action: AuditAction::Read,
        case: Some(format!("UT-{i}")),
        categories: vec![opcentrum_access::FieldCategory::Identity],
        legal_basis: vec!["OSL (2009:400) 10 kap. 28 §".into()],
        purpose: "test".into(),
    }
}

fn run(args: &[&str]) -> (i32, String) {
    let out = bin().args(args).env("RUST_LOG", "error").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

async fn sealed_store(url: &str, n: u64) -> Store {
    let key = common::keyring().active().cloned();
    let store = Store::connect(url).await.unwrap().with_audit_key(key);
    store.audit((1..=n).map(entry).collect()).await.unwrap();
    store
}

/// What an attacker with write access to the database (but not the key file)
/// can do: change a record and recompute every hash after it, and the head.
async fn rewrite_with_recomputed_hashes(store: &Store, seq: u64) {
    let mut trail = store.audit_trail().await.unwrap();
    let i = (seq - 1) as usize;
    trail[i].entry.user = "someone.else".into();
    let mut prev = if i == 0 {
        GENESIS.to_owned()
    } else {
        trail[i - 1].hash.clone()
    };
    for r in &mut trail[i..] {
        r.prev_hash = prev.clone();
        r.hash = hash(&prev, r.seq, &r.entry);
        prev = r.hash.clone();
        let user = if r.seq == seq {
            ", user_name = 'someone.else'"
        } else {
            ""
        };
        store
            .execute_raw_for_tests(&format!(
                "UPDATE audit_log SET prev_hash = '{}', hash = '{}'{user} WHERE seq = {}",
                r.prev_hash, r.hash, r.seq
            ))
            .await
            .unwrap();
    }
    store
        .execute_raw_for_tests(&format!(
            "UPDATE audit_head SET hash = '{prev}' WHERE id = 1"
        ))
        .await
        .unwrap();
    // The unkeyed chain alone is fooled.
    let rewritten = store.audit_trail().await.unwrap();
    assert!(opcentrum_access::audit::verify(&rewritten).is_ok());
}

#[tokio::test]
async fn verify_catches_recomputed_hashes_and_a_rolled_back_head() {
    for db in backends("audit_seal").await {
        let url = db.url.clone();
        let dir = TempDir::new().unwrap();
        let store = sealed_store(&url, 6).await;
        let cps = dir.0.join("checkpoints.jsonl");
        let cps_s = cps.to_str().unwrap();
        let (code, out) = run(&[
            "audit",
            "checkpoint",
            "--out",
            cps_s,
            "--database-url",
            &url,
        ]);
        assert_eq!(code, 0, "{out}");
        let (code, out) = run(&[
            "audit",
            "verify",
            "--checkpoints",
            cps_s,
            "--database-url",
            &url,
        ]);
        assert_eq!(code, 0, "{}: {out}", db.label);
        assert!(out.contains("ok: 6 audit records"), "{out}");
        assert!(
            out.contains("every record is sealed (6 under key test-1)"),
            "{out}"
        );
        assert!(
            out.contains("1 checkpoint(s) agree (newest at record 6)"),
            "{out}"
        );

        // A head rolled back past the checkpoint: records 5 and 6 deleted and
        // the head set to record 4. The chain alone still verifies...
        let r4 = store.audit_trail().await.unwrap()[3].hash.clone();
        store
            .execute_raw_for_tests("DELETE FROM audit_log WHERE seq > 4")
            .await
            .unwrap();
        store
            .execute_raw_for_tests(&format!(
                "UPDATE audit_head SET seq = 4, hash = '{r4}' WHERE id = 1"
            ))
            .await
            .unwrap();
        let (code, out) = run(&["audit", "verify", "--database-url", &url]);
        assert_eq!(
            code, 0,
            "without checkpoints a rollback is invisible: {out}"
        );
        // ...the checkpoint does not.
        let (code, out) = run(&[
            "audit",
            "verify",
            "--checkpoints",
            cps_s,
            "--database-url",
            &url,
        ]);
        assert_eq!(code, 1, "{}: {out}", db.label);
        assert!(out.contains("record 6: RolledBack"), "{out}");

        // A rewrite with recomputed hashes: the seal no longer matches.
        rewrite_with_recomputed_hashes(&store, 2).await;
        let (code, out) = run(&["audit", "verify", "--database-url", &url]);
        assert_eq!(code, 1, "{}: {out}", db.label);
        assert!(out.contains("record 2: Forged"), "{out}");
        // Without the key, sealed records cannot be vouched for at all.
        let out = bin()
            .args(["audit", "verify", "--database-url", &url])
            .env_remove("OPCENTRUM_AUDIT_KEY")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stdout).contains("no audit key was given"));
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_whole_trail_rewritten_without_seals_is_caught_by_its_checkpoint() {
    let dir = TempDir::new().unwrap();
    let url = dir.0.join("a.sqlite").display().to_string();
    let store = sealed_store(&url, 3).await;
    let cps = dir.0.join("cp.jsonl");
    let cps_s = cps.to_str().unwrap();
    assert_eq!(
        run(&[
            "audit",
            "checkpoint",
            "--out",
            cps_s,
            "--database-url",
            &url
        ])
        .0,
        0
    );
    // Every record replaced by unsealed ones with a valid chain.
    store
        .execute_raw_for_tests("DELETE FROM audit_log")
        .await
        .unwrap();
    store
        .execute_raw_for_tests(&format!(
            "UPDATE audit_head SET seq = 0, hash = '{GENESIS}' WHERE id = 1"
        ))
        .await
        .unwrap();
    let bare = Store::connect(&url).await.unwrap();
    bare.audit((10..=12).map(entry).collect()).await.unwrap();
    let (code, out) = run(&["audit", "verify", "--database-url", &url]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: none of the 3 records is sealed"),
        "{out}"
    );
    let (code, out) = run(&[
        "audit",
        "verify",
        "--checkpoints",
        cps_s,
        "--database-url",
        &url,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("record 3: Diverged"), "{out}");
    // A forged checkpoint line is refused too.
    let text = std::fs::read_to_string(&cps)
        .unwrap()
        .replace("\"seq\":3", "\"seq\":2");
    std::fs::write(&cps, text).unwrap();
    let (code, out) = run(&[
        "audit",
        "verify",
        "--checkpoints",
        cps_s,
        "--database-url",
        &url,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CheckpointForged"), "{out}");
}

#[test]
fn keys_rotate_and_old_records_still_verify() {
    let dir = TempDir::new().unwrap();
    let url = dir.0.join("r.sqlite").display().to_string();
    let keys = dir.0.join("audit.keys");
    let keys_s = keys.to_str().unwrap();
    let with_file = |args: &[&str]| {
        let out = bin()
            .args(args)
            .env_remove("OPCENTRUM_AUDIT_KEY")
            .env("OPCENTRUM_AUDIT_KEY_FILE", keys_s)
            .env("RUST_LOG", "error")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = with_file(&["audit", "keygen", "--out", keys_s, "--id", "k2026"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, _) = with_file(&[
        "user",
        "add",
        "anna.berg",
        "--agency",
        "police",
        "--role",
        "auditor",
        "--database-url",
        &url,
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        with_file(&["audit", "keygen", "--out", keys_s, "--id", "k2027"]).0,
        Some(0)
    );
    let (code, _) = with_file(&[
        "user",
        "add",
        "bo.ek",
        "--agency",
        "police",
        "--role",
        "auditor",
        "--database-url",
        &url,
    ]);
    assert_eq!(code, Some(0));
    let (code, out) = with_file(&["audit", "verify", "--database-url", &url]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("1 under key k2026, 1 under key k2027"),
        "{out}"
    );
    assert_eq!(
        with_file(&["audit", "keygen", "--out", keys_s, "--id", "k2027"]).0,
        Some(1),
        "an id is used once"
    );
    // Dropping the old key from the keyring: its records no longer verify.
    let text = std::fs::read_to_string(&keys).unwrap();
    let only_new: String = text
        .lines()
        .filter(|l| !l.starts_with("k2026"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&keys, only_new).unwrap();
    let (code, out) = with_file(&["audit", "verify", "--database-url", &url]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("UnknownKey"), "{out}");
    let _ = AUDIT_KEY;
}

#[test]
fn serve_needs_a_key_and_the_demo_makes_one() {
    let dir = TempDir::new().unwrap();
    let url = dir.0.join("s.sqlite").display().to_string();
    let out = bin()
        .args(["serve", "--database-url", &url, "--bind", "127.0.0.1:0"])
        .env_remove("OPCENTRUM_AUDIT_KEY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no audit key"), "{err}");
    assert!(err.contains("docs/deployment.md"), "{err}");

    // The demo generates a key next to its store and says so.
    let demo = dir.0.join("demo.sqlite").display().to_string();
    let mut child = bin()
        .args([
            "serve",
            "--demo",
            "--demo-cases",
            "20",
            "--database-url",
            &demo,
            "--bind",
            "127.0.0.1:0",
            "--audit-checkpoint-interval",
            "1",
        ])
        .env_remove("OPCENTRUM_AUDIT_KEY")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::BufRead;
    let mut log = String::new();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        log.push_str(&line);
        log.push('\n');
        if line.contains("on http://") {
            break;
        }
    }
    let key_file = format!("{demo}.audit-key");
    assert!(
        log.contains(&format!("generated the audit key {key_file}")),
        "{log}"
    );
    assert!(log.contains("checkpoints go to"), "{log}");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    let cps = format!("{demo}.checkpoints");
    let out = bin()
        .args([
            "audit",
            "verify",
            "--database-url",
            &demo,
            "--audit-key-file",
            &key_file,
            "--checkpoints",
            &cps,
        ])
        .env_remove("OPCENTRUM_AUDIT_KEY")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("under key demo-1"), "{text}");
    assert!(text.contains("checkpoint(s) agree"), "{text}");
}
