//! Map projection: equirectangular with the x axis scaled by the cosine of the map's mid latitude,
//! fitted to a plot with the same scale in both directions.

use std::ops::Range;

/// Kilometres per degree of arc on the mean Earth sphere (radius 6371.0088 km, IUGG) × π/180.
pub(super) const KM_PER_DEGREE: f64 = 111.195;

/// Empty margin around the outermost points, as a share of the data's extent.
const PAD_SHARE: f64 = 0.04;

/// Smallest extent shown on either axis, degrees (about 22 km): a single place or a tight
/// cluster still gets a readable map with a graticule and a scale bar.
const MIN_EXTENT_DEG: f64 = 0.2;

/// Projected map units: x = longitude·cos(φ₀), y = latitude, both in degrees of arc, so one unit
/// is about [`KM_PER_DEGREE`] km in both directions near the mid latitude φ₀.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Projection {
    /// cos(φ₀) of the mid latitude of the points.
    cos_mid_lat: f64,
    /// Visible x range (projected units), centred on the points.
    pub x: Range<f64>,
    /// Visible y range (latitude, degrees), centred on the points.
    pub y: Range<f64>,
}

impl Projection {
    /// Fits `(lat_deg, lon_deg)` points into a plot of `plot_px` (width, height) pixels: equal
    /// units per pixel on both axes, the points centred, with a small margin.
    pub(super) fn fit(points: &[(f64, f64)], plot_px: (u32, u32)) -> Self {
        let (lat_lo, lat_hi) = bounds(points.iter().map(|p| p.0));
        let cos_mid_lat = ((lat_lo + lat_hi) / 2.0).to_radians().cos();
        let (x_lo, x_hi) = bounds(points.iter().map(|p| p.1 * cos_mid_lat));
        let pad = |lo: f64, hi: f64| ((hi - lo) * (1.0 + 2.0 * PAD_SHARE)).max(MIN_EXTENT_DEG);
        let (width_px, height_px) = (f64::from(plot_px.0.max(1)), f64::from(plot_px.1.max(1)));
        let units_per_px = (pad(x_lo, x_hi) / width_px).max(pad(lat_lo, lat_hi) / height_px);
        let centred = |lo: f64, hi: f64, px: f64| {
            let mid = (lo + hi) / 2.0;
            let half = units_per_px * px / 2.0;
            mid - half..mid + half
        };
        Self {
            cos_mid_lat,
            x: centred(x_lo, x_hi, width_px),
            y: centred(lat_lo, lat_hi, height_px),
        }
    }

    /// Map coordinates of a place.
    pub(super) fn project(&self, lat_deg: f64, lon_deg: f64) -> (f64, f64) {
        (lon_deg * self.cos_mid_lat, lat_deg)
    }

    /// Longitude of a map x.
    pub(super) fn lon_of(&self, x: f64) -> f64 {
        x / self.cos_mid_lat
    }

    /// Visible longitude range.
    pub(super) fn lon_range(&self) -> Range<f64> {
        self.lon_of(self.x.start)..self.lon_of(self.x.end)
    }
}

/// (min, max) of the values.
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(r: &Range<f64>) -> f64 {
        r.end - r.start
    }

    #[test]
    fn same_scale_on_both_axes_and_points_inside() {
        // Corners of Bács-Kiskun (rounded from the settlement data).
        let points = [(45.95, 18.78), (47.06, 20.10), (46.5, 19.4)];
        let p = Projection::fit(&points, (600, 660));
        assert!((span(&p.x) / 600.0 - span(&p.y) / 660.0).abs() < 1e-12);
        for (lat, lon) in points {
            let (x, y) = p.project(lat, lon);
            assert!(p.x.contains(&x) && p.y.contains(&y));
        }
        // The county is taller than wide once longitudes are shrunk: latitude fills the height.
        assert!((span(&p.y) - 1.11 * 1.08).abs() < 1e-9);
    }

    #[test]
    fn a_single_place_gets_the_smallest_extent_around_it() {
        let p = Projection::fit(&[(46.63, 19.28)], (500, 600));
        assert!((span(&p.x) - MIN_EXTENT_DEG).abs() < 1e-12);
        assert!((span(&p.y) - MIN_EXTENT_DEG * 600.0 / 500.0).abs() < 1e-12);
        let (x, y) = p.project(46.63, 19.28);
        assert!(((p.x.start + p.x.end) / 2.0 - x).abs() < 1e-12);
        assert!(((p.y.start + p.y.end) / 2.0 - y).abs() < 1e-12);
    }

    #[test]
    fn longitude_shrinks_by_the_cosine_of_the_mid_latitude() {
        let points = [(46.0, 19.0), (47.0, 20.0)];
        let p = Projection::fit(&points, (500, 500));
        let cos = 46.5f64.to_radians().cos(); // 0.688355
        assert!((cos - 0.688355).abs() < 1e-6);
        let (x, y) = p.project(46.5, 19.5);
        assert!((x - 19.5 * cos).abs() < 1e-12 && y == 46.5);
        assert!((p.lon_of(x) - 19.5).abs() < 1e-12);
        // One degree of latitude and cos φ₀ of a degree of longitude are the same map length.
        let (x0, _) = p.project(46.5, 19.0);
        let (x1, _) = p.project(46.5, 20.0);
        assert!(((x1 - x0) - cos).abs() < 1e-12);
    }
}
