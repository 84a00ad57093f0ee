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
                    format!("impediment {impediment} already exists"),
                    format!("hinder {impediment} finns redan"),
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
                    format!("no impediment {impediment}"),
                    format!("inget hinder {impediment}"),
                ));
            };
            if !i.is_open() {
                return Err(r.conflict(
                    RuleId::ImpedimentBlocks,
                    format!("impediment {impediment} is already lifted"),
                    format!("hinder {impediment} är redan hävt"),
                ));
            }
            if *lifted_on < i.lodged_on {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "lifted_on",
                    "lifted before it was lodged",
                    "hävt innan det registrerades",
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
