//! The case page (the detention limit counting down, readiness, every
//! category visible or withheld, the legal rules that apply, the timeline),
//! with every action the reader may take on the case now as a form from the
//! action catalogue (`case::form`, posted to `case::actions`). Reads go
//! through `state.app` — the gate's own filtering and audit.

use super::{
    case::{
        form::{self, FormOf, Refused, Typed},
        summary,
    },
    ctx::{Ctx, OrPage, PageError, check_csrf},
    layout, view,
    view::{flag, some},
};
use crate::{
    auth::Caller, dto::AppendEvent, problem::ApiError, routes::cases::append_as, state::AppState,
};
use axum::{
    Form,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory, Permission, allowed,
    catalogue::{ActionRow, FieldKind},
    filter::{FilteredCase, SectionValue},
};
use opcentrum_app::cases::CaseDetail;
use opcentrum_domain::{
    event::{EventKind, HandoverKind, PoliceHandoverReason},
    ids::{FamilyId, HandoverId},
    impediment::ImpedimentKind,
};
use serde::Deserialize;

/// What the page shows besides the case: a notice after a post, or the form
/// a refusal answered (with what was typed), or the form a link asked for.
#[derive(Debug, Default)]
pub struct Extra {
    pub recorded: Option<String>,
    pub pending: Option<String>,
    pub open: Option<String>,
    pub failed: Option<(String, Typed, Refused)>,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    recorded: Option<String>,
    pending: Option<String>,
    action: Option<String>,
}

/// The values a form starts with: the ids the case gives (the pending
/// handover, the open impediment, the planned trip), now for a time.
fn prefill(row: &ActionRow, f: &FilteredCase, now: jiff::Timestamp) -> Typed {
    let mut v = Typed::new();
    for field in row.fields {
        let key = format!("f.{}", field.name);
        let value = match (field.name, field.kind) {
            ("handover", _) => match &f.pending_handover {
                Some(h) if !row.id.starts_with("handover_proposed") => Some(h.id.clone()),
                _ => Some(format!("HO-{}-{}", f.id, f.version + 1)),
            },
            ("impediment", _) if row.id == "impediment_lodged" => {
                Some(format!("IMP-{}", f.version + 1))
            }
            ("impediment", _) => match f.visible(FieldCategory::Decision) {
                Some(SectionValue::Decision(d)) => {
                    let kind = match row.id {
                        "impediment_lifted.stay" => ImpedimentKind::Stay,
                        "impediment_lifted.international_interim_measure" => {
                            ImpedimentKind::InternationalInterimMeasure
                        }
                        _ => ImpedimentKind::Impediment,
                    };
                    d.impediments
                        .iter()
                        .find(|i| i.kind == kind && i.lifted_on.is_none())
                        .map(|i| i.id.to_string())
                }
                _ => None,
            },
            ("trip", _) => match f.visible(FieldCategory::Trip) {
                Some(SectionValue::Trip { trip: Some(t), .. }) => Some(t.trip.to_string()),
                _ => None,
            },
            (_, FieldKind::Timestamp) => Some(form::local(now)),
            _ => None,
        };
        if let Some(value) = value {
            v.insert(key, value);
        }
    }
    v
}

fn action_path(id: &str, row: &str) -> String {
    format!("/cases/{id}/actions/{row}")
}

/// Every action the reader may take on the case now, each as its form.
fn actions(
    ctx: &Ctx,
    state: &AppState,
    detail: &CaseDetail,
    extra: &Extra,
    extra_members: &[form::Member],
) -> Markup {
    let tr = ctx.tr;
    let f = &detail.case;
    let now = state.clock.now();
    let catalogue = state.app.catalogue();
    let failed_row = extra.failed.as_ref().map(|(r, _, _)| r.as_str());
    html! {
        section class="actions card" aria-labelledby="h-actions" id="actions" {
            h2 id="h-actions" { (tr.t("act.title")) }
            @if let Some(r) = extra.recorded.as_deref().and_then(|r| catalogue.row(r).ok()) {
                p class="notice ok" role="status" data-recorded=(r.id) { (tr.f("act.recorded", &[("action", &form::name(tr, r))])) }
            }
            @if let Some(r) = extra.pending.as_deref().and_then(|r| catalogue.row(r).ok()) {
                p class="notice pending" role="status" data-pending=(r.id) {
                    (tr.f("act.pending", &[("action", &form::name(tr, r)), ("role", &tr.t_owned(&format!("role.{}", r.second_person.map(|s| s.role.code()).unwrap_or("legal_officer"))).to_lowercase())]))
                }
            }
            // A refused form whose action the page no longer offers is shown first.
            @if let Some((row, typed, refused)) = &extra.failed {
                @if !detail.actions.iter().any(|a| a.id == row.as_str()) {
                    @if let Ok(r) = catalogue.row(row) {
                        (form::render(tr, &FormOf {
                            action: action_path(&f.id, r.id),
                            csrf: ctx.csrf(),
                            version: Some(f.version),
                            row: r,
                            values: typed,
                            refused: Some(refused),
                            back: Some(format!("/cases/{}", f.id)),
                            open: true,
                            members: extra_members,
                        }))
                    }
                }
            }
            @if detail.actions.is_empty() {
                p { (tr.t("act.none")) }
            }
            @for offer in &detail.actions {
                @if let Ok(r) = catalogue.row(offer.id) {
                    @let typed = match &extra.failed {
                        Some((row, typed, _)) if failed_row == Some(r.id) && row == r.id => typed.clone(),
                        _ => prefill(r, f, now),
                    };
                    @let refused = extra.failed.as_ref().filter(|(row, _, _)| row == r.id).map(|(_, _, x)| x);
                    @let open = refused.is_some() || extra.open.as_deref() == Some(r.id);
                    (form::render(tr, &FormOf {
                        action: action_path(&f.id, r.id),
                        csrf: ctx.csrf(),
                        version: Some(f.version),
                        row: r,
                        values: &typed,
                        refused,
                        back: Some(format!("/cases/{}", f.id)),
                        open,
                        members: extra_members,
                    }))
                }
            }
        }
    }
}

/// `GET /cases/{id}`
pub async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let extra = Extra {
        recorded: q.recorded,
        pending: q.pending,
        open: q.action,
        failed: None,
    };
    page(&state, &ctx, &caller, &id, extra)
        .await
        .map(IntoResponse::into_response)
}

/// The other members of the case's family, as the reader may see them (the
/// same gated, audited case list as `/cases?family=`); none where the reader
/// may not read the family or list by it.
async fn family_members(state: &AppState, caller: &Caller, f: &FilteredCase) -> Vec<FilteredCase> {
    let Some(family) = summary::family_of(f).and_then(|x| FamilyId::parse(&x).ok()) else {
        return Vec::new();
    };
    state
        .app
        .family_members(&caller.app(), &f.id, family, summary::FAMILY_SHOWN)
        .await
        .unwrap_or_default()
}

/// The case page, with what `extra` adds.
pub async fn page(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    id: &str,
    extra: Extra,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let detail = state
        .app
        .case_detail(&caller.app(), id)
        .await
        .or_page(ctx)?;
    let f = &detail.case;
    let rules = &detail.rules;
    let members = family_members(state, caller, f).await;
    let table = state.app.rules();
    let now = state.clock.now();
    Ok(layout::page(
        ctx,
        &f.id,
        "/cases",
        html! {
            div class="case-page" {
            header class="case-head" {
                h1 { (tr.t("case.title")) " " (f.id) }
                dl class="meta" {
                    div { dt { (tr.t("cases.stage")) } dd data-stage=(f.stage.code()) { (view::stage(tr, f.stage)) } }
                    div { dt { (tr.t("cases.responsible")) } dd { (view::agency(tr, f.responsible)) } }
                    div { dt { (tr.t("cases.destination")) } dd { (view::country_cell(tr, &f.destination.to_string())) } }
                    div { dt { (tr.t("cases.suspended")) } dd { (if f.suspended { tr.t("value.yes") } else { tr.t("value.no") }) } }
                    @if let Some(h) = &f.pending_handover {
                        div { dt { (tr.t("case.pending")) }
                        dd { (view::agency(tr, h.to)) " · " (view::time(h.proposed_at)) } }
                    }
                }
                @if allowed(caller.principal.agency, caller.principal.role, Permission::CreateCase) {
                    p class="new-case" { a href="/cases/new" { (tr.t("reg.link")) } }
                }
            }
            (summary::limit(tr, f, now))
            div class="case-grid" {
            div class="case-main" {
            section class="card" aria-labelledby="h-ready" {
                h2 id="h-ready" { (tr.t("case.readiness")) }
                @if f.ready {
                    p class="ok" { (tr.t("case.ready")) }
                } @else {
                    p { (tr.t("case.not_ready")) }
                    ul class="unmet" {
                        @for u in &f.unmet {
                            li data-condition=(u.condition) {
                                @if u.condition == "withheld" {
                                    (view::withheld(tr, view::unmet_text(tr, u)))
                                } @else {
                                    (view::unmet_text(tr, u))
                                }
                            }
                        }
                    }
                }
            }
            section class="card" aria-labelledby="h-fields" {
                h2 id="h-fields" { (tr.t("case.fields")) }
                div class="categories" { (view::sections(tr, f)) }
                (summary::family(tr, f, &members))
            }
            section class="card" aria-labelledby="h-rules" {
                h2 id="h-rules" { (tr.t("case.rules")) }
                table class="rules" {
                    thead { tr {
                        th scope="col" { (tr.t("case.rule")) }
                        th scope="col" { (tr.t("case.statute")) }
                    } }
                    tbody {
                        @for id in rules {
                            @if let Some(r) = table.any(*id) {
                                tr {
                                    td { strong { (r.name(tr.lang)) } br; (r.text(tr.lang)) }
                                    td class="statute" { (r.reference()) }
                                }
                            }
                        }
                    }
                }
            }
            section class="card" aria-labelledby="h-timeline" id="timeline" {
                h2 id="h-timeline" { (tr.t("case.timeline")) }
                ol class="timeline" {
                    @for e in detail.history.iter().rev() {
                        li data-event=(e.kind) {
                            time datetime=(e.recorded_at.to_string()) { (view::time(e.recorded_at)) }
                            " · " strong { (tr.t_owned(&format!("event.{}", e.kind))) }
                            " · " (view::agency(tr, e.agency)) " (" (e.user) ")"
                            @if e.withheld.is_some() {
                                // The entry's own text is the API's (English);
                                // the page says it in the reader's language.
                                p { (view::withheld(tr, opcentrum_access::filter::withheld_event(tr.lang))) }
                            } @else {
                                @if let Some(r) = &e.reason { p class="reason" { (tr.t("case.reason")) ": " (r) } }
                            }
                        }
                    }
                }
            }
            }
            div class="case-side" {
                (actions(ctx, state, &detail, &extra, &summary::together(tr, &members)))
            }
            }
            }
        },
    ))
}

#[derive(Debug, Deserialize)]
pub struct HandoverForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    expected_version: u64,
    to: String,
    police_reason: Option<String>,
    escorted: Option<String>,
    reason: Option<String>,
}

/// `POST /cases/{id}/handover` — the same `handover_proposed` event the API appends.
pub async fn hand_over(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<HandoverForm>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.csrf.as_deref()).or_page(&ctx)?;
    let to = match f.to.as_str() {
        "police" => {
            let reason = match f.police_reason.as_deref() {
                Some("absconded") => PoliceHandoverReason::Absconded,
                Some("coercion_needed") => PoliceHandoverReason::CoercionNeeded,
                _ => {
                    return Err(ApiError::field_in(
                        "police_reason",
                        "form.err.police_reason",
                        &[],
                    ))
                    .or_page(&ctx);
                }
            };
            HandoverKind::ToPolice { reason }
        }
        "nte" => HandoverKind::TransportRequest {
            escorted: flag(&f.escorted).unwrap_or(false),
        },
        _ => {
            return Err(ApiError::field_in("to", "form.err.handover_to", &[])).or_page(&ctx);
        }
    };
    let handover = HandoverId::parse(format!("HO-{id}-{}", f.expected_version + 1))
        .map_err(|e| ApiError::field("id", e.to_string()))
        .or_page(&ctx)?;
    append_as(
        &state,
        &caller,
        &id,
        AppendEvent {
            expected_version: f.expected_version,
            event: EventKind::HandoverProposed { handover, to },
            reason: some(&f.reason),
            together: vec![],
        },
    )
    .await
    .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}
