//! Rendering pieces the pages share: names from the catalogues, times in
//! Stockholm time, a filtered case's categories (visible with the legal basis,
//! or withheld with the reason — never silently dropped).

use super::i18n::{Lang, Tr};
use jiff::Timestamp;
use maud::{Markup, html};
use opcentrum_access::filter::{FilteredCase, Section, SectionAccess, UnmetView};
use serde_json::Value;

/// The serde code of an enum value (`absconded`, `enforcement`, …).
pub fn code_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn stage(tr: Tr, s: opcentrum_domain::Stage) -> &'static str {
    tr.t_owned(&format!("stage.{}", s.code()))
}

pub fn agency(tr: Tr, a: opcentrum_domain::Agency) -> &'static str {
    tr.t_owned(&format!("agency.{}", a.code()))
}

pub fn category(tr: Tr, c: opcentrum_access::FieldCategory) -> &'static str {
    tr.t_owned(&format!("category.{}", c.code()))
}

/// A moment in Stockholm time, to the minute.
pub fn time(t: Timestamp) -> String {
    t.to_zoned(opcentrum_domain::time::stockholm())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

pub fn days(tr: Tr, d: f64) -> String {
    tr.f("unit.days", &[("n", &format!("{d:.1}"))])
}

/// The reason a category is withheld, in the reader's language.
pub fn withheld_reason(tr: Tr, s: &Section) -> Option<&str> {
    match &s.access {
        SectionAccess::Withheld {
            reason_en,
            reason_sv,
        } => Some(if tr.lang == Lang::Sv {
            reason_sv
        } else {
            reason_en
        }),
        SectionAccess::Visible { .. } => None,
    }
}

/// "Withheld" with its reason, marked for tests and screen readers alike.
pub fn withheld(tr: Tr, reason: &str) -> Markup {
    html! {
        span class="withheld" data-withheld="true" {
            strong { (tr.t("secrecy.withheld")) } " — " (reason)
        }
    }
}

pub fn unmet_text(tr: Tr, u: &UnmetView) -> &str {
    if tr.lang == Lang::Sv {
        &u.text_sv
    } else {
        &u.text_en
    }
}

/// A country's name in the reader's language (ISO 3166-1 alpha-2, the
/// catalogue's `countries` area); the code itself for one it does not know.
pub fn country(tr: Tr, code: &str) -> String {
    tr.try_t(&format!("country.{code}"))
        .map(str::to_owned)
        .unwrap_or_else(|| code.to_owned())
}

/// A country as a page shows it: its name, the code kept in `title` and
/// `data-country` for those who work by codes.
pub fn country_cell(tr: Tr, code: &str) -> Markup {
    html! { span data-country=(code) title=(code) { (country(tr, code)) } }
}

/// The fields of a section whose value is a country code.
const COUNTRY_FIELDS: [&str; 3] = ["citizenship", "destination", "country"];

/// A JSON value of a visible section as a definition list; keys and codes from
/// the catalogue (`field.*`, `code.*`), times in Stockholm time, country codes
/// as names.
pub fn value(tr: Tr, v: &Value) -> Markup {
    match v {
        Value::Null => html! { span class="none" { (tr.t("value.none")) } },
        Value::Bool(b) => html! { (if *b { tr.t("value.yes") } else { tr.t("value.no") }) },
        Value::Number(n) => html! { (n.to_string()) },
        Value::String(s) => {
            if let Ok(t) = s.parse::<Timestamp>() {
                html! { (time(t)) }
            } else if let Some(text) = tr.try_t(&format!("code.{s}")) {
                html! { (text) }
            } else if let Some(rule) = rule_named(s) {
                // A rule's id: its name, statute and wording in the reader's language.
                html! {
                    strong { (rule.name(tr.lang)) } " (" (rule.statute) ") — " (rule.text(tr.lang))
                }
            } else {
                html! { (s) }
            }
        }
        Value::Array(items) if items.is_empty() => {
            html! { span class="none" { (tr.t("value.none")) } }
        }
        Value::Array(items) => html! {
            ul { @for i in items { li { (value(tr, i)) } } }
        },
        Value::Object(map) => html! {
            dl {
                @for (k, v) in map {
                    dt { (tr.t_owned(&format!("field.{k}"))) }
                    dd {
                        @match v {
                            Value::String(code) if COUNTRY_FIELDS.contains(&k.as_str()) => { (country_cell(tr, code)) }
                            _ => { (value(tr, v)) }
                        }
                    }
                }
            }
        },
    }
}

/// Every category of a case: visible with its fields and legal basis, or withheld.
pub fn sections(tr: Tr, case: &FilteredCase) -> Markup {
    html! {
        @for s in &case.sections {
            section class="category" data-category=(s.category.code()) aria-labelledby=(format!("cat-{}", s.category.code())) {
                h3 id=(format!("cat-{}", s.category.code())) { (category(tr, s.category)) }
                @match &s.access {
                    SectionAccess::Visible { legal_basis, value: v } => {
                        p class="basis" { (tr.t("secrecy.legal_basis")) ": " (legal_basis) }
                        (value(tr, &serde_json::to_value(v).unwrap_or(Value::Null)))
                    }
                    SectionAccess::Withheld { .. } => {
                        p { (withheld(tr, withheld_reason(tr, s).unwrap_or_default())) }
                    }
                }
            }
        }
    }
}

/// A form field's text, trimmed; an empty field is "not given".
pub fn some(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A form check box or yes/no field ("true"/"on" is yes).
pub fn flag(s: &Option<String>) -> Option<bool> {
    some(s).map(|v| v == "true" || v == "on")
}

/// The newest version of the legal rule with this id, if `s` is one.
fn rule_named(s: &str) -> Option<&'static opcentrum_domain::rules::LegalRule> {
    static RULES: std::sync::LazyLock<Vec<opcentrum_domain::rules::LegalRule>> =
        std::sync::LazyLock::new(opcentrum_domain::rules::default_rules);
    let id: opcentrum_domain::RuleId = serde_json::from_value(Value::String(s.to_owned())).ok()?;
    RULES.iter().rev().find(|r| r.id == id)
}
