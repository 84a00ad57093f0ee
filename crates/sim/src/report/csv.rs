//! CSV: one row per replication, and the summary (with the difference when two
//! scenarios are compared).

use super::Study;
use crate::outcome::Metric;
use crate::stats::{compare, summarise};

/// A CSV field, quoted when it needs to be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.4}")
    } else {
        String::new()
    }
}

/// `scenario,policy,seed,<metric keys…>`: one row per replication.
pub fn runs_csv(studies: &[&Study]) -> String {
    let mut out = String::from("scenario,policy,seed");
    for m in Metric::ALL {
        out.push(',');
        out.push_str(m.key());
    }
    out.push('\n');
    for s in studies {
        for r in &s.runs {
            out.push_str(&format!(
                "{},{},{}",
                field(&s.name),
                field(&s.policy),
                r.seed
            ));
            for m in Metric::ALL {
                out.push(',');
                out.push_str(&num(r.value(m)));
            }
            out.push('\n');
        }
    }
    out
}

/// `scenario,metric,n,mean,ci_low,ci_high`, then for a comparison
/// `difference,metric,…` rows of (second − first).
pub fn summary_csv(a: &Study, b: Option<&Study>) -> String {
    let mut out = String::from("scenario,metric,n,mean,ci95_low,ci95_high\n");
    for s in [Some(a), b].into_iter().flatten() {
        for m in summarise(&s.runs) {
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                field(&s.name),
                m.metric.key(),
                m.n,
                num(m.mean),
                num(m.low()),
                num(m.high())
            ));
        }
    }
    if let Some(b) = b {
        for c in compare(&a.runs, &b.runs) {
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                field(&format!("difference ({} - {})", b.name, a.name)),
                c.a.metric.key(),
                c.a.n.min(c.b.n),
                num(c.difference),
                num(c.difference - c.half_width),
                num(c.difference + c.half_width)
            ));
        }
    }
    out
}
