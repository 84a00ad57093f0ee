//! The error responses every operation can give, added to the OpenAPI document
//! after the routes are collected (schemathesis found them undocumented): 400
//! (a malformed parameter or body) and 422 (a value that breaks a rule) on every
//! operation; 413 (body too large) and 415 (not JSON) where a body is read; 401
//! (no or bad credentials) and 403 (the caller's agency and role may not: deny
//! by default, the route table decides) on every operation that needs a caller.
//! All are problem+json (RFC 9457).

use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder, path::Operation};

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

fn add(op: &mut Operation) {
    let mut codes = vec![
        ("400", "Malformed parameter or body (the field is named)"),
        (
            "422",
            "A value breaks a rule (the field and rule are named)",
        ),
    ];
    if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
        codes.push(("401", "No or bad credentials"));
        codes.push((
            "403",
            "The caller's agency and role may not do this (deny by default)",
        ));
    }
    if op.request_body.is_some() {
        codes.push(("413", "The body is too large"));
        codes.push(("415", "The body is not application/json"));
    }
    for (code, text) in codes {
        op.responses
            .responses
            .entry(code.to_owned())
            .or_insert_with(|| problem(text));
    }
    // OpenAPI requires a description on every response; a route that gave
    // none gets its status's standard meaning.
    for (code, response) in op.responses.responses.iter_mut() {
        if let RefOr::T(r) = response
            && r.description.trim().is_empty()
        {
            r.description = status_meaning(code).to_owned();
        }
    }
}

/// The standard meaning of a status code (RFC 9110), for responses a route
/// documented without a description.
fn status_meaning(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted: kept for a second person's approval",
        "204" => "No content",
        "303" => "See other",
        "400" => "Malformed parameter or body (the field is named)",
        "401" => "No or bad credentials",
        "403" => "The caller's agency and role may not do this (deny by default)",
        "404" => "Not found",
        "409" => "Conflict: the case or item changed, or the rules refuse the transition now",
        "413" => "The body is too large",
        "415" => "The body is not application/json",
        "422" => "A value breaks a rule (the field and rule are named)",
        "429" => "Too many requests",
        "503" => "Unavailable",
        _ => "Response",
    }
}

/// Documents the common error responses on every operation of the document.
pub fn document_common_errors(doc: &mut OpenApi) {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            add(op);
        }
    }
}
