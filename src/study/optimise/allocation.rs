//! The optimiser's allocation on the time surrogate: the multiple-choice knapsack filled greedily
//! and improved by pair moves, its linear relaxation (the bound), and the moves tried by the planner.

use std::collections::BinaryHeap;

use super::search::MAX_CHECKED_MOVES;
use super::{GAIN_EPS, Plan, Screening};

/// Moves kept, best first, from each scan of the neighbourhood of the best plan (the planner is
/// asked about them in that order until one fits; more than the calls, since moves dominated by a
/// plan that did not fit are skipped without a call).
const MOVE_LIST: usize = 4 * MAX_CHECKED_MOVES;
/// Passes of pair moves on the surrogate (each applies the best pair move; the allocation
/// converges in far fewer on the shipped scenarios).
const MAX_PAIR_PASSES: usize = 400;

/// The largest screening value of any allocation whose surrogate time is at most `capacity_min`
/// if visits could be split: the linear relaxation of the multiple-choice knapsack (each
/// settlement's options on their upper concave hull of time against value, the hull's steps taken
/// by falling gain per minute across settlements, the last one in part). It bounds every allocation
/// [`allocate`] can give at that capacity; it bounds a planner-checked plan only as far as the
/// surrogate's time per visit is right (the clerk-hours limit is left out, which only raises it).
pub fn surrogate_bound(screening: &Screening, capacity_min: f64) -> f64 {
    let mut left = capacity_min;
    let mut value = 0.0;
    for (per_min, minutes) in hull_steps(screening) {
        if left <= 0.0 {
            break;
        }
        let take = minutes.min(left);
        value += per_min * take;
        left -= take;
    }
    value
}

/// The steps of every settlement's upper concave hull of surrogate time against value, as
/// (gain per minute, minutes), by falling gain per minute.
fn hull_steps(screening: &Screening) -> Vec<(f64, f64)> {
    // (gain per minute, minutes) of every hull step.
    let mut steps: Vec<(f64, f64)> = Vec::new();
    for settlement in &screening.settlements {
        let mut points: Vec<(f64, f64)> = settlement.options.iter().map(|o| (o.busy_min, o.value)).collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
        let mut hull: Vec<(f64, f64)> = vec![(0.0, 0.0)];
        for p in points {
            if p.1 <= hull[hull.len() - 1].1 {
                continue;
            }
            while let [.., a, b] = hull[..] {
                // b lies on or below the chord from a to p: not on the upper hull.
                if (b.1 - a.1) * (p.0 - a.0) <= (p.1 - a.1) * (b.0 - a.0) {
                    hull.pop();
                } else {
                    break;
                }
            }
            hull.push(p);
        }
        steps.extend(
            hull.windows(2)
                .map(|w| ((w[1].1 - w[0].1) / (w[1].0 - w[0].0), w[1].0 - w[0].0)),
        );
    }
    steps.sort_by(|a, b| b.0.total_cmp(&a.0));
    steps
}

/// The multiple-choice knapsack on the surrogate: from nothing, repeatedly the single change with
/// the best gain per minute that fits, then the best pair move while one gains.
pub fn allocate(screening: &Screening, capacity_min: f64, clerk_cap: f64) -> Plan {
    let mut plan: Plan = vec![0; screening.settlements.len()];
    fill(screening, &mut plan, capacity_min, clerk_cap);
    for _ in 0..MAX_PAIR_PASSES {
        if !best_pair_move(screening, &mut plan, capacity_min, clerk_cap) {
            break;
        }
        fill(screening, &mut plan, capacity_min, clerk_cap);
    }
    plan
}

/// Greedy single changes: the best gain per added minute (a change that frees time and gains
/// first), under a clerk-hours budget per added share of the two budgets (minutes ÷ capacity plus
/// clerk-hours ÷ budget), until none fits.
fn fill(screening: &Screening, plan: &mut Plan, capacity_min: f64, clerk_cap: f64) {
    loop {
        let busy = screening.busy_min(plan);
        let clerks = screening.clerk_hours(plan);
        let mut chosen: Option<(f64, f64, usize, usize)> = None;
        for (s, settlement) in screening.settlements.iter().enumerate() {
            let now = settlement.options[plan[s]];
            for (o, option) in settlement.options.iter().enumerate() {
                let gain = option.value - now.value;
                let more = option.busy_min - now.busy_min;
                if gain <= GAIN_EPS
                    || busy + more > capacity_min + GAIN_EPS
                    || clerks + option.clerk_hours - now.clerk_hours > clerk_cap + GAIN_EPS
                {
                    continue;
                }
                // Under a clerk-hours budget a change spends two resources: its shares of both.
                let spent = if clerk_cap.is_finite() {
                    more / capacity_min + (option.clerk_hours - now.clerk_hours) / clerk_cap
                } else {
                    more
                };
                let score = if spent <= 0.0 { f64::INFINITY } else { gain / spent };
                if chosen.is_none_or(|(best, best_gain, _, _)| score > best || (score == best && gain > best_gain)) {
                    chosen = Some((score, gain, s, o));
                }
            }
        }
        match chosen {
            Some((_, _, s, o)) => plan[s] = o,
            None => return,
        }
    }
}

/// Applies the pair move (two settlements change options) with the largest gain that fits; false
/// when none gains.
fn best_pair_move(screening: &Screening, plan: &mut Plan, capacity_min: f64, clerk_cap: f64) -> bool {
    let busy = screening.busy_min(plan);
    let clerks = screening.clerk_hours(plan);
    let mut chosen: Option<(f64, usize, usize, usize, usize)> = None;
    let sets = &screening.settlements;
    for (a, sa) in sets.iter().enumerate() {
        let now_a = sa.options[plan[a]];
        for (oa, option_a) in sa.options.iter().enumerate() {
            if oa == plan[a] {
                continue;
            }
            let (gain_a, more_a) = (option_a.value - now_a.value, option_a.busy_min - now_a.busy_min);
            let clerks_a = option_a.clerk_hours - now_a.clerk_hours;
            for (b, sb) in sets.iter().enumerate().skip(a + 1) {
                let now_b = sb.options[plan[b]];
                for (ob, option_b) in sb.options.iter().enumerate() {
                    if ob == plan[b] {
                        continue;
                    }
                    let gain = gain_a + option_b.value - now_b.value;
                    if gain <= GAIN_EPS || chosen.is_some_and(|c| gain <= c.0) {
                        continue;
                    }
                    if busy + more_a + option_b.busy_min - now_b.busy_min > capacity_min + GAIN_EPS
                        || clerks + clerks_a + option_b.clerk_hours - now_b.clerk_hours > clerk_cap + GAIN_EPS
                    {
                        continue;
                    }
                    chosen = Some((gain, a, oa, b, ob));
                }
            }
        }
    }
    match chosen {
        Some((_, a, oa, b, ob)) => {
            plan[a] = oa;
            plan[b] = ob;
            true
        }
        None => false,
    }
}

/// Whether `plan` asks at least as much of every settlement as `other`: as many visits or more,
/// each as long or longer (a planner that could not fit `other` has no more room for `plan`).
pub(super) fn asks_at_least(screening: &Screening, plan: &[usize], other: &[usize]) -> bool {
    screening
        .settlements
        .iter()
        .zip(plan.iter().zip(other))
        .all(|(s, (&a, &b))| {
            let (a, b) = (s.options[a], s.options[b]);
            b.visits == 0 || a.visits >= b.visits && a.dwell_hours >= b.dwell_hours - GAIN_EPS
        })
}

/// The surrogate's price of a minute at `capacity_min`: the gain per minute of the step of the
/// linear relaxation ([`surrogate_bound`]) that the capacity ends in (0 past the last step).
pub(super) fn marginal_rate(screening: &Screening, capacity_min: f64) -> f64 {
    let mut left = capacity_min;
    for (per_min, minutes) in hull_steps(screening) {
        if left < minutes {
            return per_min;
        }
        left -= minutes;
    }
    0.0
}

/// Plans one or two changes away from `plan` that gain on the screening value and keep within the
/// clerk-hours, at most [`MOVE_LIST`], best first by the gain less `price` × the surrogate minutes
/// added (then the larger gain, then the order found).
pub(super) fn improving_moves(screening: &Screening, plan: &[usize], clerk_cap: f64, price: f64) -> Vec<Plan> {
    /// A move by its score, ordered so that the heap's top is the worst move kept (the smallest
    /// score, then the smallest gain, then the latest found), for a deterministic top list.
    #[derive(PartialEq)]
    struct Move(f64, f64, usize, Vec<(usize, usize)>);
    impl Eq for Move {}
    impl PartialOrd for Move {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Move {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            other
                .0
                .total_cmp(&self.0)
                .then(other.1.total_cmp(&self.1))
                .then(self.2.cmp(&other.2))
        }
    }
    let mut heap: BinaryHeap<Move> = BinaryHeap::new();
    let mut found = 0;
    let clerks = screening.clerk_hours(plan);
    let mut offer = |gain: f64, more: f64, changes: Vec<(usize, usize)>, heap: &mut BinaryHeap<Move>| {
        found += 1;
        let score = gain - price * more;
        if heap.len() >= MOVE_LIST && heap.peek().is_some_and(|worst| (score, gain) <= (worst.0, worst.1)) {
            return;
        }
        heap.push(Move(score, gain, found, changes));
        if heap.len() > MOVE_LIST {
            heap.pop();
        }
    };
    let sets = &screening.settlements;
    for (a, sa) in sets.iter().enumerate() {
        let now_a = sa.options[plan[a]];
        for (oa, option_a) in sa.options.iter().enumerate() {
            if oa == plan[a] {
                continue;
            }
            let gain_a = option_a.value - now_a.value;
            let more_a = option_a.busy_min - now_a.busy_min;
            let clerks_a = option_a.clerk_hours - now_a.clerk_hours;
            if gain_a > GAIN_EPS && clerks + clerks_a <= clerk_cap + GAIN_EPS {
                offer(gain_a, more_a, vec![(a, oa)], &mut heap);
            }
            for (b, sb) in sets.iter().enumerate().skip(a + 1) {
                let now_b = sb.options[plan[b]];
                for (ob, option_b) in sb.options.iter().enumerate() {
                    let gain = gain_a + option_b.value - now_b.value;
                    if ob == plan[b]
                        || gain <= GAIN_EPS
                        || clerks + clerks_a + option_b.clerk_hours - now_b.clerk_hours > clerk_cap + GAIN_EPS
                    {
                        continue;
                    }
                    let more = more_a + option_b.busy_min - now_b.busy_min;
                    offer(gain, more, vec![(a, oa), (b, ob)], &mut heap);
                }
            }
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|m| {
            let mut next = plan.to_vec();
            for (s, o) in m.3 {
                next[s] = o;
            }
            next
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Venue;
    use crate::study::optimise::{
        DwellShares, Objective, OptionRules, ScreenedSettlement, SettlementOption, settlement_options,
    };

    fn option(visits: u32, busy_min: f64, value: f64) -> SettlementOption {
        SettlementOption {
            visits,
            dwell_hours: 2.0,
            value,
            busy_min,
            clerk_hours: 0.0,
            clerks: 1,
        }
    }

    /// Two settlements: A gains 10 in 100 min, then 4 more in 100 more (or 11 in 150, below
    /// its hull); B gains 6 in 100 min.
    fn screening() -> Screening {
        let settlement = |name: &str, options: Vec<SettlementOption>| ScreenedSettlement {
            settlement: name.into(),
            venue: Venue::Municipality,
            clerks: 1,
            options,
            practice: 0,
            demand: 0.0,
            visit_values: Vec::new(),
        };
        Screening {
            objective: Objective::ServedWithinTarget,
            settlements: vec![
                settlement(
                    "A",
                    vec![
                        option(0, 0.0, 0.0),
                        option(1, 100.0, 10.0),
                        option(1, 150.0, 11.0),
                        option(2, 200.0, 14.0),
                    ],
                ),
                settlement("B", vec![option(0, 0.0, 0.0), option(1, 100.0, 6.0)]),
            ],
            grid_hours: vec![2.0],
            overhead_min: 0.0,
            day_min: 100.0,
            practice_bus_days: 1,
        }
    }

    #[test]
    fn the_bound_is_the_linear_relaxation_worked_by_hand() {
        let s = screening();
        // Steps by gain per minute: A 0.1 × 100, B 0.06 × 100, A 0.04 × 100.
        assert!((surrogate_bound(&s, 100.0) - 10.0).abs() < 1e-12);
        assert!((surrogate_bound(&s, 150.0) - 13.0).abs() < 1e-12);
        assert!((surrogate_bound(&s, 250.0) - 18.0).abs() < 1e-12);
        assert!((surrogate_bound(&s, 1000.0) - 20.0).abs() < 1e-12);
    }

    #[test]
    fn the_price_of_a_minute_is_the_step_the_capacity_ends_in() {
        let s = screening();
        // Steps by gain per minute: A 0.1 × 100, B 0.06 × 100, A 0.04 × 100.
        assert_eq!(marginal_rate(&s, 50.0), 0.1);
        assert_eq!(marginal_rate(&s, 150.0), 0.06);
        assert_eq!(marginal_rate(&s, 250.0), 0.04);
        assert_eq!(marginal_rate(&s, 300.0), 0.0);
    }

    #[test]
    fn a_plan_asks_at_least_another_when_no_settlement_asks_less() {
        let mut s = screening();
        s.settlements[0].options[2].dwell_hours = 3.0;
        // A: 0 none, 1 once 2 h, 2 once 3 h, 3 twice 2 h; B: 0 none, 1 once 2 h.
        assert!(asks_at_least(&s, &[2, 1], &[1, 1]));
        assert!(asks_at_least(&s, &[1, 1], &[1, 0]));
        assert!(asks_at_least(&s, &[3, 1], &[3, 1]));
        assert!(!asks_at_least(&s, &[3, 1], &[2, 1]), "more visits but shorter");
        assert!(!asks_at_least(&s, &[2, 0], &[1, 1]), "B not visited");
    }

    #[test]
    fn the_moves_gain_and_are_ordered_by_gain_less_the_price_of_their_time() {
        let s = screening();
        // From A once (10): B once (+6, +100 min), A twice and B (+10, +200 min), A at 150 min
        // and B (+7, +150 min), A twice (+4, +100 min), A at 150 min (+1, +50 min); at 0.05 a
        // minute they score 1, 0, -0.5, -1, -1.5 in that order.
        let moves = improving_moves(&s, &[1, 0], f64::INFINITY, 0.05);
        assert!(moves.iter().all(|m| s.value(m) > s.value(&[1, 0])));
        assert_eq!(moves, vec![vec![1, 1], vec![3, 1], vec![2, 1], vec![3, 0], vec![2, 0]]);
        // Dropping A for B gains nothing: not a move.
        assert!(!moves.contains(&vec![0, 1]));
        // At no price the largest gain comes first: A twice and B (+10).
        assert_eq!(improving_moves(&s, &[1, 0], f64::INFINITY, 0.0)[0], vec![3, 1]);
    }

    /// Two settlements of 10 clients a visit, one visit each at most, room for one: A serves
    /// everyone but only 60 % within the target, B 65 % within the target but loses 30 %.
    fn disagreeing(objective: Objective) -> Screening {
        let rules = OptionRules {
            max_visits: 1,
            practice_visits: 1,
            practice_hours: 2.0,
            clerks: 1,
            overhead_min: 60.0,
            clerk_hours_limited: false,
        };
        let settlement = |name: &str, within_target: f64, lost: f64| {
            let shares = [DwellShares {
                dwell_hours: 2.0,
                clerks: 1,
                within_target,
                lost,
            }];
            let choices = settlement_options(objective, &[2.0], &shares, &rules, |visits, _| 10.0 * f64::from(visits));
            ScreenedSettlement {
                settlement: name.into(),
                venue: Venue::Municipality,
                clerks: 1,
                options: choices.options,
                practice: choices.practice,
                demand: choices.demand,
                visit_values: choices.visit_values,
            }
        };
        Screening {
            objective,
            settlements: vec![settlement("A", 0.6, 0.0), settlement("B", 0.65, 0.3)],
            grid_hours: vec![2.0],
            overhead_min: 60.0,
            day_min: 180.0,
            practice_bus_days: 1,
        }
    }

    #[test]
    fn the_objective_changes_the_choice_where_the_two_disagree() {
        // One visit takes 2 h + 60 min = 180 min; 200 min hold one.
        let within = disagreeing(Objective::ServedWithinTarget);
        let plan = allocate(&within, 200.0, f64::INFINITY);
        assert_eq!(plan, vec![0, 1], "B: 6.5 served within the target against A's 6");
        assert!((within.figure(&plan) - 6.5).abs() < 1e-12);
        let lost = disagreeing(Objective::Lost);
        let plan = allocate(&lost, 200.0, f64::INFINITY);
        assert_eq!(
            plan,
            vec![1, 0],
            "A: none lost and B's 10 unserved (10) against A's 10 unserved and B's 3 lost (13)"
        );
        assert!((lost.figure(&plan) - 10.0).abs() < 1e-12);
        assert!((lost.figure(&[0, 1]) - 13.0).abs() < 1e-12);
        assert!(
            (lost.figure(&[0, 0]) - 20.0).abs() < 1e-12,
            "nothing visited: the whole demand unserved"
        );
    }

    #[test]
    fn the_allocation_is_the_best_that_fits_and_within_the_bound() {
        let s = screening();
        // At 200 min: A once + B (16) beats A twice (14) and A at 150 min (11).
        let plan = allocate(&s, 200.0, f64::INFINITY);
        assert_eq!(plan, vec![1, 1]);
        assert!(s.value(&plan) <= surrogate_bound(&s, 200.0) + 1e-12);
        // At 150 min one visit fits: A's first, then lengthened to its 150-min option (11).
        let plan = allocate(&s, 150.0, f64::INFINITY);
        assert_eq!(s.value(&plan), 11.0);
    }
}
