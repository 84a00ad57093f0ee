//! Numbers as each language writes them: Swedish `1 234,5` (a no-break space
//! between thousands, a decimal comma), English `1,234.5`.

use crate::Lang;

fn group(int: u64, sep: &str) -> String {
    let digits = int.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

pub fn int(n: u64, lang: Lang) -> String {
    group(
        n,
        match lang {
            Lang::Sv => "\u{a0}",
            Lang::En => ",",
        },
    )
}

/// With `decimals` decimals (trailing zeros kept).
pub fn dec(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let whole: u64 = whole.parse().unwrap_or(0);
    let sign = if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    let mut out = format!("{sign}{}", int(whole, lang));
    if !frac.is_empty() {
        out.push(match lang {
            Lang::Sv => ',',
            Lang::En => '.',
        });
        out.push_str(frac);
    }
    out
}

/// A share as a percentage with one decimal: `42,5 %` / `42.5%`.
pub fn pct(share: f64, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{}\u{a0}%", dec(share * 100.0, 1, lang)),
        Lang::En => format!("{}%", dec(share * 100.0, 1, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_english_numbers() {
        assert_eq!(int(1_234_567, Lang::Sv), "1\u{a0}234\u{a0}567");
        assert_eq!(int(1_234_567, Lang::En), "1,234,567");
        assert_eq!(int(12, Lang::En), "12");
        assert_eq!(dec(1234.56, 1, Lang::Sv), "1\u{a0}234,6");
        assert_eq!(dec(1234.56, 1, Lang::En), "1,234.6");
        assert_eq!(dec(-2.5, 1, Lang::En), "−2.5");
        assert_eq!(pct(0.425, Lang::En), "42.5%");
        assert_eq!(pct(0.425, Lang::Sv), "42,5\u{a0}%");
    }
}
