//! Study reports: CSV of every replication and of the summary, and a
//! self-contained HTML page with inline SVG plots (no scripts, no external
//! resources). Pure: data in, text out; the caller writes the files.

pub mod csv;
pub mod html;
pub mod svg;

use crate::outcome::RunOutcome;

/// The replications of one scenario.
#[derive(Debug, Clone)]
pub struct Study {
    /// The scenario's `name`.
    pub name: String,
    /// `siloed` or `integrated`.
    pub policy: String,
    /// The file it came from, for the record.
    pub source: String,
    pub seed: u64,
    pub runs: Vec<RunOutcome>,
}
