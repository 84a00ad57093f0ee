//! Registering a case on the pages: `GET /cases/new` shows the catalogue's
//! `registered` row as a form; `POST /cases/new` registers through the gate
//! (`App::register`), the store assigning the next free case number. A
//! refusal shows the form again with what was typed and the field named.

use super::form::{self, FormOf, Refused, Typed};
use crate::{
    auth::Caller,
    problem::ApiError,
    state::AppState,
    web::{
        ctx::{Ctx, OrPage, PageError, check_csrf},
        layout,
    },
};
use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_access::catalogue::ActionRow;
use opcentrum_app::cases::Registration;

fn row(state: &AppState) -> Result<&ActionRow, ApiError> {
    state
        .app
        .catalogue()
        .row("registered")
        .map_err(|e| ApiError::not_found(e.to_string()))
}

fn page(ctx: &Ctx, row: &ActionRow, typed: &Typed, refused: Option<&Refused>) -> Markup {
    let tr = ctx.tr;
    layout::page(
        ctx,
        tr.t("reg.title"),
        "/cases",
        html! {
            div class="case-page register" {
                h1 { (tr.t("reg.title")) }
                p { (tr.t("reg.intro")) }
                (form::render(tr, &FormOf {
                    action: "/cases/new".into(),
                    csrf: ctx.csrf(),
                    version: None,
                    row,
                    values: typed,
                    refused,
                    back: Some("/cases".into()),
                    open: true,
                    members: &[],
                }))
            }
        },
    )
}

/// `GET /cases/new`
pub async fn form_page(
    State(state): State<AppState>,
    ctx: Ctx,
    _caller: Caller,
) -> Result<Markup, PageError> {
    let row = row(&state).or_page(&ctx)?;
    Ok(page(&ctx, row, &Typed::new(), None))
}

/// `POST /cases/new`
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let typed: Typed = pairs.into_iter().collect();
    check_csrf(&caller, typed.get("_csrf").map(String::as_str)).or_page(&ctx)?;
    let tr = ctx.tr;
    let row = row(&state).or_page(&ctx)?;
    let refuse = |refused: Refused| {
        let status =
            StatusCode::from_u16(refused.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
        (status, page(&ctx, row, &typed, Some(&refused))).into_response()
    };
    let event = match form::payload(tr, row, &typed).and_then(|v| form::event_of(tr, row, v)) {
        Ok(e) => e,
        Err(bad) => return Ok(refuse(bad.refused(tr, row))),
    };
    let reason = typed
        .get("note")
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    match state
        .app
        .register(
            &caller.app(),
            Registration {
                case_id: None,
                event,
                reason,
            },
        )
        .await
    {
        Ok(done) => Ok(
            Redirect::to(&format!("/cases/{}?recorded=registered", done.case.id)).into_response(),
        ),
        Err(e) => {
            let e = ApiError::from(e);
            if e.status.is_server_error() {
                return Err(e).or_page(&ctx);
            }
            Ok(refuse(Refused::of(tr, row, &e)))
        }
    }
}
