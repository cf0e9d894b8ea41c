//! Alternatives compared (dwell policies, or scenarios): served clients, lost clients and clerk-hours
//! of each, the mean as a bar, one season's range as a shaded band and the precision of the mean as
//! whiskers, with a legend saying which is which.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::check;
use super::error::{DrawFailure, Drawn};
use super::legend_row::{Glyph, draw_legend_row, legend_height};
use super::render::{ChartSpec, render};
use super::style::Interval;
use super::style::{
    self, BAND_OPACITY, BAR_OPACITY, DARK_GREY, GRID, LEGEND_PX, MARGIN_PX, TICK_PX, WHISKER_CAP, XyChart,
};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};
use crate::stats::{Estimate, SeasonRange};

/// Width of the column of policy names on the left, pixels.
const NAME_COLUMN_PX: u32 = 230;
/// Gap between a policy name and the first panel, pixels.
const NAME_GAP_PX: i32 = 10;
/// Panel title size, pixels.
const PANEL_TITLE_PX: u32 = 19;
/// Line height of panel titles, as a multiple of their size.
const PANEL_TITLE_SPACING: f64 = 1.3;
/// Height of the tick-label area under each panel, pixels.
const PANEL_X_LABELS_PX: u32 = 36;
/// Thickness of a season-range band, as a share of the distance between rows.
const BAND_THICKNESS: f64 = 0.6;
/// Thickness of a mean's bar, as a share of the distance between rows (thinner than the band, so
/// that the band shows around it).
const BAR_THICKNESS: f64 = 0.3;
/// Room right of the longest whisker for its value label, as a share of the axis.
const VALUE_LABEL_ROOM: f64 = 0.35;
/// Tick labels per panel axis.
const PANEL_X_TICKS: usize = 4;
/// Right end of each panel's axis kept free of tick labels, as a share of the axis: a label there
/// (about 50 px wide on a panel of about 220 px) would run into the next panel's first label.
const LABEL_FREE_END_SHARE: f64 = 0.15;
/// Distance between a whisker's end and its value label, pixels.
const VALUE_LABEL_GAP_PX: i32 = 6;

/// One season total of an alternative: the mean over replications with its 95 % half-width (the
/// precision; a NaN half-width draws no whisker) and one season's range (none: no band).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    pub estimate: Estimate,
    /// 5th–95th percentile of the per-replication values, in the measure's unit.
    pub range: Option<SeasonRange>,
}

/// Season totals of one alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyResult {
    /// Name of the alternative (e.g. `Label::PolicyDwellBySize` in the chart's language).
    pub policy: String,
    /// Served clients in the season.
    pub served: Measured,
    /// Clients who left unserved (reneged + balked + turned away) in the season.
    pub lost: Measured,
    /// Clerk-hours of the season (clerks × dwell, plus overtime), hours.
    pub clerk_hours: Measured,
}

/// What the alternatives are, for the chart's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alternatives {
    /// The dwell policies of one scenario (`policies`, the report).
    Policies,
    /// Scenarios (`compare`).
    Scenarios,
    /// The points of a grid of key values laid over one scenario (`sweep`).
    Points,
}

/// The alternatives to compare, in display order (top to bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyComparison {
    pub alternatives: Alternatives,
    pub policies: Vec<PolicyResult>,
}

/// Draws the comparison of the alternatives (1000×620).
pub fn policy_chart(comparison: &PolicyComparison, lang: Lang) -> Result<Chart, ChartError> {
    render(comparison, lang)
}

/// The three measures, in panel order.
const PANELS: [Label; 3] = [
    Label::PolicyServedPanel,
    Label::PolicyLostPanel,
    Label::PolicyClerkHoursPanel,
];

impl PolicyResult {
    fn measure(&self, panel: usize) -> Measured {
        [self.served, self.lost, self.clerk_hours][panel]
    }
}

impl Measured {
    /// The right end of what is drawn: the whisker's or the band's.
    fn right(&self) -> f64 {
        self.range
            .map_or(self.estimate.high(), |r| r.p95.max(self.estimate.high()))
    }
}

impl PolicyComparison {
    /// y of policy `index`: the first policy at the top.
    fn row(&self, index: usize) -> f64 {
        (self.policies.len() - 1 - index) as f64
    }
}

impl ChartSpec for PolicyComparison {
    const NAME: &'static str = "policy-comparison";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "policies", self.policies.len())?;
        for (panel, label) in PANELS.iter().enumerate() {
            let what = format!("{label:?}");
            let measures = || self.policies.iter().map(|p| p.measure(panel));
            check::non_negative(name, &what, measures().map(|m| m.estimate.mean))?;
            check::non_negative_or_nan(name, &what, measures().map(|m| m.estimate.ci95))?;
            let ranges = || measures().filter_map(|m| m.range);
            check::non_negative(name, &what, ranges().flat_map(|r| [r.p05, r.p95]))?;
            if ranges().any(|r| r.p05 > r.p95) {
                return Err(ChartError::BadInput {
                    chart: name,
                    problem: format!("{what}: a season range ends below its start"),
                });
            }
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let title = match self.alternatives {
            Alternatives::Policies => Label::PolicyTitle,
            Alternatives::Scenarios => Label::ScenariosTitle,
            Alternatives::Points => Label::PointsTitle,
        };
        let area = style::titled(root, lang.text(title), Some(lang.text(Label::PolicySubtitle)))?;
        let (_, height) = area.dim_in_pixel();
        let items = self.legend_items(lang);
        let (area, legend) = area.split_vertically(height - legend_height(&area, &items)?);
        draw_legend_row(&legend, &items)?;
        let (names, panels_area) = area.split_horizontally(NAME_COLUMN_PX);
        let panels = panels_area.split_evenly((1, PANELS.len()));
        let title_font = style::bold_style(PANEL_TITLE_PX);
        let panel_width = panels_area.dim_in_pixel().0 / PANELS.len() as u32;
        let mut title_lines = Vec::new();
        for label in PANELS {
            title_lines.push(style::wrap_words(
                root,
                lang.text(label),
                &title_font,
                panel_width - MARGIN_PX,
            )?);
        }
        let lines = title_lines.iter().map(Vec::len).max().unwrap_or(1);
        let title_height = (lines as f64 * f64::from(PANEL_TITLE_PX) * PANEL_TITLE_SPACING) as u32;
        let mut row_pixels = Vec::new();
        for (panel, (panel_area, title)) in panels.iter().zip(&title_lines).enumerate() {
            let (title_area, plot_area) = panel_area.split_vertically(title_height);
            draw_panel_title(&title_area, title, &title_font)?;
            let rows = self.draw_panel(&plot_area, panel, lang)?;
            if panel == 0 {
                row_pixels = rows;
            }
        }
        let (names_x0, _) = names.get_base_pixel();
        for (policy, (_, y)) in self.policies.iter().zip(row_pixels) {
            let right = NAME_COLUMN_PX as i32 - NAME_GAP_PX;
            style::draw_row_label(
                root,
                &policy.policy,
                (names_x0 + right, y),
                NAME_COLUMN_PX - 2 * NAME_GAP_PX as u32,
            )?;
        }
        Ok(())
    }
}

/// Writes the lines of a panel title centred in `area`.
/// A panel's tick label, empty near the axis's right end (see [`LABEL_FREE_END_SHARE`]): the grid
/// line stays, the label would touch the next panel's.
fn panel_tick_label(lang: Lang, value: f64, x_top: f64) -> String {
    if value > x_top * (1.0 - LABEL_FREE_END_SHARE) {
        return String::new();
    }
    style::tick_label(lang, value)
}

fn draw_panel_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[String],
    font: &TextStyle,
) -> Result<(), DrawFailure> {
    let (width, _) = area.dim_in_pixel();
    let line_height = (f64::from(PANEL_TITLE_PX) * PANEL_TITLE_SPACING) as i32;
    let centred = font.pos(Pos::new(HPos::Center, VPos::Top));
    for (i, line) in lines.iter().enumerate() {
        area.draw_text(line, &centred, (width as i32 / 2, line_height * i as i32))
            .drawn()?;
    }
    Ok(())
}

impl PolicyComparison {
    /// The legend: the band (when some measure has a range), the bar and the whiskers.
    fn legend_items(&self, lang: Lang) -> Vec<(Glyph, String)> {
        let has_range = self
            .policies
            .iter()
            .any(|p| (0..PANELS.len()).any(|i| p.measure(i).range.is_some()));
        let mut items = Vec::new();
        if has_range {
            items.push((Glyph::Band(DARK_GREY), lang.text(Label::BandSeasonRange).to_string()));
        }
        items.push((Glyph::Bar(DARK_GREY), lang.text(Label::LegendMean).to_string()));
        items.push((Glyph::Whisker, lang.text(Label::SeasonPrecisionWhiskers).to_string()));
        items
    }

    /// Draws one measure's bars; returns the backend pixel of each policy's row (x of 0, y).
    fn draw_panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        panel: usize,
        lang: Lang,
    ) -> Result<Vec<(i32, i32)>, DrawFailure> {
        let n = self.policies.len() as f64;
        let largest = self
            .policies
            .iter()
            .map(|p| p.measure(panel).right())
            .fold(0.0, f64::max);
        let x_top = style::axis_top(largest, VALUE_LABEL_ROOM, 1.0);
        let mut chart = ChartBuilder::on(area)
            .margin_left(MARGIN_PX / 2)
            .margin_right(MARGIN_PX)
            .margin_bottom(MARGIN_PX)
            .x_label_area_size(PANEL_X_LABELS_PX)
            .build_cartesian_2d(0.0..x_top, -0.5..n - 0.5)
            .drawn()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(PANEL_X_TICKS)
            .label_style(style::text_style(TICK_PX))
            .x_label_formatter(&|v| panel_tick_label(lang, *v, x_top))
            .draw()
            .drawn()?;
        for (index, policy) in self.policies.iter().enumerate() {
            self.draw_bar(&mut chart, index, policy.measure(panel), lang)?;
        }
        style::finish_bar_rows(&mut chart, self.policies.len())
    }

    fn draw_bar<DB: DrawingBackend>(
        &self,
        chart: &mut XyChart<'_, DB>,
        index: usize,
        measured: Measured,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let y = self.row(index);
        let colour = style::series_colour(index);
        if let Some(range) = measured.range {
            let half = BAND_THICKNESS / 2.0;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(range.p05, y - half), (range.p95, y + half)],
                    colour.mix(BAND_OPACITY).filled(),
                )))
                .drawn()?;
        }
        let value = measured.estimate;
        let half = BAR_THICKNESS / 2.0;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - half), (value.mean, y + half)],
                colour.mix(BAR_OPACITY).filled(),
            )))
            .drawn()?;
        style::draw_horizontal_whisker(chart, value, y, WHISKER_CAP)?;
        let decimals = usize::from(value.mean < 10.0);
        let text = lang.number(value.mean, decimals);
        let font = style::text_style(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((measured.right(), y)) + Text::new(text, (VALUE_LABEL_GAP_PX, 0), font),
            ))
            .drawn()?;
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    pub(crate) fn sample(lang: Lang) -> PolicyComparison {
        let measured = |mean: f64, ci95: f64, spread: f64| Measured {
            estimate: style::estimate(mean, ci95),
            range: Some(SeasonRange {
                p05: mean * (1.0 - spread),
                p95: mean * (1.0 + spread),
                resolution: 0.0,
            }),
        };
        let policy = |label: Label, served, lost, hours| PolicyResult {
            policy: label.text(lang).into(),
            served: measured(served, 0.02 * served, 0.08),
            lost: measured(lost, 0.15 * lost, 0.6),
            clerk_hours: Measured {
                estimate: style::estimate(hours, f64::NAN),
                range: None,
            },
        };
        PolicyComparison {
            alternatives: Alternatives::Policies,
            policies: vec![
                policy(Label::PolicyDwellBySize, 3480.0, 95.0, 1540.0),
                policy(Label::PolicyDwellFixed, 3390.0, 186.0, 1176.0),
                policy(Label::PolicyDwellDemandDriven, 3525.0, 48.0, 1412.0),
            ],
        }
    }

    #[test]
    fn no_tick_label_at_a_panels_right_end() {
        assert_eq!(panel_tick_label(Lang::En, 4000.0, 4200.0), "");
        assert_eq!(panel_tick_label(Lang::En, 2000.0, 4200.0), "2,000");
        assert_eq!(panel_tick_label(Lang::Hu, 1000.0, 1650.0), "1000");
        assert_eq!(panel_tick_label(Lang::Hu, 1500.0, 1650.0), "");
        assert_eq!(panel_tick_label(Lang::En, 0.0, 100.0), "0");
    }

    #[test]
    fn renders_in_both_languages() {
        let en = policy_chart(&sample(Lang::En), Lang::En).unwrap();
        assert_chart(
            &en,
            (1000, 620),
            &[
                "Dwell policies compared",
                "Served clients",
                "Clerk-hours (h)",
                "Demand-driven dwell",
                "3,480",
                "one season's range (5–95% of seasons)",
                "precision of the mean (95% interval)",
            ],
            "en",
        );
        let hu = policy_chart(&sample(Lang::Hu), Lang::Hu).unwrap();
        assert_chart(
            &hu,
            (1000, 620),
            &[
                "A tartózkodási szabályok összehasonlítása",
                "Kiszolgált ügyfelek",
                "Ügyintézői órák (óra)",
                "Rögzített",
                "3480",
                "egy szezon tartománya (a szezonok 5–95%-a)",
                "az átlag pontossága (95%-os intervallum)",
            ],
            "hu",
        );
        assert!(hu.svg.contains('ő') || hu.svg.contains('ű'));
    }

    #[test]
    fn empty_and_bad_inputs_are_errors() {
        assert_eq!(
            policy_chart(
                &PolicyComparison {
                    alternatives: Alternatives::Scenarios,
                    policies: vec![]
                },
                Lang::En
            ),
            Err(ChartError::Empty {
                chart: "policy-comparison",
                what: "policies"
            })
        );
        let mut negative = sample(Lang::En);
        negative.policies[1].lost.estimate.ci95 = -1.0;
        assert!(matches!(
            policy_chart(&negative, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut nan = sample(Lang::En);
        nan.policies[0].clerk_hours.estimate.mean = f64::NAN;
        assert!(matches!(policy_chart(&nan, Lang::Hu), Err(ChartError::BadInput { .. })));
        let mut upside_down = sample(Lang::En);
        upside_down.policies[0].served.range = Some(SeasonRange {
            p05: 10.0,
            p95: 5.0,
            resolution: 0.0,
        });
        assert!(matches!(
            policy_chart(&upside_down, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
    }
}
