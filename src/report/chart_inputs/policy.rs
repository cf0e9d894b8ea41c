//! The policy comparison chart's input: season totals of each dwell policy with their intervals.

use crate::experiment::Comparison;
use crate::report::charts::{PolicyComparison, PolicyResult};
use crate::stats::Estimate;

/// One bar group per `(policy name, comparison)`, in the given order: served clients, clients
/// lost and clerk-hours of the season (means with 95 % half-widths).
pub fn policy_comparison_input(policies: &[(String, &Comparison)]) -> PolicyComparison {
    let metric = |c: &Comparison, name: &str| {
        c.season.metric(name).unwrap_or(Estimate {
            mean: f64::NAN,
            ci95: f64::NAN,
            n: 0,
        })
    };
    PolicyComparison {
        policies: policies
            .iter()
            .map(|(policy, c)| PolicyResult {
                policy: policy.clone(),
                served: metric(c, "served"),
                lost: metric(c, "lost"),
                clerk_hours: metric(c, "clerk_hours"),
            })
            .collect(),
    }
}
