//! The case list: filters and search, only on fields the reader may read;
//! sortable by a whitelisted column, with the total and pages both ways.
//! Reads go through `App::case_table` (filtered, each read and each search
//! audited); the filters are parsed as the API's (`routes::cases::filter_of`).

use super::{
    ctx::{Ctx, OrPage, PageError},
    layout, view,
    view::{flag, some},
};
use crate::{
    auth::Caller, dto::ListParams, problem::ApiError, routes::cases::filter_of, state::AppState,
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory, Permission, allowed,
    filter::{FilteredCase, SectionValue, filterable},
};
use opcentrum_app::{
    AppError, SortColumn,
    cases::{CaseTable, CaseTableQuery, SearchKind},
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
    /// After a failed attempt (the trip category).
    failed: Option<String>,
    /// A column of `SortColumn` (id, stage, responsible, destination, registered, updated).
    sort: Option<String>,
    /// asc or desc.
    dir: Option<String>,
    /// 1, 2, … (50 a page).
    page: Option<String>,
}

/// Rows per page.
pub const PAGE_SIZE: u32 = 50;

/// A parameter the list does not accept: the field and the reason, in the
/// reader's language (400).
struct BadParam {
    field: &'static str,
    reason: String,
}

impl ListQuery {
    fn params(&self) -> ListParams {
        ListParams {
            stage: some(&self.stage),
            responsible: some(&self.responsible),
            destination: some(&self.destination).map(|d| d.to_uppercase()),
            detained: flag(&self.detained),
            ready: flag(&self.ready),
            replan_needed: flag(&self.replan_needed),
            limit: Some(PAGE_SIZE),
            ..ListParams::default()
        }
    }

    fn sort(&self, tr: super::i18n::Tr) -> Result<(SortColumn, bool, u64), BadParam> {
        let sort = match some(&self.sort) {
            None => SortColumn::Id,
            Some(v) => SortColumn::parse(&v).ok_or_else(|| BadParam {
                field: "sort",
                reason: tr.f(
                    "work.bad_sort",
                    &[("allowed", &SortColumn::ALL.map(SortColumn::code).join(", "))],
                ),
            })?,
        };
        let descending = match some(&self.dir).as_deref() {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => {
                return Err(BadParam {
                    field: "dir",
                    reason: tr.t("work.bad_dir").to_owned(),
                });
            }
        };
        let page = match some(&self.page) {
            None => 1,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|p| (1..=1_000_000).contains(p))
                .ok_or_else(|| BadParam {
                    field: "page",
                    reason: tr.t("work.bad_page").to_owned(),
                })?,
        };
        Ok((sort, descending, page))
    }

    /// This list with some parameters replaced (`None` removes one).
    fn href(&self, over: &[(&str, Option<String>)]) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("stage", &self.stage),
            ("responsible", &self.responsible),
            ("destination", &self.destination),
            ("detained", &self.detained),
            ("ready", &self.ready),
            ("replan_needed", &self.replan_needed),
            ("failed", &self.failed),
            ("sort", &self.sort),
            ("dir", &self.dir),
            ("page", &self.page),
        ] {
            let v = match over.iter().find(|(o, _)| *o == k) {
                Some((_, o)) => o.clone(),
                None => some(v),
            };
            if let Some(v) = v {
                s.append_pair(k, &v);
            }
        }
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
    let may_identity = policy.readable_for_every_owner(&caller.principal, FieldCategory::Identity);
    let cur = |s: &Option<String>| some(s).unwrap_or_default();
    html! {
        form class="filters" method="get" action="/cases" role="search" {
            div {
                label for="f-q" { (tr.t("cases.search")) }
                input id="f-q" name="q" type="search" value=(cur(&q.q)) placeholder="UT-2026-" aria-describedby="f-q-hint";
                small id="f-q-hint" class="hint" {
                    (if may_identity { tr.t("work.search_hint_identity") } else { tr.t("work.search_hint_case") })
                }
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
            @for (param, key) in [("detained", "cases.detained"), ("ready", "cases.ready"), ("replan_needed", "cases.replan"), ("failed", "work.failed_filter")] {
                // `failed` reveals the trip category, as `replan_needed`.
                @if may(if param == "failed" { "replan_needed" } else { param }) {
                    div class="check" {
                        @let checked = match param { "detained" => flag(&q.detained), "ready" => flag(&q.ready), "failed" => flag(&q.failed), _ => flag(&q.replan_needed) } == Some(true);
                        input id=(format!("f-{param}")) name=(param) type="checkbox" value="true" checked[checked];
                        label for=(format!("f-{param}")) { (tr.t_owned(key)) }
                    }
                }
            }
            @if let Some(s) = some(&q.sort) { input type="hidden" name="sort" value=(s); }
            @if let Some(d) = some(&q.dir) { input type="hidden" name="dir" value=(d); }
            button type="submit" { (tr.t("cases.filter")) }
        }
    }
}

/// A sortable column's header: a link sorting by it (the other way round
/// when it is the current one), `aria-sort` on the current one.
impl super::sort::Column for SortColumn {
    const ALL: &'static [SortColumn] = &SortColumn::ALL;
    fn code(self) -> &'static str {
        SortColumn::code(self)
    }
}

/// A column's header: the shared sortable header, keeping the list's filters
/// and going back to the first page.
fn sort_header(
    tr: super::i18n::Tr,
    q: &ListQuery,
    col: SortColumn,
    key: &str,
    current: (SortColumn, bool),
) -> Markup {
    let order = super::sort::Order {
        by: current.0,
        descending: current.1,
    };
    let next_desc = order.by == col && !order.descending;
    order.header(tr, col, key, |_| {
        q.href(&[
            ("sort", Some(col.code().to_owned())),
            (
                "dir",
                Some(if next_desc { "desc" } else { "asc" }.to_owned()),
            ),
            ("page", None),
        ])
    })
}

fn table(
    tr: super::i18n::Tr,
    q: &ListQuery,
    found: &CaseTable,
    current: (SortColumn, bool),
    page: u64,
) -> Markup {
    let first = found.offset + 1;
    let last = found.offset + found.items.len() as u64;
    let pages = found.total.div_ceil(u64::from(found.limit)).max(1);
    html! {
        p class="total" data-total=(found.total) {
            @if found.total == 0 { (tr.t("work.none_found")) }
            @else { (tr.f("work.showing", &[("first", &first), ("last", &last), ("total", &found.total)])) }
        }
        table class="cases" data-rows=(found.items.len()) {
            caption { (tr.f("work.caption", &[("total", &found.total), ("page", &page), ("pages", &pages)])) }
            thead { tr {
                (sort_header(tr, q, SortColumn::Id, "cases.id", current))
                th scope="col" { (tr.t("cases.name")) }
                (sort_header(tr, q, SortColumn::Stage, "cases.stage", current))
                (sort_header(tr, q, SortColumn::Responsible, "cases.responsible", current))
                (sort_header(tr, q, SortColumn::Destination, "cases.destination", current))
                th scope="col" { (tr.t("cases.ready")) }
                th scope="col" { (tr.t("cases.suspended")) }
            } }
            tbody {
                @for f in &found.items {
                    tr {
                        td { a href=(format!("/cases/{}", f.id)) { (f.id) } }
                        td { (name_cell(tr, f)) }
                        td { (view::stage(tr, f.stage)) }
                        td { (view::agency(tr, f.responsible)) }
                        td { (super::view::country_cell(tr, &f.destination.to_string())) }
                        td { (if f.ready { tr.t("value.yes") } else { tr.t("value.no") }) }
                        td { (if f.suspended { tr.t("value.yes") } else { tr.t("value.no") }) }
                    }
                }
            }
        }
        nav class="pager" aria-label=(tr.t("work.pages")) {
            @if page > 1 {
                a href=(q.href(&[("page", Some((page - 1).to_string()))])) rel="prev" { (tr.t("work.prev")) }
            }
            " "
            @if last < found.total {
                a href=(q.href(&[("page", Some((page + 1).to_string()))])) rel="next" { (tr.t("cases.next")) }
            }
        }
    }
}

fn page_of(ctx: &Ctx, caller: &Caller, q: &ListQuery, state: &AppState, body: Markup) -> Markup {
    let tr = ctx.tr;
    layout::page(
        ctx,
        tr.t("cases.title"),
        "/cases",
        html! {
            h1 { (tr.t("cases.title")) }
            @if allowed(caller.principal.agency, caller.principal.role, Permission::CreateCase) {
                p class="new-case" { a href="/cases/new" { (tr.t("reg.link")) } }
            }
            (filters_form(ctx, caller, q, state))
            (body)
        },
    )
}

/// `GET /cases`
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let (sort, descending, page) = match q.sort(tr) {
        Ok(v) => v,
        Err(bad) => {
            let body = html! {
                p class="error" role="alert" data-field=(bad.field) { (tr.f("work.bad_param", &[("field", &bad.field), ("reason", &bad.reason)])) }
            };
            return Ok((
                StatusCode::BAD_REQUEST,
                page_of(&ctx, &caller, &q, &state, body),
            )
                .into_response());
        }
    };
    let (filter, _) = filter_of(&q.params()).or_page(&ctx)?;
    let query = CaseTableQuery {
        filter,
        search: some(&q.q),
        failed_attempt: flag(&q.failed),
        sort,
        descending,
        offset: (page - 1) * u64::from(PAGE_SIZE),
        limit: PAGE_SIZE,
    };
    match state.app.case_table(&caller.app(), &query).await {
        Ok(found) => Ok(page_of(
            &ctx,
            &caller,
            &q,
            &state,
            table(tr, &q, &found, (sort, descending), page),
        )
        .into_response()),
        // A search the reader may not make: said on the list, the term kept.
        Err(AppError::Forbidden {
            field: Some(field), ..
        }) if field == "q" => {
            let kind = query
                .search
                .as_deref()
                .and_then(SearchKind::of)
                .map_or("name", |k| k.code());
            let body = html! {
                p class="error" role="alert" data-field="q" {
                    (tr.f("work.search_refused", &[("kind", &tr.t_owned(&format!("work.search_kind.{kind}")))]))
                }
            };
            Ok((
                StatusCode::FORBIDDEN,
                page_of(&ctx, &caller, &q, &state, body),
            )
                .into_response())
        }
        Err(e) => Err(ApiError::from(e)).or_page(&ctx),
    }
}
