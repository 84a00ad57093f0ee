//! The pages (server-rendered, Swedish first). See i18n.rs for the texts.

pub mod i18n;

use crate::permissions::RouteAccess;
use axum::extract::Request;

/// The permission of each page route.
pub fn route_access(_method: &str, _path: &str) -> RouteAccess {
    RouteAccess::Unknown
}

/// A page form post carries its CSRF token in the form body, checked by the
/// page's `CsrfForm` extractor rather than by the guard.
pub fn form_csrf_pending(req: &Request) -> bool {
    let is_form = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    is_form && !req.uri().path().starts_with("/api/")
}
