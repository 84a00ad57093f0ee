#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Backup and restore: `opcentrum backup` copies a SQLite store online while a
//! server writes to it; `opcentrum restore` puts it back only after checking it
//! replays to the same state and its audit chain verifies; a tampered backup is
//! refused and restores nothing. PostgreSQL is refused with the pg_dump advice.

mod common;

use common::{
    Server, bin, check_whole, client, fitness, opcentrum_ok, registration, user_with_token,
};
use opcentrum_store::{StateDigest, Store, testing::TempDir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_restores_to_the_same_state() {
    let dir = TempDir::new().unwrap();
    let live = dir.0.join("live.sqlite").display().to_string();
    opcentrum_ok(&[
        "demo",
        "--cases",
        "300",
        "--seed",
        "4",
        "--database-url",
        &live,
    ]);
    let token = user_with_token(&live, "backup.writer", "migrationsverket", "case_officer");
    let server = Server::start(&live, &[], "warn");
    let http = client();
    let r = http
        .post(format!("{}/api/cases", server.base))
        .bearer_auth(&token)
        .json(&registration("UT-BACKUP-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // Writes continue while the backup runs.
    let writer = {
        let (base, token, http) = (server.base.clone(), token.clone(), http.clone());
        tokio::spawn(async move {
            for (version, i) in (1..).zip(0..60) {
                let r = http
                    .post(format!("{base}/api/cases/UT-BACKUP-1/events"))
                    .bearer_auth(&token)
                    .json(&fitness(version, &format!("during-backup-{i}")))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let file = dir.0.join("backup.sqlite");
    let file_s = file.display().to_string();
    let out = opcentrum_ok(&["backup", "--database-url", &live, &file_s]);
    assert!(out.contains("audit chain intact"), "{out}");
    writer.await.unwrap();
    drop(server);
    let manifest: StateDigest = serde_json::from_str(
        &std::fs::read_to_string(dir.0.join("backup.sqlite.manifest.json")).unwrap(),
    )
    .unwrap();
    assert!(
        manifest.cases >= 301 && manifest.audit_records > 0,
        "{manifest:?}"
    );

    // A second backup to the same file is refused (never overwrites).
    let again = bin()
        .args(["backup", "--database-url", &live, &file_s])
        .output()
        .unwrap();
    assert!(!again.status.success());

    let restored = dir.0.join("restored.sqlite").display().to_string();
    let out = opcentrum_ok(&["restore", "--database-url", &restored, &file_s]);
    assert!(out.contains("equal to the backup's manifest"), "{out}");
    let store = Store::connect(&restored).await.unwrap();
    check_whole(&store).await;
    assert_eq!(store.state_digest().await.unwrap(), manifest);
    store.close().await;

    // Restoring over an existing store needs --force.
    let refused = bin()
        .args(["restore", "--database-url", &restored, &file_s])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
}

#[tokio::test]
async fn a_tampered_backup_restores_nothing() {
    let dir = TempDir::new().unwrap();
    let live = dir.0.join("live.sqlite").display().to_string();
    opcentrum_ok(&[
        "demo",
        "--cases",
        "50",
        "--seed",
        "2",
        "--database-url",
        &live,
    ]);
    let file = dir.0.join("b.sqlite").display().to_string();
    opcentrum_ok(&["backup", "--database-url", &live, &file]);
    // Someone edits an event in the backup: the log no longer gives the stored state.
    let b = Store::connect(&file).await.unwrap();
    let changed = b
        .execute_raw_for_tests(
            "UPDATE events SET payload = REPLACE(payload, '\"sex\":\"F\"', '\"sex\":\"M\"') WHERE version = 1",
        )
        .await
        .unwrap();
    assert!(changed > 0);
    b.close().await;
    let target = dir.0.join("t.sqlite");
    let out = bin()
        .args([
            "restore",
            "--database-url",
            &target.display().to_string(),
            &file,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing was restored"), "{err}");
    assert!(!target.exists());
}

#[tokio::test]
async fn postgresql_backup_is_refused_with_the_pg_dump_advice() {
    let Ok(Some(db)) = opcentrum_store::testing::TestDb::postgres().await else {
        eprintln!(
            "postgresql_backup_is_refused_with_the_pg_dump_advice: PostgreSQL skipped (DATABASE_URL not set)"
        );
        return;
    };
    let dir = TempDir::new().unwrap();
    let out = bin()
        .args([
            "backup",
            "--database-url",
            &db.url,
            &dir.0.join("x").display().to_string(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
    db.cleanup().await;
}
