//! Users and tokens (`/admin/users`): the administrator's own agency's
//! accounts; create one, change a role (making a legal officer goes through
//! the two-person change), reset a password, issue or revoke a service
//! account's API tokens. A refusal names the rule; a refused form keeps what
//! was typed.

use super::{
    admin_changes::{self, Kind},
    ctx::{Ctx, OrPage, PageError, check_csrf},
    i18n::{Lang, Tr},
    layout, view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::Role;
use opcentrum_app::admin::{
    tokens::IssuedToken,
    users::{AccountChange, AccountOutcome, AccountView},
};
use opcentrum_store::AccountKind;
use serde::Deserialize;

/// The create form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    user: Option<String>,
    display_name: Option<String>,
    role: Option<String>,
    kind: Option<String>,
    password: Option<String>,
}

#[derive(Default)]
struct Notice {
    error: Option<String>,
    form: NewUserForm,
    token: Option<IssuedToken>,
}

/// An error's text in the reader's language, with the fields at fault.
pub fn error_text(tr: Tr, e: &ApiError) -> String {
    let p = &e.problem;
    match (tr.lang, &p.detail_sv) {
        (Lang::Sv, Some(sv)) => sv.clone(),
        _ => p.detail.clone(),
    }
}

fn role_select(tr: Tr, id: &str, selected: &str) -> Markup {
    html! {
        select id=(id) name="role" {
            @for r in Role::ALL {
                option value=(r.code()) selected[r.code() == selected] { (tr.t_owned(&format!("role.{}", r.code()))) }
            }
        }
    }
}

fn kind_text(tr: Tr, k: AccountKind) -> &'static str {
    match k {
        AccountKind::Person => tr.t("admin.users.kind.person"),
        AccountKind::Service => tr.t("admin.users.kind.service"),
    }
}

fn row(ctx: &Ctx, u: &AccountView) -> Markup {
    let tr = ctx.tr;
    let slug = u.user.replace(['.', '@'], "-");
    html! {
        tr data-user=(u.user) {
            th scope="row" { (u.user) }
            td { (u.display_name) }
            td { (tr.t_owned(&format!("role.{}", u.role))) }
            td { (kind_text(tr, u.kind)) @if u.disabled { " · " (tr.t("admin.users.disabled")) } }
            td class="user-actions" {
                form method="post" action=(format!("/admin/users/{}/role", u.user)) {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    label for=(format!("role-{slug}")) { (tr.t("admin.users.new_role")) }
                    (role_select(tr, &format!("role-{slug}"), &u.role))
                    button type="submit" data-action="role" { (tr.t("admin.users.change_role")) }
                }
                @if u.kind == AccountKind::Person {
                    form method="post" action=(format!("/admin/users/{}/password", u.user)) {
                        input type="hidden" name="_csrf" value=(ctx.csrf());
                        label for=(format!("pw-{slug}")) { (tr.t("admin.users.new_password")) }
                        input id=(format!("pw-{slug}")) name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required;
                        button type="submit" data-action="password" { (tr.t("admin.users.reset_password")) }
                    }
                } @else {
                    form method="post" action=(format!("/admin/users/{}/token", u.user)) {
                        input type="hidden" name="_csrf" value=(ctx.csrf());
                        button type="submit" data-action="token" { (tr.t("admin.users.issue_token")) }
                    }
                    form method="post" action=(format!("/admin/users/{}/revoke", u.user)) {
                        input type="hidden" name="_csrf" value=(ctx.csrf());
                        button type="submit" data-action="revoke" { (tr.t("admin.users.revoke")) }
                    }
                }
            }
        }
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    notice: Notice,
    done: Option<&str>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let app_caller = caller.app();
    let users = state.app.accounts(&app_caller).await.or_page(ctx)?;
    let changes = state.app.changes(&app_caller).await.or_page(ctx)?;
    let f = &notice.form;
    let agency = caller.principal.agency;
    let body = html! {
        h1 { (tr.f("admin.users.title", &[("agency", &view::agency(tr, agency))])) }
        (admin_changes::done_notice(ctx, done))
        @if let Some(e) = &notice.error { p class="error" role="alert" id="users-error" { (e) } }
        @if let Some(t) = &notice.token {
            section class="issued-token" aria-labelledby="h-token" {
                h2 id="h-token" { (tr.f("admin.users.token_for", &[("user", &t.user)])) }
                p { (tr.t("admin.users.token_once")) }
                p { code data-token { (t.token) } }
                p { (tr.f("admin.users.token_expires", &[("at", &view::time(t.expires_at))])) }
            }
        }
        h2 id="h-users" { (tr.t("admin.users.list")) }
        table class="users" aria-labelledby="h-users" {
            thead { tr {
                th scope="col" { (tr.t("admin.users.user")) }
                th scope="col" { (tr.t("admin.users.display_name")) }
                th scope="col" { (tr.t("admin.users.role")) }
                th scope="col" { (tr.t("admin.users.kind")) }
                th scope="col" { (tr.t("admin.users.actions")) }
            } }
            tbody { @for u in &users { (row(ctx, u)) } }
        }
        section class="new-user" aria-labelledby="h-new" {
            h2 id="h-new" { (tr.t("admin.users.create")) }
            form method="post" action="/admin/users" {
                input type="hidden" name="_csrf" value=(ctx.csrf());
                label for="n-user" { (tr.t("admin.users.user")) }
                input id="n-user" name="user" type="text" required maxlength="64" value=(f.user.clone().unwrap_or_default());
                label for="n-name" { (tr.t("admin.users.display_name")) }
                input id="n-name" name="display_name" type="text" required maxlength="200" value=(f.display_name.clone().unwrap_or_default());
                label for="n-role" { (tr.t("admin.users.role")) }
                (role_select(tr, "n-role", f.role.as_deref().unwrap_or("case_officer")))
                label for="n-kind" { (tr.t("admin.users.kind")) }
                select id="n-kind" name="kind" {
                    option value="person" selected[f.kind.as_deref() != Some("service")] { (kind_text(tr, AccountKind::Person)) }
                    option value="service" selected[f.kind.as_deref() == Some("service")] { (kind_text(tr, AccountKind::Service)) }
                }
                label for="n-password" { (tr.t("admin.users.password")) }
                input id="n-password" name="password" type="password" autocomplete="new-password" maxlength="256";
                button type="submit" data-action="create" { (tr.t("admin.users.create_button")) }
            }
        }
        (admin_changes::pending_section(ctx, caller, &changes, Kind::User, &[], "/admin/users"))
    };
    Ok(layout::page(
        ctx,
        tr.t("admin.users.nav"),
        "/admin/users",
        body,
    ))
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/users`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<Done>,
) -> Result<Markup, PageError> {
    render(&state, &ctx, &caller, Notice::default(), q.done.as_deref()).await
}

/// The page again with the refusal and what was typed, with the error's status.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    error: ApiError,
    form: NewUserForm,
) -> Result<Response, PageError> {
    let status = error.status;
    let notice = Notice {
        error: Some(error_text(ctx.tr, &error)),
        form: NewUserForm {
            password: None,
            ..form
        },
        token: None,
    };
    let page = render(state, ctx, caller, notice, None).await?;
    Ok((status, page).into_response())
}

fn outcome_redirect(o: AccountOutcome) -> Response {
    match o {
        AccountOutcome::Stored(_) => Redirect::to("/admin/users?done=stored").into_response(),
        AccountOutcome::Proposed(_) => Redirect::to("/admin/users?done=proposed").into_response(),
    }
}

/// `POST /admin/users` — create an account of one's own agency.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Form(f): Form<NewUserForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let tr = ctx.tr;
    let Some(user) = view::some(&f.user) else {
        return refused(
            &state,
            &ctx,
            &caller,
            ApiError::field("user", tr.t("admin.users.user_needed")),
            f,
        )
        .await;
    };
    let Some(display_name) = view::some(&f.display_name) else {
        return refused(
            &state,
            &ctx,
            &caller,
            ApiError::field("display_name", tr.t("admin.users.name_needed")),
            f,
        )
        .await;
    };
    let password = view::some(&f.password);
    if password.as_ref().is_some_and(|p| p.chars().count() < 12) {
        return refused(
            &state,
            &ctx,
            &caller,
            ApiError::field("password", tr.t("admin.users.password_short")),
            f,
        )
        .await;
    }
    let kind = match f.kind.as_deref() {
        Some("service") => AccountKind::Service,
        _ => AccountKind::Person,
    };
    let change = AccountChange {
        user,
        display_name,
        agency: caller.principal.agency,
        role: f.role.clone().unwrap_or_default(),
        password,
        disabled: false,
        kind: Some(kind),
    };
    match state.app.put_account(&caller.app(), change).await {
        Ok(o) => Ok(outcome_redirect(o)),
        Err(e) => refused(&state, &ctx, &caller, e.into(), f).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct RowForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    role: Option<String>,
    password: Option<String>,
}

async fn change_account(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    name: &str,
    f: &RowForm,
    role: bool,
) -> Result<Response, PageError> {
    check_csrf(caller, f.csrf.as_deref()).or_page(ctx)?;
    let tr = ctx.tr;
    let app_caller = caller.app();
    let current = match state.app.account(&app_caller, name).await {
        Ok(a) => a,
        Err(e) => return refused(state, ctx, caller, e.into(), NewUserForm::default()).await,
    };
    let mut change = AccountChange {
        user: current.user,
        display_name: current.display_name,
        agency: current.agency,
        role: current.role,
        password: None,
        disabled: current.disabled,
        kind: Some(current.kind),
    };
    if role {
        change.role = f.role.clone().unwrap_or_default();
    } else {
        match view::some(&f.password) {
            Some(p) if p.chars().count() >= 12 => change.password = Some(p),
            _ => {
                let e = ApiError::field("password", tr.t("admin.users.password_short"));
                return refused(state, ctx, caller, e, NewUserForm::default()).await;
            }
        }
    }
    match state.app.put_account(&app_caller, change).await {
        Ok(o) => Ok(outcome_redirect(o)),
        Err(e) => refused(state, ctx, caller, e.into(), NewUserForm::default()).await,
    }
}

/// `POST /admin/users/{name}/role`
pub async fn change_role(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(name): Path<String>,
    Form(f): Form<RowForm>,
) -> Result<Response, PageError> {
    change_account(&state, &ctx, &caller, &name, &f, true).await
}

/// `POST /admin/users/{name}/password`
pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(name): Path<String>,
    Form(f): Form<RowForm>,
) -> Result<Response, PageError> {
    change_account(&state, &ctx, &caller, &name, &f, false).await
}

/// `POST /admin/users/{name}/token` — the token is shown once, on this page.
pub async fn issue_token(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(name): Path<String>,
    Form(f): Form<RowForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    match state.app.issue_token(&caller.app(), &name).await {
        Ok(t) => {
            let notice = Notice {
                token: Some(t),
                ..Notice::default()
            };
            let page = render(&state, &ctx, &caller, notice, None).await?;
            Ok((StatusCode::CREATED, page).into_response())
        }
        Err(e) => refused(&state, &ctx, &caller, e.into(), NewUserForm::default()).await,
    }
}

/// `POST /admin/users/{name}/revoke` — every token of a service account ends.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(name): Path<String>,
    Form(f): Form<RowForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    match state.app.revoke_tokens(&caller.app(), &name).await {
        Ok(()) => Ok(Redirect::to("/admin/users?done=revoked").into_response()),
        Err(e) => refused(&state, &ctx, &caller, e.into(), NewUserForm::default()).await,
    }
}
