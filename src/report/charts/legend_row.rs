//! A legend as rows of glyphs and words under a chart, for charts whose series are rows (bars per
//! alternative) and whose legend explains the marks rather than the series; items that do not fit
//! in the chart's width go on to the next row.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::{DrawFailure, Drawn};
use super::style::{self, BAND_OPACITY, BAR_OPACITY, LEGEND_PX};

/// Height of one legend row, pixels.
const LEGEND_ROW_PX: u32 = 34;
/// Empty space kept at each side of the legend, pixels.
const SIDE_PX: i32 = 12;
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

/// Widths of the items (glyph, gap and words), pixels.
fn item_widths<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Glyph, String)],
) -> Result<Vec<i32>, DrawFailure> {
    let font = style::text_style(LEGEND_PX);
    items
        .iter()
        .map(|(_, words)| Ok(GLYPH_PX + GAP_PX + area.estimate_text_size(words, &font).drawn()?.0 as i32))
        .collect()
}

/// The items of each row: as many as fit in `width_px` (minus the sides), at least one per row.
pub(super) fn rows_of(widths: &[i32], width_px: i32) -> Vec<std::ops::Range<usize>> {
    let room = width_px - 2 * SIDE_PX;
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, &w) in widths.iter().enumerate() {
        let needed = if i == start { w } else { used + ITEM_GAP_PX + w };
        if i > start && needed > room {
            rows.push(start..i);
            start = i;
            used = w;
        } else {
            used = needed;
        }
    }
    if start < widths.len() {
        rows.push(start..widths.len());
    }
    rows
}

/// Height the legend needs in `area`'s width, pixels: one [`LEGEND_ROW_PX`] per row.
pub(super) fn legend_height<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Glyph, String)],
) -> Result<u32, DrawFailure> {
    let widths = item_widths(area, items)?;
    let rows = rows_of(&widths, area.dim_in_pixel().0 as i32).len().max(1);
    Ok(LEGEND_ROW_PX * rows as u32)
}

/// Draws `items` in rows centred in `area` (as tall as [`legend_height`] says).
pub(super) fn draw_legend_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Glyph, String)],
) -> Result<(), DrawFailure> {
    let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
    let widths = item_widths(area, items)?;
    let (width, _) = area.dim_in_pixel();
    for (row, range) in rows_of(&widths, width as i32).into_iter().enumerate() {
        let row_widths = &widths[range.clone()];
        let total: i32 = row_widths.iter().sum::<i32>() + ITEM_GAP_PX * (row_widths.len() as i32 - 1).max(0);
        let mut x = ((width as i32 - total) / 2).max(SIDE_PX);
        let y = LEGEND_ROW_PX as i32 * row as i32 + LEGEND_ROW_PX as i32 / 2;
        for ((glyph, words), item_width) in items[range].iter().zip(row_widths) {
            draw_glyph(area, *glyph, x, y)?;
            area.draw_text(words, &font, (x + GLYPH_PX + GAP_PX, y)).drawn()?;
            x += item_width + ITEM_GAP_PX;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_wrap_to_the_width() {
        // 976 px of room (1000 minus the sides): 300 + 26 + 300 + 26 + 300 fits, a fourth does not.
        assert_eq!(rows_of(&[300, 300, 300, 300], 1000), vec![0..3, 3..4]);
        assert_eq!(rows_of(&[100, 100], 1000), vec![0..2]);
        // An item wider than the room still gets a row of its own.
        assert_eq!(rows_of(&[2000, 100], 1000), vec![0..1, 1..2]);
        assert!(rows_of(&[], 1000).is_empty());
    }
}
