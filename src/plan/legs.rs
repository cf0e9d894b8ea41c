//! Legs on demand and a spatial neighbour index: planning cost grows with the stops, not their square.
//!
//! Point 0 is the depot, point i + 1 the place of visit series i. A small season keeps every leg
//! in a table (at most [`TABLE_MAX_POINTS`]² legs); a large one computes each leg when asked,
//! with the same formula, so the plan does not depend on which is used. The neighbour index
//! lists each series' nearest series by a planar projection, found through a grid of cells
//! (linear in the series for places spread over a region, as settlements are).

use super::travel::{Leg, TravelModel};
use crate::vocab::Coordinates;

/// Largest number of points whose legs are all kept: 512² legs of 16 bytes are 4 MB (a county's
/// 100–300 series fit; a national season computes legs on demand).
const TABLE_MAX_POINTS: usize = 512;
/// Kilometres per degree of latitude on the mean Earth sphere (2π · 6371.0088 km / 360), for the
/// planar projection of the neighbour index only (legs use the great circle).
const KM_PER_DEGREE: f64 = 111.195;
/// Target points per grid cell of the neighbour index (a handful: few cells to search, few
/// points per cell to compare).
const POINTS_PER_CELL: f64 = 4.0;

/// The drive between any two points, from a table or computed when asked.
pub(super) struct LegTable {
    travel: TravelModel,
    points: Vec<Coordinates>,
    /// Row-major legs when the points are few enough.
    table: Option<Vec<Leg>>,
    /// Without the table: the legs from the depot (point 0) to every point and back, and from
    /// each point to its nearest points (`near[i]`: point index and leg, nearest first), kept
    /// because a bus-day starts and ends at the depot and joins near places (linear in the points).
    from_depot: Vec<Leg>,
    to_depot: Vec<Leg>,
    near: Vec<Vec<(u32, Leg)>>,
}

impl LegTable {
    /// The legs between `points` (point 0 the depot); `near[i]`: the nearest other points of
    /// point i + 1 as indices among `points[1..]` (the neighbour index of the series), used only
    /// beyond [`TABLE_MAX_POINTS`].
    pub(super) fn new(travel: TravelModel, points: Vec<Coordinates>, near: &[Vec<u32>]) -> Self {
        if points.len() <= TABLE_MAX_POINTS {
            let table = points
                .iter()
                .flat_map(|from| points.iter().map(|to| travel.leg(*from, *to)))
                .collect();
            return Self {
                travel,
                points,
                table: Some(table),
                from_depot: Vec::new(),
                to_depot: Vec::new(),
                near: Vec::new(),
            };
        }
        let depot = points[0];
        let from_depot = points.iter().map(|p| travel.leg(depot, *p)).collect();
        let to_depot = points.iter().map(|p| travel.leg(*p, depot)).collect();
        let near = std::iter::once(Vec::new())
            .chain(near.iter().enumerate().map(|(i, list)| {
                list.iter()
                    .map(|&j| (j + 1, travel.leg(points[i + 1], points[j as usize + 1])))
                    .collect()
            }))
            .collect();
        Self {
            travel,
            points,
            table: None,
            from_depot,
            to_depot,
            near,
        }
    }

    /// The drive from point `from` to point `to` (the same value from the table, the kept legs
    /// or computed: one formula).
    pub(super) fn leg(&self, from: usize, to: usize) -> Leg {
        if let Some(table) = &self.table {
            return table[from * self.points.len() + to];
        }
        if from == 0 {
            return self.from_depot[to];
        }
        if to == 0 {
            return self.to_depot[from];
        }
        let to_u32 = to as u32;
        match self.near[from].iter().find(|(j, _)| *j == to_u32) {
            Some((_, leg)) => *leg,
            None => self.travel.leg(self.points[from], self.points[to]),
        }
    }
}

/// For each of `places`, the indices of its `k` nearest other places (planar distance, ties by
/// index), nearest first.
pub(super) fn nearest_neighbours(places: &[Coordinates], k: usize) -> Vec<Vec<u32>> {
    let n = places.len();
    let k = k.min(n.saturating_sub(1));
    if k == 0 {
        return vec![Vec::new(); n];
    }
    let mean_lat = places.iter().map(|p| p.lat_deg).sum::<f64>() / n as f64;
    let x_scale = KM_PER_DEGREE * mean_lat.to_radians().cos();
    let xy: Vec<(f64, f64)> = places
        .iter()
        .map(|p| (p.lon_deg * x_scale, p.lat_deg * KM_PER_DEGREE))
        .collect();
    let grid = Grid::new(&xy);
    (0..n).map(|i| grid.nearest(&xy, i, k)).collect()
}

/// Points bucketed into square cells.
struct Grid {
    min: (f64, f64),
    cell_km: f64,
    columns: usize,
    rows: usize,
    /// Point indices of each cell, row-major.
    cells: Vec<Vec<u32>>,
}

impl Grid {
    fn new(xy: &[(f64, f64)]) -> Self {
        let fold =
            |f: fn(f64, f64) -> f64, start: f64, pick: fn(&(f64, f64)) -> f64| xy.iter().map(pick).fold(start, f);
        let min = (
            fold(f64::min, f64::INFINITY, |p| p.0),
            fold(f64::min, f64::INFINITY, |p| p.1),
        );
        let max = (
            fold(f64::max, f64::NEG_INFINITY, |p| p.0),
            fold(f64::max, f64::NEG_INFINITY, |p| p.1),
        );
        let area = ((max.0 - min.0) * (max.1 - min.1)).max(1.0);
        let cell_km = (area * POINTS_PER_CELL / xy.len() as f64).sqrt().max(1e-3);
        let columns = (((max.0 - min.0) / cell_km) as usize + 1).min(xy.len());
        let rows = (((max.1 - min.1) / cell_km) as usize + 1).min(xy.len());
        let mut grid = Self {
            min,
            cell_km,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        };
        for (i, p) in xy.iter().enumerate() {
            let (c, r) = grid.cell_of(*p);
            grid.cells[r * columns + c].push(i as u32);
        }
        grid
    }

    fn cell_of(&self, p: (f64, f64)) -> (usize, usize) {
        let c = ((p.0 - self.min.0) / self.cell_km) as usize;
        let r = ((p.1 - self.min.1) / self.cell_km) as usize;
        (c.min(self.columns - 1), r.min(self.rows - 1))
    }

    /// The `k` nearest points to point `i`: rings of cells outwards until the k-th best is
    /// nearer than any unsearched cell.
    fn nearest(&self, xy: &[(f64, f64)], i: usize, k: usize) -> Vec<u32> {
        let (c0, r0) = self.cell_of(xy[i]);
        let mut found: Vec<(f64, u32)> = Vec::new();
        let reach = self.columns.max(self.rows);
        for ring in 0..=reach {
            for (c, r) in ring_cells(c0, r0, ring, self.columns, self.rows) {
                for &j in &self.cells[r * self.columns + c] {
                    if j as usize != i {
                        let (dx, dy) = (xy[j as usize].0 - xy[i].0, xy[j as usize].1 - xy[i].1);
                        found.push((dx * dx + dy * dy, j));
                    }
                }
            }
            if found.len() >= k {
                found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                found.truncate(k);
                // Every point of ring + 1 and beyond is at least ring · cell away.
                let safe = ring as f64 * self.cell_km;
                if found[k - 1].0 <= safe * safe {
                    break;
                }
            }
        }
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.truncate(k);
        found.into_iter().map(|(_, j)| j).collect()
    }
}

/// The cells at Chebyshev distance `ring` from (c0, r0), inside the grid.
fn ring_cells(c0: usize, r0: usize, ring: usize, columns: usize, rows: usize) -> Vec<(usize, usize)> {
    let (c0, r0, ring) = (c0 as i64, r0 as i64, ring as i64);
    let mut cells = Vec::new();
    for r in r0 - ring..=r0 + ring {
        for c in c0 - ring..=c0 + ring {
            let on_ring = (r - r0).abs() == ring || (c - c0).abs() == ring;
            if on_ring && r >= 0 && c >= 0 && (r as usize) < rows && (c as usize) < columns {
                cells.push((c as usize, r as usize));
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_finds_the_same_neighbours_as_comparing_every_pair() {
        // A deterministic scatter over a county-sized box, with a few duplicates.
        let places: Vec<Coordinates> = (0..300u32)
            .map(|i| {
                let a = f64::from((i * 7919) % 1000) / 1000.0;
                let b = f64::from((i * 104_729) % 997) / 997.0;
                Coordinates::new(45.8 + 1.4 * a, 18.7 + 1.7 * b)
            })
            .chain([Coordinates::new(46.5, 19.5), Coordinates::new(46.5, 19.5)])
            .collect();
        let k = 12;
        let fast = nearest_neighbours(&places, k);
        let mean_lat = places.iter().map(|p| p.lat_deg).sum::<f64>() / places.len() as f64;
        let xs = KM_PER_DEGREE * mean_lat.to_radians().cos();
        for (i, list) in fast.iter().enumerate() {
            let d = |j: usize| {
                let dx = (places[j].lon_deg - places[i].lon_deg) * xs;
                let dy = (places[j].lat_deg - places[i].lat_deg) * KM_PER_DEGREE;
                dx * dx + dy * dy
            };
            let mut all: Vec<usize> = (0..places.len()).filter(|j| *j != i).collect();
            all.sort_by(|a, b| d(*a).total_cmp(&d(*b)).then(a.cmp(b)));
            // The same distances (two places at one distance may come in either order: the
            // projection is computed in another order here).
            assert_eq!(list.len(), k);
            for (fast, slow) in list.iter().zip(&all[..k]) {
                assert!((d(*fast as usize) - d(*slow)).abs() < 1e-6, "place {i}");
            }
        }
    }

    #[test]
    fn legs_on_demand_equal_the_table() {
        let points: Vec<Coordinates> = (0..600u32)
            .map(|i| Coordinates::new(46.0 + f64::from(i % 37) * 0.03, 19.0 + f64::from(i % 41) * 0.03))
            .collect();
        let near = nearest_neighbours(&points[1..], 8);
        let big = LegTable::new(TravelModel::default(), points.clone(), &near);
        assert!(big.table.is_none());
        let small = LegTable::new(TravelModel::default(), points[..100].to_vec(), &near[..99]);
        for a in 0..100 {
            for b in 0..100 {
                assert_eq!(big.leg(a, b), small.leg(a, b), "{a} -> {b}");
            }
        }
        // The kept legs to near points are the ones asked for.
        for (i, list) in near.iter().enumerate() {
            for &j in list {
                let computed = TravelModel::default().leg(points[i + 1], points[j as usize + 1]);
                assert_eq!(big.leg(i + 1, j as usize + 1), computed);
            }
        }
    }
}
