//! Calibration reports: the totals calibration with its sensitivity and back-test, and the stop-log
//! fit, as terminal text, `calibration.csv` (and companions) and `calibration.json`.

mod backtest;
mod csv_table;
mod files;
mod format;
mod sensitivity;
mod stop_log;
mod totals;

pub use backtest::{BacktestReport, BacktestRow, render_backtest_csv, render_backtest_text};
pub use files::{CalibrationMeta, render_calibration_json, render_stop_log_json};
pub use sensitivity::{SensitivityRow, render_sensitivity_csv, render_sensitivity_text};
pub use stop_log::{StopLogReport, render_stop_log_csv, render_stop_log_text};
pub use totals::{LossCorrection, TotalsReport, more_than_sentence, render_totals_csv, render_totals_text};
