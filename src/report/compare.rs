//! Comparison renderers: scenarios or dwell policies side by side, with paired differences
//! (Bonferroni-adjusted for the k − 1 comparisons with the first) and the variance reduction of pairing.

use std::fmt::Write;

use super::RenderError;
use super::csv::{Column, Part, csv_table, headers, part_headers};
use super::lang::{FillError, Label, Lang};
use super::metric_labels::MetricColumn;
use super::number::csv_cell as num;
use crate::experiment::{Comparison, GroupMetric, Selection};
use crate::scenario::Season;
use crate::stats::{Estimate, SeasonRange, VarianceReduction};
use crate::study::{PlannedCosts, PolicySeason, SeasonCosts, costs_with, planned_costs};
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
    /// The season's bill at the scenario's clerks and rates (paid clerk-hours with travel).
    pub costs: SeasonCosts,
    /// The planned part of the paid clerk-hours (travel, set-up, pack-up, waits), for differences.
    pub planned: PlannedCosts,
}

impl<'a> ComparedSeason<'a> {
    /// The row of `season`, named `name`, with its comparison.
    pub fn of(name: &'a str, season: &Season, comparison: &'a Comparison) -> Self {
        let planned = planned_costs(season);
        Self {
            name,
            stops: season.stops.len(),
            unplaced_visits: season.itinerary.as_ref().map(|i| i.unplaced.len()),
            bus_days: season.itinerary.as_ref().map(crate::plan::Itinerary::bus_days_used),
            costs: costs_with(season, &planned, comparison.season.get(GroupMetric::ClerkHours)),
            planned,
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

/// The costs (after clerk-hours per client): paid clerk-hours at the scenario's clerks (travel,
/// set-up, opening, overtime, pack-up) with their precision and paired difference to the first
/// (the difference of the simulated clerk-hours plus that of the planned part, with the
/// simultaneous half-width of the clerk-hours), driven km and the cost at the `[bus]` rates.
pub(crate) const COST_COLUMNS: [Column; 6] = [
    Column::new("paid_clerk_hours", Label::CsvPaidClerkHours),
    Column::new("paid_clerk_hours_ci95", Label::CsvPaidClerkHoursCi95),
    Column::new("diff_paid_clerk_hours", Label::CsvDiffPaidClerkHours),
    Column::new(
        "diff_paid_clerk_hours_ci95_bonferroni",
        Label::CsvDiffPaidClerkHoursCi95,
    ),
    Column::new("km", Label::CsvSeasonKm),
    Column::new("cost_huf", Label::CsvCostHuf),
];

/// The selection columns (after the variance-reduction factors): how `--select-best` classed the
/// season (`best`, `tied`, `identical`, `eliminated`, `not_selected`; empty without it) and the
/// replications it got.
pub(crate) const SELECTION_COLUMNS: [Column; 2] = [
    Column::new("selection", Label::CsvSelection),
    Column::new("selection_replications", Label::CsvSelectionReplications),
];

/// The header of a column derived from metric column `c`: English `en(name)`, Hungarian
/// "Title (words)".
fn derived_header(lang: Lang, c: Column, en: fn(&str) -> String, words: Label) -> String {
    match lang {
        Lang::En => en(&c.header(lang, Part::Whole)),
        Lang::Hu => format!("{} ({})", c.header(lang, Part::Whole), words.text(lang)),
    }
}

/// One season's range as its `_p05` and `_p95` cells (empty without one).
fn range_cells(range: Option<SeasonRange>) -> [String; 2] {
    range.map_or([String::new(), String::new()], |r| [num(r.p05), num(r.p95)])
}

/// A variance-reduction factor in a CSV cell: the number, `infinite` (no variance left) or
/// `undefined` (neither alternative varies).
fn vrf_cell(v: VarianceReduction) -> String {
    match v {
        VarianceReduction::Factor(f) => num(f),
        VarianceReduction::Complete => "infinite".to_string(),
        VarianceReduction::NoVariance => "undefined".to_string(),
    }
}

/// How the selection classed alternative `i`: a CSV token.
fn selection_cell(s: &Selection, i: usize) -> &'static str {
    use crate::experiment::SelectionOutcome as O;
    match &s.outcome {
        O::Best(best) if *best == i => "best",
        O::TiedAtCap(tied) if tied.contains(&i) => "tied",
        O::Identical(same) if same.contains(&i) => "identical",
        _ if !s.survived[i] => "eliminated",
        _ => "not_selected",
    }
}

/// `compare.csv` / `policies.csv`: per season its totals (mean, precision `_ci95`, one season's
/// range `_p05`/`_p95`) and its paired difference to the first,
/// the simultaneous (Bonferroni) half-widths, the variance-reduction factors, and the selection.
pub fn render_compare_csv(
    lang: Lang,
    table: &'static str,
    rows: &[ComparedSeason],
    selection: Option<&Selection>,
) -> Result<String, RenderError> {
    csv_table(table, |w| {
        let estimate = [Part::Mean, Part::Ci95, Part::P05, Part::P95];
        let metrics = || GroupMetric::ALL.iter().map(|m| m.column());
        let mut header = headers(lang, &COMPARE_COLUMNS);
        header.extend(part_headers(lang, metrics(), &estimate));
        header.extend(part_headers(lang, [SHARE_WITHIN_TARGET], &estimate));
        header.push(CLERK_HOURS_PER_SERVED.header(lang, Part::Whole));
        header.extend(headers(lang, &COST_COLUMNS));
        header.extend(part_headers(lang, metrics(), &[Part::DiffMean, Part::DiffCi95]));
        header.extend(metrics().map(|c| {
            derived_header(
                lang,
                c,
                |n| format!("diff_{n}_ci95_bonferroni"),
                Label::CsvDiffCi95Bonferroni,
            )
        }));
        header.extend(metrics().map(|c| derived_header(lang, c, |n| format!("vrf_{n}"), Label::CsvVrf)));
        header.extend(headers(lang, &SELECTION_COLUMNS));
        w.write_record(&header)?;
        for (i, r) in rows.iter().enumerate() {
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
                row.extend(range_cells(r.comparison.season.range(m)));
            }
            let share = r.comparison.season.pooled.share_within_target;
            row.extend([num(share.mean), num(share.ci95)]);
            row.extend(range_cells(r.comparison.season.pooled_range.share_within_target));
            row.push(num(clerk_hours_per_served(r.comparison)));
            row.extend(cost_cells(r, &rows[0]));
            for m in GroupMetric::ALL {
                let d = difference(r.comparison, m);
                row.extend([num(d.mean), num(d.ci95)]);
            }
            row.extend(GroupMetric::ALL.map(|m| num(r.comparison.paired(m).ci95_bonferroni)));
            row.extend(GroupMetric::ALL.map(|m| vrf_cell(r.comparison.paired(m).variance_reduction)));
            match selection {
                Some(s) => row.extend([selection_cell(s, i).to_string(), s.replications[i].to_string()]),
                None => row.extend([String::new(), String::new()]),
            }
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// The paired difference of paid clerk-hours, `r` − `first`, and its simultaneous half-width: the
/// difference of the simulated clerk-hours plus that of the planned part (which has no noise).
fn paid_difference(r: &ComparedSeason, first: &ComparedSeason) -> (f64, f64) {
    let hours = GroupMetric::ClerkHours;
    let planned = r.planned.extra_clerk_hours - first.planned.extra_clerk_hours;
    (
        difference(r.comparison, hours).mean + planned,
        r.comparison.paired(hours).ci95_bonferroni,
    )
}

/// The cost cells of `r` against the first season `first` (see [`COST_COLUMNS`]).
fn cost_cells(r: &ComparedSeason, first: &ComparedSeason) -> [String; 6] {
    let (diff, half) = paid_difference(r, first);
    let opt = |v: Option<f64>| v.map_or(String::new(), num);
    [
        num(r.costs.paid_clerk_hours),
        num(r.costs.paid_clerk_hours_ci95),
        num(diff),
        num(half),
        opt(r.costs.km),
        opt(r.costs.cost_huf),
    ]
}

fn pm(e: Estimate) -> String {
    if e.ci95.is_finite() {
        format!("{:.0} ± {:.0}", e.mean, e.ci95)
    } else {
        format!("{:.0}", e.mean)
    }
}

/// A paired difference with its simultaneous (Bonferroni) half-width.
fn signed(c: &Comparison, m: GroupMetric) -> String {
    format!("{:+.0} ± {:.0}", difference(c, m).mean, c.paired(m).ci95_bonferroni)
}

/// A variance-reduction factor for people: "×12.3", or in words when it is infinite or undefined.
fn vrf_text(lang: Lang, v: VarianceReduction) -> String {
    match v {
        VarianceReduction::Factor(f) => format!("×{}", lang.plain_number(f, 1)),
        VarianceReduction::Complete => lang.text(Label::VrfComplete).to_string(),
        VarianceReduction::NoVariance => lang.text(Label::VrfUndefined).to_string(),
    }
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

/// Narrowest width of the name column, characters (a longer name widens it).
const NAME_WIDTH: usize = 28;

/// The readable comparison: one line per season, then the paired differences to the first.
pub fn render_compare_text(lang: Lang, rows: &[ComparedSeason]) -> Result<String, FillError> {
    let widths = TEXT_COLUMNS.map(|(label, width)| width.max(lang.text(label).chars().count()));
    let name_width = rows.iter().map(|r| r.name.chars().count()).fold(NAME_WIDTH, usize::max);
    let mut out = format!("{:<name_width$}", "");
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
            "{:<name_width$} {:>stops$} {:>unplaced$} {:>served$} {:>lost$} {:>wait$} {:>within$}% {:>hours$} {:>overtime$} {:>per_client$}",
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
    for r in rows {
        let _ = writeln!(out, "{}: {}", r.name, super::text::costs_line(lang, &r.costs)?);
    }
    if let Some((first, rest)) = rows.split_first() {
        let comparisons = rest.len().to_string();
        for r in rest {
            let c = r.comparison;
            if c.no_difference() {
                let line = Label::CompareNoDifference.fill(lang, &[("name", r.name), ("baseline", first.name)])?;
                let _ = writeln!(out, "{line}");
                continue;
            }
            let line = Label::ComparePaired.fill(
                lang,
                &[
                    ("name", r.name),
                    ("baseline", first.name),
                    ("comparisons", &comparisons),
                    ("served", &signed(c, GroupMetric::Served)),
                    ("lost", &signed(c, GroupMetric::Lost)),
                    ("hours", &signed(c, GroupMetric::ClerkHours)),
                ],
            )?;
            let vrf = |m: GroupMetric| vrf_text(lang, c.paired(m).variance_reduction);
            let reduction = Label::CompareVrf.fill(
                lang,
                &[
                    ("served", &vrf(GroupMetric::Served)),
                    ("lost", &vrf(GroupMetric::Lost)),
                    ("hours", &vrf(GroupMetric::ClerkHours)),
                ],
            )?;
            let (diff, half) = paid_difference(r, first);
            let paid = Label::ComparePaidClerkHours.fill(lang, &[("hours", &format!("{diff:+.0} ± {half:.0}"))])?;
            let _ = writeln!(out, "{line}\n  {paid}\n  {reduction}");
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
