//! How many replications: the sequential rule of `--precision REL`. Starting from the run's number of
//! replications (rounded up to whole chunks), chunks of [`CHUNK_REPLICATIONS`] are added until every
//! headline metric's 95 % half-width is at most REL × |mean| (or an absolute floor, for means near
//! zero), or the cap is reached. Chunks are added whole and merged in order, so the answer for a
//! seed does not depend on the thread count, and equals a fixed run of the chosen number.

use serde::Serialize;

use super::CHUNK_REPLICATIONS;
use super::metrics::{GroupMetric, MetricUnit};
use super::tally::GroupSummary;
use crate::stats::Estimate;

/// Most replications `--precision` runs: 20,000, the size of the reference run of the 2020
/// plan (about a minute and a half on two cores), which gives "± 3" on a season's ~3,000 clients.
pub const PRECISION_CAP_REPLICATIONS: u32 = 20_000;

/// Absolute floor of the half-width of a count of clients (or clerk-hours): half a unit, below which
/// a count's half-width no longer changes what anyone reads. Used when REL × |mean| is smaller
/// (a mean of 0 or near it, e.g. no lost clients), so that such a metric cannot run to the cap.
const COUNT_FLOOR: f64 = 0.5;
/// Absolute floor of the half-width of a wait, minutes: half the tenth of a minute waits are printed to.
const WAIT_FLOOR_MIN: f64 = 0.05;

/// Season metrics whose precision `--precision` controls (besides the pooled mean wait): the
/// figures the run summary and the comparison lead with.
pub const HEADLINE_METRICS: [GroupMetric; 3] = [GroupMetric::Served, GroupMetric::Lost, GroupMetric::ClerkHours];

/// The stopping rule of `--precision`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrecisionRule {
    /// Largest relative half-width allowed, e.g. 0.02 for ± 2 % (> 0).
    pub relative: f64,
    /// Most replications run (the rule stops there even if the precision is not reached).
    pub cap: u32,
}

/// What the rule chose.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrecisionOutcome {
    /// The relative half-width asked for.
    pub relative: f64,
    /// Replications run.
    pub replications: u32,
    /// Whether every headline metric reached it (false: the cap was reached first).
    pub reached: bool,
    /// The cap of the rule.
    pub cap: u32,
}

impl PrecisionRule {
    /// The rule for `relative` with the default cap.
    pub fn new(relative: f64) -> Self {
        Self {
            relative,
            cap: PRECISION_CAP_REPLICATIONS,
        }
    }

    /// The first number of replications looked at: `replications` rounded up to whole chunks, at most the cap.
    pub fn start(&self, replications: u32) -> u32 {
        let chunk = CHUNK_REPLICATIONS as u32;
        replications.div_ceil(chunk).saturating_mul(chunk).min(self.cap)
    }

    /// The next number of replications after `replications`: one more chunk, at most the cap.
    pub fn next(&self, replications: u32) -> u32 {
        replications.saturating_add(CHUNK_REPLICATIONS as u32).min(self.cap)
    }

    /// Whether `e`, a figure in `unit`, is precise enough: half-width ≤ max(REL × |mean|, floor).
    pub fn is_precise(&self, unit: MetricUnit, e: Estimate) -> bool {
        let floor = match unit {
            MetricUnit::Minutes => WAIT_FLOOR_MIN,
            _ => COUNT_FLOOR,
        };
        e.ci95.is_finite() && e.ci95 <= (self.relative * e.mean.abs()).max(floor)
    }

    /// Whether every headline figure of `season` is precise enough.
    pub fn season_is_precise(&self, season: &GroupSummary) -> bool {
        headline(season).iter().all(|&(unit, e)| self.is_precise(unit, e))
    }
}

/// The headline figures of a season: served, lost, clerk-hours and the pooled mean wait.
pub fn headline(season: &GroupSummary) -> [(MetricUnit, Estimate); 4] {
    let [a, b, c] = HEADLINE_METRICS.map(|m| (crate::experiment::Metric::unit(m), season.get(m)));
    [a, b, c, (MetricUnit::Minutes, season.pooled.wait_mean_min)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(mean: f64, ci95: f64) -> Estimate {
        Estimate { mean, ci95, n: 100 }
    }

    #[test]
    fn relative_with_an_absolute_floor_near_zero() {
        let rule = PrecisionRule::new(0.02);
        assert!(rule.is_precise(MetricUnit::Clients, estimate(3000.0, 60.0)));
        assert!(!rule.is_precise(MetricUnit::Clients, estimate(3000.0, 60.1)));
        assert!(rule.is_precise(MetricUnit::Clients, estimate(0.0, 0.0)));
        assert!(rule.is_precise(MetricUnit::Clients, estimate(1.0, 0.5)));
        assert!(!rule.is_precise(MetricUnit::Minutes, estimate(1.0, 0.06)));
        assert!(!rule.is_precise(MetricUnit::Clients, estimate(5.0, f64::NAN)));
    }

    #[test]
    fn starts_on_whole_chunks_and_stops_at_the_cap() {
        let rule = PrecisionRule {
            relative: 0.1,
            cap: 100,
        };
        assert_eq!(rule.start(200), 100);
        assert_eq!(rule.start(40), 48);
        assert_eq!(rule.next(96), 100);
        assert_eq!(PrecisionRule::new(0.1).start(200), 208);
    }
}
