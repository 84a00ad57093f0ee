//! The inbox's order: by when the handover was proposed (the default: the
//! longest waiting first), by case or by name. A name the reader may not see
//! sorts after the others, by case id, whichever way the column runs.

use super::sort::{Column, Order};
use opcentrum_access::{
    FieldCategory,
    filter::{FilteredCase, SectionValue},
};
use opcentrum_app::inbox::InboxItem;
use std::cmp::Ordering;

/// A column the inbox sorts by (`?sort=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxSort {
    Proposed,
    Case,
    Name,
}

impl Column for InboxSort {
    const ALL: &'static [InboxSort] = &[InboxSort::Proposed, InboxSort::Case, InboxSort::Name];

    fn code(self) -> &'static str {
        match self {
            InboxSort::Proposed => "proposed",
            InboxSort::Case => "case",
            InboxSort::Name => "name",
        }
    }
}

/// Family name, then given name, where the reader may read identity.
fn name(f: &FilteredCase) -> Option<(String, String)> {
    match f.visible(FieldCategory::Identity) {
        Some(SectionValue::Identity { person }) => Some((
            person.family_name.to_lowercase(),
            person.given_name.to_lowercase(),
        )),
        _ => None,
    }
}

/// Sorts the inbox's handovers in `order`; hidden names last either way.
pub fn sort(items: &mut [InboxItem], order: Order<InboxSort>) {
    items.sort_by(|a, b| {
        let o = match order.by {
            InboxSort::Proposed => order.apply(a.handover.proposed_at.cmp(&b.handover.proposed_at)),
            InboxSort::Case => order.apply(a.preview.id.cmp(&b.preview.id)),
            InboxSort::Name => match (name(&a.preview), name(&b.preview)) {
                (Some(x), Some(y)) => order.apply(x.cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        o.then_with(|| a.preview.id.cmp(&b.preview.id))
    });
}
