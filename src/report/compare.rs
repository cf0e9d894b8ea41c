//! Comparison renderers: scenarios or dwell policies side by side, with paired differences.

use std::fmt::Write;

use super::RenderError;
use super::csv::csv_table;
use super::number::csv_cell as num;
use crate::experiment::{Comparison, GroupMetric, Metric};
use crate::scenario::Season;
use crate::stats::Estimate;
use crate::study::PolicySeason;

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
pub fn render_chosen_dwell(variants: &[PolicySeason]) -> String {
    let mut out = String::new();
    for v in variants.iter().filter(|v| !v.chosen_dwell.is_empty()) {
        let unmet: Vec<&str> = v
            .chosen_dwell
            .iter()
            .filter(|c| !c.meets_targets)
            .map(|c| c.settlement.as_str())
            .collect();
        let mean = v.chosen_dwell.iter().map(|c| c.hours).sum::<f64>() / v.chosen_dwell.len() as f64;
        let _ = writeln!(
            out,
            "{}: shortest dwell meeting the targets chosen for {} settlements (mean {mean:.1} h); {} cannot meet them within the range (longest used){}",
            v.name,
            v.chosen_dwell.len(),
            unmet.len(),
            if unmet.is_empty() {
                String::new()
            } else {
                format!(": {}", unmet.join(", "))
            }
        );
    }
    out
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

/// `compare.csv` / `policies.csv`: per season its totals and its paired difference to the first.
pub fn render_compare_csv(table: &'static str, rows: &[ComparedSeason]) -> Result<String, RenderError> {
    csv_table(table, |w| {
        let mut header: Vec<String> = ["name", "stops", "unplaced_visits", "bus_days"]
            .map(String::from)
            .to_vec();
        for m in GroupMetric::ALL.map(GroupMetric::name) {
            header.extend([format!("{m}_mean"), format!("{m}_ci95")]);
        }
        header.extend(
            [
                "share_within_target_mean",
                "share_within_target_ci95",
                "clerk_hours_per_served",
            ]
            .map(String::from),
        );
        for m in GroupMetric::ALL.map(GroupMetric::name) {
            header.extend([format!("diff_{m}_mean"), format!("diff_{m}_ci95")]);
        }
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

/// The readable comparison: one line per season, then the paired differences to the first.
pub fn render_compare_text(rows: &[ComparedSeason]) -> String {
    let mut out = format!(
        "{:<28} {:>5} {:>8} {:>14} {:>10} {:>9} {:>8} {:>14} {:>10} {:>9}\n",
        "", "stops", "unplaced", "served", "lost", "wait min", "≤ target", "clerk-hours", "overtime h", "h/client"
    );
    for r in rows {
        let c = r.comparison;
        let _ = writeln!(
            out,
            "{:<28} {:>5} {:>8} {:>14} {:>10} {:>9.1} {:>7.1}% {:>14} {:>10.1} {:>9.2}",
            r.name,
            r.stops,
            r.unplaced_visits.map_or("-".to_string(), |u| u.to_string()),
            pm(metric(c, GroupMetric::Served)),
            pm(metric(c, GroupMetric::Lost)),
            c.season.pooled.wait_mean_min.mean,
            100.0 * c.season.pooled.share_within_target.mean,
            pm(metric(c, GroupMetric::ClerkHours)),
            metric(c, GroupMetric::Overtime).mean / 60.0,
            clerk_hours_per_served(c),
        );
    }
    if let Some((first, rest)) = rows.split_first() {
        for r in rest {
            let c = r.comparison;
            let _ = writeln!(
                out,
                "{} vs {} (paired, 95 %): served {}, lost {}, clerk-hours {}",
                r.name,
                first.name,
                signed(difference(c, GroupMetric::Served)),
                signed(difference(c, GroupMetric::Lost)),
                signed(difference(c, GroupMetric::ClerkHours)),
            );
        }
    }
    out
}
