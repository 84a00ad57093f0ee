//! Every request passes here: the route's permission (deny by default), who
//! is asking (`auth`), the permission for the caller's agency and role, and —
//! with a session — the CSRF token on every state-changing request. A refused
//! browser gets a page (`web::error_response`), an API client problem+json.

use crate::{
    auth::{CSRF_HEADER, Caller, Via, authenticate},
    permissions::{RouteAccess, route_access},
    problem::ApiError,
    state::AppState,
};
use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};
use opcentrum_access::session::same_secret;

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Every request passes here: public routes go on; every other route needs a
/// permission from the table (deny by default), credentials, the permission
/// for the caller's agency and role, and — with a session — the CSRF token.
pub async fn guard(
    State(state): State<AppState>,
    matched: Option<MatchedPath>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = matched.as_ref().map(|m| m.as_str().to_owned());
    let access = route_access(req.method(), path.as_deref());
    let permission = match access {
        RouteAccess::Public => return next.run(req).await,
        RouteAccess::Unknown => {
            // Unknown routes are 404; known paths without a permission row are refused.
            if path.is_none() {
                return next.run(req).await;
            }
            return ApiError::forbidden(
                "this route has no permission in the route table (deny by default)",
            )
            .into_response();
        }
        RouteAccess::Requires(p) => p,
    };
    let (principal, via) = match authenticate(&state, req.headers()).await {
        Ok(x) => x,
        Err(e) => {
            return crate::web::login_redirect(&req).unwrap_or_else(|| e.into_response());
        }
    };
    if !opcentrum_access::allowed(principal.agency, principal.role, permission) {
        // Named by the catalogue's row, in both languages.
        let row = opcentrum_access::catalogue::permission_row(permission);
        let mut error = ApiError::forbidden(format!(
            "{} ({}) may not {permission:?}: the action catalogue's row `{row}` does not grant it",
            principal.role.code(),
            principal.agency.code(),
        ));
        error.problem.detail_sv = Some(format!(
            "{} ({}) får inte detta: handlingskatalogens rad `{row}` ger det inte",
            principal.role.name_sv().to_lowercase(),
            principal.agency.name_sv()
        ));
        error.problem.rule = Some(format!("action:{row}"));
        let caller = Caller {
            principal,
            via,
            request_id: String::new(),
            purpose: None,
        };
        return crate::web::error_response(&req, caller, error);
    }
    if let Via::Session { csrf, .. } = &via
        && !is_safe(req.method())
        && !csrf_ok(req.headers(), csrf)
        && !crate::web::form_csrf_pending(&req)
    {
        return ApiError::forbidden(
            "CSRF token missing or wrong: send the session's token in the X-CSRF-Token header",
        )
        .into_response();
    }
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(100)
        .collect();
    let purpose = req
        .headers()
        .get("x-opcentrum-purpose")
        .and_then(|v| v.to_str().ok())
        .map(|p| p.chars().take(200).collect());
    req.extensions_mut().insert(Caller {
        principal,
        via,
        request_id,
        purpose,
    });
    next.run(req).await
}

fn csrf_ok(headers: &HeaderMap, expected: &str) -> bool {
    headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|got| same_secret(got, expected))
}
