//! Seasons side by side: every season on the same replications, with paired differences to the first;
//! optionally with the number of replications chosen by a precision rule, and the best season selected.

use super::{Progress, SimulationOverrides, StudyError, season_model, stage};
use crate::experiment::{
    CHUNK_REPLICATIONS, Comparison, Criterion, PrecisionOutcome, PrecisionRule, RunSettings, SeasonModel, Selection,
    SelectionSettings, compare_seasons, compare_seasons_to_precision, select_best_season,
};
use crate::scenario::Season;

/// First-stage replications of `--select-best`: one chunk, 16, above the n0 ≥ 10 Kim and Nelson
/// (2001, §5) recommend so that the first-stage variances are usable.
pub const SELECTION_FIRST_STAGE: u64 = CHUNK_REPLICATIONS;
/// Most replications `--select-best` gives any season: 5,000 (a few minutes of the 2020 plan on
/// two cores per alternative); reaching it ends the selection undecided among the survivors.
pub const SELECTION_CAP_REPLICATIONS: u64 = 5_000;

/// What a comparison asks for beyond the fixed paired design.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ComparisonRequest {
    /// `--precision`: choose the replications of the paired design by this rule.
    pub precision: Option<PrecisionRule>,
    /// `--select-best`: select the best season by this criterion.
    pub selection: Option<SelectionRequest>,
}

/// `--select-best METRIC --indifference DELTA --pcs P`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelectionRequest {
    pub criterion: Criterion,
    /// Indifference zone δ in the metric's unit (`None`: the metric's default).
    pub indifference: Option<f64>,
    /// Probability of correct selection 1 − α.
    pub pcs: f64,
}

impl SelectionRequest {
    /// The selection's settings: δ given or the metric's default, the first stage and the cap.
    pub fn settings(&self) -> SelectionSettings {
        SelectionSettings {
            indifference: self
                .indifference
                .unwrap_or_else(|| self.criterion.default_indifference()),
            pcs: self.pcs,
            first_stage: SELECTION_FIRST_STAGE,
            cap: SELECTION_CAP_REPLICATIONS,
            batch: CHUNK_REPLICATIONS,
        }
    }
}

/// The best season selected.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectionStudy {
    pub criterion: Criterion,
    pub settings: SelectionSettings,
    pub selection: Selection,
}

/// Named seasons compared.
#[derive(Debug, Clone)]
pub struct SideBySide {
    /// Replications and seed of the comparison (the first season's, with the overrides; with a
    /// precision rule, the replications it chose).
    pub settings: RunSettings,
    /// Per season its totals and its paired difference to the first, in the order given.
    pub comparisons: Vec<Comparison>,
    /// What the precision rule chose, when one was asked for.
    pub precision: Option<PrecisionOutcome>,
    /// The selection of the best, when asked for.
    pub selection: Option<SelectionStudy>,
}

/// Replicates every season of `named` on the same streams (settings from the first season).
pub fn side_by_side(
    named: &[(String, Season)],
    overrides: &SimulationOverrides,
    request: &ComparisonRequest,
    progress: &dyn Progress,
) -> Result<SideBySide, StudyError> {
    let models: Vec<SeasonModel> = named.iter().map(|(_, s)| season_model(s)).collect::<Result<_, _>>()?;
    let mut settings = overrides.settings(&named[0].1.simulation);
    let (comparisons, precision) = match &request.precision {
        None => (
            stage(progress, u64::from(settings.replications), |n| {
                compare_seasons(&models, &settings, n)
            })?,
            None,
        ),
        Some(rule) => {
            let (comparisons, outcome) = stage(progress, u64::from(rule.cap), |n| {
                compare_seasons_to_precision(&models, &settings, rule, n)
            })?;
            settings.replications = outcome.replications;
            (comparisons, Some(outcome))
        }
    };
    let selection = match &request.selection {
        None => None,
        Some(asked) => {
            let selection_settings = asked.settings();
            let selection = select_best_season(&models, &settings, asked.criterion, &selection_settings)?;
            Some(SelectionStudy {
                criterion: asked.criterion,
                settings: selection_settings,
                selection,
            })
        }
    };
    Ok(SideBySide {
        settings,
        comparisons,
        precision,
        selection,
    })
}
