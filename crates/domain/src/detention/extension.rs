//! Which extensions of a detention the law allows, and why not otherwise.

use super::{DetentionBasis, ExtensionReason, Placement, has};
use crate::{person::Person, rules::RuleId};

/// Which extension reasons the law allows for this placement, and why not
/// otherwise: the rule and the catalogue key of the reason (`refusal.extension.…`).
pub fn extension_allowed(
    placement: &Placement,
    person: &Person,
    reason: ExtensionReason,
) -> Result<(), (RuleId, &'static str)> {
    let child = person.is_child_at(placement.started_at) && placement.basis.is_detention();
    match reason {
        ExtensionReason::ChildExceptionalReasons => {
            if !child {
                return Err((
                    RuleId::ChildDetentionExtension,
                    "refusal.extension.not_a_child",
                ));
            }
            if has(placement, reason) {
                return Err((
                    RuleId::ChildDetentionExtension,
                    "refusal.extension.child_once",
                ));
            }
            Ok(())
        }
        _ if child => Err((
            RuleId::ChildDetention,
            "refusal.extension.child_exceptional_only",
        )),
        ExtensionReason::CustodySpecialReasons => {
            if placement.basis != DetentionBasis::PoliceCustody {
                return Err((
                    RuleId::PoliceCustodyExtension,
                    "refusal.extension.special_reasons_custody_only",
                ));
            }
            if has(placement, reason) {
                return Err((
                    RuleId::PoliceCustodyExtension,
                    "refusal.extension.custody_once",
                ));
            }
            Ok(())
        }
        ExtensionReason::NonCooperation | ExtensionReason::DocumentDelay => {
            if placement.basis != DetentionBasis::Enforcement {
                return Err((
                    RuleId::DetentionNonCooperation,
                    "refusal.extension.twelve_months_enforcement_only",
                ));
            }
            Ok(())
        }
        ExtensionReason::ExceptionalReasons => match placement.basis {
            DetentionBasis::Identity
            | DetentionBasis::LikelyRemoval
            | DetentionBasis::Enforcement => Ok(()),
            DetentionBasis::Investigation => Err((
                RuleId::DetentionInvestigation,
                "refusal.extension.investigation_48_hours",
            )),
            DetentionBasis::PoliceCustody => Err((
                RuleId::PoliceCustodyExtension,
                "refusal.extension.custody_24_hours",
            )),
            DetentionBasis::TransportPlacement => Err((
                RuleId::TransportPlacement,
                "refusal.extension.transport_three_days",
            )),
            DetentionBasis::ReturnBorder => Err((
                RuleId::ReturnBorderDetention,
                "refusal.extension.return_border_twelve_weeks",
            )),
        },
    }
}
