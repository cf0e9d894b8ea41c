//! A stops CSV the planners keep: `date,start,settlement,venue,dwell_hours` and optional columns.

use super::calendar::{parse_clock, parse_date};
use super::diagnostic::Problems;
use super::stops::{StopInput, StopPlace};
use crate::vocab::Diagnostic;
use crate::vocab::Venue;
use crate::vocab::csv_text::{comma_separated, repeated_columns, shape_problem};

/// Columns every stops CSV must have.
pub(super) const REQUIRED_COLUMNS: [&str; 5] = ["date", "start", "settlement", "venue", "dwell_hours"];
/// Columns a stops CSV may add (cells may be empty).
pub(super) const OPTIONAL_COLUMNS: [&str; 4] = ["clerks", "arrival_rate_per_hour", "expected_clients", "label"];
/// Columns of the published timetable (`ablakbusz plan`) that a stops CSV may keep: read past,
/// so that the timetable is accepted unchanged (times and travel follow from date, start and dwell).
pub(super) const TIMETABLE_COLUMNS: [&str; 8] = [
    "weekday",
    "bus_day",
    "end",
    "travel_min",
    "km",
    "back_at_depot",
    "return_travel_min",
    "return_km",
];

/// Reads the stops of a CSV text; every bad cell is reported with its line and column.
pub(super) fn read_stops_csv(text: &str, file: &str, problems: &mut Problems<'_>) -> Vec<StopInput> {
    if text.trim().is_empty() {
        problems.push(Diagnostic {
            file: file.to_string(),
            line: Some(1),
            column: None,
            key: String::new(),
            message: "the stops CSV is empty".into(),
            help: Some(format!(
                "write a header line ({}, and optionally {}) and one row per stop",
                REQUIRED_COLUMNS.join(","),
                OPTIONAL_COLUMNS.join(",")
            )),
        });
        return Vec::new();
    }
    let text = match comma_separated(text) {
        Ok(text) => text,
        Err(message) => {
            file_problem(problems, file, Some(1), message);
            return Vec::new();
        }
    };
    let text: &str = &text;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            file_problem(problems, file, Some(1), format!("cannot read the header: {e}"));
            return Vec::new();
        }
    };
    if !check_header(&header, text.lines().next().unwrap_or(""), file, problems) {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut stops = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let shape = shape_problem(&e, text, &header);
                problems.push(Diagnostic {
                    file: file.to_string(),
                    line: shape.line,
                    column: shape.column,
                    key: String::new(),
                    message: shape.message,
                    help: Some(shape.help),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let raw_line = lines.get(line.wrapping_sub(1)).copied().unwrap_or("");
        let starts = field_columns(raw_line);
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), starts.get(i).copied().unwrap_or(1)))
            .collect();
        let place = StopPlace::Csv {
            file: file.to_string(),
            line,
            columns,
        };
        let cells: Vec<(&str, &str)> = header
            .iter()
            .map(String::as_str)
            .zip(record.iter().map(str::trim))
            .collect();
        if let Some(stop) = row(&cells, place, problems) {
            stops.push(stop);
        }
    }
    stops
}

fn file_problem(problems: &mut Problems<'_>, file: &str, line: Option<usize>, message: String) {
    problems.push(Diagnostic {
        file: file.to_string(),
        line,
        column: None,
        key: String::new(),
        message,
        help: None,
    });
}

/// Checks that the required columns are present and no unknown column is.
fn check_header(header: &[String], header_line: &str, file: &str, problems: &mut Problems<'_>) -> bool {
    let mut ok = true;
    for (name, first, again) in repeated_columns(header, header_line) {
        problems.push(Diagnostic {
            file: file.to_string(),
            line: Some(1),
            column: Some(again),
            key: name.clone(),
            message: format!("the column \"{name}\" is written twice (at columns {first} and {again} of the header)"),
            help: Some("keep one of them: each column is read once".into()),
        });
        ok = false;
    }
    for required in REQUIRED_COLUMNS {
        if !header.iter().any(|h| h == required) {
            problems.push(Diagnostic {
                file: file.to_string(),
                line: Some(1),
                column: None,
                key: required.to_string(),
                message: format!("the column \"{required}\" is missing"),
                help: Some(format!("the header must name {}", REQUIRED_COLUMNS.join(","))),
            });
            ok = false;
        }
    }
    for (i, h) in header.iter().enumerate() {
        let known = REQUIRED_COLUMNS.contains(&h.as_str())
            || OPTIONAL_COLUMNS.contains(&h.as_str())
            || TIMETABLE_COLUMNS.contains(&h.as_str());
        if !known {
            let all = REQUIRED_COLUMNS.iter().chain(OPTIONAL_COLUMNS.iter()).copied();
            let help = crate::vocab::suggest::did_you_mean(&crate::vocab::suggest::closest(h, all))
                .unwrap_or_else(|| format!("optional columns: {}", OPTIONAL_COLUMNS.join(", ")));
            problems.push(Diagnostic {
                file: file.to_string(),
                line: Some(1),
                column: field_columns(&header.join(",")).get(i).copied(),
                key: h.clone(),
                message: format!("unknown column \"{h}\""),
                help: Some(help),
            });
            ok = false;
        }
    }
    ok
}

/// Character columns (from 1) where each comma-separated field of `line` starts.
fn field_columns(line: &str) -> Vec<usize> {
    let mut starts = vec![1];
    let mut in_quotes = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => starts.push(i + 2),
            _ => {}
        }
    }
    starts
}

/// One row into a stop; `None` when a cell is bad (reported).
fn row(cells: &[(&str, &str)], place: StopPlace, problems: &mut Problems<'_>) -> Option<StopInput> {
    let cell = |name: &str| {
        cells
            .iter()
            .find(|(h, _)| *h == name)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_empty())
    };
    let bad = |field: &str, message: String, problems: &mut Problems<'_>| {
        place.report(problems, field, message, None);
    };
    let date = match cell("date").map(parse_date) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            bad("date", e, problems);
            None
        }
        None => {
            bad("date", "the date is empty".into(), problems);
            None
        }
    };
    let start = match cell("start").map(parse_clock) {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            bad("start", e, problems);
            None
        }
        None => {
            bad("start", "the start time is empty".into(), problems);
            None
        }
    };
    let venue = match cell("venue") {
        None => Some(Venue::Municipality),
        Some(v) => {
            if let Some(&venue) = Venue::ALL.iter().find(|x| x.as_str() == v) {
                Some(venue)
            } else {
                let names: Vec<&str> = Venue::ALL.iter().map(Venue::as_str).collect();
                bad(
                    "venue",
                    format!("unknown venue \"{v}\"; expected one of {}", names.join(", ")),
                    problems,
                );
                None
            }
        }
    };
    let dwell_hours = number(cell("dwell_hours"), "dwell_hours", &place, problems);
    let dwell_hours = match dwell_hours {
        Some(Some(h)) => Some(h),
        Some(None) => {
            bad("dwell_hours", "the dwell is empty".into(), problems);
            None
        }
        None => None,
    };
    let clerks = match cell("clerks") {
        None => Some(None),
        Some(c) => {
            if let Ok(n) = c.parse::<u32>() {
                Some(Some(n))
            } else {
                bad("clerks", format!("\"{c}\" is not a whole number of clerks"), problems);
                None
            }
        }
    };
    let rate = number(cell("arrival_rate_per_hour"), "arrival_rate_per_hour", &place, problems);
    let expected = number(cell("expected_clients"), "expected_clients", &place, problems);
    Some(StopInput {
        date: date?,
        start: start?,
        settlement: cell("settlement").map(str::to_string),
        label: cell("label").map(str::to_string),
        venue: venue?,
        dwell_hours: dwell_hours?,
        clerks: clerks?,
        arrival_rate_per_hour: rate?,
        expected_clients: expected?,
        place,
    })
}

/// `Some(None)` for an empty cell, `Some(Some(x))` for a number, `None` for a bad one (reported).
fn number(cell: Option<&str>, field: &str, place: &StopPlace, problems: &mut Problems<'_>) -> Option<Option<f64>> {
    match cell {
        None => Some(None),
        Some(text) => {
            if let Ok(x) = text.parse::<f64>() {
                Some(Some(x))
            } else {
                place.report(problems, field, format!("\"{text}\" is not a number"), None);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<StopInput>, Vec<String>) {
        let mut p = Problems::new("s.toml", "");
        let stops = read_stops_csv(text, "stops.csv", &mut p);
        let found = match p.finish_option(Some(())) {
            Ok(()) => vec![],
            Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
        };
        (stops, found)
    }

    #[test]
    fn good_rows_are_read() {
        let (stops, found) = read(
            "date,start,settlement,venue,dwell_hours,expected_clients\n\
             2019-09-02,08:00,Ágasegyháza,municipality,2,\n\
             2019-09-03,9:30,Kecskemét,employer,3,15\n",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(stops.len(), 2);
        assert_eq!(stops[1].start.0, 570);
        assert_eq!(stops[1].venue, Venue::Employer);
        assert_eq!(stops[1].expected_clients, Some(15.0));
        assert_eq!(stops[0].expected_clients, None);
    }

    #[test]
    fn bad_cells_are_reported_with_line_and_column() {
        let (stops, found) = read(
            "date,start,settlement,venue,dwell_hours\n\
             2019-02-29,08:00,Baja,municipality,2\n\
             2019-03-01,8h,Baja,church,x\n",
        );
        assert!(stops.is_empty());
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].starts_with("stops.csv:2:1: date: \"2019-02-29\" is not a date"),
            "{found:#?}"
        );
        assert!(found[1].starts_with("stops.csv:3:12: start:"), "{found:#?}");
        assert!(
            found[2].starts_with("stops.csv:3:20: venue: unknown venue \"church\""),
            "{found:#?}"
        );
        assert!(found[3].starts_with("stops.csv:3:27: dwell_hours:"), "{found:#?}");
    }

    #[test]
    fn header_problems_are_reported() {
        let (_, found) = read("date,start,settlment,venue,dwell_hours\n");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found.iter().any(|f| f.contains("\"settlement\" is missing")),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|f| f.contains("did you mean \"settlement\"")),
            "{found:#?}"
        );
    }
}
