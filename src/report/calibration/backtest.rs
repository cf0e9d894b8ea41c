//! The back-test: the calibrated scenario simulated, its totals against the published figures, with
//! the confidence interval of the mean and the predictive range of a single season.

use std::fmt::Write;

use super::format::{cell, published_range, yes_no};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{Label, Lang};
use crate::report::{Column, headers};
use crate::study::calibration::BacktestReport;

/// The back-test table with its reading.
pub fn render_backtest_text(report: &BacktestReport) -> String {
    let mut out = String::new();
    let parameters: Vec<String> = report.parameters.iter().map(|(k, v)| format!("{k} = {v:.4}")).collect();
    let _ = writeln!(
        out,
        "Back-test: the scenario simulated with the calibrated parameters ({}), {} seasons, seed {}",
        parameters.join(", "),
        report.replications,
        report.seed
    );
    let _ = writeln!(
        out,
        "  {:<28} {:>10} {:>11} {:>18} {:>17}  {:<11} {:<9}",
        "published figure", "published", "range", "simulated mean", "95 % of seasons", "mean meets", "inside"
    );
    for row in &report.rows {
        let s = &row.simulated;
        let _ = writeln!(
            out,
            "  {:<28} {:>10} {:>11} {:>18} {:>17}  {:<11} {:<9}",
            row.target,
            row.published,
            published_range(row.published_low, row.published_high),
            format!("{:.1} ± {:.1}", s.mean, s.ci95),
            format!("{:.0}–{:.0}", s.predictive_low, s.predictive_high),
            yes_no(row.mean_interval_meets_published()),
            yes_no(row.published_in_predictive_range()),
        );
    }
    out.push_str(
        "  simulated mean: over the seasons, ± its 95 % confidence half-width; 95 % of seasons: the 2.5–97.5 %\n  \
         range of one season's total. One observed season is compared with that range (inside: the published\n  \
         range meets it); the mean's interval says how precisely the simulation knows the model's expectation.\n",
    );
    let served = report.rows.iter().find(|r| r.target.starts_with("tour clients"));
    if let Some(served) = served {
        let lost = 1.0 - served.simulated.mean / report.tour_arrivals.mean;
        let _ = writeln!(
            out,
            "  Clients are those served: {:.2} % of the tour's {:.1} arrivals per season balked or gave up.",
            100.0 * lost,
            report.tour_arrivals.mean
        );
    }
    let verdict = if report.all_inside() {
        "Every published figure lies within the range of simulated seasons."
    } else {
        "Some published figures lie outside the range of simulated seasons: the model does not reproduce them."
    };
    let _ = writeln!(out, "  {verdict}");
    out
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
                r.target.clone(),
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
