//! Staffing: service targets, and the fewest clerks that meet them (per stop), by simulation.

mod search;
mod targets;

pub use search::{Candidate, SearchSettings, StaffingAnswer, search_stop};
pub use targets::{ServiceTargets, TargetCheck, TargetKind};
