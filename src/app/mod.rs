//! The commands, in clap-free form, and what each one does.

pub mod calibrate;
mod compare;
mod error;
mod output;
mod plan;
mod progress;
mod report;
mod run;
mod staff;

pub use calibrate::{CalibrateError, CalibrateOptions};
pub use compare::CompareOptions;
pub use error::AppError;
pub use report::{ReportRequest, report_files};
pub use run::{RunOptions, ScenarioSource, run_files, run_loaded};
pub use staff::StaffOptions;

use std::path::PathBuf;

use crate::replay::{read_day, replay_day};
use crate::report::lang::Lang;
use crate::report::{render_check, render_replay};
use crate::sim::{Closing, DayRules, NoTimeToEnter};
use crate::vocab::units::hours_to_minutes;

/// What the user asked for, checked and free of clap.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Run(RunOptions),
    /// Validate a scenario and print the resolved plan and expected demand.
    Check(ScenarioSource),
    /// Write the season's itinerary as CSV.
    Plan {
        scenario: ScenarioSource,
        out: Option<PathBuf>,
    },
    Replay(ReplayOptions),
    Staff(StaffOptions),
    /// Scenarios side by side with paired differences.
    Compare(CompareOptions),
    /// A scenario's dwell policies side by side.
    Policies(CompareOptions),
    /// Fit demand parameters to published totals or a stop log.
    Calibrate(CalibrateOptions),
}

/// A command and the language of what it prints and writes for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub command: Command,
    /// Language of terminal texts, CSV headers, charts and the report (`--lang`).
    pub lang: Lang,
}

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

/// Runs a command; what it prints goes to stdout.
pub fn execute(invocation: Invocation) -> Result<(), AppError> {
    let Invocation { command, lang } = invocation;
    match command {
        Command::Run(options) => run::run(&options, lang),
        Command::Check(source) => {
            print!("{}", render_check(&source.load()?, lang)?);
            Ok(())
        }
        Command::Plan { scenario, out } => plan::plan(&scenario, out.as_deref(), lang),
        Command::Replay(options) => replay(&options, lang),
        Command::Staff(options) => staff::staff(&options, lang),
        Command::Compare(options) => compare::compare(&options, lang),
        Command::Policies(options) => compare::policies(&options, lang),
        Command::Calibrate(options) => calibrate::calibrate(&options, lang),
    }
}

fn replay(options: &ReplayOptions, lang: Lang) -> Result<(), AppError> {
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
    print!(
        "{}",
        render_replay(lang, &replay_day(&clients, &rules, options.trace), &rules)?
    );
    Ok(())
}
