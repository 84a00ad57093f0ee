//! Government reports from the case log: executions (charter / scheduled,
//! escorted or not), persons per charter, the charter share, lead times per
//! handover, detention occupancy and stays, releases at legal limits, cost per
//! person moved, and the EU return statistics' quarterly table by citizenship.
//!
//! Every lead-time figure (legs, counting, median and p90) is defined once in
//! [`figures`], which the live picture also computes through.
//!
//! Pure: histories, facilities and trip offers in, a `Report` out; `render`
//! turns it into JSON, CSV or a self-contained HTML page. Every figure's
//! definition: docs/reports.md. A report meant to leave the agencies is made
//! with `Disclosure::Public`: small counts, and what would reveal them, are
//! withheld (`disclosure`, `table`).

pub mod cost;
pub mod detention;
pub mod disclosure;
pub mod eurostat;
pub mod executions;
pub mod facts;
pub mod figures;
pub mod lead_times;
pub mod period;
pub mod render;
mod report;
pub mod stats;
pub mod table;

pub use disclosure::{Count, Disclosure, Stat, Suppression};
pub use facts::ReportError;
pub use period::{Period, PeriodError};
pub use render::{Lang, STYLE, render_csv, render_html, render_html_fragment, render_json};
pub use report::{Report, ReportInput, SCHEMA, report};
pub use table::Table;

#[cfg(test)]
mod tests;
