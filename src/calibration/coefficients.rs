//! Fitted coefficients with their covariance: Wald standard errors, z values, p-values and 95 % intervals.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use super::linalg::SquareMatrix;

/// Two-sided confidence level of every calibration interval: the project's, from `stats`.
pub use crate::stats::CONFIDENCE_LEVEL;

/// The standard normal quantile of a two-sided interval at `level` (1.959964 at 95 %).
pub fn normal_quantile_two_sided(level: f64) -> f64 {
    standard_normal().inverse_cdf(0.5 + level / 2.0)
}

fn standard_normal() -> Normal {
    Normal::standard()
}

/// Estimates of named coefficients and their estimated covariance matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Coefficients {
    names: Vec<String>,
    estimates: Vec<f64>,
    covariance: SquareMatrix,
}

/// One coefficient as a report row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoefficientRow {
    pub name: String,
    /// Maximum-likelihood estimate (log scale: a change of 1 in the covariate multiplies the mean by exp of it).
    pub estimate: f64,
    /// Standard error from the inverse information matrix.
    pub std_error: f64,
    /// estimate / std_error.
    pub z_value: f64,
    /// Two-sided p-value of z under the standard normal.
    pub p_value: f64,
    /// Lower end of the 95 % Wald interval (estimate − 1.96 SE).
    pub ci95_low: f64,
    /// Upper end of the 95 % Wald interval.
    pub ci95_high: f64,
}

/// A point estimate with its 95 % confidence interval (on the parameter's own scale).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IntervalEstimate {
    pub estimate: f64,
    pub ci95_low: f64,
    pub ci95_high: f64,
}

/// A linear combination cᵀβ with its standard error and 95 % Wald interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WaldInterval {
    pub estimate: f64,
    pub std_error: f64,
    pub ci95_low: f64,
    pub ci95_high: f64,
}

impl WaldInterval {
    fn new(estimate: f64, std_error: f64) -> Self {
        let half = normal_quantile_two_sided(CONFIDENCE_LEVEL) * std_error;
        Self {
            estimate,
            std_error,
            ci95_low: estimate - half,
            ci95_high: estimate + half,
        }
    }

    /// The interval as it is.
    pub fn linear(&self) -> IntervalEstimate {
        IntervalEstimate {
            estimate: self.estimate,
            ci95_low: self.ci95_low,
            ci95_high: self.ci95_high,
        }
    }

    /// The interval mapped through exp (for log-scale parameters: rates and multipliers).
    pub fn exp(&self) -> IntervalEstimate {
        IntervalEstimate {
            estimate: self.estimate.exp(),
            ci95_low: self.ci95_low.exp(),
            ci95_high: self.ci95_high.exp(),
        }
    }

    /// True when `value` lies in the closed 95 % interval.
    pub fn covers(&self, value: f64) -> bool {
        (self.ci95_low..=self.ci95_high).contains(&value)
    }
}

impl Coefficients {
    /// `covariance` is the p×p inverse information matrix of the `estimates`.
    pub(crate) fn new(names: Vec<String>, estimates: Vec<f64>, covariance: SquareMatrix) -> Self {
        Self {
            names,
            estimates,
            covariance,
        }
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn estimates(&self) -> &[f64] {
        &self.estimates
    }

    /// The estimated covariance matrix (inverse information), in the order of `names`.
    pub fn covariance(&self) -> &SquareMatrix {
        &self.covariance
    }

    /// Position of a coefficient by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The Wald interval of coefficient `name`.
    pub fn interval(&self, name: &str) -> Option<WaldInterval> {
        let j = self.index_of(name)?;
        Some(WaldInterval::new(self.estimates[j], self.covariance.get(j, j).sqrt()))
    }

    /// The Wald interval of Σ weight × coefficient, with Var = cᵀ Σ c; `None` when a name is unknown.
    pub fn linear_combination(&self, terms: &[(&str, f64)]) -> Option<WaldInterval> {
        let mut c = vec![0.0; self.names.len()];
        for &(name, weight) in terms {
            c[self.index_of(name)?] += weight;
        }
        let estimate = c.iter().zip(&self.estimates).map(|(ci, b)| ci * b).sum();
        Some(WaldInterval::new(estimate, self.covariance.quadratic_form(&c).sqrt()))
    }

    /// Every coefficient with its standard error, z value, p-value and interval.
    pub fn rows(&self) -> Vec<CoefficientRow> {
        let normal = standard_normal();
        self.names
            .iter()
            .enumerate()
            .map(|(j, name)| {
                let wald = WaldInterval::new(self.estimates[j], self.covariance.get(j, j).sqrt());
                let z_value = wald.estimate / wald.std_error;
                CoefficientRow {
                    name: name.clone(),
                    estimate: wald.estimate,
                    std_error: wald.std_error,
                    z_value,
                    p_value: 2.0 * normal.sf(z_value.abs()),
                    ci95_low: wald.ci95_low,
                    ci95_high: wald.ci95_high,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wald_rows_and_combinations_match_hand_values() {
        let mut cov = SquareMatrix::zeros(2);
        cov.set(0, 0, 0.04);
        cov.set(1, 1, 0.01);
        cov.set(0, 1, -0.01);
        cov.set(1, 0, -0.01);
        let c = Coefficients::new(vec!["a".into(), "b".into()], vec![1.0, -0.196], cov);
        let rows = c.rows();
        // b: SE 0.1, z = −1.96, two-sided p = 0.049996.
        assert!((rows[1].std_error - 0.1).abs() < 1e-15);
        assert!((rows[1].z_value + 1.96).abs() < 1e-12);
        assert!((rows[1].p_value - 0.049_996).abs() < 1e-6);
        assert!((rows[0].ci95_low - (1.0 - 1.959_964 * 0.2)).abs() < 1e-6);
        // a + 2b: estimate 0.608, Var = 0.04 + 4(0.01) + 4(−0.01) = 0.04.
        let comb = c.linear_combination(&[("a", 1.0), ("b", 2.0)]).unwrap();
        assert!((comb.estimate - 0.608).abs() < 1e-12 && (comb.std_error - 0.2).abs() < 1e-12);
        assert!(c.linear_combination(&[("nope", 1.0)]).is_none());
        assert!((normal_quantile_two_sided(0.95) - 1.959_964).abs() < 1e-6);
    }
}
