//! Comparison renderers: scenarios or dwell policies side by side, with paired differences.

use std::fmt::Write;

use super::RenderError;
use super::csv::{Column, Part, csv_table, headers, part_headers};
use super::lang::{FillError, Label, Lang};
use super::metric_labels::MetricColumn;
use super::number::csv_cell as num;
use crate::experiment::{Comparison, GroupMetric};
use crate::scenario::Season;
use crate::stats::Estimate;
use crate::study::PolicySeason;
use crate::vocab::units::MINUTES_PER_HOUR;

/// One compared season and what identifies it.
#[derive(Debug, Clone)]
pub struct ComparedSeason<'a> {
    /// Scenario or policy name.
    pub name: &'a str,
    pub stops: usize,
    /// Visits the itinerary could not place (generated seasons only).
    pub unplaced_visits: Option<usize>,
    /// Bus-days used (generated seasons only).
    pub bus_days: Option<usize>,
    pub comparison: &'a Comparison,
}

impl<'a> ComparedSeason<'a> {
    /// The row of `season`, named `name`, with its comparison.
    pub fn of(name: &'a str, season: &Season, comparison: &'a Comparison) -> Self {
        Self {
            name,
            stops: season.stops.len(),
            unplaced_visits: season.itinerary.as_ref().map(|i| i.unplaced.len()),
            bus_days: season.itinerary.as_ref().map(crate::plan::Itinerary::bus_days_used),
            comparison,
        }
    }
}

/// One line per demand-driven policy: for how many settlements a dwell was chosen, and which cannot
/// meet the targets within the range.
pub fn render_chosen_dwell(lang: Lang, variants: &[PolicySeason]) -> Result<String, FillError> {
    let mut out = String::new();
    for v in variants.iter().filter(|v| !v.chosen_dwell.is_empty()) {
        let unmet: Vec<&str> = v
            .chosen_dwell
            .iter()
            .filter(|c| !c.meets_targets)
            .map(|c| c.settlement.as_str())
            .collect();
        let mean = v.chosen_dwell.iter().map(|c| c.hours).sum::<f64>() / v.chosen_dwell.len() as f64;
        let list = if unmet.is_empty() {
            String::new()
        } else {
            format!(": {}", unmet.join(", "))
        };
        let line = Label::ChosenDwell.fill(
            lang,
            &[
                ("policy", &v.name),
                ("settlements", &v.chosen_dwell.len().to_string()),
                ("mean", &lang.plain_number(mean, 1)),
                ("unmet", &unmet.len().to_string()),
                ("list", &list),
            ],
        )?;
        let _ = writeln!(out, "{line}");
        let borderline: Vec<&str> = v
            .chosen_dwell
            .iter()
            .filter(|c| c.too_close)
            .map(|c| c.settlement.as_str())
            .collect();
        if !borderline.is_empty() {
            let count = borderline.len().to_string();
            let list = borderline.join(", ");
            let line = Label::ChosenDwellBorderline.fill(lang, &[("count", &count), ("list", &list)])?;
            let _ = writeln!(out, "  {line}");
        }
    }
    Ok(out)
}

fn metric(c: &Comparison, m: GroupMetric) -> Estimate {
    c.season.get(m)
}

fn difference(c: &Comparison, m: GroupMetric) -> Estimate {
    c.difference.get(m)
}

/// Clerk-hours per served client: the ratio of the season means.
fn clerk_hours_per_served(c: &Comparison) -> f64 {
    metric(c, GroupMetric::ClerkHours).mean / metric(c, GroupMetric::Served).mean
}

/// The columns of `compare.csv` / `policies.csv` before the metrics.
pub(crate) const COMPARE_COLUMNS: [Column; 4] = [
    Column::new("name", Label::CsvName),
    Column::new("stops", Label::ColStops),
    Column::new("unplaced_visits", Label::ParamUnplaced),
    Column::new("bus_days", Label::ParamBusDays),
];

/// The pooled share served within the wait target (after the metrics).
pub(crate) const SHARE_WITHIN_TARGET: Column = Column::new("share_within_target", Label::ColWithinTarget);

/// Clerk-hours per served client (after the share).
pub(crate) const CLERK_HOURS_PER_SERVED: Column = Column::new("clerk_hours_per_served", Label::ColClerkHoursPerServed);

/// `compare.csv` / `policies.csv`: per season its totals and its paired difference to the first.
pub fn render_compare_csv(lang: Lang, table: &'static str, rows: &[ComparedSeason]) -> Result<String, RenderError> {
    csv_table(table, |w| {
        let estimate = [Part::Mean, Part::Ci95];
        let metrics = || GroupMetric::ALL.iter().map(|m| m.column());
        let mut header = headers(lang, &COMPARE_COLUMNS);
        header.extend(part_headers(lang, metrics(), &estimate));
        header.extend(part_headers(lang, [SHARE_WITHIN_TARGET], &estimate));
        header.push(CLERK_HOURS_PER_SERVED.header(lang, Part::Whole));
        header.extend(part_headers(lang, metrics(), &[Part::DiffMean, Part::DiffCi95]));
        w.write_record(&header)?;
        for r in rows {
            let opt = |v: Option<usize>| v.map_or(String::new(), |v| v.to_string());
            let mut row = vec![
                r.name.to_string(),
                r.stops.to_string(),
                opt(r.unplaced_visits),
                opt(r.bus_days),
            ];
            for m in GroupMetric::ALL {
                let e = metric(r.comparison, m);
                row.extend([num(e.mean), num(e.ci95)]);
            }
            let share = r.comparison.season.pooled.share_within_target;
            row.extend([
                num(share.mean),
                num(share.ci95),
                num(clerk_hours_per_served(r.comparison)),
            ]);
            for m in GroupMetric::ALL {
                let d = difference(r.comparison, m);
                row.extend([num(d.mean), num(d.ci95)]);
            }
            w.write_record(&row)?;
        }
        Ok(())
    })
}

fn pm(e: Estimate) -> String {
    if e.ci95.is_finite() {
        format!("{:.0} ± {:.0}", e.mean, e.ci95)
    } else {
        format!("{:.0}", e.mean)
    }
}

fn signed(e: Estimate) -> String {
    format!("{:+.0} ± {:.0}", e.mean, e.ci95)
}

/// Titles of the comparison table's columns after the name, with their narrowest widths
/// (characters): the English layout; a longer title widens its column.
const TEXT_COLUMNS: [(Label, usize); 9] = [
    (Label::CompareColStops, 5),
    (Label::CompareColUnplaced, 8),
    (Label::CompareColServed, 14),
    (Label::CompareColLost, 10),
    (Label::CompareColWait, 9),
    (Label::CompareColWithinTarget, 8),
    (Label::CompareColClerkHours, 14),
    (Label::CompareColOvertime, 10),
    (Label::CompareColPerClient, 9),
];

/// Width of the name column, characters.
const NAME_WIDTH: usize = 28;

/// The readable comparison: one line per season, then the paired differences to the first.
pub fn render_compare_text(lang: Lang, rows: &[ComparedSeason]) -> Result<String, FillError> {
    let widths = TEXT_COLUMNS.map(|(label, width)| width.max(lang.text(label).chars().count()));
    let mut out = format!("{:<NAME_WIDTH$}", "");
    for ((label, _), width) in TEXT_COLUMNS.iter().zip(widths) {
        let _ = write!(out, " {:>width$}", lang.text(*label));
    }
    out.push('\n');
    let [stops, unplaced, served, lost, wait, within, hours, overtime, per_client] = widths;
    let within = within - 1;
    for r in rows {
        let c = r.comparison;
        let _ = writeln!(
            out,
            "{:<NAME_WIDTH$} {:>stops$} {:>unplaced$} {:>served$} {:>lost$} {:>wait$} {:>within$}% {:>hours$} {:>overtime$} {:>per_client$}",
            r.name,
            r.stops,
            r.unplaced_visits.map_or("-".to_string(), |u| u.to_string()),
            pm(metric(c, GroupMetric::Served)),
            pm(metric(c, GroupMetric::Lost)),
            lang.plain_number(c.season.pooled.wait_mean_min.mean, 1),
            lang.plain_number(100.0 * c.season.pooled.share_within_target.mean, 1),
            pm(metric(c, GroupMetric::ClerkHours)),
            lang.plain_number(metric(c, GroupMetric::Overtime).mean / MINUTES_PER_HOUR, 1),
            lang.plain_number(clerk_hours_per_served(c), 2),
        );
    }
    if let Some((first, rest)) = rows.split_first() {
        for r in rest {
            let c = r.comparison;
            let line = Label::ComparePaired.fill(
                lang,
                &[
                    ("name", r.name),
                    ("baseline", first.name),
                    ("served", &signed(difference(c, GroupMetric::Served))),
                    ("lost", &signed(difference(c, GroupMetric::Lost))),
                    ("hours", &signed(difference(c, GroupMetric::ClerkHours))),
                ],
            )?;
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(out)
}

/// The line above the comparison: replications and seed, and what the figures are.
pub fn render_compare_heading(lang: Lang, replications: u32, seed: u64) -> Result<String, FillError> {
    Label::CompareHeading.fill(
        lang,
        &[("replications", &replications.to_string()), ("seed", &seed.to_string())],
    )
}
