//! Fully sequential selection of the best alternative under common random numbers: the KN procedure
//! of Kim and Nelson (2001, "A fully sequential procedure for indifference-zone selection in
//! simulation", ACM TOMACS 11(3):251–273), generic over a closure that draws one paired replication.
//!
//! Every alternative's replication `r` uses the same random streams (common random numbers); the
//! procedure takes `n0` replications of every alternative, estimates the variance of each pair's
//! difference from them, then adds one replication at a time to the survivors and eliminates an
//! alternative as soon as its running mean falls below another's by more than the KN boundary.
//! When the best leads every other by at least the indifference zone δ, the survivor is the best with
//! probability at least 1 − α (normal data; Kim and Nelson 2001, Theorem 1). Memory is bounded: one
//! running sum per alternative and one first-stage variance per pair, whatever the replications.
//! Replications are drawn in batches in parallel, but processed one at a time in replication order,
//! so the answer (and every count) is what one-at-a-time KN gives, whatever the batch or thread count.

use rayon::prelude::*;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::stats::MeanAccumulator;

/// KN's constant c of the triangular continuation region; c = 1 is the choice Kim and Nelson (2001,
/// §3) recommend and the one their Theorem 1 is stated with.
const KN_C: f64 = 1.0;

/// Whether a larger or a smaller value of a metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (served clients).
    Higher,
    /// Less is better (lost clients, waits, clerk-hours).
    Lower,
}

impl Direction {
    /// +1 for higher-is-better, −1 for lower-is-better: the procedure maximises `sign × value`.
    fn sign(self) -> f64 {
        match self {
            Direction::Higher => 1.0,
            Direction::Lower => -1.0,
        }
    }
}

/// How the selection runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelectionSettings {
    /// Indifference zone δ, in the metric's unit (> 0): differences smaller than δ do not matter.
    pub indifference: f64,
    /// Probability of correct selection 1 − α wanted when the best leads by δ (between 1/k and 1).
    pub pcs: f64,
    /// First-stage replications n0 of every alternative (≥ 2).
    pub first_stage: u64,
    /// Most replications any alternative gets; reaching it with several survivors ends the
    /// procedure undecided among them.
    pub cap: u64,
    /// Replications drawn at once in parallel (compute only: the result does not depend on it).
    pub batch: u64,
}

/// What the selection concluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "alternatives", rename_all = "snake_case")]
pub enum SelectionOutcome {
    /// This alternative is the best (probability ≥ 1 − α when it leads by at least δ).
    Best(usize),
    /// The cap was reached with these survivors: not separated within the budget, so within about
    /// δ of each other as far as the replications could tell.
    TiedAtCap(Vec<usize>),
    /// These survivors gave exactly the same value in every replication (e.g. the same scenario
    /// twice): no difference at all.
    Identical(Vec<usize>),
}

/// The answer of a selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Selection {
    pub outcome: SelectionOutcome,
    /// Replications each alternative got (until it was eliminated, or the end).
    pub replications: Vec<u64>,
    /// Each alternative's mean over its replications, in the metric's unit.
    pub means: Vec<f64>,
    /// Whether each alternative was still in the running at the end.
    pub survived: Vec<bool>,
}

impl Selection {
    /// Replications over all alternatives.
    pub fn total_replications(&self) -> u64 {
        self.replications.iter().sum()
    }
}

/// Settings that make no selection.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SelectionError {
    #[error("the indifference zone must be a positive number, got {0}")]
    Indifference(f64),
    #[error("the probability of correct selection must lie strictly between 1/{alternatives} and 1, got {pcs}")]
    Pcs { pcs: f64, alternatives: usize },
    #[error("the first stage needs at least 2 replications, got {0}")]
    FirstStage(u64),
    #[error("the replication cap ({cap}) is below the first stage ({first_stage})")]
    Cap { cap: u64, first_stage: u64 },
    #[error("selection needs at least 2 alternatives, got {0}")]
    Alternatives(usize),
    #[error("alternative {alternative} has no value of the metric in replication {replication}")]
    NoValue { alternative: usize, replication: u64 },
}

/// KN's η for k alternatives, first stage n0 and 1 − α (Kim and Nelson 2001, eq. (1) with c = 1):
/// η = ½[(2α/(k − 1))^(−2/(n0 − 1)) − 1].
pub fn kn_eta(alternatives: usize, first_stage: u64, pcs: f64) -> f64 {
    let alpha = 1.0 - pcs;
    let base = 2.0 * alpha / (alternatives - 1) as f64;
    0.5 * (base.powf(-2.0 / (first_stage - 1) as f64) - 1.0)
}

/// The fixed size per alternative of the two-stage Bonferroni design with common random numbers
/// (Clark and Yang 1986; see Nelson and Matejcik 1995): N = max(n0, max over pairs of
/// ⌈(t · S_il / δ)²⌉), t the 1 − α/(k − 1) quantile of Student's t with n0 − 1 degrees of freedom and
/// S²_il the first-stage variance of pair (i, l)'s differences. The yardstick KN is measured against.
pub fn bonferroni_fixed_size(
    alternatives: usize,
    first_stage: u64,
    pcs: f64,
    delta: f64,
    pair_variances: &[f64],
) -> u64 {
    let alpha = 1.0 - pcs;
    let t = StudentsT::new(0.0, 1.0, (first_stage - 1) as f64)
        .map_or(f64::NAN, |t| t.inverse_cdf(1.0 - alpha / (alternatives - 1) as f64));
    pair_variances
        .iter()
        .map(|s2| (t * t * s2 / (delta * delta)).ceil() as u64)
        .fold(first_stage, u64::max)
}

/// Checks the settings for `alternatives` alternatives.
fn check(alternatives: usize, s: &SelectionSettings) -> Result<(), SelectionError> {
    if alternatives < 2 {
        return Err(SelectionError::Alternatives(alternatives));
    }
    if !(s.indifference.is_finite() && s.indifference > 0.0) {
        return Err(SelectionError::Indifference(s.indifference));
    }
    if !(s.pcs > 1.0 / alternatives as f64 && s.pcs < 1.0) {
        return Err(SelectionError::Pcs {
            pcs: s.pcs,
            alternatives,
        });
    }
    if s.first_stage < 2 {
        return Err(SelectionError::FirstStage(s.first_stage));
    }
    if s.cap < s.first_stage {
        return Err(SelectionError::Cap {
            cap: s.cap,
            first_stage: s.first_stage,
        });
    }
    Ok(())
}

/// The pairs (i, l), i < l, in a fixed order; `pair_index` finds one.
fn pair_index(k: usize, i: usize, l: usize) -> usize {
    let (i, l) = if i < l { (i, l) } else { (l, i) };
    i * k - i * (i + 1) / 2 + (l - i - 1)
}

/// The state of KN between replications.
struct Kn {
    k: usize,
    sign: f64,
    delta: f64,
    /// h² = 2cη(n0 − 1).
    h2: f64,
    /// Σ sign × value of each alternative over its replications.
    sums: Vec<f64>,
    /// First-stage differences of each pair (then frozen: KN uses the first-stage variance).
    pairs: Vec<MeanAccumulator>,
    alive: Vec<bool>,
    replications: Vec<u64>,
    /// Replications every survivor has.
    r: u64,
}

impl Kn {
    fn new(k: usize, direction: Direction, s: &SelectionSettings) -> Self {
        Self {
            k,
            sign: direction.sign(),
            delta: s.indifference,
            h2: 2.0 * KN_C * kn_eta(k, s.first_stage, s.pcs) * (s.first_stage - 1) as f64,
            sums: vec![0.0; k],
            pairs: vec![MeanAccumulator::default(); k * (k - 1) / 2],
            alive: vec![true; k],
            replications: vec![0; k],
            r: 0,
        }
    }

    /// Adds one replication of the survivors; `first_stage` also feeds the pair variances.
    fn add(&mut self, replication: u64, values: &[f64], first_stage: bool) -> Result<(), SelectionError> {
        for i in (0..self.k).filter(|&i| self.alive[i]) {
            if !values[i].is_finite() {
                return Err(SelectionError::NoValue {
                    alternative: i,
                    replication,
                });
            }
            self.sums[i] += self.sign * values[i];
            self.replications[i] += 1;
        }
        if first_stage {
            for i in 0..self.k {
                for l in i + 1..self.k {
                    self.pairs[pair_index(self.k, i, l)].push(self.sign * (values[i] - values[l]));
                }
            }
        }
        self.r += 1;
        Ok(())
    }

    fn pair_variance(&self, i: usize, l: usize) -> f64 {
        self.pairs[pair_index(self.k, i, l)].variance()
    }

    /// N = max over pairs of ⌊h² S²_il / δ²⌋: the stage at which KN stops at the latest is N + 1.
    fn last_stage(&self) -> u64 {
        (0..self.k)
            .flat_map(|i| (i + 1..self.k).map(move |l| (i, l)))
            .map(|(i, l)| (self.h2 * self.pair_variance(i, l) / (self.delta * self.delta)).floor() as u64)
            .max()
            .unwrap_or(0)
    }

    fn mean(&self, i: usize) -> f64 {
        self.sums[i] / self.r as f64
    }

    /// KN's screening at stage r: i survives if X̄_i ≥ X̄_l − W_il for every other survivor l, with
    /// W_il = max{0, (δ/(2cr))(h² S²_il/δ² − r)}.
    fn screen(&mut self) {
        let r = self.r as f64;
        let before = self.alive.clone();
        for i in (0..self.k).filter(|&i| before[i]) {
            let eliminated = (0..self.k).filter(|&l| l != i && before[l]).any(|l| {
                let w = (self.delta / (2.0 * KN_C * r)
                    * (self.h2 * self.pair_variance(i, l) / (self.delta * self.delta) - r))
                    .max(0.0);
                self.mean(i) < self.mean(l) - w
            });
            if eliminated {
                self.alive[i] = false;
            }
        }
    }

    fn survivors(&self) -> Vec<usize> {
        (0..self.k).filter(|&i| self.alive[i]).collect()
    }

    /// The end: the survivor with the largest mean (the first of equal ones), or, when the
    /// survivors sharing it never differed in the first stage, all of them as identical.
    fn pick_largest(&self) -> SelectionOutcome {
        let survivors = self.survivors();
        let top = survivors
            .iter()
            .map(|&i| self.sums[i])
            .fold(f64::NEG_INFINITY, f64::max);
        let at_top: Vec<usize> = survivors.into_iter().filter(|&i| self.sums[i] == top).collect();
        let never_differed = at_top
            .iter()
            .all(|&i| at_top.iter().all(|&l| i == l || self.pair_variance(i, l) == 0.0));
        match at_top.as_slice() {
            [_, _, ..] if never_differed => SelectionOutcome::Identical(at_top),
            [first, ..] => SelectionOutcome::Best(*first),
            [] => unreachable!("KN always keeps a survivor"),
        }
    }

    fn answer(&self, outcome: SelectionOutcome) -> Selection {
        Selection {
            outcome,
            means: (0..self.k)
                .map(|i| self.sign * self.sums[i] / self.replications[i] as f64)
                .collect(),
            replications: self.replications.clone(),
            survived: self.alive.clone(),
        }
    }
}

/// Selects the best of `alternatives` by `direction` with KN. `draw(replication, alive)` returns
/// every alternative's value in replication `replication` (common random numbers: the same streams
/// for all); entries of alternatives not `alive` are ignored (they may be NaN, and need not be
/// simulated). `draw` is called from several threads at once, for whole batches of replications.
pub fn select_best(
    alternatives: usize,
    direction: Direction,
    settings: &SelectionSettings,
    draw: impl Fn(u64, &[bool]) -> Vec<f64> + Sync,
) -> Result<Selection, SelectionError> {
    check(alternatives, settings)?;
    let mut kn = Kn::new(alternatives, direction, settings);
    let batch = settings.batch.max(1);
    for values in draw_batch(&draw, 0..settings.first_stage, &kn.alive) {
        kn.add(kn.r, &values, true)?;
    }
    let last = kn.last_stage();
    if settings.first_stage > last {
        return Ok(kn.answer(kn.pick_largest()));
    }
    kn.screen();
    while kn.survivors().len() > 1 {
        if kn.r >= settings.cap {
            return Ok(kn.answer(SelectionOutcome::TiedAtCap(kn.survivors())));
        }
        let end = (kn.r + batch).min(settings.cap);
        for values in draw_batch(&draw, kn.r..end, &kn.alive.clone()) {
            kn.add(kn.r, &values, false)?;
            if kn.r == last + 1 {
                return Ok(kn.answer(kn.pick_largest()));
            }
            kn.screen();
            if kn.survivors().len() == 1 {
                break;
            }
        }
    }
    Ok(kn.answer(kn.pick_largest()))
}

/// Draws replications `range` of the `alive` alternatives in parallel, returned in replication order.
fn draw_batch(
    draw: &(impl Fn(u64, &[bool]) -> Vec<f64> + Sync),
    range: std::ops::Range<u64>,
    alive: &[bool],
) -> Vec<Vec<f64>> {
    range.into_par_iter().map(|r| draw(r, alive)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(delta: f64) -> SelectionSettings {
        SelectionSettings {
            indifference: delta,
            pcs: 0.95,
            first_stage: 10,
            cap: 10_000,
            batch: 4,
        }
    }

    #[test]
    fn eta_matches_kim_and_nelson() {
        // k = 2, n0 = 10, α = 0.05: η = ½[(0.1)^(−2/9) − 1] = ½(1.66810 − 1) = 0.334050.
        assert!((kn_eta(2, 10, 0.95) - 0.334_050).abs() < 1e-5);
    }

    #[test]
    fn pairs_are_numbered_densely() {
        let k = 5;
        let mut seen: Vec<usize> = (0..k)
            .flat_map(|i| (i + 1..k).map(move |l| pair_index(k, i, l)))
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..k * (k - 1) / 2).collect::<Vec<_>>());
        assert_eq!(pair_index(k, 3, 1), pair_index(k, 1, 3));
    }

    #[test]
    fn a_clear_winner_is_found_and_direction_is_respected() {
        // Deterministic alternatives: values 0, 10, 20 plus a common ±1 wiggle; higher picks 2.
        let draw = |r: u64, _: &[bool]| {
            let wiggle = if r.is_multiple_of(2) { 1.0 } else { -1.0 };
            vec![wiggle, 10.0 + wiggle + 0.1 * (r % 3) as f64, 20.0 + wiggle]
        };
        let high = select_best(3, Direction::Higher, &settings(1.0), draw).unwrap();
        assert_eq!(high.outcome, SelectionOutcome::Best(2));
        let low = select_best(3, Direction::Lower, &settings(1.0), draw).unwrap();
        assert_eq!(low.outcome, SelectionOutcome::Best(0));
    }

    #[test]
    fn identical_alternatives_are_identical_after_the_first_stage() {
        let draw = |r: u64, _: &[bool]| vec![r as f64; 3];
        let s = select_best(3, Direction::Higher, &settings(1.0), draw).unwrap();
        assert_eq!(s.outcome, SelectionOutcome::Identical(vec![0, 1, 2]));
        assert_eq!(s.replications, vec![10; 3]);
    }

    #[test]
    fn the_answer_does_not_depend_on_the_batch() {
        let draw = |r: u64, _: &[bool]| {
            let x = ((r * 7919) % 101) as f64 / 10.0;
            vec![
                x,
                x + 0.3 + ((r * 31) % 7) as f64 / 5.0,
                x + 0.6 - ((r * 17) % 5) as f64 / 4.0,
            ]
        };
        let one = select_best(
            3,
            Direction::Higher,
            &SelectionSettings {
                batch: 1,
                ..settings(0.2)
            },
            draw,
        )
        .unwrap();
        let many = select_best(
            3,
            Direction::Higher,
            &SelectionSettings {
                batch: 37,
                ..settings(0.2)
            },
            draw,
        )
        .unwrap();
        assert_eq!(one, many);
    }

    #[test]
    fn bad_settings_are_refused() {
        let draw = |_: u64, _: &[bool]| vec![0.0; 2];
        let bad = |s: SelectionSettings| select_best(2, Direction::Higher, &s, draw).is_err();
        assert!(bad(settings(0.0)));
        assert!(bad(SelectionSettings {
            pcs: 0.4,
            ..settings(1.0)
        }));
        assert!(bad(SelectionSettings {
            first_stage: 1,
            ..settings(1.0)
        }));
        assert!(bad(SelectionSettings {
            cap: 5,
            ..settings(1.0)
        }));
        assert!(select_best(1, Direction::Higher, &settings(1.0), |_, _| vec![0.0]).is_err());
    }
}
