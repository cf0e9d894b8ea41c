//! Small value checks shared by the sections: each reports at its key and says what is accepted.

use super::diagnostic::Problems;

/// `value` if it is a finite number > 0.
pub(super) fn positive(problems: &mut Problems<'_>, key: &str, value: f64, unit: &str) -> Option<f64> {
    if value.is_finite() && value > 0.0 {
        Some(value)
    } else {
        problems.at(key, format!("must be a positive number{unit}, got {value}"), None);
        None
    }
}

/// `value` if it is a finite number ≥ 0.
pub(super) fn non_negative(problems: &mut Problems<'_>, key: &str, value: f64, unit: &str) -> Option<f64> {
    if value.is_finite() && value >= 0.0 {
        Some(value)
    } else {
        problems.at(key, format!("must be 0 or more{unit}, got {value}"), None);
        None
    }
}

/// `value` if it is finite and within `lo..=hi`; `meaning` explains the ends.
pub(super) fn within(
    problems: &mut Problems<'_>,
    key: &str,
    value: f64,
    lo: f64,
    hi: f64,
    meaning: &str,
) -> Option<f64> {
    if value.is_finite() && (lo..=hi).contains(&value) {
        Some(value)
    } else {
        problems.at(
            key,
            format!("must be between {lo} and {hi}, got {value}"),
            (!meaning.is_empty()).then(|| meaning.to_string()),
        );
        None
    }
}

/// `value` if it is finite (any sign).
pub(super) fn finite(problems: &mut Problems<'_>, key: &str, value: f64) -> Option<f64> {
    if value.is_finite() {
        Some(value)
    } else {
        problems.at(key, format!("must be a finite number, got {value}"), None);
        None
    }
}

/// Applies `check` to the value written in the file, or returns `default` when the key is absent.
pub(super) fn or_default<T>(value: Option<T>, default: T, check: impl FnOnce(T) -> Option<T>) -> Option<T> {
    match value {
        Some(v) => check(v),
        None => Some(default),
    }
}
