//! The greedy packer: [`build_greedy_itinerary`] spreads each series over the season, then fills
//! the working days one by one. It is the optimiser's start and stays available on its own.
//!
//! The method is deterministic (no randomness, ties broken by input order):
//! 1. **Rounds.** With N working days, visit j (from 0) of a series of k belongs to round j:
//!    working days ⌊j·N/k⌋ to before ⌊(j+1)·N/k⌋, so the k visits fall in k equal rounds of the
//!    season. A visit also waits until `min_gap_days` calendar days after its series' previous
//!    visit (and comes at most `max_gap_days` after it), and only the next visit of a series is
//!    ever a candidate; a visit whose round ends unplaced is reported.
//! 2. **Fill** the working days in date order. The day's seed is the candidate due first (end of
//!    its round or of its most gap; ties: input order). Then, while the day has fewer than the
//!    maximum stops, the candidate and the position in the day's route that add the least driving
//!    time (ties: driving distance to the metre, due day, input order, position) are inserted, if
//!    the whole day — doors opening on the grid and not before the earliest opening, set-up and
//!    pack-up, the drive back to the depot — still ends within the window. Candidates are the
//!    nearest series of the day's stops (a neighbour index), or all of them when few are left.
//! 3. **Report** what is left, with the reason.

use super::PlanInputError;
use super::bounds::with_bounds;
use super::itinerary::Itinerary;
use super::problem::{Problem, working_days};
use super::rules::{ItineraryRules, Visit};

/// Packs the wanted visits into bus-days greedily; every problem of the input at once if it is
/// invalid. Deterministic: the same input gives the same itinerary.
pub fn build_greedy_itinerary(rules: &ItineraryRules, visits: &[Visit]) -> Result<Itinerary, PlanInputError> {
    rules.validate(visits)?;
    let days = working_days(rules);
    let problem = Problem::new(rules, &days, visits);
    let (routes, occurrence_day) = greedy(&problem);
    Ok(with_bounds(problem.itinerary(&routes, &occurrence_day), &problem))
}

/// When this many candidates or fewer are left on a day, insertions try them all rather than
/// the neighbours of the day's stops only (bounded cost, and no day left half-empty at the end
/// of a round).
const ALL_CANDIDATES_BELOW: usize = 256;

/// How good an insertion is: smaller is better, compared field by field.
struct InsertionRank {
    travel_min: u32,
    /// Driving distance in whole metres, so that a route and its mirror image tie exactly.
    metres: i64,
    due_day: usize,
    series: usize,
    position: usize,
}

impl InsertionRank {
    fn better_than(&self, other: &InsertionRank) -> bool {
        self.travel_min
            .cmp(&other.travel_min)
            .then(self.metres.cmp(&other.metres))
            .then(self.due_day.cmp(&other.due_day))
            .then(self.series.cmp(&other.series))
            .then(self.position.cmp(&other.position))
            .is_lt()
    }
}

/// Where each series stands while the days are filled.
#[derive(Clone, Copy)]
struct SeriesState {
    /// Next occurrence to place (index into the problem's occurrences).
    next: usize,
    /// One past its last occurrence.
    end: usize,
    /// Working day of its last placed visit.
    last_day: Option<usize>,
}

/// The greedy routes (occurrences by working day) and the day of each occurrence.
pub(super) fn greedy(problem: &Problem) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let mut state: Vec<SeriesState> = (0..problem.visits.len())
        .map(|s| SeriesState {
            next: problem.first_occurrence[s],
            end: problem.first_occurrence[s] + problem.visits[s].visits_wanted as usize,
            last_day: None,
        })
        .collect();
    let mut routes = vec![Vec::new(); problem.days.len()];
    let mut occurrence_day = vec![None; problem.occurrences.len()];
    let mut is_candidate = vec![false; problem.visits.len()];
    for (day, day_route) in routes.iter_mut().enumerate() {
        for series in &mut state {
            // A visit whose round has passed is left out; the next one has its own round.
            while series.next < series.end && problem.occurrences[series.next].due <= day {
                series.next += 1;
            }
        }
        let candidates: Vec<usize> = (0..state.len())
            .filter(|&s| candidate(problem, &state[s], s, day))
            .collect();
        for &s in &candidates {
            is_candidate[s] = true;
        }
        let route = plan_day(problem, &state, &candidates, &is_candidate);
        for &s in &candidates {
            is_candidate[s] = false;
        }
        for &s in &route {
            let o = state[s].next;
            occurrence_day[o] = Some(day);
            day_route.push(o);
            state[s].next += 1;
            state[s].last_day = Some(day);
        }
    }
    (routes, occurrence_day)
}

/// True when the next visit of series `s` may be placed on working day `day`.
fn candidate(problem: &Problem, state: &SeriesState, s: usize, day: usize) -> bool {
    if state.next >= state.end || !problem.fits_alone(s) {
        return false;
    }
    let occ = &problem.occurrences[state.next];
    occ.release <= day && day < occ.due && state.last_day.is_none_or(|last| problem.gap_ok(last, day))
}

/// The working-day index before which the next visit of a series must be placed.
fn due_day(problem: &Problem, state: &SeriesState) -> usize {
    let due = problem.occurrences[state.next].due;
    match (problem.rules.max_gap_days, state.last_day) {
        (Some(most), Some(last)) => {
            let limit = last
                + problem.days[last..]
                    .partition_point(|d| i64::from((*d - problem.days[last]).get_days()) <= i64::from(most));
            due.min(limit)
        }
        _ => due,
    }
}

/// The series visited on working day `day`, in driving order.
fn plan_day(problem: &Problem, state: &[SeriesState], candidates: &[usize], is_candidate: &[bool]) -> Vec<usize> {
    let Some(seed) = candidates
        .iter()
        .copied()
        .min_by_key(|&s| (due_day(problem, &state[s]), s))
    else {
        return Vec::new();
    };
    let mut route = vec![seed];
    while route.len() < problem.rules.max_stops_per_day as usize {
        let pool: Vec<usize> = if candidates.len() <= ALL_CANDIDATES_BELOW {
            candidates.to_vec()
        } else {
            let mut near: Vec<usize> = route
                .iter()
                .flat_map(|&r| problem.neighbours[r].iter().map(|&n| n as usize))
                .filter(|&n| is_candidate[n])
                .collect();
            near.sort_unstable();
            near.dedup();
            near
        };
        match best_insertion(problem, state, &route, &pool) {
            Some(longer) => route = longer,
            None => break,
        }
    }
    route
}

/// The route with one more of `pool` at the cheapest feasible place, if any.
fn best_insertion(problem: &Problem, state: &[SeriesState], route: &[usize], pool: &[usize]) -> Option<Vec<usize>> {
    let mut best: Option<(InsertionRank, usize, usize)> = None;
    for &series in pool.iter().filter(|s| !route.contains(s)) {
        for position in 0..=route.len() {
            let trial = route[..position]
                .iter()
                .copied()
                .chain([series])
                .chain(route[position..].iter().copied());
            let timing = problem.timing(trial);
            if timing.back_min > problem.rules.window.end_min {
                continue;
            }
            let rank = InsertionRank {
                travel_min: timing.travel_min,
                metres: timing.metres,
                due_day: due_day(problem, &state[series]),
                series,
                position,
            };
            if best
                .as_ref()
                .is_none_or(|(best_rank, _, _)| rank.better_than(best_rank))
            {
                best = Some((rank, series, position));
            }
        }
    }
    best.map(|(_, series, position)| {
        let mut longer = route.to_vec();
        longer.insert(position, series);
        longer
    })
}

#[cfg(test)]
mod tests {
    use super::super::{DailyWindow, ItineraryRules, Place, UnplacedReason, Visit};
    use super::build_greedy_itinerary as build_itinerary;
    use crate::vocab::Venue;
    use jiff::civil::{Date, date};

    /// Depot on the 19th meridian; places north of it, so every distance is R·Δφ:
    /// 0.25° → 27.799 km × 1.3 = 36.138 km → 43.4 min → 44 min; 0.5° → 72.277 km → 86.7 → 87 min.
    fn rules(days: Vec<Date>) -> ItineraryRules {
        let mut rules = ItineraryRules::with_defaults(days);
        rules.depot = Place::new("Depot", 46.0, 19.0);
        // Doors at any minute from the window's start, so the times below are drives and stays only.
        rules.opening_grid_min = 1;
        rules.earliest_opening_min = 0;
        rules
    }

    fn visit(name: &str, lat_deg: f64, dwell_min: u32, visits_wanted: u32) -> Visit {
        Visit {
            place: Place::new(name, lat_deg, 19.0),
            venue: Venue::Municipality,
            dwell_min,
            visits_wanted,
        }
    }

    #[test]
    fn one_stop_is_timed_by_hand() {
        let rules = rules(vec![date(2020, 9, 7)]);
        let itinerary = build_itinerary(&rules, &[visit("A", 46.5, 120, 1)]).unwrap();
        // Leave 8:00 (480), drive 87, set up 15 → open 582 (9:42), close 702, pack up → 717,
        // drive 87 → back at 804 (13:24).
        assert_eq!(itinerary.stops.len(), 1);
        let stop = &itinerary.stops[0];
        assert_eq!((stop.start_min, stop.end_min, stop.travel_min), (582, 702, 87));
        assert!((stop.km - 72.277).abs() < 0.001);
        let day = &itinerary.days[0];
        assert_eq!(
            (day.leave_depot_min, day.back_at_depot_min, day.travel_min),
            (480, 804, 174)
        );
        assert!((day.km - 2.0 * 72.277).abs() < 0.002);
        assert!(itinerary.unplaced.is_empty());
    }

    #[test]
    fn two_short_stops_share_a_day_and_two_long_ones_do_not() {
        let days = vec![date(2020, 9, 7), date(2020, 9, 8)];
        let short = [visit("A", 46.5, 100, 1), visit("B", 46.25, 100, 1)];
        let itinerary = build_itinerary(&rules(days.clone()), &short).unwrap();
        // Seed A (first in input); B goes before it (a tie with after it, broken by position):
        // 480 + 44 + 15 = 539 open B, 639 close, +15 +44 +15 = 713 open A, 813 close, +15 +87 = 915.
        let timed: Vec<_> = itinerary
            .stops
            .iter()
            .map(|s| (s.place.name.as_str(), s.date, s.start_min, s.end_min, s.travel_min))
            .collect();
        assert_eq!(timed, [("B", days[0], 539, 639, 44), ("A", days[0], 713, 813, 44)]);
        assert_eq!(itinerary.days[0].back_at_depot_min, 915);

        // Dwell 180: 44+15+180+15+44+15+180+15+87 = 595 min > 480, so one stop a day.
        let long = [visit("A", 46.5, 180, 1), visit("B", 46.25, 180, 1)];
        let itinerary = build_itinerary(&rules(days.clone()), &long).unwrap();
        let timed: Vec<_> = itinerary
            .stops
            .iter()
            .map(|s| (s.place.name.as_str(), s.date, s.start_min, s.end_min))
            .collect();
        assert_eq!(timed, [("A", days[0], 582, 762), ("B", days[1], 539, 719)]);
        assert_eq!(itinerary.bus_days_used(), 2);
    }

    #[test]
    fn a_visit_longer_than_the_window_is_reported_for_each_occurrence() {
        let rules = rules(vec![date(2020, 9, 7), date(2020, 9, 28)]);
        // At the depot itself: 0 + 15 + 600 + 15 + 0 = 630 min > 480.
        let itinerary = build_itinerary(&rules, &[visit("Depot town", 46.0, 600, 2)]).unwrap();
        assert!(itinerary.stops.is_empty());
        assert_eq!(itinerary.unplaced.len(), 2);
        for (missing, occurrence) in itinerary.unplaced.iter().zip(1..) {
            assert_eq!(missing.occurrence, occurrence);
            assert_eq!(
                missing.reason,
                UnplacedReason::LongerThanWindow {
                    needed_min: 630,
                    window_min: 480
                }
            );
        }
        // The same visit fits a 12-hour window.
        let mut wide = rules;
        wide.window = DailyWindow {
            start_min: 7 * 60,
            end_min: 19 * 60,
        };
        let itinerary = build_itinerary(&wide, &[visit("Depot town", 46.0, 600, 2)]).unwrap();
        assert_eq!(itinerary.stops.len(), 2);
    }

    #[test]
    fn repeat_visits_are_spread_over_equal_rounds() {
        // 7 Sep – 16 Oct 2020, Monday to Friday, no holiday: 30 working days, 3 rounds of 10.
        let days: Vec<Date> = date(2020, 9, 7)
            .series(jiff::ToSpan::day(1))
            .take_while(|d| *d <= date(2020, 10, 16))
            .filter(|d| d.weekday().to_monday_one_offset() <= 5)
            .collect();
        assert_eq!(days.len(), 30);
        let itinerary = build_itinerary(&rules(days), &[visit("A", 46.5, 120, 3)]).unwrap();
        let dates: Vec<Date> = itinerary.stops.iter().map(|s| s.date).collect();
        assert_eq!(dates, [date(2020, 9, 7), date(2020, 9, 21), date(2020, 10, 5)]);
        let occurrences: Vec<u32> = itinerary.stops.iter().map(|s| s.occurrence).collect();
        assert_eq!(occurrences, [1, 2, 3]);
    }

    #[test]
    fn a_gap_reaching_past_the_season_is_the_reason() {
        // Two working weeks, 7–18 Sep 2020; three visits wanted 14 days apart: only the first fits.
        let days: Vec<Date> = (7..=18)
            .map(|d| date(2020, 9, d))
            .filter(|d| d.weekday().to_monday_one_offset() <= 5)
            .collect();
        let itinerary = build_itinerary(&rules(days), &[visit("A", 46.5, 120, 3)]).unwrap();
        assert_eq!(itinerary.stops.len(), 1);
        let reasons: Vec<_> = itinerary
            .unplaced
            .iter()
            .map(|u| (u.occurrence, u.reason.clone()))
            .collect();
        let gap = UnplacedReason::GapBeyondSeason {
            previous: date(2020, 9, 7),
            earliest: date(2020, 9, 21),
        };
        assert_eq!(reasons, [(2, gap.clone()), (3, gap)]);
    }

    #[test]
    fn a_full_season_is_the_reason() {
        let mut rules = rules(vec![date(2020, 9, 7)]);
        rules.max_stops_per_day = 1;
        let visits = [visit("A", 46.5, 60, 1), visit("B", 46.25, 60, 1)];
        let itinerary = build_itinerary(&rules, &visits).unwrap();
        assert_eq!(itinerary.stops[0].place.name, "A");
        assert_eq!(itinerary.unplaced.len(), 1);
        assert_eq!(itinerary.unplaced[0].visit_index, 1);
        assert_eq!(
            itinerary.unplaced[0].reason,
            UnplacedReason::RoundFull {
                from: date(2020, 9, 7),
                until: date(2020, 9, 7)
            }
        );
        assert!(itinerary.unplaced[0].reason.to_string().contains("2020-09-07"));
    }

    #[test]
    fn urgent_series_seed_the_days() {
        // One working day a week for four weeks; B wants 2 visits (due in the first half), A one.
        let days = vec![
            date(2020, 9, 7),
            date(2020, 9, 14),
            date(2020, 9, 21),
            date(2020, 9, 28),
        ];
        let mut rules = rules(days);
        rules.max_stops_per_day = 1;
        let visits = [visit("A", 46.5, 60, 1), visit("B", 46.25, 60, 2)];
        let itinerary = build_itinerary(&rules, &visits).unwrap();
        let plan: Vec<_> = itinerary
            .stops
            .iter()
            .map(|s| (s.date, s.place.name.as_str()))
            .collect();
        // B's first visit is due before day 2, A's before day 4, B's second released on day 2.
        assert_eq!(
            plan,
            [
                (date(2020, 9, 7), "B"),
                (date(2020, 9, 14), "A"),
                (date(2020, 9, 21), "B")
            ]
        );
    }
}
