//! Selection of the best under common random numbers (KN, Kim and Nelson 2001) on synthetic normal
//! alternatives whose true means are known: the probability of correct selection, and the
//! replications KN needs beside a fixed-size Bonferroni design of the same guarantee.

use ablakbusz::experiment::{Direction, SelectionOutcome, SelectionSettings, bonferroni_fixed_size, select_best};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// Alternatives compared.
const K: usize = 5;
/// The best alternative (not the first, so that no order bias helps).
const BEST: usize = 2;
/// Indifference zone δ; the best leads every other by exactly δ (the slippage configuration,
/// the least favourable one for an indifference-zone procedure).
const DELTA: f64 = 0.5;
/// Correlation between alternatives induced by the common random numbers.
const RHO: f64 = 0.5;
/// Macro-replications (independent selections).
const MACRO: u64 = 1000;
/// First-stage replications.
const N0: u64 = 10;
/// Wanted probability of correct selection.
const PCS: f64 = 0.95;
/// Least number of correct selections out of MACRO compatible with a true PCS of 0.95: the one-sided
/// 99.9 % binomial band, 1000·0.95 − 3.09·√(1000·0.95·0.05) = 950 − 21.3 → 929.
const MIN_CORRECT: u64 = 929;

/// Standard deviation of alternative i (unequal variances, as in real comparisons).
fn sigma(i: usize) -> f64 {
    1.0 + 0.25 * i as f64
}

/// One paired replication of macro-replication `m`: X_i = μ_i + σ_i(√ρ Z₀ + √(1 − ρ) Z_i), the same
/// stream for all alternatives (replication r of macro m is always the same numbers).
fn draw(m: u64, r: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(0x005E_1EC7 ^ m.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.set_stream(r);
    let z0: f64 = StandardNormal.sample(&mut rng);
    (0..K)
        .map(|i| {
            let zi: f64 = StandardNormal.sample(&mut rng);
            let mean = if i == BEST { DELTA } else { 0.0 };
            mean + sigma(i) * (RHO.sqrt() * z0 + (1.0 - RHO).sqrt() * zi)
        })
        .collect()
}

fn settings() -> SelectionSettings {
    SelectionSettings {
        indifference: DELTA,
        pcs: PCS,
        first_stage: N0,
        cap: 100_000,
        batch: 8,
    }
}

/// First-stage variances of every pair's differences (what the Bonferroni design sizes itself by).
fn first_stage_pair_variances(m: u64) -> Vec<f64> {
    let rows: Vec<Vec<f64>> = (0..N0).map(|r| draw(m, r)).collect();
    let mut out = Vec::new();
    for i in 0..K {
        for l in i + 1..K {
            let d: Vec<f64> = rows.iter().map(|x| x[i] - x[l]).collect();
            let mean = d.iter().sum::<f64>() / N0 as f64;
            out.push(d.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (N0 - 1) as f64);
        }
    }
    out
}

/// The Bonferroni two-stage design: N replications of every alternative, then the largest mean.
fn bonferroni_selects_best(m: u64, n: u64) -> bool {
    let mut sums = [0.0; K];
    for r in 0..n {
        for (s, x) in sums.iter_mut().zip(draw(m, r)) {
            *s += x;
        }
    }
    let best = (0..K).max_by(|&a, &b| sums[a].total_cmp(&sums[b])).unwrap();
    best == BEST
}

#[test]
fn kn_selects_the_best_at_the_promised_rate_with_fewer_replications_than_bonferroni() {
    let (mut kn_correct, mut kn_total, mut bonf_correct, mut bonf_total) = (0u64, 0u64, 0u64, 0u64);
    for m in 0..MACRO {
        let s = select_best(K, Direction::Higher, &settings(), |r, _| draw(m, r)).unwrap();
        kn_correct += u64::from(s.outcome == SelectionOutcome::Best(BEST));
        kn_total += s.total_replications();
        let n = bonferroni_fixed_size(K, N0, PCS, DELTA, &first_stage_pair_variances(m));
        bonf_total += K as u64 * n;
        bonf_correct += u64::from(bonferroni_selects_best(m, n));
    }
    let (kn_mean, bonf_mean) = (kn_total as f64 / MACRO as f64, bonf_total as f64 / MACRO as f64);
    eprintln!(
        "KN: {kn_correct}/{MACRO} correct, {kn_mean:.1} replications per selection; \
         Bonferroni two-stage: {bonf_correct}/{MACRO} correct, {bonf_mean:.1} replications"
    );
    assert!(kn_correct >= MIN_CORRECT, "KN correct {kn_correct} of {MACRO}");
    assert!(
        bonf_correct >= MIN_CORRECT,
        "Bonferroni correct {bonf_correct} of {MACRO}"
    );
    assert!(kn_mean < bonf_mean, "KN {kn_mean} vs Bonferroni {bonf_mean}");
}

#[test]
fn lower_is_better_selects_the_smallest_mean() {
    let s = select_best(K, Direction::Lower, &settings(), |r, _| {
        draw(7, r).into_iter().map(|x| -x).collect()
    })
    .unwrap();
    assert_eq!(s.outcome, SelectionOutcome::Best(BEST));
}
