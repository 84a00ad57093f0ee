//! Small hand-written SVG charts (no scripts, no external resources): bars with
//! 95% intervals, lines per month, and dots per replication.

use std::fmt::Write;

const W: f64 = 520.0;
const H: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 44.0;
/// Colour per scenario (first, second).
pub const COLOURS: [&str; 4] = ["#1f5fa8", "#d9822b", "#3a8f4b", "#8a3ab9"];

/// Escapes text for SVG and HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" axis maximum and tick step for values up to `max`.
fn axis(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

fn number(v: f64) -> String {
    if v.abs() >= 10.0 || v == v.trunc() {
        format!("{:.0}", v)
    } else {
        format!("{:.2}", v)
    }
}

fn frame(out: &mut String, title: &str, y_max: f64, step: f64) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{t}"><title>{t}</title><rect width="{W}" height="{H}" fill="#fff"/><text x="{x}" y="20" font-size="14" font-family="sans-serif" font-weight="bold">{t}</text>"##,
        t = escape(title),
        x = LEFT,
    );
    let plot_h = H - TOP - BOTTOM;
    let mut v = 0.0;
    while v <= y_max + step * 1e-9 {
        let y = TOP + plot_h * (1.0 - v / y_max);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" font-size="11" font-family="sans-serif" text-anchor="end">{label}</text>"##,
            x2 = W - RIGHT,
            tx = LEFT - 6.0,
            ty = y + 4.0,
            label = number(v),
        );
        v += step;
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{yb}" stroke="#444"/><line x1="{LEFT}" x2="{xr}" y1="{yb}" y2="{yb}" stroke="#444"/>"##,
        yb = H - BOTTOM,
        xr = W - RIGHT,
    );
}

fn y_of(v: f64, y_max: f64) -> f64 {
    let plot_h = H - TOP - BOTTOM;
    TOP + plot_h * (1.0 - (v / y_max).clamp(0.0, 1.0))
}

/// One bar per group with its 95% interval as a whisker: (label, mean, low, high).
pub fn bars_with_interval(title: &str, groups: &[(String, f64, f64, f64)]) -> String {
    let max = groups
        .iter()
        .map(|g| g.3.max(g.1))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (y_max, step) = axis(max);
    let mut out = String::new();
    frame(&mut out, title, y_max, step);
    let slot = (W - LEFT - RIGHT) / groups.len().max(1) as f64;
    for (i, (label, mean, low, high)) in groups.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let bw = (slot * 0.5).min(90.0);
        if mean.is_finite() {
            let y = y_of(*mean, y_max);
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{h:.1}" fill="{c}"/><text x="{cx:.1}" y="{ty:.1}" font-size="11" font-family="sans-serif" text-anchor="middle">{v}</text>"#,
                x = cx - bw / 2.0,
                h = (H - BOTTOM - y).max(0.0),
                c = COLOURS[i % COLOURS.len()],
                ty = y - 6.0,
                v = number(*mean),
            );
        }
        if low.is_finite() && high.is_finite() {
            let (yl, yh) = (y_of(*low, y_max), y_of(*high, y_max));
            let _ = write!(
                out,
                r##"<line x1="{cx:.1}" x2="{cx:.1}" y1="{yl:.1}" y2="{yh:.1}" stroke="#000" stroke-width="1.5"/><line x1="{a:.1}" x2="{b:.1}" y1="{yl:.1}" y2="{yl:.1}" stroke="#000"/><line x1="{a:.1}" x2="{b:.1}" y1="{yh:.1}" y2="{yh:.1}" stroke="#000"/>"##,
                a = cx - 8.0,
                b = cx + 8.0,
            );
        }
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{y:.1}" font-size="12" font-family="sans-serif" text-anchor="middle">{l}</text>"#,
            y = H - BOTTOM + 18.0,
            l = escape(label),
        );
    }
    out.push_str("</svg>");
    out
}

/// One line per series over the same x labels (e.g. months).
pub fn lines(title: &str, x_labels: &[String], series: &[(String, Vec<f64>)]) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (y_max, step) = axis(max);
    let mut out = String::new();
    frame(&mut out, title, y_max, step);
    let n = x_labels.len().max(1);
    let x_of = |i: usize| LEFT + (W - LEFT - RIGHT) * (i as f64 + 0.5) / n as f64;
    for (i, l) in x_labels.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="11" font-family="sans-serif" text-anchor="middle">{l}</text>"#,
            x = x_of(i),
            y = H - BOTTOM + 16.0,
            l = escape(l),
        );
    }
    for (k, (name, values)) in series.iter().enumerate() {
        let c = COLOURS[k % COLOURS.len()];
        let dash = if k >= 2 {
            r#" stroke-dasharray="5 3""#
        } else {
            ""
        };
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v, y_max)))
            .collect();
        let _ = write!(
            out,
            r#"<polyline fill="none" stroke="{c}" stroke-width="2"{dash} points="{p}"/>"#,
            p = points.join(" "),
        );
        for p in &points {
            if let Some((x, y)) = p.split_once(',') {
                let _ = write!(out, r#"<circle cx="{x}" cy="{y}" r="2.5" fill="{c}"/>"#);
            }
        }
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" fill="{c}"/><text x="{tx:.1}" y="{ty:.1}" font-size="11" font-family="sans-serif">{name}</text>"#,
            x = LEFT + 10.0 + 150.0 * (k % 3) as f64,
            y = H - 16.0 + 0.0 * (k / 3) as f64,
            tx = LEFT + 24.0 + 150.0 * (k % 3) as f64,
            ty = H - 7.0,
            name = escape(name),
        );
    }
    out.push_str("</svg>");
    out
}

/// Every replication's value as a dot, one column per series, with the mean.
pub fn dots(title: &str, series: &[(String, Vec<f64>)]) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (y_max, step) = axis(max);
    let mut out = String::new();
    frame(&mut out, title, y_max, step);
    let slot = (W - LEFT - RIGHT) / series.len().max(1) as f64;
    for (k, (name, values)) in series.iter().enumerate() {
        let cx = LEFT + slot * (k as f64 + 0.5);
        let c = COLOURS[k % COLOURS.len()];
        let n = values.len().max(1);
        for (i, v) in values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
            // A deterministic spread so equal values stay visible.
            let dx = ((i as f64 / n as f64) - 0.5) * (slot * 0.4);
            let _ = write!(
                out,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{c}" fill-opacity="0.6"/>"#,
                x = cx + dx,
                y = y_of(*v, y_max),
            );
        }
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if !finite.is_empty() {
            let mean = finite.iter().sum::<f64>() / finite.len() as f64;
            let y = y_of(mean, y_max);
            let _ = write!(
                out,
                r##"<line x1="{a:.1}" x2="{b:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#000" stroke-width="2"/>"##,
                a = cx - slot * 0.25,
                b = cx + slot * 0.25,
            );
        }
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{y:.1}" font-size="12" font-family="sans-serif" text-anchor="middle">{l}</text>"#,
            y = H - BOTTOM + 18.0,
            l = escape(name),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_closed_svg_with_escaped_text() {
        let s = bars_with_interval(
            "Persons <per> charter",
            &[
                ("a & b".into(), 18.0, 16.0, 20.0),
                ("c".into(), 30.0, 28.0, 32.0),
            ],
        );
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert!(s.contains("Persons &lt;per&gt; charter") && s.contains("a &amp; b"));
        assert_eq!(s.matches("<rect x=").count(), 2);
        let l = lines(
            "m",
            &["1".into(), "2".into()],
            &[("x".into(), vec![1.0, 2.0])],
        );
        assert!(l.contains("<polyline"));
        let d = dots("d", &[("x".into(), vec![1.0, f64::NAN, 3.0])]);
        assert_eq!(d.matches("<circle").count(), 2);
    }

    #[test]
    fn axis_is_nice() {
        let (max, step) = axis(31.0);
        assert!((max - 40.0).abs() < 1e-9 && (step - 10.0).abs() < 1e-9);
        let (max, step) = axis(0.9);
        assert!((max - 1.0).abs() < 1e-9 && (step - 0.2).abs() < 1e-9);
    }
}
