//! The pending-needs pool applied to a resolved season: each model stop's expected clients become
//! the flow part plus what the visit meets of its settlement's pool (docs/demand.md).

use jiff::civil::Date;

use super::demand_section::DemandRules;
use super::diagnostic::Problems;
use super::resolved::{DemandOrigin, PendingVisit, SeasonStop};
use super::stops::shown;
use crate::demand::pending::{PendingNeeds, PoolVisit, survival, venue_month};
use crate::sim::Arrivals;
use crate::vocab::limits::MAX_EXPECTED_CLIENTS_PER_STOP;
use crate::vocab::units::MINUTES_PER_HOUR;

/// Minutes in a day, to place a stop's opening on the pool's day scale.
const MINUTES_PER_DAY: f64 = 24.0 * MINUTES_PER_HOUR;

/// Replaces the expected clients of every model stop of `stops` (sorted by date and start) by the
/// pool's; false (and reported) when a stop's clients exceed the ceiling.
pub(super) fn apply_pending_needs(stops: &mut [SeasonStop], demand: &DemandRules, problems: &mut Problems<'_>) -> bool {
    let Some(pool) = &demand.pending else { return true };
    let mut settlements: Vec<&str> = stops
        .iter()
        .filter(|s| matches!(s.demand_origin, DemandOrigin::Model { .. }))
        .map(|s| s.settlement.as_str())
        .collect();
    settlements.sort_unstable();
    settlements.dedup();
    let settlements: Vec<String> = settlements.into_iter().map(str::to_string).collect();
    let mut ok = true;
    for name in &settlements {
        let members: Vec<usize> = (0..stops.len())
            .filter(|&i| &stops[i].settlement == name && matches!(stops[i].demand_origin, DemandOrigin::Model { .. }))
            .collect();
        ok &= apply_to_settlement(stops, &members, demand, pool, problems);
    }
    ok
}

/// The pool of one settlement's visits `members` (indices into `stops`, in date order).
fn apply_to_settlement(
    stops: &mut [SeasonStop],
    members: &[usize],
    demand: &DemandRules,
    pool: &PendingNeeds,
    problems: &mut Problems<'_>,
) -> bool {
    let DemandOrigin::Model { population, office_km } = stops[members[0]].demand_origin else {
        return true;
    };
    let accrual = pool.accrual_per_day(demand.model.base_rate, demand.model.population_factor(population));
    let leak = pool.leak_per_day(office_km);
    let visits: Vec<PoolVisit> = members
        .iter()
        .map(|&i| {
            let s = &stops[i];
            PoolVisit {
                time_days: visit_day(s.date, s.start_min),
                capture: pool.capture(s.dwell_hours(), venue_month(&demand.model, s.venue, s.date.month())),
            }
        })
        .collect();
    let pools = pool.pools_before(&visits, accrual, leak);
    let mut ok = true;
    for (k, &i) in members.iter().enumerate() {
        let gap = k
            .checked_sub(1)
            .map_or(0.0, |p| visits[k].time_days - visits[p].time_days);
        let stop = &mut stops[i];
        let per_visit = stop.expected_clients;
        let expected = pool.visit_clients(per_visit, visits[k].capture, pools[k]);
        if !(expected.is_finite() && expected <= MAX_EXPECTED_CLIENTS_PER_STOP) {
            problems.at(
                "demand.pending",
                format!(
                    "the visit of {} on {} would expect {} clients, above the ceiling of \
                     {MAX_EXPECTED_CLIENTS_PER_STOP} a stop",
                    stop.settlement,
                    stop.date,
                    shown(expected)
                ),
                Some("lower demand.pending.accrual_per_year or raise demand.pending.leak_per_year".into()),
            );
            ok = false;
            continue;
        }
        stop.pending = Some(PendingVisit {
            pool_before: pools[k],
            capture: visits[k].capture,
            survival_since_previous: survival(leak, gap),
            per_visit_clients: per_visit,
        });
        ok &= rescale(stop, expected, demand, problems);
    }
    ok
}

/// Sets the stop's expected clients and its arrival profile to `expected`.
fn rescale(stop: &mut SeasonStop, expected: f64, demand: &DemandRules, problems: &mut Problems<'_>) -> bool {
    match demand.shape.rate_profile(expected, stop.spec.dwell_min) {
        Ok(profile) => {
            stop.expected_clients = expected;
            stop.spec.arrivals = Arrivals::Poisson {
                profile,
                dispersion_shape: demand.dispersion_shape,
            };
            true
        }
        Err(e) => {
            problems.at("demand.profile", e.to_string(), None);
            false
        }
    }
}

/// The stop's opening on a day scale: days since 1 January 2000 plus the fraction of its day.
fn visit_day(date: Date, start_min: u32) -> f64 {
    let origin = Date::constant(2000, 1, 1);
    let days = date.since(origin).map_or(0, |span| span.get_days());
    f64::from(days) + f64::from(start_min) / MINUTES_PER_DAY
}
