//! `ablakbusz calibrate`: demand parameters from a season's published totals (with their sensitivity to
//! the parameters totals cannot identify, and an optional back-test), or from a stop log.

mod log;

use std::path::PathBuf;

use super::AppError;
use super::output::{check_writable, output_dir, write_results, written_line};
use super::progress::ProgressBars;
use crate::app::terminal::{say, sayln};
use crate::report::calibration::{
    CalibrationMeta, render_backtest_chart, render_backtest_csv, render_calibration_json, render_sensitivity_csv,
    render_totals_csv, render_totals_text,
};
use crate::report::lang::Lang;
use crate::report::{OutputFile, RunAbout};
use crate::scenario::{self, ScenarioText};
use crate::stats::CONFIDENCE_LEVEL;
pub use crate::study::CalibrateError;
use crate::study::SimulationOverrides;
use crate::study::calibration::{backtest, calibrate_scenario, sensitivity, study_report};

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
    /// `--set KEY=VALUE` values laid over the scenario.
    pub settings: Vec<scenario::Setting>,
}

impl CalibrateOptions {
    /// The replications, seed and threads given on the command line.
    pub fn simulation(&self) -> SimulationOverrides {
        SimulationOverrides {
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        }
    }
}

/// Runs `ablakbusz calibrate`: prints the report and writes the output files.
pub fn calibrate(options: &CalibrateOptions, lang: Lang) -> Result<(), AppError> {
    if let Some(path) = &options.log {
        if options.scenario.is_some() || options.backtest || !options.settings.is_empty() {
            return Err(CalibrateError::ScenarioWithLog.into());
        }
        return log::calibrate_log(path, options, lang);
    }
    let text = match &options.scenario {
        Some(path) => ScenarioText::read(path)?,
        None => ScenarioText::embedded_2019_baseline(),
    }
    .with_settings(&options.settings)
    .parse();
    // The default folder is named after the calibrated season, known only afterwards.
    if let Some(out) = &options.out {
        check_writable(out)?;
    }
    let progress = ProgressBars::new(options.quiet, lang);
    let study = calibrate_scenario(&text, &options.simulation(), &progress)?;
    let sensitivity = sensitivity(&text, &study)?;
    let backtest = if options.backtest {
        Some(backtest(&text, &study, &options.simulation(), &progress)?)
    } else {
        None
    };
    let report = study_report(&text, &study, sensitivity, backtest);
    let meta = CalibrationMeta {
        version: env!("CARGO_PKG_VERSION"),
        source: text.origin().to_string(),
        scenario_digest: Some(scenario::digest(&study.season)),
        confidence_level: CONFIDENCE_LEVEL,
    };
    let mut files = vec![
        OutputFile::text("calibration.csv", render_totals_csv(lang, &report)?),
        OutputFile::text("sensitivity.csv", render_sensitivity_csv(lang, &report.sensitivity)?),
        OutputFile::text("calibration.json", render_calibration_json(&meta, &report)?),
    ];
    if let Some(b) = &report.backtest {
        files.push(OutputFile::text("backtest.csv", render_backtest_csv(lang, b)?));
        files.extend(render_backtest_chart(lang, b)?);
    }
    let dir = output_dir(options.out.as_deref(), &report.scenario);
    let about = RunAbout {
        command: "calibrate".into(),
        // The scenario's name, not the path it was given by, so the workbook does not depend on
        // where the files live.
        source: report.scenario.clone(),
        digest: meta.scenario_digest.clone(),
        ..RunAbout::default()
    };
    let files = write_results(&dir, files, lang, &about)?;
    if !options.quiet {
        say!("{}", render_totals_text(lang, &report)?);
        sayln!("\n{}", written_line(lang, &dir, &files)?);
    }
    Ok(())
}
