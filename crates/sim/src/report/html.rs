//! The HTML report: one self-contained page (inline CSS and SVG, no scripts, no
//! external resources) with the outcome table, its 95% intervals and the plots,
//! in the reader's language: every text is a `sim.*` key of the catalogue
//! (crates/text/i18n/*/simulation.toml), every number in the language's format.

use super::Study;
use crate::outcome::Metric;
use crate::stats::{Summary, compare, summarise};
use opcentrum_plot::{Bar, Figure, Group, Series, escape};
use opcentrum_text::{Lang, Tr, number};
use std::fmt::Write;

/// The metrics plotted as bars with intervals.
const PLOTTED: [Metric; 8] = [
    Metric::PersonsPerCharter,
    Metric::ExecutedPerMonth,
    Metric::ChartersPerMonth,
    Metric::DetentionOccupancy,
    Metric::ReleasedAtLimitPerMonth,
    Metric::LeadHandoverMedian,
    Metric::CostPerPerson,
    Metric::AbscondedPerMonth,
];

/// A plot of the page: the page has no captions, so the title is drawn in it.
fn plot<'a>(tr: Tr, id: &'a str, title: &'a str, desc: String) -> Figure<'a> {
    Figure {
        id,
        title,
        desc,
        no_data: tr.t("sim.no_data"),
        heading: true,
    }
}

/// A catalogue text as HTML: the text escaped, each `{name}` replaced by its
/// (already escaped) HTML.
fn html_f(tr: Tr, key: &str, args: &[(&str, String)]) -> String {
    let mut s = escape(tr.t(key));
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// Each series' values in words, for a plot's description (in Swedish the
/// values are apart by semicolons: their decimal comma).
fn described(series: &[Series], lang: Lang) -> String {
    let (between_values, between_series) = match lang {
        Lang::Sv => ("; ", ". "),
        Lang::En => (", ", "; "),
    };
    series
        .iter()
        .map(|s| {
            let v: Vec<String> = s
                .values
                .iter()
                .map(|v| {
                    v.filter(|v| v.is_finite())
                        .map_or_else(|| "–".to_owned(), |v| figure(v, lang))
                })
                .collect();
            format!("{}: {}", s.name, v.join(between_values))
        })
        .collect::<Vec<_>>()
        .join(between_series)
}

/// A value on a plot: whole and large numbers without decimals, others to two.
fn plotted(v: f64, lang: Lang) -> String {
    number::dec(
        v,
        if v.abs() >= 10.0 || v == v.trunc() {
            0
        } else {
            2
        },
        lang,
    )
}

/// A figure as the table prints it, in `lang`'s number format (Swedish
/// `1 234,5`, English `1,234.5`): fewer decimals the larger it is.
pub fn figure(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v.abs() >= 1000.0 {
        number::dec(v, 0, lang)
    } else if v.abs() >= 100.0 {
        number::dec(v, 1, lang)
    } else {
        number::dec(v, 2, lang)
    }
}

/// A difference with its sign and two decimals (`+1.25`, `−0,50`).
fn signed(v: f64, lang: Lang) -> String {
    let s = number::dec(v, 2, lang);
    if v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// `[low, high]` (English) or `[low; high]` (Swedish: its decimal comma).
fn bounds(tr: Tr, low: f64, high: f64) -> String {
    tr.f(
        "sim.interval",
        &[
            ("low", &figure(low, tr.lang)),
            ("high", &figure(high, tr.lang)),
        ],
    )
}

fn interval(s: &Summary, tr: Tr) -> String {
    if s.half_width.is_finite() {
        format!(
            "{} <span class=ci>{}</span>",
            figure(s.mean, tr.lang),
            escape(&bounds(tr, s.low(), s.high()))
        )
    } else {
        figure(s.mean, tr.lang)
    }
}

/// An interval in words (a plot's description: no markup).
fn interval_text(s: &Summary, tr: Tr) -> String {
    if s.half_width.is_finite() {
        format!(
            "{} {}",
            figure(s.mean, tr.lang),
            bounds(tr, s.low(), s.high())
        )
    } else {
        figure(s.mean, tr.lang)
    }
}

/// Mean per month over the replications: (executed, by charter, charters).
fn monthly_means(study: &Study) -> [Vec<f64>; 3] {
    let months = study
        .runs
        .iter()
        .map(|r| r.monthly.len())
        .max()
        .unwrap_or(0);
    let mut out = [vec![0.0; months], vec![0.0; months], vec![0.0; months]];
    let n = study.runs.len().max(1) as f64;
    for r in &study.runs {
        for (m, row) in r.monthly.iter().enumerate() {
            for k in 0..3 {
                out[k][m] += row[k] as f64 / n;
            }
        }
    }
    out
}

/// The report's style sheet, scoped to `.opc-sim` so that the web interface can
/// serve it beside its own (no inline style there: the CSP forbids it).
pub const STYLE: &str = ".opc-sim{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\
.opc-sim table{border-collapse:collapse;margin:1em 0}.opc-sim th,.opc-sim td{border:1px solid #ccc;padding:4px 8px;text-align:right}\
.opc-sim th:first-child,.opc-sim td:first-child{text-align:left}.opc-sim .ci{color:#595959;font-size:90%}.opc-sim .sig{font-weight:bold}\
.opc-sim .plots{display:flex;flex-wrap:wrap;gap:12px}.opc-sim .plots svg{border:1px solid #eee;width:32.5rem;max-width:100%;height:auto}\n";

fn title(a: &Study, b: Option<&Study>, tr: Tr) -> String {
    match b {
        Some(b) => tr.f("sim.title_compare", &[("a", &a.name), ("b", &b.name)]),
        None => tr.f("sim.title", &[("a", &a.name)]),
    }
}

/// A policy's name (`siloed`, `integrated`) in the reader's language.
fn policy_name(tr: Tr, code: &str) -> String {
    tr.try_t(&format!("sim.policy.{code}"))
        .unwrap_or(code)
        .to_owned()
}

/// The whole page for one study, or two side by side (`b` − `a` as the
/// difference), in `lang`: self-contained, with its style inline.
pub fn report_html(a: &Study, b: Option<&Study>, lang: Lang) -> String {
    let tr = Tr::new(lang);
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\n{STYLE}</style></head><body>{}</body></html>\n",
        lang.code(),
        escape(&title(a, b, tr)),
        report_body(a, b, tr)
    )
}

/// The report as one `<div class="opc-sim">` without styles, for embedding in
/// a page that serves [`STYLE`] itself; every text from the catalogue's
/// `sim.*` keys in `tr`'s language, every number in its format.
pub fn report_body(a: &Study, b: Option<&Study>, tr: Tr) -> String {
    let lang = tr.lang;
    let studies: Vec<&Study> = [Some(a), b].into_iter().flatten().collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"opc-sim\"><h1>{}</h1>",
        escape(&title(a, b, tr))
    );
    h.push_str("<p>");
    for s in &studies {
        h.push_str(&html_f(
            tr,
            "sim.study",
            &[
                ("name", format!("<b>{}</b>", escape(&s.name))),
                ("policy", escape(&policy_name(tr, &s.policy))),
                ("runs", number::int(s.runs.len() as u64, lang)),
                ("seed", s.seed.to_string()),
                ("source", format!("<code>{}</code>", escape(&s.source))),
            ],
        ));
        h.push_str("<br>");
    }
    let _ = write!(h, "{}</p>", escape(tr.t("sim.means")));

    // The table.
    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th>{}</th>",
        escape(tr.t("sim.outcomes")),
        escape(tr.t("sim.outcome"))
    );
    for s in &studies {
        let _ = write!(h, "<th>{}</th>", escape(&s.name));
    }
    if b.is_some() {
        let _ = write!(h, "<th>{}</th>", escape(tr.t("sim.difference")));
    }
    h.push_str("</tr>");
    let sums: Vec<Vec<Summary>> = studies.iter().map(|s| summarise(&s.runs)).collect();
    let diffs = b.map(|b| compare(&a.runs, &b.runs));
    for (i, m) in Metric::ALL.iter().enumerate() {
        let _ = write!(h, "<tr><td>{}</td>", escape(m.label(lang)));
        for s in &sums {
            let _ = write!(h, "<td>{}</td>", interval(&s[i], tr));
        }
        if let Some(d) = &diffs {
            let c = &d[i];
            let class = if c.significant() { " class=sig" } else { "" };
            let _ = write!(
                h,
                "<td{class}>{} <span class=ci>{}</span></td>",
                signed(c.difference, lang),
                escape(&bounds(
                    tr,
                    c.difference - c.half_width,
                    c.difference + c.half_width
                ))
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    if b.is_some() {
        let _ = write!(h, "<p>{}</p>", escape(tr.t("sim.significant")));
    }

    // The plots.
    let _ = write!(h, "<h2>{}</h2><div class=plots>", escape(tr.t("sim.plots")));
    for (n, m) in PLOTTED.iter().enumerate() {
        let i = Metric::ALL.iter().position(|x| x == m).unwrap_or(0);
        let groups: Vec<Group> = studies
            .iter()
            .zip(&sums)
            .map(|(s, sum)| Group {
                label: s.name.clone(),
                bars: vec![Bar::with_interval(sum[i].mean, sum[i].low(), sum[i].high())],
            })
            .collect();
        let desc = studies
            .iter()
            .zip(&sums)
            .map(|(s, sum)| format!("{}: {}", s.name, interval_text(&sum[i], tr)))
            .collect::<Vec<_>>()
            .join("; ");
        let id = format!("sim-plot-{n}");
        h.push_str(&opcentrum_plot::bars(
            &plot(tr, &id, m.label(lang), desc),
            &[m.label(lang)],
            &groups,
            &|v| plotted(v, lang),
        ));
    }
    let per_run: Vec<Series> = studies
        .iter()
        .map(|s| {
            let v: Vec<f64> = s
                .runs
                .iter()
                .map(|r| r.value(Metric::PersonsPerCharter))
                .collect();
            Series::of_f64(s.name.clone(), &v)
        })
        .collect();
    let title = tr.t("sim.dots_title");
    let desc = tr.f("sim.dots_desc", &[("values", &described(&per_run, lang))]);
    h.push_str(&opcentrum_plot::dots(
        &plot(tr, "sim-plot-dots", title, desc),
        &per_run,
        &|v| plotted(v, lang),
    ));
    let months = studies
        .iter()
        .map(|s| s.runs.iter().map(|r| r.monthly.len()).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    let labels: Vec<String> = (1..=months).map(|m| m.to_string()).collect();
    let mut executed = Vec::new();
    let mut charter = Vec::new();
    for s in &studies {
        let [e, c, _] = monthly_means(s);
        executed.push(Series::of_f64(s.name.clone(), &e));
        charter.push(Series::of_f64(s.name.clone(), &c));
    }
    for (id, title, series) in [
        ("sim-plot-executed", tr.t("sim.plot_executed"), &executed),
        ("sim-plot-charter", tr.t("sim.plot_charter"), &charter),
    ] {
        let desc = tr.f(
            "sim.months_desc",
            &[("months", &months), ("values", &described(series, lang))],
        );
        h.push_str(&opcentrum_plot::lines(
            &plot(tr, id, title, desc),
            &labels,
            series,
            None,
            &|v| plotted(v, lang),
        ));
    }
    h.push_str("</div>");
    let _ = write!(
        h,
        "<h2>{}</h2><p>{}</p></div>",
        escape(tr.t("sim.method_title")),
        escape(tr.t("sim.method"))
    );
    h
}
