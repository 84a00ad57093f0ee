//! The few distributions the simulation draws from, on any `rand` generator.

use rand::Rng;

pub trait Draw {
    /// Poisson-distributed count with the given mean (Knuth; means up to ~700).
    fn poisson(&mut self, mean: f64) -> u32;
    /// Exponentially distributed whole days with the given mean.
    fn exp_days(&mut self, mean: f64) -> u32;
    /// An index drawn with probability proportional to its share.
    fn pick_share(&mut self, shares: impl Iterator<Item = f64> + Clone) -> usize;
}

impl<R: Rng> Draw for R {
    fn poisson(&mut self, mean: f64) -> u32 {
        if mean <= 0.0 {
            return 0;
        }
        let limit = (-mean).exp();
        let mut k = 0u32;
        let mut p = 1.0;
        loop {
            p *= self.random::<f64>();
            if p <= limit {
                return k;
            }
            k += 1;
        }
    }

    fn exp_days(&mut self, mean: f64) -> u32 {
        let u: f64 = self.random();
        let x = -mean * (1.0 - u).ln();
        x.round().clamp(0.0, 100_000.0) as u32
    }

    fn pick_share(&mut self, shares: impl Iterator<Item = f64> + Clone) -> usize {
        let total: f64 = shares.clone().sum();
        let mut u = self.random::<f64>() * total;
        let mut last = 0;
        for (i, s) in shares.enumerate() {
            if u < s {
                return i;
            }
            u -= s;
            last = i;
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::Draw;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn means_come_out_right() {
        let mut r = ChaCha8Rng::seed_from_u64(1);
        let n = 20_000;
        let p: f64 = (0..n).map(|_| f64::from(r.poisson(55.0))).sum::<f64>() / n as f64;
        assert!((p - 55.0).abs() < 0.5, "{p}");
        let e: f64 = (0..n).map(|_| f64::from(r.exp_days(30.0))).sum::<f64>() / n as f64;
        assert!((e - 30.0).abs() < 1.0, "{e}");
        let picks = (0..n)
            .filter(|_| r.pick_share([0.25, 0.75].into_iter()) == 1)
            .count();
        assert!((picks as f64 / n as f64 - 0.75).abs() < 0.02);
    }
}
