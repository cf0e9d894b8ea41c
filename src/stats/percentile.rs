//! Sample percentiles by linear interpolation between order statistics ("type 7", numpy's default).

/// The `q`-quantile (0 ≤ q ≤ 1) of `values`, interpolating linearly between order statistics
/// (Hyndman & Fan type 7). May reorder `values` in place; `None` when empty.
pub fn percentile_type7(values: &mut [f64], q: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let (lower, upper) = if n - lo <= MAX_TOP_KEPT {
        order_statistics_from_the_top(values, n - lo)
    } else {
        order_statistics_by_selection(values, lo)
    };
    Some(lower + (h - lo as f64) * (upper - lower))
}

/// Up to this many largest values are kept in a small sorted array instead of selecting in place:
/// a stop-day's 90th percentile of a few dozen waits needs the top few (at most 16 up to n = 151),
/// where a linear pass beats the partitioning of `select_nth_unstable` (measured: see the engine note).
const MAX_TOP_KEPT: usize = 16;

/// The `k`-th and `k − 1`-th largest of `values` by `f64::total_cmp` (1 ≤ k ≤ [`MAX_TOP_KEPT`], k ≤
/// n): the order statistics n − k and n − k + 1 (0-based) that the selection gives, the second
/// equal to the first when k = 1. Values equal under `total_cmp` have the same bits, so which of
/// equal values is kept does not matter.
fn order_statistics_from_the_top(values: &[f64], k: usize) -> (f64, f64) {
    let mut top = [0.0_f64; MAX_TOP_KEPT];
    let top = &mut top[..k];
    // The k largest seen so far, ascending: top[0] is the smallest of them.
    for (i, &v) in values[..k].iter().enumerate() {
        insert_sorted(&mut top[..=i], v);
    }
    for &v in &values[k..] {
        if v.total_cmp(&top[0]).is_gt() {
            top[0] = v;
            sift_up(top);
        }
    }
    (top[0], if k > 1 { top[1] } else { top[0] })
}

/// The order statistics `lo` and `lo + 1` (0-based; the second equal to the first when `lo` is the
/// last) of `values` by `f64::total_cmp`, by selection in place. The selection compares integer keys:
/// `values` are turned into their `total_cmp` keys in place (an order-preserving involution on the
/// bits, as `f64::total_cmp` computes it for every comparison), selected, and turned back.
fn order_statistics_by_selection(values: &mut [f64], lo: usize) -> (f64, f64) {
    for v in values.iter_mut() {
        *v = total_order_key(*v);
    }
    let as_key = |v: &f64| v.to_bits() as i64;
    let (_, &mut lower, upper_part) = values.select_nth_unstable_by_key(lo, as_key);
    let upper = upper_part.iter().min_by_key(|v| as_key(v)).copied().unwrap_or(lower);
    for v in values.iter_mut() {
        *v = total_order_key(*v);
    }
    (total_order_key(lower), total_order_key(upper))
}

/// `v`'s bits rearranged so that, read as an `i64`, they order as `f64::total_cmp` orders the
/// values (its own definition: negative values have their 63 lower bits flipped); applied twice it
/// gives `v` back.
#[inline]
fn total_order_key(v: f64) -> f64 {
    let mut bits = v.to_bits() as i64;
    bits ^= (((bits >> 63) as u64) >> 1) as i64;
    f64::from_bits(bits as u64)
}

/// Places `v` into `slots` (its last slot free, the others ascending) keeping them ascending.
fn insert_sorted(slots: &mut [f64], v: f64) {
    let mut j = slots.len() - 1;
    while j > 0 && slots[j - 1].total_cmp(&v).is_gt() {
        slots[j] = slots[j - 1];
        j -= 1;
    }
    slots[j] = v;
}

/// Restores the ascending order of `slots` after its first value was replaced by a larger one.
fn sift_up(slots: &mut [f64]) {
    let v = slots[0];
    let mut j = 0;
    while j + 1 < slots.len() && slots[j + 1].total_cmp(&v).is_lt() {
        slots[j] = slots[j + 1];
        j += 1;
    }
    slots[j] = v;
}

/// The quantile every reported wait percentile uses: the 90th.
pub const WAIT_PERCENTILE: f64 = 0.9;

/// The 90th percentile (type 7) of waits, minutes, as reported per stop and per group; `None` when
/// nobody was served. Reorders `waits` in place (no allocation).
pub fn wait_p90(waits: &mut [f64]) -> Option<f64> {
    percentile_type7(waits, WAIT_PERCENTILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], 90) == 7.6
        let mut v = vec![10.0, 1.0, 3.0, 2.0, 4.0];
        assert!((percentile_type7(&mut v, 0.9).unwrap() - 7.6).abs() < 1e-12);
        let mut one = vec![5.0];
        assert_eq!(percentile_type7(&mut one, 0.9), Some(5.0));
        assert_eq!(percentile_type7(&mut [], 0.9), None);
        // numpy.percentile([0, 0, 0, 12], 90) == 8.4
        let mut z = vec![0.0, 12.0, 0.0, 0.0];
        assert!((percentile_type7(&mut z, 0.9).unwrap() - 8.4).abs() < 1e-12);
    }

    /// The percentile by a full sort, the definition: order statistics ⌊h⌋ and ⌊h⌋ + 1.
    fn by_sorting(values: &[f64], q: f64) -> f64 {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let h = (sorted.len() - 1) as f64 * q;
        let lo = h.floor() as usize;
        let upper = sorted.get(lo + 1).copied().unwrap_or(sorted[lo]);
        sorted[lo] + (h - lo as f64) * (upper - sorted[lo])
    }

    /// Both ways of finding the order statistics (the top kept in a small array, and selection in
    /// place) give the sorted definition's bits, ties and zeros included, for every length 1..400
    /// (the small-array way up to n = 150 at q = 0.9, selection beyond) and several quantiles.
    #[test]
    fn equals_the_sorted_definition_bit_for_bit() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            // xorshift64 (Marsaglia 2003): a fixed pseudo-random sequence for the test data.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in 1..400 {
            let values: Vec<f64> = (0..n)
                .map(|_| match next() % 5 {
                    0 => 0.0,
                    4 => -((next() % 5) as f64),
                    1 => (next() % 8) as f64,
                    _ => (next() >> 11) as f64 / (1u64 << 53) as f64 * 60.0,
                })
                .collect();
            for q in [0.0, 0.5, 0.9, 0.97, 1.0] {
                let mut scratch = values.clone();
                let got = percentile_type7(&mut scratch, q).unwrap();
                assert_eq!(got.to_bits(), by_sorting(&values, q).to_bits(), "n {n}, q {q}");
            }
        }
    }
}
