//! Calibration chart: model totals (bars, with the precision of the mean as whiskers and the range
//! an observed figure falls in under the model as a band) against observed figures (markers).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::Interval;
use super::style::{
    self, AXIS_TITLE_PX, BAR_OPACITY, GRID, LEGEND_PX, MARGIN_PX, TICK_PX, WHISKER_CAP, X_LABEL_AREA_PX, XyChart,
};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};
use crate::stats::Estimate;

/// Width of the column of item names on the left, pixels.
const NAME_COLUMN_PX: u32 = 280;
/// Gap between an item name and the axis, pixels.
const NAME_GAP_PX: i32 = 12;
/// Height of the legend strip under the chart, pixels.
const LEGEND_STRIP_PX: u32 = 44;
/// Thickness of a bar, as a share of the distance between items.
const BAR_THICKNESS: f64 = 0.5;
/// Thickness of the range band, as a multiple of the bar's (it shows above and below the bar).
const BAND_THICKNESS_SHARE: f64 = 1.6;
/// Room right of the longest bar, whisker or marker for the value label, as a share of the axis.
const VALUE_LABEL_ROOM: f64 = 0.2;
/// Half-size of the target markers, pixels.
const MARKER_PX: i32 = 10;
/// Distance between a whisker's end and its value label, pixels.
const VALUE_LABEL_GAP_PX: i32 = 8;
/// Legend: width of a key (bar or marker), gap from key to text, gap between entries, pixels.
const LEGEND_KEY_PX: i32 = 26;
const LEGEND_KEY_GAP_PX: i32 = 8;
const LEGEND_ENTRY_GAP_PX: i32 = 30;
/// Colour of the observed figures' markers (stands out from the blue bars and black whiskers).
const TARGET_COLOUR: RGBColor = style::REFERENCE;

/// One calibrated total: the model's estimate and the observed figure.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationItem {
    /// What is counted (e.g. `Label::Uses2019` in the chart's language, or a stop-log total).
    pub label: String,
    /// The model's total: mean over replications with its 95 % half-width (NaN: no whisker).
    pub model: Estimate,
    /// The range the observed figure falls in with 95 % probability under the model (one season's
    /// 2.5–97.5 % of simulated totals; for a stop log, the group total's normal range), drawn as a
    /// band; `None`: no band.
    pub range: Option<(f64, f64)>,
    /// The observed figure (same unit as the model).
    pub target: f64,
    /// True when the source only says "more than" the figure (the 2019 press figures do).
    pub target_is_lower_bound: bool,
}

/// Where a calibration chart's observed figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObservedSource {
    /// The published 2019 figures.
    Published2019,
    /// A planners' stop log.
    StopLog,
}

/// Model against observed figures, one row per item, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationComparison {
    /// Optional second line under the title (what was fitted, e.g. "2019 back-test, 400 seasons").
    pub subtitle: Option<String>,
    /// Where the observed figures come from (titles and legend say so).
    pub observed: ObservedSource,
    pub items: Vec<CalibrationItem>,
}

/// Draws the calibration chart (1000×620).
pub fn calibration_chart(comparison: &CalibrationComparison, lang: Lang) -> Result<Chart, ChartError> {
    render(comparison, lang)
}

/// The marker of an observed figure: a diamond for an exact figure, a right-pointing triangle
/// ("more than this") for a lower bound.
fn target_marker(centre: (i32, i32), lower_bound: bool) -> Polygon<(i32, i32)> {
    let (x, y) = centre;
    let r = MARKER_PX;
    let points = if lower_bound {
        vec![(x - r / 2, y - r), (x + r, y), (x - r / 2, y + r)]
    } else {
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    };
    Polygon::new(points, TARGET_COLOUR.filled())
}

impl CalibrationComparison {
    /// y of item `index`: the first item at the top.
    fn row(&self, index: usize) -> f64 {
        (self.items.len() - 1 - index) as f64
    }
}

impl ChartSpec for CalibrationComparison {
    const NAME: &'static str = "calibration";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "items", self.items.len())?;
        check::non_negative(name, "model.mean", self.items.iter().map(|i| i.model.mean))?;
        check::non_negative_or_nan(name, "model.ci95", self.items.iter().map(|i| i.model.ci95))?;
        check::non_negative(name, "target", self.items.iter().map(|i| i.target))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let title = match self.observed {
            ObservedSource::Published2019 => Label::CalibrationTitle,
            ObservedSource::StopLog => Label::CalibrationTitleStopLog,
        };
        let area = style::titled(root, lang.text(title), self.subtitle.as_deref())?;
        let (main, legend) = area.split_vertically(area.dim_in_pixel().1 - LEGEND_STRIP_PX);
        let (names, plot) = main.split_horizontally(NAME_COLUMN_PX);
        let rows = self.draw_plot(&plot, lang)?;
        let (names_x0, _) = names.get_base_pixel();
        for (item, (_, y)) in self.items.iter().zip(rows) {
            style::draw_row_label(
                root,
                &item.label,
                (names_x0 + NAME_COLUMN_PX as i32 - NAME_GAP_PX, y),
                NAME_COLUMN_PX - 2 * NAME_GAP_PX as u32,
            )?;
        }
        self.draw_legend(&legend, lang)
    }
}

impl CalibrationComparison {
    /// Draws bars, whiskers and markers; returns the backend pixel of each item's row.
    fn draw_plot<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> Result<Vec<(i32, i32)>, DrawFailure> {
        let n = self.items.len() as f64;
        let largest = self
            .items
            .iter()
            .map(|i| i.model.high().max(i.target).max(i.range.map_or(0.0, |r| r.1)))
            .fold(0.0, f64::max);
        let x_top = style::axis_top(largest, VALUE_LABEL_ROOM, 1.0);
        let mut chart = ChartBuilder::on(area)
            .margin_right(MARGIN_PX)
            .margin_top(MARGIN_PX / 2)
            .x_label_area_size(X_LABEL_AREA_PX)
            .build_cartesian_2d(0.0..x_top, -0.5..n - 0.5)
            .drawn()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_desc(lang.text(Label::CalibrationCountAxis))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .label_style(style::text_style(TICK_PX))
            .x_label_formatter(&|v| style::tick_label(lang, *v))
            .draw()
            .drawn()?;
        for (index, item) in self.items.iter().enumerate() {
            self.draw_item(&mut chart, index, item, lang)?;
        }
        style::finish_bar_rows(&mut chart, self.items.len())
    }

    fn draw_item<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        index: usize,
        item: &CalibrationItem,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let y = self.row(index);
        let half = BAR_THICKNESS / 2.0;
        let colour = style::series_colour(0);
        if let Some((low, high)) = item.range {
            let band = BAR_THICKNESS * BAND_THICKNESS_SHARE / 2.0;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(low, y - band), (high, y + band)],
                    range_band().filled(),
                )))
                .drawn()?;
        }
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - half), (item.model.mean, y + half)],
                colour.mix(BAR_OPACITY).filled(),
            )))
            .drawn()?;
        style::draw_horizontal_whisker(chart, item.model, y, WHISKER_CAP)?;
        let lower_bound = item.target_is_lower_bound;
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((item.target, y)) + target_marker((0, 0), lower_bound),
            ))
            .drawn()?;
        let decimals = usize::from(item.model.mean < 10.0);
        let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
        let right_end = item.model.high().max(item.target).max(item.range.map_or(0.0, |r| r.1));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((right_end, y))
                    + Text::new(
                        lang.number(item.model.mean, decimals),
                        (VALUE_LABEL_GAP_PX + MARKER_PX, 0),
                        font,
                    ),
            ))
            .drawn()?;
        Ok(())
    }

    /// One centred row of legend entries: the model bar, and the marker kinds that occur.
    fn draw_legend<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
        let whiskers = self.items.iter().any(|i| i.model.ci95.is_finite());
        let bar = if whiskers {
            (
                LegendKey::ModelBar { whisker: true },
                lang.text(Label::CalibrationModel),
            )
        } else {
            (
                LegendKey::ModelBar { whisker: false },
                lang.text(Label::CalibrationModelNoWhisker),
            )
        };
        let mut entries = vec![bar];
        if self.items.iter().any(|i| i.range.is_some()) {
            let label = match self.observed {
                ObservedSource::Published2019 => Label::CalibrationSeasonRange,
                ObservedSource::StopLog => Label::CalibrationStopLogRange,
            };
            entries.push((LegendKey::RangeBand, lang.text(label)));
        }
        let exact = match self.observed {
            ObservedSource::Published2019 => Label::CalibrationTarget,
            ObservedSource::StopLog => Label::CalibrationTargetStopLog,
        };
        for (lower_bound, label) in [(false, exact), (true, Label::CalibrationTargetLowerBound)] {
            if self.items.iter().any(|i| i.target_is_lower_bound == lower_bound) {
                entries.push((LegendKey::Target { lower_bound }, lang.text(label)));
            }
        }
        let mut widths = Vec::new();
        for (_, text) in &entries {
            let (w, _) = area.estimate_text_size(text, &font).drawn()?;
            widths.push(LEGEND_KEY_PX + LEGEND_KEY_GAP_PX + w as i32);
        }
        let total: i32 = widths.iter().sum::<i32>() + LEGEND_ENTRY_GAP_PX * (widths.len() as i32 - 1);
        let y = LEGEND_STRIP_PX as i32 / 2;
        let mut x = ((area.dim_in_pixel().0 as i32 - total) / 2).max(0);
        for ((key, text), width) in entries.iter().zip(widths) {
            key.draw(area, (x, y))?;
            area.draw_text(text, &font, (x + LEGEND_KEY_PX + LEGEND_KEY_GAP_PX, y))
                .drawn()?;
            x += width + LEGEND_ENTRY_GAP_PX;
        }
        Ok(())
    }
}

/// Colour of the range band: the bar's colour, lighter.
fn range_band() -> RGBAColor {
    style::series_colour(0).mix(style::BAND_OPACITY)
}

/// The symbol of a legend entry.
#[derive(Debug, Clone, Copy)]
enum LegendKey {
    /// The model's bar, with the precision whisker across it when the chart draws whiskers.
    ModelBar {
        whisker: bool,
    },
    RangeBand,
    Target {
        lower_bound: bool,
    },
}

impl LegendKey {
    /// Draws the key with its left edge at `x`, centred on `y`.
    fn draw<DB: DrawingBackend>(self, area: &DrawingArea<DB, Shift>, (x, y): (i32, i32)) -> Result<(), DrawFailure> {
        match self {
            LegendKey::ModelBar { whisker } => {
                let colour = style::series_colour(0);
                area.draw(&Rectangle::new(
                    [(x, y - 8), (x + LEGEND_KEY_PX, y + 8)],
                    colour.mix(BAR_OPACITY).filled(),
                ))
                .drawn()?;
                if !whisker {
                    return Ok(());
                }
                area.draw(&PathElement::new(
                    [(x + 4, y), (x + LEGEND_KEY_PX - 4, y)],
                    BLACK.stroke_width(2),
                ))
                .drawn()
            }
            LegendKey::RangeBand => area
                .draw(&Rectangle::new(
                    [(x, y - 11), (x + LEGEND_KEY_PX, y + 11)],
                    range_band().filled(),
                ))
                .drawn(),
            LegendKey::Target { lower_bound } => area
                .draw(&target_marker((x + LEGEND_KEY_PX / 2, y), lower_bound))
                .drawn(),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    /// The 2019 figures (DESIGN §2) against made-up model totals.
    pub(crate) fn sample(lang: Lang) -> CalibrationComparison {
        let item = |label: Label, mean: f64, half, target, lower| CalibrationItem {
            label: label.text(lang).into(),
            model: style::estimate(mean, half),
            // Made-up season ranges: ± 8 % of the mean.
            range: Some((mean * 0.92, mean * 1.08)),
            target,
            target_is_lower_bound: lower,
        };
        CalibrationComparison {
            observed: ObservedSource::Published2019,
            subtitle: None,
            items: vec![
                item(Label::Stops2019, 196.0, 0.0, 196.0, false),
                item(Label::Uses2019, 3712.0, 64.0, 3600.0, true),
                item(Label::ClientsTour2, 1064.0, 31.0, 1000.0, true),
                item(Label::CasesTour2, 842.0, 27.0, 800.0, true),
                item(Label::InfoOnlyTour2, 431.0, 18.0, 400.0, false),
            ],
        }
    }

    #[test]
    fn renders_in_both_languages() {
        let en = calibration_chart(&sample(Lang::En), Lang::En).unwrap();
        assert_chart(
            &en,
            (1000, 620),
            &[
                "Calibration: model against the 2019 figures",
                "Uses, 2019 (whole year)",
                "2019 figure (“more than”)",
                "Model mean; whisker: precision",
                "Band: one season (95 %)",
                "3,712",
            ],
            "en",
        );
        let hu = calibration_chart(&sample(Lang::Hu), Lang::Hu).unwrap();
        assert_chart(
            &hu,
            (1000, 620),
            &[
                "Kalibráció: a modell és a 2019-es adatok",
                "Igénybevételek, 2019 (egész év)",
                "2019-es adat („több mint”)",
                "Darabszám",
                "Sáv: egy szezon (95%)",
                "3712",
            ],
            "hu",
        );
        assert!(hu.svg.contains('é'));
    }

    #[test]
    fn empty_and_bad_inputs_are_errors() {
        let mut empty = sample(Lang::En);
        empty.items.clear();
        assert_eq!(
            calibration_chart(&empty, Lang::En),
            Err(ChartError::Empty {
                chart: "calibration",
                what: "items"
            })
        );
        let mut negative = sample(Lang::En);
        negative.items[0].target = -1.0;
        assert!(matches!(
            calibration_chart(&negative, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
    }
}
