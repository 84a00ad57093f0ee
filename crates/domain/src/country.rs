//! Countries as ISO 3166-1 alpha-2 codes (a destination, a citizenship).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Every officially assigned ISO 3166-1 alpha-2 code, plus `XK` (Kosovo, the
/// user-assigned code the EU's return statistics use) and `XX` (stateless / unknown
/// citizenship, as in Eurostat's tables).
const CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK XX";

/// Why a text is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid country code {value:?}: {reason}")]
pub struct CountryError {
    pub value: String,
    pub reason: &'static str,
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 2]);

impl Country {
    pub fn parse(value: &str) -> Result<Country, CountryError> {
        let fail = |reason| CountryError {
            value: value.chars().take(16).collect(),
            reason,
        };
        let bytes = value.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(fail(
                "expected two upper-case letters (ISO 3166-1 alpha-2), e.g. IQ",
            ));
        }
        if !CODES.split(' ').any(|c| c == value) {
            return Err(fail("not an ISO 3166-1 alpha-2 code"));
        }
        Ok(Country([bytes[0], bytes[1]]))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XX")
    }

    /// Sweden itself is never a destination of a return.
    pub fn is_sweden(&self) -> bool {
        &self.0 == b"SE"
    }
}

impl TryFrom<String> for Country {
    type Error = CountryError;
    fn try_from(value: String) -> Result<Self, CountryError> {
        Country::parse(&value)
    }
}
impl From<Country> for String {
    fn from(c: Country) -> String {
        c.as_str().to_owned()
    }
}
impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Country {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[A-Z]{2}$"))
            .description(Some(
                "ISO 3166-1 alpha-2 country code (XK: Kosovo, XX: stateless/unknown)",
            ))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Country {}

impl std::str::FromStr for Country {
    type Err = CountryError;
    fn from_str(s: &str) -> Result<Self, CountryError> {
        Country::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!(Country::parse("IQ").map(|c| c.to_string()), Ok("IQ".into()));
        assert!(Country::parse("XK").is_ok());
        assert!(Country::parse("SE").map(|c| c.is_sweden()).unwrap_or(false));
    }

    #[test]
    fn refuses_bad_codes_with_reason() {
        assert_eq!(
            Country::parse("iq").unwrap_err().reason,
            "expected two upper-case letters (ISO 3166-1 alpha-2), e.g. IQ"
        );
        assert_eq!(
            Country::parse("QQ").unwrap_err().reason,
            "not an ISO 3166-1 alpha-2 code"
        );
        assert!(Country::parse("IRQ").is_err());
    }
}
