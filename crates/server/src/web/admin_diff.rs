//! What a draft of the sharing matrix changes, as the matrix page and the
//! pending changes show it.

/// What a draft changes, one line per reader × category × owner.
use super::{i18n::Tr, view};
use maud::{Markup, html};
use opcentrum_access::Role;
use opcentrum_access::diff::{Change, MatrixChange};
use opcentrum_domain::Agency;

pub fn diff_list(tr: Tr, changes: &[MatrixChange]) -> Markup {
    html! {
        @if changes.is_empty() {
            p class="empty" data-diff-empty { (tr.t("admin.diff.none")) }
        } @else {
            ul class="matrix-diff" {
                @for c in changes {
                    @let args: [(&str, &dyn std::fmt::Display); 4] = [
                        ("reader", &reader(tr, c.reader_agency, c.reader_role)),
                        ("category", &view::category(tr, c.category)),
                        ("owner", &view::agency(tr, c.owner)),
                        ("basis", &c.legal_basis),
                    ];
                    @match c.change {
                        Change::Gained => li data-change="gained" { (tr.f("admin.diff.gained", &args)) },
                        Change::Lost => li data-change="lost" { (tr.f("admin.diff.lost", &args)) },
                        Change::BasisChanged => li data-change="basis_changed" { (tr.f("admin.diff.basis_changed", &args)) },
                    }
                }
            }
        }
    }
}

/// A reader of the matrix: agency · role.
pub fn reader(tr: Tr, agency: Agency, role: Role) -> String {
    format!(
        "{} · {}",
        view::agency(tr, agency),
        tr.t_owned(&format!("role.{}", role.code()))
    )
}
