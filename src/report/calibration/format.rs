//! Number formatting shared by the calibration reports: estimates with intervals, counts, ranges.

use crate::calibration::IntervalEstimate;
use crate::report::number::{CSV_NUMBER_SIGNLESS_ZERO, format_number};

/// `9.07 (8.12–10.1)`: the estimate and its 95 % interval, with `decimals` decimals.
pub(super) fn with_interval(e: &IntervalEstimate, decimals: usize) -> String {
    format!(
        "{:.*} ({:.*}–{})",
        decimals,
        e.estimate,
        decimals,
        e.ci95_low,
        upper(e.ci95_high, decimals)
    )
}

/// An upper limit: `∞` when there is none.
fn upper(x: f64, decimals: usize) -> String {
    if x.is_finite() {
        format!("{x:.decimals$}")
    } else {
        "∞".into()
    }
}

/// A published range: `3600–3699`, or `400` when exact.
pub(super) fn published_range(low: u64, high: u64) -> String {
    if low == high {
        low.to_string()
    } else {
        format!("{low}–{high}")
    }
}

/// Decimal places of the calibration files' figures.
const CALIBRATION_CSV_DECIMALS: usize = 6;

/// A number for a CSV cell (empty when not finite; a difference of −1e-13 is written without sign).
pub(super) fn cell(x: f64) -> String {
    format_number(x, CALIBRATION_CSV_DECIMALS, &CSV_NUMBER_SIGNLESS_ZERO)
}

/// "yes" or "no".
pub(super) fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
