//! Geography: a point on the Earth and the great-circle distance between two points.

/// Mean Earth radius, km (IUGG value R1 = (2a + b) / 3 of the WGS84 ellipsoid).
pub(crate) const MEAN_EARTH_RADIUS_KM: f64 = 6371.0088;
/// Latitudes run from the south pole to the north pole, degrees.
pub(crate) const MAX_ABS_LATITUDE_DEG: f64 = 90.0;
/// Longitudes run around the globe from −180° to 180°, degrees.
pub(crate) const MAX_ABS_LONGITUDE_DEG: f64 = 180.0;

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

    /// Whether the latitude is finite and between −90 and 90 degrees.
    pub fn latitude_in_range(&self) -> bool {
        self.lat_deg.is_finite() && self.lat_deg.abs() <= MAX_ABS_LATITUDE_DEG
    }

    /// Whether the longitude is finite and between −180 and 180 degrees.
    pub fn longitude_in_range(&self) -> bool {
        self.lon_deg.is_finite() && self.lon_deg.abs() <= MAX_ABS_LONGITUDE_DEG
    }
}

/// Great-circle (straight-line) distance between two points, km, by the haversine formula on a
/// sphere of radius [`MEAN_EARTH_RADIUS_KM`] (within about 0.5 % of the ellipsoid's geodesic).
pub(crate) fn great_circle_km(from: Coordinates, to: Coordinates) -> f64 {
    let lat1 = from.lat_deg.to_radians();
    let lat2 = to.lat_deg.to_radians();
    let half_dlat = (lat2 - lat1) / 2.0;
    let half_dlon = (to.lon_deg - from.lon_deg).to_radians() / 2.0;
    let haversine = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
    // Rounding can push the haversine a hair above 1 for antipodal points.
    2.0 * MEAN_EARTH_RADIUS_KM * haversine.sqrt().min(1.0).asin()
}

/// The great-circle distance from the chord between unit vectors: a test oracle independent of
/// the haversine above.
#[cfg(test)]
pub(crate) fn chord_km(from: Coordinates, to: Coordinates) -> f64 {
    let unit = |c: Coordinates| {
        let (lat, lon) = (c.lat_deg.to_radians(), c.lon_deg.to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    };
    let (a, b) = (unit(from), unit(to));
    let chord = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
    2.0 * MEAN_EARTH_RADIUS_KM * (chord / 2.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

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
    fn one_degree_of_longitude_shrinks_with_latitude() {
        // Along a parallel at latitude φ the great circle is slightly shorter than the parallel arc
        // R·cos φ·Δλ; for Δλ = 1° at 46° the difference is below 1 m.
        let d = great_circle_km(Coordinates::new(46.0, 19.0), Coordinates::new(46.0, 20.0));
        let parallel_arc = MEAN_EARTH_RADIUS_KM * 46f64.to_radians().cos() * 1f64.to_radians();
        assert!(d < parallel_arc && parallel_arc - d < 1e-3, "{d} vs {parallel_arc}");
    }

    #[test]
    fn distance_is_zero_on_itself() {
        let baja = Coordinates::new(46.1803, 18.9543);
        assert_eq!(great_circle_km(baja, baja), 0.0);
    }

    #[test]
    fn coordinates_out_of_range_are_told_apart() {
        let place = Coordinates::new(f64::NAN, 181.0);
        assert!(!place.latitude_in_range() && !place.longitude_in_range());
        let kecskemet = Coordinates::new(46.9, 19.7);
        assert!(kecskemet.latitude_in_range() && kecskemet.longitude_in_range());
    }
}
