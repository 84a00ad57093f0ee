//! Who is asking: a bearer token (systems) or a session cookie (browsers),
//! resolved to a named user of an agency in a role (`guard.rs` then checks the
//! route's permission and the CSRF token).

use crate::{problem::ApiError, state::AppState};
use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, header, request::Parts},
};
use opcentrum_access::{Principal, Role, session::secret_hash};
use opcentrum_domain::Actor;
use opcentrum_store::UserRecord;

pub const SESSION_COOKIE: &str = "opc_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    Token,
    /// A browser session; its CSRF token guards state changes.
    Session {
        hash: String,
        csrf: String,
    },
}

/// An authenticated, authorized caller of this request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    pub via: Via,
    pub request_id: String,
    pub purpose: Option<String>,
}

impl Caller {
    /// The caller as the application layer's gate knows it.
    pub fn app(&self) -> opcentrum_app::Caller {
        opcentrum_app::Caller::user(
            self.principal.clone(),
            self.request_id.clone(),
            self.purpose.clone(),
        )
    }

    pub fn actor(&self) -> Actor {
        Actor {
            user: self.principal.user.clone(),
            agency: self.principal.agency,
        }
    }
}

/// Tokens and session ids are stored as the hex SHA-256 of the secret.
pub fn token_hash(token: &str) -> String {
    secret_hash(token)
}

fn principal_of(user: UserRecord) -> Result<Principal, ApiError> {
    let role = Role::parse(&user.role).ok_or_else(|| {
        ApiError::forbidden(format!(
            "user {} has an unknown role {:?}",
            user.user_name, user.role
        ))
    })?;
    Ok(Principal {
        user: user.user_name,
        agency: user.agency,
        role,
    })
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Resolves the caller's credentials (no permission check).
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Principal, Via), ApiError> {
    let now = state.clock.now();
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|t| !t.is_empty() && t.len() <= 256)
            .ok_or_else(|| {
                ApiError::unauthorized("the Authorization header must be `Bearer <token>`")
            })?;
        let user = state
            .store
            .token_user(&token_hash(token), now)
            .await?
            .ok_or_else(|| ApiError::unauthorized("unknown, expired or revoked token"))?;
        return Ok((principal_of(user)?, Via::Token));
    }
    if let Some(session) =
        cookie(headers, SESSION_COOKIE).filter(|s| !s.is_empty() && s.len() <= 256)
    {
        let hash = token_hash(session);
        let record = state
            .store
            .session(&hash)
            .await?
            .ok_or_else(|| ApiError::unauthorized("unknown or ended session; log in again"))?;
        if let Err(e) = state
            .sessions
            .check(record.created_at, record.last_seen, now)
        {
            state.store.delete_session(&hash).await?;
            return Err(ApiError::unauthorized(format!("{e}; log in again")));
        }
        if record.user.disabled {
            return Err(ApiError::unauthorized("the user is disabled"));
        }
        if now.duration_since(record.last_seen) > jiff::SignedDuration::from_secs(30) {
            state.store.touch_session(&hash, now).await?;
        }
        let csrf = record.csrf_token.clone();
        return Ok((principal_of(record.user)?, Via::Session { hash, csrf }));
    }
    Err(ApiError::unauthorized(
        "send `Authorization: Bearer <token>` or log in",
    ))
}

/// The client's address, for login throttling: the header a trusted proxy
/// sets (`Settings::client_address_header`), else the connection's peer.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(h) = &state.client_address_header {
            let from_proxy = parts
                .headers
                .get(h)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next_back())
                .and_then(|v| v.trim().parse().ok());
            if from_proxy.is_some() {
                return Ok(ClientAddr(from_proxy));
            }
        }
        Ok(ClientAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| {
            tracing::error!("a handler that needs a caller is not behind the guard");
            ApiError::internal()
        })
    }
}
