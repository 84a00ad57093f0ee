//! The four-eyes changes as the pages show them: each pending change in the
//! reader's language (a matrix change as who would gain or lose what, a
//! legal officer grant as the account), with approve and reject forms — or,
//! to the proposer, why a second legal officer must approve it.

use super::{
    admin_diff::diff_list,
    ctx::{Ctx, OrPage, PageError, check_csrf},
    login::safe_next,
    view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::{diff::diff, matrix::MatrixRow};
use opcentrum_app::admin::changes::may_not_decide;
use opcentrum_store::{ChangeBody, ChangeRecord, ChangeStatus};
use serde::Deserialize;

/// Which changes a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Matrix,
    User,
}

fn kind_of(c: &ChangeRecord) -> Kind {
    match c.body {
        ChangeBody::Matrix { .. } => Kind::Matrix,
        ChangeBody::User { .. } => Kind::User,
    }
}

/// The pending changes of one kind, to decide.
pub fn pending_section(
    ctx: &Ctx,
    caller: &Caller,
    changes: &[ChangeRecord],
    kind: Kind,
    current: &[MatrixRow],
    back: &str,
) -> Markup {
    let tr = ctx.tr;
    let pending: Vec<&ChangeRecord> = changes
        .iter()
        .filter(|c| c.status == ChangeStatus::Pending && kind_of(c) == kind)
        .collect();
    html! {
        section class="pending-changes" aria-labelledby="h-pending" {
            h2 id="h-pending" { (tr.t("admin.changes.title")) }
            @if pending.is_empty() {
                p class="empty" { (tr.t("admin.changes.none")) }
            }
            @for c in &pending {
                article class="change" data-change-id=(c.id) {
                    h3 { (tr.f("admin.changes.item", &[("id", &c.id)])) }
                    p { (tr.f("admin.changes.proposed", &[("who", &c.proposed_by), ("at", &view::time(c.proposed_at))])) }
                    @match &c.body {
                        ChangeBody::Matrix { rows, comment, based_on } => {
                            p { (tr.t("admin.changes.comment")) ": " (comment) }
                            p { (tr.f("admin.changes.based_on", &[("v", based_on)])) }
                            (diff_list(tr, &diff(current, rows)))
                        }
                        ChangeBody::User { user } => {
                            p { (tr.f("admin.changes.user", &[
                                ("user", &user.user_name),
                                ("name", &user.display_name),
                                ("role", &tr.t_owned(&format!("role.{}", user.role))),
                            ])) }
                        }
                    }
                    (decide_forms(ctx, caller, c, back))
                }
            }
        }
    }
}

fn decide_forms(ctx: &Ctx, caller: &Caller, c: &ChangeRecord, back: &str) -> Markup {
    let tr = ctx.tr;
    let own = c.proposed_by == caller.principal.user.as_str();
    let refusal = may_not_decide(&caller.principal, c, true);
    let field = format!("reject-{}", c.id);
    html! {
        div class="decide" {
            @if own {
                p class="note" data-own-change { (tr.t("admin.changes.own")) }
            } @else if let Some(opcentrum_app::AppError::Forbidden { reason_en, reason_sv, .. }) = &refusal {
                p class="note" { (if tr.lang == super::i18n::Lang::Sv { reason_sv } else { reason_en }) }
            } @else {
                form method="post" action=(format!("/admin/changes/{}/approve", c.id)) {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    input type="hidden" name="back" value=(back);
                    button type="submit" data-action="approve" { (tr.t("admin.changes.approve")) }
                }
            }
            @if refusal.is_none() || own {
                form method="post" action=(format!("/admin/changes/{}/reject", c.id)) {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    input type="hidden" name="back" value=(back);
                    label for=(field) { (tr.t("admin.changes.reject_reason")) }
                    input id=(field) name="reason" type="text" required maxlength="2000";
                    button type="submit" data-action="reject" {
                        (if own { tr.t("admin.changes.withdraw") } else { tr.t("admin.changes.reject") })
                    }
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct DecideForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    reason: Option<String>,
    back: Option<String>,
}

async fn decide(
    state: AppState,
    ctx: Ctx,
    caller: Caller,
    id: String,
    f: DecideForm,
    approve: bool,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let tr = ctx.tr;
    let id: u64 = id
        .parse()
        .map_err(|_| ApiError::bad_request("id", tr.t("admin.changes.bad_id")))
        .or_page(&ctx)?;
    let reason = view::some(&f.reason).unwrap_or_default();
    if !approve && reason.is_empty() {
        return Err(ApiError::field(
            "reason",
            tr.t("admin.changes.reason_needed"),
        ))
        .or_page(&ctx);
    }
    state
        .app
        .decide_change(&caller.app(), id, approve, &reason)
        .await
        .or_page(&ctx)?;
    let back = safe_next(f.back.as_deref());
    let done = if approve { "approved" } else { "rejected" };
    Ok(Redirect::to(&format!("{back}?done={done}")).into_response())
}

/// `POST /admin/changes/{id}/approve`
pub async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecideForm>,
) -> Result<Response, PageError> {
    decide(state, ctx, caller, id, f, true).await
}

/// `POST /admin/changes/{id}/reject`
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecideForm>,
) -> Result<Response, PageError> {
    decide(state, ctx, caller, id, f, false).await
}

/// The notice after a redirect (`?done=…`), in the reader's language.
pub fn done_notice(ctx: &Ctx, done: Option<&str>) -> Markup {
    let tr = ctx.tr;
    let text = match done {
        Some("approved") => Some(tr.t("admin.done.approved")),
        Some("rejected") => Some(tr.t("admin.done.rejected")),
        Some("proposed") => Some(tr.t("admin.done.proposed")),
        Some("stored") => Some(tr.t("admin.done.stored")),
        Some("revoked") => Some(tr.t("admin.done.revoked")),
        _ => None,
    };
    html! {
        @if let Some(t) = text { p class="notice" role="status" { (t) } }
    }
}
