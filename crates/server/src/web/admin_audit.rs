//! The audit trail (`/admin/audit`): by case and by user, paged, with the
//! chain's verification (verified up to record N, or broken at record M, and
//! the key id). Only for the roles the catalogue's row `audit.read` names;
//! reading the trail is itself recorded (by the application layer).

use super::{
    ctx::{Ctx, OrPage, PageError},
    i18n::Tr,
    layout, view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::extract::{Query, State};
use maud::{Markup, html};
use opcentrum_access::audit::{AuditAction, BreakKind};
use opcentrum_app::admin::audit_trail::ChainStatus;
use opcentrum_store::AuditQuery;
use serde::Deserialize;

/// Records per page.
pub const PAGE: u32 = 50;

#[derive(Debug, Deserialize)]
pub struct Filter {
    case: Option<String>,
    user: Option<String>,
    after: Option<String>,
}

fn action(tr: Tr, a: AuditAction) -> &'static str {
    match a {
        AuditAction::Read => tr.t("admin.audit.action.read"),
        AuditAction::Write => tr.t("admin.audit.action.write"),
        AuditAction::Export => tr.t("admin.audit.action.export"),
        AuditAction::Login => tr.t("admin.audit.action.login"),
        AuditAction::LoginFailed => tr.t("admin.audit.action.login_failed"),
        AuditAction::Logout => tr.t("admin.audit.action.logout"),
        AuditAction::MatrixChange => tr.t("admin.audit.action.matrix_change"),
        AuditAction::UserChange => tr.t("admin.audit.action.user_change"),
        AuditAction::Refused => tr.t("admin.audit.action.refused"),
        AuditAction::Import => tr.t("admin.audit.action.import"),
        AuditAction::AuditRead => tr.t("admin.audit.action.audit_read"),
        AuditAction::ChangeProposed => tr.t("admin.audit.action.change_proposed"),
        AuditAction::ChangeDecided => tr.t("admin.audit.action.change_decided"),
    }
}

fn break_kind(tr: Tr, k: BreakKind) -> &'static str {
    match k {
        BreakKind::Altered => tr.t("admin.audit.break.altered"),
        BreakKind::Removed => tr.t("admin.audit.break.removed"),
        BreakKind::Reordered => tr.t("admin.audit.break.reordered"),
        BreakKind::Inserted => tr.t("admin.audit.break.inserted"),
        BreakKind::Unsealed => tr.t("admin.audit.break.unsealed"),
        BreakKind::Forged => tr.t("admin.audit.break.forged"),
        BreakKind::UnknownKey => tr.t("admin.audit.break.unknown_key"),
        BreakKind::RolledBack => tr.t("admin.audit.break.rolled_back"),
        BreakKind::Diverged => tr.t("admin.audit.break.diverged"),
        BreakKind::CheckpointForged => tr.t("admin.audit.break.checkpoint_forged"),
    }
}

fn chain(tr: Tr, s: &ChainStatus) -> Markup {
    let key = s
        .key_id
        .clone()
        .unwrap_or_else(|| tr.t("admin.audit.no_key").to_owned());
    html! {
        section class="chain" aria-labelledby="h-chain" {
            h2 id="h-chain" { (tr.t("admin.audit.chain")) }
            @match &s.broken {
                None => p class="chain-ok" data-chain="verified" data-seq=(s.verified_up_to) {
                    (tr.f("admin.audit.verified", &[("n", &s.verified_up_to), ("key", &key)]))
                },
                Some(b) => p class="chain-broken" role="alert" data-chain="broken" data-seq=(b.seq) {
                    (tr.f("admin.audit.broken", &[("seq", &b.seq), ("kind", &break_kind(tr, b.kind)), ("n", &s.verified_up_to), ("key", &key)]))
                },
            }
        }
    }
}

fn filter_link(f: &Filter, after: u64) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    if let Some(c) = view::some(&f.case) {
        q.append_pair("case", &c);
    }
    if let Some(u) = view::some(&f.user) {
        q.append_pair("user", &u);
    }
    q.append_pair("after", &after.to_string());
    format!("/admin/audit?{}", q.finish())
}

/// `GET /admin/audit`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(f): Query<Filter>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let after = match view::some(&f.after) {
        None => None,
        Some(a) => Some(
            a.parse::<u64>()
                .map_err(|_| ApiError::bad_request("after", tr.t("admin.audit.bad_after")))
                .or_page(&ctx)?,
        ),
    };
    let app_caller = caller.app();
    let status = state
        .app
        .audit_chain_status(&app_caller)
        .await
        .or_page(&ctx)?;
    let query = AuditQuery {
        case: view::some(&f.case),
        user: view::some(&f.user),
        after,
        limit: PAGE,
    };
    let records = state
        .app
        .audit_records(&app_caller, query)
        .await
        .or_page(&ctx)?;
    let body = html! {
        h1 { (tr.t("admin.audit.title")) }
        (chain(tr, &status))
        form method="get" action="/admin/audit" class="audit-filter" {
            label for="f-case" { (tr.t("admin.audit.case")) }
            input id="f-case" name="case" type="text" maxlength="64" value=(f.case.clone().unwrap_or_default());
            label for="f-user" { (tr.t("admin.audit.user")) }
            input id="f-user" name="user" type="text" maxlength="64" value=(f.user.clone().unwrap_or_default());
            button type="submit" { (tr.t("admin.audit.filter")) }
        }
        h2 id="h-records" { (tr.t("admin.audit.records")) }
        p class="hint" { (tr.t("admin.audit.recorded")) }
        @if records.is_empty() {
            p class="empty" { (tr.t("admin.audit.none")) }
        } @else {
            table class="audit" aria-labelledby="h-records" {
                thead { tr {
                    th scope="col" { (tr.t("admin.audit.seq")) }
                    th scope="col" { (tr.t("admin.audit.at")) }
                    th scope="col" { (tr.t("admin.audit.who")) }
                    th scope="col" { (tr.t("admin.audit.action")) }
                    th scope="col" { (tr.t("admin.audit.case")) }
                    th scope="col" { (tr.t("admin.audit.categories")) }
                    th scope="col" { (tr.t("admin.audit.basis")) }
                    th scope="col" { (tr.t("admin.audit.purpose")) }
                } }
                tbody {
                    @for r in &records {
                        tr data-seq=(r.seq) {
                            td { (r.seq) }
                            td { (view::time(r.entry.at)) }
                            td { (r.entry.user) br; small { (r.entry.agency) " · " (r.entry.role) } }
                            td data-action=(r.entry.action.code()) { (action(tr, r.entry.action)) }
                            td { @if let Some(c) = &r.entry.case { a href=(format!("/admin/audit?case={c}")) { (c) } } }
                            td { @for (i, c) in r.entry.categories.iter().enumerate() { @if i > 0 { ", " } (view::category(tr, *c)) } }
                            td { @for b in &r.entry.legal_basis { span class="basis" { (b) } br; } }
                            td { (purpose(tr, &r.entry.purpose)) }
                        }
                    }
                }
            }
            @if records.len() as u32 == PAGE {
                @if let Some(last) = records.last() {
                    p { a href=(filter_link(&f, last.seq)) rel="next" { (tr.t("admin.audit.next")) } }
                }
            }
        }
    };
    Ok(layout::page(
        &ctx,
        tr.t("admin.audit.title"),
        "/admin/audit",
        body,
    ))
}

/// The purposes the application writes (`app`'s `PURPOSE_*`), by their
/// catalogue key; what follows one (a trip's id) is kept as written.
const PURPOSES: [(&str, &str); 9] = [
    ("trip crew", "admin.audit.purpose.trip_crew"),
    ("trip planning", "admin.audit.purpose.trip_planning"),
    ("trip manifest", "admin.audit.purpose.trip_manifest"),
    ("case handling", "admin.audit.purpose.case_handling"),
    ("operational picture", "admin.audit.purpose.picture"),
    ("handover preview", "admin.audit.purpose.handover_preview"),
    ("returned handover", "admin.audit.purpose.returned_handover"),
    ("detention board", "admin.audit.purpose.detention_board"),
    ("refused", "admin.audit.purpose.refused"),
];

/// An audit record's purpose in the reader's language where it is one the
/// application writes; a caller's own purpose (the API's header) as given.
fn purpose(tr: super::i18n::Tr, p: &str) -> String {
    PURPOSES
        .iter()
        .find_map(|(en, key)| {
            let rest = p.strip_prefix(en)?;
            (rest.is_empty() || rest.starts_with(' ')).then(|| format!("{}{rest}", tr.t(key)))
        })
        .unwrap_or_else(|| p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::{Lang, Tr};

    #[test]
    fn the_applications_purposes_are_shown_in_the_readers_language() {
        let sv = Tr::new(Lang::Sv);
        assert_eq!(purpose(sv, "trip crew C-1"), "Resans besättning C-1");
        assert_eq!(purpose(sv, "case handling"), "Ärendehandläggning");
        assert_eq!(purpose(Tr::new(Lang::En), "trip crew C-1"), "Trip crew C-1");
        // Not a prefix of a longer word, and a caller's own purpose as given.
        assert_eq!(purpose(sv, "refusedX"), "refusedX");
        assert_eq!(purpose(sv, "utredning 2026/17"), "utredning 2026/17");
    }
}
