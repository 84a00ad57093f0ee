//! Median, 90th percentile and mean, defined once.
//!
//! The median of an even number of values is the mean of the two middle ones.
//! The 90th percentile is the nearest-rank percentile: the smallest value with
//! at least 90% of the values at or below it (the ⌈0.9·n⌉-th smallest). Both
//! are `None` for no values.

pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    })
}

/// Nearest-rank percentile, `p` in (0, 100].
pub fn percentile(sorted: &[f64], p: u32) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    // ⌈p·n/100⌉ in integers, at least 1.
    let rank = (p as usize * n).div_ceil(100).max(1);
    Some(sorted[rank.min(n) - 1])
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Sorts in place (total order; NaN never occurs in a report).
pub fn sort(values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[4.0]), Some(4.0));
        assert_eq!(median(&[1.0, 2.0, 10.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 10.0]), Some(3.0));
    }

    #[test]
    fn p90_is_the_nearest_rank() {
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&ten, 90), Some(9.0));
        let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
        // ⌈9.9⌉ = 10th smallest.
        assert_eq!(percentile(&eleven, 90), Some(10.0));
        assert_eq!(percentile(&[7.0], 90), Some(7.0));
        assert_eq!(percentile(&[1.0, 5.0], 90), Some(5.0));
        assert_eq!(percentile(&[], 90), None);
    }

    #[test]
    fn mean_of_values() {
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
        assert_eq!(mean(&[]), None);
    }
}
