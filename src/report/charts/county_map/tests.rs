//! Tests of the county map, on the 119 real settlements of the county.

use super::*;
use crate::report::charts::testing::assert_chart;

/// The settlement fixture (name, district, coordinates, population, permanent office).
const SETTLEMENTS_CSV: &str = include_str!("test_settlements.csv");

/// Made-up sub-linear demand for the picture: 0.35 × population^0.55 clients per visit.
fn expected_clients(population: f64) -> f64 {
    0.35 * population.powf(0.55)
}

pub(crate) fn sample() -> CountyMap {
    let settlements: Vec<MapSettlement> = SETTLEMENTS_CSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let population: f64 = f[4].parse().unwrap();
            let has_permanent_office = f[5] == "yes";
            MapSettlement {
                name: f[0].to_string(),
                population: population as u32,
                district: f[1].to_string(),
                lat_deg: f[2].parse().unwrap(),
                lon_deg: f[3].parse().unwrap(),
                expected_clients_per_visit: expected_clients(population),
                has_permanent_office,
                season_visits: u32::from(!has_permanent_office && population > 1500.0),
            }
        })
        .collect();
    let at = |name: &str| {
        let s = settlements.iter().find(|s| s.name == name).unwrap();
        MapPoint {
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
        }
    };
    let day = |d: i8, stops: &[&str]| {
        let mut points = vec![at("Kecskemét")];
        points.extend(stops.iter().map(|s| at(s)));
        points.push(at("Kecskemét"));
        MapRoute {
            date: jiff::civil::date(2020, 9, d),
            points,
        }
    };
    let routes = vec![
        day(7, &["Soltvadkert", "Kiskőrös"]),
        day(8, &["Kunszentmiklós", "Solt"]),
        day(9, &["Tompa", "Kelebia"]),
        day(10, &["Baja", "Bácsalmás", "Jánoshalma"]),
    ];
    CountyMap {
        subtitle: Some("2020".into()),
        outline: Some(MapOutline::bacs_kiskun()),
        settlements,
        routes,
    }
}

#[test]
fn fixture_has_the_whole_county() {
    let map = sample();
    assert_eq!(map.settlements.len(), 119);
    assert_eq!(map.settlements.iter().filter(|s| s.has_permanent_office).count(), 12);
    let districts: std::collections::HashSet<_> = map.settlements.iter().map(|s| s.district.as_str()).collect();
    assert_eq!(districts.len(), 11);
}

#[test]
fn renders_in_both_languages() {
    let map = sample();
    let en = county_map_chart(&map, Lang::En).unwrap();
    assert_chart(
        &en,
        (1000, 900),
        &[
            "Bács-Kiskun county: settlements and the season's stops",
            "Longitude (°E)",
            "Permanent government window",
            "Stop of the season (ring)",
            "Kiskőrösi járás",
            "Kiskőrös",
            "Kiskunfélegyháza",
            " km",
            "County border: Natural Earth (public domain), simplified",
            "Sample bus-days: depot → numbered",
            "7 Sep: 2 stops",
            "10 Sep: 3 stops",
            "Soltvadkert",
        ],
        "en",
    );
    let hu = county_map_chart(&map, Lang::Hu).unwrap();
    assert_chart(
        &hu,
        (1000, 900),
        &[
            "Bács-Kiskun vármegye: települések és a szezon megállói",
            "Földrajzi szélesség (°É)",
            "Állandó kormányablak",
            "A szezon megállója (gyűrű)",
            "Járások",
            "Kiskőrös",
            "Kecskemét",
            "Vármegyehatár: Natural Earth (közkincs), egyszerűsítve",
            "szept. 7.: 2 megálló",
        ],
        "hu",
    );
    assert!(hu.svg.contains('ő') && hu.svg.contains('ű'));
    // Hungarian decimal commas on the graticule.
    assert!(hu.svg.contains("\n46,5\n") && hu.svg.contains("\n19,5\n"));
    assert!(en.svg.contains("\n46.5\n"));
}

#[test]
fn a_single_settlement_still_draws() {
    let mut map = sample();
    map.settlements.truncate(1);
    map.routes.clear();
    let chart = county_map_chart(&map, Lang::En).unwrap();
    assert_chart(&chart, (1000, 900), &[], "single");
}

#[test]
fn empty_and_bad_inputs_are_errors() {
    let mut empty = sample();
    empty.settlements.clear();
    assert_eq!(
        county_map_chart(&empty, Lang::En),
        Err(ChartError::Empty {
            chart: "county-map",
            what: "settlements"
        })
    );
    let mut far = sample();
    far.settlements[0].lat_deg = 146.8;
    assert!(matches!(
        county_map_chart(&far, Lang::En),
        Err(ChartError::BadInput { .. })
    ));
    let mut nan = sample();
    nan.routes[0].points[1].lon_deg = f64::NAN;
    assert!(matches!(
        county_map_chart(&nan, Lang::Hu),
        Err(ChartError::BadInput { .. })
    ));
    let mut negative = sample();
    negative.settlements[3].expected_clients_per_visit = -2.0;
    assert!(matches!(
        county_map_chart(&negative, Lang::Hu),
        Err(ChartError::BadInput { .. })
    ));
}

#[test]
fn marker_area_is_proportional_to_clients() {
    // A quarter of the clients: half the radius (area ∝ clients).
    assert!((marker_radius(25.0, 100.0) - MAX_MARKER_PX / 2.0).abs() < 1e-12);
    assert_eq!(marker_radius(100.0, 100.0), MAX_MARKER_PX);
    assert_eq!(marker_radius(0.0, 100.0), MIN_MARKER_PX);
}

#[test]
fn graticule_picks_at_least_three_lines() {
    assert_eq!(graticule(&(45.9..47.1)), vec![46.0, 46.5, 47.0]);
    assert_eq!(graticule(&(18.7..20.2)), vec![19.0, 19.5, 20.0]);
    assert_eq!(graticule(&(46.0..46.6)), vec![46.0, 46.25, 46.5]);
}

#[test]
fn the_outline_holds_the_settlements() {
    // Every settlement of the county lies inside the simplified outline or within the stated
    // tolerance of it (Dunafalva and Tiszaug, on the border rivers, are 2.1 and 2.9 km outside).
    let outline = MapOutline::bacs_kiskun();
    let map = sample();
    let mut outside = Vec::new();
    for s in &map.settlements {
        let p = MapPoint {
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
        };
        if !outline::contains(&outline.points, p) {
            let km = outline::distance_km(&outline.points, p);
            assert!(km <= outline::OUTLINE_TOLERANCE_KM, "{} is {km:.1} km outside", s.name);
            outside.push(s.name.as_str());
        }
    }
    assert_eq!(outside, ["Dunafalva", "Tiszaug"]);
    // The places of the county get the county border; places elsewhere get their hull.
    let places: Vec<MapPoint> = map
        .settlements
        .iter()
        .map(|s| MapPoint {
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
        })
        .collect();
    assert_eq!(
        MapOutline::for_places(&places).map(|o| o.source),
        Some(OutlineSource::NaturalEarth)
    );
    let elsewhere: Vec<MapPoint> = places
        .iter()
        .map(|p| MapPoint {
            lat_deg: p.lat_deg + 1.5,
            lon_deg: p.lon_deg,
        })
        .collect();
    let hull = MapOutline::for_places(&elsewhere).unwrap();
    assert_eq!(hull.source, OutlineSource::SettlementHull);
    for p in &elsewhere {
        assert!(outline::contains(&hull.points, *p) || outline::distance_km(&hull.points, *p) < 1e-6);
    }
}

#[test]
fn three_sample_days_spread_over_the_season() {
    let mut map = sample();
    assert_eq!(map.highlighted(), [0, 1, 3]);
    map.routes.truncate(2);
    assert_eq!(map.highlighted(), [0, 1]);
    map.routes[0].points.truncate(2);
    assert_eq!(map.highlighted(), [1], "a day without stops is not highlighted");
}
