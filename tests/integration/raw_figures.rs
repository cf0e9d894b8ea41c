//! `run --per-replication` and `run --trace-stop`: the raw figures are the very stop-days the run's
//! means are of (their means are the means of stops.csv and season.csv; the traced day's clients
//! add up to that stop-day's figures), on one thread as on two.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::cli::temp_dir;

/// A what-if with the pending-needs pool and its return flow: later visits carry clients lost at
/// earlier ones, so the trace must replay the replication's earlier stops to be the same day.
const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/whatif-pool-4-visits.toml");
const REPLICATIONS: usize = 20;
/// The traced stop and replication (from 1).
const TRACED_STOP: usize = 30;
const TRACED_REPLICATION: usize = 3;
/// stops.csv, season.csv and replication_stops.csv write 4 decimals: the mean of rounded figures
/// and the rounded mean are each within half a unit of the last place, so they differ by up to one.
const ROUNDING: f64 = 2.0 * 0.5e-4 + 1e-9;

fn run(dir: &Path, threads: &str) {
    run_replications(dir, threads, REPLICATIONS);
}

fn run_replications(dir: &Path, threads: &str, replications: usize) {
    let out = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
        .args([
            "run",
            SCENARIO,
            "--replications",
            &replications.to_string(),
            "--seed",
            "7",
            "--quiet",
        ])
        .args(["--per-replication", "--trace-stop", &TRACED_STOP.to_string()])
        .args(["--trace-replication", &TRACED_REPLICATION.to_string()])
        .args(["--out", dir.to_str().unwrap()])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A CSV file as rows of named cells.
fn table(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The mean of the non-empty cells of `column` (a replication without a value is left out, as
/// the run's averages leave it out).
fn mean<'a>(rows: impl Iterator<Item = &'a HashMap<String, String>>, column: &str) -> f64 {
    let values: Vec<f64> = rows.filter_map(|r| r[column].parse().ok()).collect();
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn each_replications_figures_average_to_the_runs_means_and_the_trace_is_one_of_its_days() {
    let (one, two) = (temp_dir("raw-figures-1"), temp_dir("raw-figures-2"));
    run(&one, "1");
    run(&two, "2");
    for file in ["replications.csv", "replication_stops.csv", "trace-stop-30.csv"] {
        assert_eq!(
            std::fs::read(one.join(file)).unwrap(),
            std::fs::read(two.join(file)).unwrap(),
            "{file}: the same bytes on one and two threads"
        );
    }
    let per_stop = table(&one.join("replication_stops.csv"));
    let stops = table(&one.join("stops.csv"));
    assert_eq!(per_stop.len(), REPLICATIONS * stops.len());
    for stop in &stops {
        let of_stop = || per_stop.iter().filter(|r| r["stop"] == stop["stop"]);
        for metric in [
            "arrivals",
            "served",
            "reneged",
            "wait_mean_min",
            "overtime_min",
            "queue_max",
        ] {
            let expected: f64 = stop[&format!("{metric}_mean")].parse().unwrap();
            let got = mean(of_stop(), metric);
            assert!(
                (got - expected).abs() <= ROUNDING,
                "stop {} {metric}: {got} vs {expected}",
                stop["stop"]
            );
        }
    }
    let seasons = table(&one.join("replications.csv"));
    let season = &table(&one.join("season.csv"))[0];
    assert_eq!(seasons.len(), REPLICATIONS);
    for metric in ["served", "lost", "wait_mean_min", "wait_p90_min", "clerk_hours"] {
        let expected: f64 = season[&format!("{metric}_mean")].parse().unwrap();
        let got = mean(seasons.iter(), metric);
        assert!(
            (got - expected).abs() <= ROUNDING,
            "season {metric}: {got} vs {expected}"
        );
    }
    let day = per_stop
        .iter()
        .find(|r| r["stop"] == TRACED_STOP.to_string() && r["replication"] == TRACED_REPLICATION.to_string())
        .unwrap();
    let clients = table(&one.join("trace-stop-30.csv"));
    let count = |fate: &str| clients.iter().filter(|c| c["outcome"] == fate).count().to_string();
    assert_eq!(clients.len().to_string(), day["arrivals"]);
    for (fate, column) in [
        ("served", "served"),
        ("reneged", "reneged"),
        ("balked", "balked"),
        ("turned_away", "turned_away"),
    ] {
        assert_eq!(count(fate), day[column], "{fate}");
    }
    let waits: f64 = clients
        .iter()
        .filter(|c| c["outcome"] == "served")
        .map(|c| c["start_min"].parse::<f64>().unwrap() - c["arrival_min"].parse::<f64>().unwrap())
        .sum();
    let served: f64 = day["served"].parse().unwrap();
    let wait_mean: f64 = day["wait_mean_min"].parse().unwrap();
    // The trace writes times with 4 decimals: each wait is within 1e-4 of the engine's.
    assert!(
        (waits / served - wait_mean).abs() <= 1e-4 + ROUNDING,
        "{} vs {wait_mean}",
        waits / served
    );
}

/// Replications of the longer run: more than two of the chunks the figures are simulated in (64).
const MANY_REPLICATIONS: usize = 150;

#[test]
fn a_longer_run_writes_every_replication_once_in_order_and_the_first_ones_unchanged() {
    let (short, long) = (temp_dir("raw-figures-short"), temp_dir("raw-figures-long"));
    run(&short, "2");
    run_replications(&long, "2", MANY_REPLICATIONS);
    let lines = |dir: &Path, file: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join(file))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let stops = table(&long.join("stops.csv")).len();
    for (file, rows_per_replication) in [("replications.csv", 1), ("replication_stops.csv", stops)] {
        let (first, all) = (lines(&short, file), lines(&long, file));
        assert_eq!(all.len(), 1 + MANY_REPLICATIONS * rows_per_replication, "{file}");
        assert_eq!(
            all[..first.len()],
            first[..],
            "{file}: the first {REPLICATIONS} replications are the same days"
        );
    }
    let numbers: Vec<usize> = table(&long.join("replications.csv"))
        .iter()
        .map(|r| r["replication"].parse().unwrap())
        .collect();
    assert_eq!(numbers, (1..=MANY_REPLICATIONS).collect::<Vec<_>>());
}

#[test]
fn a_trace_of_a_stop_or_replication_the_run_does_not_have_is_refused_and_nothing_is_written() {
    for (args, words) in [
        (vec!["--trace-stop", "0"], "stops 1 to"),
        (vec!["--trace-stop", "9999"], "stops 1 to"),
        (vec!["--trace-stop", "1", "--trace-replication", "0"], "numbered from 1"),
        (
            vec!["--trace-stop", "1", "--trace-replication", "50"],
            "replications 1 to 20",
        ),
    ] {
        let dir = temp_dir("raw-figures-refused");
        let out = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
            .args(["run", "--replications", "20", "--quiet", "--out", dir.to_str().unwrap()])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{args:?}: {stderr}");
        assert!(!dir.join("stops.csv").exists(), "{args:?}: nothing written");
    }
}
