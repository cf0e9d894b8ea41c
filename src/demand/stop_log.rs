//! A planners' stop log (CSV, one visit per row: date, settlement, venue, dwell hours, clients, and
//! optionally cases and information-only uses), read and checked against the settlement table, with
//! every problem located by file, line and column name.

use std::fmt;
use std::path::Path;

use jiff::civil::Date;

use super::settlements::SettlementTable;
use crate::calibration::StopCovariates;
use crate::vocab::suggest;
use crate::vocab::{Diagnostic, Venue};

/// Columns every stop log must have.
pub const REQUIRED_LOG_COLUMNS: [&str; 5] = ["date", "settlement", "venue", "dwell_hours", "clients"];
/// Columns a stop log may add; when present, every row must fill them.
pub const OPTIONAL_LOG_COLUMNS: [&str; 2] = ["cases", "information_only"];
/// Lines starting with this character are comments (a note on where the log comes from).
const COMMENT: char = '#';

/// One visit of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedStop {
    /// Line of the row in the file, from 1.
    pub line: usize,
    pub date: Date,
    /// Settlement name as the table spells it.
    pub settlement: String,
    /// Index of the settlement in the table.
    pub settlement_index: usize,
    pub venue: Venue,
    /// Opening hours of the visit, hours.
    pub dwell_hours: f64,
    /// Clients who came.
    pub clients: u64,
    /// Errands handled as cases, when the log has the column.
    pub cases: Option<u64>,
    /// Errands where only information was given, when the log has the column.
    pub information_only: Option<u64>,
}

/// A checked stop log.
#[derive(Debug, Clone, PartialEq)]
pub struct StopLog {
    /// The file it was read from (names it in reports).
    pub file: String,
    pub stops: Vec<LoggedStop>,
}

/// Totals of the errand columns over the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrandTotals {
    pub clients: u64,
    pub cases: u64,
    pub information_only: u64,
}

impl StopLog {
    /// The regression's covariates of every stop (population and distance from `table`, the one the
    /// log was read with).
    pub fn covariates(&self, table: &SettlementTable) -> Vec<StopCovariates> {
        self.stops
            .iter()
            .map(|s| StopCovariates {
                population: f64::from(table.get(s.settlement_index).population),
                dwell_hours: s.dwell_hours,
                distance_km: table.office_km(s.settlement_index),
                venue: s.venue,
            })
            .collect()
    }

    /// Clients of every stop, as the regression's counts.
    pub fn clients(&self) -> Vec<f64> {
        self.stops.iter().map(|s| s.clients as f64).collect()
    }

    /// Clients, cases and information-only uses summed over the log, when it has both errand columns.
    pub fn errand_totals(&self) -> Option<ErrandTotals> {
        let mut totals = ErrandTotals {
            clients: 0,
            cases: 0,
            information_only: 0,
        };
        for s in &self.stops {
            totals.clients += s.clients;
            totals.cases += s.cases?;
            totals.information_only += s.information_only?;
        }
        Some(totals)
    }
}

/// A stop log that cannot be used: every problem found, in line order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct LogFileError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LogFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.diagnostics.len();
        write!(f, "{n} problem{} found in the stop log", if n == 1 { "" } else { "s" })
    }
}

/// Reads and checks a stop log file.
pub fn read_stop_log(path: &Path, table: &SettlementTable) -> Result<StopLog, LogFileError> {
    let file = path.display().to_string();
    let text =
        crate::vocab::text_file::read_text(path, crate::vocab::limits::MAX_CSV_BYTES).map_err(|e| LogFileError {
            diagnostics: vec![problem(&file, None, "", format!("cannot read the stop log: {e}"), None)],
        })?;
    parse_stop_log(&text, &file, table)
}

/// Checks a stop log's text; `file` names it in messages.
pub fn parse_stop_log(text: &str, file: &str, table: &SettlementTable) -> Result<StopLog, LogFileError> {
    let text = &*crate::vocab::csv_text::comma_separated(text).map_err(|message| LogFileError {
        diagnostics: vec![problem(file, Content::of(text).physical_line(1), "", message, None)],
    })?;
    let mut problems = Vec::new();
    let stops = read_rows(text, file, table, &mut problems);
    if problems.is_empty() && stops.is_empty() {
        problems.push(problem(
            file,
            Content::of(text).physical_line(1),
            "",
            "the stop log has a header but no stops".into(),
            Some("add one row per visit under the header".into()),
        ));
    }
    if problems.is_empty() {
        Ok(StopLog {
            file: file.to_string(),
            stops,
        })
    } else {
        problems.sort_by_key(|d| d.line);
        Err(LogFileError { diagnostics: problems })
    }
}

fn problem(file: &str, line: Option<usize>, column: &str, message: String, help: Option<String>) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line,
        column: None,
        key: column.to_string(),
        message,
        help,
    }
}

fn header_help() -> String {
    format!(
        "the header names the columns {}, and optionally {}",
        REQUIRED_LOG_COLUMNS.join(","),
        OPTIONAL_LOG_COLUMNS.join(",")
    )
}

fn read_rows(text: &str, file: &str, table: &SettlementTable, problems: &mut Vec<Diagnostic>) -> Vec<LoggedStop> {
    let content = Content::of(text);
    let Some(header_at) = content.physical_line(1) else {
        problems.push(problem(
            file,
            None,
            "",
            "the stop log is empty".into(),
            Some(header_help()),
        ));
        return Vec::new();
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(content.text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            problems.push(problem(
                file,
                Some(header_at),
                "",
                format!("cannot read the header: {e}"),
                None,
            ));
            return Vec::new();
        }
    };
    let header_line = content.text.lines().next().unwrap_or("");
    if !check_header(&header, header_line, file, header_at, problems) {
        return Vec::new();
    }
    let mut stops = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().and_then(|p| content.physical_line(p.line()));
                let cells: Vec<(&str, &str)> = header
                    .iter()
                    .map(String::as_str)
                    .zip(record.iter().map(str::trim))
                    .collect();
                let row = Row {
                    file,
                    line: line.unwrap_or(0),
                    cells,
                };
                if let Some(stop) = row.stop(table, problems) {
                    stops.push(stop);
                }
            }
            Err(e) => {
                let line = e.position().and_then(|p| content.physical_line(p.line()));
                let shape = crate::vocab::csv_text::shape_problem(&e, &content.text, &header);
                problems.push(Diagnostic {
                    column: shape.column,
                    ..problem(file, line, "", shape.message, Some(shape.help))
                });
            }
        }
    }
    stops
}

/// The log without its comment and blank lines, and where each remaining line is in the file.
struct Content {
    text: String,
    /// Line in the file (from 1) of each line of `text`.
    lines: Vec<usize>,
}

impl Content {
    fn of(file_text: &str) -> Self {
        let kept: Vec<(usize, &str)> = file_text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with(COMMENT))
            .map(|(i, l)| (i + 1, l))
            .collect();
        Self {
            text: kept.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n"),
            lines: kept.iter().map(|(n, _)| *n).collect(),
        }
    }

    /// The file's line of line `line` (from 1) of the content.
    fn physical_line(&self, line: u64) -> Option<usize> {
        usize::try_from(line)
            .ok()?
            .checked_sub(1)
            .and_then(|i| self.lines.get(i).copied())
    }
}

/// Checks that the required columns are present and no unknown column is.
fn check_header(header: &[String], header_line: &str, file: &str, line: usize, problems: &mut Vec<Diagnostic>) -> bool {
    let before = problems.len();
    let known = || REQUIRED_LOG_COLUMNS.iter().chain(OPTIONAL_LOG_COLUMNS.iter()).copied();
    if !header.iter().any(|h| known().any(|k| k == h)) {
        problems.push(problem(
            file,
            Some(line),
            "",
            "the first line is not a stop-log header: it names none of the stop log's columns".into(),
            Some(format!("is this the right file? {}", header_help())),
        ));
        return false;
    }
    for (name, first, again) in crate::vocab::csv_text::repeated_columns(header, header_line) {
        problems.push(Diagnostic {
            column: Some(again),
            ..problem(
                file,
                Some(line),
                &name,
                format!("the column \"{name}\" is written twice (at columns {first} and {again} of the header)"),
                Some("keep one of them: each column is read once".into()),
            )
        });
    }
    for required in REQUIRED_LOG_COLUMNS {
        if !header.iter().any(|h| h == required) {
            problems.push(problem(
                file,
                Some(line),
                required,
                format!("the column \"{required}\" is missing"),
                Some(header_help()),
            ));
        }
    }
    for h in header {
        if !known().any(|k| k == h) {
            let help = suggest::did_you_mean(&suggest::closest(h, known())).unwrap_or_else(header_help);
            problems.push(problem(
                file,
                Some(line),
                h,
                format!("unknown column \"{h}\""),
                Some(help),
            ));
        }
    }
    problems.len() == before
}

/// One data row with its place.
struct Row<'a> {
    file: &'a str,
    line: usize,
    cells: Vec<(&'a str, &'a str)>,
}

impl Row<'_> {
    /// The cell of `column`, `None` when the log has no such column.
    fn cell(&self, column: &str) -> Option<&str> {
        self.cells.iter().find(|(h, _)| *h == column).map(|(_, v)| *v)
    }

    fn report(&self, problems: &mut Vec<Diagnostic>, column: &str, message: String, help: Option<String>) {
        problems.push(problem(self.file, Some(self.line), column, message, help));
    }

    /// The row as a stop; `None` when a cell is bad (every bad cell reported).
    fn stop(&self, table: &SettlementTable, problems: &mut Vec<Diagnostic>) -> Option<LoggedStop> {
        let date = self.date(problems);
        let settlement = self.settlement(table, problems);
        let venue = self.venue(problems);
        let dwell_hours = self.dwell_hours(problems);
        let clients = self.count("clients", problems);
        let cases = self.optional_count("cases", problems);
        let information_only = self.optional_count("information_only", problems);
        let (clients, cases, information_only) = (clients?, cases?, information_only?);
        if let (Some(c), Some(i)) = (cases, information_only)
            && c + i < clients
        {
            self.report(
                problems,
                "cases",
                format!(
                    "{c} cases and {i} information-only uses are fewer than the {clients} clients: every client \
                     brings at least one errand"
                ),
                Some("check that the columns are not swapped".into()),
            );
            return None;
        }
        let settlement_index = settlement?;
        Some(LoggedStop {
            line: self.line,
            date: date?,
            settlement: table.get(settlement_index).name.clone(),
            settlement_index,
            venue: venue?,
            dwell_hours: dwell_hours?,
            clients,
            cases,
            information_only,
        })
    }

    fn date(&self, problems: &mut Vec<Diagnostic>) -> Option<Date> {
        let text = self.cell("date").unwrap_or("");
        match text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(e) => {
                self.report(
                    problems,
                    "date",
                    format!("\"{text}\" is not a date that exists ({e})"),
                    Some("write dates as YYYY-MM-DD, e.g. 2019-09-12".into()),
                );
                None
            }
        }
    }

    fn settlement(&self, table: &SettlementTable, problems: &mut Vec<Diagnostic>) -> Option<usize> {
        let name = self.cell("settlement").unwrap_or("");
        if let Some(index) = table.index_of(name) {
            return Some(index);
        }
        let help = suggest::did_you_mean(&table.suggest(name))
            .unwrap_or_else(|| format!("names are spelled as in {}, with accents", table.origin));
        self.report(
            problems,
            "settlement",
            format!("unknown settlement \"{name}\""),
            Some(help),
        );
        None
    }

    fn venue(&self, problems: &mut Vec<Diagnostic>) -> Option<Venue> {
        let text = self.cell("venue").unwrap_or("");
        if let Some(venue) = Venue::ALL.into_iter().find(|v| v.as_str() == text) {
            return Some(venue);
        }
        let names = Venue::ALL.map(|v| v.as_str());
        let help = suggest::did_you_mean(&suggest::closest(text, names))
            .unwrap_or_else(|| format!("one of {}", names.join(", ")));
        self.report(problems, "venue", format!("unknown venue \"{text}\""), Some(help));
        None
    }

    fn dwell_hours(&self, problems: &mut Vec<Diagnostic>) -> Option<f64> {
        let text = self.cell("dwell_hours").unwrap_or("");
        match text.parse::<f64>() {
            Ok(h) if h.is_finite() && h > 0.0 => Some(h),
            _ => {
                self.report(
                    problems,
                    "dwell_hours",
                    format!("must be a positive number of hours, got \"{text}\""),
                    Some("2019 practice: 2–5 hours".into()),
                );
                None
            }
        }
    }

    /// A whole number ≥ 0 in `column`.
    fn count(&self, column: &str, problems: &mut Vec<Diagnostic>) -> Option<u64> {
        let text = self.cell(column).unwrap_or("");
        let max = crate::vocab::limits::MAX_LOGGED_COUNT;
        let message = match text.parse::<i128>() {
            Ok(n) if (0..=i128::from(max)).contains(&n) => return Some(n as u64),
            Ok(n) if n > 0 => format!(
                "{n} is above the ceiling of {max} for one visit: a visit has at most a few hundred (2019: a few dozen)"
            ),
            Ok(n) => format!("must be 0 or more, got {n}"),
            Err(_) if text.is_empty() => "is empty: give the count (0 if nobody came)".to_string(),
            Err(_) if text.chars().all(|c| c.is_ascii_digit()) => {
                format!("{text} is above the ceiling of {max} for one visit")
            }
            Err(_) => format!("must be a whole number of 0 or more, got \"{text}\""),
        };
        self.report(problems, column, message, None);
        None
    }

    /// `Some(None)` when the log has no such column, `Some(Some(n))` for a good count, `None` for a bad one.
    fn optional_count(&self, column: &str, problems: &mut Vec<Diagnostic>) -> Option<Option<u64>> {
        match self.cell(column) {
            None => Some(None),
            Some(_) => self.count(column, problems).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<StopLog, String> {
        parse_stop_log(text, "log.csv", SettlementTable::embedded()).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_a_log_with_comments_and_errand_columns() {
        let log = parse(
            "# synthetic\ndate,settlement,venue,dwell_hours,clients,cases,information_only\n\
             2019-09-02,Baja,municipality,4,20,16,8\n# a comment between rows\n\
             2019-09-03,Fülöpháza,school,2,3,2,1\n",
        )
        .unwrap();
        assert_eq!(log.stops.len(), 2);
        assert_eq!((log.stops[0].line, log.stops[1].line), (3, 5));
        assert_eq!(log.stops[1].venue, Venue::School);
        assert_eq!(
            log.errand_totals(),
            Some(ErrandTotals {
                clients: 23,
                cases: 18,
                information_only: 9
            })
        );
        let table = SettlementTable::embedded();
        let covariates = log.covariates(table);
        let baja = table.find("Baja").unwrap();
        assert_eq!(covariates[0].population, f64::from(baja.population));
        assert_eq!(covariates[0].distance_km, 0.0, "Baja has its own office");
        assert!(covariates[1].distance_km > 0.0);
        let without = parse("date,settlement,venue,dwell_hours,clients\n2019-09-02,Baja,municipality,4,20\n").unwrap();
        assert_eq!(without.errand_totals(), None);
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_line() {
        let e = parse(
            "date,settlement,venue,dwell_hours,clients\n2019-02-30,Baja,municipality,4,2\n\
             2019-03-01,Kecskemet,school,0,-3\n2019-03-02,Baja,townhall,2,1.5\n",
        )
        .unwrap_err();
        for expected in [
            "log.csv:2: date: \"2019-02-30\" is not a date that exists",
            "log.csv:3: settlement: unknown settlement \"Kecskemet\"\n  help: did you mean \"Kecskemét\"?",
            "log.csv:3: dwell_hours: must be a positive number of hours, got \"0\"",
            "log.csv:3: clients: must be 0 or more, got -3",
            "log.csv:4: venue: unknown venue \"townhall\"",
            "log.csv:4: clients: must be a whole number of 0 or more, got \"1.5\"",
            "6 problems found in the stop log",
        ] {
            assert!(e.contains(expected), "{expected:?} in\n{e}");
        }
    }

    #[test]
    fn bad_files_are_reported() {
        let e = parse("").unwrap_err();
        assert!(e.starts_with("log.csv: the stop log is empty"), "{e}");
        let e = parse("# only a comment\n\n").unwrap_err();
        assert!(e.contains("the stop log is empty"), "{e}");
        let e = parse("date,settlement,venue,dwell_hours,clients\n").unwrap_err();
        assert!(
            e.starts_with("log.csv:1: the stop log has a header but no stops"),
            "{e}"
        );
        let e = parse("date,settlement,venue,dwel_hours\n2019-03-01,Baja,school,2\n").unwrap_err();
        assert!(
            e.contains("log.csv:1: dwell_hours: the column \"dwell_hours\" is missing"),
            "{e}"
        );
        assert!(
            e.contains("log.csv:1: clients: the column \"clients\" is missing"),
            "{e}"
        );
        assert!(
            e.contains("unknown column \"dwel_hours\"\n  help: did you mean \"dwell_hours\"?"),
            "{e}"
        );
        let e = parse("date,settlement,venue,dwell_hours,clients\n2019-03-01,Baja,school,2\n").unwrap_err();
        assert!(
            e.contains(
                "log.csv:2: this row has 4 fields but the header names 5 columns: the last one is missing (\"clients\")"
            ),
            "{e}"
        );
        let e =
            parse("date,settlement,venue,dwell_hours,clients,cases,information_only\n2019-03-01,Baja,school,2,5,1,2\n")
                .unwrap_err();
        assert!(
            e.contains("log.csv:2: cases: 1 cases and 2 information-only uses are fewer than the 5 clients"),
            "{e}"
        );
    }
}
