//! Paired differences of alternatives: Bonferroni-adjusted intervals for several comparisons with a
//! baseline, and the variance-reduction factor that common random numbers gave.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::accumulator::{CONFIDENCE_LEVEL, MeanAccumulator};

/// The half-width of a mean's interval that holds simultaneously for `comparisons` comparisons at
/// the family-wise level [`CONFIDENCE_LEVEL`] (Bonferroni: each at 1 − (1 − level)/comparisons,
/// two-sided Student t with n − 1 degrees of freedom). NaN with fewer than two observations.
pub fn bonferroni_half_width(acc: &MeanAccumulator, comparisons: usize) -> f64 {
    let n = acc.count();
    if n < 2 || comparisons == 0 {
        return f64::NAN;
    }
    let alpha = (1.0 - CONFIDENCE_LEVEL) / comparisons as f64;
    let t = StudentsT::new(0.0, 1.0, (n - 1) as f64).map_or(f64::NAN, |t| t.inverse_cdf(1.0 - alpha / 2.0));
    t * acc.std_error()
}

/// What pairing on common random numbers did to the variance of a difference A − B.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "factor", rename_all = "snake_case")]
pub enum VarianceReduction {
    /// [Var(A) + Var(B)] ÷ Var(A − B): the variance of the difference had the alternatives been
    /// simulated on independent streams, over its variance on common ones (> 1: pairing helped).
    Factor(f64),
    /// The difference was the same in every replication while the alternatives varied: pairing
    /// removed all of its variance (the factor is infinite).
    Complete,
    /// Neither alternative varied (e.g. the number of stops): nothing to reduce, no factor.
    NoVariance,
}

impl VarianceReduction {
    /// The factor from the per-replication variances of A, B and A − B (sample variances).
    pub fn of(var_a: f64, var_b: f64, var_difference: f64) -> Self {
        let independent = var_a + var_b;
        if var_difference > 0.0 {
            VarianceReduction::Factor(independent / var_difference)
        } else if independent > 0.0 {
            VarianceReduction::Complete
        } else {
            VarianceReduction::NoVariance
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bonferroni_widens_with_the_comparisons_and_is_the_plain_interval_for_one() {
        let mut acc = MeanAccumulator::default();
        for x in [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0] {
            acc.push(x);
        }
        assert!((bonferroni_half_width(&acc, 1) - acc.estimate().ci95).abs() < 1e-12);
        // t(7) at 1 − 0.05/6 = 0.991667: 3.12755 (the t density integrated numerically).
        let three = bonferroni_half_width(&acc, 3);
        assert!(
            (three / acc.std_error() - 3.127_55).abs() < 1e-4,
            "{}",
            three / acc.std_error()
        );
    }

    #[test]
    fn the_factor_and_its_limits() {
        assert_eq!(VarianceReduction::of(4.0, 6.0, 2.0), VarianceReduction::Factor(5.0));
        assert_eq!(VarianceReduction::of(4.0, 4.0, 0.0), VarianceReduction::Complete);
        assert_eq!(VarianceReduction::of(0.0, 0.0, 0.0), VarianceReduction::NoVariance);
    }
}
