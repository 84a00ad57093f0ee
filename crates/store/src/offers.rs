//! Facilities, trip offers and NTE's roster: reference data beside the case log.

use crate::{
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::civil::Date;
use opcentrum_domain::{
    Country,
    escort::{Availability, Escort},
    facility::Facility,
    ids::{EscortId, FacilityId, TripId},
    trip::{TripKind, TripOffer},
};

/// A facility with the persons it holds now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacilityOccupancy {
    #[serde(flatten)]
    pub facility: Facility,
    pub occupied: u32,
}

impl Store {
    /// Adds a facility or changes its name, kind and capacity (occupancy is kept).
    pub async fn put_facility(&self, f: &Facility) -> Result<()> {
        if f.name.trim().is_empty() {
            return Err(StoreError::invalid_in("name", "gate.store.empty", &[]));
        }
        sqlx::query(
            "INSERT INTO facilities (facility_id, name, kind, capacity, occupied) VALUES ($1, $2, $3, $4, 0) \
             ON CONFLICT (facility_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, capacity = excluded.capacity",
        )
        .bind(f.id.as_str().to_owned())
        .bind(f.name.clone())
        .bind(f.kind.code())
        .bind(i64::from(f.capacity))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    pub async fn facilities(&self) -> Result<Vec<FacilityOccupancy>> {
        let rows = sqlx::query("SELECT facility_id, name, kind, capacity, occupied FROM facilities ORDER BY facility_id")
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(FacilityOccupancy {
                    facility: Facility {
                        id: FacilityId::parse(get::<String>(r, "facility_id")?)
                            .map_err(StoreError::corrupt)?,
                        name: get(r, "name")?,
                        kind: codec::from_code(&get::<String>(r, "kind")?)?,
                        capacity: u32::try_from(get::<i64>(r, "capacity")?)
                            .map_err(StoreError::corrupt)?,
                    },
                    occupied: u32::try_from(get::<i64>(r, "occupied")?)
                        .map_err(StoreError::corrupt)?,
                })
            })
            .collect()
    }

    /// Offers a trip, or changes an offer.
    pub async fn put_trip_offer(&self, t: &TripOffer) -> Result<()> {
        if t.seats == 0 {
            return Err(StoreError::invalid_in(
                "seats",
                "gate.store.at_least_one",
                &[],
            ));
        }
        if t.kind == TripKind::Charter && t.quota.is_none() {
            return Err(StoreError::invalid_in(
                "quota",
                "gate.store.charter_quota",
                &[],
            ));
        }
        if t.destination.is_sweden() {
            return Err(StoreError::invalid_in(
                "destination",
                "gate.store.not_sweden",
                &[],
            ));
        }
        sqlx::query(
            "INSERT INTO trip_offers (trip_id, kind, destination, trip_date, seats, quota, cost) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (trip_id) DO UPDATE SET kind = excluded.kind, destination = excluded.destination, trip_date = excluded.trip_date, \
             seats = excluded.seats, quota = excluded.quota, cost = excluded.cost",
        )
        .bind(t.id.as_str().to_owned())
        .bind(t.kind.code())
        .bind(t.destination.to_string())
        .bind(codec::date(t.date))
        .bind(i64::from(t.seats))
        .bind(t.quota.map(i64::from))
        .bind(codec::i64_of(t.cost))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Trips offered between two days, both included.
    pub async fn trip_offers(&self, from: Date, to: Date) -> Result<Vec<TripOffer>> {
        let rows = sqlx::query("SELECT trip_id, kind, destination, trip_date, seats, quota, cost FROM trip_offers WHERE trip_date >= $1 AND trip_date <= $2 ORDER BY trip_date, trip_id")
            .bind(codec::date(from))
            .bind(codec::date(to))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(trip_from_row).collect()
    }

    pub async fn trip_offer(&self, id: &TripId) -> Result<Option<TripOffer>> {
        let row = sqlx::query("SELECT trip_id, kind, destination, trip_date, seats, quota, cost FROM trip_offers WHERE trip_id = $1")
            .bind(id.as_str().to_owned())
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(trip_from_row).transpose()
    }

    pub async fn put_escort(&self, e: &Escort) -> Result<()> {
        for (i, a) in e.available.iter().enumerate() {
            if a.from > a.to {
                return Err(StoreError::invalid_in(
                    format!("available[{i}]"),
                    "gate.store.from_after_to",
                    &[],
                ));
            }
        }
        sqlx::query("INSERT INTO escorts (escort_id, sex, availability) VALUES ($1, $2, $3) ON CONFLICT (escort_id) DO UPDATE SET sex = excluded.sex, availability = excluded.availability")
            .bind(e.id.as_str().to_owned())
            .bind(e.sex.code())
            .bind(codec::json(&e.available)?)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn escorts(&self) -> Result<Vec<Escort>> {
        let rows =
            sqlx::query("SELECT escort_id, sex, availability FROM escorts ORDER BY escort_id")
                .fetch_all(&self.read)
                .await?;
        rows.iter()
            .map(|r| {
                let available: Vec<Availability> =
                    codec::from_json(&get::<String>(r, "availability")?)?;
                Ok(Escort {
                    id: EscortId::parse(get::<String>(r, "escort_id")?)
                        .map_err(StoreError::corrupt)?,
                    sex: codec::from_code(&get::<String>(r, "sex")?)?,
                    available,
                })
            })
            .collect()
    }
}

pub(crate) fn trip_from_row(r: &sqlx::any::AnyRow) -> Result<TripOffer> {
    Ok(TripOffer {
        id: TripId::parse(get::<String>(r, "trip_id")?).map_err(StoreError::corrupt)?,
        kind: codec::from_code(&get::<String>(r, "kind")?)?,
        destination: Country::parse(&get::<String>(r, "destination")?)
            .map_err(StoreError::corrupt)?,
        date: codec::from_date(&get::<String>(r, "trip_date")?)?,
        seats: u32::try_from(get::<i64>(r, "seats")?).map_err(StoreError::corrupt)?,
        quota: get::<Option<i64>>(r, "quota")?.map(|q| u32::try_from(q).unwrap_or(0)),
        cost: codec::u64_of(get::<i64>(r, "cost")?),
    })
}
