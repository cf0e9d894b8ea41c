//! Itinerary generation: stops packed into bus-days with travel times from coordinates.
//!
//! Pure and independent of the scenario format: the scenario layer turns its TOML into
//! [`WorkingCalendar`], [`ItineraryRules`] and [`Visit`]s, calls [`build_itinerary`], and reads
//! the [`Itinerary`]; `report::render_itinerary_csv` gives the timetable a planner can publish.

mod bounds;
mod calendar;
mod dwell_policy;
mod error;
mod index_set;
mod itinerary;
mod legs;
mod optimiser;
mod packer;
mod pair_bounds;
mod planner;
mod problem;
#[cfg(test)]
mod properties;
mod rules;
mod travel;

pub use calendar::{
    DECREES, DecreedYear, FIRST_YEAR_WITH_GOOD_FRIDAY, MONDAY_TO_FRIDAY, WorkingCalendar, decreed_year,
    decreed_years_text, easter_sunday, hungarian_days_off, hungarian_public_holidays, hungarian_rest_days,
    hungarian_working_saturdays,
};
pub use dwell_policy::{
    DEFAULT_DEMAND_DRIVEN, DEFAULT_FIXED_HOURS, DemandDrivenRange, DwellPolicy, NamedPolicy, PolicyChoice,
};
pub use error::{PlanError, PlanInputError};
pub use itinerary::{BusDay, Itinerary, ItinerarySummary, PlanBounds, PlannedStop, UnplacedReason, UnplacedVisit};
pub use packer::build_greedy_itinerary;
pub use planner::build_itinerary;
pub use rules::{
    DEFAULT_DEPOT_LAT_DEG, DEFAULT_DEPOT_LON_DEG, DEFAULT_DEPOT_NAME, DEFAULT_EARLIEST_OPENING_MIN,
    DEFAULT_ITERATIONS_PER_VISIT, DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_STOPS_PER_DAY, DEFAULT_MIN_GAP_DAYS,
    DEFAULT_OPENING_GRID_MIN, DEFAULT_PACKUP_MIN, DEFAULT_PLANNER_SEED, DEFAULT_SETUP_MIN, DEFAULT_WINDOW_END_MIN,
    DEFAULT_WINDOW_START_MIN, DailyWindow, ItineraryRules, Place, PlannerSettings, Visit,
};
pub use travel::{DEFAULT_ROAD_FACTOR, DEFAULT_SPEED_KMH, Leg, TravelModel, coordinate_problems};
