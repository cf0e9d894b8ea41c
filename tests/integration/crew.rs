//! One crew per bus-day: the day's clerks cover every stop's own answer, the paid clerk-hours include
//! the drives and the set-up (checked against hand-computed days, planned and estimated), a
//! `[[bus.day]]` sets a day's clerks, and differing clerks within a day are refused unless the
//! scenario allows them.

use std::path::Path;

use ablakbusz::experiment::StopMetric;
use ablakbusz::scenario::{self, Season};
use ablakbusz::staffing::SearchSettings;
use ablakbusz::study::{Silent, SimulationOverrides, bus_day_crews, season_costs, simulate_season, staffing_rows};

fn shipped(name: &str) -> Season {
    scenario::load_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(name)).unwrap()
}

#[test]
fn each_days_clerks_cover_every_stop_of_the_day() {
    let settings = SearchSettings::default();
    for name in ["2019-baseline.toml", "2020-plan.toml"] {
        let season = shipped(name);
        let rows = staffing_rows("as planned", &season, &season.targets, &settings).unwrap();
        let days = bus_day_crews("as planned", &season, &rows);
        let mut seen: Vec<usize> = days.iter().flat_map(|d| d.stops.clone()).collect();
        seen.sort_unstable();
        assert_eq!(
            seen,
            (1..=season.stops.len()).collect::<Vec<_>>(),
            "{name}: every stop on one day"
        );
        let mut two_stop_days = 0;
        for day in &days {
            two_stop_days += usize::from(day.stops.len() > 1);
            for &stop in &day.stops {
                assert_eq!(season.stops[stop - 1].date, day.date, "{name}");
                let own = rows[stop - 1].answer.clerks_needed;
                match (day.clerks_needed, own) {
                    (Some(day_clerks), Some(stop_clerks)) => {
                        assert!(
                            day_clerks >= stop_clerks,
                            "{name} day {}: {day_clerks} < {stop_clerks}",
                            day.number
                        );
                    }
                    (Some(day_clerks), None) => {
                        panic!("{name} day {}: {day_clerks} clerks for an unstaffable stop", day.number)
                    }
                    (None, _) => assert_ne!(day.verdict, ablakbusz::staffing::Verdict::Meets),
                }
            }
            assert!(
                days.iter().filter(|d| d.date == day.date).count() == 1,
                "{name}: one bus-day a date"
            );
        }
        assert!(two_stop_days > 10, "{name}: the seasons have days of several stops");
    }
}

#[test]
fn paid_clerk_hours_include_the_drives_and_the_set_up() {
    // One 3-hour visit to Fülöpháza from the Kecskemét depot. By hand (a Python haversine over the
    // settlements CSV, mean Earth radius 6371.0088 km): 18.7337 km straight line, × 1.3 road factor =
    // 24.3538 km, at 50 km/h 29.2 min, rounded up to 30 min each way. The bus leaves at 08:00, drives
    // 30 min, sets up 15, opens 180, packs up 15 and drives 30 back: 270 min = 4.5 h a clerk, plus
    // the mean overtime.
    let text = "[season.generate]\nfrom = 2020-03-02\nto = 2020-03-02\nsettlements = \"none\"\n\
                include = [\"Fülöpháza\"]\n[season.generate.dwell]\npolicy = \"fixed\"\nhours = 3\n";
    let season = scenario::load_str(text, "one-day.toml", None).unwrap();
    let settings = SearchSettings::default();
    let rows = staffing_rows("fixed 3 h", &season, &season.targets, &settings).unwrap();
    let days = bus_day_crews("fixed 3 h", &season, &rows);
    assert_eq!(days.len(), 1);
    let day = &days[0];
    assert_eq!(day.travel_min, Some(60));
    assert!((day.km.unwrap() - 2.0 * 24.353_847_7).abs() < 1e-4, "{:?}", day.km);
    assert!(
        (day.paid_hours - day.overtime_hours - 4.5).abs() < 1e-9,
        "{}",
        day.paid_hours
    );
    assert!(day.overtime_hours >= 0.0);
    assert_eq!(Some(day.clerks_paid), day.clerks_needed);
    let expected = f64::from(day.clerks_paid) * (4.5 + day.overtime_hours);
    assert!((day.paid_clerk_hours() - expected).abs() < 1e-9);
}

const TWO_CREWS: &str = "[[season.stop]]\ndate = 2020-03-02\nstart = \"08:30\"\nsettlement = \"Fülöpháza\"\n\
                         dwell_hours = 2\nclerks = 1\n\n[[season.stop]]\ndate = 2020-03-02\nstart = \"12:00\"\n\
                         settlement = \"Ballószög\"\ndwell_hours = 2\nclerks = 2\n";

#[test]
fn different_clerks_within_a_day_are_refused_unless_allowed() {
    let error = scenario::load_str(TWO_CREWS, "crews.toml", None)
        .unwrap_err()
        .to_string();
    assert!(error.contains("season.stop[2].clerks"), "{error}");
    assert!(error.contains("on the same bus-day (2020-03-02)"), "{error}");
    assert!(error.contains("bus.clerks_may_change_within_day = true"), "{error}");
    let allowed = format!("[bus]\nclerks_may_change_within_day = true\n\n{TWO_CREWS}");
    let season = scenario::load_str(&allowed, "crews.toml", None).unwrap();
    assert_eq!(season.stops.len(), 2);
}

const ONE_STOP: &str =
    "[[season.stop]]\ndate = 2020-03-02\nstart = \"08:30\"\nsettlement = \"Fülöpháza\"\ndwell_hours = 2\n";

#[test]
fn costs_follow_the_rates_of_the_scenario() {
    let text = format!("[bus]\nhuf_per_clerk_hour = 4000\nhuf_per_km = 100\nhuf_per_bus_day = 20000\n\n{ONE_STOP}");
    let season = scenario::load_str(&text, "rates.toml", None).unwrap();
    // 10 clerk-hours, 50 km, 2 bus-days: 40,000 + 5,000 + 40,000 HUF.
    assert_eq!(season.costs.cost_huf(10.0, Some(50.0), 2), Some(85_000.0));
    assert_eq!(
        season.costs.cost_huf(10.0, None, 2),
        None,
        "km unknown: no cost with a km rate"
    );
    let bad = scenario::load_str("[bus]\nhuf_per_km = -1\n", "rates.toml", None)
        .unwrap_err()
        .to_string();
    assert!(bad.contains("bus.huf_per_km"), "{bad}");
}

#[test]
fn explicit_stops_get_their_depot_legs_estimated() {
    // ONE_STOP: Fülöpháza 08:30–10:30 from the default depot Kecskemét, 30 min each way (hand value
    // above): the bus leaves at 07:45 (30 min drive, 15 min set-up) and is back at 11:15 (15 min
    // pack-up, 30 min drive), 210 min a clerk plus the mean overtime.
    let season = scenario::load_str(ONE_STOP, "one-stop.toml", None).unwrap();
    assert!(season.itinerary.is_none());
    let [day] = season.estimated_days.as_slice() else {
        panic!("one estimated day: {:?}", season.estimated_days)
    };
    assert_eq!(
        (day.leave_depot_min, day.back_at_depot_min),
        (7 * 60 + 45, 11 * 60 + 15)
    );
    assert_eq!(day.travel_min, 60);
    assert!((day.km - 2.0 * 24.353_847_7).abs() < 1e-4, "{}", day.km);
    let settings = SearchSettings::default();
    let rows = staffing_rows("as given", &season, &season.targets, &settings).unwrap();
    let [crew] = bus_day_crews("as given", &season, &rows).try_into().unwrap();
    assert!(crew.travel_estimated);
    assert!(
        (crew.paid_hours - crew.overtime_hours - 3.5).abs() < 1e-9,
        "{}",
        crew.paid_hours
    );

    // What the season as given costs: 2 clerks (bus.clerks) × (3.5 h + mean overtime), of which
    // 2 × 1.5 h outside the opening hours.
    let run = simulate_season(&season, "d", &SimulationOverrides::default(), &Silent).unwrap();
    let costs = season_costs(&season, &run.results);
    let overtime_h = run.results.stops[0].get(StopMetric::Overtime).mean / 60.0;
    assert_eq!(costs.bus_days, 1);
    assert!((costs.paid_clerk_hours - 2.0 * (3.5 + overtime_h)).abs() < 1e-9);
    assert!((costs.planned_extra_clerk_hours - 3.0).abs() < 1e-9);
    assert!(costs.paid_clerk_hours_ci95 > 0.0);
    assert!(costs.travel_included && costs.travel_estimated);
    assert_eq!(costs.cost_huf, None, "no rates, no cost");
    let priced = format!("[bus]\nhuf_per_clerk_hour = 4000\nhuf_per_km = 100\nhuf_per_bus_day = 20000\n\n{ONE_STOP}");
    let priced = scenario::load_str(&priced, "priced.toml", None).unwrap();
    let bill = season_costs(&priced, &run.results);
    let want = 4000.0 * costs.paid_clerk_hours + 100.0 * 2.0 * 24.353_847_7 + 20000.0;
    assert!(
        (bill.cost_huf.unwrap() - want).abs() < 0.1,
        "{:?} {want}",
        bill.cost_huf
    );

    // A labelled stop outside the settlement table has no estimate; a depot must be a settlement.
    let labelled = "[[season.stop]]\ndate = 2020-03-02\nstart = \"08:30\"\nlabel = \"Fair\"\ndwell_hours = 2\n\
                    expected_clients = 10\n";
    let season = scenario::load_str(labelled, "fair.toml", None).unwrap();
    assert!(season.estimated_days.is_empty());
    let run = simulate_season(&season, "d", &SimulationOverrides::default(), &Silent).unwrap();
    assert!(!season_costs(&season, &run.results).travel_included);
    let error = scenario::load_str(
        &format!("[season]\ndepot = \"Kecskemet\"\n\n{ONE_STOP}"),
        "d.toml",
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("season.depot") && error.contains("Kecskemét"), "{error}");
    // A generated season's depot is set in [season.generate]: season.depot there is refused.
    let generated = "[season]\ndepot = \"Kiskőrös\"\n[season.generate]\nfrom = 2020-03-02\nto = 2020-03-02\n\
                     settlements = \"none\"\ninclude = [\"Fülöpháza\"]\n";
    let error = scenario::load_str(generated, "g.toml", None).unwrap_err().to_string();
    assert!(
        error.contains("season.depot") && error.contains("season.generate.depot"),
        "{error}"
    );
}

#[test]
fn a_bus_day_sets_the_clerks_of_its_stops() {
    let two_stops = TWO_CREWS.replace("clerks = 1\n", "").replace("clerks = 2\n", "");
    let text = format!("[bus]\nclerks = 2\n\n[[bus.day]]\ndate = 2020-03-02\nclerks = 1\n\n{two_stops}");
    let season = scenario::load_str(&text, "day.toml", None).unwrap();
    assert_eq!(season.stops.iter().map(|s| s.spec.clerks).collect::<Vec<_>>(), [1, 1]);

    let wrong = |days: &str| {
        scenario::load_str(&format!("{days}\n{two_stops}"), "day.toml", None)
            .unwrap_err()
            .to_string()
    };
    let no_stop = wrong("[[bus.day]]\ndate = 2020-03-03\nclerks = 1\n");
    assert!(
        no_stop.contains("bus.day[1].date") && no_stop.contains("no stop on 2020-03-03"),
        "{no_stop}"
    );
    let too_many = wrong("[[bus.day]]\ndate = 2020-03-02\nclerks = 3\n");
    assert!(
        too_many.contains("bus.day[1].clerks") && too_many.contains("between 1 and 2"),
        "{too_many}"
    );
    let twice = wrong("[[bus.day]]\ndate = 2020-03-02\nclerks = 1\n[[bus.day]]\ndate = 2020-03-02\nclerks = 2\n");
    assert!(
        twice.contains("bus.day[2].date") && twice.contains("given twice"),
        "{twice}"
    );
    // A stop that names other clerks than its day's is the same-day error.
    let own = wrong(&format!("[[bus.day]]\ndate = 2020-03-02\nclerks = 1\n\n{TWO_CREWS}").replace(&two_stops, ""));
    assert!(own.contains("the day's stops share one crew"), "{own}");
}
