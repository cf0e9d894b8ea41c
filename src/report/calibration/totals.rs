//! The totals calibration as a planner reads it (parameters with intervals, the fit table, how
//! "more than" figures were read, the TOML block) and its `calibration.csv`.

use std::fmt::Write;

use super::backtest::render_backtest_text;
use super::format::{cell, with_interval};
use super::sensitivity::render_sensitivity_text;
use crate::calibration::{Qualifier, TargetRole, TotalsCalibration};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{Label, Lang};
use crate::report::{Column, headers};
use crate::scenario::CalibrationTargets;
use crate::study::calibration::TotalsReport;

/// How "more than" figures were read, in one or two sentences.
pub fn more_than_sentence(targets: &CalibrationTargets) -> String {
    let f = &targets.figures;
    let figures = [f.year_uses, f.tour_clients, f.tour_cases, f.tour_information_uses];
    let step = figures.iter().find_map(|fig| match fig.qualifier {
        Qualifier::MoreThan { rounding_step } => Some(rounding_step),
        Qualifier::Exact => None,
    });
    match step {
        None => "Every figure is taken as exact.".into(),
        Some(1) => "A figure published as \"more than X\" is taken as exactly X (rounding_step = 1).".into(),
        Some(step) => format!(
            "A figure published as \"more than X\" is a lower bound. It is read as the range X to X + {} (the \
             publisher rounded down to a multiple of {step}; rounding_step = {step}). The estimates use the \
             middle of that range, and each confidence interval covers every value in it, so the lower \
             limits rest only on the published lower bounds.",
            step - 1
        ),
    }
}

fn role(role: TargetRole) -> &'static str {
    match role {
        TargetRole::Fitted => "fitted",
        TargetRole::Check => "check",
    }
}

/// The terminal report: parameters, fit table, "more than" note, TOML block, sensitivity, back-test.
pub fn render_totals_text(report: &TotalsReport) -> String {
    let mut out = String::new();
    let t = &report.targets;
    let _ = writeln!(
        out,
        "Calibration of {} to its published figures ({})",
        report.scenario, report.origin
    );
    let _ = writeln!(
        out,
        "Tour {} to {}: {} of the year's {} stops.\n",
        t.tour_from, t.tour_to, t.figures.tour_stops, t.figures.year_stops
    );
    parameters(&mut out, report);
    fit_table(&mut out, &report.calibration);
    let _ = writeln!(out, "\n{}\n", more_than_sentence(t));
    let _ = writeln!(out, "TOML block for a scenario:\n\n{}", report.toml_block);
    out.push_str(&render_sensitivity_text(&report.sensitivity, &report.held));
    if let Some(backtest) = &report.backtest {
        out.push('\n');
        out.push_str(&render_backtest_text(backtest));
    }
    out
}

fn parameters(out: &mut String, report: &TotalsReport) {
    let c = &report.calibration;
    out.push_str("Parameters (estimate and 95 % confidence interval)\n");
    let rows = [
        (
            "base_rate",
            with_interval(&c.base_rate, 3),
            "expected clients of a reference visit",
        ),
        (
            "errands_per_client",
            with_interval(&c.errands_per_client, 3),
            "uses per client",
        ),
        (
            "information_share",
            with_interval(&c.information_share, 3),
            "share of errands that are information only",
        ),
    ];
    for (name, value, meaning) in rows {
        let _ = writeln!(out, "  {name:<20} {value:<26} {meaning}");
    }
    let held: Vec<String> = report.held.iter().map(|(k, v)| format!("{k} = {v:?}")).collect();
    let _ = writeln!(
        out,
        "  held at the scenario's values (the totals cannot identify them): {}",
        held.join(", ")
    );
    let loss = &report.loss;
    let _ = writeln!(
        out,
        "  The published clients are those served. Seasons simulated with base rate {:.3} (arrivals matching\n  \
         the clients) lose {:.2} % of the tour's arrivals to balking and reneging ({:.1} of {:.1} per season, {} \
         seasons),\n  so the base rate is raised to {:.3}, at which the clients served match.",
        loss.arrival_base_rate.estimate,
        100.0 * loss.lost_share,
        loss.tour_arrivals.mean - loss.tour_served.mean,
        loss.tour_arrivals.mean,
        loss.replications,
        c.base_rate.estimate
    );
    match c.dispersion_shape {
        Some(k) => {
            let _ = writeln!(
                out,
                "  The base rate's interval allows for the scenario's stop-to-stop variation (negative binomial, \
                 k = {k})."
            );
        }
        None => {
            out.push_str("  The base rate's interval assumes Poisson counts (the scenario has no dispersion_shape).\n");
        }
    }
    if c.tour_given_clients > 0.0 {
        let _ = writeln!(
            out,
            "  The tour's stops with given demand ({:.1} expected clients) are taken as they are; the base rate \
             scales the others.",
            c.tour_given_clients
        );
    }
    out.push('\n');
}

fn fit_table(out: &mut String, c: &TotalsCalibration) {
    out.push_str(
        "Fit to the published figures (model: expected value with the calibrated parameters, clients served)\n",
    );
    let _ = writeln!(
        out,
        "  {:<28} {:<7} {:>10} {:>11} {:>9} {:>18}",
        "target", "role", "published", "used as", "model", "difference"
    );
    for row in &c.fit {
        let _ = writeln!(
            out,
            "  {:<28} {:<7} {:>10} {:>11.1} {:>9.1} {:>+9.1} ({:>+5.1} %)",
            row.target,
            role(row.role),
            row.reported,
            row.observed,
            row.model,
            tenths(row.difference),
            tenths(100.0 * row.relative_difference)
        );
    }
    out.push_str(
        "  fitted: used to estimate the parameters (reproduced by construction); check: not used, an \
         independent test.\n",
    );
}

/// `x` rounded to tenths, with no negative zero (a difference of −1e-13 shows as +0.0).
fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0 + 0.0
}

/// The columns of `calibration.csv`.
pub(crate) const TOTALS_COLUMNS: [Column; 10] = [
    Column::new("table", Label::CsvTable),
    Column::new("item", Label::CsvItem),
    Column::new("role", Label::CsvRole),
    Column::new("published", Label::CsvPublished),
    Column::new("published_low", Label::CsvPublishedLow),
    Column::new("published_high", Label::CsvPublishedHigh),
    Column::new("estimate", Label::CsvEstimate),
    Column::new("ci95_low", Label::CsvCi95Low),
    Column::new("ci95_high", Label::CsvCi95High),
    Column::new("difference", Label::CsvDifference),
];

/// `calibration.csv`: parameters, held values and the fit table in one long table.
pub fn render_totals_csv(lang: Lang, report: &TotalsReport) -> Result<String, RenderError> {
    let c = &report.calibration;
    let mut rows = Vec::new();
    for (name, e) in [
        ("base_rate", c.base_rate),
        ("errands_per_client", c.errands_per_client),
        ("information_share", c.information_share),
    ] {
        rows.push(vec![
            "parameter".into(),
            name.into(),
            "fitted".into(),
            String::new(),
            String::new(),
            String::new(),
            cell(e.estimate),
            cell(e.ci95_low),
            cell(e.ci95_high),
            String::new(),
        ]);
    }
    for (name, value) in &report.held {
        let mut row = vec!["parameter".into(), name.clone(), "held".into()];
        row.extend([String::new(), String::new(), String::new(), cell(*value)]);
        row.extend([String::new(), String::new(), String::new()]);
        rows.push(row);
    }
    for f in &c.fit {
        rows.push(vec![
            "fit".into(),
            f.target.clone(),
            role(f.role).into(),
            f.reported.clone(),
            f.observed_low.to_string(),
            f.observed_high.to_string(),
            cell(f.model),
            String::new(),
            String::new(),
            cell(f.difference),
        ]);
    }
    let header = headers(lang, &TOTALS_COLUMNS);
    csv_rows(
        "calibration.csv",
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        &rows,
    )
}
