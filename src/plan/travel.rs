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

/// Mean Earth radius, km (IUGG value R1 = (2a + b) / 3 of the WGS84 ellipsoid).
pub const MEAN_EARTH_RADIUS_KM: f64 = 6371.0088;
/// Road distance ÷ straight-line distance (assumption: rural Hungarian roads).
pub const DEFAULT_ROAD_FACTOR: f64 = 1.3;
/// Average driving speed of the bus, km/h (assumption: rural Hungarian roads).
pub const DEFAULT_SPEED_KMH: f64 = 50.0;

const MINUTES_PER_HOUR: f64 = 60.0;
/// Latitudes run from the south pole to the north pole, degrees.
const MAX_ABS_LATITUDE_DEG: f64 = 90.0;
/// Longitudes run around the globe from −180° to 180°, degrees.
const MAX_ABS_LONGITUDE_DEG: f64 = 180.0;

/// A point on the Earth (WGS84 degrees, as in the settlements file).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    /// Latitude, degrees north (−90 to 90).
    pub lat_deg: f64,
    /// Longitude, degrees east (−180 to 180).
    pub lon_deg: f64,
}

impl Coordinates {
    pub fn new(lat_deg: f64, lon_deg: f64) -> Self {
        Self { lat_deg, lon_deg }
    }

    /// The problems of these coordinates (not finite, out of range), keyed under `key`.
    pub fn problems(&self, key: &str) -> Vec<PlanError> {
        let mut problems = Vec::new();
        if !(self.lat_deg.is_finite() && self.lat_deg.abs() <= MAX_ABS_LATITUDE_DEG) {
            problems.push(PlanError::new(
                format!("{key}.lat_deg"),
                format!("latitude {} is not between −90 and 90 degrees", self.lat_deg),
            ));
        }
        if !(self.lon_deg.is_finite() && self.lon_deg.abs() <= MAX_ABS_LONGITUDE_DEG) {
            problems.push(PlanError::new(
                format!("{key}.lon_deg"),
                format!("longitude {} is not between −180 and 180 degrees", self.lon_deg),
            ));
        }
        problems
    }
}

/// Great-circle (straight-line) distance between two points, km, by the haversine formula on a
/// sphere of radius [`MEAN_EARTH_RADIUS_KM`] (within about 0.5 % of the ellipsoid's geodesic).
pub fn great_circle_km(from: Coordinates, to: Coordinates) -> f64 {
    let lat1 = from.lat_deg.to_radians();
    let lat2 = to.lat_deg.to_radians();
    let half_dlat = (lat2 - lat1) / 2.0;
    let half_dlon = (to.lon_deg - from.lon_deg).to_radians() / 2.0;
    let haversine = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
    // Rounding can push the haversine a hair above 1 for antipodal points.
    2.0 * MEAN_EARTH_RADIUS_KM * haversine.sqrt().min(1.0).asin()
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
        self.road_km(from, to) / self.speed_kmh * MINUTES_PER_HOUR
    }

    /// The drive between two points, its time rounded up to whole minutes.
    pub fn leg(&self, from: Coordinates, to: Coordinates) -> Leg {
        let km = self.road_km(from, to);
        // `as` saturates: an absurd distance becomes u32::MAX minutes, which never fits a day.
        let travel_min = (km / self.speed_kmh * MINUTES_PER_HOUR).ceil() as u32;
        Leg { km, travel_min }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// Independent of the haversine: the central angle from the chord between unit vectors.
    fn chord_km(from: Coordinates, to: Coordinates) -> f64 {
        let unit = |c: Coordinates| {
            let (lat, lon) = (c.lat_deg.to_radians(), c.lon_deg.to_radians());
            [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
        };
        let (a, b) = (unit(from), unit(to));
        let chord = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
        2.0 * MEAN_EARTH_RADIUS_KM * (chord / 2.0).asin()
    }

    #[test]
    fn a_degree_of_meridian_is_the_radius_times_pi_over_180() {
        // R × π / 180 = 6371.0088 × 0.0174533 = 111.195 km, whatever the longitude.
        let expected = MEAN_EARTH_RADIUS_KM * PI / 180.0;
        for lon in [-120.0, 0.0, 19.5] {
            let d = great_circle_km(Coordinates::new(46.0, lon), Coordinates::new(47.0, lon));
            assert!((d - expected).abs() < 1e-9, "{d} vs {expected}");
        }
        assert!((expected - 111.195).abs() < 0.001);
    }

    #[test]
    fn quarter_of_the_equator_and_antipodes() {
        let quarter = great_circle_km(Coordinates::new(0.0, 0.0), Coordinates::new(0.0, 90.0));
        assert!((quarter - MEAN_EARTH_RADIUS_KM * PI / 2.0).abs() < 1e-9);
        let half = great_circle_km(Coordinates::new(46.9, 19.7), Coordinates::new(-46.9, -160.3));
        assert!((half - MEAN_EARTH_RADIUS_KM * PI).abs() < 1e-6, "{half}");
    }

    #[test]
    fn kecskemet_to_baja_is_about_98_km_in_a_straight_line() {
        let kecskemet = Coordinates::new(46.9062, 19.6913);
        let baja = Coordinates::new(46.1803, 18.9552);
        // Worked out apart from this code (chord formula on the same sphere): 98.409 km; the WGS84
        // ellipsoid's geodesic (Vincenty) gives 98.483 km.
        let d = great_circle_km(kecskemet, baja);
        assert!((d - 98.409).abs() < 0.001, "{d}");
        assert!((great_circle_km(baja, kecskemet) - d).abs() < 1e-12);
        assert!((d - chord_km(kecskemet, baja)).abs() < 1e-9);
    }

    #[test]
    fn haversine_agrees_with_the_chord_formula_across_the_county() {
        // A grid over Bács-Kiskun's bounding box (45.8–47.2 N, 18.7–20.4 E).
        for i in 0..8 {
            for j in 0..8 {
                let a = Coordinates::new(45.8 + 0.2 * f64::from(i), 18.7 + 0.2 * f64::from(j));
                let b = Coordinates::new(47.2 - 0.17 * f64::from(j), 20.4 - 0.23 * f64::from(i));
                assert!((great_circle_km(a, b) - chord_km(a, b)).abs() < 1e-6);
            }
        }
    }

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
        let keys: Vec<_> = place.problems("depot").into_iter().map(|p| p.key).collect();
        assert_eq!(keys, ["depot.lat_deg", "depot.lon_deg"]);
        assert!(Coordinates::new(46.9, 19.7).problems("depot").is_empty());
        assert!(TravelModel::default().problems("travel").is_empty());
    }
}
