//! A trip's manifest (passagerarförteckning): who travels on one trip of the
//! plan in force, their escorts, the recorded crew (the monitor notified,
//! the medical staff; `crew`), the documents held — for those who run the trip.
//!
//! Who may read it is the catalogue row `trips.manifest`: NTE's trip planners
//! and operations lead (they plan the trip and lead its escort; NTE has no
//! separate escort-leader role in the roles of this system) and the police's
//! trip planners (they hand the person over and hold the travel documents).
//! Each category of each person is still shown per the sharing matrix: a
//! reader without health (the police's trip planner) sees no fitness to
//! fly, one without identity sees case numbers only. Every person on the
//! manifest gets one audit record with the categories disclosed.

use crate::{App, AppError, AppResult, Caller, audit::entry};
use jiff::civil::Date;
use opcentrum_access::{
    FieldCategory,
    audit::AuditAction,
    filter::{SectionValue, filter_case},
};
use opcentrum_domain::{
    Stage,
    crew::{MedicalStaff, MonitorNotice},
    ids::CaseId,
};
use serde::Serialize;

const PURPOSE_MANIFEST: &str = "trip manifest";

/// A trip's manifest as one reader may see it.
#[derive(Debug, Clone, Serialize)]
pub struct TripManifest {
    pub trip: String,
    /// `charter` or `scheduled`.
    pub kind: &'static str,
    /// ISO 3166-1 alpha-2.
    pub destination: String,
    pub departure: Date,
    /// Seats the trip can take returnees on (a charter's quota, a flight's
    /// returnee seats).
    pub capacity: u32,
    /// The approved proposal the trip is in.
    pub proposal: String,
    pub approved_by: Option<String>,
    pub escorts: Vec<ManifestEscort>,
    /// A charter keeps a seat for the forced-return monitor
    /// (direktiv 2008/115/EG art. 8.6).
    pub monitor_seat: bool,
    /// The crew NTE recorded (row `trips.crew`): the monitor notified and
    /// the medical staff; `null` when nothing was recorded.
    pub crew: Option<ManifestCrew>,
    pub persons: Vec<ManifestPerson>,
}

/// The recorded crew: who recorded it and when, the monitor (`null`: the
/// monitoring body has not been notified) and the medical staff (an empty
/// list: none on board).
#[derive(Debug, Clone, Serialize)]
pub struct ManifestCrew {
    pub monitor: Option<MonitorNotice>,
    pub medical_staff: Vec<MedicalStaff>,
    pub recorded_by: String,
    pub recorded_at: jiff::Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct ManifestEscort {
    pub id: String,
    /// `F` or `M`.
    pub sex: String,
}

/// One person on the manifest; a field the reader may not read is `None`
/// and its category is named in `withheld`.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestPerson {
    pub case: String,
    pub name: Option<String>,
    pub birth_date: Option<Date>,
    pub sex: Option<String>,
    pub citizenship: Option<String>,
    /// Escort needed (security risk).
    pub escorted: Option<bool>,
    /// Fit to fly, and when assessed (health).
    pub fit_to_fly: Option<bool>,
    pub fitness_assessed_on: Option<Date>,
    /// The travel document held: kind code and last valid day.
    pub document: Option<String>,
    pub document_valid_until: Option<Date>,
    pub withheld: Vec<FieldCategory>,
}

const SHOWN: [FieldCategory; 4] = [
    FieldCategory::Identity,
    FieldCategory::SecurityRisk,
    FieldCategory::Health,
    FieldCategory::TravelDocuments,
];

impl App {
    /// The manifest of `trip` in the plan in force.
    pub async fn trip_manifest(&self, caller: &Caller, trip: &str) -> AppResult<TripManifest> {
        self.allow(caller, "trips.manifest", None).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a manifest for a non-user"))?;
        let not_planned = || AppError::not_found("gate.error.trip_not_planned", &[("trip", &trip)]);
        let record = self
            .store
            .approved_proposal()
            .await?
            .ok_or_else(not_planned)?;
        let body = crate::planning::body_for(&record)?;
        let planned = body
            .plan
            .trips
            .iter()
            .find(|t| t.trip == trip)
            .ok_or_else(not_planned)?;
        let (kind, destination, departure, capacity) =
            if let Some(c) = body.scenario.charters.iter().find(|c| c.id == trip) {
                ("charter", c.destination, c.date, c.quota.min(c.seats))
            } else if let Some(f) = body.scenario.flights.iter().find(|f| f.id == trip) {
                ("scheduled", f.destination, f.date, f.returnee_seats)
            } else {
                return Err(not_planned());
            };
        let escorts = planned
            .escorts
            .iter()
            .map(|e| ManifestEscort {
                id: e.clone(),
                sex: body
                    .scenario
                    .escorts
                    .iter()
                    .find(|x| &x.id == e)
                    .map(|x| x.sex.as_str().to_owned())
                    .unwrap_or_default(),
            })
            .collect();
        let policy = self.policy.get();
        let now = self.clock.now();
        let mut persons = Vec::new();
        let mut records = Vec::new();
        for id in &planned.persons {
            let case_id = CaseId::parse(id.clone()).map_err(AppError::internal)?;
            let Some(case) = self.store.case(&case_id).await? else {
                continue;
            };
            // Only who is on the trip now (taken off since: not on the manifest).
            let on_trip = case.stage == Stage::Planned
                && case.trip.as_ref().is_some_and(|t| t.trip.as_str() == trip);
            if !on_trip {
                continue;
            }
            let f = filter_case(&policy, principal, &case, now, self.store.rules());
            let mut p = ManifestPerson {
                case: id.clone(),
                name: None,
                birth_date: None,
                sex: None,
                citizenship: None,
                escorted: None,
                fit_to_fly: None,
                fitness_assessed_on: None,
                document: None,
                document_valid_until: None,
                withheld: Vec::new(),
            };
            for c in SHOWN {
                match f.visible(c) {
                    Some(SectionValue::Identity { person }) => {
                        p.name = Some(format!("{} {}", person.given_name, person.family_name));
                        p.birth_date = Some(person.birth_date);
                        p.sex = Some(person.sex.code().to_owned());
                        p.citizenship = Some(person.citizenship.to_string());
                    }
                    Some(SectionValue::SecurityRisk { escorted, .. }) => p.escorted = *escorted,
                    Some(SectionValue::Health { fitness }) => {
                        p.fit_to_fly = fitness.as_ref().map(|x| x.fit);
                        p.fitness_assessed_on = fitness.as_ref().map(|x| x.assessed_on);
                    }
                    Some(SectionValue::TravelDocuments {
                        travel_document, ..
                    }) => {
                        p.document = travel_document.as_ref().map(|d| {
                            serde_json::to_value(d.kind)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        });
                        p.document_valid_until = travel_document.as_ref().map(|d| d.valid_until);
                    }
                    _ => p.withheld.push(c),
                }
            }
            // The record names the categories the manifest shows (not all
            // the filter would have disclosed), with their legal bases.
            let mut cats = vec![FieldCategory::Trip];
            cats.extend(SHOWN.into_iter().filter(|c| !p.withheld.contains(c)));
            cats.sort();
            let mut bases: Vec<String> = Vec::new();
            for (c, b) in &f.disclosed {
                if cats.contains(c) && !bases.contains(b) {
                    bases.push(b.clone());
                }
            }
            records.push(entry(
                caller,
                AuditAction::Read,
                Some(id.clone()),
                cats,
                bases,
                PURPOSE_MANIFEST,
                now,
            ));
            persons.push(p);
        }
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(TripManifest {
            trip: trip.to_owned(),
            kind,
            destination: destination.to_string(),
            departure,
            capacity,
            proposal: record.id.clone(),
            approved_by: record.decided_by.clone(),
            escorts,
            monitor_seat: kind == "charter",
            crew: self.crew_of(trip).await?.map(|c| ManifestCrew {
                monitor: c.crew.monitor,
                medical_staff: c.crew.medical_staff,
                recorded_by: c.recorded_by,
                recorded_at: c.recorded_at,
            }),
            persons,
        })
    }
}
