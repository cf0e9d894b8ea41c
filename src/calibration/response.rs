//! The response of a count regression: counts and offsets checked against the design before any fit.

use super::{Design, FitError};

/// Checks counts (finite, whole, non-negative, not all zero), the offset, the number of rows and the
/// design's rank; returns the offset to use (zeros when none was given).
pub(crate) fn validated_offset(design: &Design, counts: &[f64], offset: Option<&[f64]>) -> Result<Vec<f64>, FitError> {
    let n = design.n_rows();
    let p = design.n_columns();
    if counts.len() != n {
        return Err(FitError::CountLength {
            expected: n,
            found: counts.len(),
        });
    }
    check_counts(counts)?;
    let offset = match offset {
        Some(o) => checked_offset(o, n)?,
        None => vec![0.0; n],
    };
    if n <= p {
        return Err(FitError::TooFewRows { rows: n, parameters: p });
    }
    design.check_full_rank()?;
    check_indicators_have_counts(design, counts)?;
    Ok(offset)
}

fn check_counts(counts: &[f64]) -> Result<(), FitError> {
    for (row, &value) in counts.iter().enumerate() {
        if !value.is_finite() {
            return Err(FitError::NonFiniteCount { row, value });
        }
        if value < 0.0 {
            return Err(FitError::NegativeCount { row, value });
        }
        if value.fract() != 0.0 {
            return Err(FitError::NonIntegerCount { row, value });
        }
    }
    if counts.iter().all(|&y| y == 0.0) {
        return Err(FitError::AllCountsZero);
    }
    Ok(())
}

fn checked_offset(offset: &[f64], n: usize) -> Result<Vec<f64>, FitError> {
    if offset.len() != n {
        return Err(FitError::OffsetLength {
            expected: n,
            found: offset.len(),
        });
    }
    if let Some((row, &value)) = offset.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(FitError::NonFiniteOffset { row, value });
    }
    Ok(offset.to_vec())
}

/// A 0/1 column (other than a constant one) whose rows with 1 all have zero counts pushes its coefficient
/// to minus infinity: the maximum likelihood estimate does not exist.
fn check_indicators_have_counts(design: &Design, counts: &[f64]) -> Result<(), FitError> {
    for (j, name) in design.names().iter().enumerate() {
        let is_indicator = design.column(j).all(|v| v == 0.0 || v == 1.0);
        let is_constant = design.column(j).all(|v| v == 1.0);
        if !is_indicator || is_constant {
            continue;
        }
        let total: f64 = design.column(j).zip(counts).map(|(x, y)| x * y).sum();
        if total == 0.0 {
            return Err(FitError::ZeroCountIndicator { column: name.clone() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design() -> Design {
        Design::from_columns(vec![
            ("intercept".into(), vec![1.0; 4]),
            ("venue_school".into(), vec![0.0, 0.0, 1.0, 1.0]),
        ])
        .unwrap()
    }

    #[test]
    fn rejects_bad_counts_with_their_row() {
        let d = design();
        let check = |y: &[f64]| validated_offset(&d, y, None);
        assert!(matches!(
            check(&[1.0, -2.0, 0.0, 1.0]),
            Err(FitError::NegativeCount { row: 1, .. })
        ));
        assert!(matches!(
            check(&[1.0, 2.0, f64::NAN, 1.0]),
            Err(FitError::NonFiniteCount { row: 2, .. })
        ));
        assert!(matches!(
            check(&[1.0, 2.0, 1.0, f64::INFINITY]),
            Err(FitError::NonFiniteCount { row: 3, .. })
        ));
        assert!(matches!(
            check(&[1.5, 2.0, 1.0, 1.0]),
            Err(FitError::NonIntegerCount { row: 0, .. })
        ));
        assert_eq!(check(&[0.0; 4]), Err(FitError::AllCountsZero));
        assert_eq!(check(&[1.0; 3]), Err(FitError::CountLength { expected: 4, found: 3 }));
        assert_eq!(
            check(&[3.0, 2.0, 0.0, 0.0]),
            Err(FitError::ZeroCountIndicator {
                column: "venue_school".into()
            })
        );
        assert_eq!(check(&[3.0, 2.0, 0.0, 1.0]), Ok(vec![0.0; 4]));
    }

    #[test]
    fn rejects_bad_offsets_and_too_few_rows() {
        let d = design();
        let y = [1.0, 2.0, 3.0, 4.0];
        assert!(matches!(
            validated_offset(&d, &y, Some(&[0.0, f64::NAN, 0.0, 0.0])),
            Err(FitError::NonFiniteOffset { row: 1, .. })
        ));
        assert_eq!(
            validated_offset(&d, &y, Some(&[0.0])),
            Err(FitError::OffsetLength { expected: 4, found: 1 })
        );
        let square =
            Design::from_columns(vec![("intercept".into(), vec![1.0, 1.0]), ("x".into(), vec![0.0, 1.0])]).unwrap();
        assert_eq!(
            validated_offset(&square, &[1.0, 2.0], None),
            Err(FitError::TooFewRows { rows: 2, parameters: 2 })
        );
    }
}
