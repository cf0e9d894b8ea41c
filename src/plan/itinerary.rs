//! The generated itinerary: stops on bus-days, the visits that did not fit and why, and its totals.

use std::fmt;

use jiff::civil::Date;

use super::rules::{Place, Visit};
use crate::vocab::Venue;
use crate::vocab::units::minutes_to_hours;

/// One visit placed on a bus-day.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStop {
    pub date: Date,
    /// The door opens, minutes after midnight (after the drive and the set-up).
    pub start_min: u32,
    /// The door closes, minutes after midnight (`start_min + dwell_min`).
    pub end_min: u32,
    pub place: Place,
    pub venue: Venue,
    /// Door-open time, minutes.
    pub dwell_min: u32,
    /// Drive from the previous stop of the day, or from the depot for the first stop, minutes.
    pub travel_min: u32,
    /// Road distance of that drive, km.
    pub km: f64,
    /// Index of the [`Visit`] series in the input.
    pub visit_index: usize,
    /// Which visit of its series this is, from 1.
    pub occurrence: u32,
}

impl PlannedStop {
    /// Door-open time, hours.
    pub fn dwell_hours(&self) -> f64 {
        minutes_to_hours(f64::from(self.dwell_min))
    }
}

/// One day on which the bus runs.
#[derive(Debug, Clone, PartialEq)]
pub struct BusDay {
    pub date: Date,
    /// The bus leaves the depot, minutes after midnight (the window's start).
    pub leave_depot_min: u32,
    /// The bus is back at the depot, minutes after midnight (at most the window's end).
    pub back_at_depot_min: u32,
    /// Stops made that day.
    pub stops: usize,
    /// Road distance driven that day, return to the depot included, km.
    pub km: f64,
    /// Driving time that day, return to the depot included, minutes.
    pub travel_min: u32,
    /// The drive back to the depot from the day's last stop, minutes.
    pub return_travel_min: u32,
    /// Road distance of that drive, km.
    pub return_km: f64,
}

/// Why a wanted visit is not in the itinerary.
#[derive(Debug, Clone, PartialEq)]
pub enum UnplacedReason {
    /// Even alone in a day, the drive there, the wait for the opening time, set-up, dwell,
    /// pack-up and the drive back take longer than the daily window.
    LongerThanWindow {
        /// Minutes the visit alone needs from the window's start until back at the depot.
        needed_min: u32,
        /// Minutes in the daily window.
        window_min: u32,
    },
    /// The minimum gap after the series' previous visit leaves no working day in the season.
    GapBeyondSeason {
        /// Date of the series' last placed visit.
        previous: Date,
        /// The first date the gap allows.
        earliest: Date,
    },
    /// The minimum gap after the series' previous visit reaches past the end of this visit's round.
    GapBeyondRound {
        /// Date of the series' last placed visit.
        previous: Date,
        /// The first date the gap allows.
        earliest: Date,
        /// Last working day of the visit's round.
        round_end: Date,
    },
    /// The most days between visits ends before this visit's round begins.
    GapTooLong {
        /// Date of the series' last placed visit.
        previous: Date,
        /// The last date the most days between visits allows.
        latest: Date,
        /// First working day of the visit's round.
        round_start: Date,
    },
    /// Every working day the visit could take, `from` to `until` (its round, gaps allowing), was
    /// full (window or stops per day).
    RoundFull {
        /// The first date the visit could have been placed.
        from: Date,
        /// The last date it could have been placed.
        until: Date,
    },
}

impl fmt::Display for UnplacedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnplacedReason::LongerThanWindow { needed_min, window_min } => write!(
                f,
                "needs {needed_min} min from the day's start until back at the depot (travel, the wait for the opening \
                 time, set-up, dwell, pack-up) but the daily window is {window_min} min"
            ),
            UnplacedReason::GapBeyondSeason { previous, earliest } => write!(
                f,
                "after the visit on {previous}, the minimum gap allows the next one only from {earliest}, after the \
                 season's last working day"
            ),
            UnplacedReason::GapBeyondRound {
                previous,
                earliest,
                round_end,
            } => write!(
                f,
                "after the visit on {previous}, the minimum gap allows the next one only from {earliest}, after its \
                 round ends on {round_end}"
            ),
            UnplacedReason::GapTooLong {
                previous,
                latest,
                round_start,
            } => write!(
                f,
                "after the visit on {previous}, the most days between visits ask for the next one by {latest}, before \
                 its round starts on {round_start}"
            ),
            UnplacedReason::RoundFull { from, until } => {
                write!(f, "every working day from {from} to {until} was already full")
            }
        }
    }
}

/// A wanted visit that did not fit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnplacedVisit {
    /// Index of the [`Visit`] series in the input.
    pub visit_index: usize,
    /// Which visit of its series this is, from 1.
    pub occurrence: u32,
    pub visit: Visit,
    pub reason: UnplacedReason,
}

/// The generated season: stops in date and time order, the bus-days, the visits left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Itinerary {
    /// Every stop, ordered by date then opening time.
    pub stops: Vec<PlannedStop>,
    /// Every day the bus runs, in date order.
    pub days: Vec<BusDay>,
    /// Wanted visits that did not fit, ordered by series then occurrence.
    pub unplaced: Vec<UnplacedVisit>,
    /// Where every bus-day starts and ends.
    pub depot: Place,
    /// Lower bounds on any plan's bus-days and km (`None` for a plan not made by the planner).
    pub bounds: Option<PlanBounds>,
}

/// Totals of an itinerary, for the planner's summary line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItinerarySummary {
    /// Days the bus runs.
    pub bus_days: usize,
    /// Stops made.
    pub stops: usize,
    /// Wanted visits left out.
    pub unplaced_visits: usize,
    /// Road distance driven, returns to the depot included, km.
    pub total_km: f64,
    /// Driving time, returns to the depot included, hours.
    pub travel_hours: f64,
    /// Door-open time over all stops, hours.
    pub dwell_hours: f64,
}

impl Itinerary {
    /// Days the bus runs.
    pub fn bus_days_used(&self) -> usize {
        self.days.len()
    }

    pub fn summary(&self) -> ItinerarySummary {
        ItinerarySummary {
            bus_days: self.days.len(),
            stops: self.stops.len(),
            unplaced_visits: self.unplaced.len(),
            total_km: self.days.iter().map(|day| day.km).sum(),
            travel_hours: minutes_to_hours(self.days.iter().map(|day| f64::from(day.travel_min)).sum::<f64>()),
            dwell_hours: self.stops.iter().map(PlannedStop::dwell_hours).sum(),
        }
    }
}

/// Lower bounds of a plan of the wanted visits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanBounds {
    /// No plan of every visit that fits a day alone uses fewer bus-days.
    pub bus_days: usize,
    /// No such plan drives fewer road km, returns to the depot included.
    pub km: f64,
}
