//! The input policy (`access::input`) applied to every request of every route
//! before its handler runs: each path segment and query parameter, each field
//! of a JSON body (its path named) and of a form. A bad text is a 422 naming
//! the field; nothing reaches a handler or the store (PostgreSQL cannot store
//! a NUL, SQLite would have kept it).

use crate::{json::MAX_BODY, problem::ApiError, state::AppState};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use opcentrum_access::input::{TextKind, check_json, check_param, check_text, is_name_field};

/// Percent-decodes a text; `None` when the bytes are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex_val(bytes[i + 1]), hex_val(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

fn content_type(req: &Request) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn invalid(e: opcentrum_access::input::InputError) -> Response {
    ApiError::field(e.field, e.reason).into_response()
}

/// Checks the path and query, then (JSON or form) the body.
pub async fn input_policy(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let today = state.clock.today();
    for segment in req.uri().path().split('/').filter(|s| !s.is_empty()) {
        let Some(decoded) = percent_decode(segment) else {
            return ApiError::bad_request("path", "not UTF-8 after percent-decoding")
                .into_response();
        };
        if let Err(e) = check_param("path", &decoded, today) {
            return invalid(e);
        }
    }
    if let Some(q) = req.uri().query() {
        for (k, v) in form_urlencoded::parse(q.as_bytes()) {
            if let Err(e) =
                check_text(&k, &k, TextKind::Name).and_then(|()| check_param(&k, &v, today))
            {
                return invalid(e);
            }
        }
    }
    let ct = content_type(&req);
    let is_json = ct.starts_with("application/json") || ct.starts_with("application/problem+json");
    let is_form = ct.starts_with("application/x-www-form-urlencoded");
    if !is_json && !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "Body too large",
                format!("body: at most {MAX_BODY} bytes"),
            )
            .into_response();
        }
    };
    if is_json {
        // A body that is not JSON is the handler's to name (400, with the path).
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Err(e) = check_json(&value, today)
        {
            return invalid(e);
        }
    } else {
        for (k, v) in form_urlencoded::parse(&bytes) {
            let kind = if is_name_field(&k) {
                TextKind::Name
            } else {
                TextKind::Free
            };
            if let Err(e) =
                check_text(&k, &k, TextKind::Name).and_then(|()| check_text(&k, &v, kind))
            {
                return invalid(e);
            }
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b%2Fc").as_deref(), Some("a b/c"));
        assert_eq!(percent_decode("%0").as_deref(), Some("%0"));
        assert_eq!(percent_decode("%zz").as_deref(), Some("%zz"));
        assert_eq!(percent_decode("%ff"), None);
    }
}
