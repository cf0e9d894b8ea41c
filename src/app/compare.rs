//! `ablakbusz compare` and `ablakbusz policies`: seasons side by side with paired differences.

use std::path::PathBuf;

use super::output::{check_writable, output_dir, written_file};
use super::progress::ProgressBars;
use super::{AppError, ScenarioSource};
use crate::experiment::with_threads;
use crate::report::lang::Lang;
use crate::report::{
    ComparedSeason, OutputFile, render_chosen_dwell, render_compare_csv, render_compare_heading, render_compare_text,
    write_outputs,
};
use crate::scenario::Season;
use crate::staffing::SearchSettings;
use crate::study::{SimulationOverrides, policy_seasons, side_by_side};

/// Folder name of `compare`'s output by default.
const COMPARE_DIR: &str = "compare";

/// Options of `compare` and `policies`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// The scenarios (`compare`), or the one scenario whose policies are compared (`policies`).
    pub scenarios: Vec<ScenarioSource>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
    pub quiet: bool,
}

impl CompareOptions {
    /// The replications, seed and threads given on the command line.
    pub fn simulation(&self) -> SimulationOverrides {
        SimulationOverrides {
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        }
    }
}

/// `compare A.toml B.toml …`: every scenario on the same replications, differences to the first.
pub(super) fn compare(options: &CompareOptions, lang: Lang) -> Result<(), AppError> {
    let seasons: Vec<Season> = options
        .scenarios
        .iter()
        .map(ScenarioSource::load)
        .collect::<Result<_, _>>()?;
    let named: Vec<(String, Season)> = seasons.into_iter().map(|s| (s.name.clone(), s)).collect();
    write_side_by_side(&named, options, lang, "compare.csv", COMPARE_DIR)
}

/// `policies SCENARIO`: the scenario under each of its dwell policies, re-planned, side by side.
pub(super) fn policies(options: &CompareOptions, lang: Lang) -> Result<(), AppError> {
    let source = options
        .scenarios
        .first()
        .ok_or_else(|| AppError::Argument("policies needs a scenario".into()))?;
    let text = source.parse()?;
    let base = text.resolve(None)?;
    check_writable(&output_dir(options.out.as_deref(), &base.name))?;
    let settings = SearchSettings {
        seed: options.simulation().settings(&base.simulation).seed,
        ..SearchSettings::default()
    };
    let variants = with_threads(options.threads, || policy_seasons(&text, &base, &settings))??;
    print!("{}", render_chosen_dwell(lang, &variants)?);
    let named: Vec<(String, Season)> = variants.into_iter().map(|p| (p.name, p.season)).collect();
    write_side_by_side(&named, options, lang, "policies.csv", &base.name)
}

fn write_side_by_side(
    named: &[(String, Season)],
    options: &CompareOptions,
    lang: Lang,
    table: &'static str,
    default_name: &str,
) -> Result<(), AppError> {
    let dir = output_dir(options.out.as_deref(), default_name);
    check_writable(&dir)?;
    let study = side_by_side(named, &options.simulation(), &ProgressBars::plain(options.quiet))?;
    let rows: Vec<ComparedSeason> = named
        .iter()
        .zip(&study.comparisons)
        .map(|((name, season), comparison)| ComparedSeason::of(name, season, comparison))
        .collect();
    write_outputs(
        &dir,
        &[OutputFile::text(table, render_compare_csv(lang, table, &rows)?)],
    )?;
    println!(
        "{}\n",
        render_compare_heading(lang, study.settings.replications, study.settings.seed)?
    );
    print!("{}", render_compare_text(lang, &rows)?);
    println!("\n{}", written_file(lang, &dir, table)?);
    Ok(())
}
