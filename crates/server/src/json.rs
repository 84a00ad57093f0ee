//! Extractors that turn malformed input into problem details naming the JSON
//! path or the parameter, instead of axum's plain-text rejections.

use crate::problem::ApiError;
use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts},
};
use serde::de::DeserializeOwned;

/// Largest JSON body accepted (1 MiB); bigger is 413 by the body limit layer.
pub const MAX_BODY: usize = 1 << 20;

/// A JSON body. Syntax errors are 400, wrong shapes 422, both naming the path.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.starts_with("application/json") || ct.starts_with("application/problem+json")
            });
        if !is_json {
            return Err(ApiError::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "send the body as application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), "body", "Unreadable body", e.body_text()))?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON with the path of the first error. The body must end after the
/// value (white space aside): `{…}xyz` is refused, not read as `{…}`.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = deserialize_with_path(de)?;
    de.end().map_err(|e| {
        ApiError::bad_request(
            "body",
            format!(
                "not valid JSON: trailing content after the value ({})",
                clean(&e.to_string())
            ),
        )
    })?;
    Ok(value)
}

fn deserialize_with_path<'de, T: DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::SliceRead<'de>>,
) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let field = if path == "." || path.is_empty() {
            "body".to_owned()
        } else {
            path
        };
        match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ApiError::bad_request(field, format!("not valid JSON: {inner}"))
            }
            _ => ApiError::field(field, clean(&inner.to_string())),
        }
    })
}

/// serde's messages end with " at line 1 column 42"; the path already says where.
fn clean(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Query parameters, rejected with the parameter named.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                let msg = e.into_inner().to_string();
                let field = if path == "." {
                    param_in(&msg).unwrap_or_else(|| "query".to_owned())
                } else {
                    path
                };
                ApiError::bad_request(field, msg)
            })
    }
}

/// serde names unknown fields as "unknown field `x`".
fn param_in(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let end = msg[start..].find('`')? + start;
    Some(msg[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_errors_name_the_parameter() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Q {
            limit: Option<u32>,
        }
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(b"limit=x"));
        let e = serde_path_to_error::deserialize::<_, Q>(de).unwrap_err();
        assert_eq!(e.path().to_string(), "limit");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(b"lmit=1"));
        let e = serde_path_to_error::deserialize::<_, Q>(de).unwrap_err();
        assert_eq!(
            param_in(&e.into_inner().to_string()).as_deref(),
            Some("lmit")
        );
    }

    #[test]
    fn json_errors_name_the_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct B {
            event: E,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct E {
            n: u32,
        }
        let e = parse_json::<B>(br#"{"event":{"n":"x"}}"#).unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.problem.errors[0].field, "event.n");
        let e = parse_json::<B>(br#"{"event":"#).unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
        let e = parse_json::<B>(br#"{"event":{"n":1}}xyz"#).unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
        assert_eq!(e.problem.errors[0].field, "body");
        assert!(
            e.problem.detail.contains("trailing"),
            "{}",
            e.problem.detail
        );
        assert!(parse_json::<B>(b"{\"event\":{\"n\":1}}\n ").is_ok());
    }
}
