//! `ablakbusz plan`: the season's itinerary as a CSV a planner can edit and feed back, and a
//! printable timetable page per month.

use std::path::Path;

use super::output::{about_season, output_dir, write_results, written_line};
use super::terminal::{say, sayln};
use super::{AppError, ScenarioSource};
use crate::report::lang::Lang;
use crate::report::{
    ITINERARY_FILE, OutputFile, TIMETABLE_FILE, UNPLACED_FILE, render_explicit_stops_csv,
    render_explicit_stops_summary, render_itinerary_csv, render_itinerary_summary, render_timetable_page,
    render_unplaced_csv,
};

/// Writes `itinerary.csv` (and `unplaced.csv` when some visits did not fit) and `timetable.html`,
/// and prints a summary.
pub(super) fn plan(source: &ScenarioSource, out: Option<&Path>, lang: Lang) -> Result<(), AppError> {
    let season = source.load()?;
    let dir = output_dir(out, &season.name);
    let mut files = vec![];
    if let Some(itinerary) = &season.itinerary {
        files.push(OutputFile::text(
            ITINERARY_FILE,
            render_itinerary_csv(lang, itinerary, &season.stops)?,
        ));
        files.push(OutputFile::text(
            UNPLACED_FILE,
            render_unplaced_csv(lang, &itinerary.unplaced)?,
        ));
        say!("{}", render_itinerary_summary(lang, &season.name, itinerary)?);
    } else {
        files.push(OutputFile::text(
            ITINERARY_FILE,
            render_explicit_stops_csv(lang, &season)?,
        ));
        say!("{}", render_explicit_stops_summary(lang, &season)?);
    }
    files.push(OutputFile::text(TIMETABLE_FILE, render_timetable_page(lang, &season)?));
    let files = write_results(&dir, files, lang, &about_season("plan", &season, None, None))?;
    sayln!("{}", written_line(lang, &dir, &files)?);
    Ok(())
}
