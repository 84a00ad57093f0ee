//! Route-level permissions, deny by default: a route without a permission in
//! the server's table is refused, and a permission is granted only by a row here.

use crate::identity::Role;
use opcentrum_domain::Agency;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Read cases (fields still filtered by the sharing matrix).
    ReadCases,
    /// Register a case.
    CreateCase,
    /// Append an event (the lifecycle further checks the responsible agency).
    AppendEvent,
    /// The operational picture: counts, occupancy, inboxes, alerts.
    ReadPicture,
    /// Offer trips and run the planner.
    PlanTrips,
    /// Approve a plan: the named human decision.
    ApproveTrips,
    /// Read a trip's manifest (persons, escorts, documents held).
    ReadManifest,
    /// Record a trip's crew: the forced-return monitor and medical staff.
    RecordCrew,
    ReadReports,
    RunSimulation,
    ManageUsers,
    ReadMatrix,
    EditMatrix,
    ReadAudit,
    ReadRules,
    Import,
    Export,
}

/// Who may do what: read off the action catalogue (one table for the routes,
/// the pages, the command line and the application layer). Oversight never
/// records case events; it administers only its own users.
pub fn allowed(agency: Agency, role: Role, p: Permission) -> bool {
    let catalogue = crate::catalogue::Catalogue::builtin();
    match p {
        // Any event a role may record by hand opens the append route; the
        // application layer then checks the event's own row.
        Permission::AppendEvent => catalogue.rows().iter().any(|r| {
            r.kind == crate::catalogue::ActionKind::Event
                && r.by_hand()
                && r.grants_role(agency, role)
        }),
        other => catalogue
            .row(crate::catalogue::permission_row(other))
            .is_ok_and(|r| r.grants_role(agency, role)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversight_never_writes() {
        // Oversight administers its own users (ManageUsers), nothing else.
        for role in Role::ALL {
            for p in [
                Permission::CreateCase,
                Permission::AppendEvent,
                Permission::PlanTrips,
                Permission::ApproveTrips,
                Permission::EditMatrix,
                Permission::Import,
            ] {
                assert!(!allowed(Agency::Oversight, role, p), "{role} {p:?}");
            }
        }
    }

    #[test]
    fn only_nte_planners_approve_and_only_legal_officers_edit_the_matrix() {
        assert!(allowed(
            Agency::Nte,
            Role::TripPlanner,
            Permission::ApproveTrips
        ));
        assert!(!allowed(
            Agency::Police,
            Role::TripPlanner,
            Permission::ApproveTrips
        ));
        assert!(!allowed(
            Agency::Nte,
            Role::CaseOfficer,
            Permission::ApproveTrips
        ));
        assert!(allowed(
            Agency::Migrationsverket,
            Role::LegalOfficer,
            Permission::EditMatrix
        ));
        assert!(!allowed(
            Agency::Migrationsverket,
            Role::OperationsLead,
            Permission::EditMatrix
        ));
        assert!(allowed(
            Agency::Oversight,
            Role::Auditor,
            Permission::ReadAudit
        ));
        assert!(!allowed(
            Agency::Police,
            Role::CaseOfficer,
            Permission::ReadAudit
        ));
    }
}
