//! The report as text: JSON (the `Report` as serde writes it), CSV (one long
//! table, below) and a self-contained HTML page with inline SVG plots.

mod csv_long;
mod html;
pub mod labels;

pub use csv_long::render_csv;
pub use html::{STYLE, render_html, render_html_fragment};

use crate::report::Report;

/// The language of a rendered page and the numbers' format: the one catalogue's.
pub use opcentrum_text::{Lang, number};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write CSV: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
    #[error("cannot write CSV: {0}")]
    CsvFlush(String),
}

/// The report as pretty-printed JSON (schema `opcentrum-report/1`).
pub fn render_json(report: &Report) -> Result<String, RenderError> {
    Ok(serde_json::to_string_pretty(report)?)
}
