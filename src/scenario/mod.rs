//! Scenarios: the TOML mirror, validation with key paths, and the resolved season the engine runs.
mod resolved;
pub use resolved::{Season, SeasonStop, SimulationSettings, Venue};
