//! The three spreads against their definitions: the precision interval covers the exact mean at its
//! confidence level, and one experiment's season range holds fresh replications at its nominal 90 %.

use ablakbusz::experiment::{GroupMetric, RunSettings, SeasonModel, StopMetric, run_season};
use ablakbusz::sim::{Closing, Engine, PreparedStop, StopOutcome, StreamKey};
use ablakbusz::stats::{CONFIDENCE_LEVEL, Estimate, SeasonRange};

use crate::builder::StopBuilder;

/// Standard normal quantile of a two-sided 99.9 % band: the tolerance of every coverage count.
const Z_999: f64 = 3.290_527;

/// The 99.9 % normal-approximation band of a binomial proportion with `trials` trials at `p`.
fn binomial_band(p: f64, trials: u32) -> (f64, f64) {
    let half = Z_999 * (p * (1.0 - p) / f64::from(trials)).sqrt();
    (p - half, p + half)
}

fn covers(e: Estimate, truth: f64) -> bool {
    (e.mean - truth).abs() <= e.ci95
}

#[test]
fn the_precision_interval_covers_the_exact_mean_at_95_percent() {
    // Opens empty, λ = 6/h, 15 min exponential, c = 2, H = 3 h, turn_away: the uniformised chain
    // gives the exact expectations. 1,000 independent experiments of 50 replications each.
    let exact = crate::builder::turn_away_reference_chain(Some(20.0));
    let stop = StopBuilder::new().dwell_hours(3.0).closing(Closing::TurnAway);
    let experiments = 1_000;
    let (mut served, mut queue, mut turned) = (0, 0, 0);
    for seed in 0..u64::from(experiments) {
        let r = stop.replicate(50, 90_000 + seed);
        let s = &r.stops[0];
        served += u32::from(covers(s.get(StopMetric::Served), exact.expected_served));
        queue += u32::from(covers(s.get(StopMetric::QueueAvg), exact.mean_queue_length_open));
        turned += u32::from(covers(s.get(StopMetric::TurnedAway), exact.expected_turned_away));
    }
    let (low, high) = binomial_band(CONFIDENCE_LEVEL, experiments);
    assert!(
        low >= 0.925 - 1e-3 && high <= 0.975 + 1e-3,
        "the band is the issue's 92.5–97.5 %"
    );
    for (what, hits) in [("served", served), ("queue", queue), ("turned away", turned)] {
        let share = f64::from(hits) / f64::from(experiments);
        assert!(
            (low..=high).contains(&share),
            "{what}: covered in {share} of experiments, band {low}–{high}"
        );
    }
}

/// One replication of every stop of `model` with `seed`: the outcomes and the season's mean wait.
fn fresh_replication(model: &SeasonModel, seed: u64, replication: u64) -> (Vec<StopOutcome>, Option<f64>) {
    let mut engine = Engine::new();
    let outcomes: Vec<StopOutcome> = model
        .stops
        .iter()
        .enumerate()
        .map(|(index, stop)| {
            stop.simulate(
                &mut engine,
                StreamKey {
                    seed,
                    stop: index as u64,
                    replication,
                },
            )
        })
        .collect();
    let served: u32 = outcomes.iter().map(|o| o.served).sum();
    let waited: f64 = outcomes.iter().map(|o| o.wait_total_min).sum();
    (outcomes, (served > 0).then(|| waited / f64::from(served)))
}

fn within(range: SeasonRange, value: f64) -> bool {
    (range.p05..=range.p95).contains(&value)
}

#[test]
fn one_experiments_season_range_holds_fresh_replications_at_90_percent() {
    // A season of 24 stops of different sizes; the range comes from one experiment of 4,000
    // replications, the fresh replications from another seed. Mean waits are continuous, so the
    // inclusive range holds 90 % of their distribution (no ties at the ends).
    let stops: Vec<PreparedStop> = (0..24)
        .map(|i| {
            StopBuilder::new()
                .rate_per_hour(4.0 + f64::from(i % 6))
                .exp_patience_min(40.0)
                .closing(Closing::ServeAll)
                .build()
        })
        .collect();
    let model = SeasonModel {
        stops,
        groupings: vec![],
    };
    let replications = 4_000;
    let settings = RunSettings {
        replications,
        seed: 7,
        threads: None,
    };
    let results = run_season(&model, &settings, &|_| {}).unwrap();
    let season_range = results.season.range(GroupMetric::WaitMean).unwrap();
    let stop_range = results.stops[5].range(StopMetric::WaitMean).unwrap();
    let (mut season_hits, mut stop_hits, mut stop_trials) = (0u32, 0u32, 0u32);
    for replication in 0..u64::from(replications) {
        let (outcomes, season_wait) = fresh_replication(&model, 8, replication);
        season_hits += u32::from(within(season_range, season_wait.unwrap()));
        if let Some(wait) = outcomes[5].wait_mean_min {
            stop_trials += 1;
            stop_hits += u32::from(within(stop_range, wait));
        }
    }
    // The range itself is estimated: its own coverage varies by about √(2 · 0.05 · 0.95 / n) ≈ 0.005,
    // inside the 88–92 % together with the binomial noise of the fresh count.
    for (what, hits, trials) in [("season", season_hits, replications), ("stop", stop_hits, stop_trials)] {
        let share = f64::from(hits) / f64::from(trials);
        assert!(
            (0.88..=0.92).contains(&share),
            "{what}: {share} of fresh replications in the range"
        );
    }
}
