//! Itinerary generation: stops packed into bus-days with travel times from coordinates.
//!
//! Pure and independent of the scenario format: the scenario layer turns its TOML into
//! [`WorkingCalendar`], [`ItineraryRules`] and [`Visit`]s, calls [`build_itinerary`], and reads
//! the [`Itinerary`]; [`render_itinerary_csv`] gives the timetable a planner can publish.

mod calendar;
mod dwell_policy;
mod error;
mod itinerary;
mod packer;
#[cfg(test)]
mod properties;
mod render;
mod rules;
mod travel;

pub use calendar::{
    FIRST_YEAR_WITH_GOOD_FRIDAY, MONDAY_TO_FRIDAY, WorkingCalendar, easter_sunday, hungarian_days_off,
    hungarian_public_holidays, hungarian_rest_days, hungarian_working_saturdays,
};
pub use dwell_policy::{
    DEFAULT_DEMAND_DRIVEN, DEFAULT_FIXED_HOURS, DemandDrivenRange, DwellPolicy, NamedPolicy, PolicyChoice,
};
pub use error::{PlanError, PlanInputError};
pub use itinerary::{BusDay, Itinerary, ItinerarySummary, PlannedStop, UnplacedReason, UnplacedVisit, build_itinerary};
pub use render::{ITINERARY_COLUMNS, format_clock, render_itinerary_csv, render_itinerary_rows, render_unplaced_csv};
pub use rules::{
    DEFAULT_DEPOT_LAT_DEG, DEFAULT_DEPOT_LON_DEG, DEFAULT_DEPOT_NAME, DEFAULT_MAX_STOPS_PER_DAY, DEFAULT_MIN_GAP_DAYS,
    DEFAULT_PACKUP_MIN, DEFAULT_SETUP_MIN, DEFAULT_WINDOW_END_MIN, DEFAULT_WINDOW_START_MIN, DailyWindow,
    ItineraryRules, MINUTES_PER_DAY, Place, Visit,
};
pub use travel::{
    Coordinates, DEFAULT_ROAD_FACTOR, DEFAULT_SPEED_KMH, Leg, MEAN_EARTH_RADIUS_KM, TravelModel, great_circle_km,
};
