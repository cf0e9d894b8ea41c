//! Lower bounds from which visits can share a bus-day at all: pairs and triples checked against
//! the day window, a matching bound on bus-days and a per-visit share bound on km.
//!
//! Over the visits of one round that fit a day alone (n of them, at most m stops a day), call two
//! visits **partners** when some order of the two alone fits a day (the window, the grid, the
//! earliest opening, the drives from and back to the depot), and visit b a **middle** when some
//! feasible day of three stops has b second. G is the graph of partners.
//!
//! *Lemma (shorter days fit).* Dropping the first or the last stop of a feasible day leaves a
//! feasible day. Dropping the last stop s_k: the bus drives from s_(k−1) home instead of to s_k,
//! sets up, waits, opens, packs up and drives home; road km obey the triangle inequality and a
//! whole-minute drive is the ceiling of km ÷ speed, so ⌈t(x,z)⌉ ≤ ⌈t(x,y)⌉ + ⌈t(y,z)⌉ (to within a
//! rounding of the last bit, which the stop's own set-up, dwell and pack-up of at least a minute
//! absorb), and the day ends no later. Dropping the first stop s_1: the new first stop could be
//! ready no later than before (the drive from the depot is at most the drives through s_1, plus
//! s_1's own time), it was open no earlier than the earliest opening, and the grid rounds up
//! monotonically, so it opens no later than before, and so does every later stop. By induction,
//! **every two consecutive stops of a feasible day are partners, and every three consecutive
//! stops a feasible day with the second as middle.**
//!
//! **Bus-days.** A day of k stops saves k − 1 against one day per visit: bus-days = n − Σ (k − 1)
//! over the days. The days of two or more stops hold vertex-disjoint partner pairs (their first two
//! stops), a matching of G, so there are at most ν(G) of them; a day of k ≥ 3 stops saves
//! 1 + (k − 2), and its k − 2 inner stops are distinct middles, at most (m − 2) per day. So
//! Σ (k − 1) ≤ ν(G) + min(μ, (m − 2)·ν(G)) with μ the number of middles, and
//! **bus-days ≥ n − ν(G) − min(μ, (m − 2)·ν(G))**. ν(G) is bounded from above by half the largest
//! matching of the bipartite double cover of G (every matching of G gives one twice its size
//! there), found by augmenting paths.
//!
//! **Km.** Split each day's km among its stops: a leg between two stops half to each, a leg to or
//! from the depot wholly to its stop. A stop alone takes its two depot legs (exactly); the first or
//! last of a longer day takes at least its shorter depot leg plus half the shortest leg to a
//! partner; an inner stop takes half its two legs, at least the least such half-sum over the
//! feasible days of three with it in the middle. At most 2·ν(G) + min(μ, (m − 2)·ν(G)) visits are
//! not alone (two ends per longer day, and the inner stops), so **km ≥ Σ alone − the largest that
//! many savings (alone − shared, those that are positive)**.

use super::problem::{DEPOT, Problem};

/// Rounds of more visits than this get the simple bounds only (the partner check tries every pair:
/// 512 visits are 130,000 pairs, some milliseconds; a county's round has about 100).
pub(super) const PAIR_BOUND_MAX_VISITS: usize = 512;

/// The partner graph of some visits and what the bounds need of it.
pub(super) struct Partners {
    /// Partners of each visit (local indices).
    adjacent: Vec<Vec<usize>>,
    /// Shortest km between each visit and a partner, either direction (∞ without one).
    nearest_partner_km: Vec<f64>,
    /// Least half-sum of the two legs of each visit as the middle of a feasible day of three
    /// (∞ when it is no middle).
    middle_km: Vec<f64>,
    /// Km of each visit alone: out from the depot and back.
    alone_km: Vec<f64>,
    /// Shorter depot leg of each visit, km.
    depot_km: Vec<f64>,
}

impl Partners {
    /// The partners among `occurrences` (all fitting a day alone), `m` stops a day at most.
    pub(super) fn new(problem: &Problem, occurrences: &[usize], m: usize) -> Self {
        let series: Vec<usize> = occurrences.iter().map(|&o| problem.occurrences[o].series).collect();
        let n = series.len();
        let end = problem.rules.window.end_min;
        let fits = |route: &[usize]| problem.timing(route.iter().copied()).back_min <= end;
        let km = |a: usize, b: usize| problem.legs.leg(a + 1, b + 1).km;
        let mut adjacent = vec![Vec::new(); n];
        let mut nearest_partner_km = vec![f64::INFINITY; n];
        if m >= 2 {
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (series[i], series[j]);
                    if a != b && (fits(&[a, b]) || fits(&[b, a])) {
                        adjacent[i].push(j);
                        adjacent[j].push(i);
                        let shortest = km(a, b).min(km(b, a));
                        nearest_partner_km[i] = nearest_partner_km[i].min(shortest);
                        nearest_partner_km[j] = nearest_partner_km[j].min(shortest);
                    }
                }
            }
        }
        let mut middle_km = vec![f64::INFINITY; n];
        if m >= 3 {
            for (b, partners) in adjacent.iter().enumerate() {
                for (x, &a) in partners.iter().enumerate() {
                    for &c in &partners[x + 1..] {
                        let (sa, sb, sc) = (series[a], series[b], series[c]);
                        if sa == sc || sa == sb || sb == sc {
                            continue;
                        }
                        for (first, last) in [(sa, sc), (sc, sa)] {
                            if fits(&[first, sb, last]) {
                                let half = (km(first, sb) + km(sb, last)) / 2.0;
                                middle_km[b] = middle_km[b].min(half);
                            }
                        }
                    }
                }
            }
        }
        let out = |s: usize| problem.legs.leg(DEPOT, s + 1).km;
        let back = |s: usize| problem.legs.leg(s + 1, DEPOT).km;
        Self {
            adjacent,
            nearest_partner_km,
            middle_km,
            alone_km: series.iter().map(|&s| out(s) + back(s)).collect(),
            depot_km: series.iter().map(|&s| out(s).min(back(s))).collect(),
        }
    }

    /// An upper bound on the largest matching ν of the partner graph: half the largest matching
    /// of its bipartite double cover (each visit on both sides; Kuhn's augmenting paths).
    fn matching_bound(&self) -> usize {
        let n = self.adjacent.len();
        let mut left_of_right: Vec<Option<usize>> = vec![None; n];
        let mut size = 0;
        for left in 0..n {
            let mut seen = vec![false; n];
            if self.augment(left, &mut seen, &mut left_of_right) {
                size += 1;
            }
        }
        size / 2
    }

    /// True when an augmenting path from left vertex `left` was found (and flipped).
    fn augment(&self, left: usize, seen: &mut [bool], left_of_right: &mut [Option<usize>]) -> bool {
        for &right in &self.adjacent[left] {
            if seen[right] {
                continue;
            }
            seen[right] = true;
            if left_of_right[right].is_none_or(|owner| self.augment(owner, seen, left_of_right)) {
                left_of_right[right] = Some(left);
                return true;
            }
        }
        false
    }

    /// The bus-days and km no plan of these visits can beat, `m` stops a day at most.
    pub(super) fn bounds(&self, m: usize) -> (usize, f64) {
        let n = self.adjacent.len();
        if m < 2 {
            return (n, self.alone_km.iter().sum());
        }
        let matching = self.matching_bound();
        let middles = self.middle_km.iter().filter(|k| k.is_finite()).count();
        let inner = middles.min((m - 2).saturating_mul(matching));
        let bus_days = n.saturating_sub(matching + inner);
        let not_alone = (2 * matching + inner).min(n);
        let mut savings: Vec<f64> = (0..n)
            .map(|i| {
                let end = self.depot_km[i] + self.nearest_partner_km[i] / 2.0;
                let shared = end.min(self.middle_km[i]);
                (self.alone_km[i] - shared).max(0.0)
            })
            .collect();
        savings.sort_by(|a, b| b.total_cmp(a));
        let alone: f64 = self.alone_km.iter().sum();
        let saved: f64 = savings[..not_alone].iter().sum();
        (bus_days, (alone - saved).max(0.0))
    }
}
