//! Which extensions of a detention the law allows, and why not otherwise.

use super::{DetentionBasis, ExtensionReason, Placement, has};
use crate::{person::Person, rules::RuleId};

/// Which extension reasons the law allows for this placement, and why not otherwise.
pub fn extension_allowed(
    placement: &Placement,
    person: &Person,
    reason: ExtensionReason,
) -> Result<(), (RuleId, &'static str)> {
    let child = person.is_child_at(placement.started_at) && placement.basis.is_detention();
    match reason {
        ExtensionReason::ChildExceptionalReasons => {
            if !child {
                return Err((RuleId::ChildDetentionExtension, "the person is not a child"));
            }
            if has(placement, reason) {
                return Err((
                    RuleId::ChildDetentionExtension,
                    "a child's detention may be extended only once",
                ));
            }
            Ok(())
        }
        _ if child => Err((
            RuleId::ChildDetention,
            "a child's detention may only be extended once by 72 hours for exceptional reasons",
        )),
        ExtensionReason::CustodySpecialReasons => {
            if placement.basis != DetentionBasis::PoliceCustody {
                return Err((
                    RuleId::PoliceCustodyExtension,
                    "only police custody is extended for special reasons",
                ));
            }
            if has(placement, reason) {
                return Err((
                    RuleId::PoliceCustodyExtension,
                    "police custody may be extended only once",
                ));
            }
            Ok(())
        }
        ExtensionReason::NonCooperation | ExtensionReason::DocumentDelay => {
            if placement.basis != DetentionBasis::Enforcement {
                return Err((
                    RuleId::DetentionNonCooperation,
                    "only detention for enforcement may run to 12 months",
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
                "detention for investigation is at most 48 hours",
            )),
            DetentionBasis::PoliceCustody => Err((
                RuleId::PoliceCustodyExtension,
                "police custody is extended for special reasons, at most 24 hours",
            )),
            DetentionBasis::TransportPlacement => Err((
                RuleId::TransportPlacement,
                "a placement for transport is at most three days",
            )),
            DetentionBasis::ReturnBorder => Err((
                RuleId::ReturnBorderDetention,
                "detention in the return border procedure is at most twelve weeks",
            )),
        },
    }
}
