//! The report as a self-contained HTML page (no script, no external resource):
//! tables with captions and scoped headers, plots as inline SVG with a title and
//! description, withheld figures as `<abbr>` explaining why.

use super::{Lang, labels::label, number};
use crate::{
    disclosure::{Count, Disclosure, Stat, Suppression},
    report::Report,
    table::Table,
};
use std::fmt::Write;

/// What a plot of the page says about itself (see `opcentrum_plot::Figure`).
struct Plot<'a> {
    id: &'a str,
    title: &'a str,
    desc: String,
}

impl<'a> Plot<'a> {
    fn figure(self, lang: Lang) -> opcentrum_plot::Figure<'a> {
        opcentrum_plot::Figure {
            id: self.id,
            title: self.title,
            desc: self.desc,
            no_data: label("no_data", lang),
            // The page gives every plot a caption.
            heading: false,
        }
    }
}

/// Grouped bars, `None` (withheld) not drawn.
fn bars(
    plot: Plot<'_>,
    series: &[&str],
    groups: &[(String, Vec<Option<f64>>)],
    lang: Lang,
) -> String {
    let groups: Vec<opcentrum_plot::Group> = groups
        .iter()
        .map(|(l, v)| opcentrum_plot::Group {
            label: l.clone(),
            bars: v.iter().map(|v| opcentrum_plot::Bar::of(*v)).collect(),
        })
        .collect();
    opcentrum_plot::bars(&plot.figure(lang), series, &groups, &|v| plotted(v, lang))
}

/// A value on a plot: whole numbers as such, others to one decimal (a median
/// of 2.5 days is not "3").
fn plotted(v: f64, lang: Lang) -> String {
    number::dec(v, if v.fract() == 0.0 { 0 } else { 1 }, lang)
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report's style sheet, scoped to `.opc-report`; the web interface serves
/// it as a file (its CSP forbids inline style).
pub const STYLE: &str = ".opc-report{font-family:system-ui,sans-serif;line-height:1.4;color:#111;max-width:60rem;margin:0 auto;padding:1rem}\
.opc-report table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}\
.opc-report caption{text-align:left;font-weight:600;padding:.25rem 0}\
.opc-report th,.opc-report td{border:1px solid #bbb;padding:.25rem .5rem}\
.opc-report th{background:#f2f2f2;text-align:left}\
.opc-report td.num{text-align:right}\
.opc-report tfoot th,.opc-report tfoot td{font-weight:600}\
.opc-report figure{margin:1rem 0}.opc-report figure svg{max-width:48rem;height:auto}\
.opc-report abbr{text-decoration:underline dotted;cursor:help}\
.opc-report .note{background:#fff8e1;border-left:4px solid #E69F00;padding:.5rem}";

struct Page {
    lang: Lang,
    out: String,
}

impl Page {
    fn l(&self, key: &str) -> String {
        esc(label(key, self.lang))
    }
    fn withheld(&self, why: Suppression) -> String {
        let title = match why {
            Suppression::Primary => "primary",
            Suppression::Secondary => "secondary",
        };
        format!(
            r#"<abbr title="{}">{}</abbr>"#,
            self.l(title),
            esc(why.symbol())
        )
    }
    fn count(&self, c: Count) -> String {
        match (c.value, c.suppressed) {
            (_, Some(why)) => self.withheld(why),
            (Some(v), None) => number::int(v, self.lang),
            (None, None) => "–".into(),
        }
    }
    fn stat(&self, s: Stat, decimals: usize) -> String {
        match (s.value, s.suppressed) {
            (_, Some(why)) => self.withheld(why),
            (Some(v), None) => number::dec(v, decimals, self.lang),
            (None, None) => "–".into(),
        }
    }
    fn pct(&self, s: Stat) -> String {
        match (s.value, s.suppressed) {
            (_, Some(why)) => self.withheld(why),
            (Some(v), None) => number::pct(v, self.lang),
            (None, None) => "–".into(),
        }
    }
    fn h2(&mut self, id: &str, key: &str) {
        let _ = write!(self.out, r#"<h2 id="{id}">{}</h2>"#, self.l(key));
    }
    /// A two-column table: figure, value.
    fn figures(&mut self, caption: &str, rows: &[(&str, String)]) {
        let _ = write!(
            self.out,
            r#"<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            self.l(caption),
            self.l("figure"),
            self.l("value")
        );
        for (key, v) in rows {
            let _ = write!(
                self.out,
                r#"<tr><th scope="row">{}</th><td class="num">{v}</td></tr>"#,
                self.l(key)
            );
        }
        self.out.push_str("</tbody></table>");
    }
    /// A table of counts with its totals.
    fn grid(
        &mut self,
        caption: &str,
        corner: &str,
        t: &Table,
        column_label: &dyn Fn(&str) -> String,
    ) {
        let _ = write!(
            self.out,
            r#"<table><caption>{caption}</caption><thead><tr><th scope="col">{}</th>"#,
            self.l(corner)
        );
        for c in &t.columns {
            let _ = write!(self.out, r#"<th scope="col">{}</th>"#, column_label(c));
        }
        let _ = write!(
            self.out,
            r#"<th scope="col">{}</th></tr></thead><tbody>"#,
            self.l("total")
        );
        for (r, row) in t.rows.iter().enumerate() {
            let _ = write!(self.out, r#"<tr><th scope="row">{}</th>"#, self.l(row));
            for c in &t.cells[r] {
                let _ = write!(self.out, r#"<td class="num">{}</td>"#, self.count(*c));
            }
            let _ = write!(
                self.out,
                r#"<td class="num">{}</td></tr>"#,
                self.count(t.row_totals[r])
            );
        }
        let _ = write!(
            self.out,
            r#"</tbody><tfoot><tr><th scope="row">{}</th>"#,
            self.l("total")
        );
        for c in &t.column_totals {
            let _ = write!(self.out, r#"<td class="num">{}</td>"#, self.count(*c));
        }
        let _ = write!(
            self.out,
            r#"<td class="num">{}</td></tr></tfoot></table>"#,
            self.count(t.total)
        );
    }
    fn figure(&mut self, svg: String, caption_key: &str) {
        let _ = write!(
            self.out,
            "<figure>{svg}<figcaption>{}</figcaption></figure>",
            self.l(caption_key)
        );
    }
    /// Names withheld values in a plot's description.
    fn not_shown(&self, names: &[String]) -> String {
        if names.is_empty() {
            String::new()
        } else {
            format!(" {}: {}.", label("not_shown", self.lang), names.join(", "))
        }
    }
}

fn value(c: Count) -> Option<f64> {
    c.value.map(|v| v as f64)
}

/// The whole page: `<!doctype html>` with `lang`, title and styles, no scripts.
pub fn render_html(report: &Report, lang: Lang) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} {} – {}</title><style>{STYLE}</style></head><body><main>{}</main></body></html>\n",
        lang.code(),
        esc(label("title", lang)),
        report.period.from,
        report.period.to,
        render_html_fragment(report, lang)
    )
}

/// The report as one `<article lang=…>` without styles, for embedding in
/// another page (the web interface serves [`STYLE`] as a file).
pub fn render_html_fragment(report: &Report, lang: Lang) -> String {
    let mut p = Page {
        lang,
        out: String::with_capacity(64 * 1024),
    };
    let _ = write!(
        p.out,
        r#"<article class="opc-report" lang="{}"><h1>{}</h1><p>{}: {} – {}. {}: {}.</p>"#,
        lang.code(),
        p.l("title"),
        p.l("period"),
        report.period.from,
        report.period.to,
        p.l("cases_read"),
        number::int(report.cases_read as u64, lang)
    );
    match report.disclosure {
        Disclosure::Internal => {
            let _ = write!(p.out, r#"<p class="note">{}</p>"#, p.l("internal_note"));
        }
        Disclosure::Public => {
            let _ = write!(
                p.out,
                r#"<p class="note">{}</p><dl><dt>&lt;3</dt><dd>{}</dd><dt>..</dt><dd>{}</dd></dl>"#,
                p.l("public_note"),
                p.l("primary"),
                p.l("secondary")
            );
        }
    }
    key_figures(&mut p, report);
    executions(&mut p, report);
    charters(&mut p, report);
    lead_times(&mut p, report);
    detention(&mut p, report);
    cost(&mut p, report);
    eurostat(&mut p, report);
    p.out.push_str("</article>");
    p.out
}

fn key_figures(p: &mut Page, r: &Report) {
    p.h2("key-figures", "key_figures");
    let rows = [
        ("executions_total", p.count(r.executions.by_kind.total)),
        ("charters_flown", number::int(r.charters.flown, p.lang)),
        (
            "persons_per_charter",
            p.stat(r.charters.persons_per_charter, 1),
        ),
        ("charter_share", p.pct(r.executions.charter_share)),
        ("per_person_sek", p.stat(r.cost.per_person_sek, 0)),
        ("occupancy", p.pct(r.detention.occupancy)),
        ("released_at_limit", p.count(r.detention.released_at_limit)),
    ];
    p.figures("key_figures", &rows);
}

fn executions(p: &mut Page, r: &Report) {
    p.h2("executions", "executions");
    let t = &r.executions.by_kind;
    let lang = p.lang;
    let cap = p.l("executions_caption");
    p.grid(&cap, "kind", t, &|c| esc(label(c, lang)));
    let series = [label("escorted", lang), label("not_escorted", lang)];
    let mut hidden = Vec::new();
    let groups: Vec<(String, Vec<Option<f64>>)> = t
        .rows
        .iter()
        .zip(&t.cells)
        .map(|(k, row)| {
            for (c, s) in row.iter().zip(series) {
                if c.is_withheld() {
                    hidden.push(format!("{} {}", label(k, lang), s));
                }
            }
            (
                label(k, lang).to_owned(),
                row.iter().map(|c| value(*c)).collect(),
            )
        })
        .collect();
    let plot = Plot {
        id: "plot-executions",
        title: label("plot_executions", lang),
        desc: format!(
            "{}: {}.{}",
            label("executions_total", lang),
            p.count(t.total),
            p.not_shown(&hidden)
        ),
    };
    let svg = bars(plot, &series, &groups, lang);
    p.figure(svg, "plot_executions");
}

fn charters(p: &mut Page, r: &Report) {
    p.h2("charters", "charters");
    let c = &r.charters;
    let _ = write!(
        p.out,
        r#"<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        p.l("charters_caption"),
        p.l("trip"),
        p.l("destination"),
        p.l("date"),
        p.l("persons"),
        p.l("cost_sek"),
        p.l("cost_per_person_sek")
    );
    for (i, t) in c.trips.iter().enumerate() {
        let _ = write!(
            p.out,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(t.trip.as_str()),
            esc(t.destination.as_str()),
            t.date,
            p.count(c.persons.cells[i][0]),
            number::int(t.cost, p.lang),
            p.stat(t.cost_per_person, 0)
        );
    }
    let _ = write!(
        p.out,
        r#"</tbody><tfoot><tr><th scope="row">{}</th><td></td><td></td><td class="num">{}</td><td></td><td></td></tr></tfoot></table>"#,
        p.l("total"),
        p.count(c.persons.total)
    );
    let rows = [
        ("charters_flown", number::int(c.flown, p.lang)),
        ("persons_per_charter", p.stat(c.persons_per_charter, 1)),
        ("charter_share", p.pct(r.executions.charter_share)),
    ];
    p.figures("charters", &rows);
}

fn lead_times(p: &mut Page, r: &Report) {
    p.h2("lead-times", "lead_times");
    let _ = write!(
        p.out,
        r#"<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        p.l("lead_times_caption"),
        p.l("handover"),
        p.l("n"),
        p.l("median_days"),
        p.l("p90_days")
    );
    for l in &r.lead_times {
        let _ = write!(
            p.out,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            p.l(l.handover),
            p.count(l.n),
            p.stat(l.median_days, 1),
            p.stat(l.p90_days, 1)
        );
    }
    p.out.push_str("</tbody></table>");
    let lang = p.lang;
    let series = [label("median", lang), label("p90", lang)];
    let groups: Vec<(String, Vec<Option<f64>>)> = r
        .lead_times
        .iter()
        .map(|l| {
            (
                label(l.handover, lang).to_owned(),
                vec![l.median_days.value, l.p90_days.value],
            )
        })
        .collect();
    let desc = r
        .lead_times
        .iter()
        .map(|l| {
            format!(
                "{}: {} {}, {} {}",
                label(l.handover, lang),
                label("median", lang),
                plain(&p.stat(l.median_days, 1)),
                label("p90", lang),
                plain(&p.stat(l.p90_days, 1))
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let plot = Plot {
        id: "plot-lead-times",
        title: label("plot_lead_times", lang),
        desc,
    };
    let svg = bars(plot, &series, &groups, lang);
    p.figure(svg, "plot_lead_times");
}

/// Text of a rendered cell without its markup (for plot descriptions).
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&amp;", "&")
}

fn detention(p: &mut Page, r: &Report) {
    p.h2("detention", "detention");
    let d = &r.detention;
    let rows = [
        ("places", number::int(d.places, p.lang)),
        ("mean_occupied", p.stat(d.mean_occupied, 1)),
        ("occupancy", p.pct(d.occupancy)),
        ("peak_occupied", p.count(d.peak_occupied)),
        ("stays_started", p.count(d.stays_started)),
        ("stays_ended", p.count(d.stays_ended)),
        ("stay_mean_days", p.stat(d.stay_mean_days, 1)),
        ("stay_median_days", p.stat(d.stay_median_days, 1)),
        ("released_at_limit", p.count(d.released_at_limit)),
        (
            "released_at_limit_children",
            p.count(d.released_at_limit_children),
        ),
    ];
    p.figures("detention_summary_caption", &rows);
    let _ = write!(
        p.out,
        r#"<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        p.l("detention_caption"),
        p.l("facility"),
        p.l("places"),
        p.l("mean_occupied"),
        p.l("occupancy"),
        p.l("peak_occupied")
    );
    for f in &d.facilities {
        let _ = write!(
            p.out,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&f.name),
            number::int(u64::from(f.places), p.lang),
            p.stat(f.mean_occupied, 1),
            p.pct(f.occupancy),
            p.count(f.peak_occupied)
        );
    }
    p.out.push_str("</tbody></table>");
    let lang = p.lang;
    let points: Vec<(String, Option<f64>)> = d
        .daily
        .iter()
        .map(|x| (x.day.to_string(), value(x.occupied)))
        .collect();
    let hidden = d.daily.iter().filter(|x| x.occupied.is_withheld()).count();
    let plot = Plot {
        id: "plot-occupancy",
        title: label("plot_occupancy", lang),
        desc: format!(
            "{}: {}; {}: {}; {}: {}.{}",
            label("places", lang),
            number::int(d.places, lang),
            label("mean_occupied", lang),
            plain(&p.stat(d.mean_occupied, 1)),
            label("peak_occupied", lang),
            plain(&p.count(d.peak_occupied)),
            if hidden > 0 {
                format!(" {}: {hidden}", label("not_shown", lang))
            } else {
                String::new()
            }
        ),
    };
    let (x, values): (Vec<String>, Vec<Option<f64>>) = points.into_iter().unzip();
    let svg = opcentrum_plot::lines(
        &plot.figure(lang),
        &x,
        &[opcentrum_plot::Series::new(
            label("plot_occupancy", lang),
            values,
        )],
        Some((label("places", lang), d.places as f64)),
        &|v| plotted(v, lang),
    );
    p.figure(svg, "plot_occupancy");
}

fn cost(p: &mut Page, r: &Report) {
    p.h2("cost", "cost");
    let c = &r.cost;
    let rows = [
        ("total_sek", p.stat(c.total_sek, 0)),
        ("persons_costed", p.count(c.persons)),
        ("persons_without_offer", p.count(c.persons_without_offer)),
        ("per_person_sek", p.stat(c.per_person_sek, 0)),
        (
            "per_charter_person_sek",
            p.stat(c.per_charter_person_sek, 0),
        ),
        (
            "per_scheduled_person_sek",
            p.stat(c.per_scheduled_person_sek, 0),
        ),
    ];
    p.figures("cost_caption", &rows);
}

fn eurostat(p: &mut Page, r: &Report) {
    p.h2("eurostat", "eurostat");
    let e = &r.eurostat;
    let _ = write!(p.out, "<p>{}</p>", p.l("eurostat_note"));
    let lang = p.lang;
    let partial: Vec<&str> = e
        .quarters
        .iter()
        .filter(|q| q.partial)
        .map(|q| q.quarter.as_str())
        .collect();
    let partial_title = esc(label("partial", lang));
    let column = |c: &str| {
        if partial.contains(&c) {
            format!(r#"{}<abbr title="{partial_title}">*</abbr>"#, esc(c))
        } else {
            esc(c)
        }
    };
    for key in ["ordered_to_leave", "returned"] {
        let t = if key == "returned" {
            &e.returned
        } else {
            &e.ordered_to_leave
        };
        let cap = p.l(key);
        p.grid(&cap, "citizenship", t, &column);
    }
    let _ = write!(
        p.out,
        "<p>{}: {}</p>",
        p.l("excluded_eu_efta"),
        p.count(e.excluded_eu_efta)
    );
    let series = [label("ordered_to_leave", lang), label("returned", lang)];
    let groups: Vec<(String, Vec<Option<f64>>)> = e
        .quarters
        .iter()
        .enumerate()
        .map(|(i, q)| {
            (
                q.quarter.clone(),
                vec![
                    value(e.ordered_to_leave.column_totals[i]),
                    value(e.returned.column_totals[i]),
                ],
            )
        })
        .collect();
    let desc = e
        .quarters
        .iter()
        .enumerate()
        .map(|(i, q)| {
            format!(
                "{}: {} {}, {} {}",
                q.quarter,
                label("ordered_to_leave", lang),
                plain(&p.count(e.ordered_to_leave.column_totals[i])),
                label("returned", lang),
                plain(&p.count(e.returned.column_totals[i]))
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let plot = Plot {
        id: "plot-returned",
        title: label("plot_returned", lang),
        desc,
    };
    let svg = bars(plot, &series, &groups, lang);
    p.figure(svg, "plot_returned");
}
