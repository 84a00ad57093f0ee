//! The person a case is about. All persons in this repository are synthetic.

use crate::{country::Country, ids::PersonId, time};
use jiff::{Timestamp, ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

/// Sex as recorded in the travel document; the planner needs it to send at least
/// one escort of the returnee's sex.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    F,
    M,
}

impl Sex {
    pub fn code(self) -> &'static str {
        match self {
            Sex::F => "F",
            Sex::M => "M",
        }
    }
}

/// Age of majority: a person under 18 is a child (UtlL 1 kap. 2 §, barnkonventionen art. 1).
pub const ADULT_AGE: i16 = 18;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Date,
    pub sex: Sex,
    pub citizenship: Country,
    /// Migrationsverket's dossier number (dossiernummer).
    pub dossier_number: String,
}

impl Person {
    /// The day the person turns 18. Someone born on 29 February turns 18 on
    /// 1 March in a common year.
    pub fn adult_from(&self) -> Date {
        let b = self.birth_date;
        let year = b.year() + ADULT_AGE;
        Date::new(year, b.month(), b.day())
            .or_else(|_| Date::new(year, 3, 1))
            .unwrap_or(b.saturating_add(18.years()))
    }

    /// Is the person a child at this instant (Swedish calendar)?
    pub fn is_child_at(&self, at: Timestamp) -> bool {
        time::local_date(at) < self.adult_from()
    }

    /// Is the person a child on this date?
    pub fn is_child_on(&self, on: Date) -> bool {
        on < self.adult_from()
    }

    /// The instant the person turns 18 (Swedish midnight).
    pub fn adult_at(&self) -> Timestamp {
        time::start_of_day(self.adult_from())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jiff::civil::date;

    pub fn person(birth: Date, sex: Sex) -> Person {
        Person {
            id: PersonId::parse("P-1").unwrap(),
            given_name: "Test".into(),
            family_name: "Person".into(),
            birth_date: birth,
            sex,
            citizenship: Country::parse("IQ").unwrap(),
            dossier_number: "1-000001".into(),
        }
    }

    #[test]
    fn child_until_the_eighteenth_birthday() {
        let p = person(date(2008, 12, 10), Sex::F);
        assert!(p.is_child_on(date(2026, 12, 9)));
        assert!(!p.is_child_on(date(2026, 12, 10)));
        assert!(!p.is_child_on(date(2026, 12, 11)));
    }

    #[test]
    fn leap_day_birthday_turns_18_on_first_of_march() {
        let p = person(date(2008, 2, 29), Sex::M);
        assert_eq!(p.adult_from(), date(2026, 3, 1));
    }
}
