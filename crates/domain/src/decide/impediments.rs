//! Impediments and stays: lodged and lifted.

use super::{Context, Refuse, TransitionError, not_future};
use crate::{case::Case, event::EventKind, rules::RuleId};

pub(super) fn decide(
    case: &Case,
    kind: &EventKind,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    match kind {
        EventKind::ImpedimentLodged {
            impediment,
            lodged_on,
            ..
        } => {
            not_future(r, ctx, "lodged_on", *lodged_on)?;
            if case.impediments.iter().any(|i| &i.id == impediment) {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "impediment",
                    "refusal.impediments.exists",
                    &[("impediment", &impediment)],
                ));
            }
            Ok(())
        }
        EventKind::ImpedimentLifted {
            impediment,
            lifted_on,
        } => {
            not_future(r, ctx, "lifted_on", *lifted_on)?;
            let Some(i) = case.impediments.iter().find(|i| &i.id == impediment) else {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "impediment",
                    "refusal.impediments.unknown",
                    &[("impediment", &impediment)],
                ));
            };
            if !i.is_open() {
                return Err(r.conflict(
                    RuleId::ImpedimentBlocks,
                    "refusal.impediments.already_lifted",
                    &[("impediment", &impediment)],
                ));
            }
            if *lifted_on < i.lodged_on {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "lifted_on",
                    "refusal.impediments.lifted_before_lodged",
                    &[],
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
