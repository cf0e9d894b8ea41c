//! Parameter-uncertainty renderers: the terminal block and `parameter_uncertainty.csv` (one row per season metric).

use super::RenderError;
use super::csv::{Column, csv_table, headers};
use super::lang::{FillError, Label, Lang};
use super::number::csv_cell;
use crate::calibration::SamplingSource;
use crate::experiment::GroupMetric;
use crate::study::InputUncertaintyStudy;

/// The season metrics the terminal block shows (the run summary's headline rows).
const SHOWN: [(GroupMetric, Label, usize); 7] = [
    (GroupMetric::Arrivals, Label::RunClientsArriving, 0),
    (GroupMetric::Served, Label::RunClientsServed, 0),
    (GroupMetric::Uses, Label::RunUses, 0),
    (GroupMetric::Lost, Label::RunLost, 0),
    (GroupMetric::WaitMean, Label::RunMeanWait, 1),
    (GroupMetric::ClerkHours, Label::RunClerkHours, 0),
    (GroupMetric::Overtime, Label::RunOvertime, 0),
];

/// The columns of `parameter_uncertainty.csv`.
const COLUMNS: [Column; 9] = [
    Column::new("metric", Label::ColMetric),
    Column::new("mean", Label::ParamColMean),
    Column::new("param_p05", Label::ParamColP05),
    Column::new("param_p95", Label::ParamColP95),
    Column::new("parameter_share", Label::ParamColShare),
    Column::new("between_draws_sd", Label::ParamColBetween),
    Column::new("within_draw_sd", Label::ParamColWithin),
    Column::new("draws", Label::ParamColDraws),
    Column::new("inner_replications", Label::ParamColInner),
];

/// Which fit, in words.
fn source_text(lang: Lang, study: &InputUncertaintyStudy) -> Result<String, FillError> {
    let label = match study.source {
        SamplingSource::Totals => Label::ParamSourceTotals,
        SamplingSource::StopLog => Label::ParamSourceStopLog,
    };
    label.fill(lang, &[("origin", &study.origin)])
}

/// The terminal block: the heading (draws, replications, fit), one line per headline metric with its
/// range including parameter uncertainty and the parameters' share of the variance, and a note.
pub fn render_parameter_uncertainty(lang: Lang, study: &InputUncertaintyStudy) -> Result<String, FillError> {
    let r = &study.results;
    let mut out = Label::ParamHeading.fill(
        lang,
        &[
            ("draws", &r.draws.to_string()),
            ("inner", &r.inner_replications.to_string()),
            ("source", &source_text(lang, study)?),
        ],
    )?;
    out += "\n";
    let width = SHOWN
        .iter()
        .map(|(_, label, _)| lang.text(*label).chars().count())
        .max()
        .unwrap_or(0);
    let ranges: Vec<String> = SHOWN
        .iter()
        .map(|&(metric, _, decimals)| {
            r.get(metric).range.map_or_else(String::new, |g| {
                format!(
                    "{} – {}",
                    lang.plain_number(g.p05, decimals),
                    lang.plain_number(g.p95, decimals)
                )
            })
        })
        .collect();
    let range_title = lang.text(Label::ParamColRangeTerminal);
    let range_width = ranges
        .iter()
        .map(|r| r.chars().count())
        .chain([range_title.chars().count()])
        .max()
        .unwrap_or(0);
    out += &format!(
        "  {:<width$} {range_title:<range_width$}   {}\n",
        "",
        lang.text(Label::ParamColShare)
    );
    for ((metric, label, _), range) in SHOWN.into_iter().zip(ranges) {
        let spread = r.get(metric);
        let share = spread
            .parameter_share
            .map_or_else(String::new, |s| format!("{} %", lang.plain_number(100.0 * s, 0)));
        let share = match lang {
            Lang::En => share,
            Lang::Hu => share.replace(" %", "%"),
        };
        out += format!("  {:<width$} {range:<range_width$}   {share}", lang.text(label)).trim_end();
        out += "\n";
    }
    out += &format!("\n  {}\n", lang.text(Label::ParamNote));
    Ok(out)
}

/// `parameter_uncertainty.csv`: one row per season metric (headers in `lang`).
pub fn render_parameter_uncertainty_csv(lang: Lang, study: &InputUncertaintyStudy) -> Result<String, RenderError> {
    let r = &study.results;
    csv_table("parameter_uncertainty.csv", |w| {
        w.write_record(headers(lang, &COLUMNS))?;
        for spread in &r.season {
            let (p05, p95) = spread
                .range
                .map_or((String::new(), String::new()), |g| (csv_cell(g.p05), csv_cell(g.p95)));
            w.write_record([
                spread.metric.to_string(),
                csv_cell(spread.mean),
                p05,
                p95,
                spread.parameter_share.map_or_else(String::new, csv_cell),
                csv_cell(spread.between_draws_sd),
                csv_cell(spread.within_draw_sd),
                r.draws.to_string(),
                r.inner_replications.to_string(),
            ])?;
        }
        Ok(())
    })
}
