//! Number formatting shared by the calibration reports: estimates with intervals, counts, ranges.

use crate::calibration::IntervalEstimate;

/// `9.07 (8.12–10.1)`: the estimate and its 95 % interval, with `decimals` decimals.
pub fn with_interval(e: &IntervalEstimate, decimals: usize) -> String {
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
pub fn published_range(low: u64, high: u64) -> String {
    if low == high {
        low.to_string()
    } else {
        format!("{low}–{high}")
    }
}

/// A number for a CSV cell (empty when not finite).
pub fn cell(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let text = format!("{x:.6}");
    // A difference of −1e-13 prints as "-0.000000": drop the sign of a zero.
    match text.strip_prefix('-') {
        Some(digits) if digits.chars().all(|c| c == '0' || c == '.') => digits.to_string(),
        _ => text,
    }
}

/// "yes" or "no".
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
