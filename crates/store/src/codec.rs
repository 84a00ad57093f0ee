//! Encoding of domain values in portable columns: times as BIGINT nanoseconds,
//! dates as TEXT, enums as their snake_case codes, JSON as TEXT.

use crate::error::{Result, StoreError};
use jiff::{Timestamp, civil::Date};
use serde::{Serialize, de::DeserializeOwned};
use sqlx::{Row, any::AnyRow};

pub fn ts(t: Timestamp) -> i64 {
    // Nanoseconds fit an i64 until the year 2262.
    i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX)
}

pub fn from_ts(n: i64) -> Result<Timestamp> {
    Timestamp::from_nanosecond(i128::from(n)).map_err(StoreError::corrupt)
}

pub fn date(d: Date) -> String {
    d.to_string()
}

pub fn from_date(s: &str) -> Result<Date> {
    s.parse().map_err(StoreError::corrupt)
}

pub fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(StoreError::corrupt)
}

pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(StoreError::corrupt)
}

pub fn from_code<T: DeserializeOwned>(code: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).map_err(StoreError::corrupt)
}

pub fn get<'r, T>(row: &'r AnyRow, col: &str) -> Result<T>
where
    T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(col).map_err(StoreError::from)
}

pub fn u64_of(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub fn i64_of(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
