//! Parameter uncertainty: an outer loop over draws of the demand parameters, each draw a season simulated with its own random numbers.
//!
//! The caller hands over a function giving draw d's season model and seed; this module simulates
//! `inner` replications of each draw and summarises every season metric over all draws ×
//! replications: the predictive mean, the 5–95 % predictive range (a mergeable [`RangeSketch`], so
//! memory does not grow with draws or replications) and the share of the variance that is due to
//! the parameters, from the one-way random-effects analysis of variance of the draws:
//!
//! ```text
//! within     = mean over draws of the draw's variance over its replications   (stochastic noise)
//! parameters = max(0, variance of the draws' means − within / inner)          (Song & Nelson 2015)
//! share      = parameters / (parameters + within)
//! ```
//!
//! The draws use independent random numbers (the caller gives each its own seed): the estimator of
//! the parameters' variance above is unbiased only when the draws' noise is independent; common
//! random numbers would make the draws' means move together and hide a part of the noise in them.
//! Draws are simulated in parallel, [`CHUNKS_IN_FLIGHT_PER_THREAD`] per worker, and merged in draw
//! order, so results are byte-identical for any number of threads.

use rayon::prelude::*;
use serde::Serialize;

use super::metrics::{GroupMetric, GroupReplication, GroupTally, Metric};
use super::{
    CHUNKS_IN_FLIGHT_PER_THREAD, ExperimentError, RunSettings, SeasonModel, check_run, stop_streams, with_threads,
};
use crate::sim::Engine;
use crate::stats::{MeanAccumulator, RangeSketch, SeasonRange, wait_p90};

/// Inner replications per outer draw when the caller does not choose: one chunk. Song & Nelson
/// (2015) show that for a fixed budget the parameters' variance is estimated best with many outer
/// draws and few inner replications; 16 keep the noise part (within / inner) a sixteenth of a
/// replication's variance.
pub const DEFAULT_INNER_REPLICATIONS: u32 = super::CHUNK_REPLICATIONS as u32;

/// One outer draw ready to simulate.
#[derive(Debug, Clone)]
pub struct DrawnSeason {
    /// The season under the draw's demand parameters.
    pub model: SeasonModel,
    /// The draw's own seed (independent random numbers between draws).
    pub seed: u64,
}

/// A season metric over all draws × replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParameterSpread {
    /// The metric's machine name.
    pub metric: &'static str,
    /// Mean over all draws × replications, in the metric's unit.
    pub mean: f64,
    /// 5–95 % of the values of all draws × replications: the range with parameter uncertainty.
    pub range: Option<SeasonRange>,
    /// Share of the predictive variance due to the parameters, 0–1 (`None`: no variance at all).
    pub parameter_share: Option<f64>,
    /// Standard deviation of the draws' means (parameters and a little noise), in the metric's unit.
    pub between_draws_sd: f64,
    /// Mean standard deviation of a season within a draw (stochastic noise), in the metric's unit.
    pub within_draw_sd: f64,
}

/// What the outer loop gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputUncertaintyResults {
    /// Outer draws of the demand parameters.
    pub draws: u32,
    /// Replications simulated per draw.
    pub inner_replications: u32,
    /// One entry per season metric, in [`GroupMetric::ALL`] order.
    pub season: Vec<ParameterSpread>,
}

impl InputUncertaintyResults {
    /// The spread of `metric`.
    pub fn get(&self, metric: GroupMetric) -> &ParameterSpread {
        &self.season[metric.index()]
    }
}

/// One metric of one draw (or of all draws merged).
#[derive(Debug, Clone)]
struct MetricAcc {
    values: RangeSketch,
    moments: MeanAccumulator,
}

/// The running totals of the outer loop.
struct Totals {
    metrics: Vec<MetricAcc>,
    /// Per metric: the draws' means.
    draw_means: Vec<MeanAccumulator>,
    /// Per metric: the draws' variances.
    draw_variances: Vec<MeanAccumulator>,
}

/// Simulates `draws` outer draws of `inner` replications each (`settings.replications` is ignored;
/// `settings.threads` is used), `draw(d)` giving draw d's season; `progress` hears of each draw's
/// replications.
pub fn run_input_draws<E: From<ExperimentError> + Send>(
    draws: u32,
    inner: u32,
    settings: &RunSettings,
    draw: impl Fn(u32) -> Result<DrawnSeason, E> + Sync,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<InputUncertaintyResults, E> {
    if draws < 2 {
        return Err(ExperimentError::TooFewReplications(draws).into());
    }
    let inner_settings = RunSettings {
        replications: inner,
        ..*settings
    };
    let totals = with_threads(settings.threads, || -> Result<Totals, E> {
        let in_flight = (rayon::current_num_threads().max(1) * CHUNKS_IN_FLIGHT_PER_THREAD) as u32;
        let mut totals = Totals::new();
        for first in (0..draws).step_by(in_flight as usize) {
            let batch: Vec<Result<Vec<MetricAcc>, E>> = (first..draws.min(first + in_flight))
                .into_par_iter()
                .map(|d| {
                    let drawn = draw(d)?;
                    check_run(std::slice::from_ref(&drawn.model), &inner_settings)?;
                    let acc = simulate_draw(&drawn, inner);
                    progress(u64::from(inner));
                    Ok(acc)
                })
                .collect();
            for acc in batch {
                totals.add(&acc?);
            }
        }
        Ok(totals)
    })??;
    Ok(totals.results(draws, inner))
}

/// `inner` replications of one draw, sequentially.
fn simulate_draw(drawn: &DrawnSeason, inner: u32) -> Vec<MetricAcc> {
    let model = &drawn.model;
    let mut accs = vec![
        MetricAcc {
            values: RangeSketch::for_group(),
            moments: MeanAccumulator::default(),
        };
        GroupMetric::COUNT
    ];
    let mut engine = Engine::new();
    let streams = stop_streams(model, drawn.seed);
    let mut waits = Vec::new();
    for replication in 0..u64::from(inner) {
        let mut tally = GroupTally::default();
        waits.clear();
        for (stop, streams) in model.stops.iter().zip(&streams) {
            let outcome = stop.simulate_streams(&mut engine, streams, replication);
            tally.add(&outcome, stop.rules.clerks, stop.rules.dwell_min);
            waits.extend_from_slice(engine.served_waits());
        }
        let replication = GroupReplication {
            tally: &tally,
            wait_p90_min: wait_p90(&mut waits),
        };
        for (acc, value) in accs.iter_mut().zip(GroupMetric::values(&replication)) {
            acc.values.push_opt(value);
            acc.moments.push_opt(value);
        }
    }
    accs
}

impl Totals {
    fn new() -> Self {
        Self {
            metrics: vec![
                MetricAcc {
                    values: RangeSketch::for_group(),
                    moments: MeanAccumulator::default(),
                };
                GroupMetric::COUNT
            ],
            draw_means: vec![MeanAccumulator::default(); GroupMetric::COUNT],
            draw_variances: vec![MeanAccumulator::default(); GroupMetric::COUNT],
        }
    }

    fn add(&mut self, draw: &[MetricAcc]) {
        for (i, acc) in draw.iter().enumerate() {
            self.metrics[i].values.merge(&acc.values);
            self.metrics[i].moments.merge(&acc.moments);
            if acc.moments.count() >= 2 {
                self.draw_means[i].push(acc.moments.mean());
                self.draw_variances[i].push(acc.moments.variance());
            }
        }
    }

    fn results(&self, draws: u32, inner: u32) -> InputUncertaintyResults {
        let season = GroupMetric::ALL
            .iter()
            .map(|&m| {
                let i = m.index();
                let (means, variances) = (&self.draw_means[i], &self.draw_variances[i]);
                let within = variances.mean();
                let between = if means.count() >= 2 { means.variance() } else { 0.0 };
                let parameters = (between - within / f64::from(inner)).max(0.0);
                let total = parameters + within;
                ParameterSpread {
                    metric: m.name(),
                    mean: self.metrics[i].moments.mean(),
                    range: self.metrics[i].values.range(),
                    parameter_share: (total > 0.0 && means.count() >= 2).then(|| parameters / total),
                    between_draws_sd: between.sqrt(),
                    within_draw_sd: within.sqrt(),
                }
            })
            .collect();
        InputUncertaintyResults {
            draws,
            inner_replications: inner,
            season,
        }
    }
}
