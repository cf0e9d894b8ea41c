//! Sample percentiles by linear interpolation between order statistics ("type 7", numpy's default).

/// The `q`-quantile (0 ≤ q ≤ 1) of `values`, interpolating linearly between order statistics
/// (Hyndman & Fan type 7). Reorders `values` in place; `None` when empty.
pub fn percentile_type7(values: &mut [f64], q: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let (_, &mut lower, upper_part) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let upper = upper_part.iter().copied().min_by(f64::total_cmp).unwrap_or(lower);
    Some(lower + (h - lo as f64) * (upper - lower))
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
}
