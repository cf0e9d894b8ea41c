//! `ablakbusz calibrate` end to end: the 2019 totals (the TOML block loads as a scenario fragment),
//! the back-test against the 2019 figures, the sensitivity table's direction, the example stop log
//! and the bad-log corpus.

use std::path::{Path, PathBuf};

use ablakbusz::app::CalibrateOptions;
use ablakbusz::calibration::{ChosenModel, IntervalEstimate};
use ablakbusz::demand::{SettlementTable, read_stop_log};
use ablakbusz::scenario::{self, DemandOrigin, ScenarioText, Season, Venue};
use ablakbusz::study::Silent;
use ablakbusz::study::calibration::{
    DWELL_EXPONENT_GRID, ELASTICITY_GRID, backtest, calibrate_scenario, fit_log, sensitivity,
};

use crate::cli::{ablakbusz, temp_dir};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Quiet options with the scenario's own replications and seed.
fn quiet() -> CalibrateOptions {
    CalibrateOptions {
        quiet: true,
        ..CalibrateOptions::default()
    }
}

/// The `toml_block` of a `calibration.json`.
fn toml_block(json_path: &Path) -> String {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json_path).unwrap()).unwrap();
    json["toml_block"].as_str().unwrap().to_string()
}

#[test]
fn calibrate_prints_the_fit_and_a_toml_block_that_loads_as_a_scenario_fragment() {
    let dir = temp_dir("calibrate-totals");
    let out = ablakbusz(&["calibrate", "--out", dir.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}\n{stdout}", text(&out.stderr));
    for expected in [
        "Calibration of 2019-baseline",
        "base_rate",
        "errands_per_client",
        "information_share",
        "tour clients",
        "year uses",
        "is a lower bound. It is read as the range X to X + 99",
        "[demand]",
        "Sensitivity",
    ] {
        assert!(stdout.contains(expected), "{expected:?} in\n{stdout}");
    }
    for file in ["calibration.csv", "sensitivity.csv", "calibration.json"] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // --quiet writes the same files and prints nothing.
    let quiet_dir = temp_dir("calibrate-quiet");
    let quiet = ablakbusz(&["calibrate", "--quiet", "--out", quiet_dir.to_str().unwrap()]);
    assert!(quiet.status.success() && quiet.stdout.is_empty());
    assert_eq!(
        std::fs::read(quiet_dir.join("calibration.json")).unwrap(),
        std::fs::read(dir.join("calibration.json")).unwrap()
    );
    let block = toml_block(&dir.join("calibration.json"));
    assert!(stdout.contains(&block), "the printed block is the written one");
    let table: toml::Table = toml::from_str(&block).unwrap();
    let base_rate = table["demand"]["base_rate"].as_float().unwrap();
    let errands = table["clients"]["errands_per_client"].as_float().unwrap();
    let share = table["clients"]["information_share"].as_float().unwrap();
    // The 2019 figures: about 1.19 uses per client (1249.5 / 1049.5), a third of them information.
    assert!((errands - 1249.5 / 1049.5).abs() < 5e-4, "{errands}");
    assert!((share - 400.0 / 1249.5).abs() < 5e-4, "{share}");
    // The block as a scenario fragment: a stop at a settlement of exactly 1,000 residents would get
    // base_rate; take Baja (its own office: distance 0), 4 h, and compute the model by hand.
    let fragment = format!(
        "{block}\n[[season.stop]]\ndate = 2019-09-02\nstart = \"08:00\"\nsettlement = \"Baja\"\ndwell_hours = 4\n"
    );
    let season = scenario::load_str(&fragment, "fragment.toml", None).unwrap_or_else(|e| panic!("{e}\n{fragment}"));
    let baja = SettlementTable::embedded().find("Baja").unwrap();
    let elasticity = table["demand"]["population_elasticity"].as_float().unwrap();
    let dwell_exponent = table["demand"]["dwell_exponent"].as_float().unwrap();
    let by_hand =
        base_rate * (f64::from(baja.population) / 1000.0).powf(elasticity) * (4.0f64 / 3.0).powf(dwell_exponent);
    let stop = &season.stops[0];
    assert!((stop.expected_clients - by_hand).abs() < 1e-9 * by_hand);
    assert_eq!(stop.spec.errands_per_client, errands);
    let mix = &stop.spec.case_mix;
    let total: f64 = mix.iter().map(|e| e.weight).sum();
    let information: f64 = mix.iter().filter(|e| e.information_only).map(|e| e.weight).sum();
    assert!((information / total - share).abs() < 1e-12);
}

#[test]
fn calibrated_base_rate_reproduces_the_tour_clients_served() {
    // Independent of the code under test: the tour's expected arrivals are base × Σ relative + the
    // event's 30 given clients; the served share is the simulated one. Together they must give the
    // published midpoint of "more than 1,000" clients (1049.5).
    let text = ScenarioText::embedded_2019_baseline();
    let study = calibrate_scenario(&text.parse(), &quiet().simulation(), &Silent).unwrap();
    let season = text.resolve(None).unwrap();
    let tour: Vec<_> = season.stops.iter().filter(|s| study.targets.in_tour(s.date)).collect();
    assert_eq!(tour.len(), 71);
    let given: f64 = tour
        .iter()
        .filter(|s| !matches!(s.demand_origin, DemandOrigin::Model { .. }))
        .map(|s| s.expected_clients)
        .sum();
    assert_eq!(given, 30.0);
    let relative = relative_demand(&season, 0.5, 0.5, |s| study.targets.in_tour(s.date));
    let arrivals = study.calibration.base_rate.estimate * relative + given;
    let served = arrivals * (1.0 - study.loss.lost_share);
    assert!((served - 1049.5).abs() < 1e-6, "{served}");
    // The loss is what the simulated seasons lost: balking and reneging, a few per cent at most.
    assert!(
        (0.0..0.05).contains(&study.loss.lost_share),
        "{}",
        study.loss.lost_share
    );
}

/// Σ over the stops selected of expected clients at base_rate = 1, computed by hand from the 2019
/// baseline's demand section (venue multipliers 1, 0.5, 0.4, 0.2, 1.5; months 1; 0.02 per km; 3 h
/// reference) with the given elasticity and dwell exponent. Stops with given demand are left out.
fn relative_demand(
    season: &Season,
    elasticity: f64,
    dwell_exponent: f64,
    select: impl Fn(&&ablakbusz::scenario::SeasonStop) -> bool,
) -> f64 {
    season
        .stops
        .iter()
        .filter(select)
        .filter_map(|s| match s.demand_origin {
            DemandOrigin::Model { population, office_km } => {
                let venue = match s.venue {
                    Venue::Municipality => 1.0,
                    Venue::SocialInstitution => 0.5,
                    Venue::School => 0.4,
                    Venue::Employer => 0.2,
                    Venue::Event => 1.5,
                };
                Some(
                    (f64::from(population) / 1000.0).powf(elasticity)
                        * venue
                        * (0.02 * office_km).exp()
                        * (s.dwell_hours() / 3.0).powf(dwell_exponent),
                )
            }
            _ => None,
        })
        .sum()
}

#[test]
fn the_back_test_reproduces_the_2019_totals() {
    let dir = temp_dir("calibrate-backtest");
    let out = ablakbusz(&["calibrate", "--backtest", "--out", dir.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}\n{stdout}", text(&out.stderr));
    assert!(stdout.contains("Back-test"), "{stdout}");
    assert!(
        stdout.contains("Every published figure lies within the range of simulated seasons."),
        "{stdout}"
    );
    let mut reader = csv::Reader::from_path(dir.join("backtest.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let targets: Vec<&str> = rows.iter().map(|r| &r[column("target")]).collect();
    assert_eq!(
        targets,
        [
            "year uses",
            "tour clients (served)",
            "tour cases",
            "tour information-only uses"
        ]
    );
    for row in &rows {
        let number = |name: &str| row[column(name)].parse::<f64>().unwrap();
        let (low, high) = (number("published_low"), number("published_high"));
        // One observed season against the 2.5–97.5 % range of simulated seasons.
        assert!(
            number("predictive_low_2_5") <= high && low <= number("predictive_high_97_5"),
            "{row:?}"
        );
        // The simulated mean's 95 % interval meets the published range (the criterion).
        let (mean, half) = (number("simulated_mean"), number("simulated_mean_ci95"));
        assert!(mean - half <= high && low <= mean + half, "{row:?}");
        assert_eq!(&row[column("published_in_predictive_range")], "true");
    }
    // The calibration chart plots the same back-test (model against the published figures).
    let png = std::fs::read(dir.join("calibration.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let svg = std::fs::read_to_string(dir.join("calibration.svg")).unwrap();
    for target in &targets {
        assert!(svg.contains(target), "{target} missing from the chart");
    }
}

#[test]
fn the_library_back_test_uses_the_calibrated_parameters() {
    let text = ScenarioText::embedded_2019_baseline();
    let options = CalibrateOptions {
        replications: Some(64),
        seed: Some(77),
        ..quiet()
    };
    let parsed = text.parse();
    let study = calibrate_scenario(&parsed, &options.simulation(), &Silent).unwrap();
    let report = backtest(&parsed, &study, &options.simulation(), &Silent).unwrap();
    assert_eq!((report.replications, report.seed), (64, 77));
    assert_eq!(
        report.parameters[0],
        ("base_rate".to_string(), study.calibration.base_rate.estimate)
    );
    assert!(report.all_inside(), "{report:#?}");
}

#[test]
fn the_sensitivity_table_moves_as_its_derivation_says() {
    let text = ScenarioText::embedded_2019_baseline();
    let study = calibrate_scenario(&text.parse(), &quiet().simulation(), &Silent).unwrap();
    let rows = sensitivity(&text.parse(), &study).unwrap();
    assert_eq!(rows.len(), ELASTICITY_GRID.len() * DWELL_EXPONENT_GRID.len());
    assert_eq!(rows.iter().filter(|r| r.scenario_values).count(), 1);
    let season = text.resolve(None).unwrap();
    let in_tour = |s: &&ablakbusz::scenario::SeasonStop| study.targets.in_tour(s.date);
    // Each row: the base rate makes the tour's expected served clients the published midpoint.
    let arrivals_needed = 1049.5 / (1.0 - study.loss.lost_share);
    for r in &rows {
        let relative = relative_demand(&season, r.population_elasticity, r.dwell_exponent, in_tour);
        let arrivals = r.base_rate.estimate * relative + 30.0;
        assert!((arrivals - arrivals_needed).abs() < 1e-6, "{r:?}");
    }
    // Direction in the elasticity: base_rate = (C − G) / R(e) with R(e) = Σ wᵢ exp(e ln(popᵢ/1000)).
    // ln R is convex in e (a log-sum-exp of lines), so R' / R, the demand-weighted mean of ln(pop/1000),
    // increases with e: if it is positive at the smallest e, R increases over the whole grid and the
    // base rate strictly decreases. Check the premise by hand, then the table.
    let weighted_mean_ln_population = |e: f64, g: f64| {
        let (mut weighted, mut total) = (0.0, 0.0);
        for s in season.stops.iter().filter(in_tour) {
            if let DemandOrigin::Model { population, .. } = s.demand_origin {
                let w = relative_demand_of_one(&season, s.index, e, g);
                weighted += w * (f64::from(population) / 1000.0).ln();
                total += w;
            }
        }
        weighted / total
    };
    for g in DWELL_EXPONENT_GRID {
        assert!(
            weighted_mean_ln_population(ELASTICITY_GRID[0], g) > 0.0,
            "premise at g = {g}"
        );
        let column: Vec<&IntervalEstimate> = ELASTICITY_GRID
            .iter()
            .map(|&e| {
                &rows
                    .iter()
                    .find(|r| r.population_elasticity == e && r.dwell_exponent == g)
                    .unwrap()
                    .base_rate
            })
            .collect();
        assert!(
            column.windows(2).all(|w| w[1].estimate < w[0].estimate),
            "base rate not decreasing in the elasticity at dwell exponent {g}: {column:?}"
        );
    }
    // The 2020 prediction is the base rate times the plan's relative demand plus its given demand.
    let plan = scenario::default_scenario();
    for r in &rows {
        let relative = relative_demand(&plan, r.population_elasticity, r.dwell_exponent, |_| true);
        let predicted = r.base_rate.estimate * relative;
        assert!(
            (r.plan_2020_clients.estimate - predicted).abs() < 1e-6 * predicted,
            "{r:?}"
        );
        assert!(r.plan_2020_clients.ci95_low < predicted && predicted < r.plan_2020_clients.ci95_high);
    }
}

/// One stop's expected clients at base_rate = 1 (see [`relative_demand`]).
fn relative_demand_of_one(season: &Season, index: usize, e: f64, g: f64) -> f64 {
    relative_demand(season, e, g, |s| s.index == index)
}

#[test]
fn a_season_the_figures_do_not_describe_is_refused_with_exit_code_2() {
    let out = ablakbusz(&["calibrate", repo("scenarios/2020-plan.toml").to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "cannot calibrate to the published figures: the year itinerary has 200 stops, but the figures are for 196"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("[calibration] section"), "{stderr}");
    let both = ablakbusz(&["calibrate", "x.toml", "--log", "y.csv"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(
        text(&both.stderr).contains("cannot be used with"),
        "{}",
        text(&both.stderr)
    );
}

// ---------------------------------------------------------------------------------------------------
// Stop logs.

/// The demand parameters the example stop log was drawn from (see `regenerate_example_stop_log`).
struct ExampleTruth;

impl ExampleTruth {
    const BASE_RATE: f64 = 9.5;
    const POPULATION_ELASTICITY: f64 = 0.5;
    const DWELL_EXPONENT: f64 = 0.5;
    const DISTANCE_COEF_PER_KM: f64 = 0.02;
    const SCHOOL: f64 = 0.4;
    const SOCIAL_INSTITUTION: f64 = 0.5;
    /// Negative-binomial shape of the counts.
    const SHAPE_K: f64 = 5.0;
    const ERRANDS_PER_CLIENT: f64 = 1.2;
    const INFORMATION_SHARE: f64 = 1.0 / 3.0;
    const SEED: u64 = 2024;
}

const EXAMPLE_LOG: &str = "scenarios/data/example-stop-log.csv";

/// Writes the example stop log. Run `cargo test --release -- --ignored regenerate_example_stop_log`
/// after changing [`ExampleTruth`]; the file is committed.
#[test]
#[ignore = "writes scenarios/data/example-stop-log.csv"]
fn regenerate_example_stop_log() {
    use rand::rngs::ChaCha8Rng;
    use rand::{RngExt, SeedableRng};
    use rand_distr::{Binomial, Distribution, Gamma, Poisson};
    let table = SettlementTable::embedded();
    let mut rng = ChaCha8Rng::seed_from_u64(ExampleTruth::SEED);
    let day_factor = Gamma::new(ExampleTruth::SHAPE_K, 1.0 / ExampleTruth::SHAPE_K).unwrap();
    let mut csv = String::from(
        "# SYNTHETIC stop log, not real data: an example of the format `ablakbusz calibrate --log` reads.\n\
         # Drawn from base_rate 9.5 (1,000 residents, 3 h, municipality, own office), population elasticity 0.5,\n\
         # dwell exponent 0.5, +2 % per km to the nearest office, school 0.4, social institution 0.5,\n\
         # negative-binomial counts with shape k = 5, 1.2 errands per client, a third of them information only.\n\
         # Regenerate with: cargo test --release -- --ignored regenerate_example_stop_log\n\
         date,settlement,venue,dwell_hours,clients,cases,information_only\n",
    );
    let mut day = jiff::civil::date(2019, 2, 4);
    let next_day = |day: &mut jiff::civil::Date| {
        *day = day.tomorrow().unwrap();
        while day.weekday().to_monday_one_offset() > 5 {
            *day = day.tomorrow().unwrap();
        }
    };
    let settlements: Vec<usize> = (0..table.settlements().len())
        .filter(|&i| !table.get(i).government_window.is_permanent_office())
        .collect();
    // Every settlement without an office once at its municipality, 9 of them again at a school
    // and at a care home; dwell 2–5 h in whole hours, drawn independently of the size.
    for (round, venue) in [
        ("municipality", 1.0),
        ("school", ExampleTruth::SCHOOL),
        ("social_institution", ExampleTruth::SOCIAL_INSTITUTION),
    ] {
        for &i in settlements.iter().filter(|&&i| round == "municipality" || i % 10 == 3) {
            let s = table.get(i);
            let dwell_hours = f64::from(rng.random_range(2u32..=5));
            let mean = ExampleTruth::BASE_RATE
                * (f64::from(s.population) / 1000.0).powf(ExampleTruth::POPULATION_ELASTICITY)
                * (dwell_hours / 3.0).powf(ExampleTruth::DWELL_EXPONENT)
                * (ExampleTruth::DISTANCE_COEF_PER_KM * table.office_km(i)).exp()
                * venue;
            let clients = Poisson::new(mean * day_factor.sample(&mut rng))
                .unwrap()
                .sample(&mut rng) as u64;
            let extra = Poisson::new(clients as f64 * (ExampleTruth::ERRANDS_PER_CLIENT - 1.0))
                .map_or(0, |p| p.sample(&mut rng) as u64);
            let information = Binomial::new(clients + extra, ExampleTruth::INFORMATION_SHARE)
                .unwrap()
                .sample(&mut rng);
            let cases = clients + extra - information;
            csv += &format!(
                "{day},{},{round},{dwell_hours},{clients},{cases},{information}\n",
                s.name
            );
            next_day(&mut day);
        }
    }
    std::fs::write(repo(EXAMPLE_LOG), csv).unwrap();
}

#[test]
fn the_example_stop_log_recovers_the_parameters_it_was_drawn_from() {
    let table = SettlementTable::embedded();
    let log = read_stop_log(&repo(EXAMPLE_LOG), table).unwrap();
    // 100 settlements without an office, and 9 of them again at a school and at a care home.
    assert_eq!(log.stops.len(), 118);
    let report = fit_log(&log, table).unwrap();
    let c = &report.calibration;
    // k = 5 with about 15 clients per stop: the variance is 4 times the mean; the test must see it.
    assert!(c.dispersion.over_dispersed, "{:?}", c.dispersion);
    assert_eq!(c.chosen, ChosenModel::NegativeBinomial);
    // Each parameter within its interval widened to about 4 standard errors (3.9 / 1.96).
    let widen = 3.9 / 1.959_964;
    let within = |e: &IntervalEstimate, truth: f64, log_scale: bool| {
        let f = |x: f64| if log_scale { x.ln() } else { x };
        let (low, mid, high) = (f(e.ci95_low), f(e.estimate), f(e.ci95_high));
        (mid - widen * (mid - low)..=mid + widen * (high - mid)).contains(&f(truth))
    };
    let p = &c.parameters;
    assert!(within(&p.base_rate, ExampleTruth::BASE_RATE, true), "{:?}", p.base_rate);
    assert!(within(
        p.population_elasticity.as_ref().unwrap(),
        ExampleTruth::POPULATION_ELASTICITY,
        false
    ));
    assert!(within(
        p.dwell_exponent.as_ref().unwrap(),
        ExampleTruth::DWELL_EXPONENT,
        false
    ));
    assert!(within(
        p.distance_coef_per_km.as_ref().unwrap(),
        ExampleTruth::DISTANCE_COEF_PER_KM,
        false
    ));
    assert!(within(
        p.dispersion_shape.as_ref().unwrap(),
        ExampleTruth::SHAPE_K,
        true
    ));
    for (venue, truth) in [
        (Venue::School, ExampleTruth::SCHOOL),
        (Venue::SocialInstitution, ExampleTruth::SOCIAL_INSTITUTION),
    ] {
        let fitted = p.venue_multipliers.iter().find(|(v, _)| *v == venue).unwrap();
        assert!(within(&fitted.1, truth, true), "{venue:?}: {:?}", fitted.1);
    }
    let errands = report.errands.unwrap();
    assert!(within(
        &errands.errands_per_client,
        ExampleTruth::ERRANDS_PER_CLIENT,
        false
    ));
    assert!(within(
        &errands.information_share,
        ExampleTruth::INFORMATION_SHARE,
        false
    ));
    // The block parses, and its [demand] and [clients] keys are scenario keys.
    let fragment = format!(
        "{}\n[[season.stop]]\ndate = 2019-09-02\nstart = \"08:00\"\nsettlement = \"Baja\"\ndwell_hours = 4\n",
        report.toml_block
    );
    scenario::load_str(&fragment, "fragment.toml", None).unwrap_or_else(|e| panic!("{e}\n{fragment}"));
}

#[test]
fn calibrate_log_prints_the_regression_and_writes_its_files() {
    let dir = temp_dir("calibrate-log");
    let log = repo(EXAMPLE_LOG);
    let out = ablakbusz(&[
        "calibrate",
        "--log",
        log.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}\n{stdout}", text(&out.stderr));
    for expected in [
        "118 stops",
        "Poisson regression",
        "std.err",
        "Dispersion test (Pearson): X² =",
        "over-dispersed",
        "Negative-binomial regression",
        "Goodness of fit",
        "Clients by venue",
        "Errands per client",
        "[demand]",
        "dispersion_shape =",
        "[clients]",
    ] {
        assert!(stdout.contains(expected), "{expected:?} in\n{stdout}");
    }
    let block = toml_block(&dir.join("calibration.json"));
    toml::from_str::<toml::Table>(&block).unwrap();
    let coefficients = std::fs::read_to_string(dir.join("calibration.csv")).unwrap();
    assert!(
        coefficients.starts_with("model,term,estimate,std_error"),
        "{coefficients}"
    );
    assert!(
        coefficients.contains("negative_binomial,ln_population,"),
        "{coefficients}"
    );
    // The calibration chart: the model against the log, group by group of fitted means.
    let svg = std::fs::read_to_string(dir.join("calibration.svg")).unwrap();
    assert!(
        svg.contains("model against the stop log") && svg.contains("Q10 (fitted"),
        "calibration.svg"
    );
    assert!(
        std::fs::read(dir.join("calibration.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
}

#[test]
fn every_bad_log_is_refused_with_its_message_and_exit_code_2() {
    let dir = repo("tests/fixtures/bad-logs");
    let mut logs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    logs.sort();
    assert!(logs.len() >= 10, "{logs:?}");
    for log in logs {
        let expected_file = log.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_file)
            .unwrap_or_else(|_| panic!("{} has no {}", log.display(), expected_file.display()));
        let out = ablakbusz(&[
            "calibrate",
            "--log",
            log.to_str().unwrap(),
            "--out",
            "/nonexistent/never-written",
        ]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}:\n{stderr}", log.display());
        let fragments: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(!fragments.is_empty(), "{} is empty", expected_file.display());
        for fragment in fragments {
            assert!(
                stderr.contains(fragment),
                "{}: {fragment:?} in\n{stderr}",
                log.display()
            );
        }
    }
}
