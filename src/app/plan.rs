//! `ablakbusz plan`: the season's itinerary as a CSV a planner can publish.

use std::path::Path;

use super::output::output_dir;
use super::{AppError, ScenarioSource};
use crate::report::{
    ITINERARY_FILE, OutputFile, UNPLACED_FILE, render_explicit_stops_csv, render_itinerary_csv, render_unplaced_csv,
    write_outputs,
};

/// How many unplaced visits the terminal summary names (all are in unplaced.csv).
const UNPLACED_SHOWN: usize = 10;

/// Writes `itinerary.csv` (and `unplaced.csv` when some visits did not fit) and prints a summary.
pub(super) fn plan(source: &ScenarioSource, out: Option<&Path>) -> Result<(), AppError> {
    let season = source.load()?;
    let dir = output_dir(out, &season.name);
    let mut files = vec![];
    if let Some(itinerary) = &season.itinerary {
        files.push(OutputFile::text(ITINERARY_FILE, render_itinerary_csv(itinerary)?));
        files.push(OutputFile::text(
            UNPLACED_FILE,
            render_unplaced_csv(&itinerary.unplaced)?,
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
    } else {
        files.push(OutputFile::text(ITINERARY_FILE, render_explicit_stops_csv(&season)?));
        println!(
            "{}: {} stops, listed explicitly in the scenario (no travel computed)",
            season.name,
            season.stops.len()
        );
    }
    write_outputs(&dir, &files)?;
    println!("Written to {}/{ITINERARY_FILE}", dir.display());
    Ok(())
}
