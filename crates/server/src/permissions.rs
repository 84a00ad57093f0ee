//! The route table: which permission each route needs. A route missing here is
//! refused (deny by default); a test checks every route of the router is here.

use axum::http::Method;
use opcentrum_access::Permission;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteAccess {
    /// No credentials: health, the OpenAPI document, login, static assets.
    Public,
    Requires(Permission),
    Unknown,
}

pub fn route_access(method: &Method, path: Option<&str>) -> RouteAccess {
    use Permission::*;
    use RouteAccess::*;
    let Some(path) = path else { return Unknown };
    let m = method.as_str();
    match (m, path) {
        ("GET", "/api/health") | ("GET", "/api/openapi.json") | ("POST", "/api/login") => Public,
        ("POST", "/api/logout") => Requires(ReadRules),
        ("GET", "/api/me") => Requires(ReadRules),
        ("GET", "/api/cases") | ("GET", "/api/cases/{id}") => Requires(ReadCases),
        // Any user: the application layer's gate checks the action
        // catalogue's row (for an event, before the case is read), so a
        // refusal names the row and is audited like every other refusal.
        ("POST", "/api/cases") | ("POST", "/api/cases/{id}/events") => Requires(ReadRules),
        ("GET", "/api/agencies/{agency}/inbox") => Requires(ReadCases),
        ("GET", "/api/facilities") | ("GET", "/api/stats/stages") => Requires(ReadPicture),
        ("GET", "/api/rules") | ("GET", "/api/actions") => Requires(ReadRules),
        // Any user; the application layer decides who sees or decides which.
        ("GET", "/api/pending")
        | ("POST", "/api/pending/{id}/approve")
        | ("POST", "/api/pending/{id}/reject") => Requires(ReadRules),
        ("GET", "/api/export") => Requires(Export),
        ("GET", "/api/matrix") | ("GET", "/api/matrix/history") => Requires(ReadMatrix),
        ("PUT", "/api/matrix") => Requires(EditMatrix),
        ("POST", "/api/matrix/diff") => Requires(ReadMatrix),
        ("GET", "/api/users") | ("POST", "/api/users") | ("POST", "/api/users/{name}/tokens") => {
            Requires(ManageUsers)
        }
        // Matrix changes further need EditMatrix to be decided (routes::changes).
        ("GET", "/api/admin/changes")
        | ("POST", "/api/admin/changes/{id}/approve")
        | ("POST", "/api/admin/changes/{id}/reject") => Requires(ManageUsers),
        ("GET", "/api/audit") => Requires(ReadAudit),
        ("GET", "/api/trips/offers") => Requires(ReadPicture),
        ("POST", "/api/trips/offers")
        | ("GET", "/api/trips/roster")
        | ("POST", "/api/trips/roster")
        | ("POST", "/api/trips/proposals")
        | ("GET", "/api/trips/proposals")
        | ("GET", "/api/trips/proposals/{id}")
        | ("POST", "/api/trips/replan") => Requires(PlanTrips),
        ("GET", "/api/trips/{id}/manifest") => Requires(ReadManifest),
        ("PUT", "/api/trips/{id}/crew") => Requires(RecordCrew),
        ("POST", "/api/trips/proposals/{id}/approve")
        | ("POST", "/api/trips/proposals/{id}/reject")
        | ("GET", "/api/trips/proposals/{id}/preview") => Requires(ApproveTrips),
        _ => page_access(m, path),
    }
}

/// The permission of each page route.
fn page_access(method: &str, path: &str) -> RouteAccess {
    use Permission::*;
    use RouteAccess::*;
    match (method, path) {
        ("GET", "/login") | ("POST", "/login") | ("GET", "/lang") | ("GET", "/static/{*file}") => {
            Public
        }
        ("POST", "/logout") => Requires(ReadRules),
        ("GET", "/") | ("GET", "/picture/body") | ("GET", "/live") => Requires(ReadPicture),
        ("GET", "/cases") | ("GET", "/cases/{id}") | ("GET", "/inbox") | ("GET", "/inbox/body") => {
            Requires(ReadCases)
        }
        ("GET", "/detention") => Requires(ReadCases),
        ("GET", "/trips")
        | ("GET", "/trips/proposals/{id}")
        | ("POST", "/trips/propose")
        | ("POST", "/trips/offers")
        | ("POST", "/trips/proposals/{id}/adjust") => Requires(PlanTrips),
        ("POST", "/trips/proposals/{id}/approve")
        | ("POST", "/trips/proposals/{id}/reject")
        | ("GET", "/trips/proposals/{id}/confirm") => Requires(ApproveTrips),
        ("GET", "/trips/{trip}/manifest") | ("GET", "/trips/{trip}/manifest.pdf") => {
            Requires(ReadManifest)
        }
        ("POST", "/trips/{trip}/crew") => Requires(RecordCrew),
        ("GET", "/reports") | ("GET", "/reports/file") => Requires(ReadReports),
        ("GET", "/simulation") | ("POST", "/simulation") => Requires(RunSimulation),
        ("GET", "/cases/new") | ("POST", "/cases/new") => Requires(CreateCase),
        ("POST", "/cases/{id}/actions/{action}") => Requires(AppendEvent),
        ("POST", "/cases/{id}/handover")
        | ("POST", "/cases/{id}/accept")
        | ("POST", "/cases/{id}/return") => Requires(AppendEvent),
        ("GET", "/admin/matrix") | ("POST", "/admin/matrix/try") => Requires(ReadMatrix),
        ("POST", "/admin/matrix/propose") => Requires(EditMatrix),
        ("GET", "/admin/audit") => Requires(ReadAudit),
        // Matrix changes further need the row `matrix.edit` to be decided.
        ("POST", "/admin/changes/{id}/approve")
        | ("POST", "/admin/changes/{id}/reject")
        | ("GET", "/admin/users")
        | ("POST", "/admin/users")
        | ("POST", "/admin/users/{name}/role")
        | ("POST", "/admin/users/{name}/password")
        | ("POST", "/admin/users/{name}/token")
        | ("POST", "/admin/users/{name}/revoke") => Requires(ManageUsers),
        _ => Unknown,
    }
}
