//! The per-replication carry of returning clients between the visits of a settlement.
//!
//! Under the pending-needs pool (docs/demand.md) a share of the clients a visit loses keep their
//! need pending: they rejoin the settlement's pool, leak like any pending need and are met by a
//! later visit's capture. [`ReturnCarry`] holds, per settlement, the expected such needs still
//! pending; stops are simulated in date order within a replication, so each visit sees exactly the
//! losses of the earlier visits of its own replication (whatever the thread count).

use crate::sim::{Engine, PreparedStop, StopOutcome, StopStreams};

/// Expected returning needs pending per settlement slot, within one replication.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReturnCarry {
    pending: Vec<f64>,
}

impl ReturnCarry {
    /// Empties every settlement's carry (the start of a replication).
    pub(crate) fn reset(&mut self) {
        self.pending.iter_mut().for_each(|p| *p = 0.0);
    }

    /// One replication of `stop`: with the returning clients its link brings, and its own losses
    /// carried on. A stop without a link is simulated as it stands.
    pub(crate) fn simulate(
        &mut self,
        stop: &PreparedStop,
        engine: &mut Engine,
        streams: &StopStreams,
        replication: u64,
    ) -> StopOutcome {
        match self.simulate_with(stop, |extra| {
            stop.simulate_with_extra(engine, streams, replication, extra)
        }) {
            Some(outcome) => outcome,
            None => stop.simulate_streams(engine, streams, replication),
        }
    }

    /// [`ReturnCarry::simulate`] by `run`, which simulates the stop with the given expected extra
    /// (returning) clients — the event engine, for a trace; `None` for a stop without a link.
    pub(crate) fn simulate_with(
        &mut self,
        stop: &PreparedStop,
        run: impl FnOnce(f64) -> StopOutcome,
    ) -> Option<StopOutcome> {
        let link = stop.returns?;
        if self.pending.len() <= link.slot {
            self.pending.resize(link.slot + 1, 0.0);
        }
        let carried = self.pending[link.slot] * link.survival;
        let outcome = run(link.capture * carried);
        self.pending[link.slot] = (1.0 - link.capture) * carried + link.return_share * f64::from(outcome.lost());
        Some(outcome)
    }
}
