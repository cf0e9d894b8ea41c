//! Each replication's figures, stop by stop and for the season: what `run --per-replication` writes
//! for engineers who want their own analysis.

use rayon::prelude::*;

use super::return_flow::ReturnCarry;
use super::{GroupMetric, GroupReplication, GroupTally, SeasonModel, StopMetric, StopReplication, stop_streams};
use crate::sim::Engine;
use crate::stats::wait_p90;

/// One replication's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationFigures {
    /// Replication, from 0.
    pub replication: u64,
    /// Every stop's metrics in [`StopMetric::ALL`] order (`None`: no value, e.g. no wait when
    /// nobody was served), stops in season order.
    pub stops: Vec<[Option<f64>; StopMetric::COUNT]>,
    /// The season's metrics in [`GroupMetric::ALL`] order.
    pub season: [Option<f64>; GroupMetric::COUNT],
}

/// The figures of replications `range` of the season run with `seed`: the same stop-days as the
/// run (the same streams, stops in season order with the clients returning from earlier visits),
/// simulated again, in parallel over replications and returned in replication order.
pub fn replication_figures(model: &SeasonModel, seed: u64, range: std::ops::Range<u64>) -> Vec<ReplicationFigures> {
    let streams = stop_streams(model, seed);
    range
        .into_par_iter()
        .map_init(Engine::new, |engine, replication| {
            let mut returns = ReturnCarry::default();
            let mut season = GroupTally::default();
            let mut season_waits = Vec::new();
            let stops = model
                .stops
                .iter()
                .zip(&streams)
                .map(|(stop, streams)| {
                    let outcome = returns.simulate(stop, engine, streams, replication);
                    season.add(&outcome, stop.rules.clerks, stop.rules.dwell_min);
                    season_waits.extend_from_slice(engine.served_waits());
                    let wait_p90_min = wait_p90(engine.served_waits_mut());
                    StopMetric::values(&StopReplication {
                        outcome: &outcome,
                        wait_p90_min,
                    })
                })
                .collect();
            let wait_p90_min = wait_p90(&mut season_waits);
            ReplicationFigures {
                replication,
                stops,
                season: GroupMetric::values(&GroupReplication {
                    tally: &season,
                    wait_p90_min,
                }),
            }
        })
        .collect()
}
