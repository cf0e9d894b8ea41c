//! Paired comparison of seasons: each replication runs every season with the same streams, and the
//! differences to the first season are summarised per replication (common random numbers).

use serde::Serialize;

use super::metrics::{GroupMetric, GroupReplication, GroupTally, MetricEstimates};
use super::tally::{GroupAcc, GroupSummary, estimates};
use super::{ExperimentError, RunSettings, SeasonModel, check_run, in_chunks, with_threads};
use crate::sim::{Engine, StreamKey};
use crate::stats::{MeanAccumulator, wait_p90};

/// A season compared with the baseline (the first season).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The season's own totals.
    pub season: GroupSummary,
    /// Paired differences (this season − baseline) per metric, with 95 % half-widths.
    pub difference: MetricEstimates<GroupMetric>,
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

#[derive(Debug, Clone)]
struct PairedAcc {
    seasons: Vec<GroupAcc>,
    differences: Vec<[MeanAccumulator; GroupMetric::COUNT]>,
}

impl PairedAcc {
    fn new(n: usize) -> Self {
        Self {
            seasons: vec![GroupAcc::default(); n],
            differences: vec![Default::default(); n],
        }
    }

    fn merge(&mut self, o: &Self) {
        self.seasons.iter_mut().zip(&o.seasons).for_each(|(a, b)| a.merge(b));
        for (a, b) in self.differences.iter_mut().zip(&o.differences) {
            a.iter_mut().zip(b).for_each(|(x, y)| x.merge(y));
        }
    }

    fn results(&self) -> Vec<Comparison> {
        self.seasons
            .iter()
            .zip(&self.differences)
            .map(|(season, diff)| Comparison {
                season: season.summary(),
                difference: estimates(diff),
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
    waits.clear();
    for (index, stop) in model.stops.iter().enumerate() {
        let outcome = stop.simulate(
            engine,
            StreamKey {
                seed,
                stop: index as u64,
                replication,
            },
        );
        tally.add(&outcome, stop.rules.clerks, stop.rules.dwell_min);
        waits.extend_from_slice(engine.served_waits());
    }
    tally
}
