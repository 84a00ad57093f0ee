//! Who asks: a named user of an agency in a role (API, pages), the operator at
//! the server's command line, or one of the service's own background tasks.
//! The adapters authenticate; the application layer decides.

use crate::text::{ByLang, reasons};
use opcentrum_access::Principal;
use opcentrum_domain::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A named user, authenticated by a token or a session.
    User(Principal),
    /// The operator of the server at its command line (the holder of the
    /// database), named by the login name; only the catalogue's operator
    /// actions, each audited as `cli:NAME`.
    Operator(String),
    /// A background task of the service (the re-planner): reads what its job
    /// needs, shows nothing to anyone, audited as `system:NAME`.
    System(&'static str),
}

#[derive(Debug, Clone)]
pub struct Caller {
    pub who: Who,
    /// The request's id (API and pages), for the audit record.
    pub request_id: String,
    /// The purpose the caller declared (X-Opcentrum-Purpose), if any.
    pub purpose: Option<String>,
}

impl Caller {
    pub fn user(principal: Principal, request_id: String, purpose: Option<String>) -> Caller {
        Caller {
            who: Who::User(principal),
            request_id,
            purpose,
        }
    }

    pub fn operator(name: impl Into<String>) -> Caller {
        Caller {
            who: Who::Operator(name.into()),
            request_id: String::new(),
            purpose: None,
        }
    }

    pub fn system(name: &'static str) -> Caller {
        Caller {
            who: Who::System(name),
            request_id: String::new(),
            purpose: None,
        }
    }

    pub fn principal(&self) -> Option<&Principal> {
        match &self.who {
            Who::User(p) => Some(p),
            _ => None,
        }
    }

    /// The actor of an event this caller records (users only).
    pub fn actor(&self) -> Option<Actor> {
        self.principal().map(|p| Actor {
            user: p.user.clone(),
            agency: p.agency,
        })
    }

    /// (user, agency, role) as the audit record names them.
    pub(crate) fn audit_identity(&self) -> (String, String, String) {
        match &self.who {
            Who::User(p) => (
                p.user.to_string(),
                p.agency.code().to_owned(),
                p.role.code().to_owned(),
            ),
            Who::Operator(name) => (format!("cli:{name}"), "operator".into(), "operator".into()),
            Who::System(name) => (format!("system:{name}"), "system".into(), "system".into()),
        }
    }

    /// How a refusal names the caller: "police/trip_planner".
    pub(crate) fn describe(&self) -> (String, String) {
        match &self.who {
            Who::User(p) => reasons(
                "gate.caller.who_user",
                &[
                    (
                        "role",
                        &ByLang(p.role.code(), p.role.name_sv().to_lowercase()),
                    ),
                    ("agency", &ByLang(p.agency.code(), p.agency.name_sv())),
                ],
            ),
            Who::Operator(n) => reasons("gate.caller.who_operator", &[("name", n)]),
            Who::System(n) => reasons("gate.caller.who_task", &[("name", n)]),
        }
    }
}
