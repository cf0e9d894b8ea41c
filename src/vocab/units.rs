//! Units of time: one home for minutes per hour and per day, and the conversions between them.
//!
//! Each helper is exactly one floating-point operation (`× 60` or `÷ 60`), so replacing a written
//! `x * 60.0` by [`hours_to_minutes`] keeps every result bit for bit.

/// Minutes in an hour, for durations and rates in `f64`.
pub(crate) const MINUTES_PER_HOUR: f64 = 60.0;
/// Minutes in an hour, for whole-minute clock times.
pub(crate) const WHOLE_MINUTES_PER_HOUR: u32 = 60;
/// Hours in a day: the clock runs from 00:00 to 24:00.
pub(crate) const HOURS_PER_DAY: u32 = 24;
/// Minutes in a day, whole: a clock time of 24:00.
pub(crate) const MINUTES_PER_DAY: u32 = HOURS_PER_DAY * WHOLE_MINUTES_PER_HOUR;

/// A duration in hours as minutes (`hours × 60`).
pub(crate) fn hours_to_minutes(hours: f64) -> f64 {
    hours * MINUTES_PER_HOUR
}

/// A duration in minutes as hours (`minutes ÷ 60`).
pub(crate) fn minutes_to_hours(minutes: f64) -> f64 {
    minutes / MINUTES_PER_HOUR
}

/// A rate per hour as a rate per minute (`rate ÷ 60`).
pub(crate) fn per_hour_to_per_minute(rate_per_hour: f64) -> f64 {
    rate_per_hour / MINUTES_PER_HOUR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_are_one_operation_each() {
        for x in [0.1, 1.0 / 3.0, 2.75, 1e-9, 123.456] {
            assert_eq!(hours_to_minutes(x).to_bits(), (x * 60.0).to_bits());
            assert_eq!(minutes_to_hours(x).to_bits(), (x / 60.0).to_bits());
            assert_eq!(per_hour_to_per_minute(x).to_bits(), (x / 60.0).to_bits());
        }
        assert_eq!(MINUTES_PER_DAY, 1440);
    }
}
