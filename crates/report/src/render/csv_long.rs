//! CSV in long format: one row per figure, columns `table,row,column,value,flag`.
//!
//! `table` names the table (`summary`, `executions`, `charters`, `lead_times`,
//! `detention`, `detention_facilities`, `detention_daily`, `cost`,
//! `eurostat_ordered_to_leave`, `eurostat_returned`); `row` and `column` are the
//! keys the JSON uses (`total` for a total); `value` is a plain number (decimal
//! point, no grouping) or text (a date, a country), empty when withheld or when
//! there is nothing to compute; `flag` is `primary` or `secondary` for a
//! withheld figure, `partial` for a quarter the period covers only partly.

use super::RenderError;
use crate::{
    disclosure::{Count, Stat, Suppression},
    report::Report,
    table::Table,
};

struct Out {
    w: csv::Writer<Vec<u8>>,
}

fn flag(s: Option<Suppression>) -> &'static str {
    match s {
        Some(Suppression::Primary) => "primary",
        Some(Suppression::Secondary) => "secondary",
        None => "",
    }
}

impl Out {
    fn row(&mut self, t: &str, r: &str, c: &str, v: &str, f: &str) -> Result<(), RenderError> {
        self.w.write_record([t, r, c, v, f])?;
        Ok(())
    }
    fn count(&mut self, t: &str, r: &str, c: &str, x: Count) -> Result<(), RenderError> {
        let v = x.value.map(|v| v.to_string()).unwrap_or_default();
        self.row(t, r, c, &v, flag(x.suppressed))
    }
    fn stat(&mut self, t: &str, r: &str, c: &str, x: Stat) -> Result<(), RenderError> {
        let v = x.value.map(|v| format!("{v:.4}")).unwrap_or_default();
        let v = trim(&v);
        self.row(t, r, c, v, flag(x.suppressed))
    }
    fn table(&mut self, name: &str, t: &Table) -> Result<(), RenderError> {
        for (r, row) in t.rows.iter().enumerate() {
            for (c, col) in t.columns.iter().enumerate() {
                self.count(name, row, col, t.cells[r][c])?;
            }
            self.count(name, row, "total", t.row_totals[r])?;
        }
        for (c, col) in t.columns.iter().enumerate() {
            self.count(name, "total", col, t.column_totals[c])?;
        }
        self.count(name, "total", "total", t.total)
    }
}

/// `12.5000` → `12.5`, `3.0000` → `3`.
fn trim(v: &str) -> &str {
    if v.contains('.') {
        v.trim_end_matches('0').trim_end_matches('.')
    } else {
        v
    }
}

pub fn render_csv(report: &Report) -> Result<String, RenderError> {
    let mut o = Out {
        w: csv::Writer::from_writer(Vec::new()),
    };
    o.row("table", "row", "column", "value", "flag")?;
    let p = &report.period;
    o.row("summary", "period_from", "value", &p.from.to_string(), "")?;
    o.row("summary", "period_to", "value", &p.to.to_string(), "")?;
    let d = match report.disclosure {
        crate::Disclosure::Internal => "internal",
        crate::Disclosure::Public => "public",
    };
    o.row("summary", "disclosure", "value", d, "")?;
    o.row(
        "summary",
        "cases_read",
        "value",
        &report.cases_read.to_string(),
        "",
    )?;
    let c = &report.charters;
    o.row(
        "summary",
        "charters_flown",
        "value",
        &c.flown.to_string(),
        "",
    )?;
    o.stat(
        "summary",
        "persons_per_charter",
        "value",
        c.persons_per_charter,
    )?;
    o.stat(
        "summary",
        "charter_share",
        "value",
        report.executions.charter_share,
    )?;
    o.table("executions", &report.executions.by_kind)?;
    for (i, t) in c.trips.iter().enumerate() {
        let id = t.trip.as_str();
        o.row("charters", id, "destination", t.destination.as_str(), "")?;
        o.row("charters", id, "date", &t.date.to_string(), "")?;
        o.count("charters", id, "persons", c.persons.cells[i][0])?;
        o.row("charters", id, "cost_sek", &t.cost.to_string(), "")?;
        o.stat("charters", id, "cost_per_person_sek", t.cost_per_person)?;
    }
    o.count("charters", "total", "persons", c.persons.total)?;
    for l in &report.lead_times {
        o.count("lead_times", l.handover, "n", l.n)?;
        o.stat("lead_times", l.handover, "median_days", l.median_days)?;
        o.stat("lead_times", l.handover, "p90_days", l.p90_days)?;
    }
    let det = &report.detention;
    o.row("detention", "places", "value", &det.places.to_string(), "")?;
    o.stat("detention", "mean_occupied", "value", det.mean_occupied)?;
    o.stat("detention", "occupancy", "value", det.occupancy)?;
    o.count("detention", "peak_occupied", "value", det.peak_occupied)?;
    o.count("detention", "stays_started", "value", det.stays_started)?;
    o.count("detention", "stays_ended", "value", det.stays_ended)?;
    o.stat("detention", "stay_mean_days", "value", det.stay_mean_days)?;
    o.stat(
        "detention",
        "stay_median_days",
        "value",
        det.stay_median_days,
    )?;
    o.count(
        "detention",
        "released_at_limit",
        "value",
        det.released_at_limit,
    )?;
    o.count(
        "detention",
        "released_at_limit_children",
        "value",
        det.released_at_limit_children,
    )?;
    for f in &det.facilities {
        let id = f.facility.as_str();
        o.row("detention_facilities", id, "name", &f.name, "")?;
        o.row(
            "detention_facilities",
            id,
            "places",
            &f.places.to_string(),
            "",
        )?;
        o.stat("detention_facilities", id, "mean_occupied", f.mean_occupied)?;
        o.stat("detention_facilities", id, "occupancy", f.occupancy)?;
        o.count("detention_facilities", id, "peak_occupied", f.peak_occupied)?;
    }
    for day in &det.daily {
        o.count(
            "detention_daily",
            &day.day.to_string(),
            "occupied",
            day.occupied,
        )?;
    }
    let cost = &report.cost;
    o.stat("cost", "total_sek", "value", cost.total_sek)?;
    o.count("cost", "persons", "value", cost.persons)?;
    o.count(
        "cost",
        "persons_without_offer",
        "value",
        cost.persons_without_offer,
    )?;
    o.stat("cost", "per_person_sek", "value", cost.per_person_sek)?;
    o.stat(
        "cost",
        "per_charter_person_sek",
        "value",
        cost.per_charter_person_sek,
    )?;
    o.stat(
        "cost",
        "per_scheduled_person_sek",
        "value",
        cost.per_scheduled_person_sek,
    )?;
    let e = &report.eurostat;
    for q in e.quarters.iter().filter(|q| q.partial) {
        o.row(
            "eurostat_quarters",
            &q.quarter,
            "partial",
            "true",
            "partial",
        )?;
    }
    o.table("eurostat_ordered_to_leave", &e.ordered_to_leave)?;
    o.table("eurostat_returned", &e.returned)?;
    o.count(
        "eurostat_excluded",
        "eu_efta",
        "persons",
        e.excluded_eu_efta,
    )?;
    let bytes =
        o.w.into_inner()
            .map_err(|e| RenderError::CsvFlush(e.error().to_string()))?;
    Ok(String::from_utf8(bytes)?)
}
