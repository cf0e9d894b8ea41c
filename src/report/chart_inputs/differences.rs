//! The paired-differences chart's input: each alternative's difference to the first on the headline
//! measures, with the interval adjusted for the comparisons, and what each difference says.

use crate::experiment::{Comparison, Direction, GroupMetric, direction};
use crate::report::charts::{DifferenceMeasure, DifferenceRow, DifferenceVerdict, PairedDifference, PairedDifferences};

/// What a difference of `metric` says: better or worse when its whole adjusted interval
/// (`mean ± half_width`) is on one side of 0, unclear when it contains 0 (or the metric has no
/// better side).
pub fn difference_verdict(metric: GroupMetric, mean: f64, half_width: f64) -> DifferenceVerdict {
    let (low, high) = (mean - half_width, mean + half_width);
    let higher = if low > 0.0 {
        true
    } else if high < 0.0 {
        false
    } else {
        return DifferenceVerdict::Unclear;
    };
    match (direction(metric), higher) {
        (Some(Direction::Higher), true) | (Some(Direction::Lower), false) => DifferenceVerdict::Better,
        (Some(_), _) => DifferenceVerdict::Worse,
        (None, _) => DifferenceVerdict::Unclear,
    }
}

/// The paired difference of `metric` of one alternative, with its Bonferroni half-width.
pub fn paired_difference(c: &Comparison, metric: GroupMetric) -> PairedDifference {
    let mean = c.difference.get(metric).mean;
    let half_width = c.paired(metric).ci95_bonferroni;
    let half_width = if half_width.is_finite() { half_width } else { 0.0 };
    PairedDifference {
        mean,
        half_width,
        verdict: difference_verdict(metric, mean, half_width),
    }
}

/// One row per alternative after the first (`named[0]` is the baseline); `measures` are the metrics
/// with their strip titles and decimals, in strip order.
pub fn differences_input(
    named: &[(String, &Comparison)],
    measures: &[(GroupMetric, String, usize)],
) -> PairedDifferences {
    PairedDifferences {
        baseline: named.first().map(|(n, _)| n.clone()).unwrap_or_default(),
        comparisons: named.len().saturating_sub(1).max(1),
        measures: measures
            .iter()
            .map(|(_, title, decimals)| DifferenceMeasure {
                title: title.clone(),
                decimals: *decimals,
            })
            .collect(),
        rows: named
            .iter()
            .skip(1)
            .map(|(name, c)| DifferenceRow {
                name: name.clone(),
                differences: measures.iter().map(|(m, _, _)| paired_difference(c, *m)).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_follows_the_metric_s_direction_and_the_interval() {
        use DifferenceVerdict::*;
        assert_eq!(difference_verdict(GroupMetric::Served, 10.0, 5.0), Better);
        assert_eq!(difference_verdict(GroupMetric::Served, -10.0, 5.0), Worse);
        assert_eq!(difference_verdict(GroupMetric::Lost, -10.0, 5.0), Better);
        assert_eq!(difference_verdict(GroupMetric::Lost, 10.0, 5.0), Worse);
        assert_eq!(difference_verdict(GroupMetric::Lost, 4.0, 5.0), Unclear);
        assert_eq!(difference_verdict(GroupMetric::Lost, 0.0, 0.0), Unclear);
        assert_eq!(difference_verdict(GroupMetric::Arrivals, 40.0, 5.0), Unclear);
    }
}
