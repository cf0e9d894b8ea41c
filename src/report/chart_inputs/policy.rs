//! The chart of alternatives' input: season totals of each policy or scenario with their precision
//! and one season's range.

use crate::experiment::{Comparison, GroupMetric};
use crate::report::charts::{Alternatives, Measured, PolicyComparison, PolicyResult};

/// One bar group per `(name, comparison)`, in the given order: served clients, clients lost and
/// clerk-hours of the season (means with 95 % half-widths, and the 5th–95th percentile range).
pub fn policy_comparison_input(alternatives: Alternatives, policies: &[(String, &Comparison)]) -> PolicyComparison {
    let measured = |c: &Comparison, metric: GroupMetric| Measured {
        estimate: c.season.get(metric),
        range: c.season.range(metric),
    };
    PolicyComparison {
        alternatives,
        policies: policies
            .iter()
            .map(|(policy, c)| PolicyResult {
                policy: policy.clone(),
                served: measured(c, GroupMetric::Served),
                lost: measured(c, GroupMetric::Lost),
                clerk_hours: measured(c, GroupMetric::ClerkHours),
            })
            .collect(),
    }
}
