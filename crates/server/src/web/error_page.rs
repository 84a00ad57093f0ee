//! A `PageError` shown as a page in the reader's language, in the layout,
//! with its status kept (a success status never stands for an error).

use super::{ctx::PageError, i18n::Lang, layout};
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use maud::html;

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let tr = self.ctx.tr;
        let p = &self.error.problem;
        let detail = match (tr.lang, &p.detail_sv) {
            (Lang::Sv, Some(sv)) => sv.clone(),
            _ => p.detail.clone(),
        };
        let status = self.error.status;
        let body = html! {
            h1 { (tr.t("error.title")) " (" (status.as_u16()) ")" }
            p class="error" role="alert" { (detail) }
                        @for e in &p.errors {
                @if tr.lang == Lang::Sv && p.detail_sv.is_some() {
                    p { code { (e.field) } }
                } @else {
                    p { code { (e.field) } ": " (e.reason) }
                }
            }
            @if let Some(statute) = &p.statute {
                p { (tr.t("error.statute")) ": " (statute) }
            }
            p { a href="/" { (tr.t("error.back")) } }
        };
        let status = if status.is_client_error() || status.is_server_error() {
            status
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        (
            status,
            layout::page(&self.ctx, tr.t("error.title"), "", body),
        )
            .into_response()
    }
}
