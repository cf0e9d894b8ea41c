//! The command line (the only place that knows clap), converted once into clap-free commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{
    CalibrateOptions, Command, CompareOptions, Invocation, OptimiseOptions, ReplayOptions, ReportRequest, RunOptions,
    ScenarioSource, StaffOptions, SweepOptions, TraceRequest,
};
use crate::report::CsvDialect;
use crate::report::lang::Lang;
use crate::scenario::{Setting, Vary};
use crate::sim::{Closing, ClosingKind};
use crate::study::Objective;

/// Client demand and clerk staffing for the Bács-Kiskun government-window bus.
///
/// With no command, runs the embedded 2020 plan (`ablakbusz run`).
#[derive(Debug, Parser)]
#[command(name = "ablakbusz", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<CliCommand>,
    /// Language of everything written for people: terminal summaries, CSV headers, charts, report.
    #[arg(long, value_enum, global = true, default_value_t = LangArg::En)]
    lang: LangArg,
    /// How CSV files are written: rfc4180 (`,`, decimal point; for scripts) or excel-hu (`;`, decimal
    /// comma, UTF-8 with a byte-order mark, CRLF: what Hungarian Excel opens with a double-click).
    #[arg(long, value_enum, global = true, default_value_t = CsvArg::Rfc4180)]
    csv: CsvArg,
}

/// `--csv rfc4180|excel-hu`.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
enum CsvArg {
    /// `,` between fields, `.` decimal point, LF, no byte-order mark.
    #[default]
    Rfc4180,
    /// `;` between fields, decimal comma, UTF-8 with a byte-order mark, CRLF.
    ExcelHu,
}

/// Options shared by the commands that simulate.
#[derive(Debug, Clone, Default, clap::Args)]
struct SimulationArgs {
    /// Replications of the season (default: the scenario's `[simulation] replications`).
    #[arg(long, allow_negative_numbers = true, value_parser = values::replications)]
    replications: Option<u32>,
    /// Seed of all random numbers (default: the scenario's).
    #[arg(long, allow_negative_numbers = true, value_parser = values::seed)]
    seed: Option<u64>,
    /// Worker threads (default: all cores); results do not depend on it.
    #[arg(long, allow_negative_numbers = true, value_parser = values::threads)]
    threads: Option<usize>,
    /// Output folder (default: output/<scenario-name>/).
    #[arg(long, value_name = "DIR", value_parser = values::out_dir)]
    out: Option<PathBuf>,
    /// No progress bar and no summary table.
    #[arg(long)]
    quiet: bool,
}

/// `--set KEY=VALUE`: scenario keys given on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
struct SetArgs {
    /// Set a scenario key, as a line `KEY = VALUE` of the file would (repeatable; later wins), e.g.
    /// --set bus.clerks=3 --set bus.closing=turn_away. VALUE is TOML; a bare word is taken as text.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = values::setting)]
    set: Vec<Setting>,
}

impl SetArgs {
    /// The scenario at `path` (default: `default`) with these settings over it.
    fn source(self, path: Option<PathBuf>, default: ScenarioSource) -> ScenarioSource {
        path.map_or(default, ScenarioSource::File).with_settings(self.set)
    }
}

/// `--precision`: the number of replications chosen by a sequential rule.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
struct PrecisionArgs {
    /// Add replications (16 at a time, from --replications, at most 20000) until every headline figure's
    /// 95 % half-width is at most REL × its mean, e.g. 0.02; default: the fixed number of replications.
    #[arg(long, value_name = "REL")]
    precision: Option<f64>,
}

/// `--input-uncertainty`: the demand parameters drawn from the calibration's sampling distribution.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
struct InputUncertaintyArgs {
    /// Also simulate the season under DRAWS draws of the demand parameters from the calibration's own
    /// uncertainty (default 32, or the scenario's uncertainty.input_draws; 16 replications each) and report
    /// the ranges with parameter uncertainty (parameter_uncertainty.csv).
    #[arg(long, value_name = "DRAWS", num_args = 0..=1)]
    input_uncertainty: Option<Option<u32>>,
}

/// `--select-best`: a sequential selection of the best alternative.
#[derive(Debug, Clone, Default, clap::Args)]
struct SelectionArgs {
    /// Also select the best alternative by this season metric (served, lost, wait_mean_min, clerk_hours…)
    /// with the KN fully sequential procedure on common random numbers.
    #[arg(long, value_name = "METRIC")]
    select_best: Option<String>,
    /// With --select-best: the smallest difference worth telling apart, in the metric's unit
    /// (default: 10 clients or errands, 1 min of wait, 60 min of overtime, 8 clerk-hours).
    #[arg(long, value_name = "DELTA", requires = "select_best")]
    indifference: Option<f64>,
    /// With --select-best: the probability of selecting the best when it leads by the indifference zone
    /// (default 0.95).
    #[arg(long, value_name = "P", requires = "select_best")]
    pcs: Option<f64>,
}

/// The raw figures `run` can add for engineers.
#[derive(Debug, Clone, Default, clap::Args)]
struct RawFigureArgs {
    /// Also write each replication's season figures (replications.csv) and stop figures
    /// (replication_stops.csv): the same stop-days the means are of.
    #[arg(long)]
    per_replication: bool,
    /// Also write one simulated day client by client (trace-stop-N.csv): stop N, as numbered in stops.csv.
    #[arg(long, value_name = "N")]
    trace_stop: Option<usize>,
    /// With --trace-stop: the replication (from 1) whose day is traced.
    #[arg(long, value_name = "R", default_value_t = 1, requires = "trace_stop")]
    trace_replication: u32,
}

impl RawFigureArgs {
    /// The stop-day to trace, if any.
    fn trace(&self) -> Option<TraceRequest> {
        self.trace_stop.map(|stop| TraceRequest {
            stop,
            replication: self.trace_replication,
        })
    }
}

impl SimulationArgs {
    fn staff_options(self, scenario: ScenarioSource) -> StaffOptions {
        StaffOptions {
            scenario,
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
            out: self.out,
            quiet: self.quiet,
        }
    }

    fn compare_options(
        self,
        scenarios: Vec<ScenarioSource>,
        precision: PrecisionArgs,
        selection: SelectionArgs,
    ) -> CompareOptions {
        CompareOptions {
            scenarios,
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
            out: self.out,
            quiet: self.quiet,
            precision: precision.precision,
            select_best: selection.select_best,
            indifference: selection.indifference,
            pcs: selection.pcs,
        }
    }

    fn run_options(
        self,
        scenario: ScenarioSource,
        precision: PrecisionArgs,
        uncertainty: InputUncertaintyArgs,
    ) -> RunOptions {
        RunOptions {
            scenario,
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
            out: self.out,
            quiet: self.quiet,
            report: None,
            precision: precision.precision,
            input_uncertainty: uncertainty.input_uncertainty,
            per_replication: false,
            trace: None,
        }
    }
}

/// Language of the texts a person reads (`--lang en|hu`).
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
enum LangArg {
    /// English.
    #[default]
    En,
    /// Hungarian (magyar).
    Hu,
}

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::Hu => Lang::Hu,
        }
    }
}

#[derive(Debug, Subcommand)]
enum CliCommand {
    /// Simulate a season: per-stop and season results with 95 % confidence intervals.
    #[command(
        after_help = "Examples:\n  ablakbusz run                                   # the embedded 2020 plan\n  \
        ablakbusz run scenarios/whatif-3-desks.toml --replications 2000 --seed 7\n\n\
        Writes stops.csv, season.csv and summary.json to output/<scenario-name>/ (or --out)."
    )]
    Run {
        /// The scenario (TOML); default: the embedded 2020 plan.
        scenario: Option<PathBuf>,
        #[command(flatten)]
        simulation: SimulationArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        uncertainty: InputUncertaintyArgs,
        /// Also write the charts (PNG, SVG) and report.html, as `ablakbusz report` does.
        #[arg(long)]
        report: bool,
        /// With --report: the stop (number in stops.csv) whose queue is charted; default the busiest.
        #[arg(long, value_name = "N", requires = "report")]
        stop: Option<usize>,
        #[command(flatten)]
        raw: RawFigureArgs,
    },
    /// Simulate a season and write charts and a self-contained report.html for management.
    #[command(
        after_help = "Examples:\n  ablakbusz report                                # the embedded 2020 plan\n  \
        ablakbusz report scenarios/whatif-3-desks.toml --lang hu --stop 12\n\n\
        Writes report.html (charts inline, prints on A4), the charts as PNG and SVG, staffing.csv,\n\
        and the run's stops.csv, season.csv and summary.json to output/<scenario-name>/ (or --out)."
    )]
    Report {
        /// The scenario (TOML); default: the embedded 2020 plan.
        scenario: Option<PathBuf>,
        #[command(flatten)]
        simulation: SimulationArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        uncertainty: InputUncertaintyArgs,
        /// The stop (number in stops.csv) whose queue is charted; default the busiest.
        #[arg(long, value_name = "N")]
        stop: Option<usize>,
    },
    /// Validate a scenario and show the resolved stops, dwell and expected clients, without simulating.
    #[command(after_help = "Example:\n  ablakbusz check scenarios/2019-baseline.toml")]
    Check {
        /// The scenario (TOML).
        scenario: PathBuf,
        #[command(flatten)]
        set: SetArgs,
    },
    /// Write the season's itinerary (date, start, end, settlement, venue, travel) as CSV.
    #[command(
        after_help = "Example:\n  ablakbusz plan scenarios/2020-plan.toml --out itinerary/\n\n\
        Writes itinerary.csv (and unplaced.csv for visits that did not fit)."
    )]
    Plan {
        /// The scenario (TOML).
        scenario: PathBuf,
        /// Output folder (default: output/<scenario-name>/).
        #[arg(long, value_name = "DIR", value_parser = values::out_dir)]
        out: Option<PathBuf>,
        #[command(flatten)]
        set: SetArgs,
    },
    /// The fewest clerks per stop that meet the service targets, beside the textbook formulas.
    #[command(after_help = "Example:\n  ablakbusz staff scenarios/2020-plan.toml\n\n\
        Writes staffing.csv and prints the answer per settlement-size class.")]
    Staff {
        /// The scenario (TOML).
        scenario: PathBuf,
        #[command(flatten)]
        simulation: SimulationArgs,
        #[command(flatten)]
        set: SetArgs,
    },
    /// Fit demand to a season's published totals (default: the embedded 2019 baseline) or to a stop log.
    #[command(
        after_help = "Examples:\n  ablakbusz calibrate                  # the 2019 figures, embedded 2019 baseline\n  \
        ablakbusz calibrate --backtest       # and simulate the calibrated season against the figures\n  \
        ablakbusz calibrate --log scenarios/data/example-stop-log.csv\n\n\
        Prints the parameters with 95 % intervals, the fit table, a TOML block for a scenario and the sensitivity\n\
        to the held parameters. Writes calibration.csv, sensitivity.csv, calibration.json (and backtest.csv)\n\
        to output/<scenario-name>/; with --log, calibration.csv and calibration.json to output/<log-name>/."
    )]
    Calibrate {
        /// The scenario whose stops the published figures describe (its [calibration] section gives them);
        /// default: the embedded 2019 baseline.
        #[arg(conflicts_with = "log")]
        scenario: Option<PathBuf>,
        /// Fit a stop log instead: CSV with date, settlement, venue, dwell_hours, clients and optionally
        /// cases, information_only.
        #[arg(long, value_name = "STOPS.csv", conflicts_with = "backtest")]
        log: Option<PathBuf>,
        /// Also simulate the calibrated scenario and compare its totals with the published figures.
        #[arg(long)]
        backtest: bool,
        /// Set a key of the scenario, as a line `KEY = VALUE` of the file would (repeatable); not with --log.
        #[arg(long = "set", value_name = "KEY=VALUE", value_parser = values::setting, conflicts_with = "log")]
        set: Vec<Setting>,
        #[command(flatten)]
        simulation: SimulationArgs,
    },
    /// Scenarios side by side, with differences from paired replications (common random numbers).
    #[command(
        after_help = "Example:\n  ablakbusz compare scenarios/2020-plan.toml scenarios/whatif-3-desks.toml\n\n\
        Differences are to the first scenario. Writes compare.csv to output/compare/<A>--vs--<B>/ (the file\n\
        names without .toml; or --out)."
    )]
    Compare {
        /// Two or more scenarios (TOML); the first is the baseline.
        #[arg(required = true, num_args = 2..)]
        scenarios: Vec<PathBuf>,
        #[command(flatten)]
        simulation: SimulationArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        selection: SelectionArgs,
    },
    /// A scenario under each of its dwell policies (by size, fixed, demand-driven), re-planned and compared.
    #[command(after_help = "Example:\n  ablakbusz policies scenarios/2020-plan.toml\n\n\
        The policies are the scenario's [[policy]] entries (default: by size, fixed 3 h, demand-driven 2–5 h).\n\
        Writes policies.csv to output/policies/<scenario file name without .toml>/ (or --out).")]
    Policies {
        /// The scenario (TOML); default: the embedded 2020 plan.
        scenario: Option<PathBuf>,
        #[command(flatten)]
        simulation: SimulationArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        selection: SelectionArgs,
    },
    /// The scenario at every point of a grid of key values, on common random numbers.
    #[command(
        after_help = "Example:\n  ablakbusz sweep scenarios/2020-plan.toml --set bus.desks=3 --vary bus.clerks=1,2,3 --vary demand.dwell_exponent=0,0.5,1\n\n\
        Every point is the scenario with --set KEY=VALUE for its values, simulated with the same seed. At most 64\n\
        points. Writes sweep.csv (per point the mean, ± and p05/p95 of served, lost, clerk-hours and the mean\n\
        wait), a chart of each and the workbook to output/<scenario-name>-sweep-<keys>/ (or --out)."
    )]
    Sweep(SweepArgs),
    /// Which settlements to visit, how often and how long within a budget, compared with the scenario's plan.
    #[command(
        after_help = "Example:\n  ablakbusz optimise scenarios/2020-plan.toml --budget-bus-days 130\n\n\
        Chooses, among the settlements the scenario's [season.generate] selects, the visits (0 to --max-visits)\n\
        and the dwell of each (the scenario's demand-driven range, default 2-5 h in half hours) that maximise the\n\
        clients served within the wait target (or, with --objective lost, minimise the clients lost plus the\n\
        demand left unserved), within the bus-days (default: those of the scenario's own plan)\n\
        and, if given, the clerk-hours at the stops. Writes optimised.toml + optimised-stops.csv (a scenario run\n\
        takes), optimise.csv and the comparison with the scenario's plan (compare.csv, compare.html) to\n\
        output/optimise/<scenario file name without .toml>/ (or --out)."
    )]
    Optimise(OptimiseArgs),
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
        #[arg(long, allow_negative_numbers = true, value_parser = values::clerks)]
        clerks: u32,
        /// Dwell: the door closes this many hours after opening.
        #[arg(long, value_name = "HOURS", allow_negative_numbers = true, value_parser = values::dwell_hours)]
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

/// `--objective served-within-target|lost`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ObjectiveArg {
    /// Maximise the clients served within the wait target.
    ServedWithinTarget,
    /// Minimise the clients lost at the stops (reneged, balked, sent home) plus the demand left
    /// unserved (each settlement's clients at its most visits of the longest dwell, less those of
    /// the visits chosen).
    Lost,
}

/// `ablakbusz sweep`'s arguments.
#[derive(Debug, clap::Args)]
struct SweepArgs {
    /// The scenario (TOML).
    scenario: PathBuf,
    /// A key and its values, e.g. bus.clerks=1,2,3 (repeatable; the first is the charts' x axis).
    #[arg(long, required = true, value_name = "KEY=V1,V2,…", value_parser = values::vary)]
    vary: Vec<Vary>,
    #[command(flatten)]
    simulation: SimulationArgs,
    #[command(flatten)]
    set: SetArgs,
}

/// `ablakbusz optimise`'s arguments.
#[derive(Debug, clap::Args)]
struct OptimiseArgs {
    /// The scenario (TOML); default: the embedded 2020 plan.
    scenario: Option<PathBuf>,
    /// Most bus-days of the plan (default: the bus-days of the scenario's own plan).
    #[arg(long, value_name = "N", value_parser = values::bus_days)]
    budget_bus_days: Option<usize>,
    /// Most clerk-hours at the stops as planned, clerks × dwell (default: no limit).
    #[arg(long, value_name = "H", allow_negative_numbers = true)]
    budget_clerk_hours: Option<f64>,
    /// Most visits of one settlement (default 4, at most 12).
    #[arg(long, value_name = "N", value_parser = values::max_visits)]
    max_visits: Option<u32>,
    /// What the plan is chosen for.
    #[arg(long, value_enum, default_value_t = ObjectiveArg::ServedWithinTarget)]
    objective: ObjectiveArg,
    #[command(flatten)]
    simulation: SimulationArgs,
    #[command(flatten)]
    set: SetArgs,
}

impl OptimiseArgs {
    fn options(self) -> OptimiseOptions {
        let simulation = self.simulation;
        OptimiseOptions {
            scenario: self.set.source(self.scenario, ScenarioSource::Embedded),
            objective: match self.objective {
                ObjectiveArg::ServedWithinTarget => Objective::ServedWithinTarget,
                ObjectiveArg::Lost => Objective::Lost,
            },
            budget_bus_days: self.budget_bus_days,
            budget_clerk_hours: self.budget_clerk_hours,
            max_visits: self.max_visits,
            replications: simulation.replications,
            seed: simulation.seed,
            threads: simulation.threads,
            out: simulation.out,
            quiet: simulation.quiet,
        }
    }
}

impl SweepArgs {
    fn options(self) -> SweepOptions {
        let simulation = self.simulation;
        SweepOptions {
            scenario: self.set.source(Some(self.scenario), ScenarioSource::Embedded),
            vary: self.vary,
            replications: simulation.replications,
            seed: simulation.seed,
            threads: simulation.threads,
            out: simulation.out,
            quiet: simulation.quiet,
        }
    }
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

/// The clap spelling of the engine's [`ClosingKind`] (a thin edge adapter: clap stays here).
impl From<ClosingArg> for ClosingKind {
    fn from(arg: ClosingArg) -> Self {
        match arg {
            ClosingArg::ServeAll => ClosingKind::ServeAll,
            ClosingArg::TurnAway => ClosingKind::TurnAway,
            ClosingArg::LastEntry => ClosingKind::LastEntry,
        }
    }
}

impl Cli {
    /// The command and its language, free of clap.
    pub fn into_invocation(self) -> Invocation {
        let lang = self.lang.lang();
        let command = match self.command {
            Some(command) => command.into_command(lang),
            None => Command::Run(SimulationArgs::default().run_options(
                ScenarioSource::Embedded,
                PrecisionArgs::default(),
                InputUncertaintyArgs::default(),
            )),
        };
        let csv = match self.csv {
            CsvArg::Rfc4180 => CsvDialect::Rfc4180,
            CsvArg::ExcelHu => CsvDialect::ExcelHu,
        };
        Invocation { command, lang, csv }
    }
}

impl CliCommand {
    /// The command, free of clap; `lang` is the language the report is written in.
    #[allow(
        clippy::too_many_lines,
        reason = "one short arm per command; splitting it would scatter them"
    )]
    fn into_command(self, lang: Lang) -> Command {
        match self {
            CliCommand::Run {
                scenario,
                simulation,
                set,
                precision,
                uncertainty,
                report,
                stop,
                raw,
            } => Command::Run(RunOptions {
                report: report.then_some(ReportRequest { lang, stop }),
                per_replication: raw.per_replication,
                trace: raw.trace(),
                ..simulation.run_options(set.source(scenario, ScenarioSource::Embedded), precision, uncertainty)
            }),
            CliCommand::Report {
                scenario,
                simulation,
                set,
                precision,
                uncertainty,
                stop,
            } => Command::Run(RunOptions {
                report: Some(ReportRequest { lang, stop }),
                ..simulation.run_options(set.source(scenario, ScenarioSource::Embedded), precision, uncertainty)
            }),
            CliCommand::Check { scenario, set } => Command::Check(set.source(Some(scenario), ScenarioSource::Embedded)),
            CliCommand::Plan { scenario, out, set } => Command::Plan {
                scenario: set.source(Some(scenario), ScenarioSource::Embedded),
                out,
            },
            CliCommand::Staff {
                scenario,
                simulation,
                set,
            } => Command::Staff(simulation.staff_options(set.source(Some(scenario), ScenarioSource::Embedded))),
            CliCommand::Calibrate {
                scenario,
                log,
                backtest,
                set,
                simulation,
            } => Command::Calibrate(CalibrateOptions {
                settings: set,
                scenario,
                log,
                backtest,
                replications: simulation.replications,
                seed: simulation.seed,
                threads: simulation.threads,
                out: simulation.out,
                quiet: simulation.quiet,
            }),
            CliCommand::Compare {
                scenarios,
                simulation,
                set,
                precision,
                selection,
            } => Command::Compare(
                simulation.compare_options(
                    scenarios
                        .into_iter()
                        .map(|s| set.clone().source(Some(s), ScenarioSource::Embedded))
                        .collect(),
                    precision,
                    selection,
                ),
            ),
            CliCommand::Policies {
                scenario,
                simulation,
                set,
                precision,
                selection,
            } => {
                let source = set.source(scenario, ScenarioSource::Embedded);
                Command::Policies(simulation.compare_options(vec![source], precision, selection))
            }
            CliCommand::Sweep(args) => Command::Sweep(args.options()),
            CliCommand::Optimise(args) => Command::Optimise(args.options()),
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
                closing: Closing::of_kind(closing.into(), last_entry_min),
                trace,
            }),
        }
    }
}

/// Checks of command-line values, in the same words as the scenario keys they stand for (clap
/// reports them with exit 2). The ceilings are those of `vocab::limits`.
mod values {
    use std::path::PathBuf;

    use crate::scenario::limits::{MAX_DESKS, MAX_GENERATED_DAYS, MAX_REPLICATIONS, MAX_THREADS, MIN_REPLICATIONS};
    use crate::study::MAX_OPTIMISE_VISITS;

    /// The longest dwell, hours: a stop opens and closes on the same day.
    const MAX_DWELL_HOURS: f64 = 24.0;

    /// A whole number from `lo` to `hi`, with `what` saying what it counts.
    fn whole(text: &str, lo: u64, hi: u64, what: &str) -> Result<u64, String> {
        let range = format!("a whole number of {what} from {lo} to {hi}");
        match text.trim().parse::<u64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            Ok(n) if n > hi => Err(format!("{n} is above the ceiling of {hi}: give {range}")),
            _ => Err(format!("must be {range}, got \"{text}\"")),
        }
    }

    pub(super) fn replications(text: &str) -> Result<u32, String> {
        whole(text, MIN_REPLICATIONS.into(), MAX_REPLICATIONS.into(), "replications")
            .map(|n| u32::try_from(n).expect("at most MAX_REPLICATIONS"))
    }

    pub(super) fn bus_days(text: &str) -> Result<usize, String> {
        whole(text, 1, MAX_GENERATED_DAYS as u64, "bus-days").map(|n| n as usize)
    }

    pub(super) fn max_visits(text: &str) -> Result<u32, String> {
        whole(text, 1, MAX_OPTIMISE_VISITS.into(), "visits").map(|n| u32::try_from(n).expect("at most 12"))
    }

    pub(super) fn threads(text: &str) -> Result<usize, String> {
        whole(text, 1, MAX_THREADS as u64, "threads").map(|n| n as usize)
    }

    pub(super) fn clerks(text: &str) -> Result<u32, String> {
        whole(text, 1, MAX_DESKS.into(), "clerks").map(|n| u32::try_from(n).expect("at most MAX_DESKS"))
    }

    pub(super) fn seed(text: &str) -> Result<u64, String> {
        text.trim()
            .parse::<u64>()
            .map_err(|_| format!("must be a whole number from 0 to {}, got \"{text}\"", u64::MAX))
    }

    pub(super) fn dwell_hours(text: &str) -> Result<f64, String> {
        match text.trim().parse::<f64>() {
            Ok(h) if h.is_finite() && h > 0.0 && h <= MAX_DWELL_HOURS => Ok(h),
            _ => Err(format!(
                "must be a positive number of hours, at most {MAX_DWELL_HOURS}, got \"{text}\""
            )),
        }
    }

    /// `--set KEY=VALUE`: a dotted scenario key and its value.
    pub(super) fn setting(text: &str) -> Result<crate::scenario::Setting, String> {
        crate::scenario::Setting::parse(text)
    }

    /// `--vary KEY=V1,V2,…`: a scenario key and the values a sweep gives it.
    pub(super) fn vary(text: &str) -> Result<crate::scenario::Vary, String> {
        crate::scenario::Vary::parse(text)
    }

    /// An output folder: it may not exist yet, but it may not be a file.
    pub(super) fn out_dir(text: &str) -> Result<PathBuf, String> {
        let path = PathBuf::from(text);
        if path.exists() && !path.is_dir() {
            return Err(format!(
                "\"{text}\" is a file, not a folder: name a folder for the results (it is created if needed)"
            ));
        }
        Ok(path)
    }
}
