//! Pure CSV renderers of a run's raw figures for engineers: each replication's stop and season
//! figures (`run --per-replication`) and one simulated day client by client (`run --trace-stop`).

use super::csv::{Column, Part, RenderError, csv_table, headers};
use super::lang::{Label, Lang};
use super::metric_labels::MetricColumn;
use super::number::csv_cell as cell;
use crate::experiment::{GroupMetric, ReplicationFigures, StopMetric, StopTrace};
use crate::sim::ClientFate;

/// Each replication's stop figures.
pub const REPLICATION_STOPS_FILE: &str = "replication_stops.csv";
/// Each replication's season figures.
pub const REPLICATIONS_FILE: &str = "replications.csv";

/// The file name of a stop-day's trace before the stop's number.
pub(super) const TRACE_STEM: &str = "trace-stop-";

/// The file of the trace of stop `stop` (numbered from 1, as in stops.csv).
pub fn trace_file(stop: usize) -> String {
    format!("{TRACE_STEM}{stop}.csv")
}

const REPLICATION: Column = Column::new("replication", Label::CsvReplication);
const STOP: Column = Column::new("stop", Label::ColStop);

/// The trace's columns: times in minutes after the stop opened.
const TRACE_COLUMNS: [Column; 5] = [
    Column::new("client", Label::ReplayColClient),
    Column::new("arrival_min", Label::ReplayColArrival),
    Column::new("start_min", Label::ReplayColStart),
    Column::new("leave_min", Label::ReplayColLeave),
    Column::new("outcome", Label::ReplayColOutcome),
];

/// Largest whole number written without decimals (exact in an `f64`).
const LARGEST_EXACT_WHOLE: f64 = 9_007_199_254_740_992.0;

/// A metric's value (a count as a whole number), empty when the replication has none.
fn value_cell(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| {
        if v.fract() == 0.0 && v.abs() < LARGEST_EXACT_WHOLE {
            format!("{v:.0}")
        } else {
            cell(v)
        }
    })
}

/// `replications.csv` (a row per replication, from 1, every season metric) and
/// `replication_stops.csv` (a row per replication and stop, from 1, every stop metric), from the
/// replications' figures in order, a chunk at a time: only one chunk of figures is held at once.
pub fn render_replication_tables(
    lang: Lang,
    chunks: impl IntoIterator<Item = Vec<ReplicationFigures>>,
) -> Result<(String, String), RenderError> {
    let mut season = csv::Writer::from_writer(Vec::new());
    let mut stops = csv::Writer::from_writer(Vec::new());
    let written = (|| -> csv::Result<()> {
        let mut header = headers(lang, &[REPLICATION]);
        header.extend(GroupMetric::ALL.iter().map(|m| m.column().header(lang, Part::Whole)));
        season.write_record(&header)?;
        let mut header = headers(lang, &[REPLICATION, STOP]);
        header.extend(StopMetric::ALL.iter().map(|m| m.column().header(lang, Part::Whole)));
        stops.write_record(&header)?;
        for r in chunks.into_iter().flatten() {
            let number = (r.replication + 1).to_string();
            let mut row = vec![number.clone()];
            row.extend(r.season.iter().map(|v| value_cell(*v)));
            season.write_record(&row)?;
            for (stop, values) in r.stops.iter().enumerate() {
                let mut row = vec![number.clone(), (stop + 1).to_string()];
                row.extend(values.iter().map(|v| value_cell(*v)));
                stops.write_record(&row)?;
            }
        }
        Ok(())
    })();
    Ok((
        finish(REPLICATIONS_FILE, written.as_ref().map(|()| season))?,
        finish(REPLICATION_STOPS_FILE, written.as_ref().map(|()| stops))?,
    ))
}

/// The text of a table written by `writer`, or the error that stopped it, naming the table.
fn finish(table: &'static str, writer: Result<csv::Writer<Vec<u8>>, &csv::Error>) -> Result<String, RenderError> {
    let error = |message: String| RenderError { table, message };
    let bytes = writer
        .map_err(|e| error(e.to_string()))?
        .into_inner()
        .map_err(|e| error(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| error(e.to_string()))
}

/// How a client's visit ended: the machine word in English, the label in Hungarian.
fn fate(lang: Lang, fate: ClientFate) -> &'static str {
    match lang {
        Lang::En => fate.as_str(),
        Lang::Hu => super::replay::fate(lang, fate),
    }
}

/// The trace: a row per client in order of arrival (from 1), times in minutes after opening, the
/// start empty for a client who was not served.
pub fn render_trace_csv(lang: Lang, trace: &StopTrace) -> Result<String, RenderError> {
    csv_table("trace-stop.csv", |w| {
        w.write_record(headers(lang, &TRACE_COLUMNS))?;
        for c in &trace.clients {
            w.write_record([
                (c.index + 1).to_string(),
                cell(c.arrival_min),
                c.service_start_min.map_or_else(String::new, cell),
                cell(c.leave_min),
                fate(lang, c.fate).to_string(),
            ])?;
        }
        Ok(())
    })
}
