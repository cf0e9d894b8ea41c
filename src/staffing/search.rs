//! The fewest clerks that meet the targets at one stop, by simulation with common random numbers.
//!
//! Every candidate number of clerks meets the same clients (same streams), so differences between
//! candidates are differences of staffing, not of luck. Each candidate is simulated until its verdict
//! (`decision.rs`): meets, fails, or too close to call at the cap.

use serde::Serialize;

use super::decision::{Evaluation, Verdict, evaluate_remaining};
use super::known::KnownEvaluations;
use super::targets::{ServiceTargets, TargetCheck};
use crate::experiment::StopSummary;
use crate::sim::{DayRules, PreparedStop, SpecError, StopSpec};

/// How hard to search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SearchSettings {
    pub seed: u64,
    /// Replications of a candidate's first look (later looks double it).
    pub min_replications: u64,
    /// Replications at which a candidate still undecided is reported too close to call.
    pub max_replications: u64,
    /// Chance of a wrong *meets* or *fails* over all the looks of a candidate (α).
    pub decision_error: f64,
    /// Candidates beyond the vehicle's desks, shown as a what-if (a vehicle with more desks).
    pub beyond_desks: u32,
}

impl Default for SearchSettings {
    fn default() -> Self {
        // At least 200 replications so that rare losses show; a candidate still straddling a target
        // after 20,000 is too close to call; a wrong verdict at most 5 % of the time (the
        // confidence level of every other interval of the tool).
        Self {
            seed: 2020,
            min_replications: 200,
            max_replications: 20_000,
            decision_error: 1.0 - crate::stats::CONFIDENCE_LEVEL,
            beyond_desks: 2,
        }
    }
}

/// One candidate number of clerks and what it achieves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub clerks: u32,
    /// True when `clerks` exceeds the vehicle's desks (a what-if).
    pub beyond_desks: bool,
    /// The means over its replications (no wait p90, which no target reads).
    pub summary: StopSummary,
    pub checks: Vec<TargetCheck>,
    pub verdict: Verdict,
    /// Replications simulated before the verdict.
    pub replications: u64,
}

/// The staffing answer for one stop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaffingAnswer {
    pub desks: u32,
    /// Fewest clerks within the desks that meet every target, if any.
    pub clerks_needed: Option<u32>,
    /// Fewest clerks that meet every target when desks are not a limit (what-if), if any.
    pub clerks_needed_without_desk_limit: Option<u32>,
    /// Fewest clerks too close to call, when fewer than the answer (the stop is borderline: that
    /// many might do, but the simulation cannot tell).
    pub too_close_clerks: Option<u32>,
    pub candidates: Vec<Candidate>,
}

impl StaffingAnswer {
    /// The candidate reported: the answer, or all desks staffed when no answer exists.
    pub fn reported(&self) -> &Candidate {
        let clerks = self.clerks_needed.unwrap_or(self.desks);
        &self.candidates[clerks as usize - 1]
    }

    /// Replications simulated over all candidates.
    pub fn simulated_replications(&self) -> u64 {
        self.candidates.iter().map(|c| c.replications).sum()
    }
}

/// Searches the clerks for one stop; `stream_stop` selects its random streams.
pub fn search_stop(
    spec: &StopSpec,
    stream_stop: u64,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Result<StaffingAnswer, SpecError> {
    search_stop_known(spec, stream_stop, targets, settings, &KnownEvaluations::default())
}

/// [`search_stop`], taking from `known` the evaluation of any candidate already judged on the same
/// streams (the answer is the same bit for bit: see [`KnownEvaluations`]).
pub fn search_stop_known(
    spec: &StopSpec,
    stream_stop: u64,
    targets: &ServiceTargets,
    settings: &SearchSettings,
    known: &KnownEvaluations,
) -> Result<StaffingAnswer, SpecError> {
    let mut spec = spec.clone();
    spec.wait_target_min = targets.wait_limit_min;
    let desks = spec.desks;
    let max_clerks = desks + settings.beyond_desks;
    // Every candidate is validated (and its rules made) as the stop it is; they differ only in
    // clerks and desks, so they share one client model and meet the same clients.
    let specs: Vec<StopSpec> = (1..=max_clerks)
        .map(|clerks| {
            let mut s = spec.clone();
            s.clerks = clerks;
            s.desks = desks.max(clerks);
            s
        })
        .collect();
    let prepared = specs
        .iter()
        .map(PreparedStop::new)
        .collect::<Result<Vec<PreparedStop>, SpecError>>()?;
    let rules: Vec<DayRules> = prepared.iter().map(|p| p.rules).collect();
    let already: Vec<Option<Evaluation>> = specs.iter().map(|s| known.get(stream_stop, s).cloned()).collect();
    let evaluations = prepared.first().map_or_else(Vec::new, |first| {
        evaluate_remaining(&first.model, &rules, already, stream_stop, targets, settings)
    });
    let candidates: Vec<Candidate> = (1..=max_clerks)
        .zip(evaluations)
        .map(|(clerks, e)| Candidate {
            clerks,
            beyond_desks: clerks > desks,
            summary: e.summary,
            checks: e.checks,
            verdict: e.verdict,
            replications: e.replications,
        })
        .collect();
    let first = |verdict: Verdict, within_desks: bool| {
        candidates
            .iter()
            .find(|c| c.verdict == verdict && (!within_desks || !c.beyond_desks))
            .map(|c| c.clerks)
    };
    let clerks_needed = first(Verdict::Meets, true);
    let too_close_clerks = first(Verdict::TooClose, true).filter(|&c| clerks_needed.is_none_or(|n| c < n));
    Ok(StaffingAnswer {
        desks,
        clerks_needed,
        clerks_needed_without_desk_limit: first(Verdict::Meets, false),
        too_close_clerks,
        candidates,
    })
}
