//! Input checks shared by the charts: empty inputs, mismatched lengths, non-finite or negative values.

use super::ChartError;

/// Error unless `len > 0`.
pub(super) fn non_empty(chart: &'static str, what: &'static str, len: usize) -> Result<(), ChartError> {
    if len == 0 {
        return Err(ChartError::Empty { chart, what });
    }
    Ok(())
}

/// Error unless `actual == expected` (parallel vectors).
pub(super) fn same_length(chart: &'static str, what: &str, expected: usize, actual: usize) -> Result<(), ChartError> {
    if actual != expected {
        return Err(ChartError::BadInput {
            chart,
            problem: format!("{what} has {actual} values, expected {expected}"),
        });
    }
    Ok(())
}

/// Error unless every value is finite and at least 0.
pub(super) fn non_negative(
    chart: &'static str,
    what: &str,
    values: impl IntoIterator<Item = f64>,
) -> Result<(), ChartError> {
    for (i, v) in values.into_iter().enumerate() {
        if !v.is_finite() || v < 0.0 {
            return Err(ChartError::BadInput {
                chart,
                problem: format!("{what}[{i}] = {v}: expected a finite value ≥ 0"),
            });
        }
    }
    Ok(())
}

/// Error unless every value is NaN (unknown) or finite and at least 0 (confidence half-widths).
pub(super) fn non_negative_or_nan(
    chart: &'static str,
    what: &str,
    values: impl IntoIterator<Item = f64>,
) -> Result<(), ChartError> {
    non_negative(
        chart,
        what,
        values.into_iter().map(|v| if v.is_nan() { 0.0 } else { v }),
    )
}

/// Error unless every value is finite and greater than 0.
pub(super) fn positive(
    chart: &'static str,
    what: &str,
    values: impl IntoIterator<Item = f64>,
) -> Result<(), ChartError> {
    for (i, v) in values.into_iter().enumerate() {
        if !v.is_finite() || v <= 0.0 {
            return Err(ChartError::BadInput {
                chart,
                problem: format!("{what}[{i}] = {v}: expected a finite value > 0"),
            });
        }
    }
    Ok(())
}

/// Error unless every value is finite.
pub(super) fn finite(chart: &'static str, what: &str, values: impl IntoIterator<Item = f64>) -> Result<(), ChartError> {
    for (i, v) in values.into_iter().enumerate() {
        if !v.is_finite() {
            return Err(ChartError::BadInput {
                chart,
                problem: format!("{what}[{i}] = {v}: expected a finite value"),
            });
        }
    }
    Ok(())
}

/// Error unless `low[i] ≤ high[i]` for every i.
pub(super) fn ordered(chart: &'static str, what: &str, low: &[f64], high: &[f64]) -> Result<(), ChartError> {
    for (i, (l, h)) in low.iter().zip(high).enumerate() {
        if l > h {
            return Err(ChartError::BadInput {
                chart,
                problem: format!("{what}: lower end {l} above upper end {h} at [{i}]"),
            });
        }
    }
    Ok(())
}
