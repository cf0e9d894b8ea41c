//! Sensitivity of the totals calibration to the two parameters the totals cannot identify: the base
//! rate refitted, and the 2020 plan's expected demand predicted, over a grid of held values.

use serde::Serialize;

use super::totals::{TotalsStudy, calibrate_with};
use crate::calibration::{IntervalEstimate, PublishedFigure};
use crate::scenario::{DemandOrigin, ParsedScenario, ScenarioOverrides, ScenarioText};
use crate::study::StudyError;

/// Population elasticities tried: sub-linear (DESIGN §4), around the assumed 0.5.
pub const ELASTICITY_GRID: [f64; 3] = [0.3, 0.5, 0.7];
/// Dwell exponents tried: the whole range, from a fixed pool per visit (0) to proportional to hours (1).
pub const DWELL_EXPONENT_GRID: [f64; 3] = [0.0, 0.5, 1.0];

/// One row per (elasticity, dwell exponent) of the grids, elasticity first. Each base rate is corrected
/// by the share of clients lost in the scenario's own simulated seasons (it changes little with the
/// held values: they move demand between stops, not the season's load).
pub fn sensitivity(text: &ParsedScenario, study: &TotalsStudy) -> Result<Vec<SensitivityRow>, StudyError> {
    let plan = ScenarioText::embedded_default().parse();
    let errands = study.calibration.errands_per_client.estimate;
    let own = &study.demand.model;
    let mut rows = Vec::with_capacity(ELASTICITY_GRID.len() * DWELL_EXPONENT_GRID.len());
    for population_elasticity in ELASTICITY_GRID {
        for dwell_exponent in DWELL_EXPONENT_GRID {
            let overrides = ScenarioOverrides {
                population_elasticity: Some(population_elasticity),
                dwell_exponent: Some(dwell_exponent),
                ..ScenarioOverrides::default()
            };
            let calibration = calibrate_with(text, &study.targets, &overrides, study.demand.dispersion_shape)?
                .with_lost_share(study.loss.lost_share);
            let (relative, fixed) = plan_demand(&plan, &overrides)?;
            let clients = |base: f64| base * relative + fixed;
            let b = calibration.base_rate;
            let year_uses_model = calibration
                .fit
                .iter()
                .find(|r| r.target == PublishedFigure::YearUses)
                .map_or(f64::NAN, |r| r.model);
            rows.push(SensitivityRow {
                population_elasticity,
                dwell_exponent,
                scenario_values: own.population_elasticity == population_elasticity
                    && own.dwell_exponent == dwell_exponent,
                base_rate: b,
                year_uses_model,
                plan_2020_clients: IntervalEstimate {
                    estimate: clients(b.estimate),
                    ci95_low: clients(b.ci95_low),
                    ci95_high: clients(b.ci95_high),
                },
                plan_2020_uses: clients(b.estimate) * errands,
            });
        }
    }
    Ok(rows)
}

/// The plan's expected clients as base × relative + fixed, with `overrides` applied.
fn plan_demand(plan: &ParsedScenario, overrides: &ScenarioOverrides) -> Result<(f64, f64), StudyError> {
    let unit = plan.resolve_with(
        None,
        &ScenarioOverrides {
            base_rate: Some(1.0),
            ..*overrides
        },
    )?;
    let (mut relative, mut fixed) = (0.0, 0.0);
    for stop in &unit.stops {
        match stop.demand_origin {
            DemandOrigin::Model { .. } => relative += stop.expected_clients,
            _ => fixed += stop.expected_clients,
        }
    }
    Ok((relative, fixed))
}

/// The calibration redone with one pair of held values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SensitivityRow {
    /// `demand.population_elasticity` held at this value.
    pub population_elasticity: f64,
    /// `demand.dwell_exponent` held at this value.
    pub dwell_exponent: f64,
    /// True for the scenario's own values.
    pub scenario_values: bool,
    /// The base rate fitted with these values, with its 95 % interval.
    pub base_rate: IntervalEstimate,
    /// The year's uses the calibrated model expects (the independent check), uses.
    pub year_uses_model: f64,
    /// Expected clients of the 2020 plan with this base rate and these values (interval from the base
    /// rate's), clients.
    pub plan_2020_clients: IntervalEstimate,
    /// Expected uses of the 2020 plan (clients × the fitted errands per client), uses.
    pub plan_2020_uses: f64,
}
