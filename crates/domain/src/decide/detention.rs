//! Detention and supervision: placements, extensions, reviews, new decisions,
//! public counsel; supervision; absconding and locating.

use super::{
    Context, Refusal, Refuse, TransitionError, finality_confirmed, not_future, not_future_ts,
    not_in_force,
};
use crate::{
    case::Case,
    detention::{self, DetentionBasis},
    event::EventKind,
    facility::FacilityKind,
    rules::RuleId,
    time,
};
use jiff::Timestamp;

/// The grounds a detention decision may take for this person at `at`: the child
/// rules (UtlL 10 kap. 2 §, 20 §), the law in force on the day (the Pact's
/// return border procedure from 2026-06-12), finality confirmed before detention
/// for enforcement (JO 8824-2019), and a reasonable prospect of removal (art. 15.4).
fn ground_allowed(
    case: &Case,
    basis: DetentionBasis,
    at: Timestamp,
    r: &Refuse,
) -> Result<(), TransitionError> {
    let day = time::local_date(at);
    let child = case.person.is_child_at(at);
    if child
        && matches!(
            basis,
            DetentionBasis::PoliceCustody | DetentionBasis::TransportPlacement
        )
    {
        return Err(r.conflict(
            RuleId::ChildPlacement,
            "refusal.detention.child_custody_or_transport",
            &[],
        ));
    }
    if child
        && matches!(
            basis,
            DetentionBasis::Identity | DetentionBasis::Investigation
        )
    {
        return Err(r.invalid(
            RuleId::ChildDetentionGrounds,
            "basis",
            "refusal.detention.child_grounds",
            &[],
        ));
    }
    if basis == DetentionBasis::ReturnBorder {
        r.rules
            .in_force(RuleId::ReturnBorderDetention, day)
            .map_err(|e| not_in_force(r, e))?;
    }
    if matches!(
        basis,
        DetentionBasis::Enforcement
            | DetentionBasis::TransportPlacement
            | DetentionBasis::PoliceCustody
    ) {
        finality_confirmed(case, r)?;
    }
    if !matches!(
        basis,
        DetentionBasis::Identity | DetentionBasis::Investigation
    ) && let Some(i) = case.impediments.iter().find(|i| i.is_open())
    {
        return Err(r.conflict(
            RuleId::NoReasonableProspect,
            "refusal.detention.no_reasonable_prospect",
            &[("id", &i.id), ("kind", &i.kind.code())],
        ));
    }
    Ok(())
}

/// Why a child is not placed in a facility of this kind (a correctional one),
/// or `None` for a detention unit.
fn child_placement_refused(kind: FacilityKind) -> Option<&'static str> {
    match kind {
        FacilityKind::DetentionUnit => None,
        FacilityKind::Prison => Some("refusal.detention.child_in_prison"),
        FacilityKind::RemandCentre => Some("refusal.detention.child_in_remand_centre"),
        FacilityKind::PoliceCell => Some("refusal.detention.child_in_police_cell"),
    }
}

/// The current detention is still lawful at `at` (no cap passed, no review
/// missed, a reasonable prospect of removal).
fn still_lawful(case: &Case, at: Timestamp, r: &Refuse) -> Result<(), TransitionError> {
    if let Some(l) = detention::limit(case, r.rules)
        && l.ends_at.is_some_and(|e| at >= e)
    {
        return Err(r.conflict(l.rule, "refusal.detention.limit_passed", &[]));
    }
    Ok(())
}

pub(super) fn decide(
    case: &Case,
    kind: &EventKind,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    let not_detained = || {
        r.conflict(
            RuleId::SupervisionFirst,
            "refusal.detention.not_detained",
            &[],
        )
    };
    match kind {
        EventKind::DetentionStarted {
            facility,
            basis,
            started_at,
            exceptional_reasons,
        } => {
            not_future_ts(r, ctx, "started_at", *started_at)?;
            if case.detention.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "refusal.detention.already_detained",
                    &[],
                ));
            }
            let Some(f) = (ctx.facility)(facility) else {
                return Err(r.invalid(
                    RuleId::FacilityCapacity,
                    "facility",
                    "refusal.detention.no_facility",
                    &[("facility", &facility)],
                ));
            };
            let child = case.person.is_child_at(*started_at);
            if child && let Some(key) = child_placement_refused(f.kind) {
                return Err(r.conflict(RuleId::ChildPlacement, key, &[]));
            }
            ground_allowed(case, *basis, *started_at, r)?;
            super::children::detention_of_child(
                case,
                *started_at,
                exceptional_reasons.as_deref(),
                r,
            )?;
            if *basis == DetentionBasis::TransportPlacement && !f.kind.is_correctional() {
                return Err(r.invalid(
                    RuleId::TransportPlacement,
                    "basis",
                    "refusal.detention.transport_placement_facility",
                    &[],
                ));
            }
            if f.occupied >= f.capacity {
                return Err(r.conflict(
                    RuleId::FacilityCapacity,
                    "refusal.detention.facility_full",
                    &[
                        ("facility", &facility),
                        ("occupied", &f.occupied),
                        ("capacity", &f.capacity),
                    ],
                ));
            }
            if let Some(p) = case.past_detentions.iter().filter_map(|p| p.ended_at).max()
                && *started_at < p
            {
                return Err(r.invalid(
                    RuleId::SupervisionFirst,
                    "started_at",
                    "refusal.detention.starts_before_previous",
                    &[],
                ));
            }
            // The whole case counts (MIG 2019:17): a new placement whose time is
            // already used up is refused.
            let mut next = case.clone();
            next.detention = Some(detention::Placement {
                facility: facility.clone(),
                basis: *basis,
                started_at: *started_at,
                extensions: vec![],
                reviews: vec![],
                ended_at: None,
                end_reason: None,
            });
            still_lawful(&next, *started_at, r)
        }
        EventKind::DetentionExtended { reason, at } => {
            not_future_ts(r, ctx, "at", *at)?;
            let Some(p) = &case.detention else {
                return Err(not_detained());
            };
            still_lawful(case, *at, r)?;
            detention::extension_allowed(p, &case.person, *reason)
                .map_err(|(rule, key)| r.err(Refusal::Conflict, rule, Some("reason"), key, &[]))?;
            if detention::counsel_required_since(case, *at, r.rules)
                && case.counsel_appointed_at.is_none()
            {
                return Err(r.conflict(
                    RuleId::PublicCounsel,
                    "refusal.detention.counsel_required",
                    &[],
                ));
            }
            Ok(())
        }
        EventKind::DetentionReviewed { at } => {
            not_future_ts(r, ctx, "at", *at)?;
            let Some(p) = &case.detention else {
                return Err(r.conflict(
                    RuleId::DetentionReviewEnforcement,
                    "refusal.detention.not_detained",
                    &[],
                ));
            };
            if *at < p.started_at {
                return Err(r.invalid(
                    RuleId::DetentionReviewEnforcement,
                    "at",
                    "refusal.detention.review_before_start",
                    &[],
                ));
            }
            // A decision not reviewed in time has lapsed (MIG 2013:7): a late review
            // cannot revive it.
            if let Some((due, rule)) = detention::next_review(case, r.rules)
                && *at > due
            {
                return Err(r.conflict(rule, "refusal.detention.review_late", &[("due", &due)]));
            }
            Ok(())
        }
        EventKind::DetentionRedecided { basis, at } => {
            not_future_ts(r, ctx, "at", *at)?;
            let Some(p) = &case.detention else {
                return Err(not_detained());
            };
            if *at < p.started_at {
                return Err(r.invalid(
                    RuleId::DetentionNewDecision,
                    "at",
                    "refusal.detention.redecided_before_start",
                    &[],
                ));
            }
            let child_then = case.person.is_child_at(p.started_at);
            let child_now = case.person.is_child_at(*at);
            if *basis == p.basis && child_then == child_now {
                return Err(r.invalid(
                    RuleId::DetentionNewDecision,
                    "basis",
                    "refusal.detention.redecided_same_ground",
                    &[],
                ));
            }
            still_lawful(case, *at, r)?;
            ground_allowed(case, *basis, *at, r)
        }
        EventKind::DetentionEnded { at, .. } => {
            not_future_ts(r, ctx, "at", *at)?;
            match &case.detention {
                None => Err(not_detained()),
                Some(p) if *at < p.started_at => Err(r.invalid(
                    RuleId::SupervisionFirst,
                    "at",
                    "refusal.detention.ends_before_start",
                    &[],
                )),
                Some(_) => Ok(()),
            }
        }
        EventKind::CounselAppointed { at } => {
            not_future_ts(r, ctx, "at", *at)?;
            match &case.detention {
                None => Err(not_detained()),
                Some(p) if *at < p.started_at => Err(r.invalid(
                    RuleId::PublicCounsel,
                    "at",
                    "refusal.detention.counsel_before_start",
                    &[],
                )),
                Some(_) => Ok(()),
            }
        }
        EventKind::SupervisionOrdered { on } => {
            not_future(r, ctx, "on", *on)?;
            if case.detention.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "refusal.detention.supervision_while_detained",
                    &[],
                ));
            }
            if case.supervision_since.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "refusal.detention.supervision_already_ordered",
                    &[],
                ));
            }
            Ok(())
        }
        EventKind::SupervisionEnded { on } => {
            not_future(r, ctx, "on", *on)?;
            if case.supervision_since.is_none() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "refusal.detention.no_supervision",
                    &[],
                ));
            }
            Ok(())
        }
        EventKind::Absconded { on } => {
            not_future(r, ctx, "on", *on)?;
            if case.absconded_since.is_some() {
                return Err(r.conflict(
                    RuleId::HandoverToPolice,
                    "refusal.detention.already_absconded",
                    &[],
                ));
            }
            Ok(())
        }
        EventKind::Located { on } => {
            not_future(r, ctx, "on", *on)?;
            match case.absconded_since {
                None => Err(r.conflict(
                    RuleId::HandoverToPolice,
                    "refusal.detention.not_absconded",
                    &[],
                )),
                Some(since) if *on < since => Err(r.invalid(
                    RuleId::HandoverToPolice,
                    "on",
                    "refusal.detention.located_before_absconding",
                    &[],
                )),
                Some(_) => Ok(()),
            }
        }
        _ => Ok(()),
    }
}
