//! The action catalogue as a document a legal officer reads:
//! docs/action-catalogue.md is this rendering of the rows in force, and a
//! test fails when the two differ (regenerate with
//! `OPCENTRUM_WRITE_DOCS=1 cargo test -p opcentrum-access catalogue_document`).

use super::{ActionRow, Catalogue, Channel};
use std::fmt::Write;

fn codes<T>(items: &[T], code: impl Fn(&T) -> &'static str) -> String {
    if items.is_empty() {
        return "—".into();
    }
    items
        .iter()
        .map(|i| format!("`{}`", code(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn who(row: &ActionRow) -> String {
    if row.who.is_empty() {
        return "nobody by hand".into();
    }
    row.who
        .iter()
        .map(|g| format!("{}: {}", g.agency.code(), codes(g.roles, |r| r.code())))
        .collect::<Vec<_>>()
        .join("; ")
}

fn one_row(out: &mut String, row: &ActionRow) {
    let _ = writeln!(
        out,
        "### `{}` — {} / {}\n",
        row.id,
        row.name_sv(),
        row.name_en()
    );
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| kind | {:?} |", row.kind);
    if let Some(e) = row.event {
        let _ = writeln!(out, "| event | `{e}` |");
    }
    let _ = writeln!(out, "| who | {} |", who(row));
    let _ = writeln!(out, "| legal ground | {} |", row.legal_ground);
    let _ = writeln!(out, "| writes | {} |", codes(row.writes, |c| c.code()));
    let _ = writeln!(out, "| reveals | {} |", codes(row.reveals, |c| c.code()));
    let second = row.second_person.map_or("—".to_owned(), |s| {
        format!("a second `{}` of the same agency", s.role.code())
    });
    let _ = writeln!(out, "| second person | {second} |");
    let conditions = if row.conditions.is_empty() {
        "—".to_owned()
    } else {
        row.conditions
            .iter()
            .map(|c| c.text_en())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let _ = writeln!(out, "| conditions | {conditions} |");
    let channel = match row.channel {
        Channel::ByHand => "by hand (API, pages, command line)",
        Channel::ApprovedProposal => "only from an approved trip proposal, never by hand",
    };
    let _ = writeln!(out, "| channel | {channel} |");
    let _ = writeln!(
        out,
        "| operator / background | {} / {} |",
        if row.operator { "yes" } else { "no" },
        if row.background { "yes" } else { "no" }
    );
    if !row.fields.is_empty() {
        let fields = row
            .fields
            .iter()
            .map(|f| {
                format!(
                    "`{}`{}",
                    f.name,
                    if f.required { "" } else { " (optional)" }
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(out, "| fields | {fields} |");
    }
    out.push('\n');
}

/// The whole catalogue as Markdown.
pub fn render(catalogue: &Catalogue) -> String {
    let mut out = String::from(
        "# The action catalogue\n\n\
         Every action a user, the operator or a background task can take, who may take it,\n\
         on which legal ground, what it writes and reveals, and whether a second person must\n\
         approve it. This file is generated from `crates/access/src/catalogue/rows.rs` (the\n\
         rows in force, also served as `GET /api/actions`); a test fails when it is out of\n\
         date. Regenerate: `OPCENTRUM_WRITE_DOCS=1 cargo test -p opcentrum-access catalogue_document`.\n\n",
    );
    let _ = writeln!(out, "{} rows.\n", catalogue.rows().len());
    for row in catalogue.rows() {
        one_row(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_document_is_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/action-catalogue.md");
        let now = render(Catalogue::builtin());
        if std::env::var_os("OPCENTRUM_WRITE_DOCS").is_some() {
            std::fs::write(&path, &now).expect("write docs/action-catalogue.md");
        }
        let stored = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            stored == now,
            "docs/action-catalogue.md is out of date: regenerate it with OPCENTRUM_WRITE_DOCS=1 cargo test -p opcentrum-access catalogue_document"
        );
    }

    #[test]
    fn the_document_names_every_row_and_its_ground() {
        let doc = render(Catalogue::builtin());
        for row in Catalogue::builtin().rows() {
            assert!(doc.contains(&format!("### `{}`", row.id)), "{}", row.id);
            assert!(doc.contains(row.legal_ground), "{}", row.id);
        }
    }
}
