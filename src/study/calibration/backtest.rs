//! The back-test: the scenario simulated with its calibrated parameters, and the season totals the
//! figures describe compared with the published figures.

use serde::Serialize;

use super::simulate::simulate_totals;
use super::totals::TotalsStudy;
use crate::calibration::{PublishedFigure, ReportedFigure};
use crate::experiment::TotalSummary;
use crate::scenario::ParsedScenario;
use crate::study::{Progress, SimulationOverrides, StudyError};

/// Simulates the calibrated scenario and compares its totals with the published figures.
pub fn backtest(
    text: &ParsedScenario,
    study: &TotalsStudy,
    overrides: &SimulationOverrides,
    progress: &dyn Progress,
) -> Result<BacktestReport, StudyError> {
    let c = &study.calibration;
    let simulated = simulate_totals(text, &study.targets, c, overrides, progress)?;
    let f = &study.targets.figures;
    let row = |target: PublishedFigure, figure: ReportedFigure, simulated: TotalSummary| {
        let (published_low, published_high) = figure.range();
        BacktestRow {
            target,
            published: figure.label(),
            published_low,
            published_high,
            simulated,
        }
    };
    let parameters = [
        ("base_rate", c.base_rate.estimate),
        ("errands_per_client", c.errands_per_client.estimate),
        ("information_share", c.information_share.estimate),
    ];
    Ok(BacktestReport {
        replications: simulated.settings.replications,
        seed: simulated.settings.seed,
        parameters: parameters.map(|(k, v)| (k.to_string(), v)).to_vec(),
        rows: vec![
            row(PublishedFigure::YearUses, f.year_uses, simulated.year_uses),
            row(PublishedFigure::TourClients, f.tour_clients, simulated.tour_served),
            row(PublishedFigure::TourCases, f.tour_cases, simulated.tour_cases),
            row(
                PublishedFigure::TourInformationUses,
                f.tour_information_uses,
                simulated.tour_information_uses,
            ),
        ],
        tour_arrivals: simulated.tour_arrivals,
    })
}

/// One published figure against the simulated seasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestRow {
    /// What is compared (named "tour clients (served)" for the tour's clients: the simulation
    /// counts those served).
    #[serde(serialize_with = "serialize_backtest_name")]
    pub target: PublishedFigure,
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

/// Serialises a back-test row's figure as its back-test name (the JSON keeps its text).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` hands the field by reference
fn serialize_backtest_name<S: serde::Serializer>(figure: &PublishedFigure, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(backtest_name(*figure))
}

/// A figure's name in the back-test: the tour's clients are "tour clients (served)".
pub fn backtest_name(figure: PublishedFigure) -> &'static str {
    match figure {
        PublishedFigure::TourClients => "tour clients (served)",
        other => other.name(),
    }
}
