//! Paired comparison of seasons: each replication runs every season with the same streams, and the
//! differences to the first season are summarised per replication (common random numbers), with
//! intervals adjusted for the k − 1 comparisons (Bonferroni) and the variance reduction that pairing
//! gave; and the selection of the best season by one metric on the same streams (KN, `selection`).

use serde::Serialize;

use super::criterion::Criterion;
use super::metrics::{GroupMetric, GroupReplication, GroupTally, Metric, MetricEstimates};
use super::precision::{PrecisionOutcome, PrecisionRule};
use super::return_flow::ReturnCarry;
use super::selection::{Selection, SelectionSettings, select_best};
use super::tally::{GroupAcc, GroupSummary, estimates};
use super::{ExperimentError, RunSettings, SeasonModel, check_run, in_chunks, until_precise, with_threads};
use crate::sim::{Engine, StopStreams};
use crate::stats::{MeanAccumulator, VarianceReduction, bonferroni_half_width, wait_p90};

/// A season compared with the baseline (the first season).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The season's own totals: means with their precision, and one season's range of each metric.
    pub season: GroupSummary,
    /// Paired differences (this season − baseline) per metric, with 95 % half-widths.
    pub difference: MetricEstimates<GroupMetric>,
    /// Per metric, in [`GroupMetric::ALL`] order: the simultaneous half-width and what pairing gave.
    pub paired: Vec<PairedMetric>,
}

/// What the paired design gave for one metric of one season against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedMetric {
    /// Half-width of the difference's interval holding at 95 % simultaneously for the k − 1
    /// comparisons with the baseline (Bonferroni), in the metric's unit.
    pub ci95_bonferroni: f64,
    /// [Var(season) + Var(baseline)] ÷ Var(season − baseline) over replications.
    pub variance_reduction: VarianceReduction,
}

impl Comparison {
    /// The paired figures of `metric`.
    pub fn paired(&self, metric: GroupMetric) -> PairedMetric {
        self.paired[metric.index()]
    }

    /// True when every difference is exactly zero with a zero-width interval: the season gave the
    /// baseline's results in every replication (e.g. the same scenario twice).
    pub fn no_difference(&self) -> bool {
        self.difference.iter().all(|(_, d)| d.mean == 0.0 && d.ci95 == 0.0)
    }
}

/// Runs every season on the same replications and returns, for each, its totals and its paired
/// difference to the first season. A season compared with itself differs by exactly zero.
pub fn compare_seasons(
    models: &[SeasonModel],
    settings: &RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Comparison>, ExperimentError> {
    check_run(models, settings)?;
    let acc = with_threads(settings.threads, || {
        in_chunks(
            settings.replications,
            PairedAcc::new(models.len()),
            |range| paired_chunk(models, settings.seed, range),
            PairedAcc::merge,
            progress,
        )
    })?;
    Ok(acc.results())
}

/// [`compare_seasons`] with the number of replications chosen by `rule`: every season's headline
/// figures precise enough.
pub fn compare_seasons_to_precision(
    models: &[SeasonModel],
    settings: &RunSettings,
    rule: &PrecisionRule,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(Vec<Comparison>, PrecisionOutcome), ExperimentError> {
    check_run(models, settings)?;
    let (acc, outcome) = with_threads(settings.threads, || {
        until_precise(
            rule,
            settings.replications,
            PairedAcc::new(models.len()),
            |range| paired_chunk(models, settings.seed, range),
            PairedAcc::merge,
            |acc| acc.seasons.iter().all(|s| rule.season_is_precise(&s.summary())),
            progress,
        )
    })?;
    Ok((acc.results(), outcome))
}

/// Selects the best season by `criterion` with KN on common random numbers: replication r of every
/// season uses the streams of replication r (those of [`compare_seasons`]), whatever the threads.
pub fn select_best_season(
    models: &[SeasonModel],
    settings: &RunSettings,
    criterion: Criterion,
    selection: &SelectionSettings,
) -> Result<Selection, ExperimentError> {
    check_run(models, settings)?;
    let draw = |replication: u64, alive: &[bool]| -> Vec<f64> {
        let mut engine = Engine::new();
        let mut waits = Vec::new();
        models
            .iter()
            .zip(alive)
            .map(|(model, &alive)| {
                if !alive {
                    return f64::NAN;
                }
                let tally = season_tally(model, settings.seed, replication, &mut engine, &mut waits);
                let wait_p90_min = wait_p90(&mut waits);
                criterion
                    .metric
                    .value(&GroupReplication {
                        tally: &tally,
                        wait_p90_min,
                    })
                    .unwrap_or(f64::NAN)
            })
            .collect()
    };
    Ok(with_threads(settings.threads, || {
        select_best(models.len(), criterion.direction, selection, draw)
    })??)
}

#[derive(Debug, Clone)]
struct PairedAcc {
    seasons: Vec<GroupAcc>,
    /// Each season's per-replication values, for the variances of the independent design.
    levels: Vec<[MeanAccumulator; GroupMetric::COUNT]>,
    differences: Vec<[MeanAccumulator; GroupMetric::COUNT]>,
}

impl PairedAcc {
    /// Accumulators for `n` seasons; each keeps its season range (5th–95th percentile of the
    /// per-replication values, in bounded memory) beside its means.
    fn new(n: usize) -> Self {
        Self {
            seasons: vec![GroupAcc::with_ranges(); n],
            levels: vec![Default::default(); n],
            differences: vec![Default::default(); n],
        }
    }

    fn merge(&mut self, o: &Self) {
        self.seasons.iter_mut().zip(&o.seasons).for_each(|(a, b)| a.merge(b));
        for (a, b) in self.levels.iter_mut().zip(&o.levels) {
            a.iter_mut().zip(b).for_each(|(x, y)| x.merge(y));
        }
        for (a, b) in self.differences.iter_mut().zip(&o.differences) {
            a.iter_mut().zip(b).for_each(|(x, y)| x.merge(y));
        }
    }

    fn results(&self) -> Vec<Comparison> {
        let comparisons = self.seasons.len().saturating_sub(1).max(1);
        self.seasons
            .iter()
            .zip(&self.levels)
            .zip(&self.differences)
            .map(|((season, levels), diff)| Comparison {
                season: season.summary(),
                difference: estimates(diff),
                paired: (0..GroupMetric::COUNT)
                    .map(|m| PairedMetric {
                        ci95_bonferroni: bonferroni_half_width(&diff[m], comparisons),
                        variance_reduction: VarianceReduction::of(
                            levels[m].variance(),
                            self.levels[0][m].variance(),
                            diff[m].variance(),
                        ),
                    })
                    .collect(),
            })
            .collect()
    }
}

fn paired_chunk(models: &[SeasonModel], seed: u64, range: std::ops::Range<u64>) -> PairedAcc {
    let mut acc = PairedAcc::new(models.len());
    let mut engine = Engine::new();
    let mut waits = Vec::new();
    for replication in range {
        let values: Vec<_> = models
            .iter()
            .zip(&mut acc.seasons)
            .map(|(model, season_acc)| {
                let tally = season_tally(model, seed, replication, &mut engine, &mut waits);
                let wait_p90_min = wait_p90(&mut waits);
                season_acc.push(&tally, wait_p90_min);
                GroupMetric::values(&GroupReplication {
                    tally: &tally,
                    wait_p90_min,
                })
            })
            .collect();
        for (level, v) in acc.levels.iter_mut().zip(&values) {
            level.iter_mut().zip(v).for_each(|(l, &x)| l.push_opt(x));
        }
        for (diff, v) in acc.differences.iter_mut().zip(&values) {
            for ((d, x), base) in diff.iter_mut().zip(v).zip(&values[0]) {
                if let (Some(x), Some(base)) = (x, base) {
                    d.push(x - base);
                }
            }
        }
    }
    acc
}
/// One replication of a season, summed over its stops; `waits` receives every served client's wait.
fn season_tally(
    model: &SeasonModel,
    seed: u64,
    replication: u64,
    engine: &mut Engine,
    waits: &mut Vec<f64>,
) -> GroupTally {
    let mut tally = GroupTally::default();
    let mut returns = ReturnCarry::default();
    waits.clear();
    for (index, stop) in model.stops.iter().enumerate() {
        let streams = StopStreams::new(seed, index as u64);
        let outcome = returns.simulate(stop, engine, &streams, replication);
        tally.add(&outcome, stop.rules.clerks, stop.rules.dwell_min);
        waits.extend_from_slice(engine.served_waits());
    }
    tally
}
