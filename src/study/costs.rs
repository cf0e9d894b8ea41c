//! What the season as given costs: bus-days, driven km and the paid clerk-hours of the scenario's
//! own crews (travel, set-up, opening, mean overtime, pack-up), priced at the scenario's rates.
//!
//! `staff` answers how many clerks a bus-day *needs*; this is the bill of the clerks the scenario
//! *sets*. A bus-day's crew is the most clerks any of its stops has (the crew rides the bus all
//! day), paid the day's span (see [`super::crew`]: depot to depot, planned or estimated). The paid
//! clerk-hours split into a planned part (the crews' spans less the stops' clerk-hours of opening)
//! and the simulated clerk-hours of opening and overtime (`clerk_hours`), so they carry the
//! precision of that mean, and two seasons' difference is the paired difference of `clerk_hours`
//! plus the difference of their planned parts.

use jiff::civil::Date;
use serde::Serialize;

use super::crew::day_span;
use crate::experiment::{GroupMetric, SeasonResults};
use crate::scenario::{CostRates, Season};
use crate::stats::Estimate;
use crate::vocab::units::minutes_to_hours;

/// The season's costs at the scenario's clerks (means over the replications).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonCosts {
    pub bus_days: usize,
    /// Paid clerk-hours: the crews' spans plus the mean overtime of each stop's clerks.
    pub paid_clerk_hours: f64,
    /// 95 % half-width of `paid_clerk_hours` (the precision of the simulated clerk-hours).
    pub paid_clerk_hours_ci95: f64,
    /// Of which outside the opening hours and overtime: travel, set-up, pack-up, waits between
    /// stops (planned, no simulation).
    pub planned_extra_clerk_hours: f64,
    /// Road km driven, depot to depot; `None` when some day's travel is not known.
    pub km: Option<f64>,
    /// Whether every day's depot legs are in the paid hours.
    pub travel_included: bool,
    /// Whether the travel is estimated (stops given without an itinerary) rather than planned.
    pub travel_estimated: bool,
    /// The scenario's rates.
    pub rates: CostRates,
    /// The cost at the rates, HUF; `None` without any rate, or with a km rate and unknown km.
    pub cost_huf: Option<f64>,
}

/// The planned part of a season's bill: no simulation needed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedCosts {
    pub bus_days: usize,
    /// Crews' spans less the stops' clerk-hours of opening, clerk-hours.
    pub extra_clerk_hours: f64,
    pub km: Option<f64>,
    pub travel_included: bool,
    pub travel_estimated: bool,
}

/// The bus-days, km and paid time outside the opening hours of `season`'s crews.
pub fn planned_costs(season: &Season) -> PlannedCosts {
    let mut dates: Vec<Date> = season.stops.iter().map(|s| s.date).collect();
    dates.dedup();
    let mut extra_min = 0.0;
    let (mut km, mut travel_included) = (Some(0.0), true);
    for &date in &dates {
        let day: Vec<usize> = (0..season.stops.len())
            .filter(|&s| season.stops[s].date == date)
            .collect();
        let crew = day.iter().map(|&s| season.stops[s].spec.clerks).max().unwrap_or(0);
        let opening: f64 = day
            .iter()
            .map(|&s| f64::from(season.stops[s].spec.clerks) * season.stops[s].spec.dwell_min)
            .sum();
        let (span_min, travel_min, day_km) = day_span(season, season.itinerary.as_ref(), date, &day);
        extra_min += f64::from(crew) * span_min - opening;
        km = km.zip(day_km).map(|(a, b)| a + b);
        travel_included &= travel_min.is_some();
    }
    PlannedCosts {
        bus_days: dates.len(),
        extra_clerk_hours: minutes_to_hours(extra_min),
        km,
        travel_included,
        travel_estimated: season.itinerary.is_none() && travel_included,
    }
}

/// The bill of `season` with its simulated clerk-hours of opening and overtime `clerk_hours`.
pub fn costs_with(season: &Season, planned: &PlannedCosts, clerk_hours: Estimate) -> SeasonCosts {
    let paid_clerk_hours = planned.extra_clerk_hours + clerk_hours.mean;
    SeasonCosts {
        bus_days: planned.bus_days,
        paid_clerk_hours,
        paid_clerk_hours_ci95: clerk_hours.ci95,
        planned_extra_clerk_hours: planned.extra_clerk_hours,
        km: planned.km,
        travel_included: planned.travel_included,
        travel_estimated: planned.travel_estimated,
        rates: season.costs,
        cost_huf: season.costs.cost_huf(paid_clerk_hours, planned.km, planned.bus_days),
    }
}

/// The costs of `season` with the clerk-hours of `results`.
pub fn season_costs(season: &Season, results: &SeasonResults) -> SeasonCosts {
    costs_with(
        season,
        &planned_costs(season),
        results.season.get(GroupMetric::ClerkHours),
    )
}
