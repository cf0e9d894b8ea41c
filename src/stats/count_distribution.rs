//! Distribution of small non-negative integer observations (e.g. clients waiting) kept as counts
//! per value: exact mean, variance and type-7 quantiles, mergeable in any order, constant memory.

/// How many observations took each value 0, 1, 2, ...
///
/// Memory grows with the largest value seen, never with the number of observations, so it can
/// summarise any number of replications. Every statistic is exactly what the raw list of values
/// would give (the quantiles are those of [`super::percentile_type7`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountDistribution {
    /// `by_value[v]`: observations equal to `v`.
    by_value: Vec<u64>,
}

impl CountDistribution {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one observation.
    #[inline]
    pub fn push(&mut self, value: u32) {
        let v = value as usize;
        if v >= self.by_value.len() {
            self.by_value.resize(v + 1, 0);
        }
        self.by_value[v] += 1;
    }

    /// Adds every observation of `other` (the result does not depend on the merge order).
    pub fn merge(&mut self, other: &Self) {
        if other.by_value.len() > self.by_value.len() {
            self.by_value.resize(other.by_value.len(), 0);
        }
        for (a, b) in self.by_value.iter_mut().zip(&other.by_value) {
            *a += b;
        }
    }

    /// Number of observations.
    pub fn count(&self) -> u64 {
        self.by_value.iter().sum()
    }

    /// Observations equal to `value`.
    pub fn frequency(&self, value: u32) -> u64 {
        self.by_value.get(value as usize).copied().unwrap_or(0)
    }

    /// Mean of the observations (NaN when there are none).
    pub fn mean(&self) -> f64 {
        let n = self.count();
        if n == 0 {
            return f64::NAN;
        }
        self.weighted_sum(|v| v) / n as f64
    }

    /// Sample variance, n − 1 denominator (NaN with fewer than two observations).
    pub fn variance(&self) -> f64 {
        let n = self.count();
        if n < 2 {
            return f64::NAN;
        }
        let mean = self.mean();
        self.weighted_sum(|v| (v - mean) * (v - mean)) / (n - 1) as f64
    }

    /// The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics ("type 7",
    /// numpy's default), exactly as [`super::percentile_type7`] on the raw values; `None` when empty.
    pub fn quantile_type7(&self, q: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
        let lower_rank = h.floor() as u64;
        let lower = self.order_statistic(lower_rank);
        let upper = self.order_statistic((lower_rank + 1).min(n - 1));
        Some(lower + (h - lower_rank as f64) * (upper - lower))
    }

    /// The value of rank `rank` (from 0) in the sorted observations; `rank` < count.
    fn order_statistic(&self, rank: u64) -> f64 {
        let mut seen = 0u64;
        for (value, &count) in self.by_value.iter().enumerate() {
            seen += count;
            if seen > rank {
                return value as f64;
            }
        }
        (self.by_value.len().saturating_sub(1)) as f64
    }

    /// Σ over observations of `f(value)`.
    fn weighted_sum(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.by_value
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(v, &c)| c as f64 * f(v as f64))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::percentile_type7;

    fn of(values: &[u32]) -> CountDistribution {
        let mut d = CountDistribution::new();
        values.iter().for_each(|&v| d.push(v));
        d
    }

    #[test]
    fn quantiles_equal_the_raw_type7_percentiles() {
        let values = [3, 0, 0, 7, 1, 1, 1, 2, 9, 0, 4, 4, 2];
        let d = of(&values);
        for q in [0.0, 0.1, 0.25, 0.5, 0.61, 0.9, 0.95, 1.0] {
            let mut raw: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let expected = percentile_type7(&mut raw, q).unwrap();
            let got = d.quantile_type7(q).unwrap();
            assert!((got - expected).abs() < 1e-12, "q = {q}: {got} vs {expected}");
        }
    }

    #[test]
    fn hand_worked_quantiles() {
        // numpy.percentile([0, 0, 0, 12], 90) == 8.4; numpy.percentile([0, 1, 2, 3, 4], 10) == 0.4
        assert!((of(&[0, 12, 0, 0]).quantile_type7(0.9).unwrap() - 8.4).abs() < 1e-12);
        assert!((of(&[4, 3, 2, 1, 0]).quantile_type7(0.1).unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(of(&[5]).quantile_type7(0.9), Some(5.0));
        assert_eq!(CountDistribution::new().quantile_type7(0.5), None);
    }

    #[test]
    fn mean_and_variance_match_two_pass() {
        let d = of(&[2, 4, 4, 4, 5, 5, 7, 9]);
        // mean 5, Σ(x − 5)² = 32, sample variance 32/7
        assert!((d.mean() - 5.0).abs() < 1e-12);
        assert!((d.variance() - 32.0 / 7.0).abs() < 1e-12);
        assert_eq!(d.count(), 8);
        assert_eq!(d.frequency(4), 3);
        assert_eq!(d.frequency(100), 0);
        assert!(CountDistribution::new().mean().is_nan());
        assert!(of(&[1]).variance().is_nan());
    }

    #[test]
    fn merge_in_any_order_is_the_same() {
        let (a, b, c) = (of(&[0, 1, 1]), of(&[6]), of(&[2, 0]));
        let mut abc = a.clone();
        abc.merge(&b);
        abc.merge(&c);
        let mut cba = c.clone();
        cba.merge(&b);
        cba.merge(&a);
        assert_eq!(abc, cba);
        assert_eq!(abc, of(&[0, 1, 1, 6, 2, 0]));
    }
}
