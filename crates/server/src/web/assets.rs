//! Static files, compiled into the binary (never a CDN): the page script and
//! style sheet, and the vendored chart.js (static/vendor/VERSIONS).

use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// (path under /static/, content type, bytes)
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        // One style sheet for the pages, one file per area of the product.
        concat!(
            include_str!("../../static/app.css"),
            include_str!("../../static/case.css"),
            include_str!("../../static/work.css"),
            include_str!("../../static/trips.css"),
            include_str!("../../static/admin.css"),
        )
        .as_bytes(),
    ),
    (
        "vendor/chart.umd.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/vendor/chart.umd.min.js"),
    ),
    (
        "report.css",
        "text/css; charset=utf-8",
        opcentrum_report::STYLE.as_bytes(),
    ),
    (
        "simulation.css",
        "text/css; charset=utf-8",
        opcentrum_sim::report::html::STYLE.as_bytes(),
    ),
    (
        "vendor/htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/vendor/htmx.min.js"),
    ),
];

/// The bytes and content type of a static file.
pub fn file(path: &str) -> Option<(&'static str, &'static [u8])> {
    FILES
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, ct, b)| (*ct, *b))
}

pub async fn serve(Path(path): Path<String>) -> Response {
    match file(&path) {
        Some((ct, bytes)) => (
            [
                (header::CONTENT_TYPE, ct),
                (header::CACHE_CONTROL, "public, max-age=3600"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
