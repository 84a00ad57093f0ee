//! Identifiers. Every id is validated on construction, so an invalid id cannot
//! exist past the edge (zero2prod's `SubscriberEmail::parse`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a text is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {value:?}: {reason}")]
pub struct IdError {
    pub what: &'static str,
    pub value: String,
    pub reason: &'static str,
}

/// Longest identifier accepted.
pub const MAX_ID_LEN: usize = 64;

fn check_id(what: &'static str, value: &str) -> Result<(), IdError> {
    let fail = |reason| {
        Err(IdError {
            what,
            value: value.chars().take(80).collect(),
            reason,
        })
    };
    if value.is_empty() {
        return fail("must not be empty");
    }
    if value.len() > MAX_ID_LEN {
        return fail("must be at most 64 characters");
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        return fail("may hold only ASCII letters, digits and - _ . :");
    }
    Ok(())
}

#[cfg(feature = "openapi")]
fn id_schema(what: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .min_length(Some(1))
        .max_length(Some(MAX_ID_LEN))
        .pattern(Some("^[A-Za-z0-9._:-]+$"))
        .description(Some(format!("A {what}: 1–64 of A–Z a–z 0–9 - _ . :")))
        .into()
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps an identifier.
            pub fn parse(value: impl Into<String>) -> Result<Self, IdError> {
                let value = value.into();
                check_id($what, &value)?;
                Ok(Self(value))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, IdError> {
                Self::parse(value)
            }
        }
        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                id_schema($what)
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }
    };
}

id_type!(
    /// A return case (återvändandeärende), e.g. `UT-2026-000123`.
    CaseId,
    "case id"
);
id_type!(
    /// A person, the subject of a case.
    PersonId,
    "person id"
);
id_type!(
    /// A family: its members travel together.
    FamilyId,
    "family id"
);
id_type!(
    /// A detention facility (förvarsenhet) or another place of custody.
    FacilityId,
    "facility id"
);
id_type!(
    /// An enforcement trip: a charter or a scheduled flight.
    TripId,
    "trip id"
);
id_type!(
    /// A handover proposal between agencies.
    HandoverId,
    "handover id"
);
id_type!(
    /// An impediment or a stay lodged on a case.
    ImpedimentId,
    "impediment id"
);
id_type!(
    /// An NTE escort (transportledare).
    EscortId,
    "escort id"
);
id_type!(
    /// A user of opcentrum (a named human; every decision about a person is theirs).
    UserName,
    "user name"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_ids() {
        assert_eq!(
            CaseId::parse("UT-2026-000123").map(|c| c.to_string()),
            Ok("UT-2026-000123".into())
        );
    }

    #[test]
    fn refuses_empty_long_and_odd_ids() {
        assert_eq!(
            CaseId::parse("").map_err(|e| e.reason),
            Err("must not be empty")
        );
        assert!(CaseId::parse("x".repeat(65)).is_err());
        assert!(CaseId::parse("x".repeat(64)).is_ok());
        let err = CaseId::parse("a b").unwrap_err();
        assert_eq!(err.what, "case id");
        assert!(err.to_string().contains("ASCII"));
    }

    #[test]
    fn serde_validates() {
        let ok: Result<CaseId, _> = serde_json::from_str("\"C-1\"");
        assert!(ok.is_ok());
        let bad: Result<CaseId, _> = serde_json::from_str("\"C 1\"");
        assert!(bad.is_err());
    }
}
