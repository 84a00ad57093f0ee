//! The detention board: detained persons nearest their limit first, as the
//! reader may see them. Only persons whose location the reader may read are
//! listed at all (that a person is detained is itself location data); the
//! facilities' occupancy is a count and shown to every reader of the board.

use crate::{App, AppError, AppResult, Caller, audit::read_of};
use opcentrum_access::{
    CategoryOwners, FieldCategory,
    filter::{Derived, FilteredCase, SectionValue, filter_case},
};
use opcentrum_store::{FacilityOccupancy, MAX_PAGE};

const PURPOSE: &str = "detention board";

pub struct DetentionBoard {
    pub facilities: Vec<FacilityOccupancy>,
    /// Detained persons whose location the reader may read, nearest their limit first.
    pub detained: Vec<FilteredCase>,
}

impl App {
    pub async fn detention_board(&self, caller: &Caller) -> AppResult<DetentionBoard> {
        self.allow(caller, "cases.read", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a detention board for a non-user"))?;
        let now = self.clock.now();
        let (cases, facilities) =
            tokio::try_join!(self.store.detained(MAX_PAGE), self.store.facilities())?;
        let policy = self.policy.get();
        let mut detained: Vec<FilteredCase> = cases
            .iter()
            .filter(|c| {
                let owner = CategoryOwners::of_case(c).owner(FieldCategory::Location);
                policy
                    .decide(principal, FieldCategory::Location, owner)
                    .allowed
            })
            .map(|c| filter_case(&policy, principal, c, now, self.store.rules()))
            .collect();
        // The store orders by the limit; where the limit is withheld (it
        // depends on the criminal record), so is the order: those persons
        // come last, by case id.
        detained.sort_by_key(|f| limit_withheld(f).then(|| f.id.clone()));
        let records: Vec<_> = detained
            .iter()
            .map(|f| read_of(caller, f, &[], PURPOSE, now))
            .collect();
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(DetentionBoard {
            facilities,
            detained,
        })
    }
}

/// Is the detention limit of this case withheld from its reader (it would
/// tell whether a criminal court expelled)?
pub(crate) fn limit_withheld(f: &FilteredCase) -> bool {
    matches!(
        f.visible(FieldCategory::Location),
        Some(SectionValue::Location {
            detention_status: Some(Derived::Withheld(_)),
            ..
        })
    )
}
