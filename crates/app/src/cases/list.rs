//! The case list: filters only on fields the reader may read for every owner
//! (a filter would reveal them), each case filtered and its read audited.

use super::PURPOSE_CASEWORK;
use crate::{
    App, AppError, AppResult, Caller,
    audit::read_of,
    text::{ByLang, reasons},
};
use opcentrum_access::filter::{FilteredCase, category_of_filter, filter_case, filterable};
use opcentrum_domain::ids::CaseId;
use opcentrum_store::{CaseFilter, PageRequest};
use serde::Serialize;

/// What to list: the filters and the page.
#[derive(Debug, Clone)]
pub struct CaseQuery {
    pub filter: CaseFilter,
    pub page: PageRequest,
}

#[derive(Debug, Serialize)]
pub struct CaseList {
    pub items: Vec<FilteredCase>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<CaseId>,
}

impl App {
    /// Refuses a filter on a field the reader may not read (it would reveal it).
    pub(crate) async fn check_filters(&self, caller: &Caller, f: &CaseFilter) -> AppResult<()> {
        let Some(principal) = caller.principal() else {
            return Ok(());
        };
        let policy = self.policy.get();
        let used = [
            ("detained", f.detained.is_some()),
            ("family", f.family.is_some()),
            ("replan_needed", f.replan_needed.is_some()),
            ("ready", f.ready.is_some()),
        ];
        for (param, on) in used {
            if !on {
                continue;
            }
            if let Err(c) = filterable(&policy, principal, param) {
                let (reason, reason_sv) = reasons(
                    "gate.list.may_not_filter",
                    &[
                        ("param", &param),
                        ("category", &ByLang(c.code(), c.name_sv().to_lowercase())),
                    ],
                );
                self.audit_refusal(
                    caller,
                    "cases.read",
                    None,
                    category_of_filter(param),
                    &reason,
                )
                .await;
                return Err(AppError::Forbidden {
                    row: "cases.read".into(),
                    reason_sv,
                    reason_en: reason,
                    field: Some(param.into()),
                });
            }
        }
        Ok(())
    }

    /// A page of cases as the reader may see them, each read audited.
    pub async fn list_cases(&self, caller: &Caller, q: &CaseQuery) -> AppResult<CaseList> {
        self.list_except(caller, q, None).await
    }

    /// The other members of a case's family (at most `limit`), as the case
    /// list gives them: the case itself is neither returned nor audited again.
    pub async fn family_members(
        &self,
        caller: &Caller,
        case: &str,
        family: opcentrum_domain::ids::FamilyId,
        limit: u32,
    ) -> AppResult<Vec<FilteredCase>> {
        let q = CaseQuery {
            filter: CaseFilter {
                family: Some(family),
                ..Default::default()
            },
            page: PageRequest {
                after: None,
                limit: limit.saturating_add(1),
            },
        };
        Ok(self.list_except(caller, &q, Some(case)).await?.items)
    }

    async fn list_except(
        &self,
        caller: &Caller,
        q: &CaseQuery,
        except: Option<&str>,
    ) -> AppResult<CaseList> {
        self.allow(caller, "cases.read", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a case list for a non-user"))?;
        self.check_filters(caller, &q.filter).await?;
        let now = self.clock.now();
        let found = self
            .store
            .list_cases(&q.filter, &q.page, self.clock.today())
            .await?;
        let policy = self.policy.get();
        let rules = self.store.rules();
        let items: Vec<FilteredCase> = found
            .cases
            .iter()
            .filter(|c| Some(c.id.as_str()) != except)
            .map(|c| filter_case(&policy, principal, c, now, rules))
            .collect();
        let records = items
            .iter()
            .map(|f| read_of(caller, f, &[], PURPOSE_CASEWORK, now))
            .collect();
        self.store.audit(records).await?;
        Ok(CaseList {
            items,
            next: found.next,
        })
    }
}
