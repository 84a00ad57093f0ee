//! The case page's summaries: the detention limit counting down (days left
//! and the date, or withheld where the reader may not know it), and a link
//! to the family's cases.

use crate::web::{figures, i18n::Tr, view};
use maud::{Markup, html};
use opcentrum_access::{
    FieldCategory,
    filter::{Derived, FilteredCase, SectionValue},
};

/// The current detention and its limit, first on the page.
pub fn limit(tr: Tr, f: &FilteredCase, now: jiff::Timestamp) -> Markup {
    let Some(SectionValue::Location {
        detention: Some(p),
        detention_status,
        ..
    }) = f.visible(FieldCategory::Location)
    else {
        return html! {};
    };
    html! {
        section class="card limit" aria-labelledby="h-limit" data-detained="true" {
            h2 id="h-limit" { (tr.t("sum.detention")) }
            dl class="meta" {
                div { dt { (tr.t("sum.facility")) } dd { (p.facility.as_str()) } }
                div { dt { (tr.t("sum.basis")) } dd { (tr.t_owned(&format!("code.{}", p.basis.code()))) } }
                div { dt { (tr.t("sum.since")) } dd { (view::time(p.started_at)) } }
                @match detention_status {
                    Some(Derived::Shown(st)) => {
                        @match st.ends_at {
                            Some(end) => {
                                @let left = figures::days_until(now, end);
                                div class=(if left < 2.0 { "countdown hot" } else { "countdown" }) {
                                    dt { (tr.t("sum.limit")) }
                                    dd data-days-left=(format!("{left:.1}")) {
                                        strong { (tr.f("sum.days_left", &[("n", &format!("{:.0}", left.floor().max(0.0)))])) }
                                        " · " time datetime=(end.to_string()) { (view::time(end)) }
                                    }
                                }
                            }
                            None => { div { dt { (tr.t("sum.limit")) } dd { (tr.t("detention.no_cap")) } } }
                        }
                        @if let Some(r) = st.review_due {
                            div { dt { (tr.t("sum.review_due")) } dd { (view::time(r)) } }
                        }
                        div { dt { (tr.t("case.statute")) } dd class="statute" { (st.statute) } }
                    }
                    Some(Derived::Withheld(_)) => {
                        div { dt { (tr.t("sum.limit")) } dd { (view::withheld(tr, tr.t("secrecy.limit_withheld"))) } }
                    }
                    None => {}
                }
            }
        }
    }
}

/// The family's id, where the reader may see it.
pub fn family_of(f: &FilteredCase) -> Option<String> {
    match f.visible(FieldCategory::Family) {
        Some(SectionValue::Family {
            family: Some(family),
        }) => Some(family.to_string()),
        _ => None,
    }
}

/// Members of a family listed on a case page; the rest behind the list's link.
pub const FAMILY_SHOWN: u32 = 20;

/// The family: a link to each other member (name where the reader may read
/// identity, stage) and to the family's cases in the case list.
pub fn family(tr: Tr, f: &FilteredCase, members: &[FilteredCase]) -> Markup {
    let Some(family) = family_of(f) else {
        return html! {};
    };
    html! {
        div class="family-links" {
            h3 { (tr.t("sum.family")) }
            @if !members.is_empty() {
                ul class="family-members" {
                    @for m in members {
                        li data-member=(m.id) {
                            a href=(format!("/cases/{}", m.id)) {
                                @if let Some(name) = name_of(m) { (name) " (" (m.id) ")" } @else { (m.id) }
                            }
                            " · " (view::stage(tr, m.stage))
                        }
                    }
                }
            }
            p { a href=(format!("/cases?family={family}")) data-family=(family) { (tr.f("sum.family_link", &[("family", &family)])) } }
        }
    }
}

/// The family's open members, as the detention form offers them for
/// recording together (name where the reader may read identity, stage).
pub fn together(tr: Tr, members: &[FilteredCase]) -> Vec<super::form::Member> {
    members
        .iter()
        .filter(|m| !m.stage.is_closed())
        .map(|m| super::form::Member {
            id: m.id.clone(),
            version: m.version,
            label: match name_of(m) {
                Some(name) => format!("{name} ({}) · {}", m.id, view::stage(tr, m.stage)),
                None => format!("{} · {}", m.id, view::stage(tr, m.stage)),
            },
        })
        .collect()
}

/// The person's name, where the reader may read identity.
fn name_of(f: &FilteredCase) -> Option<String> {
    match f.visible(FieldCategory::Identity) {
        Some(SectionValue::Identity { person }) => {
            Some(format!("{} {}", person.given_name, person.family_name))
        }
        _ => None,
    }
}
