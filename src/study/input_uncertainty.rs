//! A season with parameter uncertainty: the demand parameters drawn from a calibration's sampling distribution, each draw simulated.
//!
//! The fit is the stop-log regression of the scenario's `uncertainty.stop_log` (coefficients and
//! negative-binomial shape), or else the totals calibration of the embedded 2019 baseline to the
//! 2019 figures (base rate). See docs/uncertainty.md for the method.

use std::sync::atomic::{AtomicU32, Ordering};

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

use super::calibration::{calibrate_with, fit_log};
use super::{CalibrateError, Progress, SimulationOverrides, StudyError, season_model, stage};
use crate::calibration::{DemandDraw, InputSampling, SamplingError, SamplingSource};
use crate::demand::{SettlementTable, StopLog};
use crate::experiment::{DrawnSeason, InputUncertaintyResults, run_input_draws};
use crate::scenario::{CalibrationTargets, ParsedScenario, ScenarioOverrides, ScenarioText, Season, VenueOverrides};

/// Mixed into the run's seed for the outer draws, so that their random numbers are apart from the
/// replications' (any fixed odd constant would do; this one spells "input unc" in ASCII).
const DRAW_SEED_SALT: u64 = 0x696E_7075_7420_756E;

/// Key prefix of the problems a drawn value can cause (a value outside what `[demand]` allows).
const DEMAND_SECTION: &str = "demand.";

/// Draws of one outer draw that may fall outside the scenario's allowed values (elasticity and dwell
/// exponent 0–1, shape ≥ 0.1, …) before the run gives up: the draws are from the sampling
/// distribution truncated to the allowed values (rejection), and a fit whose distribution lies
/// mostly outside them is refused rather than drawn from for minutes. 1,000 rejections in a row
/// happen with probability below 10⁻⁴ when at least 1 % of the distribution is allowed.
const MAX_ATTEMPTS_PER_DRAW: u32 = 1000;

/// The fit the draws come from, with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFit {
    pub sampling: InputSampling,
    /// The log file, or the totals fit's scenario and figures, as people read it.
    pub origin: String,
}

impl InputFit {
    /// The base rate's sampling distribution of the totals calibration of the embedded 2019
    /// baseline to its published figures (the fit the shipped scenarios' base rate comes from).
    pub fn totals_2019() -> Result<Self, StudyError> {
        let text = ScenarioText::embedded_2019_baseline().parse();
        let season = text.resolve(None)?;
        let targets = season
            .calibration
            .clone()
            .unwrap_or_else(CalibrationTargets::published_2019);
        let fit = calibrate_with(
            &text,
            &targets,
            &ScenarioOverrides::default(),
            season.demand.dispersion_shape,
        )?;
        let sampling = InputSampling::from_totals(&fit).map_err(|source| CalibrateError::Sampling {
            fit: text.origin().to_string(),
            source,
        })?;
        Ok(Self {
            sampling,
            origin: text.origin().to_string(),
        })
    }

    /// The coefficients' and shape's sampling distribution of the regression fitted to `log`.
    pub fn stop_log(log: &StopLog, table: &SettlementTable) -> Result<Self, StudyError> {
        let report = fit_log(log, table)?;
        let sampling =
            InputSampling::from_stop_log(&report.calibration).map_err(|source| CalibrateError::Sampling {
                fit: log.file.clone(),
                source,
            })?;
        Ok(Self {
            sampling,
            origin: log.file.clone(),
        })
    }
}

/// What a run with parameter uncertainty adds to the run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputUncertaintyStudy {
    /// Which kind of fit the draws come from.
    pub source: SamplingSource,
    /// The fit's file or scenario.
    pub origin: String,
    /// Draws redrawn because they fell outside the scenario's allowed values (over all outer draws).
    pub redrawn: u32,
    pub results: InputUncertaintyResults,
}

/// Simulates `draws` outer draws of the demand parameters of `season` (resolved from `text`), each
/// with `inner` replications under its own seed derived from the run's.
pub fn simulate_input_uncertainty(
    text: &ParsedScenario,
    season: &Season,
    fit: &InputFit,
    draws: u32,
    inner: u32,
    overrides: &SimulationOverrides,
    progress: &dyn Progress,
) -> Result<InputUncertaintyStudy, StudyError> {
    let settings = overrides.settings(&season.simulation);
    let base_rate = season.demand.model.base_rate;
    let redrawn = AtomicU32::new(0);
    let sampling_error = |source| CalibrateError::Sampling {
        fit: fit.origin.clone(),
        source,
    };
    let drawn = |d: u32| -> Result<DrawnSeason, StudyError> {
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed ^ DRAW_SEED_SALT);
        rng.set_stream(u64::from(d));
        let seed: u64 = rng.random();
        for attempt in 0..MAX_ATTEMPTS_PER_DRAW {
            let draw = fit.sampling.draw(&mut rng).map_err(sampling_error)?;
            match text.resolve_with(None, &draw_overrides(&draw, base_rate)) {
                Ok(season) => {
                    redrawn.fetch_add(attempt, Ordering::Relaxed);
                    return Ok(DrawnSeason {
                        model: season_model(&season)?,
                        seed,
                    });
                }
                Err(e) if e.diagnostics.iter().all(|p| p.key.starts_with(DEMAND_SECTION)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(sampling_error(SamplingError::OutsideParameterSpace {
            attempts: MAX_ATTEMPTS_PER_DRAW,
        })
        .into())
    };
    let results = stage(progress, u64::from(draws) * u64::from(inner), |n| {
        run_input_draws(draws, inner, &settings, drawn, n)
    })?;
    Ok(InputUncertaintyStudy {
        source: fit.sampling.source(),
        origin: fit.origin.clone(),
        redrawn: redrawn.into_inner(),
        results,
    })
}

/// The scenario keys a draw replaces; `base_rate` is the scenario's own (a totals draw scales it).
fn draw_overrides(draw: &DemandDraw, base_rate: f64) -> ScenarioOverrides {
    match draw {
        DemandDraw::BaseRateFactor(f) => ScenarioOverrides {
            base_rate: Some(base_rate * f),
            ..ScenarioOverrides::default()
        },
        DemandDraw::Parameters(p) => {
            let mut venue = VenueOverrides::default();
            for &(v, m) in &p.venue_multipliers {
                venue.set(v, m);
            }
            ScenarioOverrides {
                base_rate: Some(p.base_rate),
                population_elasticity: p.population_elasticity,
                dwell_exponent: p.dwell_exponent,
                distance_coef_per_km: p.distance_coef_per_km,
                reference_dwell_hours: Some(p.reference_dwell_hours),
                dispersion_shape: p.dispersion_shape,
                venue,
                ..ScenarioOverrides::default()
            }
        }
    }
}
