//! `ablakbusz compare` and `ablakbusz policies`: seasons side by side with paired differences.

use std::path::PathBuf;

use indicatif::ProgressBar;

use super::{AppError, PolicySeason, ScenarioSource, policy_seasons, season_model};
use crate::experiment::{RunSettings, SeasonModel, compare_seasons};
use crate::report::{ComparedSeason, OutputFile, render_compare_csv, render_compare_text, write_outputs};
use crate::scenario::{ScenarioText, Season};
use crate::staffing::SearchSettings;

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

/// `compare A.toml B.toml …`: every scenario on the same replications, differences to the first.
pub fn compare(options: &CompareOptions) -> Result<(), AppError> {
    let seasons: Vec<Season> = options
        .scenarios
        .iter()
        .map(ScenarioSource::load)
        .collect::<Result<_, _>>()?;
    let named: Vec<(String, Season)> = seasons.into_iter().map(|s| (s.name.clone(), s)).collect();
    let default_dir = PathBuf::from("output").join("compare");
    side_by_side(&named, options, "compare.csv", default_dir)
}

/// `policies SCENARIO`: the scenario under each of its dwell policies, re-planned, side by side.
pub fn policies(options: &CompareOptions) -> Result<(), AppError> {
    let source = options
        .scenarios
        .first()
        .ok_or_else(|| AppError::Argument("policies needs a scenario".into()))?;
    let text = source.text()?;
    let base = text.resolve(None)?;
    let settings = SearchSettings {
        seed: options.seed.unwrap_or(base.simulation.seed),
        ..SearchSettings::default()
    };
    let variants = crate::experiment::with_threads(options.threads, || policy_seasons(&text, &base, &settings))??;
    print_chosen_dwell(&variants);
    let named: Vec<(String, Season)> = variants.into_iter().map(|p| (p.name, p.season)).collect();
    let default_dir = PathBuf::from("output").join(&base.name);
    side_by_side(&named, options, "policies.csv", default_dir)
}

fn print_chosen_dwell(variants: &[PolicySeason]) {
    for v in variants.iter().filter(|v| !v.chosen_dwell.is_empty()) {
        let unmet: Vec<&str> = v
            .chosen_dwell
            .iter()
            .filter(|c| !c.meets_targets)
            .map(|c| c.settlement.as_str())
            .collect();
        let mean = v.chosen_dwell.iter().map(|c| c.hours).sum::<f64>() / v.chosen_dwell.len() as f64;
        println!(
            "{}: shortest dwell meeting the targets chosen for {} settlements (mean {mean:.1} h); {} cannot meet them within the range (longest used){}",
            v.name,
            v.chosen_dwell.len(),
            unmet.len(),
            if unmet.is_empty() {
                String::new()
            } else {
                format!(": {}", unmet.join(", "))
            }
        );
    }
}

fn side_by_side(
    named: &[(String, Season)],
    options: &CompareOptions,
    table: &'static str,
    default_dir: PathBuf,
) -> Result<(), AppError> {
    let models: Vec<SeasonModel> = named.iter().map(|(_, s)| season_model(s)).collect::<Result<_, _>>()?;
    let first = &named[0].1;
    let settings = RunSettings {
        replications: options.replications.unwrap_or(first.simulation.replications),
        seed: options.seed.unwrap_or(first.simulation.seed),
        threads: options.threads.or(first.simulation.threads),
    };
    let bar = if options.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(u64::from(settings.replications))
    };
    let comparisons = compare_seasons(&models, &settings, &|n| bar.inc(n))?;
    bar.finish_and_clear();
    let rows: Vec<ComparedSeason> = named
        .iter()
        .zip(&comparisons)
        .map(|((name, season), comparison)| ComparedSeason {
            name,
            stops: season.stops.len(),
            unplaced_visits: season.itinerary.as_ref().map(|i| i.unplaced.len()),
            bus_days: season.itinerary.as_ref().map(|i| i.bus_days_used()),
            comparison,
        })
        .collect();
    let dir = options.out.clone().unwrap_or(default_dir);
    write_outputs(&dir, &[OutputFile::text(table, render_compare_csv(table, &rows)?)])?;
    println!(
        "{} replications, seed {} (figures: season totals, mean ± 95 % half-width)\n",
        settings.replications, settings.seed
    );
    print!("{}", render_compare_text(&rows));
    println!("\nWritten to {}/{table}", dir.display());
    Ok(())
}

impl ScenarioSource {
    /// The scenario's text (to resolve it under several policies).
    pub fn text(&self) -> Result<ScenarioText, AppError> {
        match self {
            ScenarioSource::Embedded => Ok(ScenarioText::embedded_default()),
            ScenarioSource::File(path) => Ok(ScenarioText::read(path)?),
        }
    }
}
