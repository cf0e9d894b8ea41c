//! The season optimiser: on a small county where every plan can be enumerated no plan one or two
//! changes from its answer is better and the best is within a tenth; it keeps to its budgets, its
//! answer does not depend on the threads, and on the 2020 plan it writes a scenario `run` takes and
//! prints its comparison with the practice.

use std::path::Path;
use std::process::{Command, Output};

use ablakbusz::experiment::with_threads;
use ablakbusz::scenario::{ScenarioText, Setting};
use ablakbusz::study::{Objective, OptimiseRequest, Optimised, Plan, check_plan, optimise_season};

use crate::cli::temp_dir;

/// A small county: four villages near Kecskemét (a subset of the embedded table), each visited
/// twice for its size's dwell in the scenario's own plan; three weeks, at most two stops a day, and
/// a dwell grid of 2 and 3 hours (the demand-driven range). 4 settlements × 5 options (not visited,
/// once or twice at 2 or 3 h) = 625 plans, few enough to enumerate.
const COUNTY: &str = r#"
name = "small-county"
[simulation]
replications = 32
seed = 12
[bus]
clerks = 1
desks = 1
[season.generate]
from = 2020-03-02
to = 2020-03-20
day_start = "08:00"
day_end = "15:00"
settlements = "none"
include = ["Fülöpháza", "Ágasegyháza", "Ballószög", "Helvécia"]
visits_per_settlement = 2
min_days_between_visits = 5
max_stops_per_day = 2
[season.generate.dwell]
policy = "by_size"
size = [{ min_population = 0, hours = 2 }, { min_population = 3000, hours = 3 }]
[[policy]]
name = "as needed"
policy = "demand_driven"
shortest_hours = 2
longest_hours = 3
step_min = 60
"#;

fn county() -> ScenarioText {
    ScenarioText {
        text: COUNTY.to_string(),
        origin: "small-county.toml".into(),
        base_dir: None,
        settings: Vec::new(),
    }
}

fn request(bus_days: usize, clerk_hours: Option<f64>) -> OptimiseRequest {
    OptimiseRequest {
        objective: Objective::ServedWithinTarget,
        budget_bus_days: Some(bus_days),
        budget_clerk_hours: clerk_hours,
        max_visits: 2,
        screening_replications: 32,
        seed: 12,
    }
}

fn optimise(request: &OptimiseRequest) -> Optimised {
    let text = county();
    let base = text.resolve(None).unwrap();
    optimise_season(&text, &base, request, &|_| {}).unwrap()
}

/// Steps `plan` to the next plan in mixed radix (option counts `sizes`); false after the last.
fn next_plan(plan: &mut [usize], sizes: &[usize]) -> bool {
    for (option, &size) in plan.iter_mut().zip(sizes) {
        *option += 1;
        if *option < size {
            return true;
        }
        *option = 0;
    }
    false
}

/// Every plan that the planner fits into the budget, with its screening value.
fn fitting_plans(optimised: &Optimised) -> Vec<(f64, Plan)> {
    let text = county();
    let screening = &optimised.screening;
    let sizes: Vec<usize> = screening.settlements.iter().map(|s| s.options.len()).collect();
    let mut plan: Plan = vec![0; sizes.len()];
    let mut fitting = Vec::new();
    while next_plan(&mut plan, &sizes) {
        let checked = check_plan(&text, screening, &plan, "enumerated", &optimised.budget).unwrap();
        if checked.fits {
            fitting.push((screening.value(&plan), plan.clone()));
        }
    }
    fitting
}

#[test]
fn the_optimisers_plan_of_a_small_county_beats_every_neighbour_and_is_near_the_best() {
    // The search is local (capacity bisection on a time surrogate, then single and pair moves
    // checked by the planner), so what it guarantees is a plan no single or pair change improves
    // on while still fitting; the enumeration checks that, and how far the global best is.
    for bus_days in [2, 3, 4] {
        let optimised = optimise(&request(bus_days, None));
        let mine = &optimised.best.plan;
        let fitting = fitting_plans(&optimised);
        let changes = |plan: &Plan| plan.iter().zip(mine).filter(|(a, b)| a != b).count();
        for (value, plan) in fitting.iter().filter(|(_, plan)| changes(plan) <= 2) {
            assert!(
                *value <= optimised.value + 1e-9,
                "{bus_days} bus-days: {plan:?} ({value}) fits, is one or two changes from the optimiser's {mine:?} ({}) and is better",
                optimised.value
            );
        }
        let best = fitting.iter().map(|f| f.0).fold(f64::NEG_INFINITY, f64::max);
        assert!(
            optimised.value <= best + 1e-9 && optimised.value >= 0.9 * best,
            "{bus_days} bus-days: {} against the enumerated {best}",
            optimised.value
        );
        assert!(optimised.best.fits && optimised.best.bus_days <= bus_days);
    }
}

#[test]
fn the_budgets_are_kept_and_the_threads_do_not_matter() {
    let clerk_hours = 9.0;
    let one = with_threads(Some(1), || optimise(&request(4, Some(clerk_hours)))).unwrap();
    let two = with_threads(Some(2), || optimise(&request(4, Some(clerk_hours)))).unwrap();
    assert_eq!(one, two, "the same answer on 1 and 2 threads");
    let season = &one.best.season;
    // From the planned season itself, not from the optimiser's own sums.
    let days = season.itinerary.as_ref().unwrap().days.len();
    assert!(days <= 4, "{days} bus-days");
    let planned: f64 = season
        .stops
        .iter()
        .map(|s| f64::from(s.spec.clerks) * s.dwell_hours())
        .sum();
    assert!(planned <= clerk_hours + 1e-9, "{planned} clerk-hours at the stops");
    assert!(season.itinerary.as_ref().unwrap().unplaced.is_empty());
    // Without the clerk-hours limit the same bus-days allow more.
    let free = optimise(&request(4, None));
    assert!(free.value >= one.value);
}

/// The small county with a two-desk bus and two clerks.
fn two_desk_county() -> ScenarioText {
    let set = |key: &str, value: &str| Setting {
        key: key.into(),
        value: value.into(),
    };
    county().with_settings(&[set("bus.desks", "2"), set("bus.clerks", "2")])
}

#[test]
fn each_bus_day_gets_one_crew_the_best_of_every_crew_within_the_clerk_hours() {
    let text = two_desk_county();
    let base = text.resolve(None).unwrap();
    let practice_dwell: f64 = base
        .stops
        .iter()
        .map(ablakbusz::scenario::SeasonStop::dwell_hours)
        .sum();
    // Between one and two clerks at every stop of the practice: the budget binds.
    let budget = 1.5 * practice_dwell;
    let optimised = optimise_season(&text, &base, &request(4, Some(budget)), &|_| {}).unwrap();
    let season = &optimised.best.season;
    let mut dates: Vec<_> = season.stops.iter().map(|s| s.date).collect();
    dates.dedup();
    // Per day: its dwell hours and its value at 1 and 2 clerks, from the screening's visit values.
    let days: Vec<(u32, f64, [f64; 2])> = dates
        .iter()
        .map(|&date| {
            let stops: Vec<_> = season.stops.iter().filter(|s| s.date == date).collect();
            let clerks = stops[0].spec.clerks;
            assert!(stops.iter().all(|s| s.spec.clerks == clerks), "one crew on {date}");
            let mut value = [0.0; 2];
            for stop in &stops {
                let visits = season.stops.iter().filter(|s| s.settlement == stop.settlement).count() as u32;
                let by_clerks = optimised
                    .screening
                    .visit_values(&stop.settlement, visits, stop.dwell_hours())
                    .unwrap();
                value[0] += by_clerks[0];
                value[1] += by_clerks[1];
            }
            (clerks, stops.iter().map(|s| s.dwell_hours()).sum(), value)
        })
        .collect();
    let clerk_hours: f64 = days.iter().map(|d| f64::from(d.0) * d.1).sum();
    assert!(clerk_hours <= budget + 1e-9, "{clerk_hours} clerk-hours");
    let all_two: f64 = days.iter().map(|d| 2.0 * d.1).sum();
    assert!(
        all_two > budget,
        "the budget binds: two clerks everywhere take {all_two} h"
    );
    // Every crew vector within the budget: none is worth more.
    let chosen: f64 = days.iter().map(|d| d.2[d.0 as usize - 1]).sum();
    for mask in 0..1_u32 << days.len() {
        let crew = |i: usize| if mask >> i & 1 == 1 { 2 } else { 1 };
        let hours: f64 = days.iter().enumerate().map(|(i, d)| f64::from(crew(i)) * d.1).sum();
        if hours <= budget + 1e-9 {
            let value: f64 = days.iter().enumerate().map(|(i, d)| d.2[crew(i) as usize - 1]).sum();
            assert!(value <= chosen + 1e-9, "crews {mask:b} give {value} > {chosen}");
        }
    }
    assert!((optimised.value - chosen).abs() < 1e-9);
    assert!((optimised.crews.clerk_hours - clerk_hours).abs() < 1e-9);
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).display().to_string()
}

fn in_folder(cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn optimise_writes_the_same_bytes_on_one_and_two_threads() {
    let cwd = temp_dir("optimise-threads");
    std::fs::write(cwd.join("small-county.toml"), COUNTY).unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = cwd.join(format!("out-{threads}"));
        in_folder(
            &cwd,
            &[
                "optimise",
                "small-county.toml",
                "--budget-bus-days",
                "3",
                "--max-visits",
                "2",
                "--quiet",
                "--threads",
                threads,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        outputs
            .push(["optimised.toml", "optimised-stops.csv", "optimise.csv", "compare.csv"].map(|f| read(&out.join(f))));
    }
    assert_eq!(outputs[0], outputs[1]);
}

/// Its product is its files: with the reader of stdout gone at once (`ablakbusz optimise … | head`),
/// the plan it prints before simulating meets a closed pipe, and the files are still written.
#[cfg(unix)]
#[test]
fn optimise_writes_its_files_when_stdout_is_closed() {
    let cwd = temp_dir("optimise-closed-pipe");
    std::fs::write(cwd.join("small-county.toml"), COUNTY).unwrap();
    let out = cwd.join("out");
    let args = [
        "optimise",
        "small-county.toml",
        "--budget-bus-days",
        "3",
        "--max-visits",
        "2",
        "--out",
    ];
    let ended = crate::cli::ablakbusz_stdout_closed(&cwd, &[&args[..], &[out.to_str().unwrap()]].concat());
    let stderr = String::from_utf8_lossy(&ended.stderr);
    assert_eq!(ended.status.code(), Some(0), "{stderr}");
    for file in [
        "optimised.toml",
        "optimised-stops.csv",
        "optimise.csv",
        "compare.csv",
        "compare.html",
    ] {
        assert!(out.join(file).is_file(), "{file} missing; stderr: {stderr}");
    }
}

#[test]
fn optimise_on_the_2020_plan_writes_a_scenario_run_takes_and_prints_paired_intervals() {
    let cwd = temp_dir("optimise-2020");
    let out = in_folder(
        &cwd,
        &["optimise", &repo("scenarios/2020-plan.toml"), "--replications", "16"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("paired difference"), "{stdout}");
    assert!(stdout.contains("95 % interval"), "{stdout}");
    let folder = cwd.join("output/optimise/2020-plan");
    let plan = read(&folder.join("optimise.csv"));
    assert_eq!(plan.lines().count(), 101, "a row per settlement without an office");
    // The practice's bus-days are the budget: the planned season keeps to it.
    let practice = ablakbusz::scenario::load_file(repo("scenarios/2020-plan.toml")).unwrap();
    let budget = practice.itinerary.as_ref().unwrap().days.len();
    let scenario = folder.join("optimised.toml");
    let optimised = ablakbusz::scenario::load_file(&scenario).unwrap();
    assert!(
        optimised.estimated_days.len() <= budget,
        "{} bus-days",
        optimised.estimated_days.len()
    );
    let run = run_exported(&cwd, &scenario);
    let season = read(&run.join("season.csv"));
    assert!(season.contains("served_within_target_mean"), "{season}");
}

/// `run` on an exported scenario, 16 replications, into `cwd/run` (returned).
fn run_exported(cwd: &Path, scenario: &Path) -> std::path::PathBuf {
    let run = cwd.join("run");
    in_folder(
        cwd,
        &[
            "run",
            scenario.to_str().unwrap(),
            "--quiet",
            "--replications",
            "16",
            "--out",
            run.to_str().unwrap(),
        ],
    );
    run
}

/// `optimise` on the small county with `args` after the budget, into `out` (quiet).
fn optimise_county(cwd: &Path, out: &Path, args: &[&str]) -> Output {
    std::fs::write(cwd.join("small-county.toml"), COUNTY).unwrap();
    let mut all = vec![
        "optimise",
        "small-county.toml",
        "--budget-bus-days",
        "3",
        "--max-visits",
        "2",
        "--replications",
        "16",
        "--out",
        out.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    in_folder(cwd, &all)
}

/// Progress is for a person at a terminal: with stderr a pipe (a log, a script), the steps'
/// spinner draws nothing, in either language, and the summary still goes to stdout.
#[test]
fn optimise_writes_no_progress_when_stderr_is_no_terminal() {
    for lang in ["en", "hu"] {
        let cwd = temp_dir(&format!("optimise-progress-{lang}"));
        let out = optimise_county(&cwd, &cwd.join("out"), &["--lang", lang]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{lang}: {stderr}");
        assert!(!out.stdout.is_empty(), "{lang}: the summary is printed");
    }
}

#[test]
fn objective_lost_writes_a_scenario_run_takes_and_prints_the_lost_comparison() {
    let cwd = temp_dir("optimise-lost");
    let out = cwd.join("out");
    let stdout = optimise_county(&cwd, &out, &["--objective", "lost"]).stdout;
    let stdout = String::from_utf8_lossy(&stdout);
    for words in [
        "expected clients lost at the stops or left unserved",
        "Lost or left unserved (the demand of",
        "Of them lost at the stops",
        "paired difference",
        "95 % interval",
        // The county's own plan takes 6 bus-days, the budget is 3.
        "The scenario's own plan uses 6 bus-days, more than the budget",
    ] {
        assert!(stdout.contains(words), "{words}: {stdout}");
    }
    assert!(!stdout.contains("Served within 20 minutes, simulated"), "{stdout}");
    assert!(
        !stdout.contains("clerk-hours at the stops, more than"),
        "no clerk-hours budget: {stdout}"
    );
    let table = read(&out.join("optimise.csv"));
    assert!(
        table.lines().next().unwrap().contains("lost_and_unserved_expected"),
        "{table}"
    );
    let run = cwd.join("run");
    let scenario = out.join("optimised.toml");
    in_folder(
        &cwd,
        &[
            "run",
            scenario.to_str().unwrap(),
            "--quiet",
            "--replications",
            "16",
            "--out",
            run.to_str().unwrap(),
        ],
    );
    assert!(read(&run.join("season.csv")).contains("lost_mean"));
}

/// The mean of `column` in the row of `name` (or the only row) of a season table.
fn season_mean(table: &str, name: Option<&str>, column: &str) -> f64 {
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header
        .iter()
        .position(|h| *h == column)
        .unwrap_or_else(|| panic!("{column}: {header:?}"));
    let row: Vec<&str> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| name.is_none_or(|n| r[0] == n))
        .unwrap_or_else(|| panic!("{name:?} in {table}"));
    row[at].parse().unwrap()
}

#[test]
fn the_exported_scenario_carries_the_settings_it_was_optimised_under() {
    let cwd = temp_dir("optimise-set");
    let out = cwd.join("out");
    optimise_county(
        &cwd,
        &out,
        &[
            "--quiet",
            "--set",
            "demand.model=pending_needs",
            "--set",
            "bus.wait_target_min=15",
        ],
    );
    let scenario = out.join("optimised.toml");
    let season = ablakbusz::scenario::load_file(&scenario).unwrap();
    assert!(season.demand.pending.is_some(), "the pending-needs model is carried");
    assert!(season.stops.iter().all(|s| s.spec.wait_target_min == 15.0));
    // The season `run` simulates is the one the optimiser compared: the same totals.
    let run = run_exported(&cwd, &scenario);
    let ran = read(&run.join("season.csv"));
    let compared = read(&out.join("compare.csv"));
    for column in ["arrivals_mean", "served_mean", "served_within_target_mean"] {
        assert_eq!(
            season_mean(&ran, None, column),
            season_mean(&compared, Some(&season.name), column),
            "{column}"
        );
    }
}

/// The best value with crews over every plan of the two-desk county, each visit set planned once
/// (plans differing only in their options' clerks plan the same season and crews).
fn enumerated_with_crews(text: &ScenarioText, optimised: &Optimised) -> f64 {
    let screening = &optimised.screening;
    let sizes: Vec<usize> = screening.settlements.iter().map(|s| s.options.len()).collect();
    let mut plan: Plan = vec![0; sizes.len()];
    let mut planned: Vec<Plan> = Vec::new();
    let mut best = f64::NEG_INFINITY;
    loop {
        if !next_plan(&mut plan, &sizes) {
            return best;
        }
        if planned.iter().any(|p| screening.same_visits(p, &plan)) {
            continue;
        }
        planned.push(plan.clone());
        let checked = check_plan(text, screening, &plan, "enumerated", &optimised.budget).unwrap();
        if checked.fits {
            best = best.max(checked.value());
        }
    }
}

/// Under a binding clerk-hours budget the search ranks plans with clerks per settlement and the
/// crews are settled a day at a time after planning, so it is a heuristic: measured against every
/// plan at 3 and 4 bus-days and 21 clerk-hours it reached 79.1 of 83.3 and 78.9 of 84.5 expected
/// clients (5–7 % short; docs/planning.md). This holds it to within 10 % and never above the best.
#[test]
fn with_crews_under_a_clerk_hours_budget_the_optimiser_is_within_a_tenth_of_the_enumerated_best() {
    let text = two_desk_county();
    let base = text.resolve(None).unwrap();
    for bus_days in [3, 4] {
        let optimised = optimise_season(&text, &base, &request(bus_days, Some(21.0)), &|_| {}).unwrap();
        let best = enumerated_with_crews(&text, &optimised);
        assert!(
            optimised.value <= best + 1e-9,
            "{} above the enumerated {best}",
            optimised.value
        );
        assert!(
            optimised.value >= 0.9 * best,
            "{bus_days} bus-days: {} against the enumerated {best}",
            optimised.value
        );
    }
}
