//! Demand-driven dwell: the shortest stay, in fixed steps within a range, that meets the targets.

use serde::Serialize;

use super::decision::{Verdict, evaluate};
use super::known::KnownEvaluations;
use super::search::SearchSettings;
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
    pub verdict: Verdict,
    /// Mean clients arriving during this dwell.
    pub arrivals_mean: f64,
    /// Replications simulated before the verdict.
    pub replications: u64,
}

/// The demand-driven dwell of one stop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DwellAnswer {
    /// Shortest dwell meeting every target, minutes; `None` when even the longest does not.
    pub dwell_min: Option<f64>,
    /// Whether a shorter dwell than the answer (or, without an answer, some dwell) was too close
    /// to call: the settlement is borderline.
    pub too_close: bool,
    /// The dwells tried, shortest first, up to the first that meets every target.
    pub candidates: Vec<DwellCandidate>,
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

/// Tries the dwells of `range`, shortest first, until one meets every target; every dwell meets the
/// same clients (the streams of `stream_stop`). `spec_for_dwell` builds the stop for a dwell
/// (demand may grow with the dwell: that is the scenario's dwell-capture assumption).
pub fn search_dwell(
    spec_for_dwell: impl Fn(f64) -> Result<StopSpec, SpecError>,
    stream_stop: u64,
    range: &DwellRange,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Result<DwellAnswer, SpecError> {
    search_dwell_recording(
        spec_for_dwell,
        stream_stop,
        range,
        targets,
        settings,
        &mut KnownEvaluations::default(),
    )
}

/// [`search_dwell`], noting in `known` each dwell's evaluation with the spec it judged (for a
/// later staffing search of the stop at one of these dwells: see [`KnownEvaluations`]).
pub fn search_dwell_recording(
    spec_for_dwell: impl Fn(f64) -> Result<StopSpec, SpecError>,
    stream_stop: u64,
    range: &DwellRange,
    targets: &ServiceTargets,
    settings: &SearchSettings,
    known: &mut KnownEvaluations,
) -> Result<DwellAnswer, SpecError> {
    let mut candidates = Vec::new();
    for dwell_min in range.candidates() {
        let mut spec = spec_for_dwell(dwell_min)?;
        spec.wait_target_min = targets.wait_limit_min;
        let e = evaluate(&PreparedStop::new(&spec)?, stream_stop, targets, settings);
        let meets = e.verdict == Verdict::Meets;
        candidates.push(DwellCandidate {
            dwell_min,
            arrivals_mean: e.summary.get(StopMetric::Arrivals).mean,
            checks: e.checks.clone(),
            verdict: e.verdict,
            replications: e.replications,
        });
        known.add(stream_stop, spec, e);
        if meets {
            break;
        }
    }
    let dwell_min = candidates
        .iter()
        .find(|c| c.verdict == Verdict::Meets)
        .map(|c| c.dwell_min);
    Ok(DwellAnswer {
        dwell_min,
        too_close: candidates.iter().any(|c| c.verdict == Verdict::TooClose),
        candidates,
    })
}
