//! Small, accessible SVG plots written by hand: grouped bars and a line. Each
//! plot is an `<svg role="img">` with a `<title>` and a `<desc>` it is labelled
//! by; withheld values are not drawn and are named in the description.

use super::html::esc;
use std::fmt::Write;

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 48.0;
/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
const COLOURS: [&str; 4] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];

/// A nice step (1, 2 or 5 × 10^k) giving about five ticks up to `max`.
fn step(max: f64) -> f64 {
    if max <= 0.0 {
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

pub struct Plot<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: String,
}

fn open(out: &mut String, p: &Plot<'_>) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" font-family="system-ui, sans-serif" font-size="12"><title id="{id}-t">{t}</title><desc id="{id}-d">{d}</desc>"#,
        id = esc(p.id),
        t = esc(p.title),
        d = esc(&p.desc)
    );
}

/// Axis with ticks up to `top`; returns the y of a value.
fn axis(out: &mut String, top: f64, fmt: &dyn Fn(f64) -> String) -> impl Fn(f64) -> f64 + use<> {
    let s = step(top);
    let top = (top / s).ceil().max(1.0) * s;
    let plot_h = H - TOP - BOTTOM;
    let y = move |v: f64| TOP + plot_h * (1.0 - v / top);
    let mut t = 0.0;
    while t <= top + s / 2.0 {
        let yy = y(t);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{label}</text>"##,
            x2 = W - RIGHT,
            tx = LEFT - 6.0,
            ty = yy + 4.0,
            label = esc(&fmt(t))
        );
        t += s;
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{b}" stroke="#333"/><line x1="{LEFT}" x2="{r}" y1="{b}" y2="{b}" stroke="#333"/>"##,
        b = H - BOTTOM,
        r = W - RIGHT
    );
    y
}

fn legend(out: &mut String, series: &[&str]) {
    let mut x = LEFT;
    for (i, s) in series.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="8" width="12" height="12" fill="{c}"/><text x="{tx}" y="18">{s}</text>"#,
            c = COLOURS[i % COLOURS.len()],
            tx = x + 16.0,
            s = esc(s)
        );
        x += 24.0 + 7.0 * s.chars().count() as f64;
    }
}

/// Grouped bars: `groups[i] = (label, values per series)`; `None` is not drawn.
pub fn bars(
    p: &Plot<'_>,
    series: &[&str],
    groups: &[(String, Vec<Option<f64>>)],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let mut out = String::new();
    open(&mut out, p);
    let max = groups
        .iter()
        .flat_map(|g| g.1.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let y = axis(&mut out, max, fmt);
    legend(&mut out, series);
    let n = groups.len().max(1) as f64;
    let band = (W - LEFT - RIGHT) / n;
    let k = series.len().max(1) as f64;
    let bar = (band * 0.8 / k).min(48.0);
    for (gi, (label, values)) in groups.iter().enumerate() {
        let x0 = LEFT + band * gi as f64 + (band - bar * k) / 2.0;
        for (si, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let top = y(*v);
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{top:.1}" width="{bar:.1}" height="{h:.1}" fill="{c}"><title>{label}, {s}: {val}</title></rect>"#,
                x = x0 + bar * si as f64,
                h = (H - BOTTOM - top).max(0.0),
                c = COLOURS[si % COLOURS.len()],
                label = esc(label),
                s = esc(series.get(si).copied().unwrap_or("")),
                val = esc(&fmt(*v))
            );
        }
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{ty}" text-anchor="middle">{label}</text>"#,
            x = LEFT + band * (gi as f64 + 0.5),
            ty = H - BOTTOM + 16.0,
            label = esc(label)
        );
    }
    out.push_str("</svg>");
    out
}

/// A line over days with an optional horizontal reference (e.g. the places).
pub fn line(
    p: &Plot<'_>,
    points: &[(String, Option<f64>)],
    reference: Option<(&str, f64)>,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let mut out = String::new();
    open(&mut out, p);
    let max = points
        .iter()
        .filter_map(|p| p.1)
        .chain(reference.map(|r| r.1))
        .fold(0.0f64, f64::max);
    let y = axis(&mut out, max, fmt);
    let n = points.len();
    let x = |i: usize| {
        if n <= 1 {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    // Runs of shown values; a withheld day breaks the line.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, (_, v)) in points.iter().enumerate() {
        match (v, runs.last_mut()) {
            (Some(v), Some(run)) => run.push((x(i), y(*v))),
            _ => runs.push(Vec::new()),
        }
    }
    for run in runs {
        if let [(cx, cy)] = run[..] {
            let _ = write!(
                out,
                r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="2" fill="{}"/>"#,
                COLOURS[0]
            );
        } else if run.len() > 1 {
            let pts: Vec<String> = run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
            let _ = write!(
                out,
                r#"<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>"#,
                COLOURS[0],
                pts.join(" ")
            );
        }
    }
    if let Some((label, v)) = reference {
        let yy = y(v);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{r}" y1="{yy:.1}" y2="{yy:.1}" stroke="#333" stroke-dasharray="6 4"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{l}</text>"##,
            r = W - RIGHT,
            tx = W - RIGHT - 4.0,
            ty = yy - 4.0,
            l = esc(label)
        );
    }
    // About six date labels along the axis.
    let every = n.div_ceil(6).max(1);
    for (i, (label, _)) in points.iter().enumerate() {
        if i % every == 0 || i + 1 == n {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x(i),
                H - BOTTOM + 16.0,
                esc(label)
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(step(100.0), 20.0);
        assert_eq!(step(9.0), 2.0);
        assert_eq!(step(1700.0), 500.0);
        assert_eq!(step(0.0), 1.0);
    }

    #[test]
    fn a_bar_chart_is_labelled_and_skips_withheld_values() {
        let p = Plot {
            id: "x",
            title: "Executions <all>",
            desc: "two bars".into(),
        };
        let svg = bars(
            &p,
            &["a", "b"],
            &[("g".into(), vec![Some(3.0), None])],
            &|v| format!("{v}"),
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"role="img" aria-labelledby="x-t x-d""#));
        assert!(svg.contains("<title id=\"x-t\">Executions &lt;all&gt;</title>"));
        // One bar drawn (plus the two legend swatches).
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.ends_with("</svg>"));
    }
}
