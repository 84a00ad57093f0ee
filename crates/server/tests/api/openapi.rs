use crate::helpers::{TestApp, json};
use opcentrum_server::permissions::{RouteAccess, route_access};

#[tokio::test]
async fn the_openapi_document_lists_every_route_and_each_has_a_permission() {
    let app = TestApp::sqlite().await;
    let (s, doc) = json(
        app.client
            .get(format!("{}/api/openapi.json", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut paths: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |m| format!("{} {p}", m.to_uppercase()))
        })
        .collect();
    paths.sort();
    let expected = [
        "GET /api/actions",
        "GET /api/admin/changes",
        "GET /api/agencies/{agency}/inbox",
        "GET /api/audit",
        "GET /api/cases",
        "GET /api/cases/{id}",
        "GET /api/export",
        "GET /api/facilities",
        "GET /api/health",
        "GET /api/matrix",
        "GET /api/matrix/history",
        "GET /api/me",
        "GET /api/pending",
        "GET /api/rules",
        "GET /api/stats/stages",
        "GET /api/trips/offers",
        "GET /api/trips/proposals",
        "GET /api/trips/proposals/{id}",
        "GET /api/trips/proposals/{id}/preview",
        "GET /api/trips/roster",
        "GET /api/trips/{id}/manifest",
        "GET /api/users",
        "POST /api/admin/changes/{id}/approve",
        "POST /api/admin/changes/{id}/reject",
        "POST /api/cases",
        "POST /api/cases/{id}/events",
        "POST /api/login",
        "POST /api/logout",
        "POST /api/matrix/diff",
        "POST /api/pending/{id}/approve",
        "POST /api/pending/{id}/reject",
        "POST /api/trips/offers",
        "POST /api/trips/proposals",
        "POST /api/trips/proposals/{id}/approve",
        "POST /api/trips/proposals/{id}/reject",
        "POST /api/trips/replan",
        "POST /api/trips/roster",
        "POST /api/users",
        "POST /api/users/{name}/tokens",
        "PUT /api/matrix",
        "PUT /api/trips/{id}/crew",
    ];
    assert_eq!(paths, expected);
    // Deny by default: every documented route is in the route table.
    for p in &paths {
        let (m, path) = p.split_once(' ').unwrap();
        let access = route_access(&m.parse().unwrap(), Some(path));
        assert_ne!(access, RouteAccess::Unknown, "{p} has no permission");
    }
    // Every documented GET without path parameters answers for a permitted reader.
    for p in [
        "/api/cases",
        "/api/facilities",
        "/api/health",
        "/api/rules",
        "/api/stats/stages",
        "/api/me",
    ] {
        let s = app
            .get(opcentrum_domain::Agency::Police, p)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(s, 200, "{p}");
    }
    assert!(doc["components"]["schemas"]["EventKind"].is_object());
    app.cleanup().await;
}

/// Deny by default means any operation that needs a caller can answer 401 and
/// 403 (schemathesis found a 403 undocumented once a fuzzed user change had
/// altered its own caller's role): every such operation documents both.
#[tokio::test]
async fn every_operation_that_needs_a_caller_documents_401_and_403() {
    let app = TestApp::sqlite().await;
    let (_, doc) = json(
        app.client
            .get(format!("{}/api/openapi.json", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mut secured = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let needs_caller = op["security"].as_array().is_some_and(|s| !s.is_empty());
            if needs_caller {
                secured += 1;
                for code in ["401", "403"] {
                    assert!(
                        op["responses"].get(code).is_some(),
                        "{method} {path} does not document {code}"
                    );
                }
            }
        }
    }
    assert!(
        secured > 20,
        "the secured operations were found ({secured})"
    );
    app.cleanup().await;
}

/// What a standard validator asks of the document (`openapi-spec-validator`
/// refused it once: a response without a description), and what a generated
/// client needs: no two schemas resolving to one name for different shapes —
/// `CreateCase.decision` is the case's decision, never the proposal's.
#[tokio::test]
async fn every_response_has_a_description_and_create_case_names_its_own_decision() {
    let app = TestApp::sqlite().await;
    let (_, doc) = json(
        app.client
            .get(format!("{}/api/openapi.json", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mut responses = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for (code, r) in op["responses"].as_object().unwrap() {
                responses += 1;
                let d = r["description"].as_str().unwrap_or("");
                assert!(
                    !d.trim().is_empty(),
                    "{method} {path} {code}: no description"
                );
            }
        }
    }
    assert!(responses > 100, "{responses} responses");
    let decision = &doc["components"]["schemas"]["CreateCase"]["properties"]["decision"];
    let target = decision["$ref"].as_str().unwrap_or_default();
    let name = target.rsplit('/').next().unwrap_or_default();
    let schema = &doc["components"]["schemas"][name];
    let props = schema["properties"]
        .as_object()
        .expect("the decision's properties");
    for field in ["kind", "decided_by", "decided_on"] {
        assert!(props.contains_key(field), "{name} lacks {field}: {schema}");
    }
    assert!(
        !props.contains_key("proposal"),
        "{name} is the proposal's decision"
    );
    app.cleanup().await;
}
