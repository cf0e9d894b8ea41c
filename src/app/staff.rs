//! `ablakbusz staff`: the fewest clerks per stop and size class, beside the textbook formulas.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{AppError, ScenarioSource};
use crate::experiment::with_threads;
use crate::report::{OutputFile, StaffingRow, render_staffing_csv, render_staffing_text, write_outputs};
use crate::scenario::{DemandOrigin, Season};
use crate::staffing::{SearchSettings, ServiceTargets, search_stop, textbook_answers};

/// `ablakbusz staff` options.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffOptions {
    pub scenario: ScenarioSource,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
}

/// Searches every stop, writes staffing.csv and prints the size-class table.
pub fn staff(options: &StaffOptions) -> Result<(), AppError> {
    let season = options.scenario.load()?;
    let targets = ServiceTargets::default();
    let settings = SearchSettings {
        seed: options.seed.unwrap_or(season.simulation.seed),
        ..SearchSettings::default()
    };
    let rows = with_threads(options.threads, || staffing_rows(&season, &targets, &settings))??;
    let dir = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&season.name));
    write_outputs(&dir, &[OutputFile::text("staffing.csv", render_staffing_csv(&rows)?)])?;
    print!("{}", render_staffing_text("as in the scenario", &rows));
    println!("\nWritten to {}/staffing.csv", dir.display());
    Ok(())
}

/// The staffing answer of every stop (in parallel; each stop's search is independent and seeded
/// by its own streams, so the rows do not depend on the thread count).
pub fn staffing_rows(
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
