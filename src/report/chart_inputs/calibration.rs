//! The calibration chart's input from a back-test: the simulated totals against the published figures.

use crate::report::calibration::figure_name;
use crate::report::charts::{CalibrationComparison, CalibrationItem, ObservedSource};
use crate::report::lang::{FillError, Label, Lang};
use crate::stats::Estimate;
use crate::study::calibration::{BacktestReport, StopLogReport};

/// One item per back-test row: the simulated mean with its 95 % half-width, and the published
/// figure (its lower end; a "more than" figure is marked as a lower bound).
pub fn calibration_input(lang: Lang, backtest: &BacktestReport) -> Result<CalibrationComparison, FillError> {
    let items = backtest
        .rows
        .iter()
        .map(|row| CalibrationItem {
            label: figure_name(lang, row.target, true).to_string(),
            model: Estimate {
                mean: row.simulated.mean,
                ci95: row.simulated.ci95,
                n: u64::from(backtest.replications),
            },
            target: row.published_low as f64,
            target_is_lower_bound: row.published_high > row.published_low,
        })
        .collect();
    let subtitle = Label::CalibrationBacktestSubtitle.fill(
        lang,
        &[
            ("replications", &backtest.replications.to_string()),
            ("seed", &backtest.seed.to_string()),
        ],
    )?;
    Ok(CalibrationComparison {
        observed: ObservedSource::Published2019,
        subtitle: Some(subtitle),
        items,
    })
}

/// One item per group of stops by fitted mean: the model's expected clients (Σ fitted means; no
/// whisker) against the log's observed clients.
pub fn stop_log_calibration_input(lang: Lang, report: &StopLogReport) -> Result<CalibrationComparison, FillError> {
    let items = report
        .calibration
        .by_fitted_mean
        .iter()
        .map(|row| {
            Ok(CalibrationItem {
                // "μ̂" (a combining circumflex) does not render in the chart's bitmap text: spell it out.
                label: Label::CalibrationStopLogGroup.fill(
                    lang,
                    &[
                        (
                            "group",
                            &row.group
                                .replace("μ̂", &format!("{} ", lang.text(Label::CalibrationFitted))),
                        ),
                        ("stops", &row.stops.to_string()),
                    ],
                )?,
                model: Estimate {
                    mean: row.expected,
                    ci95: f64::NAN,
                    n: row.stops as u64,
                },
                target: row.observed,
                target_is_lower_bound: false,
            })
        })
        .collect::<Result<_, FillError>>()?;
    let subtitle = Label::CalibrationStopLogSubtitle
        .fill(lang, &[("file", &report.file), ("stops", &report.stops.to_string())])?;
    Ok(CalibrationComparison {
        observed: ObservedSource::StopLog,
        subtitle: Some(subtitle),
        items,
    })
}
