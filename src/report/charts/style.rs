//! Shared look of the charts: sizes, fonts, colour palettes, titles and tick-label formatting.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::{DrawFailure, Drawn};
use super::fonts::FONT_FAMILY;
use crate::report::lang::Lang;
use crate::stats::Estimate;

/// A chart with plain f64 axes.
pub(super) type XyChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Finishes a horizontal bar chart of `rows` rows (row i at y = rows − 1 − i): draws the zero axis
/// over the bars and returns each row's pixel anchor at x = 0 (for labels drawn outside the plot).
pub(super) fn finish_bar_rows<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    rows: usize,
) -> Result<Vec<(i32, i32)>, DrawFailure> {
    let n = rows as f64;
    chart
        .draw_series(std::iter::once(PathElement::new(
            [(0.0, -0.5), (0.0, n - 0.5)],
            DARK_GREY.stroke_width(2),
        )))
        .drawn()?;
    Ok((0..rows)
        .map(|i| chart.backend_coord(&(0.0, n - 1.0 - i as f64)))
        .collect())
}

/// Size of the standard charts, pixels: about A4 text width at 150 dpi, 1.6:1.
pub(super) const STANDARD_SIZE_PX: (u32, u32) = (1000, 620);

/// Text sizes in pixels (plotters' size; about 0.8 of it is the cap-to-descender height).
/// Chosen so that at 1000 px across 17 cm of A4 the smallest text prints at about 8 pt.
pub(super) const TITLE_PX: u32 = 28;
pub(super) const SUBTITLE_PX: u32 = 18;
pub(super) const AXIS_TITLE_PX: u32 = 20;
pub(super) const TICK_PX: u32 = 17;
pub(super) const LEGEND_PX: u32 = 17;
/// Settlement names written on the map.
pub(super) const MAP_NAME_PX: u32 = 15;

/// Space between the title block and what follows, pixels.
pub(super) const TITLE_GAP_PX: u32 = 10;
/// Space around the plotting area, pixels.
pub(super) const MARGIN_PX: u32 = 18;
/// Height of the x-axis area (tick labels and axis title), pixels.
pub(super) const X_LABEL_AREA_PX: u32 = 62;
/// Width of the y-axis area (tick labels and the rotated axis title), pixels.
pub(super) const Y_LABEL_AREA_PX: u32 = 82;

/// Width of data lines, pixels.
pub(super) const LINE_PX: u32 = 3;
/// Fill opacity of bars.
pub(super) const BAR_OPACITY: f64 = 0.75;
/// Half-height of the caps of a horizontal CI whisker, in row units (rows are 1 apart).
pub(super) const WHISKER_CAP: f64 = 0.15;
/// Opacity of uncertainty bands.
pub(super) const BAND_OPACITY: f64 = 0.25;
/// Opacity of the legend box background (lets a curve show faintly behind it).
pub(super) const LEGEND_BACKGROUND_OPACITY: f64 = 0.85;
/// Light grid lines.
pub(super) const GRID: RGBColor = RGBColor(225, 225, 225);
/// Dark grey for secondary text and outlines.
pub(super) const DARK_GREY: RGBColor = RGBColor(60, 60, 60);

/// Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), without black and yellow, which print
/// poorly as lines: blue, vermillion, bluish green, orange, reddish purple, sky blue.
const SERIES_PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(230, 159, 0),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
];

/// Colour of the `index`-th data series (cycles after six).
pub(super) fn series_colour(index: usize) -> RGBColor {
    SERIES_PALETTE[index % SERIES_PALETTE.len()]
}

/// Colour of a marked reference (closing time, service target).
pub(super) const REFERENCE: RGBColor = RGBColor(213, 94, 0);

/// Plain text of `size_px` in the embedded font.
pub(super) fn text_style(size_px: u32) -> TextStyle<'static> {
    (FONT_FAMILY, size_px).into_font().color(&BLACK)
}

/// Bold text of `size_px` in the embedded font. (The face must be chosen when the font is
/// created: plotters' `FontDesc::style` changes the label but keeps the regular glyphs.)
pub(super) fn bold_style(size_px: u32) -> TextStyle<'static> {
    (FONT_FAMILY, size_px, FontStyle::Bold).into_font().color(&BLACK)
}

/// Draws the bold title (and a smaller subtitle) at the top; returns the area below them.
pub(super) fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: Option<&str>,
) -> Result<DrawingArea<DB, Shift>, DrawFailure> {
    let top = root.margin(MARGIN_PX / 2, 0, 0, 0);
    let mut below = top.titled(title, bold_style(TITLE_PX)).drawn()?;
    if let Some(sub) = subtitle {
        below = below.titled(sub, text_style(SUBTITLE_PX).color(&DARK_GREY)).drawn()?;
    }
    Ok(below.margin(TITLE_GAP_PX, 0, 0, 0))
}

/// A tick label: whole numbers without decimals, others with one or two, in `lang`'s format.
pub(super) fn tick_label(lang: Lang, value: f64) -> String {
    let decimals = if is_whole(value) {
        0
    } else if is_whole(value * 10.0) {
        1
    } else {
        2
    };
    lang.number(value, decimals)
}

/// True when `value` is a whole number (to rounding noise).
pub(super) fn is_whole(value: f64) -> bool {
    (value - value.round()).abs() < 1e-9 * value.abs().max(1.0)
}

/// Upper end of a value axis that starts at 0: the largest value plus headroom, at least `floor`.
pub(super) fn axis_top(largest: f64, headroom: f64, floor: f64) -> f64 {
    (largest * (1.0 + headroom)).max(floor)
}

/// The interval of an [`Estimate`] as charts draw it: without a half-width (NaN with fewer than
/// two replications) the interval is the mean alone.
pub(super) trait Interval {
    /// Half-width of the 95 % interval, 0 when unknown.
    fn half_width(&self) -> f64;
    fn low(&self) -> f64;
    fn high(&self) -> f64;
}

impl Interval for Estimate {
    fn half_width(&self) -> f64 {
        if self.ci95.is_finite() { self.ci95 } else { 0.0 }
    }
    fn low(&self) -> f64 {
        self.mean - self.half_width()
    }
    fn high(&self) -> f64 {
        self.mean + self.half_width()
    }
}

/// An estimate from a mean and a 95 % half-width (test inputs).
#[cfg(test)]
pub(super) fn estimate(mean: f64, ci95: f64) -> Estimate {
    Estimate { mean, ci95, n: 100 }
}

/// Draws the confidence interval of `value` as a horizontal whisker with end caps at height `y`
/// (nothing when the interval is empty).
pub(super) fn draw_horizontal_whisker<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    value: Estimate,
    y: f64,
    cap: f64,
) -> Result<(), DrawFailure> {
    if value.half_width() <= 0.0 {
        return Ok(());
    }
    let line = BLACK.stroke_width(WHISKER_PX);
    let (low, high) = (value.low().max(0.0), value.high());
    let segments = [
        [(low, y), (high, y)],
        [(low, y - cap), (low, y + cap)],
        [(high, y - cap), (high, y + cap)],
    ];
    chart
        .draw_series(segments.into_iter().map(|s| PathElement::new(s, line)))
        .drawn()?;
    Ok(())
}

/// Line width of CI whiskers, pixels.
const WHISKER_PX: u32 = 2;

/// Splits `text` at spaces into lines no wider than `max_width_px` in `font` (a single word wider
/// than that stays on its own line).
pub(super) fn wrap_words<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &TextStyle,
    max_width_px: u32,
) -> Result<Vec<String>, DrawFailure> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        let (width, _) = area.estimate_text_size(&candidate, font).drawn()?;
        if width > max_width_px && !current.is_empty() {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Ok(lines)
}

/// Writes `text` right-aligned so that its right edge is at `right_x` and its block of lines is
/// centred on `centre_y` (pixels of `area`), wrapping it to `max_width_px`.
pub(super) fn draw_row_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    (right_x, centre_y): (i32, i32),
    max_width_px: u32,
) -> Result<(), DrawFailure> {
    let font = text_style(LEGEND_PX);
    let lines = wrap_words(area, text, &font, max_width_px)?;
    let line_height = (f64::from(LEGEND_PX) * ROW_LABEL_LINE_SPACING) as i32;
    let first_y = centre_y - line_height * (lines.len() as i32 - 1) / 2;
    let anchored = font.pos(Pos::new(HPos::Right, VPos::Center));
    for (i, line) in lines.iter().enumerate() {
        area.draw_text(line, &anchored, (right_x, first_y + line_height * i as i32))
            .drawn()?;
    }
    Ok(())
}

/// Line spacing of wrapped labels, as a multiple of the font size.
const ROW_LABEL_LINE_SPACING: f64 = 1.15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_drop_needless_decimals() {
        assert_eq!(tick_label(Lang::En, 20.0), "20");
        assert_eq!(tick_label(Lang::Hu, 2.5), "2,5");
        assert_eq!(tick_label(Lang::En, 0.25), "0.25");
        assert_eq!(tick_label(Lang::Hu, 12000.0), "12\u{a0}000");
    }

    #[test]
    fn axis_top_has_headroom_and_a_floor() {
        assert_eq!(axis_top(10.0, 0.1, 1.0), 11.0);
        assert_eq!(axis_top(0.0, 0.1, 1.0), 1.0);
    }
}
