//! The values of `--precision`, `--select-best`, `--indifference` and `--pcs`, checked and turned
//! into the rules the studies run.

use super::AppError;
use crate::experiment::{Criterion, PrecisionRule};
use crate::study::SelectionRequest;

/// Default probability of correct selection of `--select-best` (`--pcs`).
pub(super) const DEFAULT_PCS: f64 = 0.95;

/// The precision rule of `--precision REL` (REL strictly between 0 and 1).
pub(super) fn precision_rule(relative: Option<f64>) -> Result<Option<PrecisionRule>, AppError> {
    match relative {
        None => Ok(None),
        Some(r) if r > 0.0 && r < 1.0 => Ok(Some(PrecisionRule::new(r))),
        Some(r) => Err(AppError::Argument(format!(
            "--precision {r}: the relative half-width must be a number between 0 and 1, e.g. 0.02 for ± 2 % of each mean"
        ))),
    }
}

/// The selection of `--select-best METRIC [--indifference DELTA] [--pcs P]` among `alternatives`.
pub(super) fn selection_request(
    metric: Option<&str>,
    indifference: Option<f64>,
    pcs: Option<f64>,
    alternatives: usize,
) -> Result<Option<SelectionRequest>, AppError> {
    let Some(name) = metric else {
        if indifference.is_some() || pcs.is_some() {
            return Err(AppError::Argument(
                "--indifference and --pcs belong to --select-best METRIC: add it, e.g. --select-best lost".into(),
            ));
        }
        return Ok(None);
    };
    let criterion = Criterion::named(name).ok_or_else(|| {
        AppError::Argument(format!(
            "--select-best {name}: not a season metric that can be ranked; use one of {}",
            Criterion::names().join(", ")
        ))
    })?;
    if let Some(delta) = indifference
        && !(delta.is_finite() && delta > 0.0)
    {
        return Err(AppError::Argument(format!(
            "--indifference {delta}: the indifference zone must be a positive number in the metric's unit, e.g. {}",
            criterion.default_indifference()
        )));
    }
    let pcs = pcs.unwrap_or(DEFAULT_PCS);
    let least = 1.0 / alternatives as f64;
    if !(pcs > least && pcs < 1.0) {
        return Err(AppError::Argument(format!(
            "--pcs {pcs}: the probability of correct selection must lie between {least:.3} (a guess among \
             {alternatives}) and 1, e.g. 0.95"
        )));
    }
    Ok(Some(SelectionRequest {
        criterion,
        indifference,
        pcs,
    }))
}
