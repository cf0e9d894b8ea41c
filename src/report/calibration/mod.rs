//! Calibration reports: the totals calibration with its sensitivity and back-test, and the stop-log
//! fit, as terminal text, `calibration.csv` (and companions), `calibration.json` and the chart.

mod backtest;
mod chart;
mod files;
mod format;
mod sensitivity;
mod stop_log;
mod totals;

pub use backtest::{render_backtest_csv, render_backtest_text};
pub use chart::{render_backtest_chart, render_stop_log_chart};
pub use files::{CalibrationMeta, render_calibration_json, render_stop_log_json};
pub use sensitivity::{render_sensitivity_csv, render_sensitivity_text};
pub use stop_log::{render_stop_log_csv, render_stop_log_text};
pub use totals::{more_than_sentence, render_totals_csv, render_totals_text};

#[cfg(test)]
pub(crate) use backtest::BACKTEST_COLUMNS;
pub(crate) use format::figure_name;
#[cfg(test)]
pub(crate) use sensitivity::SENSITIVITY_COLUMNS;
#[cfg(test)]
pub(crate) use stop_log::STOP_LOG_COLUMNS;
#[cfg(test)]
pub(crate) use totals::TOTALS_COLUMNS;
