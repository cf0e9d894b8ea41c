//! The distribution of a whole-number total over replications (a season's clients, a tour's uses):
//! exact type-7 quantiles from value counts, and the mean with its confidence interval.
//!
//! Memory grows with the number of distinct totals seen (at most the range of the totals), never
//! with the number of replications; merging is exact and order-independent for the counts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Estimate, MeanAccumulator};

/// Counts of each whole-number value, plus a streaming mean.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountDistribution {
    /// How many replications gave each value.
    counts: BTreeMap<u64, u64>,
    mean: MeanAccumulator,
}

/// A predictive interval: the range that holds the central share of the replications' totals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PredictiveInterval {
    /// Central share covered, e.g. 0.95 (the 2.5 % and 97.5 % quantiles).
    pub level: f64,
    /// Lower quantile (type 7).
    pub low: f64,
    /// Upper quantile (type 7).
    pub high: f64,
}

impl CountDistribution {
    #[inline]
    pub fn push(&mut self, value: u64) {
        *self.counts.entry(value).or_insert(0) += 1;
        self.mean.push(value as f64);
    }

    /// Adds `other`'s values (the counts exactly; the mean by Chan et al.'s update).
    pub fn merge(&mut self, other: &Self) {
        for (&value, &count) in &other.counts {
            *self.counts.entry(value).or_insert(0) += count;
        }
        self.mean.merge(&other.mean);
    }

    /// Number of values (replications).
    pub fn count(&self) -> u64 {
        self.mean.count()
    }

    /// Mean over replications with its 95 % Student-t half-width.
    pub fn estimate(&self) -> Estimate {
        self.mean.estimate()
    }

    /// The `k`-th smallest value, from 0.
    fn order_statistic(&self, k: u64) -> Option<u64> {
        let mut seen = 0;
        for (&value, &count) in &self.counts {
            seen += count;
            if k < seen {
                return Some(value);
            }
        }
        None
    }

    /// The `q`-quantile (0 ≤ q ≤ 1) interpolating linearly between order statistics (Hyndman & Fan
    /// type 7, numpy's default), exactly as if every value had been kept; `None` when empty.
    pub fn quantile_type7(&self, q: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
        let lo = h.floor() as u64;
        let lower = self.order_statistic(lo)? as f64;
        let upper = self.order_statistic((lo + 1).min(n - 1))? as f64;
        Some(lower + (h - lo as f64) * (upper - lower))
    }

    /// The central `level` range of the values: quantiles (1 − level)/2 and (1 + level)/2.
    pub fn predictive_interval(&self, level: f64) -> Option<PredictiveInterval> {
        Some(PredictiveInterval {
            level,
            low: self.quantile_type7((1.0 - level) / 2.0)?,
            high: self.quantile_type7((1.0 + level) / 2.0)?,
        })
    }

    /// Number of distinct values held (what the memory grows with).
    pub fn distinct_values(&self) -> usize {
        self.counts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::percentile_type7;

    fn of(values: &[u64]) -> CountDistribution {
        let mut d = CountDistribution::default();
        values.iter().for_each(|&v| d.push(v));
        d
    }

    #[test]
    fn quantiles_match_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], 90) == 7.6; numpy.percentile([0, 0, 0, 12], 90) == 8.4
        assert!((of(&[10, 1, 3, 2, 4]).quantile_type7(0.9).unwrap() - 7.6).abs() < 1e-12);
        assert!((of(&[0, 12, 0, 0]).quantile_type7(0.9).unwrap() - 8.4).abs() < 1e-12);
        // numpy.percentile([5, 5, 7, 9], [2.5, 97.5]) == [5.0, 8.85]
        let p = of(&[9, 5, 7, 5]).predictive_interval(0.95).unwrap();
        assert_eq!(p.low, 5.0);
        assert!((p.high - 8.85).abs() < 1e-12);
        assert_eq!(of(&[4]).quantile_type7(0.3), Some(4.0));
        assert_eq!(CountDistribution::default().quantile_type7(0.5), None);
    }

    #[test]
    fn agrees_with_the_kept_values_and_merges_in_any_order() {
        // A deterministic spread of 1,000 values with many repeats (a linear congruential sequence).
        let values: Vec<u64> = (0..1000u64).map(|i| 3000 + (i * 7919 + 13) % 331).collect();
        let whole = of(&values);
        let mut merged = of(&values[600..]);
        merged.merge(&of(&values[..600]));
        let mut kept: Vec<f64> = values.iter().map(|&v| v as f64).collect();
        for q in [0.0, 0.025, 0.1, 0.5, 0.9, 0.975, 1.0] {
            let exact = percentile_type7(&mut kept, q).unwrap();
            assert_eq!(whole.quantile_type7(q), Some(exact), "q = {q}");
            assert_eq!(merged.quantile_type7(q), Some(exact), "merged, q = {q}");
        }
        let mean = values.iter().sum::<u64>() as f64 / 1000.0;
        assert!((merged.estimate().mean - mean).abs() < 1e-9);
        assert_eq!(merged.count(), 1000);
        assert!(merged.distinct_values() <= 331);
    }
}
