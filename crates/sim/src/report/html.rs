//! The HTML report: one self-contained page (inline CSS and SVG, no scripts, no
//! external resources) with the outcome table, its 95% intervals and the plots.

use super::Study;
use crate::outcome::Metric;
use crate::stats::{Summary, compare, summarise};
use opcentrum_plot::{Bar, Figure, Group, Series, escape};
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
fn plot<'a>(id: &'a str, title: &'a str, desc: String) -> Figure<'a> {
    Figure {
        id,
        title,
        desc,
        no_data: "No data",
        heading: true,
    }
}

/// Each series' values in words, for a plot's description.
fn described(series: &[Series]) -> String {
    series
        .iter()
        .map(|s| {
            let v: Vec<String> = s
                .values
                .iter()
                .map(|v| {
                    v.filter(|v| v.is_finite())
                        .map_or_else(|| "–".to_owned(), figure)
                })
                .collect();
            format!("{}: {}", s.name, v.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A value on a plot: whole and large numbers without decimals, others to two.
fn plotted(v: f64) -> String {
    if v.abs() >= 10.0 || v == v.trunc() {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// A figure as the table prints it.
pub fn figure(v: f64) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn interval(s: &Summary) -> String {
    if s.half_width.is_finite() {
        format!(
            "{} <span class=ci>[{}, {}]</span>",
            figure(s.mean),
            figure(s.low()),
            figure(s.high())
        )
    } else {
        figure(s.mean)
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

fn title(a: &Study, b: Option<&Study>) -> String {
    match b {
        Some(b) => format!("Whole-chain simulation: {} vs {}", a.name, b.name),
        None => format!("Whole-chain simulation: {}", a.name),
    }
}

/// The whole page for one study, or two side by side (`b` − `a` as the difference):
/// self-contained, with its style inline.
pub fn report_html(a: &Study, b: Option<&Study>) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>\n{STYLE}</style></head><body>{}</body></html>\n",
        escape(&title(a, b)),
        report_body(a, b)
    )
}

/// The report as one `<div class="opc-sim">` without styles, for embedding in
/// a page that serves [`STYLE`] itself.
pub fn report_body(a: &Study, b: Option<&Study>) -> String {
    let studies: Vec<&Study> = [Some(a), b].into_iter().flatten().collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"opc-sim\" lang=\"en\"><h1>{}</h1>",
        escape(&title(a, b))
    );
    h.push_str("<p>");
    for s in &studies {
        let _ = write!(
            h,
            "<b>{}</b> — policy <code>{}</code>, {} replications, base seed {}, scenario file <code>{}</code>.<br>",
            escape(&s.name),
            escape(&s.policy),
            s.runs.len(),
            s.seed,
            escape(&s.source)
        );
    }
    h.push_str("Figures are means over the replications of the measured period (after the warm-up), with 95% confidence intervals (Student's t; the difference with Welch's interval).</p>");

    // The table.
    h.push_str("<h2>Outcomes</h2><table><tr><th>Outcome</th>");
    for s in &studies {
        let _ = write!(h, "<th>{}</th>", escape(&s.name));
    }
    if b.is_some() {
        h.push_str("<th>Difference (second − first)</th>");
    }
    h.push_str("</tr>");
    let sums: Vec<Vec<Summary>> = studies.iter().map(|s| summarise(&s.runs)).collect();
    let diffs = b.map(|b| compare(&a.runs, &b.runs));
    for (i, m) in Metric::ALL.iter().enumerate() {
        let _ = write!(h, "<tr><td>{}</td>", escape(m.label()));
        for s in &sums {
            let _ = write!(h, "<td>{}</td>", interval(&s[i]));
        }
        if let Some(d) = &diffs {
            let c = &d[i];
            let class = if c.significant() { " class=sig" } else { "" };
            let _ = write!(
                h,
                "<td{class}>{:+.2} <span class=ci>[{}, {}]</span></td>",
                c.difference,
                figure(c.difference - c.half_width),
                figure(c.difference + c.half_width)
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    if b.is_some() {
        h.push_str("<p>Bold: the interval of the difference excludes zero.</p>");
    }

    // The plots.
    h.push_str("<h2>Plots</h2><div class=plots>");
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
            .map(|(s, sum)| format!("{}: {}", s.name, interval(&sum[i])))
            .collect::<Vec<_>>()
            .join("; ");
        let id = format!("sim-plot-{n}");
        h.push_str(&opcentrum_plot::bars(
            &plot(&id, m.label(), desc),
            &[m.label()],
            &groups,
            &plotted,
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
    let title = "Persons per charter, each replication";
    let desc = format!(
        "One dot per replication, the bar across each column its mean. {}",
        described(&per_run)
    );
    h.push_str(&opcentrum_plot::dots(
        &plot("sim-plot-dots", title, desc),
        &per_run,
        &plotted,
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
        (
            "sim-plot-executed",
            "Executed per month (persons, mean), by month",
            &executed,
        ),
        (
            "sim-plot-charter",
            "Executed by charter per month (mean), by month",
            &charter,
        ),
    ] {
        let desc = format!("Months 1 to {months}. {}", described(series));
        h.push_str(&opcentrum_plot::lines(
            &plot(id, title, desc),
            &labels,
            series,
            None,
            &plotted,
        ));
    }
    h.push_str("</div>");
    h.push_str("<h2>Method</h2><p>A discrete-event simulation of the return chain, one day at a time: final decisions arrive; voluntary departure, absconding and location; handover from Migrationsverket to the Police; travel documents and acceptance per destination; detention places and legal limits (release at the limit); impediments; NTE escorts, charters and scheduled seats; failed attempts. Trips are planned by opcentrum's own trip planner at each planning round. All data is synthetic. See docs/simulation.md for every field of the scenario and the calibration.</p></div>");
    h
}
