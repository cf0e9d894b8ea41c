//! The season chart's input: clients per week from the season's weekly totals.

use jiff::ToSpan;
use jiff::civil::{Date, ISOWeekDate, Weekday};

use crate::experiment::{GroupMetric, SeasonResults};
use crate::report::charts::{BandKind, SeasonWeek, SeasonWeeks};

/// Name of the grouping of stops by ISO week (labels like `2020-W09`), as the run builds it.
pub use crate::experiment::WEEK_GROUPING;

/// The Monday of an ISO week label such as `2020-W09`; `None` if the label is not one.
pub fn week_start(label: &str) -> Option<Date> {
    let (year, week) = label.split_once("-W")?;
    let date = ISOWeekDate::new(year.parse().ok()?, week.parse().ok()?, Weekday::Monday).ok()?;
    Some(date.date())
}

/// Mean clients (arrivals) per week with one season's range as the band (the 95 % confidence
/// interval of the mean when the run kept no ranges) and the precision as whiskers, from the first
/// to the last week with a stop; weeks without stops in between are included with 0 clients and `has_stops` false. Empty
/// when the results have no weekly grouping.
pub fn season_weeks_input(results: &SeasonResults) -> SeasonWeeks {
    let mut by_week: Vec<SeasonWeek> = results
        .groupings
        .iter()
        .filter(|g| g.name == WEEK_GROUPING)
        .flat_map(|g| &g.groups)
        .filter_map(|(label, summary)| {
            let arrivals = summary.get(GroupMetric::Arrivals);
            let half_width = if arrivals.ci95.is_finite() { arrivals.ci95 } else { 0.0 };
            let (band_low, band_high) = summary.range(GroupMetric::Arrivals).map_or(
                ((arrivals.mean - half_width).max(0.0), arrivals.mean + half_width),
                |r| (r.p05.min(arrivals.mean), r.p95.max(arrivals.mean)),
            );
            Some(SeasonWeek {
                week_start: week_start(label)?,
                mean_clients: arrivals.mean,
                band_low,
                band_high,
                precision_half_width: half_width,
                has_stops: true,
            })
        })
        .collect();
    by_week.sort_by_key(|w| w.week_start);
    let kept_ranges = results.season.range(GroupMetric::Arrivals).is_some();
    SeasonWeeks {
        band: if kept_ranges {
            BandKind::SeasonRange
        } else {
            BandKind::Ci95
        },
        weeks: with_empty_weeks(by_week),
    }
}

/// Inserts a zero week for every week missing between consecutive weeks.
fn with_empty_weeks(weeks: Vec<SeasonWeek>) -> Vec<SeasonWeek> {
    let mut out: Vec<SeasonWeek> = Vec::with_capacity(weeks.len());
    for week in weeks {
        if let Some(last) = out.last() {
            let mut next = last.week_start.saturating_add(1.week());
            while next < week.week_start {
                out.push(SeasonWeek {
                    week_start: next,
                    mean_clients: 0.0,
                    band_low: 0.0,
                    band_high: 0.0,
                    precision_half_width: 0.0,
                    has_stops: false,
                });
                next = next.saturating_add(1.week());
            }
        }
        out.push(week);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_week_labels_give_their_monday() {
        assert_eq!(week_start("2020-W10"), Some(date(2020, 3, 2)));
        assert_eq!(week_start("2020-W01"), Some(date(2019, 12, 30)));
        assert_eq!(week_start("2020-W53"), Some(date(2020, 12, 28)));
        assert_eq!(week_start("2021-W53"), None, "2021 has 52 ISO weeks");
        assert_eq!(week_start("Bajai járás"), None);
    }

    #[test]
    fn missing_weeks_are_zero() {
        let week = |d: Date, m: f64| SeasonWeek {
            week_start: d,
            mean_clients: m,
            band_low: m - 1.0,
            band_high: m + 1.0,
            precision_half_width: 0.5,
            has_stops: true,
        };
        let filled = with_empty_weeks(vec![week(date(2020, 6, 8), 24.0), week(date(2020, 6, 29), 39.0)]);
        let starts: Vec<Date> = filled.iter().map(|w| w.week_start).collect();
        assert_eq!(
            starts,
            [
                date(2020, 6, 8),
                date(2020, 6, 15),
                date(2020, 6, 22),
                date(2020, 6, 29)
            ]
        );
        assert_eq!(filled[1].mean_clients, 0.0);
        let with_stops: Vec<bool> = filled.iter().map(|w| w.has_stops).collect();
        assert_eq!(with_stops, [true, false, false, true]);
        assert_eq!(filled[3].mean_clients, 39.0);
    }
}
