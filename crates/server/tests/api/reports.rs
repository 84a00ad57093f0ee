//! The report and simulation pages through a real server: who may use them,
//! the report for a period with its downloads (audited), the simulation run
//! from the page, and bad input refused with the field named.

use crate::{helpers::TestApp, secrecy::rich_case};
use opcentrum_access::{Role, audit::AuditAction};
use opcentrum_domain::Agency;
use reqwest::StatusCode;

pub const LEAD: (Agency, Role) = (Agency::Police, Role::OperationsLead);

async fn page(app: &TestApp, who: (Agency, Role), path: &str) -> (StatusCode, String, String) {
    let resp = app
        .get_as(who.0, who.1, path)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (resp.status(), ct, resp.text().await.unwrap())
}

pub fn form(
    app: &TestApp,
    who: (Agency, Role),
    path: &str,
    pairs: &[(&str, &str)],
) -> reqwest::RequestBuilder {
    app.client
        .post(format!("{}{path}", app.base))
        .bearer_auth(crate::helpers::token(who.0, who.1))
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(pairs).unwrap())
}

#[tokio::test]
async fn the_report_page_makes_the_report_for_a_period_and_its_files_are_audited() {
    let app = TestApp::sqlite().await;
    rich_case(&app).await;
    // The test clock's day (helpers::NOW) and the 30 days before it.
    let today: jiff::civil::Date = "2026-12-08".parse().unwrap();
    let from: jiff::civil::Date = "2026-11-08".parse().unwrap();

    // Without a period: the form, with the served report style sheet.
    let (s, ct, html) = page(&app, LEAD, "/reports").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    assert!(html.contains("Rapport till regeringen") && html.contains("/static/report.css"));
    assert!(
        !html.contains("opc-report"),
        "no report before a period is chosen"
    );

    // With a period: the report itself, no inline style (the CSP forbids it).
    let (s, _, html) = page(&app, LEAD, &format!("/reports?from={from}&to={today}")).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(html.contains("class=\"opc-report\""), "{html}");
    assert!(html.contains("<svg"), "the report has its plots");
    assert!(!html.contains("<style"), "no inline style in a page");
    assert!(html.contains(&format!(
        "/reports/file?from={from}&amp;to={today}&amp;format=csv"
    )));
    let css = app
        .client
        .get(format!("{}/static/report.css", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.text().await.unwrap().contains(".opc-report"));

    // The files: CSV and JSON as attachments, each read audited as an export.
    let before = app.store.audit_trail().await.unwrap().len();
    let resp = app
        .get_as(
            LEAD.0,
            LEAD.1,
            &format!("/reports/file?from={from}&to={today}&format=json&public=on"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("-public.json")
    );
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["disclosure"], "public");
    assert_eq!(body["period"]["from"], from.to_string());
    let trail = app.store.audit_trail().await.unwrap();
    assert_eq!(trail.len(), before + 1);
    let last = trail.last().unwrap();
    assert_eq!(last.entry.action, AuditAction::Export);
    assert_eq!(last.entry.user, crate::helpers::user_name(LEAD.0, LEAD.1));
    assert_eq!(last.entry.purpose, "government report");
    let csv = app
        .get_as(
            LEAD.0,
            LEAD.1,
            &format!("/reports/file?from={from}&to={today}&format=csv"),
        )
        .send()
        .await
        .unwrap();
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );

    // Bad input names the field, as a page, 4xx.
    let (s, ct, html) = page(&app, LEAD, &format!("/reports?from=31-12-2025&to={today}")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        ct.starts_with("text/html") && html.contains("<code>from</code>"),
        "{html}"
    );
    let (s, _, html) = page(&app, LEAD, &format!("/reports?from={today}&to={from}")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("<code>to</code>"), "{html}");
    let resp = app
        .get_as(
            LEAD.0,
            LEAD.1,
            &format!("/reports/file?from={from}&to={today}&format=xls"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A case officer may not: a 403 page in the reader's language, not JSON.
    let (s, ct, html) = page(&app, (Agency::Police, Role::CaseOfficer), "/reports").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(html.contains("(403)") && html.contains("nav"), "{html}");
    // An API client asking for JSON still gets problem+json.
    let resp = app
        .get_as(Agency::Police, Role::CaseOfficer, "/reports")
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("problem+json")
    );
    app.cleanup().await;
}

/// The shipped siloed scenario shortened to a few simulated months.
pub fn short_scenario() -> String {
    let text = opcentrum_server::web::simulation::SHIPPED[0].1;
    text.lines()
        .map(|l| {
            if l.starts_with("warmup_days") {
                "warmup_days = 30".to_owned()
            } else if l.starts_with("days ") || l.starts_with("days=") {
                "days = 60".to_owned()
            } else if l.starts_with("name ") {
                "name = \"short\"".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_simulation_page_runs_a_scenario_and_shows_the_table_and_plots() {
    let app = TestApp::sqlite().await;
    let (s, _, html) = page(&app, LEAD, "/simulation").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("sweden-siloed") && html.contains("sweden-integrated"));

    let scenario = short_scenario();
    let run = [
        ("_csrf", ""),
        ("scenario", "custom"),
        ("scenario_text", &scenario),
        ("compare", ""),
        ("runs", "2"),
        ("seed", "3"),
    ];
    let resp = form(&app, LEAD, "/simulation", &run).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    // In the reader's language (Swedish by default), not embedded as English.
    assert!(html.contains("class=\"opc-sim\""), "{html}");
    assert!(!html.contains("class=\"opc-sim\" lang="), "{html}");
    assert!(html.contains("Simulering av hela kedjan: short"));
    assert!(
        html.contains("2 replikeringar, grundfrö 3, scenariofil <code>inklistrat scenario</code>"),
        "{html}"
    );
    assert!(html.matches("<svg").count() >= 8, "the plots");
    assert!(!html.contains("<style"));
    // An English reader reads it in English.
    let resp = form(&app, LEAD, "/simulation", &run)
        .header("cookie", "opc_lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Whole-chain simulation: short"), "{html}");
    assert!(
        html.contains("2 replications, base seed 3, scenario file <code>pasted scenario</code>"),
        "{html}"
    );

    // Bad input: the field named and the reason in Swedish, nothing run.
    for (pairs, field, sv) in [
        (
            vec![("runs", "1"), ("scenario", "sweden-siloed")],
            "runs",
            "mellan 2 och",
        ),
        (
            vec![("runs", "2"), ("scenario", "atlantis")],
            "scenario",
            "inget medföljande scenario",
        ),
        (
            vec![
                ("runs", "2"),
                ("scenario", "custom"),
                ("scenario_text", "days = \"many\""),
            ],
            "scenario_text",
            "scenariot kunde inte läsas",
        ),
        (
            vec![("runs", "2"), ("scenario", "custom")],
            "scenario_text",
            "klistra in ett scenario",
        ),
        (
            vec![
                ("runs", "2"),
                ("scenario", "sweden-siloed"),
                ("compare", "mars"),
            ],
            "compare",
            "inget medföljande scenario",
        ),
    ] {
        let mut all = vec![("_csrf", "")];
        all.extend(pairs);
        let resp = form(&app, LEAD, "/simulation", &all).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let html = resp.text().await.unwrap();
        assert!(
            html.contains(&format!("<code>{field}</code>")),
            "{field}: {html}"
        );
        assert!(html.contains(sv), "{field}: {sv}: {html}");
        for english in ["must be between", "paste a scenario", "no shipped scenario"] {
            assert!(!html.contains(english), "{field}: {english}: {html}");
        }
    }
    let (s, _, _) = page(
        &app,
        (Agency::Migrationsverket, Role::CaseOfficer),
        "/simulation",
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    app.cleanup().await;
}
