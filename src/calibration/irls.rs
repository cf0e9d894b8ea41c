//! Iteratively reweighted least squares for a log-link count regression with a given variance function.

use super::linalg::{Cholesky, SquareMatrix};
use super::{Design, FitError};

/// Convergence: relative change of the deviance |D − D_old| / (|D| + 0.1) below this (R's `glm.control`
/// criterion, with a tighter ε than R's 10⁻⁸ so that recovered coefficients are accurate to ~10⁻⁶).
pub(crate) const DEVIANCE_TOLERANCE: f64 = 1e-10;
/// Iterations before giving up (R stops at 25; Poisson fits here take 4–8).
pub(crate) const MAX_ITERATIONS: u32 = 100;
/// Step halvings tried when an update makes the deviance worse or non-finite.
const MAX_STEP_HALVINGS: u32 = 40;
/// Start values μ = y + 0.1 (R's `poisson()$initialize`), so that ln μ exists for zero counts.
const START_SHIFT: f64 = 0.1;
/// Fitted means are kept at or above machine ε, as R's `poisson()$linkinv` does.
const MEAN_FLOOR: f64 = f64::EPSILON;

/// Mean–variance relation and deviance of a count distribution with a log link.
pub(crate) trait Family {
    /// Var(Y) at mean μ.
    fn variance(&self, mean: f64) -> f64;
    /// The deviance contribution of one observation (0 when μ = y).
    fn unit_deviance(&self, count: f64, mean: f64) -> f64;
}

/// Poisson: Var = μ.
pub(crate) struct PoissonFamily;

impl Family for PoissonFamily {
    fn variance(&self, mean: f64) -> f64 {
        mean
    }

    fn unit_deviance(&self, y: f64, mu: f64) -> f64 {
        2.0 * (y_ln_y_over(y, mu) - (y - mu))
    }
}

/// Negative binomial NB2 with a known shape k: Var = μ + μ²/k.
pub(crate) struct NegBinFamily {
    pub shape_k: f64,
}

impl Family for NegBinFamily {
    fn variance(&self, mean: f64) -> f64 {
        mean + mean * mean / self.shape_k
    }

    fn unit_deviance(&self, y: f64, mu: f64) -> f64 {
        let k = self.shape_k;
        // (y + k) ln((y + k)/(μ + k)) written as a log1p for accuracy when k ≫ y, μ.
        2.0 * (y_ln_y_over(y, mu) - (y + k) * ((y - mu) / (mu + k)).ln_1p())
    }
}

/// y ln(y/μ), taken as 0 when y = 0.
fn y_ln_y_over(y: f64, mu: f64) -> f64 {
    if y == 0.0 { 0.0 } else { y * (y / mu).ln() }
}

/// The mean at linear predictor η (with the floor).
#[inline]
pub(crate) fn mean_of(eta: f64) -> f64 {
    eta.exp().max(MEAN_FLOOR)
}

/// The converged state of an IRLS fit.
#[derive(Debug, Clone)]
pub(crate) struct IrlsFit {
    pub beta: Vec<f64>,
    /// Linear predictor Xβ + offset of every row.
    pub eta: Vec<f64>,
    /// Fitted means exp(η).
    pub mu: Vec<f64>,
    /// Expected (Fisher) information XᵀWX at the fitted means, W = μ²/Var(μ).
    pub information: SquareMatrix,
    pub deviance: f64,
    pub iterations: u32,
}

/// Fits β by IRLS from `start_eta` (or from μ = y + 0.1). Inputs must already be validated.
pub(crate) fn irls(
    design: &Design,
    y: &[f64],
    offset: &[f64],
    family: &impl Family,
    start_eta: Option<&[f64]>,
) -> Result<IrlsFit, FitError> {
    let mut eta: Vec<f64> = match start_eta {
        Some(eta) => eta.to_vec(),
        None => y.iter().map(|&yi| (yi + START_SHIFT).ln()).collect(),
    };
    let mut mu: Vec<f64> = eta.iter().map(|&e| mean_of(e)).collect();
    let mut deviance = total_deviance(family, y, &mu);
    let mut beta_old: Option<Vec<f64>> = None;
    let mut relative_change = f64::INFINITY;
    for iteration in 1..=MAX_ITERATIONS {
        let weights = irls_weights(family, &mu);
        let working: Vec<f64> = (0..y.len())
            .map(|i| eta[i] - offset[i] + (y[i] - mu[i]) / mu[i])
            .collect();
        let information = design.weighted_cross_product(&weights);
        let chol = Cholesky::factor(&information).map_err(|e| FitError::SingularInformation {
            column: design.names()[e.column].clone(),
            iteration,
        })?;
        let mut beta = chol.solve(&design.weighted_cross_vector(&weights, &working));
        let (mut new_eta, mut new_mu, mut new_deviance) = evaluate(design, y, offset, family, &beta);
        // Step halving towards the previous β when the update overshoots.
        if let Some(previous) = &beta_old {
            let mut halvings = 0;
            while !(new_deviance.is_finite() && new_deviance <= deviance * (1.0 + DEVIANCE_TOLERANCE))
                && halvings < MAX_STEP_HALVINGS
            {
                beta.iter_mut().zip(previous).for_each(|(b, old)| *b = 0.5 * (*b + old));
                (new_eta, new_mu, new_deviance) = evaluate(design, y, offset, family, &beta);
                halvings += 1;
            }
        }
        if !new_deviance.is_finite() {
            return Err(FitError::NoConvergence {
                iterations: iteration,
                relative_change: f64::NAN,
            });
        }
        relative_change = (new_deviance - deviance).abs() / (new_deviance.abs() + 0.1);
        (eta, mu, deviance) = (new_eta, new_mu, new_deviance);
        if relative_change < DEVIANCE_TOLERANCE && beta_old.is_some() {
            let information = design.weighted_cross_product(&irls_weights(family, &mu));
            return Ok(IrlsFit {
                beta,
                eta,
                mu,
                information,
                deviance,
                iterations: iteration,
            });
        }
        beta_old = Some(beta);
    }
    Err(FitError::NoConvergence {
        iterations: MAX_ITERATIONS,
        relative_change,
    })
}

/// IRLS weights of a log link: (dμ/dη)² / Var(μ) = μ² / Var(μ).
fn irls_weights(family: &impl Family, mu: &[f64]) -> Vec<f64> {
    mu.iter().map(|&m| m * m / family.variance(m)).collect()
}

fn total_deviance(family: &impl Family, y: &[f64], mu: &[f64]) -> f64 {
    y.iter().zip(mu).map(|(&yi, &mi)| family.unit_deviance(yi, mi)).sum()
}

/// η, μ and the deviance at coefficients `beta`.
fn evaluate(
    design: &Design,
    y: &[f64],
    offset: &[f64],
    family: &impl Family,
    beta: &[f64],
) -> (Vec<f64>, Vec<f64>, f64) {
    let eta: Vec<f64> = design
        .linear_predictor(beta)
        .iter()
        .zip(offset)
        .map(|(e, o)| e + o)
        .collect();
    let mu: Vec<f64> = eta.iter().map(|&e| mean_of(e)).collect();
    let deviance = total_deviance(family, y, &mu);
    (eta, mu, deviance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_deviances_match_hand_values() {
        // Poisson: 2[3 ln(3/2) − 1] = 0.432790; y = 0: 2μ.
        assert!((PoissonFamily.unit_deviance(3.0, 2.0) - 0.432_790_4).abs() < 1e-6);
        assert!((PoissonFamily.unit_deviance(0.0, 2.5) - 5.0).abs() < 1e-15);
        // NB2, k = 2: 2[3 ln(3/2) − 5 ln(5/4)] = 0.201355.
        let nb = NegBinFamily { shape_k: 2.0 };
        assert!((nb.unit_deviance(3.0, 2.0) - 0.201_355_1).abs() < 1e-6);
        assert!((nb.variance(4.0) - 12.0).abs() < 1e-15);
    }
}
