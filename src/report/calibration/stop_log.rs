//! The stop-log calibration as a planner reads it: coefficients with standard errors, the dispersion
//! tests, the negative-binomial fit when the counts are over-dispersed, goodness-of-fit tables, errands
//! and the TOML block; and its `calibration.csv` (the coefficients).

use std::fmt::Write;

use super::format::{cell, with_interval};
use crate::calibration::{ChosenModel, CoefficientRow, GroupRow, StopLogCalibration};
use crate::report::RenderError;
use crate::report::csv_rows;
use crate::report::lang::{FillError, Label, Lang};
use crate::report::{Column, headers};
use crate::study::calibration::{PoolLogReport, StopLogReport};

fn model_name(chosen: ChosenModel) -> Label {
    match chosen {
        ChosenModel::Poisson => Label::LogModelPoisson,
        ChosenModel::PoissonAtNegBinBoundary => Label::LogModelPoissonAtBoundary,
        ChosenModel::PoissonShapeNotIdentified => Label::LogModelPoissonShapeNotIdentified,
        ChosenModel::NegativeBinomial => Label::LogModelNegBin,
    }
}

/// `value` with `decimals` decimals and its sign always written (`+1.2`, `-0.3`), with the
/// language's decimal separator: the differences of the goodness-of-fit tables.
fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = format!("{value:+.decimals$}");
    match lang {
        Lang::En => text,
        Lang::Hu => text.replace('.', ","),
    }
}

/// The full terminal report, in `lang`.
pub fn render_stop_log_text(lang: Lang, report: &StopLogReport) -> Result<String, FillError> {
    let c = &report.calibration;
    let n = |x: f64, d: usize| lang.plain_number(x, d);
    let mut out = Label::LogHeading.fill(
        lang,
        &[
            ("file", &report.file),
            ("stops", &report.stops.to_string()),
            ("clients", &report.clients.to_string()),
        ],
    )?;
    out.push('\n');
    for note in &report.notes {
        let _ = writeln!(out, "  {}", Label::LogNote.fill(lang, &[("note", note)])?);
    }
    let _ = writeln!(out, "\n{}", lang.text(Label::LogPoissonHeading));
    coefficient_table(lang, &mut out, &c.poisson.coefficients.rows())?;
    let d = &c.dispersion;
    let verdict = lang.text(if d.over_dispersed {
        Label::LogOverDispersed
    } else {
        Label::LogConsistentWithPoisson
    });
    let dispersion = Label::LogDispersion.fill(
        lang,
        &[
            ("chi2", &n(d.pearson_chi2, 1)),
            ("df", &d.df.to_string()),
            ("ratio", &n(d.dispersion_ratio, 3)),
            ("p", &n(d.p_value, 4)),
            ("verdict", verdict),
        ],
    )?;
    let _ = writeln!(out, "\n{dispersion}");
    let ct = &c.cameron_trivedi;
    let cameron = Label::LogCameronTrivedi.fill(
        lang,
        &[
            ("alpha", &n(ct.alpha, 4)),
            ("se", &n(ct.std_error, 4)),
            ("t", &n(ct.t_value, 2)),
            ("p", &n(ct.p_value, 4)),
        ],
    )?;
    let _ = writeln!(out, "{cameron}");
    if let Some(nb) = &c.negbin {
        let negbin = Label::LogNegBin.fill(
            lang,
            &[
                ("shape", &with_interval(lang, &nb.shape.interval(), 3)),
                ("lr", &n(nb.lr_test.statistic, 2)),
                ("p", &n(nb.lr_test.p_value, 4)),
            ],
        )?;
        let _ = writeln!(out, "\n{negbin}");
        coefficient_table(lang, &mut out, &nb.coefficients.rows())?;
    }
    let chosen = Label::LogParametersFrom.fill(lang, &[("model", lang.text(model_name(c.chosen)))])?;
    let _ = writeln!(out, "\n{chosen}");
    goodness_of_fit(lang, &mut out, c)?;
    if let Some(e) = &report.errands {
        let errands = Label::LogErrands.fill(
            lang,
            &[
                ("errands", &with_interval(lang, &e.errands_per_client, 3)),
                ("information", &with_interval(lang, &e.information_share, 3)),
            ],
        )?;
        let _ = writeln!(out, "\n{errands}");
    }
    pool(lang, &mut out, &report.pool)?;
    let _ = writeln!(out, "\n{}\n\n{}", lang.text(Label::LogTomlBlock), report.toml_block);
    Ok(out)
}

/// The pending-needs pool's fit: each parameter with its profile interval, or "not identified".
fn pool(lang: Lang, out: &mut String, pool: &PoolLogReport) -> Result<(), FillError> {
    let heading = Label::LogPoolHeading.fill(
        lang,
        &[
            ("revisited", &pool.settlements_revisited.to_string()),
            ("settlements", &pool.settlements.to_string()),
            ("capture", &lang.plain_number(pool.capture_hours, 1)),
        ],
    )?;
    let _ = writeln!(out, "\n{heading}");
    let rows = [
        ("accrual_per_year", &pool.accrual_per_year),
        ("flow_share", &pool.flow_share),
        ("leak_per_year", &pool.leak_per_year),
    ];
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, e) in rows {
        let estimate = lang.plain_number(e.estimate, 3);
        let text = match (e.ci95_low, e.ci95_high) {
            (Some(low), Some(high)) => Label::LogPoolIdentified.fill(
                lang,
                &[
                    ("estimate", &estimate),
                    ("low", &lang.plain_number(low, 3)),
                    ("high", &lang.plain_number(high, 3)),
                ],
            )?,
            _ => Label::LogPoolNotIdentified.fill(lang, &[("estimate", &estimate)])?,
        };
        let _ = writeln!(out, "  {key:<width$}  {text}");
    }
    let _ = writeln!(out, "  {}", lang.text(Label::LogPoolNote));
    Ok(())
}

/// Narrowest widths of the coefficient table's columns (term, estimate, std.err, z, p, interval),
/// characters: the English layout; a longer title widens its column.
const COEFFICIENT_WIDTHS: [usize; 6] = [26, 10, 9, 8, 8, 22];

fn coefficient_table(lang: Lang, out: &mut String, rows: &[CoefficientRow]) -> Result<(), FillError> {
    let titles = [
        Label::LogColTerm,
        Label::LogColEstimate,
        Label::LogColStdErr,
        Label::LogColZ,
        Label::LogColP,
        Label::LogColCi95,
    ]
    .map(|l| lang.text(l));
    let [w0, w1, w2, w3, w4, w5] = std::array::from_fn(|i| COEFFICIENT_WIDTHS[i].max(titles[i].chars().count()));
    let _ = writeln!(
        out,
        "  {:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$}  {:<w5$}",
        titles[0], titles[1], titles[2], titles[3], titles[4], titles[5]
    );
    for r in rows {
        let interval = Label::LogInterval.fill(
            lang,
            &[
                ("low", &lang.plain_number(r.ci95_low, 4)),
                ("high", &lang.plain_number(r.ci95_high, 4)),
            ],
        )?;
        let _ = writeln!(
            out,
            "  {:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$}  {interval}",
            r.name,
            lang.plain_number(r.estimate, 4),
            lang.plain_number(r.std_error, 4),
            lang.plain_number(r.z_value, 2),
            lang.plain_number(r.p_value, 4),
        );
    }
    Ok(())
}

/// Narrowest widths of the frequency table's columns (clients, observed, expected), characters.
const FREQUENCY_WIDTHS: [usize; 3] = [12, 9, 9];

fn goodness_of_fit(lang: Lang, out: &mut String, c: &StopLogCalibration) -> Result<(), FillError> {
    let _ = writeln!(out, "\n{}", lang.text(Label::LogGoodnessOfFit));
    let titles = [Label::LogColClients, Label::LogColObserved, Label::LogColExpected].map(|l| lang.text(l));
    let [w0, w1, w2] = std::array::from_fn(|i| FREQUENCY_WIDTHS[i].max(titles[i].chars().count()));
    let _ = writeln!(out, "  {:<w0$} {:>w1$} {:>w2$}", titles[0], titles[1], titles[2]);
    for r in &c.frequencies {
        let _ = writeln!(
            out,
            "  {:<w0$} {:>w1$} {:>w2$}",
            r.bin,
            r.observed,
            lang.plain_number(r.expected, 1)
        );
    }
    group_rows(lang, out, lang.text(Label::LogByVenue), &c.by_venue)?;
    group_rows(lang, out, lang.text(Label::LogByFittedMean), &c.by_fitted_mean)
}

/// Narrowest widths of the group tables' columns (group, stops, observed, expected, difference,
/// standardized), characters.
const GROUP_WIDTHS: [usize; 6] = [22, 6, 9, 9, 10, 12];

fn group_rows(lang: Lang, out: &mut String, by: &str, rows: &[GroupRow]) -> Result<(), FillError> {
    let _ = writeln!(out, "\n{}", Label::LogClientsBy.fill(lang, &[("by", by)])?);
    let titles = [
        Label::LogColGroup,
        Label::LogColStops,
        Label::LogColObserved,
        Label::LogColExpected,
        Label::LogColDifference,
        Label::LogColStandardized,
    ]
    .map(|l| lang.text(l));
    let [w0, w1, w2, w3, w4, w5] = std::array::from_fn(|i| GROUP_WIDTHS[i].max(titles[i].chars().count()));
    let _ = writeln!(
        out,
        "  {:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$} {:>w5$}",
        titles[0], titles[1], titles[2], titles[3], titles[4], titles[5]
    );
    for r in rows {
        let _ = writeln!(
            out,
            "  {:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$} {:>w5$}",
            r.group,
            r.stops,
            lang.plain_number(r.observed, 0),
            lang.plain_number(r.expected, 1),
            signed(lang, r.difference, 1),
            signed(lang, r.standardized, 2)
        );
    }
    Ok(())
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
