//! The back-test: the calibrated scenario simulated, its totals against the published figures, with
//! the confidence interval of the mean and the predictive range of a single season.

use std::fmt::Write;

use super::format::{cell, figure_name, published_range, yes_no};
use crate::calibration::PublishedFigure;
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{FillError, Label, Lang};
use crate::report::{Column, headers};
use crate::study::calibration::{BacktestReport, backtest_name};

/// Titles of the back-test table's columns with their narrowest widths (characters) and whether
/// they align left: the English layout; a longer title widens its column.
const TEXT_COLUMNS: [(Label, usize, bool); 7] = [
    (Label::BacktestColFigure, 28, true),
    (Label::BacktestColPublished, 10, false),
    (Label::BacktestColRange, 11, false),
    (Label::BacktestColSimulated, 18, false),
    (Label::BacktestColSeasons, 17, false),
    (Label::BacktestColMeets, 11, true),
    (Label::BacktestColInside, 9, true),
];

/// One line of the table: cells padded to `widths`, two spaces before the left-aligned last two.
fn table_line(cells: &[String], widths: &[usize; 7]) -> String {
    let mut line = String::from(" ");
    for (i, ((cell, width), (_, _, left))) in cells.iter().zip(widths).zip(TEXT_COLUMNS).enumerate() {
        let gap = if i == 5 { "  " } else { " " };
        let _ = if left {
            write!(line, "{gap}{cell:<width$}")
        } else {
            write!(line, "{gap}{cell:>width$}")
        };
    }
    line
}

/// The back-test table with its reading, in `lang`.
pub fn render_backtest_text(lang: Lang, report: &BacktestReport) -> Result<String, FillError> {
    let mut out = String::new();
    let parameters: Vec<String> = report
        .parameters
        .iter()
        .map(|(k, v)| format!("{k} = {}", lang.plain_number(*v, 4)))
        .collect();
    let heading = Label::BacktestHeading.fill(
        lang,
        &[
            ("parameters", &parameters.join(", ")),
            ("replications", &report.replications.to_string()),
            ("seed", &report.seed.to_string()),
        ],
    )?;
    let _ = writeln!(out, "{heading}");
    let widths = TEXT_COLUMNS.map(|(label, width, _)| width.max(lang.text(label).chars().count()));
    let titles: Vec<String> = TEXT_COLUMNS.iter().map(|(l, _, _)| lang.text(*l).to_string()).collect();
    let _ = writeln!(out, "{}", table_line(&titles, &widths));
    for row in &report.rows {
        let s = &row.simulated;
        let cells = [
            figure_name(lang, row.target, true).to_string(),
            row.published.clone(),
            published_range(row.published_low, row.published_high),
            format!("{} ± {}", lang.plain_number(s.mean, 1), lang.plain_number(s.ci95, 1)),
            format!(
                "{}–{}",
                lang.plain_number(s.predictive_low, 0),
                lang.plain_number(s.predictive_high, 0)
            ),
            yes_no(lang, row.mean_interval_meets_published()).to_string(),
            yes_no(lang, row.published_in_predictive_range()).to_string(),
        ];
        let _ = writeln!(out, "{}", table_line(&cells, &widths));
    }
    let _ = writeln!(out, "  {}", lang.text(Label::BacktestNote));
    let served = report.rows.iter().find(|r| r.target == PublishedFigure::TourClients);
    if let Some(served) = served {
        let lost = 1.0 - served.simulated.mean / report.tour_arrivals.mean;
        let line = Label::BacktestLost.fill(
            lang,
            &[
                ("share", &lang.plain_number(100.0 * lost, 2)),
                ("arrivals", &lang.plain_number(report.tour_arrivals.mean, 1)),
            ],
        )?;
        let _ = writeln!(out, "  {line}");
    }
    let verdict = if report.all_inside() {
        Label::BacktestAllInside
    } else {
        Label::BacktestSomeOutside
    };
    let _ = writeln!(out, "  {}", lang.text(verdict));
    Ok(out)
}

/// The columns of `backtest.csv`.
pub(crate) const BACKTEST_COLUMNS: [Column; 10] = [
    Column::new("target", Label::CsvTarget),
    Column::new("published", Label::CsvPublished),
    Column::new("published_low", Label::CsvPublishedLow),
    Column::new("published_high", Label::CsvPublishedHigh),
    Column::new("simulated_mean", Label::CsvSimulatedMean),
    Column::new("simulated_mean_ci95", Label::CsvSimulatedMeanCi95),
    Column::new("predictive_low_2_5", Label::CsvPredictiveLow),
    Column::new("predictive_high_97_5", Label::CsvPredictiveHigh),
    Column::new("mean_interval_meets_published", Label::CsvMeanMeets),
    Column::new("published_in_predictive_range", Label::CsvInsideRange),
];

/// `backtest.csv`: one row per published figure.
pub fn render_backtest_csv(lang: Lang, report: &BacktestReport) -> Result<String, RenderError> {
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            vec![
                backtest_name(r.target).to_string(),
                r.published.clone(),
                r.published_low.to_string(),
                r.published_high.to_string(),
                cell(r.simulated.mean),
                cell(r.simulated.ci95),
                cell(r.simulated.predictive_low),
                cell(r.simulated.predictive_high),
                r.mean_interval_meets_published().to_string(),
                r.published_in_predictive_range().to_string(),
            ]
        })
        .collect();
    let header = headers(lang, &BACKTEST_COLUMNS);
    csv_rows(
        "backtest.csv",
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        &rows,
    )
}
