//! Staffing: service targets, and the fewest clerks that meet them (per stop), by simulation.

mod decision;
mod dwell;
mod known;
mod search;
mod targets;
mod textbook;

pub use decision::{Evaluation, Verdict, evaluate, evaluate_candidates, evaluate_remaining};
pub use dwell::{DwellAnswer, DwellCandidate, DwellRange, search_dwell, search_dwell_recording};
pub use known::KnownEvaluations;
pub use search::{Candidate, SearchSettings, StaffingAnswer, search_stop, search_stop_known};
pub use targets::{NATIONAL_AVERAGE_WAIT_MIN, ServiceTargets, TargetCheck, TargetKind};
pub use textbook::{TextbookAnswers, textbook_answers};
