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
//!
//! and, for rounds of at most [`PAIR_BOUND_MAX_VISITS`] visits, the larger of those and the
//! partner bounds of [`super::pair_bounds`] (which visits can share a day at all: a matching bound
//! on bus-days, a per-visit share of the km), each proven there.
//!
//! Rounds on disjoint working days (every series with the same number of visits) are bounded
//! one by one and added up.

use super::itinerary::{Itinerary, PlanBounds};
use super::pair_bounds::{PAIR_BOUND_MAX_VISITS, Partners};
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

/// The bounds of the occurrences `subset` alone: the larger of the simple and the partner bounds.
fn bounds_of(problem: &Problem, subset: &[usize]) -> PlanBounds {
    let simple = simple_bounds(problem, subset);
    let fitting: Vec<usize> = subset
        .iter()
        .copied()
        .filter(|&o| problem.fits_alone(problem.occurrences[o].series))
        .collect();
    if fitting.len() > PAIR_BOUND_MAX_VISITS {
        return simple;
    }
    let m = problem.rules.max_stops_per_day.max(1) as usize;
    let (bus_days, km) = Partners::new(problem, &fitting, m).bounds(m);
    PlanBounds {
        bus_days: simple.bus_days.max(bus_days),
        km: simple.km.max(km),
    }
}

/// The simple bounds of the occurrences `subset` alone (the count, long visits, time and
/// farthest-stop bounds above).
fn simple_bounds(problem: &Problem, subset: &[usize]) -> PlanBounds {
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

#[cfg(test)]
mod tests {
    use rand::rngs::ChaCha8Rng;
    use rand::{RngExt, SeedableRng};

    use super::super::problem::{Problem, working_days};
    use super::super::rules::{DailyWindow, ItineraryRules, Place, Visit};
    use super::{lower_bounds, simple_bounds};
    use crate::vocab::Venue;
    use jiff::civil::{Date, date};

    /// Random instances checked against the exact optimum (issue 12: at least a few hundred).
    const INSTANCES: u64 = 400;
    /// Slack on a km comparison: the bound and the optimum add the same legs in other orders.
    const KM_SLACK: f64 = 1e-9;

    fn days(n: usize) -> Vec<Date> {
        date(2020, 9, 7)
            .series(jiff::ToSpan::day(1))
            .filter(|d| d.weekday().to_monday_one_offset() <= 5)
            .take(n)
            .collect()
    }

    fn visit(name: &str, lat_deg: f64, lon_deg: f64, dwell_min: u32) -> Visit {
        Visit {
            place: Place::new(name, lat_deg, lon_deg),
            venue: Venue::Municipality,
            dwell_min,
            visits_wanted: 1,
        }
    }

    /// Every order of `items`.
    fn orders(items: &[usize]) -> Vec<Vec<usize>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut all = Vec::new();
        for (i, &first) in items.iter().enumerate() {
            let rest: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, &x)| x)
                .collect();
            for mut tail in orders(&rest) {
                tail.insert(0, first);
                all.push(tail);
            }
        }
        all
    }

    /// Km of a day's route of series, depot to depot.
    fn route_km(problem: &Problem, route: &[usize]) -> f64 {
        let mut previous = None;
        let mut km = 0.0;
        for &s in route {
            km += problem.leg(previous, Some(s)).km;
            previous = Some(s);
        }
        km + problem.leg(previous, None).km
    }

    /// The fewest bus-days and the least km of any plan of the visits that fit a day alone (one
    /// visit each, as many working days as visits): every partition into days, each day in its
    /// shortest order that fits (dynamic programming over the subsets).
    fn exact(problem: &Problem) -> (usize, f64) {
        let m = problem.rules.max_stops_per_day as usize;
        let fitting: Vec<usize> = (0..problem.visits.len()).filter(|&s| problem.fits_alone(s)).collect();
        let n = fitting.len();
        let end = problem.rules.window.end_min;
        let day_km: Vec<Option<f64>> = (0..1usize << n)
            .map(|mask| {
                let members: Vec<usize> = (0..n).filter(|i| mask >> i & 1 == 1).map(|i| fitting[i]).collect();
                if members.is_empty() || members.len() > m {
                    return None;
                }
                orders(&members)
                    .into_iter()
                    .filter(|order| problem.timing(order.iter().copied()).back_min <= end)
                    .map(|order| route_km(problem, &order))
                    .min_by(f64::total_cmp)
            })
            .collect();
        let mut fewest = vec![usize::MAX; 1 << n];
        let mut least = vec![f64::INFINITY; 1 << n];
        fewest[0] = 0;
        least[0] = 0.0;
        for mask in 1..1usize << n {
            let low = mask & mask.wrapping_neg();
            let mut sub = mask;
            while sub > 0 {
                if sub & low != 0
                    && let Some(km) = day_km[sub]
                {
                    let rest = mask ^ sub;
                    if fewest[rest] != usize::MAX {
                        fewest[mask] = fewest[mask].min(fewest[rest] + 1);
                    }
                    least[mask] = least[mask].min(least[rest] + km);
                }
                sub = (sub - 1) & mask;
            }
        }
        (fewest[(1 << n) - 1], least[(1 << n) - 1])
    }

    fn random_rules(rng: &mut ChaCha8Rng, n: usize) -> ItineraryRules {
        let mut rules = ItineraryRules::with_defaults(days(n.max(1)));
        rules.depot = Place::new("Depot", 46.5, 19.5);
        let start = rng.random_range(360..=480);
        rules.window = DailyWindow {
            start_min: start,
            end_min: start + rng.random_range(240..=660),
        };
        rules.opening_grid_min = [1, 5, 15][rng.random_range(0..3)];
        rules.earliest_opening_min = start + rng.random_range(0..=60);
        rules.setup_min = rng.random_range(0..=20);
        rules.packup_min = rng.random_range(0..=20);
        rules.max_stops_per_day = rng.random_range(1..=4);
        rules
    }

    #[test]
    fn the_bounds_never_exceed_the_exact_optimum_of_small_random_seasons() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        let (mut exact_days, mut tighter) = (0, 0);
        for instance in 0..INSTANCES {
            let n = rng.random_range(2..=8);
            let rules = random_rules(&mut rng, n);
            let spread = [0.1, 0.3, 0.6][rng.random_range(0..3)];
            let visits: Vec<Visit> = (0..n)
                .map(|i| {
                    let lat = 46.5 + rng.random_range(-spread..spread);
                    let lon = 19.5 + rng.random_range(-spread..spread);
                    visit(&format!("V{i}"), lat, lon, rng.random_range(20..=300))
                })
                .collect();
            let days = working_days(&rules);
            let problem = Problem::new(&rules, &days, &visits);
            let (fewest, least) = exact(&problem);
            let bounds = lower_bounds(&problem);
            let all: Vec<usize> = (0..n).collect();
            let simple = simple_bounds(&problem, &all);
            assert!(
                bounds.bus_days <= fewest,
                "instance {instance}: {} > {fewest} bus-days",
                bounds.bus_days
            );
            assert!(
                bounds.km <= least + KM_SLACK * least.max(1.0),
                "instance {instance}: {} > {least} km",
                bounds.km
            );
            exact_days += usize::from(bounds.bus_days == fewest);
            tighter += usize::from(bounds.bus_days > simple.bus_days || bounds.km > simple.km + KM_SLACK);
        }
        println!(
            "{INSTANCES} instances: bus-day bound exact in {exact_days}, tighter than the simple bounds in {tighter}"
        );
        // Not vacuous: the pair bounds improve on the simple ones and often meet the optimum.
        assert!(tighter > 0 && exact_days > 0, "tighter {tighter}, exact {exact_days}");
    }
}
