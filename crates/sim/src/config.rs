//! The scenario file (TOML): every rate, capacity and the policy. Documented
//! field by field in docs/simulation.md. Unknown fields are refused; every error
//! names the field (its dotted path) and the reason.

use jiff::civil::Date;
use opcentrum_domain::country::Country;
use serde::Deserialize;

/// A whole-chain scenario.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimScenario {
    pub name: String,
    /// First simulated day (the warm-up starts here).
    pub start_date: Date,
    /// Days simulated before measuring, so queues and detention fill up.
    pub warmup_days: u32,
    /// Days measured after the warm-up.
    pub days: u32,
    pub arrivals: Arrivals,
    pub mv: Mv,
    pub police: Police,
    pub impediments: Impediments,
    pub detention: Detention,
    pub nte: Nte,
    pub planning: Planning,
    pub policy: Policy,
    pub destinations: Vec<Destination>,
}

/// Final decisions arriving (laga kraft).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrivals {
    /// Mean final decisions per day (Poisson).
    pub per_day: f64,
    /// Share of decisions that concern a family travelling together.
    pub family_share: f64,
    /// Largest family (2 … this many persons, uniform).
    pub family_size_max: u32,
    /// Share of single adults who are women.
    pub female_share: f64,
}

/// Migrationsverket's part: departure period, voluntary return, handover.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mv {
    /// Share of decisions that are refusals of entry (2-week period; others 4 weeks).
    pub refusal_of_entry_share: f64,
    pub departure_period_refusal_days: u32,
    pub departure_period_expulsion_days: u32,
    /// Share with no departure period (risk of absconding).
    pub no_period_share: f64,
    /// Share who leave voluntarily during the departure period.
    pub voluntary_share: f64,
    /// Share who abscond during the departure period.
    pub abscond_share: f64,
    /// Share of the rest whose case ends otherwise at MV (permit on new grounds).
    pub permit_share: f64,
    /// Mean days, after the period ends, until MV has decided a handover is needed.
    pub decision_days_mean: f64,
}

/// The police: locating, travel documents, acceptance, transport requests.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Police {
    /// Days from a handover proposal to its acceptance.
    pub intake_days: u32,
    /// Share of absconded persons ever located (before the decision lapses).
    pub locate_share: f64,
    /// Mean days until an absconded person who will be located is located.
    pub locate_days_mean: f64,
    /// Days after the decision became final when it lapses (preskription).
    pub lapse_days: u32,
    /// Mean days until a person at liberty (not detained) in the police stage absconds.
    pub abscond_days_mean: f64,
    /// Same for a person flagged at risk of absconding who is not detained.
    pub risk_abscond_days_mean: f64,
    /// Share of handed-over persons who need escorts on the trip (coercion).
    pub escorted_share: f64,
}

/// Verkställighetshinder and stays.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impediments {
    /// Share of police cases on which an impediment or stay is lodged.
    pub share: f64,
    /// Mean days an impediment blocks planning.
    pub duration_days_mean: f64,
    /// Share of impediments that end in a residence permit.
    pub permit_share: f64,
}

/// Detention (förvar): places per facility and the legal limits.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detention {
    /// Share of single adults in the police stage at risk of absconding
    /// (detention is asked for; families are never detained here).
    pub risk_share: f64,
    /// The legal limit for enforcement detention (UtlL 10:4: 2 months).
    pub limit_days: u32,
    /// The limit with exceptional reasons (3 months; 12 where documents are delayed).
    pub exceptional_limit_days: u32,
    /// Share of detentions where the exceptional limit applies.
    pub exceptional_share: f64,
    /// Share of persons released at a limit who then abscond.
    pub released_abscond_share: f64,
    /// Detention cost per person-day (SEK).
    pub day_cost: u64,
    pub facilities: Vec<Facility>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    pub name: String,
    pub places: u32,
}

/// Kriminalvården's transport unit: escorts and trips.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nte {
    /// Escorts (transportledare) on the roster.
    pub escorts: u32,
    pub escort_female_share: f64,
    /// Roster: days on duty, then days off, each escort with its own phase.
    pub on_days: u32,
    pub off_days: u32,
    pub escorts_per_escorted: u32,
    pub charter_escort_ratio: f64,
    pub charter_fixed_staff: u32,
    pub charter_trip_days: u32,
    pub scheduled_trip_days: u32,
    /// Share of persons on a trip who are not removed (refused boarding,
    /// resistance, medical, destination refused).
    pub failed_attempt_share: f64,
    /// Days until a failed attempt's case is ready again.
    pub failed_retry_days: u32,
    /// Cost of an escort day (SEK), counted in the cost per person moved.
    pub escort_day_cost: u64,
}

/// The planning rounds that call opcentrum-planner.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Planning {
    /// Days between planning rounds; a round commits the trips before the next.
    pub interval_days: u32,
    /// Days each round looks ahead.
    pub horizon_days: u32,
}

/// How the three agencies work together: each a code path in the simulation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Policy {
    Siloed(Siloed),
    Integrated(Integrated),
}

impl Policy {
    pub fn name(&self) -> &'static str {
        match self {
            Policy::Siloed(_) => "siloed",
            Policy::Integrated(_) => "integrated",
        }
    }
}

/// Each agency works its own queue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Siloed {
    /// MV hands over in batches: it reviews its queue every this many days.
    pub mv_review_days: u32,
    /// Days the police take to send NTE a transport request for a ready case.
    pub request_days: u32,
    /// NTE's charter calendar: one charter per charter destination every this many days.
    pub charter_interval_days: u32,
    /// The manifest closes this many days before the flight.
    pub booking_deadline_days: u32,
    /// A charter with fewer requested persons at the deadline is cancelled.
    pub charter_min_persons: u32,
}

/// One shared operational picture.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Integrated {
    /// Days between charter reviews of the shared picture.
    pub review_days: u32,
    /// A charter is booked at least this many days ahead.
    pub min_lead_days: u32,
    /// … and at most this many.
    pub max_lead_days: u32,
    /// Persons forecast ready by the date that make a charter worth booking.
    pub charter_target_persons: u32,
    /// Book anyway, with at least `charter_min_persons`, once the longest-waiting
    /// ready person has waited this long.
    pub max_wait_days: u32,
    pub charter_min_persons: u32,
    /// Detain a person at risk only when their trip lies this many days inside the limit.
    pub detention_margin_days: u32,
    /// Places kept free for persons a trip can take before their limit; the
    /// rest may go to others at risk, soonest ready first.
    pub detention_reserve_places: u32,
}

/// A destination country and the trips to it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    pub code: Country,
    /// Share of decisions with this destination (shares sum to 1).
    pub share: f64,
    /// Mean days to obtain a travel document.
    pub document_days_mean: f64,
    /// Mean days, after the document, for the destination's acceptance.
    pub acceptance_days_mean: f64,
    /// Scheduled flights per week with seats for returnees (0: none).
    pub flights_per_week: u32,
    pub returnee_seats: u32,
    pub ticket_cost: u64,
    /// Whether NTE charters to this destination.
    pub charter: bool,
    /// The destination's quota per charter operation.
    pub charter_quota: u32,
    pub charter_seats: u32,
    pub charter_cost: u64,
}

/// A scenario that cannot be used, naming the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("scenario: {field}: {reason}")]
    Parse { field: String, reason: String },
    #[error("scenario: {field}: {reason}")]
    Invalid { field: String, reason: String },
}

impl ConfigError {
    pub fn field(&self) -> &str {
        match self {
            ConfigError::Parse { field, .. } | ConfigError::Invalid { field, .. } => field,
        }
    }
}

/// Reads and validates a scenario.
pub fn parse_scenario(text: &str) -> Result<SimScenario, ConfigError> {
    let de = toml::Deserializer::parse(text).map_err(|e| ConfigError::Parse {
        field: "(file)".into(),
        reason: e.message().to_string(),
    })?;
    let s: SimScenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let reason = e.inner().message().to_string();
        ConfigError::Parse {
            field: field_of(&path, &reason),
            reason,
        }
    })?;
    validate(&s)?;
    Ok(s)
}

/// The path of a parse error; for an unknown or missing field, the field itself.
fn field_of(path: &str, reason: &str) -> String {
    let named = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|p| reason.strip_prefix(p))
        .and_then(|rest| rest.split('`').next());
    match (named, path) {
        (Some(n), "." | "") => n.to_string(),
        (Some(n), p) if !p.ends_with(n) => format!("{p}.{n}"),
        _ if path.is_empty() || path == "." => "(file)".into(),
        _ => path.to_string(),
    }
}

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        field: field.into(),
        reason: reason.into(),
    }
}

fn share(field: &str, v: f64) -> Result<(), ConfigError> {
    if (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(invalid(
            field,
            format!("{v} is not a share between 0 and 1"),
        ))
    }
}

fn positive(field: &str, v: f64) -> Result<(), ConfigError> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(invalid(field, format!("{v} must be a positive number")))
    }
}

fn at_least(field: &str, v: u32, min: u32) -> Result<(), ConfigError> {
    if v >= min {
        Ok(())
    } else {
        Err(invalid(field, format!("{v} must be at least {min}")))
    }
}

/// The rules the file format cannot say.
pub fn validate(s: &SimScenario) -> Result<(), ConfigError> {
    at_least("days", s.days, 1)?;
    if s.warmup_days + s.days > 3660 {
        return Err(invalid(
            "days",
            "warmup_days + days must stay within 10 years",
        ));
    }
    let a = &s.arrivals;
    if !(a.per_day.is_finite() && a.per_day >= 0.0 && a.per_day <= 1000.0) {
        return Err(invalid("arrivals.per_day", "must be between 0 and 1000"));
    }
    share("arrivals.family_share", a.family_share)?;
    at_least("arrivals.family_size_max", a.family_size_max, 2)?;
    share("arrivals.female_share", a.female_share)?;
    let m = &s.mv;
    share("mv.refusal_of_entry_share", m.refusal_of_entry_share)?;
    share("mv.no_period_share", m.no_period_share)?;
    share("mv.voluntary_share", m.voluntary_share)?;
    share("mv.abscond_share", m.abscond_share)?;
    share("mv.permit_share", m.permit_share)?;
    if m.voluntary_share + m.abscond_share > 1.0 {
        return Err(invalid(
            "mv.abscond_share",
            "voluntary_share + abscond_share exceeds 1",
        ));
    }
    positive("mv.decision_days_mean", m.decision_days_mean)?;
    let p = &s.police;
    share("police.locate_share", p.locate_share)?;
    positive("police.locate_days_mean", p.locate_days_mean)?;
    at_least("police.lapse_days", p.lapse_days, 1)?;
    positive("police.abscond_days_mean", p.abscond_days_mean)?;
    positive("police.risk_abscond_days_mean", p.risk_abscond_days_mean)?;
    share("police.escorted_share", p.escorted_share)?;
    share("impediments.share", s.impediments.share)?;
    positive(
        "impediments.duration_days_mean",
        s.impediments.duration_days_mean,
    )?;
    share("impediments.permit_share", s.impediments.permit_share)?;
    let d = &s.detention;
    share("detention.risk_share", d.risk_share)?;
    at_least("detention.limit_days", d.limit_days, 1)?;
    if d.exceptional_limit_days < d.limit_days {
        return Err(invalid(
            "detention.exceptional_limit_days",
            "must be at least detention.limit_days",
        ));
    }
    share("detention.exceptional_share", d.exceptional_share)?;
    share("detention.released_abscond_share", d.released_abscond_share)?;
    for (i, f) in d.facilities.iter().enumerate() {
        if f.name.trim().is_empty() {
            return Err(invalid(
                format!("detention.facilities[{i}].name"),
                "must not be empty",
            ));
        }
    }
    let n = &s.nte;
    share("nte.escort_female_share", n.escort_female_share)?;
    at_least("nte.on_days", n.on_days, 1)?;
    at_least("nte.escorts_per_escorted", n.escorts_per_escorted, 1)?;
    positive("nte.charter_escort_ratio", n.charter_escort_ratio)?;
    at_least("nte.charter_trip_days", n.charter_trip_days, 1)?;
    at_least("nte.scheduled_trip_days", n.scheduled_trip_days, 1)?;
    share("nte.failed_attempt_share", n.failed_attempt_share)?;
    at_least("nte.failed_retry_days", n.failed_retry_days, 1)?;
    at_least("planning.interval_days", s.planning.interval_days, 1)?;
    if s.planning.horizon_days < s.planning.interval_days {
        return Err(invalid(
            "planning.horizon_days",
            "must be at least planning.interval_days",
        ));
    }
    match &s.policy {
        Policy::Siloed(p) => {
            at_least("policy.mv_review_days", p.mv_review_days, 1)?;
            at_least("policy.charter_interval_days", p.charter_interval_days, 1)?;
            at_least("policy.charter_min_persons", p.charter_min_persons, 1)?;
        }
        Policy::Integrated(p) => {
            at_least("policy.review_days", p.review_days, 1)?;
            if p.max_lead_days < p.min_lead_days {
                return Err(invalid(
                    "policy.max_lead_days",
                    "must be at least policy.min_lead_days",
                ));
            }
            at_least("policy.charter_min_persons", p.charter_min_persons, 1)?;
            if p.charter_target_persons < p.charter_min_persons {
                return Err(invalid(
                    "policy.charter_target_persons",
                    "must be at least policy.charter_min_persons",
                ));
            }
        }
    }
    if s.destinations.is_empty() {
        return Err(invalid(
            "destinations",
            "at least one destination is needed",
        ));
    }
    let mut total = 0.0;
    for (i, dest) in s.destinations.iter().enumerate() {
        let f = |name: &str| format!("destinations[{i}].{name}");
        if dest.code.is_sweden() {
            return Err(invalid(f("code"), "Sweden is not a destination"));
        }
        if s.destinations[..i].iter().any(|o| o.code == dest.code) {
            return Err(invalid(f("code"), format!("{} appears twice", dest.code)));
        }
        share(&f("share"), dest.share)?;
        total += dest.share;
        positive(&f("document_days_mean"), dest.document_days_mean)?;
        positive(&f("acceptance_days_mean"), dest.acceptance_days_mean)?;
        if dest.flights_per_week > 7 {
            return Err(invalid(f("flights_per_week"), "at most 7 (one a day)"));
        }
        if dest.charter {
            at_least(&f("charter_quota"), dest.charter_quota, 1)?;
            if dest.charter_seats < dest.charter_quota + n.charter_fixed_staff {
                return Err(invalid(
                    f("charter_seats"),
                    "must hold the quota and nte.charter_fixed_staff",
                ));
            }
        }
    }
    if (total - 1.0).abs() > 1e-6 {
        return Err(invalid(
            "destinations",
            format!("shares sum to {total:.4}, not 1"),
        ));
    }
    Ok(())
}
