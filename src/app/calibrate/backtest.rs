//! The back-test: the scenario simulated with its calibrated parameters, and the season totals the
//! figures describe compared with the published figures.

use super::CalibrateOptions;
use super::simulate::simulate_totals;
use super::totals::TotalsStudy;
use crate::app::AppError;
use crate::calibration::ReportedFigure;
use crate::experiment::TotalSummary;
use crate::report::calibration::{BacktestReport, BacktestRow};
use crate::scenario::ScenarioText;

/// Simulates the calibrated scenario and compares its totals with the published figures.
pub fn backtest(
    text: &ScenarioText,
    study: &TotalsStudy,
    options: &CalibrateOptions,
) -> Result<BacktestReport, AppError> {
    let c = &study.calibration;
    let simulated = simulate_totals(text, &study.targets, c, options)?;
    let f = &study.targets.figures;
    let row = |target: &str, figure: ReportedFigure, simulated: TotalSummary| {
        let (published_low, published_high) = figure.range();
        BacktestRow {
            target: target.to_string(),
            published: figure.label(),
            published_low,
            published_high,
            simulated,
        }
    };
    let parameters = [
        ("base_rate", c.base_rate.estimate),
        ("errands_per_client", c.errands_per_client.estimate),
        ("information_share", c.information_share.estimate),
    ];
    Ok(BacktestReport {
        replications: simulated.settings.replications,
        seed: simulated.settings.seed,
        parameters: parameters.map(|(k, v)| (k.to_string(), v)).to_vec(),
        rows: vec![
            row("year uses", f.year_uses, simulated.year_uses),
            row("tour clients (served)", f.tour_clients, simulated.tour_served),
            row("tour cases", f.tour_cases, simulated.tour_cases),
            row(
                "tour information-only uses",
                f.tour_information_uses,
                simulated.tour_information_uses,
            ),
        ],
        tour_arrivals: simulated.tour_arrivals,
    })
}
