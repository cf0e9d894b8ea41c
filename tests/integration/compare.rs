//! Paired comparisons of seasons (common random numbers).

use ablakbusz::experiment::{GroupMetric, RunSettings, SeasonModel, compare_seasons};
use ablakbusz::sim::Closing;

use crate::builder::StopBuilder;

fn season(clerks: u32) -> SeasonModel {
    let stop = StopBuilder::new()
        .rate_per_hour(10.0)
        .clerks(clerks)
        .closing(Closing::TurnAway)
        .exp_patience_min(40.0)
        .build();
    SeasonModel {
        stops: vec![stop; 20],
        groupings: vec![],
    }
}

#[test]
fn a_season_compared_with_itself_differs_by_exactly_zero() {
    let settings = RunSettings {
        replications: 200,
        seed: 4,
        threads: None,
    };
    let result = compare_seasons(&[season(2), season(2)], &settings, &|_| {}).unwrap();
    for (metric, d) in result[1].difference.iter() {
        assert_eq!((d.mean, d.ci95), (0.0, 0.0), "{metric:?}");
    }
    assert_eq!(result[0].season, result[1].season);
}

#[test]
fn pairing_narrows_the_interval_of_a_difference() {
    let settings = RunSettings {
        replications: 400,
        seed: 4,
        threads: None,
    };
    let result = compare_seasons(&[season(2), season(3)], &settings, &|_| {}).unwrap();
    let diff = result[1].difference.get(GroupMetric::Served);
    assert!(diff.mean > 0.0, "a third clerk serves more clients");
    // Unpaired, the half-width would be about sqrt(ci_a² + ci_b²); pairing must do better.
    let ci = |i: usize| result[i].season.get(GroupMetric::Served).ci95;
    assert!(
        diff.ci95 < (ci(0).powi(2) + ci(1).powi(2)).sqrt(),
        "paired {} vs unpaired",
        diff.ci95
    );
}

/// The season range of a comparison is the 5th–95th percentile of the season's per-replication
/// values: with 20 stops of Poisson(30) arrivals each (10 clients/h for 3 h, no dispersion), a
/// season's arrivals are Poisson(600), whose percentiles are known.
#[test]
fn the_season_range_of_each_alternative_is_the_percentile_of_its_seasons() {
    use statrs::distribution::{DiscreteCDF, Poisson};
    const REPLICATIONS: u32 = 2_000;
    let settings = RunSettings {
        replications: REPLICATIONS,
        seed: 11,
        threads: None,
    };
    let result = compare_seasons(&[season(2), season(3)], &settings, &|_| {}).unwrap();
    let poisson = Poisson::new(600.0).unwrap();
    for c in &result {
        let range = c.season.range(GroupMetric::Arrivals).expect("a range is kept");
        for (q, got) in [(0.05, range.p05), (0.95, range.p95)] {
            let exact = poisson.inverse_cdf(q) as f64;
            // Standard error of a sample q-quantile: sqrt(q(1 − q)/n) / density at the quantile
            // (normal approximation of Poisson(600): density φ(z_q)/√600); four of them, plus one
            // client for the discreteness of the counts.
            let density = (-0.5 * 1.645f64.powi(2)).exp() / (2.0 * std::f64::consts::PI * 600.0).sqrt();
            let se = (q * (1.0 - q) / f64::from(REPLICATIONS)).sqrt() / density;
            assert!(
                (got - exact).abs() <= 4.0 * se + 1.0,
                "q = {q}: {got} vs {exact} (se {se:.2})"
            );
        }
        let mean = c.season.get(GroupMetric::Arrivals).mean;
        assert!(range.p05 < mean && mean < range.p95);
    }
}
