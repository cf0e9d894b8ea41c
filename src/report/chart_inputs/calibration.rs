//! The calibration chart's input from a back-test: the simulated totals against the published figures.

use crate::report::calibration::figure_name;
use crate::report::charts::{CalibrationComparison, CalibrationItem, ObservedSource};
use crate::report::lang::{FillError, Label, Lang};
use crate::stats::Estimate;
use crate::study::calibration::{BacktestReport, StopLogReport};

/// The standard normal's 97.5 % quantile: a group total's 95 % range is its mean ± this many
/// standard deviations (normal approximation of a sum of Poisson or negative-binomial counts).
const NORMAL_97_5: f64 = 1.959_963_984_540_054;

/// One item per back-test row: the simulated mean with its 95 % half-width (precision), one
/// season's 2.5–97.5 % range as the band, and the published figure (its lower end; a "more than"
/// figure is marked as a lower bound).
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
            range: Some((row.simulated.predictive_low, row.simulated.predictive_high)),
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
/// whisker: it is not a simulated mean) with the 95 % range of the group's total under the fitted
/// model as the band, against the log's observed clients.
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
                range: Some((
                    (row.expected - NORMAL_97_5 * row.sd).max(0.0),
                    row.expected + NORMAL_97_5 * row.sd,
                )),
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
