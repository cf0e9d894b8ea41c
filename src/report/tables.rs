//! CSV renderers: one row per stop (`stops.csv`) and season/group totals (`season.csv`).

use crate::experiment::{GroupMetric, Metric, SeasonResults, StopMetric, Summary};
use crate::scenario::Season;
use crate::stats::Estimate;

use super::csv::{RenderError, csv_table};
use super::number::csv_cell as cell;

/// Pooled ratio columns appended after the metrics (names of the pooled estimates).
const POOLED_COLUMNS: [&str; 4] = [
    "wait_mean_pooled_min",
    "share_within_target",
    "lost_share",
    "delayed_share",
];

fn estimate_cells(e: &Estimate) -> [String; 2] {
    [cell(e.mean), cell(e.ci95)]
}

fn metric_header<M: Metric>() -> Vec<String> {
    M::ALL
        .iter()
        .map(|m| m.name())
        .chain(POOLED_COLUMNS)
        .flat_map(|m| [format!("{m}_mean"), format!("{m}_ci95")])
        .collect()
}

fn summary_cells<M: Metric>(s: &Summary<M>) -> Vec<String> {
    let p = &s.pooled;
    let pooled = [p.wait_mean_min, p.share_within_target, p.lost_share, p.delayed_share];
    s.metrics
        .iter()
        .map(|(_, e)| e)
        .chain(pooled)
        .flat_map(|e| estimate_cells(&e))
        .collect()
}

/// `stops.csv`: stop, date, settlement, venue, dwell_hours, clerks, then `m_mean`, `m_ci95` per metric.
pub fn render_stops_csv(season: &Season, results: &SeasonResults) -> Result<String, RenderError> {
    let table = "stops.csv";
    csv_table(table, |w| {
        let mut header: Vec<String> = [
            "stop",
            "date",
            "start",
            "settlement",
            "district",
            "venue",
            "dwell_hours",
            "clerks",
        ]
        .map(String::from)
        .to_vec();
        header.push("expected_clients".into());
        header.extend(metric_header::<StopMetric>());
        w.write_record(&header)?;
        for (stop, summary) in season.stops.iter().zip(&results.stops) {
            let mut row = vec![
                (stop.index + 1).to_string(),
                stop.date.to_string(),
                super::format_clock(stop.start_min),
                stop.settlement.clone(),
                stop.district.clone(),
                stop.venue.as_str().to_string(),
                cell(stop.dwell_hours()),
                stop.spec.clerks.to_string(),
                cell(stop.expected_clients),
            ];
            row.extend(summary_cells(summary));
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// `season.csv`: one row for the season, then one per group of each grouping (district, week).
pub fn render_season_csv(results: &SeasonResults) -> Result<String, RenderError> {
    let table = "season.csv";
    csv_table(table, |w| {
        let mut header = vec!["level".to_string(), "group".to_string()];
        header.extend(metric_header::<GroupMetric>());
        w.write_record(&header)?;
        let mut write = |level: &str, group: &str, s: &Summary<GroupMetric>| {
            let mut row = vec![level.to_string(), group.to_string()];
            row.extend(summary_cells(s));
            w.write_record(&row)
        };
        write("season", "all stops", &results.season)?;
        for grouping in &results.groupings {
            for (label, summary) in &grouping.groups {
                write(&grouping.name, label, summary)?;
            }
        }
        Ok(())
    })
}
