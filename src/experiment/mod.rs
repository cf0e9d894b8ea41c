//! Replications of a season: run in parallel, combined in a fixed order, summarised in constant memory.
//!
//! Replications are cut into chunks of [`CHUNK_REPLICATIONS`]; each chunk is simulated sequentially
//! by one worker, and chunk summaries are merged in chunk order. The chunking does not depend on the
//! number of threads, so results are byte-identical with 1 or many threads. At most
//! [`CHUNKS_IN_FLIGHT_PER_THREAD`] chunk summaries per worker exist at once, so memory follows the
//! thread count and does not grow with replications.

mod compare;
mod criterion;
mod group_totals;
mod input_uncertainty;
mod metrics;
mod per_replication;
mod precision;
mod queue_curve;
mod replication_scratch;
mod return_flow;
mod selection;
mod tally;
mod trace;

use rayon::prelude::*;
use serde::Serialize;

pub use compare::{Comparison, PairedMetric, compare_seasons, compare_seasons_to_precision, select_best_season};
pub use criterion::{Criterion, direction};
pub use group_totals::{GroupTotals, GroupingTotals, TotalSummary, run_group_totals};
pub use input_uncertainty::{
    DEFAULT_INNER_REPLICATIONS, DrawnSeason, InputUncertaintyResults, ParameterSpread, run_input_draws,
};
pub use metrics::{
    GroupMetric, GroupReplication, GroupTally, Metric, MetricEstimates, MetricUnit, StopMetric, StopReplication,
    TotalMetric,
};
pub use per_replication::{ReplicationFigures, replication_figures};
pub use precision::{HEADLINE_METRICS, PRECISION_CAP_REPLICATIONS, PrecisionOutcome, PrecisionRule, headline};
pub use queue_curve::{
    QUEUE_OVERTIME_VIEW_MIN, QUEUE_SAMPLE_STEP_MIN, QueueCurveSummary, QueueGrid, QueueSampler, queue_curve,
};
pub use selection::{
    Direction, Selection, SelectionError, SelectionOutcome, SelectionSettings, bonferroni_fixed_size, kn_eta,
    select_best,
};
pub use tally::{GroupAcc, GroupSummary, Pooled, PooledRanges, StopAcc, StopSummary, Summary};
pub use trace::{StopTrace, trace_stop};

use replication_scratch::ReplicationScratch;
use return_flow::ReturnCarry;

use crate::sim::{Engine, PreparedStop, StopStreams};
use crate::stats::Histogram;

/// Replications simulated by one worker before its summary is merged (fixed: part of reproducibility).
pub const CHUNK_REPLICATIONS: u64 = 16;
/// Chunk summaries computed in parallel per worker thread before they are merged: memory is
/// (threads × this + 1) season summaries, whatever the replications. One per thread: chunks are
/// of equal size, so a batch's workers finish about together, and a chunk summary of a national
/// season (its stops' range values) is about 15 MB; the merge order (chunk order) does not depend
/// on it, so results stay byte-identical for any thread count.
pub const CHUNKS_IN_FLIGHT_PER_THREAD: usize = 1;
/// Stops merged by one parallel task at least when a chunk summary is merged into the total
/// (a stop's merge takes a few microseconds: fewer would spend more on scheduling than on merging).
const STOPS_PER_MERGE_TASK: usize = 64;
/// Width of the season wait histogram's bins, minutes.
pub const WAIT_BIN_MIN: f64 = 1.0;
/// Regular bins of the season wait histogram (waits of 4 h or more share the overflow bin).
pub const WAIT_BINS: usize = 240;

/// Name of the grouping of stops by district (járás).
pub const DISTRICT_GROUPING: &str = "district";
/// Name of the grouping of stops by ISO week (labels like `2020-W10`).
pub const WEEK_GROUPING: &str = "week";

/// A way of grouping stops for totals, e.g. by district or by week.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// Name of the grouping (`district`, `week`).
    pub name: String,
    /// Label of each group.
    pub labels: Vec<String>,
    /// For each stop, the index of its group in `labels`.
    pub member_of: Vec<usize>,
}

/// A season ready to replicate.
#[derive(Debug, Clone)]
pub struct SeasonModel {
    /// The stops, in season (date) order; a stop's position is its random-stream index. Stops
    /// linked by a return flow ([`crate::sim::ReturnLink`]) are simulated in this order within a
    /// replication.
    pub stops: Vec<PreparedStop>,
    pub groupings: Vec<Grouping>,
}

/// How to replicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings {
    pub replications: u32,
    pub seed: u64,
    /// Worker threads (`None`: rayon's default, all cores). Results do not depend on it.
    pub threads: Option<usize>,
}

/// Errors of a replication run.
#[derive(Debug, thiserror::Error)]
pub enum ExperimentError {
    #[error("replications must be at least 2 to give a confidence interval, got {0}")]
    TooFewReplications(u32),
    #[error("the season has no stops")]
    NoStops,
    #[error(transparent)]
    Selection(#[from] SelectionError),
    #[error("could not start {threads} worker threads: {source}")]
    ThreadPool {
        threads: usize,
        source: rayon::ThreadPoolBuildError,
    },
}

/// Totals of the groups of one grouping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupingSummary {
    pub name: String,
    pub groups: Vec<(String, GroupSummary)>,
}

/// Everything a season run produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonResults {
    pub replications: u32,
    /// One summary per stop, in season order.
    pub stops: Vec<StopSummary>,
    /// Season totals.
    pub season: GroupSummary,
    pub groupings: Vec<GroupingSummary>,
    /// Waits of all served clients of all replications, minutes.
    pub wait_histogram: Histogram,
}

/// Runs the replications; `progress` is told how many replications each finished chunk held.
pub fn run_season(
    model: &SeasonModel,
    settings: &RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<SeasonResults, ExperimentError> {
    check_run(std::slice::from_ref(model), settings)?;
    let acc = with_threads(settings.threads, || {
        in_chunks(
            settings.replications,
            SeasonAcc::new(model),
            |range| simulate_chunk(model, settings.seed, range),
            SeasonAcc::merge,
            progress,
        )
    })?;
    Ok(acc.results(model, settings.replications))
}

/// Refuses runs that cannot give confidence intervals: fewer than 2 replications, or a season
/// without stops.
pub(crate) fn check_run(models: &[SeasonModel], settings: &RunSettings) -> Result<(), ExperimentError> {
    if settings.replications < 2 {
        return Err(ExperimentError::TooFewReplications(settings.replications));
    }
    if models.iter().any(|m| m.stops.is_empty()) {
        return Err(ExperimentError::NoStops);
    }
    Ok(())
}

/// Runs `work` on a pool of `threads` workers (`None`: rayon's global pool, all cores).
pub fn with_threads<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, ExperimentError> {
    match threads {
        Some(threads) => Ok(rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|source| ExperimentError::ThreadPool { threads, source })?
            .install(work)),
        None => Ok(work()),
    }
}

/// Simulates replications `0..replications` in chunks of [`CHUNK_REPLICATIONS`], at most
/// [`CHUNKS_IN_FLIGHT_PER_THREAD`] per worker thread at once, and merges the chunk summaries into
/// `total` in chunk order (so the result does not depend on the number of threads).
pub(crate) fn in_chunks<A: Send>(
    replications: u32,
    total: A,
    simulate: impl Fn(std::ops::Range<u64>) -> A + Sync,
    merge: impl Fn(&mut A, &A),
    progress: &(dyn Fn(u64) + Sync),
) -> A {
    in_chunk_range(0..u64::from(replications), total, simulate, merge, progress)
}

/// [`in_chunks`] for replications `range`, whose start is a multiple of [`CHUNK_REPLICATIONS`]:
/// the chunks are those of a run from 0, so continuing a run chunk by chunk merges exactly what
/// one longer run would.
pub(crate) fn in_chunk_range<A: Send>(
    range: std::ops::Range<u64>,
    mut total: A,
    simulate: impl Fn(std::ops::Range<u64>) -> A + Sync,
    merge: impl Fn(&mut A, &A),
    progress: &(dyn Fn(u64) + Sync),
) -> A {
    debug_assert!(
        range.start.is_multiple_of(CHUNK_REPLICATIONS),
        "runs continue on whole chunks"
    );
    let replications = range.end;
    let chunks = replications.div_ceil(CHUNK_REPLICATIONS);
    let in_flight = rayon::current_num_threads().max(1) * CHUNKS_IN_FLIGHT_PER_THREAD;
    for first in (range.start / CHUNK_REPLICATIONS..chunks).step_by(in_flight) {
        let batch: Vec<A> = (first..chunks.min(first + in_flight as u64))
            .into_par_iter()
            .map(|chunk| {
                let start = chunk * CHUNK_REPLICATIONS;
                let end = replications.min(start + CHUNK_REPLICATIONS);
                let acc = simulate(start..end);
                progress(end - start);
                acc
            })
            .collect();
        for acc in &batch {
            merge(&mut total, acc);
        }
    }
    total
}

/// Replicates in whole chunks until `precise` holds for the merged summary or the rule's cap is
/// reached (see [`PrecisionRule`]); returns the summary and what the rule chose.
pub(crate) fn until_precise<A: Send>(
    rule: &PrecisionRule,
    replications: u32,
    total: A,
    simulate: impl Fn(std::ops::Range<u64>) -> A + Sync,
    merge: impl Fn(&mut A, &A),
    precise: impl Fn(&A) -> bool,
    progress: &(dyn Fn(u64) + Sync),
) -> (A, PrecisionOutcome) {
    let mut n = rule.start(replications);
    let mut total = in_chunk_range(0..u64::from(n), total, &simulate, &merge, progress);
    loop {
        let reached = precise(&total);
        if reached || n >= rule.cap {
            let outcome = PrecisionOutcome {
                relative: rule.relative,
                replications: n,
                reached,
                cap: rule.cap,
            };
            return (total, outcome);
        }
        let next = rule.next(n);
        total = in_chunk_range(u64::from(n)..u64::from(next), total, &simulate, &merge, progress);
        n = next;
    }
}

/// [`run_season`] with the number of replications chosen by `rule` (starting from
/// `settings.replications`); returns the results and what the rule chose.
pub fn run_season_to_precision(
    model: &SeasonModel,
    settings: &RunSettings,
    rule: &PrecisionRule,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(SeasonResults, PrecisionOutcome), ExperimentError> {
    check_run(std::slice::from_ref(model), settings)?;
    let (acc, outcome) = with_threads(settings.threads, || {
        until_precise(
            rule,
            settings.replications,
            SeasonAcc::new(model),
            |range| simulate_chunk(model, settings.seed, range),
            SeasonAcc::merge,
            |acc| rule.season_is_precise(&acc.season.summary()),
            progress,
        )
    })?;
    Ok((acc.results(model, outcome.replications), outcome))
}

/// Simulates replications `range` sequentially into one summary.
fn simulate_chunk(model: &SeasonModel, seed: u64, range: std::ops::Range<u64>) -> SeasonAcc {
    let mut acc = SeasonAcc::new(model);
    let mut scratch = ReplicationScratch::new(model);
    let mut engine = Engine::new();
    let streams = stop_streams(model, seed);
    let mut returns = ReturnCarry::default();
    for replication in range {
        scratch.reset();
        returns.reset();
        for (index, (stop, streams)) in model.stops.iter().zip(&streams).enumerate() {
            let outcome = returns.simulate(stop, &mut engine, streams, replication);
            acc.stops[index].push(&outcome, engine.served_waits_mut());
            scratch.add_stop(model, index, stop, &outcome, engine.served_waits());
        }
        scratch.finish_into(&mut acc);
    }
    acc
}

/// The random-stream keys of every stop of `model` under `seed` (a stop's position is its index).
pub(crate) fn stop_streams(model: &SeasonModel, seed: u64) -> Vec<StopStreams> {
    (0..model.stops.len() as u64)
        .map(|stop| StopStreams::new(seed, stop))
        .collect()
}

/// Summaries of a whole season over some replications.
#[derive(Debug, Clone)]
struct SeasonAcc {
    stops: Vec<StopAcc>,
    season: GroupAcc,
    groups: Vec<Vec<GroupAcc>>,
    wait_histogram: Histogram,
}

impl SeasonAcc {
    fn new(model: &SeasonModel) -> Self {
        Self {
            stops: vec![StopAcc::with_ranges(model.stops.len()); model.stops.len()],
            season: GroupAcc::with_ranges(),
            groups: model
                .groupings
                .iter()
                .map(|g| vec![GroupAcc::with_ranges(); g.labels.len()])
                .collect(),
            wait_histogram: Histogram::new(WAIT_BIN_MIN, WAIT_BINS),
        }
    }

    /// Merges a later chunk's summary. Stops are merged in parallel (each stop's own merges stay in
    /// chunk order, so the result does not depend on the threads); a stop's merge folds the chunk's
    /// range values into its sketches, the costly part of a merge.
    fn merge(&mut self, o: &Self) {
        self.stops
            .par_iter_mut()
            .zip(&o.stops)
            .with_min_len(STOPS_PER_MERGE_TASK)
            .for_each(|(a, b)| a.merge(b));
        self.season.merge(&o.season);
        for (a, b) in self.groups.iter_mut().flatten().zip(o.groups.iter().flatten()) {
            a.merge(b);
        }
        self.wait_histogram.merge(&o.wait_histogram);
    }

    fn results(self, model: &SeasonModel, replications: u32) -> SeasonResults {
        let groupings = model
            .groupings
            .iter()
            .zip(&self.groups)
            .map(|(g, accs)| GroupingSummary {
                name: g.name.clone(),
                groups: g
                    .labels
                    .iter()
                    .cloned()
                    .zip(accs.iter().map(GroupAcc::summary))
                    .collect(),
            })
            .collect();
        SeasonResults {
            replications,
            stops: self.stops.iter().map(StopAcc::summary).collect(),
            season: self.season.summary(),
            groupings,
            wait_histogram: self.wait_histogram,
        }
    }
}
