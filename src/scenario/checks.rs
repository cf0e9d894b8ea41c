//! Small value checks shared by the sections: each reports at its key and says what is accepted.

use super::diagnostic::Problems;

/// A value as a message shows it: as written for ordinary sizes, in powers of ten when very large
/// or very small (never a number of hundreds of digits).
pub(super) fn number(x: f64) -> String {
    if x.is_finite() && x != 0.0 && !(1e-4..1e9).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// `value` if it is a finite number > 0.
pub(super) fn positive(problems: &mut Problems<'_>, key: &str, value: f64, unit: &str) -> Option<f64> {
    if value.is_finite() && value > 0.0 {
        Some(value)
    } else {
        problems.at(
            key,
            format!("must be a positive number{unit}, got {}", number(value)),
            None,
        );
        None
    }
}

/// `value` if it is a finite number ≥ 0.
pub(super) fn non_negative(problems: &mut Problems<'_>, key: &str, value: f64, unit: &str) -> Option<f64> {
    if value.is_finite() && value >= 0.0 {
        Some(value)
    } else {
        problems.at(key, format!("must be 0 or more{unit}, got {}", number(value)), None);
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
            format!("must be between {lo} and {hi}, got {}", number(value)),
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
        problems.at(key, format!("must be a finite number, got {}", number(value)), None);
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

/// `value` if it is at most `ceiling` (see `vocab::limits`), otherwise a problem at `key` giving the
/// ceiling and its `reason`.
pub(super) fn at_most(
    problems: &mut Problems<'_>,
    key: &str,
    value: f64,
    ceiling: f64,
    unit: &str,
    reason: &str,
) -> Option<f64> {
    if value <= ceiling {
        Some(value)
    } else {
        problems.at(
            key,
            format!("{}{unit} is above the ceiling of {ceiling}{unit}", number(value)),
            Some(format!("the ceiling is there because {reason}")),
        );
        None
    }
}
