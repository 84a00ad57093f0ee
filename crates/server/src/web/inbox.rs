//! The handover inbox of the reader's agency: each proposal with a preview
//! limited to what the reader may see, to accept or return with a reason —
//! the same `handover_accepted`/`handover_returned` events the API appends.
//! Live: re-fetched on every change.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    figures,
    inbox_sort::{self, InboxSort},
    layout,
    login::safe_next,
    sort::Order,
    view,
};
use crate::{
    auth::Caller,
    dto::{AppendEvent, Inbox},
    problem::ApiError,
    routes::{cases::append_as, overview::inbox_for},
    state::AppState,
};
use axum::{
    Form,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::{FieldCategory, filter::SectionValue};
use opcentrum_domain::{Agency, event::EventKind, ids::HandoverId};
use serde::Deserialize;

/// Accept and return forms for one pending handover.
pub fn decide_forms(ctx: &Ctx, case: &str, version: u64, handover: &str, back: &str) -> Markup {
    let tr = ctx.tr;
    let field = format!("ret-{case}");
    html! {
        div class="decide" {
            form method="post" action=(format!("/cases/{case}/accept")) {
                input type="hidden" name="_csrf" value=(ctx.csrf());
                input type="hidden" name="expected_version" value=(version);
                input type="hidden" name="handover" value=(handover);
                input type="hidden" name="back" value=(back);
                button type="submit" data-action="accept" { (tr.t("inbox.accept")) }
            }
            form method="post" action=(format!("/cases/{case}/return")) {
                input type="hidden" name="_csrf" value=(ctx.csrf());
                input type="hidden" name="expected_version" value=(version);
                input type="hidden" name="handover" value=(handover);
                input type="hidden" name="back" value=(back);
                label for=(field) { (tr.t("inbox.return_reason")) }
                input id=(field) name="reason" type="text" required maxlength="500";
                button type="submit" data-action="return" { (tr.t("inbox.return")) }
            }
        }
    }
}

fn kind_text(tr: super::i18n::Tr, h: &opcentrum_app::inbox::HandoverView) -> String {
    match h.to {
        Agency::Police => match h.reason {
            Some(r) => format!(
                "{} ({})",
                tr.t("handover.to_police"),
                tr.t_owned(&format!("code.{}", view::code_of(&r)))
            ),
            None => tr.t("handover.to_police").to_owned(),
        },
        _ => format!(
            "{}{}",
            tr.t("handover.to_nte"),
            match h.escorted {
                Some(true) => format!(" ({})", tr.t("handover.escorted")),
                _ => String::new(),
            }
        ),
    }
}

/// The handovers this agency sent that came back, with the reason: the
/// sender's follow-up (propose again once the reason is dealt with).
fn returned(ctx: &Ctx, inbox: &opcentrum_app::inbox::Inbox) -> Markup {
    let tr = ctx.tr;
    html! {
        section aria-labelledby="returned" class="returned" {
            h2 id="returned" { (tr.t("work.returned_title")) }
            @if inbox.returned.is_empty() {
                p class="empty" { (tr.t("work.returned_empty")) }
            } @else {
                table class="returned" data-rows=(inbox.returned.len()) {
                    caption { (tr.f("work.returned_count", &[("n", &inbox.returned.len())])) }
                    thead { tr {
                        th scope="col" { (tr.t("cases.id")) }
                        th scope="col" { (tr.t("work.returned_by")) }
                        th scope="col" { (tr.t("work.returned_at")) }
                        th scope="col" { (tr.t("work.returned_reason")) }
                        th scope="col" { (tr.t("cases.name")) }
                    } }
                    tbody {
                        @for r in &inbox.returned {
                            @let f = &r.preview;
                            tr data-case=(f.id) {
                                td { a href=(format!("/cases/{}", f.id)) { (f.id) } }
                                td { (view::agency(tr, r.to)) }
                                td { (view::time(r.returned_at)) }
                                td {
                                    @match &r.reason {
                                        Some(reason) => { (reason) }
                                        None => { (view::withheld(tr, tr.t("work.reason_withheld"))) }
                                    }
                                }
                                td { (name_of(tr, f)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn name_of(tr: super::i18n::Tr, f: &opcentrum_access::filter::FilteredCase) -> Markup {
    html! {
        @match f.visible(FieldCategory::Identity) {
            Some(SectionValue::Identity { person }) => { (person.family_name) ", " (person.given_name) }
            _ => {
                @let reason = f.section(FieldCategory::Identity).and_then(|s| view::withheld_reason(tr, s)).unwrap_or_default();
                (view::withheld(tr, reason))
            }
        }
    }
}

fn render(ctx: &Ctx, inbox: &Inbox, now: jiff::Timestamp, order: Order<InboxSort>) -> Markup {
    let inbox = &inbox.inbox;
    html! {
        (pending(ctx, inbox, now, order))
        (returned(ctx, inbox))
    }
}

fn pending(
    ctx: &Ctx,
    inbox: &opcentrum_app::inbox::Inbox,
    now: jiff::Timestamp,
    order: Order<InboxSort>,
) -> Markup {
    let tr = ctx.tr;
    let href = |q: &str| format!("/inbox?{q}");
    html! {
        @if inbox.items.is_empty() {
            p class="empty" { (tr.t("inbox.empty")) }
        } @else {
            table class="inbox" data-rows=(inbox.items.len()) {
                caption { (tr.f("inbox.count", &[("n", &inbox.items.len())])) }
                thead { tr {
                    (order.header(tr, InboxSort::Case, "cases.id", href))
                    th scope="col" { (tr.t("inbox.kind")) }
                    (order.header(tr, InboxSort::Proposed, "inbox.proposed", href))
                    th scope="col" { (tr.t("inbox.waited")) }
                    (order.header(tr, InboxSort::Name, "cases.name", href))
                    th scope="col" { (tr.t("inbox.decide")) }
                } }
                tbody {
                    @for item in &inbox.items {
                        @let f = &item.preview;
                        @let waited = figures::days_until(item.handover.proposed_at, now);
                        @let overdue = now.duration_since(item.handover.proposed_at) > figures::handover_target(inbox.agency);
                        tr data-case=(f.id) class=(if overdue { "hot" } else { "" }) {
                            td { a href=(format!("/cases/{}", f.id)) { (f.id) } }
                            td { (kind_text(tr, &item.handover)) }
                            td { (view::time(item.handover.proposed_at)) " · " (item.handover.proposed_by) }
                            td { (view::days(tr, waited)) }
                            td { (name_of(tr, f)) }
                            td { (decide_forms(ctx, &f.id, f.version, &item.handover.id, "/inbox")) }
                        }
                    }
                }
            }
        }
    }
}

async fn load(
    state: &AppState,
    caller: &Caller,
    order: Order<InboxSort>,
) -> Result<Option<Inbox>, ApiError> {
    let agency = caller.principal.agency;
    if !Agency::OPERATIONAL.contains(&agency) {
        return Ok(None);
    }
    let mut inbox = inbox_for(state, caller, agency.code()).await?;
    inbox_sort::sort(&mut inbox.inbox.items, order);
    Ok(Some(inbox))
}

/// `?sort=proposed|case|name&dir=asc|desc` (default: the longest waiting first).
#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    sort: Option<String>,
    dir: Option<String>,
}

impl InboxQuery {
    fn order(&self, tr: super::i18n::Tr) -> Result<Order<InboxSort>, ApiError> {
        Order::parse(
            tr,
            self.sort.as_deref(),
            self.dir.as_deref(),
            InboxSort::Proposed,
        )
    }
}

fn body_of(
    ctx: &Ctx,
    inbox: &Option<Inbox>,
    now: jiff::Timestamp,
    order: Order<InboxSort>,
) -> Markup {
    match inbox {
        Some(i) => render(ctx, i, now, order),
        None => html! { p { (ctx.tr.t("inbox.no_agency")) } },
    }
}

/// `GET /inbox`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<InboxQuery>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let order = q.order(tr).or_page(&ctx)?;
    let inbox = load(&state, &caller, order).await.or_page(&ctx)?;
    let now = state.clock.now();
    // The live part is fetched again in the same order.
    let live_body = format!("/inbox/body?{}", order.query());
    Ok(layout::page(
        &ctx,
        tr.t("inbox.title"),
        "/inbox",
        html! {
            h1 { (tr.t("inbox.title")) " – " (view::agency(tr, caller.principal.agency)) }
            p class="live-status" id="live-status" aria-live="polite" {}
            div id="live" data-live="/live" data-body=(live_body) { (body_of(&ctx, &inbox, now, order)) }
        },
    ))
}

/// `GET /inbox/body` — the live part.
pub async fn body(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<InboxQuery>,
) -> Result<Markup, PageError> {
    let order = q.order(ctx.tr).or_page(&ctx)?;
    let inbox = load(&state, &caller, order).await.or_page(&ctx)?;
    Ok(body_of(&ctx, &inbox, state.clock.now(), order))
}

#[derive(Debug, Deserialize)]
pub struct DecideForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    expected_version: u64,
    handover: String,
    reason: Option<String>,
    back: Option<String>,
}

async fn decide(
    state: AppState,
    ctx: Ctx,
    caller: Caller,
    id: String,
    f: DecideForm,
    accept: bool,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let handover = HandoverId::parse(&f.handover)
        .map_err(|_| ApiError::field_in("handover", "form.err.handover_id", &[]))
        .or_page(&ctx)?;
    let event = if accept {
        EventKind::HandoverAccepted { handover }
    } else {
        let reason = f
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .ok_or_else(|| ApiError::field_in("reason", "form.err.return_reason", &[]))
            .or_page(&ctx)?
            .to_owned();
        EventKind::HandoverReturned { handover, reason }
    };
    append_as(
        &state,
        &caller,
        &id,
        AppendEvent {
            expected_version: f.expected_version,
            event,
            reason: None,
            together: vec![],
        },
    )
    .await
    .or_page(&ctx)?;
    Ok(Redirect::to(&safe_next(f.back.as_deref())).into_response())
}

/// `POST /cases/{id}/accept`
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecideForm>,
) -> Result<Response, PageError> {
    decide(state, ctx, caller, id, f, true).await
}

/// `POST /cases/{id}/return`
pub async fn give_back(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<DecideForm>,
) -> Result<Response, PageError> {
    decide(state, ctx, caller, id, f, false).await
}
