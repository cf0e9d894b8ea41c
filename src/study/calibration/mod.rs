//! Calibration studies: demand parameters from a season's published totals (corrected for the
//! clients lost, with their sensitivity to the parameters totals cannot identify, and a back-test),
//! or from a stop log (the regression, and the pending-needs pool from its repeat visits).

mod backtest;
mod pool_log;
mod sensitivity;
mod simulate;
mod stop_log;
mod totals;

pub use backtest::{BacktestReport, BacktestRow, backtest, backtest_name};
pub use pool_log::{PoolEstimateJson, PoolLogReport, fit_log_pool};
pub use sensitivity::{DWELL_EXPONENT_GRID, ELASTICITY_GRID, SensitivityRow, sensitivity};
pub use simulate::{SimulatedTotals, simulate_totals};
pub use stop_log::{StopLogReport, fit_log};
pub use totals::{
    LossCorrection, TotalsReport, TotalsStudy, calibrate_scenario, calibrate_with, held_values, study_report,
};
