//! CSV: one new case per row, registration data only.

use crate::{
    MAX_ROWS,
    error::RowError,
    validate::{FacilityKinds, check_history},
};
use jiff::{Timestamp, civil::Date};
use opcentrum_domain::{
    Actor, Country, Event, EventKind, RuleTable,
    decision::{Decision, DecisionKind, DecisionMaker},
    ids::{CaseId, FamilyId, PersonId},
    person::{Person, Sex},
};
use std::collections::HashSet;

/// The columns, in this order.
pub const CSV_HEADER: [&str; 16] = [
    "case_id",
    "person_id",
    "dossier_number",
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "citizenship",
    "destination",
    "family_id",
    "decision_kind",
    "decided_by",
    "decided_on",
    "notified_on",
    "final_on",
    "absconding_risk",
];

struct Row<'a> {
    line: usize,
    rec: &'a csv::StringRecord,
    errors: Vec<RowError>,
}

impl Row<'_> {
    fn raw(&self, col: usize) -> &str {
        self.rec.get(col).unwrap_or("").trim()
    }
    fn text(&mut self, col: usize, max: usize) -> String {
        let v = self.raw(col).to_owned();
        if v.is_empty() {
            self.errors.push(RowError::new(
                self.line,
                CSV_HEADER[col],
                "must not be empty",
            ));
        } else if v.chars().count() > max {
            self.errors.push(RowError::new(
                self.line,
                CSV_HEADER[col],
                format!("longer than {max} characters"),
            ));
        }
        v
    }
    fn parse<T>(&mut self, col: usize, f: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        match f(self.raw(col)) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.errors
                    .push(RowError::new(self.line, CSV_HEADER[col], reason));
                None
            }
        }
    }
    fn opt<T>(&mut self, col: usize, f: impl Fn(&str) -> Result<T, String>) -> Option<Option<T>> {
        if self.raw(col).is_empty() {
            Some(None)
        } else {
            self.parse(col, f).map(Some)
        }
    }
}

fn date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|e| format!("expected a date YYYY-MM-DD: {e}"))
}

fn choice<T: Copy>(s: &str, all: &[T], code: impl Fn(T) -> &'static str) -> Result<T, String> {
    all.iter().copied().find(|v| code(*v) == s).ok_or_else(|| {
        format!(
            "unknown value {s:?}; expected one of {}",
            all.iter().map(|v| code(*v)).collect::<Vec<_>>().join(", ")
        )
    })
}

/// Parses and validates every row into a one-event history (`registered`),
/// recorded at `now` by `actor`.
pub fn parse_csv(
    text: &str,
    actor: &Actor,
    now: Timestamp,
    facilities: &FacilityKinds,
    rules: &RuleTable,
) -> Result<Vec<Vec<Event>>, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    match reader.headers() {
        Ok(h) => {
            let got: Vec<&str> = h.iter().map(str::trim).collect();
            if got != CSV_HEADER {
                return Err(vec![RowError::new(
                    1,
                    "header",
                    format!("expected the columns {}", CSV_HEADER.join(",")),
                )]);
            }
        }
        Err(e) => return Err(vec![RowError::new(1, "header", e.to_string())]),
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        if i >= MAX_ROWS {
            errors.push(RowError::new(
                line,
                "file",
                format!("more than {MAX_ROWS} rows"),
            ));
            break;
        }
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError::new(line, "row", e.to_string()));
                continue;
            }
        };
        let mut row = Row {
            line,
            rec: &rec,
            errors: vec![],
        };
        let case_id = row.parse(0, |s| CaseId::parse(s).map_err(|e| e.reason.to_owned()));
        let person_id = row.parse(1, |s| PersonId::parse(s).map_err(|e| e.reason.to_owned()));
        let dossier = row.text(2, 200);
        let given = row.text(3, 200);
        let family_name = row.text(4, 200);
        let birth = row.parse(5, date);
        let sex = row.parse(6, |s| match s {
            "F" => Ok(Sex::F),
            "M" => Ok(Sex::M),
            _ => Err(format!("unknown value {s:?}; expected F or M")),
        });
        let citizenship = row.parse(7, |s| Country::parse(s).map_err(|e| e.reason.to_owned()));
        let destination = row.parse(8, |s| Country::parse(s).map_err(|e| e.reason.to_owned()));
        let family = row.opt(9, |s| FamilyId::parse(s).map_err(|e| e.reason.to_owned()));
        let kind = row.parse(10, |s| choice(s, &DecisionKind::ALL, DecisionKind::code));
        let decided_by = row.parse(11, |s| choice(s, &DecisionMaker::ALL, DecisionMaker::code));
        let decided_on = row.parse(12, date);
        let notified_on = row.opt(13, date);
        let final_on = row.opt(14, date);
        let risk = row.parse(15, |s| match s {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" | "" => Ok(false),
            _ => Err(format!("unknown value {s:?}; expected true or false")),
        });
        let mut row_errors = row.errors;
        if let Some(id) = &case_id
            && !seen.insert(id.clone())
        {
            row_errors.push(RowError::new(
                line,
                "case_id",
                format!("case {id} appears more than once in the file"),
            ));
        }
        if !row_errors.is_empty() {
            errors.extend(row_errors);
            continue;
        }
        let (
            Some(case_id),
            Some(person_id),
            Some(birth),
            Some(sex),
            Some(citizenship),
            Some(destination),
            Some(family),
            Some(kind),
            Some(decided_by),
            Some(decided_on),
            Some(notified_on),
            Some(final_on),
            Some(risk),
        ) = (
            case_id,
            person_id,
            birth,
            sex,
            citizenship,
            destination,
            family,
            kind,
            decided_by,
            decided_on,
            notified_on,
            final_on,
            risk,
        )
        else {
            continue;
        };
        let event = Event {
            case: case_id,
            version: 1,
            kind: EventKind::Registered {
                person: Person {
                    id: person_id,
                    given_name: given,
                    family_name,
                    birth_date: birth,
                    sex,
                    citizenship,
                    dossier_number: dossier,
                },
                decision: Decision {
                    kind,
                    decided_by,
                    decided_on,
                    notified_on,
                    final_on,
                    // The CSV has no column for the departure terms: read forward
                    // from `absconding_risk` by `Decision::terms`. An imported
                    // date of finality starts unconfirmed (JO 8824-2019).
                    departure: None,
                    departure_extended_until: None,
                },
                destination,
                family,
                absconding_risk: risk,
            },
            actor: actor.clone(),
            recorded_at: now,
            reason: Some("import".into()),
        };
        let history = vec![event];
        match check_history(line, &history, facilities, rules) {
            Ok(_) => out.push(history),
            Err(mut e) => {
                e.field = e
                    .field
                    .replace("events[0].kind.", "")
                    .replace("person.", "")
                    .replace("decision.", "");
                errors.push(e);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
