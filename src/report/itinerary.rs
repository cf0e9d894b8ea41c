//! Pure CSV renderers of an itinerary: the timetable a planner can publish, and the visits left out.

use std::fmt::Write;

use super::check::unplaced_reason;
use super::csv::{Column, headers};
use super::lang::{FillError, Label, Lang};
use crate::plan::{Itinerary, UnplacedVisit};
use crate::report::{RenderError, csv_rows};
use crate::scenario::Season;

use crate::vocab::units::WHOLE_MINUTES_PER_HOUR as MINUTES_PER_HOUR;

/// Minutes after midnight as `HH:MM` (24-hour clock; 1440 is `24:00`).
pub fn format_clock(minutes_after_midnight: u32) -> String {
    format!(
        "{:02}:{:02}",
        minutes_after_midnight / MINUTES_PER_HOUR,
        minutes_after_midnight % MINUTES_PER_HOUR
    )
}

/// The itinerary as CSV, one row per stop in date and time order, with the columns `date`
/// (YYYY-MM-DD), `start` and `end` (door opens and closes, HH:MM), `settlement`, `venue`,
/// `dwell_hours` (2 decimals), `travel_min` (drive from the previous stop or the depot) and `km`
/// (road km of that drive, 1 decimal).
pub fn render_itinerary_csv(lang: Lang, itinerary: &Itinerary) -> Result<String, RenderError> {
    let rows = itinerary.stops.iter().map(|stop| {
        vec![
            stop.date.to_string(),
            format_clock(stop.start_min),
            format_clock(stop.end_min),
            stop.place.name.clone(),
            stop.venue.as_str().to_string(),
            format!("{:.2}", stop.dwell_hours()),
            stop.travel_min.to_string(),
            format!("{:.1}", stop.km),
        ]
    });
    render_itinerary_rows(lang, rows)
}

/// The published itinerary's file.
pub const ITINERARY_FILE: &str = "itinerary.csv";
/// The file of the visits left out.
pub const UNPLACED_FILE: &str = "unplaced.csv";

/// Columns of the published itinerary.
pub const ITINERARY_COLUMNS: [Column; 8] = [
    Column::new("date", Label::ColDate),
    Column::new("start", Label::ColStart),
    Column::new("end", Label::CsvEnd),
    Column::new("settlement", Label::ColSettlement),
    Column::new("venue", Label::ColVenue),
    Column::new("dwell_hours", Label::ColDwellHours),
    Column::new("travel_min", Label::CsvTravelMin),
    Column::new("km", Label::CsvKm),
];

/// Columns of the visits left out.
pub(crate) const UNPLACED_COLUMNS: [Column; 6] = [
    Column::new("settlement", Label::ColSettlement),
    Column::new("venue", Label::ColVenue),
    Column::new("occurrence", Label::CsvOccurrence),
    Column::new("visits_wanted", Label::CsvVisitsWanted),
    Column::new("dwell_hours", Label::ColDwellHours),
    Column::new("reason", Label::CsvReason),
];

/// An itinerary CSV from rows in [`ITINERARY_COLUMNS`] order (for stops listed explicitly, whose
/// travel is unknown, the last two cells are empty).
fn render_itinerary_rows(lang: Lang, rows: impl Iterator<Item = Vec<String>>) -> Result<String, RenderError> {
    let header = headers(lang, &ITINERARY_COLUMNS);
    csv_rows(
        ITINERARY_FILE,
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        rows,
    )
}

/// Explicit stops in the itinerary's columns (travel unknown: left empty).
pub fn render_explicit_stops_csv(lang: Lang, season: &Season) -> Result<String, RenderError> {
    render_itinerary_rows(
        lang,
        season.stops.iter().map(|s| {
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
        }),
    )
}

/// The visits left out as CSV, one row per missing visit: `settlement`, `venue`, `occurrence`
/// (which visit of the series, from 1), `visits_wanted`, `dwell_hours` and `reason`.
pub fn render_unplaced_csv(lang: Lang, unplaced: &[UnplacedVisit]) -> Result<String, RenderError> {
    let rows = unplaced
        .iter()
        .map(|missing| {
            Ok(vec![
                missing.visit.place.name.clone(),
                missing.visit.venue.as_str().to_string(),
                missing.occurrence.to_string(),
                missing.visit.visits_wanted.to_string(),
                format!(
                    "{:.2}",
                    f64::from(missing.visit.dwell_min) / f64::from(MINUTES_PER_HOUR)
                ),
                unplaced_reason(lang, &missing.reason)?,
            ])
        })
        .collect::<Result<Vec<_>, FillError>>()?;
    let header = headers(lang, &UNPLACED_COLUMNS);
    csv_rows(
        UNPLACED_FILE,
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        rows,
    )
}

/// How many unplaced visits the terminal summary names (all are in unplaced.csv).
const UNPLACED_SHOWN: usize = 10;

/// The terminal summary of a generated itinerary: stops, bus-days, road km, driving, and the first
/// visits that did not fit with their reasons.
pub fn render_itinerary_summary(lang: Lang, name: &str, itinerary: &Itinerary) -> Result<String, FillError> {
    let s = itinerary.summary();
    let mut out = Label::PlanSummary.fill(
        lang,
        &[
            ("name", name),
            ("stops", &s.stops.to_string()),
            ("bus_days", &s.bus_days.to_string()),
            ("km", &lang.plain_number(s.total_km, 0)),
            ("driving", &lang.plain_number(s.travel_hours, 1)),
            ("unplaced", &s.unplaced_visits.to_string()),
        ],
    )?;
    out.push('\n');
    for u in itinerary.unplaced.iter().take(UNPLACED_SHOWN) {
        let line = Label::PlanNotPlaced.fill(
            lang,
            &[
                ("place", &u.visit.place.name),
                ("occurrence", &u.occurrence.to_string()),
                ("reason", &unplaced_reason(lang, &u.reason)?),
            ],
        )?;
        let _ = writeln!(out, "  {line}");
    }
    Ok(out)
}

/// The terminal line of a season whose stops the scenario lists (no itinerary generated).
pub fn render_explicit_stops_summary(lang: Lang, season: &Season) -> Result<String, FillError> {
    let line = Label::PlanExplicit.fill(
        lang,
        &[("name", &season.name), ("stops", &season.stops.len().to_string())],
    )?;
    Ok(format!("{line}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{BusDay, Place, PlannedStop, UnplacedReason, Visit};
    use crate::vocab::Venue;
    use jiff::civil::date;

    fn stop(name: &str, start_min: u32, dwell_min: u32, travel_min: u32, km: f64) -> PlannedStop {
        PlannedStop {
            date: date(2020, 9, 7),
            start_min,
            end_min: start_min + dwell_min,
            place: Place::new(name, 46.5, 19.5),
            venue: Venue::Municipality,
            dwell_min,
            travel_min,
            km,
            visit_index: 0,
            occurrence: 1,
        }
    }

    #[test]
    fn clock_times_are_zero_padded() {
        assert_eq!(format_clock(0), "00:00");
        assert_eq!(format_clock(8 * 60 + 5), "08:05");
        assert_eq!(format_clock(16 * 60 + 59), "16:59");
        assert_eq!(format_clock(24 * 60), "24:00");
    }

    #[test]
    fn the_timetable_has_one_row_per_stop_with_the_published_columns() {
        let mut school = stop("Kiskunfélegyháza, \"Petőfi\" iskola", 13 * 60 + 25, 100, 8, 7.04);
        school.venue = Venue::School;
        let itinerary = Itinerary {
            stops: vec![stop("Fülöpháza", 8 * 60 + 36, 150, 21, 17.349), school],
            days: vec![BusDay {
                date: date(2020, 9, 7),
                leave_depot_min: 480,
                back_at_depot_min: 900,
                stops: 2,
                km: 40.0,
                travel_min: 50,
            }],
            unplaced: Vec::new(),
            depot: Place::default_depot(),
        };
        let expected = "date,start,end,settlement,venue,dwell_hours,travel_min,km\n\
                        2020-09-07,08:36,11:06,Fülöpháza,municipality,2.50,21,17.3\n\
                        2020-09-07,13:25,15:05,\"Kiskunfélegyháza, \"\"Petőfi\"\" iskola\",school,1.67,8,7.0\n";
        assert_eq!(render_itinerary_csv(Lang::En, &itinerary).unwrap(), expected);
    }

    #[test]
    fn an_empty_itinerary_is_just_the_header() {
        let itinerary = Itinerary {
            stops: Vec::new(),
            days: Vec::new(),
            unplaced: Vec::new(),
            depot: Place::default_depot(),
        };
        assert_eq!(
            render_itinerary_csv(Lang::En, &itinerary).unwrap(),
            "date,start,end,settlement,venue,dwell_hours,travel_min,km\n"
        );
    }

    #[test]
    fn unplaced_visits_carry_their_reason() {
        let missing = UnplacedVisit {
            visit_index: 4,
            occurrence: 2,
            visit: Visit {
                place: Place::new("Dunafalva", 46.081562, 18.7782526),
                venue: Venue::SocialInstitution,
                dwell_min: 540,
                visits_wanted: 3,
            },
            reason: UnplacedReason::LongerThanWindow {
                needed_min: 760,
                window_min: 480,
            },
        };
        let csv = render_unplaced_csv(Lang::En, &[missing]).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("settlement,venue,occurrence,visits_wanted,dwell_hours,reason")
        );
        assert_eq!(
            lines.next(),
            Some(
                "Dunafalva,social_institution,2,3,9.00,\"needs 760 min from depot to depot (travel, set-up, dwell, \
                 pack-up) but the daily window is 480 min\""
            )
        );
    }
}
