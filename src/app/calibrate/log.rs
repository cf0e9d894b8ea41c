//! `ablakbusz calibrate --log`: the demand regression fitted to a stop log, with its report and files.

use std::path::Path;

use super::{CalibrateError, CalibrateOptions};
use crate::app::AppError;
use crate::app::output::{output_dir, write_results, written_line};
use crate::app::terminal::{say, sayln};
use crate::demand::{SettlementTable, read_stop_log};
use crate::report::calibration::{
    CalibrationMeta, render_stop_log_chart, render_stop_log_csv, render_stop_log_json, render_stop_log_text,
};
use crate::report::lang::Lang;
use crate::report::{OutputFile, RunAbout};
use crate::stats::CONFIDENCE_LEVEL;
use crate::study::calibration::fit_log;

/// Fits the stop log at `path` (settlements from the embedded table) and reports.
pub(super) fn calibrate_log(path: &Path, options: &CalibrateOptions, lang: Lang) -> Result<(), AppError> {
    let table = SettlementTable::embedded();
    let log = read_stop_log(path, table).map_err(CalibrateError::from)?;
    let report = fit_log(&log, table)?;
    let meta = CalibrationMeta {
        version: env!("CARGO_PKG_VERSION"),
        source: log.file.clone(),
        scenario_digest: None,
        confidence_level: CONFIDENCE_LEVEL,
    };
    let chart = render_stop_log_chart(lang, &report)?;
    let mut files = vec![
        OutputFile::text("calibration.csv", render_stop_log_csv(lang, &report)?),
        OutputFile::text("calibration.json", render_stop_log_json(&meta, &report)?),
    ];
    files.extend(chart);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("stop-log");
    let dir = output_dir(options.out.as_deref(), stem);
    let about = RunAbout {
        command: "calibrate --log".into(),
        // The log's file name, not the path it was given by (the workbook must not depend on
        // where the files live).
        source: stem.to_string(),
        ..RunAbout::default()
    };
    let files = write_results(&dir, files, lang, &about)?;
    if !options.quiet {
        say!("{}", render_stop_log_text(lang, &report)?);
        sayln!("\n{}", written_line(lang, &dir, &files)?);
    }
    Ok(())
}
