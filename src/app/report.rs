//! `ablakbusz report` and `run --report`: the charts and report.html of a season run, from the
//! same results as its CSV files (the season is simulated once), with the scenario's dwell
//! policies re-planned and compared on the same replications.

use super::policies::{PolicySeason, policy_seasons};
use super::run::SeasonRun;
use super::staff::staffing_rows;
use super::{AppError, season_model};
use crate::experiment::{QueueGrid, SeasonModel, compare_seasons, queue_curve, with_threads};
use crate::report::chart_inputs::busiest_stop;
use crate::report::lang::Lang;
use crate::report::page::{PolicyOutcome, ReportData, render_report};
use crate::report::{OutputFile, StaffingRow, render_staffing_csv};
use crate::scenario::{ScenarioText, Season};
use crate::staffing::SearchSettings;

/// Name of the staffing rows of the season as run, in staffing.csv, when no dwell policy of the
/// scenario gives the same season.
const AS_RUN_POLICY: &str = "as in the scenario";

/// What the report should look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportRequest {
    /// Language of every label and sentence.
    pub lang: Lang,
    /// Number (from 1, as in stops.csv) of the stop whose queue is charted; default the busiest.
    pub stop: Option<usize>,
}

impl ReportRequest {
    /// Rejects a `--stop` that is not a stop of `season` (before anything is simulated).
    pub fn check(&self, season: &Season) -> Result<(), AppError> {
        match self.stop {
            Some(n) if n == 0 || n > season.stops.len() => Err(AppError::Argument(format!(
                "--stop {n}: the season has stops 1 to {} (the `stop` column of stops.csv)",
                season.stops.len()
            ))),
            _ => Ok(()),
        }
    }
}

/// The report's files for a season that `run` replicated: the charts, report.html, and
/// staffing.csv behind its staffing figures (every dwell policy of `text`, as `staff` writes it).
/// The queue curve, the staffing searches and the policy comparison use the run's seed and
/// replications, so nothing depends on the number of threads.
pub fn report_files(
    text: &ScenarioText,
    season: &Season,
    run: &SeasonRun,
    request: &ReportRequest,
) -> Result<Vec<OutputFile>, AppError> {
    request.check(season)?;
    let (queue_stop, chosen) = match request.stop {
        Some(n) => (n - 1, true),
        None => (busiest_stop(&run.results).unwrap_or(0), false),
    };
    let stop = &run.model.stops[queue_stop];
    let queue = queue_curve(stop, queue_stop, &QueueGrid::for_stop(&stop.rules), &run.settings)?;
    let search = SearchSettings {
        seed: run.settings.seed,
        ..SearchSettings::default()
    };
    let variants = with_threads(run.settings.threads, || policy_seasons(text, season, &search))??;
    let staffing_by_policy = variants
        .iter()
        .map(|p| {
            with_threads(run.settings.threads, || {
                staffing_rows(&p.name, &p.season, &season.targets, &search)
            })?
        })
        .collect::<Result<Vec<Vec<StaffingRow>>, AppError>>()?;
    let same_as_run = variants.iter().position(|p| p.season.stops == season.stops);
    let own_staffing = match same_as_run {
        Some(_) => Vec::new(),
        None => with_threads(run.settings.threads, || {
            staffing_rows(AS_RUN_POLICY, season, &season.targets, &search)
        })??,
    };
    let staffing = same_as_run.map_or(&own_staffing, |i| &staffing_by_policy[i]);
    let models = variants
        .iter()
        .map(|p| season_model(&p.season))
        .collect::<Result<Vec<SeasonModel>, AppError>>()?;
    let comparisons = if models.is_empty() {
        Vec::new()
    } else {
        compare_seasons(&models, &run.settings, &|_| {})?
    };
    let policies: Vec<PolicyOutcome> = variants
        .iter()
        .zip(&season.policies)
        .zip(comparisons.iter().zip(&staffing_by_policy))
        .map(|((variant, policy), (comparison, rows))| PolicyOutcome {
            policy,
            season: &variant.season,
            comparison,
            staffing: rows,
            dwell_unmet: unmet_settlements(variant),
        })
        .collect();
    let data = ReportData {
        season,
        results: &run.results,
        meta: &run.meta,
        staffing,
        targets: &season.targets,
        queue: &queue,
        queue_stop,
        queue_stop_chosen: chosen,
        policies: &policies,
    };
    let csv_rows: Vec<StaffingRow> = own_staffing
        .iter()
        .chain(staffing_by_policy.iter().flatten())
        .cloned()
        .collect();
    let mut files = vec![OutputFile::text("staffing.csv", render_staffing_csv(&csv_rows)?)];
    files.extend(render_report(&data, request.lang)?);
    Ok(files)
}

/// Settlements where a demand-driven policy found no dwell meeting the targets.
fn unmet_settlements(variant: &PolicySeason) -> Vec<String> {
    variant
        .chosen_dwell
        .iter()
        .filter(|c| !c.meets_targets)
        .map(|c| c.settlement.clone())
        .collect()
}
