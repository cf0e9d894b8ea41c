//! Seasons side by side: every season on the same replications, with paired differences to the first.

use super::{Progress, SimulationOverrides, StudyError, season_model, stage};
use crate::experiment::{Comparison, RunSettings, SeasonModel, compare_seasons};
use crate::scenario::Season;

/// Named seasons compared.
#[derive(Debug, Clone)]
pub struct SideBySide {
    /// Replications and seed of the comparison (the first season's, with the overrides).
    pub settings: RunSettings,
    /// Per season its totals and its paired difference to the first, in the order given.
    pub comparisons: Vec<Comparison>,
}

/// Replicates every season of `named` on the same streams (settings from the first season).
pub fn side_by_side(
    named: &[(String, Season)],
    overrides: &SimulationOverrides,
    progress: &dyn Progress,
) -> Result<SideBySide, StudyError> {
    let models: Vec<SeasonModel> = named.iter().map(|(_, s)| season_model(s)).collect::<Result<_, _>>()?;
    let settings = overrides.settings(&named[0].1.simulation);
    let comparisons = stage(progress, u64::from(settings.replications), |n| {
        compare_seasons(&models, &settings, n)
    })?;
    Ok(SideBySide { settings, comparisons })
}
