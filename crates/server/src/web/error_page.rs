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
        // A Swedish page shows the Swedish; where an answer has none (a
        // guard below the application, reached only past its own checks),
        // it says so and marks the English as English.
        let (detail, detail_lang) = match (tr.lang, &p.detail_sv) {
            (Lang::Sv, Some(sv)) => (sv.clone(), None),
            (Lang::Sv, None) => (p.detail.clone(), Some("en")),
            _ => (p.detail.clone(), None),
        };
        let status = self.error.status;
        let body = html! {
            h1 { (tr.t("error.title")) " (" (status.as_u16()) ")" }
            @if let Some(lang) = detail_lang {
                p class="error" role="alert" {
                    (tr.t("error.only_in_english")) " " span lang=(lang) { (detail) }
                }
            } @else {
                p class="error" role="alert" { (detail) }
            }
                        @for e in &p.errors {
                @if tr.lang == Lang::Sv && p.detail_sv.is_some() {
                    p { code { (e.field) } }
                } @else if let Some(lang) = detail_lang {
                    p { code { (e.field) } ": " span lang=(lang) { (e.reason) } }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{problem::ApiError, web::i18n::Tr};

    async fn body(lang: Lang, error: ApiError) -> String {
        let page = PageError {
            ctx: super::super::ctx::Ctx {
                tr: Tr::new(lang),
                caller: None,
                here: "/".into(),
            },
            error,
        };
        let bytes = axum::body::to_bytes(page.into_response().into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn a_swedish_page_shows_the_swedish_and_marks_an_english_only_answer() {
        let both = ApiError::field_in("date", "form.err.date", &[("value", &"14/12")]);
        let sv = body(Lang::Sv, both).await;
        assert!(
            sv.contains("date: inte ett datum (ÅÅÅÅ-MM-DD): 14/12"),
            "{sv}"
        );
        assert!(!sv.contains("not a date"), "{sv}");
        // An answer with no Swedish (a guard below the application) says so
        // and marks its English as English for screen readers.
        let english_only = ApiError::field("file", "the path is not UTF-8");
        let sv = body(Lang::Sv, english_only).await;
        assert!(sv.contains("Svaret finns bara på engelska:"), "{sv}");
        assert!(
            sv.contains("<span lang=\"en\">file: the path is not UTF-8</span>"),
            "{sv}"
        );
        let en = body(Lang::En, ApiError::field("file", "the path is not UTF-8")).await;
        assert!(!en.contains("only in English"), "{en}");
        assert!(en.contains("file: the path is not UTF-8"), "{en}");
    }
}
