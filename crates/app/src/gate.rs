//! The gate's checks: may this caller take this catalogue row (who), and, for
//! an event, may they take it on this case (the row's conditions, the second
//! person, "you may not record what you may not read"). Every refusal is an
//! audit record and an `AppError::Forbidden` naming the row.
//!
//! Order matters for disclosure: `allow_event_type` runs before the case is
//! read, so a caller whom no row of the event type lets act gets the same 403
//! whatever the case's state (detained, absconded, closed or missing).

use crate::{
    App, AppError, AppResult, Caller, Who,
    audit::entry,
    text::{ByLang, reasons, text},
};
use opcentrum_access::{
    CategoryOwners, FieldCategory, Principal,
    audit::AuditAction,
    catalogue::{ActionKind, ActionRow, Condition, action_id_of, deciding_agency},
    category::category_of_rule,
};
use opcentrum_domain::{Case, EventKind, TransitionError, ids::CaseId};
use opcentrum_text::Lang;

const PURPOSE_REFUSED: &str = "refused";

/// What an authorised event needs next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clearance {
    /// Append it now.
    Now,
    /// A second person must approve first.
    SecondPerson(opcentrum_access::catalogue::SecondPerson),
}

impl App {
    /// Writes the audit record of a refusal.
    pub(crate) async fn audit_refusal(
        &self,
        caller: &Caller,
        row: &str,
        case: Option<&str>,
        categories: &[FieldCategory],
        reason: &str,
    ) {
        let record = entry(
            caller,
            AuditAction::Refused,
            case.map(str::to_owned),
            categories.to_vec(),
            vec![],
            &format!("{PURPOSE_REFUSED}: {row}: {reason}"),
            self.clock.now(),
        );
        if let Err(e) = self.store.audit(vec![record]).await {
            tracing::error!(error = %e, "the refusal's audit record was not written");
        }
    }

    async fn refuse(
        &self,
        caller: &Caller,
        row: &ActionRow,
        case: Option<&str>,
        en: String,
        sv: String,
    ) -> AppError {
        self.audit_refusal(caller, row.id, case, row.writes, &en)
            .await;
        AppError::Forbidden {
            row: row.id.to_owned(),
            reason_en: en,
            reason_sv: sv,
            field: None,
        }
    }

    /// May the caller take this row at all (agency and role; operator and
    /// background rows)? A refusal is audited.
    pub(crate) async fn allow(
        &self,
        caller: &Caller,
        row_id: &str,
        case: Option<&str>,
    ) -> AppResult<&'static ActionRow> {
        let row = self.catalogue.row(row_id).map_err(AppError::internal)?;
        let ok = match &caller.who {
            Who::User(p) => row.grants(p),
            Who::Operator(_) => row.operator,
            Who::System(_) => row.background,
        };
        if ok {
            return Ok(row);
        }
        let (en, sv) = may_not(caller, row);
        Err(self.refuse(caller, row, case, en, sv).await)
    }

    /// Before the case is read: does any row recording this event type let
    /// the caller act by hand? Refused the same way whatever the case holds.
    pub(crate) async fn allow_event_type(
        &self,
        caller: &Caller,
        kind: &EventKind,
        case: &CaseId,
    ) -> AppResult<()> {
        let rows = self.catalogue.rows_of_event(kind.name());
        let principal = self.user_of(caller, action_id_of(kind, None), case).await?;
        if rows.iter().any(|r| r.by_hand() && r.grants(principal)) {
            return Ok(());
        }
        let row = match rows.iter().find(|r| !r.by_hand()) {
            Some(r) => *r,
            None => self
                .catalogue
                .row(action_id_of(kind, None))
                .map_err(AppError::internal)?,
        };
        let (en, sv) = if row.by_hand() {
            may_not(caller, row)
        } else {
            reasons(
                "gate.gate.only_by_trip",
                &[
                    ("event", &kind.name()),
                    ("row", &row.id),
                    ("ground", &row.legal_ground),
                ],
            )
        };
        Err(self.refuse(caller, row, Some(case.as_str()), en, sv).await)
    }

    /// The event's exact row on this case, its conditions, the second person
    /// and the categories it writes. Runs after `allow_event_type`.
    pub(crate) async fn allow_event_on(
        &self,
        caller: &Caller,
        kind: &EventKind,
        case: &Case,
    ) -> AppResult<(&'static ActionRow, Clearance)> {
        let id = action_id_of(kind, Some(case));
        let row = self.catalogue.row(id).map_err(AppError::internal)?;
        let principal = self.user_of(caller, id, &case.id).await?;
        let case_id = case.id.as_str();
        if !row.by_hand() || !row.grants(principal) {
            let (en, sv) = may_not(caller, row);
            return Err(self.refuse(caller, row, Some(case_id), en, sv).await);
        }
        for c in row.conditions {
            if !condition_holds(*c, principal, kind, case) {
                let (en, sv) = reasons(
                    "gate.gate.condition_unmet",
                    &[
                        ("action", &ByLang(row.name_en(), row.name_sv())),
                        ("condition", &ByLang(c.text_en(), c.text_sv())),
                        ("row", &row.id),
                    ],
                );
                return Err(self.refuse(caller, row, Some(case_id), en, sv).await);
            }
        }
        let owners = CategoryOwners::of_case(case);
        let policy = self.policy.get();
        for c in row.writes {
            if !policy.decide(principal, *c, owners.owner(*c)).allowed {
                let owner = owners.owner(*c);
                let (en, sv) = reasons(
                    "gate.gate.may_not_record_unreadable",
                    &[
                        ("action", &ByLang(row.name_en(), row.name_sv())),
                        ("category", &ByLang(c.code(), c.name_sv().to_lowercase())),
                        ("owner", &ByLang(owner.code(), owner.name_sv())),
                        ("row", &row.id),
                    ],
                );
                return Err(self.refuse(caller, row, Some(case_id), en, sv).await);
            }
        }
        let clearance = match row.second_person {
            Some(s) => Clearance::SecondPerson(s),
            None => Clearance::Now,
        };
        Ok((row, clearance))
    }

    /// Event actions are taken by named users only.
    async fn user_of<'a>(
        &self,
        caller: &'a Caller,
        row_id: &str,
        case: &CaseId,
    ) -> AppResult<&'a Principal> {
        match caller.principal() {
            Some(p) => Ok(p),
            None => {
                let row = self.catalogue.row(row_id).map_err(AppError::internal)?;
                let (who_en, who_sv) = caller.describe();
                let (en, sv) = reasons(
                    "gate.gate.no_named_user",
                    &[("who", &ByLang(who_en, who_sv)), ("row", &row.id)],
                );
                Err(self.refuse(caller, row, Some(case.as_str()), en, sv).await)
            }
        }
    }

    /// A refusal of the law as the caller may see it: where the rule speaks of
    /// a category the caller may not read, only that a rule refused.
    pub(crate) fn redact(&self, caller: &Caller, case: &Case, t: TransitionError) -> AppError {
        let Some(principal) = caller.principal() else {
            return AppError::Refused(t);
        };
        let Some(c) = category_of_rule(t.rule) else {
            return AppError::Refused(t);
        };
        let owners = CategoryOwners::of_case(case);
        if self
            .policy
            .get()
            .decide(principal, c, owners.owner(c))
            .allowed
        {
            return AppError::Refused(t);
        }
        let (reason, reason_sv) = reasons(
            "gate.gate.redacted_rule",
            &[("category", &ByLang(c.code(), c.name_sv().to_lowercase()))],
        );
        AppError::Refused(TransitionError {
            field: None,
            reason,
            reason_sv,
            rule: opcentrum_domain::RuleId::ResponsibleAgency,
            statute: "",
            ..t
        })
    }
}

/// Why the caller may not take the row at all, in English and in Swedish.
fn may_not(caller: &Caller, row: &ActionRow) -> (String, String) {
    let (who_en, who_sv) = caller.describe();
    reasons(
        "gate.gate.may_not",
        &[
            ("who", &ByLang(who_en, who_sv)),
            (
                "action",
                &ByLang(row.name_en().to_lowercase(), row.name_sv().to_lowercase()),
            ),
            ("row", &row.id),
            (
                "grants",
                &ByLang(grants_text(row, Lang::En), grants_text(row, Lang::Sv)),
            ),
            ("ground", &row.legal_ground),
        ],
    )
}

/// Whom a row grants the action, in the reader's language: in English by codes
/// ("migrationsverket case_officer, operations_lead; police case_officer"), in
/// Swedish by names ("Migrationsverket: handläggare, …; Polismyndigheten: …").
pub(crate) fn grants_text(row: &ActionRow, lang: Lang) -> String {
    if !row.by_hand() {
        return text(lang, "gate.gate.grants_nobody_by_hand", &[]);
    }
    let parts: Vec<String> = row
        .who
        .iter()
        .map(|g| match lang {
            Lang::En => format!(
                "{} {}",
                g.agency.code(),
                g.roles
                    .iter()
                    .map(|r| r.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Lang::Sv => format!(
                "{}: {}",
                g.agency.name(lang),
                g.roles
                    .iter()
                    .map(|r| r.name(lang).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect();
    if parts.is_empty() {
        text(lang, "gate.gate.grants_nobody", &[])
    } else {
        parts.join("; ")
    }
}

/// Does a row's condition hold for this caller, event and case?
pub(crate) fn condition_holds(c: Condition, p: &Principal, kind: &EventKind, case: &Case) -> bool {
    match c {
        Condition::Responsible => case.responsible == p.agency,
        Condition::DecidingAgency => deciding_agency(case) == p.agency,
        Condition::ReceivingAgency => case
            .pending_handover
            .as_ref()
            .is_none_or(|h| h.kind.to_agency() == p.agency),
        // Checked on the registration itself (no case yet).
        Condition::RegistersOwnDecision => registers_own(p, kind),
        // Checked against the trip offers by `cases::record` (needs the store).
        Condition::TripDeparted => true,
        // User administration conditions are checked by the admin actions.
        Condition::SameAgency | Condition::NotSelf => true,
    }
}

/// Migrationsverket registers its own and the courts' decisions; the Police
/// only its own (refusals of entry, UtlL 8 kap. 17 §).
pub(crate) fn registers_own(p: &Principal, kind: &EventKind) -> bool {
    use opcentrum_domain::{Agency, decision::DecisionMaker};
    let EventKind::Registered { decision, .. } = kind else {
        return true;
    };
    match p.agency {
        Agency::Migrationsverket => decision.decided_by != DecisionMaker::Police,
        Agency::Police => decision.decided_by == DecisionMaker::Police,
        _ => false,
    }
}

/// The rows a reader may take on a case now (role, conditions, readable
/// categories; whether the law allows the event is `decide`'s answer when it
/// is recorded). For the case's response and the pages' forms.
pub(crate) fn offered<'a>(app: &'a App, p: &Principal, case: &Case) -> Vec<&'a ActionRow> {
    if case.is_closed() {
        return Vec::new();
    }
    let owners = CategoryOwners::of_case(case);
    let policy = app.policy.get();
    app.catalogue
        .rows()
        .iter()
        .filter(|r| r.kind == ActionKind::Event && r.by_hand() && r.id != "registered")
        .filter(|r| r.grants(p))
        .filter(|r| {
            r.conditions.iter().all(|c| match c {
                Condition::Responsible => case.responsible == p.agency,
                Condition::DecidingAgency => deciding_agency(case) == p.agency,
                Condition::ReceivingAgency => case
                    .pending_handover
                    .as_ref()
                    .is_some_and(|h| h.kind.to_agency() == p.agency),
                _ => true,
            })
        })
        .filter(|r| {
            r.writes
                .iter()
                .all(|c| policy.decide(p, *c, owners.owner(*c)).allowed)
        })
        .filter(|r| crate::cases::offer::open_now(r, case))
        .collect()
}

#[cfg(test)]
mod text_tests {
    use super::*;
    use opcentrum_access::{Catalogue, Role};
    use opcentrum_domain::{Agency, ids::UserName};

    #[test]
    fn a_caller_the_catalogue_refuses_reads_as_before() {
        let catalogue = Catalogue::builtin();
        let row = catalogue.row("registered").unwrap();
        let (en, sv) = may_not(&Caller::operator("anna"), row);
        // The sentences as the code wrote them before they moved to the catalogue.
        assert_eq!(
            en,
            format!(
                "the operator anna may not {}: the action catalogue's row `{}` gives it to {} ({})",
                row.name_en().to_lowercase(),
                row.id,
                grants_text(row, Lang::En),
                row.legal_ground
            )
        );
        assert_eq!(
            sv,
            format!(
                "operatören anna får inte {}: handlingskatalogens rad `{}` ger den till {} ({})",
                row.name_sv().to_lowercase(),
                row.id,
                grants_text(row, Lang::Sv),
                row.legal_ground
            )
        );
        // Whom the row grants it: codes in English, names in Swedish.
        assert!(en.contains("migrationsverket case_officer"), "{en}");
        assert!(sv.contains("Migrationsverket: handläggare"), "{sv}");
        assert!(!sv.contains("case_officer"), "{sv}");
        let by_plan = catalogue
            .rows()
            .iter()
            .find(|r| !r.by_hand())
            .expect("a row recorded only by an approved plan");
        assert_eq!(
            grants_text(by_plan, Lang::Sv),
            "ingen för hand (ett godkänt reseförslag)"
        );
        let p = Principal {
            user: UserName::parse("planner.one").unwrap(),
            agency: Agency::Police,
            role: Role::TripPlanner,
        };
        assert_eq!(
            Caller::user(p, String::new(), None).describe(),
            (
                format!("{} ({})", Role::TripPlanner.code(), Agency::Police.code()),
                format!(
                    "{} ({})",
                    Role::TripPlanner.name_sv().to_lowercase(),
                    Agency::Police.name_sv()
                )
            )
        );
        assert_eq!(
            Caller::system("replanner").describe(),
            (
                "the task replanner".to_owned(),
                "uppgiften replanner".to_owned()
            )
        );
    }
}
