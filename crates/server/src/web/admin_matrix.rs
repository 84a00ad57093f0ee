//! The sharing matrix as a grid (`/admin/matrix`): category × owner agency ×
//! reader (agency, role), grouped by category under sticky headers. A legal
//! officer edits a draft (check boxes), tries it (who would gain or lose
//! what, in the reader's language) and proposes it; a second legal officer
//! approves or rejects it below (`admin_changes`).

use super::{
    admin_changes::{self, Kind},
    admin_diff::{diff_list, reader},
    ctx::{Ctx, OrPage, PageError, check_csrf},
    i18n::Tr,
    layout, view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory, Permission, Role, allowed,
    diff::MatrixChange,
    matrix::{MatrixRow, SharingMatrix},
};
use opcentrum_domain::Agency;
use serde::Deserialize;
use std::collections::BTreeSet;

type Key = (FieldCategory, Agency, Agency, Role);

fn cell_code(k: &Key) -> String {
    format!(
        "{}|{}|{}|{}",
        k.0.code(),
        k.1.code(),
        k.2.code(),
        k.3.code()
    )
}

fn parse_cell(s: &str) -> Option<Key> {
    let mut it = s.split('|');
    let k = (
        FieldCategory::parse(it.next()?)?,
        Agency::parse(it.next()?)?,
        Agency::parse(it.next()?)?,
        Role::parse(it.next()?)?,
    );
    it.next().is_none().then_some(k)
}

/// The readers (columns) and owners (rows) the matrix holds, in order.
fn axes(rows: &[MatrixRow]) -> (Vec<(Agency, Role)>, Vec<Agency>) {
    let mut readers = Vec::new();
    let mut owners = Vec::new();
    for a in Agency::ALL {
        for r in Role::ALL {
            if rows
                .iter()
                .any(|x| x.reader_agency == a && x.reader_role == r)
            {
                readers.push((a, r));
            }
        }
        if rows.iter().any(|x| x.owner == a) {
            owners.push(a);
        }
    }
    (readers, owners)
}

/// What the page shows besides the matrix in force.
#[derive(Default)]
struct Draft {
    /// The checked cells (the matrix in force when there is no draft).
    checked: Option<BTreeSet<Key>>,
    diff: Option<Vec<MatrixChange>>,
    error: Option<String>,
    comment: String,
    basis: String,
}

fn grid(tr: Tr, m: &SharingMatrix, checked: &BTreeSet<Key>, editable: bool) -> Markup {
    let (readers, owners) = axes(&m.rows);
    let present: BTreeSet<Key> = m.rows.iter().map(MatrixRow::key).collect();
    html! {
        div class="matrix-scroll" role="region" aria-labelledby="h-grid" tabindex="0" {
            table class="matrix-grid" {
                caption { (tr.f("admin.matrix.caption", &[("v", &m.version)])) }
                thead {
                    tr {
                        th scope="col" rowspan="2" class="corner" { (tr.t("admin.matrix.owner")) }
                        @for a in Agency::ALL {
                            @let n = readers.iter().filter(|(x, _)| *x == a).count();
                            @if n > 0 {
                                th scope="colgroup" colspan=(n) class="reader-agency" { (view::agency(tr, a)) }
                            }
                        }
                    }
                    tr {
                        @for (_, r) in &readers {
                            th scope="col" class="reader-role" { (tr.t_owned(&format!("role.{}", r.code()))) }
                        }
                    }
                }
                @for c in FieldCategory::ALL {
                    tbody data-category=(c.code()) {
                        tr class="category" {
                            th scope="rowgroup" colspan=(readers.len() + 1) { (view::category(tr, c)) }
                        }
                        @for o in &owners {
                            tr {
                                th scope="row" { (view::agency(tr, *o)) }
                                @for (a, r) in &readers {
                                    @let k = (c, *o, *a, *r);
                                    @let on = checked.contains(&k);
                                    @let label = tr.f("admin.matrix.cell", &[
                                        ("reader", &reader(tr, *a, *r)),
                                        ("category", &view::category(tr, c)),
                                        ("owner", &view::agency(tr, *o)),
                                    ]);
                                    td class=(if on { "on" } else { "off" }) {
                                        @if !present.contains(&k) {
                                            span title=(label) { "·" }
                                        } @else if editable {
                                            input type="checkbox" name="c" value=(cell_code(&k)) checked[on] aria-label=(label);
                                        } @else if on {
                                            span role="img" aria-label=(label) { "✓" }
                                        } @else {
                                            span class="no" { "–" }
                                        }
                                    }
                                }
                            }
                        }
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
    draft: Draft,
    done: Option<&str>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let app_caller = caller.app();
    let m = state.app.matrix(&app_caller).await.or_page(ctx)?;
    let (agency, role) = (caller.principal.agency, caller.principal.role);
    let editable = allowed(agency, role, Permission::EditMatrix);
    let changes = if allowed(agency, role, Permission::ManageUsers) {
        Some(state.app.changes(&app_caller).await.or_page(ctx)?)
    } else {
        None
    };
    let current: BTreeSet<Key> = m
        .rows
        .iter()
        .filter(|r| r.allowed)
        .map(MatrixRow::key)
        .collect();
    let checked = draft.checked.clone().unwrap_or_else(|| current.clone());
    let body = html! {
        h1 { (tr.t("admin.matrix.title")) }
        (admin_changes::done_notice(ctx, done))
        p class="matrix-version" {
            (tr.f("admin.matrix.version", &[("v", &m.version), ("who", &m.changed_by), ("at", &view::time(m.changed_at))]))
        }
        @if !m.comment.is_empty() { p { (tr.t("admin.changes.comment")) ": " (m.comment) } }
        @if let Some(e) = &draft.error {
            p class="error" role="alert" id="draft-error" { (e) }
        }
        @if let Some(d) = &draft.diff {
            section class="draft-diff" aria-labelledby="h-diff" {
                h2 id="h-diff" { (tr.f("admin.diff.title", &[("n", &d.len())])) }
                (diff_list(tr, d))
            }
        }
        h2 id="h-grid" { (if editable { tr.t("admin.matrix.draft") } else { tr.t("admin.matrix.grid") }) }
        @if editable {
            form method="post" action="/admin/matrix/try" class="matrix-form" {
                input type="hidden" name="_csrf" value=(ctx.csrf());
                p class="hint" { (tr.t("admin.matrix.hint")) }
                (grid(tr, &m, &checked, true))
                div class="draft-fields" {
                    label for="basis" { (tr.t("admin.matrix.basis")) }
                    input id="basis" name="basis" type="text" maxlength="500" value=(draft.basis);
                    label for="comment" { (tr.t("admin.matrix.comment")) }
                    textarea id="comment" name="comment" rows="2" maxlength="2000" { (draft.comment) }
                }
                div class="draft-actions" {
                    button type="submit" data-action="try" { (tr.t("admin.matrix.try")) }
                    button type="submit" formaction="/admin/matrix/propose" data-action="propose" { (tr.t("admin.matrix.propose")) }
                }
            }
        } @else {
            (grid(tr, &m, &checked, false))
        }
        @if let Some(changes) = &changes {
            (admin_changes::pending_section(ctx, caller, changes, Kind::Matrix, &m.rows, "/admin/matrix"))
        }
    };
    Ok(layout::page(
        ctx,
        tr.t("admin.matrix.title"),
        "/admin/matrix",
        body,
    ))
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/matrix`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<Done>,
) -> Result<Markup, PageError> {
    render(&state, &ctx, &caller, Draft::default(), q.done.as_deref()).await
}

/// The draft a form posted: the checked cells, the basis for cells newly
/// allowed, the comment.
struct Posted {
    csrf: Option<String>,
    checked: BTreeSet<Key>,
    basis: String,
    comment: String,
}

fn posted(body: &Bytes) -> Result<Posted, ApiError> {
    let mut p = Posted {
        csrf: None,
        checked: BTreeSet::new(),
        basis: String::new(),
        comment: String::new(),
    };
    for (k, v) in form_urlencoded::parse(body) {
        match k.as_ref() {
            "_csrf" => p.csrf = Some(v.into_owned()),
            "basis" => p.basis = v.trim().to_owned(),
            "comment" => p.comment = v.trim().to_owned(),
            "c" => {
                let cell = parse_cell(&v).ok_or_else(|| {
                    ApiError::field_in("c", "form.err.matrix_cell", &[("value", &v)])
                })?;
                p.checked.insert(cell);
            }
            other => return Err(ApiError::field_in(other, "form.err.unknown_field", &[])),
        }
    }
    Ok(p)
}

/// The draft's rows: the matrix in force with the posted cells allowed; a
/// newly allowed cell without a basis takes the posted one.
fn draft_rows(m: &SharingMatrix, p: &Posted) -> (Vec<MatrixRow>, bool) {
    let mut missing_basis = false;
    let rows = m
        .rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let on = p.checked.contains(&r.key());
            if on && !r.allowed && r.legal_basis.trim().is_empty() {
                if p.basis.is_empty() {
                    missing_basis = true;
                } else {
                    r.legal_basis = p.basis.clone();
                }
            }
            r.allowed = on;
            r
        })
        .collect();
    (rows, missing_basis)
}

async fn with_draft(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    body: &Bytes,
    propose: bool,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let p = posted(body).or_page(ctx)?;
    check_csrf(caller, p.csrf.as_deref()).or_page(ctx)?;
    let app_caller = caller.app();
    let m = state.app.matrix(&app_caller).await.or_page(ctx)?;
    let (rows, missing_basis) = draft_rows(&m, &p);
    let refused = |error: String, diff: Option<Vec<MatrixChange>>| Draft {
        checked: Some(p.checked.clone()),
        diff,
        error: Some(error),
        comment: p.comment.clone(),
        basis: p.basis.clone(),
    };
    if missing_basis {
        let page = render(
            state,
            ctx,
            caller,
            refused(tr.t("admin.matrix.basis_needed").into(), None),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let diff = match state.app.try_matrix(&app_caller, rows.clone()).await {
        Ok(d) => d.changes,
        Err(e) => {
            let error = ApiError::from(e);
            let msg = tr.f("admin.matrix.invalid", &[("reason", &error.problem.detail)]);
            let page = render(state, ctx, caller, refused(msg, None), None).await?;
            return Ok((error.status, page).into_response());
        }
    };
    if !propose {
        let page = render(
            state,
            ctx,
            caller,
            Draft {
                checked: Some(p.checked.clone()),
                diff: Some(diff),
                error: None,
                comment: p.comment.clone(),
                basis: p.basis.clone(),
            },
            None,
        )
        .await?;
        return Ok(page.into_response());
    }
    if diff.is_empty() {
        let page = render(
            state,
            ctx,
            caller,
            refused(tr.t("admin.matrix.no_change").into(), Some(diff)),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    if p.comment.is_empty() {
        let page = render(
            state,
            ctx,
            caller,
            refused(tr.t("admin.matrix.comment_needed").into(), Some(diff)),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    state
        .app
        .propose_matrix(&app_caller, rows, &p.comment)
        .await
        .or_page(ctx)?;
    Ok(Redirect::to("/admin/matrix?done=proposed").into_response())
}

/// `POST /admin/matrix/try` — the draft's diff, nothing stored.
pub async fn try_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    body: Bytes,
) -> Result<Response, PageError> {
    with_draft(&state, &ctx, &caller, &body, false).await
}

/// `POST /admin/matrix/propose` — the draft proposed as a pending change.
pub async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    body: Bytes,
) -> Result<Response, PageError> {
    with_draft(&state, &ctx, &caller, &body, true).await
}
