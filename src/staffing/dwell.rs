//! Demand-driven dwell: the shortest stay, in fixed steps within a range, that meets the targets.

use serde::Serialize;

use super::search::{SearchSettings, summarise_candidates};
use super::targets::{ServiceTargets, TargetCheck};
use crate::experiment::StopMetric;
use crate::sim::{PreparedStop, SpecError, StopSpec};

/// The range of dwells to try.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DwellRange {
    pub shortest_min: f64,
    pub longest_min: f64,
    /// Step between candidates, minutes (30 in the issue).
    pub step_min: f64,
}

/// One dwell tried and what it achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DwellCandidate {
    pub dwell_min: f64,
    pub checks: Vec<TargetCheck>,
    pub meets_all: bool,
    /// Mean clients arriving during this dwell.
    pub arrivals_mean: f64,
}

/// The demand-driven dwell of one stop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DwellAnswer {
    /// Shortest dwell meeting every target, minutes; `None` when even the longest fails.
    pub dwell_min: Option<f64>,
    pub candidates: Vec<DwellCandidate>,
    pub replications: u64,
}

impl DwellRange {
    /// The candidate dwells, shortest first.
    pub fn candidates(&self) -> Vec<f64> {
        let steps = ((self.longest_min - self.shortest_min) / self.step_min)
            .floor()
            .max(0.0) as usize;
        (0..=steps)
            .map(|k| self.shortest_min + k as f64 * self.step_min)
            .collect()
    }
}

/// Tries every dwell of `range` with common random numbers; `spec_for_dwell` builds the stop for a
/// dwell (demand may grow with the dwell: that is the scenario's dwell-capture assumption).
pub fn search_dwell(
    spec_for_dwell: impl Fn(f64) -> Result<StopSpec, SpecError>,
    stop_index: u64,
    range: &DwellRange,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Result<DwellAnswer, SpecError> {
    let dwells = range.candidates();
    let stops: Vec<PreparedStop> = dwells
        .iter()
        .map(|&d| {
            let mut spec = spec_for_dwell(d)?;
            spec.wait_target_min = targets.wait_limit_min;
            PreparedStop::new(&spec)
        })
        .collect::<Result<_, _>>()?;
    let (summaries, replications) = summarise_candidates(&stops, stop_index, settings);
    let candidates: Vec<DwellCandidate> = dwells
        .iter()
        .zip(&summaries)
        .map(|(&dwell_min, summary)| {
            let checks = targets.check(summary);
            DwellCandidate {
                dwell_min,
                meets_all: checks.iter().all(|c| c.met),
                checks,
                arrivals_mean: summary.get(StopMetric::Arrivals).mean,
            }
        })
        .collect();
    let dwell_min = candidates.iter().find(|c| c.meets_all).map(|c| c.dwell_min);
    Ok(DwellAnswer {
        dwell_min,
        candidates,
        replications,
    })
}
