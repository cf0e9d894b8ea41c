//! Pure CSV renderers of an itinerary: the timetable a planner can publish, and the visits left out.

use std::fmt::Write;

use super::check::unplaced_reason;
use super::csv::{Column, headers};
use super::lang::{FillError, Label, Lang};
use crate::plan::{Itinerary, UnplacedVisit};
use crate::report::{RenderError, csv_rows};
use crate::scenario::{Season, SeasonStop};

use crate::vocab::units::WHOLE_MINUTES_PER_HOUR as MINUTES_PER_HOUR;

/// Minutes after midnight as `HH:MM` (24-hour clock; 1440 is `24:00`).
pub fn format_clock(minutes_after_midnight: u32) -> String {
    format!(
        "{:02}:{:02}",
        minutes_after_midnight / MINUTES_PER_HOUR,
        minutes_after_midnight % MINUTES_PER_HOUR
    )
}

/// The itinerary as CSV, one row per stop in date and time order: `date` (YYYY-MM-DD), `weekday`,
/// `bus_day` (from 1), `start` and `end` (door opens and closes, HH:MM), `settlement`, `venue`,
/// `dwell_hours`, `clerks` and `label` (from the season's stop, when `stops` has it),
/// `travel_min` (drive from the previous stop or the depot) and `km` (road km of that drive,
/// 1 decimal), and on each day's last stop the way back: `back_at_depot` (HH:MM),
/// `return_travel_min`, `return_km`. Accepted unchanged as a `stops_csv` (the travel and return
/// columns are for reading; dwell hours are written exactly).
pub fn render_itinerary_csv(lang: Lang, itinerary: &Itinerary, stops: &[SeasonStop]) -> Result<String, RenderError> {
    let mut bus_day = 0usize;
    let mut day_index = 0usize;
    let mut previous_date = None;
    let mut rows = Vec::with_capacity(itinerary.stops.len());
    for (i, stop) in itinerary.stops.iter().enumerate() {
        if previous_date != Some(stop.date) {
            bus_day += 1;
            previous_date = Some(stop.date);
            day_index = itinerary
                .days
                .iter()
                .position(|d| d.date == stop.date)
                .unwrap_or(day_index);
        }
        let last_of_day = itinerary.stops.get(i + 1).is_none_or(|next| next.date != stop.date);
        let season_stop = stops
            .iter()
            .find(|s| s.date == stop.date && s.start_min == stop.start_min && s.settlement == stop.place.name);
        let day = itinerary.days.get(day_index).filter(|d| d.date == stop.date);
        let (back, return_min, return_km) = match day.filter(|_| last_of_day) {
            Some(day) => (
                format_clock(day.back_at_depot_min),
                day.return_travel_min.to_string(),
                format!("{:.1}", day.return_km),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        rows.push(vec![
            stop.date.to_string(),
            lang.weekday_abbreviation(stop.date.weekday()).to_string(),
            bus_day.to_string(),
            format_clock(stop.start_min),
            format_clock(stop.end_min),
            stop.place.name.clone(),
            stop.venue.as_str().to_string(),
            exact_hours(stop.dwell_hours()),
            season_stop.map_or(String::new(), |s| s.spec.clerks.to_string()),
            season_stop.and_then(|s| s.label.clone()).unwrap_or_default(),
            stop.travel_min.to_string(),
            format!("{:.1}", stop.km),
            back,
            return_min,
            return_km,
        ]);
    }
    render_itinerary_rows(lang, rows.into_iter())
}

/// Hours with 2 decimals when that is exact, otherwise every digit needed to read the same
/// number back (100 minutes: 1.6666666666666667), so that the timetable round-trips.
fn exact_hours(hours: f64) -> String {
    let short = format!("{hours:.2}");
    if short.parse::<f64>().ok() == Some(hours) {
        short
    } else {
        format!("{hours}")
    }
}

/// The published itinerary's file.
pub const ITINERARY_FILE: &str = "itinerary.csv";
/// The file of the visits left out.
pub const UNPLACED_FILE: &str = "unplaced.csv";

/// Columns of the published itinerary.
pub const ITINERARY_COLUMNS: [Column; 15] = [
    Column::new("date", Label::ColDate),
    Column::new("weekday", Label::CsvWeekday),
    Column::new("bus_day", Label::CsvBusDay),
    Column::new("start", Label::ColStart),
    Column::new("end", Label::CsvEnd),
    Column::new("settlement", Label::ColSettlement),
    Column::new("venue", Label::ColVenue),
    Column::new("dwell_hours", Label::ColDwellHours),
    Column::new("clerks", Label::ColClerks),
    Column::new("label", Label::CsvStopLabel),
    Column::new("travel_min", Label::CsvTravelMin),
    Column::new("km", Label::CsvKm),
    Column::new("back_at_depot", Label::CsvBackAtDepot),
    Column::new("return_travel_min", Label::CsvReturnTravelMin),
    Column::new("return_km", Label::CsvReturnKm),
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
/// travel is unknown, the travel cells are empty).
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
                lang.weekday_abbreviation(s.date.weekday()).to_string(),
                String::new(),
                format_clock(s.start_min),
                format_clock(end),
                s.settlement.clone(),
                s.venue.as_str().to_string(),
                exact_hours(s.dwell_hours()),
                s.spec.clerks.to_string(),
                s.label.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
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
    if let Some(bounds) = itinerary.bounds {
        let pct = |over: f64, of: f64| lang.plain_number(if of > 0.0 { 100.0 * over / of } else { 0.0 }, 1);
        let days_gap = s.bus_days.saturating_sub(bounds.bus_days);
        out += &Label::PlanBounds.fill(
            lang,
            &[
                ("bus_days", &bounds.bus_days.to_string()),
                ("km", &lang.plain_number(bounds.km, 0)),
                ("days_gap", &days_gap.to_string()),
                ("days_pct", &pct(days_gap as f64, bounds.bus_days as f64)),
                ("km_pct", &pct(s.total_km - bounds.km, bounds.km)),
            ],
        )?;
        out.push('\n');
    }
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
                return_travel_min: 21,
                return_km: 15.7,
            }],
            unplaced: Vec::new(),
            depot: Place::default_depot(),
            bounds: None,
        };
        let expected = "date,weekday,bus_day,start,end,settlement,venue,dwell_hours,clerks,label,travel_min,km,\
                        back_at_depot,return_travel_min,return_km\n\
                        2020-09-07,Mon,1,08:36,11:06,Fülöpháza,municipality,2.50,,,21,17.3,,,\n\
                        2020-09-07,Mon,1,13:25,15:05,\"Kiskunfélegyháza, \"\"Petőfi\"\" iskola\",school,\
                        1.6666666666666667,,,8,7.0,15:00,21,15.7\n";
        assert_eq!(render_itinerary_csv(Lang::En, &itinerary, &[]).unwrap(), expected);
    }

    #[test]
    fn an_empty_itinerary_is_just_the_header() {
        let itinerary = Itinerary {
            stops: Vec::new(),
            days: Vec::new(),
            unplaced: Vec::new(),
            depot: Place::default_depot(),
            bounds: None,
        };
        assert_eq!(
            render_itinerary_csv(Lang::En, &itinerary, &[]).unwrap(),
            "date,weekday,bus_day,start,end,settlement,venue,dwell_hours,clerks,label,travel_min,km,back_at_depot,\
             return_travel_min,return_km\n"
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
                "Dunafalva,social_institution,2,3,9.00,\"needs 760 min from the day's start until back at the depot \
                 (travel, the wait for the opening time, set-up, dwell, pack-up) but the daily window is 480 min\""
            )
        );
    }
}
