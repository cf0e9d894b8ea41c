//! Why a study failed: a scenario or stop that cannot be used, an experiment that cannot run, a
//! calibration that cannot be fitted.

use crate::calibration::{SamplingError, StopLogError, TotalsError};
use crate::demand::LogFileError;
use crate::experiment::ExperimentError;
use crate::scenario::ScenarioError;
use crate::sim::SpecError;

/// Exit code for bad input (a scenario, a data file or an argument the user can fix).
const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for any other failure (starting threads).
const EXIT_FAILURE: i32 = 1;

/// A study that could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A stop whose specification the engine rejects; `stop` names it as the user sees it.
    #[error("stop {stop}: {source}")]
    Stop { stop: String, source: SpecError },
    #[error(transparent)]
    Experiment(#[from] ExperimentError),
    #[error(transparent)]
    Calibrate(#[from] CalibrateError),
    /// A scenario or budget the season optimiser cannot work with (the message says why and how to fix it).
    #[error("{0}")]
    Optimise(String),
}

impl StudyError {
    /// 2 for input the user can fix, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            StudyError::Scenario(_)
            | StudyError::Stop { .. }
            | StudyError::Calibrate(_)
            | StudyError::Optimise(_)
            | StudyError::Experiment(ExperimentError::TooFewReplications(_) | ExperimentError::NoStops) => {
                EXIT_BAD_INPUT
            }
            StudyError::Experiment(_) => EXIT_FAILURE,
        }
    }
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
    #[error("{file}: the pending-needs pool cannot be fitted: {source}")]
    PoolFit {
        file: String,
        source: crate::calibration::PoolFitError,
    },
    #[error("give either a scenario or --log: a stop log is calibrated on its own")]
    ScenarioWithLog,
    #[error(
        "{fit}: no sampling distribution to draw the demand parameters from: {source}\n  help: run \
         `ablakbusz calibrate` on it to see the fit, or leave out --input-uncertainty"
    )]
    Sampling { fit: String, source: SamplingError },
}
