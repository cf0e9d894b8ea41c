//! `ablakbusz run`: replicate a season and write stops.csv, season.csv and summary.json (and, with
//! `--report`, the charts and report.html from the same results).

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use super::AppError;
use super::report::{ReportRequest, report_files};
use crate::experiment::{
    DISTRICT_GROUPING, Grouping, RunSettings, SeasonModel, SeasonResults, WEEK_GROUPING, run_season,
};
use crate::report::{
    OutputFile, RunMeta, render_run_summary, render_season_csv, render_stops_csv, render_summary_json, write_outputs,
};
use crate::scenario::{self, Season};
use crate::sim::PreparedStop;
use crate::stats::CONFIDENCE_LEVEL;

/// Where the scenario comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioSource {
    /// The 2020 plan embedded in the binary.
    Embedded,
    File(PathBuf),
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
}

impl ScenarioSource {
    /// Reads and validates the scenario.
    pub fn load(&self) -> Result<Season, AppError> {
        match self {
            ScenarioSource::Embedded => Ok(scenario::default_scenario()),
            ScenarioSource::File(path) => Ok(scenario::load_file(path)?),
        }
    }
}

/// `ablakbusz run`: loads the scenario, replicates it, writes its outputs.
pub fn run(options: &RunOptions) -> Result<(), AppError> {
    let season = options.scenario.load()?;
    run_loaded(&season, &scenario::digest(&season), options).map(|_| ())
}

/// The engine's view of a season, with totals by district and by ISO week.
pub fn season_model(season: &Season) -> Result<SeasonModel, AppError> {
    let stops = season
        .stops
        .iter()
        .map(|s| {
            PreparedStop::new(&s.spec).map_err(|source| AppError::Stop {
                stop: format!("{} {} ({})", s.index + 1, s.settlement, s.date),
                source,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let districts = grouping(DISTRICT_GROUPING, season.stops.iter().map(|s| s.district.clone()));
    let weeks = grouping(
        WEEK_GROUPING,
        season.stops.iter().map(|s| {
            let week = s.date.iso_week_date();
            format!("{}-W{:02}", week.year(), week.week())
        }),
    );
    Ok(SeasonModel {
        stops,
        groupings: vec![districts, weeks],
    })
}

/// Groups stops by label; groups are listed in sorted label order.
fn grouping(name: &str, labels_of_stops: impl Iterator<Item = String>) -> Grouping {
    let labels_of_stops: Vec<String> = labels_of_stops.collect();
    let mut labels = labels_of_stops.clone();
    labels.sort();
    labels.dedup();
    let member_of = labels_of_stops
        .iter()
        .map(|l| labels.binary_search(l).expect("label listed"))
        .collect();
    Grouping {
        name: name.to_string(),
        labels,
        member_of,
    }
}

/// One replicated season: the engine's model, how it was replicated, and what it gave.
#[derive(Debug, Clone)]
pub struct SeasonRun {
    pub model: SeasonModel,
    pub settings: RunSettings,
    pub results: SeasonResults,
    pub meta: RunMeta,
}

/// Replicates `season` with the options' overrides (a progress bar unless quiet).
pub fn simulate_season(season: &Season, digest: &str, options: &RunOptions) -> Result<SeasonRun, AppError> {
    let model = season_model(season)?;
    let settings = RunSettings {
        replications: options.replications.unwrap_or(season.simulation.replications),
        seed: options.seed.unwrap_or(season.simulation.seed),
        threads: options.threads.or(season.simulation.threads),
    };
    let bar = progress_bar(u64::from(settings.replications), options.quiet);
    let results = run_season(&model, &settings, &|n| bar.inc(n))?;
    bar.finish_and_clear();
    let meta = RunMeta {
        version: env!("CARGO_PKG_VERSION"),
        scenario: season.name.clone(),
        scenario_digest: digest.to_string(),
        seed: settings.seed,
        replications: settings.replications,
        confidence_level: CONFIDENCE_LEVEL,
    };
    Ok(SeasonRun {
        model,
        settings,
        results,
        meta,
    })
}

/// The run's tables: stops.csv, season.csv and summary.json.
pub fn run_files(season: &Season, run: &SeasonRun) -> Result<Vec<OutputFile>, AppError> {
    Ok(vec![
        OutputFile::text("stops.csv", render_stops_csv(season, &run.results)?),
        OutputFile::text("season.csv", render_season_csv(&run.results)?),
        OutputFile::text("summary.json", render_summary_json(&run.meta, season, &run.results)?),
    ])
}

/// Replicates `season` and writes its outputs (with the report when asked); returns the folder.
pub fn run_loaded(season: &Season, digest: &str, options: &RunOptions) -> Result<PathBuf, AppError> {
    if let Some(request) = &options.report {
        request.check(season)?;
    }
    let text = match &options.report {
        Some(_) => Some(options.scenario.text()?),
        None => None,
    };
    let run = simulate_season(season, digest, options)?;
    let mut files = run_files(season, &run)?;
    if let (Some(request), Some(text)) = (&options.report, &text) {
        files.extend(report_files(text, season, &run, request)?);
    }
    let dir = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&season.name));
    write_outputs(&dir, &files)?;
    if !options.quiet {
        let labels: Vec<String> = season
            .stops
            .iter()
            .map(|s| format!("{} {} {}", s.date, s.settlement, s.venue.as_str()))
            .collect();
        print!("{}", render_run_summary(&season.name, &labels, &run.results));
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        println!("\nWritten to {}/ ({})", dir.display(), names.join(", "));
    }
    Ok(dir)
}

/// A progress bar on a terminal; hidden when stderr is not a terminal or when quiet.
fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} replications ({eta} left)") {
        bar.set_style(style);
    }
    bar
}
