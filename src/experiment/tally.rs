//! Streaming summaries over replications: per stop, per group and pooled ratios (constant memory).

use serde::Serialize;

use super::metrics::{GROUP_METRICS, GroupTally, STOP_METRICS, stop_metric_values};
use crate::sim::StopOutcome;
use crate::stats::{Estimate, MeanAccumulator, RatioAccumulator};

/// Ratios of expectations, estimated by pooling over replications (ΣX/ΣY), e.g. the mean wait over
/// all served clients E[Σ waits]/E[served]. This is what queueing theory's "mean wait" means.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PooledAcc {
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
pub struct PooledCounts {
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

/// A named metric estimate over replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MetricEstimate {
    pub name: &'static str,
    #[serde(flatten)]
    pub estimate: Estimate,
}

/// Summary of one stop or group over all replications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Replication means of each metric with 95 % half-widths, in output-column order.
    pub metrics: Vec<MetricEstimate>,
    /// Pooled ratio estimates.
    pub pooled: Pooled,
}

impl Summary {
    /// The estimate of a metric by name.
    pub fn metric(&self, name: &str) -> Option<Estimate> {
        self.metrics.iter().find(|m| m.name == name).map(|m| m.estimate)
    }
}

/// Accumulates one stop over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StopAcc {
    metrics: [MeanAccumulator; STOP_METRICS.len()],
    pooled: PooledAcc,
}

impl StopAcc {
    pub fn push(&mut self, o: &StopOutcome) {
        for (acc, v) in self.metrics.iter_mut().zip(stop_metric_values(o)) {
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

    pub fn summary(&self) -> Summary {
        Summary {
            metrics: named(&STOP_METRICS, &self.metrics),
            pooled: self.pooled.summary(),
        }
    }
}

/// Accumulates one group of stops (the season, a district, a week) over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupAcc {
    metrics: [MeanAccumulator; GROUP_METRICS.len()],
    pooled: PooledAcc,
}

impl GroupAcc {
    /// Adds one replication's tally; `wait_p90_min` is the percentile over the group's waits.
    pub fn push(&mut self, t: &GroupTally, wait_p90_min: Option<f64>) {
        for (acc, v) in self.metrics.iter_mut().zip(t.values(wait_p90_min)) {
            acc.push_opt(v);
        }
        self.pooled.push(PooledCounts {
            wait_total_min: t.wait_total_min,
            served: t.served,
            served_within_target: t.served_within_target,
            lost: t.reneged + t.balked + t.turned_away,
            delayed: t.delayed,
            reneged: t.reneged,
            arrivals: t.arrivals,
        });
    }

    pub fn merge(&mut self, o: &Self) {
        self.metrics.iter_mut().zip(&o.metrics).for_each(|(a, b)| a.merge(b));
        self.pooled.merge(&o.pooled);
    }

    pub fn summary(&self) -> Summary {
        Summary {
            metrics: named(&GROUP_METRICS, &self.metrics),
            pooled: self.pooled.summary(),
        }
    }
}

fn named(names: &[&'static str], accs: &[MeanAccumulator]) -> Vec<MetricEstimate> {
    names
        .iter()
        .zip(accs)
        .map(|(&name, a)| MetricEstimate {
            name,
            estimate: a.estimate(),
        })
        .collect()
}
