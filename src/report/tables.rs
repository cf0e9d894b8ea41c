//! CSV renderers: one row per stop (`stops.csv`) and season/group totals (`season.csv`).

use crate::experiment::{GroupMetric, Metric, SeasonResults, StopMetric, Summary};
use crate::scenario::Season;
use crate::stats::{Estimate, SeasonRange};

use super::csv::{Column, Part, RenderError, csv_table, headers, part_headers};
use super::lang::{Label, Lang};
use super::metric_labels::MetricColumn;
use super::number::csv_cell as cell;

/// Pooled ratio columns appended after the metrics (the pooled estimates).
pub(crate) const POOLED_COLUMNS: [Column; 4] = [
    Column::new("wait_mean_pooled_min", Label::CsvWaitMeanPooled),
    Column::new("share_within_target", Label::ColWithinTarget),
    Column::new("lost_share", Label::RowLostShare),
    Column::new("delayed_share", Label::CsvDelayedShare),
];

/// The columns of `stops.csv` before the metrics.
pub(crate) const STOP_COLUMNS: [Column; 9] = [
    Column::new("stop", Label::ColStop),
    Column::new("date", Label::ColDate),
    Column::new("start", Label::ColStart),
    Column::new("settlement", Label::ColSettlement),
    Column::new("district", Label::ColDistrict),
    Column::new("venue", Label::ColVenue),
    Column::new("dwell_hours", Label::ColDwellHours),
    Column::new("clerks", Label::ColClerks),
    Column::new("expected_clients", Label::ColExpectedClients),
];

/// The columns of `season.csv` before the metrics.
pub(crate) const SEASON_COLUMNS: [Column; 2] = [
    Column::new("level", Label::CsvLevel),
    Column::new("group", Label::CsvGroup),
];

/// The figures of each metric: the mean, its precision, and one season's range.
const METRIC_PARTS: [Part; 4] = [Part::Mean, Part::Ci95, Part::P05, Part::P95];

/// The cells of [`METRIC_PARTS`] (the range cells empty when no replication had a value).
fn figure_cells(e: &Estimate, range: Option<SeasonRange>) -> [String; 4] {
    let [p05, p95] = range.map_or([String::new(), String::new()], |r| [cell(r.p05), cell(r.p95)]);
    [cell(e.mean), cell(e.ci95), p05, p95]
}

fn metric_header<M: MetricColumn>(lang: Lang) -> Vec<String> {
    let columns = M::ALL.iter().map(|m| m.column()).chain(POOLED_COLUMNS);
    part_headers(lang, columns, &METRIC_PARTS)
}

fn summary_cells<M: Metric>(s: &Summary<M>) -> Vec<String> {
    let (p, r) = (&s.pooled, &s.pooled_range);
    let pooled = [
        (p.wait_mean_min, r.wait_mean_min),
        (p.share_within_target, r.share_within_target),
        (p.lost_share, r.lost_share),
        (p.delayed_share, r.delayed_share),
    ];
    s.metrics
        .iter()
        .zip(s.metrics.ranges())
        .map(|((_, e), (_, range))| (e, range))
        .chain(pooled)
        .flat_map(|(e, range)| figure_cells(&e, range))
        .collect()
}

/// `stops.csv`: stop, date, settlement, venue, dwell_hours, clerks, then `m_mean`, `m_ci95` (precision), `m_p05`,
/// `m_p95` (one season's range) per metric.
pub fn render_stops_csv(lang: Lang, season: &Season, results: &SeasonResults) -> Result<String, RenderError> {
    let table = "stops.csv";
    csv_table(table, |w| {
        let mut header = headers(lang, &STOP_COLUMNS);
        header.extend(metric_header::<StopMetric>(lang));
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
pub fn render_season_csv(lang: Lang, results: &SeasonResults) -> Result<String, RenderError> {
    let table = "season.csv";
    csv_table(table, |w| {
        let mut header = headers(lang, &SEASON_COLUMNS);
        header.extend(metric_header::<GroupMetric>(lang));
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
