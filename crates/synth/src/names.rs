//! Invented names: built from syllables, so no generated name is a real person's.

use rand::Rng;

const FIRST: &[&str] = &[
    "Ka", "Mi", "Lo", "Za", "Ri", "No", "Sa", "Te", "Vu", "Ha", "Do", "Be", "Fi", "Ju", "Ye", "Ro",
];
const MID: &[&str] = &[
    "ra", "li", "mo", "na", "si", "ta", "ve", "lu", "ke", "di", "ro", "za", "ne", "fa", "bo", "mi",
];
const END: &[&str] = &[
    "n", "a", "i", "o", "el", "ar", "im", "et", "us", "an", "ia", "or",
];

fn word<R: Rng>(rng: &mut R, parts: usize) -> String {
    let mut s = FIRST[rng.random_range(0..FIRST.len())].to_owned();
    for _ in 1..parts {
        s.push_str(MID[rng.random_range(0..MID.len())]);
    }
    s.push_str(END[rng.random_range(0..END.len())]);
    s
}

pub fn given<R: Rng>(rng: &mut R) -> String {
    let n = rng.random_range(1..3);
    word(rng, n)
}

pub fn family<R: Rng>(rng: &mut R) -> String {
    let n = rng.random_range(2..4);
    word(rng, n)
}
