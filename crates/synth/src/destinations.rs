//! Where returns go. The shares follow the shape of Swedish and EU return
//! statistics (Migrationsverket's and Eurostat's tables of returns by
//! citizenship): a few large destinations and a long tail. Orders of magnitude
//! only; see docs/synthetic-data.md.

/// ISO code and relative weight.
pub const DESTINATIONS: &[(&str, f64)] = &[
    ("IQ", 12.0),
    ("AF", 9.0),
    ("SO", 6.5),
    ("UZ", 5.5),
    ("GE", 5.0),
    ("AL", 4.5),
    ("XK", 4.0),
    ("RS", 3.8),
    ("MA", 3.5),
    ("DZ", 3.2),
    ("UA", 3.0),
    ("RU", 3.0),
    ("NG", 2.8),
    ("TR", 2.7),
    ("IR", 2.6),
    ("ER", 2.4),
    ("SY", 2.2),
    ("MN", 2.0),
    ("TJ", 1.9),
    ("BD", 1.8),
    ("PK", 1.8),
    ("LB", 1.6),
    ("GM", 1.5),
    ("CL", 1.4),
    ("PE", 1.3),
    ("TN", 1.3),
    ("EG", 1.2),
    ("ET", 1.2),
    ("KG", 1.1),
    ("AZ", 1.1),
    ("AM", 1.0),
    ("BA", 1.0),
    ("MK", 0.9),
    ("LY", 0.9),
    ("SD", 0.9),
    ("CN", 0.8),
    ("VN", 0.8),
    ("IN", 0.8),
    ("LK", 0.7),
    ("CO", 0.7),
    ("GH", 0.6),
    ("CM", 0.6),
    ("CD", 0.5),
    ("KE", 0.5),
    ("UG", 0.5),
    ("BY", 0.5),
    ("MD", 0.5),
    ("JO", 0.4),
    ("PS", 0.4),
    ("YE", 0.4),
    ("TH", 0.4),
    ("PH", 0.4),
    ("BR", 0.3),
    ("VE", 0.3),
    ("ZW", 0.3),
    ("KZ", 0.3),
];

/// Destinations large enough for charters in the demo (by weight rank).
pub const CHARTER_DESTINATIONS: usize = 6;

/// Cumulative weights for sampling.
pub fn cumulative() -> Vec<f64> {
    let mut acc = 0.0;
    DESTINATIONS
        .iter()
        .map(|(_, w)| {
            acc += w;
            acc
        })
        .collect()
}

/// The destination at `u` ∈ [0, 1).
pub fn pick(cum: &[f64], u: f64) -> &'static str {
    let total = cum.last().copied().unwrap_or(1.0);
    let x = u * total;
    let i = cum.partition_point(|c| *c <= x).min(DESTINATIONS.len() - 1);
    DESTINATIONS[i].0
}
