//! The selection of the best alternative (`--select-best`) for people: the procedure and its
//! settings, the answer, and the replications each alternative needed.

use std::fmt::Write;

use super::csv::Part;
use super::lang::{FillError, Label, Lang};
use super::metric_labels::MetricColumn;
use crate::experiment::{Direction, Metric, MetricUnit, SelectionOutcome};
use crate::study::SelectionStudy;

/// The unit δ is written in.
fn unit(lang: Lang, unit: MetricUnit) -> &'static str {
    match unit {
        MetricUnit::Clients => lang.text(Label::UnitClients),
        MetricUnit::Errands => lang.text(Label::UnitErrands),
        MetricUnit::Minutes => lang.text(Label::UnitMinutes),
        MetricUnit::ClerkHours => lang.text(Label::UnitClerkHours),
        MetricUnit::Stops | MetricUnit::Share => "",
    }
}

/// `title` with a lower-case first letter, as it reads inside a sentence ("a(z) kiszolgálás …").
fn lower_first(title: &str) -> String {
    let mut chars = title.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// The alternatives' names, comma-separated.
fn list(names: &[&str], which: &[usize]) -> String {
    which.iter().map(|&i| names[i]).collect::<Vec<_>>().join(", ")
}

/// The selection's lines: heading, answer, replications per alternative (`names` in input order).
pub fn render_selection(lang: Lang, names: &[&str], study: &SelectionStudy) -> Result<String, FillError> {
    let metric = study.criterion.metric;
    let direction = match study.criterion.direction {
        Direction::Higher => lang.text(Label::SelectHigher),
        Direction::Lower => lang.text(Label::SelectLower),
    };
    let s = &study.settings;
    let heading = Label::SelectHeading.fill(
        lang,
        &[
            ("metric", &lower_first(&metric.column().header(lang, Part::Whole))),
            ("direction", direction),
            ("delta", &lang.plain_number(s.indifference, 2)),
            ("unit", unit(lang, metric.unit())),
            ("pcs", &lang.plain_number(s.pcs, 3)),
            ("first", &s.first_stage.to_string()),
            ("cap", &s.cap.to_string()),
        ],
    )?;
    let answer = match &study.selection.outcome {
        SelectionOutcome::Best(best) => Label::SelectBest.fill(lang, &[("name", names[*best])])?,
        SelectionOutcome::TiedAtCap(tied) => Label::SelectTied.fill(lang, &[("names", &list(names, tied))])?,
        SelectionOutcome::Identical(same) => Label::SelectIdentical.fill(lang, &[("names", &list(names, same))])?,
    };
    let counts: Vec<String> = names
        .iter()
        .zip(&study.selection.replications)
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    let replications = Label::SelectReplications.fill(lang, &[("list", &counts.join(", "))])?;
    let mut out = String::new();
    let _ = writeln!(out, "{heading}\n  {answer}\n  {replications}");
    Ok(out)
}
