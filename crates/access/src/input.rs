//! One input policy for every text field that reaches the service (issue 17),
//! pure so that the server applies it to every body, form, query and path
//! before any handler or the store sees them:
//!
//! - no control character anywhere (NUL included: PostgreSQL cannot store it);
//!   free text may hold line breaks and tabs (a reason typed in a text area);
//! - in names and ids also no invisible or direction-changing character
//!   (bidi overrides and isolates, zero-width spaces and joiners, the BOM,
//!   the soft hyphen), which would let two names look alike;
//! - every date within 1900–2100, a birth date not in the future.

use jiff::{Timestamp, civil::Date};
use serde_json::Value;

/// What a text field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Free text (reasons, comments, notes): line breaks and tabs allowed.
    Free,
    /// A name or an identifier: nothing invisible.
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct InputError {
    pub field: String,
    pub reason: String,
}

fn err(field: &str, reason: String) -> InputError {
    InputError {
        field: field.to_owned(),
        reason,
    }
}

/// Invisible or direction-changing characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Checks one text field.
pub fn check_text(field: &str, value: &str, kind: TextKind) -> Result<(), InputError> {
    for c in value.chars() {
        if c == '\0' {
            return Err(err(field, "must not contain NUL (U+0000)".into()));
        }
        let allowed_control = kind == TextKind::Free && matches!(c, '\n' | '\r' | '\t');
        if c.is_control() && !allowed_control {
            return Err(err(
                field,
                format!("must not contain the control character U+{:04X}", c as u32),
            ));
        }
        if matches!(c, '\u{FFFE}' | '\u{FFFF}') {
            return Err(err(
                field,
                format!("must not contain the non-character U+{:04X}", c as u32),
            ));
        }
        if kind == TextKind::Name && is_invisible(c) {
            return Err(err(
                field,
                format!(
                    "must not contain the invisible or direction-changing character U+{:04X}",
                    c as u32
                ),
            ));
        }
    }
    Ok(())
}

/// The range every date must fall in.
pub const FIRST_YEAR: i16 = 1900;
pub const LAST_YEAR: i16 = 2100;

/// Checks a date: 1900–2100; a birth date not after `today`.
pub fn check_date(field: &str, d: Date, birth: bool, today: Date) -> Result<(), InputError> {
    if d.year() < FIRST_YEAR || d.year() > LAST_YEAR {
        return Err(err(
            field,
            format!("{d} is outside the plausible range {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31"),
        ));
    }
    if birth && d > today {
        return Err(err(
            field,
            format!("a birth date cannot be in the future ({d} is after {today})"),
        ));
    }
    Ok(())
}

fn check_timestamp(field: &str, t: Timestamp) -> Result<(), InputError> {
    let year = t.to_zoned(jiff::tz::TimeZone::UTC).year();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(err(
            field,
            format!("{t} is outside the plausible range {FIRST_YEAR}–{LAST_YEAR}"),
        ));
    }
    Ok(())
}

/// JSON keys whose values are names or identifiers.
pub fn is_name_field(key: &str) -> bool {
    matches!(
        key,
        "user"
            | "user_name"
            | "display_name"
            | "given_name"
            | "family_name"
            | "name"
            | "case_id"
            | "person_id"
            | "id"
            | "dossier_number"
            | "family_id"
            | "trip_id"
            | "escort_id"
            | "facility_id"
            | "proposal_id"
            | "label"
    )
}

fn is_birth_field(key: &str) -> bool {
    matches!(key, "birth_date" | "date_of_birth" | "born_on")
}

/// A string that reads as a date or a time is one: bounded.
fn check_temporal(field: &str, key: &str, s: &str, today: Date) -> Result<(), InputError> {
    if s.len() > 40 || !s.contains('-') {
        return Ok(());
    }
    let first = s.chars().next().unwrap_or(' ');
    if !(first.is_ascii_digit() || first == '+' || first == '-') {
        return Ok(());
    }
    if let Ok(d) = s.parse::<Date>()
        && !s.contains('T')
    {
        return check_date(field, d, is_birth_field(key), today);
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return check_timestamp(field, t);
    }
    Ok(())
}

/// Checks every string of a JSON document (keys too) and bounds every date,
/// naming the first bad field by its path (`person.given_name`, `rows[3].note`).
pub fn check_json(value: &Value, today: Date) -> Result<(), InputError> {
    walk(value, "", "", today)
}

fn walk(v: &Value, path: &str, key: &str, today: Date) -> Result<(), InputError> {
    match v {
        Value::String(s) => {
            let field = if path.is_empty() { "body" } else { path };
            let kind = if is_name_field(key) {
                TextKind::Name
            } else {
                TextKind::Free
            };
            check_text(field, s, kind)?;
            check_temporal(field, key, s, today)
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), key, today)?;
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, item) in map {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                check_text(&child, k, TextKind::Name)?;
                walk(item, &child, k, today)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Checks a query parameter or path segment (names, ids, codes, dates).
pub fn check_param(field: &str, value: &str, today: Date) -> Result<(), InputError> {
    check_text(field, value, TextKind::Name)?;
    check_temporal(field, field, value, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> Date {
        jiff::civil::date(2026, 12, 8)
    }

    #[test]
    fn control_characters_are_refused_everywhere_line_breaks_only_in_free_text() {
        assert!(check_text("r", "two\nlines\tand tab", TextKind::Free).is_ok());
        let e = check_text("r", "a\u{0}b", TextKind::Free).unwrap_err();
        assert_eq!(e.to_string(), "r: must not contain NUL (U+0000)");
        let e = check_text("n", "a\nb", TextKind::Name).unwrap_err();
        assert_eq!(e.reason, "must not contain the control character U+000A");
        assert!(check_text("r", "bell\u{7}", TextKind::Free).is_err());
        assert!(check_text("r", "c1\u{85}", TextKind::Free).is_err());
    }

    #[test]
    fn invisible_characters_are_refused_in_names_only() {
        for c in [
            '\u{202E}', '\u{200B}', '\u{200D}', '\u{2066}', '\u{FEFF}', '\u{00AD}',
        ] {
            let name = format!("Anna{c}Berg");
            let e = check_text("given_name", &name, TextKind::Name).unwrap_err();
            assert!(
                e.reason.contains("invisible or direction-changing"),
                "{c:?}"
            );
            assert!(check_text("reason", &name, TextKind::Free).is_ok());
        }
        assert!(check_text("given_name", "Åsa Öberg-Ünal", TextKind::Name).is_ok());
        assert!(check_text("given_name", "علي", TextKind::Name).is_ok());
    }

    #[test]
    fn json_paths_are_named_and_dates_bounded() {
        let body = json!({"person": {"given_name": "A\u{202E}B"}});
        assert_eq!(
            check_json(&body, today()).unwrap_err().field,
            "person.given_name"
        );
        let body = json!({"rows": [{"note": "ok"}, {"note": "x\u{0}"}]});
        assert_eq!(
            check_json(&body, today()).unwrap_err().field,
            "rows[1].note"
        );
        let body = json!({"event": {"type": "fitness_assessed", "on": "0000-01-01"}});
        let e = check_json(&body, today()).unwrap_err();
        assert_eq!(e.field, "event.on");
        assert!(e.reason.contains("1900-01-01 to 2100-12-31"), "{e}");
        assert!(check_json(&json!({"on": "2101-01-01"}), today()).is_err());
        assert!(check_json(&json!({"on": "1900-01-01"}), today()).is_ok());
        let e = check_json(&json!({"person": {"birth_date": "2026-12-09"}}), today()).unwrap_err();
        assert!(e.reason.contains("future"), "{e}");
        assert!(check_json(&json!({"person": {"birth_date": "2026-12-08"}}), today()).is_ok());
        assert!(check_json(&json!({"at": "1800-01-01T00:00:00Z"}), today()).is_err());
        assert!(check_json(&json!({"reason": "2026-01-01 meeting"}), today()).is_ok());
        assert!(check_json(&json!({"k\u{0}": 1}), today()).is_err());
        assert!(check_param("q", "UT-2026", today()).is_ok());
        assert!(check_param("from", "0001-01-01", today()).is_err());
    }
}
