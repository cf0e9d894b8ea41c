//! The stop-log calibration as a planner reads it: coefficients with standard errors, the dispersion
//! tests, the negative-binomial fit when the counts are over-dispersed, goodness-of-fit tables, errands
//! and the TOML block; and its `calibration.csv` (the coefficients).

use std::fmt::Write;

use super::format::{cell, with_interval};
use crate::calibration::{ChosenModel, CoefficientRow, GroupRow, StopLogCalibration};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{Label, Lang};
use crate::report::{Column, headers};
use crate::study::calibration::StopLogReport;

fn model_name(chosen: ChosenModel) -> &'static str {
    match chosen {
        ChosenModel::Poisson => "Poisson",
        ChosenModel::PoissonAtNegBinBoundary => "Poisson (the negative binomial's maximum is the Poisson)",
        ChosenModel::NegativeBinomial => "negative binomial",
    }
}

/// The full terminal report.
pub fn render_stop_log_text(report: &StopLogReport) -> String {
    let c = &report.calibration;
    let mut out = format!(
        "Stop-log calibration of {}: {} stops, {} clients\n",
        report.file, report.stops, report.clients
    );
    for note in &report.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    out.push_str("\nPoisson regression of clients per stop (log link, maximum likelihood)\n");
    coefficient_table(&mut out, &c.poisson.coefficients.rows());
    let d = &c.dispersion;
    let _ = writeln!(
        out,
        "\nDispersion test (Pearson): X² = {:.1} on {} degrees of freedom, X²/df = {:.3}, p = {:.4}: {}",
        d.pearson_chi2,
        d.df,
        d.dispersion_ratio,
        d.p_value,
        if d.over_dispersed {
            "the counts vary more than Poisson (over-dispersed)"
        } else {
            "consistent with Poisson counts"
        }
    );
    let ct = &c.cameron_trivedi;
    let _ = writeln!(
        out,
        "Cameron–Trivedi test: α = {:.4} (SE {:.4}), t = {:.2}, one-sided p = {:.4}",
        ct.alpha, ct.std_error, ct.t_value, ct.p_value
    );
    if let Some(nb) = &c.negbin {
        let _ = writeln!(
            out,
            "\nNegative-binomial regression (Var = μ + μ²/k): shape k = {} ; likelihood ratio against Poisson {:.2}, \
             p = {:.4}",
            with_interval(Lang::En, &nb.shape.interval(), 3),
            nb.lr_test.statistic,
            nb.lr_test.p_value
        );
        coefficient_table(&mut out, &nb.coefficients.rows());
    }
    let _ = writeln!(out, "\nParameters from the {} fit.", model_name(c.chosen));
    goodness_of_fit(&mut out, c);
    if let Some(e) = &report.errands {
        let _ = writeln!(
            out,
            "\nErrands per client {}; information-only share {} (exact 95 % intervals).",
            with_interval(Lang::En, &e.errands_per_client, 3),
            with_interval(Lang::En, &e.information_share, 3)
        );
    }
    let _ = writeln!(out, "\nTOML block for a scenario:\n\n{}", report.toml_block);
    out
}

fn coefficient_table(out: &mut String, rows: &[CoefficientRow]) {
    let _ = writeln!(
        out,
        "  {:<26} {:>10} {:>9} {:>8} {:>8}  {:<22}",
        "term", "estimate", "std.err", "z", "p", "95 % CI"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "  {:<26} {:>10.4} {:>9.4} {:>8.2} {:>8.4}  {:.4} to {:.4}",
            r.name, r.estimate, r.std_error, r.z_value, r.p_value, r.ci95_low, r.ci95_high
        );
    }
}

fn goodness_of_fit(out: &mut String, c: &StopLogCalibration) {
    out.push_str("\nGoodness of fit: stops by clients per stop, observed and expected\n");
    let _ = writeln!(out, "  {:<12} {:>9} {:>9}", "clients", "observed", "expected");
    for r in &c.frequencies {
        let _ = writeln!(out, "  {:<12} {:>9} {:>9.1}", r.bin, r.observed, r.expected);
    }
    group_rows(out, "venue", &c.by_venue);
    group_rows(out, "fitted mean (groups of stops, lowest first)", &c.by_fitted_mean);
}

fn group_rows(out: &mut String, by: &str, rows: &[GroupRow]) {
    let _ = writeln!(out, "\nClients by {by}: observed and expected totals");
    let _ = writeln!(
        out,
        "  {:<22} {:>6} {:>9} {:>9} {:>10} {:>12}",
        "group", "stops", "observed", "expected", "difference", "standardized"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "  {:<22} {:>6} {:>9.0} {:>9.1} {:>+10.1} {:>+12.2}",
            r.group, r.stops, r.observed, r.expected, r.difference, r.standardized
        );
    }
}

/// The columns of `calibration.csv`.
pub(crate) const STOP_LOG_COLUMNS: [Column; 8] = [
    Column::new("model", Label::CsvModel),
    Column::new("term", Label::CsvTerm),
    Column::new("estimate", Label::CsvEstimate),
    Column::new("std_error", Label::CsvStdError),
    Column::new("z_value", Label::CsvZValue),
    Column::new("p_value", Label::CsvPValue),
    Column::new("ci95_low", Label::CsvCi95Low),
    Column::new("ci95_high", Label::CsvCi95High),
];

/// `calibration.csv` of a stop log: the coefficients of each fitted model.
pub fn render_stop_log_csv(lang: Lang, report: &StopLogReport) -> Result<String, RenderError> {
    let c = &report.calibration;
    let mut fits = vec![("poisson", c.poisson.coefficients.rows())];
    if let Some(nb) = &c.negbin {
        fits.push(("negative_binomial", nb.coefficients.rows()));
    }
    let rows: Vec<Vec<String>> = fits
        .iter()
        .flat_map(|(model, rows)| {
            rows.iter().map(move |r| {
                vec![
                    model.to_string(),
                    r.name.clone(),
                    cell(r.estimate),
                    cell(r.std_error),
                    cell(r.z_value),
                    cell(r.p_value),
                    cell(r.ci95_low),
                    cell(r.ci95_high),
                ]
            })
        })
        .collect();
    let header = headers(lang, &STOP_LOG_COLUMNS);
    csv_rows(
        "calibration.csv",
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        &rows,
    )
}
