//! The JSON renderer: `summary.json` with every result and the run's metadata.

use serde::Serialize;

use crate::experiment::{GroupSummary, StopSummary};
use crate::scenario::{Season, Venue};
use crate::study::{InputUncertaintyStudy, RunMeta, SeasonCosts, SeasonRun};

#[derive(Serialize)]
struct StopJson<'a> {
    stop: usize,
    date: String,
    start_min: u32,
    settlement: &'a str,
    district: &'a str,
    venue: Venue,
    dwell_hours: f64,
    clerks: u32,
    expected_clients: f64,
    results: &'a StopSummary,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    meta: &'a RunMeta,
    season: &'a GroupSummary,
    groupings: &'a [crate::experiment::GroupingSummary],
    stops: Vec<StopJson<'a>>,
    wait_histogram_min: &'a crate::stats::Histogram,
    /// Bus-days, km, paid clerk-hours of the scenario's crews and their cost at its rates.
    costs: &'a SeasonCosts,
    /// With `--input-uncertainty`: the season's ranges with parameter uncertainty.
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter_uncertainty: Option<&'a InputUncertaintyStudy>,
}

/// Renders `summary.json` (pretty-printed; NaN, e.g. a CI from one replication, becomes null) of
/// a run: its metadata, results and costs, and the parameter-uncertainty study when it has one.
pub fn render_summary_json(run: &SeasonRun, season: &Season) -> serde_json::Result<String> {
    let (meta, results) = (&run.meta, &run.results);
    let stops = season
        .stops
        .iter()
        .zip(&results.stops)
        .map(|(s, r)| StopJson {
            stop: s.index + 1,
            date: s.date.to_string(),
            start_min: s.start_min,
            settlement: &s.settlement,
            district: &s.district,
            venue: s.venue,
            dwell_hours: s.dwell_hours(),
            clerks: s.spec.clerks,
            expected_clients: s.expected_clients,
            results: r,
        })
        .collect();
    let doc = SummaryJson {
        meta,
        season: &results.season,
        groupings: &results.groupings,
        stops,
        wait_histogram_min: &results.wait_histogram,
        costs: &run.costs,
        parameter_uncertainty: run.parameter_uncertainty.as_ref(),
    };
    serde_json::to_string_pretty(&doc)
}
