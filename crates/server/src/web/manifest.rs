//! A trip's manifest (passagerarförteckning) as a printable page
//! (`/trips/{trip}/manifest`, with the print style of static/trips.css) and
//! as PDF (`/trips/{trip}/manifest.pdf`). Both read `App::trip_manifest`:
//! the catalogue row `trips.manifest` decides who may read it, the sharing
//! matrix each person's categories; every person shown is audited there.

use super::{
    crew,
    ctx::{Ctx, OrPage, PageError},
    i18n::Tr,
    layout, trips,
};
use crate::{auth::Caller, state::AppState};
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use maud::{Markup, html};
use opcentrum_app::manifest::{ManifestPerson, TripManifest};

fn yes_no(tr: Tr, v: Option<bool>) -> String {
    match v {
        Some(true) => tr.t("value.yes").to_owned(),
        Some(false) => tr.t("value.no").to_owned(),
        None => String::new(),
    }
}

/// The cells of one person: each field, or "withheld" where the reader may
/// not read its category.
fn cells(tr: Tr, p: &ManifestPerson) -> Vec<(String, bool)> {
    use opcentrum_access::FieldCategory::*;
    let withheld = |c| p.withheld.contains(&c);
    let w = tr.t("secrecy.withheld").to_owned();
    let or_w = |c, v: String| {
        if withheld(c) {
            (w.clone(), true)
        } else {
            (v, false)
        }
    };
    vec![
        or_w(Identity, p.name.clone().unwrap_or_default()),
        or_w(
            Identity,
            p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        or_w(Identity, p.sex.clone().unwrap_or_default()),
        or_w(
            Identity,
            p.citizenship
                .as_deref()
                .map(|c| trips::country(tr, c))
                .unwrap_or_default(),
        ),
        or_w(SecurityRisk, yes_no(tr, p.escorted)),
        or_w(
            Health,
            match (p.fit_to_fly, p.fitness_assessed_on) {
                (Some(fit), Some(on)) => format!("{} ({on})", yes_no(tr, Some(fit))),
                _ => tr.t("manifest.not_assessed").to_owned(),
            },
        ),
        or_w(
            TravelDocuments,
            match (&p.document, p.document_valid_until) {
                (Some(k), Some(until)) => format!(
                    "{} — {} {until}",
                    tr.t_owned(&format!("manifest.document.{k}")),
                    tr.t("manifest.valid_until")
                ),
                _ => tr.t("manifest.no_document").to_owned(),
            },
        ),
    ]
}

const HEADS: [&str; 7] = [
    "manifest.name",
    "manifest.birth_date",
    "manifest.sex",
    "manifest.citizenship",
    "manifest.escorted",
    "manifest.fit_to_fly",
    "manifest.document",
];

/// The facts of the trip, label and value, for the page and the PDF.
fn facts(tr: Tr, m: &TripManifest) -> Vec<(&'static str, String)> {
    vec![
        (
            "manifest.kind",
            tr.t_owned(&format!("trips.kind.{}", m.kind)).to_owned(),
        ),
        ("manifest.destination", trips::country(tr, &m.destination)),
        ("manifest.departure", m.departure.to_string()),
        (
            "manifest.fill",
            tr.f(
                "trips.fill_of",
                &[("n", &m.persons.len()), ("cap", &m.capacity)],
            ),
        ),
        (
            "manifest.escorts",
            m.escorts
                .iter()
                .map(|e| format!("{} ({})", e.id, e.sex))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("manifest.medical_staff", crew::medical_text(tr, m)),
        (
            "manifest.monitor_seat_label",
            if m.monitor_seat {
                tr.t("manifest.monitor_seat").to_owned()
            } else {
                tr.t("manifest.monitor_none").to_owned()
            },
        ),
        ("manifest.monitor", crew::monitor_text(tr, m)),
        (
            "manifest.proposal",
            format!(
                "{}{}",
                m.proposal,
                m.approved_by
                    .as_deref()
                    .map(|b| format!(" · {b}"))
                    .unwrap_or_default()
            ),
        ),
    ]
}

/// `GET /trips/{trip}/manifest`
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(trip): Path<String>,
) -> Result<Markup, PageError> {
    let tr = ctx.tr;
    let m = state
        .app
        .trip_manifest(&caller.app(), &trip)
        .await
        .or_page(&ctx)?;
    let title = tr.f("manifest.title", &[("trip", &m.trip)]);
    let may_record_crew = opcentrum_access::allowed(
        caller.principal.agency,
        caller.principal.role,
        opcentrum_access::Permission::RecordCrew,
    );
    Ok(layout::page(
        &ctx,
        &title,
        "/trips",
        html! {
            div class="manifest" data-trip=(m.trip) {
                h1 { (title) }
                p class="no-print" {
                    a href=(format!("/trips/{}/manifest.pdf", m.trip)) { (tr.t("manifest.pdf")) }
                    " · " (tr.t("manifest.print_hint"))
                }
                dl class="manifest-facts" {
                    @for (k, v) in facts(tr, &m) { dt { (tr.t(k)) } dd { (v) } }
                }
                table class="manifest-persons" {
                    caption { (tr.f("manifest.persons", &[("n", &m.persons.len())])) }
                    thead { tr {
                        th scope="col" { (tr.t("cases.id")) }
                        @for h in HEADS { th scope="col" { (tr.t(h)) } }
                    } }
                    tbody { @for p in &m.persons {
                        tr data-person=(p.case) {
                            td { a href=(format!("/cases/{}", p.case)) { (p.case) } }
                            @for (v, withheld) in cells(tr, p) {
                                @if withheld { td data-withheld="true" { (v) } } @else { td { (v) } }
                            }
                        }
                    } }
                }
                p class="manifest-signature" { (tr.t("manifest.signature")) }
                @if may_record_crew { (crew::form(&ctx, &m)) }
            }
        },
    ))
}

/// `GET /trips/{trip}/manifest.pdf`
pub async fn pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(trip): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let m = state
        .app
        .trip_manifest(&caller.app(), &trip)
        .await
        .or_page(&ctx)?;
    let mut lines: Vec<(f32, String)> = vec![
        (16.0, tr.f("manifest.title", &[("trip", &m.trip)])),
        (10.0, format!("{}: {}", tr.t("trips.trip"), m.trip)),
    ];
    for (k, v) in facts(tr, &m) {
        lines.push((10.0, format!("{}: {v}", tr.t(k))));
    }
    lines.push((10.0, String::new()));
    lines.push((12.0, tr.f("manifest.persons", &[("n", &m.persons.len())])));
    for p in &m.persons {
        lines.push((10.0, String::new()));
        lines.push((11.0, p.case.clone()));
        for (h, (v, _)) in HEADS.iter().zip(cells(tr, p)) {
            lines.push((10.0, format!("    {}: {v}", tr.t(h))));
        }
    }
    lines.push((10.0, String::new()));
    lines.push((10.0, tr.t("manifest.signature").to_owned()));
    let bytes = render_pdf(&tr.f("manifest.title", &[("trip", &m.trip)]), &lines);
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"manifest-{}.pdf\"", m.trip),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Text in WinAnsiEncoding (Windows-1252): Latin-1 letters (å, ä, ö, é …)
/// are the same bytes; the few others in 0x80–0x9F are mapped; anything else
/// becomes `?`.
pub fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u8,
            '€' => 0x80,
            '–' => 0x96,
            '—' => 0x97,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '…' => 0x85,
            _ => b'?',
        })
        .collect()
}

/// A4 pages of text lines (size, text) in Helvetica with WinAnsiEncoding
/// (one of the PDF standard fonts: nothing to embed), wrapped at ~95 chars.
pub fn render_pdf(title: &str, lines: &[(f32, String)]) -> Vec<u8> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
    const TOP: f32 = 800.0;
    const BOTTOM: f32 = 50.0;
    let mut wrapped: Vec<(f32, String)> = Vec::new();
    for (size, text) in lines {
        let width = if *size > 12.0 { 60 } else { 95 };
        let mut cur = String::new();
        for word in text.split(' ') {
            if cur.chars().count() + word.chars().count() + 1 > width && !cur.trim().is_empty() {
                wrapped.push((*size, std::mem::take(&mut cur)));
                cur.push_str("        ");
            }
            if !cur.is_empty() && !cur.ends_with("  ") {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        wrapped.push((*size, cur));
    }
    let mut pages: Vec<Vec<(f32, f32, String)>> = vec![Vec::new()];
    let mut y = TOP;
    for (size, text) in wrapped {
        let step = size * 1.4;
        if y - step < BOTTOM {
            pages.push(Vec::new());
            y = TOP;
        }
        y -= step;
        if let Some(p) = pages.last_mut() {
            p.push((size, y, text));
        }
    }
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let info = Ref::new(4);
    let font_name = Name(b"F1");
    pdf.catalog(catalog).pages(tree);
    let n = i32::try_from(pages.len()).unwrap_or(i32::MAX);
    let page_ids: Vec<Ref> = (0..n).map(|i| Ref::new(10 + 2 * i)).collect();
    pdf.pages(tree).kids(page_ids.iter().copied()).count(n);
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info).title(TextStr(title));
    for (i, lines) in pages.iter().enumerate() {
        let page_id = page_ids[i];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(font_name, font);
        page.finish();
        let mut content = Content::new();
        for (size, y, text) in lines {
            let bytes = win_ansi(text);
            content
                .begin_text()
                .set_font(font_name, *size)
                .next_line(50.0, *y)
                .show(Str(&bytes))
                .end_text();
        }
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_built_here_exist_in_both_languages() {
        use super::super::i18n::Lang;
        // The destinations the synthetic population and the demo use
        // (synth::destinations::DESTINATIONS) and the unknown "XX".
        let countries = "IQ AF SO UZ GE AL XK RS MA DZ UA RU NG TR IR ER SY MN TJ BD PK LB GM CL \
                         PE TN EG ET KG AZ AM BA MK LY SD CN VN IN LK CO GH CM CD KE UG BY MD JO \
                         PS YE TH PH BR VE ZW KZ XX";
        let mut keys: Vec<String> = countries
            .split_whitespace()
            .map(|c| format!("country.{c}"))
            .collect();
        keys.extend(HEADS.iter().map(|k| (*k).to_owned()));
        keys.extend(
            [
                "passport",
                "emergency_travel_document",
                "eu_travel_document",
            ]
            .map(|k| format!("manifest.document.{k}")),
        );
        keys.extend(
            [
                "trips",
                "planned",
                "newly_planned",
                "moved",
                "removed",
                "unchanged",
            ]
            .map(|k| format!("trips.confirm.{k}")),
        );
        keys.extend(["left_out", "withheld"].map(|k| format!("trips.reason.{k}")));
        keys.extend(
            opcentrum_domain::crew::MedicalRole::ALL.map(|r| format!("crew.role.{}", r.code())),
        );
        keys.extend(["none", "attending", "declined"].map(|a| format!("crew.attendance.{a}")));
        for lang in [Lang::Sv, Lang::En] {
            let tr = Tr::new(lang);
            let m = TripManifest {
                trip: "CH-1".into(),
                kind: "charter",
                destination: "IQ".into(),
                departure: jiff::civil::date(2026, 12, 10),
                capacity: 30,
                proposal: "TP-1".into(),
                approved_by: None,
                escorts: vec![],
                monitor_seat: true,
                crew: None,
                persons: vec![],
            };
            for (k, _) in facts(tr, &m) {
                keys.push(k.to_owned());
            }
            let missing: Vec<&String> = keys.iter().filter(|k| tr.try_t(k).is_none()).collect();
            assert!(missing.is_empty(), "{lang:?}: {missing:?}");
        }
        assert_eq!(trips::country(Tr::new(Lang::Sv), "IQ"), "Irak");
        assert_eq!(trips::country(Tr::new(Lang::En), "IQ"), "Iraq");
        assert_eq!(trips::country(Tr::new(Lang::Sv), "ZZ"), "ZZ");
    }

    #[test]
    fn swedish_letters_are_win_ansi_bytes() {
        assert_eq!(win_ansi("åäö ÅÄÖ é"), b"\xe5\xe4\xf6 \xc5\xc4\xd6 \xe9");
        assert_eq!(win_ansi("a—b"), b"a\x97b");
        assert_eq!(win_ansi("ж"), b"?");
    }

    #[test]
    fn a_pdf_of_many_lines_has_pages_and_the_text() {
        let lines: Vec<(f32, String)> = (0..120)
            .map(|i| (10.0, format!("Rad {i}: Förteckning över resenärer")))
            .collect();
        let pdf = render_pdf("Passagerarförteckning CH-1", &lines);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/WinAnsiEncoding"));
        assert!(text.contains("/Count 3"), "120 lines at 14 pt need 3 pages");
        // Non-ASCII text is written as a hex string of its WinAnsi bytes:
        // ö is F6, not UTF-8's C3 B6.
        let hex: String = win_ansi("Rad 119: Förteckning över resenärer")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(hex.contains("46f6727465636b6e696e67"));
        assert!(text.to_lowercase().contains(&hex));
    }
}
