//! What every page knows about its request: the reader (when logged in), the
//! language (cookie `opc_lang`, Swedish by default), the path for the language
//! switch; the CSRF check of page forms; errors rendered as pages.

use super::i18n::{Lang, Tr};
use crate::{
    auth::{Caller, Via, cookie},
    problem::ApiError,
};
use axum::{extract::FromRequestParts, http::request::Parts};
use opcentrum_access::session::same_secret;

pub const LANG_COOKIE: &str = "opc_lang";

/// The request as a page sees it.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub tr: Tr,
    pub caller: Option<Caller>,
    /// Path and query of this request (the language switch returns here).
    pub here: String,
}

impl Ctx {
    /// The CSRF token of the reader's session, for page forms.
    pub fn csrf(&self) -> &str {
        match self.caller.as_ref().map(|c| &c.via) {
            Some(Via::Session { csrf, .. }) => csrf,
            _ => "",
        }
    }
}

pub fn lang_of(headers: &axum::http::HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .unwrap_or(Lang::Sv)
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Ctx {
            tr: Tr::new(lang_of(&parts.headers)),
            caller: parts.extensions.get::<Caller>().cloned(),
            here: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".into()),
        })
    }
}

/// A page form's CSRF token (field `_csrf`) must be the session's. Callers with
/// an API token have no session to forge and pass.
pub fn check_csrf(caller: &Caller, sent: Option<&str>) -> Result<(), ApiError> {
    match &caller.via {
        Via::Token => Ok(()),
        Via::Session { csrf, .. } => {
            if sent.is_some_and(|s| same_secret(s, csrf)) {
                Ok(())
            } else {
                Err(ApiError::forbidden(
                    "CSRF token missing or wrong: the form's _csrf field must be the session's token",
                ))
            }
        }
    }
}

/// An error shown as a page in the reader's language, with the status kept.
pub struct PageError {
    pub ctx: Ctx,
    pub error: ApiError,
}

/// `?` on an `ApiError` inside a page handler.
pub trait OrPage<T> {
    fn or_page(self, ctx: &Ctx) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, ApiError> {
    fn or_page(self, ctx: &Ctx) -> Result<T, PageError> {
        self.map_err(|error| PageError {
            ctx: ctx.clone(),
            error,
        })
    }
}

impl<T> OrPage<T> for Result<T, opcentrum_app::AppError> {
    fn or_page(self, ctx: &Ctx) -> Result<T, PageError> {
        self.map_err(|e| PageError {
            ctx: ctx.clone(),
            error: ApiError::from(e),
        })
    }
}

impl<T> OrPage<T> for Result<T, opcentrum_store::StoreError> {
    fn or_page(self, ctx: &Ctx) -> Result<T, PageError> {
        self.map_err(|e| PageError {
            ctx: ctx.clone(),
            error: ApiError::from(e),
        })
    }
}
