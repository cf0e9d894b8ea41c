//! Scenarios: every shipped file loads, the broken corpus gives its expected messages, the 2019
//! baseline matches the published facts, what-ifs differ from the plan only where they say, and the
//! expected demand of `check` is what the engine simulates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ablakbusz::experiment::{GroupMetric, RunSettings, SeasonModel, run_season};
use ablakbusz::scenario::{self, DemandOrigin, Season, Venue};
use ablakbusz::sim::PreparedStop;

use crate::builder::assert_within_ci;
use crate::cli::ablakbusz;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Files of `dir` ending in `.toml`, sorted.
fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn load(name: &str) -> Season {
    scenario::load_file(repo(&format!("scenarios/{name}"))).unwrap_or_else(|e| panic!("{name}:\n{e}"))
}

#[test]
fn every_shipped_scenario_loads_and_checks() {
    let files = toml_files("scenarios");
    assert!(
        files.len() >= 5,
        "2019 baseline, 2020 plan and at least three what-ifs: {files:?}"
    );
    for file in files {
        let season = scenario::load_file(&file).unwrap_or_else(|e| panic!("{}:\n{e}", file.display()));
        assert!(!season.stops.is_empty(), "{}", file.display());
        for stop in &season.stops {
            assert!(stop.expected_clients.is_finite() && stop.expected_clients >= 0.0);
            stop.spec.validate().unwrap();
            let expected = stop.spec.arrivals.expected_arrivals();
            assert!((expected - stop.expected_clients).abs() < 1e-9 * expected.max(1.0));
        }
        let check = ablakbusz::report::render_check(&season, ablakbusz::report::lang::Lang::En).unwrap();
        assert!(
            check.contains(&match season.stops.len() {
                1 => "Season: 1 stop ".to_string(),
                n => format!("Season: {n} stops"),
            }),
            "{check}"
        );
        assert!(scenario::digest(&season).starts_with("fnv1a64:"));
    }
}

#[test]
fn the_default_scenario_is_the_shipped_2020_plan() {
    let embedded = scenario::default_scenario();
    let file = load("2020-plan.toml");
    assert_eq!(embedded, file);
    assert_eq!(scenario::digest(&embedded), scenario::digest(&file));
    assert_eq!(embedded.name, "2020-plan");
    // Every settlement without a permanent office, twice.
    assert_eq!(embedded.stops.len(), 200);
    let itinerary = embedded.itinerary.as_ref().expect("a generated season");
    assert!(itinerary.unplaced.is_empty());
}

#[test]
fn digests_are_stable_and_tell_scenarios_apart() {
    let a = load("2020-plan.toml");
    let b = load("whatif-3-desks.toml");
    assert_eq!(scenario::digest(&a), scenario::digest(&load("2020-plan.toml")));
    assert_ne!(scenario::digest(&a), scenario::digest(&b));
}

/// Expected clients and stops of the stops within `months` (inclusive).
fn totals(season: &Season, months: std::ops::RangeInclusive<i8>) -> (usize, f64) {
    let stops: Vec<_> = season
        .stops
        .iter()
        .filter(|s| months.contains(&s.date.month()))
        .collect();
    (stops.len(), stops.iter().map(|s| s.expected_clients).sum())
}

#[test]
fn the_2019_baseline_matches_the_published_facts() {
    let season = load("2019-baseline.toml");
    // 196 stops in the year; the second tour (August–November) had 71.
    assert_eq!(season.stops.len(), 196);
    let (second_tour_stops, second_tour_clients) = totals(&season, 8..=11);
    assert_eq!(second_tour_stops, 71);
    // Six large Kecskemét employers in September.
    let employers: Vec<_> = season.stops.iter().filter(|s| s.venue == Venue::Employer).collect();
    assert_eq!(employers.len(), 6);
    assert!(
        employers
            .iter()
            .all(|s| s.settlement == "Kecskemét" && s.date.month() == 9)
    );
    // Dwell 2–5 hours at the settlements (municipality stops).
    for s in season.stops.iter().filter(|s| s.venue == Venue::Municipality) {
        assert!(
            (2.0..=5.0).contains(&s.dwell_hours()),
            "{} {}",
            s.settlement,
            s.dwell_hours()
        );
    }
    // The demand model with its defaults reproduces the published totals: "more than 1,000
    // clients" in the second tour and "more than 3,600 uses" in the year (1.2 uses per client).
    // The figures are lower bounds; the model should not exceed them by more than a quarter.
    assert!(
        (1_000.0..1_250.0).contains(&second_tour_clients),
        "second tour: {second_tour_clients:.1} expected clients"
    );
    let year_uses: f64 = season
        .stops
        .iter()
        .map(|s| s.expected_clients * s.spec.errands_per_client)
        .sum();
    assert!(
        (3_600.0..4_500.0).contains(&year_uses),
        "year: {year_uses:.1} expected uses"
    );
}

/// (date, start, settlement, venue, dwell) of every stop.
fn timetable(season: &Season) -> Vec<(jiff::civil::Date, u32, String, Venue, u64)> {
    season
        .stops
        .iter()
        .map(|s| {
            (
                s.date,
                s.start_min,
                s.settlement.clone(),
                s.venue,
                (s.spec.dwell_min * 1000.0) as u64,
            )
        })
        .collect()
}

/// How many stops each (settlement, venue) has.
fn visits(season: &Season) -> BTreeMap<(String, Venue), usize> {
    let mut out = BTreeMap::new();
    for s in &season.stops {
        *out.entry((s.settlement.clone(), s.venue)).or_insert(0) += 1;
    }
    out
}

#[test]
fn the_three_desk_what_if_changes_only_the_bus() {
    let plan = load("2020-plan.toml");
    let what_if = load("whatif-3-desks.toml");
    assert_eq!(timetable(&plan), timetable(&what_if));
    for (a, b) in plan.stops.iter().zip(&what_if.stops) {
        assert_eq!(a.expected_clients, b.expected_clients);
        assert_eq!((b.spec.desks, b.spec.clerks), (3, 3));
        let mut same = b.spec.clone();
        same.desks = a.spec.desks;
        same.clerks = a.spec.clerks;
        assert_eq!(a.spec, same, "only desks and clerks differ");
    }
    assert_eq!(plan.simulation, what_if.simulation);
}

#[test]
fn the_fixed_dwell_and_central_depot_what_ifs_visit_the_same_settlements() {
    let plan = load("2020-plan.toml");
    let fixed = load("whatif-fixed-3h-dwell.toml");
    assert_eq!(visits(&plan), visits(&fixed));
    assert!(fixed.stops.iter().all(|s| s.dwell_hours() == 3.0));
    let depot = load("whatif-central-depot.toml");
    assert_eq!(visits(&plan), visits(&depot));
    // Same settlements and dwells, month multipliers all 1: the same expected demand.
    let total = |s: &Season| s.stops.iter().map(|x| x.expected_clients).sum::<f64>();
    assert!((total(&plan) - total(&depot)).abs() < 1e-6);
    let (plan_km, depot_km) = (
        plan.itinerary.as_ref().unwrap().summary().total_km,
        depot.itinerary.as_ref().unwrap().summary().total_km,
    );
    assert!(
        depot_km < plan_km,
        "a central depot drives less: {depot_km:.0} vs {plan_km:.0} km"
    );
}

#[test]
fn the_employer_and_care_home_what_if_adds_visits_to_the_plan() {
    let plan = visits(&load("2020-plan.toml"));
    let season = load("whatif-employers-care-homes.toml");
    let more = visits(&season);
    for (key, n) in &plan {
        assert_eq!(more.get(key), Some(n), "{key:?}");
    }
    let added: usize = more.values().sum::<usize>() - plan.values().sum::<usize>();
    assert_eq!(added, 32, "six employers and ten care homes, twice each");
    let care_homes = season.stops.iter().filter(|s| s.venue == Venue::SocialInstitution);
    for s in care_homes {
        assert_eq!(s.demand_origin, DemandOrigin::GivenClients);
        assert_eq!(s.expected_clients, 8.0);
    }
}

#[test]
fn the_winter_what_if_has_lower_demand_per_visit() {
    let winter = load("whatif-winter.toml");
    assert_eq!(winter.stops.len(), 100, "each settlement without an office once");
    assert!(winter.stops.iter().all(|s| (1..=4).contains(&s.date.month())));
    for s in &winter.stops {
        let DemandOrigin::Model { .. } = s.demand_origin else {
            panic!("model demand expected")
        };
    }
    // The same settlement, same dwell, in spring (2020 plan, multiplier 1) against January (0.7).
    let plan = load("2020-plan.toml");
    let january = winter.stops.iter().find(|s| s.date.month() == 1).unwrap();
    let spring = plan.stops.iter().find(|s| s.settlement == january.settlement).unwrap();
    let ratio = january.expected_clients / spring.expected_clients;
    assert!((ratio - 0.7).abs() < 1e-9, "{ratio}");
}

#[test]
fn the_broken_corpus_gives_every_expected_message() {
    let files = toml_files("tests/fixtures/broken");
    assert!(files.len() >= 15, "{files:?}");
    for file in files {
        // Lossy: one fixture is not UTF-8 on purpose; its `# expect:` lines are.
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let expected: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("# expect: ")).collect();
        let count: Option<usize> = text
            .lines()
            .find_map(|l| l.strip_prefix("# expect-problems: "))
            .map(|n| n.trim().parse().unwrap());
        assert!(!expected.is_empty(), "{} has no `# expect:` line", file.display());
        let Err(error) = scenario::load_file(&file) else {
            panic!("{} loaded without error", file.display())
        };
        let rendered = error.to_string();
        for fragment in expected {
            assert!(
                rendered.contains(fragment),
                "{}: expected {fragment:?} in:\n{rendered}",
                file.display()
            );
        }
        if let Some(n) = count {
            assert_eq!(error.diagnostics.len(), n, "{}:\n{rendered}", file.display());
        }
        // Every problem names the file it is in.
        for d in &error.diagnostics {
            assert!(!d.file.is_empty());
        }
    }
}

#[test]
fn the_check_command_exits_with_2_and_every_expected_message_on_the_broken_corpus() {
    for file in toml_files("tests/fixtures/broken") {
        // Lossy: one fixture is not UTF-8 on purpose; its `# expect:` lines are.
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let out = ablakbusz(&["check", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}:\n{stderr}", file.display());
        for fragment in text.lines().filter_map(|l| l.strip_prefix("# expect: ")) {
            assert!(
                stderr.contains(fragment),
                "{}: {fragment:?} in:\n{stderr}",
                file.display()
            );
        }
    }
}

#[test]
fn unquoted_and_quoted_dates_and_times_give_the_same_season() {
    let unquoted = "[[season.stop]]\ndate = 2020-03-02\nstart = 08:30\nsettlement = \"Baja\"\ndwell_hours = 3\n";
    let quoted = "[[season.stop]]\ndate = \"2020-03-02\"\nstart = \"08:30\"\nsettlement = \"Baja\"\ndwell_hours = 3\n";
    let a = scenario::load_str(unquoted, "a.toml", None).unwrap();
    let b = scenario::load_str(quoted, "a.toml", None).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.stops[0].start_min, 8 * 60 + 30);
    assert_eq!(a.name, "a", "the name defaults to the file stem");
}

#[test]
fn a_minimal_scenario_gets_the_documented_defaults() {
    let text = "[[season.stop]]\ndate = 2020-03-02\nstart = \"08:00\"\nsettlement = \"Fülöpháza\"\ndwell_hours = 3\n";
    let season = scenario::load_str(text, "min.toml", None).unwrap();
    let stop = &season.stops[0];
    assert_eq!(season.simulation.replications, 200);
    assert_eq!(season.simulation.seed, 1);
    assert_eq!((stop.spec.desks, stop.spec.clerks), (2, 2));
    assert_eq!(stop.spec.errands_per_client, 1.2);
    assert_eq!(stop.spec.case_mix, scenario::default_case_mix());
    assert_eq!(stop.district, "Kecskeméti járás");
    // Computed independently (a Python haversine over the CSV): Fülöpháza has 820 residents and its
    // nearest permanent office is Izsák (`probable`), 12.0105338 km away; 3 h is the reference
    // dwell, so the expected clients are 9.5 × 0.82^0.5 × e^(0.02 × 12.0105338) = 10.9383723.
    let DemandOrigin::Model { population, office_km } = stop.demand_origin else {
        panic!("model demand expected")
    };
    assert_eq!(population, 820);
    assert!((office_km - 12.010_533_845_5).abs() < 1e-6, "{office_km}");
    assert!(
        (stop.expected_clients - 10.938_372_349).abs() < 1e-6,
        "{}",
        stop.expected_clients
    );
}

#[test]
fn a_generated_stop_can_be_told_from_an_explicit_one_added_to_it() {
    // Explicit stops may be added to a generated season; they are merged in date order.
    let text = "[season.generate]\nfrom = 2020-03-02\nto = 2020-03-13\nsettlements = \"none\"\n\
                include = [\"Fülöpháza\"]\n\n[[season.stop]]\ndate = 2020-03-02\nstart = \"09:00\"\n\
                settlement = \"Kecskemét\"\nvenue = \"employer\"\nlabel = \"a plant\"\ndwell_hours = 3\n\
                expected_clients = 12\n";
    let season = scenario::load_str(text, "mixed.toml", None).unwrap();
    assert_eq!(season.stops.len(), 2);
    let itinerary = season.itinerary.as_ref().unwrap();
    assert_eq!(itinerary.stops.len(), 1);
    assert_eq!(itinerary.stops[0].place.name, "Fülöpháza");
    assert_eq!(season.stops.iter().map(|s| s.index).collect::<Vec<_>>(), [0, 1]);
}

/// Check's expected demand is what the engine simulates: season arrivals over replications agree
/// with the sum of the stops' expected clients within 4 standard errors.
#[test]
fn expected_demand_matches_the_mean_simulated_arrivals() {
    for name in ["2019-baseline.toml", "whatif-winter.toml"] {
        let season = load(name);
        let model = SeasonModel {
            stops: season
                .stops
                .iter()
                .map(|s| PreparedStop::new(&s.spec).unwrap())
                .collect(),
            groupings: vec![],
        };
        let settings = RunSettings {
            replications: 400,
            seed: 7,
            threads: None,
        };
        let results = run_season(&model, &settings, &|_| {}).unwrap();
        let expected: f64 = season.stops.iter().map(|s| s.expected_clients).sum();
        let arrivals = results.season.get(GroupMetric::Arrivals);
        assert_within_ci(name, arrivals, expected, 4.0);
    }
}
