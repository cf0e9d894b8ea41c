//! `calibration.json`: every calibration result with the run's metadata.

use serde::Serialize;

use crate::calibration::{
    ChosenModel, CoefficientRow, DemandParameters, DispersionTest, ErrandEstimates, FrequencyRow, GroupRow,
    LikelihoodRatioTest, ShapeEstimate,
};
use crate::study::calibration::{StopLogReport, TotalsReport};

/// What produced the results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationMeta {
    /// ablakbusz version.
    pub version: &'static str,
    /// The scenario or stop-log file calibrated.
    pub source: String,
    /// Digest of the resolved scenario (totals calibration only).
    pub scenario_digest: Option<String>,
    /// Confidence level of every interval.
    pub confidence_level: f64,
}

#[derive(Serialize)]
struct TotalsJson<'a> {
    meta: &'a CalibrationMeta,
    #[serde(flatten)]
    report: &'a TotalsReport,
}

/// `calibration.json` of a totals calibration (NaN and infinite values become null).
pub fn render_calibration_json(meta: &CalibrationMeta, report: &TotalsReport) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&TotalsJson { meta, report })
}

#[derive(Serialize)]
struct NegBinJson {
    shape: ShapeEstimate,
    lr_test: LikelihoodRatioTest,
    coefficients: Vec<CoefficientRow>,
}

#[derive(Serialize)]
struct StopLogJson<'a> {
    meta: &'a CalibrationMeta,
    file: &'a str,
    stops: usize,
    clients: u64,
    notes: &'a [String],
    poisson_coefficients: Vec<CoefficientRow>,
    dispersion: &'a DispersionTest,
    cameron_trivedi: &'a crate::calibration::CameronTrivediTest,
    negative_binomial: Option<NegBinJson>,
    chosen: ChosenModel,
    parameters: &'a DemandParameters,
    frequencies: &'a [FrequencyRow],
    by_venue: &'a [GroupRow],
    by_fitted_mean: &'a [GroupRow],
    errands: Option<ErrandEstimates>,
    toml_block: &'a str,
    /// The pending-needs pool from the log's repeat visits.
    pending_needs: &'a crate::study::calibration::PoolLogReport,
}

/// `calibration.json` of a stop-log calibration.
pub fn render_stop_log_json(meta: &CalibrationMeta, report: &StopLogReport) -> serde_json::Result<String> {
    let c = &report.calibration;
    serde_json::to_string_pretty(&StopLogJson {
        meta,
        file: &report.file,
        stops: report.stops,
        clients: report.clients,
        notes: &report.notes,
        poisson_coefficients: c.poisson.coefficients.rows(),
        dispersion: &c.dispersion,
        cameron_trivedi: &c.cameron_trivedi,
        negative_binomial: c.negbin.as_ref().map(|nb| NegBinJson {
            shape: nb.shape,
            lr_test: nb.lr_test,
            coefficients: nb.coefficients.rows(),
        }),
        chosen: c.chosen,
        parameters: &c.parameters,
        frequencies: &c.frequencies,
        by_venue: &c.by_venue,
        by_fitted_mean: &c.by_fitted_mean,
        errands: report.errands,
        toml_block: &report.toml_block,
        pending_needs: &report.pool,
    })
}
