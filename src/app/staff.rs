//! `ablakbusz staff`: the fewest clerks per stop and size class, beside the textbook formulas.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{AppError, ScenarioSource, policy_seasons};
use crate::experiment::with_threads;
use crate::report::{OutputFile, StaffingRow, render_staffing_csv, render_staffing_text, write_outputs};
use crate::scenario::{DemandOrigin, ScenarioText, Season};
use crate::staffing::{SearchSettings, ServiceTargets, search_stop, textbook_answers};

/// `ablakbusz staff` options.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffOptions {
    pub scenario: ScenarioSource,
    /// Least replications per candidate (the search adds more until the served share is known to
    /// ± 2 %); default: the search's own minimum.
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
}

/// Searches every stop under every dwell policy of the scenario, writes staffing.csv and prints
/// the size-class table of each policy.
pub fn staff(options: &StaffOptions) -> Result<(), AppError> {
    let text = options.scenario.text()?;
    let base = text.resolve(None)?;
    let defaults = SearchSettings::default();
    let min_replications = options.replications.map_or(defaults.min_replications, u64::from);
    let settings = SearchSettings {
        seed: options.seed.unwrap_or(base.simulation.seed),
        min_replications,
        max_replications: defaults.max_replications.max(min_replications),
        ..defaults
    };
    let by_policy = with_threads(options.threads, || staffing_by_policy(&text, &base, &settings))??;
    let rows: Vec<StaffingRow> = by_policy.iter().flatten().cloned().collect();
    let dir = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&base.name));
    write_outputs(&dir, &[OutputFile::text("staffing.csv", render_staffing_csv(&rows)?)])?;
    for policy_rows in &by_policy {
        let name = policy_rows.first().map_or("", |r| r.policy.as_str());
        println!("{}", render_staffing_text(name, policy_rows));
    }
    println!("Written to {}/staffing.csv", dir.display());
    Ok(())
}

/// The staffing rows of the season under each of its dwell policies, policy by policy.
pub fn staffing_by_policy(
    text: &ScenarioText,
    base: &Season,
    settings: &SearchSettings,
) -> Result<Vec<Vec<StaffingRow>>, AppError> {
    policy_seasons(text, base, settings)?
        .iter()
        .map(|p| staffing_rows(&p.name, &p.season, &base.targets, settings))
        .collect()
}

/// The staffing answer of every stop (in parallel; each stop's search is independent and seeded
/// by its own streams, so the rows do not depend on the thread count).
pub fn staffing_rows(
    policy: &str,
    season: &Season,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Result<Vec<StaffingRow>, AppError> {
    season
        .stops
        .par_iter()
        .map(|stop| {
            let answer =
                search_stop(&stop.spec, stop.index as u64, targets, settings).map_err(|source| AppError::Stop {
                    stop: format!("{} {} ({})", stop.index + 1, stop.settlement, stop.date),
                    source,
                })?;
            let population = match stop.demand_origin {
                DemandOrigin::Model { population, .. } => Some(population),
                _ => None,
            };
            Ok(StaffingRow {
                policy: policy.to_string(),
                stop: stop.index + 1,
                date: stop.date.to_string(),
                settlement: stop.settlement.clone(),
                venue: stop.venue.as_str(),
                population,
                dwell_hours: stop.dwell_hours(),
                expected_clients: stop.expected_clients,
                textbook: textbook_answers(&stop.spec, targets),
                answer,
            })
        })
        .collect()
}
