//! The policy comparison chart's input: season totals of each dwell policy with their intervals.

use crate::experiment::{Comparison, GroupMetric};
use crate::report::charts::{PolicyComparison, PolicyResult};

/// One bar group per `(policy name, comparison)`, in the given order: served clients, clients
/// lost and clerk-hours of the season (means with 95 % half-widths).
pub fn policy_comparison_input(policies: &[(String, &Comparison)]) -> PolicyComparison {
    PolicyComparison {
        policies: policies
            .iter()
            .map(|(policy, c)| PolicyResult {
                policy: policy.clone(),
                served: c.season.get(GroupMetric::Served),
                lost: c.season.get(GroupMetric::Lost),
                clerk_hours: c.season.get(GroupMetric::ClerkHours),
            })
            .collect(),
    }
}
