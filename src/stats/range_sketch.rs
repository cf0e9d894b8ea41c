//! Season ranges: the 5th–95th percentiles of per-replication values in bounded memory, by a mergeable adaptive-grid histogram.
//!
//! A value is stored as its *key*: the value rounded down to a multiple of the sketch's grid step,
//! a power of two that starts at 2^−16 (so whole numbers and most recorded figures are kept exactly).
//! When a sketch holds more distinct keys than its cell budget, the step doubles and neighbouring
//! cells merge, which bounds the memory whatever the number of replications; the step is then about
//! the spread of the values divided by the budget. The final step is the finest one at which all the
//! values fit, so the result depends only on the values, not on the order they were added or merged
//! in: results stay byte-identical across thread counts. Quantiles interpolate linearly between order
//! statistics of the keys (type 7), so each is at most one step ([`SeasonRange::resolution`]) below
//! the exact sample quantile of the values.

use serde::Serialize;

/// Lower end of a season range: the 5th percentile of the per-replication values.
pub const RANGE_LOW_QUANTILE: f64 = 0.05;
/// Upper end of a season range: the 95th percentile of the per-replication values.
pub const RANGE_HIGH_QUANTILE: f64 = 0.95;
/// Binary exponent of a new sketch's grid step: 2^−16 ≈ 0.000015, finer than any figure is read.
const FIRST_STEP_EXPONENT: i32 = -16;
/// Distinct keys a stop's sketch holds before its step doubles: 64 cells of 8 bytes (half a KiB per
/// metric at most, so that a national season of 5,000 stops keeps its ranges in tens of megabytes).
/// The step is then about 1/64 of the spread of a stop's values: about 1/12 of a standard deviation,
/// below the sampling error of a 5th or 95th percentile from a few hundred replications (about 1/7
/// of a standard deviation at 200).
pub const STOP_RANGE_CELLS_MAX: u16 = 64;
/// Distinct keys a group's sketch holds (the season, a district, a week: a few dozen groups, so
/// they can afford four times a stop's resolution).
pub(super) const GROUP_RANGE_CELLS_MAX: u16 = 512;

/// One season's (or one stop's) plausible outcomes: the 5th and 95th percentiles over replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeasonRange {
    /// 5th percentile of the per-replication values, in the metric's unit.
    pub p05: f64,
    /// 95th percentile of the per-replication values, in the metric's unit.
    pub p95: f64,
    /// The grid step, in the metric's unit: each end is at most this much below the exact sample
    /// percentile (0: every value was kept exactly).
    pub resolution: f64,
}

/// A bounded-memory, order-independent summary of per-replication values for their percentiles.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeSketch {
    /// Distinct keys (as multiples of the step) with their counts, sorted by key.
    pub(super) cells: Vec<(i32, u32)>,
    /// Binary exponent of the grid step.
    pub(super) step_exponent: i32,
    /// Whether some value lost a part of itself to the rounding (the quantiles are then approximate).
    pub(super) rounded: bool,
    /// Distinct keys held before the step doubles.
    pub(super) cells_max: u16,
}

impl Default for RangeSketch {
    /// A stop's sketch.
    fn default() -> Self {
        Self::with_cells(STOP_RANGE_CELLS_MAX)
    }
}

/// `key` for a step 2^`shift` times coarser (rounded down), and whether that lost a part of it.
fn shift_down(key: i32, shift: i32) -> (i32, bool) {
    // An i32 key has 32 bits: shifting by more keeps only its sign.
    let shift = shift.clamp(0, 32);
    let wide = i64::from(key);
    ((wide >> shift) as i32, wide & ((1i64 << shift) - 1) != 0)
}

/// Values [`RangeSketch::push_all`] keys and merges at once: one chunk's replications (the
/// experiment folds a stop's values a chunk at a time).
pub const PUSH_BLOCK: usize = 16;
/// A block's quotients value / step must be below this in magnitude to be keyed at today's step by
/// a truncation (2^30: far inside an i32, and below where [`RangeSketch::key_of`] would coarsen).
const BLOCK_KEY_LIMIT: f64 = (1u32 << 30) as f64;

/// Keys finite `values` (at most [`PUSH_BLOCK`]) at the step 2^`step_exponent` into `keys` as
/// `(key, 1)`; returns whether some value lost a part of itself to the rounding, or `None` when a
/// key might need a coarser step or the step's inverse is not a normal f64. The key is
/// ⌊value / step⌋ exactly as [`RangeSketch::key_of`] computes it: dividing by 2^e and multiplying
/// by 2^−e round the same exact product, and the truncation is corrected down for negative
/// non-whole quotients.
pub(super) fn block_keys(step_exponent: i32, values: &[f64], keys: &mut [(i32, u32); PUSH_BLOCK]) -> Option<bool> {
    if !NORMAL_EXPONENTS.contains(&-step_exponent) {
        return None;
    }
    let (step, inverse) = (power_of_two(step_exponent), power_of_two(-step_exponent));
    let mut rounded = false;
    for (&value, slot) in values.iter().zip(keys.iter_mut()) {
        let quotient = value * inverse;
        // Finite values times a normal power of two: never NaN (an overflow is infinite).
        if quotient.abs() >= BLOCK_KEY_LIMIT {
            return None;
        }
        let truncated = quotient as i32;
        let key = truncated - i32::from(f64::from(truncated) > quotient);
        rounded |= f64::from(key) * step != value;
        *slot = (key, 1);
    }
    Some(rounded)
}

/// Smallest and largest binary exponents of a normal f64 (IEEE 754 binary64).
const NORMAL_EXPONENTS: std::ops::RangeInclusive<i32> = -1022..=1023;
/// Exponent bias and position of the exponent field of an f64 (IEEE 754 binary64).
const EXPONENT_BIAS: i32 = 1023;
const MANTISSA_BITS: u32 = 52;

/// 2^`exponent`, exactly `f64::from(exponent).exp2()` (a power of two is exact), built from its
/// bits for normal exponents: libm's `exp2` was a sizeable share of every push.
#[inline]
fn power_of_two(exponent: i32) -> f64 {
    if NORMAL_EXPONENTS.contains(&exponent) {
        f64::from_bits(((exponent + EXPONENT_BIAS) as u64) << MANTISSA_BITS)
    } else {
        f64::from(exponent).exp2()
    }
}

impl RangeSketch {
    /// Empties the sketch (same budget), keeping its buffer: as new from [`RangeSketch::with_cells`].
    pub(super) fn clear(&mut self) {
        self.cells.clear();
        self.step_exponent = FIRST_STEP_EXPONENT;
        self.rounded = false;
    }

    /// An empty sketch that holds up to `cells_max` distinct keys before its step doubles.
    pub fn with_cells(cells_max: u16) -> Self {
        Self {
            cells: Vec::new(),
            step_exponent: FIRST_STEP_EXPONENT,
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
            let key = self.key_of(value);
            self.rounded |= self.value_of(key) != value;
            self.add(key, 1);
            self.coarsen_to_fit();
        }
    }

    /// Adds every value of `values` (non-finite ones are ignored): the same sketch, bit for bit, as
    /// [`RangeSketch::push`] one by one (the sketch depends only on the values, see the module
    /// doc), but folded [`PUSH_BLOCK`] values at a time: each value is keyed by one multiply and a
    /// truncation instead of a division and a `floor` call, the step is checked once per block, and
    /// the buffer grows once per block. (Sorting a block to merge it in one pass was slower: the
    /// sort's branches mispredict on random keys.)
    pub fn push_all(&mut self, values: impl IntoIterator<Item = f64>) {
        let mut block = [0.0; PUSH_BLOCK];
        let mut filled = 0;
        for value in values.into_iter().filter(|v| v.is_finite()) {
            block[filled] = value;
            filled += 1;
            if filled == PUSH_BLOCK {
                self.push_block(&block);
                filled = 0;
            }
        }
        self.push_block(&block[..filled]);
    }

    /// Adds finite `values` at once (see [`RangeSketch::push_all`]); values whose key would not fit
    /// comfortably at today's step go one by one through [`RangeSketch::push`], which coarsens.
    fn push_block(&mut self, values: &[f64]) {
        let mut keys = [(0i32, 0u32); PUSH_BLOCK];
        let Some(keyed) = self.keys_of_block(values, &mut keys) else {
            for &value in values {
                self.push(value);
            }
            return;
        };
        self.reserve_for(keyed);
        for &(key, count) in &keys[..keyed] {
            match self.cells.binary_search_by_key(&key, |&(k, _)| k) {
                Ok(i) => self.cells[i].1 += count,
                Err(i) => self.cells.insert(i, (key, count)),
            }
        }
        self.coarsen_to_fit();
    }

    /// Room for `more` cells (a block may add them before the step coarsens): the buffer grows by
    /// doubling but never past the budget plus one block.
    fn reserve_for(&mut self, more: usize) {
        let (len, needed) = (self.cells.len(), self.cells.len() + more);
        if needed > self.cells.capacity() {
            let ceiling = usize::from(self.cells_max) + PUSH_BLOCK;
            let target = (len.max(4) * 2).min(ceiling).max(needed);
            self.cells.reserve_exact(target - len);
        }
    }

    /// Keys `values` at today's step into `keys` as `(key, 1)` and notes any rounding; `None` (and
    /// nothing noted) when [`block_keys`] cannot key them at today's step.
    fn keys_of_block(&mut self, values: &[f64], keys: &mut [(i32, u32); PUSH_BLOCK]) -> Option<usize> {
        let rounded = block_keys(self.step_exponent, values, keys)?;
        self.rounded |= rounded;
        Some(values.len())
    }

    /// Adds a value when present.
    pub fn push_opt(&mut self, value: Option<f64>) {
        if let Some(v) = value {
            self.push(v);
        }
    }

    /// Combines with another sketch (the result is the same in whatever order sketches are merged).
    pub fn merge(&mut self, other: &Self) {
        let exponent = self.step_exponent.max(other.step_exponent);
        self.coarsen_to(exponent);
        self.rounded |= other.rounded;
        let shift = exponent - other.step_exponent;
        for &(key, count) in &other.cells {
            let (coarse, lost) = shift_down(key, shift);
            self.rounded |= lost;
            self.add(coarse, count);
        }
        self.coarsen_to_fit();
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.cells.iter().map(|&(_, c)| u64::from(c)).sum()
    }

    /// The grid step when some value was rounded to it, in the values' unit (0: exact).
    pub fn resolution(&self) -> f64 {
        if self.rounded { self.step() } else { 0.0 }
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
            resolution: self.resolution(),
        })
    }

    fn step(&self) -> f64 {
        power_of_two(self.step_exponent)
    }

    fn value_of(&self, key: i32) -> f64 {
        f64::from(key) * self.step()
    }

    /// The key of `value` at the current step, first doubling the step until the key fits.
    fn key_of(&mut self, value: f64) -> i32 {
        let limit = f64::from(i32::MAX);
        while (value / self.step()).floor().abs() >= limit {
            self.coarsen_to(self.step_exponent + 1);
        }
        (value / self.step()).floor() as i32
    }

    /// The `rank`-th smallest stored value (0-based); `rank` < count.
    fn order_statistic(&self, rank: u64) -> f64 {
        let mut seen = 0;
        for &(key, count) in &self.cells {
            seen += u64::from(count);
            if rank < seen {
                return self.value_of(key);
            }
        }
        self.cells.last().map_or(f64::NAN, |&(k, _)| self.value_of(k))
    }

    fn add(&mut self, key: i32, count: u32) {
        match self.cells.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(i) => self.cells[i].1 += count,
            Err(i) => {
                // Grow by doubling but never past the budget (+1 before coarsening): no slack kept.
                if self.cells.len() == self.cells.capacity() {
                    let budget = usize::from(self.cells_max) + 1;
                    let more = self
                        .cells
                        .len()
                        .max(4)
                        .min(budget.saturating_sub(self.cells.len()))
                        .max(1);
                    self.cells.reserve_exact(more);
                }
                self.cells.insert(i, (key, count));
            }
        }
    }

    /// Doubles the step until the cells fit the budget.
    fn coarsen_to_fit(&mut self) {
        while self.cells.len() > usize::from(self.cells_max) {
            self.coarsen_to(self.step_exponent + 1);
        }
    }

    /// Re-keys every cell for the step 2^`exponent` (not finer than today's), merging cells that
    /// now share a key.
    fn coarsen_to(&mut self, exponent: i32) {
        let shift = exponent - self.step_exponent;
        if shift <= 0 {
            return;
        }
        self.step_exponent = exponent;
        // In place: the merged cells are never more than those read so far.
        let mut merged: usize = 0;
        for read in 0..self.cells.len() {
            let (key, count) = self.cells[read];
            let (coarse, lost) = shift_down(key, shift);
            self.rounded |= lost;
            match merged.checked_sub(1).map(|last| &mut self.cells[last]) {
                Some((k, c)) if *k == coarse => *c += count,
                _ => {
                    self.cells[merged] = (coarse, count);
                    merged += 1;
                }
            }
        }
        self.cells.truncate(merged);
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

    /// `push_all` gives the one-by-one sketch bit for bit: on fresh and on partly filled sketches,
    /// with blocks of every length, values that coarsen the step, negative and non-whole values,
    /// zeros of both signs, non-finite values (skipped) and values too large for today's step.
    #[test]
    fn push_all_equals_pushing_one_by_one() {
        let columns = [
            values(3_000, |u| 0.1 * 300f64.powf(u)),
            values(3_000, |u| (20.0 + 40.0 * u).floor()),
            values(3_000, |u| -1e9 + 2e9 * u),
            values(3_000, |u| -7.3 + 10.0 * u * u),
            values(500, |u| {
                if u < 0.3 {
                    -0.0
                } else if u < 0.6 {
                    0.0
                } else {
                    1e12 * u
                }
            }),
            values(200, |u| {
                if u < 0.1 {
                    f64::NAN
                } else if u < 0.2 {
                    f64::INFINITY
                } else {
                    u
                }
            }),
            vec![1e300, -1e300, 5e-324, 3.0],
        ];
        for column in &columns {
            for block in [1, 3, PUSH_BLOCK - 1, PUSH_BLOCK, PUSH_BLOCK + 1, 100] {
                for cells_max in [STOP_RANGE_CELLS_MAX, GROUP_RANGE_CELLS_MAX] {
                    let mut one_by_one = RangeSketch::with_cells(cells_max);
                    let mut blocks = RangeSketch::with_cells(cells_max);
                    for part in column.chunks(block) {
                        for &v in part {
                            one_by_one.push(v);
                        }
                        blocks.push_all(part.iter().copied());
                        assert_eq!(blocks, one_by_one, "block {block}, cells {cells_max}");
                        assert!(blocks.cells.capacity() <= usize::from(cells_max) + PUSH_BLOCK);
                    }
                }
            }
        }
    }

    #[test]
    fn powers_of_two_equal_exp2() {
        for exponent in -1100..=1100 {
            assert_eq!(
                power_of_two(exponent).to_bits(),
                f64::from(exponent).exp2().to_bits(),
                "2^{exponent}"
            );
        }
    }

    #[test]
    fn whole_numbers_are_exact() {
        let xs = values(2_000, |u| (20.0 + 40.0 * u).floor());
        let s = sketch_of(&xs);
        for q in [0.0, RANGE_LOW_QUANTILE, 0.5, RANGE_HIGH_QUANTILE, 1.0] {
            assert_eq!(s.quantile(q), percentile_type7(&mut xs.clone(), q), "q = {q}");
        }
        assert_eq!(s.resolution(), 0.0);
    }

    #[test]
    fn continuous_values_are_within_the_stated_error() {
        // Waits from 0.1 to 30 minutes: wide enough that the sketch must coarsen.
        let xs = values(5_000, |u| 0.1 * 300f64.powf(u));
        let s = sketch_of(&xs);
        assert!(s.cells.len() <= usize::from(STOP_RANGE_CELLS_MAX));
        // The step is the spread over the cell budget, rounded up to a power of two.
        let spread = 30.0 - 0.1;
        assert!(s.resolution() > 0.0 && s.resolution() < 2.0 * spread / f64::from(STOP_RANGE_CELLS_MAX));
        for q in [RANGE_LOW_QUANTILE, 0.5, RANGE_HIGH_QUANTILE] {
            let exact = percentile_type7(&mut xs.clone(), q).unwrap();
            let got = s.quantile(q).unwrap();
            assert!(
                got <= exact && exact - got <= s.resolution(),
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
    fn huge_values_widen_the_step_instead_of_overflowing() {
        let s = sketch_of(&[1e12, 2e12, 3e12]);
        let median = s.quantile(0.5).unwrap();
        assert!(median <= 2e12 && 2e12 - median <= s.resolution());
        let mut fine = sketch_of(&[0.001, 0.002]);
        fine.merge(&s);
        assert_eq!(fine.count(), 5);
        assert_eq!(fine.quantile(0.0), Some(0.0));
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
