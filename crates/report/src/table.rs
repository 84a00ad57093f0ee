//! A table of counts with row and column totals, and its disclosure control.
//!
//! Primary suppression withholds every cell (totals included) below 3 persons.
//! Secondary suppression then looks at every additive relation of the table —
//! each row with its row total, each column with its column total, the row
//! totals with the grand total — and works out what a reader could deduce
//! (`revealing`): a relation with one unknown figure gives it by subtraction;
//! one whose unknown figures are all "<3" (0, 1 or 2) under a known total gives
//! them when the rest is 0 or twice their number; what is deduced counts as
//! known in the other relations. Where a non-zero withheld figure would be
//! deduced, the smallest non-zero shown cell of that relation is withheld too
//! (failing that, its total), and the deduction starts again. A deduced zero
//! reveals no person and is let be. This closes deduction along rows and
//! columns, one relation at a time; it is not a full linear-programming audit
//! of the table (docs/reports.md).

use crate::disclosure::{Count, Disclosure, Suppression, is_small};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Row keys (codes: `charter`, `IQ`, …); labels are the renderer's.
    pub rows: Vec<String>,
    /// Column keys (`escorted`, `2026-Q1`, …).
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Count>>,
    pub row_totals: Vec<Count>,
    pub column_totals: Vec<Count>,
    pub total: Count,
}

impl Table {
    /// Builds the table with its totals; `values[row][column]`. In a public
    /// report small cells and what would reveal them are withheld.
    pub fn new(
        rows: Vec<String>,
        columns: Vec<String>,
        values: &[Vec<u64>],
        disclosure: Disclosure,
    ) -> Table {
        let (nr, nc) = (rows.len(), columns.len());
        // The augmented matrix: row nr holds the column totals, column nc the row totals.
        let mut a = vec![vec![0u64; nc + 1]; nr + 1];
        for (r, row) in values.iter().enumerate().take(nr) {
            for (c, v) in row.iter().enumerate().take(nc) {
                a[r][c] = *v;
                a[r][nc] += *v;
                a[nr][c] += *v;
                a[nr][nc] += *v;
            }
        }
        let mut hidden: Vec<Vec<Option<Suppression>>> = a
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| is_small(*v, disclosure).then_some(Suppression::Primary))
                    .collect()
            })
            .collect();
        if disclosure == Disclosure::Public {
            secondary(&a, &mut hidden);
        }
        let count = |r: usize, c: usize| match hidden[r][c] {
            Some(why) => Count::withheld(why),
            None => Count::shown(a[r][c]),
        };
        Table {
            cells: (0..nr)
                .map(|r| (0..nc).map(|c| count(r, c)).collect())
                .collect(),
            row_totals: (0..nr).map(|r| count(r, nc)).collect(),
            column_totals: (0..nc).map(|c| count(nr, c)).collect(),
            total: count(nr, nc),
            rows,
            columns,
        }
    }

    /// The cell at a row and column key.
    pub fn get(&self, row: &str, column: &str) -> Option<Count> {
        let r = self.rows.iter().position(|k| k == row)?;
        let c = self.columns.iter().position(|k| k == column)?;
        Some(self.cells[r][c])
    }

    pub fn row_total(&self, row: &str) -> Option<Count> {
        let r = self.rows.iter().position(|k| k == row)?;
        Some(self.row_totals[r])
    }

    pub fn column_total(&self, column: &str) -> Option<Count> {
        let c = self.columns.iter().position(|k| k == column)?;
        Some(self.column_totals[c])
    }
}

type Cell = (usize, usize);

/// Every additive relation: (its parts, its total).
fn relations(nr: usize, nc: usize) -> Vec<(Vec<Cell>, Cell)> {
    let mut out = Vec::with_capacity(nr + nc + 2);
    for r in 0..=nr {
        out.push(((0..nc).map(|c| (r, c)).collect(), (r, nc)));
    }
    for c in 0..=nc {
        out.push(((0..nr).map(|r| (r, c)).collect(), (nr, c)));
    }
    out
}

/// What a reader can work out from the shown figures, relation by relation,
/// until nothing more follows: a relation with one unknown figure gives it by
/// subtraction; one whose unknown figures are all "<3" (each 0, 1 or 2) under a
/// known total gives them when the rest is 0 (all 0) or twice their number
/// (all 2). Returns the first relation that gives away a non-zero figure.
fn revealing(
    a: &[Vec<u64>],
    hidden: &[Vec<Option<Suppression>>],
    rels: &[(Vec<Cell>, Cell)],
) -> Option<usize> {
    let mut known: Vec<Vec<bool>> = hidden.iter().map(|r| vec![false; r.len()]).collect();
    loop {
        let mut progress = false;
        for (i, (parts, total)) in rels.iter().enumerate() {
            let unknown: Vec<Cell> = parts
                .iter()
                .chain(std::iter::once(total))
                .copied()
                .filter(|(r, c)| hidden[*r][*c].is_some() && !known[*r][*c])
                .collect();
            let pinned = match unknown.len() {
                0 => false,
                1 => true,
                k => {
                    !unknown.contains(total)
                        && unknown
                            .iter()
                            .all(|(r, c)| hidden[*r][*c] == Some(Suppression::Primary))
                        && {
                            let left: u64 = unknown.iter().map(|(r, c)| a[*r][*c]).sum();
                            left == 0 || left >= 2 * k as u64
                        }
                }
            };
            if !pinned {
                continue;
            }
            if unknown.iter().any(|(r, c)| a[*r][*c] > 0) {
                return Some(i);
            }
            for (r, c) in unknown {
                known[r][c] = true;
            }
            progress = true;
        }
        if !progress {
            return None;
        }
    }
}

fn secondary(a: &[Vec<u64>], hidden: &mut [Vec<Option<Suppression>>]) {
    let nr = a.len() - 1;
    let nc = a[0].len() - 1;
    let rels = relations(nr, nc);
    while let Some(i) = revealing(a, hidden, &rels) {
        let (parts, total) = &rels[i];
        let pick = parts
            .iter()
            .filter(|(r, c)| hidden[*r][*c].is_none() && a[*r][*c] > 0)
            .min_by_key(|(r, c)| a[*r][*c])
            .copied()
            .or_else(|| {
                let (r, c) = *total;
                hidden[r][c].is_none().then_some(*total)
            });
        match pick {
            Some((r, c)) => hidden[r][c] = Some(Suppression::Secondary),
            None => {
                // Nothing left to withhold in that relation: withhold the whole
                // table rather than publish a figure that can be worked out.
                for row in hidden.iter_mut() {
                    for cell in row.iter_mut().filter(|c| c.is_none()) {
                        *cell = Some(Suppression::Secondary);
                    }
                }
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| (*s).to_owned()).collect()
    }

    fn shown(t: &Table) -> Vec<Vec<String>> {
        t.cells
            .iter()
            .zip(&t.row_totals)
            .map(|(row, total)| {
                row.iter()
                    .chain(std::iter::once(total))
                    .map(|c| match (c.value, c.suppressed) {
                        (Some(v), _) => v.to_string(),
                        (None, Some(s)) => s.symbol().to_owned(),
                        (None, None) => "?".into(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn internal_shows_everything_with_totals() {
        let t = Table::new(
            keys(&["a", "b"]),
            keys(&["x", "y"]),
            &[vec![1, 5], vec![4, 2]],
            Disclosure::Internal,
        );
        assert_eq!(shown(&t), [["1", "5", "6"], ["4", "2", "6"]]);
        assert_eq!(t.column_totals, [Count::shown(5), Count::shown(7)]);
        assert_eq!(t.total, Count::shown(12));
        assert_eq!(t.get("b", "x"), Some(Count::shown(4)));
    }

    #[test]
    fn a_small_cell_takes_neighbours_until_nothing_reveals_it() {
        // Row a: 1 and 0 are "<3"; 10 − 9 leaves 1 for the two: 1+0 or 0+1,
        // not pinned. Column x would give the 1 (11 − 4 − 6): 4 goes; then row
        // b would give 4: 5 goes; column y would give 5: 8 goes; row c would
        // give 8: 3 goes. What is left is a cycle with one degree of freedom:
        // a_x may be 0 or 1.
        let t = Table::new(
            keys(&["a", "b", "c"]),
            keys(&["x", "y", "z"]),
            &[vec![1, 9, 0], vec![4, 5, 7], vec![6, 8, 3]],
            Disclosure::Public,
        );
        assert_eq!(
            shown(&t),
            [
                ["<3", "9", "<3", "10"],
                ["..", "..", "7", "16"],
                ["6", "..", "..", "17"]
            ]
        );
        assert_eq!(
            t.column_totals,
            [Count::shown(11), Count::shown(22), Count::shown(10)]
        );
        assert_eq!(t.total, Count::shown(43));
        // No row or column is left with exactly one withheld figure.
        for (row, total) in t.cells.iter().zip(&t.row_totals) {
            let n =
                row.iter().filter(|c| c.is_withheld()).count() + usize::from(total.is_withheld());
            assert_ne!(n, 1);
        }
        for c in 0..3 {
            let n = (0..3).filter(|r| t.cells[*r][c].is_withheld()).count()
                + usize::from(t.column_totals[c].is_withheld());
            assert_ne!(n, 1, "column {c}");
        }
    }

    #[test]
    fn a_small_row_total_is_protected_in_the_column_of_row_totals() {
        // Row b: 1, 1 and its total 2 are primary. Columns x and y each have one
        // withheld cell under a shown total: 5 and 6 go. The row totals 11 and
        // "<3" under the grand total 13 would give the small one: 11 goes.
        let t = Table::new(
            keys(&["a", "b"]),
            keys(&["x", "y"]),
            &[vec![5, 6], vec![1, 1]],
            Disclosure::Public,
        );
        assert_eq!(shown(&t), [["..", "..", ".."], ["<3", "<3", "<3"]]);
        assert_eq!(t.column_totals, [Count::shown(6), Count::shown(7)]);
        assert_eq!(t.total, Count::shown(13));
    }

    #[test]
    fn a_deduced_zero_is_let_be_but_a_deduced_two_is_not() {
        // Row b: 0 ("<3") beside 9 under 9 is deduced as 0 — harmless. The
        // totals row, x "<3" + y 9 = 11, would give x = 2: the y total goes.
        // The column of row totals, a "<3" + b 9 = 11, likewise: b's total goes.
        // Then nothing is pinned: a_x may be 0, 1 or 2.
        let t = Table::new(
            keys(&["a", "b"]),
            keys(&["x", "y"]),
            &[vec![2, 0], vec![0, 9]],
            Disclosure::Public,
        );
        assert_eq!(shown(&t), [["<3", "<3", "<3"], ["<3", "9", ".."]]);
        assert_eq!(
            t.column_totals,
            [
                Count::withheld(Suppression::Primary),
                Count::withheld(Suppression::Secondary)
            ]
        );
        assert_eq!(t.total, Count::shown(11));
    }

    #[test]
    fn three_twos_under_their_total_would_be_pinned() {
        // Row a: 2, 2, 2 under a shown 6 (+ 20): all three "<3" cells must be 2,
        // so the smallest other non-zero cell (20) goes.
        let t = Table::new(
            keys(&["a", "b"]),
            keys(&["w", "x", "y", "z"]),
            &[vec![2, 2, 2, 20], vec![30, 40, 50, 60]],
            Disclosure::Public,
        );
        assert_eq!(shown(&t)[0], ["<3", "<3", "<3", "..", "26"]);
    }
}
