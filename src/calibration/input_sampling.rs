//! The calibration's sampling distribution of the demand parameters, to draw from (parametric bootstrap of the inputs).
//!
//! Two fits, two distributions (see docs/uncertainty.md):
//!
//! - **Totals fit** (only the base rate is estimated): ln b* ~ N(ln b̂, σ²), with σ read from the fit's
//!   own 95 % interval, σ = (ln high − ln low) / (2 × 1.96). The interval already allows for the
//!   Poisson or negative-binomial count and for the rounding of "more than" figures, so the draws
//!   spread as the published interval says. A draw is a factor b*/b̂ on the scenario's base rate.
//! - **Stop-log fit** (maximum likelihood): β* ~ N(β̂, Σ̂), the asymptotic sampling distribution of the
//!   coefficients, drawn as β̂ + L z with Σ̂ = L Lᵀ (Cholesky) and z standard normal; the
//!   negative-binomial shape independently as ln k* ~ N(ln k̂, SE²) (for the NB2 model the shape and
//!   the coefficients are asymptotically independent: the information matrix is block-diagonal). A
//!   draw is a whole set of demand parameters, turned to the scenario's scale as the fit's TOML block
//!   is ([`DemandParameters::from_fit`]).

use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::Serialize;

use super::linalg::{Cholesky, SquareMatrix};
use super::{
    Coefficients, DemandParameters, DemandReferences, IntervalEstimate, ShapeEstimate, StopLogCalibration,
    TomlBlockError, TotalsCalibration, normal_quantile_two_sided,
};
use crate::stats::CONFIDENCE_LEVEL;
use crate::vocab::Venue;

/// Why a fit gives no distribution to draw from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SamplingError {
    #[error("the base rate's interval {low} to {high} is not a positive, finite range")]
    BaseRateInterval { low: f64, high: f64 },
    #[error(
        "the coefficients' covariance is not positive definite (column {column}): the log cannot tell some terms apart"
    )]
    Covariance { column: usize },
    #[error(transparent)]
    Parameters(#[from] TomlBlockError),
    #[error(
        "{attempts} draws in a row fell outside the values a scenario allows (for example a population \
         elasticity above 1): the fit is too uncertain to draw from"
    )]
    OutsideParameterSpace { attempts: u32 },
}

/// Where the draws come from, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SamplingSource {
    /// The totals fit's base-rate interval (log-normal).
    Totals,
    /// The stop-log fit's coefficients (multivariate normal) and shape.
    StopLog,
}

/// One draw of the demand parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum DemandDraw {
    /// Multiply the scenario's base rate by this factor (b*/b̂ of the totals fit).
    BaseRateFactor(f64),
    /// Replace the scenario's demand parameters by these (a stop-log fit's draw).
    Parameters(DrawnDemand),
}

/// A stop-log draw on the scenario's scale; `None`: the term is not in the fit (the scenario keeps
/// its own value).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnDemand {
    /// Expected clients of the reference stop, clients per visit.
    pub base_rate: f64,
    /// The dwell the base rate is stated at, hours.
    pub reference_dwell_hours: f64,
    pub population_elasticity: Option<f64>,
    pub dwell_exponent: Option<f64>,
    /// 1/km.
    pub distance_coef_per_km: Option<f64>,
    /// Multipliers of the venues in the fit (the municipality is 1).
    pub venue_multipliers: Vec<(Venue, f64)>,
    /// Negative-binomial shape k (`None`: Poisson in the fit; the scenario keeps its own).
    pub dispersion_shape: Option<f64>,
}

/// A fit's sampling distribution of the demand parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum InputSampling {
    /// ln b* ~ N(ln b̂, `log_sd`²).
    BaseRate {
        /// Standard deviation of ln b̂.
        log_sd: f64,
    },
    /// β* ~ N(β̂, L Lᵀ); ln k* ~ N(ln k̂, SE²).
    Coefficients {
        coefficients: Coefficients,
        lower: SquareMatrix,
        shape: Option<ShapeEstimate>,
        references: DemandReferences,
    },
}

impl InputSampling {
    /// The base rate's sampling distribution of a totals fit.
    pub fn from_totals(calibration: &TotalsCalibration) -> Result<Self, SamplingError> {
        Self::from_base_rate_interval(&calibration.base_rate)
    }

    /// A log-normal whose central 95 % interval is `interval`'s.
    pub fn from_base_rate_interval(interval: &IntervalEstimate) -> Result<Self, SamplingError> {
        let (low, high) = (interval.ci95_low, interval.ci95_high);
        if !(low > 0.0 && high > low && high.is_finite()) {
            return Err(SamplingError::BaseRateInterval { low, high });
        }
        let z = normal_quantile_two_sided(CONFIDENCE_LEVEL);
        Ok(Self::BaseRate {
            log_sd: (high.ln() - low.ln()) / (2.0 * z),
        })
    }

    /// The coefficients' (and shape's) sampling distribution of the stop-log fit's chosen model.
    pub fn from_stop_log(calibration: &StopLogCalibration) -> Result<Self, SamplingError> {
        let (coefficients, shape) = match &calibration.negbin {
            Some(nb) => (&nb.coefficients, Some(nb.shape)),
            None => (&calibration.poisson.coefficients, None),
        };
        let lower = Cholesky::factor(coefficients.covariance())
            .map_err(|e| SamplingError::Covariance { column: e.column })?
            .lower()
            .clone();
        Ok(Self::Coefficients {
            coefficients: coefficients.clone(),
            lower,
            shape,
            references: calibration.parameters.references,
        })
    }

    /// Which fit this is.
    pub fn source(&self) -> SamplingSource {
        match self {
            Self::BaseRate { .. } => SamplingSource::Totals,
            Self::Coefficients { .. } => SamplingSource::StopLog,
        }
    }

    /// One draw.
    pub fn draw(&self, rng: &mut ChaCha8Rng) -> Result<DemandDraw, SamplingError> {
        match self {
            Self::BaseRate { log_sd } => Ok(DemandDraw::BaseRateFactor((log_sd * normal(rng)).exp())),
            Self::Coefficients {
                coefficients,
                lower,
                shape,
                references,
            } => {
                let z: Vec<f64> = (0..lower.dim()).map(|_| normal(rng)).collect();
                let drawn: Vec<f64> = coefficients
                    .estimates()
                    .iter()
                    .enumerate()
                    .map(|(i, b)| b + (0..=i).map(|j| lower.get(i, j) * z[j]).sum::<f64>())
                    .collect();
                let drawn = Coefficients::new(coefficients.names().to_vec(), drawn, coefficients.covariance().clone());
                let shape =
                    shape.map(|s| ShapeEstimate::from_log(s.k.ln() + s.ln_k_std_error * normal(rng), s.ln_k_std_error));
                let p = DemandParameters::from_fit(&drawn, shape.as_ref(), *references)?;
                Ok(DemandDraw::Parameters(DrawnDemand {
                    base_rate: p.base_rate.estimate,
                    reference_dwell_hours: p.references.dwell_ref_hours,
                    population_elasticity: p.population_elasticity.map(|e| e.estimate),
                    dwell_exponent: p.dwell_exponent.map(|e| e.estimate),
                    distance_coef_per_km: p.distance_coef_per_km.map(|e| e.estimate),
                    venue_multipliers: p.venue_multipliers.iter().map(|(v, m)| (*v, m.estimate)).collect(),
                    dispersion_shape: p.dispersion_shape.map(|k| k.estimate),
                }))
            }
        }
    }
}

/// A standard normal variate.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    StandardNormal.sample(rng)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::synthetic::{SyntheticTruth, synthetic_log};
    use crate::calibration::{DemandTerms, calibrate_stop_log};
    use crate::stats::MeanAccumulator;
    use rand::SeedableRng;

    #[test]
    fn base_rate_draws_reproduce_the_interval() {
        let interval = IntervalEstimate {
            estimate: 9.2,
            ci95_low: 7.7,
            ci95_high: 11.1,
        };
        let sampling = InputSampling::from_base_rate_interval(&interval).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let n = 20_000;
        let inside = (0..n)
            .filter(|_| match sampling.draw(&mut rng).unwrap() {
                DemandDraw::BaseRateFactor(f) => {
                    let b = f * (7.7f64 * 11.1).sqrt();
                    (7.7..=11.1).contains(&b)
                }
                DemandDraw::Parameters(_) => false,
            })
            .count();
        // 95 % of draws of the geometric centre fall in the interval; 99.9 % binomial band
        // 0.95 ± 3.29 × √(0.95 × 0.05 / 20,000) = 0.95 ± 0.0051.
        let share = inside as f64 / f64::from(n);
        assert!((share - 0.95).abs() < 0.0051, "{share}");
    }

    #[test]
    fn stop_log_draws_centre_on_the_fit_and_spread_by_its_standard_errors() {
        let truth = SyntheticTruth::reference();
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let log = synthetic_log(&truth, None, &mut rng);
        let references = DemandReferences::with_dwell(truth.dwell_ref_hours);
        let fit = calibrate_stop_log(&log.stops, &log.counts, DemandTerms::default(), references).unwrap();
        let sampling = InputSampling::from_stop_log(&fit).unwrap();
        let elasticity = fit.poisson.coefficients.interval(super::super::LN_POPULATION).unwrap();
        let mut acc = MeanAccumulator::default();
        for _ in 0..4000 {
            let DemandDraw::Parameters(d) = sampling.draw(&mut rng).unwrap() else {
                panic!("a stop-log draw")
            };
            acc.push(d.population_elasticity.unwrap());
        }
        // Mean within 3.29 standard errors of the mean (99.9 %), and the spread within 5 % of the
        // fit's standard error (the sd of 4,000 normal draws has a relative error of 1.1 %).
        let se_of_mean = elasticity.std_error / 4000f64.sqrt();
        assert!(
            (acc.mean() - elasticity.estimate).abs() < 3.29 * se_of_mean,
            "{}",
            acc.mean()
        );
        let ratio = acc.variance().sqrt() / elasticity.std_error;
        assert!((ratio - 1.0).abs() < 0.05, "{ratio}");
    }
}
