//! API tokens for service accounts of one's own agency: issued (valid 90
//! days, shown once, only the hash kept) and revoked. Never for a person's
//! account (a person logs in), never for one's own.

use super::{own_agency, principal, refuse, what_user};
use crate::{App, AppError, AppResult, Caller, audit::entry, text::reasons};
use opcentrum_access::{
    audit::AuditAction,
    session::{new_secret, secret_hash},
};
use opcentrum_domain::ids::UserName;
use opcentrum_store::{AccountKind, UserRecord};
use serde::Serialize;

const ROW: &str = "tokens.issue";

#[derive(Debug, Clone, Serialize)]
pub struct IssuedToken {
    pub user: String,
    /// Shown once; only its hash is kept.
    pub token: String,
    pub expires_at: jiff::Timestamp,
}

impl App {
    /// The service account a token is issued for or revoked from, after the rules.
    async fn token_account(&self, caller: &Caller, name: &str) -> AppResult<UserRecord> {
        self.allow(caller, ROW, None).await?;
        let p = principal(caller, ROW)?;
        let user = UserName::parse(name).map_err(|e| AppError::bad_request("name", e.reason))?;
        let Some(target) = self.store.user(&user).await? else {
            return Err(AppError::not_found(
                "gate.error.no_user",
                &[("user", &user)],
            ));
        };
        if user == p.user {
            let (en, sv) = reasons("gate.tokens.own_account", &[]);
            return Err(refuse(ROW, "name", en, sv));
        }
        own_agency(p, ROW, "name", target.agency, what_user(&user))?;
        if target.kind != AccountKind::Service {
            let (en, sv) = reasons("gate.tokens.person_account", &[("user", &user)]);
            return Err(refuse(ROW, "name", en, sv));
        }
        Ok(target)
    }

    /// Issues an API token for a service account of the caller's agency.
    pub async fn issue_token(&self, caller: &Caller, name: &str) -> AppResult<IssuedToken> {
        let target = self.token_account(caller, name).await?;
        let user = target.user_name;
        if target.disabled {
            return Err(crate::text::invalid(
                "name",
                "gate.tokens.disabled",
                &[("user", &user)],
            ));
        }
        let now = self.clock.now();
        let expires_at = now
            .checked_add(jiff::SignedDuration::from_hours(24 * 90))
            .map_err(AppError::internal)?;
        let token = new_secret("opc");
        let audit = entry(
            caller,
            AuditAction::UserChange,
            None,
            vec![],
            vec![format!("token for {user}")],
            "user administration",
            now,
        );
        self.store
            .put_token(
                &secret_hash(&token),
                &user,
                "api",
                now,
                Some(expires_at),
                Some(audit),
            )
            .await?;
        Ok(IssuedToken {
            user: user.to_string(),
            token,
            expires_at,
        })
    }

    /// Ends every token of a service account of the caller's agency at once.
    pub async fn revoke_tokens(&self, caller: &Caller, name: &str) -> AppResult<()> {
        let target = self.token_account(caller, name).await?;
        let audit = entry(
            caller,
            AuditAction::UserChange,
            None,
            vec![],
            vec![format!("tokens of {} revoked", target.user_name)],
            "user administration",
            self.clock.now(),
        );
        self.store
            .revoke_user(&target.user_name, Some(audit))
            .await?;
        Ok(())
    }
}
