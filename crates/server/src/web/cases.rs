//! The case list (filters and search, only on fields the reader may read) and
//! the case page (timeline, readiness, the legal rules that apply, every
//! category visible or withheld), with the handover a responsible agency may
//! propose. Reads go through `routes::cases::{list_for, detail_for}` — the
//! API's own filtering and audit.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    inbox, layout, view,
};
use crate::{
    auth::Caller,
    dto::{AppendEvent, ListParams},
    problem::ApiError,
    routes::cases::{append_as, detail_for, list_for},
    state::AppState,
};
use axum::{
    Form,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory, Permission, allowed,
    filter::{FilteredCase, SectionValue, filterable},
};
use opcentrum_domain::{
    Agency, Case, RuleId, Stage,
    event::{EventKind, HandoverKind, PoliceHandoverReason},
    ids::HandoverId,
    readiness::readiness,
};
use serde::Deserialize;

/// The list's query as the form sends it (empty fields are "any").
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    stage: Option<String>,
    responsible: Option<String>,
    destination: Option<String>,
    q: Option<String>,
    detained: Option<String>,
    ready: Option<String>,
    replan_needed: Option<String>,
    after: Option<String>,
}

fn some(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn flag(s: &Option<String>) -> Option<bool> {
    some(s).map(|v| v == "true" || v == "on")
}

impl ListQuery {
    fn params(&self) -> ListParams {
        ListParams {
            stage: some(&self.stage),
            responsible: some(&self.responsible),
            destination: some(&self.destination).map(|d| d.to_uppercase()),
            q: some(&self.q),
            detained: flag(&self.detained),
            ready: flag(&self.ready),
            replan_needed: flag(&self.replan_needed),
            after: some(&self.after),
            limit: Some(50),
            ..ListParams::default()
        }
    }

    fn next_href(&self, after: &str) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("stage", &self.stage),
            ("responsible", &self.responsible),
            ("destination", &self.destination),
            ("q", &self.q),
            ("detained", &self.detained),
            ("ready", &self.ready),
            ("replan_needed", &self.replan_needed),
        ] {
            if let Some(v) = some(v) {
                s.append_pair(k, &v);
            }
        }
        s.append_pair("after", after);
        format!("/cases?{}", s.finish())
    }
}

/// The identity cell of a row: the name, or withheld with the reason.
fn name_cell(tr: super::i18n::Tr, f: &FilteredCase) -> Markup {
    match f.visible(FieldCategory::Identity) {
        Some(SectionValue::Identity { person }) => {
            html! { (person.family_name) ", " (person.given_name) }
        }
        _ => {
            let reason = f
                .section(FieldCategory::Identity)
                .and_then(|s| view::withheld_reason(tr, s))
                .unwrap_or_default();
            html! { span class="withheld" data-withheld="true" title=(reason) { (tr.t("secrecy.withheld")) } }
        }
    }
}

fn filters_form(ctx: &Ctx, caller: &Caller, q: &ListQuery, state: &AppState) -> Markup {
    let tr = ctx.tr;
    let policy = state.policy.get();
    let may = |p: &str| filterable(&policy, &caller.principal, p).is_ok();
    let cur = |s: &Option<String>| some(s).unwrap_or_default();
    html! {
        form class="filters" method="get" action="/cases" role="search" {
            div {
                label for="f-q" { (tr.t("cases.search")) }
                input id="f-q" name="q" type="search" value=(cur(&q.q)) placeholder="UT-2026-";
            }
            div {
                label for="f-stage" { (tr.t("cases.stage")) }
                select id="f-stage" name="stage" {
                    option value="" { (tr.t("cases.any")) }
                    @for s in Stage::ALL {
                        option value=(s.code()) selected[cur(&q.stage) == s.code()] { (view::stage(tr, s)) }
                    }
                }
            }
            div {
                label for="f-resp" { (tr.t("cases.responsible")) }
                select id="f-resp" name="responsible" {
                    option value="" { (tr.t("cases.any")) }
                    @for a in Agency::OPERATIONAL {
                        option value=(a.code()) selected[cur(&q.responsible) == a.code()] { (view::agency(tr, a)) }
                    }
                }
            }
            div {
                label for="f-dest" { (tr.t("cases.destination")) }
                input id="f-dest" name="destination" type="text" size="3" maxlength="2" value=(cur(&q.destination));
            }
            // Filters on a category the reader may not read are not offered.
            @for (param, key) in [("detained", "cases.detained"), ("ready", "cases.ready"), ("replan_needed", "cases.replan")] {
                @if may(param) {
                    div class="check" {
                        @let checked = match param { "detained" => flag(&q.detained), "ready" => flag(&q.ready), _ => flag(&q.replan_needed) } == Some(true);
                        input id=(format!("f-{param}")) name=(param) type="checkbox" value="true" checked[checked];
                        label for=(format!("f-{param}")) { (tr.t_owned(key)) }
                    }
                }
            }
            button type="submit" { (tr.t("cases.filter")) }
        }
    }
}

/// `GET /cases`
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let found = list_for(&state, &caller, &q.params()).await.or_page(&ctx)?;
    Ok(layout::page(
        &ctx,
        tr.t("cases.title"),
        "/cases",
        html! {
            h1 { (tr.t("cases.title")) }
            (filters_form(&ctx, &caller, &q, &state))
            table class="cases" {
                caption { (tr.f("cases.shown", &[("n", &found.items.len())])) }
                thead { tr {
                    th scope="col" { (tr.t("cases.id")) }
                    th scope="col" { (tr.t("cases.name")) }
                    th scope="col" { (tr.t("cases.stage")) }
                    th scope="col" { (tr.t("cases.responsible")) }
                    th scope="col" { (tr.t("cases.destination")) }
                    th scope="col" { (tr.t("cases.ready")) }
                    th scope="col" { (tr.t("cases.suspended")) }
                } }
                tbody {
                    @for item in &found.items {
                        @let f = &item.case;
                        tr {
                            td { a href=(format!("/cases/{}", f.id)) { (f.id) } }
                            td { (name_cell(tr, f)) }
                            td { (view::stage(tr, f.stage)) }
                            td { (view::agency(tr, f.responsible)) }
                            td { (f.destination.to_string()) }
                            td { (if f.ready { tr.t("value.yes") } else { tr.t("value.no") }) }
                            td { (if f.suspended { tr.t("value.yes") } else { tr.t("value.no") }) }
                        }
                    }
                }
            }
            @if let Some(next) = &found.next {
                p { a href=(q.next_href(next.as_str())) rel="next" { (tr.t("cases.next")) } }
            }
        },
    ))
}

/// The rules that apply to a case, from what the reader may see: finality,
/// each visible unmet condition's rule, the departure period and lapse (with
/// the decision), the detention limit (with the location).
fn applicable_rules(state: &AppState, f: &FilteredCase, case: &Case) -> Vec<RuleId> {
    let rules = state.store.rules();
    let mut ids = vec![RuleId::EnforcementRequiresFinal];
    let ready = readiness(case, state.clock.today(), rules);
    for (u, shown) in ready.unmet.iter().zip(&f.unmet) {
        if shown.condition != "withheld"
            && let Some(r) = u.rule()
        {
            ids.push(r);
        }
    }
    if f.visible(FieldCategory::Decision).is_some() {
        if let Ok(Some((_, r))) = case
            .decision
            .departure_period_end(case.absconding_risk, rules)
        {
            ids.push(r);
        }
        if let Some((_, r)) = case.decision.lapses_on(rules) {
            ids.push(r);
        }
    }
    if let Some(SectionValue::Location {
        detention_status: Some(st),
        ..
    }) = f.visible(FieldCategory::Location)
    {
        ids.push(st.rule);
    }
    let mut out = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

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
    let (detail, case) = detail_for(&state, &caller, &id).await.or_page(&ctx)?;
    let f = &detail.view.case;
    let rules = applicable_rules(&state, f, &case);
    let table = state.store.rules();
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
                        @for id in &rules {
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
