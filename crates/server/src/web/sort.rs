//! Sortable tables: one way to read `?sort=<column>&dir=asc|desc` (a bad value
//! is a 400 naming the parameter, in the reader's language) and one header
//! cell linking to the other order, with `aria-sort` on the current column.
//! Each table names its columns (a [`Column`]) and says how its rows compare.

use super::i18n::Tr;
use crate::problem::ApiError;
use maud::{Markup, html};

/// A column a table sorts by.
pub trait Column: Copy + Eq + 'static {
    /// Every column, in the order an error lists them.
    const ALL: &'static [Self];
    /// Its value of `?sort=`.
    fn code(self) -> &'static str;
}

/// The order a table is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order<C> {
    pub by: C,
    pub descending: bool,
}

impl<C: Column> Order<C> {
    /// Reads `sort` and `dir` (empty or absent: `default`, ascending).
    pub fn parse(
        tr: Tr,
        sort: Option<&str>,
        dir: Option<&str>,
        default: C,
    ) -> Result<Order<C>, ApiError> {
        let by = match sort.filter(|s| !s.is_empty()) {
            None => default,
            Some(s) => C::ALL
                .iter()
                .copied()
                .find(|c| c.code() == s)
                .ok_or_else(|| {
                    let allowed = C::ALL
                        .iter()
                        .map(|c| c.code())
                        .collect::<Vec<_>>()
                        .join(", ");
                    ApiError::bad_request("sort", format!("expected one of {allowed}"))
                        .with_sv(tr.f("work.bad_sort", &[("allowed", &allowed)]))
                })?,
        };
        let descending = match dir.filter(|s| !s.is_empty()) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => {
                return Err(ApiError::bad_request("dir", "expected asc or desc")
                    .with_sv(tr.t("work.bad_dir")));
            }
        };
        Ok(Order { by, descending })
    }

    /// Orders `a` and `b` as this order asks, given their ascending order.
    pub fn apply(self, ascending: std::cmp::Ordering) -> std::cmp::Ordering {
        if self.descending {
            ascending.reverse()
        } else {
            ascending
        }
    }

    /// `?sort=…&dir=…` for sorting by `col`: the other way round when `col` is
    /// the current column, ascending otherwise.
    pub fn query_for(self, col: C) -> String {
        let dir = if self.by == col && !self.descending {
            "desc"
        } else {
            "asc"
        };
        format!("sort={}&dir={dir}", col.code())
    }

    /// The header cell of `col`: a link (`href` is given the query of
    /// [`Order::query_for`]), `aria-sort` and an arrow on the current column.
    pub fn header(self, tr: Tr, col: C, key: &str, href: impl Fn(&str) -> String) -> Markup {
        let on = self.by == col;
        let aria = match (on, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        html! {
            th scope="col" aria-sort=(aria) data-sort=(col.code()) {
                a href=(href(&self.query_for(col))) {
                    (tr.t_owned(key))
                    @if on { (if self.descending { " ▼" } else { " ▲" }) }
                }
            }
        }
    }

    /// The order as the query string a live part keeps (`sort=…&dir=…`).
    pub fn query(self) -> String {
        format!(
            "sort={}&dir={}",
            self.by.code(),
            if self.descending { "desc" } else { "asc" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        A,
        B,
    }

    impl Column for Col {
        const ALL: &'static [Col] = &[Col::A, Col::B];
        fn code(self) -> &'static str {
            match self {
                Col::A => "a",
                Col::B => "b",
            }
        }
    }

    #[test]
    fn a_column_is_read_and_a_bad_one_named() {
        let tr = Tr::new(Lang::Sv);
        let o = Order::parse(tr, Some("b"), Some("desc"), Col::A).unwrap();
        assert_eq!(
            o,
            Order {
                by: Col::B,
                descending: true
            }
        );
        assert_eq!(
            Order::parse(tr, None, Some(""), Col::A).unwrap(),
            Order {
                by: Col::A,
                descending: false
            }
        );
        let e = Order::parse(tr, Some("c"), None, Col::A).unwrap_err();
        assert_eq!(e.status.as_u16(), 400);
        assert!(e.problem.detail.contains("a, b"), "{}", e.problem.detail);
        assert!(
            e.problem
                .detail_sv
                .as_deref()
                .is_some_and(|d| d.contains("sorteringskolumn"))
        );
        let e = Order::parse(tr, Some("a"), Some("up"), Col::A).unwrap_err();
        assert!(e.problem.detail.contains("dir"), "{}", e.problem.detail);
    }

    #[test]
    fn the_current_column_links_to_the_other_order() {
        let o = Order {
            by: Col::A,
            descending: false,
        };
        assert_eq!(o.query_for(Col::A), "sort=a&dir=desc");
        assert_eq!(o.query_for(Col::B), "sort=b&dir=asc");
        let html = o
            .header(Tr::new(Lang::Sv), Col::A, "cases.id", |q| format!("/x?{q}"))
            .into_string();
        assert!(html.contains(r#"aria-sort="ascending""#), "{html}");
        assert!(html.contains("/x?sort=a&amp;dir=desc"), "{html}");
        assert_eq!(o.apply(std::cmp::Ordering::Less), std::cmp::Ordering::Less);
        let d = Order {
            by: Col::A,
            descending: true,
        };
        assert_eq!(
            d.apply(std::cmp::Ordering::Less),
            std::cmp::Ordering::Greater
        );
    }
}
