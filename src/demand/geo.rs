//! Great-circle distances between settlements from their coordinates.

/// Mean Earth radius, km (IUGG mean radius R1 = 6371.0088 km).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point in WGS84 decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
}

/// Straight-line (great-circle) distance between two points, km, by the haversine formula.
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_r_times_pi_over_180() {
        let d = haversine_km(LatLon { lat: 46.0, lon: 19.0 }, LatLon { lat: 47.0, lon: 19.0 });
        let expected = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0; // 111.195 km
        assert!((d - expected).abs() < 1e-9, "{d} vs {expected}");
    }

    #[test]
    fn one_degree_of_longitude_shrinks_with_latitude() {
        // Along a parallel at latitude φ the great circle is slightly shorter than the parallel arc
        // R·cos φ·Δλ; for Δλ = 1° at 46° the difference is below 1 m.
        let d = haversine_km(LatLon { lat: 46.0, lon: 19.0 }, LatLon { lat: 46.0, lon: 20.0 });
        let parallel_arc = EARTH_RADIUS_KM * 46f64.to_radians().cos() * 1f64.to_radians();
        assert!(d < parallel_arc && parallel_arc - d < 1e-3, "{d} vs {parallel_arc}");
    }

    #[test]
    fn distance_is_symmetric_and_zero_on_itself() {
        let baja = LatLon {
            lat: 46.1803,
            lon: 18.9543,
        };
        let kecskemet = LatLon {
            lat: 46.9062,
            lon: 19.6913,
        };
        assert_eq!(haversine_km(baja, baja), 0.0);
        assert!((haversine_km(baja, kecskemet) - haversine_km(kecskemet, baja)).abs() < 1e-12);
    }
}
