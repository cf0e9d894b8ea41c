//! Choosing between alternatives and how many replications: the variance reduction of pairing on
//! the shipped what-ifs, "no difference" for a scenario against itself, the Bonferroni widening, and
//! the `--precision` stopping rule.

use std::path::Path;

use ablakbusz::experiment::{
    Comparison, GroupMetric, MetricUnit, PrecisionRule, RunSettings, SeasonModel, compare_seasons, headline,
    run_season, run_season_to_precision,
};
use ablakbusz::scenario::load_file;
use ablakbusz::sim::Closing;
use ablakbusz::stats::VarianceReduction;
use ablakbusz::study::season_model;

use crate::builder::StopBuilder;
use crate::cli::{ablakbusz, temp_dir};

/// The figures the comparison leads with.
const HEADLINE: [GroupMetric; 3] = [GroupMetric::Served, GroupMetric::Lost, GroupMetric::ClerkHours];

fn scenario_model(name: &str) -> SeasonModel {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(name);
    season_model(&load_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"))).unwrap()
}

fn compare(models: &[SeasonModel], replications: u32) -> Vec<Comparison> {
    let settings = RunSettings {
        replications,
        seed: 2020,
        threads: None,
    };
    compare_seasons(models, &settings, &|_| {}).unwrap()
}

#[test]
fn pairing_reduces_the_variance_of_every_shipped_what_if() {
    let names = [
        "2020-plan.toml",
        "whatif-3-desks.toml",
        "whatif-central-depot.toml",
        "whatif-employers-care-homes.toml",
        "whatif-fixed-3h-dwell.toml",
        "whatif-winter.toml",
    ];
    let models: Vec<SeasonModel> = names.iter().map(|n| scenario_model(n)).collect();
    let result = compare(&models, 400);
    for (name, c) in names.iter().zip(&result).skip(1) {
        for m in HEADLINE {
            match c.paired(m).variance_reduction {
                VarianceReduction::Factor(f) => assert!(f > 1.0, "{name} {m:?}: factor {f}"),
                other => panic!("{name} {m:?}: {other:?}"),
            }
            // Five comparisons with the baseline: the simultaneous interval is wider than the single one.
            assert!(c.paired(m).ci95_bonferroni > c.difference.get(m).ci95, "{name} {m:?}");
        }
    }
}

#[test]
fn a_scenario_against_itself_is_no_difference_with_no_variance_left() {
    let result = compare(
        &[scenario_model("2020-plan.toml"), scenario_model("2020-plan.toml")],
        64,
    );
    let itself = &result[1];
    assert!(itself.no_difference());
    for (m, d) in itself.difference.iter() {
        assert_eq!(
            (d.mean, d.ci95, itself.paired(m).ci95_bonferroni),
            (0.0, 0.0, 0.0),
            "{m:?}"
        );
        assert!(
            matches!(
                itself.paired(m).variance_reduction,
                VarianceReduction::Complete | VarianceReduction::NoVariance
            ),
            "{m:?}"
        );
    }
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/2020-plan.toml");
    let scenario = scenario.to_str().unwrap();
    let dir = temp_dir("itself");
    let args = [
        "compare",
        scenario,
        scenario,
        "--replications",
        "20",
        "--out",
        dir.to_str().unwrap(),
    ];
    let out = ablakbusz(&args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2020-plan vs 2020-plan: no difference"), "{text}");
    let csv = std::fs::read_to_string(dir.join("compare.csv")).unwrap();
    assert!(!csv.contains("NaN") && csv.contains("infinite"), "{csv}");
}

/// A small season with losses (so that no headline mean is near zero and the rule is relative).
fn small_season() -> SeasonModel {
    let stop = StopBuilder::new()
        .rate_per_hour(8.0)
        .clerks(1)
        .closing(Closing::TurnAway)
        .exp_patience_min(30.0)
        .build();
    SeasonModel {
        stops: vec![stop; 12],
        groupings: vec![],
    }
}

#[test]
fn precision_stops_at_the_first_chunk_where_every_headline_figure_is_precise() {
    let model = small_season();
    let rule = PrecisionRule {
        relative: 0.03,
        cap: 20_000,
    };
    let settings = |replications, threads| RunSettings {
        replications,
        seed: 11,
        threads: Some(threads),
    };
    let (results, outcome) = run_season_to_precision(&model, &settings(20, 2), &rule, &|_| {}).unwrap();
    assert!(outcome.reached && outcome.replications < rule.cap);
    assert_eq!(results.replications, outcome.replications);
    for (unit, e) in headline(&results.season) {
        // The rule's absolute floors near zero (0.05 min for waits, 0.5 for counts) do not decide here.
        let floor = if unit == MetricUnit::Minutes { 0.05 } else { 0.5 };
        assert!(
            e.ci95 == 0.0 || rule.relative * e.mean.abs() > floor,
            "{unit:?}: the floor would decide, not REL: {e:?}"
        );
        assert!(e.ci95 <= rule.relative * e.mean.abs(), "{unit:?}: {e:?}");
    }
    // The chunk before was not precise enough (the rule stops at the first that is).
    let before = run_season(&model, &settings(outcome.replications - 16, 2), &|_| {}).unwrap();
    assert!(
        !rule.season_is_precise(&before.season),
        "{} was already enough",
        outcome.replications - 16
    );
    // Same seed: the same results with one thread, and the same as a fixed run of that size.
    let (one_thread, _) = run_season_to_precision(&model, &settings(20, 1), &rule, &|_| {}).unwrap();
    assert_eq!(one_thread, results);
    assert_eq!(
        run_season(&model, &settings(outcome.replications, 2), &|_| {}).unwrap(),
        results
    );
}

#[test]
fn run_with_precision_prints_and_records_the_number_chosen() {
    let dir = temp_dir("precision");
    let out = ablakbusz(&[
        "run",
        "--precision",
        "0.05",
        "--seed",
        "3",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let chosen = json["meta"]["precision"]["replications"].as_u64().unwrap();
    assert_eq!(json["meta"]["replications"].as_u64(), Some(chosen));
    assert!(
        text.contains(&format!("{chosen} replications chosen by --precision")),
        "{text}"
    );
    let bad = ablakbusz(&["run", "--precision", "2", "--quiet"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn select_best_speaks_hungarian_and_refuses_a_metric_without_direction() {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/2020-plan.toml");
    let desks = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/whatif-3-desks.toml");
    let (plan, desks) = (plan.to_str().unwrap(), desks.to_str().unwrap());
    let dir = temp_dir("select-hu");
    let out = ablakbusz(&[
        "compare",
        plan,
        desks,
        "--replications",
        "20",
        "--select-best",
        "lost",
        "--lang",
        "hu",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "a legjobb: whatif-3-desks",
        "a kisebb a jobb",
        "változatonként szükséges replikációk",
        "Bonferroni",
    ] {
        assert!(text.contains(needle), "{needle} missing in {text}");
    }
    let mut reader = csv::Reader::from_path(dir.join("compare.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let distinct: std::collections::BTreeSet<&String> = header.iter().collect();
    assert_eq!(distinct.len(), header.len(), "duplicate Hungarian headers");
    let bad = ablakbusz(&[
        "compare",
        plan,
        desks,
        "--replications",
        "20",
        "--quiet",
        "--select-best",
        "arrivals",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("served"));
}
