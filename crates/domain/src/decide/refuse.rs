//! A refusal's sentences, read from the catalogue's area `refusals` in both
//! languages: the reason (`refusal.<file>.<what>`), the action an event stands
//! for (`action.<event>`, in [`super::action`]) and the frame around them
//! (`refusal.frame`).

use super::{Refusal, TransitionError, action::action_of};
use crate::{event::EventKind, rules::RuleId, rules::RuleTable};
use opcentrum_text::{Lang, Tr};

pub(crate) use opcentrum_text::args::{Arg, ByLang, both as reasons, text_in as text};

/// A refusal of `action` (an `action.<…>` key) under `rule`.
pub(crate) fn refusal(
    refusal: Refusal,
    action: &'static str,
    rule: RuleId,
    rules: &RuleTable,
    field: Option<&'static str>,
    (reason, reason_sv): (String, String),
) -> TransitionError {
    TransitionError {
        refusal,
        action: Tr::new(Lang::En).t(action),
        action_sv: Tr::new(Lang::Sv).t(action),
        rule,
        statute: rules.reference(rule),
        field,
        reason,
        reason_sv,
    }
}

/// Refuses one event, reading its action from the event's kind.
pub(crate) struct Refuse<'a> {
    pub(crate) kind: &'a EventKind,
    pub(crate) rules: &'a RuleTable,
}

impl Refuse<'_> {
    pub(crate) fn err(
        &self,
        refusal: Refusal,
        rule: RuleId,
        field: Option<&'static str>,
        key: &str,
        args: &[(&str, &dyn Arg)],
    ) -> TransitionError {
        let (action, action_sv) = action_of(self.kind);
        let (reason, reason_sv) = reasons(key, args);
        TransitionError {
            refusal,
            action,
            action_sv,
            rule,
            statute: self.rules.reference(rule),
            field,
            reason,
            reason_sv,
        }
    }
    pub(crate) fn conflict(
        &self,
        rule: RuleId,
        key: &str,
        args: &[(&str, &dyn Arg)],
    ) -> TransitionError {
        self.err(Refusal::Conflict, rule, None, key, args)
    }
    pub(crate) fn invalid(
        &self,
        rule: RuleId,
        field: &'static str,
        key: &str,
        args: &[(&str, &dyn Arg)],
    ) -> TransitionError {
        self.err(Refusal::Invalid, rule, Some(field), key, args)
    }
    pub(crate) fn forbidden(&self, key: &str, args: &[(&str, &dyn Arg)]) -> TransitionError {
        self.err(
            Refusal::Forbidden,
            RuleId::ResponsibleAgency,
            None,
            key,
            args,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_reads_the_same_or_per_language() {
        let stage = ByLang("Final", "Laga kraft");
        assert_eq!(
            reasons("refusal.decide.closed", &[("stage", &stage)]),
            (
                "the case is closed (Final)".to_owned(),
                "ärendet är avslutat (Laga kraft)".to_owned()
            )
        );
        assert_eq!(
            text(
                Lang::Sv,
                "refusal.decide.in_future",
                &[("field", &"on"), ("when", &"2030-01-01")]
            ),
            "on 2030-01-01 ligger i framtiden"
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "a placeholder is left unfilled")]
    fn a_placeholder_left_unfilled_is_a_defect() {
        let _ = text(Lang::En, "refusal.decide.in_future", &[("field", &"on")]);
    }
}
