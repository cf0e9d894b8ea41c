//! Chart inputs built from a season and its results: pure functions, so that a test can compare
//! what a chart plots with the CSV and JSON written by the same run.

mod calibration;
mod differences;
mod map;
mod policy;
mod queue;
mod staffing;
mod wait;
mod weeks;

pub use calibration::{calibration_input, stop_log_calibration_input};
pub use differences::{difference_verdict, differences_input, paired_difference};
pub use map::{county_map_input, reference_visit_clients};
pub use policy::policy_comparison_input;
pub use queue::{QUEUE_BAND_HIGH_Q, QUEUE_BAND_LOW_Q, busiest_stop, queue_curve_input, stop_label};
pub use staffing::staffing_input;
pub use wait::{MAX_WAIT_BARS, wait_input};
pub use weeks::{WEEK_GROUPING, season_weeks_input, week_start};
