//! The map's legend panel: districts, marker kinds, marker sizes and a scale bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{district_colour, district_rank};
use super::{
    COUNTY_FILL, CountyMap, HIGHLIGHT_COLOURS, HIGHLIGHT_PX, MIN_MARKER_PX, OutlineSource, RING_GAP_PX,
    SQUARE_HALF_SIDE_PER_RADIUS, STOP_NUMBER_PX, STOP_NUMBER_RADIUS_PX, marker_radius,
};
use crate::report::charts::error::{DrawFailure, Drawn};
use crate::report::charts::style::{self, DARK_GREY, LEGEND_PX};
use crate::report::lang::{Label, Lang};

/// Heading size, pixels.
const HEADING_PX: u32 = 18;
/// Left edge of the keys, centre of the key column, and left edge of the texts, pixels.
const KEY_CENTRE_X: i32 = 24;
const TEXT_X: i32 = 56;
/// Row heights: headings, district rows, marker-kind rows, pixels.
const HEADING_ROW_PX: i32 = 30;
const DISTRICT_ROW_PX: i32 = 22;
const MARKER_ROW_PX: i32 = 26;
/// Space between sections, pixels.
const SECTION_GAP_PX: i32 = 14;
/// Radius of the district colour dots and the marker-kind examples, pixels.
const KEY_RADIUS_PX: i32 = 7;
/// Longest scale bar, pixels.
const MAX_SCALE_BAR_PX: f64 = 220.0;
/// Scale bar lengths tried, km, longest first.
const SCALE_BAR_KM: [f64; 9] = [200.0, 100.0, 50.0, 25.0, 20.0, 10.0, 5.0, 2.0, 1.0];
/// Marker sizes shown: the largest 1–2–5 value not above the maximum, then about 1/5 and 1/25 of it.
const SIZE_STEPS: [f64; 3] = [1.0, 0.2, 0.04];

/// What the legend lists, derived from the map's input.
pub(super) struct MapLegend {
    /// Districts present, in the fixed order.
    districts: Vec<String>,
    has_offices: bool,
    has_stops: bool,
    has_routes: bool,
    /// Where the outline comes from (none: no outline drawn).
    outline: Option<OutlineSource>,
    /// The highlighted bus-days: (date, number of stops), in colour order.
    days: Vec<(jiff::civil::Date, usize)>,
    /// (expected clients, marker radius px) examples.
    sizes: Vec<(f64, f64)>,
    /// Map scale, pixels per kilometre.
    px_per_km: f64,
}

/// The largest of 1, 2, 5 × 10^k not above `value` (`value` > 0).
fn one_two_five_floor(value: f64) -> f64 {
    let decade = 10f64.powf(value.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&v| v <= value * (1.0 + 1e-12))
        .unwrap_or(decade)
}

/// Example clients for the size legend, largest first, no repeats.
fn size_examples(max_clients: f64) -> Vec<f64> {
    if max_clients <= 0.0 {
        return Vec::new();
    }
    let top = one_two_five_floor(max_clients);
    let mut values: Vec<f64> = SIZE_STEPS.iter().map(|s| one_two_five_floor(top * s)).collect();
    values.dedup();
    values
}

/// The longest listed scale-bar length (km) that fits in [`MAX_SCALE_BAR_PX`].
fn scale_bar_km(px_per_km: f64) -> f64 {
    SCALE_BAR_KM
        .into_iter()
        .find(|km| km * px_per_km <= MAX_SCALE_BAR_PX)
        .unwrap_or(SCALE_BAR_KM[SCALE_BAR_KM.len() - 1])
}

impl MapLegend {
    pub(super) fn of(map: &CountyMap, px_per_km: f64) -> Self {
        let mut districts: Vec<String> = map.settlements.iter().map(|s| s.district.clone()).collect();
        districts.sort_by(|a, b| district_rank(a).cmp(&district_rank(b)).then(a.cmp(b)));
        districts.dedup();
        let max_clients = map.max_clients();
        Self {
            districts,
            has_offices: map.settlements.iter().any(|s| s.has_permanent_office),
            has_stops: map.settlements.iter().any(|s| s.season_visits > 0),
            has_routes: map.routes.iter().any(|r| r.points.len() > 1),
            outline: map.outline.as_ref().map(|o| o.source),
            days: map
                .highlighted()
                .into_iter()
                .map(|i| (map.routes[i].date, map.routes[i].stops().len()))
                .collect(),
            sizes: size_examples(max_clients)
                .into_iter()
                .map(|c| (c, marker_radius(c, max_clients)))
                .collect(),
            px_per_km,
        }
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let mut y = SECTION_GAP_PX;
        y = self.draw_districts(area, lang, y)?;
        y = self.draw_marker_kinds(area, lang, y + SECTION_GAP_PX)?;
        y = self.draw_days(area, lang, y + SECTION_GAP_PX)?;
        y = self.draw_sizes(area, lang, y + SECTION_GAP_PX)?;
        self.draw_scale(area, lang, y + SECTION_GAP_PX)
    }

    /// Writes a bold heading at `y` (wrapped to the panel); returns the y below it.
    fn heading<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str, y: i32) -> Result<i32, DrawFailure> {
        let font = style::bold_style(HEADING_PX);
        let width = area.dim_in_pixel().0.saturating_sub(KEY_CENTRE_X as u32);
        let lines = style::wrap_words(area, text, &font, width)?;
        let anchored = font.pos(Pos::new(HPos::Left, VPos::Center));
        let mut y = y;
        for line in &lines {
            area.draw_text(line, &anchored, (KEY_CENTRE_X - KEY_RADIUS_PX, y + HEADING_ROW_PX / 2))
                .drawn()?;
            y += HEADING_ROW_PX * 4 / 5;
        }
        Ok(y + HEADING_ROW_PX / 5)
    }

    /// Writes a row's text left-aligned at [`TEXT_X`], centred on `centre_y`.
    fn row_text<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        text: &str,
        centre_y: i32,
    ) -> Result<(), DrawFailure> {
        let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(text, &font, (TEXT_X, centre_y)).drawn()
    }

    fn draw_districts<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
        y: i32,
    ) -> Result<i32, DrawFailure> {
        let mut y = Self::heading(area, lang.text(Label::MapDistrictsHeading), y)?;
        for district in &self.districts {
            let centre = (KEY_CENTRE_X, y + DISTRICT_ROW_PX / 2);
            area.draw(&Circle::new(centre, KEY_RADIUS_PX, district_colour(district).filled()))
                .drawn()?;
            Self::row_text(area, district, centre.1)?;
            y += DISTRICT_ROW_PX;
        }
        Ok(y)
    }

    fn draw_marker_kinds<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
        y: i32,
    ) -> Result<i32, DrawFailure> {
        let mut y = Self::heading(area, lang.text(Label::MapMarkersHeading), y)?;
        let row = |kind: MarkerKind, label: Label, y: &mut i32| -> Result<(), DrawFailure> {
            let centre = (KEY_CENTRE_X, *y + MARKER_ROW_PX / 2);
            kind.draw(area, centre)?;
            Self::row_text(area, lang.text(label), centre.1)?;
            *y += MARKER_ROW_PX;
            Ok(())
        };
        row(MarkerKind::Settlement, Label::MapSettlement, &mut y)?;
        if self.has_offices {
            row(MarkerKind::Office, Label::MapPermanentOffice, &mut y)?;
        }
        if self.has_stops {
            row(MarkerKind::SeasonStop, Label::MapSeasonStop, &mut y)?;
        }
        if self.has_routes {
            row(MarkerKind::Route, Label::MapRoute, &mut y)?;
        }
        match self.outline {
            Some(OutlineSource::NaturalEarth) => row(MarkerKind::Outline, Label::MapOutlineCounty, &mut y)?,
            Some(OutlineSource::SettlementHull) => row(MarkerKind::Outline, Label::MapOutlineHull, &mut y)?,
            None => {}
        }
        Ok(y)
    }

    /// The highlighted bus-days: a line in the day's colour with a numbered disc, the date and
    /// the number of stops (nothing when no day is highlighted).
    fn draw_days<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
        y: i32,
    ) -> Result<i32, DrawFailure> {
        if self.days.is_empty() {
            return Ok(y - SECTION_GAP_PX);
        }
        let mut y = Self::heading(area, lang.text(Label::MapRoutesHeading), y)?;
        let r = KEY_RADIUS_PX;
        for (k, &(date, stops)) in self.days.iter().enumerate() {
            let colour = HIGHLIGHT_COLOURS[k % HIGHLIGHT_COLOURS.len()];
            let (x, centre) = (KEY_CENTRE_X, y + MARKER_ROW_PX / 2);
            area.draw(&PathElement::new(
                [(x - 2 * r, centre), (x + 2 * r, centre)],
                colour.stroke_width(HIGHLIGHT_PX),
            ))
            .drawn()?;
            area.draw(&Circle::new((x, centre), STOP_NUMBER_RADIUS_PX, WHITE.filled()))
                .drawn()?;
            area.draw(&Circle::new((x, centre), STOP_NUMBER_RADIUS_PX, colour.stroke_width(2)))
                .drawn()?;
            let digit = style::bold_style(STOP_NUMBER_PX)
                .color(&colour)
                .pos(Pos::new(HPos::Center, VPos::Center));
            area.draw_text("1", &digit, (x, centre)).drawn()?;
            let text = Label::MapRouteDay
                .fill(lang, &[("date", &lang.short_date(date)), ("stops", &stops.to_string())])
                .map_err(|e| DrawFailure(e.to_string()))?;
            Self::row_text(area, &text, centre)?;
            y += MARKER_ROW_PX;
        }
        Ok(y)
    }

    fn draw_sizes<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
        y: i32,
    ) -> Result<i32, DrawFailure> {
        let mut y = Self::heading(area, lang.text(Label::MapSizeHeading), y)?;
        for &(clients, radius) in &self.sizes {
            let r = radius.round() as i32;
            let row = (2 * r).max(DISTRICT_ROW_PX) + 4;
            let centre = (KEY_CENTRE_X, y + row / 2);
            area.draw(&Circle::new(centre, r, DARK_GREY.mix(0.5).filled()))
                .drawn()?;
            let decimals = usize::from(clients < 1.0);
            Self::row_text(area, &lang.number(clients, decimals), centre.1)?;
            y += row;
        }
        Ok(y)
    }

    fn draw_scale<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
        y: i32,
    ) -> Result<(), DrawFailure> {
        if !(self.px_per_km.is_finite() && self.px_per_km > 0.0) {
            return Ok(());
        }
        let y = Self::heading(area, lang.text(Label::MapScaleHeading), y)?;
        let km = scale_bar_km(self.px_per_km);
        let length = (km * self.px_per_km).round() as i32;
        let (x0, bar_y) = (KEY_CENTRE_X - KEY_RADIUS_PX, y + 10);
        let line = BLACK.stroke_width(3);
        area.draw(&PathElement::new([(x0, bar_y), (x0 + length, bar_y)], line))
            .drawn()?;
        for x in [x0, x0 + length] {
            area.draw(&PathElement::new([(x, bar_y - 6), (x, bar_y + 6)], line))
                .drawn()?;
        }
        let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
        let text = format!("{} km", lang.number(km, 0));
        area.draw_text(&text, &font, (x0 + length + 10, bar_y)).drawn()
    }
}

/// The marker kinds of the map, as drawn in the legend.
#[derive(Debug, Clone, Copy)]
enum MarkerKind {
    Settlement,
    Office,
    SeasonStop,
    Route,
    Outline,
}

impl MarkerKind {
    fn draw<DB: DrawingBackend>(self, area: &DrawingArea<DB, Shift>, (x, y): (i32, i32)) -> Result<(), DrawFailure> {
        let r = KEY_RADIUS_PX;
        let grey = DARK_GREY.mix(0.5).filled();
        match self {
            MarkerKind::Settlement => area.draw(&Circle::new((x, y), r, grey)).drawn(),
            MarkerKind::Office => {
                let h = (f64::from(r) * SQUARE_HALF_SIDE_PER_RADIUS).round() as i32 + 1;
                let corners = [(x - h, y - h), (x + h, y + h)];
                area.draw(&Rectangle::new(corners, grey)).drawn()?;
                area.draw(&Rectangle::new(corners, BLACK.stroke_width(2))).drawn()
            }
            MarkerKind::SeasonStop => {
                let small = MIN_MARKER_PX.round() as i32 + 2;
                area.draw(&Circle::new((x, y), small, grey)).drawn()?;
                area.draw(&Circle::new((x, y), small + RING_GAP_PX, BLACK.stroke_width(2)))
                    .drawn()
            }
            MarkerKind::Route => area
                .draw(&PathElement::new(
                    [(x - 2 * r, y + r / 2), (x, y - r / 2), (x + 2 * r, y + r / 2)],
                    DARK_GREY.mix(super::ROUTE_OPACITY).stroke_width(super::ROUTE_PX),
                ))
                .drawn(),
            MarkerKind::Outline => {
                let corners = [(x - 2 * r, y - r), (x + 2 * r, y + r)];
                area.draw(&Rectangle::new(corners, COUNTY_FILL.filled())).drawn()?;
                area.draw(&Rectangle::new(corners, DARK_GREY.stroke_width(2))).drawn()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_examples_are_round_and_decreasing() {
        assert_eq!(size_examples(83.0), vec![50.0, 10.0, 2.0]);
        assert_eq!(size_examples(120.0), vec![100.0, 20.0, 2.0]);
        assert_eq!(size_examples(5.0), vec![5.0, 1.0, 0.2]);
        assert!(size_examples(0.0).is_empty());
    }

    #[test]
    fn one_two_five_floor_by_hand() {
        assert_eq!(one_two_five_floor(83.0), 50.0);
        assert_eq!(one_two_five_floor(20.0), 20.0);
        assert_eq!(one_two_five_floor(0.4), 0.2);
        assert_eq!(one_two_five_floor(9.99), 5.0);
    }

    #[test]
    fn scale_bar_fits() {
        // 1.5 px per km: 100 km would be 150 px, 200 km 300 px (too long).
        assert_eq!(scale_bar_km(1.5), 100.0);
        assert_eq!(scale_bar_km(5.0), 25.0);
        assert_eq!(scale_bar_km(1000.0), 1.0);
    }
}
