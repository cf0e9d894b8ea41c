//! The smaller and larger of two instants or durations that are never NaN, as one compare and select.
//!
//! `f64::min` and `f64::max` also handle a NaN operand, which costs four more instructions on x86-64
//! (an unordered compare and a blend) at every use. The engines' minutes are never NaN (finite
//! arrival times, positive desk times and patience, possibly infinite, never ∞ − ∞), so on them
//! these give the same values bit for bit: the same operand when the two are equal, as `minsd`.

/// The smaller of `a` and `b` (`b` when they are equal); neither may be NaN.
#[inline]
pub(super) fn earlier(a: f64, b: f64) -> f64 {
    if a < b { a } else { b }
}

/// The larger of `a` and `b` (`b` when they are equal); neither may be NaN.
#[inline]
pub(super) fn later(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}
