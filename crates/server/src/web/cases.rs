//! The case page (timeline, readiness, the legal rules that apply, every
//! category visible or withheld), with the handover a responsible agency may
//! propose. Reads go through `routes::cases::{list_for, detail_for}` — the
//! API's own filtering and audit.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    inbox, layout, view,
    view::{flag, some},
};
use crate::{
    auth::Caller, dto::AppendEvent, problem::ApiError, routes::cases::append_as, state::AppState,
};
use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::{Permission, allowed, filter::FilteredCase};
use opcentrum_domain::{
    Agency, Stage,
    event::{EventKind, HandoverKind, PoliceHandoverReason},
    ids::HandoverId,
};
use serde::Deserialize;

fn actions(ctx: &Ctx, caller: &Caller, f: &FilteredCase) -> Markup {
    let tr = ctx.tr;
    let p = &caller.principal;
    if !allowed(p.agency, p.role, Permission::AppendEvent) {
        return html! {};
    }
    let mine = f.responsible == p.agency && f.pending_handover.is_none();
    html! {
        @if mine && p.agency == Agency::Migrationsverket && f.stage == Stage::Final {
            section class="action" aria-labelledby="h-handover" {
                h2 id="h-handover" { (tr.t("handover.to_police")) }
                form method="post" action=(format!("/cases/{}/handover", f.id)) {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    input type="hidden" name="expected_version" value=(f.version);
                    input type="hidden" name="to" value="police";
                    label for="ho-why" { (tr.t("handover.why")) }
                    select id="ho-why" name="police_reason" {
                        option value="absconded" { (tr.t("code.absconded")) }
                        option value="coercion_needed" { (tr.t("code.coercion_needed")) }
                    }
                    label for="ho-reason" { (tr.t("handover.note")) }
                    input id="ho-reason" name="reason" type="text" maxlength="500";
                    button type="submit" { (tr.t("handover.propose")) }
                }
            }
        }
        @if mine && p.agency == Agency::Police && f.stage == Stage::HandedOver {
            section class="action" aria-labelledby="h-transport" {
                h2 id="h-transport" { (tr.t("handover.to_nte")) }
                form method="post" action=(format!("/cases/{}/handover", f.id)) {
                    input type="hidden" name="_csrf" value=(ctx.csrf());
                    input type="hidden" name="expected_version" value=(f.version);
                    input type="hidden" name="to" value="nte";
                    div class="check" {
                        input id="ho-escorted" name="escorted" type="checkbox" value="true";
                        label for="ho-escorted" { (tr.t("handover.escorted")) }
                    }
                    label for="ho-reason" { (tr.t("handover.note")) }
                    input id="ho-reason" name="reason" type="text" maxlength="500";
                    button type="submit" { (tr.t("handover.propose")) }
                }
            }
        }
        @if let Some(h) = &f.pending_handover {
            @if h.to == p.agency {
                section class="action" aria-labelledby="h-decide" {
                    h2 id="h-decide" { (tr.t("inbox.decide")) }
                    (inbox::decide_forms(ctx, &f.id, f.version, &h.id, &format!("/cases/{}", f.id)))
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
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let detail = state
        .app
        .case_detail(&caller.app(), &id)
        .await
        .or_page(&ctx)?;
    let f = &detail.case;
    let rules = &detail.rules;
    let table = state.app.rules();
    Ok(layout::page(
        &ctx,
        &f.id,
        "/cases",
        html! {
            h1 { (tr.t("case.title")) " " (f.id) }
            dl class="meta" {
                dt { (tr.t("cases.stage")) } dd data-stage=(f.stage.code()) { (view::stage(tr, f.stage)) }
                dt { (tr.t("cases.responsible")) } dd { (view::agency(tr, f.responsible)) }
                dt { (tr.t("cases.destination")) } dd { (f.destination.to_string()) }
                dt { (tr.t("cases.suspended")) } dd { (if f.suspended { tr.t("value.yes") } else { tr.t("value.no") }) }
                @if let Some(h) = &f.pending_handover {
                    dt { (tr.t("case.pending")) }
                    dd { (view::agency(tr, h.to)) " · " (view::time(h.proposed_at)) }
                }
            }
            (actions(&ctx, &caller, f))
            section aria-labelledby="h-ready" {
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
            section aria-labelledby="h-rules" {
                h2 id="h-rules" { (tr.t("case.rules")) }
                table {
                    thead { tr {
                        th scope="col" { (tr.t("case.rule")) }
                        th scope="col" { (tr.t("case.statute")) }
                    } }
                    tbody {
                        @for id in rules {
                            @if let Some(r) = table.any(*id) {
                                tr {
                                    td { (if tr.lang == super::i18n::Lang::Sv { r.text_sv } else { r.text_en }) }
                                    td class="statute" { (r.reference()) }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="h-fields" {
                h2 id="h-fields" { (tr.t("case.fields")) }
                div class="categories" { (view::sections(tr, f)) }
            }
            section aria-labelledby="h-timeline" {
                h2 id="h-timeline" { (tr.t("case.timeline")) }
                ol class="timeline" {
                    @for e in &detail.history {
                        li data-event=(e.kind) {
                            time datetime=(e.recorded_at.to_string()) { (view::time(e.recorded_at)) }
                            " · " strong { (tr.t_owned(&format!("event.{}", e.kind))) }
                            " · " (view::agency(tr, e.agency)) " (" (e.user) ")"
                            @if let Some(w) = &e.withheld {
                                p { (view::withheld(tr, w)) }
                            } @else {
                                @if let Some(r) = &e.reason { p class="reason" { (tr.t("case.reason")) ": " (r) } }
                            }
                        }
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
                    return Err(ApiError::field(
                        "police_reason",
                        "one of absconded, coercion_needed",
                    ))
                    .or_page(&ctx);
                }
            };
            HandoverKind::ToPolice { reason }
        }
        "nte" => HandoverKind::TransportRequest {
            escorted: flag(&f.escorted).unwrap_or(false),
        },
        _ => return Err(ApiError::field("to", "one of police, nte")).or_page(&ctx),
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
        },
    )
    .await
    .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}
