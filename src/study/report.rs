//! The report's data: for a season `run` replicated, the charted stop's queue curve, the staffing
//! rows and the scenario's dwell policies re-planned and compared on the same replications.

use super::{
    PolicySeason, Progress, SeasonRun, StaffingRow, StudyError, policy_seasons_known, season_model,
    staffing_rows_of_seasons_known, stage,
};
use crate::experiment::{
    Comparison, QueueCurveSummary, QueueGrid, SeasonModel, compare_seasons, queue_curve, with_threads,
};
use crate::scenario::{ParsedScenario, Season};
use crate::staffing::SearchSettings;

/// Name of the staffing rows of the season as run, in staffing.csv, when no dwell policy of the
/// scenario gives the same season.
const AS_RUN_POLICY: &str = "as in the scenario";

/// What the report shows beside the run's own results.
#[derive(Debug, Clone)]
pub struct ReportStudy {
    /// The queue curve of stop `queue_stop`.
    pub queue: QueueCurveSummary,
    /// Index (from 0) of the stop whose queue is charted.
    pub queue_stop: usize,
    /// True when the user chose that stop; false when it is the busiest.
    pub queue_stop_chosen: bool,
    /// The season under each dwell policy of the scenario.
    pub variants: Vec<PolicySeason>,
    /// The staffing rows of each policy's season, in `variants` order.
    pub staffing_by_policy: Vec<Vec<StaffingRow>>,
    /// The staffing rows of the season as run, when no policy gives the same season (else empty).
    pub own_staffing: Vec<StaffingRow>,
    /// Which policy gives the season as run, if one does.
    pub same_as_run: Option<usize>,
    /// Season totals of each policy's season and paired differences to the first.
    pub comparisons: Vec<Comparison>,
}

impl ReportStudy {
    /// The staffing rows of the season as run.
    pub fn staffing(&self) -> &[StaffingRow] {
        self.same_as_run
            .map_or(&self.own_staffing, |i| &self.staffing_by_policy[i])
    }

    /// Every staffing row, as staffing.csv lists them: the season as run (when no policy gives it),
    /// then policy by policy. Borrowed, not copied: a national season's rows, with every
    /// candidate's summary, held about 64 MB, and a copy of them was most of `report`'s peak.
    pub fn staffing_csv_rows(&self) -> Vec<&StaffingRow> {
        self.own_staffing
            .iter()
            .chain(self.staffing_by_policy.iter().flatten())
            .collect()
    }
}

/// The report's study of a season that `run` replicated; `queue_stop` (from 0) is the stop whose
/// queue is charted, `queue_stop_chosen` whether the user chose it. The queue curve, the staffing searches and the policy comparison
/// use the run's seed and replications, so nothing depends on the number of threads.
pub fn report_study(
    text: &ParsedScenario,
    season: &Season,
    run: &SeasonRun,
    queue_stop: usize,
    queue_stop_chosen: bool,
    progress: &dyn Progress,
) -> Result<ReportStudy, StudyError> {
    let charted = &run.model.stops[queue_stop];
    let queue = queue_curve(charted, queue_stop, &QueueGrid::for_stop(&charted.rules), &run.settings)?;
    let search = SearchSettings {
        seed: run.settings.seed,
        ..SearchSettings::default()
    };
    let (variants, known) = with_threads(run.settings.threads, || policy_seasons_known(text, season, &search))??;
    let same_as_run = variants.iter().position(|p| p.season.stops == season.stops);
    // The season as run is searched too when no policy gives it, after the policies (so that it
    // reuses their searches of stops it shares with them).
    let mut seasons: Vec<(&str, &Season)> = variants.iter().map(|p| (p.name.as_str(), &p.season)).collect();
    if same_as_run.is_none() {
        seasons.push((AS_RUN_POLICY, season));
    }
    let mut staffing_by_policy = with_threads(run.settings.threads, || {
        staffing_rows_of_seasons_known(&seasons, &season.targets, &search, progress, &known)
    })??;
    drop(known);
    let own_staffing = match same_as_run {
        Some(_) => Vec::new(),
        None => staffing_by_policy.pop().unwrap_or_default(),
    };
    let models = variants
        .iter()
        .map(|p| season_model(&p.season))
        .collect::<Result<Vec<SeasonModel>, StudyError>>()?;
    let comparisons = if models.is_empty() {
        Vec::new()
    } else {
        stage(progress, u64::from(run.settings.replications), |done| {
            compare_seasons(&models, &run.settings, done)
        })?
    };
    Ok(ReportStudy {
        queue,
        queue_stop,
        queue_stop_chosen,
        variants,
        staffing_by_policy,
        own_staffing,
        same_as_run,
        comparisons,
    })
}
