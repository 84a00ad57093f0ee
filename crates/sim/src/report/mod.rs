//! Study reports: CSV of every replication and a self-contained HTML page with
//! inline SVG plots (no scripts, no external resources).

pub mod csv;
pub mod html;
pub mod svg;
