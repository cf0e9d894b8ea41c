//! `--input-uncertainty` and `[uncertainty]`: whether a run draws its demand parameters, how often, from which fit.

use super::AppError;
use super::progress::ProgressBars;
use super::run::RunOptions;
use crate::demand::{SettlementTable, read_stop_log};
use crate::experiment::DEFAULT_INNER_REPLICATIONS;
use crate::scenario::{DEFAULT_INPUT_DRAWS, MAX_INPUT_DRAWS, MIN_INPUT_DRAWS, ParsedScenario, Season};
use crate::study::{CalibrateError, InputFit, InputUncertaintyStudy, simulate_input_uncertainty};

/// The parameter-uncertainty study the run asks for (`None`: neither `--input-uncertainty` nor
/// `uncertainty.input_draws`).
pub(super) fn parameter_uncertainty(
    text: &ParsedScenario,
    season: &Season,
    options: &RunOptions,
    progress: &ProgressBars,
) -> Result<Option<InputUncertaintyStudy>, AppError> {
    let section = text.uncertainty()?;
    let draws = match options.input_uncertainty {
        Some(Some(n)) => n,
        Some(None) => section.input_draws.unwrap_or(DEFAULT_INPUT_DRAWS),
        None => match section.input_draws {
            Some(n) => n,
            None => return Ok(None),
        },
    };
    if !(MIN_INPUT_DRAWS..=MAX_INPUT_DRAWS).contains(&draws) {
        return Err(AppError::Argument(format!(
            "--input-uncertainty {draws}: the outer draws must be between {MIN_INPUT_DRAWS} and {MAX_INPUT_DRAWS}\n  \
             help: leave the number out for the default of {DEFAULT_INPUT_DRAWS}"
        )));
    }
    let fit = match &section.stop_log {
        Some(path) => {
            let table = SettlementTable::embedded();
            let log = read_stop_log(path, table).map_err(CalibrateError::from)?;
            InputFit::stop_log(&log, table)?
        }
        None => InputFit::totals_2019()?,
    };
    let study = simulate_input_uncertainty(
        text,
        season,
        &fit,
        draws,
        DEFAULT_INNER_REPLICATIONS,
        &options.simulation(),
        progress,
    )?;
    Ok(Some(study))
}
