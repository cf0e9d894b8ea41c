//! The command line (the only place that knows clap), converted once into clap-free commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{Command, ReplayOptions};
use crate::sim::Closing;

/// Client demand and clerk staffing for the Bács-Kiskun government-window bus.
#[derive(Debug, Parser)]
#[command(name = "ablakbusz", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: CliCommand,
}

#[derive(Debug, Subcommand)]
enum CliCommand {
    /// Replay a recorded day (one client per CSV row) with any number of clerks and closing policy.
    #[command(
        after_help = "Example:\n  ablakbusz replay day.csv --clerks 2 --dwell 3 --closing turn_away --trace\n\n\
        The CSV has columns arrival_min, service_min, and optionally patience_min (empty: never gives up)\n\
        and errands; times are minutes after opening."
    )]
    Replay {
        /// The recorded day (CSV).
        day: PathBuf,
        /// Clerks on duty.
        #[arg(long)]
        clerks: u32,
        /// Dwell: the door closes this many hours after opening.
        #[arg(long, value_name = "HOURS")]
        dwell: f64,
        /// What happens to clients still waiting at closing.
        #[arg(long, value_enum, default_value_t = ClosingArg::ServeAll)]
        closing: ClosingArg,
        /// With `--closing last_entry`: minutes before closing after which nobody is admitted.
        #[arg(long, value_name = "MINUTES", default_value_t = 0.0)]
        last_entry_min: f64,
        /// Print one line per client: arrival, service start, departure and outcome.
        #[arg(long)]
        trace: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
enum ClosingArg {
    /// Serve everyone waiting at closing (overtime).
    ServeAll,
    /// Send home everyone waiting at closing.
    TurnAway,
    /// Admit nobody in the last --last-entry-min minutes; serve the rest.
    LastEntry,
}

impl ClosingArg {
    fn closing(self, last_entry_min: f64) -> Closing {
        match self {
            ClosingArg::ServeAll => Closing::ServeAll,
            ClosingArg::TurnAway => Closing::TurnAway,
            ClosingArg::LastEntry => Closing::LastEntry {
                minutes: last_entry_min,
            },
        }
    }
}

impl Cli {
    /// The command, free of clap.
    pub fn into_command(self) -> Command {
        match self.command {
            CliCommand::Replay {
                day,
                clerks,
                dwell,
                closing,
                last_entry_min,
                trace,
            } => Command::Replay(ReplayOptions {
                day,
                clerks,
                dwell_hours: dwell,
                closing: closing.closing(last_entry_min),
                trace,
            }),
        }
    }
}
