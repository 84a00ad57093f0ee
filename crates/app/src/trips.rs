//! Trip offers (charters, scheduled flights) and NTE's roster: no personal
//! data of returnees (escorts are NTE's staff), for the trip planners.

use crate::{App, AppResult, Caller, text::invalid};
use jiff::civil::Date;
use opcentrum_domain::{escort::Escort, trip::TripKind, trip::TripOffer};

impl App {
    /// Trips on offer between two days (every reader of the picture).
    pub async fn trip_offers(
        &self,
        caller: &Caller,
        from: Date,
        to: Date,
    ) -> AppResult<Vec<TripOffer>> {
        self.allow(caller, "picture.read", None).await?;
        if to < from {
            return Err(invalid(
                "to",
                "gate.trips.to_before_from",
                &[("to", &to), ("from", &from)],
            ));
        }
        Ok(self.store.trip_offers(from, to).await?)
    }

    /// Offers a charter or a scheduled flight (or changes one, by its id).
    pub async fn offer_trip(&self, caller: &Caller, offer: &TripOffer) -> AppResult<()> {
        self.allow(caller, "trips.plan", None).await?;
        check_offer(offer, self.clock.today())?;
        Ok(self.store.put_trip_offer(offer).await?)
    }

    pub async fn roster(&self, caller: &Caller) -> AppResult<Vec<Escort>> {
        self.allow(caller, "trips.plan", None).await?;
        Ok(self.store.escorts().await?)
    }

    /// Puts an escort on the roster (or changes their availability).
    pub async fn put_escort(&self, caller: &Caller, escort: &Escort) -> AppResult<()> {
        self.allow(caller, "trips.plan", None).await?;
        for (i, w) in escort.available.iter().enumerate() {
            if w.to < w.from {
                return Err(invalid(
                    format!("available[{i}].to"),
                    "gate.trips.window_ends_before_start",
                    &[("to", &w.to), ("from", &w.from)],
                ));
            }
        }
        Ok(self.store.put_escort(escort).await?)
    }
}

/// What an offered trip must be (the API and the trip board's form).
pub fn check_offer(offer: &TripOffer, today: Date) -> AppResult<()> {
    if offer.destination.is_sweden() {
        return Err(invalid("destination", "gate.trips.to_sweden", &[]));
    }
    if offer.seats == 0 {
        return Err(invalid("seats", "gate.trips.no_seats", &[]));
    }
    if offer.date < today {
        return Err(invalid("date", "gate.trips.date_passed", &[]));
    }
    match (offer.kind, offer.quota) {
        (TripKind::Charter, Some(q)) if q == 0 || q > offer.seats => {
            return Err(invalid(
                "quota",
                "gate.trips.quota_out_of_range",
                &[("seats", &offer.seats)],
            ));
        }
        (TripKind::Scheduled, Some(_)) => {
            return Err(invalid("quota", "gate.trips.scheduled_quota", &[]));
        }
        _ => {}
    }
    Ok(())
}
