//! The operational picture's reads: counts and lead-time samples (no
//! personal data) for every reader of the picture, and the persons it lists —
//! those nearest their detention limit, those an event took off a trip — only
//! where the reader may read what the list reveals (location; the trip), each
//! filtered and audited. The figures are computed by the adapter from this.

use crate::{App, AppError, AppResult, Caller, audit::read_of};
use jiff::{SignedDuration, Timestamp, civil::Date};
use opcentrum_access::{
    CategoryOwners, FieldCategory,
    filter::{FilteredCase, filter_case},
};
use opcentrum_domain::{Case, ids::TripId, trip::TripOffer};
use opcentrum_store::{FacilityOccupancy, LegColumns, StageCount, WaitingHandover};

const PURPOSE: &str = "operational picture";
/// Persons read per list before filtering (the page shows fewer).
const READ_PER_LIST: u32 = 50;

/// What the picture shows, as one reader may see it.
pub struct PictureData {
    pub now: Timestamp,
    pub counts: Vec<StageCount>,
    pub facilities: Vec<FacilityOccupancy>,
    /// Lead-time samples (when each leg ended, how long it took) per leg:
    /// final → police, police → transport, transport → executed.
    pub legs: [Vec<(Timestamp, SignedDuration)>; 3],
    /// Detained persons whose limit falls within the alert window (a count).
    pub limit_soon: u64,
    /// The persons nearest their limit whose location the reader may read.
    pub near_limit: Vec<FilteredCase>,
    /// Persons an event took off a trip (a count).
    pub replan_total: u64,
    /// Those of them whose trip and cause the reader may read.
    pub replan: Vec<FilteredCase>,
    pub waiting: Vec<WaitingHandover>,
    pub offers: Vec<TripOffer>,
    pub fill: Vec<(TripId, u32)>,
}

/// The window of the picture.
#[derive(Debug, Clone, Copy)]
pub struct PictureWindow {
    /// Lead times of legs completed since.
    pub from: Timestamp,
    /// Detention limits before this instant raise the alert.
    pub alert_until: Timestamp,
    /// Trips of these days.
    pub trips_from: Date,
    pub trips_to: Date,
    /// At most this many persons per list.
    pub shown: usize,
}

impl App {
    pub async fn picture(&self, caller: &Caller, w: PictureWindow) -> AppResult<PictureData> {
        self.allow(caller, "picture.read", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a picture for a non-user"))?;
        let now = self.clock.now();
        let store = &self.store;
        let (counts, facilities, legs, limits, replan, waiting, offers, fill) = tokio::try_join!(
            store.stage_counts(),
            store.facilities(),
            async {
                tokio::try_join!(
                    store.leg_spans(LegColumns::FinalToPolice, w.from, now),
                    store.leg_spans(LegColumns::PoliceToTransport, w.from, now),
                    store.leg_spans(LegColumns::TransportToExecuted, w.from, now),
                )
            },
            store.detention_limits_before(w.alert_until, READ_PER_LIST),
            store.replan_needed(READ_PER_LIST),
            store.waiting_handovers(),
            store.trip_offers(w.trips_from, w.trips_to),
            store.trip_fill(w.trips_from, w.trips_to),
        )?;
        let policy = self.policy.get();
        let rules = store.rules();
        let shown =
            |cases: Vec<Case>, needs: &[FieldCategory], limits: bool| -> Vec<FilteredCase> {
                cases
                    .iter()
                    .filter(|c| {
                        let owners = CategoryOwners::of_case(c);
                        needs
                            .iter()
                            .all(|n| policy.decide(principal, *n, owners.owner(*n)).allowed)
                    })
                    .map(|c| filter_case(&policy, principal, c, now, rules))
                    // Being listed near one's limit tells that there is one:
                    // not where the limit is withheld (a criminal court's
                    // expulsion has none).
                    .filter(|f| !(limits && crate::detention::limit_withheld(f)))
                    .take(w.shown)
                    .collect()
            };
        let (limit_soon, near) = limits;
        let near_limit = shown(near, &[FieldCategory::Location], true);
        let (replan_total, replan_cases) = replan;
        let replan = shown(replan_cases, &[FieldCategory::Trip], false);
        let records: Vec<_> = near_limit
            .iter()
            .chain(&replan)
            .map(|f| read_of(caller, f, &[], PURPOSE, now))
            .collect();
        if !records.is_empty() {
            store.audit(records).await?;
        }
        Ok(PictureData {
            now,
            counts,
            facilities,
            legs: [legs.0, legs.1, legs.2],
            limit_soon,
            near_limit,
            replan_total,
            replan,
            waiting,
            offers,
            fill,
        })
    }
}

impl App {
    /// Cases per stage, responsible agency, destination and suspension.
    pub async fn stage_counts(&self, caller: &Caller) -> AppResult<Vec<StageCount>> {
        self.allow(caller, "picture.read", None).await?;
        Ok(self.store.stage_counts().await?)
    }

    /// Detention facilities with their occupancy (counts).
    pub async fn facilities(&self, caller: &Caller) -> AppResult<Vec<FacilityOccupancy>> {
        self.allow(caller, "picture.read", None).await?;
        Ok(self.store.facilities().await?)
    }
}
