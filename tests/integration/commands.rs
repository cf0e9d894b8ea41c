//! The simulating commands end to end: run, compare, policies, staff.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::{ablakbusz, temp_dir};

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).display().to_string()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()))
}

/// Runs a simulating command with 30 replications, quietly, into `dir`; it must succeed.
fn quick(args: &[&str], dir: &Path) {
    let mut all = args.to_vec();
    all.extend(["--replications", "30", "--quiet", "--out", dir.to_str().unwrap()]);
    let out = ablakbusz(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run_into(scenario: &str, dir: &Path, extra: &[&str]) {
    let mut args = vec![
        "run",
        scenario,
        "--replications",
        "40",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = ablakbusz(&args);
    assert!(
        out.status.success(),
        "{scenario}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_shipped_scenario_runs_and_writes_its_outputs() {
    let mut scenarios: Vec<PathBuf> = std::fs::read_dir(repo("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 5);
    for scenario in scenarios {
        let dir = temp_dir(&format!("run-{}", scenario.file_stem().unwrap().to_string_lossy()));
        run_into(scenario.to_str().unwrap(), &dir, &[]);
        let stops = read(&dir, "stops.csv");
        let season: serde_json::Value = serde_json::from_str(&read(&dir, "summary.json")).unwrap();
        assert_eq!(stops.lines().count() - 1, season["stops"].as_array().unwrap().len());
        assert!(read(&dir, "season.csv").starts_with("level,group,stops_mean"));
        assert_eq!(season["meta"]["replications"], 40);
    }
}

#[test]
fn outputs_are_byte_identical_across_runs_and_thread_counts() {
    let (a, b, c) = (temp_dir("same-1"), temp_dir("same-2"), temp_dir("same-3"));
    let plan = repo("scenarios/2020-plan.toml");
    run_into(&plan, &a, &["--threads", "1"]);
    run_into(&plan, &b, &["--threads", "2"]);
    run_into(&plan, &c, &["--threads", "2"]);
    for file in ["stops.csv", "season.csv", "summary.json"] {
        assert_eq!(read(&a, file), read(&b, file), "{file}: 1 vs 2 threads");
        assert_eq!(read(&b, file), read(&c, file), "{file}: two runs");
    }
    let d = temp_dir("same-4");
    run_into(&plan, &d, &["--seed", "1"]);
    assert_ne!(
        read(&a, "stops.csv"),
        read(&d, "stops.csv"),
        "another seed, other results"
    );
}

#[test]
fn a_failed_run_leaves_earlier_results_alone() {
    let dir = temp_dir("failed-run");
    run_into(&repo("scenarios/2020-plan.toml"), &dir, &[]);
    let before = read(&dir, "summary.json");
    let broken = dir.join("broken.toml");
    std::fs::write(&broken, "[bus]\nclerks = 3\ndesks = 2\n").unwrap();
    let out = ablakbusz(&[
        "run",
        broken.to_str().unwrap(),
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&dir, "summary.json"), before);
    let leftovers = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn running_with_no_arguments_simulates_the_embedded_2020_plan() {
    let dir = temp_dir("no-args");
    let out = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Scenario 2020-plan"));
    assert!(dir.join("output/2020-plan/stops.csv").exists());
}

#[test]
fn a_scenario_compared_with_itself_differs_by_zero() {
    let dir = temp_dir("compare-self");
    let plan = repo("scenarios/2020-plan.toml");
    quick(&["compare", &plan, &plan], &dir);
    let csv = read(&dir, "compare.csv");
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let second: Vec<&str> = rows.nth(1).unwrap().split(',').collect();
    for (name, value) in header.iter().zip(&second).filter(|(h, _)| h.starts_with("diff_")) {
        assert!(
            value.is_empty() || value.parse::<f64>().unwrap() == 0.0,
            "{name} = {value}"
        );
    }
}

#[test]
fn policies_and_staff_cover_every_policy() {
    let dir = temp_dir("policies");
    let plan = repo("scenarios/2020-plan.toml");
    quick(&["policies", &plan], &dir);
    let policies = read(&dir, "policies.csv");
    let names: Vec<&str> = policies.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(names, ["by size", "fixed 3 h", "demand-driven"]);
    let out = ablakbusz(&["staff", &plan, "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let staffing = read(&dir, "staffing.csv");
    for policy in names {
        assert_eq!(
            staffing
                .lines()
                .filter(|l| l.starts_with(&format!("{policy},")))
                .count(),
            200,
            "{policy}"
        );
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("size class"));
    // --replications raises the search's least replications per candidate.
    let more = temp_dir("staff-more");
    let out = ablakbusz(&["staff", &plan, "--replications", "500", "--out", more.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let staffing = read(&more, "staffing.csv");
    let column = staffing
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == "replications")
        .unwrap();
    for row in staffing.lines().skip(1) {
        let replications: u64 = row.split(',').nth(column).unwrap().parse().unwrap();
        assert!(replications >= 500, "{row}");
    }
}

#[test]
fn plan_writes_the_itinerary_of_generated_and_explicit_seasons() {
    let dir = temp_dir("plan");
    let out = ablakbusz(&[
        "plan",
        &repo("scenarios/2020-plan.toml"),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let itinerary = read(&dir, "itinerary.csv");
    assert!(itinerary.starts_with(
        "date,weekday,bus_day,start,end,settlement,venue,dwell_hours,clerks,label,travel_min,km,\
         back_at_depot,return_travel_min,return_km\n"
    ));
    assert_eq!(itinerary.lines().count() - 1, 200);
    assert!(dir.join("unplaced.csv").exists());
    let explicit = temp_dir("plan-explicit");
    let out = ablakbusz(&[
        "plan",
        &repo("scenarios/2019-baseline.toml"),
        "--out",
        explicit.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = read(&explicit, "itinerary.csv");
    assert_eq!(rows.lines().count() - 1, 196);
    assert!(
        rows.lines().nth(1).unwrap().ends_with(",,"),
        "no travel for explicit stops"
    );
}
