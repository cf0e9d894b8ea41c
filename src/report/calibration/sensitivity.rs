//! The sensitivity table: how the fitted base rate and the predicted 2020 demand move with the two
//! demand parameters the totals cannot identify (population elasticity and dwell exponent).

use std::fmt::Write;

use super::format::{cell, with_interval};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{Label, Lang};
use crate::report::{Column, headers};
use crate::study::calibration::SensitivityRow;

/// The table, with a note on what it shows and the range it covers.
pub fn render_sensitivity_text(rows: &[SensitivityRow], held: &[(String, f64)]) -> String {
    let mut out = String::from(
        "Sensitivity: the totals cannot tell the population elasticity or the dwell exponent apart, so the\n\
         calibration is redone over a range of both (elasticity 0.3–0.7, sub-linear around the assumed 0.5;\n\
         dwell exponent over its whole range, 0 = fixed pool per visit to 1 = proportional to hours).\n",
    );
    let others: Vec<String> = held
        .iter()
        .filter(|(k, _)| k != "population_elasticity" && k != "dwell_exponent")
        .map(|(k, v)| format!("{k} = {v:?}"))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "Other demand parameters as in the scenario ({}).",
            others.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "  {:>10} {:>8}  {:<24} {:>14}  {:<28} {:>14}",
        "elasticity", "dwell^", "base_rate (95 % CI)", "year uses", "2020 plan clients (95 % CI)", "2020 plan uses"
    );
    for r in rows {
        let mark = if r.scenario_values { " *" } else { "" };
        let _ = writeln!(
            out,
            "  {:>10.2} {:>8.2}  {:<24} {:>14.0}  {:<28} {:>14.0}{mark}",
            r.population_elasticity,
            r.dwell_exponent,
            with_interval(&r.base_rate, 2),
            r.year_uses_model,
            with_interval(&r.plan_2020_clients, 0),
            r.plan_2020_uses,
        );
    }
    out.push_str(
        "  * the scenario's own values. year uses: the calibrated model's expectation for the year (published\n",
    );
    out.push_str("    as a check, see the fit table); the 2020 plan is the embedded default scenario.\n");
    out
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
