//! Exports: every case the reader may see, each filtered and audited as an
//! export (a page of a thousand at a time).

use crate::{App, AppError, AppResult, Caller, audit::read_of};
use opcentrum_access::{
    audit::AuditAction,
    filter::{FilteredCase, filter_case},
};
use opcentrum_store::{CaseFilter, PageRequest};

const PAGE: u32 = 1000;

impl App {
    /// Every case, filtered for the reader; one export record per case.
    pub async fn export_filtered(&self, caller: &Caller) -> AppResult<Vec<FilteredCase>> {
        self.allow(caller, "cases.export", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a filtered export for a non-user"))?;
        let now = self.clock.now();
        let policy = self.policy.get();
        let mut out = Vec::new();
        let mut after = None;
        loop {
            let page = self
                .store
                .list_cases(
                    &CaseFilter::default(),
                    &PageRequest {
                        after: after.clone(),
                        limit: PAGE,
                    },
                    self.clock.today(),
                )
                .await?;
            let mut records = Vec::with_capacity(page.cases.len());
            for c in &page.cases {
                let f = filter_case(&policy, principal, c, now, self.store.rules());
                let mut rec = read_of(caller, &f, &[], "export", now);
                rec.action = AuditAction::Export;
                records.push(rec);
                out.push(f);
            }
            self.store.audit(records).await?;
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        Ok(out)
    }
}
