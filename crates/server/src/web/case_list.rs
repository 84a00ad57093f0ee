//! The case list: filters and search, only on fields the reader may read. Reads go through `routes::cases::{list_for, detail_for}` — the
//! API's own filtering and audit.

use super::{
    ctx::{Ctx, OrPage, PageError},
    layout, view,
    view::{flag, some},
};
use crate::{auth::Caller, dto::ListParams, routes::cases::list_for, state::AppState};
use axum::extract::{Query, State};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory,
    filter::{FilteredCase, SectionValue, filterable},
};
use opcentrum_domain::{Agency, Stage};
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
