//! The pending-needs pool fitted to a stop log (`calibrate --log`): accrual, flow share and leak with
//! profile-likelihood intervals, or "not identified" where the log's repeat visits cannot tell them.
//!
//! Each logged visit expects `flow_share × f + accrual_per_year × a × κ × s(leak)` clients, `f` the
//! per-visit model's expected clients of the visit with the built-in demand parameters (the ones
//! the shipped scenarios use, so the fitted `accrual_per_year` and `flow_share` go into such a
//! scenario's `[demand.pending]` as they are), `a` the settlement's accrual unit (base rate ×
//! population factor per day), `κ` the visit's capture with the default capture time. The capture
//! time and the leak's distance coefficient are held at their defaults; a settlement's first logged
//! visit is assumed to find the never-visited pool (see `calibration::pool_fit`).

use serde::Serialize;

use crate::calibration::{PoolEstimate, PoolFit, PoolLogVisit, fit_pool};
use crate::demand::pending::venue_month;
use crate::demand::{DemandModel, PendingNeeds, SettlementTable, StopContext, StopLog};
use crate::study::{CalibrateError, StudyError};

/// The pool's fit to a log, with what it held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolLogReport {
    /// Logged visits fitted.
    pub visits: usize,
    /// Settlements of the log, and of them those visited more than once (the repeat visits are
    /// what identifies the leak).
    pub settlements: usize,
    pub settlements_revisited: usize,
    pub accrual_per_year: PoolEstimateJson,
    pub flow_share: PoolEstimateJson,
    pub leak_per_year: PoolEstimateJson,
    /// Held at the default: `demand.pending.capture_hours`, hours.
    pub capture_hours: f64,
    /// Held at the default: `demand.pending.leak_distance_coef_per_km`, per km.
    pub leak_distance_coef_per_km: f64,
}

/// An estimate and its 95 % profile interval (`None`: not identified by the log).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PoolEstimateJson {
    pub estimate: f64,
    pub ci95_low: Option<f64>,
    pub ci95_high: Option<f64>,
    pub identified: bool,
}

impl From<PoolEstimate> for PoolEstimateJson {
    fn from(e: PoolEstimate) -> Self {
        Self {
            estimate: e.estimate,
            ci95_low: e.interval.map(|i| i.0),
            ci95_high: e.interval.map(|i| i.1),
            identified: e.interval.is_some(),
        }
    }
}

/// Fits the pool to `log` (settlements from `table`, the one it was read with).
pub fn fit_log_pool(log: &StopLog, table: &SettlementTable) -> Result<PoolLogReport, StudyError> {
    let visits = pool_visits(log, table);
    let fit: PoolFit = fit_pool(&visits).map_err(|source| CalibrateError::PoolFit {
        file: log.file.clone(),
        source,
    })?;
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    for stop in &log.stops {
        *counts.entry(stop.settlement_index).or_default() += 1;
    }
    let held = PendingNeeds::default();
    Ok(PoolLogReport {
        visits: visits.len(),
        settlements: counts.len(),
        settlements_revisited: counts.values().filter(|&&n| n > 1).count(),
        accrual_per_year: fit.accrual_per_year.into(),
        flow_share: fit.flow_share.into(),
        leak_per_year: fit.leak_per_year.into(),
        capture_hours: held.capture_hours,
        leak_distance_coef_per_km: held.leak_distance_coef_per_km,
    })
}

/// The log's visits as the pool fit sees them, with the built-in per-visit model.
fn pool_visits(log: &StopLog, table: &SettlementTable) -> Vec<PoolLogVisit> {
    let model = DemandModel::default();
    // Accrual and leak per unit of their yearly rates: the pool's own formulas at rate 1.
    let unit = PendingNeeds {
        accrual_per_year: 1.0,
        leak_per_year: 1.0,
        ..PendingNeeds::default()
    };
    let origin = jiff::civil::Date::constant(2000, 1, 1);
    log.stops
        .iter()
        .map(|s| {
            let settlement = table.get(s.settlement_index);
            let office_km = table.office_km(s.settlement_index);
            let context = StopContext {
                population: settlement.population,
                office_km,
                venue: s.venue,
                month: s.date.month(),
                dwell_hours: s.dwell_hours,
            };
            PoolLogVisit {
                settlement: s.settlement_index,
                time_days: f64::from(s.date.since(origin).map_or(0, |span| span.get_days())),
                capture: unit.capture(s.dwell_hours, venue_month(&model, s.venue, s.date.month())),
                per_visit_clients: model.expected_clients(&context),
                accrual_unit_per_day: unit
                    .accrual_per_day(model.base_rate, model.population_factor(settlement.population)),
                leak_scale_per_day: unit.leak_per_day(office_km),
                clients: u32::try_from(s.clients).unwrap_or(u32::MAX),
            }
        })
        .collect()
}
