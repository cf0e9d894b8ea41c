//! `ablakbusz replay`: a recorded day replayed with any clerks, dwell and closing policy.

use std::path::PathBuf;

use super::AppError;
use super::terminal::say;
use crate::replay::{read_day, replay_day};
use crate::report::lang::Lang;
use crate::report::render_replay;
use crate::sim::{Closing, DayRules, NoTimeToEnter};
use crate::vocab::units::hours_to_minutes;

/// `ablakbusz replay DAY.csv --clerks N --dwell H`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayOptions {
    pub day: PathBuf,
    pub clerks: u32,
    /// The door closes this many hours after opening.
    pub dwell_hours: f64,
    pub closing: Closing,
    /// Print one line per client.
    pub trace: bool,
}

/// Checks the arguments, replays the day and prints its metrics (and the trace when asked).
pub(super) fn replay(options: &ReplayOptions, lang: Lang) -> Result<(), AppError> {
    if options.clerks == 0 {
        return Err(AppError::Argument("--clerks must be at least 1".into()));
    }
    if !(options.dwell_hours.is_finite() && options.dwell_hours > 0.0) {
        return Err(AppError::Argument(format!(
            "--dwell must be a positive number of hours, got {}",
            options.dwell_hours
        )));
    }
    let rules = DayRules {
        dwell_min: hours_to_minutes(options.dwell_hours),
        clerks: options.clerks,
        balking: None,
        closing: options.closing,
        wait_target_min: crate::staffing::NATIONAL_AVERAGE_WAIT_MIN,
    };
    if let Err(NoTimeToEnter { minutes, .. }) = rules.closing.check_fits(rules.dwell_min) {
        return Err(AppError::Argument(format!(
            "--last-entry-min must be between 0 and the dwell ({} min), got {minutes}",
            rules.dwell_min
        )));
    }
    let clients = read_day(&options.day)?;
    say!(
        "{}",
        render_replay(lang, &replay_day(&clients, &rules, options.trace), &rules)?
    );
    Ok(())
}
