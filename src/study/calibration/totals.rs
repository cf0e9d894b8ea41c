//! The totals calibration of a scenario: each stop's relative demand (the scenario resolved with
//! base_rate = 1), the fit to the published figures, and the report with its TOML block.

use serde::Serialize;

use super::backtest::BacktestReport;
use super::sensitivity::SensitivityRow;
use super::simulate::simulate_totals;
use crate::calibration::{
    IntervalEstimate, StopDemand, TotalsCalibration, calibrate_season_totals, render_totals_toml,
};
use crate::experiment::TotalSummary;
use crate::scenario::{
    CalibrationTargets, DemandOrigin, DemandRules, ParsedScenario, ScenarioOverrides, Season, SeasonStop,
};
use crate::study::{CalibrateError, Progress, SimulationOverrides, StudyError};

/// A scenario calibrated to its published totals.
#[derive(Debug, Clone)]
pub struct TotalsStudy {
    /// The scenario as written.
    pub season: Season,
    /// The figures (the scenario's `[calibration]`, or the 2019 defaults).
    pub targets: CalibrationTargets,
    /// The scenario's demand model and dispersion: what the base rate is fitted under.
    pub demand: DemandRules,
    /// The calibration, its base rate corrected for the clients who leave unserved.
    pub calibration: TotalsCalibration,
    /// How the base rate was corrected.
    pub loss: LossCorrection,
}

/// Calibrates the scenario's base rate, errands per client and information share to its figures: first
/// as if every arriving client were served, then corrected by the share of arrivals the simulated
/// seasons lose to balking and reneging (the published figures count clients served).
pub fn calibrate_scenario(
    text: &ParsedScenario,
    overrides: &SimulationOverrides,
    progress: &dyn Progress,
) -> Result<TotalsStudy, StudyError> {
    let season = text.resolve(None)?;
    let targets = season
        .calibration
        .clone()
        .unwrap_or_else(CalibrationTargets::published_2019);
    let demand = season.demand.clone();
    let arrivals = calibrate_with(text, &targets, &ScenarioOverrides::default(), demand.dispersion_shape)?;
    let simulated = simulate_totals(text, &targets, &arrivals, overrides, progress)?;
    let lost_share = 1.0 - simulated.tour_served.mean / simulated.tour_arrivals.mean;
    let loss = LossCorrection {
        arrival_base_rate: arrivals.base_rate,
        tour_arrivals: simulated.tour_arrivals,
        tour_served: simulated.tour_served,
        lost_share,
        replications: simulated.settings.replications,
        seed: simulated.settings.seed,
    };
    Ok(TotalsStudy {
        season,
        targets,
        demand,
        calibration: arrivals.with_lost_share(lost_share),
        loss,
    })
}

/// The totals calibration of the scenario with some of its demand parameters replaced (`overrides`;
/// its base rate is replaced by 1 to get the relative demands); `dispersion_shape` widens the base
/// rate's interval.
pub fn calibrate_with(
    text: &ParsedScenario,
    targets: &CalibrationTargets,
    overrides: &ScenarioOverrides,
    dispersion_shape: Option<f64>,
) -> Result<TotalsCalibration, StudyError> {
    let unit = text.resolve_with(
        None,
        &ScenarioOverrides {
            base_rate: Some(1.0),
            ..*overrides
        },
    )?;
    let year: Vec<StopDemand> = unit.stops.iter().map(stop_demand).collect();
    let tour: Vec<StopDemand> = unit
        .stops
        .iter()
        .filter(|s| targets.in_tour(s.date))
        .map(stop_demand)
        .collect();
    calibrate_season_totals(&targets.figures, &year, &tour, dispersion_shape).map_err(|source| {
        CalibrateError::Totals {
            scenario: text.origin().to_string(),
            source,
        }
        .into()
    })
}

/// A stop of a season resolved with base_rate = 1: relative demand for the demand model's stops,
/// fixed expected clients for stops whose demand the scenario gives.
fn stop_demand(stop: &SeasonStop) -> StopDemand {
    match stop.demand_origin {
        DemandOrigin::Model { .. } => StopDemand::Relative(stop.expected_clients),
        DemandOrigin::GivenClients | DemandOrigin::GivenRate { .. } => StopDemand::Fixed(stop.expected_clients),
    }
}

/// The demand parameters the totals cannot identify, with the values the base rate was fitted under.
pub fn held_values(demand: &DemandRules) -> Vec<(String, f64)> {
    let m = &demand.model;
    [
        ("population_elasticity", m.population_elasticity),
        ("dwell_exponent", m.dwell_exponent),
        ("distance_coef_per_km", m.distance_coef_per_km),
        ("reference_dwell_hours", m.reference_dwell_hours),
    ]
    .map(|(k, v)| (k.to_string(), v))
    .to_vec()
}

/// The report of a study: its TOML block (with where it comes from) and the tables.
pub fn study_report(
    text: &ParsedScenario,
    study: &TotalsStudy,
    sensitivity: Vec<SensitivityRow>,
    backtest: Option<BacktestReport>,
) -> TotalsReport {
    let held = held_values(&study.demand);
    let f = &study.targets.figures;
    let provenance = format!(
        "Calibrated by `ablakbusz calibrate` to the published figures of {} ({}):\n\
         tour {} to {} ({} stops): clients {}, cases {}, information-only uses {}; year ({} stops): uses {}.\n\
         base_rate holds for this scenario's venue and month multipliers and the held values below; it is\n\
         raised by {:.2} % for the clients the simulated seasons lose to balking and reneging.",
        study.season.name,
        text.origin(),
        study.targets.tour_from,
        study.targets.tour_to,
        f.tour_stops,
        f.tour_clients.label(),
        f.tour_cases.label(),
        f.tour_information_uses.label(),
        f.year_stops,
        f.year_uses.label(),
        100.0 * (study.calibration.base_rate.estimate / study.loss.arrival_base_rate.estimate - 1.0),
    );
    let held_keys: Vec<(&str, f64)> = held.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    TotalsReport {
        scenario: study.season.name.clone(),
        origin: text.origin().to_string(),
        targets: study.targets.clone(),
        calibration: study.calibration.clone(),
        loss: study.loss,
        toml_block: render_totals_toml(&study.calibration, &provenance, &held_keys),
        held,
        sensitivity,
        backtest,
    }
}

/// Everything `ablakbusz calibrate` found for a scenario's published totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsReport {
    /// Scenario name (names the output folder).
    pub scenario: String,
    /// Where the scenario was read from.
    pub origin: String,
    pub targets: CalibrationTargets,
    /// The calibration, its base rate corrected for the clients lost (see `loss`).
    pub calibration: TotalsCalibration,
    pub loss: LossCorrection,
    /// Demand parameters held at the scenario's values while fitting: (key, value).
    pub held: Vec<(String, f64)>,
    /// The TOML block a scenario can include.
    pub toml_block: String,
    /// The base rate and the 2020 prediction under other values of the held parameters.
    pub sensitivity: Vec<SensitivityRow>,
    pub backtest: Option<BacktestReport>,
}

/// The correction of the base rate for clients who arrive but leave unserved (balking, reneging):
/// the published figures count clients served, the demand model clients arriving.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LossCorrection {
    /// The base rate that makes expected arrivals match the published clients.
    pub arrival_base_rate: IntervalEstimate,
    /// The tour's arrivals in seasons simulated with that base rate.
    pub tour_arrivals: TotalSummary,
    /// The tour's clients served in those seasons.
    pub tour_served: TotalSummary,
    /// 1 − served / arrivals (pooled over the seasons).
    pub lost_share: f64,
    pub replications: u32,
    pub seed: u64,
}
