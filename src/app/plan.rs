//! `ablakbusz plan`: the season's itinerary as a CSV a planner can publish.

use std::path::PathBuf;

use super::{AppError, ScenarioSource};
use crate::plan::{format_clock, render_itinerary_csv, render_itinerary_rows, render_unplaced_csv};
use crate::report::{OutputFile, write_outputs};
use crate::scenario::Season;

/// Writes `itinerary.csv` (and `unplaced.csv` when some visits did not fit) and prints a summary.
pub fn plan(source: &ScenarioSource, out: Option<PathBuf>) -> Result<(), AppError> {
    let season = source.load()?;
    let dir = out.unwrap_or_else(|| PathBuf::from("output").join(&season.name));
    let mut files = vec![];
    match &season.itinerary {
        Some(itinerary) => {
            files.push(OutputFile::text("itinerary.csv", render_itinerary_csv(itinerary)));
            files.push(OutputFile::text(
                "unplaced.csv",
                render_unplaced_csv(&itinerary.unplaced),
            ));
            let s = itinerary.summary();
            println!(
                "{}: {} stops on {} bus-days, {:.0} km, {:.1} h of driving; {} visit(s) did not fit",
                season.name, s.stops, s.bus_days, s.total_km, s.travel_hours, s.unplaced_visits
            );
            for u in itinerary.unplaced.iter().take(UNPLACED_SHOWN) {
                println!(
                    "  not placed: {} (visit {}): {}",
                    u.visit.place.name, u.occurrence, u.reason
                );
            }
        }
        None => {
            files.push(OutputFile::text("itinerary.csv", render_explicit_stops(&season)));
            println!(
                "{}: {} stops, listed explicitly in the scenario (no travel computed)",
                season.name,
                season.stops.len()
            );
        }
    }
    write_outputs(&dir, &files)?;
    println!("Written to {}/itinerary.csv", dir.display());
    Ok(())
}

/// How many unplaced visits the terminal summary names (all are in unplaced.csv).
const UNPLACED_SHOWN: usize = 10;

/// Explicit stops in the itinerary's columns (travel unknown: left empty).
fn render_explicit_stops(season: &Season) -> String {
    render_itinerary_rows(season.stops.iter().map(|s| {
        let end = s.start_min + s.spec.dwell_min.round() as u32;
        vec![
            s.date.to_string(),
            format_clock(s.start_min),
            format_clock(end),
            s.settlement.clone(),
            s.venue.as_str().to_string(),
            format!("{:.2}", s.dwell_hours()),
            String::new(),
            String::new(),
        ]
    }))
}
