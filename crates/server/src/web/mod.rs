//! The pages (server-rendered with maud, Swedish first; texts in i18n.rs's
//! catalogues). Every page reads through the same functions as the API
//! (`routes::cases::list_for`, `detail_for`, `append_as`, `routes::overview::inbox_for`),
//! so the sharing matrix filters and the audit trail records a page exactly as
//! an API read. Page permissions are in `permissions::page_access` (deny by default).

pub mod admin_audit;
pub mod admin_changes;
pub mod admin_diff;
pub mod admin_matrix;
pub mod admin_users;
pub mod assets;
pub mod case;
pub mod case_list;
pub mod cases;
pub mod crew;
pub mod ctx;
pub mod detention;
pub mod detention_sort;
pub mod error_page;
pub mod figures;
pub mod i18n;
pub mod inbox;
pub mod inbox_sort;
pub mod layout;
pub mod live;
pub mod login;
pub mod manifest;
pub mod picture;
pub mod reports;
pub mod simulation;
pub mod sort;
pub mod trips;
pub mod view;

use crate::state::AppState;
use axum::{
    Router,
    extract::Request,
    http::{Method, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};

/// The page routes (the guard in `app::router` covers them).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(picture::page))
        .route("/picture/body", get(picture::body))
        .route("/live", get(live::events))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/lang", get(login::switch_language))
        .route("/static/{*file}", get(assets::serve))
        .route("/cases", get(case_list::list))
        .route(
            "/cases/new",
            get(case::register::form_page).post(case::register::submit),
        )
        .route("/cases/{id}", get(cases::detail))
        .route("/cases/{id}/actions/{action}", post(case::actions::record))
        .route("/cases/{id}/handover", post(cases::hand_over))
        .route("/cases/{id}/accept", post(inbox::accept))
        .route("/cases/{id}/return", post(inbox::give_back))
        .route("/inbox", get(inbox::page))
        .route("/inbox/body", get(inbox::body))
        .route("/detention", get(detention::page))
        .route("/trips", get(trips::board))
        .route("/trips/propose", post(trips::propose))
        .route("/trips/offers", post(trips::offer))
        .route("/trips/proposals/{id}", get(trips::proposal))
        .route("/trips/proposals/{id}/approve", post(trips::approve))
        .route("/trips/proposals/{id}/reject", post(trips::reject))
        .route("/trips/proposals/{id}/adjust", post(trips::adjust))
        .route("/trips/proposals/{id}/confirm", get(trips::confirm))
        .route("/trips/{trip}/manifest", get(manifest::page))
        .route("/trips/{trip}/manifest.pdf", get(manifest::pdf))
        .route("/trips/{trip}/crew", post(crew::record))
        .route("/reports", get(reports::page))
        .route("/reports/file", get(reports::file))
        .route(
            "/simulation",
            get(simulation::form_page).post(simulation::run),
        )
        .route("/admin/matrix", get(admin_matrix::page))
        .route("/admin/matrix/try", post(admin_matrix::try_draft))
        .route("/admin/matrix/propose", post(admin_matrix::propose))
        .route("/admin/changes/{id}/approve", post(admin_changes::approve))
        .route("/admin/changes/{id}/reject", post(admin_changes::reject))
        .route("/admin/audit", get(admin_audit::page))
        .route(
            "/admin/users",
            get(admin_users::page).post(admin_users::create),
        )
        .route("/admin/users/{name}/role", post(admin_users::change_role))
        .route(
            "/admin/users/{name}/password",
            post(admin_users::reset_password),
        )
        .route("/admin/users/{name}/token", post(admin_users::issue_token))
        .route("/admin/users/{name}/revoke", post(admin_users::revoke))
}

/// A page form post carries its CSRF token in the form body, checked by the
/// page's handler (`ctx::check_csrf`) rather than by the guard.
pub fn form_csrf_pending(req: &Request) -> bool {
    let is_form = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    is_form && !req.uri().path().starts_with("/api/")
}

/// A refusal: as a page (in the reader's language, with the navigation the
/// reader may use) when a browser asked for a page, as problem+json otherwise.
pub fn error_response(
    req: &Request,
    caller: crate::auth::Caller,
    error: crate::problem::ApiError,
) -> Response {
    let path = req.uri().path();
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if path.starts_with("/api/") || !wants_html {
        return error.into_response();
    }
    let ctx = ctx::Ctx {
        tr: i18n::Tr::new(ctx::lang_of(req.headers())),
        caller: Some(caller),
        here: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into()),
    };
    ctx::PageError { ctx, error }.into_response()
}

/// A browser asking for a page without a (valid) session goes to the login page.
pub fn login_redirect(req: &Request) -> Option<Response> {
    let path = req.uri().path();
    if path.starts_with("/api/") || req.method() != Method::GET {
        return None;
    }
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|a| a.contains("text/html") || a.contains("*/*"));
    if !wants_html || path == "/live" || path.ends_with("/body") {
        return None;
    }
    let next = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let target = format!(
        "/login?next={}",
        form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
    );
    Some(Redirect::to(&target).into_response())
}
