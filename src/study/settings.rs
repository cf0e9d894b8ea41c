//! The command line's replications, seed and threads merged into a scenario's `[simulation]`:
//! the one place a run's settings are decided.

use crate::experiment::RunSettings;
use crate::scenario::SimulationSettings;

/// Command-line overrides of the scenario's `[simulation]`; `None` keeps the scenario's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SimulationOverrides {
    /// Replications (seasons simulated).
    pub replications: Option<u32>,
    /// Seed of every random stream.
    pub seed: Option<u64>,
    /// Worker threads (`None`: the scenario's, else one per core).
    pub threads: Option<usize>,
}

impl SimulationOverrides {
    /// The settings a run uses: each override, else the scenario's value.
    pub fn settings(&self, simulation: &SimulationSettings) -> RunSettings {
        RunSettings {
            replications: self.replications.unwrap_or(simulation.replications),
            seed: self.seed.unwrap_or(simulation.seed),
            threads: self.threads.or(simulation.threads),
        }
    }
}
