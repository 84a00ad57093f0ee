//! An agency's handover inbox: proposals waiting for it to accept or return,
//! each with a preview limited to what the receiving reader may see. The
//! handover's own facts are shown by category too: the reason for a police
//! handover (absconded, coercion) only with the decision category, the escort
//! need of a transport request only with the security-risk category.

use crate::{App, AppError, AppResult, Caller, audit::read_of};
use opcentrum_access::{
    CategoryOwners, FieldCategory,
    filter::{FilteredCase, filter_case},
};
use opcentrum_domain::{
    Agency, Case,
    event::{HandoverKind, PoliceHandoverReason},
};
use serde::Serialize;

const PURPOSE: &str = "handover preview";
const PURPOSE_RETURNED: &str = "returned handover";
/// At most this many handovers per inbox read.
const INBOX_LIMIT: u32 = 500;

/// A handover as the receiving reader may see it.
#[derive(Debug, Clone, Serialize)]
pub struct HandoverView {
    pub id: String,
    pub from: Agency,
    pub to: Agency,
    pub proposed_at: jiff::Timestamp,
    pub proposed_by: String,
    /// Why Migrationsverket hands over (decision category), when readable.
    pub reason: Option<PoliceHandoverReason>,
    /// Whether escorts are needed (security-risk category), when readable.
    pub escorted: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct InboxItem {
    pub handover: HandoverView,
    pub preview: FilteredCase,
}

/// A handover the agency proposed and got back, waiting for it to follow up.
#[derive(Debug, Serialize)]
pub struct ReturnedItem {
    pub handover_id: String,
    pub to: Agency,
    pub returned_at: jiff::Timestamp,
    /// The receiver's reason (decision category, as the handover's own
    /// facts), when readable.
    pub reason: Option<String>,
    pub preview: FilteredCase,
}

#[derive(Debug, Serialize)]
pub struct Inbox {
    pub agency: Agency,
    pub items: Vec<InboxItem>,
    /// Handovers this agency sent that came back: the sender's follow-up.
    pub returned: Vec<ReturnedItem>,
}

impl App {
    /// The inbox of `agency` as the caller may see it, each preview audited.
    pub async fn inbox(&self, caller: &Caller, agency: Agency) -> AppResult<Inbox> {
        self.allow(caller, "cases.read", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("an inbox for a non-user"))?;
        if !Agency::OPERATIONAL.contains(&agency) {
            return Err(AppError::not_found(
                "gate.inbox.no_inbox",
                &[(
                    "agency",
                    &crate::text::ByLang(agency.code(), agency.name_sv()),
                )],
            ));
        }
        let cases = self.store.inbox(agency, INBOX_LIMIT).await?;
        let now = self.clock.now();
        let policy = self.policy.get();
        let mut items = Vec::with_capacity(cases.len());
        let mut records = Vec::with_capacity(cases.len());
        for c in cases {
            let Some(handover) = self.handover_view(principal, &c) else {
                continue;
            };
            let f = filter_case(&policy, principal, &c, now, self.store.rules());
            records.push(read_of(caller, &f, &[], PURPOSE, now));
            items.push(InboxItem {
                handover,
                preview: f,
            });
        }
        let mut returned = Vec::new();
        for c in self.store.returned_handovers(INBOX_LIMIT).await? {
            if !crate::tasks::awaits_sender(&c, agency) {
                continue;
            }
            let Some(r) = &c.last_returned_handover else {
                continue;
            };
            let owners = CategoryOwners::of_case(&c);
            let reason = policy
                .decide(
                    principal,
                    FieldCategory::Decision,
                    owners.owner(FieldCategory::Decision),
                )
                .allowed
                .then(|| r.reason.clone());
            let f = filter_case(&policy, principal, &c, now, self.store.rules());
            records.push(read_of(caller, &f, &[], PURPOSE_RETURNED, now));
            returned.push(ReturnedItem {
                handover_id: r.id.to_string(),
                to: r.kind.to_agency(),
                returned_at: r.returned_at,
                reason,
                preview: f,
            });
        }
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(Inbox {
            agency,
            items,
            returned,
        })
    }

    fn handover_view(
        &self,
        principal: &opcentrum_access::Principal,
        case: &Case,
    ) -> Option<HandoverView> {
        let h = case.pending_handover.as_ref()?;
        let owners = CategoryOwners::of_case(case);
        let policy = self.policy.get();
        let may = |c: FieldCategory| policy.decide(principal, c, owners.owner(c)).allowed;
        let (reason, escorted) = match h.kind {
            HandoverKind::ToPolice { reason } => {
                (may(FieldCategory::Decision).then_some(reason), None)
            }
            HandoverKind::TransportRequest { escorted } => {
                (None, may(FieldCategory::SecurityRisk).then_some(escorted))
            }
        };
        Some(HandoverView {
            id: h.id.to_string(),
            from: h.kind.from_agency(),
            to: h.kind.to_agency(),
            proposed_at: h.proposed_at,
            proposed_by: h.proposed_by.to_string(),
            reason,
            escorted,
        })
    }
}
