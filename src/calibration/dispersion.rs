//! Over-dispersion tests of a Poisson fit: Pearson χ²/df (the decision rule) and Cameron–Trivedi's regression test.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF, StudentsT};

use super::{Design, FitError, PoissonFit};

/// Significance level of the dispersion decision: over-dispersed when the p-value is below 5 %.
pub const DISPERSION_TEST_LEVEL: f64 = 0.05;

/// Pearson's dispersion test: under the Poisson model X² = Σ (y − μ̂)²/μ̂ is approximately χ² with n − p
/// degrees of freedom (good when the fitted means are not small, say ≥ 3), so X²/df ≈ 1; the one-sided
/// p-value is the upper tail P(χ²_df ≥ X²).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DispersionTest {
    /// Pearson X² of the Poisson fit.
    pub pearson_chi2: f64,
    /// Residual degrees of freedom n − p.
    pub df: usize,
    /// X² / df: the estimated variance-to-mean ratio φ (1 for Poisson).
    pub dispersion_ratio: f64,
    /// P(χ²_df ≥ X²).
    pub p_value: f64,
    /// The level the decision is taken at.
    pub level: f64,
    /// True when p < level: the counts vary more than Poisson; fit the negative binomial.
    pub over_dispersed: bool,
}

/// Pearson χ²/df test of a Poisson fit at [`DISPERSION_TEST_LEVEL`].
pub fn pearson_dispersion_test(fit: &PoissonFit) -> DispersionTest {
    let df = fit.df_residual;
    let p_value = ChiSquared::new(df as f64).map_or(f64::NAN, |chi2| chi2.sf(fit.pearson_chi2));
    DispersionTest {
        pearson_chi2: fit.pearson_chi2,
        df,
        dispersion_ratio: fit.pearson_chi2 / df as f64,
        p_value,
        level: DISPERSION_TEST_LEVEL,
        over_dispersed: p_value < DISPERSION_TEST_LEVEL,
    }
}

/// Cameron & Trivedi's (1990) regression test against NB2 (Var = μ + αμ²): the auxiliary OLS regression
/// without intercept of ((y − μ̂)² − y + hμ̂)/μ̂ on μ̂ estimates α; the one-sided t test of α > 0.
///
/// h is the leverage of the row in the Poisson fit (the diagonal of W½X(XᵀWX)⁻¹XᵀW½): under the Poisson
/// model E[(y − μ̂)²] ≈ μ(1 − h), so without the +hμ̂ term the response has mean −h and the test is
/// too cautious (it rejected 2.5 % of Poisson logs at the 5 % level in the test below).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CameronTrivediTest {
    /// α̂ = 1/k̂, the moment estimate of the NB2 over-dispersion (negative: under-dispersion).
    pub alpha: f64,
    /// OLS standard error of α̂.
    pub std_error: f64,
    /// α̂ / SE.
    pub t_value: f64,
    /// One-sided P(t_{n−1} ≥ t).
    pub p_value: f64,
    pub level: f64,
    /// True when p < level.
    pub over_dispersed: bool,
}

/// The Cameron–Trivedi test at [`DISPERSION_TEST_LEVEL`] of a Poisson fit of `counts` on `design`
/// (a count or design of another length than the fit's is an error).
pub fn cameron_trivedi_test(fit: &PoissonFit, design: &Design, counts: &[f64]) -> Result<CameronTrivediTest, FitError> {
    let mu = &fit.fitted_means;
    for found in [counts.len(), design.n_rows()] {
        if found != mu.len() {
            return Err(FitError::CountLength {
                expected: mu.len(),
                found,
            });
        }
    }
    if design.n_columns() != fit.coefficients.names().len() {
        return Err(FitError::DesignMismatch {
            coefficients: fit.coefficients.names().len(),
            columns: design.n_columns(),
        });
    }
    let covariance = fit.coefficients.covariance();
    let response: Vec<f64> = (0..counts.len())
        .map(|i| {
            let leverage = mu[i] * covariance.quadratic_form(design.row(i));
            ((counts[i] - mu[i]).powi(2) - counts[i] + leverage * mu[i]) / mu[i]
        })
        .collect();
    let sum_mu2: f64 = mu.iter().map(|m| m * m).sum();
    let alpha = response.iter().zip(mu).map(|(r, m)| r * m).sum::<f64>() / sum_mu2;
    let df = (counts.len() - 1) as f64;
    let residual_ss: f64 = response.iter().zip(mu).map(|(r, m)| (r - alpha * m).powi(2)).sum();
    let std_error = (residual_ss / df / sum_mu2).sqrt();
    let t_value = alpha / std_error;
    let p_value = StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |t| t.sf(t_value));
    Ok(CameronTrivediTest {
        alpha,
        std_error,
        t_value,
        p_value,
        level: DISPERSION_TEST_LEVEL,
        over_dispersed: p_value < DISPERSION_TEST_LEVEL,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::fit_poisson;
    use crate::calibration::synthetic::{SyntheticTruth, synthetic_log};
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    /// Rejection rates over independent synthetic logs (300 stops each). Under Poisson counts a correct 5 %
    /// test rejects Binomial(R, 0.05)/R of the logs: with R = 1000 the 4-standard-error band is
    /// [0.022, 0.078]. With Gamma–Poisson counts of shape k = 2 (variance μ + μ²/2, i.e. 3–30 times the
    /// mean here) both tests must reject (almost) every log; k = 20 is a milder case reported for the record.
    #[test]
    fn tests_hold_their_level_on_poisson_and_fire_on_overdispersion() {
        const DATA_SETS: usize = 1000;
        let truth = SyntheticTruth::reference();
        let mut rng = ChaCha8Rng::seed_from_u64(7_001);
        let rates = |shape_k: Option<f64>, rng: &mut ChaCha8Rng| {
            let (mut pearson, mut ct) = (0usize, 0usize);
            for _ in 0..DATA_SETS {
                let log = synthetic_log(&truth, shape_k, rng);
                let fit = fit_poisson(&log.design, &log.counts, None).unwrap();
                pearson += usize::from(pearson_dispersion_test(&fit).over_dispersed);
                ct += usize::from(
                    cameron_trivedi_test(&fit, &log.design, &log.counts)
                        .unwrap()
                        .over_dispersed,
                );
            }
            (pearson as f64 / DATA_SETS as f64, ct as f64 / DATA_SETS as f64)
        };
        let se = (0.05 * 0.95 / DATA_SETS as f64).sqrt();
        let band = (0.05 - 4.0 * se, 0.05 + 4.0 * se);
        let (pearson_size, ct_size) = rates(None, &mut rng);
        eprintln!("Poisson data: Pearson rejects {pearson_size}, Cameron-Trivedi rejects {ct_size}");
        assert!(
            band.0 <= pearson_size && pearson_size <= band.1,
            "Pearson size {pearson_size}"
        );
        assert!(band.0 <= ct_size && ct_size <= band.1, "Cameron-Trivedi size {ct_size}");
        let (pearson_power, ct_power) = rates(Some(2.0), &mut rng);
        eprintln!("Gamma-Poisson k = 2: Pearson rejects {pearson_power}, Cameron-Trivedi rejects {ct_power}");
        assert!(pearson_power >= 0.99 && ct_power >= 0.99);
        let (pearson_mild, ct_mild) = rates(Some(20.0), &mut rng);
        eprintln!("Gamma-Poisson k = 20: Pearson rejects {pearson_mild}, Cameron-Trivedi rejects {ct_mild}");
        assert!(pearson_mild > band.1 && ct_mild > band.1);
    }

    #[test]
    fn pearson_p_value_matches_the_chi_square_table() {
        // χ²₁₀ upper 5 % point is 18.307: X² = 18.307 on 10 df gives p = 0.05.
        let y = [1.0; 12];
        let design = Design::from_columns(vec![
            ("intercept".into(), vec![1.0; 12]),
            ("x".into(), (0..12).map(f64::from).collect()),
        ])
        .unwrap();
        let mut fit = fit_poisson(&design, &y, None).unwrap();
        fit.pearson_chi2 = 18.307;
        let test = pearson_dispersion_test(&fit);
        assert_eq!(test.df, 10);
        assert!((test.p_value - 0.05).abs() < 1e-4, "{}", test.p_value);
        assert!((test.dispersion_ratio - 1.8307).abs() < 1e-12);
    }

    #[test]
    fn cameron_trivedi_matches_a_hand_worked_case() {
        // Intercept only, y = (0, 2, 4, 6): μ̂ = 3, leverage 1/4; responses (3.25, −1/12, −0.75, 1.25);
        // α̂ = 3 Σr / 36 = 0.305556, SE = √(SS/3/36) = 0.293972, t = 1.039402, and the t₃ tail from the
        // closed form F(t) = ½ + [u/(1 + u²) + atan u]/π with u = t/√3 gives p = 0.187514.
        let y = [0.0, 2.0, 4.0, 6.0];
        let design = Design::from_columns(vec![("intercept".into(), vec![1.0; 4])]).unwrap();
        let fit = fit_poisson(&design, &y, None).unwrap();
        let test = cameron_trivedi_test(&fit, &design, &y).unwrap();
        assert!(cameron_trivedi_test(&fit, &design, &y[..3]).is_err());
        assert!((test.alpha - 0.305_555_6).abs() < 1e-6, "{}", test.alpha);
        assert!((test.std_error - 0.293_972_4).abs() < 1e-6);
        assert!((test.t_value - 1.039_402_3).abs() < 1e-6);
        assert!((test.p_value - 0.187_514_2).abs() < 1e-6, "{}", test.p_value);
        assert!(!test.over_dispersed);
    }
}
