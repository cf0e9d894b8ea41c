//! The simulation engine: one stop-day as a discrete-event queue. No I/O, no statistics.

mod client;
mod closing;
mod engine;
mod error;
mod event;
mod fifo;
mod minutes;
mod observer;
mod outcome;
mod profile;
mod queue_area;
mod returning;
mod rng;
mod service;
mod stop;

pub use client::{Client, ClientModel, ClientSource, ReplayClients, SampledClients};
pub use closing::{Closing, ClosingError, ClosingKind, NoTimeToEnter};
pub use engine::{DayRules, Engine};
pub use error::SpecError;
pub use observer::{ClientFate, ClientRecord, NoObserver, Observer, TraceObserver};
pub use outcome::StopOutcome;
pub use profile::{RateProfile, RateSegment};
pub use returning::ReturnLink;
pub use rng::{Purpose, StopStreams, StreamKey, StreamRng};
pub use service::{Duration, DurationSampler, Patience};
pub use stop::{Arrivals, Balking, ErrandType, StopSpec};

/// A stop ready to simulate: its rules and prepared client samplers.
#[derive(Debug, Clone)]
pub struct PreparedStop {
    pub rules: DayRules,
    pub model: ClientModel,
    /// How the stop passes lost clients to its settlement's next visit (pending-needs pool with a
    /// return flow); `None`: the stop stands alone.
    pub returns: Option<ReturnLink>,
}

impl PreparedStop {
    /// Validates the spec and prepares its samplers.
    pub fn new(spec: &StopSpec) -> Result<Self, SpecError> {
        Ok(Self {
            rules: spec.rules(),
            model: ClientModel::new(spec)?,
            returns: None,
        })
    }

    /// The stop with its link to the settlement's other visits.
    #[must_use]
    pub fn with_returns(mut self, link: ReturnLink) -> Self {
        self.returns = Some(link);
        self
    }

    /// [`PreparedStop::simulate_streams`] with `extra_clients` more expected arrivals (returning
    /// clients), spread like the stop's own: the arrival intensity is scaled by
    /// (expected + extra) / expected. A stop expecting nobody gets no extra clients.
    pub fn simulate_with_extra(
        &self,
        engine: &mut Engine,
        streams: &StopStreams,
        replication: u64,
        extra_clients: f64,
    ) -> StopOutcome {
        let expected = self.model.expected_arrivals();
        if !(extra_clients > 0.0 && expected > 0.0) {
            return self.simulate_streams(engine, streams, replication);
        }
        let factor = (expected + extra_clients) / expected;
        engine.run_fast_drawn(&self.rules, &self.model, streams, replication, Some(factor))
    }

    /// One replication of the stop with the key's random streams, by the fast path (nobody watches).
    pub fn simulate(&self, engine: &mut Engine, key: StreamKey) -> StopOutcome {
        self.simulate_streams(engine, &key.stop_streams(), key.replication)
    }

    /// [`PreparedStop::simulate`] with the stop's streams prepared once for many replications.
    pub fn simulate_streams(&self, engine: &mut Engine, streams: &StopStreams, replication: u64) -> StopOutcome {
        engine.run_fast_drawn(&self.rules, &self.model, streams, replication, None)
    }

    /// [`PreparedStop::simulate_with_extra`] by the event engine, reporting to `observer` (a trace
    /// of the stop-day a season run simulated).
    pub fn simulate_observed_with_extra<O: Observer>(
        &self,
        engine: &mut Engine,
        streams: &StopStreams,
        replication: u64,
        extra_clients: f64,
        observer: &mut O,
    ) -> StopOutcome {
        let expected = self.model.expected_arrivals();
        let clients = if extra_clients > 0.0 && expected > 0.0 {
            self.model
                .clients_scaled(streams, replication, (expected + extra_clients) / expected)
        } else {
            self.model.clients(streams, replication)
        };
        let mut balking_rng = streams.rng(replication, Purpose::Balking);
        engine.run(&self.rules, clients, &mut balking_rng, observer)
    }

    /// One replication by the event engine, reporting to `observer` (the reference for the fast path).
    pub fn simulate_observed<O: Observer>(&self, engine: &mut Engine, key: StreamKey, observer: &mut O) -> StopOutcome {
        let streams = key.stop_streams();
        let mut balking_rng = streams.rng(key.replication, Purpose::Balking);
        engine.run(
            &self.rules,
            self.model.clients(&streams, key.replication),
            &mut balking_rng,
            observer,
        )
    }
}
