//! The greedy packer: [`build_itinerary`] spreads each series over the season, then fills the
//! working days one by one.
//!
//! The method is deterministic (no randomness, ties broken by input order):
//! 1. **Spread.** With N working days, visit j (from 0) of a series of k is *released* on working
//!    day ⌊j·N/k⌋ and *due* before working day ⌊(j+1)·N/k⌋, so the k visits fall in k equal rounds
//!    of the season (a return about every N/k working days). A visit also waits until
//!    `min_gap_days` calendar days after its series' previous visit, and only the next visit of a
//!    series is ever a candidate.
//! 2. **Fill** the working days in date order. The day's seed is the candidate with the earliest
//!    due day (ties: input order). Then, while the day has fewer than the maximum stops, the
//!    candidate and the position in the day's route that add the least driving time (ties:
//!    driving distance to the metre, due day, input order, position) are inserted, if the whole
//!    day — from the depot at the window's start to the depot again, set-up and pack-up included —
//!    still ends within the window.
//! 3. **Report** what is left when the season ends, with the reason.

use jiff::ToSpan;
use jiff::civil::Date;

use super::PlanInputError;
use super::itinerary::{BusDay, Itinerary, PlannedStop, UnplacedReason, UnplacedVisit};
use super::rules::{ItineraryRules, Visit};
use super::travel::Leg;

/// Packs the wanted visits into bus-days; every problem of the input at once if it is invalid.
/// Deterministic: the same input gives the same itinerary.
///
/// The method, a greedy one: visit j (from 0) of a series of k is released on working day
/// ⌊j·N/k⌋ of the N working days and due before ⌊(j+1)·N/k⌋, and waits `min_gap_days` after the
/// series' previous visit. Each working day, in date order, is seeded with the released visit due
/// first (ties: input order, so list the visits by priority), then takes the released visits
/// that add the least driving (cheapest insertion into the day's route) while the whole day,
/// depot to depot, still fits the window and the day has fewer than `max_stops_per_day` stops.
pub fn build_itinerary(rules: &ItineraryRules, visits: &[Visit]) -> Result<Itinerary, PlanInputError> {
    rules.validate(visits)?;
    let mut working_days = rules.working_days.clone();
    working_days.sort();
    working_days.dedup();
    Ok(pack(rules, &working_days, visits))
}

/// Index of the depot among the points of the legs matrix; visit series follow from 1.
const DEPOT: usize = 0;
const METRES_PER_KM: f64 = 1000.0;

/// One series of visits and what has been placed of it.
struct Series<'a> {
    visit: &'a Visit,
    /// Index of its place in the legs matrix.
    point: usize,
    /// Dates of the visits placed so far, in order.
    placed: Vec<Date>,
    /// Minutes the visit alone needs, depot to depot.
    alone_min: u32,
}

/// Times and distances of one day's route.
struct RouteTiming {
    /// Back at the depot, minutes after midnight (saturating).
    back_min: u32,
    /// Driving, minutes.
    travel_min: u32,
    /// Driving, km.
    km: f64,
}

/// How good an insertion is: smaller is better, compared field by field.
struct InsertionRank {
    travel_min: u32,
    /// Driving distance rounded to whole metres, so that a route and its mirror image (equal
    /// legs summed in another order) tie exactly.
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

struct Packer<'a> {
    rules: &'a ItineraryRules,
    /// Working days, sorted, unique, not empty.
    days: &'a [Date],
    /// `legs[a][b]`: the drive from point a to point b (point 0 is the depot).
    legs: Vec<Vec<Leg>>,
    series: Vec<Series<'a>>,
}

/// Packs valid input (checked by the caller) into an itinerary.
pub(super) fn pack(rules: &ItineraryRules, days: &[Date], visits: &[Visit]) -> Itinerary {
    let mut packer = Packer::new(rules, days, visits);
    let mut stops = Vec::new();
    let mut bus_days = Vec::new();
    for day_index in 0..days.len() {
        let route = packer.plan_day(day_index);
        if !route.is_empty() {
            bus_days.push(packer.commit(day_index, &route, &mut stops));
        }
    }
    Itinerary {
        stops,
        days: bus_days,
        unplaced: packer.unplaced(),
        depot: rules.depot.clone(),
    }
}

impl<'a> Packer<'a> {
    fn new(rules: &'a ItineraryRules, days: &'a [Date], visits: &'a [Visit]) -> Self {
        let points: Vec<_> = std::iter::once(rules.depot.coordinates)
            .chain(visits.iter().map(|visit| visit.place.coordinates))
            .collect();
        let legs: Vec<Vec<Leg>> = points
            .iter()
            .map(|from| points.iter().map(|to| rules.travel.leg(*from, *to)).collect())
            .collect();
        let series = visits
            .iter()
            .enumerate()
            .map(|(index, visit)| {
                let point = index + 1;
                let alone_min = legs[DEPOT][point]
                    .travel_min
                    .saturating_add(rules.setup_min)
                    .saturating_add(visit.dwell_min)
                    .saturating_add(rules.packup_min)
                    .saturating_add(legs[point][DEPOT].travel_min);
                Series {
                    visit,
                    point,
                    placed: Vec::new(),
                    alone_min,
                }
            })
            .collect();
        Self {
            rules,
            days,
            legs,
            series,
        }
    }

    /// Working-day index from which visit `occurrence` (from 0) of a series of `wanted` is released.
    fn release_day(&self, occurrence: usize, wanted: u32) -> usize {
        round_boundary(occurrence, wanted, self.days.len())
    }

    /// Working-day index before which visit `occurrence` (from 0) of a series of `wanted` is due.
    fn due_day(&self, occurrence: usize, wanted: u32) -> usize {
        round_boundary(occurrence + 1, wanted, self.days.len())
    }

    fn fits_in_a_day(&self, series: &Series) -> bool {
        series.alone_min <= self.rules.window.length_min()
    }

    /// True when the next visit of series `index` may be placed on working day `day_index`.
    fn is_candidate(&self, index: usize, day_index: usize) -> bool {
        let series = &self.series[index];
        let next = series.placed.len();
        if next >= series.visit.visits_wanted as usize || !self.fits_in_a_day(series) {
            return false;
        }
        if self.release_day(next, series.visit.visits_wanted) > day_index {
            return false;
        }
        match series.placed.last() {
            Some(previous) => days_between(*previous, self.days[day_index]) >= i64::from(self.rules.min_gap_days),
            None => true,
        }
    }

    fn next_due_day(&self, index: usize) -> usize {
        let series = &self.series[index];
        self.due_day(series.placed.len(), series.visit.visits_wanted)
    }

    /// The series visited on working day `day_index`, in driving order.
    fn plan_day(&self, day_index: usize) -> Vec<usize> {
        let candidates: Vec<usize> = (0..self.series.len())
            .filter(|index| self.is_candidate(*index, day_index))
            .collect();
        let Some(seed) = candidates
            .iter()
            .copied()
            .filter(|index| self.fits(&[*index]))
            .min_by_key(|index| (self.next_due_day(*index), *index))
        else {
            return Vec::new();
        };
        let mut route = vec![seed];
        while route.len() < self.rules.max_stops_per_day as usize {
            match self.best_insertion(&route, &candidates) {
                Some(longer) => route = longer,
                None => break,
            }
        }
        route
    }

    /// The route with one more candidate at the cheapest feasible place, if any.
    fn best_insertion(&self, route: &[usize], candidates: &[usize]) -> Option<Vec<usize>> {
        let mut best: Option<(InsertionRank, Vec<usize>)> = None;
        for &series in candidates.iter().filter(|index| !route.contains(index)) {
            for position in 0..=route.len() {
                let mut trial = route.to_vec();
                trial.insert(position, series);
                let timing = self.timing(&trial);
                if timing.back_min > self.rules.window.end_min {
                    continue;
                }
                let rank = InsertionRank {
                    travel_min: timing.travel_min,
                    metres: (timing.km * METRES_PER_KM).round() as i64,
                    due_day: self.next_due_day(series),
                    series,
                    position,
                };
                if best.as_ref().is_none_or(|(best_rank, _)| rank.better_than(best_rank)) {
                    best = Some((rank, trial));
                }
            }
        }
        best.map(|(_, route)| route)
    }

    fn fits(&self, route: &[usize]) -> bool {
        self.timing(route).back_min <= self.rules.window.end_min
    }

    /// Drives and stays of a route from the depot at the window's start back to the depot.
    fn timing(&self, route: &[usize]) -> RouteTiming {
        let mut clock = self.rules.window.start_min;
        let mut travel_min = 0u32;
        let mut km = 0.0;
        let mut previous = DEPOT;
        for &index in route {
            let series = &self.series[index];
            let leg = self.legs[previous][series.point];
            travel_min = travel_min.saturating_add(leg.travel_min);
            km += leg.km;
            clock = clock
                .saturating_add(leg.travel_min)
                .saturating_add(self.rules.setup_min)
                .saturating_add(series.visit.dwell_min)
                .saturating_add(self.rules.packup_min);
            previous = series.point;
        }
        let home = self.legs[previous][DEPOT];
        RouteTiming {
            back_min: clock.saturating_add(home.travel_min),
            travel_min: travel_min.saturating_add(home.travel_min),
            km: km + home.km,
        }
    }

    /// Records the day's stops (route known to fit) and returns the bus-day.
    fn commit(&mut self, day_index: usize, route: &[usize], stops: &mut Vec<PlannedStop>) -> BusDay {
        let date = self.days[day_index];
        let timing = self.timing(route);
        let mut clock = self.rules.window.start_min;
        let mut previous = DEPOT;
        for &index in route {
            let leg = self.legs[previous][self.series[index].point];
            let series = &mut self.series[index];
            let start_min = clock + leg.travel_min + self.rules.setup_min;
            let end_min = start_min + series.visit.dwell_min;
            series.placed.push(date);
            stops.push(PlannedStop {
                date,
                start_min,
                end_min,
                place: series.visit.place.clone(),
                venue: series.visit.venue,
                dwell_min: series.visit.dwell_min,
                travel_min: leg.travel_min,
                km: leg.km,
                visit_index: index,
                occurrence: series.placed.len() as u32,
            });
            clock = end_min + self.rules.packup_min;
            previous = series.point;
        }
        BusDay {
            date,
            leave_depot_min: self.rules.window.start_min,
            back_at_depot_min: timing.back_min,
            stops: route.len(),
            km: timing.km,
            travel_min: timing.travel_min,
        }
    }

    /// Every wanted visit left when the season ends, with the reason.
    fn unplaced(&self) -> Vec<UnplacedVisit> {
        let mut unplaced = Vec::new();
        for (index, series) in self.series.iter().enumerate() {
            let first_missing = series.placed.len() as u32;
            if first_missing == series.visit.visits_wanted {
                continue;
            }
            let reason = self.reason(series);
            for occurrence in first_missing + 1..=series.visit.visits_wanted {
                unplaced.push(UnplacedVisit {
                    visit_index: index,
                    occurrence,
                    visit: series.visit.clone(),
                    reason: reason.clone(),
                });
            }
        }
        unplaced
    }

    /// Why the next visit of a series was not placed.
    fn reason(&self, series: &Series) -> UnplacedReason {
        if !self.fits_in_a_day(series) {
            return UnplacedReason::LongerThanWindow {
                needed_min: series.alone_min,
                window_min: self.rules.window.length_min(),
            };
        }
        let released = self.days[self.release_day(series.placed.len(), series.visit.visits_wanted)];
        let Some(&previous) = series.placed.last() else {
            return UnplacedReason::SeasonFull { from: released };
        };
        let earliest = previous
            .checked_add(i64::from(self.rules.min_gap_days).days())
            .unwrap_or(Date::MAX);
        let last_day = self.days[self.days.len() - 1];
        if earliest > last_day {
            UnplacedReason::GapBeyondSeason { previous, earliest }
        } else {
            UnplacedReason::SeasonFull {
                from: earliest.max(released),
            }
        }
    }
}

/// ⌊round·days/rounds⌋: the working-day index where round `round` of `rounds` begins.
fn round_boundary(round: usize, rounds: u32, days: usize) -> usize {
    // u128 cannot overflow: both factors fit in 64 bits.
    (round as u128 * days as u128 / u128::from(rounds.max(1))) as usize
}

/// Calendar days from `from` to `to` (negative if `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

#[cfg(test)]
mod tests {
    use super::super::{DailyWindow, ItineraryRules, Place, UnplacedReason, Visit, build_itinerary};
    use crate::vocab::Venue;
    use jiff::civil::{Date, date};

    /// Depot on the 19th meridian; places north of it, so every distance is R·Δφ:
    /// 0.25° → 27.799 km × 1.3 = 36.138 km → 43.4 min → 44 min; 0.5° → 72.277 km → 86.7 → 87 min.
    fn rules(days: Vec<Date>) -> ItineraryRules {
        let mut rules = ItineraryRules::with_defaults(days);
        rules.depot = Place::new("Depot", 46.0, 19.0);
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
            UnplacedReason::SeasonFull { from: date(2020, 9, 7) }
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
