//! Property tests of the itinerary generator over many random seasons (fixed-seed ChaCha8).
//!
//! Every check recomputes what it needs from the input alone: distances by the chord formula
//! (not the haversine the code uses), the day's timeline from the window start, the calendar from
//! the weekdays and the published days off.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday, date};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::*;
use crate::report::lang::Lang;
use crate::report::render_itinerary_csv;
use crate::vocab::Coordinates;
use crate::vocab::Venue;
use crate::vocab::geo::chord_km;
use crate::vocab::units::{hours_to_minutes, minutes_to_hours};

const CASES: u64 = 300;
/// Optimiser iterations per random season (enough to move most visits several times).
const OPTIMISER_ITERATIONS: u64 = 400;
/// Bács-Kiskun's bounding box, degrees.
const LAT_RANGE_DEG: (f64, f64) = (45.8, 47.2);
const LON_RANGE_DEG: (f64, f64) = (18.7, 20.4);
/// Slack for comparing a rounded-up travel time with its exact value, minutes.
const CEIL_SLACK_MIN: f64 = 1e-6;

fn exact_travel_min(rules: &ItineraryRules, from: Coordinates, to: Coordinates) -> f64 {
    hours_to_minutes(chord_km(from, to) * rules.travel.road_factor / rules.travel.speed_kmh)
}

/// The whole-minute drive the timetable must use: ⌈exact⌉, checked with a little slack.
fn assert_rounded_up(travel_min: u32, exact: f64, what: &str) {
    let travel = f64::from(travel_min);
    assert!(
        travel >= exact - CEIL_SLACK_MIN && travel < exact + 1.0 + CEIL_SLACK_MIN,
        "{what}: {travel_min} min for an exact {exact}"
    );
}

fn random_place(rng: &mut ChaCha8Rng, name: String) -> Place {
    Place::new(
        name,
        rng.random_range(LAT_RANGE_DEG.0..LAT_RANGE_DEG.1),
        rng.random_range(LON_RANGE_DEG.0..LON_RANGE_DEG.1),
    )
}

fn random_calendar(rng: &mut ChaCha8Rng) -> WorkingCalendar {
    let first = date(2019, 1, 1)
        .checked_add(rng.random_range(0..700i64).days())
        .unwrap();
    let last = first.checked_add(rng.random_range(14..150i64).days()).unwrap();
    let mut holidays = hungarian_days_off(2019).unwrap();
    holidays.extend(hungarian_days_off(2020).unwrap());
    WorkingCalendar::new(first, last, &MONDAY_TO_FRIDAY, &holidays)
}

fn random_rules(rng: &mut ChaCha8Rng, working_days: Vec<Date>) -> ItineraryRules {
    let start_min = rng.random_range(6 * 60..10 * 60);
    let mut rules = ItineraryRules::with_defaults(working_days);
    rules.window = DailyWindow {
        start_min,
        end_min: start_min + rng.random_range(4 * 60..12 * 60),
    };
    if rng.random_bool(0.5) {
        rules.depot = random_place(rng, "Depot".to_string());
    }
    rules.travel = TravelModel {
        road_factor: rng.random_range(1.0..2.0),
        speed_kmh: rng.random_range(30.0..90.0),
    };
    rules.setup_min = rng.random_range(0..=30);
    rules.packup_min = rng.random_range(0..=30);
    rules.max_stops_per_day = rng.random_range(1..=5);
    rules.min_gap_days = rng.random_range(1..=35);
    if rng.random_bool(0.5) {
        rules.max_gap_days = Some(rules.min_gap_days + rng.random_range(0..=40));
    }
    rules.opening_grid_min = [1, 5, 10, 15, 30][rng.random_range(0..5)];
    rules.earliest_opening_min = rng.random_range(6 * 60..11 * 60);
    rules.planner.optimise = rng.random_bool(0.8);
    rules.planner.iterations = Some(OPTIMISER_ITERATIONS);
    rules.planner.seed = rng.random_range(0..1000);
    rules
}

fn random_visits(rng: &mut ChaCha8Rng, depot: &Place) -> Vec<Visit> {
    let count = rng.random_range(1..=30);
    (0..count)
        .map(|index| {
            // Some visits at the depot's town, some sharing a place with another series.
            let place = match rng.random_range(0..10) {
                0 => Place::new(depot.name.clone(), depot.coordinates.lat_deg, depot.coordinates.lon_deg),
                1 => Place::new("Twin", 46.5, 19.5),
                _ => random_place(rng, format!("Place {index}")),
            };
            Visit {
                place,
                venue: Venue::ALL[rng.random_range(0..Venue::ALL.len())],
                // Mostly the 1–5 hours of real stops, sometimes longer than the window.
                dwell_min: if rng.random_bool(0.8) {
                    rng.random_range(60..=300)
                } else {
                    rng.random_range(300..=720)
                },
                visits_wanted: rng.random_range(1..=6),
            }
        })
        .collect()
}

/// One random season: its calendar, rules and visits.
fn random_case(seed: u64) -> (WorkingCalendar, ItineraryRules, Vec<Visit>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let calendar = random_calendar(&mut rng);
    let rules = random_rules(&mut rng, calendar.working_days().unwrap());
    let visits = random_visits(&mut rng, &rules.depot);
    (calendar, rules, visits)
}

fn stops_by_day(itinerary: &Itinerary) -> BTreeMap<Date, Vec<&PlannedStop>> {
    let mut days: BTreeMap<Date, Vec<&PlannedStop>> = BTreeMap::new();
    for stop in &itinerary.stops {
        days.entry(stop.date).or_default().push(stop);
    }
    days
}

/// Replays one bus-day from the window's start and checks every time, drive and the return.
fn check_day(rules: &ItineraryRules, visits: &[Visit], day: &BusDay, stops: &[&PlannedStop]) {
    assert!(!stops.is_empty() && stops.len() <= rules.max_stops_per_day as usize);
    assert_eq!(day.stops, stops.len());
    let mut clock = rules.window.start_min;
    let mut here = rules.depot.coordinates;
    let (mut km, mut travel_min) = (0.0, 0);
    for (position, stop) in stops.iter().enumerate() {
        let there = visits[stop.visit_index].place.coordinates;
        assert_eq!(stop.place, visits[stop.visit_index].place);
        assert_eq!(stop.dwell_min, visits[stop.visit_index].dwell_min);
        assert_eq!(stop.venue, visits[stop.visit_index].venue);
        assert_rounded_up(stop.travel_min, exact_travel_min(rules, here, there), "drive to a stop");
        assert!((stop.km - chord_km(here, there) * rules.travel.road_factor).abs() < 1e-6);
        assert_eq!(stop.start_min % rules.opening_grid_min, 0, "opening off the grid");
        let ready = clock + stop.travel_min + rules.setup_min;
        let earliest = if position == 0 {
            assert!(
                stop.start_min >= rules.earliest_opening_min,
                "opens before the earliest opening"
            );
            ready.max(rules.earliest_opening_min)
        } else {
            ready
        };
        // The first time on the grid at or after the bus is ready.
        assert!(stop.start_min >= earliest && stop.start_min < earliest + rules.opening_grid_min);
        if position == 0 {
            assert_eq!(day.leave_depot_min, stop.start_min - rules.setup_min - stop.travel_min);
            assert!(day.leave_depot_min >= rules.window.start_min);
        }
        assert_eq!(stop.end_min, stop.start_min + stop.dwell_min);
        clock = stop.end_min + rules.packup_min;
        km += stop.km;
        travel_min += stop.travel_min;
        here = there;
    }
    let home = exact_travel_min(rules, here, rules.depot.coordinates);
    let back_min = day.back_at_depot_min;
    assert_rounded_up(back_min - clock, home, "drive back to the depot");
    assert!(
        back_min <= rules.window.end_min,
        "back at {back_min}, window ends at {}",
        rules.window.end_min
    );
    assert_eq!(day.travel_min, travel_min + (back_min - clock));
    assert_eq!(day.return_travel_min, back_min - clock);
    assert!((day.return_km - chord_km(here, rules.depot.coordinates) * rules.travel.road_factor).abs() < 1e-6);
    km += chord_km(here, rules.depot.coordinates) * rules.travel.road_factor;
    assert!((day.km - km).abs() < 1e-6);
}

#[test]
fn no_bus_day_ever_leaves_its_window_and_drives_match_the_coordinates() {
    for seed in 0..CASES {
        let (_, rules, visits) = random_case(seed);
        let itinerary = build_itinerary(&rules, &visits).unwrap();
        let by_day = stops_by_day(&itinerary);
        assert_eq!(by_day.len(), itinerary.days.len(), "seed {seed}");
        for day in &itinerary.days {
            check_day(&rules, &visits, day, &by_day[&day.date]);
        }
        let sorted = itinerary
            .stops
            .windows(2)
            .all(|w| (w[0].date, w[0].start_min) < (w[1].date, w[1].start_min));
        assert!(sorted, "seed {seed}: stops out of order");
    }
}

#[test]
fn only_working_days_are_used() {
    for seed in 0..CASES {
        let (calendar, rules, visits) = random_case(seed);
        let itinerary = build_itinerary(&rules, &visits).unwrap();
        for day in &itinerary.days {
            assert!(day.date >= calendar.first && day.date <= calendar.last, "seed {seed}");
            assert!(
                !matches!(day.date.weekday(), Weekday::Saturday | Weekday::Sunday),
                "seed {seed}"
            );
            assert!(
                !calendar.holidays.contains(&day.date),
                "seed {seed}: {} is a day off",
                day.date
            );
        }
    }
}

#[test]
fn every_wanted_visit_is_placed_or_explained_and_repeats_keep_the_gap() {
    for seed in 0..CASES {
        let (_, rules, visits) = random_case(seed);
        let itinerary = build_itinerary(&rules, &visits).unwrap();
        for (index, visit) in visits.iter().enumerate() {
            let placed: Vec<&PlannedStop> = itinerary.stops.iter().filter(|s| s.visit_index == index).collect();
            let missing: Vec<&UnplacedVisit> = itinerary.unplaced.iter().filter(|u| u.visit_index == index).collect();
            let mut numbers: Vec<u32> = placed
                .iter()
                .map(|s| s.occurrence)
                .chain(missing.iter().map(|u| u.occurrence))
                .collect();
            // A visit whose round was full is missing between placed ones.
            numbers.sort_unstable();
            assert_eq!(
                numbers,
                (1..=visit.visits_wanted).collect::<Vec<_>>(),
                "seed {seed} series {index}"
            );
            for pair in placed.windows(2) {
                let gap_days = (pair[1].date - pair[0].date).get_days();
                assert!(
                    gap_days >= rules.min_gap_days as i32,
                    "seed {seed}: {gap_days} days between visits"
                );
                if let Some(most) = rules.max_gap_days {
                    assert!(gap_days <= most as i32, "seed {seed}: {gap_days} days > {most}");
                }
            }
            check_rounds(&rules, visit, &placed);
            check_long_visit(&rules, visit, &placed, &missing);
        }
    }
}

/// Visit j (from 1) of a series of k lies in round j: working days ⌊(j−1)·N/k⌋ to before ⌊j·N/k⌋.
fn check_rounds(rules: &ItineraryRules, visit: &Visit, placed: &[&PlannedStop]) {
    let mut days = rules.working_days.clone();
    days.sort();
    days.dedup();
    let n = days.len() as u64;
    let k = u64::from(visit.visits_wanted);
    for stop in placed {
        let j = u64::from(stop.occurrence - 1);
        let first = days[(j * n / k) as usize];
        let last = days[((j + 1) * n / k) as usize - 1];
        assert!(
            stop.date >= first && stop.date <= last,
            "visit {} on {} outside its round {first}..{last}",
            stop.occurrence,
            stop.date
        );
    }
}

/// A visit that cannot fit even alone is never placed and says so with the right minutes.
fn check_long_visit(rules: &ItineraryRules, visit: &Visit, placed: &[&PlannedStop], missing: &[&UnplacedVisit]) {
    let depot = rules.depot.coordinates;
    let there = visit.place.coordinates;
    let grid = f64::from(rules.opening_grid_min);
    let ready = f64::from(rules.window.start_min + rules.setup_min) + exact_travel_min(rules, depot, there).ceil();
    let open = (ready.max(f64::from(rules.earliest_opening_min)) / grid).ceil() * grid;
    let back = open + f64::from(visit.dwell_min + rules.packup_min) + exact_travel_min(rules, there, depot).ceil();
    let needed = back - f64::from(rules.window.start_min);
    let tolerance = grid + 1.0;
    let window = f64::from(rules.window.length_min());
    if needed > window + tolerance {
        assert!(placed.is_empty());
        for unplaced in missing {
            match unplaced.reason {
                UnplacedReason::LongerThanWindow { needed_min, window_min } => {
                    assert!((f64::from(needed_min) - needed).abs() <= tolerance);
                    assert_eq!(window_min, rules.window.length_min());
                }
                ref other => panic!("a {needed}-minute visit in a {window}-minute window: {other}"),
            }
        }
    } else if needed < window - tolerance {
        assert!(
            missing
                .iter()
                .all(|u| !matches!(u.reason, UnplacedReason::LongerThanWindow { .. }))
        );
    }
}

#[test]
fn the_same_input_gives_the_same_itinerary() {
    for seed in 0..CASES / 10 {
        let (_, rules, visits) = random_case(seed);
        let first = build_itinerary(&rules, &visits).unwrap();
        let second = build_itinerary(&rules, &visits).unwrap();
        assert_eq!(first, second);
        assert_eq!(
            render_itinerary_csv(Lang::En, &first, &[]).unwrap(),
            render_itinerary_csv(Lang::En, &second, &[]).unwrap()
        );
    }
}

#[test]
fn the_summary_adds_up_the_days() {
    for seed in 0..CASES / 10 {
        let (_, rules, visits) = random_case(seed);
        let itinerary = build_itinerary(&rules, &visits).unwrap();
        let summary = itinerary.summary();
        let stop_km: f64 = itinerary.stops.iter().map(|s| s.km).sum();
        let return_km: f64 = stops_by_day(&itinerary)
            .values()
            .map(|stops| chord_km(stops[stops.len() - 1].place.coordinates, rules.depot.coordinates))
            .sum::<f64>()
            * rules.travel.road_factor;
        assert!((summary.total_km - stop_km - return_km).abs() < 1e-6);
        let dwell_min: u32 = itinerary.stops.iter().map(|s| s.dwell_min).sum();
        assert!((summary.dwell_hours - minutes_to_hours(f64::from(dwell_min))).abs() < 1e-9);
        let wanted: u32 = visits.iter().map(|v| v.visits_wanted).sum();
        assert_eq!(summary.stops + summary.unplaced_visits, wanted as usize);
        assert_eq!(summary.bus_days, itinerary.bus_days_used());
    }
}
