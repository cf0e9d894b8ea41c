//! Streaming summaries over replications: per stop, per group and pooled ratios (constant memory).

use serde::Serialize;

use super::metrics::{GroupMetric, GroupReplication, GroupTally, Metric, MetricEstimates, StopMetric, StopReplication};
use crate::sim::StopOutcome;
use crate::stats::{Estimate, MeanAccumulator, RatioAccumulator, wait_p90};

/// Ratios of expectations, estimated by pooling over replications (ΣX/ΣY), e.g. the mean wait over
/// all served clients E[Σ waits]/E[served]. This is what queueing theory's "mean wait" means.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct PooledAcc {
    /// Σ waits / Σ served, minutes.
    wait_mean_min: RatioAccumulator,
    /// Σ served within the wait target / Σ served.
    share_within_target: RatioAccumulator,
    /// Σ (reneged + balked + turned away) / Σ arrivals.
    lost_share: RatioAccumulator,
    /// Σ delayed (had to queue) / Σ arrivals: the probability of waiting.
    delayed_share: RatioAccumulator,
    /// Σ reneged / Σ arrivals: the probability of abandoning.
    reneged_share: RatioAccumulator,
}

/// Pooled ratio estimates with their 95 % half-widths (delta method).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pooled {
    pub wait_mean_min: Estimate,
    pub share_within_target: Estimate,
    pub lost_share: Estimate,
    pub delayed_share: Estimate,
    pub reneged_share: Estimate,
}

/// Per-replication counts that feed [`PooledAcc`].
#[derive(Debug, Clone, Copy)]
pub(super) struct PooledCounts {
    pub wait_total_min: f64,
    pub served: u32,
    pub served_within_target: u32,
    pub lost: u32,
    pub delayed: u32,
    pub reneged: u32,
    pub arrivals: u32,
}

impl PooledAcc {
    fn push(&mut self, c: PooledCounts) {
        let (served, arrivals) = (f64::from(c.served), f64::from(c.arrivals));
        self.wait_mean_min.push(c.wait_total_min, served);
        self.share_within_target.push(f64::from(c.served_within_target), served);
        self.lost_share.push(f64::from(c.lost), arrivals);
        self.delayed_share.push(f64::from(c.delayed), arrivals);
        self.reneged_share.push(f64::from(c.reneged), arrivals);
    }

    fn merge(&mut self, o: &Self) {
        self.wait_mean_min.merge(&o.wait_mean_min);
        self.share_within_target.merge(&o.share_within_target);
        self.lost_share.merge(&o.lost_share);
        self.delayed_share.merge(&o.delayed_share);
        self.reneged_share.merge(&o.reneged_share);
    }

    fn summary(&self) -> Pooled {
        Pooled {
            wait_mean_min: self.wait_mean_min.estimate(),
            share_within_target: self.share_within_target.estimate(),
            lost_share: self.lost_share.estimate(),
            delayed_share: self.delayed_share.estimate(),
            reneged_share: self.reneged_share.estimate(),
        }
    }
}

/// Summary of one stop or group over all replications; `M` is the metric family (stop or group).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = "M: Metric"))]
pub struct Summary<M> {
    /// Replication means of each metric with 95 % half-widths, in output-column order.
    pub metrics: MetricEstimates<M>,
    /// Pooled ratio estimates.
    pub pooled: Pooled,
}

/// Summary of one stop over replications.
pub type StopSummary = Summary<StopMetric>;
/// Summary of a group of stops (the season, a district, a week) over replications.
pub type GroupSummary = Summary<GroupMetric>;

impl<M: Metric> Summary<M> {
    /// The estimate of `metric`.
    pub fn get(&self, metric: M) -> Estimate {
        self.metrics.get(metric)
    }
}

/// Accumulates one stop over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StopAcc {
    metrics: [MeanAccumulator; StopMetric::COUNT],
    pooled: PooledAcc,
}

impl StopAcc {
    /// Adds one replication: the engine's outcome and its served clients' waits, minutes (reordered
    /// in place by the percentile).
    pub fn push(&mut self, o: &StopOutcome, waits: &mut [f64]) {
        let replication = StopReplication {
            outcome: o,
            wait_p90_min: wait_p90(waits),
        };
        for (acc, v) in self.metrics.iter_mut().zip(StopMetric::values(&replication)) {
            acc.push_opt(v);
        }
        self.pooled.push(PooledCounts {
            wait_total_min: o.wait_total_min,
            served: o.served,
            served_within_target: o.served_within_target,
            lost: o.lost(),
            delayed: o.delayed,
            reneged: o.reneged,
            arrivals: o.arrivals,
        });
    }

    pub fn merge(&mut self, o: &Self) {
        self.metrics.iter_mut().zip(&o.metrics).for_each(|(a, b)| a.merge(b));
        self.pooled.merge(&o.pooled);
    }

    pub fn summary(&self) -> StopSummary {
        Summary {
            metrics: estimates(&self.metrics),
            pooled: self.pooled.summary(),
        }
    }
}

/// Accumulates one group of stops (the season, a district, a week) over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupAcc {
    metrics: [MeanAccumulator; GroupMetric::COUNT],
    pooled: PooledAcc,
}

impl GroupAcc {
    /// Adds one replication's tally; `wait_p90_min` is the percentile over the group's waits.
    pub fn push(&mut self, t: &GroupTally, wait_p90_min: Option<f64>) {
        let replication = GroupReplication { tally: t, wait_p90_min };
        for (acc, v) in self.metrics.iter_mut().zip(GroupMetric::values(&replication)) {
            acc.push_opt(v);
        }
        self.pooled.push(PooledCounts {
            wait_total_min: t.wait_total_min,
            served: t.served,
            served_within_target: t.served_within_target,
            lost: t.lost(),
            delayed: t.delayed,
            reneged: t.reneged,
            arrivals: t.arrivals,
        });
    }

    pub fn merge(&mut self, o: &Self) {
        self.metrics.iter_mut().zip(&o.metrics).for_each(|(a, b)| a.merge(b));
        self.pooled.merge(&o.pooled);
    }

    pub fn summary(&self) -> GroupSummary {
        Summary {
            metrics: estimates(&self.metrics),
            pooled: self.pooled.summary(),
        }
    }
}

/// The estimates of a family's accumulators, in [`Metric::ALL`] order.
pub(crate) fn estimates<M: Metric>(accs: &[MeanAccumulator]) -> MetricEstimates<M> {
    MetricEstimates::from_ordered(accs.iter().map(MeanAccumulator::estimate))
}
