//! The totals calibration as a planner reads it (parameters with intervals, the fit table, how
//! "more than" figures were read, the TOML block) and its `calibration.csv`.

use std::fmt::Write;

use super::backtest::render_backtest_text;
use super::format::{cell, figure_name, held_list, with_interval};
use super::sensitivity::render_sensitivity_text;
use crate::calibration::{Qualifier, TargetRole, TotalsCalibration};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{FillError, Label, Lang};
use crate::report::{Column, headers};
use crate::scenario::CalibrationTargets;
use crate::study::calibration::TotalsReport;

/// How "more than" figures were read, in one or two sentences, in `lang`.
pub fn more_than_sentence(lang: Lang, targets: &CalibrationTargets) -> Result<String, FillError> {
    let f = &targets.figures;
    let figures = [f.year_uses, f.tour_clients, f.tour_cases, f.tour_information_uses];
    let step = figures.iter().find_map(|fig| match fig.qualifier {
        Qualifier::MoreThan { rounding_step } => Some(rounding_step),
        Qualifier::Exact => None,
    });
    match step {
        None => Ok(lang.text(Label::MoreThanNone).into()),
        Some(1) => Ok(lang.text(Label::MoreThanExact).into()),
        Some(step) => {
            Label::MoreThanRange.fill(lang, &[("last", &(step - 1).to_string()), ("step", &step.to_string())])
        }
    }
}

fn role(role: TargetRole) -> &'static str {
    match role {
        TargetRole::Fitted => "fitted",
        TargetRole::Check => "check",
    }
}

/// A target's role in the terminal table, in `lang`.
fn role_text(lang: Lang, role: TargetRole) -> &'static str {
    lang.text(match role {
        TargetRole::Fitted => Label::RoleFitted,
        TargetRole::Check => Label::RoleCheck,
    })
}

/// The terminal report: parameters, fit table, "more than" note, TOML block, sensitivity, back-test,
/// in `lang` (the TOML block is a scenario fragment and stays as it is).
pub fn render_totals_text(lang: Lang, report: &TotalsReport) -> Result<String, FillError> {
    let mut out = String::new();
    let t = &report.targets;
    let heading = Label::TotalsHeading.fill(lang, &[("scenario", &report.scenario), ("origin", &report.origin)])?;
    let tour = Label::TotalsTour.fill(
        lang,
        &[
            ("from", &t.tour_from.to_string()),
            ("to", &t.tour_to.to_string()),
            ("tour_stops", &t.figures.tour_stops.to_string()),
            ("year_stops", &t.figures.year_stops.to_string()),
        ],
    )?;
    let _ = writeln!(out, "{heading}\n{tour}\n");
    parameters(lang, &mut out, report)?;
    fit_table(lang, &mut out, &report.calibration);
    let _ = writeln!(out, "\n{}\n", more_than_sentence(lang, t)?);
    let _ = writeln!(out, "{}\n\n{}", lang.text(Label::TomlBlock), report.toml_block);
    out.push_str(&render_sensitivity_text(lang, &report.sensitivity, &report.held)?);
    if let Some(backtest) = &report.backtest {
        out.push('\n');
        out.push_str(&render_backtest_text(lang, backtest)?);
    }
    Ok(out)
}

fn parameters(lang: Lang, out: &mut String, report: &TotalsReport) -> Result<(), FillError> {
    let c = &report.calibration;
    let _ = writeln!(out, "{}", lang.text(Label::TotalsParameters));
    let rows = [
        (
            "base_rate",
            with_interval(lang, &c.base_rate, 3),
            Label::MeaningBaseRate,
        ),
        (
            "errands_per_client",
            with_interval(lang, &c.errands_per_client, 3),
            Label::MeaningErrands,
        ),
        (
            "information_share",
            with_interval(lang, &c.information_share, 3),
            Label::MeaningInformation,
        ),
    ];
    for (name, value, meaning) in rows {
        let _ = writeln!(out, "  {name:<20} {value:<26} {}", lang.text(meaning));
    }
    let held = Label::TotalsHeld.fill(lang, &[("held", &held_list(lang, &report.held))])?;
    let _ = writeln!(out, "  {held}");
    let loss = &report.loss;
    let loss_line = Label::TotalsLoss.fill(
        lang,
        &[
            ("arrival_rate", &lang.plain_number(loss.arrival_base_rate.estimate, 3)),
            ("lost_share", &lang.plain_number(100.0 * loss.lost_share, 2)),
            (
                "lost",
                &lang.plain_number(loss.tour_arrivals.mean - loss.tour_served.mean, 1),
            ),
            ("arrivals", &lang.plain_number(loss.tour_arrivals.mean, 1)),
            ("replications", &loss.replications.to_string()),
            ("base_rate", &lang.plain_number(c.base_rate.estimate, 3)),
        ],
    )?;
    let _ = writeln!(out, "  {loss_line}");
    let dispersion = match c.dispersion_shape {
        Some(k) => Label::TotalsDispersion.fill(lang, &[("k", &lang.shortest_number(k))])?,
        None => lang.text(Label::TotalsPoisson).to_string(),
    };
    let _ = writeln!(out, "  {dispersion}");
    if c.tour_given_clients > 0.0 {
        let given = Label::TotalsGiven.fill(lang, &[("clients", &lang.plain_number(c.tour_given_clients, 1))])?;
        let _ = writeln!(out, "  {given}");
    }
    out.push('\n');
    Ok(())
}

/// A number with its sign (`+1.5`, `-0.3`) and this language's decimal separator.
fn signed(lang: Lang, x: f64, decimals: usize) -> String {
    let text = format!("{x:+.decimals$}");
    match lang {
        Lang::En => text,
        Lang::Hu => text.replace('.', ","),
    }
}

/// Narrowest widths of the fit table's columns (characters): the English layout; a longer title
/// or role widens its column.
const FIT_COLUMNS: [(Label, usize); 6] = [
    (Label::FitColTarget, 28),
    (Label::FitColRole, 7),
    (Label::FitColPublished, 10),
    (Label::FitColUsedAs, 11),
    (Label::FitColModel, 9),
    (Label::FitColDifference, 18),
];

/// Width of the difference's number in the English layout, characters.
const DIFFERENCE_NUMBER_WIDTH: usize = 9;

fn fit_table(lang: Lang, out: &mut String, c: &TotalsCalibration) {
    let _ = writeln!(out, "{}", lang.text(Label::FitHeading));
    let mut widths = FIT_COLUMNS.map(|(label, width)| width.max(lang.text(label).chars().count()));
    for row in &c.fit {
        widths[0] = widths[0].max(figure_name(lang, row.target, false).chars().count());
        widths[1] = widths[1].max(role_text(lang, row.role).chars().count());
    }
    let [target, role_width, published, used_as, model, difference] = widths;
    let title = |i: usize| lang.text(FIT_COLUMNS[i].0);
    let _ = writeln!(
        out,
        "  {:<target$} {:<role_width$} {:>published$} {:>used_as$} {:>model$} {:>difference$}",
        title(0),
        title(1),
        title(2),
        title(3),
        title(4),
        title(5)
    );
    // The difference cell is the number, then its share in parentheses (wider than its title).
    let difference = DIFFERENCE_NUMBER_WIDTH + (difference - FIT_COLUMNS[5].1);
    for row in &c.fit {
        let _ = writeln!(
            out,
            "  {:<target$} {:<role_width$} {:>published$} {:>used_as$} {:>model$} {:>difference$} ({:>5} %)",
            figure_name(lang, row.target, false),
            role_text(lang, row.role),
            row.reported,
            lang.plain_number(row.observed, 1),
            lang.plain_number(row.model, 1),
            signed(lang, tenths(row.difference), 1),
            signed(lang, tenths(100.0 * row.relative_difference), 1)
        );
    }
    let _ = writeln!(out, "  {}", lang.text(Label::FitNote));
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
            f.target.name().into(),
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
