//! A legend as one row of glyphs and words under a chart, for charts whose series are rows (bars per
//! alternative) and whose legend explains the marks rather than the series.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::{DrawFailure, Drawn};
use super::style::{self, BAND_OPACITY, BAR_OPACITY, LEGEND_PX};

/// Height of the legend row, pixels.
pub(super) const LEGEND_ROW_PX: u32 = 34;
/// Width of a glyph, pixels.
const GLYPH_PX: i32 = 24;
/// Half-height of a glyph, pixels.
const GLYPH_HALF_PX: i32 = 7;
/// Gap between a glyph and its words, and between items, pixels.
const GAP_PX: i32 = 8;
const ITEM_GAP_PX: i32 = 26;
/// Radius of a dot glyph, pixels.
const DOT_PX: i32 = 6;
/// Line width of a whisker glyph, pixels.
const WHISKER_PX: u32 = 2;

/// What a legend item shows.
#[derive(Debug, Clone, Copy)]
pub(super) enum Glyph {
    /// A shaded band (a range).
    Band(RGBColor),
    /// A solid bar (a mean).
    Bar(RGBColor),
    /// A capped whisker (an interval).
    Whisker,
    /// A filled dot (a point estimate).
    Dot(RGBColor),
}

/// Draws `items` centred in one row at the top of `area`.
pub(super) fn draw_legend_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Glyph, String)],
) -> Result<(), DrawFailure> {
    let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
    let mut widths = Vec::with_capacity(items.len());
    for (_, words) in items {
        widths.push(area.estimate_text_size(words, &font).drawn()?.0 as i32);
    }
    let total: i32 =
        widths.iter().map(|w| GLYPH_PX + GAP_PX + w).sum::<i32>() + ITEM_GAP_PX * (items.len() as i32 - 1).max(0);
    let (width, _) = area.dim_in_pixel();
    let mut x = ((width as i32 - total) / 2).max(0);
    let y = LEGEND_ROW_PX as i32 / 2;
    for ((glyph, words), text_width) in items.iter().zip(widths) {
        draw_glyph(area, *glyph, x, y)?;
        area.draw_text(words, &font, (x + GLYPH_PX + GAP_PX, y)).drawn()?;
        x += GLYPH_PX + GAP_PX + text_width + ITEM_GAP_PX;
    }
    Ok(())
}

fn draw_glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    glyph: Glyph,
    x: i32,
    y: i32,
) -> Result<(), DrawFailure> {
    let (top, bottom) = (y - GLYPH_HALF_PX, y + GLYPH_HALF_PX);
    match glyph {
        Glyph::Band(colour) => area
            .draw(&Rectangle::new(
                [(x, top), (x + GLYPH_PX, bottom)],
                colour.mix(BAND_OPACITY).filled(),
            ))
            .drawn(),
        Glyph::Bar(colour) => area
            .draw(&Rectangle::new(
                [(x, y - GLYPH_HALF_PX / 2), (x + GLYPH_PX, y + GLYPH_HALF_PX / 2)],
                colour.mix(BAR_OPACITY).filled(),
            ))
            .drawn(),
        Glyph::Whisker => {
            let line = BLACK.stroke_width(WHISKER_PX);
            for segment in [
                [(x, y), (x + GLYPH_PX, y)],
                [(x, top), (x, bottom)],
                [(x + GLYPH_PX, top), (x + GLYPH_PX, bottom)],
            ] {
                area.draw(&PathElement::new(segment, line)).drawn()?;
            }
            Ok(())
        }
        Glyph::Dot(colour) => area
            .draw(&Circle::new((x + GLYPH_PX / 2, y), DOT_PX, colour.filled()))
            .drawn(),
    }
}
