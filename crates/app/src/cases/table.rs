//! The case table of the pages: the list's filters plus search (case number
//! for every case reader; person id, dossier number and name only for
//! readers who may read identity for every agency), sorted by a whitelisted
//! column, with the total and offset paging both ways. Every search is
//! audited: that it happened, by whom, on what kind of term and how many
//! cases it found — never the term itself, which the audit's readers need
//! not be allowed to read.

use super::PURPOSE_CASEWORK;
use crate::{
    App, AppError, AppResult, Caller,
    audit::{entry, read_of},
    text::{ByLang, reasons},
};
use opcentrum_access::{
    FieldCategory,
    audit::AuditAction,
    filter::{FilteredCase, filter_case},
};
use opcentrum_store::{CaseFilter, IdentitySearch, SortColumn, TableRequest, WorkFilter};
use opcentrum_text::{Lang, Tr};

/// What the table shows.
#[derive(Debug, Clone, Default)]
pub struct CaseTableQuery {
    pub filter: CaseFilter,
    /// The search box as typed.
    pub search: Option<String>,
    /// Only cases with a failed attempt (the trip category).
    pub failed_attempt: Option<bool>,
    pub sort: SortColumn,
    pub descending: bool,
    pub offset: u64,
    pub limit: u32,
}

#[derive(Debug)]
pub struct CaseTable {
    pub items: Vec<FilteredCase>,
    /// Every case the filters match.
    pub total: u64,
    pub offset: u64,
    pub limit: u32,
}

/// What a search term is taken to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchKind {
    CaseNumber(String),
    Identity(IdentitySearch),
}

impl SearchKind {
    /// `UT-…` a case number (prefix), `P-…` a person id, `D` and digits a
    /// dossier number, anything else a name.
    pub fn of(term: &str) -> Option<SearchKind> {
        let t = term.trim();
        if t.is_empty() {
            return None;
        }
        let up = t.to_uppercase();
        Some(if up.starts_with("UT-") {
            SearchKind::CaseNumber(up)
        } else if up.starts_with("P-") {
            SearchKind::Identity(IdentitySearch::PersonId(up))
        } else if up.len() > 1 && up.starts_with('D') && up[1..].chars().all(|c| c.is_ascii_digit())
        {
            SearchKind::Identity(IdentitySearch::Dossier(up))
        } else {
            SearchKind::Identity(IdentitySearch::Name(t.to_owned()))
        })
    }

    pub fn code(&self) -> &'static str {
        match self {
            SearchKind::CaseNumber(_) => "case_number",
            SearchKind::Identity(IdentitySearch::PersonId(_)) => "person_id",
            SearchKind::Identity(IdentitySearch::Dossier(_)) => "dossier_number",
            SearchKind::Identity(IdentitySearch::Name(_)) => "name",
        }
    }

    /// The catalogue key of the kind's name.
    fn name_key(&self) -> &'static str {
        match self {
            SearchKind::CaseNumber(_) => "gate.table.search_kind.case_number",
            SearchKind::Identity(IdentitySearch::PersonId(_)) => "gate.table.search_kind.person_id",
            SearchKind::Identity(IdentitySearch::Dossier(_)) => {
                "gate.table.search_kind.dossier_number"
            }
            SearchKind::Identity(IdentitySearch::Name(_)) => "gate.table.search_kind.name",
        }
    }

    fn name(&self, lang: Lang) -> &'static str {
        Tr::new(lang).t(self.name_key())
    }
}

impl App {
    /// A sorted page of the case table as the reader may see it: the search
    /// audited, each case shown filtered and its read audited.
    pub async fn case_table(&self, caller: &Caller, q: &CaseTableQuery) -> AppResult<CaseTable> {
        self.allow(caller, "cases.read", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a case table for a non-user"))?;
        self.check_filters(caller, &q.filter).await?;
        let policy = self.policy.get();
        if q.failed_attempt.is_some()
            && !policy.readable_for_every_owner(principal, FieldCategory::Trip)
        {
            let (reason, reason_sv) = reasons("gate.table.may_not_filter_failed", &[]);
            self.audit_refusal(caller, "cases.read", None, &[FieldCategory::Trip], &reason)
                .await;
            return Err(AppError::Forbidden {
                row: "cases.read".into(),
                reason_en: reason,
                reason_sv,
                field: Some("failed".into()),
            });
        }
        let mut filter = q.filter.clone();
        let mut work = WorkFilter {
            identity: None,
            failed_attempt: q.failed_attempt,
        };
        let search = q.search.as_deref().and_then(SearchKind::of);
        match &search {
            None => {}
            Some(SearchKind::CaseNumber(prefix)) => filter.id_prefix = Some(prefix.clone()),
            Some(kind @ SearchKind::Identity(id)) => {
                if !policy.readable_for_every_owner(principal, FieldCategory::Identity) {
                    let (en, sv) = reasons(
                        "gate.table.may_not_search",
                        &[("kind", &ByLang(kind.name(Lang::En), kind.name(Lang::Sv)))],
                    );
                    self.audit_refusal(
                        caller,
                        "cases.read",
                        None,
                        &[FieldCategory::Identity],
                        &format!("case search by {}", kind.name(Lang::En)),
                    )
                    .await;
                    return Err(AppError::Forbidden {
                        row: "cases.read".into(),
                        reason_en: en,
                        reason_sv: sv,
                        field: Some("q".into()),
                    });
                }
                work.identity = Some(id.clone());
            }
        }
        let found = self
            .store
            .case_table(
                &filter,
                &work,
                &TableRequest {
                    sort: q.sort,
                    descending: q.descending,
                    offset: q.offset,
                    limit: q.limit,
                },
                self.clock.today(),
            )
            .await?;
        let now = self.clock.now();
        let rules = self.store.rules();
        let items: Vec<FilteredCase> = found
            .cases
            .iter()
            .map(|c| filter_case(&policy, principal, c, now, rules))
            .collect();
        let mut records: Vec<_> = items
            .iter()
            .map(|f| read_of(caller, f, &[], PURPOSE_CASEWORK, now))
            .collect();
        if let Some(kind) = &search {
            let categories = match kind {
                SearchKind::CaseNumber(_) => vec![],
                SearchKind::Identity(_) => vec![FieldCategory::Identity],
            };
            records.push(entry(
                caller,
                AuditAction::Read,
                None,
                categories,
                vec![],
                &format!(
                    "case search by {}: {} found",
                    kind.name(Lang::En),
                    found.total
                ),
                now,
            ));
        }
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(CaseTable {
            items,
            total: found.total,
            offset: q.offset,
            limit: q.limit,
        })
    }
}
