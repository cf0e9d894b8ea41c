//! `ablakbusz report` and `run --report`: the charts and report.html of a season run, from the
//! same results as its CSV files (the season is simulated once), with the scenario's dwell
//! policies re-planned and compared on the same replications.

use super::AppError;
use crate::report::chart_inputs::busiest_stop;
use crate::report::lang::Lang;
use crate::report::page::render_study_report;
use crate::report::{OutputFile, render_staffing_csv};
use crate::scenario::{ParsedScenario, Season};
use crate::study::{Progress, SeasonRun, report_study};

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
pub fn report_files(
    text: &ParsedScenario,
    season: &Season,
    run: &SeasonRun,
    request: &ReportRequest,
    progress: &dyn Progress,
) -> Result<Vec<OutputFile>, AppError> {
    request.check(season)?;
    let (queue_stop, chosen) = match request.stop {
        Some(n) => (n - 1, true),
        None => (busiest_stop(&run.results).unwrap_or(0), false),
    };
    let study = report_study(text, season, run, queue_stop, chosen, progress)?;
    let mut files = vec![OutputFile::text(
        "staffing.csv",
        render_staffing_csv(request.lang, &study.staffing_csv_rows())?,
    )];
    files.extend(render_study_report(season, run, &study, request.lang)?);
    Ok(files)
}
