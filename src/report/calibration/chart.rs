//! The calibration chart of a back-test or a stop-log fit: the model against the observed figures.

use crate::report::OutputFile;
use crate::report::chart_inputs::{calibration_input, stop_log_calibration_input};
use crate::report::charts::calibration_chart;
use crate::report::lang::Lang;
use crate::report::page::ReportError;
use crate::study::calibration::{BacktestReport, StopLogReport};

/// `calibration.png` and `calibration.svg` of a back-test: the simulated totals against the
/// published figures.
pub fn render_backtest_chart(lang: Lang, backtest: &BacktestReport) -> Result<[OutputFile; 2], ReportError> {
    Ok(calibration_chart(&calibration_input(lang, backtest)?, lang)?.files())
}

/// `calibration.png` and `calibration.svg` of a stop-log fit: the fitted demand against the log.
pub fn render_stop_log_chart(lang: Lang, report: &StopLogReport) -> Result<[OutputFile; 2], ReportError> {
    Ok(calibration_chart(&stop_log_calibration_input(lang, report)?, lang)?.files())
}
