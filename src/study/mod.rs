//! Studies: each computation a command runs, with its result types — a season run with its
//! groupings, the policy seasons, the staffing rows, comparisons, the report's data and the
//! calibrations. No I/O and no printing: app/ loads and writes, report/ renders.

pub mod calibration;
mod comparison;
mod error;
mod policies;
mod progress;
mod report;
mod season;
mod settings;
mod staffing;

pub use comparison::{SideBySide, side_by_side};
pub use error::{CalibrateError, StudyError};
pub use policies::{ChosenDwell, PolicySeason, policy_seasons};
pub use progress::{Progress, Silent, stage};
pub use report::{ReportStudy, busiest_stop, report_study};
pub use season::{RunMeta, SeasonRun, season_model, simulate_season};
pub use settings::SimulationOverrides;
pub use staffing::{StaffingRow, staffing_by_policy, staffing_rows};
