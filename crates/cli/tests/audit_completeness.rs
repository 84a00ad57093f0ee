#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 17, "audit gaps" and "sessions outlive access", through the real
//! binary: an import leaves one record per case; `user revoke` is audited and
//! ends the user's browser session as well as their tokens, at once, on a
//! running server; `audit show` is itself a record. SQLite and PostgreSQL.

mod common;

use common::{Server, bin, client, opcentrum_ok, user_with_token};
use opcentrum_access::audit::AuditAction;
use opcentrum_store::{
    AuditQuery,
    testing::{TempDir, backends},
};
use std::io::Write;

const CSV: &str = "case_id,person_id,dossier_number,given_name,family_name,birth_date,sex,citizenship,destination,family_id,decision_kind,decided_by,decided_on,notified_on,final_on,absconding_risk\n\
UT-IMP-1,P-1,1-1,Ama,Testdottir,1990-01-01,F,IQ,IQ,,expulsion,migrationsverket,2026-10-01,2026-10-02,,false\n\
UT-IMP-2,P-2,1-2,Bo,Testson,1991-01-01,M,IQ,IQ,,expulsion,migrationsverket,2026-10-01,2026-10-02,,false\n\
UT-IMP-3,P-3,1-3,Cy,Testson,1992-01-01,M,IQ,IQ,,expulsion,migrationsverket,2026-10-01,2026-10-02,,false\n";

async fn records(url: &str, action: AuditAction) -> Vec<opcentrum_access::audit::AuditRecord> {
    let store = opcentrum_store::Store::connect(url).await.unwrap();
    let all = store
        .audit_records(&AuditQuery {
            limit: 10_000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    store.close().await;
    all.into_iter()
        .filter(|r| r.entry.action == action)
        .collect()
}

#[tokio::test]
async fn an_import_leaves_one_record_per_case_and_audit_show_is_recorded() {
    for db in backends("audit_completeness").await {
        let url = db.url.clone();
        let dir = TempDir::new().unwrap();
        let csv = dir.0.join("cases.csv");
        std::fs::write(&csv, CSV).unwrap();
        let out = opcentrum_ok(&["import", csv.to_str().unwrap(), "--database-url", &url]);
        assert!(out.contains("imported 3 cases"), "{out}");
        let imports = records(&url, AuditAction::Import).await;
        let cases: Vec<_> = imports
            .iter()
            .map(|r| r.entry.case.clone().unwrap())
            .collect();
        assert_eq!(
            cases,
            vec!["UT-IMP-1", "UT-IMP-2", "UT-IMP-3"],
            "{}",
            db.label
        );
        assert!(imports.iter().all(|r| r.entry.user.starts_with("cli:")
            && r.entry.legal_basis == vec!["1 events from cases.csv".to_owned()]
            && r.key_id == "test-1"));

        // Reading the trail is itself a record, naming what was asked.
        let shown = opcentrum_ok(&[
            "audit",
            "show",
            "--case",
            "UT-IMP-2",
            "--database-url",
            &url,
        ]);
        assert!(shown.contains("UT-IMP-2"), "{shown}");
        let reads = records(&url, AuditAction::AuditRead).await;
        assert_eq!(reads.len(), 1, "{}", db.label);
        assert_eq!(
            reads[0].entry.legal_basis,
            vec!["case UT-IMP-2".to_owned(), "1 records shown".to_owned()]
        );
        let out = opcentrum_ok(&["audit", "verify", "--database-url", &url]);
        assert!(out.starts_with("ok:"), "{out}");
        db.cleanup().await;
    }
}

#[tokio::test]
async fn user_revoke_ends_sessions_and_tokens_at_once_and_is_audited() {
    for db in backends("audit_completeness_revoke").await {
        let url = db.url.clone();
        let token = user_with_token(&url, "anna.berg", "police", "case_officer");
        let mut child = bin()
            .args(["user", "password", "anna.berg", "--database-url", &url])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"correct horse battery staple\n")
            .unwrap();
        assert!(child.wait().unwrap().success());
        // The password was set after the token: the token is void already.
        let server = Server::start(&url, &[], "warn");
        let http = client();
        let me = |auth: reqwest::RequestBuilder| async move {
            auth.send().await.unwrap().status().as_u16()
        };
        let url_me = format!("{}/api/me", server.base);
        assert_eq!(
            me(http.get(&url_me).bearer_auth(&token)).await,
            401,
            "{}",
            db.label
        );
        let token = opcentrum_ok(&["user", "token", "anna.berg", "--database-url", &url])
            .trim()
            .to_owned();
        let login = http
            .post(format!("{}/api/login", server.base))
            .json(&serde_json::json!({"user": "anna.berg", "password": "correct horse battery staple"}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status().as_u16(), 200);
        let cookie = login.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(me(http.get(&url_me).header("cookie", &cookie)).await, 200);
        assert_eq!(me(http.get(&url_me).bearer_auth(&token)).await, 200);

        let out = opcentrum_ok(&["user", "revoke", "anna.berg", "--database-url", &url]);
        assert!(
            out.contains("revoked 1 token(s) and ended 1 session(s)"),
            "{out}"
        );
        assert_eq!(
            me(http.get(&url_me).header("cookie", &cookie)).await,
            401,
            "{}",
            db.label
        );
        assert_eq!(me(http.get(&url_me).bearer_auth(&token)).await, 401);
        let revokes: Vec<_> = records(&url, AuditAction::UserChange)
            .await
            .into_iter()
            .filter(|r| r.entry.legal_basis.iter().any(|b| b.contains("revoke")))
            .collect();
        assert_eq!(revokes.len(), 1, "{}", db.label);
        assert_eq!(
            revokes[0].entry.legal_basis,
            vec!["revoke every token and session of anna.berg".to_owned()]
        );
        assert!(revokes[0].entry.user.starts_with("cli:"));
        drop(server);
        db.cleanup().await;
    }
}
