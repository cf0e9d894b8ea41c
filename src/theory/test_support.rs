//! Shared helpers of the theory unit tests.

/// Relative agreement within `rel` (the anchors are given to six significant digits).
pub(super) fn assert_close(actual: f64, expected: f64, rel: f64) {
    assert!(
        (actual - expected).abs() <= rel * expected.abs(),
        "got {actual}, expected {expected} (relative tolerance {rel})"
    );
}

/// Half a unit in the sixth significant digit, the precision the anchors are quoted to.
pub(super) const SIX_DIGITS: f64 = 5e-6;
