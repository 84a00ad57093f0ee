//! What the trip planner reads from the case projections.

use crate::{
    codec::{self, get},
    connect::Store,
    error::Result,
};
use opcentrum_domain::Case;

impl Store {
    /// Cases whose transport is requested or who are planned, and every member
    /// of their families, closed ones included (the planner keeps families whole
    /// and holds back a family with a closed member still in it).
    pub async fn planning_cases(&self) -> Result<Vec<Case>> {
        let rows = sqlx::query(
            "SELECT state FROM cases WHERE stage IN ('transport_requested', 'planned') \
             UNION \
             SELECT m.state FROM cases m WHERE m.family_id IS NOT NULL \
               AND m.family_id IN (SELECT c.family_id FROM cases c WHERE c.family_id IS NOT NULL \
                 AND c.stage IN ('transport_requested', 'planned'))",
        )
        .fetch_all(&self.read)
        .await?;
        let mut cases = rows
            .iter()
            .map(|r| codec::from_json::<Case>(&get::<String>(r, "state")?))
            .collect::<Result<Vec<_>>>()?;
        cases.sort_by(|a, b| a.id.cmp(&b.id));
        cases.dedup_by(|a, b| a.id == b.id);
        Ok(cases)
    }

    /// Cases an event took off their trip: they wait for a re-plan.
    pub async fn taken_off_trips(&self) -> Result<Vec<Case>> {
        let rows = sqlx::query("SELECT state FROM cases WHERE replan_needed = 1 ORDER BY case_id")
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| codec::from_json(&get::<String>(r, "state")?))
            .collect()
    }
}
