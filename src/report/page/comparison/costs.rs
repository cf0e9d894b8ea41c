//! What an alternative's season costs at its scenario's `[bus]` rates: the simulated clerk-hours
//! (opening and overtime), the km the itinerary drives and the bus-days; and the paired difference
//! of two costs with its interval (the cost is linear in the clerk-hours, so the interval is the
//! clerk-hours' interval times the rate).

use crate::scenario::{CostRates, Season};

/// An alternative's rates and what its season uses beside the clerk-hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeasonCost {
    pub rates: CostRates,
    /// Road km of the itinerary (`None`: the stops are given, the km are not known).
    pub km: Option<f64>,
    /// Days the bus runs.
    pub bus_days: usize,
}

impl SeasonCost {
    /// The cost figures of `season`.
    pub fn of(season: &Season) -> Self {
        let mut dates: Vec<_> = season.stops.iter().map(|s| s.date).collect();
        dates.dedup();
        Self {
            rates: season.costs,
            km: season.itinerary.as_ref().map(|i| i.summary().total_km),
            bus_days: season
                .itinerary
                .as_ref()
                .map_or(dates.len(), crate::plan::Itinerary::bus_days_used),
        }
    }

    /// The cost, HUF, of a season with `clerk_hours`; `None` without rates (or km unknown at a km rate).
    pub fn cost_huf(&self, clerk_hours: f64) -> Option<f64> {
        self.rates.cost_huf(clerk_hours, self.km, self.bus_days)
    }

    /// The paired cost difference `self − baseline`, HUF, from the clerk-hours' paired difference
    /// (`mean ± half_width`): (mean, half-width); `None` when either has no cost or the clerk-hour
    /// rates differ (the paired clerk-hours then do not carry over to the costs).
    pub fn difference(
        &self,
        baseline: &Self,
        clerk_hours_mean: f64,
        clerk_hours_half_width: f64,
    ) -> Option<(f64, f64)> {
        if self.rates.huf_per_clerk_hour != baseline.rates.huf_per_clerk_hour {
            return None;
        }
        let rate = self.rates.huf_per_clerk_hour.unwrap_or(0.0);
        let fixed = self.cost_huf(0.0)? - baseline.cost_huf(0.0)?;
        Some((fixed + rate * clerk_hours_mean, rate * clerk_hours_half_width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_difference_is_the_rate_times_the_clerk_hours_plus_the_fixed_costs() {
        let rates = CostRates {
            huf_per_clerk_hour: Some(5_000.0),
            huf_per_km: Some(100.0),
            huf_per_bus_day: Some(20_000.0),
        };
        let a = SeasonCost {
            rates,
            km: Some(1_000.0),
            bus_days: 10,
        };
        let b = SeasonCost {
            km: Some(1_200.0),
            bus_days: 11,
            ..a
        };
        assert_eq!(a.cost_huf(100.0), Some(500_000.0 + 100_000.0 + 200_000.0));
        // 20 more clerk-hours ± 4, 200 more km, one more bus-day.
        assert_eq!(
            b.difference(&a, 20.0, 4.0),
            Some((100_000.0 + 20_000.0 + 20_000.0, 20_000.0))
        );
        let none = SeasonCost {
            rates: CostRates::default(),
            ..a
        };
        assert_eq!(none.cost_huf(100.0), None);
        assert_eq!(none.difference(&a, 1.0, 1.0), None);
    }
}
