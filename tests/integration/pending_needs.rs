//! The pending-needs pool (issue 11): it reduces exactly to the per-visit model, its visits' means
//! equal the closed form of the accrual–leak–capture model, visiting twice as often brings clearly
//! fewer than twice the clients, and `calibrate --log` recovers the pool from a simulated log.

use std::path::Path;

use ablakbusz::experiment::{GroupMetric, RunSettings, StopMetric, run_season};
use ablakbusz::scenario::{self, DemandOrigin, Season};
use ablakbusz::study::season_model;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};

use crate::builder::assert_within_ci;
use crate::cli::{ablakbusz, temp_dir};

/// Days in a year, as docs/demand.md defines the yearly rates (the mean Gregorian year).
const DAYS_PER_YEAR: f64 = 365.2425;

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).display().to_string()
}

/// The 2019 baseline with `demand_lines` added at the top of `[demand]` and, when given, a
/// `[demand.pending]` table; its stops CSV by full path.
fn baseline_2019_with(demand_lines: &str, pending: Option<&str>) -> String {
    let text = std::fs::read_to_string(repo("scenarios/2019-baseline.toml")).unwrap();
    let csv = repo("scenarios/2019-stops.csv");
    let pending = pending.map_or(String::new(), |table| format!("[demand.pending]\n{table}\n\n"));
    text.replacen("[demand]\n", &format!("[demand]\n{demand_lines}\n"), 1)
        .replacen("[demand.venue]", &format!("{pending}[demand.venue]"), 1)
        .replace("stops_csv = \"2019-stops.csv\"", &format!("stops_csv = \"{csv}\""))
}

fn run_outputs(name: &str, text: &str) -> Vec<(String, Vec<u8>)> {
    let dir = temp_dir(name);
    let file = dir.join(format!("{name}.toml"));
    std::fs::write(&file, text).unwrap();
    let out_dir = dir.join("out");
    let out = ablakbusz(&[
        "run",
        file.to_str().unwrap(),
        "--replications",
        "24",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The JSON without its `scenario_digest` line (the texts differ, so their digests do).
fn without_digest(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.contains("scenario_digest"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every sheet of a workbook but its first ("about the run", which carries the scenario's digest),
/// cell by cell.
fn tables_of_workbook(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    let names = book.sheet_names();
    assert!(names.len() > 1, "the about sheet and at least one table: {names:?}");
    names[1..]
        .iter()
        .map(|name| {
            let range = book.worksheet_range(name).expect("a sheet");
            (name.clone(), range.rows().map(<[calamine::Data]>::to_vec).collect())
        })
        .collect()
}

#[test]
fn instant_leakage_reduces_the_pool_to_the_per_visit_model_byte_for_byte() {
    // The same seed, the per-visit model against the pool with instant leakage (δ = ∞) and the
    // whole per-visit demand as flow; the return flow stays on (ρ = 0.5): returning needs leak at
    // once too, so nothing may change.
    let per_visit = run_outputs("pool-off", &baseline_2019_with("model = \"per_visit\"", None));
    let instant = run_outputs(
        "pool-instant",
        &baseline_2019_with(
            "model = \"pending_needs\"",
            Some("leak_per_year = inf\nflow_share = 1.0\nreturn_share = 0.5"),
        ),
    );
    assert_eq!(
        per_visit.iter().map(|f| &f.0).collect::<Vec<_>>(),
        instant.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        per_visit.iter().any(|f| f.0 == "stops.csv"),
        "{:?}",
        per_visit.iter().map(|f| &f.0)
    );
    for ((name, a), (_, b)) in per_visit.iter().zip(&instant) {
        if Path::new(name).extension().is_some_and(|e| e == "json") {
            assert_eq!(without_digest(a), without_digest(b), "{name}");
        } else if Path::new(name).extension().is_some_and(|e| e == "xlsx") {
            assert_eq!(tables_of_workbook(a), tables_of_workbook(b), "{name}");
        } else {
            assert!(a == b, "{name} differs");
        }
    }
}

/// One settlement visited at fixed times with no queue losses (serve_all, nobody gives up).
const CLOSED_FORM_SCENARIO: &str = r#"
[simulation]
replications = 2000
seed = 11

[demand]
model = "pending_needs"

[demand.pending]
accrual_per_year = 9.0
leak_per_year = 3.0
leak_distance_coef_per_km = 0.05
capture_hours = 2.0
flow_share = 0.3
return_share = 0.5
initial_pool = "never_visited"

[bus]
desks = 2
clerks = 2
closing = "serve_all"

[[season.stop]]
date = 2020-03-02
start = "09:00"
settlement = "Tiszaalpár"
dwell_hours = 3

[[season.stop]]
date = 2020-03-09
start = "09:00"
settlement = "Tiszaalpár"
dwell_hours = 2

[[season.stop]]
date = 2020-04-06
start = "09:00"
settlement = "Tiszaalpár"
dwell_hours = 5

[[season.stop]]
date = 2020-07-06
start = "09:00"
settlement = "Tiszaalpár"
dwell_hours = 3

[[season.stop]]
date = 2020-07-07
start = "09:00"
settlement = "Tiszaalpár"
dwell_hours = 3
"#;

#[test]
fn each_visits_mean_clients_equal_the_closed_form() {
    let season = scenario::load_str(CLOSED_FORM_SCENARIO, "closed-form.toml", None).unwrap();
    let DemandOrigin::Model { population, office_km } = season.stops[0].demand_origin else {
        panic!("a model stop")
    };
    // The closed form of docs/demand.md, written out here: r and δ per day, κ(h) = 1 − e^{−h/τ},
    // E[P(t⁻)] = (r/δ)(1 − e^{−δg}) + P₀ e^{−δg}, P⁺ = (1 − κ) P⁻, clients = flow + κ P⁻.
    let m = &season.demand.model;
    let population_factor = (f64::from(population) / 1000.0).powf(m.population_elasticity);
    let r = m.base_rate * population_factor * 9.0 / DAYS_PER_YEAR;
    let delta = 3.0 * (-0.05 * office_km).exp() / DAYS_PER_YEAR;
    let days = [0.0, 7.0, 35.0, 126.0, 127.0];
    let dwells = [3.0, 2.0, 5.0, 3.0, 3.0];
    let mut pool = r / delta;
    let mut expected = Vec::new();
    for k in 0..days.len() {
        if k > 0 {
            let g: f64 = days[k] - days[k - 1];
            pool = (r / delta) * (1.0 - (-delta * g).exp()) + pool * (-delta * g).exp();
        }
        let capture = 1.0 - (-dwells[k] / 2.0f64).exp();
        // The per-visit model's clients: municipality, month multiplier 1, defaults elsewhere.
        let per_visit = m.base_rate
            * population_factor
            * (m.distance_coef_per_km * office_km).exp()
            * (dwells[k] / m.reference_dwell_hours).powf(m.dwell_exponent);
        expected.push(0.3 * per_visit + capture * pool);
        pool *= 1.0 - capture;
    }
    for (stop, want) in season.stops.iter().zip(&expected) {
        assert!(
            (stop.expected_clients - want).abs() < 1e-9 * want,
            "{} {want}",
            stop.expected_clients
        );
    }
    let model = season_model(&season).unwrap();
    let settings = RunSettings {
        replications: 2000,
        seed: 11,
        threads: None,
    };
    let results = run_season(&model, &settings, &|_| {}).unwrap();
    for (k, (stop, want)) in results.stops.iter().zip(&expected).enumerate() {
        assert_eq!(stop.get(StopMetric::Served).mean, stop.get(StopMetric::Arrivals).mean);
        assert_within_ci(&format!("visit {}", k + 1), stop.get(StopMetric::Arrivals), *want, 4.0);
    }
    // The second visit a week after the first finds far less than the first (κ(3 h) = 78 % met).
    assert!(expected[1] < 0.6 * expected[0], "{expected:?}");
}

/// A season of the settlements of one district, visited `visits` times between March and November.
fn frequency_season(visits: u32) -> Season {
    scenario::load_file(repo(&format!("scenarios/whatif-pool-{visits}-visits.toml"))).unwrap()
}

#[test]
fn twice_the_visits_bring_clearly_fewer_than_twice_the_clients() {
    let (a, b) = (frequency_season(4), frequency_season(8));
    assert_eq!(2 * a.stops.len(), b.stops.len(), "every visit placed");
    // The model's own answer: the expected clients of the season (the pool's closed form, checked
    // visit by visit above). The per-visit model would give twice as many for twice the visits.
    let expected = |s: &Season| s.stops.iter().map(|stop| stop.expected_clients).sum::<f64>();
    let ratio = expected(&b) / expected(&a);
    assert!(
        ratio > 1.0 && ratio < 2.0,
        "expected clients, 8 visits against 4: {ratio}"
    );
    let settings = RunSettings {
        replications: 64,
        seed: 5,
        threads: None,
    };
    let run = |s: &Season| {
        let season = run_season(&season_model(s).unwrap(), &settings, &|_| {})
            .unwrap()
            .season;
        (season.get(GroupMetric::Arrivals), season.get(GroupMetric::Served))
    };
    let ((arrived_once, once), (arrived_twice, twice)) = (run(&a), run(&b));
    // The simulation brings the model's clients. Those sent home or giving up come back at a later
    // visit with probability return_share = 0.5, on top of the closed form: here under 1 % of the
    // clients (lost = arrivals − served ≈ 9 and 6), well inside 4 standard errors (≈ 26 and 31 clients).
    assert_within_ci("arrivals, 4 visits", arrived_once, expected(&a), 4.0);
    assert_within_ci("arrivals, 8 visits", arrived_twice, expected(&b), 4.0);
    // Fewer than twice the clients beyond the precision of both means: the upper end of twice the
    // visits' interval below twice the lower end of the other's.
    assert!(
        twice.mean + twice.ci95 < 2.0 * (once.mean - once.ci95),
        "{} ± {} against {} ± {}",
        twice.mean,
        twice.ci95,
        once.mean,
        once.ci95
    );
    // And still more: visiting more often does bring more clients (a diminishing, not a zero, return).
    assert!(twice.mean - twice.ci95 > once.mean + once.ci95);
}

#[test]
fn the_2019_back_test_passes_under_the_pool() {
    use ablakbusz::app::CalibrateOptions;
    use ablakbusz::scenario::ScenarioText;
    use ablakbusz::study::Silent;
    use ablakbusz::study::calibration::{backtest, calibrate_scenario};
    let dir = temp_dir("pool-backtest");
    let file = dir.join("2019-pool.toml");
    std::fs::write(&file, baseline_2019_with("model = \"pending_needs\"", None)).unwrap();
    let text = ScenarioText::read(&file).unwrap();
    let season = text.resolve(None).unwrap();
    assert_eq!(season.stops.len(), 196);
    assert!(season.stops.iter().filter(|s| s.pending.is_some()).count() > 180);
    let options = CalibrateOptions {
        quiet: true,
        replications: Some(200),
        seed: Some(2019),
        ..CalibrateOptions::default()
    };
    let parsed = text.parse();
    let study = calibrate_scenario(&parsed, &options.simulation(), &Silent).unwrap();
    assert_eq!(
        season.stops.iter().filter(|s| study.targets.in_tour(s.date)).count(),
        71
    );
    let report = backtest(&parsed, &study, &options.simulation(), &Silent).unwrap();
    for row in &report.rows {
        assert!(row.mean_interval_meets_published(), "{row:#?}");
    }
    assert!(report.all_inside(), "{report:#?}");
}

/// The pool's truth of the synthetic logs: accrual, leak, flow share (docs/demand.md's meanings).
const TRUE_ACCRUAL_PER_YEAR: f64 = 6.0;
const TRUE_LEAK_PER_YEAR: f64 = 4.0;
const TRUE_FLOW_SHARE: f64 = 0.25;
/// Days between the visits of each settlement (1 week to 4 months, so the gaps identify the leak).
const LOG_GAPS_DAYS: [i64; 5] = [7, 28, 60, 14, 120];

/// The log `calibrate --log` would read, drawn from a pool season with the true
/// parameters: `settlements` villages without an office, each visited once plus once per gap, 3 h
/// municipality visits; each visit's clients drawn from its resolved mean (the scenario's pool).
fn simulated_pool_log(settlements: usize, gaps: &[i64], seed: u64) -> String {
    let table = ablakbusz::demand::SettlementTable::embedded();
    let villages: Vec<&str> = table
        .settlements()
        .iter()
        .filter(|s| !s.government_window.is_permanent_office())
        .map(|s| s.name.as_str())
        .take(settlements)
        .collect();
    let first = jiff::civil::date(2019, 2, 4);
    let mut text = format!(
        "name = \"pool-log\"\n[demand]\nmodel = \"pending_needs\"\n\
         [demand.pending]\naccrual_per_year = {TRUE_ACCRUAL_PER_YEAR}\nleak_per_year = {TRUE_LEAK_PER_YEAR}\n\
         flow_share = {TRUE_FLOW_SHARE}\nreturn_share = 0\ninitial_pool = \"never_visited\"\n"
    );
    let mut dates = Vec::new();
    for (g, village) in villages.iter().enumerate() {
        let mut date = first.checked_add(jiff::Span::new().days(g as i64)).unwrap();
        for k in 0..=gaps.len() {
            if k > 0 {
                date = date.checked_add(jiff::Span::new().days(gaps[k - 1])).unwrap();
            }
            text += &format!(
                "[[season.stop]]\ndate = {date}\nstart = \"09:00\"\nsettlement = \"{village}\"\ndwell_hours = 3\n"
            );
            dates.push((date, *village));
        }
    }
    let season = scenario::load_str(&text, "pool-log.toml", None).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut log = String::from("date,settlement,venue,dwell_hours,clients\n");
    for stop in &season.stops {
        // The engine draws a visit's arrivals as Poisson with the resolved mean (no over-dispersion).
        let clients: f64 = Poisson::new(stop.expected_clients).unwrap().sample(&mut rng);
        log += &format!("{},{},municipality,3,{clients}\n", stop.date, stop.settlement);
    }
    log
}

#[test]
fn calibrate_log_fits_the_pool_and_names_what_the_log_cannot_identify() {
    // Five logs of 20 villages × 6 visits (seeds 1–5): each parameter's 95 %
    // profile interval must cover the truth in at least 3 of 5 (a correct fit fails this with
    // probability 1 − P(Binomial(5, 0.95) ≥ 3) = 0.12 %).
    let table = ablakbusz::demand::SettlementTable::embedded();
    let mut covered = [0; 3];
    for seed in 1..=5 {
        let log =
            ablakbusz::demand::parse_stop_log(&simulated_pool_log(20, &LOG_GAPS_DAYS, seed), "log.csv", table).unwrap();
        let pool = ablakbusz::study::calibration::fit_log(&log, table).unwrap().pool;
        assert_eq!(
            (pool.visits, pool.settlements, pool.settlements_revisited),
            (120, 20, 20)
        );
        let truths = [TRUE_ACCRUAL_PER_YEAR, TRUE_LEAK_PER_YEAR, TRUE_FLOW_SHARE];
        let fits = [pool.accrual_per_year, pool.leak_per_year, pool.flow_share];
        for (i, (fit, truth)) in fits.iter().zip(truths).enumerate() {
            assert!(fit.identified, "seed {seed}: parameter {i} identified: {fit:?}");
            covered[i] += usize::from(fit.ci95_low.unwrap() <= truth && truth <= fit.ci95_high.unwrap());
        }
    }
    assert!(covered.iter().all(|&c| c >= 3), "coverage of 5: {covered:?}");

    // One visit per village: the gaps that tell the leak are missing; the CLI says so.
    let dir = temp_dir("pool-log-once");
    let file = dir.join("once.csv");
    std::fs::write(&file, simulated_pool_log(60, &[], 7)).unwrap();
    let out = ablakbusz(&[
        "calibrate",
        "--log",
        file.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 of 60 settlements visited more than once"), "{text}");
    let line = |key: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap_or("")
            .to_string()
    };
    for key in ["accrual_per_year", "leak_per_year"] {
        assert!(line(key).contains("not identified by this log"), "{key}: {text}");
    }
    let json = std::fs::read_to_string(dir.join("out/calibration.json")).unwrap();
    assert!(json.contains("\"pending_needs\""), "{json}");
}
