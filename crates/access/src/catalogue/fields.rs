//! The fields an action's form asks for: the event payload's fields by their
//! JSON names (dotted for nested ones). A field's help is in the text
//! catalogue per action (`act.help.<row>.<field>`, [`super::ActionRow::help`]).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "values", rename_all = "snake_case")]
pub enum FieldKind {
    /// A calendar day, `YYYY-MM-DD`.
    Date,
    /// An instant, RFC 3339.
    Timestamp,
    Bool,
    /// Free text (control characters refused).
    Text,
    /// An id chosen by the user or taken from the case (e.g. `IMP-…`).
    Id,
    /// One of these codes.
    Choice(&'static [&'static str]),
    /// ISO 3166-1 alpha-2 country code.
    Country,
    /// Case numbers (`UT-…`), a JSON array; on a page, separated by commas.
    CaseIds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

pub(crate) const fn field(name: &'static str, kind: FieldKind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
    }
}
