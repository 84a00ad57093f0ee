//! The detention board: every detained person, nearest the limit first, with
//! the facility, basis, days left, the review due and each extension with its
//! reason — as the reader may see them (the location category), audited.

use super::{
    case,
    ctx::{Ctx, OrPage, PageError},
    detention_sort::{self, BoardSort},
    figures, layout, view,
};
use crate::{auth::Caller, problem::ApiError, state::AppState};
use axum::extract::{Query, State};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory, Principal,
    catalogue::{Catalogue, Condition},
    filter::{Derived, FilteredCase, SectionValue},
};

/// The detention actions (extend, review, release) the reader may take on a
/// row, as links to the case page's form for each (the gate decides again
/// when the form is posted).
fn board_actions(
    tr: super::i18n::Tr,
    catalogue: &Catalogue,
    p: &Principal,
    f: &FilteredCase,
) -> Markup {
    let Some(SectionValue::Location {
        detention: Some(placement),
        ..
    }) = f.visible(FieldCategory::Location)
    else {
        return html! {};
    };
    let ids: &[&str] = if placement.basis.is_detention() {
        &[
            "detention_extended",
            "detention_reviewed",
            "detention_ended",
        ]
    } else {
        &[
            "detention_extended.police_custody",
            "detention_ended.police_custody",
        ]
    };
    let rows: Vec<_> = ids
        .iter()
        .filter_map(|id| catalogue.row(id).ok())
        .filter(|r| r.grants(p))
        .filter(|r| !r.conditions.contains(&Condition::Responsible) || f.responsible == p.agency)
        .collect();
    html! {
        ul class="board-actions" {
            @for r in rows {
                li { a href=(format!("/cases/{}?action={}#{}", f.id, r.id, case::form::form_id(r))) data-action=(r.id) { (case::form::name(tr, r)) } }
            }
        }
    }
}

fn row(tr: super::i18n::Tr, f: &FilteredCase, now: jiff::Timestamp, actions: Markup) -> Markup {
    html! {
        tr data-case=(f.id) {
            td { a href=(format!("/cases/{}", f.id)) { (f.id) } (actions) }
            @match f.visible(FieldCategory::Location) {
                Some(SectionValue::Location { detention: Some(p), detention_status: Some(Derived::Withheld(_)), .. }) => {
                    td { (p.facility.as_str()) }
                    td { (tr.t_owned(&format!("code.{}", p.basis.code()))) }
                    td { (view::time(p.started_at)) }
                    td colspan="4" { (view::withheld(tr, tr.t("secrecy.limit_withheld"))) }
                    td {
                        @if p.extensions.is_empty() { (tr.t("value.none")) }
                        ul { @for e in &p.extensions { li { (view::time(e.at)) ": " (tr.t_owned(&format!("code.{}", view::code_of(&e.reason)))) } } }
                    }
                    td class="statute" {}
                }
                Some(SectionValue::Location { detention: Some(p), detention_status: Some(Derived::Shown(st)), .. }) => {
                    td { (p.facility.as_str()) }
                    td { (tr.t_owned(&format!("code.{}", p.basis.code()))) }
                    td { (view::time(p.started_at)) }
                    td { (st.ends_at.map(view::time).unwrap_or_else(|| tr.t("detention.no_cap").to_owned())) }
                    td class=(if st.ends_at.is_some_and(|e| figures::days_until(now, e) < 2.0) { "num hot" } else { "num" }) {
                        (st.ends_at.map(|e| view::days(tr, figures::days_until(now, e))).unwrap_or_default())
                    }
                    td { (tr.t_owned(&format!("code.{}", view::code_of(&st.status)))) @if st.child { " · " (tr.t("detention.child")) } }
                    td { (st.review_due.map(view::time).unwrap_or_default()) }
                    td {
                        @if p.extensions.is_empty() { (tr.t("value.none")) }
                        ul { @for e in &p.extensions { li { (view::time(e.at)) ": " (tr.t_owned(&format!("code.{}", view::code_of(&e.reason)))) } } }
                    }
                    td class="statute" { (st.statute) }
                }
                _ => {
                    @let reason = f.section(FieldCategory::Location).and_then(|s| view::withheld_reason(tr, s)).unwrap_or_default();
                    td colspan="9" { (view::withheld(tr, reason)) }
                }
            }
        }
    }
}

/// `?within=N`: only the limits due within N days (the start page's task);
/// `?sort=limit|review|facility|started|case&dir=asc|desc`.
#[derive(Debug, Default, serde::Deserialize)]
pub struct BoardQuery {
    within: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
}

impl BoardQuery {
    fn order(&self, tr: super::i18n::Tr) -> Result<(BoardSort, bool), ApiError> {
        let by = match self.sort.as_deref().filter(|s| !s.is_empty()) {
            None => BoardSort::Limit,
            Some(s) => BoardSort::parse(s).ok_or_else(|| {
                let allowed = BoardSort::ALL.map(BoardSort::code).join(", ");
                let mut e = ApiError::bad_request("sort", format!("expected one of {allowed}"));
                e.problem.detail_sv = Some(tr.f("work.bad_sort", &[("allowed", &allowed)]));
                e
            })?,
        };
        let descending = match self.dir.as_deref().filter(|s| !s.is_empty()) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => {
                let mut e = ApiError::bad_request("dir", "expected asc or desc");
                e.problem.detail_sv = Some(tr.t("work.bad_dir").to_owned());
                return Err(e);
            }
        };
        Ok((by, descending))
    }

    /// A column's header: a link sorting by it (the other way round when it
    /// is the current one), `aria-sort` on the current one.
    fn header(&self, tr: super::i18n::Tr, col: BoardSort, key: &str, current: (BoardSort, bool)) -> Markup {
        let on = current.0 == col;
        let dir = if on && !current.1 { "desc" } else { "asc" };
        let mut href = format!("/detention?sort={}&dir={dir}", col.code());
        if let Some(w) = self.within.as_deref().filter(|w| !w.is_empty()) {
            href.push_str("&within=");
            href.push_str(&form_urlencoded::byte_serialize(w.as_bytes()).collect::<String>());
        }
        let aria = match (on, current.1) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        html! {
            th scope="col" aria-sort=(aria) data-sort=(col.code()) {
                a href=(href) { (tr.t(key)) @if on { (if current.1 { " ▼" } else { " ▲" }) } }
            }
        }
    }
}

/// `GET /detention`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(bq): Query<BoardQuery>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let now = state.clock.now();
    let within = super::picture::within_days(tr, bq.within.as_deref()).or_page(&ctx)?;
    let order = bq.order(tr).or_page(&ctx)?;
    let board = match within {
        Some(days) => state.app.detention_due(&caller.app(), days).await,
        None => state.app.detention_board(&caller.app()).await,
    }
    .or_page(&ctx)?;
    let facilities = board.facilities;
    let mut shown = board.detained;
    detention_sort::sort(&mut shown, order.0, order.1);
    Ok(layout::page(
        &ctx,
        tr.t("detention.title"),
        "/detention",
        html! {
            h1 { (tr.t("detention.title")) }
            @if let Some(days) = within {
                p class="filtered" { (tr.f("work.due_within", &[("n", &days)])) " " a href="/detention" { (tr.t("work.show_all")) } }
            }
            ul class="facilities" {
                @for f in &facilities {
                    li { (f.facility.name) " (" (f.facility.id.as_str()) "): " (f.occupied) " / " (f.facility.capacity) }
                }
            }
            // A wide table scrolls inside its region; the page never grows
            // wider than the window.
            div class="table-scroll" tabindex="0" role="region" aria-label=(tr.t("nav.detention")) {
            table class="detention" data-rows=(shown.len()) {
                caption { (tr.f("detention.count", &[("n", &shown.len())])) }
                thead { tr {
                    (bq.header(tr, BoardSort::Case, "cases.id", order))
                    (bq.header(tr, BoardSort::Facility, "picture.facility", order))
                    th scope="col" { (tr.t("detention.basis")) }
                    (bq.header(tr, BoardSort::Started, "detention.started", order))
                    (bq.header(tr, BoardSort::Limit, "picture.limit", order))
                    th scope="col" { (tr.t("picture.left")) }
                    th scope="col" { (tr.t("detention.status")) }
                    (bq.header(tr, BoardSort::Review, "detention.review_due", order))
                    th scope="col" { (tr.t("detention.extensions")) }
                    th scope="col" { (tr.t("case.statute")) }
                } }
                tbody { @for f in &shown { (row(tr, f, now, board_actions(tr, state.app.catalogue(), &caller.principal, f))) } }
            }
            }
        },
    ))
}
