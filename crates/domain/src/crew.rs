//! A trip's crew besides the escorts, as NTE records it (issues 14, 15): the
//! forced-return monitor — the monitoring body (kontrollorganet) notified, on
//! which day, and who attends or that the body declined — and the medical
//! staff on board (sjukvårdspersonal), each by role and, where known, name.
//! The count of medical staff is the list's length. Pure data and its
//! validation; the rule that needs it is `decide::monitor`.

use crate::decide::{Arg, MAX_NAME, reasons};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// At most this many medical staff on one trip (a bound on input, not law).
pub const MAX_MEDICAL_STAFF: usize = 20;

/// What was recorded for one trip. `monitor: None`: the body has not been
/// notified (or it is not recorded).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TripCrew {
    #[serde(default)]
    pub monitor: Option<MonitorNotice>,
    #[serde(default)]
    pub medical_staff: Vec<MedicalStaff>,
}

/// The monitoring body was notified of the operation (direktiv 2008/115/EG
/// art. 8.6; in Sweden Migrationsverket since August 2018).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitorNotice {
    /// The monitoring body notified, e.g. "Migrationsverket".
    pub body: String,
    pub notified_on: Date,
    pub attendance: Attendance,
}

/// Who attends for the monitoring body, or that it declined to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Attendance {
    Attending { organisation: String, name: String },
    Declined,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalStaff {
    pub role: MedicalRole,
    #[serde(default)]
    pub name: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MedicalRole {
    /// Sjuksköterska.
    Nurse,
    /// Läkare.
    Doctor,
    /// Ambulanssjukvårdare.
    Paramedic,
}

impl MedicalRole {
    pub const ALL: [MedicalRole; 3] = [
        MedicalRole::Nurse,
        MedicalRole::Doctor,
        MedicalRole::Paramedic,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MedicalRole::Nurse => "nurse",
            MedicalRole::Doctor => "doctor",
            MedicalRole::Paramedic => "paramedic",
        }
    }

    pub fn parse(s: &str) -> Option<MedicalRole> {
        MedicalRole::ALL.into_iter().find(|r| r.code() == s)
    }
}

/// A crew input refused: the field at fault (its JSON path) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct CrewError {
    pub field: String,
    pub reason: String,
    pub reason_sv: String,
}

fn refuse(field: impl Into<String>, key: &str, args: &[(&str, &dyn Arg)]) -> CrewError {
    let (reason, reason_sv) = reasons(key, args);
    CrewError {
        field: field.into(),
        reason,
        reason_sv,
    }
}

fn name(field: &str, value: &str) -> Result<(), CrewError> {
    if value.trim().is_empty() {
        return Err(refuse(field, "refusal.crew.empty", &[]));
    }
    if value.chars().count() > MAX_NAME {
        return Err(refuse(
            field,
            "refusal.crew.name_too_long",
            &[("max", &MAX_NAME)],
        ));
    }
    Ok(())
}

impl TripCrew {
    /// Checks a crew input recorded on `today`: names present and bounded,
    /// the notification not in the future.
    pub fn validate(&self, today: Date) -> Result<(), CrewError> {
        if let Some(m) = &self.monitor {
            name("monitor.body", &m.body)?;
            if m.notified_on > today {
                return Err(refuse(
                    "monitor.notified_on",
                    "refusal.crew.notified_in_future",
                    &[("day", &m.notified_on)],
                ));
            }
            if let Attendance::Attending {
                organisation,
                name: who,
            } = &m.attendance
            {
                name("monitor.attendance.organisation", organisation)?;
                name("monitor.attendance.name", who)?;
            }
        }
        if self.medical_staff.len() > MAX_MEDICAL_STAFF {
            return Err(refuse(
                "medical_staff",
                "refusal.crew.too_many_medical_staff",
                &[("max", &MAX_MEDICAL_STAFF)],
            ));
        }
        for (i, s) in self.medical_staff.iter().enumerate() {
            if let Some(n) = &s.name {
                name(&format!("medical_staff[{i}].name"), n)?;
            }
        }
        Ok(())
    }

    /// Was the monitoring body notified (attending or declined)?
    pub fn monitor_notified(&self) -> bool {
        self.monitor.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn attending() -> TripCrew {
        TripCrew {
            monitor: Some(MonitorNotice {
                body: "Migrationsverket".into(),
                notified_on: date(2026, 12, 1),
                attendance: Attendance::Attending {
                    organisation: "Migrationsverket".into(),
                    name: "Observatör Testsson".into(),
                },
            }),
            medical_staff: vec![
                MedicalStaff {
                    role: MedicalRole::Nurse,
                    name: None,
                },
                MedicalStaff {
                    role: MedicalRole::Doctor,
                    name: Some("Läkare Exempel".into()),
                },
            ],
        }
    }

    #[test]
    fn a_full_crew_is_valid_and_notified() {
        let c = attending();
        assert_eq!(c.validate(date(2026, 12, 1)), Ok(()));
        assert!(c.monitor_notified());
        let none = TripCrew {
            monitor: None,
            medical_staff: vec![],
        };
        assert_eq!(none.validate(date(2026, 12, 1)), Ok(()));
        assert!(!none.monitor_notified());
    }

    #[test]
    fn each_bad_input_names_its_field() {
        let today = date(2026, 12, 1);
        let mut c = attending();
        if let Some(m) = &mut c.monitor {
            m.notified_on = date(2026, 12, 2);
        }
        assert_eq!(c.validate(today).unwrap_err().field, "monitor.notified_on");
        let mut c = attending();
        if let Some(m) = &mut c.monitor {
            m.body = "  ".into();
        }
        assert_eq!(c.validate(today).unwrap_err().field, "monitor.body");
        let mut c = attending();
        if let Some(m) = &mut c.monitor {
            m.attendance = Attendance::Attending {
                organisation: "MV".into(),
                name: String::new(),
            };
        }
        assert_eq!(
            c.validate(today).unwrap_err().field,
            "monitor.attendance.name"
        );
        let mut c = attending();
        c.medical_staff[1].name = Some("x".repeat(MAX_NAME + 1));
        assert_eq!(
            c.validate(today).unwrap_err().field,
            "medical_staff[1].name"
        );
        let mut c = attending();
        c.medical_staff = vec![
            MedicalStaff {
                role: MedicalRole::Nurse,
                name: None
            };
            MAX_MEDICAL_STAFF + 1
        ];
        assert_eq!(c.validate(today).unwrap_err().field, "medical_staff");
    }

    #[test]
    fn the_json_shape_is_pinned() {
        let c: TripCrew = serde_json::from_value(serde_json::json!({
            "monitor": {"body": "Migrationsverket", "notified_on": "2026-12-01",
                        "attendance": {"kind": "declined"}},
            "medical_staff": [{"role": "nurse"}]
        }))
        .unwrap();
        assert_eq!(
            c.monitor.as_ref().map(|m| &m.attendance),
            Some(&Attendance::Declined)
        );
        assert_eq!(c.medical_staff[0].role, MedicalRole::Nurse);
        assert!(
            serde_json::from_value::<TripCrew>(serde_json::json!({"monitor": null, "extra": 1}))
                .is_err()
        );
    }
}
