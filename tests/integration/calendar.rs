//! The Hungarian calendar of a generated season: the decreed rest days and worked Saturdays of the
//! season's year, a year without a known decree refused at the season's key, and a decree given in
//! the scenario.

use ablakbusz::scenario;
use jiff::civil::{Date, date};

/// The bus-days of a generated season between `from` and `to` visiting one settlement `visits`
/// times a day apart (as many as the season's working days, so every working day is used), with
/// `extra` appended to `[season.generate]`.
fn season_days(from: &str, to: &str, visits: u32, extra: &str) -> Result<Vec<Date>, String> {
    let text = format!(
        "[season.generate]\nfrom = {from}\nto = {to}\nsettlements = \"none\"\ninclude = [\"Fülöpháza\"]\n\
         visits_per_settlement = {visits}\nmin_days_between_visits = 1\n{extra}"
    );
    let season = scenario::load_str(&text, "calendar.toml", None).map_err(|e| e.to_string())?;
    Ok(season.itinerary.unwrap().days.iter().map(|d| d.date).collect())
}

#[test]
fn a_2026_season_keeps_off_the_2026_decreed_rest_days() {
    // 10/2025. (IV. 30.) NGM rendelet: Friday 21 August 2026 is a rest day (worked on Saturday 8
    // August), and Thursday 20 August a public holiday.
    let days = season_days("2026-08-17", "2026-08-28", 8, "").unwrap();
    let expected = [17, 18, 19, 24, 25, 26, 27, 28].map(|d| date(2026, 8, d));
    assert_eq!(days, expected);
    // With the worked Saturdays on, Saturday 8 August is a working day of the bus.
    let days = season_days("2026-08-03", "2026-08-09", 6, "work_decreed_saturdays = true\n").unwrap();
    assert_eq!(days, [3, 4, 5, 6, 7, 8].map(|d| date(2026, 8, d)));
}

#[test]
fn a_season_in_a_year_without_a_known_decree_is_refused_naming_the_key() {
    let error = season_days("2027-03-01", "2027-03-31", 1, "").unwrap_err();
    assert!(error.contains("season.generate.from"), "{error}");
    assert!(error.contains("[[season.generate.decree]]"), "{error}");
    assert!(error.contains("hungarian_days_off = false"), "{error}");
    // A season reaching into 2027 from 2026 is refused at its end.
    let error = season_days("2026-12-01", "2027-01-15", 1, "").unwrap_err();
    assert!(error.contains("season.generate.to"), "{error}");
}

#[test]
fn a_decree_given_in_the_scenario_fills_the_year() {
    let decree =
        "[[season.generate.decree]]\nyear = 2027\nrest_days = [2027-03-16]\nworking_saturdays = [2027-03-20]\n";
    let days = season_days("2027-03-15", "2027-03-19", 3, decree).unwrap();
    // 15 March is a public holiday, 16 March the rest day given.
    assert_eq!(days, [17, 18, 19].map(|d| date(2027, 3, d)));
    let wrong = "[[season.generate.decree]]\nyear = 2027\nrest_days = [2027-03-20]\nworking_saturdays = []\n";
    let error = season_days("2027-03-15", "2027-03-19", 3, wrong).unwrap_err();
    assert!(error.contains("season.generate.decree[1].rest_days"), "{error}");
}
