#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Retention (gallring): `opcentrum retention run --older-than DAYS` pseudonymises
//! closed cases; the statistics (stage counts, every lead-time milestone) are
//! the same before and after, the projections still equal the replay, the audit
//! chain verifies and records each pseudonymisation, the old names and dossier
//! numbers are gone from the whole log, open cases are untouched. Both backends.

mod common;

use common::{bin, opcentrum_ok};
use opcentrum_domain::{Case, EventKind};
use opcentrum_store::{
    AuditQuery, PSEUDONYM_GIVEN_NAME, REDACTED, RETENTION_PURPOSE, Store, testing::backends,
};
use std::collections::BTreeMap;

async fn cases(store: &Store) -> BTreeMap<String, Case> {
    let mut out = BTreeMap::new();
    store
        .export_histories(|h| {
            let c = Case::replay(&h).unwrap();
            out.insert(c.id.to_string(), c);
            Ok(())
        })
        .await
        .unwrap();
    out
}

async fn raw_log(store: &Store) -> String {
    let mut text = String::new();
    store
        .export_histories(|h| {
            text.push_str(&serde_json::to_string(&h).unwrap());
            Ok(())
        })
        .await
        .unwrap();
    text
}

#[tokio::test]
async fn closed_cases_are_pseudonymised_keeping_statistics_and_the_chain() {
    for db in backends("closed_cases_are_pseudonymised_keeping_statistics_and_the_chain").await {
        let url = db.url.clone();
        opcentrum_ok(&[
            "demo",
            "--cases",
            "400",
            "--seed",
            "11",
            "--database-url",
            &url,
        ]);
        let store = db.store().await.unwrap();
        let before = cases(&store).await;
        let counts_before = store.stage_counts().await.unwrap();
        let closed: Vec<&Case> = before.values().filter(|c| c.stage.is_closed()).collect();
        assert!(
            closed.len() >= 20,
            "the demo has closed cases: {}",
            closed.len()
        );
        let audit_before = store.audit_head().await.unwrap().0;

        // Nothing closed a century ago: nothing changes.
        let out = opcentrum_ok(&[
            "retention",
            "run",
            "--older-than",
            "36500",
            "--database-url",
            &url,
        ]);
        assert!(out.contains("0 case(s)"), "{out}");

        let out = opcentrum_ok(&[
            "retention",
            "run",
            "--older-than",
            "0",
            "--database-url",
            &url,
        ]);
        assert!(out.contains(&format!("{} case(s)", closed.len())), "{out}");

        let after = cases(&store).await;
        // Statistics: the same stage counts, the same milestones (lead times).
        assert_eq!(store.stage_counts().await.unwrap(), counts_before);
        for (id, b) in &before {
            let a = &after[id];
            assert_eq!(
                (
                    a.stage,
                    &a.milestones,
                    a.version,
                    &a.destination,
                    a.responsible
                ),
                (
                    b.stage,
                    &b.milestones,
                    b.version,
                    &b.destination,
                    b.responsible
                ),
                "{id}"
            );
            if b.stage.is_closed() {
                assert_eq!(a.person.given_name, PSEUDONYM_GIVEN_NAME);
                assert_eq!(a.person.family_name, b.person.id.to_string());
                assert_eq!(a.person.dossier_number, REDACTED);
                assert_eq!(a.person.id, b.person.id);
                assert_eq!(a.person.birth_date.year(), b.person.birth_date.year());
                assert!(store.is_pseudonymised(id).await.unwrap());
            } else {
                assert_eq!(a, b, "an open case is untouched");
            }
        }
        // The identity of every pseudonymised person is gone from the log.
        let log = raw_log(&store).await;
        for c in &closed {
            let still_open_namesake = before.values().any(|o| {
                !o.stage.is_closed()
                    && (o.person.family_name == c.person.family_name
                        || o.person.dossier_number == c.person.dossier_number)
            });
            if !still_open_namesake {
                assert!(
                    !log.contains(&format!("\"{}\"", c.person.dossier_number)),
                    "{} still in the log",
                    c.id
                );
                assert!(
                    !log.contains(&format!("\"family_name\":\"{}\"", c.person.family_name)),
                    "{} still in the log",
                    c.id
                );
            }
        }
        for e in store
            .history(&closed[0].id)
            .await
            .unwrap()
            .iter()
            .filter_map(|e| e.event.reason.as_ref())
        {
            assert_eq!(e, REDACTED);
        }
        if let EventKind::Registered { person, .. } =
            &store.history(&closed[0].id).await.unwrap()[0].event.kind
        {
            assert_eq!(person.given_name, PSEUDONYM_GIVEN_NAME);
        }
        // The projections still equal the replay; the chain verifies and records each case.
        let report = store.verify_projections().await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let verify = bin()
            .args(["audit", "verify", "--database-url", &url])
            .output()
            .unwrap();
        assert!(
            verify.status.success(),
            "{}",
            String::from_utf8_lossy(&verify.stdout)
        );
        let records = store
            .audit_records(&AuditQuery {
                after: Some(audit_before),
                limit: 10_000,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(records.len(), closed.len());
        assert!(records.iter().all(|r| r.entry.purpose == RETENTION_PURPOSE));

        // A second run finds nothing left to do.
        let out = opcentrum_ok(&[
            "retention",
            "run",
            "--older-than",
            "0",
            "--database-url",
            &url,
        ]);
        assert!(out.contains("0 case(s)"), "{out}");
        store.close().await;
        db.cleanup().await;
    }
}
