//! Trip offers (charters, scheduled flights) and NTE's roster: no personal
//! data of returnees (escorts are NTE's staff), for the trip planners.

use crate::{App, AppError, AppResult, Caller};
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
            return Err(AppError::invalid_in(
                "to",
                format!("{to} lies before from ({from})"),
                format!("{to} ligger före från och med ({from})"),
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
                return Err(AppError::invalid_in(
                    format!("available[{i}].to"),
                    format!("{} lies before the window's start {}", w.to, w.from),
                    format!("{} ligger före periodens början {}", w.to, w.from),
                ));
            }
        }
        Ok(self.store.put_escort(escort).await?)
    }
}

/// What an offered trip must be (the API and the trip board's form).
pub fn check_offer(offer: &TripOffer, today: Date) -> AppResult<()> {
    if offer.destination.is_sweden() {
        return Err(AppError::invalid_in(
            "destination",
            "a trip cannot go to Sweden",
            "en resa kan inte gå till Sverige",
        ));
    }
    if offer.seats == 0 {
        return Err(AppError::invalid_in(
            "seats",
            "must be at least 1",
            "måste vara minst 1",
        ));
    }
    if offer.date < today {
        return Err(AppError::invalid_in(
            "date",
            "the date has passed",
            "dagen har redan passerat",
        ));
    }
    match (offer.kind, offer.quota) {
        (TripKind::Charter, Some(q)) if q == 0 || q > offer.seats => {
            return Err(AppError::invalid_in(
                "quota",
                format!("must be between 1 and the seats ({})", offer.seats),
                format!("måste vara mellan 1 och antalet platser ({})", offer.seats),
            ));
        }
        (TripKind::Scheduled, Some(_)) => {
            return Err(AppError::invalid_in(
                "quota",
                "a scheduled flight has no quota",
                "ett reguljärflyg har ingen kvot",
            ));
        }
        _ => {}
    }
    Ok(())
}
