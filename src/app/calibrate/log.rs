//! `ablakbusz calibrate --log`: the demand regression fitted to a stop log, with its report and files.

use std::path::{Path, PathBuf};

use super::{CalibrateError, CalibrateOptions};
use crate::app::AppError;
use crate::calibration::{
    DemandReferences, DemandTerms, StopCovariates, calibrate_stop_log, estimate_errands, render_demand_toml,
    render_errands_toml,
};
use crate::demand::model::DEFAULT_REFERENCE_DWELL_HOURS;
use crate::demand::{SettlementTable, StopLog, read_stop_log};
use crate::report::calibration::{
    CalibrationMeta, StopLogReport, render_stop_log_csv, render_stop_log_json, render_stop_log_text,
};
use crate::report::{OutputFile, write_outputs};
use crate::stats::CONFIDENCE_LEVEL;

/// Fits the stop log at `path` (settlements from the embedded table) and reports.
pub fn calibrate_log(path: &Path, options: &CalibrateOptions) -> Result<(), AppError> {
    let table = SettlementTable::embedded();
    let log = read_stop_log(path, table).map_err(CalibrateError::from)?;
    let report = fit_log(&log, table)?;
    let meta = CalibrationMeta {
        version: env!("CARGO_PKG_VERSION"),
        source: log.file.clone(),
        scenario_digest: None,
        confidence_level: CONFIDENCE_LEVEL,
    };
    let chart = crate::report::charts::calibration_chart(
        &crate::report::chart_inputs::stop_log_calibration_input(&report),
        crate::report::lang::Lang::En,
    )
    .map_err(crate::report::page::ReportError::from)?;
    let mut files = vec![
        OutputFile::text("calibration.csv", render_stop_log_csv(&report)?),
        OutputFile::text("calibration.json", render_stop_log_json(&meta, &report)?),
    ];
    files.extend(chart.files());
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("stop-log");
    let dir = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(stem));
    write_outputs(&dir, &files)?;
    if !options.quiet {
        print!("{}", render_stop_log_text(&report));
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        println!("\nWritten to {}/ ({})", dir.display(), names.join(", "));
    }
    Ok(())
}

/// The regression, the errand estimates and the TOML block of a checked log.
pub fn fit_log(log: &StopLog, table: &SettlementTable) -> Result<StopLogReport, AppError> {
    let covariates = log.covariates(table);
    let (terms, references, notes) = terms_for(&covariates);
    let fit_error = |source| CalibrateError::StopLogFit {
        file: log.file.clone(),
        source,
    };
    let calibration = calibrate_stop_log(&covariates, &log.clients(), terms, references).map_err(fit_error)?;
    let errands = match log.errand_totals() {
        Some(t) => Some(
            estimate_errands(t.clients, t.cases, t.information_only).map_err(|source| CalibrateError::Totals {
                scenario: log.file.clone(),
                source,
            })?,
        ),
        None => None,
    };
    let provenance = format!(
        "Fitted by `ablakbusz calibrate --log` to {} ({} stops) by maximum likelihood.",
        log.file,
        log.stops.len()
    );
    let mut toml_block = render_demand_toml(&calibration.parameters, &provenance);
    if let Some(e) = &errands {
        toml_block.push('\n');
        toml_block.push_str(&render_errands_toml(e));
    }
    Ok(StopLogReport {
        file: log.file.clone(),
        stops: log.stops.len(),
        clients: log.stops.iter().map(|s| s.clients).sum(),
        notes,
        calibration,
        errands,
        toml_block,
    })
}

/// The regression's terms: a covariate that is the same at every stop cannot be estimated (it would
/// duplicate the intercept) and is left out, with a note; the base rate is then stated at its value.
fn terms_for(stops: &[StopCovariates]) -> (DemandTerms, DemandReferences, Vec<String>) {
    let constant = |value: fn(&StopCovariates) -> f64| {
        let first = stops.first().map(value);
        first.filter(|f| stops.iter().all(|s| value(s) == *f))
    };
    let mut notes = Vec::new();
    let mut terms = DemandTerms::default();
    let mut dwell_ref_hours = DEFAULT_REFERENCE_DWELL_HOURS;
    if let Some(dwell) = constant(|s| s.dwell_hours) {
        terms.dwell = false;
        dwell_ref_hours = dwell;
        notes.push(format!(
            "every stop stayed {dwell} h: the dwell exponent cannot be estimated, and base_rate is stated at {dwell} h"
        ));
    }
    if let Some(km) = constant(|s| s.distance_km) {
        terms.distance = false;
        notes.push(format!(
            "every stop is {km:.1} km from a permanent office: the distance effect cannot be estimated"
        ));
    }
    (terms, DemandReferences::with_dwell(dwell_ref_hours), notes)
}
