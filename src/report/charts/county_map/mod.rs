//! County map: settlements at their coordinates, sized by expected clients, coloured by district,
//! permanent offices and the season's stops marked, bus-day routes drawn.

mod legend;
mod palette;
mod projection;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{self, AXIS_TITLE_PX, DARK_GREY, MAP_NAME_PX, MARGIN_PX, TICK_PX, XyChart};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};
use legend::MapLegend;
use palette::district_colour;
use projection::{KM_PER_DEGREE, Projection};

/// Size of the map chart, pixels (taller than the others: the county is taller than wide).
const MAP_SIZE_PX: (u32, u32) = (1000, 800);
/// Width of the map panel; the legend takes the rest, pixels.
const MAP_PANEL_PX: u32 = 650;
/// Height of the x-axis area (tick labels and title) and width of the y-axis area, pixels.
const MAP_X_LABELS_PX: u32 = 56;
const MAP_Y_LABELS_PX: u32 = 74;
/// Radius of the marker of the settlement with the most expected clients, pixels; others scale
/// with the square root (marker area proportional to clients).
const MAX_MARKER_PX: f64 = 16.0;
/// Smallest marker radius, so that every settlement stays visible, pixels.
const MIN_MARKER_PX: f64 = 3.0;
/// Markers at least this large get a white edge, pixels.
const MIN_EDGED_MARKER_PX: f64 = 6.0;
/// Gap between a marker and its season-stop ring, pixels.
const RING_GAP_PX: i32 = 4;
/// Half-side of an office square relative to the circle radius: √π/2, for the same area.
const SQUARE_HALF_SIDE_PER_RADIUS: f64 = 0.886;
/// Graticule steps tried, degrees, largest first; the largest with at least 3 lines is used.
const GRATICULE_STEPS_DEG: [f64; 5] = [1.0, 0.5, 0.25, 0.1, 0.05];
/// Smallest number of graticule lines per axis.
const MIN_GRATICULE_LINES: usize = 3;
/// Route lines: width and opacity.
const ROUTE_PX: u32 = 2;
const ROUTE_OPACITY: f64 = 0.55;
/// Distance from a tick label to the plot edge, pixels.
const TICK_GAP_PX: i32 = 6;
/// Horizontal offset of a settlement name from its marker's edge, pixels.
const NAME_GAP_PX: i32 = 5;

/// One settlement of the county.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSettlement {
    /// Name as KSH spells it (written on the map for permanent offices).
    pub name: String,
    /// District (járás) as KSH spells it, e.g. "Kiskőrösi járás"; picks the colour.
    pub district: String,
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// Expected clients if the bus visits (one visit, the scenario's default dwell): marker area.
    pub expected_clients_per_visit: f64,
    /// Has a permanent government window (drawn as a square, name written).
    pub has_permanent_office: bool,
    /// Visits of the bus in the season (0: not visited; otherwise ringed).
    pub season_visits: u32,
}

/// A point of a bus-day route.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapPoint {
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
}

/// The county map's input.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyMap {
    /// Optional second line under the title (scenario, season dates).
    pub subtitle: Option<String>,
    pub settlements: Vec<MapSettlement>,
    /// Bus-day routes, each in driving order (depot first and last when there is one); may be empty.
    pub routes: Vec<Vec<MapPoint>>,
}

/// Draws the county map (1000×800).
pub fn county_map_chart(map: &CountyMap, lang: Lang) -> Result<Chart, ChartError> {
    render(map, lang)
}

/// Marker radius for `clients` when the largest is `max_clients`, pixels.
fn marker_radius(clients: f64, max_clients: f64) -> f64 {
    if max_clients <= 0.0 {
        return MIN_MARKER_PX;
    }
    (MAX_MARKER_PX * (clients / max_clients).sqrt()).max(MIN_MARKER_PX)
}

/// Graticule values: multiples of the largest step giving at least three lines inside `range`.
fn graticule(range: &std::ops::Range<f64>) -> Vec<f64> {
    let lines = |step: f64| {
        let first = (range.start / step).ceil() as i64;
        let last = (range.end / step).floor() as i64;
        (first..=last).map(|k| k as f64 * step).collect::<Vec<_>>()
    };
    GRATICULE_STEPS_DEG
        .iter()
        .map(|&step| lines(step))
        .find(|v| v.len() >= MIN_GRATICULE_LINES)
        .unwrap_or_else(|| lines(GRATICULE_STEPS_DEG[GRATICULE_STEPS_DEG.len() - 1]))
}

impl CountyMap {
    fn max_clients(&self) -> f64 {
        self.settlements
            .iter()
            .map(|s| s.expected_clients_per_visit)
            .fold(0.0, f64::max)
    }

    /// Plot size inside the map panel, pixels (panel minus margins and axis areas).
    fn plot_px(panel_px: (u32, u32)) -> (u32, u32) {
        (
            panel_px.0.saturating_sub(2 * MARGIN_PX + MAP_Y_LABELS_PX),
            panel_px.1.saturating_sub(2 * MARGIN_PX + MAP_X_LABELS_PX),
        )
    }
}

impl ChartSpec for CountyMap {
    const NAME: &'static str = "county-map";
    const SIZE_PX: (u32, u32) = MAP_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "settlements", self.settlements.len())?;
        let s = &self.settlements;
        check::finite(name, "lat_deg", s.iter().map(|s| s.lat_deg))?;
        check::finite(name, "lon_deg", s.iter().map(|s| s.lon_deg))?;
        check::non_negative(
            name,
            "expected_clients_per_visit",
            s.iter().map(|s| s.expected_clients_per_visit),
        )?;
        let points = || self.routes.iter().flatten();
        check::finite(name, "route lat_deg", points().map(|p| p.lat_deg))?;
        check::finite(name, "route lon_deg", points().map(|p| p.lon_deg))?;
        let on_earth = s.iter().all(|s| s.lat_deg.abs() <= 90.0 && s.lon_deg.abs() <= 180.0)
            && points().all(|p| p.lat_deg.abs() <= 90.0 && p.lon_deg.abs() <= 180.0);
        if !on_earth {
            return Err(ChartError::BadInput {
                chart: name,
                problem: "a latitude or longitude is out of range (|lat| ≤ 90, |lon| ≤ 180)".into(),
            });
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let area = style::titled(root, lang.text(Label::MapTitle), self.subtitle.as_deref())?;
        let (map_area, legend_area) = area.split_horizontally(MAP_PANEL_PX);
        let plot_px = Self::plot_px(map_area.dim_in_pixel());
        let mut points: Vec<(f64, f64)> = self.settlements.iter().map(|s| (s.lat_deg, s.lon_deg)).collect();
        points.extend(self.routes.iter().flatten().map(|p| (p.lat_deg, p.lon_deg)));
        let projection = Projection::fit(&points, plot_px);
        let mut chart = ChartBuilder::on(&map_area)
            .margin(MARGIN_PX)
            .x_label_area_size(MAP_X_LABELS_PX)
            .y_label_area_size(MAP_Y_LABELS_PX)
            .build_cartesian_2d(projection.x.clone(), projection.y.clone())
            .drawn()?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .x_desc(lang.text(Label::MapLongitude))
            .y_desc(lang.text(Label::MapLatitude))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .draw()
            .drawn()?;
        draw_graticule(root, &mut chart, &projection, lang)?;
        self.draw_routes(&mut chart, &projection)?;
        self.draw_settlements(&mut chart, &projection)?;
        self.draw_office_names(root, &mut chart, &projection)?;
        let px_per_km = f64::from(plot_px.0) / ((projection.x.end - projection.x.start) * KM_PER_DEGREE);
        MapLegend::of(self, px_per_km).draw(&legend_area, lang)
    }
}

/// Light lines of equal latitude and longitude, labelled outside the plot.
fn draw_graticule<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut XyChart<'_, DB>,
    projection: &Projection,
    lang: Lang,
) -> Result<(), DrawFailure> {
    let (x, y) = (projection.x.clone(), projection.y.clone());
    let line = style::GRID.stroke_width(1);
    let font = style::text_style(TICK_PX);
    for lon in graticule(&projection.lon_range()) {
        let (mx, _) = projection.project(y.start, lon);
        chart
            .draw_series(std::iter::once(PathElement::new([(mx, y.start), (mx, y.end)], line)))
            .drawn()?;
        let (px, py) = chart.backend_coord(&(mx, y.start));
        let anchored = font.pos(Pos::new(HPos::Center, VPos::Top));
        root.draw_text(&style::tick_label(lang, lon), &anchored, (px, py + TICK_GAP_PX))
            .drawn()?;
    }
    for lat in graticule(&y) {
        chart
            .draw_series(std::iter::once(PathElement::new([(x.start, lat), (x.end, lat)], line)))
            .drawn()?;
        let (px, py) = chart.backend_coord(&(x.start, lat));
        let anchored = font.pos(Pos::new(HPos::Right, VPos::Center));
        root.draw_text(&style::tick_label(lang, lat), &anchored, (px - TICK_GAP_PX, py))
            .drawn()?;
    }
    let frame = [(x.start, y.start), (x.end, y.end)];
    chart
        .draw_series(std::iter::once(Rectangle::new(frame, DARK_GREY.stroke_width(1))))
        .drawn()?;
    Ok(())
}

impl CountyMap {
    fn draw_routes<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let line = DARK_GREY.mix(ROUTE_OPACITY).stroke_width(ROUTE_PX);
        chart
            .draw_series(self.routes.iter().map(|route| {
                let points: Vec<(f64, f64)> = route.iter().map(|p| projection.project(p.lat_deg, p.lon_deg)).collect();
                PathElement::new(points, line)
            }))
            .drawn()?;
        Ok(())
    }

    /// Markers, largest first so that small settlements stay on top; then the season's rings.
    fn draw_settlements<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let max_clients = self.max_clients();
        let mut order: Vec<&MapSettlement> = self.settlements.iter().collect();
        order.sort_by(|a, b| b.expected_clients_per_visit.total_cmp(&a.expected_clients_per_visit));
        for s in &order {
            let at = projection.project(s.lat_deg, s.lon_deg);
            let r = marker_radius(s.expected_clients_per_visit, max_clients);
            let fill = district_colour(&s.district).filled();
            if s.has_permanent_office {
                let h = (r * SQUARE_HALF_SIDE_PER_RADIUS).round() as i32;
                let corners = [(-h, -h), (h, h)];
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at(at)
                            + Rectangle::new(corners, fill)
                            + Rectangle::new(corners, BLACK.stroke_width(2)),
                    ))
                    .drawn()?;
            } else {
                // A white edge separates overlapping markers; tiny ones would turn into specks.
                let edge = if r >= MIN_EDGED_MARKER_PX {
                    WHITE.to_rgba()
                } else {
                    TRANSPARENT
                };
                let r = r.round() as i32;
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at(at)
                            + Circle::new((0, 0), r, fill)
                            + Circle::new((0, 0), r, edge.stroke_width(1)),
                    ))
                    .drawn()?;
            }
        }
        let rings = order.iter().filter(|s| s.season_visits > 0).map(|s| {
            let r = marker_radius(s.expected_clients_per_visit, max_clients).round() as i32;
            Circle::new(
                projection.project(s.lat_deg, s.lon_deg),
                r + RING_GAP_PX,
                BLACK.stroke_width(2),
            )
        });
        chart.draw_series(rings).drawn()?;
        Ok(())
    }

    /// Names of the settlements with a permanent office, with a white halo: right of the marker,
    /// or left of it when the name would cross the map's right edge.
    fn draw_office_names<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let max_clients = self.max_clients();
        let plot_right_px = chart.plotting_area().get_pixel_range().0.end;
        let font = style::bold_style(MAP_NAME_PX);
        for s in self.settlements.iter().filter(|s| s.has_permanent_office) {
            let at = projection.project(s.lat_deg, s.lon_deg);
            let r = marker_radius(s.expected_clients_per_visit, max_clients);
            let offset = (r * SQUARE_HALF_SIDE_PER_RADIUS).round() as i32 + RING_GAP_PX + NAME_GAP_PX;
            let (text_width, _) = root.estimate_text_size(&s.name, &font).drawn()?;
            let (marker_x, _) = chart.backend_coord(&at);
            let fits_right = marker_x + offset + text_width as i32 <= plot_right_px;
            let (dx, h_pos) = if fits_right {
                (offset, HPos::Left)
            } else {
                (-offset, HPos::Right)
            };
            let ink = font.pos(Pos::new(h_pos, VPos::Center));
            let halo = ink.color(&WHITE);
            let text =
                |dx: i32, dy: i32, style: &TextStyle<'static>| Text::new(s.name.clone(), (dx, dy), style.clone());
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(at)
                        + text(dx - 1, -1, &halo)
                        + text(dx + 1, 1, &halo)
                        + text(dx - 1, 1, &halo)
                        + text(dx + 1, -1, &halo)
                        + text(dx, 0, &ink),
                ))
                .drawn()?;
        }
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests;
