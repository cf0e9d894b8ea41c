//! Staffing: service targets, and the fewest clerks that meet them (per stop), by simulation.

mod decision;
mod dwell;
mod search;
mod targets;
mod textbook;

pub use decision::{Evaluation, Verdict, evaluate, evaluate_candidates};
pub use dwell::{DwellAnswer, DwellCandidate, DwellRange, search_dwell};
pub use search::{Candidate, SearchSettings, StaffingAnswer, search_stop};
pub use targets::{NATIONAL_AVERAGE_WAIT_MIN, ServiceTargets, TargetCheck, TargetKind};
pub use textbook::{TextbookAnswers, textbook_answers};
