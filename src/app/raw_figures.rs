//! `run --per-replication` and `run --trace-stop`: the raw figures of a run for engineers who
//! want their own analysis (each replication's stop and season figures, one day's clients).

use super::AppError;
use crate::experiment::{StopTrace, replication_figures, trace_stop};
use crate::report::lang::{Label, Lang};
use crate::report::{
    OutputFile, REPLICATION_STOPS_FILE, REPLICATIONS_FILE, format_clock as clock, render_replication_stops_csv,
    render_replications_csv, render_trace_csv, trace_file,
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

/// Each replication's figures (`replications.csv`, `replication_stops.csv`), the same stop-days
/// the run simulated.
pub(super) fn per_replication_files(lang: Lang, run: &SeasonRun) -> Result<Vec<OutputFile>, AppError> {
    let figures = replication_figures(&run.model, run.settings.seed, 0..u64::from(run.results.replications));
    Ok(vec![
        OutputFile::text(REPLICATIONS_FILE, render_replications_csv(lang, &figures)?),
        OutputFile::text(REPLICATION_STOPS_FILE, render_replication_stops_csv(lang, &figures)?),
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
