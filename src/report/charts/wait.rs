//! Wait chart: histogram of the waits of served clients, their cumulative share, and the target line.

use plotters::chart::DualCoordChartContext;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{
    self, AXIS_TITLE_PX, BAR_OPACITY, GRID, LEGEND_BACKGROUND_OPACITY, LEGEND_PX, LINE_PX, MARGIN_PX, REFERENCE,
    TICK_PX, X_LABEL_AREA_PX, Y_LABEL_AREA_PX,
};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};
use crate::stats::Histogram;

/// Headroom above the tallest bar, as a share of it.
const Y_HEADROOM: f64 = 0.12;
/// Share of a bin's width left empty between neighbouring bars.
const BAR_GAP_SHARE: f64 = 0.08;
/// Grey of the overflow bar (waits beyond the regular bins).
const OVERFLOW: RGBColor = RGBColor(150, 150, 150);
/// Radius of the cumulative-share markers, pixels.
const MARKER_PX: u32 = 4;
/// Percent scale.
const PERCENT: f64 = 100.0;
/// Grid lines of both y axes (0 %, 20 %, ... 100 % on the right): the left axis is scaled so that
/// its ticks fall on the same heights, and one grid serves both.
const GRID_INTERVALS: usize = 5;

/// Top of the left axis (percent per bin): `GRID_INTERVALS` × the smallest 1–2–5 step that leaves
/// [`Y_HEADROOM`] above `max_percent`, so that its ticks sit at the heights of the right axis's.
fn aligned_top(max_percent: f64) -> f64 {
    let needed = (max_percent * (1.0 + Y_HEADROOM) / GRID_INTERVALS as f64).max(f64::MIN_POSITIVE);
    let decade = 10f64.powf(needed.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&v| v >= needed * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade);
    step * GRID_INTERVALS as f64
}

/// Waits of the served clients, pooled over stops and replications, as a histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitDistribution {
    /// Optional second line under the title (scenario, policy, clerks...).
    pub subtitle: Option<String>,
    /// Width of each bin, minutes.
    pub bin_width_min: f64,
    /// Served clients per bin `[k·w, (k+1)·w)`; the last entry counts the waits at or beyond the
    /// regular bins (the layout of `stats::Histogram`). At least one regular bin plus the overflow.
    pub counts: Vec<u64>,
    /// Service target, minutes (e.g. 20): drawn as a vertical line; must lie within the regular bins.
    pub target_min: f64,
}

/// Draws the wait chart (1000×620).
pub fn wait_chart(waits: &WaitDistribution, lang: Lang) -> Result<Chart, ChartError> {
    render(waits, lang)
}

impl WaitDistribution {
    /// The chart input from the experiment's wait histogram (minutes), with the service target.
    pub fn from_histogram(waits: &Histogram, target_min: f64, subtitle: Option<String>) -> Self {
        Self {
            subtitle,
            bin_width_min: waits.bin_width,
            counts: waits.counts.clone(),
            target_min,
        }
    }

    /// Number of regular bins (without the overflow bin).
    fn regular_bins(&self) -> usize {
        self.counts.len().saturating_sub(1)
    }

    /// Waits at or beyond this are in the overflow bin, minutes.
    fn overflow_from_min(&self) -> f64 {
        self.regular_bins() as f64 * self.bin_width_min
    }

    fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Share of served clients who waited less than `limit_min`: exact at a bin edge, otherwise
    /// interpolated linearly inside the bin (waits taken as spread evenly over the bin).
    pub fn share_below(&self, limit_min: f64) -> f64 {
        let position = (limit_min / self.bin_width_min).clamp(0.0, self.regular_bins() as f64);
        let whole_bins = position.floor() as usize;
        let below: u64 = self.counts[..whole_bins].iter().sum();
        let partial = match self.counts.get(whole_bins) {
            Some(&c) if whole_bins < self.regular_bins() => (position - whole_bins as f64) * c as f64,
            _ => 0.0,
        };
        (below as f64 + partial) / self.total() as f64
    }

    /// Percent of served clients in each bin (overflow last).
    fn bin_percents(&self) -> Vec<f64> {
        let total = self.total() as f64;
        self.counts.iter().map(|&c| PERCENT * c as f64 / total).collect()
    }

    /// (right edge of regular bin k, percent who waited less than it), for every regular bin.
    fn cumulative_percents(&self) -> Vec<(f64, f64)> {
        let total = self.total() as f64;
        let mut running = 0u64;
        self.counts[..self.regular_bins()]
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                running += c;
                ((k + 1) as f64 * self.bin_width_min, PERCENT * running as f64 / total)
            })
            .collect()
    }
}

impl ChartSpec for WaitDistribution {
    const NAME: &'static str = "wait-distribution";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "counts", self.counts.len())?;
        if self.counts.len() < 2 {
            return Err(ChartError::BadInput {
                chart: name,
                problem: "counts needs at least one regular bin and the overflow bin".into(),
            });
        }
        if self.total() == 0 {
            return Err(ChartError::Empty {
                chart: name,
                what: "counts (no served client)",
            });
        }
        check::positive(name, "bin_width_min", [self.bin_width_min])?;
        check::positive(name, "target_min", [self.target_min])?;
        if self.target_min > self.overflow_from_min() {
            return Err(ChartError::BadInput {
                chart: name,
                problem: format!(
                    "target_min = {} lies beyond the regular bins (they end at {} min)",
                    self.target_min,
                    self.overflow_from_min()
                ),
            });
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let area = style::titled(root, lang.text(Label::WaitTitle), self.subtitle.as_deref())?;
        let percents = self.bin_percents();
        let x_end = self.overflow_from_min() + self.bin_width_min;
        let y_top = aligned_top(percents.iter().copied().fold(0.0, f64::max));
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN_PX)
            .x_label_area_size(X_LABEL_AREA_PX)
            .y_label_area_size(Y_LABEL_AREA_PX)
            .right_y_label_area_size(Y_LABEL_AREA_PX)
            .build_cartesian_2d(0.0..x_end, 0.0..y_top)
            .drawn()?
            .set_secondary_coord(0.0..x_end, 0.0..PERCENT);
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_desc(lang.text(Label::WaitAxis))
            .y_desc(lang.text(Label::WaitShareAxis))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .label_style(style::text_style(TICK_PX))
            .x_label_formatter(&|v| style::tick_label(lang, *v))
            .y_labels(GRID_INTERVALS + 1)
            .y_label_formatter(&|v| style::tick_label(lang, *v))
            .draw()
            .drawn()?;
        chart
            .configure_secondary_axes()
            .y_labels(GRID_INTERVALS + 1)
            .y_desc(lang.text(Label::WaitCumulativeAxis))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .label_style(style::text_style(TICK_PX))
            .y_label_formatter(&|v| style::tick_label(lang, *v))
            .draw()
            .drawn()?;
        self.draw_bars(&mut chart, &percents, lang)?;
        self.draw_cumulative(&mut chart, lang)?;
        self.draw_target(&mut chart, y_top, lang)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::MiddleRight)
            .label_font(style::text_style(LEGEND_PX))
            .background_style(WHITE.mix(LEGEND_BACKGROUND_OPACITY))
            .border_style(style::DARK_GREY)
            .draw()
            .drawn()
    }
}

/// The chart with a percent-share left axis and a cumulative-percent right axis.
type WaitChart<'a, DB> = DualCoordChartContext<'a, DB, Plane, Plane>;
/// Plain f64 × f64 coordinates.
type Plane = Cartesian2d<RangedCoordf64, RangedCoordf64>;

impl WaitDistribution {
    fn draw_bars<DB: DrawingBackend>(
        &self,
        chart: &mut WaitChart<'_, DB>,
        percents: &[f64],
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let w = self.bin_width_min;
        let gap = w * BAR_GAP_SHARE / 2.0;
        let bar = |k: usize, p: f64, colour: ShapeStyle| {
            Rectangle::new([(k as f64 * w + gap, 0.0), ((k + 1) as f64 * w - gap, p)], colour)
        };
        let colour = style::series_colour(0);
        let regular = self.regular_bins();
        let bars_label = Label::WaitBars
            .fill(lang, &[("bin_min", &style::tick_label(lang, w))])
            .map_err(|e| DrawFailure(e.to_string()))?;
        chart
            .draw_series(
                percents[..regular]
                    .iter()
                    .enumerate()
                    .map(|(k, &p)| bar(k, p, colour.mix(BAR_OPACITY).filled())),
            )
            .drawn()?
            .label(bars_label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 22, y + 7)], colour.mix(BAR_OPACITY).filled()));
        let overflow_label = Label::WaitOverflow
            .fill(
                lang,
                &[("limit_min", &style::tick_label(lang, self.overflow_from_min()))],
            )
            .map_err(|e| DrawFailure(e.to_string()))?;
        chart
            .draw_series(std::iter::once(bar(regular, percents[regular], OVERFLOW.filled())))
            .drawn()?
            .label(overflow_label)
            .legend(|(x, y)| Rectangle::new([(x, y - 7), (x + 22, y + 7)], OVERFLOW.filled()));
        Ok(())
    }

    fn draw_cumulative<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut WaitChart<'a, DB>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let points = self.cumulative_percents();
        let line = BLACK.stroke_width(LINE_PX - 1);
        chart
            .draw_secondary_series(LineSeries::new(points.iter().copied(), line))
            .drawn()?
            .label(lang.text(Label::WaitCumulative))
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new([(0, 0), (22, 0)], line)
                    + Circle::new((11, 0), MARKER_PX, BLACK.filled())
            });
        chart
            .draw_secondary_series(points.iter().map(|&p| Circle::new(p, MARKER_PX, BLACK.filled())))
            .drawn()?;
        Ok(())
    }

    fn draw_target<DB: DrawingBackend>(
        &self,
        chart: &mut WaitChart<'_, DB>,
        y_top: f64,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let share = lang.percent(self.share_below(self.target_min), 0);
        let label = Label::WaitTarget
            .fill(
                lang,
                &[
                    ("target_min", &style::tick_label(lang, self.target_min)),
                    ("share", &share),
                ],
            )
            .map_err(|e| DrawFailure(e.to_string()))?;
        let target_style = REFERENCE.stroke_width(LINE_PX);
        chart
            .draw_series(std::iter::once(PathElement::new(
                [(self.target_min, 0.0), (self.target_min, y_top)],
                target_style,
            )))
            .drawn()?
            .label(label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 22, y)], target_style));
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    #[test]
    fn both_axes_share_their_grid_heights() {
        assert_eq!(aligned_top(65.0), 100.0);
        assert_eq!(aligned_top(8.0), 10.0);
        assert_eq!(aligned_top(30.0), 50.0);
        assert_eq!(aligned_top(0.4), 0.5);
        // plotters puts the ticks of both axes at the same fractions of the height.
        for max in [0.4, 3.0, 8.0, 17.0, 30.0, 65.0, 99.0] {
            let top = aligned_top(max);
            assert!(top >= max * (1.0 + Y_HEADROOM) - 1e-9, "{max}: top {top}");
            let left: Vec<f64> = RangedCoordf64::from(0.0..top).key_points(GRID_INTERVALS + 1);
            let right: Vec<f64> = RangedCoordf64::from(0.0..PERCENT).key_points(GRID_INTERVALS + 1);
            assert_eq!(left.len(), right.len(), "{max}: {left:?} vs {right:?}");
            for (l, r) in left.iter().zip(&right) {
                assert!((l / top - r / PERCENT).abs() < 1e-9, "{max}: {left:?} vs {right:?}");
            }
        }
    }

    /// Waits in 5-minute bins up to 60 min, then the overflow bin.
    pub(crate) fn sample() -> WaitDistribution {
        WaitDistribution {
            subtitle: Some("2 ügyintéző, 2020-as terv".into()),
            bin_width_min: 5.0,
            counts: vec![420, 160, 130, 100, 80, 60, 40, 30, 20, 15, 10, 5, 30],
            target_min: 20.0,
        }
    }

    #[test]
    fn share_below_matches_hand_counts() {
        let waits = sample();
        let total = 1100.0;
        // Below 20 min: the first four bins, 420 + 160 + 130 + 100 = 810.
        assert!((waits.share_below(20.0) - 810.0 / total).abs() < 1e-12);
        // Below 22.5 min: plus half of the 80 in [20, 25).
        assert!((waits.share_below(22.5) - 850.0 / total).abs() < 1e-12);
        // Below 60 min: everything except the 30 in the overflow bin.
        assert!((waits.share_below(60.0) - 1070.0 / total).abs() < 1e-12);
        let cumulative = waits.cumulative_percents();
        assert_eq!(cumulative.len(), 12);
        assert_eq!(cumulative[0], (5.0, 100.0 * 420.0 / total));
    }

    #[test]
    fn takes_the_experiment_histogram() {
        let mut h = Histogram::new(5.0, 12);
        for w in [0.0, 0.0, 3.0, 19.9, 20.0, 75.0] {
            h.add(w);
        }
        let waits = WaitDistribution::from_histogram(&h, 20.0, None);
        assert_eq!(waits.counts.len(), 13);
        // Four of the six waited less than 20 min (0, 0, 3, 19.9); 20 and 75 did not.
        assert!((waits.share_below(20.0) - 4.0 / 6.0).abs() < 1e-12);
        assert!((waits.share_below(20.0) - h.share_below(20.0)).abs() < 1e-12);
        assert_eq!(waits.counts[12], 1);
    }

    #[test]
    fn renders_in_both_languages() {
        let waits = sample();
        let en = wait_chart(&waits, Lang::En).unwrap();
        assert_chart(
            &en,
            (1000, 620),
            &[
                "Waiting time of served clients",
                "Waiting time (min)",
                "Target: 20 min (74% wait less)",
                "60 min or longer (last bar)",
            ],
            "en",
        );
        let hu = wait_chart(&waits, Lang::Hu).unwrap();
        assert_chart(
            &hu,
            (1000, 620),
            &[
                "A kiszolgált ügyfelek várakozási ideje",
                "Várakozási idő (perc)",
                "Cél: 20 perc (74% vár kevesebbet)",
                "Ennél rövidebb ideig várt (jobb tengely)",
                "2 ügyintéző, 2020-as terv",
            ],
            "hu",
        );
        assert!(hu.svg.contains('ő'));
    }

    #[test]
    fn empty_and_bad_inputs_are_errors() {
        let mut empty = sample();
        empty.counts.clear();
        assert_eq!(
            wait_chart(&empty, Lang::En),
            Err(ChartError::Empty {
                chart: "wait-distribution",
                what: "counts"
            })
        );
        let mut nobody = sample();
        nobody.counts.iter_mut().for_each(|c| *c = 0);
        assert!(matches!(wait_chart(&nobody, Lang::Hu), Err(ChartError::Empty { .. })));
        let mut beyond = sample();
        beyond.target_min = 90.0;
        assert!(matches!(
            wait_chart(&beyond, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut zero_width = sample();
        zero_width.bin_width_min = 0.0;
        assert!(matches!(
            wait_chart(&zero_width, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
    }
}
