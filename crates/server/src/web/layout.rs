//! The page shell: head with the served style sheet and scripts (no inline
//! script or style), skip link, navigation by permission, who is logged in,
//! language switch and logout.

use super::ctx::Ctx;
use maud::{DOCTYPE, Markup, html};
use opcentrum_access::{Permission, allowed};

/// (href, catalogue key, permission needed)
const NAV: &[(&str, &str, Permission)] = &[
    ("/", "nav.picture", Permission::ReadPicture),
    ("/cases", "nav.cases", Permission::ReadCases),
    ("/inbox", "nav.inbox", Permission::ReadCases),
    ("/detention", "nav.detention", Permission::ReadCases),
    ("/trips", "nav.trips", Permission::PlanTrips),
    ("/reports", "nav.reports", Permission::ReadReports),
    ("/simulation", "nav.simulation", Permission::RunSimulation),
    ("/admin/matrix", "admin.matrix.nav", Permission::ReadMatrix),
    ("/admin/audit", "admin.audit.nav", Permission::ReadAudit),
    ("/admin/users", "admin.users.nav", Permission::ManageUsers),
];

fn lang_switch_href(ctx: &Ctx) -> String {
    format!(
        "/lang?to={}&back={}",
        ctx.tr.lang.other().code(),
        form_urlencoded::byte_serialize(ctx.here.as_bytes()).collect::<String>()
    )
}

/// A whole page. `active` is the href of the current navigation entry.
pub fn page(ctx: &Ctx, title: &str, active: &str, body: Markup) -> Markup {
    page_with_styles(ctx, title, active, &[], body)
}

/// A whole page with further served style sheets (a report's own, say).
pub fn page_with_styles(
    ctx: &Ctx,
    title: &str,
    active: &str,
    styles: &[&str],
    body: Markup,
) -> Markup {
    let tr = ctx.tr;
    html! {
        (DOCTYPE)
        html lang=(tr.lang()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (tr.t("app.name")) }
                link rel="stylesheet" href="/static/app.css";
                @for href in styles { link rel="stylesheet" href=(href); }
                script src="/static/vendor/chart.umd.min.js" defer {}
                script src="/static/app.js" defer {}
            }
            body {
                a class="skip" href="#main" { (tr.t("nav.skip")) }
                header class="top" {
                    span class="brand" { (tr.t("app.name")) }
                    @if let Some(caller) = &ctx.caller {
                        nav aria-label=(tr.t("nav.label")) {
                            ul {
                                @for (href, key, perm) in NAV {
                                    @if allowed(caller.principal.agency, caller.principal.role, *perm) {
                                        li {
                                            @if *href == active {
                                                a href=(href) aria-current="page" { (tr.t(key)) }
                                            } @else {
                                                a href=(href) { (tr.t(key)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        span class="who" {
                            (caller.principal.user.as_str()) " · "
                            (tr.t(&format!("agency.{}", caller.principal.agency.code()))) " · "
                            (tr.t(&format!("role.{}", caller.principal.role.code())))
                        }
                    }
                    a class="lang" href=(lang_switch_href(ctx)) lang=(tr.lang.other().code()) hreflang=(tr.lang.other().code()) {
                        (tr.t("nav.other_language"))
                    }
                    @if ctx.caller.is_some() {
                        form class="logout" method="post" action="/logout" {
                            input type="hidden" name="_csrf" value=(ctx.csrf());
                            button type="submit" { (tr.t("nav.logout")) }
                        }
                    }
                }
                main id="main" { (body) }
            }
        }
    }
}
