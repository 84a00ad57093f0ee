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

/// Who may do what. Oversight never writes.
pub fn allowed(agency: Agency, role: Role, p: Permission) -> bool {
    use Permission::*;
    use Role::*;
    let oversight = agency == Agency::Oversight;
    match p {
        ReadRules | ReadPicture => true,
        ReadCases => !matches!(role, Auditor) || oversight,
        CreateCase => {
            !oversight
                && matches!(role, CaseOfficer)
                && matches!(agency, Agency::Migrationsverket | Agency::Police)
        }
        AppendEvent => {
            !oversight
                && matches!(
                    role,
                    CaseOfficer | DetentionStaff | TripPlanner | OperationsLead
                )
        }
        PlanTrips => {
            !oversight && matches!(role, TripPlanner | OperationsLead) && agency == Agency::Nte
        }
        ApproveTrips => {
            !oversight && matches!(role, TripPlanner | OperationsLead) && agency == Agency::Nte
        }
        ReadReports | RunSimulation => matches!(role, OperationsLead | LegalOfficer | Auditor),
        // Users are administered within the administrator's own agency
        // (server::routes::admin); oversight's legal officers administer oversight.
        ManageUsers => matches!(role, LegalOfficer),
        EditMatrix => matches!(role, LegalOfficer) && !oversight,
        ReadMatrix => matches!(role, LegalOfficer | Auditor | OperationsLead),
        ReadAudit => matches!(role, Auditor | LegalOfficer),
        Import => {
            !oversight
                && matches!(role, CaseOfficer | OperationsLead)
                && agency == Agency::Migrationsverket
        }
        Export => matches!(role, LegalOfficer | OperationsLead),
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
