//! The demand regression fitted to a stop log: coefficients, errand estimates, the TOML block and
//! the pending-needs pool.

use crate::calibration::{
    DemandReferences, DemandTerms, ErrandEstimates, StopCovariates, StopLogCalibration, calibrate_stop_log,
    estimate_errands, render_demand_toml, render_errands_toml,
};
use crate::demand::model::DEFAULT_REFERENCE_DWELL_HOURS;
use crate::demand::{SettlementTable, StopLog};
use crate::study::{CalibrateError, StudyError};

/// The regression, the errand estimates and the TOML block of a checked log.
pub fn fit_log(log: &StopLog, table: &SettlementTable) -> Result<StopLogReport, StudyError> {
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
    let pool = super::fit_log_pool(log, table)?;
    Ok(StopLogReport {
        pool,
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

/// Everything `ablakbusz calibrate --log` found.
#[derive(Debug, Clone, PartialEq)]
pub struct StopLogReport {
    /// The log file.
    pub file: String,
    /// Stops (rows) of the log.
    pub stops: usize,
    /// Clients over all stops.
    pub clients: u64,
    /// Terms left out of the regression and why (e.g. every stop had the same dwell).
    pub notes: Vec<String>,
    pub calibration: StopLogCalibration,
    /// Errands per client and information share, when the log has cases and information-only uses.
    pub errands: Option<ErrandEstimates>,
    /// The TOML block a scenario can include.
    pub toml_block: String,
    /// The pending-needs pool fitted to the log's repeat visits.
    pub pool: super::PoolLogReport,
}
