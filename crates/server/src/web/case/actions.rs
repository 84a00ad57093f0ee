//! `POST /cases/{id}/actions/{row}`: one catalogue action's form, recorded
//! through the gate (`App::record`). Recorded → back to the case with a
//! notice; kept for a second person → the case says whose approval it
//! awaits; refused (the catalogue's 403, the law's 409/422, a bad field) →
//! the case page again with the form open, what was typed kept, the field
//! and the rule named in the reader's language.

use super::form::{self, FormOf, Refused, Typed};
use crate::{
    auth::Caller,
    problem::ApiError,
    state::AppState,
    web::{
        cases::{self, Extra},
        ctx::{Ctx, OrPage, PageError, check_csrf},
        layout,
    },
};
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use maud::html;
use opcentrum_access::catalogue::{ActionKind, ActionRow};
use opcentrum_app::cases::Outcome;

/// The row a page form may post: an event recorded by hand, not registration.
pub fn form_row<'a>(state: &'a AppState, action: &str) -> Result<&'a ActionRow, ApiError> {
    match state.app.catalogue().row(action) {
        Ok(r) if r.kind == ActionKind::Event && r.by_hand() && r.id != "registered" => Ok(r),
        _ => Err(ApiError::not_found(format!(
            "no action {action} to record by hand"
        ))),
    }
}

/// The case page with the refused form; where the reader may not read the
/// case (or it is gone), the form alone with the refusal and a link back.
pub async fn refused_page(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    id: &str,
    row: &ActionRow,
    typed: Typed,
    refused: Refused,
) -> Response {
    let status = StatusCode::from_u16(refused.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let extra = Extra {
        failed: Some((row.id.to_owned(), typed.clone(), refused.clone())),
        ..Extra::default()
    };
    if let Ok(page) = cases::page(state, ctx, caller, id, extra).await {
        return (status, page).into_response();
    }
    let tr = ctx.tr;
    let version = typed.get("expected_version").and_then(|v| v.parse().ok());
    let body = html! {
        h1 { (form::name(tr, row)) }
        (form::render(tr, &FormOf {
            action: format!("/cases/{id}/actions/{}", row.id),
            csrf: ctx.csrf(),
            version,
            row,
            values: &typed,
            refused: Some(&refused),
            back: Some(format!("/cases/{id}")),
            open: true,
            members: &[],
        }))
    };
    (
        status,
        layout::page(ctx, form::name(tr, row), "/cases", body),
    )
        .into_response()
}

/// `POST /cases/{id}/actions/{row}`
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let typed: Typed = pairs.into_iter().collect();
    check_csrf(&caller, typed.get("_csrf").map(String::as_str)).or_page(&ctx)?;
    let tr = ctx.tr;
    let row = form_row(&state, &action).or_page(&ctx)?;
    let version = match typed
        .get("expected_version")
        .map(|v| v.trim().parse::<u64>())
    {
        Some(Ok(v)) => v,
        _ => {
            return Err(ApiError::field_in(
                "expected_version",
                "form.err.expected_version",
                &[],
            ))
            .or_page(&ctx);
        }
    };
    let event = match form::payload(tr, row, &typed).and_then(|v| form::event_of(tr, row, v)) {
        Ok(e) => e,
        Err(bad) => {
            let refused = bad.refused(tr, row);
            return Ok(refused_page(&state, &ctx, &caller, &id, row, typed, refused).await);
        }
    };
    let note = typed
        .get("note")
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    let mut together = Vec::new();
    for (name, value) in typed.iter() {
        let Some(member) = name.strip_prefix(form::TOGETHER) else {
            continue;
        };
        let Ok(expected_version) = value.trim().parse::<u64>() else {
            return Err(ApiError::field_in(
                "together",
                "form.err.member_version",
                &[],
            ))
            .or_page(&ctx);
        };
        together.push(opcentrum_app::cases::Together {
            case: member.to_owned(),
            expected_version,
        });
    }
    // The form's map has no order; the write is all or none either way, and
    // a refusal names the first member in the same order every time.
    together.sort_by(|a, b| a.case.cmp(&b.case));
    match state
        .app
        .record_together(&caller.app(), &id, version, event, note, &together)
        .await
    {
        Ok(Outcome::Recorded(_)) => {
            Ok(Redirect::to(&format!("/cases/{id}?recorded={}#actions", row.id)).into_response())
        }
        Ok(Outcome::Pending(_)) => {
            Ok(Redirect::to(&format!("/cases/{id}?pending={}#actions", row.id)).into_response())
        }
        Err(e) => {
            let e = ApiError::from(e);
            if e.status.is_server_error() {
                return Err(e).or_page(&ctx);
            }
            let refused = Refused::of(tr, row, &e);
            Ok(refused_page(&state, &ctx, &caller, &id, row, typed, refused).await)
        }
    }
}
