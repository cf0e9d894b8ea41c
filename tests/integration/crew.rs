//! One crew per bus-day: the day's clerks cover every stop's own answer, the paid clerk-hours include
//! the drives and the set-up (checked against a hand-computed day), and differing clerks within a
//! day are refused unless the scenario allows them.

use std::path::Path;

use ablakbusz::scenario::{self, Season};
use ablakbusz::staffing::SearchSettings;
use ablakbusz::study::{bus_day_crews, staffing_rows};

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
