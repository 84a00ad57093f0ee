//! Checks that every projection equals the replay of the log.

use crate::{
    codec::{self, get},
    connect::Store,
    error::Result,
    projection::{CountKey, columns},
};
use futures_util::TryStreamExt;
use opcentrum_domain::Case;
use std::collections::BTreeMap;

/// What disagrees between the log and the projections (empty when all agree).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ProjectionReport {
    pub cases_checked: u64,
    pub problems: Vec<String>,
}

impl Store {
    /// Replays every case from the log and compares it with the `cases` row, the
    /// stage counts and the facility occupancy.
    pub async fn verify_projections(&self) -> Result<ProjectionReport> {
        let mut report = ProjectionReport::default();
        let mut counts: BTreeMap<CountKey, i64> = BTreeMap::new();
        let mut occupancy: BTreeMap<String, i64> = BTreeMap::new();
        let mut stored: BTreeMap<String, (i64, String)> = BTreeMap::new();
        {
            let mut rows =
                sqlx::query("SELECT case_id, version, state FROM cases").fetch(&self.read);
            while let Some(r) = rows.try_next().await? {
                stored.insert(
                    get(&r, "case_id")?,
                    (get(&r, "version")?, get(&r, "state")?),
                );
            }
        }
        let rules = self.rules.clone();
        let mut problems = Vec::new();
        let mut checked = 0u64;
        self.export_histories(|events| {
            checked += 1;
            let id = events
                .first()
                .map(|e| e.case.to_string())
                .unwrap_or_default();
            match Case::replay(&events) {
                Err(e) => problems.push(format!("case {id}: the log does not replay: {e}")),
                Ok(case) => {
                    let cols = columns(&case, &rules)?;
                    *counts.entry(cols.count_key()).or_default() += 1;
                    if let Some(f) = cols.facility_id {
                        *occupancy.entry(f).or_default() += 1;
                    }
                    match stored.remove(&id) {
                        None => problems.push(format!("case {id}: events but no case row")),
                        Some((v, state)) => {
                            if codec::u64_of(v) != case.version {
                                problems.push(format!(
                                    "case {id}: row at version {v}, log at {}",
                                    case.version
                                ));
                            }
                            match codec::from_json::<Case>(&state) {
                                Ok(s) if s == case => {}
                                Ok(_) => problems.push(format!(
                                    "case {id}: stored state differs from the replay"
                                )),
                                Err(e) => problems.push(format!("case {id}: {e}")),
                            }
                        }
                    }
                }
            }
            Ok(())
        })
        .await?;
        for id in stored.keys() {
            problems.push(format!("case {id}: a case row without events"));
        }
        let rows = sqlx::query(
            "SELECT stage, responsible, destination, suspended, n FROM stage_counts WHERE n <> 0",
        )
        .fetch_all(&self.read)
        .await?;
        let mut stored_counts: BTreeMap<CountKey, i64> = BTreeMap::new();
        for r in &rows {
            stored_counts.insert(
                CountKey {
                    stage: get(r, "stage")?,
                    responsible: get(r, "responsible")?,
                    destination: get(r, "destination")?,
                    suspended: get(r, "suspended")?,
                },
                get(r, "n")?,
            );
        }
        if stored_counts != counts {
            problems.push(format!(
                "stage counts differ from the replay ({} stored groups, {} replayed)",
                stored_counts.len(),
                counts.len()
            ));
        }
        for f in self.facilities().await? {
            let replayed = occupancy.get(f.facility.id.as_str()).copied().unwrap_or(0);
            if i64::from(f.occupied) != replayed {
                problems.push(format!(
                    "facility {}: occupancy {} stored, {} replayed",
                    f.facility.id, f.occupied, replayed
                ));
            }
        }
        report.cases_checked = checked;
        report.problems = problems;
        Ok(report)
    }
}
