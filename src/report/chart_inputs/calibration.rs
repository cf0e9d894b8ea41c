//! The calibration chart's input from a back-test: the simulated totals against the published figures.

use crate::report::calibration::BacktestReport;
use crate::report::charts::{CalibrationComparison, CalibrationItem};
use crate::stats::Estimate;

/// One item per back-test row: the simulated mean with its 95 % half-width, and the published
/// figure (its lower end; a "more than" figure is marked as a lower bound).
pub fn calibration_input(backtest: &BacktestReport) -> CalibrationComparison {
    let items = backtest
        .rows
        .iter()
        .map(|row| CalibrationItem {
            label: row.target.clone(),
            model: Estimate {
                mean: row.simulated.mean,
                ci95: row.simulated.ci95,
                n: u64::from(backtest.replications),
            },
            target: row.published_low as f64,
            target_is_lower_bound: row.published_high > row.published_low,
        })
        .collect();
    CalibrationComparison {
        subtitle: Some(format!(
            "back-test: {} simulated seasons, seed {}",
            backtest.replications, backtest.seed
        )),
        items,
    }
}
