//! The cost rates of `[bus]`: what a paid clerk-hour, a road km and a bus-day cost, for the crew plan.

use serde::Serialize;

use super::diagnostic::Problems;
use super::raw::RawBus;

/// The rates of the season's costs (all optional; none: no cost is shown).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CostRates {
    /// HUF per paid clerk-hour (wages and contributions).
    pub huf_per_clerk_hour: Option<f64>,
    /// HUF per road km driven (fuel and upkeep).
    pub huf_per_km: Option<f64>,
    /// HUF per bus-day (driver, vehicle hire or depreciation).
    pub huf_per_bus_day: Option<f64>,
}

impl CostRates {
    /// Whether any rate is set.
    pub fn any(&self) -> bool {
        self.huf_per_clerk_hour.is_some() || self.huf_per_km.is_some() || self.huf_per_bus_day.is_some()
    }

    /// The cost, HUF, of `clerk_hours` paid clerk-hours, `km` driven and `bus_days`; `None` without
    /// any rate, or with a km rate when the km are not known.
    pub fn cost_huf(&self, clerk_hours: f64, km: Option<f64>, bus_days: usize) -> Option<f64> {
        if !self.any() {
            return None;
        }
        let driven = match self.huf_per_km {
            Some(rate) => rate * km?,
            None => 0.0,
        };
        Some(
            self.huf_per_clerk_hour.unwrap_or(0.0) * clerk_hours
                + driven
                + self.huf_per_bus_day.unwrap_or(0.0) * bus_days as f64,
        )
    }
}

/// The rates of `[bus]`; `None` when one is negative or not a number (reported).
pub(super) fn resolve_rates(raw: &RawBus, problems: &mut Problems<'_>) -> Option<CostRates> {
    let mut ok = true;
    let mut check = |key: &str, value: Option<f64>| {
        if let Some(v) = value
            && !(v.is_finite() && v >= 0.0)
        {
            problems.at(
                &format!("bus.{key}"),
                format!("must be zero or a positive amount of forints, got {v}"),
                Some("leave the key out to show no cost".into()),
            );
            ok = false;
        }
        value
    };
    let rates = CostRates {
        huf_per_clerk_hour: check("huf_per_clerk_hour", raw.huf_per_clerk_hour),
        huf_per_km: check("huf_per_km", raw.huf_per_km),
        huf_per_bus_day: check("huf_per_bus_day", raw.huf_per_bus_day),
    };
    ok.then_some(rates)
}
