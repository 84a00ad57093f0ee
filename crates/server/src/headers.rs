//! Security headers on every response: a strict Content-Security-Policy (no
//! inline script or style, no framing, no foreign origins), no MIME sniffing,
//! no referrer, no framing (legacy header too), no powerful browser features,
//! and HSTS when the service is reached over TLS (secure cookies). A header a
//! handler set itself is kept.

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// Whether to send HSTS: only when served over TLS (the secure-cookie setting).
#[derive(Debug, Clone, Copy)]
pub struct Hsts(pub bool);

/// The headers for a response, given whether HSTS applies.
pub fn security_headers_for(hsts: bool) -> Vec<(HeaderName, HeaderValue)> {
    let mut out = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    if hsts {
        out.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        ));
    }
    out
}

/// The middleware (`axum::middleware::from_fn_with_state(Hsts(..), security_headers)`).
pub async fn security_headers(State(hsts): State<Hsts>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    for (name, value) in security_headers_for(hsts.0) {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_only_over_tls_and_no_inline_script() {
        let plain = security_headers_for(false);
        assert!(
            plain
                .iter()
                .all(|(n, _)| *n != header::STRICT_TRANSPORT_SECURITY)
        );
        assert!(
            security_headers_for(true)
                .iter()
                .any(|(n, _)| *n == header::STRICT_TRANSPORT_SECURITY)
        );
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-eval"));
    }
}
