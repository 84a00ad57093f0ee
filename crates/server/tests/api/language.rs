//! Swedish pages speak Swedish: every page a role may open, read in Swedish
//! (the default), shows no English sentence words and no raw codes
//! (`impediment_lodged`, `child_detention`) — in its text or in the
//! attributes a reader sees or hears (title, aria-label, placeholder, alt).
//! The e2e suite checks the same on the demo population in a real browser.

use crate::{
    helpers::{TestApp, token},
    secrecy::rich_case,
};
use opcentrum_access::Role;
use opcentrum_domain::Agency;
use reqwest::StatusCode;

/// Words that are English and not Swedish: one on a Swedish page is an
/// untranslated text.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "with",
    "not",
    "from",
    "has",
    "have",
    "this",
    "which",
    "must",
    "may",
    "cannot",
    "case",
    "cases",
    "trip",
    "trips",
    "days",
    "detention",
    "handover",
    "none",
    "yes",
    "no",
    "unknown",
    "withheld",
    "pending",
    "approved",
    "rejected",
    "error",
    "failed",
];

/// The visible text of a page: text outside tags (no script or style) and
/// the attributes a reader sees or hears.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        for attr in ["title=\"", "aria-label=\"", "placeholder=\"", "alt=\""] {
            if let Some(i) = tag.find(attr) {
                let v = &tag[i + attr.len()..];
                out.push_str(&v[..v.find('"').unwrap_or(v.len())]);
                out.push(' ');
            }
        }
        rest = &rest[end..];
        for skip in ["script", "style"] {
            if tag.starts_with(&format!("<{skip}")) {
                let close = format!("</{skip}>");
                rest = rest.find(&close).map_or("", |i| &rest[i + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// English words and raw codes in a Swedish page's visible text.
pub fn not_swedish(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let lower = word.to_lowercase();
        let code = word.contains('_')
            && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && !word.starts_with('_')
            && !word.ends_with('_');
        if code || ENGLISH.contains(&lower.as_str()) {
            found.push(word.to_owned());
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_checker_finds_english_and_codes_and_passes_swedish() {
    assert_eq!(
        not_swedish(&visible_text(
            "<p title=\"the case\">Ärendet</p><script>var the_x = 1;</script><td>impediment_lodged</td>"
        )),
        vec!["case", "impediment_lodged", "the"]
    );
    assert!(
        not_swedish(&visible_text(
            "<h1>Ärende UT-2026-000001</h1><p>Förvar, 3 dygn kvar</p><style>.a_b{}</style>"
        ))
        .is_empty()
    );
}

#[tokio::test]
async fn every_page_in_swedish_shows_no_english_and_no_raw_codes() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    let pages = [
        "/".to_owned(),
        "/picture/body?days=30".into(),
        "/cases".into(),
        format!("/cases/{id}"),
        "/inbox".into(),
        "/detention".into(),
        "/trips".into(),
        "/reports".into(),
        "/simulation".into(),
    ];
    let mut bad = Vec::new();
    let mut read = 0;
    for agency in Agency::ALL {
        for role in Role::ALL {
            for path in &pages {
                let resp = app
                    .client
                    .get(format!("{}{path}", app.base))
                    .bearer_auth(token(agency, role))
                    .send()
                    .await
                    .unwrap();
                if resp.status() != StatusCode::OK {
                    continue;
                }
                read += 1;
                let html = resp.text().await.unwrap();
                // A field whose label is missing from the catalogue.
                if html.contains("<dt></dt>") {
                    bad.push(format!(
                        "{} {} {path}: a term without a name (a `field.*` key missing)",
                        agency.code(),
                        role.code()
                    ));
                }
                // A country shown by its code, not its name (the case's
                // destination and citizenship are IQ: Irak).
                if html.contains(">IQ<") {
                    bad.push(format!(
                        "{} {} {path}: a country code (IQ) instead of its name",
                        agency.code(),
                        role.code()
                    ));
                }
                // The test users' own names (`police.case_officer`) are data.
                let text = visible_text(&html);
                let mut text = text.replace(&format!("{}.{}", agency.code(), role.code()), " ");
                for a in Agency::ALL {
                    for r in Role::ALL {
                        text = text.replace(&format!("{}.{}", a.code(), r.code()), " ");
                    }
                }
                let words = not_swedish(&text);
                if !words.is_empty() {
                    bad.push(format!(
                        "{} {} {path}: {words:?}",
                        agency.code(),
                        role.code()
                    ));
                }
            }
        }
    }
    assert!(read > 30, "only {read} pages were readable");
    assert!(
        bad.is_empty(),
        "English on Swedish pages:\n{}",
        bad.join("\n")
    );
    app.cleanup().await;
}

/// The simulation's result, run from the page in Swedish (the default), is
/// Swedish too: its table, sentences, metric names and plots.
#[tokio::test]
async fn the_simulation_result_in_swedish_shows_no_english_and_no_raw_codes() {
    use crate::reports::{LEAD, form, short_scenario};
    let app = TestApp::sqlite().await;
    let scenario = short_scenario();
    let resp = form(
        &app,
        LEAD,
        "/simulation",
        &[
            ("_csrf", ""),
            ("scenario", "custom"),
            ("scenario_text", &scenario),
            ("compare", "sweden-integrated"),
            ("runs", "2"),
            ("seed", "1"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(html.contains("class=\"opc-sim\""), "{html}");
    // The result, not the form above it (whose text area holds the pasted
    // scenario: data, in whatever language its author wrote).
    let result = &html[html.find("<section class=\"result\"").expect("the result")..];
    let words = not_swedish(&visible_text(result));
    assert!(
        words.is_empty(),
        "English on the Swedish simulation result: {words:?}"
    );
    app.cleanup().await;
}

/// What is missing reads Swedish on a Swedish page and in the API's
/// `detail_sv`: a case, a trip not in the plan, a proposal (404s from the
/// catalogue's area `gate`, not the English of the API's `detail`).
#[tokio::test]
async fn a_missing_case_trip_or_proposal_reads_swedish() {
    let app = TestApp::sqlite().await;
    let pages = [
        ("/cases/UT-2099-999999", "inget ärende UT-2099-999999"),
        (
            "/trips/C-9999/manifest",
            "resa C-9999 finns inte i den gällande planen",
        ),
    ];
    for (path, swedish) in pages {
        let resp = app
            .client
            .get(format!("{}{path}", app.base))
            .bearer_auth(token(Agency::Nte, Role::TripPlanner))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        let html = resp.text().await.unwrap();
        // The test user's own name (`nte.trip_planner`) is data.
        let text = visible_text(&html).replace("nte.trip_planner", " ");
        assert!(text.contains(swedish), "{path}: {text}");
        let words = not_swedish(&text);
        assert!(words.is_empty(), "{path}: English {words:?} in {text}");
    }
    let resp = app
        .client
        .get(format!("{}/api/trips/proposals/P-NONE", app.base))
        .bearer_auth(token(Agency::Nte, Role::TripPlanner))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["detail"], "no proposal P-NONE");
    assert_eq!(body["detail_sv"], "inget reseförslag P-NONE");
    app.cleanup().await;
}
