//! `ablakbusz report` and `run --report`: the charts and report.html of a season run, from the
//! same results as its CSV files (the season is simulated once).

use super::AppError;
use super::run::SeasonRun;
use super::staff::staffing_rows;
use crate::experiment::{QueueGrid, queue_curve, with_threads};
use crate::report::chart_inputs::busiest_stop;
use crate::report::lang::Lang;
use crate::report::page::{ReportData, render_report};
use crate::report::{OutputFile, render_staffing_csv};
use crate::scenario::Season;
use crate::staffing::{SearchSettings, ServiceTargets};

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

/// The report's files (charts, report.html, and staffing.csv behind its staffing figures) for
/// a season that `run` replicated. The queue curve and the staffing search use the run's seed, so
/// they do not depend on the number of threads either.
pub fn report_files(season: &Season, run: &SeasonRun, request: &ReportRequest) -> Result<Vec<OutputFile>, AppError> {
    request.check(season)?;
    let (queue_stop, chosen) = match request.stop {
        Some(n) => (n - 1, true),
        None => (busiest_stop(&run.results).unwrap_or(0), false),
    };
    let stop = &run.model.stops[queue_stop];
    let queue = queue_curve(stop, queue_stop, &QueueGrid::for_stop(&stop.rules), &run.settings)?;
    let targets = ServiceTargets::default();
    let search = SearchSettings {
        seed: run.settings.seed,
        ..SearchSettings::default()
    };
    let staffing = with_threads(run.settings.threads, || staffing_rows(season, &targets, &search))??;
    let data = ReportData {
        season,
        results: &run.results,
        meta: &run.meta,
        staffing: &staffing,
        targets: &targets,
        queue: &queue,
        queue_stop,
        queue_stop_chosen: chosen,
    };
    let mut files = vec![OutputFile::text("staffing.csv", render_staffing_csv(&staffing)?)];
    files.extend(render_report(&data, request.lang)?);
    Ok(files)
}
