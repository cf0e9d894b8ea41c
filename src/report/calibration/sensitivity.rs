//! The sensitivity table: how the fitted base rate and the predicted 2020 demand move with the two
//! demand parameters the totals cannot identify (population elasticity and dwell exponent).

use std::fmt::Write;

use super::format::{cell, held_list, with_interval};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{FillError, Label, Lang};
use crate::report::{Column, headers};
use crate::study::calibration::SensitivityRow;

/// Titles of the sensitivity table's columns with their narrowest widths (characters) and whether
/// they align left: the English layout; a longer title widens its column.
const TEXT_COLUMNS: [(Label, usize, bool); 6] = [
    (Label::SensitivityColElasticity, 10, false),
    (Label::SensitivityColDwell, 8, false),
    (Label::SensitivityColBaseRate, 24, true),
    (Label::SensitivityColYearUses, 14, false),
    (Label::SensitivityColPlanClients, 28, true),
    (Label::SensitivityColPlanUses, 14, false),
];

/// One line of the table: cells padded to `widths` (two spaces before the third and fifth).
fn table_line(cells: &[String], widths: &[usize; 6]) -> String {
    let mut line = String::from(" ");
    for (i, ((cell, width), (_, _, left))) in cells.iter().zip(widths).zip(TEXT_COLUMNS).enumerate() {
        let gap = if i == 2 || i == 4 { "  " } else { " " };
        let _ = if left {
            write!(line, "{gap}{cell:<width$}")
        } else {
            write!(line, "{gap}{cell:>width$}")
        };
    }
    line
}

/// The table, with a note on what it shows and the range it covers, in `lang`.
pub fn render_sensitivity_text(
    lang: Lang,
    rows: &[SensitivityRow],
    held: &[(String, f64)],
) -> Result<String, FillError> {
    let mut out = format!("{}\n", lang.text(Label::SensitivityIntro));
    let others: Vec<(String, f64)> = held
        .iter()
        .filter(|(k, _)| k != "population_elasticity" && k != "dwell_exponent")
        .cloned()
        .collect();
    if !others.is_empty() {
        let line = Label::SensitivityHeld.fill(lang, &[("held", &held_list(lang, &others))])?;
        let _ = writeln!(out, "{line}");
    }
    let widths = TEXT_COLUMNS.map(|(label, width, _)| width.max(lang.text(label).chars().count()));
    let titles: Vec<String> = TEXT_COLUMNS.iter().map(|(l, _, _)| lang.text(*l).to_string()).collect();
    let _ = writeln!(out, "{}", table_line(&titles, &widths));
    for r in rows {
        let mark = if r.scenario_values { " *" } else { "" };
        let cells = [
            lang.plain_number(r.population_elasticity, 2),
            lang.plain_number(r.dwell_exponent, 2),
            with_interval(lang, &r.base_rate, 2),
            lang.plain_number(r.year_uses_model, 0),
            with_interval(lang, &r.plan_2020_clients, 0),
            lang.plain_number(r.plan_2020_uses, 0),
        ];
        let _ = writeln!(out, "{}{mark}", table_line(&cells, &widths));
    }
    let _ = writeln!(out, "  {}", lang.text(Label::SensitivityNote));
    Ok(out)
}

/// The columns of `sensitivity.csv`.
pub(crate) const SENSITIVITY_COLUMNS: [Column; 11] = [
    Column::new("population_elasticity", Label::ParamElasticity),
    Column::new("dwell_exponent", Label::CsvDwellExponent),
    Column::new("scenario_values", Label::CsvScenarioValues),
    Column::new("base_rate", Label::CsvBaseRate),
    Column::new("base_rate_ci95_low", Label::CsvBaseRateLow),
    Column::new("base_rate_ci95_high", Label::CsvBaseRateHigh),
    Column::new("year_uses_model", Label::CsvYearUsesModel),
    Column::new("plan_2020_clients", Label::CsvPlanClients),
    Column::new("plan_2020_clients_ci95_low", Label::CsvPlanClientsLow),
    Column::new("plan_2020_clients_ci95_high", Label::CsvPlanClientsHigh),
    Column::new("plan_2020_uses", Label::CsvPlanUses),
];

/// `sensitivity.csv`: one row per pair of held values.
pub fn render_sensitivity_csv(lang: Lang, rows: &[SensitivityRow]) -> Result<String, RenderError> {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                cell(r.population_elasticity),
                cell(r.dwell_exponent),
                r.scenario_values.to_string(),
                cell(r.base_rate.estimate),
                cell(r.base_rate.ci95_low),
                cell(r.base_rate.ci95_high),
                cell(r.year_uses_model),
                cell(r.plan_2020_clients.estimate),
                cell(r.plan_2020_clients.ci95_low),
                cell(r.plan_2020_clients.ci95_high),
                cell(r.plan_2020_uses),
            ]
        })
        .collect();
    let header = headers(lang, &SENSITIVITY_COLUMNS);
    csv_rows(
        "sensitivity.csv",
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
        &body,
    )
}
