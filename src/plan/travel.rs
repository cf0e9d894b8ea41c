//! Travel between places: great-circle distance, a road factor and an average speed.
//!
//! Assumptions (scenario parameters with these defaults): the road distance is the straight-line
//! distance times [`DEFAULT_ROAD_FACTOR`] (1.3, a usual detour factor for the rural road network of
//! the Great Hungarian Plain, where the county's villages are linked by secondary roads rather than
//! straight lines), driven at [`DEFAULT_SPEED_KMH`] (50 km/h, an average for a bus on rural
//! Hungarian roads, through villages at 50 km/h and between them at up to 90 km/h, including
//! junctions and slow traffic). Travel times are rounded up to whole minutes so that a published
//! timetable is never too optimistic.

use super::PlanError;
use crate::vocab::geo::{Coordinates, great_circle_km};
use crate::vocab::units::hours_to_minutes;

/// Road distance ÷ straight-line distance (assumption: rural Hungarian roads).
pub const DEFAULT_ROAD_FACTOR: f64 = 1.3;
/// Average driving speed of the bus, km/h (assumption: rural Hungarian roads).
pub const DEFAULT_SPEED_KMH: f64 = 50.0;

/// The problems of `place` (not finite, out of range), keyed under `key`.
pub fn coordinate_problems(place: &Coordinates, key: &str) -> Vec<PlanError> {
    let mut problems = Vec::new();
    if !place.latitude_in_range() {
        problems.push(PlanError::new(
            format!("{key}.lat_deg"),
            format!("latitude {} is not between −90 and 90 degrees", place.lat_deg),
        ));
    }
    if !place.longitude_in_range() {
        problems.push(PlanError::new(
            format!("{key}.lon_deg"),
            format!("longitude {} is not between −180 and 180 degrees", place.lon_deg),
        ));
    }
    problems
}

/// One drive of the bus between two places.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leg {
    /// Road distance, km (straight line × road factor).
    pub km: f64,
    /// Driving time, whole minutes (rounded up).
    pub travel_min: u32,
}

/// How the bus travels: the road factor and the average speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TravelModel {
    /// Road distance ÷ straight-line distance (at least 1).
    pub road_factor: f64,
    /// Average driving speed, km/h (positive).
    pub speed_kmh: f64,
}

impl Default for TravelModel {
    fn default() -> Self {
        Self {
            road_factor: DEFAULT_ROAD_FACTOR,
            speed_kmh: DEFAULT_SPEED_KMH,
        }
    }
}

impl TravelModel {
    /// The problems of this model (a road shorter than the straight line, a speed that is not
    /// positive), keyed under `key`.
    pub fn problems(&self, key: &str) -> Vec<PlanError> {
        let mut problems = Vec::new();
        if !(self.road_factor.is_finite() && self.road_factor >= 1.0) {
            problems.push(PlanError::new(
                format!("{key}.road_factor"),
                format!(
                    "road factor {} must be a number of at least 1 (a road is never shorter than the straight line; \
                     {DEFAULT_ROAD_FACTOR} is usual for rural roads)",
                    self.road_factor
                ),
            ));
        }
        if !(self.speed_kmh.is_finite() && self.speed_kmh > 0.0) {
            problems.push(PlanError::new(
                format!("{key}.speed_kmh"),
                format!(
                    "average speed {} km/h must be positive (e.g. {DEFAULT_SPEED_KMH})",
                    self.speed_kmh
                ),
            ));
        }
        problems
    }

    /// Road distance between two points, km.
    pub fn road_km(&self, from: Coordinates, to: Coordinates) -> f64 {
        great_circle_km(from, to) * self.road_factor
    }

    /// Driving time between two points, minutes, not rounded: road km ÷ speed × 60.
    pub fn exact_travel_min(&self, from: Coordinates, to: Coordinates) -> f64 {
        hours_to_minutes(self.road_km(from, to) / self.speed_kmh)
    }

    /// The drive between two points, its time rounded up to whole minutes.
    pub fn leg(&self, from: Coordinates, to: Coordinates) -> Leg {
        let km = self.road_km(from, to);
        // `as` saturates: an absurd distance becomes u32::MAX minutes, which never fits a day.
        let travel_min = hours_to_minutes(km / self.speed_kmh).ceil() as u32;
        Leg { km, travel_min }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::geo::MEAN_EARTH_RADIUS_KM;
    use std::f64::consts::PI;

    #[test]
    fn travel_minutes_are_road_km_over_speed_rounded_up() {
        let model = TravelModel::default();
        // Half a degree of meridian: 55.5975 km straight, × 1.3 = 72.277 km, at 50 km/h 86.73 min.
        let leg = model.leg(Coordinates::new(46.0, 19.0), Coordinates::new(46.5, 19.0));
        assert!((leg.km - 72.277).abs() < 0.001, "{}", leg.km);
        assert_eq!(leg.travel_min, 87);
        let same = model.leg(Coordinates::new(46.0, 19.0), Coordinates::new(46.0, 19.0));
        assert_eq!((same.km, same.travel_min), (0.0, 0));
        let fast = TravelModel {
            road_factor: 1.0,
            speed_kmh: 2.0 * MEAN_EARTH_RADIUS_KM * PI / 180.0,
        };
        // One degree of meridian at twice its length per hour: exactly 30 minutes, not 31.
        let half_hour = fast.exact_travel_min(Coordinates::new(46.0, 19.0), Coordinates::new(47.0, 19.0));
        assert!((half_hour - 30.0).abs() < 1e-9);
    }

    #[test]
    fn bad_models_and_coordinates_are_reported_with_their_keys() {
        let model = TravelModel {
            road_factor: 0.8,
            speed_kmh: 0.0,
        };
        let keys: Vec<_> = model.problems("travel").into_iter().map(|p| p.key).collect();
        assert_eq!(keys, ["travel.road_factor", "travel.speed_kmh"]);
        let place = Coordinates::new(f64::NAN, 181.0);
        let keys: Vec<_> = coordinate_problems(&place, "depot")
            .into_iter()
            .map(|p| p.key)
            .collect();
        assert_eq!(keys, ["depot.lat_deg", "depot.lon_deg"]);
        assert!(coordinate_problems(&Coordinates::new(46.9, 19.7), "depot").is_empty());
        assert!(TravelModel::default().problems("travel").is_empty());
    }
}
