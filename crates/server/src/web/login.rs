//! The login page (a form post with its own CSRF token in a cookie, since there
//! is no session yet), logout, and the language switch (a cookie).

use super::{
    ctx::{Ctx, LANG_COOKIE, PageError, check_csrf},
    i18n::Lang,
    layout,
};
use crate::{
    auth::{Caller, ClientAddr, cookie},
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

/// A redirect target (`/login?next=`, `/lang?back=`), parsed rather than
/// pattern-matched: after percent-decoding (as a browser would before it
/// follows it) it must be a path on this origin — starting with one `/`, with
/// no scheme, host, backslash, whitespace or control character — and resolving
/// it against this origin must not leave it. Anything else goes to `/`. The
/// target returned is the parsed path and query, re-encoded.
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(local_path).unwrap_or_else(|| "/".to_owned())
}

fn local_path(raw: &str) -> Option<String> {
    let bad = |s: &str| {
        s.chars().any(|c| {
            c.is_control()
                || c.is_whitespace()
                || c == '\\'
                || opcentrum_access::input::is_invisible(c)
        })
    };
    // Decoded as often as a client might (a doubly-encoded `%2509` included).
    let mut decoded = raw.to_owned();
    for _ in 0..3 {
        if bad(&decoded) {
            return None;
        }
        let once: String = crate::input::percent_decode(&decoded)?;
        if once == decoded {
            break;
        }
        decoded = once;
    }
    if bad(&decoded) || !decoded.starts_with('/') || decoded.starts_with("//") {
        return None;
    }
    if raw.len() > 2000 {
        return None;
    }
    const ORIGIN: &str = "http://opcentrum.invalid/";
    let base = url::Url::parse(ORIGIN).ok()?;
    let target = base.join(raw).ok()?;
    if target.scheme() != "http"
        || target.host_str() != Some("opcentrum.invalid")
        || target.port().is_some()
        || !target.username().is_empty()
        || target.password().is_some()
    {
        return None;
    }
    let mut out = target.path().to_owned();
    if let Some(q) = target.query() {
        out.push('?');
        out.push_str(q);
    }
    // The re-encoded path must itself not read as another origin.
    (out.starts_with('/') && !out.starts_with("//")).then_some(out)
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
    ClientAddr(client): ClientAddr,
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
    match login_user(&state, &f.user, &f.password, request_id, client).await {
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
        assert_eq!(safe_next(Some("/cases/UT-1")), "/cases/UT-1");
        assert_eq!(safe_next(Some("/")), "/");
        for evil in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil",
            "/\t/127.0.0.1:18093/",
            "/%09/127.0.0.1:18093/",
            "/%2509/127.0.0.1:18093/",
            "/%2F/evil.example/",
            "/%2f%2fevil.example/",
            "/%5Cevil.example",
            "%2F%2Fevil.example",
            "javascript:alert(1)",
            "/\n/evil",
            "/%0d%0aSet-Cookie:x=1",
            " /cases",
            "/ca ses",
            "",
            "cases",
            "/%00",
            "/%E2%80%AE",
            "\\\\evil.example",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
