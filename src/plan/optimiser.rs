//! The itinerary optimiser: a deterministic ruin-and-recreate local search from the greedy plan,
//! minimising bus-days, then driven km, under every rule of a bus-day.
//!
//! Each iteration (a fixed number of them, never a wall-clock limit, so the plan does not depend
//! on the machine) removes some visits and puts them back at their cheapest feasible place:
//! - **ruin a neighbourhood**: a random visit and the visits of its nearest series in the same
//!   round, or the whole bus-days they are on; **recreate** them one by one (random order, or the
//!   longest or farthest first) at the cheapest position of any bus-day of their round that keeps
//!   the window, the gaps and the most stops a day (a new bus-day only when nothing else fits);
//!   the result is kept if it has fewer bus-days, or as many and at most a threshold more km (the
//!   threshold falls linearly to 0: record-to-record travel), and the best plan seen is returned;
//! - **empty a bus-day**: every tenth iteration, one of the emptiest bus-days is cleared and its
//!   visits put elsewhere without opening a day; kept only if they all fit;
//! - **re-partition exactly**: every fourth iteration, the visits of a few nearby bus-days of one
//!   round (6–10 visits) are regrouped into the fewest days, then the fewest metres, over every
//!   grouping into feasible days (dynamic programming over the subsets, each day in its best
//!   order), and put back on the same working days where rounds and gaps allow; kept when better.
//!   On the 2020 plan the search reaches the least km an exact set partitioning proves
//!   (23,835 km with doors on the quarter hour).
//!
//! While visits are left out, they come first: the score is (visits left out, bus-days, metres),
//! and half of the ruins are centred on a left-out visit.
//!
//! Every relocation, swap, 2-opt or or-opt move of up to the removed visits is one such
//! iteration; the order within a day is re-optimised exhaustively for days of up to
//! [`EXHAUSTIVE_ORDER_MAX`] stops. The random numbers come from ChaCha8 (portable) seeded with
//! the scenario's `planner_seed`; the search is single-threaded, so the plan is the same whatever
//! the thread count. Last, the bus-days of each round are **spread** evenly over the round.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::index_set::IndexSet;
use super::problem::{DEPOT, Problem};

/// The fewest and most visits one ruin removes (a bus-day holds 3–5; a few days' worth).
const RUIN_MIN: usize = 3;
const RUIN_MAX: usize = 12;
/// Every this many iterations, try to empty a bus-day.
const EMPTY_A_DAY_EVERY: u64 = 10;
/// How many of the emptiest bus-days the emptying picks from at random.
const EMPTIEST_CHOICE: usize = 6;
/// Every this many iterations, re-partition a few nearby bus-days exactly.
const REPARTITION_EVERY: u64 = 4;
/// The fewest and most visits one exact re-partition takes (2^n subsets of n visits: 12 is
/// some 4,000, a fraction of a millisecond).
const REPARTITION_MIN_VISITS: usize = 6;
const REPARTITION_MAX_VISITS: usize = 10;
/// Re-partitions only when a day holds at most this many stops (the groups' orders are tried
/// exhaustively, 4! = 24 each).
const REPARTITION_MAX_STOPS: usize = 4;
/// While visits are left out, the share of ruins centred on one of them (the rest as usual).
const UNPLACED_CENTRE_SHARE: f64 = 0.5;
/// Starting threshold of the record-to-record acceptance, as a fraction of the start's km (0.2 %:
/// about one short detour in the county; large enough to leave a local optimum, small enough not
/// to wander).
const THRESHOLD_FRACTION: f64 = 0.002;
/// Days of up to this many stops are ordered by trying every order (5! = 120).
pub(super) const EXHAUSTIVE_ORDER_MAX: usize = 5;
// A re-partition's groups are ordered by `best_order`, which holds an order of at most this many.
const _: () = assert!(REPARTITION_MAX_STOPS <= EXHAUSTIVE_ORDER_MAX);

/// A plan in the making: routes of occurrences by working day.
struct Plan {
    routes: Vec<Vec<usize>>,
    /// Metres of each day's route (0 when the day is empty).
    metres: Vec<i64>,
    /// Back at the depot, minutes after midnight, of each day's route.
    back: Vec<u32>,
    day_of: Vec<Option<usize>>,
    /// Occurrences not placed that fit a day alone (the others can never be placed).
    unplaced: usize,
    /// The placed occurrences, and those left out that fit a day alone (random picks among
    /// them without listing them each iteration).
    placed_set: IndexSet,
    left_out_set: IndexSet,
    bus_days: usize,
    total_metres: i64,
}

/// Visits left out, bus-days, metres: compared in this order.
type Score = (usize, usize, i64);

impl Plan {
    fn score(&self) -> Score {
        (self.unplaced, self.bus_days, self.total_metres)
    }
}

/// What an iteration changed, to undo it.
#[derive(Default)]
struct Undo {
    days: Vec<(usize, Vec<usize>, i64, u32)>,
    occurrences: Vec<(usize, Option<usize>)>,
    score: Score,
}

struct Search<'p, 'a> {
    problem: &'p Problem<'a>,
    plan: Plan,
    undo: Undo,
    /// Iteration stamp of the last save of each day.
    saved: Vec<u64>,
    stamp: u64,
    rng: ChaCha8Rng,
}

/// Improves the greedy routes by `iterations` ruin-and-recreate steps; returns the best routes
/// and the day of each occurrence.
pub(super) fn optimise(
    problem: &Problem,
    routes: Vec<Vec<usize>>,
    day_of: Vec<Option<usize>>,
    iterations: u64,
    seed: u64,
) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let mut search = Search::new(problem, routes, day_of, seed);
    search.place_unplaced();
    for day in 0..problem.days.len() {
        search.reorder(day);
    }
    let start_metres = search.plan.total_metres;
    let mut best = (
        search.plan.score(),
        search.plan.routes.clone(),
        search.plan.day_of.clone(),
    );
    for iteration in 0..iterations {
        let threshold =
            (start_metres as f64 * THRESHOLD_FRACTION * (1.0 - iteration as f64 / iterations as f64)) as i64;
        search.begin();
        let improved = if iteration % EMPTY_A_DAY_EVERY == EMPTY_A_DAY_EVERY - 1 {
            search.empty_a_day()
        } else if iteration % REPARTITION_EVERY == 0 {
            search.repartition()
        } else {
            search.ruin_and_recreate(threshold)
        };
        if !improved {
            search.rollback();
        } else if search.plan.score() < best.0 {
            // `clone_from` reuses the kept routes' buffers: no allocation once they have grown.
            best.0 = search.plan.score();
            best.1.clone_from(&search.plan.routes);
            best.2.clone_from(&search.plan.day_of);
        }
    }
    let (_, mut routes, mut day_of) = best;
    spread(problem, &mut routes, &mut day_of);
    (routes, day_of)
}

impl<'p, 'a> Search<'p, 'a> {
    fn new(problem: &'p Problem<'a>, routes: Vec<Vec<usize>>, day_of: Vec<Option<usize>>, seed: u64) -> Self {
        let timings: Vec<_> = routes.iter().map(|r| problem.timing(problem.series_of(r))).collect();
        let metres: Vec<i64> = routes
            .iter()
            .zip(&timings)
            .map(|(r, t)| if r.is_empty() { 0 } else { t.metres })
            .collect();
        let unplaced = (0..day_of.len())
            .filter(|&o| day_of[o].is_none() && problem.fits_alone(problem.occurrences[o].series))
            .count();
        let placed_set = IndexSet::new(day_of.len(), |o| day_of[o].is_some());
        let left_out_set = IndexSet::new(day_of.len(), |o| {
            day_of[o].is_none() && problem.fits_alone(problem.occurrences[o].series)
        });
        let plan = Plan {
            unplaced,
            placed_set,
            left_out_set,
            bus_days: routes.iter().filter(|r| !r.is_empty()).count(),
            total_metres: metres.iter().sum(),
            back: timings.iter().map(|t| t.back_min).collect(),
            metres,
            routes,
            day_of,
        };
        let days = problem.days.len();
        Self {
            problem,
            plan,
            undo: Undo::default(),
            saved: vec![u64::MAX; days],
            stamp: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    fn begin(&mut self) {
        self.stamp += 1;
        self.undo.days.clear();
        self.undo.occurrences.clear();
        self.undo.score = self.plan.score();
    }

    fn rollback(&mut self) {
        for (day, route, metres, back) in self.undo.days.drain(..).rev() {
            self.plan.routes[day] = route;
            self.plan.metres[day] = metres;
            self.plan.back[day] = back;
        }
        while let Some((o, day)) = self.undo.occurrences.pop() {
            self.plan.day_of[o] = day;
            self.track(o);
        }
        (self.plan.unplaced, self.plan.bus_days, self.plan.total_metres) = self.undo.score;
    }

    /// Keeps day `day`'s route, metres and return for the undo, unless this iteration already kept
    /// them.
    fn save_day(&mut self, day: usize) {
        if self.saved[day] != self.stamp {
            self.saved[day] = self.stamp;
            let plan = &self.plan;
            self.undo
                .days
                .push((day, plan.routes[day].clone(), plan.metres[day], plan.back[day]));
        }
    }

    /// Sets day `day`'s route and its cost. The route it replaces goes to the undo (moved, not
    /// copied) when this iteration has not kept that day yet.
    fn set_route(&mut self, day: usize, route: Vec<usize>) {
        let was_used = !self.plan.routes[day].is_empty();
        let old = std::mem::replace(&mut self.plan.routes[day], route);
        if self.saved[day] != self.stamp {
            self.saved[day] = self.stamp;
            let plan = &self.plan;
            self.undo.days.push((day, old, plan.metres[day], plan.back[day]));
        }
        self.update_cost(day, was_used);
    }

    /// Edits day `day`'s route in place (kept for the undo first) and updates its cost.
    fn edit_route(&mut self, day: usize, edit: impl FnOnce(&mut Vec<usize>)) {
        self.save_day(day);
        let was_used = !self.plan.routes[day].is_empty();
        edit(&mut self.plan.routes[day]);
        self.update_cost(day, was_used);
    }

    /// Brings day `day`'s metres, return and the count of bus-days up to date with its route.
    fn update_cost(&mut self, day: usize, was_used: bool) {
        let route = &self.plan.routes[day];
        let timing = self.problem.timing(self.problem.series_of(route));
        let used = !route.is_empty();
        let metres = if used { timing.metres } else { 0 };
        let plan = &mut self.plan;
        plan.total_metres += metres - plan.metres[day];
        plan.metres[day] = metres;
        plan.back[day] = timing.back_min;
        match (was_used, used) {
            (true, false) => plan.bus_days -= 1,
            (false, true) => plan.bus_days += 1,
            _ => {}
        }
    }

    fn set_day_of(&mut self, o: usize, day: Option<usize>) {
        let was = self.plan.day_of[o];
        self.undo.occurrences.push((o, was));
        match (was, day) {
            (Some(_), None) => self.plan.unplaced += 1,
            (None, Some(_)) => self.plan.unplaced -= 1,
            _ => {}
        }
        self.plan.day_of[o] = day;
        self.track(o);
    }

    /// Brings occurrence `o`'s membership of the placed and left-out sets up to date.
    fn track(&mut self, o: usize) {
        let placed = self.plan.day_of[o].is_some();
        let fits = self.problem.fits_alone(self.problem.occurrences[o].series);
        self.plan.placed_set.set(o, placed);
        self.plan.left_out_set.set(o, !placed && fits);
    }

    /// Takes occurrence `o` out of its day.
    fn remove(&mut self, o: usize) {
        let Some(day) = self.plan.day_of[o] else { return };
        self.edit_route(day, |route| route.retain(|&x| x != o));
        self.set_day_of(o, None);
    }

    /// The working days of the nearest placed visits of the same series before and after `o`.
    fn series_neighbour_days(&self, o: usize) -> (Option<usize>, Option<usize>) {
        let p = self.problem;
        let series = p.occurrences[o].series;
        let first = p.first_occurrence[series];
        let end = first + p.visits[series].visits_wanted as usize;
        let before = (first..o).rev().find_map(|x| self.plan.day_of[x]);
        let after = (o + 1..end).find_map(|x| self.plan.day_of[x]);
        (before, after)
    }

    /// The cheapest feasible (day, position, metres added) for occurrence `o`; a new bus-day only
    /// when `may_open` and no used day takes it.
    fn best_place(&self, o: usize, may_open: bool) -> Option<(usize, usize, i64)> {
        let p = self.problem;
        let occ = p.occurrences[o];
        let series = occ.series;
        let (before, after) = self.series_neighbour_days(o);
        let own_min = p.rules.setup_min + p.visits[series].dwell_min + p.rules.packup_min;
        let max_stops = p.rules.max_stops_per_day as usize;
        let mut best: Option<(bool, i64, usize, usize)> = None;
        // Every empty day costs the same: only the first one that keeps the gaps is tried.
        let mut empty_tried = false;
        for day in occ.release..occ.due {
            let route = &self.plan.routes[day];
            let opens = route.is_empty();
            if (opens && (!may_open || empty_tried)) || route.len() >= max_stops {
                continue;
            }
            if !opens && self.plan.back[day].saturating_add(own_min) > p.rules.window.end_min {
                continue;
            }
            if best.is_some_and(|b| !b.0) && opens {
                continue;
            }
            if before.is_some_and(|b| !p.gap_ok(b, day)) || after.is_some_and(|a| !p.gap_ok(day, a)) {
                continue;
            }
            empty_tried |= opens;
            for position in 0..=route.len() {
                let route = &self.plan.routes[day];
                let trial = p
                    .series_of(&route[..position])
                    .chain([series])
                    .chain(p.series_of(&route[position..]));
                let timing = p.timing(trial);
                if timing.back_min > p.rules.window.end_min {
                    continue;
                }
                let key = (opens, timing.metres - self.plan.metres[day], day, position);
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            }
        }
        best.map(|(_, added, day, position)| (day, position, added))
    }

    /// Puts occurrence `o` at its cheapest place; false when nothing takes it.
    fn insert(&mut self, o: usize, may_open: bool) -> bool {
        let Some((day, position, _)) = self.best_place(o, may_open) else {
            return false;
        };
        self.edit_route(day, |route| route.insert(position, o));
        self.set_day_of(o, Some(day));
        true
    }

    /// Tries every visit the greedy start left out once more.
    fn place_unplaced(&mut self) {
        for o in 0..self.problem.occurrences.len() {
            if self.plan.day_of[o].is_none() && self.problem.fits_alone(self.problem.occurrences[o].series) {
                self.begin();
                if !self.insert(o, true) {
                    self.rollback();
                }
            }
        }
    }

    /// Reorders day `day`'s route to its shortest feasible order (exhaustively for short days).
    fn reorder(&mut self, day: usize) {
        let len = self.plan.routes[day].len();
        if !(2..=EXHAUSTIVE_ORDER_MAX).contains(&len) {
            return;
        }
        let p = self.problem;
        let mut best = (self.plan.metres[day], self.plan.back[day], None);
        for_each_order(&self.plan.routes[day], |order| {
            let t = p.timing(p.series_of(order));
            if t.back_min <= p.rules.window.end_min && (t.metres, t.back_min) < (best.0, best.1) {
                best = (t.metres, t.back_min, Some(Order::of(order)));
            }
        });
        if let Some(order) = best.2
            && order.as_slice() != self.plan.routes[day].as_slice()
        {
            self.set_route(day, order.as_slice().to_vec());
        }
    }

    /// One ruin and recreate; true when the result is kept.
    fn ruin_and_recreate(&mut self, threshold: i64) -> bool {
        let placed = self.plan.placed_set.len();
        if placed == 0 {
            return false;
        }
        let centre = if self.plan.unplaced > 0 && self.rng.random_bool(UNPLACED_CENTRE_SHARE) {
            let left_out = self.plan.left_out_set.len();
            self.plan.left_out_set.nth(self.rng.random_range(0..left_out))
        } else {
            self.plan.placed_set.nth(self.rng.random_range(0..placed))
        };
        let mut removed = if self.rng.random_bool(0.5) {
            self.neighbourhood(centre)
        } else {
            self.days_around(centre)
        };
        if self.plan.day_of[centre].is_none() && !removed.contains(&centre) {
            removed.push(centre);
        }
        for &o in &removed {
            self.remove(o);
        }
        let mut order = removed;
        match self.rng.random_range(0..3) {
            0 => shuffle(&mut order, &mut self.rng),
            1 => order
                .sort_by_key(|&o| std::cmp::Reverse(self.problem.visits[self.problem.occurrences[o].series].dwell_min)),
            _ => order.sort_by_key(|&o| {
                let series = self.problem.occurrences[o].series;
                std::cmp::Reverse(self.problem.legs.leg(DEPOT, series + 1).travel_min)
            }),
        }
        for &o in &order {
            self.insert(o, true);
        }
        let mut touched: Vec<usize> = self.undo.days.iter().map(|d| d.0).collect();
        touched.sort_unstable();
        touched.dedup();
        for day in touched {
            self.reorder(day);
        }
        let (unplaced, days, metres) = self.plan.score();
        let (old_unplaced, old_days, old_metres) = self.undo.score;
        (unplaced, days) < (old_unplaced, old_days)
            || ((unplaced, days) == (old_unplaced, old_days) && metres <= old_metres + threshold)
    }

    /// The centre and the placed visits of its nearest series in the same round.
    fn neighbourhood(&mut self, centre: usize) -> Vec<usize> {
        let p = self.problem;
        let size = self.rng.random_range(RUIN_MIN..=RUIN_MAX);
        let occ = p.occurrences[centre];
        let mut removed = vec![centre];
        for &n in &p.neighbours[occ.series] {
            if removed.len() >= size {
                break;
            }
            let n = n as usize;
            let first = p.first_occurrence[n];
            for o in first..first + p.visits[n].visits_wanted as usize {
                let day = self.plan.day_of[o];
                if day.is_some_and(|d| d >= occ.release && d < occ.due) && removed.len() < size {
                    removed.push(o);
                }
            }
        }
        removed
    }

    /// Every visit of the centre's day and of the days of one or two of its neighbours.
    fn days_around(&mut self, centre: usize) -> Vec<usize> {
        let p = self.problem;
        let occ = p.occurrences[centre];
        let mut days: Vec<usize> = self.plan.day_of[centre].into_iter().collect();
        let wanted = self.rng.random_range(2..=3);
        for &n in &p.neighbours[occ.series] {
            if days.len() >= wanted {
                break;
            }
            let n = n as usize;
            let first = p.first_occurrence[n];
            for o in first..first + p.visits[n].visits_wanted as usize {
                if let Some(d) = self.plan.day_of[o].filter(|d| *d >= occ.release && *d < occ.due && !days.contains(d))
                    && days.len() < wanted
                {
                    days.push(d);
                }
            }
        }
        days.iter().flat_map(|&d| self.plan.routes[d].clone()).collect()
    }

    /// Re-partitions the visits of a few nearby bus-days of one round exactly: the fewest days,
    /// then the fewest metres, over every way of grouping them into feasible days (each group
    /// in its best order), put back on the same working days where the gaps allow; true when
    /// the result is kept (never worse).
    fn repartition(&mut self) -> bool {
        let p = self.problem;
        let max_stops = p.rules.max_stops_per_day as usize;
        if max_stops > REPARTITION_MAX_STOPS {
            return false;
        }
        let placed = self.plan.placed_set.len();
        if placed == 0 {
            return false;
        }
        let centre = self.plan.placed_set.nth(self.rng.random_range(0..placed));
        let limit = self.rng.random_range(REPARTITION_MIN_VISITS..=REPARTITION_MAX_VISITS);
        let days = self.nearby_days(centre, limit);
        let visits: Vec<usize> = days.iter().flat_map(|&d| self.plan.routes[d].clone()).collect();
        if days.len() < 2 {
            return false;
        }
        let old: i64 = days.iter().map(|&d| self.plan.metres[d]).sum();
        let groups = Groups::new(p, &visits, max_stops);
        let Some((count, metres, chosen)) = groups.best_partition() else {
            return false;
        };
        if (count, metres) >= (days.len(), old) {
            return false;
        }
        for &o in &visits {
            self.remove(o);
        }
        let routes: Vec<Vec<usize>> = chosen.iter().map(|&g| groups.order[g].clone()).collect();
        match self.assign_days(&routes, &days) {
            Some(assignment) => {
                for (route, day) in routes.into_iter().zip(assignment) {
                    for &o in &route {
                        self.set_day_of(o, Some(day));
                    }
                    self.set_route(day, route);
                }
                true
            }
            None => false,
        }
    }

    /// The centre's bus-day and the days of its nearest series in its round, whole days only,
    /// while they hold at most `limit` visits.
    fn nearby_days(&self, centre: usize, limit: usize) -> Vec<usize> {
        let p = self.problem;
        let occ = p.occurrences[centre];
        let Some(first_day) = self.plan.day_of[centre] else {
            return Vec::new();
        };
        let mut days = vec![first_day];
        let mut count = self.plan.routes[first_day].len();
        for &n in &p.neighbours[occ.series] {
            let n = n as usize;
            let first = p.first_occurrence[n];
            for o in first..first + p.visits[n].visits_wanted as usize {
                let Some(d) = self.plan.day_of[o] else { continue };
                if d >= occ.release && d < occ.due && !days.contains(&d) {
                    let more = self.plan.routes[d].len();
                    if count + more <= limit {
                        days.push(d);
                        count += more;
                    }
                }
            }
        }
        days
    }

    /// Working days for `routes` among `days` (each used once) that keep every visit in its
    /// round and its series' gaps; found by trying the days in turn (backtracking).
    fn assign_days(&self, routes: &[Vec<usize>], days: &[usize]) -> Option<Vec<usize>> {
        let mut day_of = self.plan.day_of.clone();
        let mut chosen = Vec::new();
        let mut used = vec![false; days.len()];
        assign(self.problem, routes, days, &mut used, &mut day_of, &mut chosen).then_some(chosen)
    }

    /// Clears one of the emptiest bus-days and puts its visits on other used days; true when
    /// they all fit.
    fn empty_a_day(&mut self) -> bool {
        let p = self.problem;
        let mut used: Vec<(u32, usize)> = (0..p.days.len())
            .filter(|&d| !self.plan.routes[d].is_empty())
            .map(|d| {
                let busy = self.plan.routes[d]
                    .iter()
                    .map(|&o| p.visits[p.occurrences[o].series].dwell_min)
                    .sum();
                (busy, d)
            })
            .collect();
        if used.len() < 2 {
            return false;
        }
        used.sort_unstable();
        let pick = self.rng.random_range(0..used.len().min(EMPTIEST_CHOICE));
        let day = used[pick].1;
        let visits = self.plan.routes[day].clone();
        for &o in &visits {
            self.remove(o);
        }
        let mut order = visits;
        order.sort_by_key(|&o| std::cmp::Reverse(p.visits[p.occurrences[o].series].dwell_min));
        order.iter().all(|&o| self.insert(o, false))
    }
}

/// The best partition of some visits: (groups, metres, its group holding the lowest visit).
type Partition = (usize, i64, usize);
/// A memo of [`Groups::solve`]: `None` not computed yet, `Some(None)` no partition.
type Memo = Option<Option<Partition>>;

/// The feasible groups (a bus-day's worth) of a few visits, each in its shortest feasible order,
/// and the exact partition of all of them into the fewest groups, then the fewest metres.
struct Groups {
    /// Bit mask of each group over the visits.
    mask: Vec<u32>,
    metres: Vec<i64>,
    /// The group's occurrences in driving order.
    order: Vec<Vec<usize>>,
    /// Groups by their lowest visit.
    by_lowest: Vec<Vec<usize>>,
    visits: usize,
}

impl Groups {
    fn new(p: &Problem, visits: &[usize], max_stops: usize) -> Self {
        let n = visits.len();
        let mut groups = Self {
            mask: Vec::new(),
            metres: Vec::new(),
            order: Vec::new(),
            by_lowest: vec![Vec::new(); n],
            visits: n,
        };
        // Grow groups from feasible smaller ones only: a stop more never ends a day earlier
        // (the drives obey the triangle inequality and every stop adds its own time).
        let mut frontier: Vec<(u32, usize)> = Vec::new();
        for (i, &visit) in visits.iter().enumerate() {
            if let Some((metres, order)) = best_order(p, &[visit]) {
                groups.push(1 << i, metres, order, i);
                frontier.push((1 << i, i));
            }
        }
        let mut members = Vec::with_capacity(max_stops);
        for _ in 1..max_stops {
            let mut next = Vec::new();
            for &(mask, highest) in &frontier {
                for j in highest + 1..n {
                    members.clear();
                    members.extend((0..n).filter(|&k| (mask | 1 << j) >> k & 1 == 1).map(|k| visits[k]));
                    if !distinct_days_allowed(p, &members) {
                        continue;
                    }
                    if let Some((metres, order)) = best_order(p, &members) {
                        let lowest = mask.trailing_zeros() as usize;
                        groups.push(mask | 1 << j, metres, order, lowest);
                        next.push((mask | 1 << j, j));
                    }
                }
            }
            frontier = next;
        }
        groups
    }

    fn push(&mut self, mask: u32, metres: i64, order: Vec<usize>, lowest: usize) {
        self.by_lowest[lowest].push(self.mask.len());
        self.mask.push(mask);
        self.metres.push(metres);
        self.order.push(order);
    }

    /// The fewest groups covering every visit once, then the fewest metres: (groups, metres,
    /// the groups chosen); `None` when some visit is in no group.
    fn best_partition(&self) -> Option<(usize, i64, Vec<usize>)> {
        let full = (1u32 << self.visits) - 1;
        // best[mask]: the best partition of the visits in `mask` (None: not computed yet).
        let mut best: Vec<Memo> = vec![None; 1 << self.visits];
        best[0] = Some(Some((0, 0, usize::MAX)));
        self.solve(full, &mut best)?;
        let mut chosen = Vec::new();
        let mut mask = full;
        let (count, metres, _) = best[full as usize].flatten()?;
        while mask != 0 {
            let (_, _, group) = best[mask as usize].flatten()?;
            chosen.push(group);
            mask &= !self.mask[group];
        }
        Some((count, metres, chosen))
    }

    fn solve(&self, mask: u32, best: &mut [Memo]) -> Option<Partition> {
        if let Some(known) = best[mask as usize] {
            return known;
        }
        let lowest = mask.trailing_zeros() as usize;
        let mut answer: Option<Partition> = None;
        for &g in &self.by_lowest[lowest] {
            let group = self.mask[g];
            if group & !mask != 0 {
                continue;
            }
            if let Some((count, metres, _)) = self.solve(mask & !group, best) {
                let candidate = (count + 1, metres + self.metres[g], g);
                if answer.is_none_or(|a| (candidate.0, candidate.1) < (a.0, a.1)) {
                    answer = Some(candidate);
                }
            }
        }
        best[mask as usize] = Some(answer);
        answer
    }
}

/// The shortest feasible order of `members` (occurrences), tried exhaustively: (metres, order).
fn best_order(p: &Problem, members: &[usize]) -> Option<(i64, Vec<usize>)> {
    let mut best: Option<(i64, u32, Order)> = None;
    for_each_order(members, |order| {
        let t = p.timing(p.series_of(order));
        if t.back_min <= p.rules.window.end_min && best.as_ref().is_none_or(|b| (t.metres, t.back_min) < (b.0, b.1)) {
            best = Some((t.metres, t.back_min, Order::of(order)));
        }
    });
    best.map(|(metres, _, order)| (metres, order.as_slice().to_vec()))
}

/// False when two of `members` are visits of one series (never on one day).
fn distinct_days_allowed(p: &Problem, members: &[usize]) -> bool {
    let series = |o: usize| p.occurrences[o].series;
    members
        .iter()
        .enumerate()
        .all(|(i, &a)| members[i + 1..].iter().all(|&b| series(a) != series(b)))
}

/// Assigns `routes[chosen.len()..]` to unused `days` (backtracking); true when all are placed.
fn assign(
    p: &Problem,
    routes: &[Vec<usize>],
    days: &[usize],
    used: &mut [bool],
    day_of: &mut [Option<usize>],
    chosen: &mut Vec<usize>,
) -> bool {
    let Some(route) = routes.get(chosen.len()) else {
        return true;
    };
    for (k, &day) in days.iter().enumerate() {
        let fits = route.iter().all(|&o| {
            let occ = p.occurrences[o];
            day >= occ.release && day < occ.due && gaps_hold(p, o, day, day_of)
        });
        if used[k] || !fits {
            continue;
        }
        used[k] = true;
        for &o in route {
            day_of[o] = Some(day);
        }
        chosen.push(day);
        if assign(p, routes, days, used, day_of, chosen) {
            return true;
        }
        chosen.pop();
        for &o in route {
            day_of[o] = None;
        }
        used[k] = false;
    }
    false
}

/// One order of at most [`EXHAUSTIVE_ORDER_MAX`] occurrences, kept without allocating.
#[derive(Clone, Copy)]
struct Order {
    items: [usize; EXHAUSTIVE_ORDER_MAX],
    len: usize,
}

impl Order {
    fn of(items: &[usize]) -> Self {
        let mut order = Self {
            items: [0; EXHAUSTIVE_ORDER_MAX],
            len: items.len(),
        };
        order.items[..items.len()].copy_from_slice(items);
        order
    }

    fn as_slice(&self) -> &[usize] {
        &self.items[..self.len]
    }
}

/// Calls `visit` with every order of `items` (at most [`EXHAUSTIVE_ORDER_MAX`] of them), the given
/// order first, then as Heap's algorithm swaps them, in one buffer (no order is allocated).
fn for_each_order(items: &[usize], mut visit: impl FnMut(&[usize])) {
    let mut a = Order::of(items);
    let n = a.len;
    let mut c = [0usize; EXHAUSTIVE_ORDER_MAX];
    visit(a.as_slice());
    let mut i = 1;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                a.items.swap(0, i);
            } else {
                a.items.swap(c[i], i);
            }
            visit(a.as_slice());
            c[i] += 1;
            i = 1;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
}

/// Fisher–Yates with the search's generator.
fn shuffle(items: &mut [usize], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

/// Moves the bus-days of each round to evenly spaced working days of the round, in their order,
/// where the gaps allow (otherwise to the nearest free day that keeps them, or not at all).
pub(super) fn spread(problem: &Problem, routes: &mut [Vec<usize>], day_of: &mut [Option<usize>]) {
    let mut groups: Vec<((usize, usize), Vec<usize>)> = Vec::new();
    for (day, route) in routes.iter().enumerate() {
        let Some(&first) = route.first() else { continue };
        let window = (problem.occurrences[first].release, problem.occurrences[first].due);
        let same = route.iter().all(|&o| {
            let occ = problem.occurrences[o];
            (occ.release, occ.due) == window
        });
        if !same {
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == window) {
            Some(group) => group.1.push(day),
            None => groups.push((window, vec![day])),
        }
    }
    for ((lo, hi), days) in groups {
        let (m, length) = (days.len(), hi - lo);
        for (i, &day) in days.iter().enumerate() {
            let ideal = lo + (2 * i + 1) * length / (2 * m);
            let route = std::mem::take(&mut routes[day]);
            let feasible = |d: usize, routes: &[Vec<usize>], day_of: &[Option<usize>]| {
                routes[d].is_empty() && route.iter().all(|&o| gaps_hold(problem, o, d, day_of))
            };
            let target = (0..length)
                .flat_map(|step| [ideal.checked_sub(step), ideal.checked_add(step)])
                .flatten()
                .filter(|&d| d >= lo && d < hi)
                .find(|&d| d == day || feasible(d, routes, day_of))
                .unwrap_or(day);
            for &o in &route {
                day_of[o] = Some(target);
            }
            routes[target] = route;
        }
    }
}

/// True when occurrence `o` on working day `day` keeps the gaps to its series' placed visits
/// before and after it.
fn gaps_hold(problem: &Problem, o: usize, day: usize, day_of: &[Option<usize>]) -> bool {
    let series = problem.occurrences[o].series;
    let first = problem.first_occurrence[series];
    let end = first + problem.visits[series].visits_wanted as usize;
    let before = (first..o).rev().find_map(|x| day_of[x]);
    let after = (o + 1..end).find_map(|x| day_of[x]);
    before.is_none_or(|b| problem.gap_ok(b, day)) && after.is_none_or(|a| problem.gap_ok(day, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every order of `items`, as `for_each_order` visits them.
    fn orders(items: &[usize]) -> Vec<Vec<usize>> {
        let mut seen = Vec::new();
        for_each_order(items, |order| seen.push(order.to_vec()));
        seen
    }

    #[test]
    fn every_order_is_visited_once_the_given_one_first_in_heaps_sequence() {
        // Heap's algorithm on three items (Sedgewick 1977): abc, bac, cab, acb, bca, cba.
        assert_eq!(
            orders(&[1, 2, 3]),
            [[1, 2, 3], [2, 1, 3], [3, 1, 2], [1, 3, 2], [2, 3, 1], [3, 2, 1]]
        );
        assert_eq!(orders(&[]), [Vec::<usize>::new()]);
        assert_eq!(orders(&[7]), [[7]]);
        for n in 2..=EXHAUSTIVE_ORDER_MAX {
            let items: Vec<usize> = (10..10 + n).collect();
            let mut all = orders(&items);
            assert_eq!(all[0], items);
            let count = all.len();
            assert_eq!(count, (1..=n).product::<usize>(), "{n} items");
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), count, "{n} items: an order was visited twice");
        }
    }
}
