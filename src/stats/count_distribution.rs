//! Distribution of small non-negative integer observations (e.g. clients waiting) kept as counts
//! per value: exact mean, variance and type-7 quantiles, mergeable in any order, constant memory.

use serde::Serialize;

use super::{Estimate, t_quantile};

/// The range that holds the central share of the observations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PredictiveInterval {
    /// Central share covered, e.g. 0.95 (the 2.5 % and 97.5 % quantiles).
    pub level: f64,
    /// Lower quantile (type 7).
    pub low: f64,
    /// Upper quantile (type 7).
    pub high: f64,
}

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

    /// Mean with its 95 % Student-t half-width (NaN half-width with fewer than two observations).
    pub fn estimate(&self) -> Estimate {
        let n = self.count();
        Estimate {
            mean: self.mean(),
            ci95: t_quantile(n) * (self.variance() / n as f64).sqrt(),
            n,
        }
    }

    /// The central `level` range of the observations: the type-7 quantiles (1 − level)/2 and
    /// (1 + level)/2 (for one season's total, a predictive interval); `None` when empty.
    pub fn predictive_interval(&self, level: f64) -> Option<PredictiveInterval> {
        Some(PredictiveInterval {
            level,
            low: self.quantile_type7((1.0 - level) / 2.0)?,
            high: self.quantile_type7((1.0 + level) / 2.0)?,
        })
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
        for &v in values {
            d.push(v);
        }
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
    fn predictive_intervals_and_estimates_are_those_of_the_raw_values() {
        // numpy.percentile([5, 5, 7, 9], [2.5, 97.5]) == [5.0, 8.85]: h = 3 × 0.975 = 2.925, 7 + 0.925 × 2.
        let p = of(&[9, 5, 7, 5]).predictive_interval(0.95).unwrap();
        assert_eq!((p.level, p.low), (0.95, 5.0));
        assert!((p.high - 8.85).abs() < 1e-12);
        assert_eq!(CountDistribution::new().predictive_interval(0.95), None);
        // Mean 6.5, sample variance 11/3; t(3) 0.975 quantile 3.182446.
        let e = of(&[9, 5, 7, 5]).estimate();
        assert_eq!((e.mean, e.n), (6.5, 4));
        assert!((e.ci95 - 3.182_446 * (11.0f64 / 3.0 / 4.0).sqrt()).abs() < 1e-5);
        // Season-sized totals: the same as keeping every value.
        let values: Vec<u32> = (0..1000u32).map(|i| 3000 + (i * 7919 + 13) % 331).collect();
        let d = of(&values);
        let mut raw: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
        for q in [0.025, 0.975] {
            assert_eq!(d.quantile_type7(q), percentile_type7(&mut raw, q));
        }
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
