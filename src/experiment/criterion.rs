//! What "best" means for each season metric when choosing between alternatives: whether more or
//! less is better, and the default indifference zone δ (the smallest difference worth telling apart).

use super::metrics::{GroupMetric, Metric};
use super::selection::Direction;

/// Default δ for counts of clients: 10 clients a season, about a third of a percent of a 2020-size
/// season (~3,000 served) and about the size of the "± 11.6" precision at 400 replications.
const CLIENTS_DELTA: f64 = 10.0;
/// Default δ for counts of errands: as for clients (a client brings about one errand).
const ERRANDS_DELTA: f64 = 10.0;
/// Default δ for the season's mean or 90th-percentile wait: one minute, the resolution of the
/// wait limits a service target is written in.
const WAIT_DELTA_MIN: f64 = 1.0;
/// Default δ for the season's overtime: one hour (60 minutes) over the whole season.
const OVERTIME_DELTA_MIN: f64 = 60.0;
/// Default δ for clerk-hours: one clerk's working day of 8 hours over the season.
const CLERK_HOURS_DELTA: f64 = 8.0;

/// A season metric with its direction: what `--select-best` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Criterion {
    pub metric: GroupMetric,
    pub direction: Direction,
}

impl Criterion {
    /// The criterion named `name` (a season metric's machine name), if that metric has a direction.
    pub fn named(name: &str) -> Option<Self> {
        GroupMetric::ALL.iter().find(|m| m.name() == name).and_then(|&metric| {
            Some(Self {
                metric,
                direction: direction(metric)?,
            })
        })
    }

    /// The machine names of every metric that can be ranked, in output-column order.
    pub fn names() -> Vec<&'static str> {
        GroupMetric::ALL
            .iter()
            .filter(|&&m| direction(m).is_some())
            .map(|m| m.name())
            .collect()
    }

    /// The default indifference zone δ, in the metric's unit.
    pub fn default_indifference(self) -> f64 {
        match self.metric {
            GroupMetric::WaitMean | GroupMetric::WaitP90 => WAIT_DELTA_MIN,
            GroupMetric::Overtime => OVERTIME_DELTA_MIN,
            GroupMetric::ClerkHours => CLERK_HOURS_DELTA,
            GroupMetric::Uses | GroupMetric::InformationUses => ERRANDS_DELTA,
            _ => CLIENTS_DELTA,
        }
    }
}

/// Whether more or less of `metric` is better; `None` for figures that describe the season
/// rather than judge it (stops, arrivals, information-only uses).
pub fn direction(metric: GroupMetric) -> Option<Direction> {
    match metric {
        GroupMetric::Served | GroupMetric::Uses | GroupMetric::ServedWithinTarget => Some(Direction::Higher),
        GroupMetric::Reneged
        | GroupMetric::Balked
        | GroupMetric::TurnedAway
        | GroupMetric::Lost
        | GroupMetric::WaitMean
        | GroupMetric::WaitP90
        | GroupMetric::Overtime
        | GroupMetric::ClerkHours => Some(Direction::Lower),
        GroupMetric::Stops | GroupMetric::Arrivals | GroupMetric::InformationUses => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn served_is_higher_better_and_the_costs_lower_better() {
        assert_eq!(Criterion::named("served").unwrap().direction, Direction::Higher);
        for name in ["lost", "wait_mean_min", "wait_p90_min", "clerk_hours", "overtime_min"] {
            assert_eq!(Criterion::named(name).unwrap().direction, Direction::Lower, "{name}");
        }
        assert!(Criterion::named("stops").is_none() && Criterion::named("nonsense").is_none());
        assert!(Criterion::names().contains(&"served") && !Criterion::names().contains(&"arrivals"));
    }
}
