//! The detention board's order: by the limit (the default: nearest first), the
//! review due, the facility, the start or the case. Only what the reader sees
//! orders the rows: a row whose limit is withheld (it would tell whether a
//! criminal court expelled) sorts after the others on the limit and the
//! review, by case id, whichever way the column runs.

use opcentrum_access::{
    FieldCategory,
    filter::{Derived, FilteredCase, SectionValue},
};
use std::cmp::Ordering;

/// A column the board sorts by (`?sort=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardSort {
    Limit,
    Review,
    Facility,
    Started,
    Case,
}

impl BoardSort {
    pub const ALL: [BoardSort; 5] = [
        BoardSort::Limit,
        BoardSort::Review,
        BoardSort::Facility,
        BoardSort::Started,
        BoardSort::Case,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BoardSort::Limit => "limit",
            BoardSort::Review => "review",
            BoardSort::Facility => "facility",
            BoardSort::Started => "started",
            BoardSort::Case => "case",
        }
    }

    pub fn parse(s: &str) -> Option<BoardSort> {
        BoardSort::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// A column's value: an instant (none — no cap, no review — after every
/// instant) or a text.
type Key = (bool, i128, String);

fn at(t: Option<jiff::Timestamp>) -> Key {
    (t.is_none(), t.map_or(0, |t| t.as_nanosecond()), String::new())
}

fn text(s: &str) -> Key {
    (false, 0, s.to_owned())
}

/// The row's value in the column, `None` where the reader may not see it.
fn key(f: &FilteredCase, by: BoardSort) -> Option<Key> {
    let Some(SectionValue::Location {
        detention: Some(p),
        detention_status,
        ..
    }) = f.visible(FieldCategory::Location)
    else {
        return None;
    };
    let status = match detention_status {
        Some(Derived::Shown(st)) => Some(st),
        _ => None,
    };
    match by {
        BoardSort::Limit => status.map(|s| at(s.ends_at)),
        BoardSort::Review => status.map(|s| at(s.review_due)),
        BoardSort::Facility => Some(text(p.facility.as_str())),
        BoardSort::Started => Some(at(Some(p.started_at))),
        BoardSort::Case => Some(text(f.id.as_str())),
    }
}

/// Sorts the board's rows by `by`, descending if asked; hidden values last.
pub fn sort(rows: &mut [FilteredCase], by: BoardSort, descending: bool) {
    rows.sort_by(|a, b| {
        let order = match (key(a, by), key(b, by)) {
            (Some(x), Some(y)) => {
                let o = x.cmp(&y);
                if descending { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        order.then_with(|| a.id.cmp(&b.id))
    });
}
