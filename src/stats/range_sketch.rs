//! Season ranges: the 5th–95th percentiles of per-replication values in bounded memory, by a mergeable quantised histogram.
//!
//! A value is stored as its *key*: the value with the low bits of its binary mantissa cleared, so
//! that `mantissa_bits` significant bits are kept (a relative resolution of 2^−bits, 0.1 % at the
//! start). Whole numbers below 2^(bits+1) keep every bit, so counts of clients are exact. When a
//! sketch holds more than [`RANGE_CELLS_MAX`] distinct keys it drops one bit of every key (the
//! resolution halves and neighbouring cells merge), which bounds its memory whatever the number of
//! replications. The final resolution is the finest one at which all values fit into the cells, so the
//! result depends only on the values, not on the order they were added or merged in: results stay
//! byte-identical across thread counts. Quantiles interpolate linearly between order statistics of
//! the keys (type 7), so they equal [`super::percentile_type7`] of the keys; each is within
//! [`RangeSketch::relative_error`] of the exact sample quantile, always on the side of zero.

use serde::Serialize;

/// Lower end of a season range: the 5th percentile of the per-replication values.
pub const RANGE_LOW_QUANTILE: f64 = 0.05;
/// Upper end of a season range: the 95th percentile of the per-replication values.
pub const RANGE_HIGH_QUANTILE: f64 = 0.95;
/// Significant mantissa bits a new sketch keeps: a relative resolution of 2^−10 ≈ 0.1 %, well
/// inside the sampling error of a 5th or 95th percentile from a few hundred replications.
pub(super) const RANGE_MANTISSA_BITS: u8 = 10;
/// Distinct keys a stop's sketch holds before it coarsens (64 cells of 8 bytes: about half a
/// kilobyte per metric, so that the ranges of a national season of 5,000 stops stay within tens of
/// megabytes).
pub(super) const STOP_RANGE_CELLS_MAX: u16 = 64;
/// Distinct keys a group's sketch holds (the season, a district, a week: a few dozen groups, so they
/// can afford a finer resolution: about a 1/200 of the range of a season's totals).
pub(super) const GROUP_RANGE_CELLS_MAX: u16 = 256;
/// Bits of an `f64` mantissa (IEEE 754 binary64).
const F64_MANTISSA_BITS: u8 = 52;

/// One season's (or one stop's) plausible outcomes: the 5th and 95th percentiles over replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeasonRange {
    /// 5th percentile of the per-replication values, in the metric's unit.
    pub p05: f64,
    /// 95th percentile of the per-replication values, in the metric's unit.
    pub p95: f64,
    /// Bound on the relative error of each end from the quantisation (0 when every value was kept exactly).
    pub relative_error: f64,
}

/// A bounded-memory, order-independent summary of per-replication values for their percentiles.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeSketch {
    /// Distinct keys with their counts, sorted by key.
    cells: Vec<(f32, u32)>,
    /// Significant mantissa bits every key keeps.
    mantissa_bits: u8,
    /// Whether a key ever lost a bit of its value (the quantiles are then approximate).
    rounded: bool,
    /// Distinct keys held before the sketch coarsens.
    cells_max: u16,
}

impl Default for RangeSketch {
    /// A stop's sketch.
    fn default() -> Self {
        Self::with_cells(STOP_RANGE_CELLS_MAX)
    }
}

/// `value` with all but `bits` significant mantissa bits cleared (towards zero), as an `f32`.
fn key_of(value: f64, bits: u8) -> f32 {
    let drop = u32::from(F64_MANTISSA_BITS - bits);
    let mask = !((1u64 << drop) - 1);
    // At most 10 significant bits survive, so the conversion is exact inside f32's range; values
    // beyond it (no metric comes near) saturate.
    (f64::from_bits(value.to_bits() & mask) as f32).clamp(f32::MIN, f32::MAX)
}

impl RangeSketch {
    /// An empty sketch that holds up to `cells_max` distinct keys before it coarsens.
    pub fn with_cells(cells_max: u16) -> Self {
        Self {
            cells: Vec::new(),
            mantissa_bits: RANGE_MANTISSA_BITS,
            rounded: false,
            cells_max,
        }
    }

    /// A group's sketch (finer than a stop's).
    pub fn for_group() -> Self {
        Self::with_cells(GROUP_RANGE_CELLS_MAX)
    }

    /// Adds one replication's value; non-finite values are ignored.
    pub fn push(&mut self, value: f64) {
        if value.is_finite() {
            self.insert(value, 1);
            self.coarsen_to_fit();
        }
    }

    /// Adds a value when present.
    pub fn push_opt(&mut self, value: Option<f64>) {
        if let Some(v) = value {
            self.push(v);
        }
    }

    /// Combines with another sketch (the result is the same in whatever order sketches are merged).
    pub fn merge(&mut self, other: &Self) {
        if other.mantissa_bits < self.mantissa_bits {
            self.coarsen_to(other.mantissa_bits);
        }
        self.rounded |= other.rounded;
        for &(key, count) in &other.cells {
            self.insert(f64::from(key), count);
        }
        self.coarsen_to_fit();
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.cells.iter().map(|&(_, c)| u64::from(c)).sum()
    }

    /// Bound on the relative error of a quantile from the quantisation (0 when exact).
    pub fn relative_error(&self) -> f64 {
        if self.rounded {
            (-f64::from(self.mantissa_bits)).exp2()
        } else {
            0.0
        }
    }

    /// The type-7 `q`-quantile (0 ≤ q ≤ 1) of the stored keys; `None` when empty.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
        let lo = h.floor() as u64;
        let lower = self.order_statistic(lo);
        let upper = self.order_statistic((lo + 1).min(n - 1));
        Some(lower + (h - lo as f64) * (upper - lower))
    }

    /// The 5th–95th percentile range; `None` when empty.
    pub fn range(&self) -> Option<SeasonRange> {
        Some(SeasonRange {
            p05: self.quantile(RANGE_LOW_QUANTILE)?,
            p95: self.quantile(RANGE_HIGH_QUANTILE)?,
            relative_error: self.relative_error(),
        })
    }

    /// The `rank`-th smallest stored key (0-based); `rank` < count.
    fn order_statistic(&self, rank: u64) -> f64 {
        let mut seen = 0;
        for &(key, count) in &self.cells {
            seen += u64::from(count);
            if rank < seen {
                return f64::from(key);
            }
        }
        self.cells.last().map_or(f64::NAN, |&(k, _)| f64::from(k))
    }

    fn insert(&mut self, value: f64, count: u32) {
        let key = key_of(value, self.mantissa_bits);
        self.rounded |= f64::from(key) != value;
        match self.cells.binary_search_by(|&(k, _)| k.total_cmp(&key)) {
            Ok(i) => self.cells[i].1 += count,
            Err(i) => self.cells.insert(i, (key, count)),
        }
    }

    /// Drops key bits until the cells fit (or no bit is left to drop).
    fn coarsen_to_fit(&mut self) {
        while self.cells.len() > usize::from(self.cells_max) && self.mantissa_bits > 0 {
            self.coarsen_to(self.mantissa_bits - 1);
        }
    }

    /// Re-keys every cell with `bits` significant bits, merging cells that now share a key.
    fn coarsen_to(&mut self, bits: u8) {
        self.mantissa_bits = bits;
        let mut merged: Vec<(f32, u32)> = Vec::with_capacity(self.cells.len());
        for &(key, count) in &self.cells {
            let coarse = key_of(f64::from(key), bits);
            self.rounded |= coarse != key;
            match merged.last_mut() {
                Some((k, c)) if *k == coarse => *c += count,
                _ => merged.push((coarse, count)),
            }
        }
        self.cells = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::percentile_type7;

    /// A deterministic spread of values (a Weyl sequence mapped through `f`).
    fn values(n: usize, f: impl Fn(f64) -> f64) -> Vec<f64> {
        (0..n).map(|i| f((i as f64 * 0.618_033_988_749_895).fract())).collect()
    }

    fn sketch_of(xs: &[f64]) -> RangeSketch {
        let mut s = RangeSketch::default();
        for &x in xs {
            s.push(x);
        }
        s
    }

    #[test]
    fn whole_numbers_are_exact() {
        let xs = values(2_000, |u| (20.0 + 40.0 * u).floor());
        let s = sketch_of(&xs);
        for q in [0.0, RANGE_LOW_QUANTILE, 0.5, RANGE_HIGH_QUANTILE, 1.0] {
            assert_eq!(s.quantile(q), percentile_type7(&mut xs.clone(), q), "q = {q}");
        }
        assert_eq!(s.relative_error(), 0.0);
    }

    #[test]
    fn continuous_values_are_within_the_stated_error() {
        // Waits from 0.1 to 30 minutes: wide enough that the sketch must coarsen.
        let xs = values(5_000, |u| 0.1 * 300f64.powf(u));
        let s = sketch_of(&xs);
        assert!(s.cells.len() <= usize::from(STOP_RANGE_CELLS_MAX));
        assert!(s.relative_error() > 0.0);
        for q in [RANGE_LOW_QUANTILE, 0.5, RANGE_HIGH_QUANTILE] {
            let exact = percentile_type7(&mut xs.clone(), q).unwrap();
            let got = s.quantile(q).unwrap();
            assert!(
                got <= exact && exact - got <= exact * s.relative_error(),
                "q = {q}: {got} vs {exact}"
            );
        }
    }

    #[test]
    fn merge_order_does_not_matter() {
        let xs = values(3_000, |u| 2.0 + 50.0 * u * u);
        let whole = sketch_of(&xs);
        let mut forward = RangeSketch::default();
        for part in xs.chunks(16) {
            forward.merge(&sketch_of(part));
        }
        let mut backward = RangeSketch::default();
        for part in xs.chunks(16).rev() {
            backward.merge(&sketch_of(part));
        }
        assert_eq!(forward, whole);
        assert_eq!(backward, whole);
    }

    #[test]
    fn negative_zero_and_empty() {
        let s = sketch_of(&[-3.0, 0.0, 3.0]);
        assert_eq!(s.quantile(0.0), Some(-3.0));
        assert_eq!(s.quantile(0.5), Some(0.0));
        assert_eq!(RangeSketch::default().range(), None);
        let mut skipped = RangeSketch::default();
        skipped.push(f64::NAN);
        skipped.push_opt(None);
        assert_eq!(skipped.count(), 0);
    }
}
