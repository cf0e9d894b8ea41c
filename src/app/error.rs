//! Errors of a command, and the exit code each one maps to.

use super::CalibrateError;
use crate::experiment::ExperimentError;
use crate::replay::ReplayError;
use crate::report::lang::FillError;
use crate::report::page::ReportError;
use crate::report::{RenderError, WriteError};
use crate::scenario::ScenarioError;
use crate::study::StudyError;

/// Exit code for bad input (a scenario, a data file or an argument the user can fix).
pub(super) const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for any other failure (writing outputs, starting threads).
pub(super) const EXIT_FAILURE: i32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Argument(String),
    #[error(transparent)]
    Replay(#[from] ReplayError),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error(transparent)]
    Study(#[from] StudyError),
    #[error(transparent)]
    Experiment(#[from] ExperimentError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("could not render summary.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("could not render the report: {0}")]
    Report(#[from] ReportError),
    #[error(transparent)]
    Calibrate(#[from] CalibrateError),
    /// A text of the label table filled with the wrong placeholders (a programming error).
    #[error("could not write a text: {0}")]
    Text(#[from] FillError),
}

impl AppError {
    /// 2 for input the user can fix, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            AppError::Argument(_)
            | AppError::Replay(_)
            | AppError::Scenario(_)
            | AppError::Calibrate(_)
            | AppError::Experiment(ExperimentError::TooFewReplications(_) | ExperimentError::NoStops) => EXIT_BAD_INPUT,
            AppError::Study(e) => e.exit_code(),
            _ => EXIT_FAILURE,
        }
    }
}
