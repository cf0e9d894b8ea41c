//! What the itinerary generator is asked to do: the visits wanted and the rules of a bus-day.
//!
//! A bus-day: the bus leaves the depot at the window's start, drives to each stop, sets up, opens
//! its door for the dwell, packs up, drives on, and is **back at the depot by the window's end**:
//! the return trip counts in the window (the crew's working day ends at the depot).

use jiff::civil::Date;

use super::travel::{TravelModel, coordinate_problems};
use super::{PlanError, PlanInputError};
use crate::vocab::Coordinates;
use crate::vocab::Venue;
use crate::vocab::units::{MINUTES_PER_DAY, WHOLE_MINUTES_PER_HOUR};

/// Default daily window start, minutes after midnight: 8:00 (itineraries elsewhere start at 8).
pub const DEFAULT_WINDOW_START_MIN: u32 = 8 * WHOLE_MINUTES_PER_HOUR;
/// Default daily window end, minutes after midnight: 16:00 (an 8-hour working day).
pub const DEFAULT_WINDOW_END_MIN: u32 = 16 * WHOLE_MINUTES_PER_HOUR;
/// Default set-up time before the door opens at each stop, minutes (assumption: parking,
/// levelling, power and network for the desks).
pub const DEFAULT_SETUP_MIN: u32 = 15;
/// Default pack-up time after the door closes at each stop, minutes (assumption).
pub const DEFAULT_PACKUP_MIN: u32 = 15;
/// Default maximum stops in one bus-day (itineraries elsewhere: 2–3 stops a day).
pub const DEFAULT_MAX_STOPS_PER_DAY: u32 = 3;
/// Default minimum calendar days between two visits of one series (buses return about every two
/// weeks to monthly).
pub const DEFAULT_MIN_GAP_DAYS: u32 = 14;
/// Default grid of opening times, minutes: doors open at :00, :15, :30 or :45 (a timetable people
/// can remember; the planners asked for quarter hours).
pub const DEFAULT_OPENING_GRID_MIN: u32 = 15;
/// Default earliest opening, minutes after midnight: 08:00 (offices open at 8; an opening at 07:31
/// serves nobody).
pub const DEFAULT_EARLIEST_OPENING_MIN: u32 = 8 * WHOLE_MINUTES_PER_HOUR;
/// Default optimiser iterations per wanted visit (150: the 2020 plan's 200 visits get 30,000
/// iterations, about a second on this machine; 10,000 left it one bus-day above 130, and
/// 60,000–100,000 found nothing better; measured with `ablakbusz plan` and benches/engine.rs).
pub const DEFAULT_ITERATIONS_PER_VISIT: u64 = 150;
/// Default ceiling of the optimiser's iterations, so that a national season stays bounded.
pub const DEFAULT_MAX_ITERATIONS: u64 = 60_000;
/// Default seed of the optimiser's random numbers.
pub const DEFAULT_PLANNER_SEED: u64 = 1;
/// Default depot: the county seat, Kecskemét, at the coordinates of the settlements file.
pub const DEFAULT_DEPOT_NAME: &str = "Kecskemét";
/// Latitude of Kecskemét in the settlements file (KSH gazetteer), degrees north.
pub const DEFAULT_DEPOT_LAT_DEG: f64 = 46.8963711;
/// Longitude of Kecskemét in the settlements file (KSH gazetteer), degrees east.
pub const DEFAULT_DEPOT_LON_DEG: f64 = 19.6896861;

/// A named point: a settlement, or the depot.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Settlement name as KSH spells it (or the depot's label).
    pub name: String,
    pub coordinates: Coordinates,
}

impl Place {
    pub fn new(name: impl Into<String>, lat_deg: f64, lon_deg: f64) -> Self {
        Self {
            name: name.into(),
            coordinates: Coordinates::new(lat_deg, lon_deg),
        }
    }

    /// The default depot, Kecskemét.
    pub fn default_depot() -> Self {
        Self::new(DEFAULT_DEPOT_NAME, DEFAULT_DEPOT_LAT_DEG, DEFAULT_DEPOT_LON_DEG)
    }
}

/// A series of visits wanted at one place and venue in the season.
///
/// One `Visit` stands for all the visits of a series (`visits_wanted` of them), so that the
/// generator can spread them evenly and keep the minimum gap between them. Two `Visit`s at the same
/// settlement (a municipality and a school, or six employers in one town) are independent series:
/// the gap applies within a series only.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub place: Place,
    pub venue: Venue,
    /// Door-open time of each visit, minutes (the dwell; set-up and pack-up come on top).
    pub dwell_min: u32,
    /// Visits wanted in the season (at least 1).
    pub visits_wanted: u32,
}

/// The daily working window of the bus, minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyWindow {
    /// The bus leaves the depot at this time, minutes after midnight.
    pub start_min: u32,
    /// The bus is back at the depot by this time, minutes after midnight (at most 24:00).
    pub end_min: u32,
}

impl DailyWindow {
    /// Length of the window, minutes.
    pub fn length_min(&self) -> u32 {
        self.end_min.saturating_sub(self.start_min)
    }
}

impl Default for DailyWindow {
    fn default() -> Self {
        Self {
            start_min: DEFAULT_WINDOW_START_MIN,
            end_min: DEFAULT_WINDOW_END_MIN,
        }
    }
}

/// How the itinerary is planned: greedily, or greedily and then optimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannerSettings {
    /// Run the optimiser after the greedy plan.
    pub optimise: bool,
    /// Optimiser iterations; `None`: [`DEFAULT_ITERATIONS_PER_VISIT`] per wanted visit, at most
    /// [`DEFAULT_MAX_ITERATIONS`].
    pub iterations: Option<u64>,
    /// Seed of the optimiser's random numbers (ChaCha8).
    pub seed: u64,
}

impl Default for PlannerSettings {
    fn default() -> Self {
        Self {
            optimise: true,
            iterations: None,
            seed: DEFAULT_PLANNER_SEED,
        }
    }
}

impl PlannerSettings {
    /// The iterations for a season of `visits` wanted visits.
    pub fn iterations_for(&self, visits: usize) -> u64 {
        self.iterations
            .unwrap_or_else(|| (DEFAULT_ITERATIONS_PER_VISIT * visits as u64).min(DEFAULT_MAX_ITERATIONS))
    }
}

/// How bus-days are made.
#[derive(Debug, Clone, PartialEq)]
pub struct ItineraryRules {
    /// Days on which the bus may run (from [`super::WorkingCalendar::working_days`]); taken in
    /// date order, duplicates ignored.
    pub working_days: Vec<Date>,
    /// Daily window: leave the depot at its start, back by its end.
    pub window: DailyWindow,
    /// Where each bus-day starts and ends.
    pub depot: Place,
    /// Road factor and speed for travel times.
    pub travel: TravelModel,
    /// Set-up at each stop before the door opens, minutes.
    pub setup_min: u32,
    /// Pack-up at each stop after the door closes, minutes.
    pub packup_min: u32,
    /// Most stops in one bus-day (at least 1).
    pub max_stops_per_day: u32,
    /// Fewest calendar days between two visits of one series (at least 1).
    pub min_gap_days: u32,
    /// Most calendar days between two visits of one series (`None`: no limit; at least `min_gap_days`).
    pub max_gap_days: Option<u32>,
    /// Doors open on this grid, minutes after midnight (1: any minute).
    pub opening_grid_min: u32,
    /// No door opens before this time, minutes after midnight (the bus leaves the depot later
    /// rather than wait on the square).
    pub earliest_opening_min: u32,
    /// Greedy or optimised, and the optimiser's budget and seed.
    pub planner: PlannerSettings,
}

impl ItineraryRules {
    /// The rules with every default (8:00–16:00, depot Kecskemét, road factor 1.3, 50 km/h,
    /// 15 min set-up and pack-up, 3 stops a day, 14 days between visits and no most, opening on
    /// the quarter hour, not before 08:00) on these working days.
    pub fn with_defaults(working_days: Vec<Date>) -> Self {
        Self {
            working_days,
            window: DailyWindow::default(),
            depot: Place::default_depot(),
            travel: TravelModel::default(),
            setup_min: DEFAULT_SETUP_MIN,
            packup_min: DEFAULT_PACKUP_MIN,
            max_stops_per_day: DEFAULT_MAX_STOPS_PER_DAY,
            min_gap_days: DEFAULT_MIN_GAP_DAYS,
            max_gap_days: None,
            opening_grid_min: DEFAULT_OPENING_GRID_MIN,
            earliest_opening_min: DEFAULT_EARLIEST_OPENING_MIN,
            planner: PlannerSettings::default(),
        }
    }

    /// Every problem of the rules and the visits at once, keyed by field path
    /// (`window.end_min`, `visits[2].dwell_min`, ...).
    pub fn validate(&self, visits: &[Visit]) -> Result<(), PlanInputError> {
        let mut problems = self.problems();
        let day_count = self.distinct_working_days();
        for (index, visit) in visits.iter().enumerate() {
            problems.extend(visit_problems(visit, day_count, &format!("visits[{index}]")));
        }
        PlanInputError::check(problems)
    }

    fn distinct_working_days(&self) -> usize {
        let mut days = self.working_days.clone();
        days.sort();
        days.dedup();
        days.len()
    }

    fn problems(&self) -> Vec<PlanError> {
        let mut problems = Vec::new();
        if self.working_days.is_empty() {
            problems.push(PlanError::new("working_days", "no working day in the season"));
        }
        if self.window.end_min > MINUTES_PER_DAY {
            problems.push(PlanError::new(
                "window.end_min",
                format!("{} minutes after midnight is past 24:00", self.window.end_min),
            ));
        }
        if self.window.start_min >= self.window.end_min {
            problems.push(PlanError::new(
                "window.end_min",
                format!(
                    "the window must end after it starts (start {}, end {} minutes after midnight)",
                    self.window.start_min, self.window.end_min
                ),
            ));
        }
        problems.extend(coordinate_problems(&self.depot.coordinates, "depot"));
        problems.extend(self.travel.problems("travel"));
        if self.max_stops_per_day == 0 {
            problems.push(PlanError::new("max_stops_per_day", "must be at least 1"));
        }
        if self.min_gap_days == 0 {
            problems.push(PlanError::new(
                "min_gap_days",
                "must be at least 1 (two visits of one series on the same day are one longer visit)",
            ));
        }
        if let Some(most) = self.max_gap_days.filter(|most| *most < self.min_gap_days) {
            problems.push(PlanError::new(
                "max_gap_days",
                format!(
                    "the most days between visits ({most}) is below the fewest ({})",
                    self.min_gap_days
                ),
            ));
        }
        if self.opening_grid_min == 0 || self.opening_grid_min > MINUTES_PER_DAY {
            problems.push(PlanError::new(
                "opening_grid_min",
                format!(
                    "{} minutes is not a grid of opening times (1 to {MINUTES_PER_DAY}; 15 gives quarter hours)",
                    self.opening_grid_min
                ),
            ));
        }
        if self.earliest_opening_min >= MINUTES_PER_DAY {
            problems.push(PlanError::new(
                "earliest_opening_min",
                format!(
                    "{} minutes after midnight is not a time of day",
                    self.earliest_opening_min
                ),
            ));
        }
        problems
    }
}

fn visit_problems(visit: &Visit, day_count: usize, key: &str) -> Vec<PlanError> {
    let mut problems = coordinate_problems(&visit.place.coordinates, &format!("{key}.place"));
    if visit.dwell_min == 0 {
        problems.push(PlanError::new(
            format!("{key}.dwell_min"),
            "the dwell must be at least 1 minute",
        ));
    }
    if visit.visits_wanted == 0 {
        problems.push(PlanError::new(
            format!("{key}.visits_wanted"),
            "at least 1 visit (leave the place out instead)",
        ));
    }
    if day_count > 0 && visit.visits_wanted as usize > day_count {
        problems.push(PlanError::new(
            format!("{key}.visits_wanted"),
            format!(
                "{} visits cannot fit in {day_count} working days (at most one a day)",
                visit.visits_wanted
            ),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn visit(dwell_min: u32, visits_wanted: u32) -> Visit {
        Visit {
            place: Place::new("Fülöpháza", 46.8914016, 19.4432493),
            venue: Venue::Municipality,
            dwell_min,
            visits_wanted,
        }
    }

    #[test]
    fn defaults_are_valid() {
        let rules = ItineraryRules::with_defaults(vec![date(2020, 3, 2)]);
        assert!(rules.validate(&[visit(180, 1)]).is_ok());
        assert_eq!(rules.window.length_min(), 480);
    }

    #[test]
    fn every_problem_is_reported_with_its_key() {
        let mut rules = ItineraryRules::with_defaults(Vec::new());
        rules.window = DailyWindow {
            start_min: 1000,
            end_min: 1500,
        };
        rules.travel.speed_kmh = -3.0;
        rules.max_stops_per_day = 0;
        rules.min_gap_days = 0;
        let mut far = visit(0, 0);
        far.place.coordinates.lat_deg = 91.0;
        let error = rules.validate(&[visit(120, 1), far]).unwrap_err();
        let keys: Vec<_> = error.problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "working_days",
                "window.end_min",
                "travel.speed_kmh",
                "max_stops_per_day",
                "min_gap_days",
                "visits[1].place.lat_deg",
                "visits[1].dwell_min",
                "visits[1].visits_wanted",
            ]
        );
        assert!(error.to_string().contains("past 24:00"));
    }

    #[test]
    fn more_visits_than_working_days_is_an_error() {
        let rules = ItineraryRules::with_defaults(vec![date(2020, 3, 2), date(2020, 3, 3), date(2020, 3, 3)]);
        assert!(rules.validate(&[visit(60, 2)]).is_ok());
        let error = rules.validate(&[visit(60, 3)]).unwrap_err();
        assert_eq!(error.problems.len(), 1);
        assert_eq!(error.problems[0].key, "visits[0].visits_wanted");
        assert!(error.problems[0].message.contains("in 2 working days"));
    }

    #[test]
    fn a_window_ending_before_it_starts_is_an_error() {
        let mut rules = ItineraryRules::with_defaults(vec![date(2020, 3, 2)]);
        rules.window = DailyWindow {
            start_min: 600,
            end_min: 600,
        };
        let error = rules.validate(&[]).unwrap_err();
        assert_eq!(error.problems.len(), 1);
        assert_eq!(error.problems[0].key, "window.end_min");
    }
}
