//! Lower bounds on any plan's bus-days and km, printed beside a plan so that a planner sees how
//! far from the best it can be.
//!
//! Over the wanted visits that fit a day alone (n of them, at most m stops a day, window W):
//! - **bus-days** ≥ the largest of ⌈n / m⌉; the visits needing more than W/2 minutes (two never
//!   share a day; a visit's need is its set-up, dwell and pack-up plus the shortest drive that can
//!   lead to it); and ⌈(Σ set-up, dwell and pack-up + the farthest-stop bound below in
//!   minutes) / W⌉;
//! - **km** ≥ the farthest-stop bound: each bus-day drives at least to its farthest stop and back,
//!   and a day holds at most m stops, so with the depot distances sorted from the farthest, the
//!   days' farthest stops are at least the 1st, (m+1)-th, (2m+1)-th … of them (2 × their sum); and
//!   ≥ the sum over visits of the shortest drive leading to each.
//!
//! Rounds on disjoint working days (every series with the same number of visits) are bounded
//! one by one and added up.

use super::itinerary::{Itinerary, PlanBounds};
use super::problem::{DEPOT, NEIGHBOURS, Problem};

/// The shortest drive that can lead to series `s`: from the depot or its nearest places (the
/// neighbour index lists the nearest by a planar projection; a place at most 1 % nearer by the
/// great circle but outside the list cannot be missed by more than this margin).
const NEAREST_MARGIN: f64 = 0.99;

pub(super) fn lower_bounds(problem: &Problem) -> PlanBounds {
    let all: Vec<usize> = (0..problem.occurrences.len()).collect();
    let mut windows: Vec<(usize, usize)> = problem.occurrences.iter().map(|o| (o.release, o.due)).collect();
    windows.sort_unstable();
    windows.dedup();
    let disjoint = windows.windows(2).all(|w| w[0].1 <= w[1].0);
    if !disjoint {
        return bounds_of(problem, &all);
    }
    // Rounds on disjoint working days never share a bus-day: their bounds add up.
    windows
        .iter()
        .map(|w| {
            let round: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&o| (problem.occurrences[o].release, problem.occurrences[o].due) == *w)
                .collect();
            bounds_of(problem, &round)
        })
        .fold(PlanBounds { bus_days: 0, km: 0.0 }, |a, b| PlanBounds {
            bus_days: a.bus_days + b.bus_days,
            km: a.km + b.km,
        })
}

/// The bounds of the occurrences `subset` alone.
fn bounds_of(problem: &Problem, subset: &[usize]) -> PlanBounds {
    let rules = problem.rules;
    let window = rules.window.length_min();
    let m = rules.max_stops_per_day.max(1) as usize;
    let mut needs = Vec::new();
    let mut stays = 0u64;
    let mut depot = Vec::new();
    let mut nearest_km_sum = 0.0;
    for &o in subset {
        let s = problem.occurrences[o].series;
        if !problem.fits_alone(s) {
            continue;
        }
        let out = problem.legs.leg(DEPOT, s + 1);
        let back = problem.legs.leg(s + 1, DEPOT);
        let mut nearest = out;
        for &n in problem.neighbours[s].iter().take(NEIGHBOURS) {
            let leg = problem.legs.leg(n as usize + 1, s + 1);
            if leg.km < nearest.km {
                nearest = leg;
            }
        }
        let stay = rules.setup_min + problem.visits[s].dwell_min + rules.packup_min;
        stays += u64::from(stay);
        let drive_min = (f64::from(nearest.travel_min) * NEAREST_MARGIN).floor() as u32;
        needs.push(stay + drive_min);
        nearest_km_sum += nearest.km * NEAREST_MARGIN;
        depot.push((out.km.min(back.km), out.travel_min.min(back.travel_min)));
    }
    let n = needs.len();
    let long = needs.iter().filter(|&&x| 2 * x > window).count();
    depot.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    let farthest_km: f64 = depot.iter().step_by(m).map(|d| 2.0 * d.0).sum();
    // The same bound in minutes (sorted by minutes: whole minutes rounded up keep the triangle
    // inequality, so a day drives at least twice its farthest stop's minutes).
    let mut minutes: Vec<u32> = depot.iter().map(|d| d.1).collect();
    minutes.sort_unstable_by(|a, b| b.cmp(a));
    let farthest_min: u64 = minutes.iter().step_by(m).map(|&t| 2 * u64::from(t)).sum();
    let by_time = (stays + farthest_min).div_ceil(u64::from(window.max(1))) as usize;
    PlanBounds {
        bus_days: n.div_ceil(m).max(long).max(by_time),
        km: farthest_km.max(nearest_km_sum),
    }
}

/// The itinerary with the lower bounds of its problem beside it.
pub(super) fn with_bounds(itinerary: Itinerary, problem: &Problem) -> Itinerary {
    Itinerary {
        bounds: Some(lower_bounds(problem)),
        ..itinerary
    }
}
