//! Fixed-bin histogram with integer counts: mergeable in any order with identical results.

use serde::Serialize;

/// Counts of values in bins `[k·width, (k+1)·width)` for k < bins, plus one overflow bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    /// Width of a bin, in the unit of the values.
    pub bin_width: f64,
    /// Counts per bin; the last entry counts values at or beyond `bins × bin_width`.
    pub counts: Vec<u64>,
}

impl Histogram {
    /// `bins` regular bins of `bin_width`, plus the overflow bin.
    pub fn new(bin_width: f64, bins: usize) -> Self {
        Self {
            bin_width,
            counts: vec![0; bins + 1],
        }
    }

    #[inline]
    pub fn add(&mut self, value: f64) {
        let last = self.counts.len() - 1;
        let bin = ((value / self.bin_width).max(0.0) as usize).min(last);
        self.counts[bin] += 1;
    }

    pub fn merge(&mut self, other: &Self) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Share of values below `limit` (counting whole bins; exact when `limit` is a bin edge).
    pub fn share_below(&self, limit: f64) -> f64 {
        let bins = ((limit / self.bin_width).floor() as usize).min(self.counts.len() - 1);
        let below: u64 = self.counts[..bins].iter().sum();
        below as f64 / self.total().max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_and_overflow() {
        let mut h = Histogram::new(1.0, 3);
        for v in [0.0, 0.5, 1.0, 2.9, 3.0, 100.0] {
            h.add(v);
        }
        assert_eq!(h.counts, vec![2, 1, 1, 2]);
        assert!((h.share_below(2.0) - 0.5).abs() < 1e-12);
    }
}
