//! Paired differences to the baseline: one strip per headline measure, one row per alternative, a
//! dot at the mean difference coloured by what it says (better, worse, no clear difference) and a
//! whisker for its 95 % interval adjusted for the number of comparisons, around a zero line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::check;
use super::error::{DrawFailure, Drawn};
use super::legend_row::{Glyph, draw_legend_row, legend_height};
use super::render::{ChartSpec, render};
use super::style::{self, DARK_GREY, GRID, LEGEND_PX, MARGIN_PX, TICK_PX, XyChart};
use super::{Chart, ChartError};
use crate::report::lang::{FillError, Label, Lang};

/// Size of the chart, pixels: the standard width, taller than the standard charts to hold four
/// strips.
const SIZE_PX: (u32, u32) = (1000, 760);
/// Width of the column of names on the left, pixels.
const NAME_COLUMN_PX: u32 = 230;
/// Gap between a name and its strip, pixels.
const NAME_GAP_PX: i32 = 10;
/// Height of a strip's title, pixels.
const STRIP_TITLE_PX: u32 = 26;
/// Size of a strip's title text, pixels.
const STRIP_TITLE_TEXT_PX: u32 = 18;
/// Height of a strip's tick labels, pixels.
const STRIP_X_LABELS_PX: u32 = 28;
/// Tick labels per strip.
const STRIP_X_TICKS: usize = 7;
/// Room beyond the widest interval on each side, as a share of it.
const SIDE_ROOM: f64 = 0.15;
/// Room above the top row for its value label, in row units.
const LABEL_HEADROOM_ROWS: f64 = 0.35;
/// Beyond this share of the half-axis from 0, a value label is aligned to its whisker's outer end
/// (so that it stays inside the plot) instead of centred on the dot.
const LABEL_OUTER_SHARE: f64 = 0.5;
/// Radius of a mean's dot, pixels.
const DOT_PX: i32 = 7;
/// Half-height of a whisker's caps, in row units.
const CAP: f64 = 0.18;
/// Line width of whiskers and the zero line, pixels.
const LINE_PX: u32 = 2;
/// Distance between the top of a whisker's caps and the value label above it, pixels.
const VALUE_LABEL_GAP_PX: i32 = 5;

/// Colour of a difference that favours the alternative (Okabe–Ito bluish green).
const BETTER: RGBColor = RGBColor(0, 158, 115);
/// Colour of a difference against the alternative (Okabe–Ito vermillion).
const WORSE: RGBColor = RGBColor(213, 94, 0);
/// Colour of a difference whose interval contains 0.
const UNCLEAR: RGBColor = RGBColor(140, 140, 140);

/// What a paired difference says about the alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DifferenceVerdict {
    /// The whole interval is on the better side of 0.
    Better,
    /// The whole interval is on the worse side of 0.
    Worse,
    /// The interval contains 0 (or the measure has no better side).
    Unclear,
}

impl DifferenceVerdict {
    fn colour(self) -> RGBColor {
        match self {
            DifferenceVerdict::Better => BETTER,
            DifferenceVerdict::Worse => WORSE,
            DifferenceVerdict::Unclear => UNCLEAR,
        }
    }
}

/// One alternative's paired difference on one measure, in the measure's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedDifference {
    /// Mean of the per-replication differences (alternative − baseline).
    pub mean: f64,
    /// Half-width of the adjusted 95 % interval (0: the difference never varied).
    pub half_width: f64,
    pub verdict: DifferenceVerdict,
}

/// One strip: a measure and its decimals in the value labels.
#[derive(Debug, Clone, PartialEq)]
pub struct DifferenceMeasure {
    /// Title of the strip (e.g. "Served clients").
    pub title: String,
    /// Decimals of the value labels.
    pub decimals: usize,
}

/// One alternative: its name and one difference per measure.
#[derive(Debug, Clone, PartialEq)]
pub struct DifferenceRow {
    pub name: String,
    /// In the order of [`PairedDifferences::measures`].
    pub differences: Vec<PairedDifference>,
}

/// The alternatives' differences to the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedDifferences {
    /// Name of the baseline (the first alternative).
    pub baseline: String,
    /// Comparisons with the baseline the intervals are adjusted for (Bonferroni).
    pub comparisons: usize,
    pub measures: Vec<DifferenceMeasure>,
    /// The alternatives other than the baseline, top to bottom.
    pub rows: Vec<DifferenceRow>,
}

/// Alternatives the standard height has room for; each further one adds [`EXTRA_ROW_PX`] to every
/// strip (a sweep compares up to 63 points with the first).
const ROWS_IN_STANDARD_SIZE: usize = 3;
/// Height a further alternative adds to each strip, pixels: room for its value label and dot.
const EXTRA_ROW_PX: u32 = 40;

/// Draws the paired differences (1000×760, taller for more than three alternatives).
pub fn differences_chart(differences: &PairedDifferences, lang: Lang) -> Result<Chart, ChartError> {
    render(differences, lang)
}

impl ChartSpec for PairedDifferences {
    const NAME: &'static str = "differences";
    const SIZE_PX: (u32, u32) = SIZE_PX;

    fn size_px(&self) -> (u32, u32) {
        let extra_rows = self.rows.len().saturating_sub(ROWS_IN_STANDARD_SIZE) * self.measures.len();
        let extra_px = u32::try_from(extra_rows)
            .unwrap_or(u32::MAX)
            .saturating_mul(EXTRA_ROW_PX);
        (SIZE_PX.0, SIZE_PX.1.saturating_add(extra_px))
    }

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "alternatives", self.rows.len())?;
        check::non_empty(name, "measures", self.measures.len())?;
        for row in &self.rows {
            check::same_length(name, &row.name, self.measures.len(), row.differences.len())?;
            check::finite(name, &row.name, row.differences.iter().map(|d| d.mean))?;
            check::non_negative(name, &row.name, row.differences.iter().map(|d| d.half_width))?;
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let title = self
            .texts(lang, Label::DifferencesTitle)
            .map_err(|e| fill_failure(&e))?;
        let subtitle = self
            .texts(lang, Label::DifferencesSubtitle)
            .map_err(|e| fill_failure(&e))?;
        let area = style::titled(root, &title, Some(&subtitle))?;
        let (_, height) = area.dim_in_pixel();
        let interval = self
            .texts(lang, Label::DifferencesWhisker)
            .map_err(|e| fill_failure(&e))?;
        let items = [
            (Glyph::Dot(BETTER), lang.text(Label::DifferencesBetter).to_string()),
            (Glyph::Dot(WORSE), lang.text(Label::DifferencesWorse).to_string()),
            (Glyph::Dot(UNCLEAR), lang.text(Label::DifferencesUnclear).to_string()),
            (Glyph::Whisker, interval),
        ];
        let (area, legend) = area.split_vertically(height - legend_height(&area, &items)?);
        draw_legend_row(&legend, &items)?;
        let strips = area.split_evenly((self.measures.len(), 1));
        for (index, strip) in strips.iter().enumerate() {
            self.draw_strip(strip, index, lang)?;
        }
        Ok(())
    }
}

fn fill_failure(e: &FillError) -> DrawFailure {
    DrawFailure(format!("{e}"))
}

impl PairedDifferences {
    /// A label filled with the baseline's name and the number of comparisons (each as it uses them).
    fn texts(&self, lang: Lang, label: Label) -> Result<String, FillError> {
        let comparisons = self.comparisons.to_string();
        let all = [
            ("baseline", self.baseline.as_str()),
            ("comparisons", comparisons.as_str()),
        ];
        let used = label.placeholders(lang);
        let values: Vec<(&str, &str)> = all.into_iter().filter(|(n, _)| used.contains(n)).collect();
        label.fill(lang, &values)
    }

    /// y of alternative `index`: the first at the top.
    fn row_y(&self, index: usize) -> f64 {
        (self.rows.len() - 1 - index) as f64
    }

    fn draw_strip<DB: DrawingBackend>(
        &self,
        strip: &DrawingArea<DB, Shift>,
        measure: usize,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let (title_area, body) = strip.split_vertically(STRIP_TITLE_PX);
        let font = style::bold_style(STRIP_TITLE_TEXT_PX).pos(Pos::new(HPos::Left, VPos::Center));
        title_area
            .draw_text(
                &self.measures[measure].title,
                &font,
                (NAME_COLUMN_PX as i32, STRIP_TITLE_PX as i32 / 2),
            )
            .drawn()?;
        let (names, plot) = body.split_horizontally(NAME_COLUMN_PX);
        let widest = self
            .rows
            .iter()
            .map(|r| r.differences[measure].mean.abs() + r.differences[measure].half_width)
            .fold(0.0, f64::max);
        let side = if widest > 0.0 { widest * (1.0 + SIDE_ROOM) } else { 1.0 };
        let n = self.rows.len() as f64;
        let mut chart = ChartBuilder::on(&plot)
            .margin_right(MARGIN_PX)
            .margin_bottom(MARGIN_PX / 3)
            .x_label_area_size(STRIP_X_LABELS_PX)
            .build_cartesian_2d(-side..side, -0.5..n - 0.5 + LABEL_HEADROOM_ROWS)
            .drawn()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(STRIP_X_TICKS)
            .label_style(style::text_style(TICK_PX))
            .x_label_formatter(&|v| signed(lang, *v, tick_decimals(*v)))
            .draw()
            .drawn()?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                [(0.0, -0.5), (0.0, n - 0.5 + LABEL_HEADROOM_ROWS)],
                DARK_GREY.stroke_width(LINE_PX),
            )))
            .drawn()?;
        for (index, row) in self.rows.iter().enumerate() {
            draw_difference(
                &mut chart,
                row.differences[measure],
                (self.row_y(index), side),
                self.measures[measure].decimals,
                lang,
            )?;
        }
        let (strip_x0, strip_y0) = strip.get_base_pixel();
        let right = names.get_base_pixel().0 - strip_x0 + NAME_COLUMN_PX as i32 - NAME_GAP_PX;
        for (index, row) in self.rows.iter().enumerate() {
            let y = chart.backend_coord(&(0.0, self.row_y(index))).1 - strip_y0;
            let width = NAME_COLUMN_PX - 2 * NAME_GAP_PX as u32;
            style::draw_row_label(strip, &row.name, (right, y), width)?;
        }
        Ok(())
    }
}

/// Decimals of a tick label: as [`style::tick_label`] chooses them.
fn tick_decimals(value: f64) -> usize {
    if style::is_whole(value) {
        0
    } else if style::is_whole(value * 10.0) {
        1
    } else {
        2
    }
}

/// `value` with its sign: "+12", "−3", "0".
fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = lang.number(value, decimals);
    let zero = lang.number(0.0, decimals);
    if value > 0.0 && text != zero {
        format!("+{text}")
    } else {
        text
    }
}

fn draw_difference<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    d: PairedDifference,
    (y, side): (f64, f64),
    decimals: usize,
    lang: Lang,
) -> Result<(), DrawFailure> {
    let colour = d.verdict.colour();
    if d.half_width > 0.0 {
        let (low, high) = (d.mean - d.half_width, d.mean + d.half_width);
        let line = BLACK.stroke_width(LINE_PX);
        let segments = [
            [(low, y), (high, y)],
            [(low, y - CAP), (low, y + CAP)],
            [(high, y - CAP), (high, y + CAP)],
        ];
        chart
            .draw_series(segments.into_iter().map(|s| PathElement::new(s, line)))
            .drawn()?;
    }
    let text = if d.half_width > 0.0 {
        format!(
            "{} ({} … {})",
            signed(lang, d.mean, decimals),
            signed(lang, d.mean - d.half_width, decimals),
            signed(lang, d.mean + d.half_width, decimals)
        )
    } else {
        signed(lang, d.mean, decimals)
    };
    let (anchor, x) = if d.mean > LABEL_OUTER_SHARE * side {
        (HPos::Right, d.mean + d.half_width)
    } else if d.mean < -LABEL_OUTER_SHARE * side {
        (HPos::Left, d.mean - d.half_width)
    } else {
        (HPos::Center, d.mean)
    };
    let font = style::text_style(LEGEND_PX).pos(Pos::new(anchor, VPos::Bottom));
    chart
        .draw_series(std::iter::once(Circle::new((d.mean, y), DOT_PX, colour.filled())))
        .drawn()?;
    chart
        .draw_series(std::iter::once(
            EmptyElement::at((x, y + CAP)) + Text::new(text, (0, -VALUE_LABEL_GAP_PX), font),
        ))
        .drawn()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    fn sample() -> PairedDifferences {
        let d = |mean, half_width, verdict| PairedDifference {
            mean,
            half_width,
            verdict,
        };
        let measure = |title: &str, decimals| DifferenceMeasure {
            title: title.into(),
            decimals,
        };
        PairedDifferences {
            baseline: "2020-plan".into(),
            comparisons: 2,
            measures: vec![measure("Served clients", 0), measure("Mean wait (min)", 1)],
            rows: vec![
                DifferenceRow {
                    name: "whatif-3-desks".into(),
                    differences: vec![
                        d(46.0, 12.0, DifferenceVerdict::Better),
                        d(-3.3, 0.4, DifferenceVerdict::Better),
                    ],
                },
                DifferenceRow {
                    name: "whatif-winter".into(),
                    differences: vec![
                        d(-4.0, 9.0, DifferenceVerdict::Unclear),
                        d(0.6, 0.2, DifferenceVerdict::Worse),
                    ],
                },
            ],
        }
    }

    #[test]
    fn the_chart_grows_with_the_alternatives_beyond_three() {
        let mut many = sample();
        assert_eq!(differences_chart(&many, Lang::En).unwrap().height_px, SIZE_PX.1);
        let row = many.rows[0].clone();
        many.rows = (0..8)
            .map(|i| DifferenceRow {
                name: format!("point {i}"),
                ..row.clone()
            })
            .collect();
        let chart = differences_chart(&many, Lang::En).unwrap();
        let extra = (8 - ROWS_IN_STANDARD_SIZE) * many.measures.len();
        assert_eq!(chart.height_px, SIZE_PX.1 + EXTRA_ROW_PX * extra as u32);
        assert_eq!(chart.width_px, SIZE_PX.0);
    }

    #[test]
    fn renders_in_both_languages() {
        let en = differences_chart(&sample(), Lang::En).unwrap();
        assert_chart(
            &en,
            SIZE_PX,
            &[
                "Paired differences to “2020-plan”",
                "better",
                "no clear difference (the interval contains 0)",
                "95% interval, adjusted for 2 comparisons",
                "+46 (+34 … +58)",
                "−3.3 (−3.7 … −2.9)",
                "whatif-winter",
            ],
            "en",
        );
        let hu = differences_chart(&sample(), Lang::Hu).unwrap();
        assert_chart(
            &hu,
            SIZE_PX,
            &[
                "Páros eltérések a(z) „2020-plan” változattól",
                "jobb",
                "nincs egyértelmű eltérés (az intervallum tartalmazza a 0-t)",
                "−3,3 (−3,7 … −2,9)",
            ],
            "hu",
        );
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut empty = sample();
        empty.rows.clear();
        assert!(matches!(
            differences_chart(&empty, Lang::En),
            Err(ChartError::Empty { .. })
        ));
        let mut short = sample();
        short.rows[0].differences.pop();
        assert!(matches!(
            differences_chart(&short, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut negative = sample();
        negative.rows[1].differences[0].half_width = -1.0;
        assert!(matches!(
            differences_chart(&negative, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
    }
}
