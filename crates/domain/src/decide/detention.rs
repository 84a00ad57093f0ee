//! Detention and supervision: placements, extensions, reviews, new decisions,
//! public counsel; supervision; absconding and locating.

use super::{
    Context, Refusal, Refuse, TransitionError, finality_confirmed, not_future, not_future_ts,
    not_in_force, sv_extension,
};
use crate::{
    case::Case,
    detention::{self, DetentionBasis},
    event::EventKind,
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
            "a child is not held in police custody or a transport placement",
            "ett barn hålls inte kvar i polisarrest eller transportplacering",
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
            "a child is detained only to prepare or carry out enforcement, or where refusal of entry with immediate enforcement is likely",
            "ett barn tas i förvar endast för att förbereda eller genomföra verkställighet, eller när avvisning med omedelbar verkställighet är sannolik",
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
            format!(
                "impediment {} ({}) is open: removal is not a reasonable prospect",
                i.id,
                i.kind.code()
            ),
            format!(
                "hinder {} ({}) är öppet: det finns inte rimliga utsikter till avlägsnande",
                i.id,
                i.kind.code()
            ),
        ));
    }
    Ok(())
}

/// The current detention is still lawful at `at` (no cap passed, no review
/// missed, a reasonable prospect of removal).
fn still_lawful(case: &Case, at: Timestamp, r: &Refuse) -> Result<(), TransitionError> {
    if let Some(l) = detention::limit(case, r.rules)
        && l.ends_at.is_some_and(|e| at >= e)
    {
        return Err(r.conflict(
            l.rule,
            "the limit has passed: the person must be released, not held longer",
            "tidsgränsen har passerats: personen ska släppas, inte hållas kvar",
        ));
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
            "the person is not detained",
            "personen är inte förvarstagen",
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
                    "the person is already detained; end that placement first",
                    "personen är redan förvarstagen; avsluta den placeringen först",
                ));
            }
            let Some(f) = (ctx.facility)(facility) else {
                return Err(r.invalid(
                    RuleId::FacilityCapacity,
                    "facility",
                    format!("no facility {facility}"),
                    format!("ingen förvarsenhet {facility}"),
                ));
            };
            let child = case.person.is_child_at(*started_at);
            if child && f.kind.is_correctional() {
                return Err(r.conflict(
                    RuleId::ChildPlacement,
                    format!(
                        "a child may not be placed in a {}",
                        f.kind.code().replace('_', " ")
                    ),
                    "ett barn får inte placeras i anstalt, häkte eller polisarrest",
                ));
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
                    "a transport placement is in a prison, remand centre or police cell",
                    "en transportplacering sker i anstalt, häkte eller polisarrest",
                ));
            }
            if f.occupied >= f.capacity {
                return Err(r.conflict(
                    RuleId::FacilityCapacity,
                    format!(
                        "facility {facility} is full ({} of {} places)",
                        f.occupied, f.capacity
                    ),
                    format!(
                        "förvarsenhet {facility} är full ({} av {} platser)",
                        f.occupied, f.capacity
                    ),
                ));
            }
            if let Some(p) = case.past_detentions.iter().filter_map(|p| p.ended_at).max()
                && *started_at < p
            {
                return Err(r.invalid(
                    RuleId::SupervisionFirst,
                    "started_at",
                    "starts before the previous placement ended",
                    "börjar innan förra placeringen avslutades",
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
            detention::extension_allowed(p, &case.person, *reason).map_err(|(rule, why)| {
                r.err(
                    Refusal::Conflict,
                    rule,
                    Some("reason"),
                    why,
                    sv_extension(why),
                )
            })?;
            if detention::counsel_required_since(case, *at, r.rules)
                && case.counsel_appointed_at.is_none()
            {
                return Err(r.conflict(
                    RuleId::PublicCounsel,
                    "held more than three days: public counsel must be appointed before a longer detention is decided",
                    "förvarstagen mer än tre dagar: offentligt biträde ska förordnas innan längre förvar beslutas",
                ));
            }
            Ok(())
        }
        EventKind::DetentionReviewed { at } => {
            not_future_ts(r, ctx, "at", *at)?;
            let Some(p) = &case.detention else {
                return Err(r.conflict(
                    RuleId::DetentionReviewEnforcement,
                    "the person is not detained",
                    "personen är inte förvarstagen",
                ));
            };
            if *at < p.started_at {
                return Err(r.invalid(
                    RuleId::DetentionReviewEnforcement,
                    "at",
                    "review before the placement started",
                    "omprövning före placeringen",
                ));
            }
            // A decision not reviewed in time has lapsed (MIG 2013:7): a late review
            // cannot revive it.
            if let Some((due, rule)) = detention::next_review(case, r.rules)
                && *at > due
            {
                return Err(r.conflict(
                    rule,
                    format!("the review was due by {due}: the decision has lapsed and the person must be released"),
                    format!("omprövningen skulle ske senast {due}: beslutet har upphört och personen ska släppas"),
                ));
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
                    "a new decision before the placement started",
                    "nytt beslut före placeringen",
                ));
            }
            let child_then = case.person.is_child_at(p.started_at);
            let child_now = case.person.is_child_at(*at);
            if *basis == p.basis && child_then == child_now {
                return Err(r.invalid(
                    RuleId::DetentionNewDecision,
                    "basis",
                    "same ground and same age rules: record a review instead",
                    "samma grund och samma åldersregler: registrera en omprövning i stället",
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
                    "ends before it started",
                    "slutar innan den började",
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
                    "counsel appointed before the placement started",
                    "biträde förordnat före placeringen",
                )),
                Some(_) => Ok(()),
            }
        }
        EventKind::SupervisionOrdered { on } => {
            not_future(r, ctx, "on", *on)?;
            if case.detention.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "the person is detained; end detention before ordering supervision",
                    "personen är förvarstagen; avsluta förvaret först",
                ));
            }
            if case.supervision_since.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "supervision is already ordered",
                    "uppsikt är redan beslutad",
                ));
            }
            Ok(())
        }
        EventKind::SupervisionEnded { on } => {
            not_future(r, ctx, "on", *on)?;
            if case.supervision_since.is_none() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "no supervision to end",
                    "ingen uppsikt att avsluta",
                ));
            }
            Ok(())
        }
        EventKind::Absconded { on } => {
            not_future(r, ctx, "on", *on)?;
            if case.absconded_since.is_some() {
                return Err(r.conflict(
                    RuleId::HandoverToPolice,
                    "already recorded as absconded",
                    "redan registrerad som avviken",
                ));
            }
            Ok(())
        }
        EventKind::Located { on } => {
            not_future(r, ctx, "on", *on)?;
            match case.absconded_since {
                None => Err(r.conflict(
                    RuleId::HandoverToPolice,
                    "the person is not recorded as absconded",
                    "personen är inte registrerad som avviken",
                )),
                Some(since) if *on < since => Err(r.invalid(
                    RuleId::HandoverToPolice,
                    "on",
                    "located before absconding",
                    "anträffad före avvikandet",
                )),
                Some(_) => Ok(()),
            }
        }
        _ => Ok(()),
    }
}
