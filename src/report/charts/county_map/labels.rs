//! Greedy placement of settlement names on the map: each name tries eight positions around its
//! marker, most important first, and is dropped when none is free of the names already placed,
//! the markers and the plot's edge.

/// A rectangle in pixels: `x0 <= x < x1`, `y0 <= y < y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PixelBox {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PixelBox {
    /// The square of half-side `half` around `centre`.
    pub(super) fn around((x, y): (i32, i32), half: i32) -> Self {
        Self {
            x0: x - half,
            y0: y - half,
            x1: x + half,
            y1: y + half,
        }
    }

    /// True when the two boxes share an area (touching edges do not count).
    pub(super) fn intersects(&self, other: &Self) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn inside(&self, bounds: &Self) -> bool {
        self.x0 >= bounds.x0 && self.y0 >= bounds.y0 && self.x1 <= bounds.x1 && self.y1 <= bounds.y1
    }
}

/// A name to place: its marker's centre, the marker's radius (the name keeps clear of it) and the
/// text's size, pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LabelRequest {
    pub anchor: (i32, i32),
    pub clearance_px: i32,
    pub size: (i32, i32),
}

/// Gap between a marker's edge and its name, pixels.
const GAP_PX: i32 = 3;

/// The eight candidate boxes of a name, in order of preference: right, left, above, below, then
/// the four diagonals (a reader's eye finds a name right of its point first).
fn candidates(request: &LabelRequest) -> [PixelBox; 8] {
    let (x, y) = request.anchor;
    let (w, h) = request.size;
    let r = request.clearance_px + GAP_PX;
    let diagonal = (f64::from(r) * std::f64::consts::FRAC_1_SQRT_2).round() as i32;
    let at = |x0: i32, y0: i32| PixelBox {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    };
    [
        at(x + r, y - h / 2),
        at(x - r - w, y - h / 2),
        at(x - w / 2, y - r - h),
        at(x - w / 2, y + r),
        at(x + diagonal, y - diagonal - h),
        at(x + diagonal, y + diagonal),
        at(x - diagonal - w, y - diagonal - h),
        at(x - diagonal - w, y + diagonal),
    ]
}

/// Places the names in the order given (most important first): each takes its first candidate
/// inside `bounds` that meets neither a name already placed nor an obstacle (the markers);
/// `None` for a name that fits nowhere.
pub(super) fn place_labels(
    requests: &[LabelRequest],
    obstacles: &[PixelBox],
    bounds: PixelBox,
) -> Vec<Option<PixelBox>> {
    let mut placed: Vec<PixelBox> = Vec::with_capacity(requests.len());
    requests
        .iter()
        .map(|request| {
            let free = candidates(request).into_iter().find(|c| {
                c.inside(&bounds)
                    && !placed.iter().any(|p| p.intersects(c))
                    && !obstacles.iter().any(|o| o.intersects(c))
            });
            if let Some(c) = free {
                placed.push(c);
            }
            free
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: PixelBox = PixelBox {
        x0: 0,
        y0: 0,
        x1: 400,
        y1: 300,
    };

    fn request(x: i32, y: i32) -> LabelRequest {
        LabelRequest {
            anchor: (x, y),
            clearance_px: 5,
            size: (60, 14),
        }
    }

    #[test]
    fn a_lone_name_goes_right_of_its_marker() {
        let placed = place_labels(&[request(100, 100)], &[], BOUNDS);
        assert_eq!(
            placed,
            [Some(PixelBox {
                x0: 108,
                y0: 93,
                x1: 168,
                y1: 107
            })]
        );
    }

    #[test]
    fn crowded_names_never_overlap_and_stay_inside() {
        // A dense grid of markers 20 px apart: many names must move or be dropped.
        let requests: Vec<LabelRequest> = (0..12)
            .flat_map(|i| (0..10).map(move |j| request(20 + 30 * i, 20 + 25 * j)))
            .collect();
        let obstacles: Vec<PixelBox> = requests.iter().map(|r| PixelBox::around(r.anchor, 5)).collect();
        let placed = place_labels(&requests, &obstacles, BOUNDS);
        let boxes: Vec<PixelBox> = placed.iter().flatten().copied().collect();
        assert!(
            boxes.len() > 5 && boxes.len() < requests.len(),
            "{} placed",
            boxes.len()
        );
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.inside(&BOUNDS));
            assert!(obstacles.iter().all(|o| !o.intersects(a)));
            for b in &boxes[i + 1..] {
                assert!(!a.intersects(b), "{a:?} meets {b:?}");
            }
        }
    }

    #[test]
    fn a_name_at_the_right_edge_goes_left() {
        let placed = place_labels(&[request(380, 100)], &[], BOUNDS);
        let b = placed[0].unwrap();
        assert!(b.x1 <= 380 - 5, "{b:?}");
    }

    #[test]
    fn boxes_touching_at_an_edge_do_not_intersect() {
        let a = PixelBox::around((10, 10), 5);
        let b = PixelBox::around((20, 10), 5);
        assert!(!a.intersects(&b));
        assert!(a.intersects(&PixelBox::around((19, 10), 5)));
    }
}
