//! The login page (a form post with its own CSRF token in a cookie, since there
//! is no session yet), logout, and the language switch (a cookie).

use super::{
    ctx::{Ctx, LANG_COOKIE, PageError, check_csrf},
    i18n::Lang,
    layout,
};
use crate::{
    auth::{Caller, cookie},
    routes::session::{login_user, session_cookie},
    state::AppState,
};
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::session::{new_secret, same_secret};
use serde::Deserialize;

const LOGIN_CSRF_COOKIE: &str = "opc_login_csrf";

/// Only a local path may be a redirect target (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

#[derive(Debug, Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

fn login_page(ctx: &Ctx, token: &str, next: &str, error: Option<&str>) -> Markup {
    let tr = ctx.tr;
    layout::page(
        ctx,
        tr.t("login.title"),
        "",
        html! {
            section class="login" {
                h1 { (tr.t("login.title")) }
                p { (tr.t("login.intro")) }
                @if let Some(e) = error {
                    p class="error" role="alert" id="login-error" { (e) }
                }
                form method="post" action="/login" {
                    input type="hidden" name="_csrf" value=(token);
                    input type="hidden" name="next" value=(next);
                    label for="user" { (tr.t("login.user")) }
                    input id="user" name="user" type="text" autocomplete="username" required autofocus;
                    label for="password" { (tr.t("login.password")) }
                    input id="password" name="password" type="password" autocomplete="current-password" required;
                    button type="submit" { (tr.t("login.submit")) }
                }
            }
        },
    )
}

fn login_csrf_cookie(state: &AppState, value: &str) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{LOGIN_CSRF_COOKIE}={value}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("opc_login_csrf=; Path=/login; Max-Age=0"))
}

fn render_login(
    state: &AppState,
    ctx: &Ctx,
    next: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    let token = new_secret("lcsrf");
    let mut resp = (status, login_page(ctx, &token, next, error)).into_response();
    resp.headers_mut()
        .insert(header::SET_COOKIE, login_csrf_cookie(state, &token));
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// `GET /login`
pub async fn form(State(state): State<AppState>, ctx: Ctx, Query(q): Query<NextParam>) -> Response {
    render_login(
        &state,
        &ctx,
        &safe_next(q.next.as_deref()),
        None,
        StatusCode::OK,
    )
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    user: String,
    password: String,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    next: Option<String>,
}

/// `POST /login`: the same login as `POST /api/login` (throttling, audit), the
/// same session cookie.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let tr = ctx.tr;
    let next = safe_next(f.next.as_deref());
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    let sent = f.csrf.as_deref().unwrap_or("");
    if expected.is_empty() || !same_secret(sent, expected) {
        return render_login(
            &state,
            &ctx,
            &next,
            Some(tr.t("login.csrf")),
            StatusCode::FORBIDDEN,
        );
    }
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match login_user(&state, &f.user, &f.password, request_id).await {
        Ok((secret, _csrf, _user)) => {
            let mut resp = Redirect::to(&next).into_response();
            resp.headers_mut().append(
                header::SET_COOKIE,
                session_cookie(&state, &secret, state.sessions.absolute.as_secs()),
            );
            resp.headers_mut().append(
                header::SET_COOKIE,
                HeaderValue::from_static("opc_login_csrf=; Path=/login; Max-Age=0"),
            );
            resp
        }
        Err(e) if e.status == StatusCode::TOO_MANY_REQUESTS => {
            render_login(&state, &ctx, &next, Some(tr.t("login.throttled")), e.status)
        }
        Err(e) if e.status == StatusCode::UNAUTHORIZED => {
            render_login(&state, &ctx, &next, Some(tr.t("login.failed")), e.status)
        }
        Err(error) => PageError { ctx, error }.into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

/// `POST /logout`: ends the session (audited), back to the login page.
pub async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).map_err(|error| PageError {
        ctx: ctx.clone(),
        error,
    })?;
    let done = crate::routes::session::logout(State(state), caller)
        .await
        .map_err(|error| PageError {
            ctx: ctx.clone(),
            error,
        })?;
    let mut resp = Redirect::to("/login").into_response();
    if let Some(c) = done.headers().get(header::SET_COOKIE) {
        resp.headers_mut().insert(header::SET_COOKIE, c.clone());
    }
    Ok(resp)
}

#[derive(Debug, Deserialize)]
pub struct SwitchParams {
    to: String,
    back: Option<String>,
}

/// `GET /lang?to=en&back=/cases`: remembers the language in a cookie (a year).
pub async fn switch_language(Query(p): Query<SwitchParams>) -> Response {
    let lang = Lang::parse(&p.to).unwrap_or(Lang::Sv);
    let mut resp = Redirect::to(&safe_next(p.back.as_deref())).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        lang.code()
    )) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_next(Some("/cases?stage=final")), "/cases?stage=final");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
