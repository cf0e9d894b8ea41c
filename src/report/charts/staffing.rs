//! Staffing chart: clerks needed against settlement population (log axis), one series per dwell policy.

use plotters::coord::Shift;
use plotters::coord::combinators::{LogCoord, WithKeyPoints};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{
    self, AXIS_TITLE_PX, DARK_GREY, GRID, LEGEND_BACKGROUND_OPACITY, LEGEND_PX, MARGIN_PX, TICK_PX, X_LABEL_AREA_PX,
    Y_LABEL_AREA_PX,
};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};

/// Horizontal distance between the markers of neighbouring series, pixels: equal answers of
/// different policies stand side by side while every marker stays on its whole clerk count (a
/// shift of 14 px is about 6 % in population on this log axis; the legend says so).
const DODGE_PX: f64 = 14.0;
/// Marker radius / half-size, pixels.
const MARKER_PX: i32 = 6;
/// Padding of the population axis on each side, as a factor on the log scale.
const POPULATION_PAD_FACTOR: f64 = 1.35;
/// Space below 0 and above the top row of the clerk axis, clerks.
const CLERK_AXIS_PAD: f64 = 0.6;
/// Radius of the ring around a borderline stop's marker, pixels (clear of the marker itself).
const BORDERLINE_RING_PX: i32 = MARKER_PX + 4;
/// Half-height of the shaded "target not met" row, clerks (the row sits on a whole number).
const NOT_MET_BAND_HALF: f64 = 0.4;
/// Opacity of the "target not met" row's shading.
const NOT_MET_OPACITY: f64 = 0.1;
/// Dash and gap of the desks line, pixels.
const DASH_PX: u32 = 8;
const DASH_GAP_PX: u32 = 6;

/// One stop (or settlement) of a staffing answer.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingPoint {
    /// Resident population of the settlement (persons).
    pub population: f64,
    /// Fewest clerks that meet the targets; `None` when even `desks` clerks do not.
    pub clerks_needed: Option<u32>,
    /// Too close to call: fewer clerks might meet the targets, but the simulation cannot tell
    /// (drawn with a ring around the marker).
    pub borderline: bool,
}

/// The staffing answers under one dwell policy.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingSeries {
    /// Policy name for the legend (e.g. `Label::PolicyDwellBySize` in the chart's language).
    pub policy: String,
    pub points: Vec<StaffingPoint>,
}

/// Clerks needed against population, one series per dwell policy.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingByPopulation {
    /// Optional second line under the title (the targets, e.g. "80% wait < 20 min, ≤ 5% lost").
    pub subtitle: Option<String>,
    /// Desks on the bus: the most clerks a stop can get; drawn as a dashed line.
    pub desks: u32,
    pub series: Vec<StaffingSeries>,
}

/// Draws the staffing chart (1000×620).
pub fn staffing_chart(staffing: &StaffingByPopulation, lang: Lang) -> Result<Chart, ChartError> {
    render(staffing, lang)
}

type StaffingPlane = Cartesian2d<WithKeyPoints<LogCoord<f64>>, RangedCoordf64>;

/// Tick values on a log axis: 1, 2 and 5 times the powers of ten within `lo..=hi`.
fn one_two_five_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut ticks = Vec::new();
    let mut decade = 10f64.powi(lo.log10().floor() as i32);
    while decade <= hi {
        for step in [1.0, 2.0, 5.0] {
            let tick = decade * step;
            if (lo..=hi).contains(&tick) {
                ticks.push(tick);
            }
        }
        decade *= 10.0;
    }
    ticks
}

impl StaffingByPopulation {
    /// The row of "target not met": one above the desks.
    fn not_met_row(&self) -> f64 {
        f64::from(self.desks) + 1.0
    }

    fn population_range(&self) -> (f64, f64) {
        let populations = self.series.iter().flat_map(|s| s.points.iter().map(|p| p.population));
        let (lo, hi) = populations.fold((f64::INFINITY, 0.0f64), |(lo, hi), p| (lo.min(p), hi.max(p)));
        (lo / POPULATION_PAD_FACTOR, hi * POPULATION_PAD_FACTOR)
    }

    /// Horizontal pixel offset of series `index` out of `count`, centred on the population.
    fn dodge_px(index: usize, count: usize) -> i32 {
        ((index as f64 - (count as f64 - 1.0) / 2.0) * DODGE_PX).round() as i32
    }

    /// Where each point of series `index` is drawn: (population, whole clerk row), the row above the
    /// desks for "not met". The y value is always a whole number of clerks.
    pub(super) fn rows(&self, series: &StaffingSeries) -> Vec<(f64, f64)> {
        series
            .points
            .iter()
            .map(|p| (p.population, p.clerks_needed.map_or(self.not_met_row(), f64::from)))
            .collect()
    }

    /// y label: whole clerk counts; the row above the desks reads "> desks".
    fn clerk_label(&self, lang: Lang, value: f64) -> String {
        if !style::is_whole(value) || value < 0.0 {
            return String::new();
        }
        if value.round() == self.not_met_row() {
            return format!("> {}", self.desks);
        }
        if value.round() > self.not_met_row() {
            return String::new();
        }
        lang.number(value, 0)
    }
}

impl ChartSpec for StaffingByPopulation {
    const NAME: &'static str = "staffing";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "series", self.series.len())?;
        for series in &self.series {
            check::non_empty(name, "a series' points", series.points.len())?;
            check::positive(name, "population", series.points.iter().map(|p| p.population))?;
            if let Some(p) = series
                .points
                .iter()
                .find(|p| p.clerks_needed.is_some_and(|c| c > self.desks))
            {
                return Err(ChartError::BadInput {
                    chart: name,
                    problem: format!(
                        "series `{}`: {} clerks needed, more than the {} desks",
                        series.policy,
                        p.clerks_needed.unwrap_or_default(),
                        self.desks
                    ),
                });
            }
        }
        if self.desks == 0 {
            return Err(ChartError::BadInput {
                chart: name,
                problem: "desks must be at least 1".into(),
            });
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let area = style::titled(root, lang.text(Label::StaffingTitle), self.subtitle.as_deref())?;
        let (pop_lo, pop_hi) = self.population_range();
        let y_top = self.not_met_row() + CLERK_AXIS_PAD;
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN_PX)
            .x_label_area_size(X_LABEL_AREA_PX)
            .y_label_area_size(Y_LABEL_AREA_PX)
            .build_cartesian_2d(
                (pop_lo..pop_hi)
                    .log_scale()
                    .with_key_points(one_two_five_ticks(pop_lo, pop_hi)),
                -CLERK_AXIS_PAD..y_top,
            )
            .drawn()?;
        let clerk_label = |v: &f64| self.clerk_label(lang, *v);
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_desc(lang.text(Label::StaffingPopulationAxis))
            .y_desc(lang.text(Label::StaffingClerksAxis))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .label_style(style::text_style(TICK_PX))
            .x_label_formatter(&|v| lang.number(*v, 0))
            .y_labels((y_top + CLERK_AXIS_PAD).ceil() as usize * 2)
            .y_label_formatter(&clerk_label)
            .draw()
            .drawn()?;
        self.draw_not_met(&mut chart, pop_lo, pop_hi, lang)?;
        self.draw_desks(&mut chart, pop_lo, pop_hi, lang)?;
        for (index, series) in self.series.iter().enumerate() {
            self.draw_policy(&mut chart, index, series)?;
        }
        self.draw_borderline(&mut chart, lang)?;
        self.draw_side_by_side_note(&mut chart, lang)?;
        chart
            .configure_series_labels()
            // Small settlements need few clerks and large ones more: the lower right stays empty.
            .position(SeriesLabelPosition::LowerRight)
            .label_font(style::text_style(LEGEND_PX))
            .background_style(WHITE.mix(LEGEND_BACKGROUND_OPACITY))
            .border_style(DARK_GREY)
            .draw()
            .drawn()
    }
}

/// Marker shape of a series, so that series differ in print without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Circle,
    Square,
    Triangle,
}

impl Shape {
    fn of_series(index: usize) -> Self {
        [Shape::Circle, Shape::Square, Shape::Triangle][index % 3]
    }
}

/// Draws `points` with `shape`; when `label` is given, adds a legend entry with the same marker.
fn draw_markers<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, StaffingPlane>,
    points: &[(f64, f64)],
    dx: i32,
    shape: Shape,
    style: ShapeStyle,
    label: Option<&str>,
) -> Result<(), DrawFailure> {
    let r = MARKER_PX;
    let corners = [(dx - r + 1, -r + 1), (dx + r - 1, r - 1)];
    let points = points.iter().copied();
    let anno = match shape {
        Shape::Circle => chart.draw_series(points.map(|p| EmptyElement::at(p) + Circle::new((dx, 0), r, style))),
        Shape::Square => chart.draw_series(points.map(|p| EmptyElement::at(p) + Rectangle::new(corners, style))),
        Shape::Triangle => {
            chart.draw_series(points.map(|p| EmptyElement::at(p) + TriangleMarker::new((dx, 0), r + 1, style)))
        }
    }
    .drawn()?;
    let corners = [(-r + 1, -r + 1), (r - 1, r - 1)];
    let Some(label) = label else { return Ok(()) };
    let anno = anno.label(label);
    match shape {
        Shape::Circle => anno.legend(move |(x, y)| Circle::new((x + 11, y), r, style)),
        Shape::Square => anno.legend(move |(x, y)| EmptyElement::at((x + 11, y)) + Rectangle::new(corners, style)),
        Shape::Triangle => anno.legend(move |(x, y)| TriangleMarker::new((x + 11, y), r + 1, style)),
    };
    Ok(())
}

impl StaffingByPopulation {
    fn draw_policy<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut ChartContext<'a, DB, StaffingPlane>,
        index: usize,
        series: &StaffingSeries,
    ) -> Result<(), DrawFailure> {
        let colour = style::series_colour(index);
        let shape = Shape::of_series(index);
        let dx = Self::dodge_px(index, self.series.len());
        // Met and not met look the same (filled, as in the legend); the "> desks" row says which.
        draw_markers(
            chart,
            &self.rows(series),
            dx,
            shape,
            colour.filled(),
            Some(&series.policy),
        )
    }

    fn draw_desks<DB: DrawingBackend>(
        &self,
        chart: &mut ChartContext<'_, DB, StaffingPlane>,
        pop_lo: f64,
        pop_hi: f64,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let desks = f64::from(self.desks) + 0.5;
        let line = DARK_GREY.stroke_width(2);
        let label = Label::StaffingDesks
            .fill(lang, &[("desks", &self.desks.to_string())])
            .map_err(|e| DrawFailure(e.to_string()))?;
        chart
            .draw_series(DashedLineSeries::new(
                [(pop_lo, desks), (pop_hi, desks)],
                DASH_PX,
                DASH_GAP_PX,
                line,
            ))
            .drawn()?
            .label(label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 22, y)], line));
        Ok(())
    }

    /// A ring around every borderline stop's marker, with one legend entry (none when no stop is).
    fn draw_borderline<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut ChartContext<'a, DB, StaffingPlane>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let count = self.series.len();
        let rings: Vec<((f64, f64), i32)> = self
            .series
            .iter()
            .enumerate()
            .flat_map(|(index, s)| {
                let dx = Self::dodge_px(index, count);
                let rows = self.rows(s);
                s.points
                    .iter()
                    .zip(rows)
                    .filter(|(p, _)| p.borderline)
                    .map(move |(_, at)| (at, dx))
            })
            .collect();
        if rings.is_empty() {
            return Ok(());
        }
        let ring = BLACK.stroke_width(2);
        chart
            .draw_series(
                rings
                    .iter()
                    .map(|&(at, dx)| EmptyElement::at(at) + Circle::new((dx, 0), BORDERLINE_RING_PX, ring)),
            )
            .drawn()?
            .label(lang.text(Label::StaffingBorderline))
            .legend(move |(x, y)| Circle::new((x + 11, y), BORDERLINE_RING_PX, ring));
        Ok(())
    }

    /// A light band behind the "> desks" row with its legend entry (none when every stop is met).
    fn draw_not_met<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut ChartContext<'a, DB, StaffingPlane>,
        pop_lo: f64,
        pop_hi: f64,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        if self
            .series
            .iter()
            .all(|s| s.points.iter().all(|p| p.clerks_needed.is_some()))
        {
            return Ok(());
        }
        let label = Label::StaffingNotMet
            .fill(lang, &[("desks", &self.desks.to_string())])
            .map_err(|e| DrawFailure(e.to_string()))?;
        let row = self.not_met_row();
        let shade = DARK_GREY.mix(NOT_MET_OPACITY).filled();
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(pop_lo, row - NOT_MET_BAND_HALF), (pop_hi, row + NOT_MET_BAND_HALF)],
                shade,
            )))
            .drawn()?
            .label(label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 22, y + 7)], shade));
        Ok(())
    }

    /// A legend line saying that equal answers stand side by side (only with several series).
    fn draw_side_by_side_note<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut ChartContext<'a, DB, StaffingPlane>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        if self.series.len() < 2 {
            return Ok(());
        }
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
            .drawn()?
            .label(lang.text(Label::StaffingSideBySide))
            .legend(|(x, y)| EmptyElement::at((x, y)));
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    pub(crate) fn sample() -> StaffingByPopulation {
        let populations = [250.0, 800.0, 1500.0, 2800.0, 5200.0, 9100.0, 16_500.0, 29_306.0];
        let by_size = [1, 1, 1, 1, 2, 2, 2, 2];
        let fixed: [Option<u32>; 8] = [Some(1), Some(1), Some(1), Some(2), Some(2), Some(2), None, None];
        let demand = [1, 1, 1, 1, 1, 2, 2, 2];
        let points = |f: &dyn Fn(usize) -> Option<u32>| {
            populations
                .iter()
                .enumerate()
                .map(|(i, &population)| StaffingPoint {
                    population,
                    clerks_needed: f(i),
                    borderline: i == 4,
                })
                .collect()
        };
        StaffingByPopulation {
            subtitle: Some("80% wait < 20 min, ≤ 5% lost".into()),
            desks: 2,
            series: vec![
                StaffingSeries {
                    policy: Label::PolicyDwellBySize.text(Lang::En).into(),
                    points: points(&|i| Some(by_size[i])),
                },
                StaffingSeries {
                    policy: Label::PolicyDwellFixed.text(Lang::En).into(),
                    points: points(&|i| fixed[i]),
                },
                StaffingSeries {
                    policy: Label::PolicyDwellDemandDriven.text(Lang::En).into(),
                    points: points(&|i| Some(demand[i])),
                },
            ],
        }
    }

    fn in_hungarian(mut staffing: StaffingByPopulation) -> StaffingByPopulation {
        let names = [
            Label::PolicyDwellBySize,
            Label::PolicyDwellFixed,
            Label::PolicyDwellDemandDriven,
        ];
        for (series, name) in staffing.series.iter_mut().zip(names) {
            series.policy = name.text(Lang::Hu).into();
        }
        staffing.subtitle = Some("80% 20 percen belül, legfeljebb 5% távozik".into());
        staffing
    }

    #[test]
    fn renders_in_both_languages() {
        let en = staffing_chart(&sample(), Lang::En).unwrap();
        assert_chart(
            &en,
            (1000, 620),
            &[
                "Clerks needed by settlement population",
                "Settlement population (log scale)",
                "Dwell by settlement size",
                "Target not met with 2 desks",
                "> 2",
            ],
            "en",
        );
        let hu = staffing_chart(&in_hungarian(sample()), Lang::Hu).unwrap();
        assert_chart(
            &hu,
            (1000, 620),
            &[
                "Szükséges ügyintézők a település lakosságszáma szerint",
                "Szükséges ügyintézők (fő)",
                "Igényhez igazított tartózkodási idő",
                "2 pulttal a cél nem teljesül",
            ],
            "hu",
        );
        assert!(hu.svg.contains('ő'));
    }

    #[test]
    fn log_ticks_are_one_two_five() {
        assert_eq!(
            one_two_five_ticks(150.0, 30_000.0),
            vec![200.0, 500.0, 1000.0, 2000.0, 5000.0, 10_000.0, 20_000.0]
        );
        assert_eq!(one_two_five_ticks(1000.0, 1000.0), vec![1000.0]);
    }

    #[test]
    fn dodge_centres_the_series_sideways() {
        assert_eq!(StaffingByPopulation::dodge_px(0, 1), 0);
        assert_eq!(StaffingByPopulation::dodge_px(0, 3), -14);
        assert_eq!(StaffingByPopulation::dodge_px(1, 3), 0);
        assert_eq!(StaffingByPopulation::dodge_px(2, 3), 14);
    }

    #[test]
    fn points_lie_on_whole_clerks() {
        let staffing = sample();
        for series in &staffing.series {
            let rows = staffing.rows(series);
            for ((_, clerks), point) in rows.iter().zip(&series.points) {
                assert_eq!(clerks.fract(), 0.0, "{clerks} clerks is not whole");
                let expected = point.clerks_needed.map_or(3.0, f64::from);
                assert_eq!(*clerks, expected);
            }
        }
        // Every policy's markers are filled like its legend key: no hollow (fill="none") marker of
        // a series colour is drawn.
        let chart = staffing_chart(&staffing, Lang::En).unwrap();
        assert!(chart.svg.contains("equal answers stand side by side"));
    }

    #[test]
    fn empty_and_bad_inputs_are_errors() {
        let mut none = sample();
        none.series.clear();
        assert_eq!(
            staffing_chart(&none, Lang::En),
            Err(ChartError::Empty {
                chart: "staffing",
                what: "series"
            })
        );
        let mut no_points = sample();
        no_points.series[1].points.clear();
        assert!(matches!(
            staffing_chart(&no_points, Lang::En),
            Err(ChartError::Empty { .. })
        ));
        let mut too_many = sample();
        too_many.series[0].points[0].clerks_needed = Some(3);
        assert!(matches!(
            staffing_chart(&too_many, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut zero_pop = sample();
        zero_pop.series[0].points[0].population = 0.0;
        assert!(matches!(
            staffing_chart(&zero_pop, Lang::Hu),
            Err(ChartError::BadInput { .. })
        ));
    }
}
