//! `[calibration]`: the published season figures `ablakbusz calibrate` fits (the 2019 figures by
//! default), which stops form the tour with detailed figures, and how "more than" figures are read.

use std::fmt;

use jiff::civil::{Date, date};
use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::calendar::TomlDate;
use super::diagnostic::Problems;
use crate::calibration::{DEFAULT_ROUNDING_STEP, Qualifier, ReportedFigure, SeasonFigures};

/// First day of the 2019 second tour (August–November 2019, DESIGN §2).
pub const DEFAULT_TOUR_FROM: Date = date(2019, 8, 1);
/// Last day of the 2019 second tour.
pub const DEFAULT_TOUR_TO: Date = date(2019, 11, 30);

/// A published count as written: `400` (exact) or `{ more_than = 1000 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RawFigure {
    Exact(u64),
    MoreThan(u64),
}

/// The one key of a "more than" figure.
const MORE_THAN_KEY: &str = "more_than";

impl<'de> Deserialize<'de> for RawFigure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFigure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a count such as 400, or { more_than = 1000 } for a figure published as \"more than 1,000\"",
                )
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawFigure, E> {
                Ok(RawFigure::Exact(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawFigure, E> {
                u64::try_from(v)
                    .map(RawFigure::Exact)
                    .map_err(|_| E::custom(format!("a count cannot be negative, got {v}")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFigure, A::Error> {
                let mut figure = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != MORE_THAN_KEY {
                        return Err(de::Error::unknown_field(&key, &[MORE_THAN_KEY]));
                    }
                    figure = Some(map.next_value::<u64>()?);
                }
                figure
                    .map(RawFigure::MoreThan)
                    .ok_or_else(|| de::Error::missing_field(MORE_THAN_KEY))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[calibration]` as written.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCalibration {
    pub year_stops: Option<usize>,
    pub year_uses: Option<RawFigure>,
    pub tour_from: Option<TomlDate>,
    pub tour_to: Option<TomlDate>,
    pub tour_stops: Option<usize>,
    pub tour_clients: Option<RawFigure>,
    pub tour_cases: Option<RawFigure>,
    pub tour_information_uses: Option<RawFigure>,
    pub rounding_step: Option<u64>,
}

/// The figures to calibrate to and the tour they describe.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationTargets {
    pub figures: SeasonFigures,
    /// First day of the tour with detailed figures (its stops are those dated `tour_from..=tour_to`).
    pub tour_from: Date,
    /// Last day of the tour.
    pub tour_to: Date,
}

impl CalibrationTargets {
    /// The 2019 figures (DESIGN §2), the second tour August–November 2019, "more than" rounded to hundreds.
    pub fn published_2019() -> Self {
        Self {
            figures: SeasonFigures::published_2019(),
            tour_from: DEFAULT_TOUR_FROM,
            tour_to: DEFAULT_TOUR_TO,
        }
    }

    /// True when a stop on `day` belongs to the tour.
    pub fn in_tour(&self, day: Date) -> bool {
        (self.tour_from..=self.tour_to).contains(&day)
    }
}

/// Resolves `[calibration]` (defaults: the 2019 figures); `None` when something is wrong (reported).
pub(super) fn resolve_calibration(raw: &RawCalibration, problems: &mut Problems<'_>) -> Option<CalibrationTargets> {
    let defaults = CalibrationTargets::published_2019();
    let step = match raw.rounding_step.unwrap_or(DEFAULT_ROUNDING_STEP) {
        0 => {
            problems.at(
                "calibration.rounding_step",
                "must be at least 1 (1: \"more than X\" is taken as exactly X)",
                Some("2019: the \"more than\" figures are whole hundreds, rounding_step = 100".into()),
            );
            None
        }
        step => Some(step),
    };
    let step = step?;
    let figure = |written: Option<RawFigure>, default: ReportedFigure| match written {
        Some(RawFigure::Exact(n)) => ReportedFigure::exact(n),
        Some(RawFigure::MoreThan(n)) => ReportedFigure::more_than(n, step),
        None => match default.qualifier {
            Qualifier::Exact => default,
            Qualifier::MoreThan { .. } => ReportedFigure::more_than(default.figure, step),
        },
    };
    let d = &defaults.figures;
    let figures = SeasonFigures {
        year_stops: raw.year_stops.unwrap_or(d.year_stops),
        year_uses: figure(raw.year_uses, d.year_uses),
        tour_stops: raw.tour_stops.unwrap_or(d.tour_stops),
        tour_clients: figure(raw.tour_clients, d.tour_clients),
        tour_cases: figure(raw.tour_cases, d.tour_cases),
        tour_information_uses: figure(raw.tour_information_uses, d.tour_information_uses),
    };
    let targets = CalibrationTargets {
        figures,
        tour_from: raw.tour_from.map_or(defaults.tour_from, |d| d.0),
        tour_to: raw.tour_to.map_or(defaults.tour_to, |d| d.0),
    };
    consistent(&targets, problems).then_some(targets)
}

/// The figures' own consistency: the tour inside the year, dates in order, clients and errands.
fn consistent(targets: &CalibrationTargets, problems: &mut Problems<'_>) -> bool {
    let f = &targets.figures;
    let mut ok = true;
    if f.tour_stops > f.year_stops {
        problems.at(
            "calibration.tour_stops",
            format!(
                "the tour has {} stops, more than the year's {}: the tour is part of the year",
                f.tour_stops, f.year_stops
            ),
            None,
        );
        ok = false;
    }
    if targets.tour_from > targets.tour_to {
        problems.at(
            "calibration.tour_to",
            format!(
                "the tour ends ({}) before it starts ({})",
                targets.tour_to, targets.tour_from
            ),
            None,
        );
        ok = false;
    }
    let (clients_low, _) = f.tour_clients.range();
    let uses_high = f.tour_cases.range().1 + f.tour_information_uses.range().1;
    if clients_low == 0 {
        problems.at(
            "calibration.tour_clients",
            "the tour must have had clients: no demand can be fitted to 0",
            None,
        );
        ok = false;
    } else if uses_high < clients_low {
        problems.at(
            "calibration.tour_cases",
            format!(
                "cases and information-only uses (at most {uses_high}) are fewer than the clients (at least \
                 {clients_low}): every client brings at least one errand"
            ),
            None,
        );
        ok = false;
    }
    ok
}

/// Checks that the season is the one the figures describe: the year's stop count, and the tour's
/// stop count between its dates. `stop_dates` holds the date of every stop of the season.
pub(super) fn check_calibration_season(targets: &CalibrationTargets, stop_dates: &[Date], problems: &mut Problems<'_>) {
    let f = &targets.figures;
    if stop_dates.len() != f.year_stops {
        problems.at(
            "calibration.year_stops",
            format!(
                "the season has {} stops, but the year's figures are for {}",
                stop_dates.len(),
                f.year_stops
            ),
            Some("the [calibration] figures must describe this season: set year_stops to its stop count".into()),
        );
    }
    let in_tour = stop_dates.iter().filter(|&&d| targets.in_tour(d)).count();
    if in_tour != f.tour_stops {
        problems.at(
            "calibration.tour_stops",
            format!(
                "the season has {in_tour} stop{} from {} to {}, but the tour's figures are for {}",
                if in_tour == 1 { "" } else { "s" },
                targets.tour_from,
                targets.tour_to,
                f.tour_stops
            ),
            Some("set tour_from and tour_to to the tour's first and last day, or tour_stops to its stop count".into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{ScenarioOverrides, ScenarioText, load_str};

    /// Three stops: two in the default tour (August, November 2019), one in March.
    const STOPS: &str = r#"
[[season.stop]]
date = 2019-03-04
start = "08:00"
settlement = "Fülöpháza"
dwell_hours = 2

[[season.stop]]
date = 2019-08-26
start = "08:00"
settlement = "Kerekegyháza"
dwell_hours = 3

[[season.stop]]
date = 2019-11-29
start = "08:00"
settlement = "Baja"
dwell_hours = 4
"#;

    fn load(calibration: &str) -> Result<crate::scenario::Season, String> {
        load_str(&format!("{calibration}\n{STOPS}"), "t.toml", None).map_err(|e| e.to_string())
    }

    #[test]
    fn figures_are_read_with_their_qualifiers_and_the_2019_defaults() {
        let season = load(
            "[calibration]\nyear_stops = 3\ntour_stops = 2\ntour_clients = { more_than = 40 }\n\
             tour_cases = 35\nrounding_step = 10\n",
        )
        .unwrap();
        let targets = season.calibration.unwrap();
        let f = &targets.figures;
        assert_eq!((f.year_stops, f.tour_stops), (3, 2));
        assert_eq!(f.tour_clients, ReportedFigure::more_than(40, 10));
        assert_eq!(f.tour_cases, ReportedFigure::exact(35));
        // Defaults: the 2019 figures, "more than" with the section's rounding step.
        assert_eq!(f.year_uses, ReportedFigure::more_than(3600, 10));
        assert_eq!(f.tour_information_uses, ReportedFigure::exact(400));
        assert_eq!(
            (targets.tour_from, targets.tour_to),
            (date(2019, 8, 1), date(2019, 11, 30))
        );
        assert!(load("").unwrap().calibration.is_none());
    }

    #[test]
    fn bad_figures_are_reported_at_their_keys() {
        let e = load("[calibration]\nyear_stops = 3\ntour_stops = 2\nyear_uses = -5\n").unwrap_err();
        assert!(
            e.contains("t.toml:4:13: calibration.year_uses: a count cannot be negative, got -5"),
            "{e}"
        );
        let e = load("[calibration]\nyear_stops = 3\ntour_stops = 2\ntour_clients = { more_tan = 5 }\n").unwrap_err();
        assert!(e.contains("t.toml:4:") && e.contains("unknown field `more_tan`"), "{e}");
        assert!(e.contains("did you mean \"more_than\"?"), "{e}");
        let e = load("[calibration]\ntour_stop = 2\n").unwrap_err();
        assert!(e.contains("t.toml:2:1: calibration.tour_stop: unknown field"), "{e}");
        assert!(e.contains("did you mean \"tour_stops\""), "{e}");
        let e = load("[calibration]\nyear_stops = 3\ntour_stops = 2\nrounding_step = 0\n").unwrap_err();
        assert!(
            e.contains("t.toml:4:17: calibration.rounding_step: must be at least 1"),
            "{e}"
        );
        let e = load("[calibration]\nyear_stops = 3\ntour_stops = 2\ntour_from = 2019-12-01\n").unwrap_err();
        assert!(
            e.contains("calibration.tour_to: the tour ends (2019-11-30) before it starts (2019-12-01)"),
            "{e}"
        );
        let e = load("[calibration]\nyear_stops = 3\ntour_stops = 2\ntour_cases = 10\ntour_information_uses = 5\n")
            .unwrap_err();
        assert!(
            e.contains("t.toml:4:14: calibration.tour_cases: cases and information-only uses (at most 15)"),
            "{e}"
        );
    }

    #[test]
    fn the_figures_must_describe_the_season() {
        let e = load("[calibration]\ntour_stops = 2\n").unwrap_err();
        assert!(
            e.contains(
                "t.toml:1:1: calibration.year_stops: the season has 3 stops, but the year's figures are for 196"
            ),
            "{e}"
        );
        let e = load("[calibration]\nyear_stops = 3\ntour_stops = 2\ntour_to = 2019-10-31\n").unwrap_err();
        assert!(
            e.contains(
                "t.toml:3:14: calibration.tour_stops: the season has 1 stop from 2019-08-01 to 2019-10-31, but \
                 the tour's figures are for 2"
            ),
            "{e}"
        );
    }

    #[test]
    fn the_embedded_2019_baseline_is_the_shipped_file_with_its_figures() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/2019-baseline.toml");
        let file = crate::scenario::load_file(&path).unwrap();
        let embedded = ScenarioText::embedded_2019_baseline().resolve(None).unwrap();
        assert_eq!(embedded, file);
        assert_eq!(embedded.calibration, Some(CalibrationTargets::published_2019()));
    }

    #[test]
    fn overrides_replace_the_files_values() {
        let text = ScenarioText::embedded_2019_baseline().parse();
        let plain = text.resolve(None).unwrap();
        let doubled = text
            .resolve_with(
                None,
                &ScenarioOverrides {
                    base_rate: Some(19.0),
                    errands_per_client: Some(1.5),
                    ..ScenarioOverrides::default()
                },
            )
            .unwrap();
        for (a, b) in plain.stops.iter().zip(&doubled.stops) {
            // The file's base rate is 9.5: model stops double, given stops (the event) stay.
            let factor = match a.demand_origin {
                crate::scenario::DemandOrigin::Model { .. } => 2.0,
                _ => 1.0,
            };
            assert!((b.expected_clients - factor * a.expected_clients).abs() < 1e-9 * b.expected_clients);
            assert_eq!(b.spec.errands_per_client, 1.5);
        }
    }
}
