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
