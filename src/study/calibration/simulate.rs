//! The scenario simulated with calibrated parameters: the season totals the published figures
//! describe (the year's uses; the tour's arrivals, clients served, cases and information-only uses).

use crate::calibration::TotalsCalibration;
use crate::experiment::{Grouping, RunSettings, SeasonModel, TotalMetric, TotalSummary, run_group_totals};
use crate::scenario::{CalibrationTargets, ParsedScenario, ScenarioOverrides};
use crate::study::{Progress, SimulationOverrides, StudyError, season_model, stage};

/// Label of the one group holding every stop of the year.
const YEAR: &str = "year";
/// Label of the tour's stops in the tour grouping.
const TOUR: &str = "tour";
/// Label of the other stops in the tour grouping.
const REST: &str = "rest of the year";

/// Totals of the simulated seasons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulatedTotals {
    pub settings: RunSettings,
    /// Uses (errands served) in the year.
    pub year_uses: TotalSummary,
    /// Clients arriving at the tour's stops (served or not).
    pub tour_arrivals: TotalSummary,
    /// Clients served at the tour's stops.
    pub tour_served: TotalSummary,
    pub tour_cases: TotalSummary,
    pub tour_information_uses: TotalSummary,
}

/// Simulates the scenario with the calibration's base rate, errands per client and information share
/// (replications, seed and threads from `overrides`, else from the scenario).
pub fn simulate_totals(
    text: &ParsedScenario,
    targets: &CalibrationTargets,
    calibration: &TotalsCalibration,
    overrides: &SimulationOverrides,
    progress: &dyn Progress,
) -> Result<SimulatedTotals, StudyError> {
    let season = text.resolve_with(
        None,
        &ScenarioOverrides {
            base_rate: Some(calibration.base_rate.estimate),
            errands_per_client: Some(calibration.errands_per_client.estimate),
            information_share: Some(calibration.information_share.estimate),
            ..ScenarioOverrides::default()
        },
    )?;
    let in_tour: Vec<bool> = season.stops.iter().map(|s| targets.in_tour(s.date)).collect();
    let model = SeasonModel {
        stops: season_model(&season)?.stops,
        groupings: vec![year_grouping(in_tour.len()), tour_grouping(&in_tour)],
    };
    let settings = overrides.settings(&season.simulation);
    let totals = stage(progress, u64::from(settings.replications), |n| {
        run_group_totals(&model, &settings, n)
    })?;
    let summary = |grouping: usize, group: &str, metric: TotalMetric| {
        let distribution = totals[grouping].group(group).map(|g| g.get(metric));
        distribution
            .map(TotalSummary::of)
            .expect("the groupings are the ones built here")
    };
    Ok(SimulatedTotals {
        settings,
        year_uses: summary(0, YEAR, TotalMetric::Uses),
        tour_arrivals: summary(1, TOUR, TotalMetric::Arrivals),
        tour_served: summary(1, TOUR, TotalMetric::Served),
        tour_cases: summary(1, TOUR, TotalMetric::Cases),
        tour_information_uses: summary(1, TOUR, TotalMetric::InformationUses),
    })
}

fn year_grouping(stops: usize) -> Grouping {
    Grouping {
        name: YEAR.into(),
        labels: vec![YEAR.into()],
        member_of: vec![0; stops],
    }
}

fn tour_grouping(in_tour: &[bool]) -> Grouping {
    Grouping {
        name: TOUR.into(),
        labels: vec![TOUR.into(), REST.into()],
        member_of: in_tour.iter().map(|&t| usize::from(!t)).collect(),
    }
}
