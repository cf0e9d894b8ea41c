//! Season chart: clients per week over the season, the mean with one season's range as a band and its precision as whiskers.

use jiff::civil::Date;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::check;
use super::error::{DrawFailure, Drawn};
use super::render::{ChartSpec, render};
use super::style::{
    self, AXIS_TITLE_PX, BAND_OPACITY, DARK_GREY, GRID, LEGEND_BACKGROUND_OPACITY, LEGEND_PX, LINE_PX, MARGIN_PX,
    TICK_PX, X_LABEL_AREA_PX, XyChart, Y_LABEL_AREA_PX,
};
use super::{Chart, ChartError};
use crate::report::lang::{Label, Lang};

/// Most week ticks on the x axis (a date label is about 70 px wide; the axis about 860 px).
const MAX_WEEK_LABELS: usize = 10;
/// Headroom above the band, as a share of its top, so that the legend does not hide data.
const Y_HEADROOM: f64 = 0.3;
/// Radius of the weekly markers, pixels.
const MARKER_PX: u32 = 4;
/// Line width of the precision whiskers, pixels.
const WHISKER_PX: u32 = 1;
/// Width of a whisker's end caps, pixels.
const WHISKER_CAP_PX: u32 = 6;
/// Opacity of the shading of weeks without stops (light grey, below the band's strength).
const NO_STOPS_OPACITY: f64 = 0.12;

/// What the band around the weekly mean shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandKind {
    /// 95 % confidence interval of the mean.
    Ci95,
    /// 10th to 90th percentile of the replications.
    P10P90,
    /// One season's range: 5th to 95th percentile of the replications.
    SeasonRange,
}

impl BandKind {
    fn label(self) -> Label {
        match self {
            BandKind::Ci95 => Label::BandCi95,
            BandKind::P10P90 => Label::BandP10P90,
            BandKind::SeasonRange => Label::BandSeasonRange,
        }
    }
}

/// Clients of one week of the season, summarised over replications.
#[derive(Debug, Clone, PartialEq)]
pub struct SeasonWeek {
    /// First day (Monday) of the week.
    pub week_start: Date,
    /// Mean clients (arrivals) that week.
    pub mean_clients: f64,
    /// Lower end of the band, clients.
    pub band_low: f64,
    /// Upper end of the band, clients.
    pub band_high: f64,
    /// Half-width of the 95 % confidence interval of the mean, clients: the whiskers (0: none drawn).
    pub precision_half_width: f64,
    /// The season has stops this week; a week without stops breaks the line and the band and is
    /// shaded instead of being drawn as 0 clients joined to its neighbours.
    pub has_stops: bool,
}

/// Clients per week over the season.
#[derive(Debug, Clone, PartialEq)]
pub struct SeasonWeeks {
    /// What `band_low..band_high` means.
    pub band: BandKind,
    /// Weeks in calendar order (weeks without stops included, with 0 clients and `has_stops` false).
    pub weeks: Vec<SeasonWeek>,
}

/// Draws the season chart (1000×620).
pub fn season_chart(season: &SeasonWeeks, lang: Lang) -> Result<Chart, ChartError> {
    render(season, lang)
}

impl SeasonWeeks {
    /// "2020" or "2020–2021", for the axis title.
    fn years(&self) -> String {
        let first = self.weeks.first().map(|w| w.week_start.year());
        let last = self.weeks.last().map(|w| w.week_start.year());
        match (first, last) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    }

    fn week_label(&self, lang: Lang, x: f64) -> String {
        let index = x.round();
        if !style::is_whole(x) || index < 0.0 {
            return String::new();
        }
        self.weeks
            .get(index as usize)
            .map(|w| lang.short_date(w.week_start))
            .unwrap_or_default()
    }
}

impl ChartSpec for SeasonWeeks {
    const NAME: &'static str = "season";
    const SIZE_PX: (u32, u32) = style::STANDARD_SIZE_PX;

    fn check(&self) -> Result<(), ChartError> {
        let name = Self::NAME;
        check::non_empty(name, "weeks", self.weeks.len())?;
        check::non_negative(name, "mean_clients", self.weeks.iter().map(|w| w.mean_clients))?;
        check::non_negative(name, "band_low", self.weeks.iter().map(|w| w.band_low))?;
        check::non_negative(name, "band_high", self.weeks.iter().map(|w| w.band_high))?;
        let low: Vec<f64> = self.weeks.iter().map(|w| w.band_low).collect();
        let high: Vec<f64> = self.weeks.iter().map(|w| w.band_high).collect();
        check::ordered(name, "band", &low, &high)?;
        check::non_negative(
            name,
            "precision_half_width",
            self.weeks.iter().map(|w| w.precision_half_width),
        )?;
        if self.weeks.windows(2).any(|w| w[1].week_start <= w[0].week_start) {
            return Err(ChartError::BadInput {
                chart: name,
                problem: "weeks must be in calendar order, each week once".into(),
            });
        }
        Ok(())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure> {
        let area = style::titled(root, lang.text(Label::SeasonTitle), None)?;
        let n = self.weeks.len() as f64;
        let top = self
            .weeks
            .iter()
            .map(|w| w.band_high.max(w.mean_clients + w.precision_half_width))
            .fold(0.0, f64::max);
        let x_title = Label::SeasonWeekAxis
            .fill(lang, &[("year", &self.years())])
            .map_err(|e| DrawFailure(e.to_string()))?;
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN_PX)
            .x_label_area_size(X_LABEL_AREA_PX)
            .y_label_area_size(Y_LABEL_AREA_PX)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..style::axis_top(top, Y_HEADROOM, 1.0))
            .drawn()?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_desc(x_title)
            .y_desc(lang.text(Label::SeasonClientsAxis))
            .axis_desc_style(style::text_style(AXIS_TITLE_PX))
            .label_style(style::text_style(TICK_PX))
            // plotters puts ticks at round numbers; only whole ones (weeks) get a date.
            .x_labels(MAX_WEEK_LABELS)
            .x_label_formatter(&|x| self.week_label(lang, *x))
            .y_label_formatter(&|v| style::tick_label(lang, *v))
            .draw()
            .drawn()?;
        self.draw_series(&mut chart, lang)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(style::text_style(LEGEND_PX))
            .background_style(WHITE.mix(LEGEND_BACKGROUND_OPACITY))
            .border_style(DARK_GREY)
            .draw()
            .drawn()
    }
}

impl SeasonWeeks {
    /// Runs of consecutive weeks with stops, as index ranges: the line and the band are drawn per
    /// run, so that a week without stops breaks them.
    pub(super) fn runs_with_stops(&self) -> Vec<std::ops::Range<usize>> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, w) in self.weeks.iter().enumerate() {
            match (w.has_stops, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    runs.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            runs.push(s..self.weeks.len());
        }
        runs
    }

    fn draw_series<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut XyChart<'a, DB>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        self.draw_weeks_without_stops(chart, lang)?;
        let colour = style::series_colour(0);
        let runs = self.runs_with_stops();
        let indexed = |r: &std::ops::Range<usize>| {
            let r = r.clone();
            self.weeks[r.clone()].iter().zip(r).map(|(w, i)| (i as f64, w))
        };
        let bands = runs.iter().map(|r| {
            let band: Vec<(f64, f64)> = indexed(r)
                .map(|(x, w)| (x, w.band_high))
                .chain(indexed(r).rev().map(|(x, w)| (x, w.band_low)))
                .collect();
            Polygon::new(band, colour.mix(BAND_OPACITY).filled())
        });
        chart
            .draw_series(bands)
            .drawn()?
            .label(lang.text(self.band.label()))
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 22, y + 7)], colour.mix(BAND_OPACITY).filled()));
        let line = colour.stroke_width(LINE_PX);
        let lines = runs
            .iter()
            .map(|r| PathElement::new(indexed(r).map(|(x, w)| (x, w.mean_clients)).collect::<Vec<_>>(), line));
        chart
            .draw_series(lines)
            .drawn()?
            .label(lang.text(Label::SeasonMean))
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new([(0, 0), (22, 0)], line)
                    + Circle::new((11, 0), MARKER_PX, colour.filled())
            });
        let markers = runs.iter().flat_map(indexed);
        chart
            .draw_series(markers.map(|(x, w)| Circle::new((x, w.mean_clients), MARKER_PX, colour.filled())))
            .drawn()?;
        self.draw_precision(chart, lang)
    }

    /// A light grey column over each week without stops, with its legend entry (none when every
    /// week has stops).
    fn draw_weeks_without_stops<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut XyChart<'a, DB>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let empty: Vec<usize> = (0..self.weeks.len()).filter(|&i| !self.weeks[i].has_stops).collect();
        if empty.is_empty() {
            return Ok(());
        }
        let top = chart.y_range().end;
        let shade = DARK_GREY.mix(NO_STOPS_OPACITY).filled();
        chart
            .draw_series(
                empty
                    .iter()
                    .map(|&i| Rectangle::new([(i as f64 - 0.5, 0.0), (i as f64 + 0.5, top)], shade)),
            )
            .drawn()?
            .label(lang.text(Label::SeasonNoStops))
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 22, y + 7)], shade));
        Ok(())
    }

    /// The precision of each week's mean as whiskers (weeks without stops have none).
    fn draw_precision<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut XyChart<'a, DB>,
        lang: Lang,
    ) -> Result<(), DrawFailure> {
        let whisker = BLACK.stroke_width(WHISKER_PX);
        let with_whiskers = self
            .weeks
            .iter()
            .enumerate()
            .filter(|(_, w)| w.precision_half_width > 0.0);
        chart
            .draw_series(with_whiskers.map(|(i, w)| {
                ErrorBar::new_vertical(
                    i as f64,
                    w.mean_clients - w.precision_half_width,
                    w.mean_clients,
                    w.mean_clients + w.precision_half_width,
                    whisker,
                    WHISKER_CAP_PX,
                )
            }))
            .drawn()?
            .label(lang.text(Label::SeasonPrecisionWhiskers))
            .legend(move |(x, y)| PathElement::new([(x + 11, y - 7), (x + 11, y + 7)], whisker));
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::report::charts::testing::assert_chart;

    /// Twelve weeks from Monday 7 September 2020, with one week without stops.
    pub(crate) fn sample() -> SeasonWeeks {
        let start = jiff::civil::date(2020, 9, 7);
        let means = [62.0, 75.0, 81.0, 0.0, 70.0, 88.0, 93.0, 79.0, 85.0, 66.0, 71.0, 58.0];
        SeasonWeeks {
            band: BandKind::P10P90,
            weeks: means
                .iter()
                .enumerate()
                .map(|(i, &m)| SeasonWeek {
                    week_start: start.checked_add(jiff::Span::new().weeks(i as i64)).unwrap(),
                    mean_clients: m,
                    band_low: m * 0.82,
                    band_high: m * 1.18,
                    precision_half_width: m * 0.03,
                    has_stops: m > 0.0,
                })
                .collect(),
        }
    }

    #[test]
    fn renders_in_both_languages() {
        let en = season_chart(&sample(), Lang::En).unwrap();
        assert_chart(
            &en,
            (1000, 620),
            &[
                "Clients per week over the season",
                "Week starting on (2020)",
                "10–90% of replications",
                "precision of the mean (95% interval)",
                "7 Sep",
                "week without stops (line broken)",
            ],
            "en",
        );
        let mut ci = sample();
        ci.band = BandKind::SeasonRange;
        let hu = season_chart(&ci, Lang::Hu).unwrap();
        assert_chart(
            &hu,
            (1000, 620),
            &[
                "Ügyfelek hetente a szezon során",
                "A hét első napja (2020)",
                "Ügyfelek hetente (fő)",
                "egy szezon tartománya (a szezonok 5–95%-a)",
                "az átlag pontossága (95%-os intervallum)",
                "szept. 7.",
                "megálló nélküli hét (a vonal megszakad)",
            ],
            "hu",
        );
        assert!(hu.svg.contains('ő'));
    }

    #[test]
    fn a_week_without_stops_breaks_the_line() {
        // The sample's fourth week (index 3) has no stops: two runs, 0..3 and 4..12.
        let season = sample();
        assert_eq!(season.runs_with_stops(), [0..3, 4..12]);
        let chart = season_chart(&season, Lang::En).unwrap();
        // One path per run (and none joining week 2 to week 4), one shaded column.
        let mean_paths = chart.svg.matches("<polyline").count();
        assert!(mean_paths >= 2, "{mean_paths} polylines");
        let mut all = sample();
        all.weeks.iter_mut().for_each(|w| w.has_stops = true);
        assert_eq!(all.runs_with_stops(), vec![0..12]);
        let mut edges = sample();
        edges.weeks[0].has_stops = false;
        edges.weeks[11].has_stops = false;
        assert_eq!(edges.runs_with_stops(), [1..3, 4..11]);
        let no_shade = season_chart(&all, Lang::En).unwrap();
        assert!(!no_shade.svg.contains("week without stops"));
    }

    #[test]
    fn years_span_the_season() {
        let mut long = sample();
        let last = long.weeks[11].clone();
        for k in 1..=18 {
            let mut w = last.clone();
            w.week_start = last.week_start.checked_add(jiff::Span::new().weeks(k)).unwrap();
            long.weeks.push(w);
        }
        assert_eq!(long.weeks.len(), 30);
        assert_eq!(long.years(), "2020–2021");
        assert_eq!(sample().years(), "2020");
        assert_eq!(long.week_label(Lang::En, 29.0), "29 Mar");
        assert_eq!(long.week_label(Lang::En, 2.5), "");
        assert_eq!(long.week_label(Lang::En, 30.0), "");
    }

    #[test]
    fn empty_and_bad_inputs_are_errors() {
        let empty = SeasonWeeks {
            band: BandKind::Ci95,
            weeks: vec![],
        };
        assert_eq!(
            season_chart(&empty, Lang::En),
            Err(ChartError::Empty {
                chart: "season",
                what: "weeks"
            })
        );
        let mut crossed = sample();
        crossed.weeks[2].band_low = 200.0;
        assert!(matches!(
            season_chart(&crossed, Lang::En),
            Err(ChartError::BadInput { .. })
        ));
        let mut repeated = sample();
        repeated.weeks[3].week_start = repeated.weeks[2].week_start;
        assert!(matches!(
            season_chart(&repeated, Lang::Hu),
            Err(ChartError::BadInput { .. })
        ));
    }
}
