//! One simulated stop-day of a season run, client by client: the trace `run --trace-stop` writes.

use super::return_flow::ReturnCarry;
use super::{SeasonModel, stop_streams};
use crate::sim::{ClientRecord, Engine, StopOutcome, TraceObserver};

/// The trace of one stop in one replication of a season run.
#[derive(Debug, Clone, PartialEq)]
pub struct StopTrace {
    /// Index (from 0) of the stop in the season.
    pub stop: usize,
    /// Replication (from 0) the day belongs to.
    pub replication: u64,
    /// The day's outcome: the figures of that stop in that replication of the run.
    pub outcome: StopOutcome,
    /// Every client of the day in order of arrival (times in minutes after opening).
    pub clients: Vec<ClientRecord>,
}

/// The day of stop `stop` (from 0) in replication `replication` (from 0) of the season run with
/// `seed`, by the event engine: the same day the run simulated by the fast path, with the clients
/// returning from the settlement's earlier visits of that replication (they are simulated first).
/// `None` if the season has no such stop.
pub fn trace_stop(model: &SeasonModel, seed: u64, stop: usize, replication: u64) -> Option<StopTrace> {
    let target = model.stops.get(stop)?;
    let streams = stop_streams(model, seed);
    let mut engine = Engine::new();
    let mut returns = ReturnCarry::default();
    for (earlier, earlier_streams) in model.stops[..stop].iter().zip(&streams) {
        returns.simulate(earlier, &mut engine, earlier_streams, replication);
    }
    let mut observer = TraceObserver::default();
    let mut observed = |extra: f64| {
        target.simulate_observed_with_extra(&mut engine, &streams[stop], replication, extra, &mut observer)
    };
    let outcome = match returns.simulate_with(target, &mut observed) {
        Some(outcome) => outcome,
        None => observed(0.0),
    };
    let mut clients = observer.records;
    clients.sort_by_key(|c| c.index);
    Some(StopTrace {
        stop,
        replication,
        outcome,
        clients,
    })
}
