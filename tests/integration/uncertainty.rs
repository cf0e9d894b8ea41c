//! The three spreads against their definitions: the precision interval covers the exact mean at its
//! confidence level, and one experiment's season range holds fresh replications at its nominal 90 %.

use ablakbusz::experiment::{GroupMetric, RunSettings, SeasonModel, StopMetric, run_season};
use ablakbusz::sim::{Closing, Engine, PreparedStop, StopOutcome, StreamKey};
use ablakbusz::stats::{CONFIDENCE_LEVEL, Estimate, SeasonRange};

use crate::builder::StopBuilder;

/// Standard normal quantile of a two-sided 99.9 % band: the tolerance of every coverage count.
const Z_999: f64 = 3.290_527;

/// The 99.9 % normal-approximation band of a binomial proportion with `trials` trials at `p`.
fn binomial_band(p: f64, trials: u32) -> (f64, f64) {
    let half = Z_999 * (p * (1.0 - p) / f64::from(trials)).sqrt();
    (p - half, p + half)
}

fn covers(e: Estimate, truth: f64) -> bool {
    (e.mean - truth).abs() <= e.ci95
}

#[test]
fn the_precision_interval_covers_the_exact_mean_at_95_percent() {
    // Opens empty, λ = 6/h, 15 min exponential, c = 2, H = 3 h, turn_away: the uniformised chain
    // gives the exact expectations. 1,000 independent experiments of 50 replications each.
    let exact = crate::builder::turn_away_reference_chain(Some(20.0));
    let stop = StopBuilder::new().dwell_hours(3.0).closing(Closing::TurnAway);
    let experiments = 1_000;
    let (mut served, mut queue, mut turned) = (0, 0, 0);
    for seed in 0..u64::from(experiments) {
        let r = stop.replicate(50, 90_000 + seed);
        let s = &r.stops[0];
        served += u32::from(covers(s.get(StopMetric::Served), exact.expected_served));
        queue += u32::from(covers(s.get(StopMetric::QueueAvg), exact.mean_queue_length_open));
        turned += u32::from(covers(s.get(StopMetric::TurnedAway), exact.expected_turned_away));
    }
    let (low, high) = binomial_band(CONFIDENCE_LEVEL, experiments);
    assert!(
        low >= 0.925 - 1e-3 && high <= 0.975 + 1e-3,
        "the band is the issue's 92.5–97.5 %"
    );
    for (what, hits) in [("served", served), ("queue", queue), ("turned away", turned)] {
        let share = f64::from(hits) / f64::from(experiments);
        assert!(
            (low..=high).contains(&share),
            "{what}: covered in {share} of experiments, band {low}–{high}"
        );
    }
}

/// One replication of every stop of `model` with `seed`: the outcomes and the season's mean wait.
fn fresh_replication(model: &SeasonModel, seed: u64, replication: u64) -> (Vec<StopOutcome>, Option<f64>) {
    let mut engine = Engine::new();
    let outcomes: Vec<StopOutcome> = model
        .stops
        .iter()
        .enumerate()
        .map(|(index, stop)| {
            stop.simulate(
                &mut engine,
                StreamKey {
                    seed,
                    stop: index as u64,
                    replication,
                },
            )
        })
        .collect();
    let served: u32 = outcomes.iter().map(|o| o.served).sum();
    let waited: f64 = outcomes.iter().map(|o| o.wait_total_min).sum();
    (outcomes, (served > 0).then(|| waited / f64::from(served)))
}

fn within(range: SeasonRange, value: f64) -> bool {
    (range.p05..=range.p95).contains(&value)
}

#[test]
fn one_experiments_season_range_holds_fresh_replications_at_90_percent() {
    // A season of 24 stops of different sizes; the range comes from one experiment of 4,000
    // replications, the fresh replications from another seed. Mean waits are continuous, so the
    // inclusive range holds 90 % of their distribution (no ties at the ends).
    let stops: Vec<PreparedStop> = (0..24)
        .map(|i| {
            StopBuilder::new()
                .rate_per_hour(4.0 + f64::from(i % 6))
                .exp_patience_min(40.0)
                .closing(Closing::ServeAll)
                .build()
        })
        .collect();
    let model = SeasonModel {
        stops,
        groupings: vec![],
    };
    let replications = 4_000;
    let settings = RunSettings {
        replications,
        seed: 7,
        threads: None,
    };
    let results = run_season(&model, &settings, &|_| {}).unwrap();
    let season_range = results.season.range(GroupMetric::WaitMean).unwrap();
    let stop_range = results.stops[5].range(StopMetric::WaitMean).unwrap();
    let (mut season_hits, mut stop_hits, mut stop_trials) = (0u32, 0u32, 0u32);
    for replication in 0..u64::from(replications) {
        let (outcomes, season_wait) = fresh_replication(&model, 8, replication);
        season_hits += u32::from(within(season_range, season_wait.unwrap()));
        if let Some(wait) = outcomes[5].wait_mean_min {
            stop_trials += 1;
            stop_hits += u32::from(within(stop_range, wait));
        }
    }
    // The range itself is estimated: its own coverage varies by about √(2 · 0.05 · 0.95 / n) ≈ 0.005,
    // inside the 88–92 % together with the binomial noise of the fresh count.
    for (what, hits, trials) in [("season", season_hits, replications), ("stop", stop_hits, stop_trials)] {
        let share = f64::from(hits) / f64::from(trials);
        assert!(
            (0.88..=0.92).contains(&share),
            "{what}: {share} of fresh replications in the range"
        );
    }
}

/// The demand a synthetic stop log is drawn from (and the season is simulated under): the defaults
/// of `[demand]` (base rate 9.5 at 1,000 residents and 3 h, elasticity 0.5, +2 % per km).
const TRUE_BASE_RATE: f64 = 9.5;
const TRUE_ELASTICITY: f64 = 0.5;
const TRUE_DISTANCE_COEF_PER_KM: f64 = 0.02;
/// Every logged and simulated stop stays 3 h at the municipality (the dwell term drops out of the fit).
const DWELL_HOURS: f64 = 3.0;
/// Stops of a synthetic log, and stops of the simulated season (other settlements).
const LOG_STOPS: usize = 20;
const SEASON_STOPS: usize = 20;

/// Weekdays from 2020-03-02, one per stop.
fn weekdays(n: usize) -> Vec<jiff::civil::Date> {
    let mut day = jiff::civil::date(2020, 3, 2);
    let mut days = Vec::new();
    while days.len() < n {
        if day.weekday().to_monday_one_offset() <= 5 {
            days.push(day);
        }
        day = day.tomorrow().unwrap();
    }
    days
}

/// A stop log of `settlements` with Poisson counts from the true demand.
fn synthetic_stop_log(settlements: &[usize], rng: &mut rand::rngs::ChaCha8Rng) -> String {
    use rand_distr::{Distribution, Poisson};
    let table = ablakbusz::demand::SettlementTable::embedded();
    let mut csv = String::from("date,settlement,venue,dwell_hours,clients\n");
    for (&i, day) in settlements.iter().zip(weekdays(settlements.len())) {
        let s = table.get(i);
        let mean = TRUE_BASE_RATE
            * (f64::from(s.population) / 1000.0).powf(TRUE_ELASTICITY)
            * (TRUE_DISTANCE_COEF_PER_KM * table.office_km(i)).exp();
        let clients = Poisson::new(mean).unwrap().sample(rng) as u64;
        csv += &format!("{day},{},municipality,{DWELL_HOURS},{clients}\n", s.name);
    }
    csv
}

/// A season of one 3-hour municipality stop per settlement, under the true demand.
fn season_text(settlements: &[usize]) -> ablakbusz::scenario::ScenarioText {
    let table = ablakbusz::demand::SettlementTable::embedded();
    let mut text = format!(
        "name = \"synthetic\"\n[demand]\nbase_rate = {TRUE_BASE_RATE}\npopulation_elasticity = {TRUE_ELASTICITY}\n\
         distance_coef_per_km = {TRUE_DISTANCE_COEF_PER_KM}\n"
    );
    for (&i, day) in settlements.iter().zip(weekdays(settlements.len())) {
        text += &format!(
            "[[season.stop]]\ndate = {day}\nstart = \"08:00\"\nsettlement = \"{}\"\ndwell_hours = {DWELL_HOURS}\n",
            table.get(i).name
        );
    }
    ablakbusz::scenario::ScenarioText {
        text,
        origin: "synthetic.toml".into(),
        base_dir: None,
    }
}

/// The settlements without an office split in two: the first [`LOG_STOPS`] for the synthetic stop
/// log, and a season of the next [`SEASON_STOPS`] (its parsed text and the resolved season).
fn logged_settlements_and_season(
    table: &ablakbusz::demand::SettlementTable,
) -> (
    Vec<usize>,
    ablakbusz::scenario::ParsedScenario,
    ablakbusz::scenario::Season,
) {
    let without_office: Vec<usize> = (0..table.settlements().len())
        .filter(|&i| !table.get(i).government_window.is_permanent_office())
        .collect();
    let (logged, simulated) = without_office.split_at(LOG_STOPS);
    let text = season_text(&simulated[..SEASON_STOPS]).parse();
    let season = text.resolve(None).unwrap();
    (logged.to_vec(), text, season)
}

#[test]
fn the_range_with_parameter_uncertainty_covers_the_true_outcome_at_90_percent() {
    use ablakbusz::experiment::run_season;
    use ablakbusz::scenario::ScenarioOverrides;
    use ablakbusz::study::{InputFit, Silent, SimulationOverrides, season_model, simulate_input_uncertainty};
    use rand::SeedableRng;
    // Each macro-replication: a fresh log of 20 stops from the true demand, fitted; the season's
    // arrivals predicted from 20 draws × 4 replications, and one season simulated under the true
    // demand with fresh random numbers. The predictive range should hold it in 90 % of them; the
    // range without parameter uncertainty (one season at the fitted estimates) is narrower.
    let table = ablakbusz::demand::SettlementTable::embedded();
    let (logged, text, season) = logged_settlements_and_season(table);
    let logged = logged.as_slice();
    let truth = season_model(&season).unwrap();
    let (draws, inner) = (20, 4);
    let macros = 200u32;
    let (mut hits, mut hits_without) = (0u32, 0u32);
    let (mut width, mut width_without) = (0.0, 0.0);
    for m in 0..macros {
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(5_000 + u64::from(m));
        let csv = synthetic_stop_log(logged, &mut rng);
        let log = ablakbusz::demand::parse_stop_log(&csv, "synthetic-log.csv", table).unwrap();
        let fit = InputFit::stop_log(&log, table).unwrap();
        let simulation = SimulationOverrides {
            replications: Some(draws * inner),
            seed: Some(70_000 + u64::from(m)),
            threads: None,
        };
        let study = simulate_input_uncertainty(&text, &season, &fit, draws, inner, &simulation, &Silent).unwrap();
        let with = study.results.get(GroupMetric::Arrivals).range.unwrap();
        // Without: the season at the fitted point estimates, as many replications.
        let fitted = ablakbusz::study::calibration::fit_log(&log, table)
            .unwrap()
            .calibration
            .parameters;
        let at_estimates = text
            .resolve_with(
                None,
                &ScenarioOverrides {
                    base_rate: Some(fitted.base_rate.estimate),
                    population_elasticity: fitted.population_elasticity.map(|e| e.estimate),
                    distance_coef_per_km: fitted.distance_coef_per_km.map(|e| e.estimate),
                    reference_dwell_hours: Some(fitted.references.dwell_ref_hours),
                    ..ScenarioOverrides::default()
                },
            )
            .unwrap();
        let settings = simulation.settings(&at_estimates.simulation);
        let plain = run_season(&season_model(&at_estimates).unwrap(), &settings, &|_| {}).unwrap();
        let without = plain.season.range(GroupMetric::Arrivals).unwrap();
        let (outcomes, _) = fresh_replication(&truth, 900_000 + u64::from(m), 0);
        let arrivals = f64::from(outcomes.iter().map(|o| o.arrivals).sum::<u32>());
        hits += u32::from(within(with, arrivals));
        hits_without += u32::from(within(without, arrivals));
        width += with.p95 - with.p05;
        width_without += without.p95 - without.p05;
    }
    let share = f64::from(hits) / f64::from(macros);
    let share_without = f64::from(hits_without) / f64::from(macros);
    eprintln!(
        "parameter uncertainty: covered {share}, without {share_without}; mean width {} vs {}",
        width / f64::from(macros),
        width_without / f64::from(macros)
    );
    let (low, high) = binomial_band(0.90, macros);
    assert!(
        (low..=high).contains(&share),
        "covered in {share} of {macros} macro-replications, band {low}–{high}"
    );
    assert!(
        width > width_without,
        "with parameter uncertainty the range is wider: {width} vs {width_without}"
    );
}

#[test]
fn parameter_uncertainty_does_not_depend_on_the_number_of_threads() {
    use ablakbusz::study::{InputFit, Silent, SimulationOverrides, simulate_input_uncertainty};
    use rand::SeedableRng;
    let table = ablakbusz::demand::SettlementTable::embedded();
    let (logged, text, season) = logged_settlements_and_season(table);
    let logged = logged.as_slice();
    let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(3);
    let log = ablakbusz::demand::parse_stop_log(&synthetic_stop_log(logged, &mut rng), "log.csv", table).unwrap();
    let fit = InputFit::stop_log(&log, table).unwrap();
    let run = |threads| {
        let simulation = SimulationOverrides {
            replications: None,
            seed: Some(11),
            threads: Some(threads),
        };
        simulate_input_uncertainty(&text, &season, &fit, 9, 16, &simulation, &Silent).unwrap()
    };
    let (one, two) = (run(1), run(2));
    assert_eq!(one, two);
    assert_eq!(one.results.draws, 9);
    assert!(one.results.get(GroupMetric::Arrivals).parameter_share.is_some());
}
