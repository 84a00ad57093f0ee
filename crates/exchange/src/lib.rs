//! Import and export of case data. Every row is parsed and validated before
//! anything is stored: a file with one bad row imports nothing, and every bad
//! row is reported with its line and field.
//!
//! Two formats:
//! - **JSON Lines** (`.jsonl`): one case per line, `{"case":"UT-…","events":[…]}`,
//!   the whole history. `opcentrum export` writes it; `import` reads it back losslessly.
//! - **CSV** (`.csv`): one new case per row (registration data), with the header
//!   `CSV_HEADER`.

mod csv_rows;
mod error;
mod jsonl;
mod validate;

pub use csv_rows::{CSV_HEADER, parse_csv};
pub use error::{RowError, RowErrors};
pub use jsonl::{CaseRecord, parse_jsonl, to_jsonl_line};
pub use validate::FacilityKinds;

/// Largest file line accepted (a case's whole history), 4 MiB.
pub const MAX_LINE: usize = 4 << 20;
/// Most rows in one import.
pub const MAX_ROWS: usize = 2_000_000;
