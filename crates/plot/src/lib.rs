//! Accessible SVG figures, written as text: grouped bars (each with an
//! optional interval whisker), lines over shared x labels, and dots per
//! series with their mean. One plotter for the government report
//! (`opcentrum-report`) and the simulation report (`opcentrum-sim`).
//!
//! Every figure is an `<svg role="img">` labelled by its `<title>` and
//! `<desc>` (`aria-labelledby`, with `aria-label` as a fallback); text is
//! `<text>` at 12 px or more in a dark grey, so it can be read, searched and
//! zoomed. No scripts, no external resources, no style attributes (a page's
//! content security policy may forbid them).
//!
//! Values that are `None` or not finite (NaN, ±∞) are not drawn; a figure
//! with nothing to draw says so (the caller's "no data" text) instead of
//! showing an empty axis. The value axis starts at 0 and ends at the first
//! "nice" tick (1, 2 or 5 × 10^k) at or above the largest value; values
//! below 0 are drawn at 0.
//!
//! Why not `plotters` (with its SVG backend): it positions text with font
//! metrics (the `ttf` feature or fixed guesses), writes every primitive with
//! its own style, and has no place for `<title>`/`<desc>` or ARIA; what these
//! reports need is three kinds of figure in a few hundred lines.

use std::fmt::Write;

/// Width and height of every figure (the `viewBox`; it scales to its box).
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
/// Below the plot area with one line of x labels.
const BOTTOM: f64 = 40.0;
/// A text line of x labels.
const LINE: f64 = 14.0;
/// At most this many lines per x label (the rest is cut with "…").
const MAX_LINES: usize = 3;
/// Room above the plot area for the value written above the highest bar.
const HEADROOM: f64 = 16.0;
/// Okabe–Ito hues (told apart with every common colour-vision deficiency),
/// the lighter ones darkened to at least 3:1 against white.
pub const COLOURS: [&str; 4] = ["#0072B2", "#C25400", "#007A5A", "#A4508B"];
const INK: &str = "#222";
const GRID: &str = "#ddd";

/// Escapes text for SVG (and HTML) content and attribute values.
pub fn escape(s: &str) -> String {
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

/// What every figure says about itself.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    /// Unique on the page: the ids of the title and description derive from it.
    pub id: &'a str,
    pub title: &'a str,
    /// What the figure shows, in words (read by screen readers).
    pub desc: String,
    /// Shown instead of the plot when there is nothing to draw.
    pub no_data: &'a str,
    /// Draw the title inside the figure (when the page gives it no caption).
    pub heading: bool,
}

/// One bar: its value and an optional interval (low, high) drawn as a whisker.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bar {
    pub value: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

impl Bar {
    pub fn of(value: Option<f64>) -> Bar {
        Bar {
            value,
            interval: None,
        }
    }
    pub fn with_interval(value: f64, low: f64, high: f64) -> Bar {
        Bar {
            value: Some(value),
            interval: Some((low, high)),
        }
    }
}

/// A group of bars side by side, one per series, under one x label.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// A named run of values (a line, or a column of dots).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.into(),
            values,
        }
    }
    /// Values where NaN means "none" (the simulation's convention).
    pub fn of_f64(name: impl Into<String>, values: &[f64]) -> Series {
        Series::new(name, values.iter().map(|v| Some(*v)).collect())
    }
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite())
}

/// A nice step (1, 2 or 5 × 10^k) giving about five ticks up to `max`.
pub fn step(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let m = raw / mag;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The value axis: 0 at the bottom of the plot area, `top` at its top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub top: f64,
    pub step: f64,
    /// y of the top and of the bottom (0) of the plot area.
    pub y_top: f64,
    pub y_bottom: f64,
}

impl Scale {
    /// An axis for values up to `max`, in a plot area from `y_top` down to `y_bottom`.
    pub fn new(max: f64, y_top: f64, y_bottom: f64) -> Scale {
        let step = step(max);
        let max = if max.is_finite() { max } else { 0.0 };
        let top = ((max / step) - 1e-9).ceil().max(1.0) * step;
        Scale {
            top,
            step,
            y_top,
            y_bottom,
        }
    }
    pub fn y(&self, v: f64) -> f64 {
        let f = (v / self.top).clamp(0.0, 1.0);
        self.y_bottom - (self.y_bottom - self.y_top) * f
    }
    pub fn ticks(&self) -> impl Iterator<Item = f64> + use<> {
        let (top, step) = (self.top, self.step);
        (0..)
            .map(move |i| f64::from(i) * step)
            .take_while(move |t| *t <= top + step / 2.0)
    }
}

/// The top of the plot area for a figure (below its heading and legend).
fn plot_top(fig: &Figure<'_>, legend: bool) -> f64 {
    12.0 + if fig.heading { 22.0 } else { 0.0 } + if legend { 22.0 } else { 0.0 }
}

/// About how many characters of 12 px text fit in `width`.
fn chars_in(width: f64) -> usize {
    ((width - 4.0) / 6.8).floor().max(3.0) as usize
}

/// `label` broken at spaces into lines of at most `max` characters (a word
/// longer than a line stays whole), at most `MAX_LINES`, the last cut with "…".
pub fn wrap(label: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= max => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(l) = lines.last_mut() {
            l.push('…');
        }
    }
    lines
}

/// The lines of each x label, and the y of the bottom of the plot area that
/// leaves room for them.
fn x_labels_of(labels: &[&str], width: f64) -> (Vec<Vec<String>>, f64) {
    let wrapped: Vec<Vec<String>> = labels.iter().map(|l| wrap(l, chars_in(width))).collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (wrapped, HEIGHT - BOTTOM - LINE * (lines - 1) as f64)
}

fn open(out: &mut String, fig: &Figure<'_>) {
    let id = escape(fig.id);
    let title = escape(fig.title);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" aria-label="{title}" font-family="system-ui, sans-serif" font-size="12" fill="{INK}"><title id="{id}-t">{title}</title><desc id="{id}-d">{d}</desc>"#,
        d = escape(&fig.desc)
    );
    if fig.heading {
        let _ = write!(
            out,
            r#"<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{title}</text>"#
        );
    }
}

/// The whole figure when there is nothing to draw: title, description and the
/// "no data" text, no axis.
fn empty(fig: &Figure<'_>) -> String {
    let mut out = String::new();
    open(&mut out, fig);
    let _ = write!(
        out,
        r##"<rect x="{LEFT}" y="{y}" width="{w}" height="{h}" fill="none" stroke="{GRID}"/><text x="{cx}" y="{cy}" text-anchor="middle" font-size="14" data-no-data="">{t}</text></svg>"##,
        y = plot_top(fig, false),
        w = WIDTH - LEFT - RIGHT,
        h = HEIGHT - BOTTOM - plot_top(fig, false),
        cx = LEFT + (WIDTH - LEFT - RIGHT) / 2.0,
        cy = (plot_top(fig, false) + HEIGHT - BOTTOM) / 2.0,
        t = escape(fig.no_data)
    );
    out
}

fn axis(out: &mut String, s: &Scale, fmt: &dyn Fn(f64) -> String) {
    for t in s.ticks() {
        let y = s.y(t);
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="{GRID}"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{label}</text>"#,
            x2 = WIDTH - RIGHT,
            tx = LEFT - 6.0,
            ty = y + 4.0,
            label = escape(&fmt(t))
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{t:.1}" y2="{b:.1}" stroke="#333"/><line x1="{LEFT}" x2="{r}" y1="{b:.1}" y2="{b:.1}" stroke="#333"/>"##,
        t = s.y_top,
        b = s.y_bottom,
        r = WIDTH - RIGHT
    );
}

fn legend(out: &mut String, fig: &Figure<'_>, names: &[&str]) {
    let y = 12.0 + if fig.heading { 22.0 } else { 0.0 };
    let mut x = LEFT;
    for (i, s) in names.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y}" width="12" height="12" fill="{c}"/><text x="{tx:.1}" y="{ty}">{s}</text>"#,
            c = COLOURS[i % COLOURS.len()],
            tx = x + 16.0,
            ty = y + 10.0,
            s = escape(s)
        );
        x += 28.0 + 7.0 * s.chars().count() as f64;
    }
}

/// An x label under the plot area (bottom at `y_bottom`), one `<tspan>` a line.
fn x_label(out: &mut String, x: f64, y_bottom: f64, lines: &[String]) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y}" text-anchor="middle">"#,
        y = y_bottom + 16.0
    );
    for (i, l) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { LINE };
        let _ = write!(out, r#"<tspan x="{x:.1}" dy="{dy}">{}</tspan>"#, escape(l));
    }
    out.push_str("</text>");
}

/// Grouped bars: one colour per series (a legend when there are several), one
/// group per x label. A bar's value is written above it when there is room;
/// every bar also carries it as a `<title>` (a tooltip).
pub fn bars(
    fig: &Figure<'_>,
    series: &[&str],
    groups: &[Group],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let max = groups
        .iter()
        .flat_map(|g| &g.bars)
        .filter(|b| finite(b.value).is_some())
        .flat_map(|b| [b.value, b.interval.map(|i| i.1)])
        .filter_map(finite)
        .fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return empty(fig);
    }
    let with_legend = series.len() > 1;
    let mut out = String::new();
    open(&mut out, fig);
    let band = (WIDTH - LEFT - RIGHT) / groups.len().max(1) as f64;
    let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
    let (labels, y_bottom) = x_labels_of(&labels, band);
    let s = Scale::new(max, plot_top(fig, with_legend) + HEADROOM, y_bottom);
    axis(&mut out, &s, fmt);
    if with_legend {
        legend(&mut out, fig, series);
    }
    let k = groups
        .iter()
        .map(|g| g.bars.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let bar = (band * 0.8 / k).min(64.0);
    for (gi, g) in groups.iter().enumerate() {
        let x0 = LEFT + band * gi as f64 + (band - bar * k) / 2.0;
        for (si, b) in g.bars.iter().enumerate() {
            let Some(v) = finite(b.value) else { continue };
            let top = s.y(v);
            let x = x0 + bar * si as f64;
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{top:.1}" width="{bar:.1}" height="{h:.1}" fill="{c}"><title>{l}{sep}{sn}: {val}</title></rect>"#,
                h = s.y_bottom - top,
                c = COLOURS[si % COLOURS.len()],
                l = escape(&g.label),
                sep = if g.label.is_empty() || !with_legend {
                    ""
                } else {
                    ", "
                },
                sn = if with_legend {
                    escape(series.get(si).copied().unwrap_or(""))
                } else {
                    String::new()
                },
                val = escape(&fmt(v))
            );
            let cx = x + bar / 2.0;
            let mut label_y = top - 5.0;
            if let Some((lo, hi)) = b.interval.filter(|(l, h)| l.is_finite() && h.is_finite()) {
                let (yl, yh) = (s.y(lo), s.y(hi));
                let _ = write!(
                    out,
                    r##"<path d="M{cx:.1} {yl:.1}V{yh:.1}M{a:.1} {yl:.1}H{b:.1}M{a:.1} {yh:.1}H{b:.1}" stroke="#000" stroke-width="1.5" fill="none"/>"##,
                    a = cx - 6.0,
                    b = cx + 6.0,
                );
                label_y = label_y.min(yh - 5.0);
            }
            if bar >= 28.0 {
                let _ = write!(
                    out,
                    r#"<text x="{cx:.1}" y="{label_y:.1}" text-anchor="middle">{val}</text>"#,
                    val = escape(&fmt(v))
                );
            }
        }
        x_label(
            &mut out,
            LEFT + band * (gi as f64 + 0.5),
            y_bottom,
            &labels[gi],
        );
    }
    out.push_str("</svg>");
    out
}

/// One line per series over shared x labels, with an optional dashed
/// horizontal reference (label, value). A missing value breaks its line; a
/// lone value between gaps is a dot. About six x labels are written.
pub fn lines(
    fig: &Figure<'_>,
    x_labels: &[String],
    series: &[Series],
    reference: Option<(&str, f64)>,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter_map(finite)
        .fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return empty(fig);
    }
    let max = reference.map_or(max, |r| if r.1.is_finite() { max.max(r.1) } else { max });
    let with_legend = series.len() > 1;
    let mut out = String::new();
    open(&mut out, fig);
    let n = x_labels
        .len()
        .max(series.iter().map(|s| s.values.len()).max().unwrap_or(0));
    // About six x labels, each as wide as the room to the next.
    let every = x_labels.len().div_ceil(6).max(1);
    let room = (WIDTH - LEFT - RIGHT) * every as f64 / n.max(1) as f64;
    let shown: Vec<&str> = x_labels.iter().map(String::as_str).collect();
    let (wrapped, y_bottom) = x_labels_of(&shown, room);
    let s = Scale::new(max, plot_top(fig, with_legend), y_bottom);
    axis(&mut out, &s, fmt);
    if with_legend {
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        legend(&mut out, fig, &names);
    }
    let x = |i: usize| {
        if n <= 1 {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + 8.0 + (WIDTH - LEFT - RIGHT - 16.0) * i as f64 / (n - 1) as f64
        }
    };
    for (k, line) in series.iter().enumerate() {
        let c = COLOURS[k % COLOURS.len()];
        let dash = if k % 2 == 1 {
            r#" stroke-dasharray="6 3""#
        } else {
            ""
        };
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (i, v) in line.values.iter().enumerate() {
            match (finite(*v), runs.last_mut()) {
                (Some(v), Some(run)) => run.push((x(i), s.y(v))),
                _ => runs.push(Vec::new()),
            }
        }
        for run in runs {
            if let [(cx, cy)] = run[..] {
                let _ = write!(
                    out,
                    r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="3" fill="{c}"/>"#
                );
            } else if run.len() > 1 {
                let pts: Vec<String> = run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
                let _ = write!(
                    out,
                    r#"<polyline fill="none" stroke="{c}" stroke-width="2"{dash} points="{}"/>"#,
                    pts.join(" ")
                );
            }
        }
    }
    if let Some((label, v)) = reference.filter(|r| r.1.is_finite()) {
        let yy = s.y(v);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{r}" y1="{yy:.1}" y2="{yy:.1}" stroke="#333" stroke-dasharray="6 4"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{l}</text>"##,
            r = WIDTH - RIGHT,
            tx = WIDTH - RIGHT - 4.0,
            ty = yy - 4.0,
            l = escape(label)
        );
    }
    for (i, label) in wrapped.iter().enumerate() {
        if i % every == 0 || (i + 1 == x_labels.len() && i % every > every / 2) {
            x_label(&mut out, x(i), y_bottom, label);
        }
    }
    out.push_str("</svg>");
    out
}

/// Every value of each series as a dot, one column per series (named under
/// it), with the series' mean as a black bar across its column.
pub fn dots(fig: &Figure<'_>, series: &[Series], fmt: &dyn Fn(f64) -> String) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter_map(finite)
        .fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return empty(fig);
    }
    let mut out = String::new();
    open(&mut out, fig);
    let slot = (WIDTH - LEFT - RIGHT) / series.len().max(1) as f64;
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let (names, y_bottom) = x_labels_of(&names, slot);
    let s = Scale::new(max, plot_top(fig, false), y_bottom);
    axis(&mut out, &s, fmt);
    for (k, col) in series.iter().enumerate() {
        let cx = LEFT + slot * (k as f64 + 0.5);
        let c = COLOURS[k % COLOURS.len()];
        let n = col.values.len().max(1);
        let shown: Vec<(usize, f64)> = col
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| finite(*v).map(|v| (i, v)))
            .collect();
        for (i, v) in &shown {
            // A deterministic spread so equal values stay visible.
            let dx = ((*i as f64 / n as f64) - 0.5) * (slot * 0.4);
            let _ = write!(
                out,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{c}" fill-opacity="0.7"/>"#,
                x = cx + dx,
                y = s.y(*v),
            );
        }
        if !shown.is_empty() {
            let mean = shown.iter().map(|p| p.1).sum::<f64>() / shown.len() as f64;
            let y = s.y(mean);
            let _ = write!(
                out,
                r##"<line x1="{a:.1}" x2="{b:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#000" stroke-width="2"><title>{name}: {m}</title></line>"##,
                a = cx - slot * 0.25,
                b = cx + slot * 0.25,
                name = escape(&col.name),
                m = escape(&fmt(mean)),
            );
        }
        x_label(&mut out, cx, y_bottom, &names[k]);
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests;
