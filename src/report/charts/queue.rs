//! Queue chart: mean number waiting over a stop's opening hours in clock time, a 10–90 % band,
//! closing time marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{
    self, AXIS_TITLE_PX, BAND_OPACITY, GRID, LEGEND_BACKGROUND_OPACITY, LEGEND_PX, LINE_PX, MARGIN_PX, REFERENCE,
    TICK_PX, X_LABEL_AREA_PX, XyChart, Y_LABEL_AREA_PX,
};
use super::{Chart, ChartError};
use crate::report::itinerary::format_clock;
use crate::report::lang::{Label, Lang};

/// Headroom above the highest 90th percentile, as a share of it.
const Y_HEADROOM: f64 = 0.12;
/// Smallest y-axis top (clients), so that an almost empty queue still gets a readable axis.
const MIN_Y_TOP: f64 = 1.0;
/// Dash and gap of the closing-time line, pixels.
const DASH_PX: u32 = 10;
const DASH_GAP_PX: u32 = 6;
/// Clock-time tick steps tried, minutes, shortest first: the first giving at most
/// [`MAX_CLOCK_TICKS`] ticks is used (a 2–4 hour stop gets hourly or half-hourly ticks).
const CLOCK_TICK_STEPS_MIN: [u32; 4] = [30, 60, 120, 180];
/// Most clock-time ticks on the x axis (an `HH:MM` label is about 45 px wide; the axis about 860 px).
const MAX_CLOCK_TICKS: usize = 9;
/// Distance from a tick label to the plot's bottom edge, pixels.
const TICK_GAP_PX: i32 = 6;

/// The queue of one stop over its opening hours, summarised over replications.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueCurve {
    /// Stop shown in the title, e.g. "Kiskőrös, 2020-09-14" (settlement as KSH spells it).
    pub stop_label: String,
    /// Sample times, minutes after opening, strictly increasing, from 0; may run past the dwell
    /// when clients are served in overtime.
    pub minutes: Vec<f64>,
    /// Mean number waiting (not in service) at each sample time, clients.
    pub mean_waiting: Vec<f64>,
    /// 10th percentile over replications of the number waiting, clients.
    pub p10_waiting: Vec<f64>,
    /// 90th percentile over replications of the number waiting, clients.
    pub p90_waiting: Vec<f64>,
    /// Dwell: the door closes this many minutes after opening.
    pub dwell_min: f64,
    /// Opening time of the stop, minutes after midnight: the x axis is labelled in clock time.
    pub opening_min: u32,
}

/// Minutes in a day: the clock-time axis ends at midnight.
const MINUTES_PER_DAY: f64 = 1440.0;

/// Draws the queue chart (1000×620).
pub fn queue_chart(curve: &QueueCurve, lang: Lang) -> Result<Chart, ChartError> {
    render(curve, lang)
}

impl ChartSpec for QueueCurve {
    const NAME: &'static str = "queue";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        let n = self.minutes.len();
        check::non_empty(name, "minutes", n)?;
        check::same_length(name, "mean_waiting", n, self.mean_waiting.len())?;
        check::same_length(name, "p10_waiting", n, self.p10_waiting.len())?;
        check::same_length(name, "p90_waiting", n, self.p90_waiting.len())?;
        check::non_negative(name, "minutes", self.minutes.iter().copied())?;
        check::non_negative(name, "mean_waiting", self.mean_waiting.iter().copied())?;
        check::non_negative(name, "p10_waiting", self.p10_waiting.iter().copied())?;
        check::non_negative(name, "p90_waiting", self.p90_waiting.iter().copied())?;
        check::ordered(name, "10–90% band", &self.p10_waiting, &self.p90_waiting)?;
        check::positive(name, "dwell_min", [self.dwell_min])?;
        let end_of_day = f64::from(self.opening_min) + self.minutes.last().copied().unwrap_or(0.0).max(self.dwell_min);
        if end_of_day > MINUTES_PER_DAY {
            return Err(ChartError::BadInput {
                chart: name,
                problem: "the stop would run past midnight (opening_min plus the minutes shown exceed 24 h)".into(),
            });
        }
        if self.minutes.windows(2).any(|w| w[1] <= w[0]) {
            return Err(ChartError::BadInput {
                chart: name,
                problem: "minutes must be strictly increasing".into(),
            });
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let title = Label::QueueTitle
            .fill(lang, &[("stop", &self.stop_label)])
            .map_err(|e| DrawFailure(e.to_string()))?;
        let area = style::titled(root, &title, None)?;
        let x_end = self.minutes.last().copied().unwrap_or(0.0).max(self.dwell_min);
        let y_top = style::axis_top(
            self.p90_waiting.iter().copied().fold(0.0, f64::max),
            Y_HEADROOM,
            MIN_Y_TOP,
        );
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN_PX)
            .x_label_area_size(X_LABEL_AREA_PX)
            .y_label_area_size(Y_LABEL_AREA_PX)
            .build_cartesian_2d(0.0..x_end, 0.0..y_top)
            .drawn()?;
        let x_title = Label::QueueClockAxis
            .fill(lang, &[("opening", &format_clock(self.opening_min))])
            .map_err(|e| DrawFailure(e.to_string()))?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .disable_x_mesh()
            .x_labels(0)
            .x_desc(x_title)
            .y_desc(lang.text(Label::QueueWaitingAxis))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .label_style(style::text_style(TICK_PX))
            .y_label_formatter(&|v| style::tick_label(lang, *v))
            .draw()
            .drawn()?;
        self.draw_clock_ticks(root, &mut chart, x_end)?;
        self.draw_series(&mut chart, lang)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(style::text_style(LEGEND_PX))
            .background_style(WHITE.mix(LEGEND_BACKGROUND_OPACITY))
            .border_style(style::DARK_GREY)
            .draw()
            .drawn()
    }
}

impl QueueCurve {
    /// Clock-time ticks, minutes after opening: every full step (on the clock: 9:00, 9:30...)
    /// inside `0..=x_end_min`, with the first step giving at most [`MAX_CLOCK_TICKS`].
    pub(super) fn clock_ticks(&self, x_end_min: f64) -> Vec<f64> {
        let ticks = |step: u32| {
            let first = self.opening_min.div_ceil(step) * step;
            let last = (f64::from(self.opening_min) + x_end_min).floor() as u32;
            (first..=last)
                .step_by(step as usize)
                .map(|t| f64::from(t - self.opening_min))
                .collect::<Vec<f64>>()
        };
        CLOCK_TICK_STEPS_MIN
            .iter()
            .map(|&step| ticks(step))
            .find(|t| t.len() <= MAX_CLOCK_TICKS)
            .unwrap_or_else(|| ticks(CLOCK_TICK_STEPS_MIN[CLOCK_TICK_STEPS_MIN.len() - 1]))
    }

    /// Vertical grid lines and `HH:MM` labels at the clock-time ticks.
    fn draw_clock_ticks<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &mut XyChart<'_, DB>,
        x_end_min: f64,
    ) -> Result<(), DrawFailure> {
        let y = chart.y_range();
        let font = style::text_style(TICK_PX).pos(Pos::new(HPos::Center, VPos::Top));
        for t in self.clock_ticks(x_end_min) {
            chart
                .draw_series(std::iter::once(PathElement::new([(t, y.start), (t, y.end)], GRID)))
                .drawn()?;
            let (px, py) = chart.backend_coord(&(t, y.start));
            let clock = format_clock(self.opening_min + t.round() as u32);
            root.draw_text(&clock, &font, (px, py + TICK_GAP_PX)).drawn()?;
        }
        Ok(())
    }

    fn draw_series<DB: DrawingBackend>(&self, chart: &mut XyChart<'_, DB>, lang: Lang) -> Result<(), DrawFailure> {
        let colour = style::series_colour(0);
        let band: Vec<(f64, f64)> = self
            .minutes
            .iter()
            .zip(&self.p90_waiting)
            .map(|(&t, &q)| (t, q))
            .chain(self.minutes.iter().zip(&self.p10_waiting).rev().map(|(&t, &q)| (t, q)))
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(band, colour.mix(BAND_OPACITY).filled())))
            .drawn()?
            .label(lang.text(Label::QueueBand))
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 22, y + 7)], colour.mix(BAND_OPACITY).filled()));
        let mean = self.minutes.iter().copied().zip(self.mean_waiting.iter().copied());
        chart
            .draw_series(LineSeries::new(mean, colour.stroke_width(LINE_PX)))
            .drawn()?
            .label(lang.text(Label::QueueMean))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 22, y)], colour.stroke_width(LINE_PX)));
        self.draw_closing(chart, lang)
    }

    fn draw_closing<DB: DrawingBackend>(&self, chart: &mut XyChart<'_, DB>, lang: Lang) -> Result<(), DrawFailure> {
        let (_, y_range) = (chart.x_range(), chart.y_range());
        let closing_style = REFERENCE.stroke_width(LINE_PX);
        let closing = format_clock(self.opening_min + self.dwell_min.round() as u32);
        let label = Label::QueueClosing
            .fill(
                lang,
                &[("clock", &closing), ("dwell_min", &lang.number(self.dwell_min, 0))],
            )
            .map_err(|e| DrawFailure(e.to_string()))?;
        chart
            .draw_series(DashedLineSeries::new(
                [(self.dwell_min, y_range.start), (self.dwell_min, y_range.end)],
                DASH_PX,
                DASH_GAP_PX,
                closing_style,
            ))
            .drawn()?
            .label(label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 22, y)], closing_style));
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    /// A front-loaded queue at a 3-hour stop in Kiskőrös, with overtime to 190 min.
    pub(crate) fn sample() -> QueueCurve {
        let minutes: Vec<f64> = (0..=38).map(|k| f64::from(k) * 5.0).collect();
        let mean: Vec<f64> = minutes
            .iter()
            .map(|&t| 6.0 * (-t / 50.0).exp() + 1.5 * (1.0 - (-t / 40.0).exp()) * f64::from(u8::from(t < 180.0)))
            .collect();
        QueueCurve {
            stop_label: "Kiskőrös, 2020-09-14".into(),
            p10_waiting: mean.iter().map(|m| (m - 2.0f64).max(0.0)).collect(),
            p90_waiting: mean.iter().map(|m| m + 2.5).collect(),
            mean_waiting: mean,
            minutes,
            dwell_min: 180.0,
            opening_min: 9 * 60,
        }
    }

    #[test]
    fn renders_in_both_languages() {
        let curve = sample();
        let en = queue_chart(&curve, Lang::En).unwrap();
        assert_chart(
            &en,
            (1000, 620),
            &[
                "Queue over the opening hours – Kiskőrös, 2020-09-14",
                "Clock time (the stop opens at 09:00)",
                "10–90% band",
                "Closing time (12:00, after 180 min)",
                "09:00",
                "12:00",
            ],
            "en",
        );
        let hu = queue_chart(&curve, Lang::Hu).unwrap();
        assert_chart(
            &hu,
            (1000, 620),
            &[
                "Sorban állók a nyitvatartás alatt – Kiskőrös, 2020-09-14",
                "Időpont (nyitás 09:00-kor)",
                "Várakozó ügyfelek (nem a pultnál)",
                "Zárás (12:00, 180 perc után)",
                "10:30",
            ],
            "hu",
        );
        assert!(hu.svg.contains('ő'));
    }

    #[test]
    fn ticks_fall_on_the_clock() {
        let mut curve = sample();
        // Opening 9:00, 190 minutes shown: every half hour from 9:00 to 12:00.
        assert_eq!(curve.clock_ticks(190.0), [0.0, 30.0, 60.0, 90.0, 120.0, 150.0, 180.0]);
        // Opening 8:45: the first tick is 9:00, 15 minutes after opening.
        curve.opening_min = 8 * 60 + 45;
        assert_eq!(curve.clock_ticks(100.0), [15.0, 45.0, 75.0]);
        // Six hours: half-hourly would give 13 ticks, hourly gives 7.
        curve.opening_min = 8 * 60;
        assert_eq!(curve.clock_ticks(360.0).len(), 7);
        assert_eq!(curve.clock_ticks(360.0)[1], 60.0);
        curve.opening_min = 23 * 60;
        assert!(matches!(
            queue_chart(&curve, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
    }

    #[test]
    fn empty_and_bad_inputs_are_errors() {
        let mut empty = sample();
        for v in [
            &mut empty.minutes,
            &mut empty.mean_waiting,
            &mut empty.p10_waiting,
            &mut empty.p90_waiting,
        ] {
            v.clear();
        }
        assert_eq!(
            queue_chart(&empty, Lang::En),
            Err(ChartError::Empty {
                chart: "queue",
                what: "minutes"
            })
        );
        let mut short = sample();
        short.p90_waiting.pop();
        assert!(matches!(
            queue_chart(&short, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut crossed = sample();
        crossed.p10_waiting[3] = crossed.p90_waiting[3] + 1.0;
        assert!(matches!(
            queue_chart(&crossed, Lang::Hu),
            Err(ChartError::BadInput { .. })
        ));
        let mut unsorted = sample();
        unsorted.minutes.swap(1, 2);
        assert!(matches!(
            queue_chart(&unsorted, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut nan = sample();
        nan.mean_waiting[0] = f64::NAN;
        assert!(matches!(queue_chart(&nan, Lang::En), Err(ChartError::BadInput { .. })));
    }
}
