//! Login and logout for browsers: a session cookie (HttpOnly, SameSite=Strict,
//! Secure behind TLS) with idle and absolute expiry, a CSRF token per session,
//! and throttling after repeated failures.

use crate::{
    audit::entry,
    auth::{Caller, ClientAddr, SESSION_COOKIE, Via, token_hash},
    json::ApiJson,
    problem::{ApiError, ApiResult, Problem},
    state::AppState,
};
use axum::{
    Json,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use opcentrum_access::{
    audit::{AuditAction, AuditEntry},
    password::verify_or_dummy,
    session::{new_secret, secret_hash},
};
use opcentrum_domain::ids::UserName;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub user: String,
    pub password: String,
}

/// Who is logged in, and the CSRF token to send with every state change.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user: String,
    pub display_name: String,
    pub agency: opcentrum_domain::Agency,
    pub role: String,
    /// Send as `X-CSRF-Token` (or the `_csrf` form field) with every POST, PUT, DELETE.
    pub csrf_token: Option<String>,
}

pub fn session_cookie(state: &AppState, value: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let text = format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"
    );
    HeaderValue::from_str(&text)
        .unwrap_or_else(|_| HeaderValue::from_static("opc_session=; Path=/; Max-Age=0"))
}

fn login_audit(
    user: &str,
    agency: &str,
    role: &str,
    action: AuditAction,
    at: jiff::Timestamp,
    request_id: &str,
) -> AuditEntry {
    AuditEntry {
        at,
        request_id: request_id.to_owned(),
        user: user.to_owned(),
        agency: agency.to_owned(),
        role: role.to_owned(),
        action,
        case: None,
        categories: vec![],
        legal_basis: vec![],
        purpose: "authentication".into(),
    }
}

/// The login itself, shared by the API and the login page. Returns the new
/// session secret and CSRF token.
///
/// The attempt is counted against the user name and the client address before
/// the password is checked, in one locked step per key (`Store::throttle_attempt`),
/// so parallel attempts cannot all pass the limit. An unknown user, a user
/// without a password and a disabled user are checked against a dummy argon2
/// hash: every failure costs the same time and gives the same answer.
pub async fn login_user(
    state: &AppState,
    user: &str,
    password: &str,
    request_id: &str,
    client: Option<std::net::IpAddr>,
) -> ApiResult<(String, String, opcentrum_store::UserRecord)> {
    let now = state.clock.now();
    let user_key = format!("user:{}", secret_hash(&user.to_lowercase()));
    let address_key = client.map(|a| format!("addr:{a}"));
    let mut keys = vec![(user_key.clone(), state.throttle)];
    if let Some(a) = &address_key {
        keys.push((a.clone(), state.address_throttle));
    }
    if let Some(until) = state.store.throttle_attempt(&keys, now).await? {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "throttled",
            "Too many failed logins",
            format!("too many failed logins; try again after {until}"),
        );
        e.problem.detail_sv = Some(format!(
            "för många misslyckade inloggningar; försök igen efter {until}"
        ));
        return Err(e);
    }
    let record = match UserName::parse(user) {
        Ok(name) => state.store.user(&name).await?,
        Err(_) => None,
    };
    let stored = record
        .as_ref()
        .filter(|u| !u.disabled)
        .and_then(|u| u.password_hash.clone());
    let hashing = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || verify_or_dummy(&hashing, stored.as_deref()))
        .await
        .unwrap_or(false);
    let Some(record) = record.filter(|_| ok) else {
        let name = UserName::parse(user)
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "(not a user name)".into());
        state
            .store
            .audit(vec![login_audit(
                &name,
                "",
                "",
                AuditAction::LoginFailed,
                now,
                request_id,
            )])
            .await?;
        return Err(ApiError::unauthorized("wrong user name or password"));
    };
    state
        .store
        .throttle_success(&user_key, address_key.as_deref())
        .await?;
    let secret = new_secret("opcs");
    let csrf = new_secret("csrf");
    if !state
        .store
        .put_session(&token_hash(&secret), &record, &csrf, now)
        .await?
    {
        return Err(ApiError::unauthorized(
            "the account changed during the login; log in again",
        ));
    }
    state
        .store
        .audit(vec![login_audit(
            record.user_name.as_str(),
            record.agency.code(),
            &record.role,
            AuditAction::Login,
            now,
            request_id,
        )])
        .await?;
    Ok((secret, csrf, record))
}

/// Log in: sets the session cookie and returns the CSRF token.
#[utoipa::path(post, path = "/api/login", tag = "session", request_body = Login,
    responses(
        (status = 200, body = Me),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Throttled after repeated failures", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<Login>,
) -> ApiResult<Response> {
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (secret, csrf, user) =
        login_user(&state, &req.user, &req.password, request_id, client).await?;
    let me = Me {
        user: user.user_name.to_string(),
        display_name: user.display_name,
        agency: user.agency,
        role: user.role,
        csrf_token: Some(csrf),
    };
    let mut resp = Json(me).into_response();
    resp.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&state, &secret, state.sessions.absolute.as_secs()),
    );
    Ok(resp)
}

/// Log out: ends the session.
#[utoipa::path(post, path = "/api/logout", tag = "session",
    responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    if let Via::Session { hash, .. } = &caller.via {
        state.store.delete_session(hash).await?;
    }
    state
        .store
        .audit(vec![entry(
            &caller,
            AuditAction::Logout,
            None,
            vec![],
            vec![],
            "authentication",
            state.clock.now(),
        )])
        .await?;
    let mut resp = StatusCode::NO_CONTENT.into_response();
    resp.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, "", 0));
    Ok(resp)
}

/// The caller.
#[utoipa::path(get, path = "/api/me", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Me>> {
    let user = state
        .store
        .user(&caller.principal.user)
        .await?
        .ok_or_else(|| ApiError::unauthorized("the user no longer exists"))?;
    let csrf_token = match caller.via {
        Via::Session { csrf, .. } => Some(csrf),
        Via::Token => None,
    };
    Ok(Json(Me {
        user: user.user_name.to_string(),
        display_name: user.display_name,
        agency: user.agency,
        role: user.role,
        csrf_token,
    }))
}
