//! One action of the catalogue as a page form: its fields (from the row's
//! `fields`), the help and the statute in the reader's language, and — after
//! a refusal — what was typed, with the field and the rule named. Reading a
//! posted form back into an event payload is `payload`.

use crate::{problem::ApiError, web::i18n::Tr};
use maud::{Markup, html};
use opcentrum_access::catalogue::{ActionRow, Field, FieldKind};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What was typed into a form, by field name (`f.<name>`, `note`).
pub type Typed = HashMap<String, String>;

/// A form answered with a refusal: the message, the field at fault (a form
/// field's name, when one is) and the statute or rule named.
#[derive(Debug, Clone)]
pub struct Refused {
    pub status: u16,
    pub message: String,
    pub field: Option<String>,
    pub statute: Option<String>,
}

impl Refused {
    /// A refusal of the gate, the law or the store, in the reader's language.
    pub fn of(tr: Tr, row: &ActionRow, e: &ApiError) -> Refused {
        let p = &e.problem;
        let message = match (tr.lang, &p.detail_sv) {
            (super::super::i18n::Lang::Sv, Some(sv)) => sv.clone(),
            (super::super::i18n::Lang::Sv, None) => sv_of_status(tr, e.status.as_u16()),
            _ => p.detail.clone(),
        };
        let field = p.errors.iter().find_map(|fe| {
            let name = fe.field.strip_prefix("event.").unwrap_or(&fe.field);
            row.fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.name.to_owned())
        });
        Refused {
            status: e.status.as_u16(),
            message,
            field,
            statute: p.statute.clone(),
        }
    }
}

/// A Swedish sentence for an answer that has none of its own.
fn sv_of_status(tr: Tr, status: u16) -> String {
    match status {
        403 => tr.t("act.refused.forbidden").to_owned(),
        404 => tr.t("act.refused.not_found").to_owned(),
        409 => tr.t("act.refused.conflict").to_owned(),
        _ => tr.t("act.refused.invalid").to_owned(),
    }
}

/// The label of a field (`act.field.<name>`).
pub fn label(tr: Tr, f: &Field) -> &'static str {
    tr.t_owned(&format!("act.field.{}", f.name))
}

/// The help of a row's field (`act.help.<row>.<field>`, [`ActionRow::help`]).
pub fn help(tr: Tr, row: &ActionRow, f: &Field) -> &'static str {
    row.help(f, tr.lang)
}

pub fn name(tr: Tr, row: &ActionRow) -> &'static str {
    row.name(tr.lang)
}

pub fn about(tr: Tr, row: &ActionRow) -> &'static str {
    tr.t_owned(&format!("act.about.{}", row.id))
}

pub fn choice(tr: Tr, code: &str) -> &'static str {
    tr.t_owned(&format!("act.choice.{code}"))
}

/// The element id of a row's form and of its fields.
pub fn form_id(row: &ActionRow) -> String {
    format!("action-{}", row.id.replace('.', "-"))
}

fn input_id(row: &ActionRow, f: &Field) -> String {
    format!("{}-{}", form_id(row), f.name.replace('.', "-"))
}

/// Fields the page fills in itself (the handover's id): sent hidden.
fn hidden(f: &Field) -> bool {
    f.name == "handover"
}

/// The form of one row. `values` are the prefilled or typed values by field
/// name; `refused` opens the form with the refusal shown.
pub struct FormOf<'a> {
    pub action: String,
    pub csrf: &'a str,
    pub version: Option<u64>,
    pub row: &'a ActionRow,
    pub values: &'a Typed,
    pub refused: Option<&'a Refused>,
    pub back: Option<String>,
    /// Shown open (a refusal, or a link asked for this action).
    pub open: bool,
    /// Other open members of the case's family the action may be recorded
    /// for in the same write (`detention_started`: a child and the guardian
    /// held with it, UtlL 10 kap. 3 §); empty elsewhere.
    pub members: &'a [Member],
}

/// A family member offered for recording together (`together.<case>` = version).
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub version: u64,
    pub label: String,
}

/// The form field of a member recorded together with the case.
pub const TOGETHER: &str = "together.";

/// The actions a family member may be recorded together for.
pub fn takes_members(row: &ActionRow) -> bool {
    row.id == "detention_started"
}

pub fn render(tr: Tr, form: &FormOf<'_>) -> Markup {
    let row = form.row;
    let id = form_id(row);
    let err_id = format!("{id}-error");
    let value = |name: &str| form.values.get(name).cloned().unwrap_or_default();
    html! {
        details class="action-form" id=(id) data-action=(row.id) open[form.open || form.refused.is_some()] {
            summary { (name(tr, row)) @if row.second_person.is_some() { " " span class="badge" { (tr.t("act.two_persons")) } } }
            div class="action-body" {
                p class="about" { (about(tr, row)) }
                p class="statute" { (tr.t("act.statute")) ": " (row.legal_ground) }
                @if let Some(s) = row.second_person {
                    p class="two-persons" {
                        (tr.f("act.second_person", &[("role", &tr.t_owned(&format!("role.{}", s.role.code())).to_lowercase())]))
                    }
                }
                @if let Some(r) = form.refused {
                    div class="refusal" role="alert" id=(err_id) data-status=(r.status) {
                        p { strong { (tr.t("act.refused")) } " " (r.message) }
                        @if let Some(f) = r.field.as_deref().and_then(|n| row.fields.iter().find(|x| x.name == n)) {
                            p data-field=(f.name) { (tr.t("act.refused.field")) ": " strong { (label(tr, f)) } }
                        }
                        @if let Some(s) = &r.statute {
                            p { (tr.t("act.refused.rule")) ": " (s) }
                        }
                        @if let Some(back) = &form.back {
                            p { a href=(back) { (tr.t("act.back")) } }
                        }
                    }
                }
                form method="post" action=(form.action.as_str()) {
                    input type="hidden" name="_csrf" value=(form.csrf);
                    @if let Some(v) = form.version {
                        input type="hidden" name="expected_version" value=(v);
                    }
                    @for f in row.fields {
                        @let name = format!("f.{}", f.name);
                        @let iid = input_id(row, f);
                        @let hid = format!("{iid}-help");
                        @let bad = form.refused.and_then(|r| r.field.as_deref()) == Some(f.name);
                        @if hidden(f) {
                            input type="hidden" name=(name) value=(value(&name));
                        } @else {
                            div class=(if bad { "field invalid" } else { "field" }) data-field=(f.name) {
                                label for=(iid) { (label(tr, f)) @if f.required { " " span class="req" aria-hidden="true" { "*" } } }
                                (input(tr, f, &iid, &name, &value(&name), &hid, bad, &err_id))
                                p class="help" id=(hid) { (help(tr, row, f)) }
                            }
                        }
                    }
                    @if takes_members(row) && !form.members.is_empty() {
                        fieldset class="field together" data-field="together" {
                            legend { (tr.t("act.together")) }
                            @for m in form.members {
                                @let name = format!("{TOGETHER}{}", m.id);
                                @let iid = format!("{id}-together-{}", m.id);
                                div class="check" {
                                    input id=(iid) type="checkbox" name=(name) value=(m.version) checked[form.values.contains_key(&name)];
                                    " "
                                    label for=(iid) { (m.label) }
                                }
                            }
                            p class="help" { (tr.t("act.together.help")) }
                        }
                    }
                    @if !row.fields.iter().any(|f| f.name == "reason" && f.kind == FieldKind::Text) {
                        div class="field" {
                            @let nid = format!("{id}-note");
                            label for=(nid) { (tr.t("act.note")) }
                            input id=(nid) name="note" type="text" maxlength="500" value=(value("note"));
                        }
                    }
                    button type="submit" { (tr.t("act.submit")) ": " (self::name(tr, row)) }
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn input(
    tr: Tr,
    f: &Field,
    id: &str,
    name: &str,
    value: &str,
    help: &str,
    bad: bool,
    err: &str,
) -> Markup {
    let described = if bad {
        format!("{help} {err}")
    } else {
        help.to_owned()
    };
    let invalid = bad.then_some("true");
    match f.kind {
        FieldKind::Choice(codes) => html! {
            select id=(id) name=(name) required[f.required] aria-describedby=(described) aria-invalid=[invalid] {
                @if !f.required || codes.len() > 1 {
                    option value="" selected[value.is_empty()] { (tr.t("act.choose")) }
                }
                @for c in codes {
                    option value=(c) selected[value == *c || (codes.len() == 1 && value.is_empty())] { (choice(tr, c)) }
                }
            }
        },
        FieldKind::Bool if f.required => html! {
            select id=(id) name=(name) required aria-describedby=(described) aria-invalid=[invalid] {
                option value="" selected[value.is_empty()] { (tr.t("act.choose")) }
                option value="true" selected[value == "true"] { (tr.t("value.yes")) }
                option value="false" selected[value == "false"] { (tr.t("value.no")) }
            }
        },
        FieldKind::Bool => html! {
            input id=(id) name=(name) type="checkbox" value="true" checked[value == "true"] aria-describedby=(described) aria-invalid=[invalid];
        },
        FieldKind::Date => html! {
            input id=(id) name=(name) type="date" value=(value) required[f.required] aria-describedby=(described) aria-invalid=[invalid];
        },
        FieldKind::Timestamp => html! {
            input id=(id) name=(name) type="datetime-local" value=(value) required[f.required] aria-describedby=(described) aria-invalid=[invalid];
        },
        FieldKind::Country => html! {
            input id=(id) name=(name) type="text" value=(value) required[f.required] maxlength="2" pattern="[A-Za-z]{2}" autocomplete="off" aria-describedby=(described) aria-invalid=[invalid];
        },
        FieldKind::Id | FieldKind::Text | FieldKind::CaseIds => html! {
            input id=(id) name=(name) type="text" value=(value) required[f.required] maxlength="500" aria-describedby=(described) aria-invalid=[invalid];
        },
    }
}

/// A field at fault while reading the form, in the reader's language.
#[derive(Debug, Clone)]
pub struct BadField {
    pub field: &'static str,
    pub message: String,
}

impl BadField {
    pub fn refused(&self, tr: Tr, row: &ActionRow) -> Refused {
        let label = row
            .fields
            .iter()
            .find(|f| f.name == self.field)
            .map(|f| label(tr, f))
            .unwrap_or_default();
        Refused {
            status: 422,
            message: format!("{label}: {}", self.message),
            field: Some(self.field.to_owned()),
            statute: None,
        }
    }
}

/// A local time from a `datetime-local` field (Stockholm time), or RFC 3339.
fn timestamp(s: &str) -> Option<jiff::Timestamp> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    let dt: jiff::civil::DateTime = s.parse().ok()?;
    dt.to_zoned(opcentrum_domain::time::stockholm())
        .ok()
        .map(|z| z.timestamp())
}

/// A timestamp as a `datetime-local` field shows it, in Stockholm time.
pub fn local(t: jiff::Timestamp) -> String {
    t.to_zoned(opcentrum_domain::time::stockholm())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

fn put(map: &mut Map<String, Value>, path: &str, v: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let child = map
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = child {
                put(m, rest, v);
            }
        }
        None => {
            map.insert(path.to_owned(), v);
        }
    }
}

/// The event payload of a posted form: each of the row's fields checked by
/// its kind (the first one at fault is named), as the event's JSON.
pub fn payload(tr: Tr, row: &ActionRow, typed: &Typed) -> Result<Value, BadField> {
    let mut map = Map::new();
    map.insert(
        "type".into(),
        Value::String(row.event.unwrap_or_default().to_owned()),
    );
    for f in row.fields {
        let raw = typed
            .get(&format!("f.{}", f.name))
            .map(|s| s.trim())
            .unwrap_or("");
        let bad = |key: &str| BadField {
            field: f.name,
            message: tr.t_owned(key).to_owned(),
        };
        if raw.is_empty() {
            match f.kind {
                FieldKind::Bool if !f.required => {
                    put(&mut map, f.name, Value::Bool(false));
                    continue;
                }
                _ if f.required => return Err(bad("act.error.required")),
                _ => continue,
            }
        }
        let v = match f.kind {
            FieldKind::Date => {
                if raw.parse::<jiff::civil::Date>().is_err() {
                    return Err(bad("act.error.date"));
                }
                Value::String(raw.to_owned())
            }
            FieldKind::Timestamp => match timestamp(raw) {
                Some(t) => Value::String(t.to_string()),
                None => return Err(bad("act.error.time")),
            },
            FieldKind::Bool => match raw {
                "true" | "on" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => return Err(bad("act.error.choice")),
            },
            FieldKind::Choice(codes) => {
                if !codes.contains(&raw) {
                    return Err(bad("act.error.choice"));
                }
                Value::String(raw.to_owned())
            }
            FieldKind::Country => {
                let up = raw.to_ascii_uppercase();
                if opcentrum_domain::Country::parse(&up).is_err() {
                    return Err(bad("act.error.country"));
                }
                Value::String(up)
            }
            FieldKind::Id => {
                // Every id of the domain follows the same rules.
                if opcentrum_domain::ids::FacilityId::parse(raw).is_err() {
                    return Err(bad("act.error.id"));
                }
                Value::String(raw.to_owned())
            }
            FieldKind::CaseIds => {
                let mut ids = Vec::new();
                for part in raw.split([',', ' ']).filter(|p| !p.is_empty()) {
                    if opcentrum_domain::ids::CaseId::parse(part).is_err() {
                        return Err(bad("act.error.id"));
                    }
                    ids.push(Value::String(part.to_owned()));
                }
                Value::Array(ids)
            }
            FieldKind::Text => {
                if raw.chars().any(char::is_control) || raw.chars().count() > 500 {
                    return Err(bad("act.error.text"));
                }
                Value::String(raw.to_owned())
            }
        };
        put(&mut map, f.name, v);
    }
    // The handover's target is the row's variant.
    match row.id {
        "handover_proposed.police" => put(&mut map, "to.agency", Value::String("police".into())),
        "handover_proposed.nte" => put(&mut map, "to.agency", Value::String("nte".into())),
        _ => {}
    }
    Ok(Value::Object(map))
}

/// The payload's JSON as an event, or the field serde names as at fault.
pub fn event_of(
    tr: Tr,
    row: &ActionRow,
    v: Value,
) -> Result<opcentrum_domain::EventKind, BadField> {
    serde_json::from_value(v).map_err(|e| {
        let text = e.to_string();
        let field = row
            .fields
            .iter()
            .find(|f| {
                let last = f.name.rsplit('.').next().unwrap_or(f.name);
                text.contains(&format!("`{last}`")) || text.contains(f.name)
            })
            .or_else(|| row.fields.first());
        BadField {
            field: field.map(|f| f.name).unwrap_or(""),
            message: tr.t("act.error.value").to_owned(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;
    use opcentrum_access::catalogue::Catalogue;

    /// Every catalogue row has its name and help, every field its label and
    /// help, every choice its text — in both languages, none empty.
    #[test]
    fn every_catalogue_row_has_its_texts_in_both_languages() {
        let mut missing = Vec::new();
        for lang in [Lang::Sv, Lang::En] {
            let tr = Tr::new(lang);
            let mut need = |key: String| {
                if tr.try_t(&key).is_none_or(str::is_empty) {
                    missing.push(format!("{}: {key}", lang.code()));
                }
            };
            for row in Catalogue::builtin().rows() {
                need(format!("act.name.{}", row.id));
                need(format!("act.about.{}", row.id));
                for f in row.fields {
                    need(format!("act.field.{}", f.name));
                    need(format!("act.help.{}.{}", row.id, f.name));
                    if let FieldKind::Choice(codes) = f.kind {
                        for c in codes {
                            need(format!("act.choice.{c}"));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing texts: {missing:?}");
    }

    fn row(id: &str) -> &'static ActionRow {
        Catalogue::builtin().row(id).expect("row")
    }

    #[test]
    fn a_form_becomes_the_event_payload_with_nested_fields() {
        let tr = Tr::new(Lang::En);
        let typed: Typed = [("f.handover", "HO-1"), ("f.to.reason", "absconded")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let r = row("handover_proposed.police");
        let v = payload(tr, r, &typed).expect("payload");
        assert_eq!(
            v,
            serde_json::json!({"type": "handover_proposed", "handover": "HO-1",
                "to": {"agency": "police", "reason": "absconded"}})
        );
        assert!(event_of(tr, r, v).is_ok());
    }

    #[test]
    fn a_bad_field_is_named_in_the_readers_language() {
        let tr = Tr::new(Lang::Sv);
        let r = row("detention_started");
        let typed: Typed = [
            ("f.facility", "F-1"),
            ("f.basis", "enforcement"),
            ("f.started_at", "igår"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let bad = payload(tr, r, &typed).expect_err("bad time");
        assert_eq!(bad.field, "started_at");
        let refused = bad.refused(tr, r);
        assert_eq!(
            refused.message,
            "Började: måste vara en tidpunkt (datum och klockslag)"
        );
        let missing = payload(tr, r, &Typed::new()).expect_err("missing");
        assert_eq!(missing.field, "facility");
        assert_eq!(missing.message, "måste fyllas i");
    }

    #[test]
    fn a_local_time_is_read_in_stockholm_time() {
        assert_eq!(
            timestamp("2026-12-08T10:00").map(|t| t.to_string()),
            Some("2026-12-08T09:00:00Z".to_owned())
        );
        assert_eq!(
            local("2026-12-08T09:00:00Z".parse().expect("t")),
            "2026-12-08T10:00"
        );
    }
}
