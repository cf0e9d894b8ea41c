//! Service targets a staffing answer must meet, and how a simulated summary is checked against them.

use serde::Serialize;

use super::decision::Verdict;
use crate::experiment::{StopMetric, StopSummary};
use crate::stats::Estimate;

/// The wait a client should not exceed, minutes: a government-window client waits about 20 minutes
/// on average nationally (DESIGN §2), so that is the default limit of the wait target.
pub const NATIONAL_AVERAGE_WAIT_MIN: f64 = 20.0;

/// The service level the planners ask for. Every target is optional.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ServiceTargets {
    /// Wait limit, minutes, for `min_share_within_wait` (default 20: the national average wait, DESIGN §2).
    pub wait_limit_min: f64,
    /// Smallest share of served clients waiting at most `wait_limit_min` (default 0.8).
    pub min_share_within_wait: Option<f64>,
    /// Largest share of arrivals leaving unserved: reneged + balked + turned away (default 0.05).
    pub max_lost_share: Option<f64>,
    /// Largest mean overtime per stop, minutes (default 30).
    pub max_mean_overtime_min: Option<f64>,
    /// Largest time-average number waiting (default: no target).
    pub max_mean_queue: Option<f64>,
}

impl Default for ServiceTargets {
    fn default() -> Self {
        Self {
            wait_limit_min: NATIONAL_AVERAGE_WAIT_MIN,
            min_share_within_wait: Some(0.8),
            max_lost_share: Some(0.05),
            max_mean_overtime_min: Some(30.0),
            max_mean_queue: None,
        }
    }
}

/// Which target a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    ShareWithinWait,
    LostShare,
    MeanOvertime,
    MeanQueue,
}

impl TargetKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            TargetKind::ShareWithinWait => "share_within_wait",
            TargetKind::LostShare => "lost_share",
            TargetKind::MeanOvertime => "mean_overtime_min",
            TargetKind::MeanQueue => "mean_queue",
        }
    }

    /// Whether the figure must be at least (true) or at most (false) the required value.
    fn is_minimum(self) -> bool {
        matches!(self, TargetKind::ShareWithinWait)
    }
}

/// One target checked against a simulated figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TargetCheck {
    pub kind: TargetKind,
    /// The required value.
    pub required: f64,
    /// The simulated figure with its 95 % half-width (the precision of the mean).
    pub achieved: Estimate,
    /// The point estimate meets the target.
    pub met: bool,
    /// The decision: meets or fails when the whole decision interval (wider than the 95 % one:
    /// see `decision.rs`) is on one side of the target, too close to call otherwise.
    pub verdict: Verdict,
}

impl ServiceTargets {
    /// Number of targets that are set.
    pub fn count(&self) -> usize {
        [
            self.min_share_within_wait,
            self.max_lost_share,
            self.max_mean_overtime_min,
            self.max_mean_queue,
        ]
        .iter()
        .flatten()
        .count()
    }

    /// Checks every target that is set against a stop's summary; the decision interval is the 95 %
    /// one widened by `widen`.
    pub fn check(&self, summary: &StopSummary, widen: f64) -> Vec<TargetCheck> {
        let p = &summary.pooled;
        [
            (
                TargetKind::ShareWithinWait,
                self.min_share_within_wait,
                p.share_within_target,
            ),
            (TargetKind::LostShare, self.max_lost_share, p.lost_share),
            (
                TargetKind::MeanOvertime,
                self.max_mean_overtime_min,
                summary.get(StopMetric::Overtime),
            ),
            (
                TargetKind::MeanQueue,
                self.max_mean_queue,
                summary.get(StopMetric::QueueAvg),
            ),
        ]
        .into_iter()
        .filter_map(|(kind, required, achieved)| required.map(|r| judge(kind, r, achieved, widen)))
        .collect()
    }
}

fn judge(kind: TargetKind, required: f64, achieved: Estimate, widen: f64) -> TargetCheck {
    // A stop where nobody was served has no wait figure: nothing to fail on the wait target.
    let mean = if achieved.mean.is_nan() && kind == TargetKind::ShareWithinWait {
        1.0
    } else {
        achieved.mean
    };
    let half = if achieved.ci95.is_finite() {
        achieved.ci95 * widen
    } else {
        0.0
    };
    // Distance of the interval's ends from the target, positive on the good side.
    let (met, worst, best) = if kind.is_minimum() {
        (mean >= required, mean - half - required, mean + half - required)
    } else {
        (mean <= required, required - (mean + half), required - (mean - half))
    };
    let verdict = if worst >= 0.0 {
        Verdict::Meets
    } else if best < 0.0 {
        Verdict::Fails
    } else {
        Verdict::TooClose
    };
    TargetCheck {
        kind,
        required,
        achieved,
        met,
        verdict,
    }
}
