//! Helpers for tests that run the built `opcentrum` binary: start `serve` on a
//! free port, read its log, kill it, make users and tokens, write events.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex, mpsc},
    time::Duration,
};

/// The audit keyring every command of these tests seals with (inline form of
/// `OPCENTRUM_AUDIT_KEY`): a server refuses to start without one.
pub const AUDIT_KEY: &str =
    "test-1:0101010101010101010101010101010101010101010101010101010101010101";

pub fn keyring() -> opcentrum_access::seal::Keyring {
    opcentrum_access::seal::Keyring::parse_inline(AUDIT_KEY).unwrap()
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_opcentrum"));
    c.env("OPCENTRUM_AUDIT_KEY", AUDIT_KEY)
        .env_remove("OPCENTRUM_AUDIT_KEY_FILE");
    c
}

/// Runs the binary to completion; panics with its stderr when it fails.
pub fn opcentrum_ok(args: &[&str]) -> String {
    let out = bin()
        .args(args)
        .env("RUST_LOG", "error")
        .output()
        .expect("run opcentrum");
    assert!(
        out.status.success(),
        "opcentrum {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A running `opcentrum serve`.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// Everything it wrote to stderr (its log) so far.
    pub log: Arc<Mutex<String>>,
    /// Its standard output (the demo users table, with --demo).
    pub stdout: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `serve` on 127.0.0.1:0 with extra arguments and waits until it listens.
    pub fn start(db_url: &str, extra: &[&str], rust_log: &str) -> Server {
        let mut child = bin()
            .arg("serve")
            .args(["--database-url", db_url, "--bind", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", rust_log)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stdout = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<String>();
        let err = child.stderr.take().unwrap();
        let log2 = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(i) = line.find("on http://") {
                    let rest = &line[i + 3..];
                    let url = rest.split('/').take(3).collect::<Vec<_>>().join("/");
                    let _ = tx.send(url);
                }
                let mut l = log2.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let out = child.stdout.take().unwrap();
        let stdout2 = stdout.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let mut l = stdout2.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let base = match rx.recv_timeout(Duration::from_secs(180)) {
            Ok(b) => b,
            Err(_) => {
                let _ = child.kill();
                panic!("serve did not start: {}", log.lock().unwrap());
            }
        };
        Server {
            child,
            base,
            log,
            stdout,
        }
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Give the reader threads a moment to drain the pipes.
        std::thread::sleep(Duration::from_millis(50));
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Adds a user and returns a fresh API token for it.
pub fn user_with_token(db_url: &str, name: &str, agency: &str, role: &str) -> String {
    opcentrum_ok(&[
        "user",
        "add",
        name,
        "--agency",
        agency,
        "--role",
        role,
        "--database-url",
        db_url,
    ]);
    opcentrum_ok(&["user", "token", name, "--database-url", db_url])
        .trim()
        .to_owned()
}

/// A synthetic registration (never a real person).
pub fn registration(id: &str) -> serde_json::Value {
    serde_json::json!({
        "case_id": id,
        "person": {
            "id": format!("P-{id}"), "given_name": "Testa", "family_name": "Testsson",
            "birth_date": "1990-01-01", "sex": "F", "citizenship": "IQ", "dossier_number": "9-000001"
        },
        "decision": {
            "kind": "refusal_of_entry", "decided_by": "migrationsverket",
            "decided_on": "2026-01-10", "notified_on": "2026-01-10", "final_on": null
        },
        "destination": "IQ",
        "family": null
    })
}

/// An event any agency may record on an open case, with a reason that names the write.
pub fn fitness(version: u64, reason: &str) -> serde_json::Value {
    serde_json::json!({
        "expected_version": version,
        "event": {"type": "fitness_assessed", "fit": true, "on": "2025-06-01"},
        "reason": reason
    })
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

/// GETs `url` with a bearer token and returns the JSON body (panics on a
/// transport error or a body that is not JSON).
pub async fn get_json(http: &reqwest::Client, url: String, token: &str) -> serde_json::Value {
    http.get(url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// What the store holds, checked the way a crash or a race could break it.
pub struct Whole {
    /// Every event reason in the log.
    pub reasons: std::collections::BTreeSet<String>,
    pub events: u64,
}

/// Checks a store is whole: the projections equal the replay of the log, the
/// log is gapless, the audit chain verifies up to its head, and every event has
/// exactly the one write record sealed in its transaction (no half-write;
/// bulk-loaded histories have none).
pub async fn check_whole(store: &opcentrum_store::Store) -> Whole {
    check_whole_after(store, 0).await
}

/// [`check_whole`] on a store bulk-loaded up to event `bulk_head` (demo, import)
/// and written through the service after it: every later event has its one
/// write record. One reason may stand on many events here (an approved trip
/// plan writes its one reason on every planned case).
pub async fn check_whole_after(store: &opcentrum_store::Store, bulk_head: u64) -> Whole {
    use opcentrum_store::AuditQuery;
    let report = store.verify_projections().await.unwrap();
    assert!(
        report.problems.is_empty(),
        "projections disagree with the log: {:?}",
        report.problems
    );
    let events = store.count_events().await.unwrap();
    assert_eq!(store.head_seq().await.unwrap(), events, "the log has a gap");
    let trail = store.audit_trail().await.unwrap();
    let summary =
        opcentrum_access::audit::verify_sealed(&trail, &keyring()).expect("audit chain verifies");
    assert_eq!(
        (summary.records, summary.head_hash),
        store.audit_head().await.unwrap(),
        "the chain ends where its head says"
    );
    let mut reasons = std::collections::BTreeSet::new();
    let mut cases = Vec::new();
    store
        .export_histories(|h| {
            cases.push(h);
            Ok(())
        })
        .await
        .unwrap();
    for h in &cases {
        let id = h[0].case.to_string();
        for e in h {
            if let Some(r) = &e.reason {
                let fresh = reasons.insert(r.clone());
                assert!(fresh || bulk_head > 0, "reason {r} appears twice");
            }
        }
        let writes = store
            .audit_records(&AuditQuery {
                case: Some(id.clone()),
                user: None,
                after: None,
                limit: 10_000,
            })
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.entry.action == opcentrum_access::audit::AuditAction::Write)
            .count();
        // Bulk-loaded histories (demo, import) carry no per-event write record.
        if writes == 0 || writes == h.len() {
            continue;
        }
        let case = opcentrum_domain::ids::CaseId::parse(id.clone()).unwrap();
        let written = store
            .history(&case)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.seq > bulk_head)
            .count();
        assert!(
            bulk_head > 0 && writes == written,
            "case {id}: {} events ({written} after the bulk load) but {writes} write records",
            h.len()
        );
    }
    Whole { reasons, events }
}
