//! The commands, in clap-free form, and what each one does.

mod allocator;
pub mod calibrate;
mod choice;
mod compare;
mod error;
mod input_uncertainty;
mod optimise;
mod output;
mod plan;
mod progress;
mod raw_figures;
mod replay;
mod report;
mod run;
mod signals;
mod staff;
mod sweep;
mod terminal;

pub use calibrate::{CalibrateError, CalibrateOptions};
pub use compare::CompareOptions;
pub use error::AppError;
pub use optimise::OptimiseOptions;
pub use raw_figures::TraceRequest;
pub use replay::ReplayOptions;
pub use report::{ReportRequest, report_files};
pub use run::{RunOptions, ScenarioSource, run_files, run_loaded};
pub use staff::StaffOptions;
pub use sweep::SweepOptions;

use std::path::PathBuf;

use crate::report::lang::Lang;
use crate::report::render_check;
use terminal::say;

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
    /// A scenario at every point of a grid of key values.
    Sweep(SweepOptions),
    /// Which settlements, how often and how long within a budget, compared with the scenario's plan.
    Optimise(OptimiseOptions),
}

/// A command and the language of what it prints and writes for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub command: Command,
    /// Language of terminal texts, CSV headers, charts and the report (`--lang`).
    pub lang: Lang,
    /// How CSV files are written (`--csv`).
    pub csv: crate::report::CsvDialect,
}

/// Runs a command; what it prints goes to stdout. Ctrl-C and SIGTERM end it cleanly (no result
/// half-written, exit 130 / 143); a closed stdout silences the prints, not the files (`terminal.rs`).
pub fn execute(invocation: Invocation) -> Result<(), AppError> {
    allocator::cap_arenas();
    let lang = invocation.lang;
    signals::install(lang);
    output::set_csv_dialect(invocation.csv);
    match dispatch(invocation) {
        Err(AppError::Write(crate::report::WriteError::Interrupted(signal))) => signals::end_interrupted(lang, signal),
        other => other,
    }
}

fn dispatch(invocation: Invocation) -> Result<(), AppError> {
    let Invocation { command, lang, .. } = invocation;
    match command {
        Command::Run(options) => run::run(&options, lang),
        Command::Check(source) => {
            say!("{}", render_check(&source.load()?, lang)?);
            Ok(())
        }
        Command::Plan { scenario, out } => plan::plan(&scenario, out.as_deref(), lang),
        Command::Replay(options) => replay::replay(&options, lang),
        Command::Staff(options) => staff::staff(&options, lang),
        Command::Compare(options) => compare::compare(&options, lang),
        Command::Policies(options) => compare::policies(&options, lang),
        Command::Calibrate(options) => calibrate::calibrate(&options, lang),
        Command::Sweep(options) => sweep::sweep(&options, lang),
        Command::Optimise(options) => optimise::optimise(&options, lang),
    }
}
