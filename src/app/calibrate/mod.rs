//! `ablakbusz calibrate`: demand parameters from a season's published totals (with their sensitivity to
//! the parameters totals cannot identify, and an optional back-test), or from a stop log.

mod backtest;
mod log;
mod sensitivity;
mod simulate;
mod totals;

use std::path::PathBuf;

pub use backtest::backtest;
pub use log::fit_log;
pub use sensitivity::{DWELL_EXPONENT_GRID, ELASTICITY_GRID, sensitivity};
pub use simulate::{SimulatedTotals, simulate_totals};
pub use totals::{TotalsStudy, calibrate_scenario, calibrate_with, held_values, study_report};

use super::AppError;
use crate::calibration::{StopLogError, TotalsError};
use crate::demand::LogFileError;
use crate::report::calibration::{
    CalibrationMeta, render_backtest_csv, render_calibration_json, render_sensitivity_csv, render_totals_csv,
    render_totals_text,
};
use crate::report::lang::Lang;
use crate::report::{OutputFile, write_outputs};
use crate::scenario::{self, ScenarioText};
use crate::stats::CONFIDENCE_LEVEL;

/// `ablakbusz calibrate` options.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CalibrateOptions {
    /// The scenario the published totals describe; `None`: the embedded 2019 baseline.
    pub scenario: Option<PathBuf>,
    /// Fit this stop log instead of the totals.
    pub log: Option<PathBuf>,
    /// Simulate the calibrated scenario and compare it with the published totals.
    pub backtest: bool,
    /// Replications of the back-test (default: the scenario's).
    pub replications: Option<u32>,
    /// Seed of the back-test (default: the scenario's).
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    /// Output folder; default `output/<scenario-name>/` (`output/<log-file-stem>/` for a log).
    pub out: Option<PathBuf>,
    /// No progress bar and no printed report (the files are still written).
    pub quiet: bool,
}

/// Why a calibration failed (all bad input: exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum CalibrateError {
    #[error(transparent)]
    LogFile(#[from] LogFileError),
    #[error("{file}: the stop log cannot be fitted: {source}")]
    StopLogFit { file: String, source: StopLogError },
    #[error(
        "{scenario}: cannot calibrate to the published figures: {source}\n  help: a [calibration] section in the \
         scenario gives the figures and the tour's dates (see the README's scenario format); without one, the 2019 figures are used"
    )]
    Totals { scenario: String, source: TotalsError },
    #[error("give either a scenario or --log: a stop log is calibrated on its own")]
    ScenarioWithLog,
}

/// Runs `ablakbusz calibrate`: prints the report and writes the output files.
pub fn calibrate(options: &CalibrateOptions) -> Result<(), AppError> {
    if let Some(path) = &options.log {
        if options.scenario.is_some() || options.backtest {
            return Err(CalibrateError::ScenarioWithLog.into());
        }
        return log::calibrate_log(path, options);
    }
    let text = match &options.scenario {
        Some(path) => ScenarioText::read(path)?,
        None => ScenarioText::embedded_2019_baseline(),
    };
    let study = calibrate_scenario(&text, options)?;
    let sensitivity = sensitivity(&text, &study)?;
    let backtest = match options.backtest {
        true => Some(backtest(&text, &study, options)?),
        false => None,
    };
    let report = study_report(&text, &study, sensitivity, backtest);
    let meta = CalibrationMeta {
        version: env!("CARGO_PKG_VERSION"),
        source: text.origin.to_string(),
        scenario_digest: Some(scenario::digest(&study.season)),
        confidence_level: CONFIDENCE_LEVEL,
    };
    let mut files = vec![
        OutputFile::text("calibration.csv", render_totals_csv(&report)?),
        OutputFile::text("sensitivity.csv", render_sensitivity_csv(&report.sensitivity)?),
        OutputFile::text("calibration.json", render_calibration_json(&meta, &report)?),
    ];
    if let Some(b) = &report.backtest {
        files.push(OutputFile::text("backtest.csv", render_backtest_csv(b)?));
        let chart =
            crate::report::charts::calibration_chart(&crate::report::chart_inputs::calibration_input(b), Lang::En)
                .map_err(crate::report::page::ReportError::from)?;
        files.extend(chart.files());
    }
    let dir = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&report.scenario));
    write_outputs(&dir, &files)?;
    if !options.quiet {
        print!("{}", render_totals_text(&report));
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        println!("\nWritten to {}/ ({})", dir.display(), names.join(", "));
    }
    Ok(())
}
