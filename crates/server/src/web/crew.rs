//! The trip's crew on the manifest page: the form NTE records the
//! forced-return monitor and the medical staff with (`POST
//! /trips/{trip}/crew`, catalogue row `trips.crew`), and how the recorded
//! crew reads in the manifest's facts (page and PDF alike). The form calls
//! `App::record_crew`, the API's function: the same row, validation and
//! audit record.

use super::{
    ctx::{Ctx, OrPage, PageError, check_csrf},
    i18n::{Lang, Tr},
    layout,
};
use crate::{auth::Caller, state::AppState};
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use maud::{Markup, html};
use opcentrum_app::manifest::TripManifest;
use opcentrum_domain::crew::{Attendance, MedicalRole, MedicalStaff, MonitorNotice, TripCrew};
use std::collections::BTreeMap;

/// Rows of medical staff the form offers.
pub const MEDICAL_ROWS: usize = 4;
/// The Swedish monitoring body (docs/legal-rules.md), the form's default.
const DEFAULT_BODY: &str = "Migrationsverket";

/// The medical staff as the manifest shows it: "not recorded", "none", or
/// each by role and name.
pub fn medical_text(tr: Tr, m: &TripManifest) -> String {
    let Some(crew) = &m.crew else {
        return tr.t("manifest.not_recorded").to_owned();
    };
    if crew.medical_staff.is_empty() {
        return tr.t("manifest.medical_none").to_owned();
    }
    let each: Vec<String> = crew
        .medical_staff
        .iter()
        .map(|s| {
            let role = tr.t_owned(&format!("crew.role.{}", s.role.code()));
            match &s.name {
                Some(n) => format!("{role} ({n})"),
                None => role.to_owned(),
            }
        })
        .collect();
    format!("{}: {}", each.len(), each.join(", "))
}

/// The monitor as the manifest shows it: "not recorded", or the body, the
/// day it was notified and who attends or that it declined.
pub fn monitor_text(tr: Tr, m: &TripManifest) -> String {
    let Some(n) = m.crew.as_ref().and_then(|c| c.monitor.as_ref()) else {
        return tr.t("manifest.not_recorded").to_owned();
    };
    let who = match &n.attendance {
        Attendance::Attending { organisation, name } => tr.f(
            "manifest.monitor_attending",
            &[("name", name), ("organisation", organisation)],
        ),
        Attendance::Declined => tr.t("manifest.monitor_declined").to_owned(),
    };
    format!(
        "{} — {}",
        tr.f(
            "manifest.monitor_notified",
            &[("body", &n.body), ("on", &n.notified_on)]
        ),
        who
    )
}

/// The form, filled with what is recorded.
pub fn form(ctx: &Ctx, m: &TripManifest) -> Markup {
    let tr = ctx.tr;
    let monitor = m.crew.as_ref().and_then(|c| c.monitor.as_ref());
    let attendance = match monitor.map(|n| &n.attendance) {
        None => "none",
        Some(Attendance::Attending { .. }) => "attending",
        Some(Attendance::Declined) => "declined",
    };
    let (organisation, name) = match monitor.map(|n| &n.attendance) {
        Some(Attendance::Attending { organisation, name }) => {
            (organisation.as_str(), name.as_str())
        }
        _ => ("", ""),
    };
    let staff: &[MedicalStaff] = m.crew.as_ref().map_or(&[], |c| &c.medical_staff);
    html! {
        form class="crew-form no-print" method="post" action=(format!("/trips/{}/crew", m.trip)) {
            input type="hidden" name="_csrf" value=(ctx.csrf());
            h2 { (tr.t("crew.title")) }
            p class="help" { (tr.t("crew.help")) }
            fieldset {
                legend { (tr.t("crew.monitor")) }
                label { (tr.t("crew.attendance")) " "
                    select name="attendance" {
                        @for a in ["none", "attending", "declined"] {
                            option value=(a) selected[a == attendance] { (tr.t_owned(&format!("crew.attendance.{a}"))) }
                        }
                    }
                }
                label { (tr.t("crew.body")) " "
                    input type="text" name="body" value=(monitor.map_or(DEFAULT_BODY, |n| n.body.as_str()));
                }
                label { (tr.t("crew.notified_on")) " "
                    input type="date" name="notified_on" value=(monitor.map(|n| n.notified_on.to_string()).unwrap_or_default());
                }
                label { (tr.t("crew.organisation")) " "
                    input type="text" name="organisation" value=(organisation);
                }
                label { (tr.t("crew.name")) " "
                    input type="text" name="name" value=(name);
                }
            }
            fieldset {
                legend { (tr.t("crew.medical")) }
                @for i in 0..MEDICAL_ROWS {
                    @let s = staff.get(i);
                    div class="crew-row" {
                        label { (tr.t("crew.role")) " "
                            select name=(format!("medical_role_{i}")) {
                                option value="" selected[s.is_none()] { (tr.t("crew.role.none")) }
                                @for r in MedicalRole::ALL {
                                    option value=(r.code()) selected[s.is_some_and(|x| x.role == r)] { (tr.t_owned(&format!("crew.role.{}", r.code()))) }
                                }
                            }
                        }
                        label { (tr.t("crew.staff_name")) " "
                            input type="text" name=(format!("medical_name_{i}")) value=(s.and_then(|x| x.name.as_deref()).unwrap_or(""));
                        }
                    }
                }
            }
            button type="submit" { (tr.t("crew.save")) }
        }
    }
}

/// The form's fields as a crew; a field that cannot be read is named.
/// A field that cannot be read is named with its reason's catalogue key
/// (`crew.err.*`).
pub fn parse(f: &BTreeMap<String, String>) -> Result<TripCrew, (String, &'static str)> {
    let text = |k: &str| f.get(k).map(|v| v.trim()).unwrap_or("");
    let monitor = match text("attendance") {
        "none" | "" => None,
        a @ ("attending" | "declined") => {
            let notified_on = text("notified_on")
                .parse()
                .map_err(|_| ("monitor.notified_on".to_owned(), "crew.err.day"))?;
            Some(MonitorNotice {
                body: text("body").to_owned(),
                notified_on,
                attendance: if a == "attending" {
                    Attendance::Attending {
                        organisation: text("organisation").to_owned(),
                        name: text("name").to_owned(),
                    }
                } else {
                    Attendance::Declined
                },
            })
        }
        _ => {
            return Err(("monitor.attendance".to_owned(), "crew.err.attendance"));
        }
    };
    let mut medical_staff = Vec::new();
    for i in 0..MEDICAL_ROWS {
        let role = text(&format!("medical_role_{i}"));
        let name = text(&format!("medical_name_{i}"));
        if role.is_empty() {
            if !name.is_empty() {
                return Err((
                    format!("medical_staff[{i}].role"),
                    "crew.err.name_needs_role",
                ));
            }
            continue;
        }
        let role = MedicalRole::parse(role)
            .ok_or_else(|| (format!("medical_staff[{i}].role"), "crew.err.medical_role"))?;
        medical_staff.push(MedicalStaff {
            role,
            name: (!name.is_empty()).then(|| name.to_owned()),
        });
    }
    Ok(TripCrew {
        monitor,
        medical_staff,
    })
}

/// `POST /trips/{trip}/crew`
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(trip): Path<String>,
    Form(f): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    check_csrf(&caller, f.get("_csrf").map(String::as_str)).or_page(&ctx)?;
    let result = match parse(&f) {
        Ok(crew) => state
            .app
            .record_crew(&caller.app(), &trip, crew)
            .await
            .map_err(|e| match e {
                opcentrum_app::AppError::Invalid {
                    field,
                    reason,
                    reason_sv,
                } => Ok((
                    field,
                    match (ctx.tr.lang, reason_sv) {
                        (Lang::Sv, Some(sv)) => sv,
                        _ => reason,
                    },
                )),
                other => Err(other),
            }),
        Err((field, key)) => Err(Ok((field, ctx.tr.t(key).to_owned()))),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/trips/{trip}/manifest")).into_response()),
        Err(Ok((field, reason))) => {
            let tr = ctx.tr;
            let page = layout::page(
                &ctx,
                tr.t("crew.refused"),
                "/trips",
                html! {
                    h1 { (tr.t("crew.refused")) }
                    p class="error" role="alert" data-field=(field) {
                        (tr.f("crew.refused_field", &[("field", &field)])) " " (reason)
                    }
                    p { a href=(format!("/trips/{trip}/manifest")) { (tr.t("crew.back")) } }
                },
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(Err(e)) => Err(e).or_page(&ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_form_reads_as_a_crew_and_names_a_bad_field() {
        let c = parse(&form(&[
            ("attendance", "attending"),
            ("body", "Migrationsverket"),
            ("notified_on", "2026-12-01"),
            ("organisation", "Migrationsverket"),
            ("name", "Observatör Testsson"),
            ("medical_role_0", "nurse"),
            ("medical_name_0", ""),
            ("medical_role_2", "doctor"),
            ("medical_name_2", "Läkare Exempel"),
        ]))
        .unwrap();
        assert!(c.monitor_notified());
        assert_eq!(c.medical_staff.len(), 2);
        assert_eq!(c.medical_staff[1].name.as_deref(), Some("Läkare Exempel"));
        let none = parse(&form(&[("attendance", "none")])).unwrap();
        assert!(none.monitor.is_none() && none.medical_staff.is_empty());
        let bad = parse(&form(&[
            ("attendance", "declined"),
            ("notified_on", "igår"),
        ]));
        assert_eq!(bad.unwrap_err().0, "monitor.notified_on");
        let bad = parse(&form(&[("medical_role_1", "surgeon")]));
        assert_eq!(bad.unwrap_err().0, "medical_staff[1].role");
        let bad = parse(&form(&[("medical_name_3", "Namn Utan Roll")]));
        assert_eq!(bad.unwrap_err().0, "medical_staff[3].role");
    }
}
