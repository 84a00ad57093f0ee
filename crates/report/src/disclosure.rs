//! Disclosure control: who the report is for, and figures that may be withheld.
//!
//! A report for the agencies themselves (`Internal`) shows every figure. A report
//! meant to leave them (`Public`: the government, Eurostat, the press) withholds
//! every count below 3 persons (primary suppression), every figure computed
//! from such a count or from fewer than 3 persons, and, in tables with totals,
//! further cells so that no withheld cell can be recomputed from a row or column
//! total (secondary suppression, `table::Table::suppress`).

use serde::{Deserialize, Serialize};

/// Counts below this many persons are withheld in a public report.
pub const THRESHOLD: u64 = 3;

/// Who the report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// Within the three agencies: every figure shown.
    Internal,
    /// Leaves the agencies: small counts and what reveals them are withheld.
    Public,
}

/// Why a figure is withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    /// Fewer than 3 persons: 0, 1 or 2 (shown as "<3").
    Primary,
    /// Withheld so that a primary cell cannot be recomputed from a total, or
    /// computed from a withheld count or from fewer than 3 persons (shown as "..").
    Secondary,
}

impl Suppression {
    /// How a withheld figure is shown in text (CSV, HTML).
    pub fn symbol(self) -> &'static str {
        match self {
            Suppression::Primary => "<3",
            Suppression::Secondary => "..",
        }
    }
}

/// A count of persons (or events); `value` is `None` when withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub value: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

impl Count {
    pub fn shown(n: u64) -> Count {
        Count {
            value: Some(n),
            suppressed: None,
        }
    }
    pub fn withheld(why: Suppression) -> Count {
        Count {
            value: None,
            suppressed: Some(why),
        }
    }
    /// A count under the disclosure rule: below 3 is withheld in public.
    pub fn of(n: u64, d: Disclosure) -> Count {
        if is_small(n, d) {
            Count::withheld(Suppression::Primary)
        } else {
            Count::shown(n)
        }
    }
    pub fn is_withheld(&self) -> bool {
        self.suppressed.is_some()
    }
}

/// A figure computed from counts (a mean, a median, a share); `None` when
/// withheld or when there is nothing to compute it from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

impl Stat {
    pub fn shown(v: Option<f64>) -> Stat {
        Stat {
            value: v,
            suppressed: None,
        }
    }
    pub fn withheld() -> Stat {
        Stat {
            value: None,
            suppressed: Some(Suppression::Secondary),
        }
    }
    /// A figure computed from `persons` persons: withheld in public when they
    /// are fewer than 3 (a median of one person is that person's figure).
    pub fn from_persons(v: Option<f64>, persons: u64, d: Disclosure) -> Stat {
        if d == Disclosure::Public && persons < THRESHOLD {
            Stat::withheld()
        } else {
            Stat::shown(v)
        }
    }
    /// A figure computed from counts: withheld when any of them is withheld.
    pub fn from_counts(v: Option<f64>, inputs: &[Count]) -> Stat {
        if inputs.iter().any(Count::is_withheld) {
            Stat::withheld()
        } else {
            Stat::shown(v)
        }
    }
}

/// Below 3 — 0, 1 or 2 — in a public report. Zero is withheld too: were it
/// shown, "<3" would mean "1 or 2", and a row of "<3" cells under a small total
/// could be worked out exactly (docs/reports.md).
pub fn is_small(n: u64, d: Disclosure) -> bool {
    d == Disclosure::Public && n < THRESHOLD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_withholds_below_three() {
        let p = Disclosure::Public;
        assert_eq!(Count::of(0, p), Count::withheld(Suppression::Primary));
        assert_eq!(Count::of(1, p), Count::withheld(Suppression::Primary));
        assert_eq!(Count::of(2, p), Count::withheld(Suppression::Primary));
        assert_eq!(Count::of(3, p), Count::shown(3));
        assert_eq!(Count::of(1, Disclosure::Internal), Count::shown(1));
    }

    #[test]
    fn derived_figures_follow_their_inputs() {
        let p = Disclosure::Public;
        assert_eq!(Stat::from_persons(Some(4.0), 2, p), Stat::withheld());
        assert_eq!(Stat::from_persons(Some(4.0), 3, p), Stat::shown(Some(4.0)));
        assert_eq!(
            Stat::from_persons(Some(4.0), 2, Disclosure::Internal),
            Stat::shown(Some(4.0))
        );
        let hidden = Count::of(2, p);
        assert_eq!(
            Stat::from_counts(Some(0.5), &[Count::shown(10), hidden]),
            Stat::withheld()
        );
        assert_eq!(
            Stat::from_counts(Some(0.5), &[Count::shown(10)]),
            Stat::shown(Some(0.5))
        );
    }

    #[test]
    fn withheld_figures_serialise_as_null_with_a_flag() {
        let json = serde_json::to_string(&Count::withheld(Suppression::Primary)).unwrap();
        assert_eq!(json, r#"{"value":null,"suppressed":"primary"}"#);
        assert_eq!(
            serde_json::to_string(&Count::shown(7)).unwrap(),
            r#"{"value":7}"#
        );
    }
}
