//! `run --per-replication` and `run --trace-stop`: the raw figures of a run for engineers who
//! want their own analysis (each replication's stop and season figures, one day's clients).

use super::AppError;
use crate::experiment::{StopTrace, replication_figures, trace_stop};
use crate::report::lang::{Label, Lang};
use crate::report::{
    OutputFile, REPLICATION_STOPS_FILE, REPLICATIONS_FILE, format_clock as clock, render_replication_tables,
    render_trace_csv, trace_file,
};
use crate::scenario::Season;
use crate::study::SeasonRun;

/// Which stop-day to trace: numbers from 1, as in stops.csv and replications.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceRequest {
    pub stop: usize,
    pub replication: u32,
}

impl TraceRequest {
    /// Rejects a stop that `season` does not have (before anything is simulated).
    pub fn check(&self, season: &Season) -> Result<(), AppError> {
        if self.stop == 0 || self.stop > season.stops.len() {
            return Err(AppError::Argument(format!(
                "--trace-stop {}: the season has stops 1 to {} (the `stop` column of stops.csv)",
                self.stop,
                season.stops.len()
            )));
        }
        if self.replication == 0 {
            return Err(AppError::Argument(
                "--trace-replication 0: replications are numbered from 1".to_string(),
            ));
        }
        Ok(())
    }
}

/// Replications simulated again at a time for the per-replication tables: enough to keep the
/// cores busy, few enough that the figures in memory stay small whatever the number of
/// replications (a replication of the 2020 plan's 200 stops holds 18 metrics × 16 bytes a stop,
/// about 58 kB, so a chunk about 3.7 MB).
const FIGURES_CHUNK: u64 = 64;

/// Each replication's figures (`replications.csv`, `replication_stops.csv`), the same stop-days
/// the run simulated.
pub(super) fn per_replication_files(lang: Lang, run: &SeasonRun) -> Result<Vec<OutputFile>, AppError> {
    let replications = u64::from(run.results.replications);
    let chunks = (0..replications).step_by(FIGURES_CHUNK as usize).map(|first| {
        let end = (first + FIGURES_CHUNK).min(replications);
        replication_figures(&run.model, run.settings.seed, first..end)
    });
    let (season, stops) = render_replication_tables(lang, chunks)?;
    Ok(vec![
        OutputFile::text(REPLICATIONS_FILE, season),
        OutputFile::text(REPLICATION_STOPS_FILE, stops),
    ])
}

/// The trace of the requested stop-day, and the terminal line that describes it.
pub(super) fn trace_files(
    lang: Lang,
    season: &Season,
    run: &SeasonRun,
    request: &TraceRequest,
) -> Result<(OutputFile, String), AppError> {
    if request.replication > run.results.replications {
        return Err(AppError::Argument(format!(
            "--trace-replication {}: the run has replications 1 to {}",
            request.replication, run.results.replications
        )));
    }
    let trace: StopTrace = trace_stop(
        &run.model,
        run.settings.seed,
        request.stop - 1,
        u64::from(request.replication - 1),
    )
    .ok_or_else(|| AppError::Argument(format!("--trace-stop {}: no such stop", request.stop)))?;
    let stop = &season.stops[request.stop - 1];
    let file = trace_file(request.stop);
    let line = Label::TraceWritten.fill(
        lang,
        &[
            ("stop", &request.stop.to_string()),
            ("settlement", &stop.settlement),
            ("date", &stop.date.to_string()),
            ("start", &clock(stop.start_min)),
            ("replication", &request.replication.to_string()),
            ("clients", &trace.clients.len().to_string()),
            ("served", &trace.outcome.served.to_string()),
            ("file", &file),
        ],
    )?;
    Ok((OutputFile::text(&file, render_trace_csv(lang, &trace)?), line))
}
