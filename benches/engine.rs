//! Engine benchmark: clients per CPU-second on one core, fast path against the event engine, season
//! and staffing figures, and peak memory at 5,000 stops.
//!
//! Run with `cargo bench`. Prints its figures; nothing here is asserted (speed is measured, not tested).
//! CPU time is the process's (all threads), from `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`: the
//! development machine is shared, so wall time varies with the other work on it; both are printed.
//! (a) a typical stop: λ = 6/h, lognormal service mean 12 min CV 0.6, c = 2, H = 4 h, exponential
//! patience mean 30 min, by the fast path and by the event engine; (b) a season of 196 such stops
//! (the 2019 number of stops), 10,000 replications on 1 and 2 threads; (c) the staffing search over
//! the embedded 2020 plan; (e) planning the 2020 plan: its time, and its gap to the printed lower
//! bounds and to the exact least km; (d) peak memory of a child process running 5,000 stops × 500 and × 2,000
//! replications (must be flat in replications); (f) a national-size season, 20 copies of the 2020
//! plan's stops (about 4,000), 200 replications on all cores in a child process: time and peak
//! memory; (g) planning a national-size season, 20 shifted copies of the county's settlements (4,000
//! visits), by the greedy and the optimised planner, as one problem with one depot and as 20 plans
//! with a depot each, in child processes: CPU time, wall time and peak memory beside the county's.
//! `cargo bench --bench engine -- b d` runs only the figures named; `--quick` makes (a) the fast path
//! alone over [`QUICK_STOP_REPLICATIONS`] replications (for instruction counts under callgrind).

use std::time::Instant;

use ablakbusz::experiment::{GroupMetric, Grouping, RunSettings, SeasonModel, WEEK_GROUPING, run_season};
use ablakbusz::sim::{
    Arrivals, Closing, Duration, Engine, ErrandType, NoObserver, Patience, PreparedStop, RateProfile, StopSpec,
    StopStreams, StreamKey,
};

/// Stops in the benchmark season: the 2019 season had 196 (DESIGN §2).
const SEASON_STOPS: usize = 196;
/// Replications of the season run (issue 14's target: under 2 s on 2 cores, 3.5 s on one).
const SEASON_REPLICATIONS: u32 = 10_000;
/// Stop-replications of the single-stop benchmark (long enough for a stable rate, a few CPU-seconds).
const STOP_REPLICATIONS: u64 = 400_000;
/// Stop-replications of (a) under `--quick`: about 480,000 clients, a minute under callgrind.
const QUICK_STOP_REPLICATIONS: u64 = 20_000;
/// Argument that makes (a) quick: the fast path only, [`QUICK_STOP_REPLICATIONS`] replications.
const QUICK: &str = "--quick";
/// Stops of the memory benchmark (issue 14: at most 60 MB at 5,000 stops × 2,000 replications).
const MEMORY_STOPS: usize = 5_000;
/// Replications of the memory benchmark: a quarter, then all of issue 14's 2,000 (flat in between).
const MEMORY_REPLICATIONS: [u32; 2] = [500, 2_000];
/// Argument that makes this binary a memory-benchmark child (`--memory-child <replications>`).
const MEMORY_CHILD: &str = "--memory-child";

fn typical_stop() -> PreparedStop {
    let dwell_min = 4.0 * 60.0;
    let spec = StopSpec {
        dwell_min,
        arrivals: Arrivals::Poisson {
            profile: RateProfile::flat(6.0, dwell_min).unwrap(),
            dispersion_shape: None,
        },
        errands_per_client: 1.0,
        case_mix: vec![ErrandType {
            name: "case".into(),
            weight: 1.0,
            service: Duration::LogNormal {
                mean_min: 12.0,
                cv: 0.6,
            },
            information_only: false,
        }],
        clerks: 2,
        desks: 2,
        patience: Patience::Limited(Duration::Exponential { mean_min: 30.0 }),
        balking: None,
        closing: Closing::ServeAll,
        wait_target_min: 20.0,
    };
    PreparedStop::new(&spec).unwrap()
}

/// CPU time of this process (all threads), seconds.
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant Linux provides.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &raw mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Wall and CPU seconds of `work`, with its result.
fn timed<T>(work: impl FnOnce() -> T) -> (T, f64, f64) {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let result = work();
    (result, wall.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

/// Peak resident memory of this process, kB (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Clients per CPU-second of the typical stop, by the fast path (`fast`) or the event engine.
fn bench_single_stop(fast: bool, replications: u64) -> f64 {
    let stop = typical_stop();
    let mut engine = Engine::new();
    // The stop's key is expanded once for all its replications, as a season run does.
    let streams = StopStreams::new(1, 0);
    let (clients, wall, cpu) = timed(|| {
        let mut clients = 0u64;
        for replication in 0..replications {
            let key = StreamKey {
                seed: 1,
                stop: 0,
                replication,
            };
            let outcome = if fast {
                stop.simulate_streams(&mut engine, &streams, replication)
            } else {
                stop.simulate_observed(&mut engine, key, &mut NoObserver)
            };
            clients += u64::from(outcome.arrivals);
        }
        clients
    });
    let rate = clients as f64 / cpu;
    println!(
        "(a) typical stop, {}: {replications} replications, {clients} clients in {cpu:.2} CPU-s ({wall:.2} s wall): {:.1} million clients per CPU-second, {:.0} thousand stop-replications per CPU-second",
        if fast { "fast path" } else { "event engine" },
        rate / 1e6,
        replications as f64 / cpu / 1e3
    );
    rate
}

fn season_model(stops: usize) -> SeasonModel {
    SeasonModel {
        stops: vec![typical_stop(); stops],
        groupings: vec![],
    }
}

/// Runs the season on `threads` threads; returns its CPU seconds and wall seconds.
fn bench_season(replications: u32, threads: usize) -> (f64, f64) {
    let model = season_model(SEASON_STOPS);
    let settings = RunSettings {
        replications,
        seed: 7,
        threads: Some(threads),
    };
    let (results, wall, cpu) = timed(|| run_season(&model, &settings, &|_| {}).unwrap());
    let clients = results.season.get(GroupMetric::Arrivals).mean * f64::from(replications);
    println!(
        "(b) season of {SEASON_STOPS} stops, {replications} replications, {threads} thread(s): {wall:.2} s wall, {cpu:.2} CPU-s, {:.1} million clients per CPU-second",
        clients / cpu / 1e6
    );
    (cpu, wall)
}

/// (c) the staffing search over the whole embedded 2020 plan: every stop, clerks 1 to desks + 2,
/// the three dwell policies, each candidate simulated until its verdict (meets, fails, too close;
/// issue 14: under 2 s).
fn bench_staffing() {
    let text = ablakbusz::scenario::ScenarioText::embedded_default().parse();
    let base = text.resolve(None).unwrap();
    let settings = ablakbusz::staffing::SearchSettings::default();
    let (by_policy, wall, cpu) = timed(|| ablakbusz::study::staffing_by_policy(&text, &base, &settings).unwrap());
    let searches: usize = by_policy.iter().map(Vec::len).sum();
    let replications: u64 = by_policy
        .iter()
        .flatten()
        .map(|r| r.answer.simulated_replications())
        .sum();
    println!(
        "(c) staffing search, 2020 plan: {} policies, {searches} stop searches, {replications} candidate-replications: {wall:.2} s wall, {cpu:.2} CPU-s",
        by_policy.len()
    );
}

/// The least km of any plan of the 2020 plan under its own rules, from an exact set partitioning
/// of each round (see `tests/integration/planning.rs`).
const LEAST_KM_2020: f64 = 23_835.454;

/// (e) planning the embedded 2020 plan (the first plan of this process: nothing reused): time,
/// bus-days and km, the gap to the lower bounds `plan` prints and to the exact least km.
fn bench_plan() {
    let text = ablakbusz::scenario::ScenarioText::embedded_default().parse();
    let (season, wall, cpu) = timed(|| text.resolve(None).unwrap());
    let itinerary = season.itinerary.expect("a generated season");
    let summary = itinerary.summary();
    let bounds = itinerary.bounds.expect("bounds beside the plan");
    println!(
        "(e) plan, 2020 plan: {} bus-days, {:.0} km in {wall:.2} s wall, {cpu:.2} CPU-s (target: at most 130 bus-days, 23,600 km, under 10 s); \
         lower bounds {} bus-days ({:.1} % above), {:.0} km ({:.1} % above); exact least {LEAST_KM_2020:.0} km ({:.2} % above)",
        summary.bus_days,
        summary.total_km,
        bounds.bus_days,
        100.0 * (summary.bus_days as f64 / bounds.bus_days as f64 - 1.0),
        bounds.km,
        100.0 * (summary.total_km / bounds.km - 1.0),
        100.0 * (summary.total_km / LEAST_KM_2020 - 1.0),
    );
}

/// Copies of the 2020 plan's season in the national-size benchmark (issue 14: 20 shifted copies of
/// the county, about 4,000 stops).
const NATIONAL_COPIES: usize = 20;
/// Replications of the national-size run (issue 14: `run` at 200 replications under 3 s).
const NATIONAL_REPLICATIONS: u32 = 200;
/// Argument that makes this binary the national-size child (`--national-child`).
const NATIONAL_CHILD: &str = "--national-child";

/// The 2020 plan's season model `copies` times, one copy after another: each copy's stops keep
/// their return links in carry slots of their own and their districts as groups of their own (the
/// week grouping is shared). The stops are not re-planned: planning a national season is not
/// measured here.
fn national_model(copies: usize) -> SeasonModel {
    let text = ablakbusz::scenario::ScenarioText::embedded_default().parse();
    let county = ablakbusz::study::season_model(&text.resolve(None).unwrap()).unwrap();
    let slots = county
        .stops
        .iter()
        .filter_map(|s| s.returns.map(|r| r.slot + 1))
        .max()
        .unwrap_or(0);
    let mut stops = Vec::with_capacity(county.stops.len() * copies);
    for copy in 0..copies {
        stops.extend(county.stops.iter().cloned().map(|mut stop| {
            if let Some(link) = &mut stop.returns {
                link.slot += copy * slots;
            }
            stop
        }));
    }
    let groupings = county
        .groupings
        .iter()
        .map(|g| {
            let shared = g.name == WEEK_GROUPING;
            let groups = if shared { 1 } else { copies };
            let labels = (0..groups)
                .flat_map(|copy| {
                    g.labels.iter().map(move |l| {
                        if shared {
                            l.clone()
                        } else {
                            format!("{l} #{}", copy + 1)
                        }
                    })
                })
                .collect();
            let member_of = (0..copies)
                .flat_map(|copy| {
                    g.member_of
                        .iter()
                        .map(move |&m| if shared { m } else { m + copy * g.labels.len() })
                })
                .collect();
            Grouping {
                name: g.name.clone(),
                labels,
                member_of,
            }
        })
        .collect();
    SeasonModel { stops, groupings }
}

/// (f) child side: runs the national-size season (all cores) and prints its stops, wall s, CPU-s
/// and the process's peak resident memory, kB.
fn national_child() {
    let model = national_model(NATIONAL_COPIES);
    let settings = RunSettings {
        replications: NATIONAL_REPLICATIONS,
        seed: 7,
        threads: None,
    };
    let (_, wall, cpu) = timed(|| run_season(&model, &settings, &|_| {}).unwrap());
    println!(
        "{} {wall:.2} {cpu:.2} {}",
        model.stops.len(),
        peak_rss_kb().unwrap_or(0)
    );
}

/// (f) parent side: the national-size run in a fresh process (its own peak memory).
fn bench_national() {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let out = std::process::Command::new(&exe)
        .arg(NATIONAL_CHILD)
        .output()
        .expect("the national child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    if let [stops, wall, cpu, kb] = text.split_whitespace().collect::<Vec<_>>()[..] {
        let mb = kb.parse::<f64>().unwrap_or(f64::NAN) / 1024.0;
        println!(
            "(f) national-size season ({NATIONAL_COPIES} copies of the 2020 plan, {stops} stops, not re-planned), {NATIONAL_REPLICATIONS} replications, all cores: {wall} s wall, {cpu} CPU-s, peak memory {mb:.1} MB (targets: run under 3 s, under 150 MB)"
        );
    } else {
        println!("(f) national child failed: {text}");
    }
}

/// (d) child side: runs the memory season and prints its peak resident memory, kB.
fn memory_child(replications: u32) {
    let model = season_model(MEMORY_STOPS);
    let settings = RunSettings {
        replications,
        seed: 7,
        threads: None,
    };
    let (_, wall, cpu) = timed(|| run_season(&model, &settings, &|_| {}).unwrap());
    println!("{} {wall:.2} {cpu:.2}", peak_rss_kb().unwrap_or(0));
}

/// (d) parent side: peak memory of a fresh process per replication count, and the ratio of the
/// largest to the smallest (1.0: flat in replications).
fn bench_memory() {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let mut peaks_mb = Vec::new();
    for replications in MEMORY_REPLICATIONS {
        let out = std::process::Command::new(&exe)
            .args([MEMORY_CHILD, &replications.to_string()])
            .output()
            .expect("the memory child runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<&str> = text.split_whitespace().collect();
        if let [kb, wall, cpu] = fields[..] {
            let mb = kb.parse::<f64>().unwrap_or(f64::NAN) / 1024.0;
            println!(
                "(d) peak memory, {MEMORY_STOPS} stops × {replications} replications, all cores: {mb:.1} MB ({wall} s wall, {cpu} CPU-s)"
            );
            peaks_mb.push(mb);
        } else {
            println!("(d) memory child failed: {text}");
        }
    }
    if let [first, .., last] = peaks_mb[..] {
        println!(
            "(d) peak memory at {} ÷ at {} replications: {:.2}× (target: at most 60 MB, flat in replications)",
            MEMORY_REPLICATIONS[MEMORY_REPLICATIONS.len() - 1],
            MEMORY_REPLICATIONS[0],
            last / first
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == MEMORY_CHILD) {
        memory_child(args[i + 1].parse().expect("replications"));
        return;
    }
    if args.iter().any(|a| a == NATIONAL_CHILD) {
        national_child();
        return;
    }
    if let Some(i) = args.iter().position(|a| a == PLAN_CHILD) {
        plan_child(
            args[i + 1].parse().expect("copies"),
            &args[i + 2],
            args[i + 3] == "optimised",
        );
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing else: keep it quick there.
    if !args.iter().any(|a| a == "--bench") {
        let _ = bench_season(20, 1);
        return;
    }
    // `cargo bench --bench engine -- a b` runs only the figures named (all when none is).
    let wanted: Vec<&str> = args
        .iter()
        .skip(1)
        .map(String::as_str)
        .filter(|a| SECTIONS.contains(a))
        .collect();
    let runs = |section: &str| wanted.is_empty() || wanted.contains(&section);
    if runs("a") && args.iter().any(|a| a == QUICK) {
        bench_single_stop(true, QUICK_STOP_REPLICATIONS);
    } else if runs("a") {
        let fast = bench_single_stop(true, STOP_REPLICATIONS);
        let event = bench_single_stop(false, STOP_REPLICATIONS);
        println!(
            "(a) fast path ÷ event engine: {:.2}× (target: at least 25 million clients per CPU-second)",
            fast / event
        );
    }
    if runs("b") {
        let (one_cpu, one_wall) = bench_season(SEASON_REPLICATIONS, 1);
        let (two_cpu, two_wall) = bench_season(SEASON_REPLICATIONS, 2);
        println!(
            "(b) season, 2 threads against 1: {:.2}× faster in wall time, {:.2}× the CPU time (targets: under 2 s wall on 2 cores, under 3.5 s on one)",
            one_wall / two_wall,
            two_cpu / one_cpu
        );
    }
    if runs("e") {
        bench_plan();
    }
    if runs("c") {
        bench_staffing();
    }
    if runs("d") {
        bench_memory();
    }
    if runs("f") {
        bench_national();
    }
    if runs("g") {
        bench_national_plan();
    }
}

/// The figures `cargo bench --bench engine -- <section>…` can pick.
const SECTIONS: [&str; 7] = ["a", "b", "c", "d", "e", "f", "g"];

/// Copies of the county in the national-size planning benchmark (issue 14: 20 shifted copies).
const PLAN_COPIES: usize = 20;
/// Copies side by side in each row of the national map (5 × 4 = 20 counties).
const PLAN_COPIES_PER_ROW: usize = 5;
/// Space between neighbouring copies, degrees (about 11 km north–south): no copy overlaps another.
const PLAN_COPY_MARGIN_DEG: f64 = 0.1;
/// Argument that makes this binary the national-planning child (`--plan-child <copies> <mode>`).
const PLAN_CHILD: &str = "--plan-child";

/// The 2020 plan's planning input rebuilt from its resolved season: the visit series (place,
/// venue, dwell, visits wanted, in series order) and the rules of its `[season.generate]`
/// (2 March – 27 November 2020, Monday to Friday without the Hungarian days off and the summer
/// break, 07:00–17:00, at least 28 days between visits; the rest are the defaults).
fn county_planning_input() -> (ablakbusz::plan::ItineraryRules, Vec<ablakbusz::plan::Visit>) {
    use ablakbusz::plan::{ItineraryRules, MONDAY_TO_FRIDAY, Visit, WorkingCalendar, hungarian_days_off};
    let text = ablakbusz::scenario::ScenarioText::embedded_default().parse();
    let itinerary = text.resolve(None).unwrap().itinerary.expect("a generated season");
    let series = itinerary
        .stops
        .iter()
        .map(|s| s.visit_index)
        .chain(itinerary.unplaced.iter().map(|u| u.visit_index))
        .max()
        .map_or(0, |m| m + 1);
    let mut visits: Vec<Option<Visit>> = vec![None; series];
    for stop in &itinerary.stops {
        let visit = visits[stop.visit_index].get_or_insert_with(|| Visit {
            place: stop.place.clone(),
            venue: stop.venue,
            dwell_min: stop.dwell_min,
            visits_wanted: 0,
        });
        visit.visits_wanted += 1;
    }
    for missing in &itinerary.unplaced {
        visits[missing.visit_index]
            .get_or_insert_with(|| Visit {
                visits_wanted: 0,
                ..missing.visit.clone()
            })
            .visits_wanted += 1;
    }
    let first = jiff::civil::date(2020, 3, 2);
    let mut holidays = hungarian_days_off(2020).expect("the 2020 decree is in the table");
    holidays.extend(
        jiff::civil::date(2020, 7, 13)
            .series(jiff::ToSpan::day(1))
            .take_while(|d| *d <= jiff::civil::date(2020, 8, 21)),
    );
    let calendar = WorkingCalendar::new(first, jiff::civil::date(2020, 11, 27), &MONDAY_TO_FRIDAY, &holidays);
    let mut rules = ItineraryRules::with_defaults(calendar.working_days().unwrap());
    rules.window.start_min = 7 * 60;
    rules.window.end_min = 17 * 60;
    rules.min_gap_days = 28;
    (rules, visits.into_iter().flatten().collect())
}

/// The county's visits and depot shifted to copy `copy` of the national map: copies side by side,
/// [`PLAN_COPIES_PER_ROW`] to a row, each the county's extent plus a margin away from the last.
fn shifted_copy(
    rules: &ablakbusz::plan::ItineraryRules,
    visits: &[ablakbusz::plan::Visit],
    copy: usize,
) -> (ablakbusz::plan::Place, Vec<ablakbusz::plan::Visit>) {
    let extent = |pick: fn(&ablakbusz::plan::Visit) -> f64| {
        let (lo, hi) = visits
            .iter()
            .map(pick)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
        hi - lo + PLAN_COPY_MARGIN_DEG
    };
    let lat_step = extent(|v| v.place.coordinates.lat_deg);
    let lon_step = extent(|v| v.place.coordinates.lon_deg);
    let (row, column) = (copy / PLAN_COPIES_PER_ROW, copy % PLAN_COPIES_PER_ROW);
    let shift = |place: &ablakbusz::plan::Place| {
        ablakbusz::plan::Place::new(
            format!("{} #{}", place.name, copy + 1),
            place.coordinates.lat_deg + row as f64 * lat_step,
            place.coordinates.lon_deg + column as f64 * lon_step,
        )
    };
    let shifted = visits
        .iter()
        .map(|v| ablakbusz::plan::Visit {
            place: shift(&v.place),
            ..v.clone()
        })
        .collect();
    (shift(&rules.depot), shifted)
}

/// (g) child side: plans `copies` copies of the county (`one`: one problem with the county's
/// depot; `each`: each copy with its own shifted depot, planned on its own) with the greedy or
/// the optimised planner; prints visits wanted, stops, bus-days, km, wall s, CPU-s, peak kB.
fn plan_child(copies: usize, mode: &str, optimise: bool) {
    let (mut rules, county) = county_planning_input();
    rules.planner.optimise = optimise;
    let inputs: Vec<_> = (0..copies).map(|c| shifted_copy(&rules, &county, c)).collect();
    let (plans, wall, cpu) = timed(|| {
        if mode == "each" {
            inputs
                .iter()
                .map(|(depot, visits)| {
                    let rules = ablakbusz::plan::ItineraryRules {
                        depot: depot.clone(),
                        ..rules.clone()
                    };
                    ablakbusz::plan::build_itinerary(&rules, visits).unwrap()
                })
                .collect::<Vec<_>>()
        } else {
            let visits: Vec<_> = inputs.iter().flat_map(|(_, v)| v.iter().cloned()).collect();
            vec![ablakbusz::plan::build_itinerary(&rules, &visits).unwrap()]
        }
    });
    let wanted: u32 = inputs.iter().flat_map(|(_, v)| v).map(|v| v.visits_wanted).sum();
    let stops: usize = plans.iter().map(|p| p.stops.len()).sum();
    let days: usize = plans.iter().map(|p| p.summary().bus_days).sum();
    let km: f64 = plans.iter().map(|p| p.summary().total_km).sum();
    println!(
        "{wanted} {stops} {days} {km:.0} {wall:.3} {cpu:.3} {}",
        peak_rss_kb().unwrap_or(0)
    );
}

/// (g) one child run: its printed fields.
fn plan_child_run(copies: usize, mode: &str, optimise: bool) -> Option<Vec<String>> {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let planner = if optimise { "optimised" } else { "greedy" };
    let out = std::process::Command::new(&exe)
        .args([PLAN_CHILD, &copies.to_string(), mode, planner])
        .output()
        .expect("the planning child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    (fields.len() == 7).then_some(fields)
}

/// (g) parent side: the county and the national-size season planned in fresh processes (each its
/// own peak memory), by both planners, with the ratios.
fn bench_national_plan() {
    for optimise in [false, true] {
        let planner = if optimise { "optimised" } else { "greedy" };
        for mode in ["each", "one"] {
            let (Some(county), Some(national)) = (
                plan_child_run(1, mode, optimise),
                plan_child_run(PLAN_COPIES, mode, optimise),
            ) else {
                println!("(g) planning child failed ({planner}, {mode})");
                continue;
            };
            let f = |v: &[String], i: usize| v[i].parse::<f64>().unwrap_or(f64::NAN);
            println!(
                "(g) plan, {planner}, depots {mode}: county {} visits -> {} stops, {} bus-days, {} km in {} s wall, {} CPU-s, {:.1} MB; \
                 {PLAN_COPIES} copies {} visits -> {} stops, {} bus-days, {} km in {} s wall, {} CPU-s, {:.1} MB; \
                 ratio {:.1}x CPU for {:.1}x the visits (target: under 0.2 s)",
                county[0],
                county[1],
                county[2],
                county[3],
                county[4],
                county[5],
                f(&county, 6) / 1024.0,
                national[0],
                national[1],
                national[2],
                national[3],
                national[4],
                national[5],
                f(&national, 6) / 1024.0,
                f(&national, 5) / f(&county, 5),
                f(&national, 0) / f(&county, 0),
            );
        }
    }
}
