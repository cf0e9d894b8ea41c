//! Recorded days: read a day's clients from CSV, replay them with any clerks and closing policy.

use std::path::Path;

use rand::SeedableRng;
use serde::Deserialize;

use crate::sim::{Client, ClientRecord, DayRules, Engine, ReplayClients, StopOutcome, StreamRng, TraceObserver};
use crate::stats::wait_p90;

/// Seed of the balking decisions in a replay (only used when balking is on).
const REPLAY_BALKING_SEED: u64 = 0;

/// Errors in a recorded day's CSV.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("{path}: cannot read the file: {source}")]
    Read {
        path: String,
        source: crate::vocab::text_file::TextFileError,
    },
    #[error("{path}:{line}: {message}\n  help: {help}")]
    Row {
        path: String,
        line: u64,
        message: String,
        help: &'static str,
    },
    #[error("{path}: no clients in the file\n  help: {HELP_COLUMNS}")]
    Empty { path: String },
}

const HELP_COLUMNS: &str = "columns: arrival_min, service_min, and optionally patience_min (empty = never gives up) \
     and errands (default 1); times in minutes after opening, e.g. `12.5,8,30,1`";

/// One row of the day file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    arrival_min: f64,
    service_min: f64,
    #[serde(default)]
    patience_min: Option<f64>,
    #[serde(default)]
    errands: Option<u32>,
}

/// Reads a recorded day: one client per row, sorted by arrival on return.
pub(crate) fn read_day(path: &Path) -> Result<Vec<Client>, ReplayError> {
    let name = path.display().to_string();
    let text = crate::vocab::text_file::read_text(path, crate::vocab::limits::MAX_CSV_BYTES).map_err(|source| {
        ReplayError::Read {
            path: name.clone(),
            source,
        }
    })?;
    parse_day(&text, &name)
}

/// Parses a recorded day from CSV text; `origin` names it in errors.
pub(crate) fn parse_day(text: &str, origin: &str) -> Result<Vec<Client>, ReplayError> {
    let text = &*crate::vocab::csv_text::comma_separated(text).map_err(|message| ReplayError::Row {
        path: origin.to_string(),
        line: 1,
        message,
        help: HELP_COLUMNS,
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let row_error = |line: u64, message: String| ReplayError::Row {
        path: origin.to_string(),
        line,
        message,
        help: HELP_COLUMNS,
    };
    let headers = reader.headers().map_err(|e| row_error(1, e.to_string()))?.clone();
    let mut clients = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let shape = crate::vocab::csv_text::shape_problem(&e, text, &headers_list(&headers));
            row_error(e.position().map_or(1, csv::Position::line), shape.message)
        })?;
        let line = record.position().map_or(1, csv::Position::line);
        let row: Row = record
            .deserialize(Some(&headers))
            .map_err(|e| row_error(line, field_message(&e, &headers, &record)))?;
        clients.push(client_of(&row).map_err(|m| row_error(line, m))?);
    }
    if clients.is_empty() {
        return Err(ReplayError::Empty {
            path: origin.to_string(),
        });
    }
    clients.sort_by(|a, b| a.arrival_min.total_cmp(&b.arrival_min));
    Ok(clients)
}

fn headers_list(headers: &csv::StringRecord) -> Vec<String> {
    headers.iter().map(str::to_string).collect()
}

/// "column service_min: must be a number of minutes, got \"x\"" rather than csv's positional message.
fn field_message(e: &csv::Error, headers: &csv::StringRecord, record: &csv::StringRecord) -> String {
    let csv::ErrorKind::Deserialize { err, .. } = e.kind() else {
        return "this row cannot be read as comma-separated fields".into();
    };
    let Some(i) = err.field().map(|i| i as usize) else {
        return format!(
            "a column is not one of the day file's columns ({})",
            headers_list(headers).join(", ")
        );
    };
    let column = headers.get(i).unwrap_or("");
    let value = record.get(i).unwrap_or("");
    let expected = if column == "errands" {
        "a whole number of errands from 1 to 4294967295"
    } else {
        "a number of minutes"
    };
    format!("column {column}: must be {expected}, got \"{value}\"")
}

fn client_of(row: &Row) -> Result<Client, String> {
    let non_negative = |name: &str, v: f64| {
        if v.is_finite() && v >= 0.0 {
            Ok(v)
        } else {
            Err(format!("{name} must be a finite number ≥ 0, got {v}"))
        }
    };
    let patience = row.patience_min.map(|p| non_negative("patience_min", p)).transpose()?;
    let errands = row.errands.unwrap_or(1);
    if errands == 0 {
        return Err("errands must be at least 1".into());
    }
    Ok(Client {
        arrival_min: non_negative("arrival_min", row.arrival_min)?,
        service_min: non_negative("service_min", row.service_min)?,
        patience_min: patience.unwrap_or(f64::INFINITY),
        errands,
        information_errands: 0,
    })
}

/// The result of replaying a day.
#[derive(Debug, Clone)]
pub struct ReplayResult {
    pub outcome: StopOutcome,
    /// 90th percentile (type 7) of the served clients' waits, minutes (`None`: nobody was served).
    pub wait_p90_min: Option<f64>,
    /// Clients in the file who arrive at or after closing (left out: arrivals are in `[0, H)`).
    pub after_closing: usize,
    /// One record per client, when a trace was asked for.
    pub trace: Option<Vec<ClientRecord>>,
}

/// Replays `clients` under `rules`.
pub(crate) fn replay_day(clients: &[Client], rules: &DayRules, trace: bool) -> ReplayResult {
    let open: Vec<Client> = clients
        .iter()
        .copied()
        .filter(|c| c.arrival_min < rules.dwell_min)
        .collect();
    let mut rng = StreamRng::seed_from_u64(REPLAY_BALKING_SEED);
    let mut observer = TraceObserver::default();
    let mut engine = Engine::new();
    let outcome = engine.run(rules, ReplayClients::new(&open), &mut rng, &mut observer);
    observer.records.sort_by_key(|r| r.index);
    ReplayResult {
        outcome,
        wait_p90_min: wait_p90(engine.served_waits_mut()),
        after_closing: clients.len() - open.len(),
        trace: trace.then_some(observer.records),
    }
}
