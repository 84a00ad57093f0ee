//! Users of one's own agency: list, create, change (role, display name,
//! disabled, password). Never one's own account; making someone a legal
//! officer is proposed and applies only when a second legal officer of the
//! agency approves it (`admin::changes`).

use super::{own_agency, principal, refuse, what_user};
use crate::{App, AppError, AppResult, Caller, audit::entry, text::reasons};
use opcentrum_access::{Role, audit::AuditAction, password::hash_password};
use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_store::{AccountKind, ChangeBody, ChangeRecord, StoredUser, UserRecord};
use serde::Serialize;

const ROW: &str = "users.manage";
const GRANT_ROW: &str = "users.grant_legal_officer";

/// An account as administration shows it (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountView {
    pub user: String,
    pub display_name: String,
    pub agency: Agency,
    pub role: String,
    pub disabled: bool,
    pub kind: AccountKind,
}

impl From<&UserRecord> for AccountView {
    fn from(u: &UserRecord) -> Self {
        AccountView {
            user: u.user_name.to_string(),
            display_name: u.display_name.clone(),
            agency: u.agency,
            role: u.role.clone(),
            disabled: u.disabled,
            kind: u.kind,
        }
    }
}

/// An account to create or change.
#[derive(Debug, Clone)]
pub struct AccountChange {
    pub user: String,
    pub display_name: String,
    pub agency: Agency,
    pub role: String,
    /// 12–256 characters; `None` keeps the stored password (or none).
    pub password: Option<String>,
    pub disabled: bool,
    /// `None` keeps the stored kind (a new account: a person).
    pub kind: Option<AccountKind>,
}

/// What became of an account change.
#[derive(Debug, Clone)]
pub enum AccountOutcome {
    /// Stored now.
    Stored(AccountView),
    /// A legal officer grant: waits for a second legal officer.
    Proposed(ChangeRecord),
}

impl App {
    /// The accounts the caller administers: those of their own agency.
    pub async fn accounts(&self, caller: &Caller) -> AppResult<Vec<AccountView>> {
        self.allow(caller, ROW, None).await?;
        let p = principal(caller, ROW)?;
        Ok(self
            .store
            .users()
            .await?
            .iter()
            .filter(|u| u.agency == p.agency)
            .map(AccountView::from)
            .collect())
    }

    /// One account of the caller's own agency.
    pub async fn account(&self, caller: &Caller, name: &str) -> AppResult<AccountView> {
        self.allow(caller, ROW, None).await?;
        let p = principal(caller, ROW)?;
        let user = UserName::parse(name).map_err(|e| AppError::bad_request("user", e.reason))?;
        let Some(u) = self.store.user(&user).await? else {
            return Err(AppError::not_found(
                "gate.error.no_user",
                &[("user", &user)],
            ));
        };
        own_agency(p, ROW, "user", u.agency, what_user(&user))?;
        Ok(AccountView::from(&u))
    }

    /// Creates or changes an account of the caller's own agency, with its
    /// audit record; a legal officer grant is proposed instead.
    pub async fn put_account(
        &self,
        caller: &Caller,
        req: AccountChange,
    ) -> AppResult<AccountOutcome> {
        self.allow(caller, ROW, None).await?;
        let p = principal(caller, ROW)?;
        let user_name = UserName::parse(&req.user).map_err(|e| {
            AppError::invalid_in(
                "user",
                e.reason,
                crate::text::text(opcentrum_text::Lang::Sv, "gate.users.bad_name", &[]),
            )
        })?;
        if user_name == p.user {
            // Separation of duties: no one grants themselves an agency, a
            // role or a password; another legal officer must.
            let (en, sv) = reasons("gate.users.own_account", &[]);
            return Err(refuse(ROW, "user", en, sv));
        }
        let Some(role) = Role::parse(&req.role) else {
            return Err(crate::text::invalid(
                "role",
                "gate.users.unknown_role",
                &[
                    ("role", &req.role),
                    ("roles", &Role::ALL.map(|r| r.code()).join(", ")),
                ],
            ));
        };
        if req.display_name.trim().is_empty() || req.display_name.chars().count() > 200 {
            return Err(crate::text::invalid(
                "display_name",
                "gate.users.display_name",
                &[],
            ));
        }
        own_agency(
            p,
            ROW,
            "agency",
            req.agency,
            reasons("gate.users.what_account", &[]),
        )?;
        let before = self.store.user(&user_name).await?;
        if let Some(b) = &before {
            own_agency(p, ROW, "user", b.agency, what_user(&user_name))?;
        }
        let password_hash = match &req.password {
            Some(pw) => Some(hash_password(pw).map_err(|e| match e {
                opcentrum_access::password::PasswordError::Length => {
                    crate::text::invalid("password", "gate.users.password_length", &[])
                }
                other => AppError::internal(other),
            })?),
            None => None,
        };
        let record = UserRecord {
            user_name,
            display_name: req.display_name,
            agency: req.agency,
            role: req.role,
            password_hash,
            disabled: req.disabled,
            kind: req
                .kind
                .or(before.as_ref().map(|b| b.kind))
                .unwrap_or(AccountKind::Person),
            epoch: 0,
        };
        let now = self.clock.now();
        let grant = role == Role::LegalOfficer
            && before
                .as_ref()
                .is_none_or(|b| b.role != Role::LegalOfficer.code());
        if grant {
            self.allow(caller, GRANT_ROW, None).await?;
            let summary = format!(
                "make {} ({}) a legal officer of {}",
                record.user_name,
                record.display_name,
                record.agency.code()
            );
            let audit = entry(
                caller,
                AuditAction::ChangeProposed,
                None,
                vec![],
                vec![summary.clone()],
                "user administration (proposed)",
                now,
            );
            let change = self
                .store
                .propose_change(
                    ChangeBody::User {
                        user: StoredUser::of(&record),
                    },
                    &summary,
                    p.agency,
                    p.user.as_str(),
                    now,
                    Some(audit),
                )
                .await?;
            return Ok(AccountOutcome::Proposed(change));
        }
        let audit = entry(
            caller,
            AuditAction::UserChange,
            None,
            vec![],
            user_change_terms(before.as_ref(), &record),
            "user administration",
            now,
        );
        self.store.put_user(&record, now, Some(audit)).await?;
        Ok(AccountOutcome::Stored(AccountView::from(&record)))
    }
}

/// What a user change does, for its audit record.
fn user_change_terms(before: Option<&UserRecord>, after: &UserRecord) -> Vec<String> {
    let mut out = vec![format!("user {}", after.user_name)];
    match before {
        None => out.push(format!(
            "created: {} / {} / {}",
            after.agency.code(),
            after.role,
            after.kind.code()
        )),
        Some(b) => {
            if b.agency != after.agency {
                out.push(format!(
                    "agency {} -> {}",
                    b.agency.code(),
                    after.agency.code()
                ));
            }
            if b.role != after.role {
                out.push(format!("role {} -> {}", b.role, after.role));
            }
            if b.kind != after.kind {
                out.push(format!("kind {} -> {}", b.kind.code(), after.kind.code()));
            }
            if b.disabled != after.disabled {
                out.push(
                    if after.disabled {
                        "disabled"
                    } else {
                        "enabled"
                    }
                    .into(),
                );
            }
            if b.display_name != after.display_name {
                out.push("display name changed".into());
            }
        }
    }
    if after.password_hash.is_some() {
        out.push("password set".into());
    }
    out
}
