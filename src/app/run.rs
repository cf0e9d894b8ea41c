//! `ablakbusz run`: replicate a season and write stops.csv, season.csv and summary.json (and, with
//! `--report`, the charts and report.html from the same results).

use std::path::PathBuf;

use super::AppError;
use super::choice::precision_rule;
use super::input_uncertainty::parameter_uncertainty;
use super::output::{about_season, check_writable, output_dir, write_results, written_line};
use super::progress::ProgressBars;
use super::raw_figures::{TraceRequest, per_replication_files, trace_files};
use super::report::{ReportRequest, report_files};
use super::terminal::{say, sayln};
use crate::report::lang::Lang;
use crate::report::{
    OutputFile, RunAbout, render_parameter_uncertainty, render_parameter_uncertainty_csv, render_precision,
    render_run_summary, render_season_csv, render_stops_csv, render_summary_json, venue_name,
};
use crate::scenario::{self, ParsedScenario, ScenarioText, Season, Setting};
use crate::study::{SeasonRun, SimulationOverrides, simulate_season, simulate_season_to_precision};

/// Where the scenario comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioSource {
    /// The 2020 plan embedded in the binary.
    Embedded,
    File(PathBuf),
    /// A scenario with `--set KEY=VALUE` values laid over it.
    Set(Box<ScenarioSource>, Vec<Setting>),
}

/// `ablakbusz run` options (command-line overrides of the scenario's `[simulation]`).
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    pub scenario: ScenarioSource,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    /// Output folder; default `output/<scenario-name>/`.
    pub out: Option<PathBuf>,
    /// No progress bar and no summary table.
    pub quiet: bool,
    /// Also write the charts and report.html (`run --report`, `report`).
    pub report: Option<ReportRequest>,
    /// `--precision REL`: replications chosen until every headline figure's relative 95 %
    /// half-width is at most REL (`None`: the fixed number).
    pub precision: Option<f64>,
    /// `--input-uncertainty [DRAWS]`: `Some(None)` without a number (the scenario's
    /// `uncertainty.input_draws`, else the default), `None` when not given (then the scenario's
    /// `uncertainty.input_draws` alone turns it on).
    pub input_uncertainty: Option<Option<u32>>,
    /// `--per-replication`: also write each replication's season and stop figures.
    pub per_replication: bool,
    /// `--trace-stop N [--trace-replication R]`: also write that simulated day client by client.
    pub trace: Option<TraceRequest>,
}

impl RunOptions {
    /// The replications, seed and threads given on the command line.
    pub fn simulation(&self) -> SimulationOverrides {
        SimulationOverrides {
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        }
    }
}

impl ScenarioSource {
    /// The scenario with `settings` laid over it (itself when there are none).
    pub fn with_settings(self, settings: Vec<Setting>) -> Self {
        if settings.is_empty() {
            self
        } else {
            ScenarioSource::Set(Box::new(self), settings)
        }
    }

    /// The scenario's text.
    pub fn text(&self) -> Result<ScenarioText, AppError> {
        match self {
            ScenarioSource::Embedded => Ok(ScenarioText::embedded_default()),
            ScenarioSource::File(path) => Ok(ScenarioText::read(path)?),
            ScenarioSource::Set(base, settings) => Ok(base.text()?.with_settings(settings)),
        }
    }

    /// Reads and parses the scenario once (to resolve it under several policies or values).
    pub fn parse(&self) -> Result<ParsedScenario, AppError> {
        Ok(self.text()?.parse())
    }

    /// Reads and validates the scenario.
    pub fn load(&self) -> Result<Season, AppError> {
        match self {
            ScenarioSource::Embedded => Ok(scenario::default_scenario()),
            ScenarioSource::File(path) => Ok(scenario::load_file(path)?),
            ScenarioSource::Set(..) => Ok(self.text()?.resolve(None)?),
        }
    }
}

/// `ablakbusz run`: loads the scenario, replicates it, writes its outputs.
pub(super) fn run(options: &RunOptions, lang: Lang) -> Result<(), AppError> {
    let text = options.scenario.parse()?;
    let season = text.resolve(None)?;
    run_loaded(&text, &season, &scenario::digest(&season), options, lang).map(|_| ())
}

/// The run's tables: stops.csv, season.csv (headers in `lang`) and summary.json, and with parameter
/// uncertainty parameter_uncertainty.csv.
pub fn run_files(lang: Lang, season: &Season, run: &SeasonRun) -> Result<Vec<OutputFile>, AppError> {
    let parameters = run.parameter_uncertainty.as_ref();
    let mut files = vec![
        OutputFile::text("stops.csv", render_stops_csv(lang, season, &run.results)?),
        OutputFile::text("season.csv", render_season_csv(lang, &run.results)?),
        OutputFile::text("summary.json", render_summary_json(run, season)?),
    ];
    if let Some(study) = parameters {
        files.push(OutputFile::text(
            "parameter_uncertainty.csv",
            render_parameter_uncertainty_csv(lang, study)?,
        ));
    }
    Ok(files)
}

/// Replicates `season` (resolved from `text`) and writes its outputs (with the report when asked);
/// returns the folder.
pub fn run_loaded(
    text: &ParsedScenario,
    season: &Season,
    digest: &str,
    options: &RunOptions,
    lang: Lang,
) -> Result<PathBuf, AppError> {
    if let Some(request) = &options.report {
        request.check(season)?;
    }
    if let Some(request) = &options.trace {
        request.check(season)?;
    }
    let dir = output_dir(options.out.as_deref(), &season.name);
    check_writable(&dir)?;
    let progress = ProgressBars::new(options.quiet, lang);
    let mut run = match precision_rule(options.precision)? {
        None => simulate_season(season, digest, &options.simulation(), &progress)?,
        Some(rule) => simulate_season_to_precision(season, digest, &options.simulation(), &rule, &progress)?,
    };
    run.parameter_uncertainty = parameter_uncertainty(text, season, options, &progress)?;
    // The report first: its study (the staffing searches) is the peak of memory, and the run's
    // tables rendered before it (summary.json, 25 MB in a national season) were held through it.
    // The files keep their order: the run's, then the report's.
    let report = match &options.report {
        Some(request) => report_files(text, season, &run, request, &progress)?,
        None => Vec::new(),
    };
    let mut files = run_files(lang, season, &run)?;
    files.extend(report);
    if options.per_replication {
        files.extend(per_replication_files(lang, &run)?);
    }
    let trace_line = match &options.trace {
        Some(request) => {
            let (file, line) = trace_files(lang, season, &run, request)?;
            files.push(file);
            Some(line)
        }
        None => None,
    };
    let about = RunAbout {
        digest: Some(digest.to_string()),
        ..about_season("run", season, Some(run.meta.seed), Some(run.meta.replications))
    };
    let files = write_results(&dir, files, lang, &about)?;
    if !options.quiet {
        let labels: Vec<String> = season
            .stops
            .iter()
            .map(|s| format!("{} {} {}", s.date, s.settlement, venue_name(lang, s.venue)))
            .collect();
        say!(
            "{}",
            render_run_summary(lang, &season.name, &labels, &run.results, &run.costs)?
        );
        if let Some(outcome) = &run.meta.precision {
            sayln!("{}", render_precision(lang, outcome)?);
        }
        if let Some(study) = &run.parameter_uncertainty {
            say!("\n{}", render_parameter_uncertainty(lang, study)?);
        }
        if let Some(line) = &trace_line {
            sayln!("{line}");
        }
        sayln!("\n{}", written_line(lang, &dir, &files)?);
    }
    Ok(dir)
}
