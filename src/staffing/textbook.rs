//! What the textbook formulas would staff a stop with, shown beside the simulation's answer.
//!
//! Erlang C and Erlang A assume a steady state that a 2–5 hour stop never reaches; the exact
//! finite-horizon chain gets the opening and closing right but assumes exponential desk times and
//! no reneging. Showing all three beside the simulation lets a planner see where a formula misleads.

use serde::Serialize;

use super::targets::ServiceTargets;
use crate::sim::{Closing, Duration, Patience, StopSpec};
use crate::theory::{FiniteHorizon, min_clerks_for_abandonment, min_clerks_for_service_level};

/// Fewest clerks by each formula (`None`: the formula does not apply or no number tried meets it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextbookAnswers {
    /// Erlang C (M/M/c, steady state) for the wait target at the stop's mean arrival rate.
    pub erlang_c: Option<u32>,
    /// Erlang A (M/M/c+M) for the lost-share target; only with exponential patience.
    pub erlang_a: Option<u32>,
    /// Exact M/M/c stop opening empty and closing at H (serve_all or turn_away), all targets but
    /// reneging; `None` under `last_entry`.
    pub finite_horizon: Option<u32>,
}

/// The largest number of clerks the finite-horizon check tries.
const FINITE_HORIZON_MAX_CLERKS: u32 = 12;

/// The textbook answers for one stop.
pub fn textbook_answers(spec: &StopSpec, targets: &ServiceTargets) -> TextbookAnswers {
    let rate_per_min = spec.arrivals.expected_arrivals() / spec.dwell_min;
    let service_rate = 1.0 / spec.mean_service_min();
    let erlang_c = targets
        .min_share_within_wait
        .and_then(|share| min_clerks_for_service_level(rate_per_min, service_rate, targets.wait_limit_min, share).ok());
    let erlang_a = match (spec.patience, targets.max_lost_share) {
        (Patience::Limited(Duration::Exponential { mean_min }), Some(max_lost)) => {
            min_clerks_for_abandonment(rate_per_min, service_rate, 1.0 / mean_min, max_lost).ok()
        }
        _ => None,
    };
    let finite_horizon = finite_horizon_answer(spec, targets, rate_per_min, service_rate);
    TextbookAnswers {
        erlang_c,
        erlang_a,
        finite_horizon,
    }
}

fn finite_horizon_answer(spec: &StopSpec, targets: &ServiceTargets, rate: f64, service_rate: f64) -> Option<u32> {
    // The finite-horizon model has no last-entry policy: no answer rather than a wrong one.
    let closing = spec.closing;
    if let Closing::LastEntry { .. } = closing {
        return None;
    }
    (1..=FINITE_HORIZON_MAX_CLERKS).find(|&clerks| {
        let Ok(chain) = FiniteHorizon::new(rate, service_rate, clerks, spec.dwell_min) else {
            return false;
        };
        let Ok(r) = chain.result(closing, Some(targets.wait_limit_min)) else {
            return false;
        };
        let served = r.expected_served.max(f64::MIN_POSITIVE);
        let within = r.expected_served_within_wait_limit.unwrap_or(0.0) / served;
        let lost = r.expected_turned_away / r.expected_arrivals.max(f64::MIN_POSITIVE);
        targets.min_share_within_wait.is_none_or(|t| within >= t)
            && targets.max_lost_share.is_none_or(|t| lost <= t)
            && targets.max_mean_overtime_min.is_none_or(|t| r.expected_overtime <= t)
            && targets.max_mean_queue.is_none_or(|t| r.mean_queue_length_open <= t)
    })
}
