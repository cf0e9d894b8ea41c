//! `ablakbusz optimise SCENARIO`: which settlements to visit, how often and how long within a
//! budget of bus-days (and clerk-hours), written as a scenario `run` takes and compared with the
//! scenario's own plan (the practice) on common random numbers.

use std::path::PathBuf;

use super::compare::{CompareOptions, SideBySideOutput, source_stem, write_side_by_side};
use super::output::{check_writable, comparison_dir};
use super::progress::StepSpinner;
use super::terminal::{say, sayln};
use super::{AppError, ScenarioSource};
use crate::experiment::with_threads;
use crate::report::charts::Alternatives;
use crate::report::lang::{Label, Lang};
use crate::report::{
    OPTIMISE_FILE, OutputFile, SeasonExport, render_optimise_csv, render_optimise_plan, render_optimise_result,
    render_season_scenario,
};
use crate::scenario::Season;
use crate::study::{
    DEFAULT_MAX_VISITS, Objective, OptimiseRequest, OptimiseStep, SCREENING_REPLICATIONS, optimise_season,
};

/// Folder of `optimise`'s outputs under `output/` by default (one folder per scenario in it).
const OPTIMISE_DIR: &str = "optimise";
/// File stem of the exported plan (`optimised.toml`, `optimised-stops.csv`).
const EXPORT_STEM: &str = "optimised";

/// `ablakbusz optimise` options.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimiseOptions {
    pub scenario: ScenarioSource,
    /// `--objective`: what the plan is chosen for (default: served within the wait target).
    pub objective: Objective,
    /// `--budget-bus-days N` (default: the bus-days of the scenario's own plan).
    pub budget_bus_days: Option<usize>,
    /// `--budget-clerk-hours H`: clerk-hours at the stops as planned, clerks × dwell (default: no limit).
    pub budget_clerk_hours: Option<f64>,
    /// `--max-visits N`: most visits of one settlement (default [`DEFAULT_MAX_VISITS`]).
    pub max_visits: Option<u32>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
    pub quiet: bool,
}

/// Screens, allocates and plans (see `study::optimise`), then compares the chosen plan with the
/// scenario's own on the same replications and writes the comparison, `optimise.csv` and the plan
/// as a scenario together.
pub(super) fn optimise(options: &OptimiseOptions, lang: Lang) -> Result<(), AppError> {
    if options.budget_clerk_hours.is_some_and(|h| !(h.is_finite() && h > 0.0)) {
        return Err(AppError::Argument(
            "--budget-clerk-hours must be a positive number of clerk-hours, e.g. --budget-clerk-hours 2000".into(),
        ));
    }
    let text = options.scenario.text()?;
    let base = text.resolve(None)?;
    let dir = comparison_dir(
        options.out.as_deref(),
        OPTIMISE_DIR,
        &source_stem(&options.scenario, &base),
    );
    check_writable(&dir)?;
    let request = OptimiseRequest {
        objective: options.objective,
        budget_bus_days: options.budget_bus_days,
        budget_clerk_hours: options.budget_clerk_hours,
        max_visits: options.max_visits.unwrap_or(DEFAULT_MAX_VISITS),
        screening_replications: SCREENING_REPLICATIONS,
        seed: options.seed.unwrap_or(base.simulation.seed),
    };
    let quiet = options.quiet;
    let spinner = StepSpinner::new(quiet);
    let progress = |step: OptimiseStep| {
        if let Ok(line) = progress_line(lang, step) {
            spinner.show(line);
        }
    };
    let optimised = with_threads(options.threads, || optimise_season(&text, &base, &request, &progress));
    spinner.finish();
    let optimised = optimised??;
    let wait_min = base.targets.wait_limit_min;
    let plan_text = render_optimise_plan(lang, &optimised, wait_min)?;
    if !quiet {
        sayln!("{plan_text}");
    }
    let season: &Season = &optimised.best.season;
    let heading = format!(
        "Written by `ablakbusz optimise` from {{base}}: the plan chosen within {} bus-days, its stops in\n\
         # {EXPORT_STEM}-stops.csv. Every other key is the base scenario's.",
        optimised.budget.bus_days
    );
    let export = render_season_scenario(
        &text,
        season,
        &SeasonExport {
            stem: EXPORT_STEM,
            name: &season.name,
            description: &format!(
                "{}: the visits, dwells and crews `ablakbusz optimise` chose within {} bus-days.",
                base.name, optimised.budget.bus_days
            ),
            heading: &heading,
        },
    )?;
    let toml = dir.join(&export.toml_file).display().to_string();
    let mut notes: Vec<String> = plan_text.lines().map(str::to_string).collect();
    notes.push(Label::NoteOptimiseExport.fill(lang, &[("toml", &toml), ("csv", &export.csv_file)])?);
    let output = SideBySideOutput {
        table: "compare.csv",
        page: "compare.html",
        alternatives: Alternatives::Scenarios,
        scenario: None,
        warnings: Vec::new(),
        notes,
        verbatim: vec![
            OutputFile::text(&export.toml_file, export.toml),
            OutputFile::text(&export.csv_file, export.csv),
        ],
        tables: vec![OutputFile::text(OPTIMISE_FILE, render_optimise_csv(lang, &optimised)?)],
        keys: None,
    };
    let compare = CompareOptions {
        scenarios: vec![options.scenario.clone()],
        replications: options.replications,
        seed: options.seed,
        threads: options.threads,
        out: options.out.clone(),
        quiet,
        precision: None,
        select_best: None,
        indifference: None,
        pcs: None,
    };
    let named = vec![(base.name.clone(), base.clone()), (season.name.clone(), season.clone())];
    let comparisons = write_side_by_side(&named, &compare, lang, &output, &dir)?;
    if !quiet {
        say!(
            "\n{}",
            render_optimise_result(
                lang,
                optimised.screening.objective,
                &comparisons[0],
                &comparisons[1],
                wait_min,
                optimised.screening.demand()
            )?
        );
    }
    Ok(())
}

/// The line of a step beside the spinner (each step takes about a second on the 2020 plan).
fn progress_line(lang: Lang, step: OptimiseStep) -> Result<String, crate::report::lang::FillError> {
    match step {
        OptimiseStep::Screening { settlements, dwells } => Label::OptimiseScreening.fill(
            lang,
            &[
                ("settlements", &settlements.to_string()),
                ("dwells", &dwells.to_string()),
                ("replications", &SCREENING_REPLICATIONS.to_string()),
            ],
        ),
        OptimiseStep::Planning { call } => Label::OptimisePlanning.fill(lang, &[("call", &call.to_string())]),
    }
}
