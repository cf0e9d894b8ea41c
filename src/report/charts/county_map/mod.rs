//! County map: the county's outline, settlements at their coordinates, sized by expected clients,
//! coloured by district, permanent offices and the season's stops marked and named (without
//! overlap), every bus-day route as a thin line and a few sample days in colour with numbered stops.

mod labels;
mod legend;
mod outline;
mod palette;
mod projection;

pub use outline::{MapOutline, OutlineSource};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{self, AXIS_TITLE_PX, DARK_GREY, MAP_NAME_PX, MARGIN_PX, TICK_PX, XyChart};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};
use labels::{LabelRequest, PixelBox, place_labels};
use legend::MapLegend;
use palette::district_colour;
use projection::{KM_PER_DEGREE, Projection};

/// Size of the map chart, pixels (taller than the others: the county is taller than wide).
const MAP_SIZE_PX: (u32, u32) = (1000, 900);
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
/// Lines of the bus-days not highlighted: width and opacity (thin, so that the sample days stand out).
const ROUTE_PX: u32 = 1;
const ROUTE_OPACITY: f64 = 0.35;
/// Sample bus-days drawn in colour with numbered stops: the first, the middle and the last.
const HIGHLIGHTED_DAYS: usize = 3;
/// Line width of a highlighted day and of its white casing, pixels.
const HIGHLIGHT_PX: u32 = 3;
const HIGHLIGHT_CASING_PX: u32 = 6;
/// Colours of the highlighted days: dark and saturated, unlike the district colours.
const HIGHLIGHT_COLOURS: [RGBColor; HIGHLIGHTED_DAYS] =
    [RGBColor(20, 20, 20), RGBColor(160, 0, 120), RGBColor(0, 70, 190)];
/// Radius of a stop number's disc and the size of its digits, pixels.
const STOP_NUMBER_RADIUS_PX: i32 = 8;
const STOP_NUMBER_PX: u32 = 12;
/// Fill of the county inside its outline, and the outline's width.
const COUNTY_FILL: RGBColor = RGBColor(246, 244, 236);
const OUTLINE_PX: u32 = 2;
/// Size of the names of visited settlements, and of the credit line, pixels.
const VISITED_NAME_PX: u32 = 13;
const CREDIT_PX: u32 = 12;
/// Distance from a tick label to the plot edge, pixels.
const TICK_GAP_PX: i32 = 6;
/// Margin of the credit line from the plot's corner, pixels.
const CREDIT_MARGIN_PX: i32 = 6;

/// One settlement of the county.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSettlement {
    /// Name as KSH spells it (written on the map for permanent offices and visited settlements).
    pub name: String,
    /// Resident population (persons): larger settlements get their names placed first.
    pub population: u32,
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

/// One bus-day's route.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRoute {
    /// The day (named in the legend when the day is highlighted).
    pub date: jiff::civil::Date,
    /// The places in driving order: depot, the day's stops, depot.
    pub points: Vec<MapPoint>,
}

impl MapRoute {
    /// The day's stops (the points between the depot at either end).
    fn stops(&self) -> &[MapPoint] {
        match self.points.len() {
            0..=2 => &[],
            n => &self.points[1..n - 1],
        }
    }
}

/// The county map's input.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyMap {
    /// Optional second line under the title (scenario, season dates).
    pub subtitle: Option<String>,
    pub settlements: Vec<MapSettlement>,
    /// The area's outline, drawn under everything and credited (none: not drawn).
    pub outline: Option<MapOutline>,
    /// Bus-day routes in calendar order; may be empty.
    pub routes: Vec<MapRoute>,
}

/// Draws the county map (1000×900).
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
    /// Indices of the highlighted bus-days: up to [`HIGHLIGHTED_DAYS`] days with stops, spread
    /// evenly over the season (first, middle, last).
    pub(super) fn highlighted(&self) -> Vec<usize> {
        let with_stops: Vec<usize> = (0..self.routes.len())
            .filter(|&i| !self.routes[i].stops().is_empty())
            .collect();
        let n = with_stops.len();
        if n <= HIGHLIGHTED_DAYS {
            return with_stops;
        }
        let mut picked: Vec<usize> = (0..HIGHLIGHTED_DAYS)
            .map(|k| with_stops[k * (n - 1) / (HIGHLIGHTED_DAYS - 1)])
            .collect();
        picked.dedup();
        picked
    }

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
        let points = || {
            self.routes
                .iter()
                .flat_map(|r| &r.points)
                .chain(self.outline.iter().flat_map(|o| &o.points))
        };
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
        points.extend(
            self.routes
                .iter()
                .flat_map(|r| &r.points)
                .map(|p| (p.lat_deg, p.lon_deg)),
        );
        points.extend(
            self.outline
                .iter()
                .flat_map(|o| &o.points)
                .map(|p| (p.lat_deg, p.lon_deg)),
        );
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
        self.draw_outline(&mut chart, &projection)?;
        draw_graticule(root, &mut chart, &projection, lang)?;
        self.draw_routes(&mut chart, &projection)?;
        self.draw_settlements(&mut chart, &projection)?;
        self.draw_stop_numbers(&mut chart, &projection)?;
        self.draw_names(root, &mut chart, &projection)?;
        self.draw_credit(root, &chart, lang)?;
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
    /// The outline filled in a light tint, with a dark border.
    fn draw_outline<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let Some(outline) = &self.outline else {
            return Ok(());
        };
        let mut ring: Vec<(f64, f64)> = outline
            .points
            .iter()
            .map(|p| projection.project(p.lat_deg, p.lon_deg))
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(ring.clone(), COUNTY_FILL.filled())))
            .drawn()?;
        if let Some(&first) = ring.first() {
            ring.push(first);
        }
        let border = match outline.source {
            OutlineSource::NaturalEarth => DARK_GREY.stroke_width(OUTLINE_PX),
            OutlineSource::SettlementHull => DARK_GREY.mix(0.6).stroke_width(1),
        };
        chart
            .draw_series(std::iter::once(PathElement::new(ring, border)))
            .drawn()?;
        Ok(())
    }

    /// Every bus-day as a thin grey line; the highlighted days on top in colour, on a white casing.
    fn draw_routes<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let path = |route: &MapRoute| -> Vec<(f64, f64)> {
            route
                .points
                .iter()
                .map(|p| projection.project(p.lat_deg, p.lon_deg))
                .collect()
        };
        let line = DARK_GREY.mix(ROUTE_OPACITY).stroke_width(ROUTE_PX);
        chart
            .draw_series(self.routes.iter().map(|route| PathElement::new(path(route), line)))
            .drawn()?;
        for (k, &i) in self.highlighted().iter().enumerate() {
            let colour = HIGHLIGHT_COLOURS[k % HIGHLIGHT_COLOURS.len()];
            let points = path(&self.routes[i]);
            chart
                .draw_series([
                    PathElement::new(points.clone(), WHITE.stroke_width(HIGHLIGHT_CASING_PX)),
                    PathElement::new(points, colour.stroke_width(HIGHLIGHT_PX)),
                ])
                .drawn()?;
        }
        Ok(())
    }

    /// The stops of each highlighted day numbered 1, 2, ... in driving order, in the day's colour.
    fn draw_stop_numbers<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let font = style::bold_style(STOP_NUMBER_PX);
        for (k, &i) in self.highlighted().iter().enumerate() {
            let colour = HIGHLIGHT_COLOURS[k % HIGHLIGHT_COLOURS.len()];
            let ink = font.clone().color(&colour).pos(Pos::new(HPos::Center, VPos::Center));
            let discs = self.routes[i].stops().iter().enumerate().map(|(n, p)| {
                EmptyElement::at(projection.project(p.lat_deg, p.lon_deg))
                    + Circle::new((0, 0), STOP_NUMBER_RADIUS_PX, WHITE.filled())
                    + Circle::new((0, 0), STOP_NUMBER_RADIUS_PX, colour.stroke_width(2))
                    + Text::new((n + 1).to_string(), (0, 0), ink.clone())
            });
            chart.draw_series(discs).drawn()?;
        }
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

    /// Names of the permanent offices (bold) and of the visited settlements, placed greedily
    /// without overlap (offices first, then by population) and written with a white halo; a name
    /// that fits nowhere is left out.
    fn draw_names<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &mut XyChart<'_, DB>,
        projection: &Projection,
    ) -> Result<(), DrawFailure> {
        let max_clients = self.max_clients();
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let bounds = PixelBox {
            x0: xs.start,
            y0: ys.start,
            x1: xs.end,
            y1: ys.end,
        };
        let mut named: Vec<&MapSettlement> = self
            .settlements
            .iter()
            .filter(|s| s.has_permanent_office || s.season_visits > 0)
            .collect();
        named.sort_by(|a, b| {
            b.has_permanent_office
                .cmp(&a.has_permanent_office)
                .then(b.population.cmp(&a.population))
                .then(a.name.cmp(&b.name))
        });
        let font_of = |s: &MapSettlement| {
            if s.has_permanent_office {
                style::bold_style(MAP_NAME_PX)
            } else {
                style::text_style(VISITED_NAME_PX)
            }
        };
        let mut requests = Vec::with_capacity(named.len());
        let mut obstacles = Vec::with_capacity(named.len());
        for s in &named {
            let anchor = chart.backend_coord(&projection.project(s.lat_deg, s.lon_deg));
            let r = marker_radius(s.expected_clients_per_visit, max_clients).round() as i32;
            let clearance = r + if s.season_visits > 0 { RING_GAP_PX + 1 } else { 1 };
            let (w, h) = root.estimate_text_size(&s.name, &font_of(s)).drawn()?;
            requests.push(LabelRequest {
                anchor,
                clearance_px: clearance,
                size: (w as i32, h as i32),
            });
            obstacles.push(PixelBox::around(anchor, clearance));
        }
        // Offices first, kept clear of the other offices' markers only (a name may cover a small
        // village's marker rather than be lost); then the visited settlements, clear of every
        // marker and of the offices' names.
        let offices = named.iter().take_while(|s| s.has_permanent_office).count();
        let office_markers = &obstacles[..offices];
        let mut placed = place_labels(&requests[..offices], office_markers, bounds);
        let mut taken: Vec<PixelBox> = obstacles.clone();
        taken.extend(placed.iter().flatten().copied());
        placed.extend(place_labels(&requests[offices..], &taken, bounds));
        for (s, at) in named.iter().zip(placed) {
            let Some(at) = at else { continue };
            let ink = font_of(s).pos(Pos::new(HPos::Left, VPos::Top));
            let halo = ink.color(&WHITE);
            for (dx, dy) in [(-1, -1), (1, 1), (-1, 1), (1, -1)] {
                root.draw_text(&s.name, &halo, (at.x0 + dx, at.y0 + dy)).drawn()?;
            }
            root.draw_text(&s.name, &ink, (at.x0, at.y0)).drawn()?;
        }
        Ok(())
    }

    /// The source of the outline, in the plot's lower left corner.
    fn draw_credit<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &XyChart<'_, DB>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let Some(outline) = &self.outline else {
            return Ok(());
        };
        let label = match outline.source {
            OutlineSource::NaturalEarth => Label::MapCreditNaturalEarth,
            OutlineSource::SettlementHull => Label::MapCreditHull,
        };
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let font = style::text_style(CREDIT_PX)
            .color(&DARK_GREY)
            .pos(Pos::new(HPos::Left, VPos::Bottom));
        root.draw_text(
            lang.text(label),
            &font,
            (xs.start + CREDIT_MARGIN_PX, ys.end - CREDIT_MARGIN_PX),
        )
        .drawn()
    }
}

#[cfg(test)]
pub(super) mod tests;
