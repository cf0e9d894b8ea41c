//! A sweep's chart for one season figure: its mean at each value of the first varied key, one line
//! per combination of the other keys, with the 95 % interval of the mean as whiskers.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{self, AXIS_TITLE_PX, GRID, LEGEND_BACKGROUND_OPACITY, LEGEND_PX, LINE_PX, MARGIN_PX, TICK_PX};
use super::style::{DARK_GREY, Interval, WHISKER_CAP, X_LABEL_AREA_PX, Y_LABEL_AREA_PX};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};
use crate::stats::Estimate;

/// Radius of a point's marker, pixels.
const MARKER_PX: i32 = 5;
/// Room above the highest whisker, as a share of the axis, without a legend.
const HEADROOM: f64 = 0.15;
/// Further room per legend line, as a share of the axis: a legend line is about 22 px of the plot's
/// about 430 px (5 %), so 8 % per line keeps the legend in the upper right clear of the data.
const HEADROOM_PER_LEGEND_LINE: f64 = 0.08;
/// Horizontal offset between the lines at one x value, as a share of the distance between values,
/// so that whiskers of neighbouring lines do not hide one another.
const DODGE: f64 = 0.06;

/// One line of a sweep chart: the figure at each value of the first key, for one combination of
/// the other keys (a NaN half-width draws no whisker).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepLine {
    /// E.g. `demand.dwell_exponent = 0.5` (empty when only one key is varied).
    pub label: String,
    /// One estimate per value of the first key, in order.
    pub points: Vec<Estimate>,
}

/// A sweep chart's input.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepFigure {
    /// File stem, e.g. `sweep-served`.
    pub name: &'static str,
    /// The figure charted, with its unit, in the chart's language (the y axis and the title).
    pub figure: String,
    /// The first varied key (the x axis) and its values as typed.
    pub key: String,
    pub values: Vec<String>,
    pub lines: Vec<SweepLine>,
}

/// Draws one figure of a sweep (1000×620).
pub fn sweep_chart(figure: &SweepFigure, lang: Lang) -> Result<Chart, ChartError> {
    let mut chart = render(figure, lang)?;
    chart.name = figure.name;
    Ok(chart)
}

impl ChartSpec for SweepFigure {
    const NAME: &'static str = "sweep";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "values", self.values.len())?;
        check::non_empty(name, "lines", self.lines.len())?;
        for line in &self.lines {
            check::non_empty(name, "points", line.points.len())?;
            check::non_negative(name, "means", line.points.iter().map(|p| p.mean))?;
            check::non_negative_or_nan(name, "half-widths", line.points.iter().map(|p| p.ci95))?;
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let title = Label::SweepTitle
            .fill(lang, &[("figure", &self.figure)])
            .unwrap_or_else(|_| self.figure.clone());
        let area = style::titled(root, &title, Some(lang.text(Label::SweepSubtitle)))?;
        let n = self.values.len() as f64;
        let largest = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(Interval::high))
            .fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN_PX)
            .x_label_area_size(X_LABEL_AREA_PX)
            .y_label_area_size(Y_LABEL_AREA_PX)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..style::axis_top(largest, self.headroom(), 1.0))
            .drawn()?;
        let values = self.values.clone();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(self.values.len())
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 1e-9 && i >= 0.0 {
                    values.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| style::tick_label(lang, *v))
            .label_style(style::text_style(TICK_PX))
            .x_desc(&self.key)
            .y_desc(&self.figure)
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .draw()
            .drawn()?;
        let lines = self.lines.len() as f64;
        for (index, line) in self.lines.iter().enumerate() {
            let shift = (index as f64 - (lines - 1.0) / 2.0) * DODGE;
            draw_line(&mut chart, line, index, shift)?;
        }
        if self.lines.iter().any(|l| !l.label.is_empty()) {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(style::text_style(LEGEND_PX))
                .background_style(WHITE.mix(LEGEND_BACKGROUND_OPACITY))
                .border_style(DARK_GREY)
                .draw()
                .drawn()?;
        }
        Ok(())
    }
}

impl SweepFigure {
    /// Room above the data: more with a legend, which stands in the upper right.
    fn headroom(&self) -> f64 {
        let legend_lines = self.lines.iter().filter(|l| !l.label.is_empty()).count();
        HEADROOM + HEADROOM_PER_LEGEND_LINE * legend_lines as f64
    }
}

/// One line: the means joined, a marker and a whisker at each point.
fn draw_line<DB: DrawingBackend>(
    chart: &mut style::XyChart<'_, DB>,
    line: &SweepLine,
    index: usize,
    shift: f64,
) -> Result<(), DrawFailure> {
    let colour = style::series_colour(index);
    let at = |i: usize| i as f64 + shift;
    let series = chart
        .draw_series(LineSeries::new(
            line.points.iter().enumerate().map(|(i, p)| (at(i), p.mean)),
            colour.stroke_width(LINE_PX),
        ))
        .drawn()?;
    if !line.label.is_empty() {
        series
            .label(line.label.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(LINE_PX)));
    }
    chart
        .draw_series(
            line.points
                .iter()
                .enumerate()
                .map(|(i, p)| Circle::new((at(i), p.mean), MARKER_PX, colour.filled())),
        )
        .drawn()?;
    for (i, p) in line.points.iter().enumerate().filter(|(_, p)| p.ci95.is_finite()) {
        let x = at(i);
        let cap = WHISKER_CAP / 4.0;
        let (low, high) = (p.low().max(0.0), p.high());
        let whisker = [
            vec![(x, low), (x, high)],
            vec![(x - cap, low), (x + cap, low)],
            vec![(x - cap, high), (x + cap, high)],
        ];
        chart
            .draw_series(
                whisker
                    .into_iter()
                    .map(|path| PathElement::new(path, colour.stroke_width(2))),
            )
            .drawn()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    fn sample() -> SweepFigure {
        let line = |label: &str, base: f64| SweepLine {
            label: label.into(),
            points: (0..3)
                .map(|i| style::estimate(base + 100.0 * f64::from(i), 20.0))
                .collect(),
        };
        SweepFigure {
            name: "sweep-served",
            figure: "served clients".into(),
            key: "bus.clerks".into(),
            values: vec!["1".into(), "2".into(), "3".into()],
            lines: vec![
                line("demand.dwell_exponent = 0", 1000.0),
                line("demand.dwell_exponent = 1", 1500.0),
            ],
        }
    }

    #[test]
    fn draws_in_both_languages_and_refuses_empty_input() {
        for (lang, variant) in [(Lang::En, "en"), (Lang::Hu, "hu")] {
            let chart = sweep_chart(&sample(), lang).unwrap();
            assert_eq!(chart.name, "sweep-served");
            let title = Label::SweepTitle.fill(lang, &[("figure", "served clients")]).unwrap();
            let texts = ["bus.clerks", "demand.dwell_exponent = 1", title.as_str()];
            assert_chart(&chart, style::STANDARD_SIZE_PX, &texts, variant);
        }
        let empty = SweepFigure {
            lines: vec![],
            ..sample()
        };
        assert!(sweep_chart(&empty, Lang::En).is_err());
    }
}
