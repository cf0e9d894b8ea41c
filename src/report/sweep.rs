//! A sweep's renderers: `sweep.csv` (one row per point: the varied values, then each headline figure's
//! mean, precision ± and season range p05/p95) and one chart per headline figure.

use crate::experiment::{GroupMetric, GroupSummary};
use crate::stats::{Estimate, SeasonRange};

use super::charts::{Chart, ChartError, SweepFigure, SweepLine, sweep_chart};
use super::csv::{Column, Part, RenderError, csv_table, part_headers};
use super::lang::{Label, Lang};
use super::metric_labels::MetricColumn;
use super::number::csv_cell as cell;
use super::tables::POOLED_COLUMNS;

/// The table's file name.
pub const SWEEP_FILE: &str = "sweep.csv";

/// The first column: the point's number, from 1.
const POINT_COLUMN: Column = Column::new("point", Label::ColSweepPoint);

/// The figures of each headline metric: the mean, its precision, and one season's range.
const PARTS: [Part; 4] = [Part::Mean, Part::Ci95, Part::P05, Part::P95];

/// The headline figures of a sweep (those of `run`'s summary and of `--precision`), each with its
/// chart's file stem.
const FIGURES: [(Figure, &str); 4] = [
    (Figure::Metric(GroupMetric::Served), "sweep-served"),
    (Figure::Metric(GroupMetric::Lost), "sweep-lost"),
    (Figure::Metric(GroupMetric::ClerkHours), "sweep-clerk-hours"),
    (Figure::PooledWait, "sweep-wait"),
];

#[derive(Debug, Clone, Copy)]
enum Figure {
    Metric(GroupMetric),
    /// The mean wait of the season's served clients (pooled over stops), minutes.
    PooledWait,
}

impl Figure {
    fn column(self) -> Column {
        match self {
            Figure::Metric(m) => m.column(),
            Figure::PooledWait => POOLED_COLUMNS[0],
        }
    }

    fn of(self, season: &GroupSummary) -> (Estimate, Option<SeasonRange>) {
        match self {
            Figure::Metric(m) => (season.get(m), season.metrics.range(m)),
            Figure::PooledWait => (season.pooled.wait_mean_min, season.pooled_range.wait_mean_min),
        }
    }
}

/// One point of a sweep: the value of each varied key (as typed) and the season's results there.
#[derive(Debug, Clone, Copy)]
pub struct SweepPoint<'a> {
    pub values: &'a [String],
    pub season: &'a GroupSummary,
}

/// `sweep.csv`: point (from 1), one column per varied key, then per headline figure its mean, ci95,
/// p05 and p95.
pub fn render_sweep_csv(lang: Lang, keys: &[&str], points: &[SweepPoint<'_>]) -> Result<String, RenderError> {
    csv_table(SWEEP_FILE, |w| {
        let mut header = vec![POINT_COLUMN.header(lang, Part::Whole)];
        header.extend(keys.iter().map(ToString::to_string));
        header.extend(part_headers(lang, FIGURES.map(|(f, _)| f.column()), &PARTS));
        w.write_record(&header)?;
        for (i, point) in points.iter().enumerate() {
            let mut row = vec![(i + 1).to_string()];
            row.extend(point.values.iter().cloned());
            for (figure, _) in FIGURES {
                let (e, range) = figure.of(point.season);
                let [p05, p95] = range.map_or([String::new(), String::new()], |r| [cell(r.p05), cell(r.p95)]);
                row.extend([cell(e.mean), cell(e.ci95), p05, p95]);
            }
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// One chart per headline figure: x the first key's values, one line per combination of the others.
/// `points` are in grid order (the first key varying slowest), `values` the first key's values.
pub fn render_sweep_charts(
    lang: Lang,
    keys: &[&str],
    values: &[String],
    points: &[SweepPoint<'_>],
) -> Result<Vec<Chart>, ChartError> {
    let per_value = points.len() / values.len().max(1);
    FIGURES
        .iter()
        .map(|&(figure, name)| {
            let lines = (0..per_value)
                .map(|j| SweepLine {
                    label: line_label(keys, points[j].values),
                    points: (0..values.len())
                        .map(|i| figure.of(points[i * per_value + j].season).0)
                        .collect(),
                })
                .collect();
            let input = SweepFigure {
                name,
                figure: figure.column().label.text(lang).to_string(),
                key: keys.first().map(ToString::to_string).unwrap_or_default(),
                values: values.to_vec(),
                lines,
            };
            sweep_chart(&input, lang)
        })
        .collect()
}

/// `key = value, key = value` of the keys after the first (empty with one key).
fn line_label(keys: &[&str], values: &[String]) -> String {
    keys.iter()
        .zip(values)
        .skip(1)
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
