//! The planning problem both planners share: visit occurrences with their rounds, the legs, the
//! timing of a bus-day (grid, earliest opening, return) and why a visit could not be placed.

use jiff::ToSpan;
use jiff::civil::Date;

use super::itinerary::{BusDay, Itinerary, PlannedStop, UnplacedReason, UnplacedVisit};
use super::legs::{LegTable, nearest_neighbours};
use super::rules::{ItineraryRules, Visit};
use super::travel::Leg;

/// Index of the depot among the points; series i is point i + 1.
pub(super) const DEPOT: usize = 0;
const METRES_PER_KM: f64 = 1000.0;
/// Nearest series kept for each series: the candidates for insertions next to it (a county's
/// villages reach about 25 km around each; enough for a bus-day of 3–5 stops).
pub(super) const NEIGHBOURS: usize = 24;

/// One wanted visit: occurrence `index` (from 0) of a series, with its round of working days.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    pub series: usize,
    /// Which visit of its series, from 0.
    pub index: u32,
    /// First working-day index of its round.
    pub release: usize,
    /// Working-day index the round ends before.
    pub due: usize,
}

/// Times and distances of one day's route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RouteTiming {
    /// Leaves the depot, minutes after midnight.
    pub leave_min: u32,
    /// Back at the depot, minutes after midnight (saturating).
    pub back_min: u32,
    /// Driving, minutes.
    pub travel_min: u32,
    /// Driving, whole metres (rounded), so that sums are exact whatever their order.
    pub metres: i64,
}

pub(super) struct Problem<'a> {
    pub rules: &'a ItineraryRules,
    /// Working days, sorted, unique, not empty.
    pub days: &'a [Date],
    /// Calendar days from the first working day to each working day (gaps without date sums).
    pub day_number: Vec<i64>,
    pub visits: &'a [Visit],
    pub legs: LegTable,
    /// Nearest series of each series.
    pub neighbours: Vec<Vec<u32>>,
    /// Every occurrence, series by series, in order.
    pub occurrences: Vec<Occurrence>,
    /// Index of each series' first occurrence in `occurrences`.
    pub first_occurrence: Vec<usize>,
    /// Minutes each series' visit alone needs from the window's start until back at the depot
    /// (the wait for the earliest opening and the grid included).
    pub alone_min: Vec<u32>,
    /// Whether each series' visit alone ends within the window (kept: asked for every
    /// candidate on every day).
    pub alone_fits: Vec<bool>,
}

impl<'a> Problem<'a> {
    pub(super) fn new(rules: &'a ItineraryRules, days: &'a [Date], visits: &'a [Visit]) -> Self {
        let places: Vec<_> = visits.iter().map(|v| v.place.coordinates).collect();
        let points = std::iter::once(rules.depot.coordinates)
            .chain(places.iter().copied())
            .collect();
        let mut occurrences = Vec::new();
        let mut first_occurrence = Vec::new();
        for (series, visit) in visits.iter().enumerate() {
            first_occurrence.push(occurrences.len());
            for index in 0..visit.visits_wanted {
                occurrences.push(Occurrence {
                    series,
                    index,
                    release: round_boundary(index as usize, visit.visits_wanted, days.len()),
                    due: round_boundary(index as usize + 1, visit.visits_wanted, days.len()),
                });
            }
        }
        let neighbours = nearest_neighbours(&places, NEIGHBOURS);
        let mut problem = Self {
            rules,
            days,
            day_number: days.iter().map(|&d| i64::from((d - days[0]).get_days())).collect(),
            visits,
            legs: LegTable::new(rules.travel, points, &neighbours),
            neighbours,
            occurrences,
            first_occurrence,
            alone_min: Vec::new(),
            alone_fits: Vec::new(),
        };
        let alone: Vec<RouteTiming> = (0..visits.len()).map(|s| problem.timing([s])).collect();
        problem.alone_min = alone
            .iter()
            .map(|t| t.back_min.saturating_sub(rules.window.start_min))
            .collect();
        problem.alone_fits = alone.iter().map(|t| t.back_min <= rules.window.end_min).collect();
        problem
    }

    /// True when series `series`' visit alone fits a day (its day ends within the window).
    pub(super) fn fits_alone(&self, series: usize) -> bool {
        self.alone_fits[series]
    }

    /// The drive from series a's place (or the depot, `None`) to series b's (or the depot).
    pub(super) fn leg(&self, from: Option<usize>, to: Option<usize>) -> Leg {
        self.legs
            .leg(from.map_or(DEPOT, |s| s + 1), to.map_or(DEPOT, |s| s + 1))
    }

    /// The day of a route of series, in driving order: first door opens on the grid, not before
    /// the earliest opening; each next one on the grid after pack-up, drive and set-up; the bus
    /// leaves the depot just in time for the first and is back after the last.
    pub(super) fn timing(&self, route: impl IntoIterator<Item = usize>) -> RouteTiming {
        self.walk(route, |_, _, _| {})
    }

    /// [`Self::timing`], calling `stop(series, leg, open_min)` for each stop.
    pub(super) fn walk(
        &self,
        route: impl IntoIterator<Item = usize>,
        mut stop: impl FnMut(usize, Leg, u32),
    ) -> RouteTiming {
        let rules = self.rules;
        let mut previous = None;
        let mut clock = rules.window.start_min;
        let (mut travel_min, mut km) = (0u32, 0.0);
        let mut leave_min = rules.window.start_min;
        for (position, series) in route.into_iter().enumerate() {
            let leg = self.leg(previous, Some(series));
            let ready = clock.saturating_add(leg.travel_min).saturating_add(rules.setup_min);
            let open = if position == 0 {
                let open = on_grid(ready.max(rules.earliest_opening_min), rules.opening_grid_min);
                leave_min = open
                    .saturating_sub(rules.setup_min)
                    .saturating_sub(leg.travel_min)
                    .max(rules.window.start_min);
                open
            } else {
                on_grid(ready, rules.opening_grid_min)
            };
            stop(series, leg, open);
            travel_min = travel_min.saturating_add(leg.travel_min);
            km += leg.km;
            clock = open
                .saturating_add(self.visits[series].dwell_min)
                .saturating_add(rules.packup_min);
            previous = Some(series);
        }
        let home = self.leg(previous, None);
        RouteTiming {
            leave_min,
            back_min: clock.saturating_add(home.travel_min),
            travel_min: travel_min.saturating_add(home.travel_min),
            metres: ((km + home.km) * METRES_PER_KM).round() as i64,
        }
    }

    /// Calendar days from working day a to working day b.
    pub(super) fn days_apart(&self, a: usize, b: usize) -> i64 {
        self.day_number[b] - self.day_number[a]
    }

    /// True when visits on working days `earlier` and `later` of one series keep the gaps.
    pub(super) fn gap_ok(&self, earlier: usize, later: usize) -> bool {
        let apart = self.days_apart(earlier, later);
        apart >= i64::from(self.rules.min_gap_days)
            && self.rules.max_gap_days.is_none_or(|most| apart <= i64::from(most))
    }

    /// The series of a route of occurrences, in order.
    pub(super) fn series_of<'r>(&'r self, route: &'r [usize]) -> impl Iterator<Item = usize> + 'r {
        route.iter().map(|&o| self.occurrences[o].series)
    }

    /// The stops and the bus-day of a route of occurrences (known to fit) on working day `day`.
    pub(super) fn commit(&self, day: usize, route: &[usize], stops: &mut Vec<PlannedStop>) -> BusDay {
        let date = self.days[day];
        let first = stops.len();
        let timing = self.walk(self.series_of(route), |series, leg, open| {
            let visit = &self.visits[series];
            stops.push(PlannedStop {
                date,
                start_min: open,
                end_min: open + visit.dwell_min,
                place: visit.place.clone(),
                venue: visit.venue,
                dwell_min: visit.dwell_min,
                travel_min: leg.travel_min,
                km: leg.km,
                visit_index: series,
                occurrence: 0,
            });
        });
        for (stop, &o) in stops[first..].iter_mut().zip(route) {
            stop.occurrence = self.occurrences[o].index + 1;
        }
        let home = self.leg(route.last().map(|&o| self.occurrences[o].series), None);
        BusDay {
            date,
            leave_depot_min: timing.leave_min,
            back_at_depot_min: timing.back_min,
            stops: route.len(),
            km: stops[first..].iter().map(|s| s.km).sum::<f64>() + home.km,
            travel_min: timing.travel_min,
            return_travel_min: home.travel_min,
            return_km: home.km,
        }
    }

    /// The itinerary of routes of occurrences by working day (`occurrence_day`: the day of each
    /// occurrence, `None` when not placed).
    pub(super) fn itinerary(&self, routes: &[Vec<usize>], occurrence_day: &[Option<usize>]) -> Itinerary {
        let mut stops = Vec::new();
        let mut days = Vec::new();
        for (day, route) in routes.iter().enumerate() {
            if !route.is_empty() {
                days.push(self.commit(day, route, &mut stops));
            }
        }
        let mut unplaced = Vec::new();
        for (series, visit) in self.visits.iter().enumerate() {
            let mut previous = None;
            let first = self.first_occurrence[series];
            let days = &occurrence_day[first..first + visit.visits_wanted as usize];
            for (o, day) in (first..).zip(days) {
                match *day {
                    Some(day) => previous = Some(day),
                    None => unplaced.push(UnplacedVisit {
                        visit_index: series,
                        occurrence: self.occurrences[o].index + 1,
                        visit: visit.clone(),
                        reason: self.reason(&self.occurrences[o], previous),
                    }),
                }
            }
        }
        Itinerary {
            stops,
            days,
            unplaced,
            depot: self.rules.depot.clone(),
            bounds: None,
        }
    }

    /// Why occurrence `occ` was not placed, given the working day of its series' previous placed
    /// visit (if any).
    pub(super) fn reason(&self, occ: &Occurrence, previous: Option<usize>) -> UnplacedReason {
        let series = occ.series;
        if !self.fits_alone(series) {
            return UnplacedReason::LongerThanWindow {
                needed_min: self.alone_min[series],
                window_min: self.rules.window.length_min(),
            };
        }
        let (round_first, round_last) = (self.days[occ.release], self.days[occ.due - 1]);
        let Some(previous) = previous else {
            return UnplacedReason::RoundFull {
                from: round_first,
                until: round_last,
            };
        };
        let previous = self.days[previous];
        let earliest = previous
            .checked_add(i64::from(self.rules.min_gap_days).days())
            .unwrap_or(Date::MAX);
        let season_last = self.days[self.days.len() - 1];
        if earliest > season_last {
            return UnplacedReason::GapBeyondSeason { previous, earliest };
        }
        if earliest > round_last {
            return UnplacedReason::GapBeyondRound {
                previous,
                earliest,
                round_end: round_last,
            };
        }
        let until = match self.rules.max_gap_days {
            Some(most) => previous
                .checked_add(i64::from(most).days())
                .unwrap_or(Date::MAX)
                .min(round_last),
            None => round_last,
        };
        if until < round_first {
            return UnplacedReason::GapTooLong {
                previous,
                latest: until,
                round_start: round_first,
            };
        }
        UnplacedReason::RoundFull {
            from: earliest.max(round_first),
            until,
        }
    }
}

/// The first time on the grid at or after `minutes` (saturating).
pub(super) fn on_grid(minutes: u32, grid: u32) -> u32 {
    minutes.div_ceil(grid).saturating_mul(grid)
}

/// ⌊round·days/rounds⌋: the working-day index where round `round` of `rounds` begins.
pub(super) fn round_boundary(round: usize, rounds: u32, days: usize) -> usize {
    // u128 cannot overflow: both factors fit in 64 bits.
    (round as u128 * days as u128 / u128::from(rounds.max(1))) as usize
}

/// The rules' working days, sorted and unique.
pub(super) fn working_days(rules: &ItineraryRules) -> Vec<Date> {
    let mut days = rules.working_days.clone();
    days.sort();
    days.dedup();
    days
}
