//! Engine benchmark: simulated clients per second on one core, and season replications per second.
//!
//! Run with `cargo bench`. Prints its figures; nothing here is asserted (speed is measured, not tested).
//! (a) a typical stop: λ = 6/h, lognormal service mean 12 min CV 0.6, c = 2, H = 4 h, exponential
//! patience mean 30 min; (b) a season of 196 such stops (the 2019 number of stops), 10,000 replications.

use std::time::Instant;

use ablakbusz::experiment::{GroupMetric, RunSettings, SeasonModel, run_season};
use ablakbusz::sim::{
    Arrivals, Closing, Duration, Engine, ErrandType, Patience, PreparedStop, RateProfile, StopSpec, StreamKey,
};

/// Stops in the benchmark season: the 2019 season had 196 (DESIGN §2).
const SEASON_STOPS: usize = 196;
/// Replications of the season run (the target: 10,000 in under 5 s on 2 cores).
const SEASON_REPLICATIONS: u32 = 10_000;

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

/// Peak resident memory of this process, kB (Linux), for the memory-does-not-grow check.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench_single_stop() {
    let stop = typical_stop();
    let mut engine = Engine::new();
    let replications = 1_000_000u64;
    let mut clients = 0u64;
    let start = Instant::now();
    for replication in 0..replications {
        clients += u64::from(
            stop.simulate(
                &mut engine,
                StreamKey {
                    seed: 1,
                    stop: 0,
                    replication,
                },
            )
            .arrivals,
        );
    }
    let secs = start.elapsed().as_secs_f64();
    println!("(a) typical stop, one core: {replications} replications in {secs:.2} s");
    println!(
        "    {:.2} million clients/s per core, {:.0} thousand stop-replications/s",
        clients as f64 / secs / 1e6,
        replications as f64 / secs / 1e3
    );
}

fn bench_season(replications: u32, threads: Option<usize>) -> f64 {
    let model = SeasonModel {
        stops: vec![typical_stop(); SEASON_STOPS],
        groupings: vec![],
    };
    let settings = RunSettings {
        replications,
        seed: 7,
        threads,
    };
    let start = Instant::now();
    let results = run_season(&model, &settings, &|_| {}).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let clients = results.season.get(GroupMetric::Arrivals).mean * f64::from(replications);
    let label = threads.map_or("all cores".to_string(), |t| format!("{t} thread(s)"));
    println!(
        "(b) season of {SEASON_STOPS} stops, {replications} replications, {label}: {secs:.2} s, {:.0} replications/s, {:.2} million clients/s",
        f64::from(replications) / secs,
        clients / secs / 1e6
    );
    secs
}

/// (c) the staffing search over the whole embedded 2020 plan: every stop, clerks 1 to desks + 2,
/// the three dwell policies, each candidate simulated until its verdict (meets, fails, too close).
fn bench_staffing() {
    let text = ablakbusz::scenario::ScenarioText::embedded_default().parse();
    let base = text.resolve(None).unwrap();
    let settings = ablakbusz::staffing::SearchSettings::default();
    let start = Instant::now();
    let by_policy = ablakbusz::study::staffing_by_policy(&text, &base, &settings).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let searches: usize = by_policy.iter().map(Vec::len).sum();
    let replications: u64 = by_policy
        .iter()
        .flatten()
        .map(|r| r.answer.simulated_replications())
        .sum();
    println!(
        "(c) staffing search, 2020 plan: {} policies, {searches} stop searches, {replications} candidate-replications in all, {secs:.2} s",
        by_policy.len()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing else: keep it quick there.
    if !std::env::args().any(|a| a == "--bench") {
        bench_season(20, Some(1));
        return;
    }
    bench_single_stop();
    bench_staffing();
    bench_season(SEASON_REPLICATIONS, Some(1));
    bench_season(SEASON_REPLICATIONS / 10, None);
    let rss_small = peak_rss_kb();
    bench_season(SEASON_REPLICATIONS, None);
    let rss_large = peak_rss_kb();
    bench_season(SEASON_REPLICATIONS * 5, None);
    let rss_larger = peak_rss_kb();
    if let (Some(a), Some(b), Some(c)) = (rss_small, rss_large, rss_larger) {
        println!("peak memory after 1,000 / 10,000 / 50,000 season replications: {a} / {b} / {c} kB");
    }
}
