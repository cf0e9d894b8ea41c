//! The terminal summary of a run: a short table a planner can read at a glance, in either language.

use super::lang::{FillError, Label, Lang};
use crate::experiment::{GroupMetric, SeasonResults, StopMetric};
use crate::stats::Estimate;

/// How many of the busiest stops the terminal summary lists.
const BUSIEST_STOPS_SHOWN: usize = 5;
/// Narrowest stop column of the busiest-stops list, characters (wider when a stop's label needs it).
const STOP_LABEL_WIDTH_MIN: usize = 40;
/// Narrowest label column of the season table, characters (wider when a label needs it).
const LABEL_WIDTH_MIN: usize = 34;

fn pm(lang: Lang, e: Estimate, decimals: usize) -> String {
    if e.ci95.is_finite() {
        format!(
            "{} ± {}",
            lang.plain_number(e.mean, decimals),
            lang.plain_number(e.ci95, decimals)
        )
    } else {
        lang.plain_number(e.mean, decimals)
    }
}

/// Season totals and the busiest stops, with 95 % confidence half-widths, in `lang`.
pub fn render_run_summary(
    lang: Lang,
    name: &str,
    stop_labels: &[String],
    results: &SeasonResults,
) -> Result<String, FillError> {
    let s = &results.season;
    let p = &s.pooled;
    let mut out = Label::RunHeading.fill(
        lang,
        &[
            ("name", name),
            ("stops", &stop_labels.len().to_string()),
            ("replications", &results.replications.to_string()),
        ],
    )?;
    out += "\n\n";
    let percent_sign = match lang {
        Lang::En => " %",
        Lang::Hu => "%",
    };
    let rows = [
        (Label::RunClientsArriving, pm(lang, s.get(GroupMetric::Arrivals), 1)),
        (Label::RunClientsServed, pm(lang, s.get(GroupMetric::Served), 1)),
        (Label::RunUses, pm(lang, s.get(GroupMetric::Uses), 1)),
        (Label::RunLost, pm(lang, s.get(GroupMetric::Lost), 1)),
        (Label::RunMeanWait, pm(lang, p.wait_mean_min, 1)),
        (
            Label::RunWithinTarget,
            format!("{}{percent_sign}", pm(lang, scale(p.share_within_target, 100.0), 1)),
        ),
        (Label::RunClerkHours, pm(lang, s.get(GroupMetric::ClerkHours), 1)),
        (Label::RunOvertime, pm(lang, s.get(GroupMetric::Overtime), 1)),
    ];
    let width = rows
        .iter()
        .map(|(label, _)| lang.text(*label).chars().count())
        .max()
        .unwrap_or(0)
        .max(LABEL_WIDTH_MIN);
    for (label, value) in rows {
        out += &format!("  {:<width$} {value}\n", lang.text(label));
    }
    out += &busiest_stops(lang, stop_labels, results)?;
    Ok(out)
}

fn busiest_stops(lang: Lang, stop_labels: &[String], results: &SeasonResults) -> Result<String, FillError> {
    let mut order: Vec<usize> = (0..results.stops.len()).collect();
    let lost = |i: usize| {
        let s = &results.stops[i];
        s.get(StopMetric::Reneged).mean + s.get(StopMetric::Balked).mean + s.get(StopMetric::TurnedAway).mean
    };
    order.sort_by(|&a, &b| lost(b).total_cmp(&lost(a)).then(a.cmp(&b)));
    let mut out = format!("\n  {}\n", lang.text(Label::RunLosingMost));
    let shown = &order[..order.len().min(BUSIEST_STOPS_SHOWN)];
    let width = shown
        .iter()
        .map(|&i| stop_labels[i].chars().count())
        .max()
        .unwrap_or(0)
        .max(STOP_LABEL_WIDTH_MIN);
    for &i in shown {
        let s = &results.stops[i];
        let line = Label::RunStopLine.fill(
            lang,
            &[
                (
                    "arrivals",
                    &format!("{:>6}", lang.plain_number(s.get(StopMetric::Arrivals).mean, 1)),
                ),
                ("lost", &format!("{:>5}", lang.plain_number(lost(i), 2))),
                (
                    "wait",
                    &format!("{:>5}", lang.plain_number(s.pooled.wait_mean_min.mean, 1)),
                ),
            ],
        )?;
        out += &format!("    {:<width$} {line}\n", stop_labels[i]);
    }
    Ok(out)
}

fn scale(e: Estimate, f: f64) -> Estimate {
    Estimate {
        mean: e.mean * f,
        ci95: e.ci95 * f,
        n: e.n,
    }
}
