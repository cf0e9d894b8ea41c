//! The back-test: the calibrated scenario simulated, its totals against the published figures, with
//! the confidence interval of the mean and the predictive range of a single season.

use std::fmt::Write;

use serde::Serialize;

use super::csv_table::csv_text;
use super::format::{cell, published_range, yes_no};
use crate::experiment::TotalSummary;
use crate::report::RenderError;

/// One published figure against the simulated seasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestRow {
    /// What is compared, e.g. "tour clients (served)".
    pub target: String,
    /// As published: "> 1000".
    pub published: String,
    /// Smallest count consistent with the publication.
    pub published_low: u64,
    /// Largest count consistent with the publication.
    pub published_high: u64,
    /// The simulated seasons' totals.
    pub simulated: TotalSummary,
}

impl BacktestRow {
    /// True when the 95 % confidence interval of the simulated mean meets the published range.
    pub fn mean_interval_meets_published(&self) -> bool {
        let s = &self.simulated;
        overlaps(
            s.mean - s.ci95,
            s.mean + s.ci95,
            self.published_low,
            self.published_high,
        )
    }

    /// True when the published range meets the central 95 % of the simulated seasons' totals: the
    /// honest test for one observed season.
    pub fn published_in_predictive_range(&self) -> bool {
        let s = &self.simulated;
        overlaps(
            s.predictive_low,
            s.predictive_high,
            self.published_low,
            self.published_high,
        )
    }
}

fn overlaps(low: f64, high: f64, published_low: u64, published_high: u64) -> bool {
    low <= published_high as f64 && published_low as f64 <= high
}

/// The back-test of a calibrated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestReport {
    pub replications: u32,
    pub seed: u64,
    /// The values the scenario was simulated with: (key, value).
    pub parameters: Vec<(String, f64)>,
    pub rows: Vec<BacktestRow>,
    /// Clients arriving at the tour's stops (served or not), per season.
    pub tour_arrivals: TotalSummary,
}

impl BacktestReport {
    /// True when every published figure lies in the simulated seasons' predictive range.
    pub fn all_inside(&self) -> bool {
        self.rows.iter().all(BacktestRow::published_in_predictive_range)
    }
}

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

/// `backtest.csv`: one row per published figure.
pub fn render_backtest_csv(report: &BacktestReport) -> Result<String, RenderError> {
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
    csv_text(
        "backtest.csv",
        &[
            "target",
            "published",
            "published_low",
            "published_high",
            "simulated_mean",
            "simulated_mean_ci95",
            "predictive_low_2_5",
            "predictive_high_97_5",
            "mean_interval_meets_published",
            "published_in_predictive_range",
        ],
        &rows,
    )
}
